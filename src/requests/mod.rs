//! Provisioning requests: `requests/<kind>/<env>/<ID>.yaml`, the reviewed intent, and what is
//! rendered from them. This module owns the kinds table, the layout, the ID scheme
//! (`<PREFIX>-NNNN`, the next free number per kind across environments), reading requests back
//! with their schema defaults applied, and the set of generated files of each request; each
//! kind's contract (its Terraform inputs and extras) lives in its own module.

pub mod examples;
pub mod pending;
pub mod produce;
pub mod rds;
pub mod render;

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::Finding;
use crate::platform::{Source, assets};
use crate::yaml::{self, Document};

/// One kind of request.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Kind {
    /// Directory and command name: `s3`, `rds`, …
    pub name: &'static str,
    /// ID prefix: `S3`, `RDS`, …, `SEC`.
    pub prefix: &'static str,
    /// Backstage Resource `spec.type`.
    pub resource_type: &'static str,
    /// For people.
    pub title: &'static str,
}

/// Every kind idp provisions (CONTRACTS.md, "Request kinds").
pub const KINDS: [Kind; 7] = [
    Kind {
        name: "s3",
        prefix: "S3",
        resource_type: "s3-bucket",
        title: "S3 bucket",
    },
    Kind {
        name: "rds",
        prefix: "RDS",
        resource_type: "database",
        title: "RDS database",
    },
    Kind {
        name: "ebs",
        prefix: "EBS",
        resource_type: "ebs-volume",
        title: "EBS volume",
    },
    Kind {
        name: "ec2",
        prefix: "EC2",
        resource_type: "ec2-instance",
        title: "EC2 instance",
    },
    Kind {
        name: "ecr",
        prefix: "ECR",
        resource_type: "container-registry",
        title: "ECR repository",
    },
    Kind {
        name: "eks",
        prefix: "EKS",
        resource_type: "kubernetes-cluster",
        title: "EKS cluster",
    },
    Kind {
        name: "secrets",
        prefix: "SEC",
        resource_type: "secret",
        title: "secret",
    },
];

pub fn kind(name: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.name == name)
}

/// The kind of an ID (`S3-0001` → s3).
pub fn kind_of_id(id: &str) -> Option<&'static Kind> {
    let (prefix, n) = id.rsplit_once('-')?;
    (n.len() == 4 && n.bytes().all(|b| b.is_ascii_digit()))
        .then(|| KINDS.iter().find(|k| k.prefix == prefix))
        .flatten()
}

/// `requests/<kind>/<env>/<ID>.yaml`
pub fn path(kind: &str, env: &str, id: &str) -> String {
    format!("requests/{kind}/{env}/{id}.yaml")
}

/// `envs/<env>/<kind>/generated/<ID>.<suffix>`; `auto.tfvars.json` for the Terraform inputs.
pub fn generated_path(kind: &str, env: &str, id: &str, suffix: &str) -> String {
    format!("envs/{env}/{kind}/generated/{id}.{suffix}")
}

/// `envs/<env>/<kind>/generated/<ID>.auto.tfvars.json`
pub fn tfvars_path(kind: &str, env: &str, id: &str) -> String {
    generated_path(kind, env, id, "auto.tfvars.json")
}

/// `catalog/resources/<ID>.yaml`
pub fn catalog_path(id: &str) -> String {
    format!("catalog/resources/{id}.yaml")
}

/// Is this path a request of some kind? Returns the kind's directory name.
pub fn kind_of(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("requests/")?;
    let mut parts = rest.split('/');
    let kind = parts.next()?;
    let _env = parts.next()?;
    let file = parts.next()?;
    (parts.next().is_none() && file.ends_with(".yaml") && file != crate::platform::METADATA_FILE)
        .then_some(kind)
}

/// Is this path a generated file (under `envs/<env>/<kind>/generated/`)?
pub fn is_generated(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    parts.len() == 5 && parts[0] == "envs" && parts[3] == "generated"
}

