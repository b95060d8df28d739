//! Workflow records kept in git under `.idp/records/`, one JSON file per event: promotions (and
//! image write-backs and rollbacks), pipeline runs ([`pipeline`]: plan, apply, teardown, promote,
//! with the teardown stage log), health checks and Known limitations. A record is written by a
//! change like any other file, so its history is the repo's history; [`store`] says on which
//! branch, [`terraform`] reads resource counts out of Terraform's output for records of steps
//! idp did not run.
//!
//! **Layout.** A record of a [`Kind`] lives at
//! `.idp/records/<kind>/<group…>/<yyyy>/<mm>/<dd>/<id>.json`, where the group is what readers
//! ask about (`promotions/<app>/<env>/`, `pipeline/<env>/`, …) and the date is the record's.
//! Two changes about different apps or runs never write the same path, and a change rewrites
//! a handful of small trees (its day's folder and the folders above it), whatever the history.
//!
//! **Ids** are `<prefix>-<yyyymmddThhmmss.mmmZ>-<6 hex>`: the record's time and a short hash
//! of its content, unique without coordination between clones, sorted by time, and the same when
//! a change is made again on a newer base. Older records keep their `P-0001`-style ids.
//!
//! **Legacy.** Records used to be JSON lines appended to `.idp/records/<kind>.jsonl`. Readers
//! read what is left of those files first, then the layout; [`migrate`] moves a file's records
//! into the layout and deletes it (`idp records migrate`, or the first write of that kind).

pub mod pipeline;
pub mod terraform;

use std::collections::{BTreeMap, HashSet};

use serde_json::Value;

use crate::change::Changeset;
use crate::error::Finding;
use crate::infra::source::Source;

/// Where every record lives.
pub const ROOT: &str = ".idp/records";

/// A kind of record, and where its files live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    /// The folder under `.idp/records/` (and the legacy file's name, `<name>.jsonl`).
    pub name: &'static str,
    /// Id prefix: `P` for `P-20261206T013512.483Z-3f9a1c`.
    pub prefix: &'static str,
    /// Fields whose values name the folders a record is filed under, outermost first.
    pub group: &'static [&'static str],
    /// The field holding the record's time (RFC 3339, UTC).
    pub time_field: &'static str,
    /// A later record with the same id replaces the earlier one (a pipeline run is amended:
    /// resumed, or given a note); otherwise every record is its own event.
    pub amended: bool,
}

/// Promotions, image write-backs (`image-set`) and rollbacks, by app and target environment.
pub const PROMOTIONS: Kind = Kind {
    name: "promotions",
    prefix: "P",
    group: &["app", "to"],
    time_field: "time",
    amended: false,
};

/// Pipeline runs (plan, apply, teardown, promote, …), by environment.
pub const PIPELINE: Kind = Kind {
    name: "pipeline",
    prefix: "R",
    group: &["env"],
    time_field: "start",
    amended: true,
};

/// Recorded health checks, by environment.
pub const HEALTH: Kind = Kind {
    name: "health",
    prefix: "H",
    group: &["env"],
    time_field: "time",
    amended: false,
};

/// Known limitations (a missed teardown SLO), by environment.
pub const KNOWN_LIMITATIONS: Kind = Kind {
    name: "known-limitations",
    prefix: "KL",
    group: &["env"],
    time_field: "time",
    amended: false,
};

/// Runs of `idp drift --record`, by environment.
pub const DRIFT: Kind = Kind {
    name: "drift",
    prefix: "D",
    group: &["env"],
    time_field: "time",
    amended: false,
};

/// Every kind, in the order `idp records migrate` moves them.
pub const KINDS: [Kind; 5] = [PROMOTIONS, PIPELINE, HEALTH, KNOWN_LIMITATIONS, DRIFT];

/// Where the lines of a legacy file that are not JSON objects go when it is migrated: kept
/// verbatim, and reported by `idp validate` until someone fixes or deletes them.
pub fn unreadable_file(kind: Kind) -> String {
    format!("{ROOT}/unreadable/{}.jsonl", kind.name)
}

