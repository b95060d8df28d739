//! The one pipeline every change goes through. A command *produces* a [`Changeset`]; [`run`]
//! takes it through validate → plan → commit → publish → record, and nothing else writes to a
//! repo.
//!
//! - **Atomic**: all checks (RBAC, paths, schemas, policies, secrets, branch state) happen
//!   before any ref moves; objects are written first and refs last, by compare-and-swap, and a
//!   failed publish puts the refs back.
//! - **Idempotent**: the branch is `idp/<kind>/<id>`, derived from the inputs; a rerun whose
//!   tree is already on the branch is a no-op, and an idp-made branch is rewritten on top of
//!   the base instead of duplicated.
//! - **Explainable**: commits carry `Idp-Command`, `Idp-Actor` and the producer's trailers.

pub mod approvals;
pub mod merge;
pub mod plan;
pub mod records;
pub mod report;
pub mod validate;

use std::collections::BTreeMap;

use serde::Serialize;

pub use crate::change::{Changeset, Claim};
use crate::ctx::Ctx;
use crate::error::IdpError;
use crate::infra::forge::local::{FETCH_SPEC, LocalForge};
use crate::infra::forge::{AnyForge, PrRequest, PullRequest, Upsert};
use crate::infra::gitcli::{Expect, RefUpdate};
use crate::infra::refs::{self, Remote};
use crate::infra::source::{GitTree, Overlay, Reads, Source};
use crate::infra::{git, sequence};
use crate::platform;
pub use plan::Plan;

/// How to run a change (from the shared change flags).
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub dry_run: bool,
    pub detailed_exitcode: bool,
    pub direct: bool,
    pub base: Option<String>,
    pub push: bool,
    /// When the base branch does not exist yet, start it from this branch (a records branch
    /// is created from the main branch by its first record).
    pub start_from: Option<String>,
    /// The command's run, recorded by the record stage ([`records`]).
    pub record: Option<records::RunRecord>,
}

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// `--dry-run`: planned, nothing written.
    Planned,
    /// The base already has this content.
    NoChange,
    /// The branch already holds exactly this change.
    UpToDate,
    /// A pull request was opened.
    Opened,
    /// An existing branch and pull request were updated.
    Updated,
    /// `--direct`: committed to the base branch.
    Committed,
}

#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub status: Status,
    pub kind: String,
    pub id: String,
    pub base: String,
    pub branch: Option<String>,
    pub commit: Option<String>,
    pub pr: Option<PullRequest>,
    /// Whether the change moved a ref on the remote (a rerun that finds everything there
    /// pushes nothing).
    pub pushed: bool,
    /// Where it was pushed: `origin`, or the forge's URL (for the status line).
    #[serde(skip)]
    pub remote: Option<String>,
    /// With [`Status::NoChange`]: the change's own pull request, still open although the base
    /// already has everything it changes (the change landed another way meanwhile).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stale_pr: Option<StalePr>,
    /// PR labels the change needs (from the policies' `approvals`), and why.
    pub labels: Vec<String>,
    pub approvals: Vec<crate::policy::Approval>,
    pub files: Vec<plan::FilePlan>,
}

/// An open pull request that has nothing left to merge.
#[derive(Debug, Clone, Serialize)]
pub struct StalePr {
    pub number: u64,
    pub url: String,
    /// Its head: the change's branch.
    pub branch: String,
}

