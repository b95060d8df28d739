//! Pipeline runs: `.idp/records/pipeline/<env>/<yyyy>/<mm>/<dd>/<id>.json`, one file per run
//! of a pipeline phase (plan, apply, teardown, promote, …): environment, build id, start, end,
//! duration, result, exit code, retries, break-glass, resources added/changed/destroyed, the
//! workflow run URL, and for teardown runs the log of every stage.
//!
//! A run that is resumed or amended (a break-glass step recorded by hand) rewrites its own
//! file; no other run's file is touched. Runs still in the legacy `pipeline.jsonl` are read
//! too (the last line of an id is the run's state). This module owns the record's shape, its
//! id, reading it back (a malformed file or line is a finding with its line number; the others
//! still count) and the build id rules (`dd-mm-yy-NN`, unique per environment and phase).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::change::Changeset;
use crate::error::{Finding, IdpError};
use crate::infra::source::Source;

/// Where pipeline runs are recorded.
pub use super::PIPELINE;

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RunResult {
    Success,
    Failed,
    /// Stopped by Ctrl-C (SIGINT/SIGTERM); resumable like a failed run.
    Interrupted,
}

impl RunResult {
    pub fn as_str(self) -> &'static str {
        match self {
            RunResult::Success => "success",
            RunResult::Failed => "failed",
            RunResult::Interrupted => "interrupted",
        }
    }
}

/// Terraform's resource counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resources {
    pub added: u64,
    pub changed: u64,
    pub destroyed: u64,
}

/// How one stage of a teardown run went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StageResult {
    Ok,
    Failed,
    /// The last attempt hit the stage's timeout.
    TimedOut,
    /// Not run: a persistent environment keeps what this stage deletes.
    Skipped,
    Interrupted,
}

impl StageResult {
    pub fn as_str(self) -> &'static str {
        match self {
            StageResult::Ok => "ok",
            StageResult::Failed => "failed",
            StageResult::TimedOut => "timed-out",
            StageResult::Skipped => "skipped",
            StageResult::Interrupted => "interrupted",
        }
    }
    /// Done: a resumed run does not run it again.
    pub fn done(self) -> bool {
        matches!(self, StageResult::Ok | StageResult::Skipped)
    }
}

/// One stage of a teardown run.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StageRecord {
    pub name: String,
    pub start: String,
    pub end: String,
    pub duration_seconds: f64,
    pub result: StageResult,
    /// Runs of the normal command (1 + retries used).
    pub attempts: u32,
    pub exit_code: Option<i32>,
    /// The break-glass command ran (because the normal one failed).
    pub break_glass: bool,
}

/// Something done by hand on a run (`idp records add --run-id … --note …`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Note {
    pub time: String,
    pub actor: String,
    pub text: String,
    #[serde(default)]
    pub break_glass: bool,
}

/// One run of a pipeline phase.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PipelineRecord {
    pub id: String,
    pub phase: String,
    pub env: String,
    #[serde(default)]
    pub build_id: Option<String>,
    pub start: String,
    #[serde(default)]
    pub end: Option<String>,
    #[serde(default)]
    pub duration_seconds: Option<f64>,
    pub result: RunResult,
    #[serde(default)]
    pub exit_code: Option<i32>,
    /// Extra attempts over all steps (a retried stage counts each retry).
    #[serde(default)]
    pub retries: u32,
    #[serde(default)]
    pub break_glass: bool,
    #[serde(default)]
    pub resources: Option<Resources>,
    #[serde(default)]
    pub workflow_run_url: Option<String>,
    #[serde(default)]
    pub actor: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifecycle: Option<String>,
    /// The stage that failed (teardown runs), where `--resume` starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_stage: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<StageRecord>,
    /// How many times the run was resumed.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub resumes: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl PipelineRecord {
    /// The record as JSON.
    pub fn to_value(&self) -> anyhow::Result<Value> {
        Ok(serde_json::to_value(self)?)
    }

    /// Where the record is filed.
    pub fn path(&self) -> anyhow::Result<String> {
        Ok(PIPELINE.path(&self.to_value()?))
    }

    /// The id of a new run made while idp runs it (a promotion, a teardown run): its start and
    /// a hash of what it is (phase, environment, build, actor, service), so the record made
    /// again on a newer base keeps its id though its end and duration moved on.
    pub fn new_id(
        phase: &str,
        env: &str,
        start: &str,
        build_id: Option<&str>,
        actor: &str,
        service: Option<&str>,
    ) -> String {
        super::new_id(
            PIPELINE.prefix,
            Some(start),
            &serde_json::json!({
                "phase": phase,
                "env": env,
                "start": start,
                "build_id": build_id,
                "actor": actor,
                "service": service,
            }),
        )
    }

    /// Give a finished run (`idp records add`: made once, then written) the id of everything it
    /// says: two runs of one phase that started in the same second still differ.
    pub fn identify(&mut self) -> anyhow::Result<()> {
        self.id = PIPELINE.new_id(&self.to_value()?);
        Ok(())
    }
}

