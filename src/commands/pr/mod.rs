//! `idp pr …`: pull requests on the forge (list, show, diff, approve, merge, close), and
//! `idp pr protect`, the GitHub branch protection that makes GitHub enforce approvals. One file
//! per verb, each with its arguments.

mod approve;
mod close;
mod diff;
mod list;
mod merge;
mod protect;
mod show;

use clap::Subcommand;

use crate::ctx::Ctx;
use crate::infra::forge::AnyForge;

#[derive(Debug, Subcommand)]
pub enum PrCommand {
    /// List pull requests
    List(list::ListArgs),
    /// Show one pull request
    Show(show::ShowArgs),
    /// Print the diff of a pull request
    Diff(diff::DiffArgs),
    /// Merge a pull request into its base branch
    Merge(merge::MergeArgs),
    /// Apply an approval label to a pull request (needs the `pr:approve@LABEL` permission)
    Approve(approve::ApproveArgs),
    /// GitHub: protect the base branch so GitHub enforces approvals (code-owner review of
    /// `.github/CODEOWNERS`, stale reviews dismissed on a push); needs `forge:protect`
    Protect(protect::ProtectArgs),
    /// Close a pull request without merging
    Close(close::CloseArgs),
}

/// The configured forge; the local forge's records fetched from `origin` first, so the team's
/// pull requests show as the remote holds them. Offline (or when `origin` cannot be read),
/// this clone's last view is shown, with a warning saying so.
fn synced_forge(ctx: &Ctx) -> anyhow::Result<&AnyForge<'static>> {
    let forge = ctx.forge()?;
    if let AnyForge::Local(local) = forge
        && let Err(e) = local.sync()
    {
        ctx.printer.warn(format!(
            "could not fetch the pull requests from `origin`, showing this clone's last view: {e:#}"
        ));
    }
    Ok(forge)
}

pub fn run(ctx: &Ctx, cmd: PrCommand) -> anyhow::Result<()> {
    match cmd {
        PrCommand::List(args) => list::run(ctx, args),
        PrCommand::Show(args) => show::run(ctx, args),
        PrCommand::Diff(args) => diff::run(ctx, args),
        PrCommand::Merge(args) => merge::run(ctx, args),
        PrCommand::Approve(args) => approve::run(ctx, args),
        PrCommand::Protect(args) => protect::run(ctx, args),
        PrCommand::Close(args) => close::run(ctx, args),
    }
}
