//! `idp adr new|list|show|status|lint|index`: architecture decision records as reviewed
//! changes. One file per verb, each with its arguments.

mod index;
mod lint;
mod list;
mod new;
mod show;
mod status;

use clap::Subcommand;

use crate::ctx::Ctx;

#[derive(Debug, Subcommand)]
pub enum AdrCommand {
    /// Write a new ADR (the next free number) and update the index, as a change
    New(new::NewArgs),
    /// List ADRs
    List(list::ListArgs),
    /// Show one ADR
    Show(show::ShowArgs),
    /// Change an ADR's status; `superseded --by M` updates both ADRs
    Status(status::StatusArgs),
    /// Check every ADR: numbers (also against the base branch), ids, links, required fields,
    /// sections, and that accepted decisions were not edited (exit 3 with file:line)
    Lint(lint::LintArgs),
    /// Regenerate the index table in adrs/README.md (between its markers)
    Index(index::IndexArgs),
}

pub fn run(ctx: &Ctx, cmd: AdrCommand) -> anyhow::Result<()> {
    match cmd {
        AdrCommand::New(args) => new::run(ctx, args),
        AdrCommand::List(args) => list::run(ctx, args),
        AdrCommand::Show(args) => show::run(ctx, args),
        AdrCommand::Status(args) => status::run(ctx, args),
        AdrCommand::Lint(args) => lint::run(ctx, args),
        AdrCommand::Index(args) => index::run(ctx, args),
    }
}
