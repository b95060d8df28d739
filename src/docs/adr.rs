//! Architecture decision records: `adrs/ADR-NNNN-slug.md` with metadata front matter and the
//! sections Context, Decision, Scope, Consequences, Alternatives and Follow-ups; the next free
//! number; and the index table in `adrs/README.md`, kept between markers.

use serde::Serialize;
use serde_json::Value;

use super::split;
use crate::change::Changeset;
use crate::error::Finding;
use crate::platform::Source;

pub const DIR: &str = "adrs";
pub const INDEX: &str = "adrs/README.md";
pub const START: &str = "<!-- idp:adr-index:start -->";
pub const END: &str = "<!-- idp:adr-index:end -->";
pub const SECTIONS: [&str; 6] = [
    "Context",
    "Decision",
    "Scope",
    "Consequences",
    "Alternatives",
    "Follow-ups",
];
pub const STATUSES: [&str; 5] = [
    "proposed",
    "accepted",
    "deprecated",
    "superseded",
    "rejected",
];

#[derive(Debug, Clone, Serialize)]
pub struct Adr {
    pub number: u32,
    pub id: String,
    pub title: String,
    pub status: String,
    pub date: String,
    pub path: String,
}

/// `ADR-0042-some-slug.md` → 42
pub fn number_of(file_name: &str) -> Option<u32> {
    let rest = file_name.strip_prefix("ADR-")?;
    rest.get(..4)?.parse().ok()
}

/// Every ADR file; unreadable front matter becomes a finding.
pub fn load(source: &dyn Source) -> anyhow::Result<(Vec<Adr>, Vec<Finding>)> {
    let (docs, findings) = super::numbered(source, DIR, "ADR")?;
    let adrs = docs
        .into_iter()
        .map(|(number, path, fm)| Adr {
            number,
            id: fm.text("id"),
            title: fm.text("title"),
            status: fm.text("status"),
            date: fm.text("date"),
            path,
        })
        .collect();
    Ok((adrs, findings))
}

