//! Moving a policy set written before ADR-0042 to the inventory, as text edits.
//!
//! Before ADR-0042 `input.requests` held every request, and a rule that related a request to
//! others iterated it a second time (`some o in input.requests` with `o.kind == "ec2"`). Now
//! such a lookup reads `input.inventory.<kind>`. [`plan`] reads each policy's text, finds the
//! lookups and the kind each one reads, and rewrites only the span naming what is iterated:
//! comments, formatting and every rule that judges only the requests under review stay as
//! they are.
//!
//! What it reads, per file (no Rego parser: the text between top-level statements):
//! - a statement is a line starting at column 0 outside any bracket, up to the next one;
//! - an iteration is `some [k,] V in SRC`, `V := SRC[_]` or `SRC[_]`, where `SRC` is
//!   `input.requests` or a *helper*: `H contains V if { some V in SRC … }`, a subset of the
//!   requests (its kind from `V.kind == "k"`), of the file or of another package by its full
//!   name (`data.idp.requests_eks.eks`);
//! - a function that iterates requests looks them up (the request under review is an
//!   argument); a rule that iterates two or more judges the one whose `.file` it reports (or
//!   the first) and looks the others up;
//! - a lookup's kind is its helper's or its variable's `V.kind == "k"`.
//!
//! Anything else that reads `input.requests` (a lookup whose kind is not written, a helper
//! read whole, a rule deriving something from the requests that other rules read) is not
//! guessed at: it is reported with its line and what to change by hand.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;

/// Where ADR-0042 and the policy input are described, for messages.
pub const SEE: &str =
    "see ADR-0042 and the table of a policy's input in the README, `idp provision`";

/// A lookup the migration rewrote.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Moved {
    pub line: usize,
    /// What was iterated (`input.requests`, or a helper's name).
    pub from: String,
    /// What is now (`input.inventory.ec2`).
    pub to: String,
}

/// A lookup of other requests the migration cannot rewrite.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Manual {
    pub line: usize,
    pub column: usize,
    /// What to change by hand.
    pub message: String,
}

/// What the migration does to one policy file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilePlan {
    /// The new text, when a lookup moved and none is left to do by hand.
    pub text: Option<String>,
    pub moved: Vec<Moved>,
    pub manual: Vec<Manual>,
    /// Tests that give the policies `input.requests`: they may need the inventory too.
    pub notes: Vec<Manual>,
}

/// The rules idp reads; no other rule reads them.
const OUTPUTS: [&str; 3] = ["deny", "warn", "approvals"];

const IDENT: &str = r"[A-Za-z_][A-Za-z0-9_]*";

