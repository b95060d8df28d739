//! `idp provision delete ID`: a pull request removing a request and what it generated.

use clap::Args;

use crate::changeset::{self, Options};
use crate::cli::ChangeArgs;
use crate::ctx::Ctx;
use crate::platform::apps::ordered_envs;
use crate::platform::load_config;
use crate::requests::produce::delete;

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// Request id, e.g. S3-0001
    #[arg(add = crate::commands::complete::requests())]
    pub id: String,
    /// Confirm destroying a production database: `--break-glass "destroy RDS-0001"`
    #[arg(long, value_name = "CONFIRMATION")]
    pub break_glass: Option<String>,
    #[command(flatten)]
    pub change: ChangeArgs,
}

pub fn run(ctx: &Ctx, args: DeleteArgs) -> anyhow::Result<()> {
    let change: &Options = &(&args.change).into();
    let (id, break_glass) = (args.id.as_str(), args.break_glass.as_deref());
    let outcome = changeset::run_with(ctx, change, &mut |source| {
        delete(
            source,
            &load_config(source)?,
            &ordered_envs(source)?,
            id,
            break_glass,
        )
    })?;
    changeset::report::report(ctx, &outcome, change.detailed_exitcode)
}