/// `Use Postgres for everything!` → `use-postgres-for-everything`
pub fn slug(title: &str) -> String {
    let mut s = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let s = s.trim_end_matches('-').to_string();
    s.chars()
        .take(60)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

/// What `idp adr new` was asked for.
#[derive(Debug, Clone, Default)]
pub struct NewAdr {
    pub title: String,
    pub domain: String,
    pub owner: String,
    pub supersedes: Vec<String>,
    pub relates_to: Vec<String>,
    pub date: String,
}

fn list(items: &[String]) -> String {
    crate::yaml::render_inline(&serde_json::json!(items))
}

/// The text of a new ADR.
pub fn render(number: u32, a: &NewAdr) -> String {
    let id = format!("ADR-{number:04}");
    let mut s = format!(
        "---\nid: {id}\ntitle: {title}\ntype: adr\nstatus: proposed\ndomain: {domain}\nowner: {owner}\nlifecycle: active\n\
risk_profile:\n  production_impact: low\n  security_risk: low\n  coupling_risk: low\n\
reliability:\n  rollback_strategy: git-revert\n  observability_tier: bronze\n  maturity: 1\n\
relates_to: {relates}\nsupersedes: {supersedes}\nsuperseded_by: []\ntags: []\n\
supported_until: {until}\nversion: '1.0'\nbreaking_change: false\ndate: {date}\n---\n# {id}: {raw_title}\n",
        title = crate::yaml::render_inline(&serde_json::json!(a.title)),
        raw_title = a.title,
        domain = crate::yaml::render_inline(&serde_json::json!(a.domain)),
        owner = crate::yaml::render_inline(&serde_json::json!(a.owner)),
        relates = list(&a.relates_to),
        supersedes = list(&a.supersedes),
        until = supported_until(&a.date),
        date = a.date,
    );
    let hints = [
        "What is the situation and the problem? What forces are at play?",
        "What we decided, in one or two sentences, then the details.",
        "What this decision covers, and what it does not.",
        "What becomes easier or harder; what we must now do.",
        "What else we considered, and why not.",
        "What remains to be done, with owners.",
    ];
    for (section, hint) in SECTIONS.iter().zip(hints) {
        s.push_str(&format!("\n## {section}\n\n{hint}\n"));
    }
    s
}

/// Two years after `date` (`YYYY-MM-DD`).
fn supported_until(date: &str) -> String {
    match date.get(..4).and_then(|y| y.parse::<u32>().ok()) {
        Some(y) => format!("{}{}", y + 2, &date[4..]),
        None => date.to_string(),
    }
}

/// The index table of `adrs`.
pub fn index_table(adrs: &[Adr]) -> String {
    let mut s = String::from("| ID | Title | Status | Date |\n|---|---|---|---|\n");
    for a in adrs {
        let file = a.path.rsplit('/').next().unwrap_or("");
        let id = if a.id.is_empty() {
            format!("ADR-{:04}", a.number)
        } else {
            a.id.clone()
        };
        let short = id.get(..8).unwrap_or(&id).to_string();
        s.push_str(&format!(
            "| [{short}]({file}) | {} | {} | {} |\n",
            a.title.replace('|', "\\|"),
            a.status,
            a.date
        ));
    }
    s
}

/// `readme` with the text between the index markers replaced by `table` (markers appended when
/// missing).
pub fn with_index(readme: &str, table: &str) -> String {
    super::replace_between(readme, START, END, table)
}

/// The sequence ADR numbers are taken from (`refs/idp/sequences/adr`).
pub const SEQUENCE: &str = "adr";

/// `text` (an ADR as rendered for number `from`, perhaps edited) for number `to`.
pub fn renumber(text: &str, from: u64, to: u64) -> String {
    if from == to {
        return text.to_string();
    }
    text.replace(&format!("ADR-{from:04}"), &format!("ADR-{to:04}"))
}

/// `idp adr new`: the ADR file and the index with its row, as one change. `edit` may change the
/// text first (the user's editor); the edited front matter must still parse.
///
/// The number comes from the file names, and the row is appended to the existing index table,
/// so the cost does not grow with the number of ADRs; when the index has no table yet (or is
/// missing), it is generated from every ADR.
///
/// The number is above `taken` (the highest the ADR sequence handed out, to this and other
/// clones) and every ADR on the base, unless this title already has `own` (a rerun).
pub fn new(
    source: &dyn Source,
    a: &NewAdr,
    taken: u64,
    own: Option<u64>,
    edit: &dyn Fn(u64, String) -> anyhow::Result<String>,
) -> anyhow::Result<(Changeset, String)> {
    let on_base = source
        .files(DIR)?
        .iter()
        .filter_map(|p| p.rsplit('/').next().and_then(number_of))
        .max()
        .unwrap_or(0);
    let number = own.unwrap_or(u64::from(on_base).max(taken) + 1);
    let number = u32::try_from(number).map_err(|_| {
        crate::error::IdpError::usage(format!("ADR number {number} is out of range"))
    })?;
    let path = format!("{DIR}/ADR-{number:04}-{}.md", slug(&a.title));
    let text = edit(u64::from(number), render(number, a))?;
    let fm = split(&path, &text).map_err(|f| {
        crate::error::IdpError::usage(format!("the edited ADR is not valid: {}", f.display()))
    })?;
    let title = match fm.text("title") {
        t if t.trim().is_empty() => a.title.clone(),
        t => t,
    };
    let adr = Adr {
        number,
        id: format!("ADR-{number:04}"),
        title,
        status: "proposed".into(),
        date: a.date.clone(),
        path: path.clone(),
    };
    let readme = source
        .read(INDEX)?
        .unwrap_or_else(|| "# Architecture decision records\n".into());
    let index = match with_row(&readme, &adr) {
        Some(index) => index,
        None => {
            let (mut adrs, _) = load(source)?;
            adrs.push(adr);
            with_index(&readme, &index_table(&adrs))
        }
    };
    let mut cs = Changeset::new("adr", &format!("{number:04}-{}", slug(&a.title)), "adr:new");
    cs.title = format!("ADR-{number:04}: {}", a.title);
    cs.body = "A new architecture decision record (status: proposed).\n".into();
    cs.write(path.clone(), text);
    cs.write(INDEX, index);
    cs.trailers
        .push(("Idp-Adr".into(), format!("ADR-{number:04}")));
    cs.claims.push(crate::change::Claim {
        sequence: SEQUENCE.into(),
        number: u64::from(number),
        fresh: own.is_none(),
    });
    Ok((cs, path))
}

/// `readme` with `adr`'s row added at the end of the index table, or `None` when there is no
/// table between the markers to add to.
fn with_row(readme: &str, adr: &Adr) -> Option<String> {
    let start = readme.find(START)?;
    let end = readme[start..].find(END)? + start;
    let table = &readme[start + START.len()..end];
    // Only a table exactly as `idp adr index` writes it (header and separator) is extended.
    if !table
        .trim_start_matches('\n')
        .starts_with(&index_table(&[]))
    {
        return None;
    }
    let row = index_table(std::slice::from_ref(adr))
        .lines()
        .last()?
        .to_string();
    let body = table.trim_end_matches('\n');
    Some(format!(
        "{}{START}{body}\n{row}\n{}",
        &readme[..start],
        &readme[end..]
    ))
}

/// Set front matter fields of a document in place (comments and formatting kept).
pub fn set_meta(path: &str, text: &str, fields: &[(&str, Value)]) -> anyhow::Result<String> {
    let rest = text
        .strip_prefix("---\n")
        .ok_or_else(|| anyhow::anyhow!("`{path}` has no front matter"))?;
    let end = rest
        .find("\n---\n")
        .ok_or_else(|| anyhow::anyhow!("`{path}`: unclosed front matter"))?;
    let mut meta = rest[..end + 1].to_string();
    for (k, v) in fields {
        meta =
            crate::yaml::edit::set(&meta, &[k], v).map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
    }
    Ok(format!("---\n{meta}{}", &rest[end + 1..]))
}

/// Find an ADR by number (`7`, `0007`, `ADR-0007`).
pub fn find<'a>(adrs: &'a [Adr], which: &str) -> Option<&'a Adr> {
    let n: u32 = which.trim_start_matches("ADR-").parse().ok()?;
    adrs.iter().find(|a| a.number == n)
}

