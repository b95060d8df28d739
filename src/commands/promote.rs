//! `idp promote`: an image from one environment to the next, checked and tagged in the
//! registry.

use clap::Args;
use serde_json::json;

use crate::changeset::records::RunRecord;
use crate::changeset::{self, Changeset, Options};
use crate::cli::ChangeArgs;
use crate::ctx::Ctx;
use crate::infra::aws::{EcrRepo, Tagged};
use crate::infra::clock;
use crate::platform::promote::{self, PromoteRequest};
use crate::platform::{GitTree, load_config};

#[derive(Debug, Args)]
pub struct PromoteArgs {
    /// The app
    #[arg(add = crate::commands::complete::apps())]
    pub app: String,
    /// The target environment
    #[arg(long, add = crate::commands::complete::envs())]
    pub to: String,
    /// The source environment (default: the one before the target in the promotion order)
    #[arg(long)]
    pub from: Option<String>,
    /// Why environments in between are skipped (each must allow it)
    #[arg(long, value_name = "TEXT")]
    pub skip_reason: Option<String>,
    /// Make no registry calls (offline): the digest is not checked in ECR and not tagged
    #[arg(long)]
    pub no_registry: bool,
    #[command(flatten)]
    pub change: ChangeArgs,
}

pub fn run(ctx: &Ctx, args: PromoteArgs) -> anyhow::Result<()> {
    let change: Options = (&args.change).into();
    let now = clock::unix_now();
    let req = PromoteRequest {
        app: args.app,
        to: args.to,
        from: args.from,
        skip_reason: args.skip_reason,
        actor: ctx.actor(),
        time: clock::rfc3339(now),
        now,
    };
    // The registry: the digest must exist and an immutable tag must not name another image
    // (checked before anything is written, on every attempt); the tag is put on the image once
    // the change is made (a rerun retries a failed tag). Nothing at all with --no-registry.
    let mut registry = json!("skipped (--no-registry)");
    let mut ecr = None;
    let mut moved = None;
    if args.no_registry {
        ctx.printer
            .warn("--no-registry: the digest is not checked in ECR and not tagged");
    }
    let mut change = change;
    change.record = Some(run_record(
        "promote", &req.to, &req.app, &req.actor, &req.time,
    ));
    let mut produce = |source: &GitTree<'_>| -> anyhow::Result<Changeset> {
        let (mut cs, m) = promote::promote(source, &req)?;
        if args.no_registry {
            cs.body.push_str("\nRegistry: skipped (`--no-registry`).\n");
        } else {
            let config = load_config(source)?;
            let client = ctx.ecr(&m.image, config.registry.region.as_deref())?;
            if client.manifest(&m.digest)?.is_none() {
                return Err(crate::error::IdpError::usage(format!(
                    "the image `{}@{}` is not in ECR: nothing to promote",
                    m.image, m.digest
                )));
            }
            if let (Some(tag), true) = (&m.tag, m.tag_images)
                && client.tag_conflict(&m.digest, tag)?
            {
                return Err(crate::error::IdpError::usage(format!(
                    "ECR repository `{}` has immutable tags and `{tag}` already names another \
                     image: promote a new build, or delete the tag first",
                    EcrRepo::parse(&m.image, None).name
                )));
            }
            registry = json!({"verified": m.digest});
            ecr = Some(client);
        }
        moved = Some(m);
        Ok(cs)
    };
    let outcome = changeset::run_with(ctx, &change, &mut produce)?;
    let moved = moved.ok_or_else(|| anyhow::anyhow!("the promotion was not made"))?;
    if let (Some(client), Some(tag), true) = (&ecr, &moved.tag, moved.tag_images) {
        if change.dry_run {
            ctx.printer
                .status("Would tag", format!("{}:{tag}", moved.image));
        } else {
            let how = client.tag(&moved.digest, tag)?;
            ctx.printer.status(
                "Tagged",
                format!(
                    "{}:{tag}{}",
                    moved.image,
                    if how == Tagged::AlreadyThere {
                        " (already)"
                    } else {
                        ""
                    }
                ),
            );
            registry = json!({"verified": moved.digest, "tagged": tag});
        }
    }
    let mut extra = serde_json::Map::new();
    extra.insert("app".into(), json!(req.app));
    extra.insert("to".into(), json!(req.to));
    extra.insert("digest".into(), json!(moved.digest));
    extra.insert("registry".into(), registry);
    changeset::report::report_with(ctx, &outcome, change.detailed_exitcode, extra)
}

/// This command's run, recorded by the pipeline with the change (see [`RunRecord`]).
pub(super) fn run_record(phase: &str, env: &str, app: &str, actor: &str, start: &str) -> RunRecord {
    RunRecord {
        phase: phase.into(),
        env: env.into(),
        app: app.into(),
        actor: actor.into(),
        start: start.into(),
        started: std::time::Instant::now(),
        action: format!("app:{phase}"),
    }
}
