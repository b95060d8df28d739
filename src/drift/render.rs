//! The render layer of `idp drift`: every file idp generates against what it renders from its
//! sources today (the requests' Terraform inputs and catalog entities; the Argo CD wiring and
//! the add-ons of each environment), and every app made from a golden path older than the one
//! the platform offers now. The wanted content of each drifted file is kept for remediation.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{Finding, Layer};
use crate::infra::source::Source;
use crate::platform::environments::EnvFile;
use crate::platform::{Config, gitops};

/// The render layer's findings (only those of `only` and repo-wide ones, when given), and the
/// files that heal them: path → wanted text, or `None` to delete.
pub struct Rendered {
    pub findings: Vec<Finding>,
    pub heal: BTreeMap<String, Option<String>>,
}

pub fn findings(
    source: &dyn Source,
    config: &Config,
    envs: &[EnvFile],
    only: Option<&str>,
) -> anyhow::Result<Rendered> {
    let wanted_env = |env: Option<&str>| only.is_none() || env.is_none() || env == only;
    let mut out = Rendered {
        findings: Vec::new(),
        heal: BTreeMap::new(),
    };

    // Terraform inputs and catalog entities of the requests.
    let (drifts, want) = crate::requests::produce::drift(source, config, envs)?;
    for d in drifts {
        if !wanted_env(d.env.as_deref()) {
            continue;
        }
        out.heal.insert(d.path.clone(), want.get(&d.path).cloned());
        out.findings.push(
            Finding::new(
                Layer::Render,
                d.env.as_deref(),
                &d.path,
                &d.path,
                describe(d.status, "its request"),
            )
            .fix("idp provision render --fix"),
        );
    }

    // The Argo CD wiring and the add-ons.
    let wiring = gitops::render(source, config)?;
    let mut present = Vec::new();
    for dir in [gitops::DIR, "addons"] {
        present.extend(
            source
                .files(dir)?
                .into_iter()
                .filter(|p| gitops::is_generated(p)),
        );
    }
    let mut gitops_drift: Vec<(String, &'static str)> = Vec::new();
    for (path, text) in &wiring {
        match source.read(path)? {
            None => gitops_drift.push((path.clone(), "missing")),
            Some(t) if &t != text => gitops_drift.push((path.clone(), "stale")),
            _ => {}
        }
    }
    for path in present {
        if !wiring.contains_key(&path) {
            gitops_drift.push((path, "orphaned"));
        }
    }
    gitops_drift.sort();
    for (path, status) in gitops_drift {
        let env = super::env_of_path(&path).map(str::to_string);
        if !wanted_env(env.as_deref()) {
            continue;
        }
        out.heal.insert(path.clone(), wiring.get(&path).cloned());
        out.findings.push(
            Finding::new(
                Layer::Render,
                env.as_deref(),
                &path,
                object_of(
                    source.read(&path)?.or_else(|| wiring.get(&path).cloned()),
                    &path,
                ),
                describe(status, "idp.yaml and the environment"),
            )
            .fix("idp drift --layer render --remediate pr"),
        );
    }

    // Apps made from an older golden path than the platform offers.
    for file in source.files("apps")? {
        let parts: Vec<&str> = file.split('/').collect();
        let ["apps", app, "app.yaml"] = parts.as_slice() else {
            continue;
        };
        let Some(text) = source.read(&file)? else {
            continue;
        };
        let Ok(doc) = crate::yaml::parse(&text) else {
            continue; // `idp validate` reports it
        };
        let get = |p: &str| doc.value.pointer(p).and_then(Value::as_str);
        let (Some(name), Some(version)) = (get("/goldenPath/name"), get("/goldenPath/version"))
        else {
            continue;
        };
        let Ok(gp) = crate::golden::load(source, name) else {
            continue;
        };
        if crate::platform::upgrade::newer(&gp.version, version) {
            let repo = get("/repository").unwrap_or("the app's repository");
            out.findings.push(
                Finding::new(
                    Layer::Render,
                    None,
                    &file,
                    format!("app {app}"),
                    format!(
                        "made from {name} {version}; the platform offers {name} {}",
                        gp.version
                    ),
                )
                .fix(format!(
                    "idp --platform <this repo> upgrade (in a clone of {repo})"
                )),
            );
        }
    }
    Ok(out)
}

fn describe(status: &str, from: &str) -> String {
    match status {
        "missing" => format!("missing: {from} renders it, git lacks it"),
        "orphaned" => format!("orphaned: nothing in {from} renders it any more"),
        _ => format!("differs from what {from} renders (edited by hand?)"),
    }
}

/// `Kind/name` of the first object of a YAML file, else its path.
fn object_of(text: Option<String>, path: &str) -> String {
    let parsed = text
        .and_then(|t| crate::yaml::parse(&t).ok())
        .map(|d| d.value);
    match parsed {
        Some(v) => match (
            v.get("kind").and_then(Value::as_str),
            v.pointer("/metadata/name").and_then(Value::as_str),
        ) {
            (Some(k), Some(n)) => format!("{k}/{n}"),
            _ => path.to_string(),
        },
        None => path.to_string(),
    }
}