/// `idp adr status N STATUS [--by M]`: superseding updates both ADRs; the index follows.
pub fn set_status(
    source: &dyn Source,
    which: &str,
    status: &str,
    by: Option<&str>,
) -> anyhow::Result<Changeset> {
    use crate::error::IdpError;
    if !STATUSES.contains(&status) {
        return Err(IdpError::usage(format!(
            "`{status}` is not a status ({})",
            STATUSES.join(", ")
        )));
    }
    let (mut adrs, _) = load(source)?;
    let adr = find(&adrs, which)
        .cloned()
        .ok_or_else(|| IdpError::usage(format!("there is no ADR `{which}`")))?;
    let mut cs = Changeset::new("adr", &format!("{:04}-status", adr.number), "adr:status");
    cs.title = format!("ADR-{:04}: {status}", adr.number);
    let text = source.read(&adr.path)?.unwrap_or_default();
    let mut fields: Vec<(&str, Value)> = vec![("status", Value::from(status))];
    match (status, by) {
        ("superseded", Some(m)) => {
            let newer = find(&adrs, m)
                .cloned()
                .ok_or_else(|| IdpError::usage(format!("there is no ADR `{m}`")))?;
            let newer_id = format!("ADR-{:04}", newer.number);
            fields.push(("superseded_by", serde_json::json!([newer_id])));
            let newer_text = source.read(&newer.path)?.unwrap_or_default();
            let fm = split(&newer.path, &newer_text).map_err(|f| anyhow::anyhow!(f.display()))?;
            let mut sup: Vec<Value> = fm
                .meta
                .value
                .get("supersedes")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let old_id = Value::from(format!("ADR-{:04}", adr.number));
            if !sup.contains(&old_id) {
                sup.push(old_id);
            }
            cs.write(
                newer.path.clone(),
                set_meta(
                    &newer.path,
                    &newer_text,
                    &[("supersedes", Value::Array(sup))],
                )?,
            );
            cs.title = format!("ADR-{:04} superseded by {newer_id}", adr.number);
        }
        ("superseded", None) => {
            return Err(IdpError::usage(
                "`superseded` needs `--by M`, the ADR that supersedes it",
            ));
        }
        (_, Some(_)) => return Err(IdpError::usage("`--by` only goes with `superseded`")),
        _ => {}
    }
    cs.write(adr.path.clone(), set_meta(&adr.path, &text, &fields)?);
    if let Some(a) = adrs.iter_mut().find(|a| a.number == adr.number) {
        a.status = status.to_string();
    }
    let readme = source.read(INDEX)?.unwrap_or_default();
    cs.write(INDEX, with_index(&readme, &index_table(&adrs)));
    Ok(cs)
}

