//! `idp upgrade [APP_REPO]`: re-apply a newer golden path version to an app repository.

use crate::cli::UpgradeArgs;
use crate::ctx::Ctx;
use crate::platform::upgrade;

pub fn run(ctx: &Ctx, args: UpgradeArgs) -> anyhow::Result<()> {
    upgrade::run(
        ctx,
        &ctx.cwd.join(&args.repo),
        args.check,
        &(&args.change).into(),
    )
}