/// Make a change with `produce` (from the base branch's tree) and take it through the
/// pipeline: sync → produce → validate → plan → commit → publish.
///
/// With a remote (`origin`, unless `--no-push`), the base, the forge's refs and the sequences
/// are fetched first and the change is made on what the remote holds; publishing is one atomic
/// push with a lease on every ref. When another clone or job moved one of those refs first,
/// the change is fetched, made again on the new base and pushed again, up to
/// [`refs::ATTEMPTS`] times with a growing, jittered pause; then it fails with exit 7 and
/// nothing landed. A command that returns `Ok` has everything it reports on the remote.
pub fn run_with(
    ctx: &Ctx,
    opts: &Options,
    produce: &mut dyn FnMut(&GitTree<'_>) -> anyhow::Result<Changeset>,
) -> anyhow::Result<Outcome> {
    let repo = ctx.repo()?;
    let outcome = run_in_repo(ctx, repo, opts, refs::ATTEMPTS, produce)?;
    // The record stage, when records live on a branch of their own: once the change landed.
    if let Some(run) = &opts.record
        && !opts.dry_run
    {
        records::commit_elsewhere(ctx, run, &outcome.base, opts.push)?;
    }
    Ok(outcome)
}

/// [`run_with`] on any repository (an app repository for upgrades).
fn run_in_repo(
    ctx: &Ctx,
    repo: &git2::Repository,
    opts: &Options,
    attempts: u32,
    produce: &mut dyn FnMut(&GitTree<'_>) -> anyhow::Result<Changeset>,
) -> anyhow::Result<Outcome> {
    run_stages(ctx, repo, opts, attempts, &mut |source, _| produce(source))
}

/// The pipeline, for a producer that needs the base's commit as well as its files (a merge).
fn run_stages(
    ctx: &Ctx,
    repo: &git2::Repository,
    opts: &Options,
    attempts: u32,
    produce: &mut dyn FnMut(&GitTree<'_>, &Base<'_>) -> anyhow::Result<Changeset>,
) -> anyhow::Result<Outcome> {
    let (remote, github) = remote_for(ctx, repo, opts)?;
    let _scratch = remote.as_ref().map(|r| r.scratch_refs(repo));
    // The change the last attempt made, the tree it was made from and what it read.
    let mut last: Option<(Option<git2::Oid>, Changeset, Reads)> = None;
    let what = std::cell::RefCell::new(String::from("the change"));
    let place = remote
        .as_ref()
        .map_or_else(|| "this repository".to_string(), |r| r.name.clone());
    let retrying = |n: u32, _: &anyhow::Error| {
        ctx.printer.warn(format!(
            "`{place}` moved on while this change was made; making it again on what it holds \
             now (attempt {n} of {attempts})"
        ));
    };
    refs::with_retries(
        remote.as_ref(),
        &|| what.borrow().clone(),
        attempts,
        &retrying,
        || {
            let base = sync_base(repo, remote.as_ref(), opts, last.is_none())?;
            let tree = base.tree()?;
            let id = tree.as_ref().map(|t| t.id());
            let reused = match last.take() {
                Some((from, cs, reads)) if still_holds(repo, from, id, &cs, &reads)? => {
                    tracing::debug!("nothing the change read moved: landing it on the new base");
                    Some((cs, reads))
                }
                _ => None,
            };
            let (cs, reads) = match reused {
                Some(r) => r,
                None => {
                    let source = GitTree::recording(repo, tree);
                    let mut cs = produce(&source, &base)?;
                    cs.check()?;
                    // The record stage, when records live on the base: in the change itself.
                    if let Some(run) = &opts.record {
                        records::add_to(run, &base.name, base.config.as_ref(), &source, &mut cs)?;
                    }
                    (cs, source.reads())
                }
            };
            last = Some((id, cs.clone(), reads));
            *what.borrow_mut() = format!("`{}`", cs.title);
            stage(
                ctx,
                repo,
                remote.as_ref(),
                github.as_deref(),
                &base,
                cs,
                opts,
            )
        },
    )
}

/// Does a change made from tree `from` still hold on tree `to`: nothing it read or writes
/// changed between them, and it takes no numbers (a sequence may have moved)? Then a lost race
/// is retried with the same change on the new base, without making it again: only what the
/// others changed is compared, so a retry costs what their changes cost.
fn still_holds(
    repo: &git2::Repository,
    from: Option<git2::Oid>,
    to: Option<git2::Oid>,
    cs: &Changeset,
    reads: &Reads,
) -> anyhow::Result<bool> {
    if !cs.claims.is_empty() || !cs.also.is_empty() || cs.tree.is_some() {
        return Ok(false);
    }
    let (Some(from), Some(to)) = (from, to) else {
        return Ok(from == to);
    };
    let changed = git::changed_paths(repo, Some(&repo.find_tree(from)?), &repo.find_tree(to)?)?;
    Ok(!changed
        .iter()
        .any(|p| reads.touches(p) || cs.files.contains_key(p)))
}

/// The remote a change lands on, unless `--no-push` or `--dry-run`: the GitHub repository
/// (with the forge's token) when the forge is GitHub, else `origin` when there is one.
/// The GitHub forge comes with it, authenticated once for the whole command: on the platform
/// repo it is the run's ([`Ctx::forge`]); another repository (an app repository an upgrade
/// changes) is GitHub's only when its own checked-out `idp.yaml` says so.
fn remote_for<'a>(
    ctx: &'a Ctx,
    repo: &'a git2::Repository,
    opts: &Options,
) -> anyhow::Result<(Option<Remote>, Option<RunForge<'a>>)> {
    if opts.dry_run || !opts.push {
        return Ok((None, None));
    }
    let (_, config) = base_name_and_config(repo, opts)?;
    let Some(config) = config.filter(|c| c.forge.kind == "github") else {
        return Ok((Remote::origin(repo), None));
    };
    let forge = if ctx.is_platform_repo(repo) {
        RunForge::Run(ctx.forge()?)
    } else {
        RunForge::Opened(crate::infra::forge::open(
            repo,
            None,
            Some(&config.forge_settings()),
        )?)
    };
    match forge.github() {
        Some(gh) => Ok((Some(github_remote(gh)?), Some(forge))),
        None => Ok((Remote::origin(repo), None)),
    }
}

/// The forge a change publishes to: the run's, or one opened for another repository.
enum RunForge<'a> {
    Run(&'a AnyForge<'static>),
    Opened(AnyForge<'a>),
}

impl<'a> std::ops::Deref for RunForge<'a> {
    type Target = AnyForge<'a>;

    fn deref(&self) -> &AnyForge<'a> {
        match self {
            RunForge::Run(f) => f,
            RunForge::Opened(f) => f,
        }
    }
}

