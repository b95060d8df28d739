//! Everything that ships inside the binary (schemas, starter environments, policies, runbooks,
//! golden paths, platform templates), and the rule that a platform repo may override any of
//! them by holding a file at the same path.

use include_dir::{Dir, include_dir};

use crate::infra::source::Source;

static SCHEMAS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/schemas");
static POLICIES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/policies");
static RUNBOOKS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/runbooks");
static GOLDEN_PATHS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/golden-paths");
static TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/templates");
static ENVIRONMENTS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/environments");

fn root(top: &str) -> Option<&'static Dir<'static>> {
    match top {
        "schemas" => Some(&SCHEMAS),
        "policies" => Some(&POLICIES),
        "runbooks" => Some(&RUNBOOKS),
        "golden-paths" => Some(&GOLDEN_PATHS),
        "templates" => Some(&TEMPLATES),
        "environments" => Some(&ENVIRONMENTS),
        _ => None,
    }
}

/// The embedded file at `path` (e.g. `schemas/environment.schema.json`).
pub fn embedded(path: &str) -> Option<&'static str> {
    let (top, rest) = path.split_once('/')?;
    root(top)?.get_file(rest)?.contents_utf8()
}

/// Every embedded file under `dir` (e.g. `policies`), as `(path, text)`, sorted.
pub fn embedded_dir(dir: &str) -> Vec<(String, &'static str)> {
    let (top, rest) = dir.split_once('/').unwrap_or((dir, ""));
    let Some(root) = root(top) else {
        return Vec::new();
    };
    let start = if rest.is_empty() {
        Some(root)
    } else {
        root.get_dir(rest)
    };
    let mut out = Vec::new();
    if let Some(d) = start {
        collect(d, top, &mut out);
    }
    out.sort();
    out
}

fn collect(dir: &'static Dir<'static>, top: &str, out: &mut Vec<(String, &'static str)>) {
    for f in dir.files() {
        if let Some(text) = f.contents_utf8() {
            out.push((format!("{top}/{}", f.path().to_string_lossy()), text));
        }
    }
    for d in dir.dirs() {
        collect(d, top, out);
    }
}

/// The platform repo's copy of `path` when it has one, else the embedded default.
pub fn resolve(source: &dyn Source, path: &str) -> anyhow::Result<Option<String>> {
    if let Some(text) = source.read(path)? {
        return Ok(Some(text));
    }
    Ok(embedded(path).map(str::to_string))
}
