//! `idp mcp`: a Model Context Protocol server over stdio (rmcp), for agents.
//!
//! - [`tools`]: the tool catalogue as plain data (the command layer reads it from the CLI's clap
//!   definitions), each tool's JSON Schema, and the argv a call becomes.
//! - [`run`] (here): a tool call runs the `idp` binary itself with that argv, `-o json`, the
//!   server's platform repo, working directory and environment: the CLI's identity, RBAC,
//!   validation and exit codes, with no second code path (ADR-0036). A change tool is a dry run
//!   unless the call says `apply: true`.
//! - [`server`]: the rmcp handler: tools, resources, prompts, capabilities.
//! - [`resources`]: ADRs, runbooks, catalog entities, request schemas, environments and the
//!   graph at `idp://` URIs, paged.
//! - [`prompts`]: guided tasks.
//!
//! Stdout is the MCP channel while serving: nothing else is printed there (tracing goes to
//! stderr; a tool's child process has its own pipes).

pub mod prompts;
pub mod resources;
pub mod server;
pub mod tools;

use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{Map, Value, json};

use crate::error::{Finding, exit};
use tools::ToolSpec;

/// What the server was started with.
pub struct Settings {
    pub tools: Vec<ToolSpec>,
    /// The platform repo (passed to every tool run as `--platform`).
    pub root: PathBuf,
    /// The directories tools may read paths in (canonical): the platform repo and each
    /// `--allow-dir`. A path argument anywhere else is refused before anything runs, so an
    /// agent (or text it was fed) cannot have the server read `~/.aws/credentials` into an
    /// error message.
    pub readable: Vec<PathBuf>,
    /// The working directory tool runs start in (relative `--file` paths resolve from it).
    pub cwd: PathBuf,
    /// The `idp` binary.
    pub exe: PathBuf,
}

/// Serve MCP on stdin/stdout until the client closes the connection.
pub fn serve(settings: Settings) -> anyhow::Result<()> {
    // One thread serves the protocol; tool runs wait on the blocking pool.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(server::serve(settings))
}

/// How a tool call ended: the tool result's structured content, its text, and whether it is an
/// error.
#[derive(Debug)]
pub struct Outcome {
    pub structured: Value,
    pub text: Vec<String>,
    pub is_error: bool,
}

/// A tool run that has started: the CLI's process, and whether it is a dry run.
pub struct Started {
    pub child: std::process::Child,
    pub dry_run: bool,
}

impl Outcome {
    /// A tool error that says `message` (exit `code`), nothing having run or finished.
    fn refused(code: u8, errors: Vec<String>, message: String) -> Outcome {
        Outcome {
            structured: json!({"exit_code": code, "errors": errors, "findings": []}),
            text: vec![message],
            is_error: true,
        }
    }
}

/// Start one tool call: check the arguments against the tool's schema (nothing runs when they
/// do not fit) and run the CLI with them, `-o json`, the platform repo and the server's working
/// directory and environment. Its stdin is closed; its stdout and stderr are pipes (the
/// server's stdout is the MCP channel).
pub fn start(
    settings: &Settings,
    tool: &ToolSpec,
    args: &Map<String, Value>,
) -> Result<Started, Outcome> {
    let argv = tool.argv(args).map_err(|e| {
        Outcome::refused(
            exit::BAD_INPUT,
            e.0.iter().map(|m| format!("error: {m}")).collect(),
            format!(
                "error: invalid arguments for `{}`, nothing was run: {e}",
                tool.name
            ),
        )
    })?;
    check_paths(settings, tool, args)?;
    tracing::info!(tool = %tool.name, ?argv, "tool call");
    let child = Command::new(&settings.exe)
        .args(["--output=json", "--color=never", "--platform"])
        .arg(&settings.root)
        .args(&argv)
        .current_dir(&settings.cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            let m = format!("error: running `{}`: {e}", settings.exe.display());
            Outcome::refused(exit::UNEXPECTED, vec![m.clone()], m)
        })?;
    Ok(Started {
        child,
        dry_run: argv.iter().any(|a| a == "--dry-run"),
    })
}

