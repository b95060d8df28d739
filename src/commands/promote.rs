//! `idp promote` and `idp rollback`.

use serde_json::json;

use crate::changeset::{self, Options};
use crate::cli::{PromoteArgs, RollbackArgs};
use crate::ctx::Ctx;
use crate::infra::clock;
use crate::platform::GitTree;
use crate::platform::promote::{self, PromoteRequest, RollbackRequest};

pub fn run(ctx: &Ctx, args: PromoteArgs) -> anyhow::Result<()> {
    let change: Options = (&args.change).into();
    let repo = ctx.repo()?;
    let base = changeset::resolve_base(&repo, &change)?.tree()?;
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
    let cs = promote::promote(&GitTree::new(&repo, base), &req)?;
    let outcome = changeset::run(ctx, cs, &change)?;
    let mut extra = serde_json::Map::new();
    extra.insert("app".into(), json!(req.app));
    extra.insert("to".into(), json!(req.to));
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
