//! `idp pr diff NUMBER`: the diff of a pull request.

use clap::Args;

use crate::changeset::merge;
use crate::ctx::Ctx;
use crate::infra::forge::github::unified_diff;

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Pull request number
    #[arg(add = crate::commands::complete::prs())]
    pub number: u64,
}

pub fn run(ctx: &Ctx, args: DiffArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let number = args.number;
    let repo = ctx.repo()?;
    let forge = super::synced_forge(ctx)?;
    let pr = forge.get(number)?;
    if let Some(gh) = forge.github() {
        let files = gh.files(number)?;
        return p.data(&files, || unified_diff(&files));
    }
    let plan = merge::diff(repo, &pr)?;
    p.data(&plan.files, || plan.diff())
}
