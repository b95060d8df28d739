//! Parse, build the context, dispatch, and turn the result into an exit code: the only exit.

use std::process::ExitCode;

use clap::Parser as _;
use idp::cli::Cli;
use idp::ctx::Ctx;
use idp::error::{self, IdpError};
use idp::printer::{Format, Printer};

fn main() -> ExitCode {
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
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                error::exit::BAD_INPUT
            } else {
                0
            });
        }
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
        let body = serde_json::json!({
            "ok": false,
            "exit_code": code,
            "error": message,
            "causes": causes,
            "findings": findings,
            "hint": hint,
        });
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
