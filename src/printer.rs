//! The one printer: data to stdout (text, JSON or YAML, decided once), status and progress to
//! stderr, colour only on a terminal without NO_COLOR, and the GitHub Actions side channels
//! (`$GITHUB_OUTPUT`, `$GITHUB_STEP_SUMMARY`, `::error` annotations) when they are available.

use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use comfy_table::{ContentArrangement, Table, presets};
use serde::Serialize;

use crate::error::{Finding, Severity};

/// How results are printed on stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Text,
    Json,
    Yaml,
}

impl Format {
    /// The format `-o`/`--output` asks for on a raw command line (or `IDP_OUTPUT` when no
    /// flag does), read before clap has parsed it: a usage error still answers in the format
    /// the caller reads. Anything after `--` is an operand, not a flag.
    pub fn requested<S: AsRef<std::ffi::OsStr>>(args: &[S], env: Option<&str>) -> Format {
        let named = |v: &str| match v.trim() {
            "json" => Some(Format::Json),
            "yaml" => Some(Format::Yaml),
            "text" => Some(Format::Text),
            _ => None,
        };
        let mut found = None;
        let mut args = args.iter().skip(1).map(|a| a.as_ref().to_string_lossy());
        while let Some(arg) = args.next() {
            if arg == "--" {
                break;
            }
            let value = if arg == "--output" {
                args.next().map(|v| v.into_owned())
            } else if let Some(v) = arg.strip_prefix("--output=") {
                Some(v.to_string())
            } else if let Some(short) = arg.strip_prefix('-').filter(|s| !s.starts_with('-')) {
                // `-o json`, `-ojson`, `-o=json`, and `-qo json` (short flags together).
                match short.find('o') {
                    Some(i) if short[..i].chars().all(|c| matches!(c, 'q' | 'v')) => {
                        let rest = &short[i + 1..];
                        if rest.is_empty() {
                            args.next().map(|v| v.into_owned())
                        } else {
                            Some(rest.trim_start_matches('=').to_string())
                        }
                    }
                    _ => None,
                }
            } else {
                None
            };
            if let Some(f) = value.as_deref().and_then(named) {
                found = Some(f);
            }
        }
        found
            .or_else(|| env.and_then(named))
            .unwrap_or(Format::Text)
    }
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// GitHub Actions integration, read from the environment once.
#[derive(Debug, Default, Clone)]
pub struct Actions {
    pub enabled: bool,
    pub output: Option<PathBuf>,
    pub summary: Option<PathBuf>,
}

impl Actions {
    pub fn from_env() -> Self {
        let path = |k: &str| {
            std::env::var_os(k)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        Actions {
            enabled: std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true"),
            output: path("GITHUB_OUTPUT"),
            summary: path("GITHUB_STEP_SUMMARY"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Printer {
    pub format: Format,
    pub quiet: bool,
    pub verbose: u8,
    color: bool,
    actions: Actions,
}

impl Printer {
    pub fn new(format: Format, quiet: bool, verbose: u8, color: ColorChoice) -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !no_color && std::io::stderr().is_terminal(),
        };
        Printer {
            format,
            quiet,
            verbose,
            color,
            actions: Actions::from_env(),
        }
    }

    pub fn color(&self) -> bool {
        self.color
    }

    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    /// A cargo-style status line on stderr: `   Committed abc1234 on idp/env/qa`.
    pub fn status(&self, verb: &str, message: impl AsRef<str>) {
        if self.quiet {
            return;
        }
        let verb = self.paint("1;32", &format!("{verb:>12}"));
        eprintln!("{verb} {}", message.as_ref());
    }

    pub fn warn(&self, message: impl AsRef<str>) {
        if self.quiet {
            return;
        }
        eprintln!("{}: {}", self.paint("1;33", "warning"), message.as_ref());
    }

    pub fn error(&self, message: impl AsRef<str>) {
        eprintln!("{}: {}", self.paint("1;31", "error"), message.as_ref());
    }

    pub fn hint(&self, message: impl AsRef<str>) {
        eprintln!("{}: {}", self.paint("1;36", "hint"), message.as_ref());
    }

    /// Print a result: `text` renders it for humans, JSON/YAML serialize `value`.
    pub fn data<T: Serialize>(
        &self,
        value: &T,
        text: impl FnOnce() -> String,
    ) -> anyhow::Result<()> {
        let out = match self.format {
            Format::Text => text(),
            Format::Json => {
                let mut s = serde_json::to_string_pretty(value)?;
                s.push('\n');
                s
            }
            Format::Yaml => crate::yaml::to_string(value)?,
        };
        if out.is_empty() {
            return Ok(());
        }
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(out.as_bytes())?;
        if !out.ends_with('\n') {
            stdout.write_all(b"\n")?;
        }
        stdout.flush()?;
        Ok(())
    }

    /// A result in a format the command was asked for by name (Prometheus exposition, CSV),
    /// written to stdout as it is, whatever `--output` says.
    pub fn raw(&self, text: &str) -> anyhow::Result<()> {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(text.as_bytes())?;
        stdout.flush()?;
        Ok(())
    }

    /// A table with a header row, fitted to the terminal when stdout is one.
    pub fn table(&self, header: &[&str], rows: Vec<Vec<String>>) -> String {
        let mut table = Table::new();
        // Fit to the terminal only when its width is known: a pseudo-terminal without a size
        // reports 0 columns, and fitting to that puts one character per line.
        let fit = std::io::stdout().is_terminal() && table.width().is_some_and(|w| w >= 40);
        table
            .load_style(presets::UTF8_BORDERS_ONLY)
            .set_content_arrangement(if fit {
                ContentArrangement::Dynamic
            } else {
                ContentArrangement::Disabled
            })
            .set_header(header.to_vec());
        if !std::io::stdout().is_terminal() {
            table.load_style(presets::NOTHING);
        }
        for row in rows {
            table.add_row(row);
        }
        let mut s = table.to_string();
        // comfy-table pads every cell; trailing spaces only get in the way of grep and diff.
        s = s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
        s.push('\n');
        s
    }

    /// [`Printer::table`], with the widest some columns are printed: `(column, width)`. A
    /// longer cell is cut to that width with `…` (see [`cut`]), as `gh` and `cargo` cut long
    /// cells, so that one long value does not widen the whole table; JSON and YAML carry it
    /// whole.
    pub fn table_capped(
        &self,
        header: &[&str],
        mut rows: Vec<Vec<String>>,
        caps: &[(usize, usize)],
    ) -> String {
        for row in &mut rows {
            for &(column, width) in caps {
                if let Some(cell) = row.get_mut(column) {
                    *cell = cut(cell, width);
                }
            }
        }
        self.table(header, rows)
    }

    /// Report findings on stderr (text) and as annotations under GitHub Actions.
    pub fn findings(&self, findings: &[Finding]) {
        for f in findings {
            match f.severity {
                Severity::Error => self.error(f.display()),
                Severity::Warning => self.warn(f.display()),
            }
        }
        self.annotate(findings);
    }

    /// `::error file=…,line=…,col=…::message` for each finding under GitHub Actions.
    pub fn annotate(&self, findings: &[Finding]) {
        if !self.actions.enabled {
            return;
        }
        let mut s = String::new();
        for f in findings {
            let level = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let _ = writeln!(
                s,
                "::{level} file={},line={},col={},title={}::{}",
                escape_property(&f.file),
                f.line,
                f.column,
                escape_property(&f.rule),
                escape_data(&f.message)
            );
        }
        // Workflow commands are read from stdout; keep stdout clean for JSON/YAML consumers.
        if self.format == Format::Text {
            print!("{s}");
        } else {
            eprint!("{s}");
        }
    }

    /// Write `key=value` lines to `$GITHUB_OUTPUT` (multi-line values use a delimiter).
    pub fn outputs(&self, pairs: &[(&str, String)]) -> anyhow::Result<()> {
        let Some(path) = &self.actions.output else {
            return Ok(());
        };
        let mut s = String::new();
        for (k, v) in pairs {
            if v.contains('\n') {
                let _ = writeln!(s, "{k}<<IDP_EOF\n{v}\nIDP_EOF");
            } else {
                let _ = writeln!(s, "{k}={v}");
            }
        }
        append(path, &s)
    }

    /// A spinner on stderr for a long step: only on a terminal and not with `--quiet`.
    pub fn progress(&self) -> Progress {
        let show = !self.quiet && std::io::stderr().is_terminal();
        Progress(show.then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.enable_steady_tick(std::time::Duration::from_millis(100));
            bar
        }))
    }

    /// Append Markdown to `$GITHUB_STEP_SUMMARY`.
    pub fn summary(&self, markdown: &str) -> anyhow::Result<()> {
        match &self.actions.summary {
            Some(path) => append(path, markdown),
            None => Ok(()),
        }
    }
}

/// A spinner (see [`Printer::progress`]), or nothing when progress is hidden.
pub struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    /// No progress at all (for tests and library callers).
    pub fn hidden() -> Self {
        Progress(None)
    }

