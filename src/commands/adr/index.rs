//! `idp adr index [--check]`: the index table of adrs/README.md regenerated, as a change (or
//! exit 5 when it is out of date).

use clap::Args;

use crate::changeset::{self, Changeset, Options};
use crate::cli::ChangeArgs;
use crate::ctx::Ctx;
use crate::docs::adr::{self, INDEX};
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
    let change: Options = (&args.change).into();
    if args.check {
        let tree = WorkTree::new(ctx.root()?);
        let (adrs, _) = adr::load(&tree)?;
        let current = tree.read(INDEX)?.unwrap_or_default();
        let want = adr::with_index(&current, &adr::index_table(&adrs));
        if want == current {
            ctx.printer
                .status("Clean", format!("`{INDEX}` is up to date"));
            return Ok(());
        }
        let plan = crate::changeset::plan::file_diff(
            INDEX,
            crate::changeset::plan::FileStatus::Modified,
            &current,
            &want,
        );
        ctx.printer.data(&plan, || plan.diff.clone())?;
        ctx.printer
            .annotate(&[crate::error::Finding::error(INDEX, 1, 1)
                .rule("index/drift")
                .message(format!(
                    "`{INDEX}` is out of date; `idp adr index` regenerates it"
                ))]);
        ctx.printer.warn(format!(
            "`{INDEX}` is out of date; `idp adr index` regenerates it"
        ));
        return Err(IdpError::ChangesPending.into());
    }
    let outcome = changeset::run_with(ctx, &change, &mut |source| {
        let (adrs, _) = adr::load(source)?;
        let current = source.read(INDEX)?.unwrap_or_default();
        let mut cs = Changeset::new("adr", "index", "adr:index");
        cs.title = "Regenerate the ADR index".into();
        cs.write(INDEX, adr::with_index(&current, &adr::index_table(&adrs)));
        Ok(cs)
    })?;
    changeset::report::report(ctx, &outcome, change.detailed_exitcode)
}
