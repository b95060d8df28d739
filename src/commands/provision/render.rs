//! `idp provision render [--check|--fix]`: generated files against a fresh render.

use clap::Args;

use crate::changeset::{self, Changeset, Options};
use crate::cli::ChangeArgs;
use crate::ctx::Ctx;
use crate::error::{Finding, IdpError};
use crate::platform::apps::ordered_envs;
use crate::platform::{Source, WorkTree, load_config};
use crate::requests::produce::drift;

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Exit 5 when a generated file differs from a fresh render (a hand edit, a stale render)
    #[arg(long, conflicts_with = "fix")]
    pub check: bool,
    /// Heal the differences through a pull request
    #[arg(long)]
    pub fix: bool,
    #[command(flatten)]
    pub change: ChangeArgs,
}

pub fn run(ctx: &Ctx, args: RenderArgs) -> anyhow::Result<()> {
    let change: &Options = &(&args.change).into();
    let (check, fix) = (args.check, args.fix);
    if fix {
        let outcome = changeset::run_with(ctx, change, &mut |source| {
            let (drifts, want) = drift(source, &load_config(source)?, &ordered_envs(source)?)?;
            let mut cs = Changeset::new("render", "fix", "provision:render");
            cs.title = "Re-render generated files from their requests".into();
            cs.body = drifts
                .iter()
                .map(|d| format!("- `{}` ({})\n", d.path, d.status))
                .collect();
            for d in &drifts {
                cs.files.insert(d.path.clone(), want.get(&d.path).cloned());
            }
            Ok(cs)
        })?;
        return changeset::report::report(ctx, &outcome, change.detailed_exitcode);
    }
    let tree = WorkTree::new(ctx.root()?);
    let source: &dyn Source = &tree;
    let (drifts, _) = drift(source, &load_config(source)?, &ordered_envs(source)?)?;
    ctx.printer.data(&drifts, || {
        drifts
            .iter()
            .map(|d| format!("{}\t{}\n", d.status, d.path))
            .collect()
    })?;
    if drifts.is_empty() {
        ctx.printer
            .status("Clean", "every generated file matches its request");
        return Ok(());
    }
    // Under GitHub Actions each drifted file is an annotation (an error when `--check` fails).
    let findings: Vec<Finding> = drifts
        .iter()
        .map(|d| {
            let f = Finding::error(&d.path, 1, 1).rule("render/drift");
            let f = if check { f } else { f.warning() };
            f.message(format!(
                "`{}` is {} against a fresh render of its request; `idp provision render --fix` \
                 heals it",
                d.path, d.status
            ))
        })
        .collect();
    ctx.printer.annotate(&findings);
    ctx.printer.warn(format!(
        "{} generated file(s) differ from a fresh render; `idp provision render --fix` heals them",
        drifts.len()
    ));
    if check {
        return Err(IdpError::ChangesPending.into());
    }
    Ok(())
}
