//! Workflow records kept in git as JSON lines under `.idp/records/`: promotions (and image
//! write-backs and rollbacks) today; runs of the pipeline later. A record is appended by a
//! change like any other file, so its history is the repo's history.

use serde_json::Value;

use crate::platform::Source;

/// Promotions, image write-backs (`image-set`) and rollbacks, one JSON object per line.
pub const PROMOTIONS: &str = ".idp/records/promotions.jsonl";

/// Every record of `file`, oldest first; a line that is not JSON is skipped with a warning.
pub fn load(source: &dyn Source, file: &str) -> anyhow::Result<Vec<Value>> {
    let Some(text) = source.read(file)? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(v) => out.push(v),
            Err(e) => tracing::warn!("{file}:{}: not a JSON record: {e}", n + 1),
        }
    }
    Ok(out)
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
