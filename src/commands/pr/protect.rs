//! `idp pr protect`: GitHub branch protection, so GitHub enforces approvals.

use clap::Args;

use crate::ctx::Ctx;

#[derive(Debug, Args)]
pub struct ProtectArgs {
    /// The branch to protect (default: `forge.baseBranch`)
    #[arg(long)]
    pub branch: Option<String>,
}

pub fn run(ctx: &Ctx, args: ProtectArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let branch = args.branch;
    let (branch, body) = crate::changeset::approvals::protect(ctx, branch.as_deref())?;
    p.status(
        "Protected",
        format!("`{branch}`: GitHub requires a code owner's approving review"),
    );
    p.data(&body, String::new)
}
