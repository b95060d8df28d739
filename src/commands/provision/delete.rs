//! `idp provision delete ID`: a pull request removing a request and what it generated.

use crate::changeset::{self, Options};
use crate::ctx::Ctx;
use crate::platform::apps::ordered_envs;
use crate::platform::load_config;
use crate::requests::produce::delete;

pub fn run(ctx: &Ctx, id: &str, break_glass: Option<&str>, change: &Options) -> anyhow::Result<()> {
    let outcome = changeset::run_with(ctx, change, &mut |source| {
        delete(
            source,
            &load_config(source)?,
            &ordered_envs(source)?,
            id,
            break_glass,
        )
    })?;
    changeset::report::report(ctx, &outcome, change.detailed_exitcode)
}