/// The platform repository on GitHub, reached with the forge's token (exit 4 without one).
fn github_remote(gh: &crate::infra::forge::github::GitHubForge) -> anyhow::Result<Remote> {
    Ok(Remote {
        name: gh.clone_url(&gh.repo),
        auth: gh.git_auth()?,
    })
}

/// Fetch what a change reads from the remote (the base branch, the branch it starts from when
/// the base does not exist yet, the forge's refs and the sequences), then resolve the base.
/// A direct change's `first` attempt catches this clone's branch up first (a rerun after a
/// kill then ends as the uninterrupted run did); later attempts leave it, so that a change
/// that never lands leaves this clone's refs as they were after that.
fn sync_base<'r>(
    repo: &'r git2::Repository,
    remote: Option<&Remote>,
    opts: &Options,
    first: bool,
) -> anyhow::Result<Base<'r>> {
    if let Some(r) = remote {
        let name = base_name(repo, opts)?;
        let mut specs = vec![r.branch_spec(&name), FETCH_SPEC.to_string()];
        if let Some(from) = &opts.start_from {
            specs.push(r.branch_spec(from));
        }
        r.fetch(repo, &specs)?;
        if opts.direct && first {
            catch_up(repo, &name, git::ref_target(repo, &r.tracking(&name))?)?;
        }
    }
    resolve_base_with(repo, opts, remote)
}

/// Take a changeset made beforehand through the pipeline, on the platform repo. It cannot be
/// made again on a new base, so a lost race is not retried (exit 7): prefer [`run_with`].
pub fn run(ctx: &Ctx, cs: Changeset, opts: &Options) -> anyhow::Result<Outcome> {
    run_in_repo(ctx, ctx.repo()?, opts, 1, &mut |_| Ok(cs.clone()))
}