/// Every run, each in its latest state (the last line of its id), in the order the runs
/// started; and a finding for every line that is not a pipeline record.
#[derive(Debug, Default)]
pub struct Runs {
    pub runs: Vec<PipelineRecord>,
    pub findings: Vec<Finding>,
}

impl Runs {
    pub fn get(&self, id: &str) -> Option<&PipelineRecord> {
        self.runs.iter().find(|r| r.id == id)
    }

    /// A run of `phase` in `env` for `build_id` that uses it up: any record of it, or for a
    /// teardown a successful one (a failed teardown is resumed, not repeated).
    pub fn build_id_taken(
        &self,
        env: &str,
        phase: &str,
        build_id: &str,
    ) -> Option<&PipelineRecord> {
        self.runs.iter().find(|r| {
            r.env == env
                && r.phase == phase
                && r.build_id.as_deref() == Some(build_id)
                && (phase != "teardown" || r.result == RunResult::Success)
        })
    }
}

impl PipelineRecord {
    /// A run idp made itself, from start to a successful end now (a promotion, a rollback).
    pub fn succeeded(
        phase: &str,
        env: &str,
        start: &str,
        duration_seconds: f64,
        actor: &str,
        service: Option<&str>,
    ) -> PipelineRecord {
        PipelineRecord {
            id: PipelineRecord::new_id(phase, env, start, None, actor, service),
            phase: phase.to_string(),
            env: env.to_string(),
            build_id: None,
            start: start.to_string(),
            end: Some(crate::infra::clock::now()),
            duration_seconds: Some(duration_seconds),
            result: RunResult::Success,
            exit_code: Some(0),
            retries: 0,
            break_glass: false,
            resources: None,
            workflow_run_url: workflow_run_url(),
            actor: actor.to_string(),
            service: service.map(str::to_string),
            team: None,
            lifecycle: None,
            failed_stage: None,
            stages: Vec::new(),
            resumes: 0,
            notes: Vec::new(),
        }
    }
}

/// Every run, of every environment.
pub fn load(source: &dyn Source) -> anyhow::Result<Runs> {
    load_group(source, &[])
}

/// The runs of `env` only: what a run of `env` needs to read (its build ids, a run to resume).
pub fn load_env(source: &dyn Source, env: &str) -> anyhow::Result<Runs> {
    load_group(source, &[env])
}

fn load_group(source: &dyn Source, group: &[&str]) -> anyhow::Result<Runs> {
    let loaded = super::read(source, PIPELINE, group)?;
    let mut findings = loaded.findings;
    let mut runs: Vec<PipelineRecord> = Vec::new();
    for r in loaded.records {
        match serde_json::from_value::<PipelineRecord>(r.value) {
            Ok(run) => match runs.iter_mut().find(|o| o.id == run.id) {
                Some(old) => *old = run,
                None => runs.push(run),
            },
            Err(e) => findings.push(
                Finding::error(&r.file, r.line, 1)
                    .rule("records/pipeline")
                    .message(format!("not a pipeline record ({e}); it is not counted")),
            ),
        }
    }
    Ok(Runs { runs, findings })
}

