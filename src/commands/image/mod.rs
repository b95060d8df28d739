//! `idp image set|latest`: the image an app runs in an environment. One file per verb, each
//! with its arguments.

mod latest;
mod set;

use clap::Subcommand;

use crate::ctx::Ctx;

#[derive(Debug, Subcommand)]
pub enum ImageCommand {
    /// Pin an app's image in one environment by digest (CI's write-back after a build), as a
    /// change: the overlay edited in place and a record in .idp/records/promotions/APP/ENV/
    Set(set::SetArgs),
    /// The newest image in ECR whose tag matches an environment's pattern (dev: a git SHA;
    /// others: `<env>-<sha7>`)
    Latest(latest::LatestArgs),
}

pub fn run(ctx: &Ctx, cmd: ImageCommand) -> anyhow::Result<()> {
    match cmd {
        ImageCommand::Set(args) => set::run(ctx, args),
        ImageCommand::Latest(args) => latest::run(ctx, args),
    }
}
