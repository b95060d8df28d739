//! `idp env set ENV KEY VALUE`: one field of an environment, edited in place, as a change.

use crate::changeset::{self, Options};
use crate::cli::EnvSetArgs;
use crate::ctx::Ctx;
use crate::platform::env_changes::set;

pub fn run(ctx: &Ctx, args: EnvSetArgs) -> anyhow::Result<()> {
    let change: Options = (&args.change).into();
    let outcome = changeset::run_with(ctx, &change, &mut |source| {
        set(source, &args.env, &args.key, &args.value)
    })?;
    changeset::report::report(ctx, &outcome, change.detailed_exitcode)
}