static SOME_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\bsome\s+(?:({IDENT})\s*,\s*)?({IDENT})\s+in\s+$"
    ))
    .expect("pattern")
});
static ASSIGN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\b({IDENT})\s*:?=\s*$")).expect("pattern"));
static INDEX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^\s*\[\s*({IDENT})\s*\]")).expect("pattern"));
static HELPER_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^({IDENT})\s+contains\s+({IDENT})\s+if\b|^({IDENT})\s*\[\s*({IDENT})\s*\]\s*(?:if\b|\{{)"
    ))
    .expect("pattern")
});
static HEAD_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^({IDENT})(\s*\()?")).expect("pattern"));
static REQUESTS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\binput\.requests\b").expect("pattern"));
static IDENTS: LazyLock<Regex> = LazyLock::new(|| Regex::new(IDENT).expect("pattern"));

/// The text with comments blanked (same length, newlines kept), and which bytes are inside a
/// string.
fn code_of(text: &str) -> (String, Vec<bool>) {
    let bytes = text.as_bytes();
    let mut code = bytes.to_vec();
    let mut in_str = vec![false; bytes.len()];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    code[i] = b' ';
                    i += 1;
                }
            }
            q @ (b'"' | b'`') => {
                i += 1;
                while i < bytes.len() && bytes[i] != q {
                    in_str[i] = true;
                    if q == b'"' && bytes[i] == b'\\' && i + 1 < bytes.len() {
                        in_str[i + 1] = true;
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    // Blanking replaced whole ASCII bytes of comments; a comment's multi-byte characters
    // became spaces byte by byte, so the result is still UTF-8.
    (String::from_utf8_lossy(&code).into_owned(), in_str)
}

/// The byte ranges of the top-level statements.
fn statements(code: &str, in_str: &[bool]) -> Vec<(usize, usize)> {
    let mut starts = Vec::new();
    let mut depth: i64 = 0;
    let mut line_start = true;
    for (i, b) in code.bytes().enumerate() {
        if line_start && depth == 0 && !in_str[i] && !b.is_ascii_whitespace() {
            starts.push(i);
        }
        line_start = b == b'\n';
        if in_str[i] {
            continue;
        }
        match b {
            b'{' | b'[' | b'(' => depth += 1,
            b'}' | b']' | b')' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (n, s) in starts.iter().enumerate() {
        out.push((*s, starts.get(n + 1).copied().unwrap_or(code.len())));
    }
    out
}

/// 1-based line and column of byte `at`.
fn position(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rfind('\n').map_or(at, |n| at - n - 1) + 1;
    (line, col)
}

/// A helper set: the requests of a kind (when its rule says one), or fewer.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Helper {
    kind: Option<String>,
    /// It has conditions other than the kind: `input.inventory.<kind>` would hold more.
    narrower: bool,
}

/// Does the helper rule `body` (head `head`, variable `var`, iterating `src`) say nothing but
/// its kind?
fn only_the_kind(body: &str, head: &str, var: &str, src: &str) -> bool {
    let (v, src) = (regex::escape(var), regex::escape(src));
    let Ok(parts) = Regex::new(&format!(
        r#"\bsome\s+(?:_\s*,\s*)?{v}\s+in\s+{src}|\b{v}\s*:?=\s*{src}\s*\[\s*_\s*\]|\b{v}\.kind\s*==?\s*"[^"]*"|"[^"]*"\s*==?\s*{v}\.kind\b|\bif\b"#
    )) else {
        return false;
    };
    let rest = body.strip_prefix(head).unwrap_or(body);
    parts
        .replace_all(rest, "")
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, '{' | '}' | ';'))
}

/// Where something that holds requests is named.
#[derive(Debug, Clone)]
struct Occurrence {
    start: usize,
    end: usize,
    /// `input.requests` or a helper's name.
    src: String,
    form: Form,
}

#[derive(Debug, Clone, PartialEq)]
enum Form {
    /// An iteration; its variable when it has one.
    Iter(Option<String>),
    /// Read some other way (whole, or a field of it).
    Other,
    /// Given by a test (`with input.requests as …`).
    Mock,
}

static MOCK_BEFORE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\bwith\s+$").expect("pattern"));
static MOCK_AFTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s+as\b").expect("pattern"));
static WITH_INPUT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bwith\s+input\s+as\b").expect("pattern"));

/// What names a source in statement `[s, e)`: `input.requests` and the helpers (not where a
/// helper's own head names it).
fn occurrences(
    code: &str,
    in_str: &[bool],
    (s, e): (usize, usize),
    helpers: &BTreeMap<String, Helper>,
) -> Vec<Occurrence> {
    let body = &code[s..e];
    let head_name = HEAD_NAME
        .captures(body)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str());
    let mut found: Vec<(usize, usize, String)> = REQUESTS
        .find_iter(body)
        .filter(|m| !body[m.end()..].starts_with(|c: char| c == '_' || c.is_alphanumeric()))
        .map(|m| (m.start(), m.end(), m.as_str().to_string()))
        .collect();
    for m in IDENTS.find_iter(body) {
        let preceded = body[..m.start()].ends_with(['.', '_'])
            || body[..m.start()].ends_with(char::is_alphanumeric);
        if preceded || !helpers.contains_key(m.as_str()) {
            continue;
        }
        if m.start() == 0 && head_name == Some(m.as_str()) {
            continue;
        }
        found.push((m.start(), m.end(), m.as_str().to_string()));
    }
    // Another package's helpers, by their full name (`data.idp.requests_eks.eks`).
    for name in helpers.keys().filter(|k| k.contains('.')) {
        for (a, _) in body.match_indices(name.as_str()) {
            let b = a + name.len();
            let ident = |c: char| c == '_' || c == '.' || c.is_alphanumeric();
            if body[..a].ends_with(ident) || body[b..].starts_with(ident) {
                continue;
            }
            found.push((a, b, name.clone()));
        }
    }
    found.retain(|(a, _, _)| !in_str[s + a]);
    found.sort();
    found
        .into_iter()
        .map(|(a, b, src)| {
            let before = &body[..a];
            let after = &body[b..];
            let continues = after.starts_with(['.', '[']);
            // A helper is a set, the inventory an array: a key or index bound to a variable
            // would be an element before and a number after.
            let keyed = |k: Option<regex::Match>| {
                src != "input.requests" && k.is_some_and(|k| k.as_str() != "_")
            };
            let form = if MOCK_BEFORE.is_match(before) && MOCK_AFTER.is_match(after) {
                Form::Mock
            } else if let Some(c) = SOME_IN.captures(before) {
                if continues || keyed(c.get(1)) {
                    Form::Other
                } else {
                    Form::Iter(c.get(2).map(|m| m.as_str().to_string()))
                }
            } else if let Some(ix) = INDEX.captures(after) {
                let end = ix.get(0).map_or(0, |m| m.end());
                let rest = &after[end..];
                if keyed(ix.get(1)) {
                    Form::Other
                } else {
                    match ASSIGN.captures(before) {
                        Some(c) if !rest.starts_with(['.', '[']) => {
                            Form::Iter(c.get(1).map(|m| m.as_str().to_string()))
                        }
                        _ => Form::Iter(None),
                    }
                }
            } else {
                Form::Other
            };
            Occurrence {
                start: s + a,
                end: s + b,
                src,
                form,
            }
        })
        .collect()
}