impl Kind {
    /// `.idp/records/promotions`.
    pub fn dir(&self) -> String {
        format!("{ROOT}/{}", self.name)
    }

    /// `.idp/records/promotions.jsonl`, the file records were appended to before.
    pub fn legacy(&self) -> String {
        format!("{ROOT}/{}.jsonl", self.name)
    }

    /// The folder of a group (`["payments", "dev"]`), or of a prefix of one (`["payments"]`).
    pub fn group_dir(&self, group: &[&str]) -> String {
        let mut dir = self.dir();
        for g in group {
            dir.push('/');
            dir.push_str(&segment(Some(g)));
        }
        dir
    }

    /// The values of the record's group fields, as folder names.
    fn group_of(&self, record: &Value) -> Vec<String> {
        self.group
            .iter()
            .map(|f| segment(record.get(*f).and_then(Value::as_str)))
            .collect()
    }

    /// Whether `record` belongs to `group` (a prefix of the group fields' values).
    fn in_group(&self, record: &Value, group: &[&str]) -> bool {
        self.group
            .iter()
            .zip(group)
            .all(|(f, g)| record.get(*f).and_then(Value::as_str) == Some(*g))
    }

    /// Where `record` is filed: its group, its day (from its id, else its time) and its id.
    pub fn path(&self, record: &Value) -> String {
        let id = record.get("id").and_then(Value::as_str).unwrap_or_default();
        let day = day_of_id(id)
            .or_else(|| day_of_time(record.get(self.time_field).and_then(Value::as_str)))
            .unwrap_or_else(|| NO_DAY.to_string());
        self.file_in(&self.group_of(record), &day, &stem(id, 0))
    }

    fn file_in(&self, group: &[String], day: &str, stem: &str) -> String {
        let mut path = self.dir();
        for g in group {
            path.push('/');
            path.push_str(g);
        }
        format!("{path}/{day}/{stem}.json")
    }

    /// A new id for `record`: its time and a hash of everything else in it.
    pub fn new_id(&self, record: &Value) -> String {
        let mut identity = record.clone();
        let time = identity
            .get(self.time_field)
            .and_then(Value::as_str)
            .map(str::to_string);
        if let Some(o) = identity.as_object_mut() {
            o.remove("id");
            o.remove(self.time_field);
        }
        new_id(self.prefix, time.as_deref(), &identity)
    }
}

/// `record` with its new id as the first field, and the id.
pub fn identify(kind: Kind, record: Value) -> (String, Value) {
    let id = kind.new_id(&record);
    let mut out = serde_json::Map::new();
    out.insert("id".into(), Value::String(id.clone()));
    if let Value::Object(fields) = record {
        out.extend(fields.into_iter().filter(|(k, _)| k != "id"));
    }
    (id, Value::Object(out))
}

/// The day folder of a record whose time is unknown (hand-written legacy lines).
const NO_DAY: &str = "0000/00/00";

/// `<prefix>-<yyyymmddThhmmss.mmmZ>-<6 hex>`: `time` (RFC 3339; now when missing or not a
/// time) and the first hex digits of the SHA-1 of `identity` as JSON, so the same event made
/// again (a change re-produced on a newer base) gets the same id. The milliseconds come from
/// this process's clock, read once (so they too stay the same when the change is made again):
/// its milliseconds when it reads `time`'s second, `999` when it reads a later one, `000` for
/// a time still to come. Two commands run one after the other in the same second so still name
/// their records in the order they were made.
pub fn new_id(prefix: &str, time: Option<&str>, identity: &Value) -> String {
    let secs = time
        .and_then(crate::infra::clock::unix_from_rfc3339)
        .unwrap_or_else(crate::infra::clock::unix_now);
    let now = process_millis();
    let millis = match now.div_euclid(1000).cmp(&secs) {
        std::cmp::Ordering::Equal => now.rem_euclid(1000),
        std::cmp::Ordering::Greater => 999, // made in that second, named later
        std::cmp::Ordering::Less => 0,
    };
    let stamp: String = crate::infra::clock::rfc3339(secs)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let stamp = format!("{}.{millis:03}Z", stamp.trim_end_matches('Z'));
    format!(
        "{prefix}-{stamp}-{}",
        digest_hex(identity.to_string().as_bytes(), 6)
    )
}

