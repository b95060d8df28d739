//! `idp runbook lint [DIR]`: every runbook checked (exit 3 with file:line).

use clap::Args;

use crate::ctx::Ctx;
use crate::docs::runbook;
use crate::platform::WorkTree;

#[derive(Debug, Args)]
pub struct LintArgs {
    /// A directory holding `runbooks/` (default: the platform repo)
    pub dir: Option<std::path::PathBuf>,
}

pub fn run(ctx: &Ctx, args: LintArgs) -> anyhow::Result<()> {
    let dir = args.dir;
    let root = match &dir {
        Some(d) => ctx.cwd.join(d),
        None => ctx.root()?.to_path_buf(),
    };
    let findings = runbook::lint(&WorkTree::new(&root))?;
    super::super::lint_result(ctx, &findings, "every runbook passes")
}
