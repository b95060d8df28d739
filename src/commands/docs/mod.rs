//! `idp docs lint|coverage|freshness`: docs and metadata. One file per verb, each with its
//! arguments.

mod coverage;
mod freshness;
mod lint;

use clap::Subcommand;

use crate::ctx::Ctx;

#[derive(Debug, Subcommand)]
pub enum DocsCommand {
    /// Check the metadata of every doc, app, request and environment (schemas/metadata/, folder
    /// metadata.yaml defaults), owners, links, and catalog quality (exit 3 on findings)
    Lint,
    /// Metadata coverage by kind; exit 3 below 100%
    Coverage,
    /// Review state of every doc from its review cadence and last review date
    Freshness(freshness::FreshnessArgs),
}

pub fn run(ctx: &Ctx, cmd: DocsCommand) -> anyhow::Result<()> {
    match cmd {
        DocsCommand::Lint => lint::run(ctx),
        DocsCommand::Coverage => coverage::run(ctx),
        DocsCommand::Freshness(args) => freshness::run(ctx, args),
    }
}
