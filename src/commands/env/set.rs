//! `idp env set ENV KEY VALUE`: one field of an environment, edited in place, as a change.

use clap::Args;

use crate::changeset::{self, Options};
use crate::cli::ChangeArgs;
use crate::ctx::Ctx;
use crate::platform::env_changes::set;

#[derive(Debug, Args)]
pub struct SetArgs {
    /// Environment name
    #[arg(add = crate::commands::complete::envs())]
    pub env: String,
    /// Dotted key path, e.g. `sync.automated`
    pub key: String,
    /// New value, read as a YAML scalar (`true`, `3`, `text`) or flow collection (`[a, b]`)
    pub value: String,
    #[command(flatten)]
    pub change: ChangeArgs,
}

pub fn run(ctx: &Ctx, args: SetArgs) -> anyhow::Result<()> {
    let change: Options = (&args.change).into();
    let outcome = changeset::run_with(ctx, &change, &mut |source| {
        set(source, &args.env, &args.key, &args.value)
    })?;
    changeset::report::report(ctx, &outcome, change.detailed_exitcode)
}
