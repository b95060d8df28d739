//! `idp provision approvals --labels a,b [FILES|--base REF]`: the CI check that a pull
//! request carries every approval label its requests need; with `--pr N`, that the approvals
//! were given by who may give them (GitHub reviews or the local record; labels do not count:
//! [`crate::changeset::approvals::check_pr`]).

use std::path::PathBuf;

use clap::Args;
use serde_json::json;

use crate::changeset::validate::{Scope, check_all};
use crate::ctx::Ctx;
use crate::error::{Finding, IdpError};
use crate::infra::forge::github::pulls::NEEDS as NEEDS_PREFIX;
use crate::platform::{WorkTree, relative_path};

#[derive(Debug, Args)]
pub struct ApprovalsArgs {
    /// The labels the pull request has, comma-separated (ignored with `--pr`)
    #[arg(long, value_delimiter = ',')]
    pub labels: Vec<String>,
    /// Check who approved pull request N instead of its labels: reviews at its head commit
    /// on GitHub, the approvals of its record on the local forge, against the roles
    #[arg(long, value_name = "N", add = crate::commands::complete::prs())]
    pub pr: Option<u64>,
    /// Compare with this ref to find the changed requests (default: the base branch)
    #[arg(long, value_name = "REF")]
    pub base: Option<String>,
    /// The request files to check (default: those changed since `--base`)
    pub files: Vec<PathBuf>,
}

pub fn run(ctx: &Ctx, args: ApprovalsArgs) -> anyhow::Result<()> {
    let (labels, pr, base, files) = (
        &args.labels[..],
        args.pr,
        args.base.as_deref(),
        &args.files[..],
    );
    let root = ctx.root()?;
    let changed: Vec<String> = if files.is_empty() {
        crate::changeset::validate::changed_since(ctx.repo()?, base)?
    } else {
        let mut out = Vec::new();
        for f in files {
            let rel = relative_path(root, &ctx.cwd, f)?;
            if !root.join(&rel).is_file() {
                return Err(IdpError::usage(format!("`{}` does not exist", f.display())));
            }
            out.push(rel);
        }
        out
    };
    let checked = check_all(&WorkTree::new(root), Scope::Files(&changed))?;
    if let Some(number) = pr {
        return by_approvers(ctx, number, &checked.approvals, &changed);
    }
    // Only a plain approval label approves. On GitHub idp marks what a pull request still needs
    // with `needs:<label>`: that one says the approval is missing, so it never counts.
    let labels: Vec<String> = labels
        .iter()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty() && !l.starts_with(NEEDS_PREFIX))
        .collect();
    let labels = &labels;
    let missing: Vec<&crate::policy::Approval> = checked
        .approvals
        .iter()
        .filter(|a| !labels.contains(&a.label))
        .collect();
    let value = json!({"required": checked.approvals, "missing": missing, "labels": labels, "files": changed});
    ctx.printer.data(&value, || {
        checked
            .approvals
            .iter()
            .map(|a| {
                format!(
                    "{}\t{}\t{} ({})\n",
                    if labels.contains(&a.label) {
                        "ok"
                    } else {
                        "MISSING"
                    },
                    a.label,
                    a.reason,
                    a.file
                )
            })
            .collect()
    })?;
    if missing.is_empty() {
        ctx.printer.status(
            "Approved",
            format!("{} required label(s) present", checked.approvals.len()),
        );
        return Ok(());
    }
    ctx.printer.annotate(
        &missing
            .iter()
            .map(|a| {
                Finding::error(&a.file, 1, 1)
                    .rule("approvals/missing")
                    .message(format!("needs the label `{}`: {}", a.label, a.reason))
            })
            .collect::<Vec<_>>(),
    );
    let mut names: Vec<&str> = missing.iter().map(|a| a.label.as_str()).collect();
    names.sort();
    names.dedup();
    ctx.printer
        .error(format!("missing approval label(s): {}", names.join(", ")));
    Err(IdpError::AlreadyPrinted(crate::error::exit::INVALID).into())
}

/// `--pr N`: the required approvals against who approved pull request `number`.
fn by_approvers(
    ctx: &Ctx,
    number: u64,
    required: &[crate::policy::Approval],
    changed: &[String],
) -> anyhow::Result<()> {
    let labels: Vec<String> = required.iter().map(|a| a.label.clone()).collect();
    let (pr, missing) = crate::changeset::approvals::check_pr(ctx, number, &labels)?;
    let value = json!({
        "pr": number, "required": required, "missing": missing, "files": changed,
        "approvals": pr.approvals,
    });
    ctx.printer.data(&value, || {
        required
            .iter()
            .map(|a| {
                let gap = missing.iter().find(|m| m.label == a.label);
                format!(
                    "{}\t{}\t{} ({})\n",
                    if gap.is_some() { "MISSING" } else { "ok" },
                    a.label,
                    a.reason,
                    a.file
                )
            })
            .collect()
    })?;
    if missing.is_empty() {
        ctx.printer.status(
            "Approved",
            format!(
                "{} required approval(s) of #{number} given by who may give them",
                labels.len()
            ),
        );
        return Ok(());
    }
    ctx.printer.annotate(
        &required
            .iter()
            .filter_map(|a| {
                let m = missing.iter().find(|m| m.label == a.label)?;
                Some(
                    Finding::error(&a.file, 1, 1)
                        .rule("approvals/missing")
                        .message(format!("needs the approval {}: {}", m.describe(), a.reason)),
                )
            })
            .collect::<Vec<_>>(),
    );
    let names: Vec<String> = missing.iter().map(|m| m.describe()).collect();
    ctx.printer.error(format!(
        "pull request #{number} lacks the approval(s) {}",
        names.join(", ")
    ));
    Err(IdpError::AlreadyPrinted(crate::error::exit::INVALID).into())
}
