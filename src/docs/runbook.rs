//! Runbooks: `runbooks/RB-NNNN-slug.md`, one format (Purpose, When to use, Prerequisites, Steps,
//! Verification, Troubleshooting, Rollback, Related), an index in `runbooks/README.md`, and lint.

use serde::Serialize;

use super::{adr, replace_between, split};
use crate::change::Changeset;
use crate::error::Finding;
use crate::platform::Source;

pub const DIR: &str = "runbooks";
pub const INDEX: &str = "runbooks/README.md";
/// The sequence runbook numbers are taken from (`refs/idp/sequences/runbook`).
pub const SEQUENCE: &str = "runbook";
pub const START: &str = "<!-- idp:runbook-index:start -->";
pub const END: &str = "<!-- idp:runbook-index:end -->";
pub const SECTIONS: [&str; 8] = [
    "Purpose",
    "When to use",
    "Prerequisites",
    "Steps",
    "Verification",
    "Troubleshooting",
    "Rollback",
    "Related",
];

#[derive(Debug, Clone, Serialize)]
pub struct Runbook {
    pub number: u32,
    pub id: String,
    pub title: String,
    pub domain: String,
    pub path: String,
}

pub fn load(source: &dyn Source) -> anyhow::Result<(Vec<Runbook>, Vec<Finding>)> {
    let (docs, findings) = super::numbered(source, DIR, "RB")?;
    let runbooks = docs
        .into_iter()
        .map(|(number, path, fm)| Runbook {
            number,
            id: fm.text("id"),
            title: fm.text("title"),
            domain: fm.text("domain"),
            path,
        })
        .collect();
    Ok((runbooks, findings))
}

pub fn index_table(runbooks: &[Runbook]) -> String {
    let mut s = String::from("| ID | Title | Domain |\n|---|---|---|\n");
    for r in runbooks {
        let file = r.path.rsplit('/').next().unwrap_or("");
        s.push_str(&format!(
            "| [RB-{:04}]({file}) | {} | {} |\n",
            r.number,
            r.title.replace('|', "\\|"),
            r.domain
        ));
    }
    s
}

pub fn with_index(readme: &str, table: &str) -> String {
    replace_between(readme, START, END, table)
}

/// `idp runbook new`: the next free number, the one format, and the index.
///
/// The number is above `taken` (the highest the runbook sequence handed out, to every clone)
/// and every runbook on the base.
pub fn new(
    source: &dyn Source,
    title: &str,
    domain: &str,
    date: &str,
    taken: u64,
) -> anyhow::Result<(Changeset, String)> {
    let (mut runbooks, _) = load(source)?;
    let on_base = runbooks.iter().map(|r| r.number).max().unwrap_or(0);
    let number = u32::try_from(u64::from(on_base).max(taken) + 1)
        .map_err(|_| crate::error::IdpError::usage("runbook numbers are exhausted"))?;
    let id = format!("RB-{number:04}");
    let path = format!("{DIR}/{id}-{}.md", adr::slug(title));
    let q = |s: &str| crate::yaml::render_inline(&serde_json::json!(s));
    let mut text = format!(
        "---\nid: {id}\ntitle: {}\ntype: runbook\nstatus: active\ndomain: {}\nowner: platform\nlifecycle: active\n\
risk_profile:\n  production_impact: medium\n  security_risk: low\n  coupling_risk: low\n\
reliability:\n  rollback_strategy: git-revert\n  observability_tier: bronze\n  maturity: 1\n\
relates_to: []\nsupersedes: []\nsuperseded_by: []\ntags: []\nsupported_until: {}\nversion: '1.0'\n\
breaking_change: false\ndate: {date}\nreview_cadence_days: 90\nlast_reviewed: {date}\n---\n# {id}: {title}\n",
        q(title),
        q(domain),
        date.get(..4)
            .and_then(|y| y.parse::<u32>().ok())
            .map_or(date.to_string(), |y| format!("{}{}", y + 2, &date[4..])),
    );
    for s in SECTIONS {
        text.push_str(&format!("\n## {s}\n\nTODO\n"));
    }
    runbooks.push(Runbook {
        number,
        id: id.clone(),
        title: title.into(),
        domain: domain.into(),
        path: path.clone(),
    });
    let readme = source.read(INDEX)?.unwrap_or_else(|| "# Runbooks\n".into());
    let mut cs = Changeset::new(
        "runbook",
        &format!("{number:04}-{}", adr::slug(title)),
        "runbook:new",
    );
    cs.title = format!("{id}: {title}");
    cs.write(path.clone(), text);
    cs.write(INDEX, with_index(&readme, &index_table(&runbooks)));
    cs.claims.push(crate::change::Claim {
        sequence: SEQUENCE.into(),
        number: u64::from(number),
        fresh: true,
    });
    Ok((cs, path))
}

/// `idp runbook lint`: numbers, ids, required fields, the eight sections, links.
pub fn lint(source: &dyn Source) -> anyhow::Result<Vec<Finding>> {
    let (runbooks, mut findings) = load(source)?;
    let (adrs, _) = adr::load(source)?;
    let mut ids: Vec<String> = runbooks
        .iter()
        .map(|r| format!("RB-{:04}", r.number))
        .collect();
    ids.extend(adrs.iter().map(|a| format!("ADR-{:04}", a.number)));
    for r in &runbooks {
        let text = source.read(&r.path)?.unwrap_or_default();
        let Ok(fm) = split(&r.path, &text) else {
            continue;
        };
        let finding = |p: &str, rule: &str, msg: String| {
            fm.finding(&r.path, p, format!("runbook/{rule}"), msg)
        };
        for twin in runbooks
            .iter()
            .filter(|o| o.number == r.number && o.path != r.path)
        {
            findings.push(finding(
                "/id",
                "duplicate-number",
                format!(
                    "runbook number {:04} is also used by `{}`",
                    r.number, twin.path
                ),
            ));
        }
        if r.id != format!("RB-{:04}", r.number) {
            findings.push(finding(
                "/id",
                "file-name",
                format!("id `{}` does not match the file name", r.id),
            ));
        }
        findings.extend(fm.check_fields(&r.path, "runbook", &adr::REQUIRED, &["relates_to"], &ids));
        let headings: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("## ")).collect();
        let present: Vec<&str> = SECTIONS
            .iter()
            .copied()
            .filter(|s| headings.contains(s))
            .collect();
        for s in SECTIONS.iter().filter(|s| !present.contains(s)) {
            findings.push(
                Finding::error(&r.path, 1, 1)
                    .rule("runbook/sections")
                    .message(format!("missing section `## {s}`")),
            );
        }
        let order: Vec<&str> = headings
            .iter()
            .copied()
            .filter(|h| SECTIONS.contains(h))
            .collect();
        if present.len() == SECTIONS.len() && order != SECTIONS {
            findings.push(
                Finding::error(&r.path, 1, 1)
                    .rule("runbook/sections")
                    .message(format!(
                        "sections must come in this order: {}",
                        SECTIONS.join(", ")
                    )),
            );
        }
    }
    findings.sort_by(|x, y| (&x.file, x.line).cmp(&(&y.file, y.line)));
    Ok(findings)
}
