//! Documents with metadata front matter (ADRs, runbooks): reading the `---` block with line
//! numbers, and the ADR model (see [`adr`]).

pub mod adr;
pub mod inventory;
pub mod lint;
pub mod metadata;
pub mod runbook;

use crate::error::Finding;
use crate::yaml::{self, Document};

/// The longest title an ADR or runbook may have (`title.maxLength` of
/// `schemas/metadata/doc.schema.json`).
pub const MAX_TITLE: usize = 160;

/// The indexes idp generates from the documents beside them (`adrs/README.md`,
/// `runbooks/README.md`): `path`'s content regenerated from `source`, or `None` when `path` is
/// not one. Two pull requests that each add a document both add a row at the end of the same
/// table; a merge regenerates the table instead of reporting a conflict.
pub fn regenerate_index(
    source: &dyn crate::platform::Source,
    path: &str,
) -> anyhow::Result<Option<String>> {
    let current = || -> anyhow::Result<String> { Ok(source.read(path)?.unwrap_or_default()) };
    Ok(match path {
        adr::INDEX => {
            let (adrs, _) = adr::load(source)?;
            Some(adr::with_index(&current()?, &adr::index_table(&adrs)))
        }
        runbook::INDEX => {
            let (runbooks, _) = runbook::load(source)?;
            Some(runbook::with_index(
                &current()?,
                &runbook::index_table(&runbooks),
            ))
        }
        _ => None,
    })
}

/// `text` with what lies between the `start` and `end` markers replaced by `table` (the markers
/// are appended when missing).
pub fn replace_between(text: &str, start: &str, end: &str, table: &str) -> String {
    match (text.find(start), text.find(end)) {
        (Some(s), Some(e)) if s < e => format!("{}{start}\n{table}{}", &text[..s], &text[e..]),
        _ => {
            let mut out = text.to_string();
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(&format!("\n{start}\n{table}{end}\n"));
            out
        }
    }
}

/// A document split into its front matter and body.
pub struct FrontMatter {
    pub meta: Document,
    /// Line (1-based) of the first front matter line, to shift YAML positions to file lines.
    pub offset: usize,
    pub body: String,
}

/// A numbered document: its number, path and front matter.
pub type Numbered = (u32, String, FrontMatter);

/// Every `<dir>/<PREFIX>-NNNN-*.md` document with its number and front matter; a document whose
/// front matter does not parse becomes a finding.
pub fn numbered(
    source: &dyn crate::platform::Source,
    dir: &str,
    prefix: &str,
) -> anyhow::Result<(Vec<Numbered>, Vec<Finding>)> {
    let mut out = Vec::new();
    let mut findings = Vec::new();
    for path in source.files(dir)? {
        let name = path.rsplit('/').next().unwrap_or("");
        let number = name
            .strip_prefix(prefix)
            .and_then(|r| r.strip_prefix('-'))
            .and_then(|r| r.get(..4))
            .and_then(|n| n.parse::<u32>().ok());
        let (Some(number), true) = (number, name.ends_with(".md")) else {
            continue;
        };
        let Some(text) = source.read(&path)? else {
            continue;
        };
        match split(&path, &text) {
            Ok(fm) => out.push((number, path, fm)),
            Err(f) => findings.push(f),
        }
    }
    out.sort_by_key(|(n, _, _)| *n);
    Ok((out, findings))
}

impl FrontMatter {
    /// A string field of the front matter (`""` when missing); dates read as written.
    pub fn text(&self, key: &str) -> String {
        match self.meta.value.get(key) {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        }
    }

    /// A finding at a front matter field, positioned in the file (not in the YAML block).
    pub fn finding(&self, file: &str, pointer: &str, rule: String, message: String) -> Finding {
        let s = self.meta.locate(pointer);
        Finding::error(file, s.line + self.offset - 1, s.col)
            .path(pointer)
            .rule(rule)
            .message(message)
    }

    /// Missing `required` fields, and entries of the `links` lists that name no known id.
    pub fn check_fields(
        &self,
        file: &str,
        kind: &str,
        required: &[&str],
        links: &[&str],
        ids: &[String],
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        for key in required {
            if self.meta.value.get(*key).is_none() {
                out.push(self.finding(
                    file,
                    "",
                    format!("{kind}/required"),
                    format!("missing front matter field `{key}`"),
                ));
            }
        }
        for key in links {
            let targets = self.meta.value.get(*key).and_then(|v| v.as_array());
            for (i, target) in targets.into_iter().flatten().enumerate() {
                let t = target.as_str().unwrap_or_default();
                if !ids.iter().any(|id| id == t) {
                    out.push(self.finding(
                        file,
                        &format!("/{key}/{i}"),
                        format!("{kind}/broken-link"),
                        format!("`{key}` names `{t}`, which does not exist"),
                    ));
                }
            }
        }
        out
    }
}

/// Split `---\n<yaml>\n---\n<body>`; errors name the file and line.
pub fn split(file: &str, text: &str) -> Result<FrontMatter, Finding> {
    let missing = || {
        Finding::error(file, 1, 1)
            .rule("docs/front-matter")
            .message("a document starts with a `---` front matter block")
    };
    let rest = text.strip_prefix("---\n").ok_or_else(missing)?;
    let end = rest
        .find("\n---\n")
        .or_else(|| rest.strip_suffix("\n---").map(|r| r.len()))
        .ok_or_else(|| {
            Finding::error(file, 1, 1)
                .rule("docs/front-matter")
                .message("the front matter block is not closed by a `---` line")
        })?;
    let meta_text = &rest[..end + 1];
    let body = rest.get(end + 5..).unwrap_or("").to_string();
    let meta = yaml::parse(meta_text).map_err(|e| {
        Finding::error(file, e.line + 1, e.col)
            .rule("yaml")
            .message(e.message)
    })?;
    Ok(FrontMatter {
        meta,
        offset: 2,
        body,
    })
}
