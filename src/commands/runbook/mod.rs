//! `idp runbook new|list|lint|index`: runbooks as reviewed changes. One file per verb, each
//! with its arguments.

mod index;
mod lint;
mod list;
mod new;

use clap::Subcommand;

use crate::ctx::Ctx;

#[derive(Debug, Subcommand)]
pub enum RunbookCommand {
    /// Write a new runbook (the next free number) and update the index, as a change
    New(new::NewArgs),
    /// List runbooks
    List,
    /// Check every runbook: numbers, ids, front matter, the eight sections, links (exit 3)
    Lint(lint::LintArgs),
    /// Regenerate the index table in runbooks/README.md (between its markers)
    Index(index::IndexArgs),
}

pub fn run(ctx: &Ctx, cmd: RunbookCommand) -> anyhow::Result<()> {
    match cmd {
        RunbookCommand::New(args) => new::run(ctx, args),
        RunbookCommand::List => list::run(ctx),
        RunbookCommand::Lint(args) => lint::run(ctx, args),
        RunbookCommand::Index(args) => index::run(ctx, args),
    }
}
