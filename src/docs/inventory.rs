//! What the platform repo knows about itself, read once: docs (ADRs, runbooks, docs/), apps,
//! environments, requests and teams, each with its effective metadata. `idp docs lint`,
//! `docs coverage`, `docs freshness` and `idp graph` all read this.

use std::collections::BTreeMap;

use serde_json::Value;

use super::metadata::{self, Defaults, Effective};
use crate::error::Finding;
use crate::platform::{CONFIG_FILE, Source, environments};
use crate::yaml::{self, Document};

/// One thing with metadata: a doc or an entity.
pub struct Item {
    /// Graph node id: `adr:ADR-0001`, `runbook:RB-0001`, `doc:docs/x.md`, `app:payments`,
    /// `env:dev`, `request:RDS-0001`.
    pub node: String,
    /// `adr`, `runbook`, `doc`, `app`, `env`, `request`.
    pub kind: &'static str,
    pub name: String,
    pub file: String,
    pub meta: Effective,
    /// The whole file as data (front matter for docs).
    pub raw: Value,
    /// The schema its metadata is judged by.
    pub schema: &'static str,
}

pub struct Inventory {
    pub defaults: Defaults,
    pub items: Vec<Item>,
    /// Team name → where it is declared (`idp.yaml` or a catalog file).
    pub teams: BTreeMap<String, String>,
    /// Files that could not be read (front matter or YAML errors).
    pub findings: Vec<Finding>,
}

impl Inventory {
    pub fn load(source: &dyn Source) -> anyhow::Result<Inventory> {
        let (defaults, mut findings) = Defaults::load(source)?;
        let mut items = Vec::new();

        for file in doc_files(source)? {
            let Some(text) = source.read(&file)? else {
                continue;
            };
            let fm = match super::split(&file, &text) {
                Ok(fm) => fm,
                Err(f) => {
                    findings.push(f);
                    continue;
                }
            };
            let meta = metadata::doc(&defaults, &file, &fm.meta, fm.offset);
            let kind = doc_kind(&file);
            let name = match kind {
                "doc" => file.clone(),
                _ => short_id(&file),
            };
            items.push(Item {
                node: format!("{kind}:{name}"),
                kind,
                name,
                raw: fm.meta.value.clone(),
                file,
                meta,
                schema: metadata::DOC_SCHEMA,
            });
        }

        let (envs, env_errors) = environments::load(source)?;
        findings.extend(env_errors);
        for env in envs {
            let meta = metadata::entity(&defaults, &env.path, &env.doc, &metadata::ENV_FIELDS);
            items.push(Item {
                node: format!("env:{}", env.name),
                kind: "env",
                name: env.name.clone(),
                file: env.path.clone(),
                raw: env.doc.value.clone(),
                meta,
                schema: metadata::ENTITY_SCHEMA,
            });
        }

        for file in source.files("apps")? {
            let parts: Vec<&str> = file.split('/').collect();
            if parts.len() != 3 || parts[2] != "app.yaml" {
                continue;
            }
            let Some(doc) = parse(source, &file, &mut findings)? else {
                continue;
            };
            let meta = metadata::entity(&defaults, &file, &doc, &metadata::APP_FIELDS);
            items.push(Item {
                node: format!("app:{}", parts[1]),
                kind: "app",
                name: parts[1].to_string(),
                file: file.clone(),
                raw: doc.value.clone(),
                meta,
                schema: metadata::ENTITY_SCHEMA,
            });
        }

        let (requests, request_errors) = crate::requests::load_all(source)?;
        findings.extend(request_errors);
        for r in requests {
            let fields = metadata::request_fields(&r.doc.value);
            let meta = metadata::entity(&defaults, &r.path, &r.doc, &fields);
            items.push(Item {
                node: format!("request:{}", r.id),
                kind: "request",
                name: r.id.clone(),
                file: r.path.clone(),
                raw: r.full.clone(),
                meta,
                schema: metadata::ENTITY_SCHEMA,
            });
        }

        let teams = teams(source)?;
        Ok(Inventory {
            defaults,
            items,
            teams,
            findings,
        })
    }

