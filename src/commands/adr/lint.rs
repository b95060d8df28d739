//! `idp adr lint [DIR]`: every ADR checked, numbers also against the base branch (exit 3 with
//! file:line).

use clap::Args;

use crate::changeset::{self, Options};
use crate::ctx::Ctx;
use crate::docs::adr;
use crate::platform::{GitTree, Source, WorkTree};

#[derive(Debug, Args)]
pub struct LintArgs {
    /// A directory holding `adrs/` (default: the platform repo)
    pub dir: Option<std::path::PathBuf>,
}

pub fn run(ctx: &Ctx, args: LintArgs) -> anyhow::Result<()> {
    let root = match &args.dir {
        Some(d) => ctx.cwd.join(d),
        None => ctx.root()?.to_path_buf(),
    };
    let tree = WorkTree::new(&root);
    let repo = git2::Repository::open(&root).ok();
    let base_commit = repo.as_ref().and_then(|r| {
        changeset::resolve_base(r, &Options::default())
            .ok()
            .and_then(|b| b.commit.map(|c| c.id()))
    });
    let base_tree = match (&repo, base_commit) {
        (Some(r), Some(id)) => Some(GitTree::new(r, Some(r.find_commit(id)?.tree()?))),
        _ => None,
    };
    let known: Vec<String> = tree
        .files("runbooks")?
        .iter()
        .filter_map(|p| p.rsplit('/').next())
        .filter(|n| n.starts_with("RB-"))
        .filter_map(|n| n.get(..7).map(str::to_string))
        .collect();
    let findings = adr::lint(&tree, base_tree.as_ref().map(|t| t as &dyn Source), &known)?;
    super::super::lint_result(ctx, &findings, "every ADR passes")
}
