//! Pipeline and drift metrics from the records: the metric families Prometheus reads (`idp
//! metrics export --format prometheus`, `idp metrics push`), the same as JSON, and the runs as
//! CSV.
//!
//! - `idp_pipeline_duration_seconds` (histogram): run durations;
//! - `idp_pipeline_runs_total{result}` (counter): runs by result;
//! - `idp_pipeline_retries_total` (counter): extra attempts;
//! - `idp_teardown_break_glass_total` (counter): teardown runs that used break-glass;
//! - `idp_pipeline_build_info{build_id}` (gauge, 1): the latest build of each series;
//! - from the runs of `idp drift --record` ([`drift`]): `idp_drift_findings{env,layer}` and
//!   `idp_drift_dangerous_findings{env}` (gauges, the newest run of each environment),
//!   `idp_drift_runs_total{env,result}` (counter, `clean` or `drift`) and
//!   `idp_drift_last_run_timestamp_seconds{env}` (gauge).
//!
//! Labels: `env`, `phase`, and `service`/`team` where the record knows them (the label contract
//! of CONTRACTS.md, "Pipeline metrics"). An empty label is left out. The build id, unique per
//! run, is a label of the info metric only, for its latest run: as a label of the histogram and
//! counters it would make a new series per build (unbounded cardinality).

pub mod drift;
pub mod exposition;
pub mod push;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::records::pipeline::PipelineRecord;

/// Histogram buckets of run durations, in seconds (30 s … 1 h; the SLO's 20 and 45 min are
/// bucket bounds so the alert rules can use them).
pub const BUCKETS: [f64; 10] = [
    30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1200.0, 1800.0, 2700.0, 3600.0,
];

pub type Labels = BTreeMap<String, String>;

/// One sample: a name (with `_bucket`, `_sum`, `_count` for histograms), labels, value.
#[derive(Debug, Clone, Serialize)]
pub struct Sample {
    pub name: String,
    pub labels: Labels,
    pub value: f64,
}

/// One metric family.
#[derive(Debug, Clone, Serialize)]
pub struct Family {
    pub name: &'static str,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub help: &'static str,
    pub samples: Vec<Sample>,
}

fn labels(r: &PipelineRecord) -> Labels {
    let mut l = Labels::new();
    let mut put = |k: &str, v: Option<&str>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            l.insert(k.to_string(), v.to_string());
        }
    };
    put("env", Some(&r.env));
    put("phase", Some(&r.phase));
    put("service", r.service.as_deref());
    put("team", r.team.as_deref());
    l
}

/// The metric families of the pipeline `runs` (each run in its latest state), then those of
/// the recorded drift runs.
pub fn families(runs: &[PipelineRecord], drift: &[drift::DriftRun]) -> Vec<Family> {
    let mut out = pipeline_families(runs);
    out.extend(drift::families(drift));
    out
}

