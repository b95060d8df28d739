//! The layers of DESIGN.md "Layers" (ADR-0038), checked from the source text: every
//! `crate::…` path (in `use` trees and in code, `super::` resolved, child modules followed) of
//! every `src/**/*.rs` is mapped to the unit it names and that unit's layer. The check fails,
//! naming file and line, on an import that climbs to a higher layer, on an import cycle between
//! units, and on `clap` below the command layer.
//!
//! A unit is a module (top-level, or a submodule where its module spans two layers); the
//! longest prefix in [`UNITS`] wins. The allow-lists below hold what is not fixed yet; an entry
//! that no longer occurs fails the check too, so they only shrink.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, bottom (0) to top.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Layer {
    /// Leaf utilities and plain data every layer uses: errors, user input, YAML, the printer.
    Base,
    /// git (libgit2 and the CLI), objects, sources, the clock, secrets, AWS.
    Infra,
    /// What a team shares: ref transactions, sequences, forges, records, who is acting, and
    /// the plain data of a change (which records record).
    State,
    /// The platform repo model and what a change is checked against: config, environments,
    /// embedded assets, request files, schemas, policies, templates, golden paths, docs
    /// metadata; and the per-run context.
    Model,
    /// `changeset/`: validate → plan → commit → publish → record.
    Pipeline,
    /// Producers (build a change from the model) and reads.
    Producer,
    /// Arguments (clap lives here only), dispatch, the binary.
    Command,
}

/// Every unit: a module path prefix (`crate` for the root, `main` for the binary), the unit it
/// belongs to (the names cycles and climbs are reported by), and that unit's layer. A top-level
/// module is its own unit unless part of it sits in another layer.
const UNITS: &[(&str, &str, Layer)] = &[
    ("crate", "crate", Layer::Command),
    ("main", "main", Layer::Command),
    ("cli", "commands", Layer::Command),
    ("commands", "commands", Layer::Command),
    ("backstage", "backstage", Layer::Producer),
    ("docs", "docs", Layer::Producer),
    ("drift", "drift", Layer::Producer),
    ("graph", "graph", Layer::Producer),
    ("health", "health", Layer::Producer),
    ("mcp", "mcp", Layer::Producer),
    ("metrics", "metrics", Layer::Producer),
    ("teardown", "teardown", Layer::Producer),
    ("platform::addons", "platform (producers)", Layer::Producer),
    ("platform::apps", "platform (producers)", Layer::Producer),
    (
        "platform::backstage",
        "platform (producers)",
        Layer::Producer,
    ),
    (
        "platform::codeowners",
        "platform (producers)",
        Layer::Producer,
    ),
    (
        "platform::dashboards",
        "platform (producers)",
        Layer::Producer,
    ),
    (
        "platform::delivery",
        "platform (producers)",
        Layer::Producer,
    ),
    (
        "platform::env_changes",
        "platform (producers)",
        Layer::Producer,
    ),
    ("platform::gitops", "platform (producers)", Layer::Producer),
    ("platform::images", "platform (producers)", Layer::Producer),
    ("platform::init", "platform (producers)", Layer::Producer),
    (
        "platform::keycloak",
        "platform (producers)",
        Layer::Producer,
    ),
    ("platform::kong", "platform (producers)", Layer::Producer),
    ("platform::migrate", "platform (producers)", Layer::Producer),
    ("platform::promote", "platform (producers)", Layer::Producer),
    ("platform::upgrade", "platform (producers)", Layer::Producer),
    ("requests::produce", "requests (producers)", Layer::Producer),
    ("requests::pending", "requests (producers)", Layer::Producer),
    ("changeset", "changeset", Layer::Pipeline),
    ("platform", "platform", Layer::Model),
    ("platform::assets", "platform::assets", Layer::Model),
    ("requests", "requests", Layer::Model),
    ("docs::metadata", "docs::metadata", Layer::Model),
    ("golden", "golden", Layer::Model),
    ("schema", "schema", Layer::Model),
    ("schema::table", "schema::table", Layer::Model),
    ("policy", "policy", Layer::Model),
    ("render", "render", Layer::Model),
    ("ctx", "ctx", Layer::Model),
    ("records", "records", Layer::State),
    ("identity", "identity", Layer::State),
    ("change", "change", Layer::State),
    ("infra::forge", "infra::forge", Layer::State),
    ("infra::refs", "infra::refs", Layer::State),
    ("infra::sequence", "infra::sequence", Layer::State),
    ("infra", "infra", Layer::Infra),
    ("error", "error", Layer::Base),
    ("input", "input", Layer::Base),
    ("yaml", "yaml", Layer::Base),
    ("printer", "printer", Layer::Base),
];