/// Validate, plan, commit and publish one changeset made from `base`.
fn stage(
    ctx: &Ctx,
    repo: &git2::Repository,
    remote: Option<&Remote>,
    github: Option<&AnyForge<'_>>,
    base: &Base<'_>,
    cs: Changeset,
    opts: &Options,
) -> anyhow::Result<Outcome> {
    let who = ctx.identity()?;
    let actor = who.actor.clone();
    let base_name = base.name.clone();
    let base_tree = base.tree()?;
    let base_src = GitTree::new(repo, base_tree.clone());
    tracing::info!(
        branch = %cs.branch(),
        base = %base_name,
        files = cs.files.len(),
        "change: {}",
        cs.title
    );

    // Validate: who, where, what.
    let base_id = base_tree.as_ref().map(|t| t.id());
    let (cs, approvals) = validate_change(ctx, &base_src, base_id, base.config.as_ref(), who, cs)?;
    // A merge: the approvals its pull request asked for and those its merged result needs,
    // given at the head it takes by approvers the base's RBAC allows.
    if let Some(m) = &cs.merging {
        let mut required = m.pr.labels.clone();
        required.extend(approvals.iter().map(|a| a.label.clone()));
        approvals::enforce(
            base.config.as_ref(),
            &m.pr,
            &required,
            &m.head.to_string(),
            &actor,
        )?;
    }

    // Plan: what the change's tree changes (a merge's, whole, binary files too).
    let plan = match cs.tree {
        Some(tree) => plan::tree_changes(repo, base_tree.as_ref(), &repo.find_tree(tree)?)?,
        None => plan::plan(&base_src, &cs.files)?,
    };
    tracing::debug!("plan: {}", plan.stat());
    let branch = (!opts.direct).then(|| cs.branch());
    let mut outcome = Outcome {
        status: Status::Planned,
        kind: cs.kind.clone(),
        id: cs.id.clone(),
        base: base_name.clone(),
        branch: branch.clone(),
        commit: None,
        pr: None,
        pushed: false,
        remote: remote.map(|r| crate::infra::gitcli::redact(&r.name)),
        stale_pr: None,
        labels: cs.labels.clone(),
        approvals: approvals.clone(),
        files: plan.files.clone(),
    };
    // Nothing to land: no file changes, no merge to record, no other ref to move.
    if plan.is_empty() && cs.extra_parents.is_empty() && cs.existing.is_none() && cs.also.is_empty()
    {
        outcome.status = Status::NoChange;
        outcome.stale_pr = stale_pr(repo, remote, github, base, &cs);
        return Ok(outcome);
    }
    if opts.dry_run {
        return Ok(outcome);
    }

    // The forge the base configures; on GitHub a pull request needs its branch pushed.
    let opened;
    let forge = match github {
        // The GitHub forge this command already authenticated, while the base still says so.
        Some(f)
            if base
                .config
                .as_ref()
                .is_some_and(|c| c.forge.kind == "github") =>
        {
            f
        }
        _ => {
            opened = crate::infra::forge::open(
                repo,
                base.commit.as_ref(),
                base.config
                    .as_ref()
                    .map(platform::Config::forge_settings)
                    .as_ref(),
            )?;
            &opened
        }
    };
    if let Some(gh) = forge.github() {
        if remote.is_none() {
            return Err(IdpError::usage(
                "the github forge opens pull requests on GitHub, which needs the branch \
                 pushed: drop `--no-push`, or use `--dry-run` to see the change",
            ));
        }
        // Credentials before anything is written: none is exit 4 with nothing to undo.
        gh.api()?;
    }

    // Commit: the objects, and the numbers the change takes from sequences.
    let tree = match cs.tree {
        Some(tree) => tree,
        None => git::build_tree(repo, base_tree.as_ref(), &cs.files)?,
    };
    let message = cs.message(&ctx.command_line, &actor, &who.verified_by.to_string());
    let extra: Vec<git2::Commit> = cs
        .extra_parents
        .iter()
        .map(|o| repo.find_commit(*o))
        .collect::<Result<_, _>>()?;
    let parents: Vec<&git2::Commit> = base.commit.iter().chain(extra.iter()).collect();
    let mut updates = claim_updates(repo, &cs.claims)?;
    updates.extend(cs.also.iter().cloned());

    if opts.direct {
        let commit = match cs.existing {
            Some(existing) => existing,
            None => git::commit(repo, tree, &parents, &message)?,
        };
        if Some(commit) != base.tip {
            updates.push(RefUpdate::set(
                format!("refs/heads/{base_name}"),
                commit,
                Expect::from_option(base.tip),
            ));
        }
        refs::apply(repo, remote, &updates, &format!("idp: {}", cs.title))?;
        outcome.pushed = pushes(remote, &updates);
        outcome.status = Status::Committed;
        outcome.commit = Some(commit.to_string());
        return Ok(outcome);
    }

    // Commit: on the change's branch, as the remote (or this repository) holds it.
    let branch = cs.branch();
    let committed = commit_branch(repo, remote, base, &branch, tree, &parents, &message)?;
    updates.extend(committed.updates);
    let (commit, up_to_date) = (committed.commit, committed.up_to_date);

    // Publish: the pull request and the branch together.
    let request = PrRequest {
        title: cs.title.clone(),
        body: pr_body(&cs, &plan, &approvals),
        head: branch.clone(),
        base: base_name.clone(),
        labels: cs.labels.clone(),
        reviewers: cs.reviewers.clone(),
        head_sha: commit.to_string(),
        author: actor.clone(),
    };
    let (pr, upsert, pushed) = publish(
        repo,
        remote,
        forge,
        updates,
        &request,
        &format!("idp: {}", cs.title),
    )?;
    outcome.status = match (up_to_date, upsert) {
        (_, Upsert::Opened) => Status::Opened,
        (true, _) => Status::UpToDate,
        (false, _) => Status::Updated,
    };
    outcome.commit = Some(commit.to_string());
    outcome.pr = Some(pr);
    outcome.pushed = pushed;
    Ok(outcome)
}

/// The open pull request of a change's `branch`, when the change (`cs`) finds the base already
/// has it (a rerun after the change landed another way, `--direct` from another clone say):
/// the pull request is stale when it is this same change (its title, which says what the
/// change does, values included), or when the base has everything it changes (merging it would
/// change nothing). One that still changes something else (the branch is named after the
/// change, not its values: `env set` of another value) is not. Best effort: a forge or branch
/// that cannot be read is no finding, and the GitHub forge is asked only when this command
/// pushes (it has the token then).
fn stale_pr(
    repo: &git2::Repository,
    remote: Option<&Remote>,
    github: Option<&AnyForge<'_>>,
    base: &Base<'_>,
    cs: &Changeset,
) -> Option<StalePr> {
    let branch = &cs.branch();
    let on_github = base
        .config
        .as_ref()
        .is_some_and(|c| c.forge.kind == "github");
    let found = (|| -> anyhow::Result<Option<StalePr>> {
        let local;
        let forge: &dyn crate::infra::forge::Forge = match github {
            Some(f) if on_github => &**f,
            _ if on_github => return Ok(None),
            _ => {
                local = LocalForge::new(repo, remote.cloned());
                &local
            }
        };
        let Some(pr) = forge.find_open(branch)? else {
            return Ok(None);
        };
        let stale = StalePr {
            number: pr.number,
            url: pr.url.clone(),
            branch: pr.head.clone(),
        };
        if pr.title == cs.title {
            return Ok(Some(stale));
        }
        let Some(base_commit) = &base.commit else {
            return Ok(None);
        };
        if let Some(r) = remote {
            r.fetch(repo, &[r.branch_spec(branch)])?;
        }
        let head = repo.find_commit(git2::Oid::from_str(&pr.head_sha)?)?;
        let since = repo.merge_base(base_commit.id(), head.id())?;
        let (head_tree, base_tree) = (head.tree()?, base_commit.tree()?);
        let changed =
            git::changed_paths(repo, Some(&repo.find_commit(since)?.tree()?), &head_tree)?;
        let entry = |tree: &git2::Tree<'_>, path: &str| {
            tree.get_path(std::path::Path::new(path))
                .ok()
                .map(|e| (e.id(), e.filemode()))
        };
        let landed = changed
            .iter()
            .all(|p| entry(&head_tree, p) == entry(&base_tree, p));
        Ok(landed.then_some(stale))
    })();
    found.unwrap_or_else(|e| {
        tracing::debug!("looking for the open pull request of `{branch}`: {e:#}");
        None
    })
}

