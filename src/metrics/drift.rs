//! Drift metrics from the records of `idp drift --record` (`.idp/records/drift/<env>/`, one
//! record per environment per run):
//!
//! - `idp_drift_findings{env,layer}` (gauge): the findings of each environment's newest run, per
//!   layer it looked at (0 when that layer was clean);
//! - `idp_drift_dangerous_findings{env}` (gauge): the newest run's findings that would lose data;
//! - `idp_drift_runs_total{env,result}` (counter): runs by result, `clean` or `drift`;
//! - `idp_drift_last_run_timestamp_seconds{env}` (gauge): when the newest run ran.
//!
//! Label values are bounded: environment names, the three layers (a layer a hand-edited record
//! names otherwise is left out) and the two results. A record that is not a drift record is a
//! finding with its file and line, and is not counted.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{Family, Labels, Sample};
use crate::drift::Layer;
use crate::error::Finding;
use crate::infra::source::Source;
use crate::records::{self, DRIFT};

/// One recorded drift run (the fields the metrics read).
#[derive(Debug, Clone, Deserialize)]
pub struct DriftRun {
    #[serde(default)]
    pub id: String,
    pub env: String,
    pub time: String,
    pub clean: bool,
    pub findings: u64,
    /// Findings per layer looked at.
    #[serde(default)]
    pub by_layer: BTreeMap<String, u64>,
    #[serde(default)]
    pub dangerous: u64,
    /// `time` as Unix seconds.
    #[serde(skip)]
    pub unix: i64,
}

impl DriftRun {
    /// `clean` or `drift`.
    pub fn result(&self) -> &'static str {
        if self.clean { "clean" } else { "drift" }
    }

    /// The findings of each known layer looked at, in layer order.
    pub fn layers(&self) -> impl Iterator<Item = (&'static str, u64)> + '_ {
        Layer::ALL
            .into_iter()
            .filter_map(|l| self.by_layer.get(l.as_str()).map(|n| (l.as_str(), *n)))
    }
}

/// Recorded drift runs, oldest first, and a finding for each record that is not one.
#[derive(Debug, Default)]
pub struct Runs {
    pub runs: Vec<DriftRun>,
    pub findings: Vec<Finding>,
}

/// Every recorded drift run (of every environment).
pub fn load(source: &dyn Source) -> anyhow::Result<Runs> {
    let loaded = records::read(source, DRIFT, &[])?;
    let mut out = Runs {
        runs: Vec::new(),
        findings: loaded.findings,
    };
    for r in loaded.records {
        let not_counted = |why: String| {
            Finding::error(&r.file, r.line, 1)
                .rule("records/drift")
                .message(format!("not a drift record ({why}); it is not counted"))
        };
        match serde_json::from_value::<DriftRun>(r.value.clone()) {
            Ok(mut run) => match crate::infra::clock::unix_from_rfc3339(&run.time) {
                Some(unix) => {
                    run.unix = unix;
                    out.runs.push(run);
                }
                None => out.findings.push(not_counted(format!(
                    "`time` {:?} is not a UTC time",
                    run.time
                ))),
            },
            Err(e) => out.findings.push(not_counted(e.to_string())),
        }
    }
    Ok(out)
}

fn sample(name: &str, labels: &[(&str, &str)], value: f64) -> Sample {
    Sample {
        name: name.into(),
        labels: labels
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<Labels>(),
        value,
    }
}

/// The drift families of `runs`.
pub fn families(runs: &[DriftRun]) -> Vec<Family> {
    // Per environment: runs by result, and the newest run (the later record on a tie).
    let mut by_env: BTreeMap<&str, (BTreeMap<&str, u64>, &DriftRun)> = BTreeMap::new();
    for r in runs {
        let (results, newest) = by_env
            .entry(r.env.as_str())
            .or_insert_with(|| (BTreeMap::new(), r));
        *results.entry(r.result()).or_default() += 1;
        if r.unix >= newest.unix {
            *newest = r;
        }
    }
    let (mut findings, mut dangerous, mut total, mut last) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (env, (results, newest)) in &by_env {
        for (layer, n) in newest.layers() {
            findings.push(sample(
                "idp_drift_findings",
                &[("env", env), ("layer", layer)],
                n as f64,
            ));
        }
        dangerous.push(sample(
            "idp_drift_dangerous_findings",
            &[("env", env)],
            newest.dangerous as f64,
        ));
        // Both results, 0 when never seen: `increase()` sees the first drift run.
        for result in ["clean", "drift"] {
            total.push(sample(
                "idp_drift_runs_total",
                &[("env", env), ("result", result)],
                results.get(result).copied().unwrap_or_default() as f64,
            ));
        }
        last.push(sample(
            "idp_drift_last_run_timestamp_seconds",
            &[("env", env)],
            newest.unix as f64,
        ));
    }
    vec![
        Family {
            name: "idp_drift_findings",
            kind: "gauge",
            help: "Drift findings of the newest idp drift run of each environment, per layer it looked at.",
            samples: findings,
        },
        Family {
            name: "idp_drift_dangerous_findings",
            kind: "gauge",
            help: "Drift findings of the newest idp drift run that would lose data if acted on.",
            samples: dangerous,
        },
        Family {
            name: "idp_drift_runs_total",
            kind: "counter",
            help: "Recorded idp drift runs by result (clean, drift).",
            samples: total,
        },
        Family {
            name: "idp_drift_last_run_timestamp_seconds",
            kind: "gauge",
            help: "When the newest recorded idp drift run of each environment ran (Unix seconds).",
            samples: last,
        },
    ]
}

