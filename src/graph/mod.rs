//! The relation graph of the platform repo: environments, apps, requests, teams, ADRs,
//! runbooks, docs and promotions, built from the repo alone (see docs/graph.md for the JSON,
//! which is a stable contract: `schema: idp.graph/v1`). `why` answers for one node.

pub mod render;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::{Map, Value};

use crate::docs::inventory::{Inventory, owner_name, short};
use crate::platform::Source;

pub const SCHEMA: &str = "idp.graph/v1";
use crate::records::PROMOTIONS;

#[derive(Debug, Clone, Serialize)]
pub struct Node {
    pub id: String,
    /// `env`, `app`, `request`, `team`, `adr`, `runbook`, `doc`, `promotion`.
    pub kind: String,
    pub name: String,
    /// The file that defines it (empty for teams only named as owners).
    pub file: String,
    /// `team:<name>`, or empty.
    pub owner: String,
    /// Effective metadata (after folder defaults), or the record for a promotion.
    pub metadata: Value,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge {
    pub from: String,
    pub to: String,
    /// `owned-by`, `promotes-to`, `deployed-to`, `in`, `uses`, `supersedes`, `relates-to`,
    /// `governs`, `covers`, `promotion-of`, `promoted-to`.
    pub relation: String,
}

#[derive(Debug, Serialize)]
pub struct Graph {
    pub schema: &'static str,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

impl Graph {
    pub fn build(source: &dyn Source, inv: &Inventory) -> anyhow::Result<Graph> {
        let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
        let mut edges: BTreeSet<Edge> = BTreeSet::new();
        let mut edge = |from: &str, to: &str, rel: &str| {
            edges.insert(Edge {
                from: from.to_string(),
                to: to.to_string(),
                relation: rel.to_string(),
            });
        };

        for (team, file) in &inv.teams {
            nodes.insert(
                format!("team:{team}"),
                Node {
                    id: format!("team:{team}"),
                    kind: "team".into(),
                    name: team.clone(),
                    file: file.clone(),
                    owner: String::new(),
                    metadata: Value::Object(Map::new()),
                },
            );
        }
        for item in &inv.items {
            let owner = item.meta.text("owner");
            let owner = if owner.is_empty() {
                String::new()
            } else {
                format!("team:{}", owner_name(&owner))
            };
            nodes.insert(
                item.node.clone(),
                Node {
                    id: item.node.clone(),
                    kind: item.kind.to_string(),
                    name: item.name.clone(),
                    file: item.file.clone(),
                    owner: owner.clone(),
                    metadata: item.meta.value.clone(),
                },
            );
            if !owner.is_empty() {
                edge(&item.node, &owner, "owned-by");
            }
            for id in item.meta.list("adrs") {
                edge(&format!("adr:{}", short(&id)), &item.node, "governs");
            }
            for id in item.meta.list("runbooks") {
                edge(&format!("runbook:{}", short(&id)), &item.node, "covers");
            }
            match item.kind {
                "env" => {
                    if let Some(after) =
                        item.raw.pointer("/promotion/after").and_then(Value::as_str)
                    {
                        edge(&format!("env:{after}"), &item.node, "promotes-to");
                    }
                }
                "app" => {
                    for env in list(&item.raw, "/environments") {
                        edge(&item.node, &format!("env:{env}"), "deployed-to");
                    }
                }
                "request" => {
                    if let Some(env) = item.raw.get("environment").and_then(Value::as_str) {
                        edge(&item.node, &format!("env:{env}"), "in");
                    }
                    if let Some(app) = item
                        .raw
                        .pointer("/spec/application")
                        .and_then(Value::as_str)
                    {
                        edge(&format!("app:{app}"), &item.node, "uses");
                    }
                }
                _ => {
                    let kind = item.kind;
                    for (key, rel) in [("supersedes", "supersedes"), ("relates_to", "relates-to")] {
                        for id in item.meta.list(key) {
                            let target = short(&id);
                            let target_kind = if target.starts_with("RB-") {
                                "runbook"
                            } else {
                                "adr"
                            };
                            edge(&item.node, &format!("{target_kind}:{target}"), rel);
                        }
                    }
                    let rel = if kind == "runbook" {
                        "covers"
                    } else {
                        "governs"
                    };
                    for pattern in item.meta.list("applies_to") {
                        for target in inv.items.iter().filter(|t| applies(&pattern, t)) {
                            edge(&item.node, &target.node, rel);
                        }
                    }
                }
            }
        }

        let promotions = crate::records::read(source, PROMOTIONS, &[])?;
        for f in &promotions.findings {
            tracing::warn!("{}", f.display());
        }
        for (
            i,
            crate::records::Record {
                file,
                value: record,
                ..
            },
        ) in promotions.records.into_iter().enumerate()
        {
            let id = record
                .get("id")
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or_else(|| format!("{}", i + 1));
            let node = format!("promotion:{id}");
            if let Some(app) = record.get("app").and_then(Value::as_str) {
                edge(&node, &format!("app:{app}"), "promotion-of");
            }
            if let Some(to) = record.get("to").and_then(Value::as_str) {
                edge(&node, &format!("env:{to}"), "promoted-to");
            }
            nodes.insert(
                node.clone(),
                Node {
                    id: node,
                    kind: "promotion".into(),
                    name: id,
                    file,
                    owner: String::new(),
                    metadata: record,
                },
            );
        }

        // Owners that are not declared teams still appear, so no edge dangles.
        for e in &edges {
            for id in [&e.from, &e.to] {
                if !nodes.contains_key(id) {
                    let (kind, name) = id.split_once(':').unwrap_or(("unknown", id));
                    nodes.insert(
                        id.clone(),
                        Node {
                            id: id.clone(),
                            kind: kind.into(),
                            name: name.into(),
                            file: String::new(),
                            owner: String::new(),
                            metadata: serde_json::json!({"declared": false}),
                        },
                    );
                }
            }
        }
        Ok(Graph {
            schema: SCHEMA,
            nodes: nodes.into_values().collect(),
            edges: edges.into_iter().collect(),
        })
    }

