//! How a health result is shown and kept: the table (check, status, detail, runbook), the
//! Markdown for `$GITHUB_STEP_SUMMARY`, and the record written to `.idp/records/health/<env>/`
//! as a change (the promotion gate `gates.healthyWithinHours` reads `env`, `healthy`, `time`).

use serde_json::{Value, json};

use super::{Report, Status, Verdict};
use crate::change::Changeset;
use crate::platform::Source;
use crate::records;

/// Health results, one file per recorded check.
pub use crate::records::HEALTH;

/// How many failed checks a record names.
const RECORDED_FAILURES: usize = 20;

/// The table rows: check, status, detail (with the object), runbook (for failures).
pub fn rows(report: &Report) -> Vec<Vec<String>> {
    report
        .checks
        .iter()
        .map(|c| {
            let detail = match &c.object {
                Some(o) => format!("{o}: {}", c.detail),
                None => c.detail.clone(),
            };
            let (status, runbook) = match c.status {
                Status::Ok => ("ok", String::new()),
                Status::Failed => ("FAILED", c.runbook.clone()),
            };
            vec![c.check.clone(), status.into(), detail, runbook]
        })
        .collect()
}

/// `tier 0`, `tiers 0-3`.
fn tiers(tier: u8) -> String {
    match tier {
        0 => "tier 0".to_string(),
        n => format!("tiers 0-{n}"),
    }
}

/// One line for stderr: the verdict and the numbers.
pub fn headline(report: &Report) -> String {
    let failed = report.failed().count();
    let total = report.checks.len();
    let tiers = tiers(report.tier);
    let attempts = if report.attempts == 1 {
        String::new()
    } else {
        format!(", after {} attempts", report.attempts)
    };
    match report.result {
        Verdict::Healthy => format!(
            "`{}`: {total} checks passed ({tiers}{attempts})",
            report.env
        ),
        Verdict::Unhealthy => format!(
            "`{}` is unhealthy: {failed} of {total} checks failed ({tiers}{attempts})",
            report.env
        ),
        Verdict::Unreachable => format!(
            "cannot reach the cluster of `{}` at `{}` (context `{}`): {}{attempts}",
            report.env,
            report.server,
            report.context,
            report.reason.map_or("unknown", |r| r.as_str())
        ),
    }
}

/// The step summary: a heading with the verdict and the table.
pub fn markdown(report: &Report) -> String {
    let verdict = match report.result {
        Verdict::Healthy => "healthy",
        Verdict::Unhealthy => "unhealthy",
        Verdict::Unreachable => "unreachable",
    };
    let mut md = format!(
        "### idp health `{}`: {verdict}\n\n{}\n\n| check | status | detail | runbook |\n|---|---|---|---|\n",
        report.env,
        headline(report)
    );
    for row in rows(report) {
        let cells: Vec<String> = row
            .iter()
            .map(|c| c.replace('|', "\\|").replace('\n', " "))
            .collect();
        md.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    md.push('\n');
    md
}

/// The result as a record of its own, as a change on `base`.
pub fn record(base: &dyn Source, report: &Report, actor: &str) -> anyhow::Result<Changeset> {
    let failed: Vec<Value> = report
        .failed()
        .take(RECORDED_FAILURES)
        .map(|c| {
            json!({
                "check": c.check,
                "object": c.object,
                "detail": c.detail,
                "runbook": c.runbook,
            })
        })
        .collect();
    let (id, record) = records::identify(
        HEALTH,
        json!({
        "env": report.env,
        "healthy": report.healthy,
        "result": report.result,
        "tier": report.tier,
        "reason": report.reason,
        "checks": report.checks.len(),
        "failed": failed,
        "context": report.context,
        "server": report.server,
        "attempts": report.attempts,
        "actor": actor,
        "time": report.time,
        }),
    );
    let stamp: String = report
        .time
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    let mut cs = Changeset::new(
        "health",
        &format!("{}-{stamp}", report.env),
        "health:record",
    );
    cs.scope = Some(report.env.clone());
    let verdict = serde_json::to_value(report.result)?;
    let verdict = verdict.as_str().unwrap_or("unknown");
    cs.title = format!(
        "Record the health of `{}`: {verdict} ({})",
        report.env,
        tiers(report.tier)
    );
    cs.body = format!("{}\n", headline(report));
    records::write(&mut cs, base, HEALTH, &record)?;
    for (k, v) in [
        ("Idp-Environment", report.env.clone()),
        ("Idp-Health", verdict.to_string()),
        ("Idp-Record", id),
    ] {
        cs.trailers.push((k.into(), v));
    }
    Ok(cs)
}
