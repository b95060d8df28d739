//! One thin file per command: arguments → options → producer → pipeline (or a read).
//! Noun-verb commands are folders (`env/`, `pr/`).

mod completions;
mod env;
mod golden_path;
mod init;
mod new_app;
mod params;
mod pr;
mod upgrade;
mod validate;

use crate::cli::Command;
use crate::ctx::Ctx;

pub fn dispatch(ctx: &Ctx, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Init(args) => init::run(ctx, args),
        Command::Validate(args) => validate::run(ctx, args),
        Command::Env(cmd) => env::run(ctx, cmd),
        Command::Pr(cmd) => pr::run(ctx, cmd),
        Command::NewApp(args) => new_app::run(ctx, args),
        Command::GoldenPath(cmd) => golden_path::run(ctx, cmd),
        Command::Upgrade(args) => upgrade::run(ctx, args),
        Command::Completions(args) => completions::run(ctx, args),
        Command::Man => completions::man(ctx),
    }
}