/// The CSV columns drift runs add after the pipeline's (empty on a pipeline run's line).
pub const CSV_COLUMNS: &str =
    "drift_findings,drift_render,drift_cluster,drift_cloud,drift_dangerous";

/// A drift run as the cells of a CSV line: the pipeline's columns (`pipeline_columns`, the
/// pipeline's header: id, phase `drift`, env, start its time, result `clean` or `drift`, the
/// others empty), then [`CSV_COLUMNS`] (a layer not looked at is empty).
pub fn csv_cells(pipeline_columns: &str, r: &DriftRun) -> Vec<String> {
    let mut cells: Vec<String> = pipeline_columns
        .split(',')
        .map(|column| match column {
            "id" => r.id.clone(),
            "phase" => "drift".into(),
            "env" => r.env.clone(),
            "start" => r.time.clone(),
            "result" => r.result().into(),
            _ => String::new(),
        })
        .collect();
    cells.push(r.findings.to_string());
    for l in Layer::ALL {
        cells.push(
            r.by_layer
                .get(l.as_str())
                .map(u64::to_string)
                .unwrap_or_default(),
        );
    }
    cells.push(r.dangerous.to_string());
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(env: &str, time: &str, by_layer: &[(&str, u64)], dangerous: u64) -> DriftRun {
        let findings = by_layer.iter().map(|(_, n)| n).sum();
        DriftRun {
            id: format!("D-{time}"),
            env: env.into(),
            time: time.into(),
            clean: findings == 0,
            findings,
            by_layer: by_layer.iter().map(|(l, n)| (l.to_string(), *n)).collect(),
            dangerous,
            unix: crate::infra::clock::unix_from_rfc3339(time).unwrap_or_default(),
        }
    }

    fn lines(families: &[Family]) -> String {
        super::super::exposition::render(families)
    }

    #[test]
    fn the_newest_run_of_each_environment_sets_the_gauges() {
        let runs = [
            run(
                "dev",
                "2026-12-01T10:00:00Z",
                &[("render", 2), ("cloud", 1)],
                1,
            ),
            run(
                "dev",
                "2026-12-01T11:00:00Z",
                &[("render", 0), ("bogus", 0)],
                0,
            ),
            run("prod", "2026-12-01T09:00:00Z", &[("cluster", 3)], 2),
        ];
        let text = lines(&families(&runs));
        for needle in [
            "idp_drift_findings{env=\"dev\",layer=\"render\"} 0\n",
            "idp_drift_findings{env=\"prod\",layer=\"cluster\"} 3\n",
            "idp_drift_dangerous_findings{env=\"dev\"} 0\n",
            "idp_drift_dangerous_findings{env=\"prod\"} 2\n",
            "idp_drift_runs_total{env=\"dev\",result=\"clean\"} 1\n",
            "idp_drift_runs_total{env=\"dev\",result=\"drift\"} 1\n",
            "idp_drift_runs_total{env=\"prod\",result=\"clean\"} 0\n",
            "idp_drift_last_run_timestamp_seconds{env=\"dev\"} 1796122800\n",
        ] {
            assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
        }
        // Only the newest run's layers, and only known layers.
        assert!(!text.contains("layer=\"cloud\""), "{text}");
        assert!(!text.contains("bogus"), "{text}");
        assert_eq!(
            families(&[]).iter().map(|f| f.samples.len()).sum::<usize>(),
            0
        );
    }

    #[test]
    fn csv_cells_leave_layers_not_looked_at_empty() {
        let r = run("dev", "2026-12-01T10:00:00Z", &[("render", 2)], 0);
        let cells = csv_cells("id,phase,env,build_id,start,result", &r);
        assert_eq!(
            cells,
            [
                "D-2026-12-01T10:00:00Z",
                "drift",
                "dev",
                "",
                "2026-12-01T10:00:00Z",
                "drift",
                "2",
                "2",
                "",
                "",
                "0"
            ]
        );
    }
}
