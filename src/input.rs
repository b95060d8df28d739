//! User input at the edge, checked before anything else runs: input files read with a byte cap
//! (decided before reading: a stat, then a bounded read, so pipes and devices such as
//! `/dev/zero` stop at the cap too), text that must be UTF-8, command-line arguments checked
//! for length and control characters, single-line fields, and paths confined to their root
//! after normalisation. Every refusal is bad input (exit 2) naming the file and line, or the
//! flag, and the field.

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::error::{Finding, IdpError};

/// The most bytes an input file (`-f`, `--values`) may have: the YAML document limit.
pub const MAX_FILE_BYTES: usize = crate::yaml::MAX_BYTES;
/// The most bytes one command-line argument may have.
pub const MAX_ARG_BYTES: usize = 4096;
/// Flags whose values may hold line breaks (YAML values).
const MULTI_LINE_FLAGS: &[&str] = &["--set"];

/// Read a user-given file (relative to `cwd`), at most [`MAX_FILE_BYTES`], as UTF-8.
pub fn read_file(cwd: &Path, path: &Path) -> anyhow::Result<String> {
    let display = path.display().to_string();
    let full = cwd.join(path);
    let unreadable = |e: std::io::Error| {
        IdpError::bad_input(
            Finding::error(&display, 1, 1)
                .rule("input")
                .message(format!("cannot read `{display}`: {e}")),
        )
    };
    let file = std::fs::File::open(&full).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if meta.is_dir() {
        return Err(unreadable(std::io::Error::other("it is a directory")));
    }
    if meta.is_file() && meta.len() > MAX_FILE_BYTES as u64 {
        return Err(too_big(&display, Some(meta.len())));
    }
    read_capped(file, &display)
}

/// Read stdin (`-f -`), at most [`MAX_FILE_BYTES`], as UTF-8.
pub fn read_stdin() -> anyhow::Result<String> {
    read_capped(std::io::stdin().lock(), "<stdin>")
}

/// Read at most [`MAX_FILE_BYTES`] from `reader`; more is refused, whatever the source.
pub fn read_capped(reader: impl Read, display: &str) -> anyhow::Result<String> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            IdpError::bad_input(
                Finding::error(display, 1, 1)
                    .rule("input")
                    .message(format!("cannot read `{display}`: {e}")),
            )
        })?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_big(display, None));
    }
    utf8(display, bytes).map_err(Into::into)
}

fn too_big(display: &str, len: Option<u64>) -> anyhow::Error {
    let size = len.map_or_else(
        || format!("more than {MAX_FILE_BYTES} bytes"),
        |n| format!("{n} bytes"),
    );
    IdpError::bad_input(
        Finding::error(display, 1, 1)
            .rule("input/size")
            .message(format!(
                "`{display}` is {size}, over the limit of {MAX_FILE_BYTES} bytes; refusing to read it"
            )),
    )
}

/// Bytes as UTF-8 text, or bad input at the line and column of the first invalid byte.
pub fn utf8(display: &str, bytes: Vec<u8>) -> Result<String, IdpError> {
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let before = &bytes[..at];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let col = at
            - before
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |p| p + 1)
            + 1;
        IdpError::BadInput {
            message: format!("{display}:{line}:{col}: not valid UTF-8 (byte {at})"),
            findings: vec![
                Finding::error(display, line, col)
                    .rule("input/utf8")
                    .message(format!("not valid UTF-8 (byte {at})")),
            ],
        }
    })
}

/// Check every command-line argument: at most [`MAX_ARG_BYTES`], and no control characters
/// (line breaks included) except in YAML values (`--set`). The error names the flag.
pub fn check_args(args: &[String]) -> anyhow::Result<()> {
    let mut previous: Option<&str> = None;
    for (i, arg) in args.iter().enumerate().skip(1) {
        let (flag, value) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (Some(f), v),
            _ => (previous.filter(|p| p.starts_with('-')), arg.as_str()),
        };
        let name = match flag {
            Some(f) => format!("`{f}`"),
            None => format!("argument {i}"),
        };
        if value.len() > MAX_ARG_BYTES {
            return Err(IdpError::usage(format!(
                "{name}: the value is {} bytes, more than the limit of {MAX_ARG_BYTES}",
                value.len()
            )));
        }
        let multi = flag.is_some_and(|f| MULTI_LINE_FLAGS.contains(&f));
        if !multi && let Some(c) = value.chars().find(|c| c.is_control() && *c != '\t') {
            return Err(IdpError::usage(format!(
                "{name}: the value holds {}; it must be one line",
                describe(c)
            )));
        }
        previous = Some(arg.as_str());
    }
    Ok(())
}

