//! README.md and docs/ agree with the CLI (issue 24: "README and `idp man` agree with
//! `--help`").
//!
//! Every `idp …` command line they show — in code blocks (`\` continuations and indented
//! synopsis lines joined, comments dropped, split at pipes, `&&`, `;`, `$(…)`, `<(…)` and
//! backticks) and in inline code spans — is parsed by the real clap command
//! ([`idp::cli::Cli`]). Synopsis notation is expanded: `[optional]` groups (all of them, then
//! none), alternatives (`a|b`, `[--check | --fix]`, `list/show`: each one at least once),
//! `...` repetition, and `[change options]` (each row of README's "Change options" table).
//! Placeholders (`ENV`, `<app>`, `sha256:…`) stand for any value: where clap refuses one, a
//! value it accepts takes its place. An unknown subcommand, flag or value fails with the file
//! and line; so does a missing required argument in a code block (prose may name a command
//! without its arguments). The command reference names every subcommand `idp --help` lists
//! and every option of each (in its noun's section), an option named in a command's section is
//! one of that command's, the global options table lists exactly the global flags, and each man
//! page documents exactly the long flags its `--help` shows.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use clap::CommandFactory;
use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::harness::Test;

/// One command line found in a Markdown file.
#[derive(Debug)]
struct Found {
    line: usize,
    /// The text after `idp`, already split into words and groups.
    items: Vec<Item>,
    /// From an inline code span in prose, which may name a command without its arguments.
    prose: bool,
    /// Written in synopsis notation (has an `[optional]` group): optional groups used all
    /// together may conflict.
    synopsis: bool,
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Word { text: String, quoted: bool },
    Open,
    Close,
    Bar,
}

/// A word (with its alternatives) or an optional group (with its alternatives), each with an
/// id so that one alternative can be picked.
#[derive(Clone, Debug)]
enum Item {
    Word { id: usize, alts: Vec<String> },
    Group { id: usize, alts: Vec<Vec<Item>> },
}

/// A line split into shell command segments: words, `[`/`]` of optional groups and `|`
/// between alternatives inside them. A `|` between words outside a group is a pipe.
fn lex(line: &str) -> Vec<Vec<Tok>> {
    fn flush(segs: &mut [Vec<Tok>], word: &mut Option<(String, bool)>) {
        if let (Some((text, quoted)), Some(seg)) = (word.take(), segs.last_mut()) {
            seg.push(Tok::Word { text, quoted });
        }
    }
    let c: Vec<char> = line.chars().collect();
    let mut segs: Vec<Vec<Tok>> = vec![Vec::new()];
    let mut word: Option<(String, bool)> = None;
    let mut depth = 0usize;
    let mut i = 0;
    macro_rules! brk {
        () => {{
            flush(&mut segs, &mut word);
            segs.push(Vec::new());
            depth = 0;
        }};
    }
    while i < c.len() {
        let ch = c[i];
        let next = c.get(i + 1).copied();
        let at_start = word.is_none();
        let spaced = next.is_none_or(char::is_whitespace);
        match ch {
            ' ' | '\t' => flush(&mut segs, &mut word),
            '\'' | '"' => {
                let w = word.get_or_insert_with(|| (String::new(), true));
                w.1 = true;
                i += 1;
                while i < c.len() && c[i] != ch {
                    if ch == '"' && c[i] == '\\' && i + 1 < c.len() {
                        i += 1;
                    }
                    w.0.push(c[i]);
                    i += 1;
                }
            }
            '\\' => {
                if let Some(n) = next {
                    word.get_or_insert_with(Default::default).0.push(n);
                    i += 1;
                }
            }
            '#' if at_start => break,
            '&' if next == Some('&') => {
                brk!();
                i += 1;
            }
            '|' if next == Some('|') => {
                brk!();
                i += 1;
            }
            ';' | '`' | ')' => brk!(),
            '$' | '<' if next == Some('(') => {
                brk!();
                i += 1;
            }
            '|' if at_start && spaced && depth == 0 => brk!(),
            '|' if at_start && spaced => {
                if let Some(seg) = segs.last_mut() {
                    seg.push(Tok::Bar);
                }
            }
            // `<label>` is a placeholder; `>` elsewhere a redirection.
            '>' if !word.as_ref().is_some_and(|(w, q)| w.starts_with('<') && !q) => brk!(),
            '[' if at_start => {
                if let Some(seg) = segs.last_mut() {
                    seg.push(Tok::Open);
                }
                depth += 1;
            }
            ']' if depth > 0 => {
                flush(&mut segs, &mut word);
                if let Some(seg) = segs.last_mut() {
                    seg.push(Tok::Close);
                }
                depth -= 1;
                while matches!(c.get(i + 1), Some('.' | '…')) {
                    i += 1;
                }
            }
            _ => word.get_or_insert_with(Default::default).0.push(ch),
        }
        i += 1;
    }
    flush(&mut segs, &mut word);
    segs
}

