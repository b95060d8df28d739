//! `idp image set APP --env ENV --digest D`: an app's image pinned in one environment by
//! digest (CI's write-back after a build), as a change.

use clap::Args;
use serde_json::json;

use crate::changeset::{self, Options};
use crate::cli::ChangeArgs;
use crate::ctx::Ctx;
use crate::platform::images::{self, ImageSet};

#[derive(Debug, Args)]
pub struct SetArgs {
    /// The app
    #[arg(add = crate::commands::complete::apps())]
    pub app: String,
    /// The environment whose overlay is edited
    #[arg(long, add = crate::commands::complete::envs())]
    pub env: String,
    /// The image digest, `sha256:<64 hex>`
    #[arg(long)]
    pub digest: String,
    /// The tag the digest was pushed with (recorded; the overlay pins the digest)
    #[arg(long)]
    pub tag: Option<String>,
    /// Replace a rollback of this environment (refused otherwise)
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub change: ChangeArgs,
}

pub fn run(ctx: &Ctx, args: SetArgs) -> anyhow::Result<()> {
    let SetArgs {
        app,
        env,
        digest,
        tag,
        force,
        change,
    } = args;
    let change: Options = (&change).into();
    let req = ImageSet {
        app,
        env,
        digest,
        tag,
        force,
        actor: ctx.actor(),
        time: crate::infra::clock::now(),
    };
    let outcome = changeset::run_with(ctx, &change, &mut |base| images::set(base, &req))?;
    let mut extra = serde_json::Map::new();
    extra.insert("digest".into(), json!(req.digest));
    changeset::report::report_with(ctx, &outcome, change.detailed_exitcode, extra)
}
