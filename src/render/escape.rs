//! Auto-escaping by the output file's language: every `{{ value }}` a template writes goes
//! through [`format`], which escapes it for the language of the file being rendered (chosen
//! from its name by [`lang_of`]). Templates need no care for safety; a template that means to
//! emit raw structure says so with `|safe` (or a filter that returns a safe string, like
//! `yaml`), and that is what a review looks for.
//!
//! The rules, per language (see ADR-0030):
//! - a *token* (a letter or digit, then letters, digits and `._/@+:-`, not ending in `:`) is
//!   written as it is in every language: names, versions, hosts and URLs read the same, and a
//!   token cannot end a string, start a comment or a new line anywhere;
//! - YAML: anything else (and a token that would read as a number, boolean or null) is
//!   written as a double-quoted scalar: a data literal wherever a value goes, inert text inside
//!   comments and other scalars (a template that puts a value inside quotes must only get
//!   tokens there, or the file fails to parse — never becomes structure);
//! - JSON, Python, HCL: values are escaped as the *content* of a string literal (templates put
//!   them inside quotes: `"{{ x }}"`, `"""{{ x }}"""`); HCL also escapes `${` and `%{`;
//! - shell and Dockerfile: anything else is single-quoted; a line break is refused (a
//!   Dockerfile or a shell comment would run the next line);
//! - Markdown: punctuation that starts markup is backslash-escaped, line breaks fold to spaces;
//! - anything else (plain text, file names): a value with control characters is refused.
//!
//! Numbers and booleans are written as they are; lists and maps as JSON/YAML flow data in
//! YAML and JSON files.

use std::fmt::Write as _;

use minijinja::value::ValueKind;
use minijinja::{AutoEscape, Error, ErrorKind, Output, State, Value};

/// What a refused value's error message starts with (the renderers map it to exit 2).
pub const REFUSED: &str = "refusing to write a value";

/// The languages values are escaped for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Yaml,
    Json,
    Python,
    Shell,
    Dockerfile,
    Markdown,
    Hcl,
    Text,
}

impl Lang {
    fn name(self) -> &'static str {
        match self {
            Lang::Yaml => "yaml",
            Lang::Json => "json",
            Lang::Python => "python",
            Lang::Shell => "shell",
            Lang::Dockerfile => "dockerfile",
            Lang::Markdown => "markdown",
            Lang::Hcl => "hcl",
            Lang::Text => "text",
        }
    }

    fn from_name(name: &str) -> Lang {
        match name {
            "yaml" => Lang::Yaml,
            "json" => Lang::Json,
            "python" => Lang::Python,
            "shell" => Lang::Shell,
            "dockerfile" => Lang::Dockerfile,
            "markdown" => Lang::Markdown,
            "hcl" => Lang::Hcl,
            _ => Lang::Text,
        }
    }
}

/// The language of a template from its file name (`.j2`/`.jinja` suffixes ignored).
pub fn lang_of(name: &str) -> Lang {
    let name = name
        .strip_suffix(".j2")
        .or_else(|| name.strip_suffix(".jinja"))
        .unwrap_or(name);
    let file = name.rsplit('/').next().unwrap_or(name);
    let lower = file.to_ascii_lowercase();
    if lower == "dockerfile" || lower == "containerfile" || lower.ends_with(".dockerfile") {
        return Lang::Dockerfile;
    }
    match lower.rsplit_once('.').map(|(_, ext)| ext) {
        Some("yaml" | "yml") => Lang::Yaml,
        Some("json") => Lang::Json,
        Some("py") => Lang::Python,
        Some("sh" | "bash") => Lang::Shell,
        Some("md" | "markdown") => Lang::Markdown,
        Some("tf" | "tfvars" | "hcl") => Lang::Hcl,
        _ => Lang::Text,
    }
}

/// minijinja's auto-escape callback: the language as a custom escape.
pub fn auto_escape(name: &str) -> AutoEscape {
    AutoEscape::Custom(lang_of(name).name().into())
}

/// minijinja's formatter: writes `value` escaped for the template's language.
pub fn format(out: &mut Output, state: &mut State, value: &Value) -> Result<(), Error> {
    let lang = match state.auto_escape() {
        AutoEscape::Custom(name) => Lang::from_name(name),
        _ => Lang::Text,
    };
    if value.is_safe() {
        return write!(out, "{value}").map_err(Error::from);
    }
    let text = match value.kind() {
        ValueKind::Undefined | ValueKind::None | ValueKind::Bool | ValueKind::Number => {
            return write!(out, "{value}").map_err(Error::from);
        }
        ValueKind::String => value.as_str().unwrap_or_default().to_string(),
        ValueKind::Seq | ValueKind::Map if matches!(lang, Lang::Yaml | Lang::Json) => {
            let json: serde_json::Value = serde_json::to_value(value)
                .map_err(|e| Error::new(ErrorKind::InvalidOperation, e.to_string()))?;
            let text = if lang == Lang::Yaml {
                crate::yaml::render_inline(&json)
            } else {
                json.to_string()
            };
            return out.write_str(&text).map_err(Error::from);
        }
        _ => value.to_string(),
    };
    let escaped = escape(lang, &text).map_err(|why| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!(
                "{REFUSED} into {} ({why}): {:?}",
                lang.name(),
                truncate(&text)
            ),
        )
    })?;
    out.write_str(&escaped).map_err(Error::from)
}