/// The IDs of `kind` already used on `source` (any environment).
pub fn used_ids(source: &dyn Source, kind: &str) -> anyhow::Result<Vec<u32>> {
    let prefix =
        self::kind(kind).map_or_else(|| kind.to_ascii_uppercase(), |k| k.prefix.to_string());
    let prefix = format!("{prefix}-");
    let mut ids = Vec::new();
    for file in source.files(&format!("requests/{kind}"))? {
        let stem = file
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".yaml");
        if let Some(n) = stem.strip_prefix(&prefix).and_then(|n| n.parse().ok()) {
            ids.push(n);
        }
    }
    Ok(ids)
}

/// Allocates the next free IDs of one kind, also skipping those taken earlier in the change.
pub struct IdAllocator {
    prefix: String,
    used: Vec<u32>,
}

impl IdAllocator {
    pub fn new(source: &dyn Source, kind: &str) -> anyhow::Result<Self> {
        Ok(IdAllocator {
            prefix: self::kind(kind)
                .map_or_else(|| kind.to_ascii_uppercase(), |k| k.prefix.to_string()),
            used: used_ids(source, kind)?,
        })
    }

    /// Also treat these IDs as taken (e.g. those of requests in other open pull requests).
    pub fn reserve(&mut self, ids: &[String]) {
        for id in ids {
            if let Some(n) = id
                .strip_prefix(&format!("{}-", self.prefix))
                .and_then(|n| n.parse().ok())
            {
                self.used.push(n);
            }
        }
    }

    pub fn is_free(&self, id: &str) -> bool {
        id.strip_prefix(&format!("{}-", self.prefix))
            .and_then(|n| n.parse::<u32>().ok())
            .is_some_and(|n| !self.used.contains(&n))
    }

    /// Treat every number up to `n` as taken: the sequence of this kind handed them out
    /// ([`sequence`]), perhaps to changes not merged yet.
    pub fn at_least(&mut self, n: u64) {
        if let Ok(n) = u32::try_from(n)
            && n > 0
        {
            self.used.push(n);
        }
    }

    pub fn next_id(&mut self) -> String {
        let n = self.used.iter().max().copied().unwrap_or(0) + 1;
        self.used.push(n);
        format!("{}-{n:04}", self.prefix)
    }
}

/// The sequence request IDs of `kind` are taken from (`refs/idp/sequences/requests/<kind>`).
pub fn sequence(kind: &str) -> String {
    format!("requests/{kind}")
}

/// The claim on its kind's sequence that a change taking request ID `id` makes. `fresh`: the
/// ID was allocated by this run (not kept from the request, its branch or an earlier run), so
/// the sequence reaching it meanwhile means another process took it.
pub fn claim(kind: &str, id: &str, fresh: bool) -> Option<crate::change::Claim> {
    let number = id.rsplit_once('-')?.1.parse::<u64>().ok()?;
    Some(crate::change::Claim {
        sequence: sequence(kind),
        number,
        fresh,
    })
}

/// Deterministic JSON text: pretty, two-space indent, trailing newline.
pub fn json_text(value: &Value) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}

/// One request file, read back.
#[derive(Debug, Clone)]
pub struct RequestFile {
    pub path: String,
    pub kind: &'static Kind,
    pub env: String,
    pub id: String,
    pub doc: Document,
    /// The document with the schema's defaults filled in.
    pub full: Value,
}

impl RequestFile {
    pub fn spec(&self) -> &Value {
        &self.full["spec"]
    }
    pub fn owner(&self) -> &str {
        self.full["owner"].as_str().unwrap_or_default()
    }
}

/// The schema of a kind (the platform's copy wins).
pub fn schema(source: &dyn Source, kind: &str) -> anyhow::Result<Value> {
    let path = format!("schemas/requests/{kind}.schema.json");
    let text = assets::resolve(source, &path)?
        .ok_or_else(|| anyhow::anyhow!("schema `{path}` not found"))?;
    Ok(serde_json::from_str(&text)?)
}

