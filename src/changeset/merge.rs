//! Landing and closing pull requests: the other place refs move, under the same rules as a
//! change (RBAC from the base, validation of the merged tree before any ref moves, refs put
//! back when publishing fails).

use serde::Serialize;

use super::plan::{self, Plan};
use super::validate::{self, Scope};
use crate::cli::MergeStrategy;
use crate::ctx::Ctx;
use crate::error::{IdpError, Severity};
use crate::infra::forge::github::{self, GitHubForge};
use crate::infra::forge::local::{FORGE_REF, LocalForge};
use crate::infra::forge::{AnyForge, Forge, MergeMethod, PrState, PullRequest};
use crate::infra::git;
use crate::platform::GitTree;

#[derive(Debug, Serialize)]
pub struct Merged {
    pub pr: PullRequest,
    pub method: MergeMethod,
    pub commit: String,
    pub branch_deleted: bool,
    pub pushed: bool,
}

fn open_pr(forge: &dyn Forge, number: u64) -> anyhow::Result<PullRequest> {
    let pr = forge.get(number)?;
    if pr.state != PrState::Open {
        return Err(IdpError::usage(format!(
            "pull request #{number} is {}; only open pull requests can be merged or closed",
            pr.state.as_str()
        )));
    }
    Ok(pr)
}

fn authorize(
    ctx: &Ctx,
    repo: &git2::Repository,
    base: &str,
    action: &str,
) -> anyhow::Result<String> {
    let actor = ctx.actor();
    let opts = super::Options {
        base: Some(base.to_string()),
        ..Default::default()
    };
    if let Some(config) = super::resolve_base(repo, &opts)?.config {
        config.authorize(&actor, action, None)?;
    }
    Ok(actor)
}

/// Merge pull request `number` into its base.
pub fn merge(
    ctx: &Ctx,
    number: u64,
    strategy: MergeStrategy,
    delete_branch: bool,
    push: bool,
) -> anyhow::Result<Merged> {
    let repo = ctx.repo()?;
    if let AnyForge::GitHub(gh) = super::forge(repo)? {
        return merge_on_github(ctx, &gh, number, strategy, delete_branch);
    }
    let forge = LocalForge::new(repo);
    let pr = open_pr(&forge, number)?;
    let actor = authorize(ctx, repo, &pr.base, "pr:merge")?;
    let head = git::branch_tip(repo, &pr.head)?.ok_or_else(|| {
        IdpError::usage(format!(
            "the branch `{}` of pull request #{number} no longer exists",
            pr.head
        ))
    })?;
    let base = git::branch_tip(repo, &pr.base)?
        .ok_or_else(|| IdpError::usage(format!("the base branch `{}` does not exist", pr.base)))?;

    let already_in = repo.graph_descendant_of(base.id(), head.id())? || base.id() == head.id();
    let can_ff = repo.graph_descendant_of(head.id(), base.id())?;
    let (new, method) = if already_in {
        (base.id(), MergeMethod::FastForward)
    } else if can_ff && strategy != MergeStrategy::Merge {
        (head.id(), MergeMethod::FastForward)
    } else if strategy == MergeStrategy::Ff {
        return Err(IdpError::NotFastForward {
            head: pr.head.clone(),
            base: pr.base.clone(),
        }
        .into());
    } else {
        let mut index = repo.merge_commits(&base, &head, None)?;
        if index.has_conflicts() {
            let files: Vec<String> = index
                .conflicts()?
                .filter_map(|c| c.ok())
                .filter_map(|c| {
                    c.our
                        .or(c.their)
                        .map(|e| String::from_utf8_lossy(&e.path).into_owned())
                })
                .collect();
            return Err(IdpError::Conflict {
                head: pr.head.clone(),
                base: pr.base.clone(),
                files: files.join(", "),
            }
            .into());
        }
        let tree = index.write_tree_to(repo)?;
        let message = format!(
            "Merge pull request #{number} from {}\n\n{}\n\n{}: {}\nIdp-Actor: {actor}\nIdp-Pull-Request: {number}\n",
            pr.head,
            pr.title,
            git::COMMAND_TRAILER,
            ctx.command_line
        );
        (
            git::commit(repo, tree, &[&base, &head], &message)?,
            MergeMethod::MergeCommit,
        )
    };

    // The merged tree must pass every check for the files the pull request touches.
    let new_tree = repo.find_commit(new)?.tree()?;
    let changed: Plan = plan::tree_changes(repo, Some(&base.tree()?), &new_tree)?;
    let touched: Vec<String> = changed.files.iter().map(|f| f.path.clone()).collect();
    let findings = validate::check(&GitTree::new(repo, Some(new_tree)), Scope::Files(&touched))?;
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    if errors > 0 {
        return Err(IdpError::Invalid {
            message: format!("the merged result of #{number} fails {errors} check(s)"),
            findings,
        }
        .into());
    }

    let base_ref = format!("refs/heads/{}", pr.base);
    let head_ref = format!("refs/heads/{}", pr.head);
    let old_forge = git::ref_target(repo, FORGE_REF)?;
    if new != base.id() {
        git::advance_branch(
            repo,
            &pr.base,
            new,
            Some(base.id()),
            &format!("idp: merge #{number}"),
        )?;
    }
    let undo = |repo: &git2::Repository| {
        git::restore_ref(repo, &base_ref, Some(base.id()));
        git::restore_ref(repo, FORGE_REF, old_forge);
        git::restore_ref(repo, &head_ref, Some(head.id()));
    };
    let merged = match forge.mark_merged(number, &actor, &new.to_string()) {
        Ok(pr) => pr,
        Err(e) => {
            undo(repo);
            return Err(e);
        }
    };
    if delete_branch && let Ok(mut r) = repo.find_reference(&head_ref) {
        r.delete()?;
    }
    let push = push && git::has_origin(repo);
    if push {
        let mut specs = vec![
            format!("{base_ref}:{base_ref}"),
            format!("+{FORGE_REF}:{FORGE_REF}"),
        ];
        if delete_branch {
            specs.push(format!(":{head_ref}"));
        }
        if let Err(e) = git::push(repo, &specs) {
            undo(repo);
            return Err(e);
        }
    }
    Ok(Merged {
        pr: merged,
        method,
        commit: new.to_string(),
        branch_deleted: delete_branch,
        pushed: push,
    })
}

