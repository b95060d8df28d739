//! One thin file per command: arguments → options → producer → pipeline (or a read).
//! Noun-verb commands are folders (`env/`, `pr/`).

pub mod adr;
mod args;
pub mod backstage;
mod complete;
pub mod completions;
pub mod docs;
pub mod drift;
pub mod env;
pub mod golden_path;
pub mod graph;
pub mod health;
pub mod history;
pub mod image;
pub mod init;
mod login;
mod logout;
pub mod man;
pub mod mcp;
pub mod metrics;
pub mod migrate;
pub mod new_app;
pub(crate) mod params;
pub mod pr;
pub mod promote;
pub mod provision;
pub mod records;
pub mod rollback;
pub mod runbook;
pub mod status;
pub mod teardown;
pub mod upgrade;
pub mod validate;
pub mod whoami;

use crate::cli::Command;
use crate::ctx::Ctx;

/// Read a `-f FILE` argument (`-` is stdin) as `(display name, text)`.
fn read_input(
    ctx: &Ctx,
    file: Option<&std::path::Path>,
) -> anyhow::Result<Option<(String, String)>> {
    match file {
        None => Ok(None),
        Some(p) if p.as_os_str() == "-" => {
            Ok(Some(("<stdin>".to_string(), crate::input::read_stdin()?)))
        }
        Some(p) => Ok(Some((
            p.display().to_string(),
            crate::input::read_file(&ctx.cwd, p)?,
        ))),
    }
}

pub fn dispatch(ctx: &Ctx, command: Command) -> anyhow::Result<()> {
    // Every argument is bounded and one line (but YAML values) before any work.
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    args::check_command_args(<crate::cli::Cli as clap::CommandFactory>::command(), &args)?;
    match command {
        Command::Init(args) => init::run(ctx, args),
        Command::Validate(args) => validate::run(ctx, args),
        Command::Env(cmd) => env::run(ctx, cmd),
        Command::Pr(cmd) => pr::run(ctx, cmd),
        Command::NewApp(args) => new_app::run(ctx, args),
        Command::GoldenPath(cmd) => golden_path::run(ctx, cmd),
        Command::Upgrade(args) => upgrade::run(ctx, args),
        Command::Provision(cmd) => provision::run(ctx, cmd),
        Command::Adr(cmd) => adr::run(ctx, cmd),
        Command::Runbook(cmd) => runbook::run(ctx, cmd),
        Command::Docs(cmd) => docs::run(ctx, cmd),
        Command::Image(cmd) => image::run(ctx, cmd),
        Command::Promote(args) => promote::run(ctx, args),
        Command::Rollback(args) => rollback::run(ctx, args),
        Command::Health(args) => health::run(ctx, args),
        Command::Drift(args) => drift::run(ctx, args),
        Command::Status(args) => status::run(ctx, args),
        Command::Whoami(args) => whoami::run(ctx, args),
        Command::Login => login::run(ctx),
        Command::Logout => logout::run(ctx),
        Command::History(args) => history::run(ctx, args),
        Command::Graph(args) => graph::run(ctx, args),
        Command::Teardown(args) => teardown::run(ctx, args),
        Command::Records(cmd) => records::run(ctx, cmd),
        Command::Migrate(cmd) => migrate::run(ctx, cmd),
        Command::Metrics(cmd) => metrics::run(ctx, cmd),
        Command::Backstage(cmd) => backstage::run(ctx, cmd),
        Command::Mcp(args) => mcp::run(ctx, args),
        Command::Completions(args) => completions::run(ctx, args),
        Command::Man(args) => man::run(ctx, args),
    }
}

/// The end of every lint command: findings as data (and annotations), `Clean` when there are
/// none, else exit 3.
pub(crate) fn lint_result(
    ctx: &Ctx,
    findings: &[crate::error::Finding],
    clean: &str,
) -> anyhow::Result<()> {
    ctx.printer.annotate(findings);
    ctx.printer.data(&findings, || {
        findings
            .iter()
            .map(|f| format!("error: {}\n", f.display()))
            .collect()
    })?;
    if findings.is_empty() {
        ctx.printer.status("Clean", clean);
        return Ok(());
    }
    ctx.printer
        .error(format!("{} finding(s) (exit 3)", findings.len()));
    Err(crate::error::IdpError::AlreadyPrinted(crate::error::exit::INVALID).into())
}