/// This process's clock in milliseconds, read once.
fn process_millis() -> i64 {
    static NOW: std::sync::OnceLock<i64> = std::sync::OnceLock::new();
    *NOW.get_or_init(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0)
    })
}

/// The `yyyymmddThhmmss.mmmZ` (or `yyyymmddThhmmssZ`) of a new-style id.
fn stamp_of(id: &str) -> Option<&str> {
    let (_, rest) = id.split_once('-')?;
    let b = rest.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if !(digits(0..8) && b.get(8) == Some(&b'T') && digits(9..15)) {
        return None;
    }
    let len = match b.get(15) {
        Some(b'Z') => 16,
        Some(b'.') if digits(16..19) && b.get(19) == Some(&b'Z') => 20,
        _ => return None,
    };
    (b.get(len) == Some(&b'-')).then(|| &rest[..len])
}

/// `yyyy/mm/dd` of a new-style id.
fn day_of_id(id: &str) -> Option<String> {
    let s = stamp_of(id)?;
    Some(format!("{}/{}/{}", &s[..4], &s[4..6], &s[6..8]))
}

/// `yyyy/mm/dd` of an RFC 3339 time (or date).
fn day_of_time(time: Option<&str>) -> Option<String> {
    let days = crate::infra::clock::days_from_date(time?)?;
    Some(crate::infra::clock::date_from_days(days).replace('-', "/"))
}

/// A value as a folder name: itself when it is a plain name, else `_`.
fn segment(value: Option<&str>) -> String {
    match value {
        Some(v)
            if !v.is_empty()
                && v.len() <= 100
                && !v.starts_with(['.', '_'])
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')) =>
        {
            v.to_string()
        }
        _ => "_".to_string(),
    }
}

/// The file name (without `.json`) of a record with `id`; the `n`th duplicate gets `~n`.
fn stem(id: &str, n: usize) -> String {
    let base = if !id.is_empty() && segment(Some(id)) == id {
        id.to_string()
    } else {
        format!("_{}", hex_of(id))
    };
    if n == 0 { base } else { format!("{base}~{n}") }
}

fn hex_of(text: &str) -> String {
    digest_hex(text.as_bytes(), 12)
}

/// The first `len` hex digits of the SHA-1 git gives `bytes` as a blob (libgit2's, so no
/// second SHA-1 implementation is linked).
fn digest_hex(bytes: &[u8], len: usize) -> String {
    let id = git2::Oid::hash_object(git2::ObjectType::Blob, bytes)
        .map(|o| o.to_string())
        .unwrap_or_default();
    id.get(..len).unwrap_or(&id).to_string()
}

/// Where a file name sorts within a day (see [`name_key`]).
type NameKey = (u8, u64, String, u64);

/// How record files sort within a day: legacy numbered ids (`P-0009` < `P-0010`) before
/// new-style ids, which sort by their time.
fn name_key(name: &str) -> NameKey {
    let stem = name.strip_suffix(".json").unwrap_or(name);
    let (base, dup) = match stem.rsplit_once('~') {
        Some((b, d)) => (b, d.parse::<u64>().unwrap_or(0)),
        None => (stem, 0),
    };
    if stamp_of(base).is_some() {
        let rest = base.split_once('-').map_or(base, |(_, r)| r);
        return (1, 0, rest.to_string(), dup);
    }
    match base
        .rsplit_once('-')
        .and_then(|(_, n)| n.parse::<u64>().ok())
    {
        Some(n) => (0, n, String::new(), dup),
        None => (0, u64::MAX, base.to_string(), dup),
    }
}

