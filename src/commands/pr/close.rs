//! `idp pr close NUMBER`: a pull request closed without merging.

use clap::Args;

use crate::changeset::merge;
use crate::ctx::Ctx;

#[derive(Debug, Args)]
pub struct CloseArgs {
    /// Pull request number
    #[arg(add = crate::commands::complete::prs())]
    pub number: u64,
    /// Do not push to the `origin` remote
    #[arg(long)]
    pub no_push: bool,
}

pub fn run(ctx: &Ctx, args: CloseArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let CloseArgs { number, no_push } = args;
    let pr = merge::close(ctx, number, !no_push)?;
    p.status("Closed", format!("pull request #{}", pr.number));
    p.data(&pr, String::new)
}
