//! Landing, approving and closing pull requests, under the same rules as a change: RBAC from
//! the base, validation of the merged tree before any ref moves, one atomic push with leases,
//! the checkout updated last, and a retry on a lost race.

use serde::Serialize;

use super::plan::{self, Plan};
use super::validate::{self, Scope};
use crate::ctx::Ctx;
use crate::error::{IdpError, Severity};
use crate::infra::forge::github::{self, GitHubForge};
use crate::infra::forge::local::LocalForge;
use crate::infra::forge::{AnyForge, Forge, MergeMethod, PrState, PullRequest};
use crate::infra::gitcli::{Expect, RefUpdate};
use crate::infra::refs::{self, Remote};
use crate::infra::source::{GitTree, Source};
use crate::infra::{clock, git};

#[derive(Debug, Serialize)]
pub struct Merged {
    pub pr: PullRequest,
    pub method: MergeMethod,
    pub commit: String,
    pub branch_deleted: bool,
    pub pushed: bool,
}

/// Regenerates a file two merged sides both changed, when it is generated from the others
/// (an index of documents): its content from the merged tree, or `None` when it is not one.
pub type Regenerate<'a> = &'a dyn Fn(&dyn Source, &str) -> anyhow::Result<Option<String>>;

/// Why a merge has no tree.
enum Unmerged {
    /// Files both sides changed differently, none of them regenerable.
    Conflict(Vec<String>),
    Failed(anyhow::Error),
}

impl From<git2::Error> for Unmerged {
    fn from(e: git2::Error) -> Self {
        Unmerged::Failed(e.into())
    }
}

impl From<anyhow::Error> for Unmerged {
    fn from(e: anyhow::Error) -> Self {
        Unmerged::Failed(e)
    }
}

/// The tree of a three-way merge. Conflicting files that `regenerate` knows are generated
/// from the merged tree (our side first, then regenerated); any other conflict is a conflict.
fn merged_tree(
    repo: &git2::Repository,
    mut index: git2::Index,
    regenerate: Regenerate<'_>,
) -> Result<git2::Oid, Unmerged> {
    if !index.has_conflicts() {
        return Ok(index.write_tree_to(repo)?);
    }
    let conflicts: Vec<git2::IndexConflict> = index.conflicts()?.collect::<Result<_, _>>()?;
    let path_of = |c: &git2::IndexConflict| {
        c.our
            .as_ref()
            .or(c.their.as_ref())
            .map(|e| String::from_utf8_lossy(&e.path).into_owned())
            .unwrap_or_default()
    };
    let paths: Vec<String> = conflicts.iter().map(path_of).collect();
    for (c, path) in conflicts.into_iter().zip(&paths) {
        index.conflict_remove(std::path::Path::new(path))?;
        if let Some(mut ours) = c.our {
            ours.flags &= !STAGE_MASK;
            index.add(&ours)?;
        }
    }
    let ours = index.write_tree_to(repo)?;
    let source = GitTree::new(repo, Some(repo.find_tree(ours)?));
    let mut regenerated = std::collections::BTreeMap::new();
    let mut left = Vec::new();
    for path in &paths {
        match regenerate(&source, path)? {
            Some(text) => {
                regenerated.insert(path.clone(), Some(text));
            }
            None => left.push(path.clone()),
        }
    }
    if !left.is_empty() {
        return Err(Unmerged::Conflict(left));
    }
    Ok(git::build_tree(
        repo,
        Some(&repo.find_tree(ours)?),
        &regenerated,
    )?)
}

/// The stage bits of an index entry's flags (`GIT_INDEX_ENTRY_STAGEMASK`).
const STAGE_MASK: u16 = 0x3000;

/// How to merge a pull request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    /// Fast-forward when the base has not moved on, else a merge commit.
    Auto,
    /// Fast-forward only (GitHub: rebase).
    Ff,
    /// Always a merge commit.
    Merge,
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
        config.authorize(ctx.identity()?, action, None)?;
    }
    Ok(actor)
}

/// The local forge of `repo`, fetched from `origin` unless `push` is off.
fn local_forge(repo: &git2::Repository, push: bool) -> anyhow::Result<LocalForge<'_>> {
    let forge = LocalForge::new(repo, if push { Remote::origin(repo) } else { None });
    forge.sync()?;
    Ok(forge)
}

