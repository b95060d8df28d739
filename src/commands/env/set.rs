//! `idp env set ENV KEY VALUE`: one field of an environment, edited in place, as a change.

use crate::changeset::{self, Options};
use crate::cli::EnvSetArgs;
use crate::ctx::Ctx;
use crate::platform::GitTree;
use crate::platform::env_changes::set;

pub fn run(ctx: &Ctx, args: EnvSetArgs) -> anyhow::Result<()> {
    let change: Options = (&args.change).into();
    let repo = ctx.repo()?;
    let base = changeset::resolve_base(repo, &change)?.tree()?;
    let cs = set(&GitTree::new(repo, base), &args.env, &args.key, &args.value)?;
    let outcome = changeset::run(ctx, cs, &change)?;
    changeset::report::report(ctx, &outcome, change.detailed_exitcode)
}