fn pipeline_families(runs: &[PipelineRecord]) -> Vec<Family> {
    // Per label set: durations, runs by result, retries, break-glass.
    #[derive(Default)]
    struct Acc {
        durations: Vec<f64>,
        results: BTreeMap<String, u64>,
        retries: u64,
        break_glass: u64,
        teardown: bool,
        /// The build of the latest run that has one: (start, build id).
        latest_build: Option<(String, String)>,
    }
    let mut acc: BTreeMap<Labels, Acc> = BTreeMap::new();
    for r in runs {
        let a = acc.entry(labels(r)).or_default();
        if let Some(d) = r.duration_seconds {
            a.durations.push(d);
        }
        *a.results.entry(r.result.as_str().to_string()).or_default() += 1;
        a.retries += u64::from(r.retries);
        a.break_glass += u64::from(r.break_glass);
        a.teardown |= r.phase == "teardown";
        if let Some(b) = r.build_id.as_deref().filter(|b| !b.is_empty())
            && a.latest_build
                .as_ref()
                .is_none_or(|(start, _)| *start <= r.start)
        {
            a.latest_build = Some((r.start.clone(), b.to_string()));
        }
    }
    let mut build_info = Vec::new();
    let mut duration = Vec::new();
    let mut runs_total = Vec::new();
    let mut retries = Vec::new();
    let mut break_glass = Vec::new();
    for (l, a) in &acc {
        if !a.durations.is_empty() {
            for b in BUCKETS {
                let mut lb = l.clone();
                lb.insert("le".into(), exposition::number(b));
                duration.push(Sample {
                    name: "idp_pipeline_duration_seconds_bucket".into(),
                    labels: lb,
                    value: a.durations.iter().filter(|d| **d <= b).count() as f64,
                });
            }
            let mut inf = l.clone();
            inf.insert("le".into(), "+Inf".into());
            duration.push(Sample {
                name: "idp_pipeline_duration_seconds_bucket".into(),
                labels: inf,
                value: a.durations.len() as f64,
            });
            duration.push(Sample {
                name: "idp_pipeline_duration_seconds_sum".into(),
                labels: l.clone(),
                value: (a.durations.iter().sum::<f64>() * 1000.0).round() / 1000.0,
            });
            duration.push(Sample {
                name: "idp_pipeline_duration_seconds_count".into(),
                labels: l.clone(),
                value: a.durations.len() as f64,
            });
        }
        for (result, n) in &a.results {
            let mut lr = l.clone();
            lr.insert("result".into(), result.clone());
            runs_total.push(Sample {
                name: "idp_pipeline_runs_total".into(),
                labels: lr,
                value: *n as f64,
            });
        }
        retries.push(Sample {
            name: "idp_pipeline_retries_total".into(),
            labels: l.clone(),
            value: a.retries as f64,
        });
        if let Some((_, build)) = &a.latest_build {
            let mut lb = l.clone();
            lb.insert("build_id".into(), build.clone());
            build_info.push(Sample {
                name: "idp_pipeline_build_info".into(),
                labels: lb,
                value: 1.0,
            });
        }
        if a.teardown {
            break_glass.push(Sample {
                name: "idp_teardown_break_glass_total".into(),
                labels: l.clone(),
                value: a.break_glass as f64,
            });
        }
    }
    vec![
        Family {
            name: "idp_pipeline_duration_seconds",
            kind: "histogram",
            help: "Duration of pipeline runs (plan, apply, teardown, promote, ...) in seconds.",
            samples: duration,
        },
        Family {
            name: "idp_pipeline_runs_total",
            kind: "counter",
            help: "Pipeline runs by result (success, failed, interrupted).",
            samples: runs_total,
        },
        Family {
            name: "idp_pipeline_retries_total",
            kind: "counter",
            help: "Extra attempts made by pipeline runs (retried stages and steps).",
            samples: retries,
        },
        Family {
            name: "idp_teardown_break_glass_total",
            kind: "counter",
            help: "Teardown runs that used a break-glass command or step.",
            samples: break_glass,
        },
        Family {
            name: "idp_pipeline_build_info",
            kind: "gauge",
            help: "The build id of the latest run of each series (always 1).",
            samples: build_info,
        },
    ]
}

/// The CSV columns of a pipeline run.
const CSV_COLUMNS: &str = "id,phase,env,build_id,start,end,duration_seconds,result,exit_code,retries,break_glass,added,changed,destroyed,service,team,workflow_run_url";

/// The runs as CSV, one line per run (header first): the pipeline runs, then the drift runs
/// (phase `drift`), with the drift columns ([`drift::CSV_COLUMNS`]) last, empty on a pipeline
/// run's line.
pub fn csv(runs: &[PipelineRecord], drift: &[drift::DriftRun]) -> String {
    let mut out = format!("{CSV_COLUMNS},{}\n", drift::CSV_COLUMNS);
    let drift_columns = drift::CSV_COLUMNS.split(',').count();
    for r in runs {
        let res = r.resources.unwrap_or_default();
        let has = r.resources.is_some();
        let n = |v: u64| if has { v.to_string() } else { String::new() };
        let cells = [
            r.id.clone(),
            r.phase.clone(),
            r.env.clone(),
            r.build_id.clone().unwrap_or_default(),
            r.start.clone(),
            r.end.clone().unwrap_or_default(),
            r.duration_seconds
                .map(|d| d.to_string())
                .unwrap_or_default(),
            r.result.as_str().to_string(),
            r.exit_code.map(|c| c.to_string()).unwrap_or_default(),
            r.retries.to_string(),
            r.break_glass.to_string(),
            n(res.added),
            n(res.changed),
            n(res.destroyed),
            r.service.clone().unwrap_or_default(),
            r.team.clone().unwrap_or_default(),
            r.workflow_run_url.clone().unwrap_or_default(),
        ];
        let mut cells = cells.to_vec();
        cells.resize(cells.len() + drift_columns, String::new());
        csv_line(&mut out, &cells);
    }
    for r in drift {
        csv_line(&mut out, &drift::csv_cells(CSV_COLUMNS, r));
    }
    out
}

fn csv_line(out: &mut String, cells: &[String]) {
    let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
    out.push_str(&line.join(","));
    out.push('\n');
}

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
