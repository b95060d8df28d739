//! `idp drift` (issue 21): where git, what idp renders from it, the cluster and the cloud
//! disagree, in three layers:
//!
//! - [`render`]: generated files (Terraform inputs, catalog entities, Argo CD wiring, add-ons)
//!   against a fresh render of their sources, and apps made from an older golden path;
//! - [`cluster`]: the environment's Argo CD Applications (sync, health, out-of-sync resources,
//!   missing or extra ones) and the image digests its pods run, through the Kubernetes API;
//! - [`cloud`]: a Terraform plan of the environment's root, each change not explained by a
//!   pending request.
//!
//! Every finding names the file in git, the object or resource, what differs, the runbook and,
//! where there is one, the command that heals it. What to do about findings is the
//! environment's policy (`drift.remediate`: [`Policy`]).

pub mod cloud;
pub mod cluster;
pub mod render;

use serde::Serialize;
use serde_json::{Value, json};

use crate::change::Changeset;
use crate::infra::source::Source;
use crate::records::{self, DRIFT};

pub use crate::platform::environments::DriftPolicy as Policy;
pub use crate::platform::environments::of_generated_path as env_of_path;

/// The runbook of every drift finding.
pub const RUNBOOK: &str = "RB-0007";

/// Where a finding was seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Layer {
    Render,
    Cluster,
    Cloud,
}

impl Layer {
    pub const ALL: [Layer; 3] = [Layer::Render, Layer::Cluster, Layer::Cloud];

    pub fn as_str(self) -> &'static str {
        match self {
            Layer::Render => "render",
            Layer::Cluster => "cluster",
            Layer::Cloud => "cloud",
        }
    }
}

/// One difference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub layer: Layer,
    /// The environment, when the finding belongs to one.
    pub env: Option<String>,
    /// The file in git that says what should be.
    pub file: String,
    /// The object or resource that differs.
    pub object: String,
    /// What differs.
    pub what: String,
    pub runbook: &'static str,
    /// Would acting on it lose data (a database destroyed)? Never remediated automatically.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub dangerous: bool,
    /// The command that heals it, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

impl Finding {
    pub fn new(
        layer: Layer,
        env: Option<&str>,
        file: impl Into<String>,
        object: impl Into<String>,
        what: impl Into<String>,
    ) -> Finding {
        Finding {
            layer,
            env: env.map(str::to_string),
            file: file.into(),
            object: object.into(),
            what: what.into(),
            runbook: RUNBOOK,
            dangerous: false,
            fix: None,
        }
    }

    pub fn fix(mut self, command: impl Into<String>) -> Finding {
        self.fix = Some(command.into());
        self
    }

    pub fn dangerous(mut self) -> Finding {
        self.dangerous = true;
        self
    }
}

/// How many findings a record keeps in full (the count is always exact).
pub const RECORDED_FINDINGS: usize = 20;

/// One run of `idp drift` in one environment, as a record.
pub struct Run<'a> {
    pub env: &'a str,
    pub layers: &'a [Layer],
    pub findings: &'a [&'a Finding],
    pub policy: Policy,
    /// What remediation did (`opened`, `updated`, `alert`, `none: …`).
    pub remediation: &'a str,
    pub pr: Option<u64>,
    pub actor: &'a str,
    pub time: &'a str,
}

/// The change that records `run` in `.idp/records/drift/<env>/` (what `idp metrics export`
/// and the persistent-drift alert read).
pub fn record(base: &dyn Source, run: &Run<'_>) -> anyhow::Result<Changeset> {
    let count = |l: Layer| run.findings.iter().filter(|f| f.layer == l).count();
    let by_layer: serde_json::Map<String, Value> = run
        .layers
        .iter()
        .map(|l| (l.as_str().to_string(), json!(count(*l))))
        .collect();
    let (id, record) = records::identify(
        DRIFT,
        json!({
            "env": run.env,
            "time": run.time,
            "actor": run.actor,
            "clean": run.findings.is_empty(),
            "findings": run.findings.len(),
            "by_layer": by_layer,
            "dangerous": run.findings.iter().filter(|f| f.dangerous).count(),
            "policy": run.policy,
            "remediation": run.remediation,
            "pr": run.pr,
            "sample": run.findings.iter().take(RECORDED_FINDINGS).map(|f| json!({
                "layer": f.layer,
                "object": f.object,
                "what": f.what,
                "file": f.file,
            })).collect::<Vec<_>>(),
        }),
    );
    let stamp: String = run
        .time
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    let mut cs = Changeset::new(
        "drift-record",
        &format!("{}-{stamp}", run.env),
        "drift:record",
    );
    cs.scope = Some(run.env.to_string());
    cs.title = format!(
        "Record drift in `{}`: {} finding(s)",
        run.env,
        run.findings.len()
    );
    records::write(&mut cs, base, DRIFT, &record)?;
    for (k, v) in [
        ("Idp-Environment", run.env.to_string()),
        ("Idp-Drift", run.findings.len().to_string()),
        ("Idp-Record", id),
    ] {
        cs.trailers.push((k.into(), v));
    }
    Ok(cs)
}
