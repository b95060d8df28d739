//! `idp env add NAME --after ENV`: a new environment in the promotion order, as a change.

use crate::changeset::{self, Options};
use crate::cli::EnvAddArgs;
use crate::ctx::Ctx;
use crate::platform::env_changes::{AddOptions, add};
use crate::platform::{GitTree, load_config};

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
    let repo = ctx.repo()?;
    let base = changeset::resolve_base(repo, &change)?.tree()?;
    let source = GitTree::new(repo, base);
    let config = load_config(&source)?;
    let cs = add(&source, &config, &opts)?;
    let outcome = changeset::run(ctx, cs, &change)?;
    changeset::report::report(ctx, &outcome, change.detailed_exitcode)
}