fn is_ellipsis(s: &str) -> bool {
    s == "…" || s == "..."
}

/// A value that stands for any value: `ENV`, `RUN_ID`, `<app>`, `sha256:…`.
fn is_placeholder(s: &str) -> bool {
    !s.starts_with('-')
        && (s.contains('…')
            || s.contains("...")
            || (s.contains('<') && s.contains('>'))
            || (s.chars().any(|c| c.is_ascii_uppercase())
                && !s.chars().any(|c| c.is_ascii_lowercase())))
}

/// The alternatives a word stands for: `s3|rds`, `-f|--values`, `list/show`; `PATHS...` is
/// `PATHS`.
fn alternatives(text: &str, quoted: bool) -> Vec<String> {
    if quoted {
        return vec![text.to_string()];
    }
    let text = text
        .strip_suffix("...")
        .or_else(|| text.strip_suffix('…'))
        .filter(|t| !t.is_empty())
        .unwrap_or(text);
    let names = |sep: char| {
        text.split(sep).all(|p| {
            p.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
    };
    if text.len() > 1 && text.contains('|') {
        text.split('|')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()
    } else if text.contains('/') && names('/') {
        text.split('/').map(str::to_string).collect()
    } else {
        vec![text.to_string()]
    }
}

/// Parses tokens into items up to a `]` or `|` of the enclosing group (not consumed).
fn items(toks: &[Tok], pos: &mut usize, ids: &mut usize, change: &[Vec<Tok>]) -> Vec<Item> {
    let mut out = Vec::new();
    while let Some(tok) = toks.get(*pos) {
        match tok {
            Tok::Close | Tok::Bar => return out,
            Tok::Word { text, quoted } => {
                *pos += 1;
                *ids += 1;
                out.push(Item::Word {
                    id: *ids,
                    alts: alternatives(text, *quoted),
                });
            }
            Tok::Open => {
                *pos += 1;
                let mut alts = vec![items(toks, pos, ids, change)];
                while toks.get(*pos) == Some(&Tok::Bar) {
                    *pos += 1;
                    alts.push(items(toks, pos, ids, change));
                }
                *pos += 1; // the `]`
                let words: Vec<&str> = alts[0]
                    .iter()
                    .filter_map(|i| match i {
                        Item::Word { alts, .. } => Some(alts[0].as_str()),
                        Item::Group { .. } => None,
                    })
                    .collect();
                if alts.len() == 1 && words == ["change", "options"] {
                    alts = change
                        .iter()
                        .map(|row| items(row, &mut 0, ids, &[]))
                        .collect();
                }
                *ids += 1;
                out.push(Item::Group { id: *ids, alts });
            }
        }
    }
    out
}

/// Every point where an alternative is picked: (id, number of alternatives).
fn choices(items: &[Item], out: &mut Vec<(usize, usize)>) {
    for item in items {
        match item {
            Item::Word { id, alts } => out.push((*id, alts.len())),
            Item::Group { id, alts } => {
                out.push((*id, alts.len()));
                for a in alts {
                    choices(a, out);
                }
            }
        }
    }
}

fn contains(items: &[Item], target: usize) -> bool {
    items.iter().any(|i| match i {
        Item::Word { id, .. } => *id == target,
        Item::Group { id, alts } => *id == target || alts.iter().any(|a| contains(a, target)),
    })
}

/// The words of one variant: optional groups all in (`all`) or all out, the first
/// alternative everywhere except `pick` (which brings in the groups around it).
fn expand(items: &[Item], all: bool, pick: Option<(usize, usize)>, out: &mut Vec<String>) {
    for item in items {
        match item {
            Item::Word { id, alts } => match pick {
                Some((p, j)) if p == *id => out.push(alts[j].clone()),
                _ => out.push(alts[0].clone()),
            },
            Item::Group { id, alts } => {
                let k = match pick {
                    Some((p, j)) if p == *id => Some(j),
                    Some((p, _)) => alts.iter().position(|a| contains(a, p)),
                    None => None,
                };
                match k {
                    Some(k) => expand(&alts[k], all, pick, out),
                    None if all => expand(&alts[0], all, pick, out),
                    None => {}
                }
            }
        }
    }
}

fn variants(items: &[Item]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for all in [true, false] {
        let mut v = Vec::new();
        expand(items, all, None, &mut v);
        out.push(v);
    }
    let mut points = Vec::new();
    choices(items, &mut points);
    for (id, n) in points {
        for j in 1..n {
            let mut v = Vec::new();
            expand(items, true, Some((id, j)), &mut v);
            out.push(v);
        }
    }
    let mut seen = BTreeSet::new();
    out.retain(|v| seen.insert(v.clone()));
    out
}

/// The `idp` invocations of one line of shell (or synopsis).
fn invocations(text: &str, line: usize, prose: bool, change: &[Vec<Tok>], out: &mut Vec<Found>) {
    for seg in lex(text) {
        let mut words = seg.as_slice();
        // `$ idp …`, `COMPLETE=bash idp`
        while let Some(Tok::Word {
            text,
            quoted: false,
        }) = words.first()
        {
            let assignment = text.split_once('=').is_some_and(|(k, _)| {
                !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            });
            if text == "$" || assignment {
                words = &words[1..];
            } else {
                break;
            }
        }
        let Some((
            Tok::Word {
                text,
                quoted: false,
            },
            args,
        )) = words.split_first()
        else {
            continue;
        };
        if text != "idp" || args.is_empty() {
            continue;
        }
        if let Some(Tok::Word { text, .. }) = args.first()
            && is_ellipsis(text)
        {
            continue; // `idp …`: any command
        }
        let mut ids = 0;
        let items = items(args, &mut 0, &mut ids, change);
        out.push(Found {
            line,
            synopsis: args.contains(&Tok::Open),
            items,
            prose,
        });
    }
}

/// The first cells of a table's rows (the code span in each), under the heading `heading`.
fn table(md: &str, heading: &str) -> Vec<(usize, String)> {
    let mut rows = Vec::new();
    let mut inside = false;
    for (i, line) in md.lines().enumerate() {
        if line.starts_with('#') {
            inside = line.trim_start_matches('#').trim() == heading;
            continue;
        }
        if inside
            && let Some(cell) = line.strip_prefix("| `")
            && let Some((span, _)) = cell.split_once("` |")
        {
            rows.push((i + 1, span.replace("\\|", "|")));
        }
    }
    rows
}

/// Every `idp` command line of a Markdown file: in code blocks (not YAML, JSON, …), in inline
/// code spans (which may run over a line break), and the `command:` of a step that uses the
/// idp action; and every inline code span outside code blocks (with its line).
fn command_lines(md: &str) -> (Vec<Found>, Vec<(usize, String)>) {
    let change: Vec<Vec<Tok>> = table(md, "Change options")
        .into_iter()
        .map(|(_, row)| lex(&row).into_iter().next().unwrap_or_default())
        .collect();
    let lines: Vec<&str> = md.lines().collect();
    let mut out = Vec::new();
    let mut fence: Option<(String, String)> = None;
    let mut span: Option<(usize, usize, String)> = None; // (line, delimiter length, text)
    let mut prose = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_start();
        if let Some((marker, lang)) = &fence {
            if trimmed.trim_end() == marker {
                fence = None;
                i += 1;
                continue;
            }
            match lang.as_str() {
                "" | "sh" | "bash" | "shell" | "console" | "text" => {
                    let mut text = line.to_string();
                    let mut j = i;
                    while text.ends_with('\\') && j + 1 < lines.len() {
                        text.pop();
                        j += 1;
                        text.push(' ');
                        text.push_str(lines[j]);
                    }
                    // A synopsis goes on in indented lines.
                    if lang.is_empty() && trimmed.starts_with("idp ") {
                        while lines
                            .get(j + 1)
                            .is_some_and(|l| l.starts_with(' ') && !l.trim().is_empty())
                        {
                            j += 1;
                            text.push(' ');
                            text.push_str(lines[j]);
                        }
                    }
                    invocations(&text, i + 1, false, &change, &mut out);
                    i = j + 1;
                    continue;
                }
                "yaml" | "yml" => {
                    let block_uses_idp = lines[i..]
                        .iter()
                        .take_while(|l| l.trim() != marker.as_str())
                        .chain(
                            lines[..i]
                                .iter()
                                .rev()
                                .take_while(|l| !l.trim_start().starts_with(marker.as_str())),
                        )
                        .any(|l| l.contains("uses:") && l.contains("/idp@"));
                    if let Some(cmd) = trimmed.strip_prefix("command:")
                        && block_uses_idp
                    {
                        invocations(&format!("idp {cmd}"), i + 1, false, &change, &mut out);
                    }
                }
                _ => {}
            }
            i += 1;
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            let marker: String = trimmed
                .chars()
                .take_while(|c| *c == trimmed.as_bytes()[0] as char)
                .collect();
            let lang = trimmed[marker.len()..]
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string();
            fence = Some((marker, lang));
            span = None;
            i += 1;
            continue;
        }
        if trimmed.is_empty() {
            span = None; // a span does not cross a paragraph
        }
        let c: Vec<char> = line.chars().collect();
        let mut k = 0;
        while k < c.len() {
            if c[k] == '`' {
                let run = c[k..].iter().take_while(|&&x| x == '`').count();
                match &mut span {
                    Some((at, delim, text)) if *delim == run => {
                        prose.push((*at, text.trim().to_string()));
                        span = None;
                    }
                    Some((_, _, text)) => text.extend(&c[k..k + run]),
                    None => span = Some((i + 1, run, String::new())),
                }
                k += run;
                continue;
            }
            if let Some((_, _, text)) = &mut span {
                text.push(c[k]);
            }
            k += 1;
        }
        if let Some((_, _, text)) = &mut span {
            text.push(' ');
        }
        i += 1;
    }
    for (line, text) in &prose {
        if text.starts_with("idp ") {
            invocations(text, *line, true, &change, &mut out);
        }
    }
    (out, prose)
}

/// The subcommand path of parsed arguments.
fn path_of(m: &clap::ArgMatches) -> Vec<String> {
    let mut path = Vec::new();
    let mut m = m;
    while let Some((name, sub)) = m.subcommand() {
        path.push(name.to_string());
        m = sub;
    }
    path
}

/// The subcommands the words name, in order (for an invocation clap stopped early on).
fn walk<'c>(cmd: &'c clap::Command, args: &[String]) -> (Vec<String>, &'c clap::Command) {
    let mut path = Vec::new();
    let mut cmd = cmd;
    for a in args {
        if let Some(sub) = cmd.find_subcommand(a) {
            path.push(sub.get_name().to_string());
            cmd = sub;
        }
    }
    (path, cmd)
}

