//! `idp promote` and `idp rollback`.

use serde_json::json;

use crate::changeset::{self, Changeset, Options};
use crate::cli::{PromoteArgs, RollbackArgs};
use crate::ctx::Ctx;
use crate::infra::aws::{Ecr, EcrRepo, Tagged};
use crate::infra::clock;
use crate::platform::promote::{self, PromoteRequest, RollbackRequest};
use crate::platform::{GitTree, load_config};
use crate::records::pipeline::{self, PipelineRecord};
use crate::records::{self, store::Store};

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
    let started = std::time::Instant::now();
    let store = Store::open(ctx)?;
    let mut produce = |source: &GitTree<'_>| -> anyhow::Result<Changeset> {
        let (mut cs, m) = promote::promote(source, &req)?;
        record_run(
            &store, source, &mut cs, "promote", &req.to, &req.time, started, &req.actor, &req.app,
        )?;
        if args.no_registry {
            cs.body.push_str("\nRegistry: skipped (`--no-registry`).\n");
        } else {
            let config = load_config(source)?;
            let client = Ecr::new(EcrRepo::parse(&m.image, config.registry.region.as_deref()));
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
    record_elsewhere(
        ctx,
        &store,
        &change,
        "promote",
        &req.to,
        &req.time,
        started,
        "app:promote",
        &req.app,
    )?;
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

pub fn rollback(ctx: &Ctx, args: RollbackArgs) -> anyhow::Result<()> {
    let change: Options = (&args.change).into();
    let req = RollbackRequest {
        app: args.app,
        env: args.env,
        to: args.to,
        reason: args.reason,
        actor: ctx.actor(),
        time: clock::now(),
    };
    let started = std::time::Instant::now();
    let store = Store::open(ctx)?;
    let outcome = changeset::run_with(ctx, &change, &mut |base| {
        let mut cs = promote::rollback(base, &req)?;
        record_run(
            &store, base, &mut cs, "rollback", &req.env, &req.time, started, &req.actor, &req.app,
        )?;
        Ok(cs)
    })?;
    record_elsewhere(
        ctx,
        &store,
        &change,
        "rollback",
        &req.env,
        &req.time,
        started,
        "app:rollback",
        &req.app,
    )?;
    changeset::report::report(ctx, &outcome, change.detailed_exitcode)
}

/// The pipeline record of this run, in the same change when records live on the branch the
/// change is made on (the default); with a separate `records.branch`, [`record_elsewhere`]
/// commits it there once the change is made.
#[allow(clippy::too_many_arguments)]
fn record_run(
    store: &Store,
    source: &GitTree<'_>,
    cs: &mut Changeset,
    phase: &str,
    env: &str,
    start: &str,
    started: std::time::Instant,
    actor: &str,
    app: &str,
) -> anyhow::Result<()> {
    if store.branch != store.base {
        return Ok(());
    }
    let runs = pipeline::load(source)?;
    let record = PipelineRecord::succeeded(
        &runs,
        phase,
        env,
        start,
        started.elapsed().as_secs_f64(),
        actor,
        Some(app),
    );
    cs.write(
        pipeline::PIPELINE,
        records::append(source, pipeline::PIPELINE, &record.to_value()?)?,
    );
    Ok(())
}

/// With a separate `records.branch`: the run's record, committed there after the change.
#[allow(clippy::too_many_arguments)]
fn record_elsewhere(
    ctx: &Ctx,
    store: &Store,
    change: &Options,
    phase: &str,
    env: &str,
    start: &str,
    started: std::time::Instant,
    action: &str,
    app: &str,
) -> anyhow::Result<()> {
    if store.branch == store.base || change.dry_run {
        return Ok(());
    }
    let actor = ctx.actor();
    let elapsed = started.elapsed().as_secs_f64();
    store.commit(ctx, false, change.push, &mut |tree| {
        let runs = pipeline::load(tree)?;
        let record =
            PipelineRecord::succeeded(&runs, phase, env, start, elapsed, &actor, Some(app));
        pipeline::changeset(tree, &record, action)
    })?;
    Ok(())
}