/// One record and where it was read: a record file (line 1), or a line of a legacy file.
#[derive(Debug, Clone)]
pub struct Record {
    pub file: String,
    pub line: usize,
    pub value: Value,
}

impl Record {
    /// The record's `id` (empty when it has none).
    pub fn id(&self) -> &str {
        self.value
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
    }
}

/// Records read, oldest first, and a finding (file:line) for each file or line that is not a
/// JSON object: the others still count.
#[derive(Debug, Default)]
pub struct Loaded {
    pub records: Vec<Record>,
    pub findings: Vec<Finding>,
}

impl Loaded {
    /// The values, with a warning logged for each finding.
    pub fn values(self) -> Vec<Value> {
        for f in &self.findings {
            tracing::warn!("{}", f.display());
        }
        self.records.into_iter().map(|r| r.value).collect()
    }
}

/// Every record of `kind` in `group` (a prefix of the kind's group: `[]` for all, `[app]`,
/// `[app, env]`), oldest first: what is left in the legacy file, then the record files in time
/// order. Only that group's folder is read.
pub fn read(source: &dyn Source, kind: Kind, group: &[&str]) -> anyhow::Result<Loaded> {
    let mut files: Vec<(String, (String, NameKey))> = Vec::new();
    let dir = kind.group_dir(group);
    let depth = kind.group.len().saturating_sub(group.len());
    for f in source.files(&dir)? {
        let Some(rest) = f.strip_prefix(&format!("{dir}/")) else {
            continue;
        };
        if !rest.ends_with(".json") {
            continue;
        }
        // Order by day, then by name within the day, across the groups below `group`.
        let parts: Vec<&str> = rest.split('/').collect();
        let name = parts.last().copied().unwrap_or_default();
        let day = parts
            .get(depth..parts.len().saturating_sub(1))
            .map(|d| d.join("/"))
            .unwrap_or_default();
        files.push((f.clone(), (day, name_key(name))));
    }
    files.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));

    let mut out = Loaded::default();
    let mut seen: HashSet<String> = HashSet::new();
    let mut from_files = Vec::new();
    // A value that is no plain name shares the `_` folder: keep only its own records there.
    let shared = group.iter().any(|g| segment(Some(g)) != *g);
    for (file, _) in files {
        let Some(text) = source.read(&file)? else {
            continue;
        };
        match parse_file(&file, &text) {
            Ok(value) if shared && !kind.in_group(&value, group) => {}
            Ok(value) => {
                let r = Record {
                    file,
                    line: 1,
                    value,
                };
                seen.insert(r.id().to_string());
                from_files.push(r);
            }
            Err(f) => out.findings.push(f),
        }
    }
    let (legacy, findings) = load_legacy(source, kind)?;
    out.findings.splice(0..0, findings);
    out.records = legacy
        .into_iter()
        .filter(|r| kind.in_group(&r.value, group))
        .filter(|r| r.id().is_empty() || !seen.contains(r.id()))
        .chain(from_files)
        .collect();
    Ok(out)
}

