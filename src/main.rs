//! Parse, build the context, dispatch, and turn the result into an exit code: the only exit.

use std::process::ExitCode;

use clap::{CommandFactory as _, Parser as _};
use idp::cli::Cli;
use idp::ctx::Ctx;
use idp::error::{self, IdpError};
use idp::printer::{Format, Printer};

fn main() -> ExitCode {
    // Dynamic completions: with `COMPLETE=<shell>` set (by the script `COMPLETE=bash idp`
    // prints), print the candidates for the words given and exit; otherwise nothing happens.
    clap_complete::CompleteEnv::with_factory(Cli::command).complete();
    // Errors are reported as messages, never with a backtrace, so anyhow need not capture one:
    // with `RUST_BACKTRACE=1` (common in CI) it did for every error made, including the many a
    // parser makes and discards while backtracking (regorus reading the Rego policies), which
    // was a sixth of a change's CPU. Panics still honour `RUST_BACKTRACE`; an explicit
    // `RUST_LIB_BACKTRACE` is kept.
    if std::env::var_os("RUST_LIB_BACKTRACE").is_none() {
        // SAFETY: the first statement of `main`, before any thread is started.
        unsafe { std::env::set_var("RUST_LIB_BACKTRACE", "0") };
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    init_tracing(cli.global.verbose);
    let printer = Printer::new(
        cli.global.output.into(),
        cli.global.quiet,
        cli.global.verbose,
        cli.global.color.into(),
    );
    let ctx = match Ctx::new(cli.global.platform.clone(), printer.clone()) {
        Ok(ctx) => ctx,
        Err(e) => return report(&printer, &e),
    };
    match idp::commands::dispatch(&ctx, cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(&printer, &e),
    }
}

fn init_tracing(verbose: u8) {
    let level = match verbose {
        0 => "warn",
        1 => "info",
        2 => "debug",
        _ => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("IDP_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(format!("idp={level}")));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(|| idp::infra::secrets::RedactingStderr)
        .without_time()
        .with_target(false)
        .init();
}

/// Report an error once, in the chosen format, and return its exit code.
fn report(printer: &Printer, err: &anyhow::Error) -> ExitCode {
    let code = error::exit_code(err);
    let typed = error::typed(err);
    match typed {
        Some(IdpError::AlreadyPrinted(_)) => return ExitCode::from(code),
        Some(IdpError::ChangesPending) => return ExitCode::from(code),
        _ => {}
    }
    if code == error::exit::OK {
        return ExitCode::SUCCESS; // a closed pipe: the reader has what it wanted
    }
    let findings = typed.map(IdpError::findings).unwrap_or(&[]);
    let hint = typed.and_then(IdpError::hint);
    // Tokens never reach the terminal or a log, whatever a library put in its message.
    let redact = |s: String| idp::infra::secrets::redact(&s).into_owned();
    let message = redact(err.to_string());
    let causes: Vec<String> = err.chain().skip(1).map(|c| redact(c.to_string())).collect();
    if printer.format != Format::Text {
        let body = error_body(code, &message, &causes, findings, hint.as_deref());
        let _ = printer.data(&body, String::new);
        printer.annotate(findings);
        return ExitCode::from(code);
    }
    // A bad input with one finding says it once: the finding's line (with its field and rule).
    let said_by_finding = matches!(findings, [f] if message.starts_with(&format!("{}:{}:{}: ", f.file, f.line, f.column)));
    if !said_by_finding {
        printer.error(message);
    }
    for cause in &causes {
        eprintln!("  caused by: {cause}");
    }
    printer.findings(findings);
    if let Some(h) = hint {
        printer.hint(h);
    }
    ExitCode::from(code)
}

/// The error object of `-o json|yaml` on stdout, the same for every error.
fn error_body(
    code: u8,
    message: &str,
    causes: &[String],
    findings: &[error::Finding],
    hint: Option<&str>,
) -> serde_json::Value {
    serde_json::json!({
        "ok": false,
        "exit_code": code,
        "error": message,
        "causes": causes,
        "findings": findings,
        "hint": hint,
    })
}

/// A command line clap refuses (exit 2), or `--help`/`--version` (exit 0). With `-o json` or
/// `-o yaml` on the command line (or `IDP_OUTPUT`), a refusal is the error object on stdout,
/// like every other error; clap's own text otherwise.
fn usage_error(e: &clap::Error) -> ExitCode {
    if !e.use_stderr() {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let format = Format::requested(&args, std::env::var("IDP_OUTPUT").ok().as_deref());
    if format == Format::Text {
        let _ = e.print();
        return ExitCode::from(error::exit::BAD_INPUT);
    }
    // clap's text: `error: …`, then tips, a usage line and where to read more.
    let text = e.render().to_string();
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let message = lines
        .next()
        .map(|l| l.trim_start_matches("error:").trim().to_string())
        .unwrap_or_default();
    let mut hints: Vec<String> = Vec::new();
    for line in lines {
        if line.starts_with("[possible values:") {
            hints.push(line.trim_matches(['[', ']']).to_string());
        } else if let Some(tip) = line.strip_prefix("tip:") {
            hints.push(tip.trim().to_string());
        } else if let Some(usage) = line.strip_prefix("Usage:") {
            hints.push(format!("usage: {}", usage.trim()));
        } else if line.starts_with("For more information") && hints.is_empty() {
            hints.push(line.to_string());
        }
    }
    if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        // clap printed the whole help: say what is missing and where the list is.
        let command: Vec<&str> = text
            .lines()
            .find_map(|l| l.trim().strip_prefix("Usage:"))
            .unwrap_or("idp")
            .split_whitespace()
            .take_while(|w| !w.starts_with(['[', '<']))
            .collect();
        let command = command.join(" ");
        return usage_error_body(
            format,
            &format!("`{command}` needs a subcommand"),
            Some(&format!("`{command} --help` lists them")),
        );
    }
    let hint = (!hints.is_empty()).then(|| hints.join("; "));
    usage_error_body(format, &message, hint.as_deref())
}

fn usage_error_body(format: Format, message: &str, hint: Option<&str>) -> ExitCode {
    let printer = Printer::new(format, false, 0, idp::printer::ColorChoice::Never);
    let body = error_body(error::exit::BAD_INPUT, message, &[], &[], hint);
    let _ = printer.data(&body, String::new);
    ExitCode::from(error::exit::BAD_INPUT)
}
