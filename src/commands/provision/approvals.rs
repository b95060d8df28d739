//! `idp provision approvals --labels a,b [FILES|--base REF]`: the CI check that a pull
//! request carries every approval label its requests need.

use std::path::PathBuf;

use serde_json::json;

use crate::changeset::plan::tree_changes;
use crate::changeset::validate::{Scope, check_all};
use crate::ctx::Ctx;
use crate::error::{Finding, IdpError};
use crate::infra::forge::github::pulls::NEEDS as NEEDS_PREFIX;
use crate::platform::{WorkTree, relative_path};

pub fn run(
    ctx: &Ctx,
    labels: &[String],
    base: Option<&str>,
    files: &[PathBuf],
) -> anyhow::Result<()> {
    let root = ctx.root()?;
    let changed: Vec<String> = if files.is_empty() {
        let repo = ctx.repo()?;
        let base_ref = base.map(str::to_string).unwrap_or_else(|| {
            crate::changeset::resolve_base(repo, &Default::default())
                .map(|b| b.name)
                .unwrap_or_else(|_| "main".into())
        });
        let base_commit = repo
            .revparse_single(&base_ref)
            .and_then(|o| o.peel_to_commit())
            .map_err(|_| IdpError::usage(format!("`--base {base_ref}` is not a commit")))?;
        let head = repo.head()?.peel_to_commit()?;
        let mb = repo.merge_base(base_commit.id(), head.id())?;
        let old = repo.find_commit(mb)?.tree()?;
        tree_changes(repo, Some(&old), &head.tree()?)?
            .files
            .into_iter()
            .map(|f| f.path)
            .collect()
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
    // Only a plain approval label approves. On GitHub idp marks what a pull request still needs
    // with `needs:<label>`: that one says the approval is missing, so it never counts.
    let labels: Vec<String> = labels
        .iter()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty() && !l.starts_with(NEEDS_PREFIX))
        .collect();
    let labels = &labels;
    let checked = check_all(&WorkTree::new(root), Scope::Files(&changed))?;
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