/// Read every request; files that do not parse (or sit in an unknown kind's directory) become
/// findings.
pub fn load_all(source: &dyn Source) -> anyhow::Result<(Vec<RequestFile>, Vec<Finding>)> {
    load(source, source.files("requests")?)
}

/// Read the requests among `paths` (other paths are skipped), as [`load_all`] does.
pub fn load(
    source: &dyn Source,
    paths: impl IntoIterator<Item = String>,
) -> anyhow::Result<(Vec<RequestFile>, Vec<Finding>)> {
    let mut out = Vec::new();
    let mut findings = Vec::new();
    let mut schemas: BTreeMap<&str, Value> = BTreeMap::new();
    for path in paths {
        let Some(kind_name) = kind_of(&path) else {
            continue;
        };
        let Some(kind) = kind(kind_name) else {
            findings.push(
                Finding::error(&path, 1, 1)
                    .rule("requests/kind")
                    .message(format!(
                        "`{kind_name}` is not a request kind (kinds: {})",
                        KINDS.map(|k| k.name).join(", ")
                    )),
            );
            continue;
        };
        let Some(text) = source.read(&path)? else {
            continue;
        };
        let doc = match yaml::parse(&text) {
            Ok(d) => d,
            Err(e) => {
                findings.push(
                    Finding::error(&path, e.line, e.col)
                        .rule("yaml")
                        .message(e.message),
                );
                continue;
            }
        };
        if !schemas.contains_key(kind.name) {
            schemas.insert(kind.name, schema(source, kind.name)?);
        }
        let full = with_defaults(&schemas[kind.name], &doc.value);
        let parts: Vec<&str> = path.split('/').collect();
        let id = parts[3].trim_end_matches(".yaml").to_string();
        out.push(RequestFile {
            env: parts[2].to_string(),
            id,
            kind,
            full,
            doc,
            path,
        });
    }
    Ok((out, findings))
}

/// Fill in `default`s from a schema's `properties`, recursively, where the value is missing.
pub fn with_defaults(schema: &Value, value: &Value) -> Value {
    let mut out = value.clone();
    apply_defaults(schema, &mut out);
    out
}

fn apply_defaults(schema: &Value, value: &mut Value) {
    let Some(obj) = value.as_object_mut() else {
        return;
    };
    let Some(props) = schema.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (k, s) in props {
        if !obj.contains_key(k)
            && let Some(d) = s.get("default")
        {
            obj.insert(k.clone(), d.clone());
        }
        if let Some(child) = obj.get_mut(k) {
            apply_defaults(s, child);
        }
    }
}

/// A request's file and everything generated from it: path → text.
pub fn files_for(
    source: &dyn Source,
    kind: &'static Kind,
    doc: &Map<String, Value>,
    ctx: &render::RenderCtx,
) -> anyhow::Result<BTreeMap<String, String>> {
    let env = doc
        .get("environment")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let id = doc
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let path = path(kind.name, &env, &id);
    let text = request_text(kind, doc)?;
    let parsed = yaml::parse(&text).map_err(|e| anyhow::anyhow!("{path}:{}: {e}", e.line))?;
    let req = RequestFile {
        full: with_defaults(&schema(source, kind.name)?, &parsed.value),
        doc: parsed,
        path: path.clone(),
        kind,
        env,
        id,
    };
    let mut out = render::generated(&req, ctx);
    out.insert(path, text);
    Ok(out)
}

/// The request file's text: a comment, then the document as YAML.
pub fn request_text(kind: &Kind, doc: &Map<String, Value>) -> anyhow::Result<String> {
    let id = doc.get("id").and_then(Value::as_str).unwrap_or_default();
    Ok(format!(
        "# {} request {id}: reviewed in a pull request; idp renders the Terraform inputs from it.\n{}",
        kind.title,
        yaml::to_string(doc)?
    ))
}
