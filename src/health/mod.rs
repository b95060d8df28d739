//! `idp health`: post-apply checks of one environment's cluster and platform services, in tiers
//! (0: API, nodes, kube-system; 1: Argo CD, system pods, ExternalSecrets, ingress, Kong; 2:
//! Backstage, Grafana; 3: Keycloak), each failure naming the object, the reason and the runbook
//! that covers it. This module owns the run: retries with a pause, `--wait` polling until healthy
//! or a deadline, and the [`Report`]. The parts:
//!
//! - [`settings`]: the environment file's `health:` section, with defaults;
//! - [`checks`]: what is wrong with one node, pod, application, ExternalSecret or ingress;
//! - [`tiers`]: the checks of each tier, run against a cluster;
//! - [`probe`]: HTTP probes (Kong, Backstage, Grafana, Keycloak);
//! - [`report`]: the table, JSON, step summary and the record for `.idp/records/health.jsonl`.

pub mod checks;
pub mod probe;
pub mod report;
pub mod settings;
pub mod tiers;

use crate::infra::kube;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::printer::Progress;
pub use settings::Settings;

/// The runbook that covers each tier (RB-0008..RB-0011).
pub fn runbook(tier: u8) -> &'static str {
    match tier {
        0 => "RB-0008",
        1 => "RB-0009",
        2 => "RB-0010",
        _ => "RB-0011",
    }
}

/// One row of the result.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub tier: u8,
    pub check: String,
    /// The object that failed (`node/ip-10-0-2-41…`, `pod kube-system/coredns-…`, a URL).
    pub object: Option<String>,
    pub status: Status,
    pub detail: String,
    pub runbook: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Failed,
}

impl Check {
    pub fn ok(tier: u8, check: impl Into<String>, detail: impl Into<String>) -> Check {
        Check {
            tier,
            check: check.into(),
            object: None,
            status: Status::Ok,
            detail: detail.into(),
            runbook: runbook(tier).into(),
        }
    }

    pub fn failed(
        tier: u8,
        check: impl Into<String>,
        object: Option<String>,
        detail: impl Into<String>,
    ) -> Check {
        Check {
            tier,
            check: check.into(),
            object,
            status: Status::Failed,
            detail: detail.into(),
            runbook: runbook(tier).into(),
        }
    }
}

/// The verdict of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Healthy,
    Unhealthy,
    /// The cluster could not be reached at all (exit 1).
    Unreachable,
}

/// The result of `idp health`: what was checked, where, and how it went.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub env: String,
    /// The highest tier checked.
    pub tier: u8,
    pub result: Verdict,
    pub healthy: bool,
    pub context: String,
    pub server: String,
    /// Why the cluster could not be reached (DNS, TLS, auth, timeout, connection).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<kube::Reason>,
    pub attempts: u32,
    /// When the run started (RFC 3339).
    pub time: String,
    pub duration_ms: u64,
    pub checks: Vec<Check>,
}

impl Report {
    pub fn failed(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|c| c.status == Status::Failed)
    }
}

/// What to check and how patiently (from the command line; the environment gives the rest).
#[derive(Debug, Clone)]
pub struct HealthOptions {
    pub tier: u8,
    pub kubeconfig: Option<PathBuf>,
    /// Overrides `health.context`.
    pub context: Option<String>,
    /// `--wait --timeout`: poll until healthy or this much time has passed.
    pub wait: Option<Duration>,
    /// Override `health.retries` and `health.backoff`.
    pub retries: Option<u32>,
    pub backoff: Option<Duration>,
}

/// Errors that stop a run before any check: the kubeconfig or context is wrong (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum HealthError {
    #[error("{0}")]
    Config(String),
}

/// A failed attempt that will be retried: what failed, the pause, and which attempt is next.
pub struct Retry<'a> {
    pub report: &'a Report,
    pub pause: Duration,
    pub next: u32,
    /// The last attempt, when bounded by `--retries` (not by `--wait`).
    pub of: Option<u32>,
}

/// Check the environment, retrying (or, with `--wait`, polling) while it is unhealthy and the
/// cause may pass. Unreachable for a reason that does not fix itself (TLS, auth) stops at once.
pub fn run(
    kube: &kube::Kube,
    opts: &HealthOptions,
    s: &Settings,
    progress: &Progress,
    on_retry: &mut dyn FnMut(Retry<'_>),
) -> Result<Report, HealthError> {
    let context = opts.context.as_deref().or(s.context.as_deref());
    let target = kube::target(opts.kubeconfig.as_deref(), context).map_err(HealthError::Config)?;
    let cluster = kube
        .cluster(&target, s.request_timeout, s.page_size)
        .map_err(HealthError::Config)?;
    let http = probe::client(s.request_timeout).map_err(HealthError::Config)?;

    let started = Instant::now();
    let time = crate::infra::clock::now();
    let deadline = opts.wait.map(|w| started + w);
    let retries = opts.retries.unwrap_or(s.retries);
    let pause = opts.backoff.unwrap_or(s.backoff);
    let mut attempts = 0;
    loop {
        attempts += 1;
        progress.set(format!("checking `{}` (attempt {attempts})", s.env));
        let (checks, unreachable) =
            kube.block_on(tiers::run(&cluster, &http, s, opts.tier, progress));
        let result = match (
            &unreachable,
            checks.iter().any(|c| c.status == Status::Failed),
        ) {
            (Some(_), _) => Verdict::Unreachable,
            (None, true) => Verdict::Unhealthy,
            (None, false) => Verdict::Healthy,
        };
        let report = Report {
            env: s.env.clone(),
            tier: opts.tier,
            result,
            healthy: result == Verdict::Healthy,
            context: target.context.clone(),
            server: target.server.clone(),
            reason: unreachable,
            attempts,
            time: time.clone(),
            duration_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
            checks,
        };
        if report.healthy || unreachable.is_some_and(|r| !r.transient()) {
            return Ok(report);
        }
        let wait = match deadline {
            Some(d) => {
                let left = d.saturating_duration_since(Instant::now());
                (!left.is_zero()).then(|| pause.min(left))
            }
            None => (attempts <= retries).then_some(pause),
        };
        let Some(wait) = wait else {
            return Ok(report);
        };
        on_retry(Retry {
            report: &report,
            pause: wait,
            next: attempts + 1,
            of: deadline.is_none().then_some(retries + 1),
        });
        progress.set(format!(
            "`{}` not healthy yet; checking again in {}",
            s.env,
            settings::format_duration(wait)
        ));
        std::thread::sleep(wait);
    }
}
