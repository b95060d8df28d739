//! Provisioning requests: `requests/<kind>/<env>/<ID>.yaml`, the reviewed intent, and what is
//! rendered from them. This module owns the layout, the ID scheme (`<KIND>-NNNN`, the next
//! free number per kind across environments) and the request header every kind shares;
//! each kind's contract lives in its own module.

pub mod rds;

use serde_json::Value;

use crate::platform::Source;

/// `requests/<kind>/<env>/<ID>.yaml`
pub fn path(kind: &str, env: &str, id: &str) -> String {
    format!("requests/{kind}/{env}/{id}.yaml")
}

/// `envs/<env>/<kind>/generated/<ID>.auto.tfvars.json`
pub fn tfvars_path(kind: &str, env: &str, id: &str) -> String {
    format!("envs/{env}/{kind}/generated/{id}.auto.tfvars.json")
}

/// Is this path a request of some kind? Returns the kind.
pub fn kind_of(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("requests/")?;
    let mut parts = rest.split('/');
    let kind = parts.next()?;
    let _env = parts.next()?;
    let file = parts.next()?;
    (parts.next().is_none() && file.ends_with(".yaml")).then_some(kind)
}

/// The IDs of `kind` already used on `source` (any environment).
pub fn used_ids(source: &dyn Source, kind: &str) -> anyhow::Result<Vec<u32>> {
    let prefix = format!("{}-", kind.to_ascii_uppercase());
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
            prefix: kind.to_ascii_uppercase(),
            used: used_ids(source, kind)?,
        })
    }

    pub fn next_id(&mut self) -> String {
        let n = self.used.iter().max().copied().unwrap_or(0) + 1;
        self.used.push(n);
        format!("{}-{n:04}", self.prefix)
    }
}

/// Deterministic JSON text: pretty, two-space indent, trailing newline.
pub fn json_text(value: &Value) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}
