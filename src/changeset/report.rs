//! How a change's outcome is reported: the diff and status lines for people, the whole outcome
//! as JSON/YAML for scaffolder steps, and `$GITHUB_OUTPUT` / step summary under Actions.

use super::{Outcome, Status};
use crate::ctx::Ctx;
use crate::error::IdpError;
use crate::infra::git;

/// Print the outcome of a change; `--detailed-exitcode` turns a pending plan into exit 5.
pub fn report(ctx: &Ctx, outcome: &Outcome, detailed_exitcode: bool) -> anyhow::Result<()> {
    report_with(ctx, outcome, detailed_exitcode, serde_json::Map::new())
}

/// [`report`], with extra fields merged into the JSON/YAML result (e.g. the repository URL
/// and catalog entity a Backstage template's `output:` needs).
pub fn report_with(
    ctx: &Ctx,
    outcome: &Outcome,
    detailed_exitcode: bool,
    extra: serde_json::Map<String, serde_json::Value>,
) -> anyhow::Result<()> {
    let p = &ctx.printer;
    announce(p, outcome);
    let stat = super::Plan {
        files: outcome.files.clone(),
    }
    .stat();
    let mut value = serde_json::to_value(outcome)?;
    if let Some(m) = value.as_object_mut() {
        m.extend(extra.clone());
    }
    p.data(&value, || match outcome.status {
        Status::Planned => outcome.files.iter().map(|f| f.diff.as_str()).collect(),
        Status::NoChange => String::new(),
        _ => match &outcome.pr {
            Some(pr) => format!(
                "#{} {}\n",
                pr.number,
                outcome.branch.as_deref().unwrap_or_default()
            ),
            None => outcome.commit.clone().unwrap_or_default(),
        },
    })?;

    let mut outputs = vec![(
        "status",
        serde_json::to_value(outcome.status)?
            .as_str()
            .unwrap_or("")
            .to_string(),
    )];
    if let Some(b) = &outcome.branch {
        outputs.push(("branch", b.clone()));
    }
    if let Some(c) = &outcome.commit {
        outputs.push(("commit", c.clone()));
    }
    if let Some(pr) = &outcome.pr {
        outputs.push(("pr_number", pr.number.to_string()));
        outputs.push(("pr_url", pr.url.clone()));
    }
    if let Some(stale) = &outcome.stale_pr {
        outputs.push(("stale_pr_number", stale.number.to_string()));
        outputs.push(("stale_pr_url", stale.url.clone()));
    }
    let extra_strings: Vec<(String, String)> = extra
        .iter()
        .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())))
        .collect();
    for (k, v) in &extra_strings {
        outputs.push((k.as_str(), v.clone()));
    }
    p.outputs(&outputs)?;
    if !outcome.files.is_empty() {
        let mut md = format!("### idp {} `{}`\n\n{stat}\n\n", outcome.kind, outcome.id);
        md.push_str("```diff\n");
        for f in &outcome.files {
            md.push_str(&f.diff);
        }
        md.push_str("```\n");
        p.summary(&md)?;
    }
    if detailed_exitcode && outcome.status == Status::Planned {
        return Err(IdpError::ChangesPending.into());
    }
    Ok(())
}

/// The status lines of an outcome on stderr (`Committed 1a2b3c4 on `main` (1 file)`, the pull
/// request, the push), for commands whose stdout holds a result of their own.
pub fn announce(p: &crate::printer::Printer, outcome: &Outcome) {
    let stat = super::Plan {
        files: outcome.files.clone(),
    }
    .stat();
    let short = outcome
        .commit
        .as_deref()
        .and_then(|c| git2::Oid::from_str(c).ok())
        .map(git::short)
        .unwrap_or_default();
    match outcome.status {
        Status::Planned => {
            let target = match &outcome.branch {
                Some(b) => format!("a pull request from `{b}` into `{}`", outcome.base),
                None => format!("a commit on `{}`", outcome.base),
            };
            p.status(
                "Planned",
                format!("{stat}; would open {target} (dry run: nothing written)"),
            );
        }
        Status::NoChange => {
            p.status(
                "Unchanged",
                format!("`{}` already has this; nothing to do", outcome.base),
            );
            if let Some(pr) = &outcome.stale_pr {
                p.warn(format!(
                    "pull request #{} from `{}` is still open, but `{}` already has everything \
                     it changes (`{}`); close it with `idp pr close {}`",
                    pr.number, pr.branch, outcome.base, pr.url, pr.number
                ));
            }
        }
        Status::UpToDate => p.status(
            "Unchanged",
            format!(
                "`{}` already holds this change{}",
                outcome.branch.as_deref().unwrap_or_default(),
                match (&outcome.remote, outcome.pushed) {
                    (Some(remote), false) => format!(", and so does `{remote}`: nothing pushed"),
                    _ => String::new(),
                }
            ),
        ),
        Status::Opened | Status::Updated => {
            p.status(
                "Committed",
                format!(
                    "{short} on `{}` ({stat})",
                    outcome.branch.as_deref().unwrap_or_default()
                ),
            );
        }
        Status::Committed => p.status(
            "Committed",
            format!("{short} on `{}` ({stat})", outcome.base),
        ),
    }
    if !outcome.labels.is_empty() {
        p.status(
            "Requires",
            format!("approval labels: {}", outcome.labels.join(", ")),
        );
        for a in &outcome.approvals {
            p.status("", format!("`{}`: {} ({})", a.label, a.reason, a.file));
        }
    }
    if let Some(pr) = &outcome.pr {
        let verb = match outcome.status {
            Status::Opened => "Opened",
            Status::Updated => "Updated",
            _ => "Found",
        };
        p.status(
            verb,
            format!("pull request #{}: {} (`{}`)", pr.number, pr.title, pr.url),
        );
    }
    // Only when a ref moved there: a rerun that finds the remote up to date pushed nothing.
    if let (true, Some(remote)) = (outcome.pushed, &outcome.remote) {
        p.status("Pushed", format!("to `{remote}`"));
    }
}
