//! `idp env add NAME --after ENV`: a new environment in the promotion order, as a change.

use std::io::Read as _;

use anyhow::Context as _;

use crate::changeset::{self, Options};
use crate::cli::EnvAddArgs;
use crate::ctx::Ctx;
use crate::platform::env_changes::{AddOptions, add};
use crate::platform::{GitTree, load_config};

pub fn run(ctx: &Ctx, args: EnvAddArgs) -> anyhow::Result<()> {
    let file = match &args.file {
        None => None,
        Some(p) if p.as_os_str() == "-" => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .context("reading the environment from stdin")?;
            Some(("<stdin>".to_string(), text))
        }
        Some(p) => Some((
            p.display().to_string(),
            std::fs::read_to_string(ctx.cwd.join(p))
                .with_context(|| format!("cannot read `{}`", p.display()))?,
        )),
    };
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
    let base = changeset::resolve_base(&repo, &change)?.tree()?;
    let source = GitTree::new(&repo, base);
    let config = load_config(&source)?;
    let cs = add(&source, &config, &opts)?;
    let outcome = changeset::run(ctx, cs, &change)?;
    changeset::report::report(ctx, &outcome, change.detailed_exitcode)
}