fn context_str(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => v.first().cloned(),
        _ => None,
    }
}

/// Values tried in place of a placeholder clap refuses (after the values it lists).
const STAND_INS: &[&str] = &["1", "10m", "x"];

/// Parses `idp <args>` with the real CLI; a placeholder clap refuses as a value is replaced by
/// one it accepts, a placeholder where a subcommand goes by each subcommand in turn. The
/// subcommand path on success.
fn check(cli: &clap::Command, args: &[String], found: &Found) -> Result<Vec<String>, String> {
    let mut args = args.to_vec();
    // Stand-ins in use: the value now in the arguments → (the placeholder, stand-ins tried).
    let mut stand_ins: BTreeMap<String, (String, usize)> = BTreeMap::new();
    loop {
        let argv = std::iter::once("idp".to_string()).chain(args.iter().cloned());
        let e = match cli.clone().try_get_matches_from(argv) {
            Ok(m) => return Ok(path_of(&m)),
            Err(e) => e,
        };
        let tolerated = match e.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => true,
            ErrorKind::ArgumentConflict => found.synopsis,
            ErrorKind::MissingRequiredArgument
            | ErrorKind::MissingSubcommand
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => found.prose,
            _ => false,
        };
        if tolerated {
            return Ok(walk(cli, &args).0);
        }
        let refused = match e.kind() {
            ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
                context_str(&e, ContextKind::InvalidValue)
            }
            _ => None,
        };
        if let Some(value) = refused {
            let (placeholder, tried) = stand_ins
                .remove(&value)
                .unwrap_or_else(|| (value.clone(), 0));
            if is_placeholder(&placeholder) {
                let listed = context_str(&e, ContextKind::ValidValue);
                let next = if tried == 0 && listed.is_some() {
                    listed
                } else {
                    STAND_INS.get(tried).map(|s| s.to_string())
                };
                if let Some(next) = next {
                    for a in args.iter_mut().filter(|a| **a == value) {
                        *a = next.clone();
                    }
                    stand_ins.insert(next, (placeholder, tried + 1));
                    continue;
                }
            }
        }
        // Prose names an option without its value: `idp man --out-dir`.
        if found.prose
            && e.kind() == ErrorKind::InvalidValue
            && context_str(&e, ContextKind::InvalidValue).is_some_and(|v| v.is_empty())
            && let Some(at) = context_str(&e, ContextKind::InvalidArg).and_then(|arg| {
                let (_, cmd) = walk(cli, &args);
                let long = arg
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string();
                let short = cmd
                    .get_arguments()
                    .find(|a| a.get_long().is_some_and(|l| long == format!("--{l}")))
                    .and_then(|a| a.get_short())
                    .map(|s| format!("-{s}"));
                args.iter()
                    .rposition(|a| *a == long || short.as_ref().is_some_and(|s| a == s))
            })
        {
            args.insert(at + 1, "VALUE".into());
            continue;
        }
        // `idp provision KIND -f`: a placeholder where a subcommand goes is any of them.
        let unknown = match e.kind() {
            ErrorKind::InvalidSubcommand => context_str(&e, ContextKind::InvalidSubcommand),
            ErrorKind::UnknownArgument => context_str(&e, ContextKind::InvalidArg),
            _ => None,
        };
        if let Some(word) = unknown.filter(|w| is_placeholder(w))
            && let Some(at) = args.iter().position(|a| *a == word)
        {
            let (_, parent) = walk(cli, &args[..at]);
            for sub in parent.get_subcommands().filter(|s| !s.is_hide_set()) {
                let mut with = args.clone();
                with[at] = sub.get_name().to_string();
                if let Ok(path) = check(cli, &with, found) {
                    return Ok(path);
                }
            }
        }
        return Err(e.render().to_string().trim_end().to_string());
    }
}

