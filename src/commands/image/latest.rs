//! `idp image latest APP [--env ENV]`: the newest image in ECR whose tag matches the
//! environment's pattern, and whether it is the one deployed.

use clap::Args;
use serde_json::json;

use crate::ctx::Ctx;
use crate::error::IdpError;
use crate::platform::images;
use crate::platform::{Source, WorkTree, load_config};

#[derive(Debug, Args)]
pub struct LatestArgs {
    /// The app
    #[arg(add = crate::commands::complete::apps())]
    pub app: String,
    /// The environment whose tag pattern to match
    #[arg(long, default_value = "dev", add = crate::commands::complete::envs())]
    pub env: String,
}

pub fn run(ctx: &Ctx, args: LatestArgs) -> anyhow::Result<()> {
    let LatestArgs { app, env } = args;
    let tree = WorkTree::new(ctx.root()?);
    let file = images::overlay_path(&app, &env);
    let Some(text) = tree.read(&file)? else {
        return Err(IdpError::usage(format!(
            "app `{app}` has no overlay for environment `{env}` (`{file}`)"
        )));
    };
    let pin = images::pinned(&text, &app, &file)?;
    let config = load_config(&tree)?;
    let ecr = ctx.ecr(&pin.name, config.registry.region.as_deref())?;
    let pattern = images::tag_pattern(&env);
    let Some((digest, tag, pushed)) = ecr.latest(&|t| pattern.is_match(t))? else {
        return Err(IdpError::usage(format!(
            "no image of `{}` has a tag matching `{}`",
            pin.name,
            pattern.as_str()
        )));
    };
    let found = json!({
        "app": app,
        "env": env,
        "image": pin.name,
        "digest": digest,
        "tag": tag,
        "pushed_at": crate::infra::clock::rfc3339(pushed),
        "deployed": pin.digest == digest,
    });
    ctx.printer.data(&found, || {
        format!(
            "{}@{digest} ({tag}, pushed {}){}\n",
            pin.name,
            crate::infra::clock::rfc3339(pushed),
            if pin.digest == digest {
                ", deployed"
            } else {
                ""
            }
        )
    })
}