/// The newest record of `kind` in one whole `group` (`[app, env]`) that `pred` accepts, reading
/// record files newest first and stopping there: a producer that needs "the last record of
/// app X in env Y" pays for the records it looks at, not for the history. The legacy file, if
/// any, is read after the files (its records are older).
pub fn newest(
    source: &dyn Source,
    kind: Kind,
    group: &[&str],
    mut pred: impl FnMut(&Value) -> bool,
) -> anyhow::Result<Option<Value>> {
    if group.len() != kind.group.len() {
        return Ok(read(source, kind, group)?
            .values()
            .into_iter()
            .rev()
            .find(|v| pred(v)));
    }
    // Levels: the group's folder, years, months, days, files. Newest first, depth first.
    let mut stack: Vec<(String, usize)> = vec![(kind.group_dir(group), 0)];
    let mut seen: HashSet<String> = HashSet::new();
    while let Some((path, level)) = stack.pop() {
        if level == 4 {
            if !path.ends_with(".json") {
                continue;
            }
            let Some(text) = source.read(&path)? else {
                continue;
            };
            match parse_file(&path, &text) {
                Ok(v) => {
                    if pred(&v) {
                        return Ok(Some(v));
                    }
                    if let Some(id) = v.get("id").and_then(Value::as_str) {
                        seen.insert(id.to_string());
                    }
                }
                Err(f) => tracing::warn!("{}", f.display()),
            }
            continue;
        }
        let mut names = source.entries(&path)?;
        if level == 3 {
            names.sort_by_key(|n| name_key(n));
        }
        for n in names {
            stack.push((format!("{path}/{n}"), level + 1));
        }
    }
    let (legacy, findings) = load_legacy(source, kind)?;
    for f in findings {
        tracing::warn!("{}", f.display());
    }
    Ok(legacy
        .into_iter()
        .rev()
        .filter(|r| kind.in_group(&r.value, group))
        .filter(|r| r.id().is_empty() || !seen.contains(r.id()))
        .map(|r| r.value)
        .find(|v| pred(v)))
}

/// A record that `pred` accepts in any whole group under `prefix` (one level short of a whole
/// group: `[app]` for promotions), looked for group by group with [`newest`], newest first in
/// each: for "the image-set of this digest", wherever it was made.
pub fn find_in_any(
    source: &dyn Source,
    kind: Kind,
    prefix: &[&str],
    mut pred: impl FnMut(&Value) -> bool,
) -> anyhow::Result<Option<Value>> {
    if prefix.len() + 1 != kind.group.len() {
        return newest(source, kind, prefix, pred);
    }
    let mut names = source.entries(&kind.group_dir(prefix))?;
    let field = kind.group[prefix.len()];
    let (legacy, _) = load_legacy(source, kind)?;
    for r in legacy.iter().filter(|r| kind.in_group(&r.value, prefix)) {
        if let Some(v) = r.value.get(field).and_then(Value::as_str)
            && !names.iter().any(|n| n == v)
        {
            names.push(v.to_string());
        }
    }
    for name in names {
        let mut group: Vec<&str> = prefix.to_vec();
        group.push(&name);
        if let Some(v) = newest(source, kind, &group, &mut pred)? {
            return Ok(Some(v));
        }
    }
    Ok(None)
}

/// A record file's JSON object, or a finding (file:line:column) saying why it is not one.
fn parse_file(file: &str, text: &str) -> Result<Value, Finding> {
    match serde_json::from_str::<Value>(text) {
        Ok(v) if v.is_object() => Ok(v),
        Ok(_) => Err(Finding::error(file, 1, 1)
            .rule("records/json")
            .message("a record must be a JSON object; this file is not counted")),
        Err(e) => Err(Finding::error(file, e.line().max(1), e.column().max(1))
            .rule("records/json")
            .message(format!("not a JSON record ({e}); this file is not counted"))),
    }
}

/// The records left in `kind`'s legacy file, in file order (for an amended kind, each id once,
/// at its first line, in the state of its last line), and a finding for each bad line.
fn load_legacy(source: &dyn Source, kind: Kind) -> anyhow::Result<(Vec<Record>, Vec<Finding>)> {
    let file = kind.legacy();
    let (lines, findings) = load_lines(source, &file)?;
    let mut out: Vec<Record> = Vec::new();
    let mut at: BTreeMap<String, usize> = BTreeMap::new();
    for (line, value) in lines {
        let r = Record {
            file: file.clone(),
            line,
            value,
        };
        if kind.amended && !r.id().is_empty() {
            if let Some(&i) = at.get(r.id()) {
                out[i] = r;
                continue;
            }
            at.insert(r.id().to_string(), out.len());
        }
        out.push(r);
    }
    Ok((out, findings))
}

