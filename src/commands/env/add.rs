//! `idp env add NAME --after ENV`: a new environment in the promotion order, as a change.

use crate::changeset::{self, Options};
use crate::cli::EnvAddArgs;
use crate::ctx::Ctx;
use crate::platform::env_changes::{AddOptions, add};
use crate::platform::load_config;

pub fn run(ctx: &Ctx, args: EnvAddArgs) -> anyhow::Result<()> {
    let file = super::super::read_input(ctx, args.file.as_deref())?;
    let opts = AddOptions {
        name: args.name.clone(),
        after: args.after.clone(),
        owner: args.owner.clone(),
        account: args.account.clone(),
        region: args.region.clone(),
        cluster: args.cluster.clone(),
        tier: args.tier.map(|t| t.as_str().to_string()),
        file,
    };
    let change: Options = (&args.change).into();
    let outcome = changeset::run_with(ctx, &change, &mut |source| {
        add(source, &load_config(source)?, &opts)
    })?;
    changeset::report::report(ctx, &outcome, change.detailed_exitcode)
}