/// The checks of [`check_args`] on one value, named `name` in the message; `long` is its
/// flag's long name without dashes (`set`), if it has one. The command layer walks clap's
/// parse with it (`commands::args`), so that this layer needs no clap.
pub fn check_arg_value(name: &str, long: Option<&str>, value: &str) -> anyhow::Result<()> {
    let multi = long.is_some_and(|l| MULTI_LINE_FLAGS.contains(&format!("--{l}").as_str()));
    if value.len() > MAX_ARG_BYTES {
        return Err(IdpError::usage(format!(
            "{name}: the value is {} bytes, more than the limit of {MAX_ARG_BYTES}",
            value.len()
        )));
    }
    if !multi && let Some(c) = value.chars().find(|c| c.is_control() && *c != '\t') {
        return Err(IdpError::usage(format!(
            "{name}: the value holds {}; it must be one line",
            describe(c)
        )));
    }
    Ok(())
}

fn describe(c: char) -> String {
    match c {
        '\n' => "a line break".into(),
        '\r' => "a carriage return".into(),
        c => format!("the control character U+{:04X}", c as u32),
    }
}

/// A single-line field (a title, a name, a description that goes into a commit subject, a
/// trailer or a pull request title): no control characters, at most `max` characters.
pub fn single_line(field: &str, value: &str, max: usize) -> Result<(), IdpError> {
    if let Some(c) = value.chars().find(|c| c.is_control()) {
        return Err(IdpError::Usage(format!(
            "`{field}`: the value holds {}; it must be one line",
            describe(c)
        )));
    }
    let n = value.chars().count();
    if n > max {
        return Err(IdpError::Usage(format!(
            "`{field}`: the value is {n} characters, more than the limit of {max}"
        )));
    }
    if value.trim().is_empty() {
        return Err(IdpError::Usage(format!("`{field}`: the value is empty")));
    }
    Ok(())
}

/// A name given as a flag (a team, a domain): lowercase letters, digits and `-`, starting with
/// a letter or digit, at most `max` bytes (the pattern of the schemas' names).
pub fn name(flag: &str, value: &str, max: usize) -> Result<(), IdpError> {
    let b = value.as_bytes();
    let ok = !b.is_empty()
        && b.len() <= max
        && b[0].is_ascii_alphanumeric()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-');
    if ok {
        Ok(())
    } else {
        Err(IdpError::Usage(format!(
            "`{flag}`: `{}` is not a valid name (lowercase letters, digits and `-`, starting \
             with a letter or digit, at most {max})",
            value.chars().take(80).collect::<String>()
        )))
    }
}

/// `rel` joined to `root` and normalised (no `.`/`..` left), if it stays inside `root`:
/// relative, without `..` climbing out.
pub fn confined(root: &Path, rel: &str) -> Option<PathBuf> {
    let path = Path::new(rel);
    if rel.is_empty() || path.is_absolute() || rel.contains('\0') {
        return None;
    }
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::Normal(s) => out.push(s),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    if out.as_os_str().is_empty() {
        return None;
    }
    Some(root.join(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_their_root() {
        let root = Path::new("/p");
        assert_eq!(
            confined(root, ".idp/repos"),
            Some(PathBuf::from("/p/.idp/repos"))
        );
        assert_eq!(confined(root, "a/../b"), Some(PathBuf::from("/p/b")));
        assert_eq!(confined(root, "../../../tmp/x"), None);
        assert_eq!(confined(root, "a/../../x"), None);
        assert_eq!(confined(root, "/tmp/x"), None);
        assert_eq!(confined(root, "."), None);
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let err = utf8("f.yaml", b"a: 1\nb: \xff\n".to_vec()).unwrap_err();
        assert_eq!(err.to_string(), "f.yaml:2:4: not valid UTF-8 (byte 8)");
    }

    #[test]
    fn reads_stop_at_the_cap() {
        let err = read_capped(std::io::repeat(0).take(10 << 20), "zero").unwrap_err();
        assert!(err.to_string().contains("over the limit"), "{err}");
    }

    #[test]
    fn arguments_are_one_line_and_bounded() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(check_args(&args(&["idp", "adr", "new", "A title"])).is_ok());
        let err = check_args(&args(&["idp", "adr", "new", "a\n\nIdp-Actor: x"])).unwrap_err();
        assert!(err.to_string().contains("argument 3"), "{err}");
        let err = check_args(&args(&["idp", "x", "--title", "a\nb"])).unwrap_err();
        assert!(err.to_string().contains("`--title`"), "{err}");
        assert!(check_args(&args(&["idp", "x", "--set", "a=[1,\n2]"])).is_ok());
        let long = "x".repeat(MAX_ARG_BYTES + 1);
        assert!(check_args(&args(&["idp", "x", &format!("--title={long}")])).is_err());
    }
}