/// A record and its line number.
pub type Numbered = (usize, Value);

/// Every record of a JSON-lines `file` with its line number, oldest first, and a finding
/// (file:line) for each line that is not a JSON object: the other lines still count.
pub fn load_lines(
    source: &dyn Source,
    file: &str,
) -> anyhow::Result<(Vec<Numbered>, Vec<Finding>)> {
    let Some(text) = source.read(file)? else {
        return Ok((Vec::new(), Vec::new()));
    };
    let (out, bad) = split_lines(file, &text);
    Ok((out, bad.into_iter().map(|(_, _, f)| f).collect()))
}

/// The JSON-object lines of `text`, and the other non-empty lines (number, text, finding).
fn split_lines(file: &str, text: &str) -> (Vec<Numbered>, Vec<(usize, String, Finding)>) {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(v) if v.is_object() => out.push((n + 1, v)),
            Ok(_) => bad.push((
                n + 1,
                line.to_string(),
                Finding::error(file, n + 1, 1)
                    .rule("records/json")
                    .message("a record must be a JSON object; this line is not counted"),
            )),
            Err(e) => bad.push((
                n + 1,
                line.to_string(),
                Finding::error(file, n + 1, e.column().max(1))
                    .rule("records/json")
                    .message(format!("not a JSON record ({e}); this line is not counted")),
            )),
        }
    }
    (out, bad)
}

/// The findings of one file under `.idp/records/` (for `idp validate` and every change): a
/// record file that is not a JSON object is an error; a line of a JSON-lines file (a legacy
/// file, or the unreadable lines a migration kept) that is not one is a warning, as commands
/// that read it skip it. `None` for other files.
pub fn lint(file: &str, text: &str) -> Option<Vec<Finding>> {
    if !file.starts_with(&format!("{ROOT}/")) {
        return None;
    }
    if file.ends_with(".jsonl") {
        return Some(
            split_lines(file, text)
                .1
                .into_iter()
                .map(|(_, _, mut f)| {
                    f.severity = crate::error::Severity::Warning;
                    f
                })
                .collect(),
        );
    }
    if file.ends_with(".json") {
        return Some(parse_file(file, text).err().into_iter().collect());
    }
    None
}

/// The text of a record file: pretty JSON, so findings and diffs point at a line.
fn text_of(record: &Value) -> anyhow::Result<String> {
    let mut text = serde_json::to_string_pretty(record)?;
    text.push('\n');
    Ok(text)
}

/// Add `record` (with its `id`) to `cs` as its own file, and return the file's path. When
/// `kind`'s legacy file is still in `base`, its records move into the layout in the same change.
pub fn write(
    cs: &mut Changeset,
    base: &dyn Source,
    kind: Kind,
    record: &Value,
) -> anyhow::Result<String> {
    migrate(cs, base, kind)?;
    let path = kind.path(record);
    cs.write(path.clone(), text_of(record)?);
    Ok(path)
}

/// What [`migrate`] moved.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Migrated {
    pub kind: &'static str,
    pub file: String,
    pub records: usize,
    /// Lines that are not JSON objects, kept in [`unreadable_file`].
    pub unreadable: usize,
}