    /// The node for what a user typed: a node id, an ADR/runbook id, or a unique name.
    pub fn find(&self, query: &str) -> Result<&Node, String> {
        if let Some(n) = self.nodes.iter().find(|n| n.id == query) {
            return Ok(n);
        }
        let q = short(query);
        let by_name: Vec<&Node> = self.nodes.iter().filter(|n| n.name == q).collect();
        match by_name.as_slice() {
            [one] => Ok(one),
            [] => Err(format!("there is no node `{query}` (see `idp graph`)")),
            many => Err(format!(
                "`{query}` is ambiguous: {}",
                many.iter()
                    .map(|n| n.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    pub fn out_edges<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Edge> + 'a {
        self.edges.iter().filter(move |e| e.from == id)
    }

    pub fn in_edges<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Edge> + 'a {
        self.edges.iter().filter(move |e| e.to == id)
    }
}

/// Does an `applies_to` pattern (`app:payments`, `app:*`, `env:prod`, `kind:rds`) name `item`?
fn applies(pattern: &str, item: &crate::docs::inventory::Item) -> bool {
    if let Some(kind) = pattern.strip_prefix("kind:") {
        return item.kind == "request"
            && crate::requests::kind_of(&item.file).is_some_and(|k| k == kind);
    }
    globset::Glob::new(pattern)
        .map(|g| g.compile_matcher().is_match(&item.node))
        .unwrap_or(false)
}

fn list(v: &Value, pointer: &str) -> Vec<String> {
    crate::yaml::strings(v.pointer(pointer))
}

/// What `idp graph why` says about one node.
#[derive(Debug, Serialize)]
pub struct Why {
    pub node: Node,
    pub owner: Option<String>,
    /// Outgoing relations: what it depends on or belongs to.
    pub depends_on: Vec<Edge>,
    /// Incoming relations other than governance and coverage: what depends on it.
    pub dependents: Vec<Edge>,
    pub governed_by: Vec<String>,
    pub covered_by: Vec<String>,
    /// Promotion records of this app or into this environment, oldest first.
    pub promotions: Vec<Value>,
    /// Commits that changed its file, newest first.
    pub history: Vec<Commit>,
}

#[derive(Debug, Serialize)]
pub struct Commit {
    pub commit: String,
    pub date: String,
    pub author: String,
    pub subject: String,
    /// Trailers idp wrote (`Idp-Command`, `Idp-Pr`, …).
    pub trailers: BTreeMap<String, String>,
}

impl Graph {
    pub fn why(&self, node: &Node, history: Vec<Commit>) -> Why {
        let id = node.id.as_str();
        let depends_on = self
            .out_edges(id)
            .filter(|e| e.relation != "owned-by")
            .cloned()
            .collect();
        let dependents = self
            .in_edges(id)
            .filter(|e| !matches!(e.relation.as_str(), "governs" | "covers"))
            .cloned()
            .collect();
        let governed_by = self
            .in_edges(id)
            .filter(|e| e.relation == "governs")
            .map(|e| e.from.clone())
            .collect();
        let covered_by = self
            .in_edges(id)
            .filter(|e| e.relation == "covers")
            .map(|e| e.from.clone())
            .collect();
        let promotions = self
            .nodes
            .iter()
            .filter(|n| n.kind == "promotion")
            .filter(|n| {
                self.out_edges(&n.id).any(|e| {
                    e.to == id && matches!(e.relation.as_str(), "promotion-of" | "promoted-to")
                })
            })
            .map(|n| n.metadata.clone())
            .collect();
        Why {
            owner: (!node.owner.is_empty()).then(|| node.owner.clone()),
            node: node.clone(),
            depends_on,
            dependents,
            governed_by,
            covered_by,
            promotions,
            history,
        }
    }
}

/// The last `limit` commits reachable from HEAD that changed `file`.
pub fn history(repo: &git2::Repository, file: &str, limit: usize) -> anyhow::Result<Vec<Commit>> {
    let mut out = Vec::new();
    if file.is_empty() {
        return Ok(out);
    }
    let mut walk = repo.revwalk()?;
    if walk.push_head().is_err() {
        return Ok(out);
    }
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::TIME)?;
    let path = std::path::Path::new(file);
    for oid in walk.take(2000) {
        let commit = repo.find_commit(oid?)?;
        let here = commit.tree()?.get_path(path).ok().map(|e| e.id());
        let before = match commit.parent(0) {
            Ok(p) => p.tree()?.get_path(path).ok().map(|e| e.id()),
            Err(_) => None,
        };
        if here == before {
            continue;
        }
        let message = commit.message().unwrap_or("");
        out.push(Commit {
            commit: commit.id().to_string(),
            date: crate::infra::clock::rfc3339(commit.time().seconds()),
            author: commit.author().email().unwrap_or("").to_string(),
            subject: message.lines().next().unwrap_or("").to_string(),
            trailers: crate::infra::git::trailers(message)
                .into_iter()
                .filter(|(k, _)| k.starts_with("Idp-"))
                .collect(),
        });
        if out.len() >= limit {
            break;
        }
    }
    Ok(out)
}
