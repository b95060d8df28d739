//! `idp golden-path eject NAME`: an embedded golden path copied into the platform repo, as a
//! change, to customise it.

use clap::Args;

use crate::cli::ChangeArgs;
use crate::ctx::Ctx;
use crate::golden;

#[derive(Debug, Args)]
pub struct EjectArgs {
    /// Golden path name
    #[arg(add = crate::commands::complete::templates())]
    pub name: String,
    #[command(flatten)]
    pub change: ChangeArgs,
}

pub fn run(ctx: &Ctx, args: EjectArgs) -> anyhow::Result<()> {
    let change: crate::changeset::Options = (&args.change).into();
    let outcome = crate::changeset::run_with(ctx, &change, &mut |source| {
        golden::eject(source, &args.name)
    })?;
    crate::changeset::report::report(ctx, &outcome, change.detailed_exitcode)
}
