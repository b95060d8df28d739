//! `idp backstage templates [--check | --out DIR]`: the Backstage templates as a change to the
//! platform repo, a drift check, or plain files in a directory.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;
use serde_json::json;

use crate::backstage;
use crate::changeset::{self, Options};
use crate::cli::ChangeArgs;
use crate::ctx::Ctx;
use crate::error::IdpError;
use crate::platform::{GitTree, WorkTree};

#[derive(Debug, Args)]
pub struct TemplatesArgs {
    /// Exit 5 when the committed templates differ from a fresh generation; write nothing
    #[arg(long, conflicts_with = "out")]
    pub check: bool,
    /// Write the files into this directory instead (no git, no pull request)
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub change: ChangeArgs,
}

pub fn run(ctx: &Ctx, args: TemplatesArgs) -> anyhow::Result<()> {
    let TemplatesArgs { check, out, change } = args;
    let change: Options = (&change).into();
    // The CLI's commands as plain data: the promote, rollback and ADR templates' forms.
    let commands = crate::commands::mcp::tool_specs()?;
    if check {
        let tree = WorkTree::new(ctx.root()?);
        let files = backstage::generate(&tree, &commands)?;
        let drift = backstage::drift(&tree, &files)?;
        if drift.is_empty() {
            ctx.printer.status(
                "Clean",
                format!("{} Backstage files are up to date", files.len()),
            );
            return ctx.printer.data(&drift, String::new);
        }
        ctx.printer
            .data(&drift, || drift.iter().map(|f| f.diff.as_str()).collect())?;
        ctx.printer.warn(format!(
            "{} Backstage file(s) are out of date; `idp backstage templates` regenerates them",
            drift.len()
        ));
        return Err(IdpError::ChangesPending.into());
    }
    let repo = ctx.repo()?;
    let base = changeset::resolve_base(repo, &change)?;
    let source = GitTree::new(repo, base.tree()?);
    let files = backstage::generate(&source, &commands)?;
    if let Some(out) = out {
        let dir = ctx.cwd.join(&out);
        for (path, text) in &files {
            // Every file stays inside `--out`, whatever a (platform) template named it.
            let p = crate::input::confined(&dir, path).ok_or_else(|| {
                IdpError::usage(format!(
                    "refusing to write `{path}`: it is not inside `--out {}`",
                    out.display()
                ))
            })?;
            if let Some(parent) = p.parent() {
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create `{}`", parent.display()))?;
            }
            std::fs::write(&p, text).with_context(|| format!("cannot write `{}`", p.display()))?;
        }
        ctx.printer.status(
            "Wrote",
            format!("{} files into `{}`", files.len(), out.display()),
        );
        return ctx.printer.data(
            &json!({"out": out, "files": files.keys().collect::<Vec<_>>()}),
            String::new,
        );
    }
    let outcome = changeset::run_with(ctx, &change, &mut |source| {
        backstage::changeset(source, &backstage::generate(source, &commands)?)
    })?;
    changeset::report::report(ctx, &outcome, change.detailed_exitcode)
}
