//! Rego policies (the platform repo's `policies/*.rego`) evaluated in-process with regorus.
//!
//! Every policy is a package under `idp.` with any of three sets: `deny` (errors), `warn`
//! (warnings) and `approvals` (PR labels a change needs: `{label, reason, file}`). A `deny` or
//! `warn` element is a string or an object `{msg, file, path}` so the finding can point at a
//! file, field and line. The input is the whole platform as it will be after the change (see
//! [`input`]): config, environments, requests (with defaults and their environment's tier) and
//! the generated Terraform inputs.

use regorus::{Engine, Value as RegoValue};
use serde_json::{Value, json};

use crate::error::Finding;
use crate::platform::Source;
use crate::platform::environments::EnvFile;
use crate::yaml::Document;

pub mod migrate;

pub const DIR: &str = "policies";

/// A PR label a change needs, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Approval {
    pub label: String,
    pub reason: String,
    pub file: String,
}

/// What the policies said.
#[derive(Debug, Default)]
pub struct Evaluation {
    pub findings: Vec<Finding>,
    pub approvals: Vec<Approval>,
}

/// The policy input: the config, every environment by name, the requests under review (every
/// request for a whole-repository check; those a change touches otherwise), the inventory of
/// the kinds the policies look up (`input.inventory.<kind>`: every request of the kind, for
/// rules that relate a request to others), the generated Terraform inputs under review, and
/// the files in scope.
pub fn input(
    config: Option<&Document>,
    envs: &[EnvFile],
    requests: &[crate::requests::RequestFile],
    inventory: &[crate::requests::RequestFile],
    generated: &serde_json::Map<String, Value>,
    changed: &[String],
) -> Value {
    let tier = |env: &str| {
        envs.iter()
            .find(|e| e.name == env)
            .and_then(|e| e.tier())
            .unwrap_or("unknown")
            .to_string()
    };
    let entry = |r: &crate::requests::RequestFile| {
        json!({
            "file": r.path, "kind": r.kind.name, "id": r.id, "environment": r.env,
            "tier": tier(&r.env), "request": r.full,
        })
    };
    let mut by_kind = serde_json::Map::new();
    for r in inventory {
        if let Value::Array(list) = by_kind
            .entry(r.kind.name.to_string())
            .or_insert_with(|| Value::Array(Vec::new()))
        {
            list.push(entry(r));
        }
    }
    let requests: Vec<Value> = requests.iter().map(entry).collect();
    let environments: serde_json::Map<String, Value> = envs
        .iter()
        .map(|e| (e.name.clone(), json!({"file": e.path, "spec": e.doc.value})))
        .collect();
    json!({
        "config": config.map(|c| c.value.clone()).unwrap_or(Value::Null),
        "environments": environments,
        "requests": requests,
        "inventory": by_kind,
        "generated": generated,
        "changed": changed,
    })
}

/// What the policies under `policies/` read of the requests (ADR-0042), from their text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reads {
    /// No policy names `input.inventory` (a policy set written before it): every request is in
    /// `input.requests`, as it was then.
    Everything,
    /// `input.requests` holds the requests under review, and `input.inventory` these kinds
    /// (`input.inventory.eks`, `input.inventory["ec2"]`), or every kind (`None`: a policy names
    /// the inventory without a kind).
    Inventory(Option<std::collections::BTreeSet<String>>),
}

impl Reads {
    /// Does the inventory hold `kind`?
    pub fn inventory_has(&self, kind: &str) -> bool {
        match self {
            Reads::Everything => false,
            Reads::Inventory(kinds) => kinds.as_ref().is_none_or(|k| k.contains(kind)),
        }
    }
}

/// The policy files of `source` (`.rego` under `policies/`) with their text: read once by a
/// validation, then given to [`reads_in`], the migration's check and [`evaluate`].
pub fn texts(source: &dyn Source) -> anyhow::Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for path in source.files(DIR)? {
        if path.ends_with(".rego")
            && let Some(text) = source.read(&path)?
        {
            out.push((path, text));
        }
    }
    Ok(out)
}

/// [`Reads`] of the policies in `source`.
pub fn reads(source: &dyn Source) -> anyhow::Result<Reads> {
    Ok(reads_in(&texts(source)?))
}