/// The kinds `var.kind == "k"` (or `"k" == var.kind`) names in `body`.
fn kind_filters(body: &str, var: &str) -> Vec<String> {
    let v = regex::escape(var);
    let Ok(re) = Regex::new(&format!(
        r#"\b{v}\.kind\s*==?\s*"([^"]*)"|"([^"]*)"\s*==?\s*{v}\.kind\b"#
    )) else {
        return Vec::new();
    };
    let mut kinds: Vec<String> = re
        .captures_iter(body)
        .filter_map(|c| c.get(1).or_else(|| c.get(2)))
        .map(|m| m.as_str().to_string())
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

/// `input.inventory.<kind>`, or `input.inventory["<kind>"]` when the kind is no identifier.
fn inventory_of(kind: &str) -> String {
    if IDENTS.find(kind).is_some_and(|m| m.as_str() == kind) {
        format!("input.inventory.{kind}")
    } else {
        format!("input.inventory[\"{kind}\"]")
    }
}

/// The migration of one policy file's text, read alone.
pub fn plan(text: &str) -> FilePlan {
    analyse(text, &BTreeMap::new(), &BTreeSet::new()).plan
}

/// The migration of every policy file of a set (`(path, text)`), in the same order: a file
/// may iterate another package's helper (`data.idp.requests_eks.eks`) or read a value another
/// package derives from the requests.
pub fn plan_set(files: &[(String, String)]) -> Vec<FilePlan> {
    let alone: Vec<Analysis> = files
        .iter()
        .map(|(_, text)| analyse(text, &BTreeMap::new(), &BTreeSet::new()))
        .collect();
    let mut qualified = BTreeMap::new();
    for a in &alone {
        if let Some(package) = &a.package {
            for (name, kind) in &a.helpers {
                qualified.insert(format!("data.{package}.{name}"), kind.clone());
            }
        }
    }
    let codes: Vec<String> = files.iter().map(|(_, text)| code_of(text).0).collect();
    files
        .iter()
        .zip(&alone)
        .enumerate()
        .map(|(n, ((_, text), a))| {
            let read_elsewhere: BTreeSet<String> = match &a.package {
                Some(package) => a
                    .derived
                    .iter()
                    .filter(|d| {
                        let full = format!("data.{package}.{d}");
                        codes.iter().enumerate().any(|(m, code)| {
                            m != n
                                && code.match_indices(&full).any(|(at, _)| {
                                    !code[at + full.len()..]
                                        .starts_with(|c: char| c == '_' || c.is_alphanumeric())
                                })
                        })
                    })
                    .cloned()
                    .collect(),
                None => BTreeSet::new(),
            };
            let mut plan = analyse(text, &qualified, &read_elsewhere).plan;
            // A helper or derived value imported under a short name is not followed.
            let (code, _) = code_of(text);
            for c in IMPORT.captures_iter(&code) {
                let Some(path) = c.get(1) else { continue };
                let imported = |full: &str| {
                    full == path.as_str() || full.starts_with(&format!("{}.", path.as_str()))
                };
                let derived_full = alone.iter().flat_map(|a| {
                    let p = a.package.clone().unwrap_or_default();
                    a.derived.iter().map(move |d| format!("data.{p}.{d}"))
                });
                let named: Vec<String> = qualified
                    .keys()
                    .cloned()
                    .chain(derived_full)
                    .filter(|f| imported(f))
                    .collect();
                if !named.is_empty() {
                    let (line, column) = position(text, path.start());
                    plan.manual.push(Manual {
                        line,
                        column,
                        message: format!(
                            "`{}` imports what the requests are iterated through ({}), which \
                             the migration does not follow: name it in full (`{}`) and run the \
                             migration again, or read `input.inventory.<kind>` by hand; {SEE}",
                            path.as_str(),
                            named.join(", "),
                            named[0]
                        ),
                    });
                    plan.manual.sort_by_key(|m| (m.line, m.column));
                    plan.text = None;
                }
            }
            plan
        })
        .collect()
}

static IMPORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^import\s+(data\.[A-Za-z_][A-Za-z0-9_.]*)").expect("pattern")
});

