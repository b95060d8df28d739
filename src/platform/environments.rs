//! `environments/<env>.yaml`: one file per environment. The promotion order is a chain: each
//! environment names the one it is promoted from (`promotion.after`); this module reads the
//! files, derives the order and reports what breaks the chain, with file and line.

use serde::Serialize;
use serde_json::Value;

use super::assets;
use super::source::Source;
use crate::error::Finding;
use crate::yaml::{self, Document};

pub const DIR: &str = "environments";

/// The path of an environment's file.
pub fn path(name: &str) -> String {
    format!("{DIR}/{name}.yaml")
}

/// A valid environment name (also a file name, a namespace suffix and a branch segment).
pub fn valid_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 20
        && bytes[0].is_ascii_lowercase()
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
        && !name.ends_with('-')
}

/// The environment name of an environment file path.
pub fn name_of(path: &str) -> String {
    path.trim_start_matches("environments/")
        .trim_end_matches(".yaml")
        .to_string()
}

/// One parsed environment file.
#[derive(Debug, Clone)]
pub struct EnvFile {
    /// From the file name: `environments/dev.yaml` → `dev`.
    pub name: String,
    pub path: String,
    pub doc: Document,
}

impl EnvFile {
    fn str_at(&self, pointer: &str) -> Option<&str> {
        self.doc.value.pointer(pointer).and_then(Value::as_str)
    }
    pub fn after(&self) -> Option<&str> {
        self.str_at("/promotion/after")
    }
    pub fn owner(&self) -> Option<&str> {
        self.str_at("/owner")
    }
    pub fn tier(&self) -> Option<&str> {
        self.str_at("/tier")
    }
    pub fn get(&self, pointer: &str) -> Option<&Value> {
        self.doc.value.pointer(pointer)
    }
    /// Torn down (`lifecycle: retired`, which `idp teardown` writes): nothing is deployed to it
    /// any more, so idp generates no Argo CD wiring and no add-ons for it, and new apps skip it.
    pub fn retired(&self) -> bool {
        self.str_at("/lifecycle") == Some("retired")
    }
}

/// The environment a generated path belongs to, when its path says: `envs/<env>/…`,
/// `argocd/<env>/…`, `addons/<addon>/generated/<env>.yaml`, `addons/<addon>/config/<env>/…`.
pub fn of_generated_path(path: &str) -> Option<&str> {
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        ["envs" | "argocd", env, _, ..] => Some(env),
        ["addons", _, "generated", file] => file.strip_suffix(".yaml"),
        ["addons", _, "config", env, _, ..] => Some(env),
        _ => None,
    }
}

/// Is this repo path an environment file?
pub fn is_env_file(path: &str) -> bool {
    path.strip_prefix("environments/").is_some_and(|rest| {
        !rest.contains('/') && rest.ends_with(".yaml") && rest != super::METADATA_FILE
    })
}

/// Read every environment file; files that do not parse become findings.
pub fn load(source: &dyn Source) -> anyhow::Result<(Vec<EnvFile>, Vec<Finding>)> {
    let mut envs = Vec::new();
    let mut findings = Vec::new();
    for path in source.files(DIR)? {
        if !is_env_file(&path) {
            continue;
        }
        let Some(text) = source.read(&path)? else {
            continue;
        };
        let name = name_of(&path);
        match yaml::parse(&text) {
            Ok(doc) => envs.push(EnvFile { name, path, doc }),
            Err(e) => findings.push(
                Finding::error(path, e.line, e.col)
                    .rule("yaml")
                    .message(e.message),
            ),
        }
    }
    Ok((envs, findings))
}