/// A change writing `record` (a new run, or a run's new state) to its own file.
pub fn changeset(
    source: &dyn Source,
    record: &PipelineRecord,
    action: &str,
) -> anyhow::Result<Changeset> {
    let mut cs = Changeset::new("records", &record.id.to_ascii_lowercase(), action);
    cs.scope = Some(record.env.clone());
    cs.title = format!(
        "Record {} run {} of `{}`: {}{}",
        record.phase,
        record.id,
        record.env,
        record.result.as_str(),
        record
            .duration_seconds
            .map(|d| format!(" in {}", crate::infra::clock::format_duration(d)))
            .unwrap_or_default()
    );
    super::write(&mut cs, source, PIPELINE, &record.to_value()?)?;
    cs.trailers.push(("Idp-Record".into(), record.id.clone()));
    cs.trailers
        .push(("Idp-Environment".into(), record.env.clone()));
    Ok(cs)
}

/// `dd-mm-yy-NN`: a day, a month, a two-digit year and the build's number that day.
pub fn check_build_id(id: &str) -> Result<(), String> {
    let parts: Vec<&str> = id.split('-').collect();
    let two_digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
    if parts.len() != 4 || !parts.iter().all(|p| two_digits(p)) {
        return Err(format!(
            "build id `{id}` is not `dd-mm-yy-NN` (e.g. `26-11-26-01`)"
        ));
    }
    let n = |s: &str| s.parse::<u32>().unwrap_or(0);
    let (day, month) = (n(parts[0]), n(parts[1]));
    if !(1..=12).contains(&month) {
        return Err(format!(
            "build id `{id}`: month `{}` is not 01–12",
            parts[1]
        ));
    }
    let year = 2000 + i64::from(n(parts[2]));
    let days_in_month = match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if !(1..=days_in_month).contains(&day) {
        return Err(format!(
            "build id `{id}`: day `{}` is not a day of month {month:02}",
            parts[0]
        ));
    }
    if n(parts[3]) == 0 {
        return Err(format!("build id `{id}`: the build number starts at 01"));
    }
    Ok(())
}

/// A usage error (exit 2) for a build id that is malformed, or already used by `phase` in `env`.
pub fn validate_build_id(
    runs: &Runs,
    env: &str,
    phase: &str,
    build_id: &str,
) -> Result<(), anyhow::Error> {
    check_build_id(build_id).map_err(IdpError::usage)?;
    if let Some(r) = runs.build_id_taken(env, phase, build_id) {
        return Err(IdpError::usage(format!(
            "build id `{build_id}` is already used in `{env}` by {phase} run `{}` ({}, {}); \
             build ids are unique per environment",
            r.id,
            r.start,
            r.result.as_str()
        )));
    }
    Ok(())
}

/// The GitHub Actions run this process belongs to, from `GITHUB_SERVER_URL`,
/// `GITHUB_REPOSITORY` and `GITHUB_RUN_ID` (none outside Actions).
pub fn workflow_run_url() -> Option<String> {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    let server = var("GITHUB_SERVER_URL")?;
    let repo = var("GITHUB_REPOSITORY")?;
    let run = var("GITHUB_RUN_ID")?;
    Some(format!(
        "{}/{repo}/actions/runs/{run}",
        server.trim_end_matches('/')
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn build_ids() {
        assert!(check_build_id("26-11-26-01").is_ok());
        assert!(check_build_id("29-02-28-03").is_ok());
        assert!(check_build_id("29-02-27-03").is_err());
        assert!(check_build_id("31-04-26-01").is_err());
        assert!(check_build_id("01-13-26-01").is_err());
        assert!(check_build_id("01-01-26-00").is_err());
        assert!(check_build_id("2026-11-26").is_err());
        assert!(check_build_id("1-1-26-01").is_err());
        assert!(check_build_id("aa-bb-cc-dd").is_err());
    }
}