    /// What is happening now.
    pub fn set(&self, message: impl Into<String>) {
        if let Some(bar) = &self.0 {
            bar.set_message(message.into());
        }
    }

    /// Print something without the spinner drawing over it.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.0 {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// Remove the spinner.
    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// `text` in at most `width` characters, on one line: a longer text, or one of several lines,
/// is cut and ends with `…`.
pub fn cut(text: &str, width: usize) -> String {
    let first = text.lines().next().unwrap_or_default();
    let whole = first.len() == text.trim_end_matches(['\r', '\n']).len();
    if whole && first.chars().count() <= width {
        return first.to_string();
    }
    let kept: String = first.chars().take(width.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

fn append(path: &PathBuf, s: &str) -> anyhow::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| anyhow::anyhow!("cannot write `{}`: {e}", path.display()))?;
    f.write_all(s.as_bytes())?;
    Ok(())
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::{Format, cut};

    #[test]
    fn a_long_or_multi_line_cell_is_cut_to_its_width() {
        assert_eq!(cut("short", 8), "short");
        assert_eq!(cut("exactly8", 8), "exactly8");
        assert_eq!(cut("nine char", 8), "nine ch…");
        assert_eq!(cut("a b     c", 5), "a b…");
        assert_eq!(cut("one\ntwo", 8), "one…");
        assert_eq!(cut("one\n", 8), "one");
        assert_eq!(cut("ééééé", 3), "éé…");
        assert_eq!(cut("", 3), "");
    }

    fn requested(line: &str, env: Option<&str>) -> Format {
        let args: Vec<&str> = std::iter::once("idp")
            .chain(line.split_whitespace())
            .collect();
        Format::requested(&args, env)
    }

    #[test]
    fn the_output_format_is_found_on_a_raw_command_line() {
        assert_eq!(requested("pr list -o json", None), Format::Json);
        assert_eq!(requested("-ojson pr list", None), Format::Json);
        assert_eq!(requested("pr list -o=yaml", None), Format::Yaml);
        assert_eq!(requested("pr --output json list", None), Format::Json);
        assert_eq!(requested("pr list --output=json", None), Format::Json);
        assert_eq!(requested("pr list -qo json", None), Format::Json);
        assert_eq!(requested("pr list", Some("json")), Format::Json);
        assert_eq!(requested("pr list -o text", Some("json")), Format::Text);
        assert_eq!(requested("pr list -- -o json", None), Format::Text);
        assert_eq!(requested("pr list --owner json", None), Format::Text);
        assert_eq!(requested("pr list -o xml", None), Format::Text);
    }
}