/// Does applying `updates` through `remote` move a ref there (not only this clone's)?
fn pushes(remote: Option<&Remote>, updates: &[RefUpdate]) -> bool {
    remote.is_some() && updates.iter().any(|u| !u.is_noop())
}

/// This clone's `branch` catches up with `theirs` (what the remote holds, just fetched), work
/// tree included, before a command that lands on it: as `git pull --ff-only` would, only a
/// fast-forward, and only when the files it changes are clean (else it stays as it is, and the
/// command's own checks say why). A rerun after a kill between the push and the local update
/// so ends as the uninterrupted run did, even when the rerun then finds nothing to do.
pub(crate) fn catch_up(
    repo: &git2::Repository,
    branch: &str,
    theirs: Option<git2::Oid>,
) -> anyhow::Result<()> {
    let name = format!("refs/heads/{branch}");
    let (Some(theirs), Some(local)) = (theirs, git::ref_target(repo, &name)?) else {
        return Ok(());
    };
    if local == theirs || !repo.graph_descendant_of(theirs, local)? {
        return Ok(());
    }
    let update = RefUpdate::set(name, theirs, Expect::At(local));
    match refs::apply(repo, None, &[update], "idp: fast-forward to the remote") {
        // Another process (or a lock a killed one left) holds the branch: the caller's
        // attempts wait it out.
        Err(e) if refs::is_race(&e) => Err(e),
        Err(e) => {
            tracing::debug!("`{branch}` stays behind the remote: {e:#}");
            Ok(())
        }
        Ok(()) => Ok(()),
    }
}

/// What the commit stage made on a change's branch.
struct Committed {
    commit: git2::Oid,
    /// The branch already held exactly this change on this base.
    up_to_date: bool,
    /// The branch's move (none when it is already there).
    updates: Vec<RefUpdate>,
}