/// Refuse a path argument outside [`Settings::readable`]: first as written (relative to the
/// working directory, `..` taken lexically, nothing on disk touched), then with its symbolic
/// links resolved when it exists. `-` (stdin) is fine: a tool run's stdin is empty.
fn check_paths(
    settings: &Settings,
    tool: &ToolSpec,
    args: &Map<String, Value>,
) -> Result<(), Outcome> {
    let inside = |p: &Path| settings.readable.iter().any(|r| p.starts_with(r));
    let mut errors = Vec::new();
    for (name, value) in tool.paths(args) {
        if value == "-" {
            continue;
        }
        let written = lexical(&settings.cwd.join(value));
        let resolved = std::fs::canonicalize(&written).ok();
        if !inside(&written) || resolved.as_deref().is_some_and(|r| !inside(r)) {
            errors.push(format!(
                "`{name}`: `{value}` is outside the directories this server reads (the \
                 platform repo and each `idp mcp --allow-dir`)"
            ));
        }
    }
    if errors.is_empty() {
        return Ok(());
    }
    Err(Outcome::refused(
        exit::BAD_INPUT,
        errors.iter().map(|m| format!("error: {m}")).collect(),
        format!(
            "error: nothing was run: {}\nhint: start the server with `--allow-dir DIR` to let \
             tools read files in DIR",
            errors.join("; ")
        ),
    ))
}

/// `path` with `.` dropped and `..` taking off the component before it, on the text alone.
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Wait for a started run and turn what it printed and its exit code into the tool's result.
pub fn finish(started: Started) -> Outcome {
    let out = match started.child.wait_with_output() {
        Ok(out) => out,
        Err(e) => {
            let m = format!("error: waiting for the run: {e}");
            return Outcome::refused(exit::UNEXPECTED, vec![m.clone()], m);
        }
    };
    let dry_run = started.dry_run;
    let code = out.status.code().unwrap_or(i32::from(exit::UNEXPECTED));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let data: Value = if stdout.trim().is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&stdout).unwrap_or_else(|_| Value::String(stdout.to_string()))
    };
    let ok = code == 0 || (dry_run && code == i32::from(exit::PENDING));
    let stderr_lines: Vec<String> = stderr
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    if ok {
        let structured = match data {
            Value::Object(_) => data,
            Value::Null => json!({}),
            other @ Value::Array(_) => json!({ "items": other }),
            other => json!({ "value": other }),
        };
        let mut text = vec![stdout.trim_end().to_string()];
        if !stderr_lines.is_empty() {
            text.push(stderr_lines.join("\n"));
        }
        return Outcome {
            structured,
            text,
            is_error: false,
        };
    }
    failure(code, data, stderr_lines)
}

/// A failed run as a tool error: the CLI's message, its findings (`file:line:col: message
/// (field …, rule …)`), causes and hint as text, and the same as data.
fn failure(code: i32, data: Value, stderr: Vec<String>) -> Outcome {
    // `-o json` prints an error as `{ok: false, error, causes, findings, hint}`; a lint prints its
    // findings as a list.
    let findings_json = match &data {
        Value::Object(o) => o.get("findings").cloned().unwrap_or(Value::Null),
        list @ Value::Array(_) => list.clone(),
        _ => Value::Null,
    };
    let findings: Vec<Finding> = serde_json::from_value(findings_json.clone()).unwrap_or_default();
    let mut errors = Vec::new();
    if let Some(message) = data.get("error").and_then(Value::as_str) {
        errors.push(format!("error: {message}"));
    }
    for cause in data
        .get("causes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        errors.push(format!("  caused by: {cause}"));
    }
    errors.extend(findings.iter().map(|f| format!("error: {}", f.display())));
    if let Some(hint) = data.get("hint").and_then(Value::as_str) {
        errors.push(format!("hint: {hint}"));
    }
    errors.extend(stderr);
    if errors.is_empty() {
        errors.push(format!("error: the command failed (exit {code})"));
    }
    let text = vec![format!("exit {code}\n{}", errors.join("\n"))];
    Outcome {
        structured: json!({
            "exit_code": code,
            "errors": errors,
            "findings": findings_json.as_array().cloned().unwrap_or_default(),
            "output": data,
        }),
        text,
        is_error: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_says_the_error_its_findings_and_hint_as_the_cli_does() {
        let body = json!({
            "ok": false, "exit_code": 3, "error": "1 finding(s)", "causes": [],
            "findings": [{"severity": "error", "file": "requests/s3/S3-0001.yaml", "line": 4,
                "column": 3, "path": "/spec/name", "rule": "schema/pattern", "message": "bad"}],
            "hint": "run idp validate",
        });
        let o = failure(3, body, vec!["warning: x".into()]);
        assert!(o.is_error);
        let text = &o.text[0];
        assert!(text.starts_with("exit 3\nerror: 1 finding(s)\n"), "{text}");
        assert!(
            text.contains(
                "error: requests/s3/S3-0001.yaml:4:3: bad (field `spec.name`, rule schema/pattern)"
            ),
            "{text}"
        );
        assert!(
            text.contains("hint: run idp validate\nwarning: x"),
            "{text}"
        );
        assert_eq!(o.structured["exit_code"], 3);
        assert_eq!(o.structured["findings"][0]["line"], 4);
    }
}
