//! `idp backstage disable ENV`: Backstage switched off in one environment as one change
//! (idp.yaml and its add-on files; its database stays): see
//! [`crate::platform::backstage::disable`].

use clap::Args;

use crate::changeset::{self, Options};
use crate::cli::ChangeArgs;
use crate::ctx::Ctx;
use crate::platform::backstage::{self, DisableOptions};

#[derive(Debug, Args)]
pub struct DisableArgs {
    /// The environment whose cluster stops running Backstage
    pub env: String,
    #[command(flatten)]
    pub change: ChangeArgs,
}

pub fn run(ctx: &Ctx, args: DisableArgs) -> anyhow::Result<()> {
    crate::input::name("ENV", &args.env, 31)?;
    let change: Options = (&args.change).into();
    let opts = DisableOptions { env: args.env };
    let outcome = changeset::run_with(ctx, &change, &mut |source| {
        backstage::disable(source, &opts)
    })?;
    changeset::report::report(ctx, &outcome, change.detailed_exitcode)
}