/// The promotion order (first to last) and the findings that break it. `unparsed` names
/// environment files that exist but do not parse: they are not reported twice.
pub fn order(envs: &[EnvFile], unparsed: &[String]) -> (Vec<String>, Vec<Finding>) {
    let mut findings = Vec::new();
    let at = |e: &EnvFile, pointer: &str| {
        let s = e.doc.locate(pointer);
        Finding::error(&e.path, s.line, s.col).path(pointer)
    };
    for e in envs {
        if let Some(name) = e.str_at("/name")
            && name != e.name
        {
            findings.push(at(e, "/name").rule("environments/name").message(format!(
                "environment name `{name}` does not match its file name `{}`",
                e.path
            )));
        }
        if let Some(after) = e.after()
            && !envs.iter().any(|o| o.name == after)
            && !unparsed.iter().any(|n| n == after)
        {
            findings.push(
                at(e, "/promotion/after")
                    .rule("environments/promotion-order")
                    .message(format!(
                        "`promotion.after` names `{after}`, which is not an environment"
                    )),
            );
        }
    }
    let roots: Vec<&EnvFile> = envs.iter().filter(|e| e.after().is_none()).collect();
    for extra in roots.iter().skip(1) {
        findings.push(
            at(extra, "/promotion/after")
                .rule("environments/promotion-order")
                .message(format!(
                    "`{}` and `{}` both start the promotion order (`promotion.after` is empty); \
                     the order must be a single chain",
                    roots[0].name, extra.name
                )),
        );
    }
    let mut order = Vec::new();
    if let Some(root) = roots.first() {
        let mut current = root.name.clone();
        order.push(current.clone());
        loop {
            let next: Vec<&EnvFile> = envs
                .iter()
                .filter(|e| e.after() == Some(current.as_str()))
                .collect();
            for extra in next.iter().skip(1) {
                findings.push(
                    at(extra, "/promotion/after")
                        .rule("environments/promotion-order")
                        .message(format!(
                            "`{}` and `{}` are both promoted from `{current}`; the order must \
                             be a single chain",
                            next[0].name, extra.name
                        )),
                );
            }
            match next.first() {
                Some(n) if !order.contains(&n.name) => {
                    current = n.name.clone();
                    order.push(current.clone());
                }
                _ => break,
            }
        }
    }
    for e in envs {
        let reported = !unparsed.is_empty() || findings.iter().any(|f| f.file == e.path);
        if !order.contains(&e.name) && !reported {
            findings.push(
                at(e, "/promotion/after")
                    .rule("environments/promotion-order")
                    .message(format!(
                        "`{}` is not reachable from the first environment (a cycle in \
                         `promotion.after`?)",
                        e.name
                    )),
            );
        }
    }
    (order, findings)
}

/// The default stage plan shipped in the binary (and written into each environment file by
/// `idp init`).
pub const DEFAULT_TEARDOWN_PLAN: &str = "environments/teardown-stages.yaml";

/// The default plan as data (for `idp init` to write into environment files).
pub fn default_teardown_stages() -> anyhow::Result<Value> {
    let text = assets::embedded(DEFAULT_TEARDOWN_PLAN)
        .ok_or_else(|| anyhow::anyhow!("the embedded `{DEFAULT_TEARDOWN_PLAN}` is missing"))?;
    Ok(yaml::parse(text)
        .map_err(|e| anyhow::anyhow!("{DEFAULT_TEARDOWN_PLAN}:{}: {e}", e.line))?
        .value)
}

/// What an environment does about drift (`drift.remediate` of its file): read by `idp drift`
/// and by the producers that set Argo CD's self-heal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DriftPolicy {
    /// Re-render and open or update the remediation pull request; cluster drift is healed by
    /// Argo CD's self-heal.
    Auto,
    /// Open or update one remediation pull request per environment.
    Pr,
    /// Report, record and exit 5: nothing else.
    Alert,
}

impl DriftPolicy {
    pub fn parse(s: &str) -> Option<DriftPolicy> {
        match s {
            "auto" => Some(DriftPolicy::Auto),
            "pr" => Some(DriftPolicy::Pr),
            "alert" => Some(DriftPolicy::Alert),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DriftPolicy::Auto => "auto",
            DriftPolicy::Pr => "pr",
            DriftPolicy::Alert => "alert",
        }
    }

    /// The policy of `env`: its `drift.remediate`; else `alert` in production; else `auto`
    /// where the environment already lets Argo CD self-heal (`sync.selfHeal: true`, as the
    /// starter dev, test and staging do); else `pr`.
    pub fn of(env: &EnvFile) -> DriftPolicy {
        if let Some(p) = env
            .get("/drift/remediate")
            .and_then(Value::as_str)
            .and_then(DriftPolicy::parse)
        {
            return p;
        }
        if env.tier() == Some("production") {
            DriftPolicy::Alert
        } else if env.get("/sync/selfHeal").and_then(Value::as_bool) == Some(true) {
            DriftPolicy::Auto
        } else {
            DriftPolicy::Pr
        }
    }

    /// Does Argo CD heal cluster drift by itself here? Only under `auto`: under `pr` and
    /// `alert` a change made in the cluster stays, to be reported and reviewed.
    pub fn self_heal(env: &EnvFile) -> bool {
        DriftPolicy::of(env) == DriftPolicy::Auto
    }

    /// What a dangerous finding allows: never more than a pull request.
    pub fn at_most_pr(self) -> DriftPolicy {
        match self {
            DriftPolicy::Auto => DriftPolicy::Pr,
            p => p,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_their_environment() {
        assert_eq!(
            of_generated_path("envs/dev/rds/generated/RDS-0001.auto.tfvars.json"),
            Some("dev")
        );
        assert_eq!(
            of_generated_path("argocd/prod/addons/kyverno.yaml"),
            Some("prod")
        );
        assert_eq!(
            of_generated_path("addons/kyverno/generated/test.yaml"),
            Some("test")
        );
        assert_eq!(
            of_generated_path("addons/kyverno/config/staging/clusterpolicy-x.yaml"),
            Some("staging")
        );
        assert_eq!(of_generated_path("catalog/resources/rds-0001.yaml"), None);
        assert_eq!(of_generated_path("argocd/README.md"), None);
    }
}