/// [`Reads`] of the policies `policies` ([`texts`]).
pub fn reads_in(policies: &[(String, String)]) -> Reads {
    static NAMED: std::sync::OnceLock<Option<regex::Regex>> = std::sync::OnceLock::new();
    let Some(re) = NAMED
        .get_or_init(|| {
            regex::Regex::new(r#"input\.inventory(?:\.([A-Za-z0-9_]+)|\[\s*"([^"]*)"\s*\])?"#).ok()
        })
        .as_ref()
    else {
        return Reads::Everything;
    };
    let mut named = false;
    let mut kinds = std::collections::BTreeSet::new();
    for (_, text) in policies {
        for caps in re.captures_iter(text) {
            named = true;
            match caps.get(1).or_else(|| caps.get(2)) {
                Some(kind) => {
                    kinds.insert(kind.as_str().to_string());
                }
                None => return Reads::Inventory(None),
            }
        }
    }
    if named {
        Reads::Inventory(Some(kinds))
    } else {
        Reads::Everything
    }
}

/// Evaluate the policies `policies` ([`texts`]); `locate(file, pointer)` turns a violation's
/// field into a line and column.
pub fn evaluate(
    policies: &[(String, String)],
    input: &Value,
    locate: &dyn Fn(&str, &str) -> (usize, usize),
) -> anyhow::Result<Evaluation> {
    let mut findings = Vec::new();
    let mut engine = Engine::new();
    let mut loaded = 0;
    for (path, text) in policies {
        if let Err(e) = engine.add_policy(path.clone(), text.clone()) {
            let (line, col) = error_position(&e.to_string());
            findings.push(
                Finding::error(path, line, col)
                    .rule("policy/syntax")
                    .message(first_line(&e.to_string())),
            );
            continue;
        }
        loaded += 1;
    }
    if loaded == 0 || !findings.is_empty() {
        return Ok(Evaluation {
            findings,
            approvals: Vec::new(),
        });
    }
    engine.set_input(RegoValue::from_json_str(&input.to_string())?);
    let result = engine
        .eval_query("data.idp".to_string(), false)
        .map_err(|e| anyhow::anyhow!("evaluating policies: {e}"))?;
    let Some(packages) = result
        .result
        .first()
        .and_then(|r| r.expressions.first())
        .map(|e| e.value.to_json_str())
        .transpose()?
    else {
        return Ok(Evaluation {
            findings,
            approvals: Vec::new(),
        });
    };
    let packages: Value = serde_json::from_str(&packages)?;
    let mut approvals = Vec::new();
    collect(&packages, "idp", locate, &mut findings, &mut approvals);
    findings.sort_by(|a, b| (&a.file, a.line, &a.rule).cmp(&(&b.file, b.line, &b.rule)));
    approvals.sort();
    approvals.dedup();
    Ok(Evaluation {
        findings,
        approvals,
    })
}

fn collect(
    node: &Value,
    package: &str,
    locate: &dyn Fn(&str, &str) -> (usize, usize),
    out: &mut Vec<Finding>,
    approvals: &mut Vec<Approval>,
) {
    let Some(map) = node.as_object() else {
        return;
    };
    let rule = format!("policy/{}", package.trim_start_matches("idp."));
    for (key, value) in map {
        match key.as_str() {
            "deny" | "warn" => {
                for v in value.as_array().into_iter().flatten() {
                    let mut f = violation(v, &rule, locate);
                    if key == "warn" {
                        f.severity = crate::error::Severity::Warning;
                    }
                    out.push(f);
                }
            }
            "approvals" => {
                for v in value.as_array().into_iter().flatten() {
                    if let Some(label) = v["label"].as_str() {
                        approvals.push(Approval {
                            label: label.to_string(),
                            reason: v["reason"].as_str().unwrap_or_default().to_string(),
                            file: v["file"].as_str().unwrap_or_default().to_string(),
                        });
                    }
                }
            }
            _ if value.is_object() => {
                collect(value, &format!("{package}.{key}"), locate, out, approvals)
            }
            _ => {}
        }
    }
}

fn violation(v: &Value, rule: &str, locate: &dyn Fn(&str, &str) -> (usize, usize)) -> Finding {
    let (msg, file, path) = match v {
        Value::String(s) => (s.clone(), String::new(), String::new()),
        other => (
            other["msg"]
                .as_str()
                .unwrap_or("policy violation")
                .to_string(),
            other["file"].as_str().unwrap_or_default().to_string(),
            other["path"].as_str().unwrap_or_default().to_string(),
        ),
    };
    let path = if path.is_empty() || path.starts_with('/') {
        path
    } else {
        format!("/{}", path.replace('.', "/"))
    };
    let (line, col) = if file.is_empty() {
        (1, 1)
    } else {
        locate(&file, &path)
    };
    let file = if file.is_empty() {
        crate::platform::CONFIG_FILE.to_string()
    } else {
        file
    };
    Finding::error(file, line, col)
        .path(path)
        .rule(rule)
        .message(msg)
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).to_string()
}

/// regorus errors read `file:line:col: message`; pull the position out when it is there.
fn error_position(message: &str) -> (usize, usize) {
    let mut nums = message
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse::<usize>().ok());
    match (nums.next(), nums.next()) {
        (Some(l), Some(c)) => (l, c),
        (Some(l), None) => (l, 1),
        _ => (1, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::infra::source::MemSource;

    fn policies(texts: &[&str]) -> MemSource {
        MemSource::new(
            texts
                .iter()
                .enumerate()
                .map(|(i, t)| (format!("{DIR}/p{i}.rego"), t.to_string()))
                .collect(),
        )
    }

    #[test]
    fn the_policies_text_says_which_request_kinds_they_look_up() {
        let kinds = |k: &[&str]| Reads::Inventory(Some(k.iter().map(|s| s.to_string()).collect()));
        assert_eq!(
            reads(&policies(&["some r in input.requests"])).unwrap(),
            Reads::Everything
        );
        assert_eq!(
            reads(&policies(&[
                "some o in input.inventory.ec2",
                "x := input.inventory[\"eks\"]"
            ]))
            .unwrap(),
            kinds(&["ec2", "eks"])
        );
        // Named without a kind: it may read any.
        assert_eq!(
            reads(&policies(&[
                "inv := input.inventory",
                "input.inventory.ec2"
            ]))
            .unwrap(),
            Reads::Inventory(None)
        );
        assert!(kinds(&["ec2"]).inventory_has("ec2") && !kinds(&["ec2"]).inventory_has("ecr"));
        assert!(!Reads::Everything.inventory_has("ec2"));
    }
}
