//! The stage plan of a teardown run: `teardown.stages` of `environments/<env>.yaml`, or the
//! default plan that ships in `environments/teardown-stages.yaml` when the file has none.
//!
//! A stage is a shell command with a timeout, bounded retries (with a pause between attempts)
//! and an optional break-glass command used only when the normal one has failed every attempt.
//! `after` names stages that must finish first; the run order is the listed order, moved only as
//! far as `after` requires. An unknown name in `after`, a duplicate name or a cycle is bad input
//! at its file and line.

use std::time::Duration;

use serde::Serialize;
use serde_json::Value;

use crate::error::{Finding, IdpError};
use crate::platform::assets;
use crate::platform::environments::EnvFile;
use crate::yaml::{self, Document};

pub use crate::platform::environments::{
    DEFAULT_TEARDOWN_PLAN as DEFAULT_PLAN, default_teardown_stages as default_stages,
};

/// One stage.
#[derive(Debug, Clone, Serialize)]
pub struct Stage {
    pub name: String,
    pub description: Option<String>,
    pub run: String,
    #[serde(serialize_with = "as_text")]
    pub timeout: Duration,
    pub retries: u32,
    #[serde(serialize_with = "as_text")]
    pub retry_delay: Duration,
    pub break_glass: Option<String>,
    pub after: Vec<String>,
    /// Skipped in persistent environments (databases, secrets: kept).
    pub ephemeral_only: bool,
}

fn as_text<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&crate::infra::clock::format_duration(d.as_secs_f64()))
}

/// The stages of an environment, in run order, and where they came from.
#[derive(Debug, Clone, Serialize)]
pub struct StagePlan {
    pub file: String,
    pub stages: Vec<Stage>,
}

/// The environment's plan, or the default one.
pub fn load(env: &EnvFile) -> anyhow::Result<StagePlan> {
    if env.get("/teardown/stages").is_some() {
        return parse(&env.path, &env.doc, "/teardown/stages");
    }
    let text = assets::embedded(DEFAULT_PLAN)
        .ok_or_else(|| anyhow::anyhow!("the embedded `{DEFAULT_PLAN}` is missing"))?;
    let doc = yaml::parse(text).map_err(|e| anyhow::anyhow!("{DEFAULT_PLAN}:{}: {e}", e.line))?;
    parse(DEFAULT_PLAN, &doc, "")
}

