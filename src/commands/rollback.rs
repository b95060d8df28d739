//! `idp rollback`: an environment back to the image before the current one, or to a named
//! promotion or digest.

use clap::Args;

use crate::changeset::{self, Options};
use crate::cli::ChangeArgs;
use crate::ctx::Ctx;
use crate::infra::clock;
use crate::platform::promote::{self, RollbackRequest};

use super::promote::run_record;

#[derive(Debug, Args)]
pub struct RollbackArgs {
    /// The app
    #[arg(add = crate::commands::complete::apps())]
    pub app: String,
    /// The environment to roll back
    #[arg(long, add = crate::commands::complete::envs())]
    pub env: String,
    /// A promotion record id (`P-0003`) or a digest (default: the image before the current one)
    #[arg(long, value_name = "ID|DIGEST")]
    pub to: Option<String>,
    /// Why (recorded, and in the pull request)
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    #[command(flatten)]
    pub change: ChangeArgs,
}

pub fn run(ctx: &Ctx, args: RollbackArgs) -> anyhow::Result<()> {
    let change: Options = (&args.change).into();
    let req = RollbackRequest {
        app: args.app,
        env: args.env,
        to: args.to,
        reason: args.reason,
        actor: ctx.actor(),
        time: clock::now(),
    };
    let mut change = change;
    change.record = Some(run_record(
        "rollback", &req.env, &req.app, &req.actor, &req.time,
    ));
    let outcome = changeset::run_with(ctx, &change, &mut |base| promote::rollback(base, &req))?;
    changeset::report::report(ctx, &outcome, change.detailed_exitcode)
}
