//! `idp upgrade [APP_REPO]`: re-apply a newer golden path version to an app repository.

use std::path::PathBuf;

use clap::Args;

use crate::cli::ChangeArgs;
use crate::ctx::Ctx;
use crate::platform::upgrade;

#[derive(Debug, Args)]
pub struct UpgradeArgs {
    /// A clone of the app repository (default: the current directory)
    #[arg(default_value = ".")]
    pub repo: PathBuf,
    /// Exit 5 when a newer golden path version is available, 0 when up to date
    #[arg(long)]
    pub check: bool,
    #[command(flatten)]
    pub change: ChangeArgs,
}

pub fn run(ctx: &Ctx, args: UpgradeArgs) -> anyhow::Result<()> {
    upgrade::run(
        ctx,
        &ctx.cwd.join(&args.repo),
        args.check,
        &(&args.change).into(),
    )
}
