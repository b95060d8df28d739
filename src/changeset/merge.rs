//! Landing, approving and closing pull requests, under the same rules as a change: RBAC from
//! the base, validation of the merged tree before any ref moves, one atomic push with leases,
//! the checkout updated last, and a retry on a lost race.

use serde::Serialize;

use super::plan::{self, Plan};
use crate::change::Changeset;
use crate::ctx::Ctx;
use crate::error::IdpError;
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
    sync_waiting(&forge)?;
    Ok(forge)
}

/// Fetch the forge's refs, waiting out a ref lock another process holds (or a killed one
/// left: removed once stale) like every ref move does, instead of failing at once.
fn sync_waiting(forge: &LocalForge<'_>) -> anyhow::Result<()> {
    refs::with_retries(
        forge.remote(),
        &|| "the pull requests".to_string(),
        refs::ATTEMPTS,
        &|_, e| tracing::debug!("fetching the pull requests again: {e:#}"),
        || forge.sync(),
    )
}

/// Merge pull request `number` into its base.
///
/// The merge is a change with two parents through the same pipeline as any other
/// ([`super::run_stages`]): made in memory from the base and head as the remote holds them,
/// validated (RBAC `pr:merge` on the base, every check on the files it changes), then landed in
/// one atomic push with the pull request's record and the deleted branch, and only then is the
/// checkout updated. On a lost race it is made again on the new base. A failure leaves the
/// work tree, index, refs and remote as they were; no work tree is needed (it works in a bare
/// repository). A rerun after the merge landed catches this clone up before it says so.
pub fn merge(
    ctx: &Ctx,
    number: u64,
    strategy: Strategy,
    delete_branch: bool,
    push: bool,
    regenerate: Regenerate<'_>,
) -> anyhow::Result<Merged> {
    let repo = ctx.repo()?;
    if let AnyForge::GitHub(gh) = ctx.forge()? {
        return merge_on_github(ctx, gh, number, strategy, delete_branch);
    }
    let remote = if push { Remote::origin(repo) } else { None };
    let forge = LocalForge::new(repo, remote.clone());
    sync_waiting(&forge)?;
    // The base the pull request merges into (whatever its state: the pipeline's sync catches
    // this clone's base up before a merged one is refused).
    let opts = super::Options {
        direct: true,
        base: Some(forge.get(number)?.base),
        push,
        ..Default::default()
    };
    let mut made: Option<(PullRequest, MergeMethod)> = None;
    let outcome = super::run_stages(ctx, repo, &opts, refs::ATTEMPTS, &mut |_, base| {
        let (cs, pr, method) = merge_change(
            ctx,
            repo,
            &forge,
            remote.as_ref(),
            base,
            number,
            strategy,
            delete_branch,
            regenerate,
        )?;
        made = Some((pr, method));
        Ok(cs)
    })?;
    let (pr, method) =
        made.ok_or_else(|| anyhow::anyhow!("the merge of #{number} was not made"))?;
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
        commit: outcome.commit.clone().unwrap_or_default(),
        pr,
        method,
        branch_deleted: delete_branch,
        pushed: outcome.pushed,
    })
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

