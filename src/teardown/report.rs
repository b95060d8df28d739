//! `idp teardown report`: the teardown runs of each environment (the last N), their duration
//! percentiles (p50, p95, p99, nearest rank, over the runs that finished) and break-glass rate
//! (over all runs), against the SLO of the environment file (`teardown.slo`; default p95 < 20
//! min, p99 < 45 min, break-glass < 5%). A missed SLO becomes a Known limitation with a
//! follow-up: a record in `.idp/records/known-limitations/<env>/`, written through the pipeline
//! (once per environment and last run: a rerun adds nothing).

use serde::Serialize;
use serde_json::{Value, json};

use crate::change::Changeset;
use crate::infra::clock::format_duration;
use crate::platform::Source;
use crate::platform::environments::EnvFile;
use crate::records::pipeline::{PipelineRecord, RunResult};
use crate::records::{self};

/// Known limitations recorded when an SLO is missed.
pub use crate::records::KNOWN_LIMITATIONS;

/// The teardown SLO of an environment.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Slo {
    pub p95_minutes: f64,
    pub p99_minutes: f64,
    pub break_glass_max_percent: f64,
}

impl Default for Slo {
    fn default() -> Self {
        Slo {
            p95_minutes: 20.0,
            p99_minutes: 45.0,
            break_glass_max_percent: 5.0,
        }
    }
}

impl Slo {
    /// `teardown.slo` of an environment file, each field defaulted.
    pub fn of(env: Option<&EnvFile>) -> Slo {
        let d = Slo::default();
        let get = |k: &str, default: f64| {
            env.and_then(|e| e.get(&format!("/teardown/slo/{k}")))
                .and_then(Value::as_f64)
                .unwrap_or(default)
        };
        Slo {
            p95_minutes: get("p95Minutes", d.p95_minutes),
            p99_minutes: get("p99Minutes", d.p99_minutes),
            break_glass_max_percent: get("breakGlassMaxPercent", d.break_glass_max_percent),
        }
    }
}

/// One environment's report.
#[derive(Debug, Clone, Serialize)]
pub struct EnvReport {
    pub env: String,
    /// Runs in the window (the last N).
    pub count: usize,
    pub succeeded: usize,
    pub failed: usize,
    pub p50_seconds: Option<f64>,
    pub p95_seconds: Option<f64>,
    pub p99_seconds: Option<f64>,
    pub break_glass_runs: usize,
    pub break_glass_percent: f64,
    pub slo: Slo,
    /// What is missed, in words (empty: the SLO is met).
    pub missed: Vec<String>,
    pub met: bool,
    pub runs: Vec<String>,
}

/// Nearest-rank percentile of sorted values.
pub fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

/// The report of `env` over its last `last` teardown runs (all when `None`).
pub fn report(
    env: &str,
    file: Option<&EnvFile>,
    runs: &[PipelineRecord],
    last: Option<usize>,
) -> EnvReport {
    let mine: Vec<&PipelineRecord> = runs
        .iter()
        .filter(|r| r.phase == "teardown" && r.env == env)
        .collect();
    let skip = last.map_or(0, |n| mine.len().saturating_sub(n));
    let window: Vec<&PipelineRecord> = mine.into_iter().skip(skip).collect();
    let mut durations: Vec<f64> = window
        .iter()
        .filter(|r| r.result == RunResult::Success)
        .filter_map(|r| r.duration_seconds)
        .collect();
    durations.sort_by(f64::total_cmp);
    let count = window.len();
    let succeeded = window
        .iter()
        .filter(|r| r.result == RunResult::Success)
        .count();
    let break_glass_runs = window.iter().filter(|r| r.break_glass).count();
    let break_glass_percent = if count == 0 {
        0.0
    } else {
        (break_glass_runs as f64 * 1000.0 / count as f64).round() / 10.0
    };
    let slo = Slo::of(file);
    let (p50, p95, p99) = (
        percentile(&durations, 50.0),
        percentile(&durations, 95.0),
        percentile(&durations, 99.0),
    );
    let mut missed = Vec::new();
    for (name, value, limit) in [("p95", p95, slo.p95_minutes), ("p99", p99, slo.p99_minutes)] {
        if let Some(v) = value
            && v >= limit * 60.0
        {
            missed.push(format!(
                "{name} {} is not under {limit} min",
                format_duration(v)
            ));
        }
    }
    if count > 0 && break_glass_percent >= slo.break_glass_max_percent {
        missed.push(format!(
            "break-glass in {break_glass_percent}% of runs ({break_glass_runs} of {count}) is not under {}%",
            slo.break_glass_max_percent
        ));
    }
    EnvReport {
        env: env.to_string(),
        count,
        succeeded,
        failed: count - succeeded,
        p50_seconds: p50,
        p95_seconds: p95,
        p99_seconds: p99,
        break_glass_runs,
        break_glass_percent,
        slo,
        met: missed.is_empty(),
        missed,
        runs: window.iter().map(|r| r.id.clone()).collect(),
    }
}