/// What the command lines of a Markdown file come to.
struct Checked {
    /// `file:line: …` for each line the CLI does not accept.
    findings: Vec<String>,
    /// The subcommand path each accepted variant names, by line.
    named: Vec<(usize, Vec<String>)>,
    /// How many command lines were found.
    lines: usize,
}

impl Checked {
    /// The subcommand paths (with their prefixes) the lines in `range` name.
    fn named_in(&self, range: std::ops::Range<usize>) -> BTreeSet<Vec<String>> {
        let mut out = BTreeSet::new();
        for (_, path) in self.named.iter().filter(|(l, _)| range.contains(l)) {
            for n in 1..=path.len() {
                out.insert(path[..n].to_vec());
            }
        }
        out
    }
}

fn check_markdown(cli: &clap::Command, file: &str, md: &str) -> Checked {
    let mut findings = Vec::new();
    let mut named = Vec::new();
    let (mut found, _) = command_lines(md);
    found.sort_by_key(|f| f.line);
    for f in &found {
        // One finding a line: the first variant clap refuses.
        for args in variants(&f.items) {
            match check(cli, &args, f) {
                Ok(path) => named.push((f.line, path)),
                Err(e) => {
                    let shown = md.lines().nth(f.line - 1).unwrap_or_default().trim();
                    findings.push(format!(
                        "{file}:{}: `{shown}`\n  as `idp {}`: {e}",
                        f.line,
                        args.join(" ")
                    ));
                    break;
                }
            }
        }
    }
    Checked {
        findings,
        named,
        lines: found.len(),
    }
}