/// The commit stage of a pull-request change: the branch as the remote (or this repository,
/// without one) holds it must hold only idp's commits; when it already has this tree on this
/// base, it stays; else a new commit on the base replaces it.
fn commit_branch(
    repo: &git2::Repository,
    remote: Option<&Remote>,
    base: &Base<'_>,
    branch: &str,
    tree: git2::Oid,
    parents: &[&git2::Commit<'_>],
    message: &str,
) -> anyhow::Result<Committed> {
    let ref_name = format!("refs/heads/{branch}");
    let existing = match remote {
        Some(r) => {
            r.fetch(repo, &[r.branch_spec(branch)])?;
            git::ref_target(repo, &r.tracking(branch))?
        }
        None => git::ref_target(repo, &ref_name)?,
    };
    let existing = existing.map(|o| repo.find_commit(o)).transpose()?;
    let local = git::ref_target(repo, &ref_name)?;
    if let Some(base_commit) = &base.commit {
        // The branch where the change lands, and this clone's (it follows the remote's, so
        // commits someone made on it here must not be dropped either).
        for tip in existing.as_ref().map(|c| c.id()).into_iter().chain(local) {
            check_branch_is_ours(repo, branch, tip, base_commit.id())?;
        }
    }
    let up_to_date = existing.as_ref().is_some_and(|tip| {
        tip.tree_id() == tree && tip.parent_ids().next() == base.commit.as_ref().map(|c| c.id())
    });
    let old = existing.as_ref().map(|c| c.id());
    let commit = match old {
        Some(old) if up_to_date => old,
        _ => git::commit(repo, tree, parents, message)?,
    };
    // Pushed unless the remote has it; set here whenever this clone's branch is elsewhere (a
    // rerun after a kill between the push and the local update).
    let mut updates = Vec::new();
    if !up_to_date || local != Some(commit) {
        updates.push(RefUpdate::set(ref_name, commit, Expect::from_option(old)));
    }
    Ok(Committed {
        commit,
        up_to_date,
        updates,
    })
}

/// The publish stage of a pull-request change: the pull request and every ref move land
/// together. The local forge's record goes into the same atomic push as the branch and the
/// sequences; GitHub opens pull requests for pushed branches only, so the branch goes first.
/// Also says whether a ref moved on the remote.
fn publish(
    repo: &git2::Repository,
    remote: Option<&Remote>,
    forge: &AnyForge<'_>,
    mut updates: Vec<RefUpdate>,
    request: &PrRequest,
    log: &str,
) -> anyhow::Result<(PullRequest, Upsert, bool)> {
    match forge {
        AnyForge::GitHub(gh) => {
            let (pr, upsert) = gh.publish(request, || refs::apply(repo, remote, &updates, log))?;
            Ok((pr, upsert, pushes(remote, &updates)))
        }
        AnyForge::Local(_) => {
            let local = LocalForge::new(repo, remote.cloned());
            let (pr, upsert, pr_updates) = local.plan_open_or_update(request)?;
            updates.extend(pr_updates);
            refs::apply(repo, remote, &updates, log)?;
            Ok((pr, upsert, pushes(remote, &updates)))
        }
    }
}

/// The checks a change must pass before anything is written: RBAC (from the base's
/// `idp.yaml`, never the change's), paths inside the repo, schemas, policies, secrets. The
/// policies' required approvals become the change's labels.
///
/// A change this process already validated on the same base tree (new-app's plan, then its
/// landing) is not checked again: its approvals are the ones found then, and its warnings were
/// reported then.
fn validate_change(
    ctx: &Ctx,
    base: &GitTree<'_>,
    base_id: Option<git2::Oid>,
    config: Option<&platform::Config>,
    who: &crate::identity::Identity,
    mut cs: Changeset,
) -> anyhow::Result<(Changeset, Vec<crate::policy::Approval>)> {
    if let Some(config) = config {
        config.authorize(who, &cs.action, cs.scope.as_deref())?;
    }
    for path in cs.files.keys() {
        if !platform::safe_repo_path(path) {
            return Err(IdpError::usage(format!(
                "refusing to write `{path}`: it is not a path inside the platform repo"
            )));
        }
    }
    keep_codeowners(base, config, &mut cs)?;
    // (A merge's tree is its own: never taken for another.)
    let memo = cs.tree.is_none();
    if let Some(approvals) = validated_before(base_id, &cs.files).filter(|_| memo) {
        tracing::debug!("validated before on this base: not checked again");
        add_labels(&mut cs, &approvals);
        return Ok((cs, approvals));
    }
    let overlay = Overlay::new(base, &cs.files);
    let touched: Vec<String> = cs
        .files
        .iter()
        .filter(|(_, v)| v.is_some())
        .map(|(k, _)| k.clone())
        .collect();
    let checked = validate::check_all(&overlay, validate::Scope::Files(&touched))?;
    let findings = cs.relocate(checked.findings);
    add_labels(&mut cs, &checked.approvals);
    tracing::debug!(
        findings = findings.len(),
        "validated {} file(s)",
        touched.len()
    );
    let errors = findings
        .iter()
        .filter(|f| f.severity == crate::error::Severity::Error)
        .count();
    if errors > 0 {
        return Err(IdpError::Invalid {
            message: format!(
                "the change fails {errors} check{}",
                if errors == 1 { "" } else { "s" }
            ),
            findings,
        }
        .into());
    }
    ctx.printer.findings(&findings); // warnings: reported, not blocking
    if memo {
        remember_validated(base_id, &cs.files, &checked.approvals);
    }
    Ok((cs, checked.approvals))
}

/// The labels of the approvals a change needs, added to its own.
fn add_labels(cs: &mut Changeset, approvals: &[crate::policy::Approval]) {
    for a in approvals {
        if !cs.labels.contains(&a.label) {
            cs.labels.push(a.label.clone());
        }
    }
    cs.labels.sort();
}

/// The last change this process validated without an error: on which base tree, its files
/// and the approvals it needs.
type Validated = (
    Option<git2::Oid>,
    BTreeMap<String, Option<String>>,
    Vec<crate::policy::Approval>,
);

static LAST_VALIDATED: std::sync::Mutex<Option<Validated>> = std::sync::Mutex::new(None);

/// The approvals of `files` on `base`, when this process validated exactly that before.
fn validated_before(
    base: Option<git2::Oid>,
    files: &BTreeMap<String, Option<String>>,
) -> Option<Vec<crate::policy::Approval>> {
    let last = LAST_VALIDATED.lock().ok()?;
    let (b, f, approvals) = last.as_ref()?;
    (*b == base && f == files).then(|| approvals.clone())
}

fn remember_validated(
    base: Option<git2::Oid>,
    files: &BTreeMap<String, Option<String>>,
    approvals: &[crate::policy::Approval],
) {
    if let Ok(mut last) = LAST_VALIDATED.lock() {
        *last = Some((base, files.clone(), approvals.to_vec()));
    }
}

/// On the GitHub forge, `.github/CODEOWNERS` follows the ownership the change leaves (apps,
/// requests, teams): re-rendered and added to the change when it differs.
fn keep_codeowners(
    base: &GitTree<'_>,
    config: Option<&platform::Config>,
    cs: &mut Changeset,
) -> anyhow::Result<()> {
    let Some(config) = config.filter(|c| c.forge.kind == "github") else {
        return Ok(());
    };
    let records_only = cs.files.keys().all(|f| f.starts_with(".idp/"));
    if records_only || cs.files.contains_key(platform::codeowners::PATH) {
        return Ok(());
    }
    let after = Overlay::new(base, &cs.files);
    let text = platform::codeowners::render(&after, config)?;
    if after.read(platform::codeowners::PATH)?.as_deref() != Some(text.as_str()) {
        cs.files
            .insert(platform::codeowners::PATH.to_string(), Some(text));
    }
    Ok(())
}

/// The checks a new repository's first commit passes before the repository is created (the
/// pipeline's validate stage for a tree with no base): every path inside the repository, and
/// the secret scan on every file. Nothing is written when one fails.
pub fn validate_new_repo(files: &BTreeMap<String, Option<String>>) -> anyhow::Result<()> {
    let mut findings = Vec::new();
    for (path, text) in files {
        if !platform::safe_repo_path(path) {
            return Err(IdpError::usage(format!(
                "refusing to write `{path}`: it is not a path inside the repository"
            )));
        }
        if let Some(text) = text {
            findings.extend(validate::scan_secrets(path, text));
        }
    }
    if findings.is_empty() {
        return Ok(());
    }
    Err(IdpError::Invalid {
        message: format!(
            "the new repository's first commit fails {} check(s)",
            findings.len()
        ),
        findings,
    }
    .into())
}

/// The sequence moves for the numbers a change takes (none for numbers at or below a
/// sequence's value: the change took them in an earlier run).
fn claim_updates(repo: &git2::Repository, claims: &[Claim]) -> anyhow::Result<Vec<RefUpdate>> {
    // Per sequence: the highest number taken, and whether any of them is fresh.
    let mut top: BTreeMap<&str, (u64, bool)> = BTreeMap::new();
    for c in claims {
        let e = top.entry(c.sequence.as_str()).or_default();
        e.0 = e.0.max(c.number);
        e.1 |= c.fresh;
    }
    let mut out = Vec::new();
    for (name, (number, fresh)) in top {
        // One read for the check and the lease: a fresh number the sequence reached since the
        // producer read it was taken by another process (in this clone, or fetched from the
        // remote); without this, the lease would be taken on the new value and let both land.
        let seq = sequence::read(repo, name)?;
        tracing::debug!(
            sequence = name,
            number,
            fresh,
            value = seq.value,
            tip = ?seq.tip,
            "claim"
        );
        if fresh && seq.value >= number {
            return Err(refs::LocalRace {
                name: format!("the sequence `{name}`"),
            }
            .into());
        }
        out.extend(sequence::advance(repo, name, seq, number)?);
    }
    Ok(out)
}

/// The highest number taken from sequence `name`, as the remote held it at the last sync
/// (producers take numbers above it).
pub fn taken(repo: &git2::Repository, name: &str) -> anyhow::Result<u64> {
    Ok(sequence::read(repo, name)?.value)
}

/// Take a changeset through the pipeline on any repository (an app repository for upgrades).
pub fn run_in(
    ctx: &Ctx,
    repo: &git2::Repository,
    cs: Changeset,
    opts: &Options,
) -> anyhow::Result<Outcome> {
    run_in_repo(ctx, repo, opts, 1, &mut |_| Ok(cs.clone()))
}

/// The branch a change starts from and merges into, as committed.
pub struct Base<'r> {
    pub name: String,
    pub commit: Option<git2::Commit<'r>>,
    /// What the branch's ref holds where the change lands (the remote's, when there is one):
    /// the value its move expects. `None` when it does not exist yet (and `commit` is the tip
    /// of [`Options::start_from`], or none).
    pub tip: Option<git2::Oid>,
    /// `idp.yaml` on the base: RBAC comes from here, never from the change itself.
    pub config: Option<platform::Config>,
}

