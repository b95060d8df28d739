//! The resources of `idp mcp`: what an agent reads to act well, each at a stable URI.
//!
//! | URI | what |
//! |-----|------|
//! | `idp://adr/ADR-0001` | an ADR (markdown) |
//! | `idp://runbook/RB-0007` | a runbook (markdown) |
//! | `idp://catalog/<kind>/<name>` | a Backstage entity under `catalog/` (JSON) |
//! | `idp://schema/requests/<kind>` | a request kind's JSON Schema (the repo's copy, else the embedded one) |
//! | `idp://environment/<name>` | an environment file (YAML) |
//! | `idp://graph` | the relation graph (JSON, as `idp graph -o json`) |
//!
//! A URI is looked up in the index built from the repo, never joined to a path, so no URI
//! reaches a file outside that list. Lists are paged ([`PAGE`] entries) with an opaque cursor.

use std::path::Path;

use serde_json::Value;

use crate::docs::inventory::{Inventory, catalog_entities};
use crate::graph::Graph;
use crate::infra::source::{Source, WorkTree};
use crate::platform::assets;

/// Entries per page of `resources/list`.
pub const PAGE: usize = 50;

/// One resource: its URI, a name and title, its MIME type and where it comes from.
#[derive(Debug, Clone)]
pub struct Entry {
    pub uri: String,
    pub name: String,
    pub title: String,
    pub mime: &'static str,
    origin: Origin,
}

#[derive(Debug, Clone)]
enum Origin {
    /// A file of the platform repo, served as it is.
    File(String),
    /// A request kind's schema: the repo's copy, else the embedded one.
    Schema(String),
    /// A catalog entity, served as JSON.
    Entity(Value),
    Graph,
}

#[derive(Debug, thiserror::Error)]
pub enum ResourceError {
    #[error("no resource `{0}` (see resources/list)")]
    NotFound(String),
    #[error("invalid cursor `{0}`")]
    Cursor(String),
    #[error(transparent)]
    Read(#[from] anyhow::Error),
}

/// Every resource of the platform repo at `root`, in a stable order.
pub fn index(root: &Path) -> anyhow::Result<Vec<Entry>> {
    let tree = WorkTree::new(root);
    let inv = Inventory::load(&tree)?;
    let mut out = Vec::new();
    for (kind, scheme, mime) in [
        ("adr", "adr", "text/markdown"),
        ("runbook", "runbook", "text/markdown"),
        ("env", "environment", "application/yaml"),
    ] {
        for item in inv.items.iter().filter(|i| i.kind == kind) {
            let title = item
                .raw
                .get("title")
                .and_then(Value::as_str)
                .map_or_else(|| item.file.clone(), |t| format!("{}: {t}", item.name));
            out.push(Entry {
                uri: format!("idp://{scheme}/{}", item.name),
                name: item.name.clone(),
                title,
                mime,
                origin: Origin::File(item.file.clone()),
            });
        }
    }
    for (file, doc) in catalog_entities(&tree)? {
        let (Some(kind), Some(name)) = (
            doc.value.get("kind").and_then(Value::as_str),
            doc.value.pointer("/metadata/name").and_then(Value::as_str),
        ) else {
            continue;
        };
        let kind = kind.to_ascii_lowercase();
        out.push(Entry {
            uri: format!("idp://catalog/{kind}/{name}"),
            name: format!("{kind}/{name}"),
            title: format!("{kind} `{name}` ({file})"),
            mime: "application/json",
            origin: Origin::Entity(doc.value.clone()),
        });
    }
    for (path, _) in assets::embedded_dir("schemas/requests") {
        let Some(kind) = path
            .strip_prefix("schemas/requests/")
            .and_then(|f| f.strip_suffix(".schema.json"))
        else {
            continue;
        };
        out.push(Entry {
            uri: format!("idp://schema/requests/{kind}"),
            name: format!("schema/requests/{kind}"),
            title: format!("The JSON Schema of a `{kind}` request (`idp provision {kind}`)"),
            mime: "application/schema+json",
            origin: Origin::Schema(path.clone()),
        });
    }
    out.push(Entry {
        uri: "idp://graph".to_string(),
        name: "graph".to_string(),
        title: "The relation graph: environments, apps, requests, teams, ADRs, runbooks"
            .to_string(),
        mime: "application/json",
        origin: Origin::Graph,
    });
    Ok(out)
}

/// One page of `entries` from `cursor` (an offset the previous page handed out), and the
/// cursor of the next page.
pub fn page(
    entries: Vec<Entry>,
    cursor: Option<&str>,
) -> Result<(Vec<Entry>, Option<String>), ResourceError> {
    let start = match cursor {
        None => 0,
        Some(c) => c
            .strip_prefix("o")
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| *n <= entries.len())
            .ok_or_else(|| ResourceError::Cursor(c.to_string()))?,
    };
    let end = (start + PAGE).min(entries.len());
    let next = (end < entries.len()).then(|| format!("o{end}"));
    Ok((
        entries.into_iter().skip(start).take(end - start).collect(),
        next,
    ))
}

/// The text of the resource at `uri`, and its MIME type.
pub fn read(root: &Path, uri: &str) -> Result<(String, &'static str), ResourceError> {
    let entry = index(root)?
        .into_iter()
        .find(|e| e.uri == uri)
        .ok_or_else(|| ResourceError::NotFound(uri.to_string()))?;
    let tree = WorkTree::new(root);
    let text = match &entry.origin {
        Origin::File(path) => tree
            .read(path)?
            .ok_or_else(|| ResourceError::NotFound(uri.to_string()))?,
        Origin::Schema(path) => {
            assets::resolve(&tree, path)?.ok_or_else(|| ResourceError::NotFound(uri.to_string()))?
        }
        Origin::Entity(value) => pretty(value)?,
        Origin::Graph => {
            let inv = Inventory::load(&tree)?;
            pretty(&Graph::build(&tree, &inv)?)?
        }
    };
    Ok((text, entry.mime))
}

fn pretty<T: serde::Serialize>(v: &T) -> anyhow::Result<String> {
    Ok(serde_json::to_string_pretty(v)? + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(n: usize) -> Vec<Entry> {
        (0..n)
            .map(|i| Entry {
                uri: format!("idp://x/{i}"),
                name: i.to_string(),
                title: String::new(),
                mime: "text/plain",
                origin: Origin::Graph,
            })
            .collect()
    }

    #[test]
    fn lists_page_with_a_cursor_and_refuse_a_forged_one() {
        let (first, next) = page(entries(PAGE + 3), None).unwrap();
        assert_eq!(first.len(), PAGE);
        let next = next.unwrap();
        let (rest, end) = page(entries(PAGE + 3), Some(&next)).unwrap();
        assert_eq!(rest.len(), 3);
        assert_eq!(rest[0].name, PAGE.to_string());
        assert!(end.is_none());
        assert!(page(entries(3), Some("o99")).is_err());
        assert!(page(entries(3), Some("../etc")).is_err());
    }
}