/// Front matter fields every ADR has (CONTRACTS.md, "Docs").
pub const REQUIRED: [&str; 17] = [
    "id",
    "title",
    "type",
    "status",
    "domain",
    "owner",
    "lifecycle",
    "risk_profile",
    "reliability",
    "relates_to",
    "supersedes",
    "superseded_by",
    "tags",
    "supported_until",
    "version",
    "breaking_change",
    "date",
];

/// The text of a `## Section` (up to the next `## `), if present.
pub fn section<'a>(body: &'a str, name: &str) -> Option<&'a str> {
    let start = body
        .find(&format!("\n## {name}\n"))
        .map(|i| i + name.len() + 5)
        .or_else(|| {
            body.strip_prefix(&format!("## {name}\n"))
                .map(|_| name.len() + 4)
        })?;
    let rest = &body[start..];
    Some(rest.find("\n## ").map_or(rest, |e| &rest[..e]).trim())
}

/// `idp adr lint`: every ADR problem with file and line. `base` is the base branch's tree (for
/// numbers taken there and the immutability of accepted decisions); `known` are ids other
/// documents define (runbooks), valid as `relates_to` targets.
pub fn lint(
    source: &dyn Source,
    base: Option<&dyn Source>,
    known: &[String],
) -> anyhow::Result<Vec<Finding>> {
    let (adrs, mut findings) = load(source)?;
    let (base_adrs, _) = match base {
        Some(b) => load(b)?,
        None => (Vec::new(), Vec::new()),
    };
    let stem = |p: &str| {
        p.rsplit('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(".md")
            .to_string()
    };
    let mut ids: Vec<String> = known.to_vec();
    for a in &adrs {
        ids.push(format!("ADR-{:04}", a.number));
        ids.push(stem(&a.path));
    }
    for a in &adrs {
        let text = source.read(&a.path)?.unwrap_or_default();
        let Ok(fm) = split(&a.path, &text) else {
            continue;
        };
        let finding = |pointer: &str, rule: &str, msg: String| {
            fm.finding(&a.path, pointer, format!("adr/{rule}"), msg)
        };
        for twin in adrs
            .iter()
            .filter(|o| o.number == a.number && o.path != a.path)
        {
            findings.push(finding(
                "/id",
                "duplicate-number",
                format!("ADR number {:04} is also used by `{}`", a.number, twin.path),
            ));
        }
        if let Some(taken) = base_adrs
            .iter()
            .find(|b| b.number == a.number && b.path != a.path)
            && !base_adrs.iter().any(|b| b.path == a.path)
        {
            findings.push(finding(
                "/id",
                "duplicate-number",
                format!("ADR number {:04} is already taken on the base branch by `{}`; renumber this one", a.number, taken.path),
            ));
        }
        if !a.id.is_empty() && a.id != format!("ADR-{:04}", a.number) && a.id != stem(&a.path) {
            findings.push(finding(
                "/id",
                "file-name",
                format!(
                    "id `{}` does not match the file name `{}`",
                    a.id,
                    stem(&a.path)
                ),
            ));
        }
        findings.extend(fm.check_fields(
            &a.path,
            "adr",
            &REQUIRED,
            &["relates_to", "supersedes", "superseded_by"],
            &ids,
        ));
        if !a.status.is_empty() && !STATUSES.contains(&a.status.as_str()) {
            findings.push(finding(
                "/status",
                "status",
                format!("`{}` is not a status ({})", a.status, STATUSES.join(", ")),
            ));
        }
        for s in SECTIONS {
            if section(&fm.body, s).is_none() {
                findings.push(
                    Finding::error(&a.path, 1, 1)
                        .rule("adr/sections")
                        .message(format!("missing section `## {s}`")),
                );
            }
        }
        // Accepted decisions are immutable: change them by superseding.
        if let Some(b) = base
            && let Some(was) = base_adrs
                .iter()
                .find(|x| x.path == a.path && x.status == "accepted")
            && let Some(old) = b.read(&was.path)?
            && let Ok(old_fm) = split(&was.path, &old)
            && section(&old_fm.body, "Decision") != section(&fm.body, "Decision")
        {
            let line = text
                .lines()
                .position(|l| l == "## Decision")
                .map_or(1, |i| i + 1);
            findings.push(
                Finding::error(&a.path, line, 1)
                    .rule("adr/immutable")
                    .message(format!("the Decision of accepted ADR-{:04} changed; write a new ADR that supersedes it", a.number)),
            );
        }
    }
    findings.sort_by(|x, y| (&x.file, x.line).cmp(&(&y.file, y.line)));
    Ok(findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_numbers() {
        assert_eq!(
            slug("Use Postgres for everything!"),
            "use-postgres-for-everything"
        );
        assert_eq!(number_of("ADR-0042-x.md"), Some(42));
        assert_eq!(number_of("README.md"), None);
    }

    #[test]
    fn replaces_the_index_between_markers() {
        let readme = format!("# x\n\n{START}\nold\n{END}\ntail\n");
        assert_eq!(
            with_index(&readme, "new\n"),
            format!("# x\n\n{START}\nnew\n{END}\ntail\n")
        );
        assert!(with_index("# x\n", "t\n").ends_with(&format!("{START}\nt\n{END}\n")));
    }
}

#[cfg(test)]
mod index_tests {
    use super::*;

    fn adr(number: u32, title: &str) -> Adr {
        Adr {
            number,
            id: format!("ADR-{number:04}"),
            title: title.into(),
            status: "proposed".into(),
            date: "2026-11-26".into(),
            path: format!("adrs/ADR-{number:04}-x.md"),
        }
    }

    #[test]
    fn a_new_row_extends_a_generated_table_and_matches_a_full_regeneration() {
        let one = [adr(1, "One")];
        let readme = with_index("# ADRs\n", &index_table(&one));
        let two = with_row(&readme, &adr(2, "Two | more")).unwrap();
        assert_eq!(
            two,
            with_index(
                &readme,
                &index_table(&[adr(1, "One"), adr(2, "Two | more")])
            )
        );
        // A table idp did not write (or none) is regenerated instead.
        assert_eq!(with_row("# ADRs\n", &adr(1, "One")), None);
        let hand = readme.replace("|---|---|---|---|", "|----|----|----|----|");
        assert_eq!(with_row(&hand, &adr(2, "Two")), None);
    }
}