fn truncate(s: &str) -> String {
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s.to_string()
    }
}

/// A value that reads the same, unquoted, in every language idp renders.
pub fn is_token(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || "._/@+:-".contains(c))
        && !s.ends_with(':')
}

/// Escape one string for `lang`; `Err` says why it cannot be written there.
pub fn escape(lang: Lang, s: &str) -> Result<String, String> {
    match lang {
        Lang::Json => Ok(json_content(s)),
        Lang::Python => Ok(python_content(s)),
        Lang::Hcl => Ok(json_content(s).replace("${", "$${").replace("%{", "%%{")),
        // A token that would read as a number, a boolean or null is quoted in YAML.
        Lang::Yaml if is_token(s) && crate::yaml::resolve_plain(s).is_string() => Ok(s.to_string()),
        Lang::Yaml => Ok(format!("\"{}\"", yaml_dq_content(s))),
        _ if is_token(s) => Ok(s.to_string()),
        Lang::Shell | Lang::Dockerfile => {
            if s.chars().any(|c| c == '\n' || c == '\r' || c == '\0') {
                return Err("a line break or NUL".into());
            }
            Ok(format!("'{}'", s.replace('\'', "'\\''")))
        }
        Lang::Markdown => Ok(markdown(s)),
        Lang::Text => {
            if s.chars().any(|c| c.is_control() && c != '\t') {
                return Err("a control character".into());
            }
            Ok(s.to_string())
        }
    }
}

/// The content of a JSON string literal (no quotes).
fn json_content(s: &str) -> String {
    let quoted = serde_json::Value::String(s.to_string()).to_string();
    // U+2028/2029 end a line in JavaScript, which reads JSON too.
    quoted[1..quoted.len() - 1]
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// The content of a Python string literal of any quote style (no quotes).
fn python_content(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' || c == '\u{feff}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// The content of a YAML double-quoted scalar (no quotes): only printable characters remain.
fn yaml_dq_content(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control()
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                ) =>
            {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// Markdown text: markup characters backslash-escaped, line breaks folded to spaces.
fn markdown(s: &str) -> String {
    let folded: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut out = String::with_capacity(folded.len() + 8);
    let trimmed_start = folded.len() - folded.trim_start().len();
    for (i, c) in folded.char_indices() {
        let at_start = i == trimmed_start;
        match c {
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '<' | '>' | '#' | '!' | '|' | '~'
            | '&' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            '.' | ')'
                if i > trimmed_start
                    && folded[trimmed_start..i].chars().all(|d| d.is_ascii_digit()) =>
            {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_come_from_file_names() {
        assert_eq!(lang_of("app/service/__init__.py"), Lang::Python);
        assert_eq!(lang_of("templates/environment.yaml.j2"), Lang::Yaml);
        assert_eq!(lang_of("app/Dockerfile"), Lang::Dockerfile);
        assert_eq!(lang_of("terraform/main.tf.j2"), Lang::Hcl);
        assert_eq!(lang_of("app/README.md"), Lang::Markdown);
        assert_eq!(lang_of("app/.dockerignore"), Lang::Text);
    }

    #[test]
    fn tokens_pass_unchanged_everywhere() {
        for lang in [
            Lang::Yaml,
            Lang::Json,
            Lang::Python,
            Lang::Shell,
            Lang::Dockerfile,
            Lang::Markdown,
            Lang::Hcl,
            Lang::Text,
        ] {
            for t in [
                "payments",
                "v1.2.3",
                "https://github.com/acme/p.git",
                "a_b-c",
            ] {
                assert_eq!(escape(lang, t).as_deref(), Ok(t), "{lang:?} {t}");
            }
        }
    }

    #[test]
    fn hostile_values_are_escaped() {
        let v = "x\"\"\"; __import__(\"os\").system(\"touch pwned\"); \"\"\"y";
        assert!(!escape(Lang::Python, v).unwrap().contains("\"\"\""));
        assert_eq!(escape(Lang::Yaml, "a: b\nc").unwrap(), "\"a: b\\nc\"");
        assert_eq!(escape(Lang::Shell, "it's").unwrap(), "'it'\\''s'");
        assert!(escape(Lang::Dockerfile, "a\nRUN x").is_err());
        assert_eq!(escape(Lang::Hcl, "${x}").unwrap(), "$${x}");
        assert_eq!(escape(Lang::Markdown, "# <b>\nx").unwrap(), "\\# \\<b\\> x");
        assert_eq!(escape(Lang::Markdown, "1. a").unwrap(), "1\\. a");
    }
}