/// Ask GitHub to merge: RBAC as for a local merge, GitHub's own rules (reviews, checks,
/// protection) on top; only the head idp saw is merged.
fn merge_on_github(
    ctx: &Ctx,
    gh: &GitHubForge,
    number: u64,
    strategy: MergeStrategy,
    delete_branch: bool,
) -> anyhow::Result<Merged> {
    let repo = ctx.repo()?;
    let pr = open_pr(gh, number)?;
    authorize(ctx, repo, &pr.base, "pr:merge")?;
    let (method, shown) = match strategy {
        MergeStrategy::Auto | MergeStrategy::Merge => {
            (github::MergeMethod::Merge, MergeMethod::MergeCommit)
        }
        // GitHub has no fast-forward merge; a rebase keeps the history as linear.
        MergeStrategy::Ff => (github::MergeMethod::Rebase, MergeMethod::Rebase),
    };
    let commit = gh.merge(number, method, &pr.head_sha)?;
    if delete_branch {
        gh.delete_branch(&pr.head)?;
    }
    let merged = gh.get(number)?;
    Ok(Merged {
        pr: merged,
        method: shown,
        commit,
        branch_deleted: delete_branch,
        pushed: true,
    })
}

/// Apply an approval label (RBAC: `pr:approve@<label>`).
pub fn approve(ctx: &Ctx, number: u64, label: &str, push: bool) -> anyhow::Result<PullRequest> {
    let repo = ctx.repo()?;
    if let AnyForge::GitHub(gh) = super::forge(repo)? {
        let pr = open_pr(gh.as_ref(), number)?;
        let opts = super::Options {
            base: Some(pr.base.clone()),
            ..Default::default()
        };
        if let Some(config) = super::resolve_base(repo, &opts)?.config {
            config.authorize(&ctx.actor(), "pr:approve", Some(label))?;
        }
        return gh.approve(number, label, &ctx.actor());
    }
    let forge = LocalForge::new(repo);
    let pr = open_pr(&forge, number)?;
    let actor = ctx.actor();
    let opts = super::Options {
        base: Some(pr.base.clone()),
        ..Default::default()
    };
    if let Some(config) = super::resolve_base(repo, &opts)?.config {
        config.authorize(&actor, "pr:approve", Some(label))?;
    }
    let old_forge = git::ref_target(repo, FORGE_REF)?;
    let approved = forge.approve(number, label, &actor)?;
    if push
        && git::has_origin(repo)
        && let Err(e) = git::push(repo, &[format!("+{FORGE_REF}:{FORGE_REF}")])
    {
        git::restore_ref(repo, FORGE_REF, old_forge);
        return Err(e);
    }
    Ok(approved)
}

/// Close pull request `number` without merging.
pub fn close(ctx: &Ctx, number: u64, push: bool) -> anyhow::Result<PullRequest> {
    let repo = ctx.repo()?;
    if let AnyForge::GitHub(gh) = super::forge(repo)? {
        let pr = open_pr(gh.as_ref(), number)?;
        let actor = authorize(ctx, repo, &pr.base, "pr:close")?;
        return gh.close(number, &actor);
    }
    let forge = LocalForge::new(repo);
    let pr = open_pr(&forge, number)?;
    let actor = authorize(ctx, repo, &pr.base, "pr:close")?;
    let old_forge = git::ref_target(repo, FORGE_REF)?;
    let closed = forge.close(number, &actor)?;
    if push
        && git::has_origin(repo)
        && let Err(e) = git::push(repo, &[format!("+{FORGE_REF}:{FORGE_REF}")])
    {
        git::restore_ref(repo, FORGE_REF, old_forge);
        return Err(e);
    }
    Ok(closed)
}

/// The changes of a pull request: from where its head left the base to its head.
pub fn diff(repo: &git2::Repository, pr: &PullRequest) -> anyhow::Result<Plan> {
    let head = match git::branch_tip(repo, &pr.head)? {
        Some(c) => c,
        None => repo.find_commit(git2::Oid::from_str(&pr.head_sha)?)?,
    };
    let old = match git::branch_tip(repo, &pr.base)? {
        Some(base) => {
            let mb = repo.merge_base(base.id(), head.id())?;
            Some(repo.find_commit(mb)?.tree()?)
        }
        None => None,
    };
    plan::tree_changes(repo, old.as_ref(), &head.tree()?)
}
