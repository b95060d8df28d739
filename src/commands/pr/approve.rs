//! `idp pr approve NUMBER --label L`: an approval label on a pull request, for its head.

use clap::Args;

use crate::changeset::merge;
use crate::ctx::Ctx;

#[derive(Debug, Args)]
pub struct ApproveArgs {
    /// Pull request number
    #[arg(add = crate::commands::complete::prs())]
    pub number: u64,
    /// The approval label, e.g. platform-approved
    #[arg(long)]
    pub label: String,
    /// Do not push to the `origin` remote
    #[arg(long)]
    pub no_push: bool,
}

pub fn run(ctx: &Ctx, args: ApproveArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let ApproveArgs {
        number,
        label,
        no_push,
    } = args;
    let pr = merge::approve(ctx, number, &label, !no_push)?;
    p.status(
        "Approved",
        format!("pull request #{} with `{label}`", pr.number),
    );
    p.data(&pr, String::new)
}
