//! `idp backstage …`: Backstage software templates generated from the golden paths and
//! request schemas. One file per verb, with its arguments.

mod templates;

use clap::Subcommand;

use crate::ctx::Ctx;

#[derive(Debug, Subcommand)]
pub enum BackstageCommand {
    /// Generate a Backstage template per golden path and request kind (and a catalog Location)
    /// into the platform repo, as a change
    Templates(templates::TemplatesArgs),
}

pub fn run(ctx: &Ctx, cmd: BackstageCommand) -> anyhow::Result<()> {
    match cmd {
        BackstageCommand::Templates(args) => templates::run(ctx, args),
    }
}
