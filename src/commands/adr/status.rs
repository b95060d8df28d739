//! `idp adr status ADR STATUS [--by M]`: an ADR's status changed (both ADRs when superseded),
//! as a change.

use clap::Args;

use crate::changeset::{self, Options};
use crate::cli::ChangeArgs;
use crate::ctx::Ctx;
use crate::docs::adr;

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// ADR number
    pub adr: String,
    /// proposed | accepted | deprecated | superseded | rejected
    pub status: String,
    /// The ADR that supersedes this one
    #[arg(long, value_name = "ADR")]
    pub by: Option<String>,
    #[command(flatten)]
    pub change: ChangeArgs,
}

pub fn run(ctx: &Ctx, args: StatusArgs) -> anyhow::Result<()> {
    let change: Options = (&args.change).into();
    let outcome = changeset::run_with(ctx, &change, &mut |source| {
        adr::set_status(source, &args.adr, &args.status, args.by.as_deref())
    })?;
    changeset::report::report(ctx, &outcome, change.detailed_exitcode)
}