impl<'r> Base<'r> {
    pub fn tree(&self) -> anyhow::Result<Option<git2::Tree<'r>>> {
        Ok(self.commit.as_ref().map(|c| c.tree()).transpose()?)
    }
}

/// The name of the base branch: `--base`, else `forge.baseBranch` of the checked-out config.
fn base_name(repo: &git2::Repository, opts: &Options) -> anyhow::Result<String> {
    Ok(base_name_and_config(repo, opts)?.0)
}

fn base_name_and_config(
    repo: &git2::Repository,
    opts: &Options,
) -> anyhow::Result<(String, Option<platform::Config>)> {
    platform::base::name_and_config(repo, opts.base.as_deref())
}

/// Which branch is the base: `--base`, else `forge.baseBranch` of the checked-out config.
/// The working tree is never input: producers read the base's committed files.
pub fn resolve_base<'r>(repo: &'r git2::Repository, opts: &Options) -> anyhow::Result<Base<'r>> {
    resolve_base_with(repo, opts, None)
}

/// The base as it is where the change lands. With a remote (just fetched): the remote's tip,
/// or the local branch when it is ahead of the remote's (its commits go with the change); the
/// remote's when the two diverged.
fn resolve_base_with<'r>(
    repo: &'r git2::Repository,
    opts: &Options,
    remote: Option<&Remote>,
) -> anyhow::Result<Base<'r>> {
    let (name, head_config) = base_name_and_config(repo, opts)?;
    let local = git::ref_target(repo, &format!("refs/heads/{name}"))?;
    let (tip, start) = match remote {
        None => (local, local),
        Some(r) => {
            let theirs = git::ref_target(repo, &r.tracking(&name))?;
            let start = match (local, theirs) {
                (l, None) => l,
                (None, t) => t,
                (Some(l), Some(t)) if l == t || repo.graph_descendant_of(l, t)? => Some(l),
                (Some(l), Some(t)) => {
                    if !repo.graph_descendant_of(t, l)? {
                        tracing::warn!(
                            "`{name}` here and on `{}` have diverged; the change starts from `{}`'s",
                            r.name,
                            r.name
                        );
                    }
                    Some(t)
                }
            };
            (theirs, start)
        }
    };
    let mut commit = start.map(|o| repo.find_commit(o)).transpose()?;
    if commit.is_none()
        && let Some(from) = &opts.start_from
    {
        let from_tip = match remote {
            Some(r) => git::ref_target(repo, &r.tracking(from))?
                .or(git::ref_target(repo, &format!("refs/heads/{from}"))?),
            None => git::ref_target(repo, &format!("refs/heads/{from}"))?,
        };
        commit = from_tip.map(|o| repo.find_commit(o)).transpose()?;
    }
    let config = platform::base::base_config(repo, &name, commit.as_ref(), head_config.is_some())?;
    Ok(Base {
        name,
        commit,
        tip,
        config,
    })
}