/// Imports that climb a layer and are not fixed yet: `from unit -> to unit`.
const ALLOWED_CLIMBS: &[&str] = &[];

/// Import cycles between units not broken yet: the units of each, sorted, joined by ` ↔ `.
const ALLOWED_CYCLES: &[&str] = &[];

/// Files below the command layer that still use clap.
const ALLOWED_CLAP: &[&str] = &[];

#[test]
fn no_import_climbs_a_layer_no_cycle_no_clap_below_commands() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(
        files.len() > 50,
        "found only {} files under src/",
        files.len()
    );
    let mut edges: Vec<Edge> = Vec::new();
    let mut clap: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in &files {
        let rel = file
            .strip_prefix(&src)
            .expect("under src")
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(file).expect("read source");
        let scan = scan(&rel, &text);
        for (module, line) in scan.clap {
            if layer_of(&unit_of(&module)) != Layer::Command {
                clap.entry(format!("src/{rel}"))
                    .or_default()
                    .push(format!("src/{rel}:{line}"));
            }
        }
        for (from, to, line) in scan.paths {
            let (from, to) = (unit_of(&from), unit_of(&to));
            if from != to
                && !edges.last().is_some_and(|e: &Edge| {
                    e.from == from && e.to == to && e.at == format!("src/{rel}:{line}")
                })
            {
                edges.push(Edge {
                    from,
                    to,
                    at: format!("src/{rel}:{line}"),
                });
            }
        }
    }
    assert!(
        edges
            .iter()
            .any(|e| e.from == "commands" && e.to == "changeset"),
        "the scanner found no import of the pipeline by the commands: it is broken"
    );

    let mut problems = Vec::new();
    // Climbs.
    let mut climbs: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for e in &edges {
        if layer_of(&e.to) > layer_of(&e.from) {
            climbs
                .entry(format!("{} -> {}", e.from, e.to))
                .or_default()
                .push(&e.at);
        }
    }
    for (key, at) in &climbs {
        if !ALLOWED_CLIMBS.contains(&key.as_str()) {
            let (f, t) = key.split_once(" -> ").expect("arrow");
            problems.push(format!(
                "{key} climbs from {:?} to {:?}: {}",
                layer_of(f),
                layer_of(t),
                at.join(", ")
            ));
        }
    }
    for key in ALLOWED_CLIMBS {
        if !climbs.contains_key(*key) {
            problems.push(format!(
                "allow-listed climb `{key}` no longer occurs: drop it from ALLOWED_CLIMBS"
            ));
        }
    }
    // Cycles: strongly connected components of more than one unit.
    let mut graph: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for e in &edges {
        graph.entry(&e.from).or_default().insert(&e.to);
        graph.entry(&e.to).or_default();
    }
    let cycles = components(&graph);
    let mut found_cycles = BTreeSet::new();
    for comp in cycles {
        let key = comp.join(" ↔ ");
        found_cycles.insert(key.clone());
        if ALLOWED_CYCLES.contains(&key.as_str()) {
            continue;
        }
        let inside: Vec<String> = edges
            .iter()
            .filter(|e| comp.contains(&e.from.as_str()) && comp.contains(&e.to.as_str()))
            .map(|e| format!("{} -> {} ({})", e.from, e.to, e.at))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        problems.push(format!("import cycle {key}: {}", inside.join(", ")));
    }
    for key in ALLOWED_CYCLES {
        if !found_cycles.contains(*key) {
            problems.push(format!(
                "allow-listed cycle `{key}` no longer occurs: drop it from ALLOWED_CYCLES"
            ));
        }
    }
    // clap below the command layer.
    for (file, at) in &clap {
        if !ALLOWED_CLAP.contains(&file.as_str()) {
            problems.push(format!("clap below the command layer: {}", at.join(", ")));
        }
    }
    for file in ALLOWED_CLAP {
        if !clap.contains_key(*file) {
            problems.push(format!(
                "allow-listed clap use `{file}` no longer occurs: drop it from ALLOWED_CLAP"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} layer problem(s) (DESIGN.md \"Layers\", ADR-0038):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The scanner on a small source: `super::`, use trees, child modules, inline modules, and
/// what is not code (comments, strings, char literals).
#[test]
fn the_scanner_reads_use_trees_super_and_child_modules_and_skips_comments() {
    let text = r##"
//! Docs naming crate::cli::Cli are not imports.
mod child;
use crate::{change::Changeset, infra::{git, forge::{self, Forge}}};
use super::sibling::Thing;
fn f() -> crate::error::Result<()> {
    let _ = "crate::commands in a string";
    let _ = r#"crate::cli too"#;
    let _ = '"';
    child::run();
    clap::Command::new("x");
}
#[cfg(test)]
mod tests {
    use super::*;
    use super::super::ctx::Ctx;
}
"##;
    let scan = scan("platform/apps.rs", text);
    let paths: Vec<String> = scan
        .paths
        .iter()
        .map(|(from, to, line)| format!("{from}>{to}@{line}"))
        .collect();
    assert_eq!(
        paths,
        [
            "platform::apps>change::Changeset@4",
            "platform::apps>infra::git@4",
            "platform::apps>infra::forge@4",
            "platform::apps>infra::forge::Forge@4",
            "platform::apps>platform::sibling::Thing@5",
            "platform::apps>error::Result@6",
            "platform::apps>platform::apps::child::run@10",
            "platform::apps::tests>platform::apps@15",
            "platform::apps::tests>platform::ctx::Ctx@16",
        ]
    );
    assert_eq!(scan.clap, [("platform::apps".to_string(), 11)]);
    assert_eq!(
        unit_of("platform::apps::child::run"),
        "platform (producers)"
    );
    assert_eq!(unit_of("platform::Config"), "platform");
    assert_eq!(unit_of("platformx"), "platformx");
}

struct Edge {
    from: String,
    to: String,
    at: String,
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The unit a module path belongs to: that of the longest prefix in [`UNITS`], else its first
/// segment (which then has no layer: the check says so).
fn unit_of(path: &str) -> String {
    UNITS
        .iter()
        .filter(|(p, _, _)| path == *p || path.starts_with(&format!("{p}::")))
        .max_by_key(|(p, _, _)| p.len())
        .map(|(_, u, _)| u.to_string())
        .unwrap_or_else(|| path.split("::").next().unwrap_or(path).to_string())
}

fn layer_of(unit: &str) -> Layer {
    UNITS
        .iter()
        .find(|(_, u, _)| *u == unit)
        .map(|(_, _, l)| *l)
        .unwrap_or_else(|| panic!("unit `{unit}` has no layer: add it to UNITS (ADR-0038)"))
}

/// What a file names: `(module of the use, full path named, line)`, and where clap appears.
struct Scan {
    paths: Vec<(String, String, usize)>,
    clap: Vec<(String, usize)>,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Path, // ::
    Open,
    Close,
    Comma,
    Semi,
    Star,
    Other,
}

/// Scan one file (`rel` is its path under `src/`).
fn scan(rel: &str, text: &str) -> Scan {
    let stem = rel.trim_end_matches(".rs");
    let mut base: Vec<String> = stem.split('/').map(str::to_string).collect();
    if base.last().is_some_and(|l| l == "mod") {
        base.pop();
    }
    let is_main = base == ["main"];
    if base == ["lib"] {
        base = vec![];
    }
    let toks = tokens(&strip(text));
    // Child modules declared in this file (`mod x;`), followed as `x::…`.
    let mut children = BTreeSet::new();
    for w in toks.windows(3) {
        if let [(Tok::Ident(m), _), (Tok::Ident(name), _), (Tok::Semi, _)] = w
            && m == "mod"
        {
            children.insert(name.clone());
        }
    }
    let mut out = Scan {
        paths: Vec::new(),
        clap: Vec::new(),
    };
    // Inline modules: (name, brace depth at which it closes).
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < toks.len() {
        let module = || {
            let mut m = base.clone();
            m.extend(inline.iter().map(|(n, _)| n.clone()));
            m
        };
        match &toks[i].0 {
            Tok::Open => {
                depth += 1;
                i += 1;
            }
            Tok::Close => {
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                depth = depth.saturating_sub(1);
                i += 1;
            }
            Tok::Ident(id) if id == "mod" => {
                if let (Some((Tok::Ident(name), _)), Some((Tok::Open, _))) =
                    (toks.get(i + 1), toks.get(i + 2))
                {
                    depth += 1;
                    inline.push((name.clone(), depth));
                    i += 3;
                } else {
                    i += 1;
                }
            }
            Tok::Ident(id) => {
                let line = toks[i].1;
                if (id == "clap" || id.starts_with("clap_"))
                    && !matches!(i.checked_sub(1).map(|j| &toks[j].0), Some(Tok::Path))
                {
                    out.clap.push((module_name(&module(), is_main), line));
                }
                let after_path = i > 0 && toks[i - 1].0 == Tok::Path;
                let next_is_path = toks.get(i + 1).is_some_and(|t| t.0 == Tok::Path);
                if after_path || !next_is_path {
                    i += 1;
                    continue;
                }
                let here = module();
                let prefix: Option<Vec<String>> = match id.as_str() {
                    "crate" => Some(vec![]),
                    "idp" if is_main => Some(vec![]),
                    "self" => Some(here.clone()),
                    "super" => {
                        let mut p = here.clone();
                        p.pop();
                        Some(p)
                    }
                    c if children.contains(c) && inline.is_empty() => {
                        let mut p = here.clone();
                        p.push(c.to_string());
                        Some(p)
                    }
                    _ => None,
                };
                let Some(prefix) = prefix else {
                    i += 1;
                    continue;
                };
                let mut named = Vec::new();
                i = tree(&toks, i + 2, prefix, &mut named);
                let from = module_name(&here, is_main);
                for p in named {
                    out.paths.push((from.clone(), p.join("::"), line));
                }
            }
            _ => i += 1,
        }
    }
    out
}

fn module_name(m: &[String], is_main: bool) -> String {
    if is_main {
        "main".into()
    } else if m.is_empty() {
        "crate".into()
    } else {
        m.join("::")
    }
}

/// Read a path (or a use tree) starting at `i` after `prefix::`; push every full path named;
/// return the index after it.
fn tree(
    toks: &[(Tok, usize)],
    mut i: usize,
    mut prefix: Vec<String>,
    out: &mut Vec<Vec<String>>,
) -> usize {
    loop {
        match toks.get(i).map(|t| &t.0) {
            Some(Tok::Ident(s)) if s == "super" => {
                prefix.pop();
                i += 1;
            }
            Some(Tok::Ident(s)) if s == "self" => {
                i += 1;
            }
            Some(Tok::Ident(s)) => {
                prefix.push(s.clone());
                i += 1;
            }
            Some(Tok::Open) => {
                i += 1;
                loop {
                    match toks.get(i).map(|t| &t.0) {
                        Some(Tok::Close) => return i + 1,
                        Some(Tok::Comma) => i += 1,
                        None => return i,
                        _ => i = tree(toks, i, prefix.clone(), out),
                    }
                }
            }
            Some(Tok::Star) => {
                i += 1;
                break;
            }
            _ => break,
        }
        if toks.get(i).map(|t| &t.0) == Some(&Tok::Path) {
            i += 1;
        } else {
            break;
        }
    }
    // `as name`
    if let Some((Tok::Ident(a), _)) = toks.get(i)
        && a == "as"
    {
        i += 2;
    }
    out.push(prefix);
    i
}

/// Identifiers, `::` and the punctuation of use trees, with their lines.
fn tokens(code: &str) -> Vec<(Tok, usize)> {
    let b = code.as_bytes();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            line += 1;
            i += 1;
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push((Tok::Ident(code[start..i].to_string()), line));
        } else if c.is_ascii_digit() {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push((Tok::Other, line));
        } else if c == b':' && b.get(i + 1) == Some(&b':') {
            out.push((Tok::Path, line));
            i += 2;
        } else {
            let t = match c {
                b'{' => Tok::Open,
                b'}' => Tok::Close,
                b',' => Tok::Comma,
                b';' => Tok::Semi,
                b'*' => Tok::Star,
                b' ' | b'\t' | b'\r' => {
                    i += 1;
                    continue;
                }
                _ => Tok::Other,
            };
            out.push((t, line));
            i += 1;
        }
    }
    out
}

/// The code of a file with comments, strings and char literals blanked (lines kept).
fn strip(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let blank = |out: &mut Vec<u8>, part: &[u8]| {
        out.extend(part.iter().map(|&c| if c == b'\n' { b'\n' } else { b' ' }));
    };
    let mut i = 0;
    while i < b.len() {
        let ident_before = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        if b[i..].starts_with(b"//") {
            let end = b[i..]
                .iter()
                .position(|&c| c == b'\n')
                .map_or(b.len(), |p| i + p);
            blank(&mut out, &b[i..end]);
            i = end;
        } else if b[i..].starts_with(b"/*") {
            let (mut d, mut j) = (0, i);
            while j < b.len() {
                if b[j..].starts_with(b"/*") {
                    d += 1;
                    j += 2;
                } else if b[j..].starts_with(b"*/") {
                    d -= 1;
                    j += 2;
                    if d == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            blank(&mut out, &b[i..j]);
            i = j;
        } else if !ident_before && (b[i] == b'r' || b[i..].starts_with(b"br")) && {
            let k = if b[i] == b'b' { i + 2 } else { i + 1 };
            let hashes = b[k..].iter().take_while(|&&c| c == b'#').count();
            b.get(k + hashes) == Some(&b'"')
        } {
            let k = if b[i] == b'b' { i + 2 } else { i + 1 };
            let hashes = b[k..].iter().take_while(|&&c| c == b'#').count();
            let mut close = vec![b'"'];
            close.extend(std::iter::repeat_n(b'#', hashes));
            let body = k + hashes + 1;
            let end = b[body..]
                .windows(close.len())
                .position(|w| w == close.as_slice())
                .map_or(b.len(), |p| body + p + close.len());
            blank(&mut out, &b[i..end]);
            i = end;
        } else if b[i] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(b.len());
            blank(&mut out, &b[i..end]);
            i = end;
        } else if b[i] == b'\'' {
            // A char literal ('x', '\n', '\''), else a lifetime.
            if b.get(i + 1) == Some(&b'\\') {
                let end = b[i + 2..]
                    .iter()
                    .position(|&c| c == b'\'')
                    .map_or(b.len(), |p| i + 3 + p);
                blank(&mut out, &b[i..end]);
                i = end;
            } else if let Some(len) = std::str::from_utf8(&b[i + 1..])
                .ok()
                .and_then(|rest| rest.chars().next())
                .map(char::len_utf8)
                .filter(|&len| b.get(i + 1 + len) == Some(&b'\''))
            {
                blank(&mut out, &b[i..i + 2 + len]);
                i += 2 + len;
            } else {
                out.push(b[i]);
                i += 1;
            }
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Strongly connected components of more than one node (Tarjan), each sorted.
fn components<'a>(graph: &BTreeMap<&'a str, BTreeSet<&'a str>>) -> Vec<Vec<&'a str>> {
    struct T<'a, 'g> {
        g: &'g BTreeMap<&'a str, BTreeSet<&'a str>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        next: usize,
        out: Vec<Vec<&'a str>>,
    }
    fn visit<'a>(t: &mut T<'a, '_>, v: &'a str) {
        t.index.insert(v, t.next);
        t.low.insert(v, t.next);
        t.next += 1;
        t.stack.push(v);
        t.on.insert(v);
        for &w in &t.g[v] {
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low.get_mut(v).expect("visited");
                *lv = (*lv).min(lw);
            } else if t.on.contains(w) {
                let iw = t.index[w];
                let lv = t.low.get_mut(v).expect("visited");
                *lv = (*lv).min(iw);
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(w);
                comp.push(w);
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                t.out.push(comp);
            }
        }
    }
    let mut t = T {
        g: graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    for &v in graph.keys() {
        if !t.index.contains_key(v) {
            visit(&mut t, v);
        }
    }
    t.out.sort();
    t.out
}