    pub fn of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Item> + 'a {
        self.items.iter().filter(move |i| i.kind == kind)
    }

    /// Is there a doc with this id (`ADR-0001`, `ADR-0001-slug`, `RB-0001`)?
    pub fn has_doc(&self, id: &str) -> bool {
        self.items
            .iter()
            .any(|i| (i.kind == "adr" || i.kind == "runbook") && (i.name == short(id)))
    }
}

/// `ADR-0001-some-slug` → `ADR-0001`
pub fn short(id: &str) -> &str {
    let mut parts = id.splitn(3, '-');
    match (parts.next(), parts.next()) {
        (Some(p), Some(n)) if n.len() == 4 && n.chars().all(|c| c.is_ascii_digit()) => {
            &id[..p.len() + 5]
        }
        _ => id,
    }
}

/// `adrs/ADR-0001-slug.md` → `ADR-0001`
fn short_id(file: &str) -> String {
    let name = file.rsplit('/').next().unwrap_or(file);
    short(name.trim_end_matches(".md")).to_string()
}

fn doc_kind(file: &str) -> &'static str {
    if file.starts_with("adrs/") {
        "adr"
    } else if file.starts_with("runbooks/") {
        "runbook"
    } else {
        "doc"
    }
}

/// `adrs/ADR-*.md`, `runbooks/RB-*.md` and every `docs/**/*.md`.
pub fn doc_files(source: &dyn Source) -> anyhow::Result<Vec<String>> {
    let mut out = Vec::new();
    for (dir, prefix) in [("adrs", "ADR-"), ("runbooks", "RB-")] {
        for f in source.files(dir)? {
            let name = f.rsplit('/').next().unwrap_or("");
            if name.starts_with(prefix)
                && name.ends_with(".md")
                && !f[dir.len() + 1..].contains('/')
            {
                out.push(f);
            }
        }
    }
    out.extend(
        source
            .files("docs")?
            .into_iter()
            .filter(|f| f.ends_with(".md")),
    );
    Ok(out)
}

fn parse(
    source: &dyn Source,
    file: &str,
    findings: &mut Vec<Finding>,
) -> anyhow::Result<Option<Document>> {
    let Some(text) = source.read(file)? else {
        return Ok(None);
    };
    match yaml::parse(&text) {
        Ok(d) => Ok(Some(d)),
        Err(e) => {
            findings.push(
                Finding::error(file, e.line, e.col)
                    .rule("yaml")
                    .message(e.message),
            );
            Ok(None)
        }
    }
}

/// Teams: `teams` of idp.yaml and every Backstage `Group` under catalog/.
fn teams(source: &dyn Source) -> anyhow::Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    if let Some(text) = source.read(CONFIG_FILE)?
        && let Ok(doc) = yaml::parse(&text)
    {
        for t in doc
            .value
            .get("teams")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(n) = t.get("name").and_then(Value::as_str) {
                out.insert(n.to_string(), CONFIG_FILE.to_string());
            }
        }
    }
    for (file, doc) in catalog_entities(source)? {
        if doc.value.get("kind").and_then(Value::as_str) == Some("Group")
            && let Some(n) = doc.value.pointer("/metadata/name").and_then(Value::as_str)
        {
            out.entry(n.to_string()).or_insert(file);
        }
    }
    Ok(out)
}

/// Every YAML document under catalog/ (files that do not parse are skipped: `idp validate`
/// reports them).
pub fn catalog_entities(source: &dyn Source) -> anyhow::Result<Vec<(String, Document)>> {
    let mut out = Vec::new();
    for file in source.files("catalog")? {
        if !(file.ends_with(".yaml") || file.ends_with(".yml")) {
            continue;
        }
        let Some(text) = source.read(&file)? else {
            continue;
        };
        if let Ok(docs) = yaml::parse_all(&text) {
            out.extend(docs.into_iter().map(|d| (file.clone(), d)));
        }
    }
    Ok(out)
}

/// `group:default/team-a` / `team-a` → `team-a`
pub fn owner_name(owner: &str) -> &str {
    let o = owner.strip_prefix("group:").unwrap_or(owner);
    o.rsplit('/').next().unwrap_or(o)
}
