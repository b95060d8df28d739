//! `idp env …`: environments of the platform.

mod add;
mod list;
mod set;

use crate::cli::EnvCommand;
use crate::ctx::Ctx;

pub fn run(ctx: &Ctx, cmd: EnvCommand) -> anyhow::Result<()> {
    match cmd {
        EnvCommand::List => list::list(ctx),
        EnvCommand::Show { env } => list::show(ctx, &env),
        EnvCommand::Add(args) => add::run(ctx, args),
        EnvCommand::Set(args) => set::run(ctx, args),
    }
}