/// Move every record of `kind`'s legacy file in `base` into the layout and delete the file, as
/// part of `cs`. The result depends on the file only, so two changes that both migrate it
/// write the same files and still merge. `None` when there is no legacy file.
pub fn migrate(
    cs: &mut Changeset,
    base: &dyn Source,
    kind: Kind,
) -> anyhow::Result<Option<Migrated>> {
    let file = kind.legacy();
    let Some(text) = base.read(&file)? else {
        return Ok(None);
    };
    if cs.files.get(&file) == Some(&None) {
        return Ok(None); // already moved by this change
    }
    let (lines, bad) = split_lines(&file, &text);
    let mut records: Vec<Value> = Vec::new();
    let mut at: BTreeMap<String, usize> = BTreeMap::new();
    for (_, value) in lines {
        let id = value
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        if kind.amended && !id.is_empty() {
            if let Some(&i) = at.get(&id) {
                records[i] = value;
                continue;
            }
            at.insert(id, records.len());
        }
        records.push(value);
    }
    let mut day = NO_DAY.to_string();
    let mut taken: HashSet<String> = HashSet::new();
    let mut unnamed = 0usize;
    for value in &records {
        let id = value.get("id").and_then(Value::as_str).unwrap_or_default();
        // A line without a time is filed on the day of the line before it.
        if let Some(d) = day_of_id(id)
            .or_else(|| day_of_time(value.get(kind.time_field).and_then(Value::as_str)))
        {
            day = d;
        }
        let group = kind.group_of(value);
        let base_stem = if id.is_empty() {
            unnamed += 1;
            format!("{}-line-{unnamed}", kind.prefix)
        } else {
            stem(id, 0)
        };
        let mut n = 0;
        let path = loop {
            let s = if n == 0 {
                base_stem.clone()
            } else {
                format!("{base_stem}~{n}")
            };
            let p = kind.file_in(&group, &day, &s);
            if taken.insert(p.clone()) {
                break p;
            }
            n += 1;
        };
        cs.write(path, text_of(value)?);
    }
    if !bad.is_empty() {
        let keep = unreadable_file(kind);
        let mut kept = base.read(&keep)?.unwrap_or_default();
        if !kept.is_empty() && !kept.ends_with('\n') {
            kept.push('\n');
        }
        for (_, line, _) in &bad {
            kept.push_str(line);
            kept.push('\n');
        }
        cs.write(keep, kept);
    }
    cs.files.insert(file.clone(), None);
    Ok(Some(Migrated {
        kind: kind.name,
        file,
        records: records.len(),
        unreadable: bad.len(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ids_carry_the_time_and_are_stable() {
        // A past second: named after it, with `999` (made then, named later).
        let r = json!({"app": "payments", "to": "dev", "time": "2020-01-02T03:04:05Z"});
        let id = PROMOTIONS.new_id(&r);
        assert!(id.starts_with("P-20200102T030405.999Z-"), "{id}");
        assert_eq!(id.len(), "P-20200102T030405.999Z-".len() + 6);
        assert_eq!(id, PROMOTIONS.new_id(&r));
        let other = json!({"app": "ledger", "to": "dev", "time": "2020-01-02T03:04:05Z"});
        assert_ne!(id, PROMOTIONS.new_id(&other));
        let mut with_id = r.clone();
        with_id["id"] = json!(id);
        assert_eq!(
            PROMOTIONS.path(&with_id),
            format!(".idp/records/promotions/payments/dev/2020/01/02/{id}.json")
        );
        let (same, first) = identify(PROMOTIONS, r);
        assert_eq!(same, id);
        assert_eq!(first.as_object().unwrap().keys().next().unwrap(), "id");
    }

    #[test]
    fn legacy_and_new_ids_sort_in_time_order() {
        let mut names = vec![
            "P-20261206T013512.483Z-3f9a1c.json",
            "P-0010.json",
            "P-20261206T013512.009Z-ffffff.json",
            "P-0009.json",
            "P-0009~1.json",
        ];
        names.sort_by_key(|n| name_key(n));
        assert_eq!(
            names,
            vec![
                "P-0009.json",
                "P-0009~1.json",
                "P-0010.json",
                "P-20261206T013512.009Z-ffffff.json",
                "P-20261206T013512.483Z-3f9a1c.json",
            ]
        );
    }

    #[test]
    fn odd_values_never_leave_their_folder() {
        assert_eq!(segment(Some("../etc")), "_");
        assert_eq!(segment(Some("a/b")), "_");
        assert_eq!(segment(None), "_");
        assert_eq!(segment(Some("payments")), "payments");
        assert!(stem("../x", 0).starts_with('_'));
    }
}
