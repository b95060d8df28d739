//! One thin file per command: arguments → options → producer → pipeline (or a read).
//! Noun-verb commands are folders (`env/`, `pr/`).

mod completions;
mod env;
mod init;
mod pr;
mod validate;

use crate::cli::Command;
use crate::ctx::Ctx;

pub fn dispatch(ctx: &Ctx, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Init(args) => init::run(ctx, args),
        Command::Validate(args) => validate::run(ctx, args),
        Command::Env(cmd) => env::run(ctx, cmd),
        Command::Pr(cmd) => pr::run(ctx, cmd),
        Command::Completions(args) => completions::run(ctx, args),
        Command::Man => completions::man(ctx),
    }
}
