//! `idp promote` and `idp rollback`.

use serde_json::json;

use crate::changeset::{self, Options};
use crate::cli::{PromoteArgs, RollbackArgs};
use crate::ctx::Ctx;
use crate::infra::aws::{Ecr, EcrRepo, Tagged};
use crate::infra::clock;
use crate::platform::promote::{self, PromoteRequest, RollbackRequest};
use crate::platform::{GitTree, load_config};

pub fn run(ctx: &Ctx, args: PromoteArgs) -> anyhow::Result<()> {
    let change: Options = (&args.change).into();
    let repo = ctx.repo()?;
    let base = changeset::resolve_base(&repo, &change)?.tree()?;
    let source = GitTree::new(&repo, base);
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
    let (mut cs, moved) = promote::promote(&source, &req)?;

    // The registry: the digest must exist (checked before anything is written); the image gets
    // the target's tag once the change is made (a rerun retries a failed tag). Read-only under
    // --dry-run; nothing at all with --no-registry.
    let mut registry = json!("skipped (--no-registry)");
    let mut ecr = None;
    if args.no_registry {
        ctx.printer
            .warn("--no-registry: the digest is not checked in ECR and not tagged");
        cs.body.push_str("\nRegistry: skipped (`--no-registry`).\n");
    } else {
        let config = load_config(&source)?;
        let client = Ecr::new(EcrRepo::parse(
            &moved.image,
            config.registry.region.as_deref(),
        ));
        if client.manifest(&moved.digest)?.is_none() {
            return Err(crate::error::IdpError::usage(format!(
                "the image `{}@{}` is not in ECR: nothing to promote",
                moved.image, moved.digest
            )));
        }
        if let (Some(tag), true) = (&moved.tag, moved.tag_images)
            && client.tag_conflict(&moved.digest, tag)?
        {
            return Err(crate::error::IdpError::usage(format!(
                "ECR repository `{}` has immutable tags and `{tag}` already names another image: \
                 promote a new build, or delete the tag first",
                EcrRepo::parse(&moved.image, None).name
            )));
        }
        registry = json!({"verified": moved.digest});
        ecr = Some(client);
    }
    let outcome = changeset::run(ctx, cs, &change)?;
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
    let repo = ctx.repo()?;
    let base = changeset::resolve_base(&repo, &change)?.tree()?;
    let req = RollbackRequest {
        app: args.app,
        env: args.env,
        to: args.to,
        reason: args.reason,
        actor: ctx.actor(),
        time: clock::now(),
    };
    let cs = promote::rollback(&GitTree::new(&repo, base), &req)?;
    let outcome = changeset::run(ctx, cs, &change)?;
    changeset::report::report(ctx, &outcome, change.detailed_exitcode)
}
