//! `idp backstage …`: Backstage software templates generated from the golden paths and
//! request schemas. One file per verb, with its arguments.

mod disable;
mod enable;
mod templates;

use clap::Subcommand;

use crate::ctx::Ctx;

#[derive(Debug, Subcommand)]
pub enum BackstageCommand {
    /// Generate a Backstage template per golden path and request kind (and a catalog Location)
    /// into the platform repo, as a change
    Templates(templates::TemplatesArgs),
    /// Run Backstage in an environment, as one change: idp.yaml's `backstage.environments`,
    /// the RDS request of its database (when there is none) and its add-on files
    Enable(enable::EnableArgs),
    /// Stop running Backstage in an environment, as one change: idp.yaml's
    /// `backstage.environments` and its add-on files (its database stays)
    Disable(disable::DisableArgs),
}

pub fn run(ctx: &Ctx, cmd: BackstageCommand) -> anyhow::Result<()> {
    match cmd {
        BackstageCommand::Templates(args) => templates::run(ctx, args),
        BackstageCommand::Enable(args) => enable::run(ctx, args),
        BackstageCommand::Disable(args) => disable::run(ctx, args),
    }
}