/// The table rows of reports.
pub fn rows(reports: &[EnvReport]) -> Vec<Vec<String>> {
    let d = |s: Option<f64>| s.map(format_duration).unwrap_or_else(|| "-".into());
    reports
        .iter()
        .map(|r| {
            vec![
                r.env.clone(),
                r.count.to_string(),
                r.failed.to_string(),
                d(r.p50_seconds),
                format!("{} (< {}m)", d(r.p95_seconds), r.slo.p95_minutes),
                format!("{} (< {}m)", d(r.p99_seconds), r.slo.p99_minutes),
                format!(
                    "{}% (< {}%)",
                    r.break_glass_percent, r.slo.break_glass_max_percent
                ),
                if r.met { "met" } else { "MISSED" }.to_string(),
            ]
        })
        .collect()
}

pub const HEADER: [&str; 8] = [
    "ENV",
    "RUNS",
    "FAILED",
    "P50",
    "P95",
    "P99",
    "BREAK-GLASS",
    "SLO",
];

/// The reports as a Markdown table (for `$GITHUB_STEP_SUMMARY`).
pub fn markdown(reports: &[EnvReport]) -> String {
    let mut md = String::from("### idp teardown report\n\n| ");
    md.push_str(&HEADER.join(" | "));
    md.push_str(" |\n|");
    md.push_str(&"---|".repeat(HEADER.len()));
    md.push('\n');
    for row in rows(reports) {
        md.push_str(&format!("| {} |\n", row.join(" | ")));
    }
    for r in reports.iter().filter(|r| !r.met) {
        md.push_str(&format!(
            "\n**`{}` misses its teardown SLO**: {}\n",
            r.env,
            r.missed.join("; ")
        ));
    }
    md
}

/// The Known limitation of a missed SLO, as a change; `None` when it is already recorded (same
/// environment, same last run) or the SLO is met.
pub fn known_limitation(
    base: &dyn Source,
    report: &EnvReport,
    actor: &str,
    time: &str,
) -> anyhow::Result<Option<Changeset>> {
    let Some(last_run) = report.runs.last() else {
        return Ok(None);
    };
    if report.met {
        return Ok(None);
    }
    let existing = records::newest(base, KNOWN_LIMITATIONS, &[&report.env], |r| {
        r.get("last_run").and_then(Value::as_str) == Some(last_run.as_str())
    })?;
    if existing.is_some() {
        return Ok(None);
    }
    let follow_up = format!(
        "Find the stages that dominate the slow or break-glass runs of `{}` ({}), fix them in \
         `teardown.stages` of environments/{}.yaml or in the platform, and report again after \
         5–10 cycles (RB-0002).",
        report.env,
        report.runs.join(", "),
        report.env
    );
    let (id, record) = records::identify(
        KNOWN_LIMITATIONS,
        json!({
        "kind": "teardown-slo",
        "env": report.env,
        "summary": format!("the teardown SLO of `{}` is missed: {}", report.env, report.missed.join("; ")),
        "missed": report.missed,
        "window": {
            "runs": report.count,
            "p50_seconds": report.p50_seconds,
            "p95_seconds": report.p95_seconds,
            "p99_seconds": report.p99_seconds,
            "break_glass_percent": report.break_glass_percent,
        },
        "slo": report.slo,
        "last_run": last_run,
        "follow_up": follow_up,
        "status": "open",
        "actor": actor,
        "time": time,
        }),
    );
    let mut cs = Changeset::new(
        "known-limitation",
        &format!("teardown-slo-{}", report.env),
        "teardown:report",
    );
    cs.scope = Some(report.env.clone());
    cs.title = format!(
        "Known limitation {id}: the teardown SLO of `{}` is missed",
        report.env
    );
    cs.body = format!(
        "{}.\n\nOver the last {} run(s) ({}): p50 {}, p95 {}, p99 {}, break-glass {}%.\n\n\
         Follow-up: {follow_up}\n",
        report.missed.join("; "),
        report.count,
        report.runs.join(", "),
        report
            .p50_seconds
            .map(format_duration)
            .unwrap_or("-".into()),
        report
            .p95_seconds
            .map(format_duration)
            .unwrap_or("-".into()),
        report
            .p99_seconds
            .map(format_duration)
            .unwrap_or("-".into()),
        report.break_glass_percent
    );
    records::write(&mut cs, base, KNOWN_LIMITATIONS, &record)?;
    cs.trailers.push(("Idp-Record".into(), id));
    cs.trailers
        .push(("Idp-Environment".into(), report.env.clone()));
    Ok(Some(cs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(percentile(&v, 50.0), Some(5.0));
        assert_eq!(percentile(&v, 95.0), Some(10.0));
        assert_eq!(percentile(&[3.0], 99.0), Some(3.0));
        assert_eq!(percentile(&[], 50.0), None);
    }
}