/// The merge of pull request `number` into `base` (as the pipeline synced it), as a change:
/// its tree (or the commit the base fast-forwards to), the files it changes, its second
/// parent, and the pull request's record and deleted branch moving with it.
#[allow(clippy::too_many_arguments)]
fn merge_change(
    ctx: &Ctx,
    repo: &git2::Repository,
    forge: &LocalForge<'_>,
    remote: Option<&Remote>,
    base: &super::Base<'_>,
    number: u64,
    strategy: Strategy,
    delete_branch: bool,
    regenerate: Regenerate<'_>,
) -> anyhow::Result<(Changeset, PullRequest, MergeMethod)> {
    let pr = open_pr(forge, number)?;
    let actor = ctx.actor();
    let head = tip_of(repo, remote, &pr.head)?.ok_or_else(|| {
        IdpError::usage(format!(
            "the branch `{}` of pull request #{number} no longer exists",
            pr.head
        ))
    })?;
    let base_commit = base
        .commit
        .as_ref()
        .ok_or_else(|| IdpError::usage(format!("the base branch `{}` does not exist", pr.base)))?;

    let title = pr.title.replace(['\r', '\n'], " ");
    let mut cs = Changeset::new("merge", &number.to_string(), "pr:merge");
    cs.title = format!("Merge pull request #{number} from {}", pr.head);
    cs.body = title;
    cs.trailers
        .push(("Idp-Pull-Request".into(), number.to_string()));
    let already_in =
        base_commit.id() == head.id() || repo.graph_descendant_of(base_commit.id(), head.id())?;
    let can_ff = repo.graph_descendant_of(head.id(), base_commit.id())?;
    let (tree, method) = if already_in {
        cs.existing = Some(base_commit.id());
        (base_commit.tree_id(), MergeMethod::FastForward)
    } else if can_ff && strategy != Strategy::Merge {
        cs.existing = Some(head.id());
        (head.tree_id(), MergeMethod::FastForward)
    } else if strategy == Strategy::Ff {
        return Err(IdpError::NotFastForward {
            head: pr.head.clone(),
            base: pr.base.clone(),
        }
        .into());
    } else {
        let index = repo.merge_commits(base_commit, &head, None)?;
        let tree = merged_tree(repo, index, regenerate).map_err(|e| match e {
            Unmerged::Conflict(files) => IdpError::Conflict {
                head: pr.head.clone(),
                base: pr.base.clone(),
                files: files.join(", "),
                rerun: git::trailers(head.message().unwrap_or_default())
                    .into_iter()
                    .find(|(k, _)| k == git::COMMAND_TRAILER)
                    .map(|(_, command)| command),
            }
            .into(),
            Unmerged::Failed(e) => e,
        })?;
        // Made here rather than by the commit stage: the pull request's record, which lands
        // in the same push, names it.
        let message = cs.message(
            &ctx.command_line,
            &actor,
            &ctx.identity()?.verified_by.to_string(),
        );
        cs.existing = Some(git::commit(repo, tree, &[base_commit, &head], &message)?);
        (tree, MergeMethod::MergeCommit)
    };
    // What the merge changes on the base, for the validate stage: every check on those files.
    let new_tree = repo.find_tree(tree)?;
    let merged = GitTree::new(repo, Some(new_tree.clone()));
    for f in plan::tree_changes(repo, Some(&base_commit.tree()?), &new_tree)?.files {
        match merged.read(&f.path) {
            Ok(text) => {
                cs.files.insert(f.path, text);
            }
            // Not text (an image, an archive): in the tree, but no check reads it.
            Err(e) => tracing::debug!("not validated: {e:#}"),
        }
    }
    cs.tree = Some(tree);
    // The validate stage enforces its approvals at the head it takes.
    cs.merging = Some(crate::change::Merging {
        pr: pr.clone(),
        head: head.id(),
    });

    // The record and the branch move with the base.
    let merge_commit = cs.existing.map(|c| c.to_string());
    let (merged_pr, mut also) = forge.plan_edit(
        number,
        &format!("Merge pull request #{number} by {actor}"),
        |p| {
            p.state = PrState::Merged;
            p.merged_by = Some(actor.clone());
            p.merged_at = Some(clock::now());
            p.merge_commit = merge_commit.clone();
            Ok(())
        },
    )?;
    if delete_branch {
        also.push(RefUpdate::delete(
            format!("refs/heads/{}", pr.head),
            Expect::At(head.id()),
        ));
    }
    cs.also = also;
    Ok((cs, merged_pr, method))
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
    let actor = authorize(ctx, repo, &pr.base, "pr:merge")?;
    // GitHub enforces code-owner review (`idp pr protect`); idp checks who approved too, so an
    // unapproved merge is refused even where the protection is missing.
    let (reviewed, missing) = super::approvals::check_pr(ctx, number, &pr.labels)?;
    super::approvals::refuse(&reviewed, &missing, &actor)?;
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

/// Approve pull request `number` for `label` at its head commit (RBAC: `pr:approve@<label>`;
/// never the author: [`super::approvals::may_approve`]).
pub fn approve(ctx: &Ctx, number: u64, label: &str, push: bool) -> anyhow::Result<PullRequest> {
    let repo = ctx.repo()?;
    let actor = ctx.actor();
    let config_of = |pr: &PullRequest| -> anyhow::Result<Option<crate::platform::Config>> {
        let opts = super::Options {
            base: Some(pr.base.clone()),
            ..Default::default()
        };
        Ok(super::resolve_base(repo, &opts)?.config)
    };
    if let AnyForge::GitHub(gh) = ctx.forge()? {
        let pr = open_pr(gh.as_ref(), number)?;
        super::approvals::may_approve(config_of(&pr)?.as_ref(), &pr, ctx.identity()?, label)?;
        return gh.approve(number, label, &actor, &pr.head_sha);
    }
    let forge = local_forge(repo, push)?;
    let pr = open_pr(&forge, number)?;
    super::approvals::may_approve(config_of(&pr)?.as_ref(), &pr, ctx.identity()?, label)?;
    // The approval is for the branch as it is now (as the remote holds it, with one).
    let head = tip_of(repo, forge.remote(), &pr.head)?
        .map(|c| c.id().to_string())
        .unwrap_or_else(|| pr.head_sha.clone());
    forge.approve(number, label, &actor, &head)
}

/// Close pull request `number` without merging.
pub fn close(ctx: &Ctx, number: u64, push: bool) -> anyhow::Result<PullRequest> {
    let repo = ctx.repo()?;
    if let AnyForge::GitHub(gh) = ctx.forge()? {
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
