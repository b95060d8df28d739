//! `idp docs lint`, `idp docs coverage` and `idp docs freshness`: metadata of every doc and
//! entity against schemas/metadata/, owners that exist, links that resolve, catalog quality
//! (Backstage entities and each app's catalog-info), and review dates.

use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use super::inventory::{Inventory, Item, catalog_entities, owner_name};
use crate::error::Finding;
use crate::platform::Source;
use crate::schema::Schemas;
use crate::yaml::{self, Document};

/// Annotations every Backstage Component needs, and what each is for.
pub const COMPONENT_ANNOTATIONS: [(&str, &str); 4] = [
    ("github.com/project-slug", "CI"),
    ("grafana/dashboard-selector", "dashboards"),
    ("argocd/app-name", "Argo CD app"),
    ("idp.dev/runbooks", "runbooks"),
];
/// Entity kinds that must name an owner.
const OWNED_KINDS: [&str; 5] = ["Component", "System", "Resource", "API", "Domain"];

/// Every lint finding. `root` is the platform repo on disk, to read app repos of the local forge.
pub fn lint(
    source: &dyn Source,
    inv: &Inventory,
    root: Option<&Path>,
) -> anyhow::Result<Vec<Finding>> {
    let mut schemas = Schemas::default();
    let mut out = inv.findings.clone();
    out.extend(inv.defaults.check(source, &mut schemas)?);
    for item in &inv.items {
        let findings = item.meta.check(source, &mut schemas, item.schema)?;
        // A missing field of an app, request or environment lowers coverage; it is not an error.
        out.extend(
            findings
                .into_iter()
                .filter(|f| item.kind_is_doc() || f.rule != "schema/required"),
        );
        out.extend(references(inv, item));
    }
    out.extend(catalog(source, inv)?);
    if let Some(root) = root {
        out.extend(app_catalog_infos(inv, root)?);
    }
    out.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    out.dedup_by(|a, b| a.file == b.file && a.line == b.line && a.message == b.message);
    Ok(out)
}

impl Item {
    fn kind_is_doc(&self) -> bool {
        matches!(self.kind, "adr" | "runbook" | "doc")
    }
}

/// The owner exists; named runbooks and ADRs exist.
fn references(inv: &Inventory, item: &Item) -> Vec<Finding> {
    let mut out = Vec::new();
    let owner = item.meta.text("owner");
    if !owner.is_empty() && !inv.teams.contains_key(owner_name(&owner)) {
        let (file, line, col) = item.meta.locate("/owner", false);
        out.push(
            Finding::error(file, line, col)
                .path("owner")
                .rule("metadata/owner")
                .message(format!(
                    "owner `{owner}` is not a team (idp.yaml `teams` or a Group in catalog/)"
                )),
        );
    }
    for key in ["runbooks", "adrs"] {
        for (i, id) in item.meta.list(key).iter().enumerate() {
            if !inv.has_doc(id) {
                let (file, line, col) = item.meta.locate(&format!("/{key}/{i}"), false);
                out.push(
                    Finding::error(file, line, col)
                        .path(format!("{key}.{i}"))
                        .rule("metadata/broken-link")
                        .message(format!("`{key}` names `{id}`, which does not exist")),
                );
            }
        }
    }
    out
}

/// Backstage entities under catalog/: an owner that exists; Components carry the annotations.
fn catalog(source: &dyn Source, inv: &Inventory) -> anyhow::Result<Vec<Finding>> {
    let mut out = Vec::new();
    for (file, doc) in catalog_entities(source)? {
        out.extend(entity(inv, &file, &doc));
    }
    Ok(out)
}

fn entity(inv: &Inventory, file: &str, doc: &Document) -> Vec<Finding> {
    let mut out = Vec::new();
    let kind = doc
        .value
        .get("kind")
        .and_then(Value::as_str)
        .unwrap_or_default();
    if !OWNED_KINDS.contains(&kind) {
        return out;
    }
    let name = doc
        .value
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("?");
    let at = |p: &str| doc.locate(p);
    match doc.value.pointer("/spec/owner").and_then(Value::as_str) {
        None => {
            let s = at("/spec");
            out.push(
                Finding::error(file, s.line, s.col)
                    .path("spec.owner")
                    .rule("catalog/owner")
                    .message(format!("{kind} `{name}` has no `spec.owner`")),
            );
        }
        Some(owner) if !inv.teams.contains_key(owner_name(owner)) => {
            let s = at("/spec/owner");
            out.push(
                Finding::error(file, s.line, s.col)
                    .path("spec.owner")
                    .rule("catalog/owner")
                    .message(format!(
                        "{kind} `{name}`: owner `{owner}` is not a team (idp.yaml `teams` or a \
                         Group in catalog/)"
                    )),
            );
        }
        Some(_) => {}
    }
    if kind == "Component" {
        for (key, what) in COMPONENT_ANNOTATIONS {
            let pointer = format!("/metadata/annotations/{}", key.replace('/', "~1"));
            match doc.value.pointer(&pointer).and_then(Value::as_str) {
                Some(v) if !v.trim().is_empty() => {
                    if key == "idp.dev/runbooks" {
                        for id in v.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                            if !inv.has_doc(id) {
                                let s = at(&pointer);
                                out.push(
                                    Finding::error(file, s.line, s.col)
                                        .path(format!("metadata.annotations.{key}"))
                                        .rule("catalog/runbooks")
                                        .message(format!(
                                            "Component `{name}` names runbook `{id}`, which does \
                                             not exist"
                                        )),
                                );
                            }
                        }
                    }
                }
                _ => {
                    let s = at("/metadata");
                    out.push(
                        Finding::error(file, s.line, s.col)
                            .path(format!("metadata.annotations.{key}"))
                            .rule("catalog/annotation")
                            .message(format!(
                                "Component `{name}` lacks the annotation `{key}` ({what})"
                            )),
                    );
                }
            }
        }
    }
    out
}