/// Merge pull request `number` into its base.
///
/// The merge is a change with two parents through the same stages as any other: made in
/// memory from the base and head as the remote holds them, validated, then landed in one
/// atomic push (the base by compare-and-swap, the pull request's record, the deleted branch),
/// and only then is the checkout updated. On a lost race it is made again on the new base.
/// A failure leaves the work tree, index, refs and remote as they were; no work tree is
/// needed (it works in a bare repository).
pub fn merge(
    ctx: &Ctx,
    number: u64,
    strategy: Strategy,
    delete_branch: bool,
    push: bool,
    regenerate: Regenerate<'_>,
) -> anyhow::Result<Merged> {
    let repo = ctx.repo()?;
    if let AnyForge::GitHub(gh) = super::forge(repo)? {
        return merge_on_github(ctx, &gh, number, strategy, delete_branch);
    }
    let forge = LocalForge::new(repo, if push { Remote::origin(repo) } else { None });
    let remote = forge.remote().cloned();
    // This clone's base catches up first, once (a rerun after a kill between the push and the
    // checkout update then ends as the uninterrupted merge did, even when the pull request
    // turns out merged); a lock a killed run left is waited out as in any attempt.
    if let Some(r) = &remote {
        let caught_up = refs::with_retries(
            Some(r),
            &|| format!("the catch-up before merging #{number}"),
            refs::ATTEMPTS,
            &|_, _| {},
            || {
                forge.sync()?;
                if let Ok(pr) = forge.get(number) {
                    r.fetch(repo, &[r.branch_spec(&pr.base)])?;
                    super::catch_up(
                        repo,
                        &pr.base,
                        git::ref_target(repo, &r.tracking(&pr.base))?,
                    )?;
                }
                Ok(())
            },
        );
        if let Err(e) = caught_up {
            tracing::debug!("this clone's base stays as it is: {e:#}");
        }
    }
    let retrying = |n: u32, _: &anyhow::Error| {
        let place = remote
            .as_ref()
            .map_or("this repository", |r| r.name.as_str());
        ctx.printer.warn(format!(
            "`{place}` moved on while #{number} was merged; merging again (attempt {n} of {})",
            refs::ATTEMPTS
        ));
    };
    refs::with_retries(
        remote.as_ref(),
        &|| format!("the merge of #{number}"),
        refs::ATTEMPTS,
        &retrying,
        || {
            forge.sync()?;
            merge_once(
                ctx,
                repo,
                &forge,
                number,
                strategy,
                delete_branch,
                regenerate,
            )
        },
    )
}

/// The commit a branch points at where the change lands: the remote's (fetched now) with a
/// remote, else this repository's.
fn tip_of<'r>(
    repo: &'r git2::Repository,
    remote: Option<&Remote>,
    branch: &str,
) -> anyhow::Result<Option<git2::Commit<'r>>> {
    let id = match remote {
        Some(r) => {
            r.fetch(repo, &[r.branch_spec(branch)])?;
            git::ref_target(repo, &r.tracking(branch))?
        }
        None => git::ref_target(repo, &format!("refs/heads/{branch}"))?,
    };
    Ok(id.map(|o| repo.find_commit(o)).transpose()?)
}