/// What one file says, for the set: its package, its helpers and the names of the values it
/// derives from the requests.
struct Analysis {
    plan: FilePlan,
    package: Option<String>,
    helpers: BTreeMap<String, Helper>,
    derived: Vec<String>,
}

static PACKAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^package\s+([A-Za-z_][A-Za-z0-9_.]*)").expect("pattern"));

/// [`plan`] with other packages' helpers (by full name) and the derived values other files
/// read.
fn analyse(
    text: &str,
    external: &BTreeMap<String, Helper>,
    read_elsewhere: &BTreeSet<String>,
) -> Analysis {
    let (code, in_str) = code_of(text);
    let stmts = statements(&code, &in_str);
    let package = PACKAGE
        .captures(&code)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_string());
    let mut derived = Vec::new();
    // Helpers (subsets of the requests, by the head's variable), their kinds, and the
    // statement that defines each; helpers of helpers too.
    let mut helpers: BTreeMap<String, Helper> = external.clone();
    let mut defines: BTreeMap<usize, (String, Helper)> = BTreeMap::new();
    for _ in 0..3 {
        defines.clear();
        for (n, &(s, e)) in stmts.iter().enumerate() {
            let body = &code[s..e];
            let Some(c) = HELPER_HEAD.captures(body) else {
                continue;
            };
            let (Some(name), Some(var)) = (c.get(1).or(c.get(3)), c.get(2).or(c.get(4))) else {
                continue;
            };
            if OUTPUTS.contains(&name.as_str()) {
                continue;
            }
            let occ = occurrences(&code, &in_str, (s, e), &helpers);
            let [only] = occ.as_slice() else {
                continue;
            };
            if only.form != Form::Iter(Some(var.as_str().to_string())) {
                continue;
            }
            let mut kinds = kind_filters(body, var.as_str());
            let parent = helpers.get(&only.src);
            if let Some(Helper { kind: Some(k), .. }) = parent {
                kinds.push(k.clone());
                kinds.sort();
                kinds.dedup();
            }
            let kind = match kinds.as_slice() {
                [k] => Some(k.clone()),
                _ => None,
            };
            let head = c.get(0).map_or("", |m| m.as_str());
            let narrower = parent.is_some_and(|p| p.narrower)
                || !only_the_kind(body, head, var.as_str(), &only.src);
            defines.insert(n, (name.as_str().to_string(), Helper { kind, narrower }));
        }
        // A helper defined more than once (incrementally) has a kind when all say the same.
        let mut merged: BTreeMap<String, Vec<Helper>> = BTreeMap::new();
        for (name, helper) in defines.values() {
            merged.entry(name.clone()).or_default().push(helper.clone());
        }
        helpers = external.clone();
        helpers.extend(merged.into_iter().map(|(name, mut all)| {
            all.dedup();
            let helper = match all.as_slice() {
                [h] => h.clone(),
                _ => Helper {
                    kind: None,
                    narrower: all.iter().any(|h| h.narrower),
                },
            };
            (name, helper)
        }));
    }
    let local: BTreeMap<String, Helper> = helpers
        .iter()
        .filter(|(k, _)| !external.contains_key(*k))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut out = FilePlan::default();
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let note = |out: &mut FilePlan, at: usize, what: &str| {
        let (line, column) = position(text, at);
        out.notes.push(Manual {
            line,
            column,
            message: format!(
                "this test gives the policies `{what}`: a rule it tests that now looks requests \
                 up in `input.inventory.<kind>` needs them there too \
                 (`with input.inventory.ec2 as [...]`); {SEE}"
            ),
        });
    };
    let manual = |out: &mut FilePlan, at: usize, message: String| {
        let (line, column) = position(text, at);
        out.manual.push(Manual {
            line,
            column,
            message: format!("{message}; {SEE}"),
        });
    };
    for (n, &(s, e)) in stmts.iter().enumerate() {
        if defines.contains_key(&n) {
            continue;
        }
        let body = &code[s..e];
        for w in WITH_INPUT.find_iter(body) {
            if text[s..e].contains("\"requests\"") && !in_str[s + w.start()] {
                note(&mut out, s + w.start(), "input");
            }
        }
        let occ = occurrences(&code, &in_str, (s, e), &helpers);
        if occ.is_empty() {
            continue;
        }
        let head = HEAD_NAME.captures(body);
        let name = head
            .as_ref()
            .and_then(|c| c.get(1))
            .map_or("", |m| m.as_str());
        let function = head.as_ref().is_some_and(|c| c.get(2).is_some());
        for o in occ.iter().filter(|o| o.form == Form::Mock) {
            note(&mut out, o.start, &o.src);
        }
        for o in occ.iter().filter(|o| o.form == Form::Other) {
            manual(
                &mut out,
                o.start,
                format!(
                    "`{}` is read here other than by iterating it; after the migration it holds \
                     only the requests a change touches: if this relates requests to others, \
                     read `input.inventory.<kind>` instead",
                    o.src
                ),
            );
        }
        let iters: Vec<&Occurrence> = occ
            .iter()
            .filter(|o| matches!(o.form, Form::Iter(_)))
            .collect();
        let lookups: Vec<&Occurrence> = if function {
            iters
        } else if iters.len() >= 2 {
            let reported = iters.iter().position(|o| match &o.form {
                Form::Iter(Some(v)) => {
                    Regex::new(&format!(r#""file"\s*:\s*{}\.file\b"#, regex::escape(v)))
                        .is_ok_and(|re| re.is_match(body))
                }
                _ => false,
            });
            let review = reported.unwrap_or(0);
            iters
                .into_iter()
                .enumerate()
                .filter(|(i, _)| *i != review)
                .map(|(_, o)| o)
                .collect()
        } else {
            // One request judged at a time; unless other rules read what it derives.
            if let Some(first) = iters.first()
                && !name.is_empty()
                && !OUTPUTS.contains(&name)
            {
                derived.push(name.to_string());
                let referenced = read_elsewhere.contains(name)
                    || stmts.iter().enumerate().any(|(m, &(s2, e2))| {
                        m != n
                            && IDENTS.find_iter(&code[s2..e2]).any(|id| {
                                id.as_str() == name
                                    && id.start() != 0
                                    && !code[s2..s2 + id.start()].ends_with('.')
                                    && !in_str[s2 + id.start()]
                            })
                    });
                if referenced {
                    manual(
                        &mut out,
                        first.start,
                        format!(
                            "`{name}` derives from `{}` and other rules read it: if they relate \
                             requests to each other, it must read `input.inventory.<kind>`; \
                             change it by hand",
                            first.src
                        ),
                    );
                }
            }
            Vec::new()
        };
        for o in lookups {
            let mut kinds = match &o.form {
                Form::Iter(Some(v)) => kind_filters(body, v),
                _ => Vec::new(),
            };
            let via_helper = helpers.get(&o.src);
            if let Some(Helper { kind: Some(k), .. }) = via_helper {
                kinds.push(k.clone());
                kinds.sort();
                kinds.dedup();
            }
            if let Some(h) = via_helper.filter(|h| h.narrower) {
                manual(
                    &mut out,
                    o.start,
                    format!(
                        "this looks other requests up in `{}`, whose rule has conditions other \
                         than the kind: read `{}` here with those conditions, by hand",
                        o.src,
                        h.kind
                            .as_deref()
                            .map_or("input.inventory.<kind>".to_string(), inventory_of)
                    ),
                );
                continue;
            }
            match kinds.as_slice() {
                [k] if crate::requests::kind(k).is_some() => {
                    let to = inventory_of(k);
                    out.moved.push(Moved {
                        line: position(text, o.start).0,
                        from: o.src.clone(),
                        to: to.clone(),
                    });
                    edits.push((o.start, o.end, to));
                }
                [k] => manual(
                    &mut out,
                    o.start,
                    format!(
                        "`{}` is filtered to kind `{k}`, which is no request kind",
                        o.src
                    ),
                ),
                [] => manual(
                    &mut out,
                    o.start,
                    format!(
                        "this looks other requests up in `{}` without saying their kind: read \
                         `input.inventory.<kind>` here (one lookup per kind it means), or say \
                         the kind (`{}.kind == \"ec2\"`) and run the migration again",
                        o.src,
                        match &o.form {
                            Form::Iter(Some(v)) => v.as_str(),
                            _ => "o",
                        }
                    ),
                ),
                many => manual(
                    &mut out,
                    o.start,
                    format!(
                        "this looks other requests up in `{}` of several kinds ({}): read \
                         `input.inventory.<kind>` for each, by hand",
                        o.src,
                        many.join(", ")
                    ),
                ),
            }
        }
    }
    out.manual.sort_by_key(|m| (m.line, m.column));
    if out.manual.is_empty() && !edits.is_empty() {
        edits.sort();
        let mut new = String::with_capacity(text.len() + 32 * edits.len());
        let mut at = 0;
        for (s, e, to) in edits {
            new.push_str(&text[at..s]);
            new.push_str(&to);
            at = e;
        }
        new.push_str(&text[at..]);
        out.text = Some(new);
    } else {
        out.text = None;
    }
    Analysis {
        plan: out,
        package,
        helpers: local,
        derived,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMPUTE: &str = r#"package idp.requests_compute

import rego.v1

approvals contains {"label": "x", "reason": "EC2", "file": r.file} if {
	some r in input.requests
	r.kind == "ec2"
}

# A volume names an EC2 request of its environment (input.requests, in a comment).
deny contains v if {
	some r in input.requests
	r.kind == "ebs"
	not ec2_in(r.request.spec.attachTo.ec2Request, r.environment)
	v := {"msg": "input.requests", "file": r.file}
}

ec2_in(id, env) if {
	some o in input.requests # every request
	o.kind == "ec2"
	o.id == id
	o.environment == env
}
"#;

    #[test]
    fn a_function_looking_up_a_kind_moves_and_nothing_else_does() {
        let p = plan(COMPUTE);
        assert_eq!(p.manual, vec![]);
        assert_eq!(
            p.text.as_deref(),
            Some(
                COMPUTE
                    .replace(
                        "some o in input.requests # every",
                        "some o in input.inventory.ec2 # every"
                    )
                    .as_str()
            )
        );
        assert_eq!(p.moved.len(), 1);
        assert_eq!(p.moved[0].line, 19);
        // A second run has nothing to do.
        assert_eq!(
            plan(p.text.as_deref().unwrap_or_default()),
            FilePlan::default()
        );
    }

    #[test]
    fn a_second_iteration_of_a_helper_moves_to_the_helpers_kind() {
        let text = "eks contains r if {\n\tsome r in input.requests\n\tr.kind == \"eks\"\n}\n\n\
                    deny contains v if {\n\tsome r in eks\n\tsome o in eks\n\tr.file != o.file\n\t\
                    v := {\"msg\": o.id, \"file\": r.file}\n}\n\n\
                    warn contains v if {\n\tsome r in eks\n\tv := r.file\n}\n";
        let p = plan(text);
        assert_eq!(p.manual, vec![]);
        assert_eq!(
            p.text.as_deref(),
            Some(
                text.replace("some o in eks", "some o in input.inventory.eks")
                    .as_str()
            )
        );
    }

    #[test]
    fn a_helper_narrower_than_its_kind_is_reported() {
        let text = "prod_eks contains r if {\n\tsome r in input.requests\n\tr.kind == \"eks\"\n\t\
                    r.tier == \"production\"\n}\n\ndeny contains v if {\n\tsome r in input.requests\n\t\
                    some o in prod_eks\n\tv := r.file\n}\n";
        let p = plan(text);
        assert_eq!(p.text, None);
        assert_eq!(
            p.manual
                .iter()
                .map(|m| (m.line, m.column))
                .collect::<Vec<_>>(),
            [(9, 12)]
        );
        assert!(p.manual[0].message.contains("`input.inventory.eks`"));
        // A kind written either way round is still only the kind; v0 style too.
        let text = "eks[r] {\n\tr := input.requests[_]\n\t\"eks\" == r.kind\n}\n\n\
                    deny[msg] {\n\tr := eks[_]\n\to := eks[_]\n\tmsg := r.file\n}\n";
        assert_eq!(
            plan(text).text.as_deref(),
            Some(
                text.replace("o := eks[_]", "o := input.inventory.eks[_]")
                    .as_str()
            )
        );
        // A set's element bound by its key would become an array's index.
        let keyed = text.replace("o := eks[_]", "eks[o]");
        assert_eq!(plan(&keyed).manual.len(), 1);
    }

    #[test]
    fn the_iteration_reported_on_is_the_one_under_review() {
        let text = "deny contains v if {\n\tsome o in input.requests\n\to.kind == \"ec2\"\n\t\
                    some r in input.requests\n\tr.kind == \"ebs\"\n\tv := {\"file\": r.file}\n}\n";
        let p = plan(text);
        assert_eq!(
            p.text.as_deref(),
            Some(
                text.replacen("input.requests", "input.inventory.ec2", 1)
                    .as_str()
            )
        );
        // Old-style iteration by index.
        let text = "deny[msg] {\n\tr := input.requests[_]\n\to := input.requests[_]\n\t\
                    o.kind == \"ec2\"\n\tmsg := r.id\n}\n";
        let p = plan(text);
        assert_eq!(
            p.text.as_deref(),
            Some(
                "deny[msg] {\n\tr := input.requests[_]\n\to := input.inventory.ec2[_]\n\t\
                 o.kind == \"ec2\"\n\tmsg := r.id\n}\n"
            )
        );
    }

    #[test]
    fn lookups_it_cannot_read_are_reported_at_their_line_and_nothing_moves() {
        let text = "deny contains v if {\n\tsome r in input.requests\n\tsome o in input.requests\n\t\
                    o.id == r.id\n\tv := r.file\n}\n\nlookup(id) if {\n\tsome o in input.requests\n\t\
                    o.kind == \"ec2\"\n}\n";
        let p = plan(text);
        assert_eq!(p.text, None);
        assert_eq!(p.manual.len(), 1, "{:?}", p.manual);
        assert_eq!((p.manual[0].line, p.manual[0].column), (3, 12));
        assert!(p.manual[0].message.contains("ADR-0042"));
        for text in [
            "deny contains v if {\n\tcount(input.requests) > 100\n\tv := \"many\"\n}\n",
            "ids contains o.id if {\n\tsome o in input.requests\n}\n\ndeny contains v if {\n\t\
             some r in input.requests\n\tnot r.id in ids\n\tv := r.file\n}\n",
            "deny contains v if {\n\tsome r in input.requests\n\tsome o in input.requests\n\t\
             o.kind in {\"ec2\", \"eks\"}\n\tv := r.file\n}\n",
        ] {
            let p = plan(text);
            assert_eq!(p.text, None, "{text}");
            assert_eq!(p.manual.len(), 1, "{text}: {:?}", p.manual);
        }
    }

    #[test]
    fn another_packages_helpers_and_derived_values_are_read_by_their_full_name() {
        let file = |p: &str, t: &str| (format!("policies/{p}.rego"), t.to_string());
        let eks = "package idp.eks\n\nclusters contains r if {\n\tsome r in input.requests\n\t\
                   r.kind == \"eks\"\n}\n\nnames contains r.request.spec.clusterName if {\n\t\
                   some r in input.requests\n}\n";
        let other = "package idp.other\n\ndeny contains v if {\n\tsome r in input.requests\n\t\
                     some o in data.idp.eks.clusters\n\to.id == r.id\n\tv := r.file\n}\n";
        let plans = plan_set(&[file("eks", eks), file("other", other)]);
        assert_eq!(plans[0], FilePlan::default());
        assert_eq!(
            plans[1].text.as_deref(),
            Some(
                other
                    .replace("data.idp.eks.clusters", "input.inventory.eks")
                    .as_str()
            )
        );
        let reader = "package idp.reader\n\ndeny contains v if {\n\tsome r in input.requests\n\t\
                      r.request.spec.clusterName in data.idp.eks.names\n\tv := r.file\n}\n";
        let plans = plan_set(&[file("eks", eks), file("reader", reader)]);
        assert_eq!(plans[0].manual.len(), 1, "{:?}", plans[0].manual);
        assert_eq!(plans[0].manual[0].line, 9);
        // Imported under a short name: reported where it is imported.
        let short = "package idp.short\n\nimport data.idp.eks\n\ndeny contains v if {\n\t\
                     some r in input.requests\n\tsome o in eks.clusters\n\tv := r.file\n}\n";
        let plans = plan_set(&[file("eks", eks), file("short", short)]);
        assert_eq!(plans[1].text, None);
        assert_eq!(
            plans[1]
                .manual
                .iter()
                .map(|m| (m.line, m.column))
                .collect::<Vec<_>>(),
            [(3, 8)]
        );
    }

    #[test]
    fn tests_giving_the_requests_are_noted_and_move_nothing() {
        let text = "package idp.t\n\ntest_a if {\n\tcount(data.idp.x.deny) == 0 with input.requests as []\n}\n\n\
                    test_b if {\n\tdata.idp.x.deny with input as {\"requests\": []}\n}\n";
        let p = plan(text);
        assert_eq!((p.text, p.manual), (None, vec![]));
        assert_eq!(
            p.notes
                .iter()
                .map(|m| (m.line, m.column))
                .collect::<Vec<_>>(),
            [(4, 35), (8, 18)]
        );
    }

    #[test]
    fn per_request_rules_and_comments_and_strings_stay() {
        let text = "# some o in input.requests\ndeny contains v if {\n\tsome r in input.requests\n\t\
                    r.kind == \"s3\"\n\tv := {\"msg\": \"some o in input.requests\", \"file\": r.file}\n}\n";
        assert_eq!(plan(text), FilePlan::default());
    }
}