/// Read the list at `pointer` of `doc` (a file named `file`) as a plan; every problem is a
/// finding, all reported at once (exit 2).
pub fn parse(file: &str, doc: &Document, pointer: &str) -> anyhow::Result<StagePlan> {
    let mut findings = Vec::new();
    let at = |p: &str, rule: &str, msg: String| {
        let s = doc.locate(p);
        Finding::error(file, s.line, s.col)
            .path(p.to_string())
            .rule(format!("teardown/{rule}"))
            .message(msg)
    };
    let items = match doc.value.pointer(pointer).unwrap_or(&doc.value) {
        Value::Array(a) if !a.is_empty() => a.clone(),
        _ => {
            return Err(bad(vec![at(
                pointer,
                "stages",
                "the stage plan must be a non-empty list of stages".into(),
            )]));
        }
    };
    let mut stages = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let p = format!("{pointer}/{i}");
        let text = |k: &str| item.get(k).and_then(Value::as_str).map(str::to_string);
        let name = text("name").unwrap_or_default();
        if !crate::platform::is_slug(&name, 40) {
            findings.push(at(
                &format!("{p}/name"),
                "name",
                format!(
                    "stage {}: `name` must be lowercase letters, digits and `-` (got `{name}`)",
                    i + 1
                ),
            ));
        } else if stages.iter().any(|s: &Stage| s.name == name) {
            findings.push(at(
                &format!("{p}/name"),
                "name",
                format!("stage `{name}` is listed twice"),
            ));
        }
        let run = text("run").unwrap_or_default();
        if run.trim().is_empty() {
            findings.push(at(
                &p,
                "run",
                format!("stage `{name}` has no `run` command"),
            ));
        }
        let mut duration = |k: &str, default: &str| {
            let raw = text(k).unwrap_or_else(|| default.to_string());
            crate::infra::clock::parse_duration(&raw).ok().unwrap_or_else(|| {
                findings.push(at(
                    &format!("{p}/{k}"),
                    k,
                    format!(
                        "stage `{name}`: `{k}` `{raw}` is not a duration (`500ms`, `30s`, `10m`, `1h`)"
                    ),
                ));
                Duration::ZERO
            })
        };
        let timeout = duration("timeout", "10m");
        let retry_delay = duration("retryDelay", "10s");
        let retries = match item.get("retries") {
            None => 0,
            Some(v) => match v.as_u64().filter(|n| *n <= 10) {
                Some(n) => n as u32,
                None => {
                    findings.push(at(
                        &format!("{p}/retries"),
                        "retries",
                        format!("stage `{name}`: `retries` must be a whole number 0–10"),
                    ));
                    0
                }
            },
        };
        stages.push(Stage {
            name,
            description: text("description"),
            run,
            timeout,
            retries,
            retry_delay,
            break_glass: text("breakGlass").filter(|s| !s.trim().is_empty()),
            after: yaml::strings(item.get("after")),
            ephemeral_only: item
                .get("ephemeralOnly")
                .and_then(Value::as_bool)
                .unwrap_or(false),
        });
    }
    for (i, s) in stages.iter().enumerate() {
        for (j, dep) in s.after.iter().enumerate() {
            if !stages.iter().any(|o| &o.name == dep) {
                findings.push(at(
                    &format!("{pointer}/{i}/after/{j}"),
                    "unknown-stage",
                    format!(
                        "stage `{}` runs after `{dep}`, which is not a stage of this plan (stages: {})",
                        s.name,
                        stages
                            .iter()
                            .map(|s| s.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
        }
    }
    if !findings.is_empty() {
        return Err(bad(findings));
    }
    match order(&stages) {
        Ok(ordered) => Ok(StagePlan {
            file: file.to_string(),
            stages: ordered,
        }),
        Err(cycle) => {
            let first = stages
                .iter()
                .position(|s| s.name == cycle[0])
                .unwrap_or_default();
            Err(bad(vec![at(
                &format!("{pointer}/{first}/after"),
                "cycle",
                format!(
                    "the stages' `after` form a cycle: {}",
                    cycle
                        .iter()
                        .chain(cycle.first())
                        .map(|s| format!("`{s}`"))
                        .collect::<Vec<_>>()
                        .join(" → ")
                ),
            )]))
        }
    }
}

fn bad(findings: Vec<Finding>) -> anyhow::Error {
    let message = if findings.len() == 1 {
        findings[0].display()
    } else {
        format!("the stage plan has {} problems", findings.len())
    };
    IdpError::BadInput { message, findings }.into()
}

/// The listed order, each stage moved after the ones it names; or a cycle (names in order).
fn order(stages: &[Stage]) -> Result<Vec<Stage>, Vec<String>> {
    let mut done: Vec<usize> = Vec::new();
    while done.len() < stages.len() {
        let ready = (0..stages.len()).find(|i| {
            !done.contains(i)
                && stages[*i]
                    .after
                    .iter()
                    .all(|dep| done.iter().any(|d| &stages[*d].name == dep))
        });
        match ready {
            Some(i) => done.push(i),
            None => return Err(cycle(stages, &done)),
        }
    }
    Ok(done.into_iter().map(|i| stages[i].clone()).collect())
}

/// A cycle among the stages not yet `done`: follow `after` from the first until a name repeats.
fn cycle(stages: &[Stage], done: &[usize]) -> Vec<String> {
    let left: Vec<&Stage> = stages
        .iter()
        .enumerate()
        .filter(|(i, _)| !done.contains(i))
        .map(|(_, s)| s)
        .collect();
    let mut path: Vec<String> = Vec::new();
    let mut current = left[0];
    loop {
        if let Some(at) = path.iter().position(|n| n == &current.name) {
            return path.split_off(at);
        }
        path.push(current.name.clone());
        let next = current
            .after
            .iter()
            .find_map(|dep| left.iter().find(|s| &s.name == dep));
        match next {
            Some(n) => current = n,
            None => return path,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(text: &str) -> anyhow::Result<StagePlan> {
        parse("plan.yaml", &yaml::parse(text).unwrap(), "")
    }

    #[test]
    fn orders_by_after_and_reports_cycles_and_unknown_stages() {
        let p = plan("- {name: b, run: 'true', after: [a]}\n- {name: a, run: 'true'}\n").unwrap();
        let names: Vec<&str> = p.stages.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        let e =
            plan("- {name: a, run: x, after: [b]}\n- {name: b, run: x, after: [a]}\n").unwrap_err();
        assert!(e.to_string().contains("cycle: `a` → `b` → `a`"), "{e}");
        let e = plan("- {name: a, run: x}\n- {name: b, run: x, after: [nope]}\n").unwrap_err();
        assert!(e.to_string().starts_with("plan.yaml:2:"), "{e}");
        assert!(e.to_string().contains("`nope`"), "{e}");
        assert!(plan("- {name: a, run: x, timeout: soon}\n").is_err());
    }

    #[test]
    fn durations() {
        use crate::infra::clock::parse_duration;
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("10m"), Ok(Duration::from_secs(600)));
        assert_eq!(parse_duration("10"), Ok(Duration::from_secs(10)));
        assert_eq!(crate::infra::clock::format_duration(192.0), "3m12s");
        assert_eq!(crate::infra::clock::format_duration(0.25), "250ms");
    }

    #[test]
    fn the_default_plan_parses_in_its_order() {
        let doc = yaml::parse(assets::embedded(DEFAULT_PLAN).unwrap()).unwrap();
        let p = parse(DEFAULT_PLAN, &doc, "").unwrap();
        let names: Vec<&str> = p.stages.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "argocd-apps",
                "drain-nodegroups",
                "delete-nodegroups",
                "databases",
                "secrets",
                "terraform-destroy",
                "orphans"
            ]
        );
    }
}