/// Each app's own catalog-info.yaml, read from its repository when that is on this machine
/// (the local forge); a remote repository is skipped with a debug log.
fn app_catalog_infos(inv: &Inventory, root: &Path) -> anyhow::Result<Vec<Finding>> {
    let mut out = Vec::new();
    for app in inv.of_kind("app") {
        let Some(repo) = app.raw.get("repository").and_then(Value::as_str) else {
            continue;
        };
        let path = if Path::new(repo).is_absolute() {
            Path::new(repo).to_path_buf()
        } else {
            root.join(repo.trim_start_matches("file://"))
        };
        if !path.exists() {
            tracing::debug!(
                "{}: repository `{repo}` is not local; catalog-info not checked",
                app.file
            );
            continue;
        }
        crate::infra::git::start();
        let Ok(r) = git2::Repository::open(&path) else {
            continue;
        };
        let text = r
            .revparse_single("HEAD:catalog-info.yaml")
            .ok()
            .and_then(|o| o.peel_to_blob().ok())
            .map(|b| String::from_utf8_lossy(b.content()).into_owned());
        let file = format!("{repo}:catalog-info.yaml");
        match text.map(|t| yaml::parse_all(&t)) {
            None => out.push(
                Finding::error(&app.file, 1, 1)
                    .rule("catalog/missing")
                    .message(format!(
                        "app `{}`: its repository has no catalog-info.yaml",
                        app.name
                    )),
            ),
            Some(Err(e)) => out.push(
                Finding::error(&file, e.line, e.col)
                    .rule("yaml")
                    .message(e.message),
            ),
            Some(Ok(docs)) => {
                for d in docs {
                    out.extend(entity(inv, &file, &d));
                }
            }
        }
    }
    Ok(out)
}

/// One row of `idp docs coverage`.
#[derive(Debug, Serialize)]
pub struct Coverage {
    pub kind: String,
    pub total: usize,
    pub covered: usize,
    pub percent: f64,
    /// `node: why` for each item that is not covered.
    pub missing: Vec<String>,
}

/// Metadata coverage by kind: an item is covered when its effective metadata passes its schema.
pub fn coverage(source: &dyn Source, inv: &Inventory) -> anyhow::Result<Vec<Coverage>> {
    let mut schemas = Schemas::default();
    let mut rows: Vec<Coverage> = Vec::new();
    for kind in ["adr", "runbook", "doc", "env", "app", "request"] {
        let mut row = Coverage {
            kind: kind.to_string(),
            total: 0,
            covered: 0,
            percent: 100.0,
            missing: Vec::new(),
        };
        for item in inv.of_kind(kind) {
            row.total += 1;
            let findings = item.meta.check(source, &mut schemas, item.schema)?;
            if findings.is_empty() {
                row.covered += 1;
            } else {
                let why: Vec<String> = findings.iter().map(|f| f.message.clone()).collect();
                row.missing
                    .push(format!("{} ({}): {}", item.node, item.file, why.join("; ")));
            }
        }
        if row.total > 0 {
            row.percent = (row.covered as f64 * 1000.0 / row.total as f64).floor() / 10.0;
        }
        rows.push(row);
    }
    Ok(rows)
}

/// One doc's review state for `idp docs freshness`.
#[derive(Debug, Serialize)]
pub struct Freshness {
    pub id: String,
    pub file: String,
    pub owner: String,
    pub cadence_days: Option<i64>,
    pub last_reviewed: String,
    pub due: String,
    /// Days until due (negative: overdue).
    pub days_left: Option<i64>,
    /// `ok`, `due-soon`, `overdue` or `no-cadence`.
    pub state: String,
}

/// Review state of every doc, as of `today` (days since the epoch).
pub fn freshness(inv: &Inventory, today: i64, warn_within: i64) -> Vec<Freshness> {
    let mut out = Vec::new();
    for item in inv.items.iter().filter(|i| i.kind_is_doc()) {
        let last = match item.meta.text("last_reviewed") {
            s if s.is_empty() => item.meta.text("date"),
            s => s,
        };
        let cadence = item
            .meta
            .value
            .get("review_cadence_days")
            .and_then(Value::as_i64);
        let last_days = crate::infra::clock::days_from_date(&last);
        let (due, days_left, state) = match (cadence, last_days) {
            (Some(c), Some(l)) => {
                let left = l + c - today;
                let state = if left < 0 {
                    "overdue"
                } else if left <= warn_within {
                    "due-soon"
                } else {
                    "ok"
                };
                (
                    crate::infra::clock::date_from_days(l + c),
                    Some(left),
                    state,
                )
            }
            _ => (String::new(), None, "no-cadence"),
        };
        out.push(Freshness {
            id: item.name.clone(),
            file: item.file.clone(),
            owner: item.meta.text("owner"),
            cadence_days: cadence,
            last_reviewed: last,
            due,
            days_left,
            state: state.to_string(),
        });
    }
    out.sort_by_key(|f| (f.days_left.unwrap_or(i64::MAX), f.id.clone()));
    out
}
