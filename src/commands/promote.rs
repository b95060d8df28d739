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
    let run = RunRecord {
        store: Store::open(ctx)?,
        phase: "promote",
        env: &req.to,
        start: &req.time,
        started: std::time::Instant::now(),
        actor: &req.actor,
        app: &req.app,
        action: "app:promote",
    };
    let mut produce = |source: &GitTree<'_>| -> anyhow::Result<Changeset> {
        let (mut cs, m) = promote::promote(source, &req)?;
        run.add_to(source, &mut cs)?;
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
    run.commit_elsewhere(ctx, &change)?;
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
    let run = RunRecord {
        store: Store::open(ctx)?,
        phase: "rollback",
        env: &req.env,
        start: &req.time,
        started: std::time::Instant::now(),
        actor: &req.actor,
        app: &req.app,
        action: "app:rollback",
    };
    let outcome = changeset::run_with(ctx, &change, &mut |base| {
        let mut cs = promote::rollback(base, &req)?;
        run.add_to(base, &mut cs)?;
        Ok(cs)
    })?;
    run.commit_elsewhere(ctx, &change)?;
    changeset::report::report(ctx, &outcome, change.detailed_exitcode)
}

/// This command's run, as a pipeline record: in the change itself when records live on the
/// branch the change is made on (the default), else committed to `records.branch` once the
/// change is made (nothing for a dry run).
struct RunRecord<'a> {
    store: Store,
    phase: &'a str,
    env: &'a str,
    start: &'a str,
    started: std::time::Instant,
    actor: &'a str,
    app: &'a str,
    /// The RBAC action the record is committed under on a separate records branch.
    action: &'a str,
}

impl RunRecord<'_> {
    fn on_base(&self) -> bool {
        self.store.branch == self.store.base
    }

    fn record(&self) -> PipelineRecord {
        PipelineRecord::succeeded(
            self.phase,
            self.env,
            self.start,
            self.started.elapsed().as_secs_f64(),
            self.actor,
            Some(self.app),
        )
    }

    /// Add the record to `cs`, when records live on its base branch.
    fn add_to(&self, source: &GitTree<'_>, cs: &mut Changeset) -> anyhow::Result<()> {
        if self.on_base() {
            let record = self.record();
            records::write(cs, source, pipeline::PIPELINE, &record.to_value()?)?;
        }
        Ok(())
    }

    /// Commit the record to the separate records branch, once the change is made.
    fn commit_elsewhere(&self, ctx: &Ctx, change: &Options) -> anyhow::Result<()> {
        if self.on_base() || change.dry_run {
            return Ok(());
        }
        self.store.commit(ctx, false, change.push, &mut |tree| {
            pipeline::changeset(tree, &self.record(), self.action)
        })?;
        Ok(())
    }
}
