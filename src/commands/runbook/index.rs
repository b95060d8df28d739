//! `idp runbook index [--check]`: the index table of runbooks/README.md regenerated, as a
//! change (or exit 5 when it is out of date).

use clap::Args;

use crate::changeset::{self, Changeset, Options};
use crate::cli::ChangeArgs;
use crate::ctx::Ctx;
use crate::docs::runbook::{self, INDEX};
use crate::error::IdpError;
use crate::platform::{Source, WorkTree};

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Exit 5 when the committed index differs (drift), write nothing
    #[arg(long)]
    pub check: bool,
    #[command(flatten)]
    pub change: ChangeArgs,
}

pub fn run(ctx: &Ctx, args: IndexArgs) -> anyhow::Result<()> {
    let IndexArgs { check, change } = args;
    let change: Options = (&change).into();
    if check {
        let tree = WorkTree::new(ctx.root()?);
        let (runbooks, _) = runbook::load(&tree)?;
        let current = tree.read(INDEX)?.unwrap_or_default();
        if runbook::with_index(&current, &runbook::index_table(&runbooks)) == current {
            ctx.printer
                .status("Clean", format!("`{INDEX}` is up to date"));
            return Ok(());
        }
        ctx.printer
            .annotate(&[crate::error::Finding::error(INDEX, 1, 1)
                .rule("index/drift")
                .message(format!(
                    "`{INDEX}` is out of date; `idp runbook index` regenerates it"
                ))]);
        ctx.printer.warn(format!(
            "`{INDEX}` is out of date; `idp runbook index` regenerates it"
        ));
        return Err(IdpError::ChangesPending.into());
    }
    let outcome = changeset::run_with(ctx, &change, &mut |source| {
        let (runbooks, _) = runbook::load(source)?;
        let current = source.read(INDEX)?.unwrap_or_default();
        let mut cs = Changeset::new("runbook", "index", "runbook:index");
        cs.title = "Regenerate the runbook index".into();
        cs.write(
            INDEX,
            runbook::with_index(&current, &runbook::index_table(&runbooks)),
        );
        Ok(cs)
    })?;
    changeset::report::report(ctx, &outcome, change.detailed_exitcode)
}