/// Every commit on the branch since the base must have been made by idp.
fn check_branch_is_ours(
    repo: &git2::Repository,
    branch: &str,
    tip: git2::Oid,
    base: git2::Oid,
) -> anyhow::Result<()> {
    let mut walk = repo.revwalk()?;
    walk.push(tip)?;
    walk.hide(base)?;
    for oid in walk {
        let commit = repo.find_commit(oid?)?;
        if !git::made_by_idp(&commit) {
            return Err(IdpError::Diverged {
                branch: branch.to_string(),
                commit: format!(
                    "{} \"{}\"",
                    git::short(commit.id()),
                    commit.summary().ok().flatten().unwrap_or("")
                ),
            }
            .into());
        }
    }
    Ok(())
}

fn pr_body(cs: &Changeset, plan: &Plan, approvals: &[crate::policy::Approval]) -> String {
    let mut body = String::new();
    if !cs.body.trim().is_empty() {
        body.push_str(cs.body.trim_end());
        body.push_str("\n\n");
    }
    body.push_str("### Plan\n\n");
    for f in &plan.files {
        body.push_str(&format!(
            "- `{}` ({}, +{} -{})\n",
            f.path,
            f.status.as_str(),
            f.additions,
            f.deletions
        ));
    }
    body.push_str(&format!("\n{}\n", plan.stat()));
    if !cs.labels.is_empty() {
        body.push_str(&format!(
            "\n### Required approvals\n\n{}\n",
            cs.labels
                .iter()
                .map(|l| format!("- `{l}`\n"))
                .collect::<String>()
        ));
        for a in approvals {
            body.push_str(&format!("  - `{}`: {} ({})\n", a.label, a.reason, a.file));
        }
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (issue 23's concurrency run): two `adr new` in one clone both took ADR-0001.
    /// The second read the sequence at 0, the first moved it to 1 before the second's claim
    /// was turned into a lease, and the claim, now at the sequence's value, looked like one
    /// an earlier run of the same change had taken: no lease, both landed.
    #[test]
    fn a_fresh_number_the_sequence_reached_meanwhile_is_a_lost_race() {
        let dir = tempfile::tempdir().expect("tempdir");
        let repo = git2::Repository::init(dir.path()).expect("init");
        let claim = |fresh| Claim {
            sequence: "adr".into(),
            number: 1,
            fresh,
        };
        // Nobody took 1 yet: the claim moves the sequence.
        let updates = claim_updates(&repo, &[claim(true)]).expect("claims");
        assert_eq!(updates.len(), 1);
        refs::apply(&repo, None, &updates, "another process takes 1").expect("apply");
        // Now it is taken: a fresh claim on it lost the race; a rerun's own number is fine.
        let err = claim_updates(&repo, &[claim(true)]).expect_err("a lost race");
        assert!(refs::is_race(&err), "{err:#}");
        assert!(
            claim_updates(&repo, &[claim(false)])
                .expect("own")
                .is_empty()
        );
    }
}
