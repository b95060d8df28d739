//! Workflow records kept in git as JSON lines under `.idp/records/`: promotions (and image
//! write-backs and rollbacks) and pipeline runs ([`pipeline`]: plan, apply, teardown, promote,
//! with the teardown stage log). A record is appended by a change like any other file, so its
//! history is the repo's history; [`store`] says on which branch, [`terraform`] reads resource
//! counts out of Terraform's output for records of steps idp did not run.

pub mod pipeline;
pub mod store;
pub mod terraform;

use serde_json::Value;

use crate::error::Finding;
use crate::platform::Source;

/// Promotions, image write-backs (`image-set`) and rollbacks, one JSON object per line.
pub const PROMOTIONS: &str = ".idp/records/promotions.jsonl";

/// Every record of `file`, oldest first; a line that is not JSON is skipped with a warning.
pub fn load(source: &dyn Source, file: &str) -> anyhow::Result<Vec<Value>> {
    let (records, findings) = load_lines(source, file)?;
    for f in findings {
        tracing::warn!("{}", f.display());
    }
    Ok(records.into_iter().map(|(_, v)| v).collect())
}

/// A record and its line number.
pub type Numbered = (usize, Value);

/// Every record of `file` with its line number, oldest first, and a finding (file:line) for
/// each line that is not a JSON object: the other lines still count.
pub fn load_lines(
    source: &dyn Source,
    file: &str,
) -> anyhow::Result<(Vec<Numbered>, Vec<Finding>)> {
    let Some(text) = source.read(file)? else {
        return Ok((Vec::new(), Vec::new()));
    };
    let mut out = Vec::new();
    let mut findings = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(v) if v.is_object() => out.push((n + 1, v)),
            Ok(_) => findings.push(
                Finding::error(file, n + 1, 1)
                    .rule("records/json")
                    .message("a record must be a JSON object; this line is not counted"),
            ),
            Err(e) => findings.push(
                Finding::error(file, n + 1, e.column().max(1))
                    .rule("records/json")
                    .message(format!("not a JSON record ({e}); this line is not counted")),
            ),
        }
    }
    Ok((out, findings))
}

/// The text of `file` with `record` appended as one line.
pub fn append(source: &dyn Source, file: &str, record: &Value) -> anyhow::Result<String> {
    let mut text = source.read(file)?.unwrap_or_default();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&serde_json::to_string(record)?);
    text.push('\n');
    Ok(text)
}

/// The next id of the form `<prefix>-NNNN` among `records`.
pub fn next_id(records: &[Value], prefix: &str) -> String {
    let n = records
        .iter()
        .filter_map(|r| r.get("id").and_then(Value::as_str))
        .filter_map(|id| {
            id.strip_prefix(prefix)?
                .strip_prefix('-')?
                .parse::<u32>()
                .ok()
        })
        .max()
        .unwrap_or(0);
    format!("{prefix}-{:04}", n + 1)
}