fn merge_once(
    ctx: &Ctx,
    repo: &git2::Repository,
    forge: &LocalForge<'_>,
    number: u64,
    strategy: Strategy,
    delete_branch: bool,
    regenerate: Regenerate<'_>,
) -> anyhow::Result<Merged> {
    let remote = forge.remote();
    let pr = open_pr(forge, number)?;
    let actor = authorize(ctx, repo, &pr.base, "pr:merge")?;
    if let Some(r) = remote {
        r.fetch(repo, &[r.branch_spec(&pr.base), r.branch_spec(&pr.head)])?;
    }
    let head_at = match remote {
        Some(r) => git::ref_target(repo, &r.tracking(&pr.head))?,
        None => git::ref_target(repo, &format!("refs/heads/{}", pr.head))?,
    };
    let head = head_at
        .map(|o| repo.find_commit(o))
        .transpose()?
        .ok_or_else(|| {
            IdpError::usage(format!(
                "the branch `{}` of pull request #{number} no longer exists",
                pr.head
            ))
        })?;
    let base_ref = format!("refs/heads/{}", pr.base);
    let local_base = git::ref_target(repo, &base_ref)?;
    // What the base's move expects (the remote's tip), and what the merge starts from: the
    // local branch when it is ahead of the remote's (its commits go with the merge).
    let (base_at, start) = match remote {
        Some(r) => {
            let theirs = git::ref_target(repo, &r.tracking(&pr.base))?;
            let start = match (local_base, theirs) {
                (Some(l), Some(t)) if l == t || repo.graph_descendant_of(l, t)? => Some(l),
                (l, None) => l,
                (_, t) => t,
            };
            (theirs, start)
        }
        None => (local_base, local_base),
    };
    let base = start
        .map(|o| repo.find_commit(o))
        .transpose()?
        .ok_or_else(|| IdpError::usage(format!("the base branch `{}` does not exist", pr.base)))?;

    let already_in = repo.graph_descendant_of(base.id(), head.id())? || base.id() == head.id();
    let can_ff = repo.graph_descendant_of(head.id(), base.id())?;
    let (new, method) = if already_in {
        (base.id(), MergeMethod::FastForward)
    } else if can_ff && strategy != Strategy::Merge {
        (head.id(), MergeMethod::FastForward)
    } else if strategy == Strategy::Ff {
        return Err(IdpError::NotFastForward {
            head: pr.head.clone(),
            base: pr.base.clone(),
        }
        .into());
    } else {
        let index = repo.merge_commits(&base, &head, None)?;
        let tree = merged_tree(repo, index, regenerate).map_err(|e| match e {
            Unmerged::Conflict(files) => IdpError::Conflict {
                head: pr.head.clone(),
                base: pr.base.clone(),
                files: files.join(", "),
            }
            .into(),
            Unmerged::Failed(e) => e,
        })?;
        let title = pr.title.replace(['\r', '\n'], " ");
        let message = format!(
            "Merge pull request #{number} from {}\n\n{title}\n\n{}: {}\nIdp-Actor: {actor}\n{}: {}\nIdp-Pull-Request: {number}\n",
            pr.head,
            git::COMMAND_TRAILER,
            ctx.command_line,
            crate::identity::VERIFIED_BY_TRAILER,
            ctx.identity()?.verified_by,
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

    // Publish: the base, the record and the branch, together.
    let commit = new.to_string();
    let (merged, mut updates) = forge.plan_edit(
        number,
        &format!("Merge pull request #{number} by {actor}"),
        |p| {
            p.state = PrState::Merged;
            p.merged_by = Some(actor.clone());
            p.merged_at = Some(clock::now());
            p.merge_commit = Some(commit.clone());
            Ok(())
        },
    )?;
    if Some(new) != base_at {
        updates.push(RefUpdate::set(&base_ref, new, Expect::from_option(base_at)));
    }
    if delete_branch {
        updates.push(RefUpdate::delete(
            format!("refs/heads/{}", pr.head),
            Expect::At(head.id()),
        ));
    }
    refs::apply(repo, remote, &updates, &format!("idp: merge #{number}"))?;
    if delete_branch {
        // The local branch and its tracking ref go too (the remote's went with the push).
        for name in [
            format!("refs/heads/{}", pr.head),
            format!("refs/remotes/origin/{}", pr.head),
        ] {
            if let Ok(mut r) = repo.find_reference(&name) {
                let _ = r.delete();
            }
        }
    }
    Ok(Merged {
        pr: merged,
        method,
        commit,
        branch_deleted: delete_branch,
        pushed: remote.is_some(),
    })
}

/// Ask GitHub to merge: RBAC as for a local merge, GitHub's own rules (reviews, checks,
/// protection) on top; only the head idp saw is merged.
fn merge_on_github(
    ctx: &Ctx,
    gh: &GitHubForge,
    number: u64,
    strategy: Strategy,
    delete_branch: bool,
) -> anyhow::Result<Merged> {
    let repo = ctx.repo()?;
    let pr = open_pr(gh, number)?;
    authorize(ctx, repo, &pr.base, "pr:merge")?;
    let (method, shown) = match strategy {
        Strategy::Auto | Strategy::Merge => (github::MergeMethod::Merge, MergeMethod::MergeCommit),
        // GitHub has no fast-forward merge; a rebase keeps the history as linear.
        Strategy::Ff => (github::MergeMethod::Rebase, MergeMethod::Rebase),
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
            config.authorize(ctx.identity()?, "pr:approve", Some(label))?;
        }
        return gh.approve(number, label, &ctx.actor());
    }
    let forge = local_forge(repo, push)?;
    let pr = open_pr(&forge, number)?;
    let actor = ctx.actor();
    let opts = super::Options {
        base: Some(pr.base.clone()),
        ..Default::default()
    };
    if let Some(config) = super::resolve_base(repo, &opts)?.config {
        config.authorize(ctx.identity()?, "pr:approve", Some(label))?;
    }
    forge.approve(number, label, &actor)
}

/// Close pull request `number` without merging.
pub fn close(ctx: &Ctx, number: u64, push: bool) -> anyhow::Result<PullRequest> {
    let repo = ctx.repo()?;
    if let AnyForge::GitHub(gh) = super::forge(repo)? {
        let pr = open_pr(gh.as_ref(), number)?;
        let actor = authorize(ctx, repo, &pr.base, "pr:close")?;
        return gh.close(number, &actor);
    }
    let forge = local_forge(repo, push)?;
    let pr = open_pr(&forge, number)?;
    let actor = authorize(ctx, repo, &pr.base, "pr:close")?;
    forge.close(number, &actor)
}

/// The changes of a pull request: from where its head left the base to its head.
/// With `origin`, its head and base are fetched first (it may come from another clone).
pub fn diff(repo: &git2::Repository, pr: &PullRequest) -> anyhow::Result<Plan> {
    let remote = Remote::origin(repo);
    let tip = |branch: &str| -> anyhow::Result<Option<git2::Commit<'_>>> {
        match tip_of(repo, remote.as_ref(), branch)? {
            Some(c) => Ok(Some(c)),
            None => Ok(git::branch_tip(repo, branch)?),
        }
    };
    let head = match tip(&pr.head)? {
        Some(c) => c,
        None => match git2::Oid::from_str(&pr.head_sha).and_then(|o| repo.find_commit(o)) {
            Ok(c) => c,
            // Neither its branch nor its head commit is here any more (a deleted branch).
            Err(_) => return Ok(Plan::default()),
        },
    };
    let old = match tip(&pr.base)? {
        Some(base) => {
            let mb = repo.merge_base(base.id(), head.id())?;
            Some(repo.find_commit(mb)?.tree()?)
        }
        None => None,
    };
    plan::tree_changes(repo, old.as_ref(), &head.tree()?)
}
