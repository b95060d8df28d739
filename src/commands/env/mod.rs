//! `idp env list|show|add|set`: environments of the platform. One file per verb, each with
//! its arguments.

mod add;
mod list;
mod set;
mod show;

use clap::Subcommand;

use crate::ctx::Ctx;

#[derive(Debug, Subcommand)]
pub enum EnvCommand {
    /// List environments in promotion order
    List(list::ListArgs),
    /// Show one environment
    Show(show::ShowArgs),
    /// Add an environment to the promotion order
    Add(add::AddArgs),
    /// Set one field of an environment file, keeping comments and formatting
    Set(set::SetArgs),
}

pub fn run(ctx: &Ctx, cmd: EnvCommand) -> anyhow::Result<()> {
    match cmd {
        EnvCommand::List(args) => list::run(ctx, args),
        EnvCommand::Show(args) => show::run(ctx, args),
        EnvCommand::Add(args) => add::run(ctx, args),
        EnvCommand::Set(args) => set::run(ctx, args),
    }
}