fn cli() -> clap::Command {
    let mut cmd = idp::cli::Cli::command();
    cmd.build();
    cmd
}

/// Every visible subcommand path, recursively, without `help`.
fn subcommands(cmd: &clap::Command, path: &[String], out: &mut Vec<Vec<String>>) {
    for sub in cmd.get_subcommands() {
        if sub.is_hide_set() || sub.get_name() == "help" {
            continue;
        }
        let mut p = path.to_vec();
        p.push(sub.get_name().to_string());
        out.push(p.clone());
        subcommands(sub, &p, out);
    }
}

fn repo_file(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The Markdown files of docs/, relative to the crate root.
fn docs() -> Vec<String> {
    fn walk(dir: &Path, rel: &str, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let rel = format!("{rel}/{name}");
            if e.path().is_dir() {
                walk(&e.path(), &rel, out);
            } else if name.ends_with(".md") {
                out.push(rel);
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("docs"),
        "docs",
        &mut out,
    );
    out.sort();
    out
}

/// The lines (1-based, end exclusive) of the `## heading` section.
fn section(md: &str, heading: &str) -> std::ops::Range<usize> {
    let lines: Vec<&str> = md.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.strip_prefix("## ").is_some_and(|h| h.trim() == heading))
        .map_or(0, |i| i + 1);
    let end = lines[start..]
        .iter()
        .position(|l| l.starts_with("## "))
        .map_or(lines.len(), |i| start + i);
    start..end + 1
}

#[test]
fn readme_and_docs_command_lines_parse_with_the_cli() {
    let cli = cli();
    let mut findings = Vec::new();
    let readme = repo_file("README.md");
    let checked = check_markdown(&cli, "README.md", &readme);
    let n = checked.lines;
    assert!(n > 150, "only {n} command lines found in README.md");
    findings.extend(checked.findings);
    for doc in docs() {
        findings.extend(check_markdown(&cli, &doc, &repo_file(&doc)).findings);
    }
    assert!(
        findings.is_empty(),
        "{} command lines the CLI does not accept:\n{}",
        findings.len(),
        findings.join("\n")
    );
}

/// The check itself: what it must refuse, it refuses, naming the line.
#[test]
fn readme_check_refuses_unknown_subcommands_flags_and_values() {
    let cli = cli();
    let md = "# x\n\n## Change options\n\n| `--dry-run` | … |\n| `--nope` | … |\n\n\
              ```\nidp env list\nidp env sho ENV\nidp pr list [--state open|maybe]\n\
              idp new-app NAME --owner TEAM\n           [--bogus]\n\
              idp golden-path eject NAME [change options]\nidp pr close\n```\n\n\
              Run `idp pr merge\n--bad` or `idp pr diff` or `idp provision KIND -f`.\n\n\
              ```sh\nidp validate && cd x && idp graph --format dot \\\n  --wat | dot\n```\n\n\
              ```\nidp pr show N\nidp health --env ENV --tier 0|1|2|3 [--wait [--timeout 10m]]\n\
              ```\n\nPlaceholders are any value: `idp man --out-dir`, `idp …`, `COMPLETE=bash idp`.\n";
    let Checked {
        findings, lines: n, ..
    } = check_markdown(&cli, "T.md", md);
    let lines: Vec<&str> = findings
        .iter()
        .map(|f| f.split(':').nth(1).unwrap_or_default())
        .collect();
    assert_eq!(n, 14, "{findings:#?}");
    // sho; maybe; --bogus; --nope (a change option the table lists); `pr close` without N;
    // `--bad` in prose; `--wat` after a continuation. Placeholders (`N`, a number to clap;
    // `--out-dir` without its value in prose; `idp …`) are not findings.
    assert_eq!(
        lines,
        ["10", "11", "12", "14", "15", "18", "22"],
        "{findings:#?}"
    );
    assert!(findings[0].contains("sho"), "{}", findings[0]);
}

#[test]
fn readme_command_reference_names_every_subcommand() {
    let cli = cli();
    let readme = repo_file("README.md");
    let reference = section(&readme, "Command reference");
    assert!(reference.len() > 100, "no command reference: {reference:?}");
    let named = check_markdown(&cli, "README.md", &readme).named_in(reference);
    let mut all = Vec::new();
    subcommands(&cli, &[], &mut all);
    let missing: Vec<String> = all
        .iter()
        .filter(|p| !named.contains(*p))
        .map(|p| format!("idp {}", p.join(" ")))
        .collect();
    assert!(
        missing.is_empty(),
        "README's command reference does not show: {missing:#?}"
    );
}

#[test]
fn readme_global_options_are_the_clis() {
    let cli = cli();
    let readme = repo_file("README.md");
    let mut documented = BTreeSet::new();
    for (line, row) in table(&readme, "Global options") {
        for flag in row.split([' ', ',']).filter(|w| w.starts_with('-')) {
            let known = cli.get_arguments().any(|a| {
                a.is_global_set()
                    && (a.get_long().is_some_and(|l| flag == format!("--{l}"))
                        || a.get_short().is_some_and(|s| flag == format!("-{s}")))
            });
            assert!(known, "README.md:{line}: `{flag}` is not a global option");
            documented.insert(flag.to_string());
        }
    }
    for a in cli.get_arguments().filter(|a| a.is_global_set()) {
        let long = a.get_long().map(|l| format!("--{l}"));
        assert!(
            long.as_ref().is_some_and(|l| documented.contains(l)),
            "README's global options table does not list {long:?}"
        );
    }
}

/// The long options (`--dry-run`) a man page documents: those of its OPTIONS items.
fn man_options(page: &str) -> BTreeSet<String> {
    let page = page.replace("\\-", "-");
    let mut out = BTreeSet::new();
    let mut item = false;
    for line in page.lines() {
        if item {
            let mut rest = line;
            while let Some(i) = rest.find("\\fB--") {
                let name: String = rest[i + 3..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                out.insert(name);
                rest = &rest[i + 5..];
            }
        }
        item = line == ".TP";
    }
    out
}

#[test]
fn man_pages_document_exactly_the_long_options_of_help() {
    let t = Test::new();
    t.idp(["man", "--out-dir", "pages"]).run().success();
    let mut paths = vec![Vec::new()];
    subcommands(&cli(), &[], &mut paths);
    for path in &paths {
        let file = if path.is_empty() {
            "idp.1".to_string()
        } else {
            format!("idp-{}.1", path.join("-"))
        };
        let page = std::fs::read_to_string(t.root.join("pages").join(&file))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let mut args = path.clone();
        args.push("--help".into());
        let help = t.idp(&args).run().success().stdout;
        let in_help = crate::man::long_options(&help);
        let in_man = man_options(&page);
        assert!(in_man.contains("--help"), "{file}: {in_man:?}");
        assert_eq!(in_man, in_help, "{file} and `idp {}`", args.join(" "));
    }
}

/// The long options of a command and of its subcommands, recursively.
fn long_flags(cmd: &clap::Command, out: &mut BTreeSet<String>) {
    for a in cmd.get_arguments() {
        if let Some(l) = a.get_long() {
            out.insert(format!("--{l}"));
        }
        for l in a.get_all_aliases().into_iter().flatten() {
            out.insert(format!("--{l}"));
        }
    }
    for sub in cmd.get_subcommands() {
        long_flags(sub, out);
    }
}

/// In a `### `idp X`` section of the command reference, an option named in prose
/// (`` `--check` ``, `` `--to ENV` ``) is one of the commands the section is about: those its
/// heading names and those its command lines name (with their noun's other verbs: `idp
/// provision delete` in the text makes every `idp provision` option one it may name).
#[test]
fn readme_command_sections_name_options_their_commands_have() {
    let cli = cli();
    let readme = repo_file("README.md");
    let (_, spans) = command_lines(&readme);
    let lines: Vec<&str> = readme.lines().collect();
    // (heading line, end line, heading)
    let mut sections: Vec<(usize, usize, String)> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let level = line.chars().take_while(|c| *c == '#').count();
        if !(1..=3).contains(&level) {
            continue;
        }
        if let Some(last) = sections.last_mut()
            && last.1 == usize::MAX
        {
            last.1 = i + 1;
        }
        if line.contains("`idp ") {
            sections.push((i + 1, usize::MAX, line.to_string()));
        }
    }
    assert!(sections.len() > 20, "{} command sections", sections.len());
    let mut findings = Vec::new();
    let mut checked = 0;
    let lines_checked = check_markdown(&cli, "README.md", &readme);
    for (start, end, heading) in &sections {
        let named = lines_checked.named_in(*start..*end);
        let mut flags = BTreeSet::new();
        for path in named.iter().filter(|p| p.len() == 1) {
            let (_, cmd) = walk(&cli, path);
            long_flags(cmd, &mut flags);
        }
        for (line, text) in spans.iter().filter(|(l, _)| (*start..*end).contains(l)) {
            let Some(flag) = text
                .split([' ', '=', ','])
                .next()
                .filter(|w| w.starts_with("--") && w.len() > 2)
            else {
                continue;
            };
            checked += 1;
            if !flags.contains(flag) {
                findings.push(format!(
                    "README.md:{line}: `{text}` is not an option of a command {heading} names"
                ));
            }
        }
    }
    assert!(checked > 30, "only {checked} options checked");
    assert!(findings.is_empty(), "{}", findings.join("\n"));
}

/// Whether `text` names the option `flag` (`--to` in "`--to ENV`", not in "`--token`").
fn names_option(text: &str, flag: &str) -> bool {
    text.match_indices(flag).any(|(i, _)| {
        !text[i + flag.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '-')
    })
}

/// Every option of every subcommand is in README: in the section its noun's heading
/// (`### `idp provision``) starts, or anywhere for a command without one (`idp whoami`).
#[test]
fn readme_documents_every_option() {
    let cli = cli();
    let readme = repo_file("README.md");
    let lines: Vec<&str> = readme.lines().collect();
    let mut paths = Vec::new();
    subcommands(&cli, &[], &mut paths);
    let mut missing = Vec::new();
    for path in &paths {
        let heading = format!("`idp {}`", path[0]);
        let text = match lines
            .iter()
            .position(|l| l.starts_with("### ") && l.contains(&heading))
        {
            Some(start) => {
                let end = lines[start + 1..]
                    .iter()
                    .position(|l| l.starts_with("### ") || l.starts_with("## "))
                    .map_or(lines.len(), |i| start + 1 + i);
                lines[start..end].join("\n")
            }
            None => readme.clone(),
        };
        let (_, cmd) = walk(&cli, path);
        for a in cmd.get_arguments() {
            let Some(long) = a.get_long() else { continue };
            if a.is_global_set() || a.is_hide_set() || long == "help" {
                continue;
            }
            let flag = format!("--{long}");
            let change = [
                "--dry-run",
                "--detailed-exitcode",
                "--direct",
                "--base",
                "--no-push",
            ];
            let named = names_option(&text, &flag)
                || (change.contains(&flag.as_str()) && text.contains("[change options]"));
            if !named {
                missing.push(format!("idp {} {flag}", path.join(" ")));
            }
        }
    }
    assert!(paths.len() > 60, "{paths:?}");
    assert!(missing.is_empty(), "README does not document: {missing:#?}");
}
