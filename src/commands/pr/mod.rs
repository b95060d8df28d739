//! `idp pr …`: pull requests on the forge (list, show, diff, approve, merge, close), and
//! `idp pr protect`, the GitHub branch protection that makes GitHub enforce approvals.

use crate::changeset::merge;
use crate::cli::{MergeStrategy, PrCommand, StateFilter};
use crate::ctx::Ctx;
use crate::infra::forge::github::{PrFile, unified_diff};
use crate::infra::forge::{AnyForge, PrState, PullRequest};

/// The configured forge; the local forge's records fetched from `origin` first, so the team's
/// pull requests show as the remote holds them. Offline (or when `origin` cannot be read),
/// this clone's last view is shown, with a warning saying so.
fn synced_forge<'r>(ctx: &Ctx, repo: &'r git2::Repository) -> anyhow::Result<AnyForge<'r>> {
    let forge = crate::changeset::forge(repo)?;
    if let AnyForge::Local(local) = &forge
        && let Err(e) = local.sync()
    {
        ctx.printer.warn(format!(
            "could not fetch the pull requests from `origin`, showing this clone's last view: {e:#}"
        ));
    }
    Ok(forge)
}

pub fn run(ctx: &Ctx, cmd: PrCommand) -> anyhow::Result<()> {
    let p = &ctx.printer;
    match cmd {
        PrCommand::List { state } => {
            let repo = ctx.repo()?;
            let forge = synced_forge(ctx, repo)?;
            // The default (open) reads only what is open.
            let listed = match state {
                StateFilter::Open => forge.list_open()?,
                _ => forge.list()?,
            };
            let prs: Vec<PullRequest> = listed
                .into_iter()
                .filter(|pr| match state {
                    StateFilter::All => true,
                    StateFilter::Open => pr.state == PrState::Open,
                    StateFilter::Merged => pr.state == PrState::Merged,
                    StateFilter::Closed => pr.state == PrState::Closed,
                })
                .collect();
            p.data(&prs, || {
                if prs.is_empty() {
                    p.status("None", "no pull requests match");
                    return String::new();
                }
                p.table(
                    &["#", "TITLE", "BRANCH", "STATE", "AUTHOR", "UPDATED"],
                    prs.iter()
                        .map(|pr| {
                            vec![
                                pr.number.to_string(),
                                pr.title.clone(),
                                pr.head.clone(),
                                pr.state.as_str().to_string(),
                                pr.author.clone(),
                                pr.updated_at.clone(),
                            ]
                        })
                        .collect(),
                )
            })
        }
        PrCommand::Show { number } => {
            let repo = ctx.repo()?;
            let forge = synced_forge(ctx, repo)?;
            let pr = forge.get(number)?;
            let files: Vec<PrFile> = match forge.github() {
                Some(gh) => gh.files(number)?,
                None => merge::diff(repo, &pr)?
                    .files
                    .iter()
                    .map(|f| PrFile {
                        path: f.path.clone(),
                        previous: None,
                        status: f.status.as_str().to_string(),
                        additions: f.additions as u64,
                        deletions: f.deletions as u64,
                        patch: String::new(),
                    })
                    .collect(),
            };
            p.data(&serde_json::json!({ "pr": pr, "files": files }), || {
                let mut s = format!("#{} {}\n", pr.number, pr.title);
                s.push_str(&format!("state:    {}\n", pr.state.as_str()));
                s.push_str(&format!("branch:   {} → {}\n", pr.head, pr.base));
                s.push_str(&format!("author:   {}\n", pr.author));
                s.push_str(&format!("created:  {}\n", pr.created_at));
                if !pr.labels.is_empty() {
                    s.push_str(&format!("labels:   {}\n", pr.labels.join(", ")));
                }
                for a in &pr.approvals {
                    s.push_str(&format!("approved: {} by {} at {}", a.label, a.by, a.at));
                    if !a.head.is_empty() {
                        s.push_str(&format!(" for {}", a.head.get(..7).unwrap_or(&a.head)));
                        if a.head != pr.head_sha {
                            s.push_str(" (void: the branch moved on)");
                        }
                    }
                    s.push('\n');
                }
                if let (Some(by), Some(at)) = (&pr.merged_by, &pr.merged_at) {
                    s.push_str(&format!("merged:   by {by} at {at}\n"));
                }
                if let (Some(by), Some(at)) = (&pr.closed_by, &pr.closed_at) {
                    s.push_str(&format!("closed:   by {by} at {at}\n"));
                }
                s.push_str(&format!("\n{}\n", pr.body.trim_end()));
                s
            })
        }
        PrCommand::Diff { number } => {
            let repo = ctx.repo()?;
            let forge = synced_forge(ctx, repo)?;
            let pr = forge.get(number)?;
            if let Some(gh) = forge.github() {
                let files = gh.files(number)?;
                return p.data(&files, || unified_diff(&files));
            }
            let plan = merge::diff(repo, &pr)?;
            p.data(&plan.files, || plan.diff())
        }
        PrCommand::Merge {
            number,
            strategy,
            delete_branch,
            no_push,
        } => {
            let strategy = match strategy {
                MergeStrategy::Auto => merge::Strategy::Auto,
                MergeStrategy::Ff => merge::Strategy::Ff,
                MergeStrategy::Merge => merge::Strategy::Merge,
            };
            let merged = merge::merge(ctx, number, strategy, delete_branch, !no_push, &regenerate)?;
            p.status(
                "Merged",
                format!(
                    "pull request #{} into `{}` ({}, {})",
                    merged.pr.number,
                    merged.pr.base,
                    match merged.method {
                        crate::infra::forge::MergeMethod::FastForward => "fast-forward",
                        crate::infra::forge::MergeMethod::MergeCommit => "merge commit",
                        crate::infra::forge::MergeMethod::Rebase => "rebase",
                    },
                    merged.commit.get(..7).unwrap_or(&merged.commit)
                ),
            );
            p.outputs(&[
                ("pr_number", number.to_string()),
                ("commit", merged.commit.clone()),
            ])?;
            p.data(&merged, || format!("{}\n", merged.commit))
        }
        PrCommand::Approve {
            number,
            label,
            no_push,
        } => {
            let pr = merge::approve(ctx, number, &label, !no_push)?;
            p.status(
                "Approved",
                format!("pull request #{} with `{label}`", pr.number),
            );
            p.data(&pr, String::new)
        }
        PrCommand::Protect { branch } => {
            let (branch, body) = crate::changeset::approvals::protect(ctx, branch.as_deref())?;
            p.status(
                "Protected",
                format!("`{branch}`: GitHub requires a code owner's approving review"),
            );
            p.data(&body, String::new)
        }
        PrCommand::Close { number, no_push } => {
            let pr = merge::close(ctx, number, !no_push)?;
            p.status("Closed", format!("pull request #{}", pr.number));
            p.data(&pr, String::new)
        }
    }
}

/// A file both sides of a merge changed that idp generates from the others: the document
/// indexes, and each environment's Argo CD wiring.
fn regenerate(source: &dyn crate::platform::Source, path: &str) -> anyhow::Result<Option<String>> {
    match crate::docs::regenerate_index(source, path)? {
        Some(text) => Ok(Some(text)),
        None => crate::platform::gitops::regenerate(source, path),
    }
}
