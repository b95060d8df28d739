//! The one pipeline every change goes through. A command *produces* a [`Changeset`]; [`run`]
//! takes it through validate → plan → commit → publish, and nothing else writes to a repo.
//!
//! - **Atomic**: all checks (RBAC, paths, schemas, policies, secrets, branch state) happen
//!   before any ref moves; objects are written first and refs last, by compare-and-swap, and a
//!   failed publish puts the refs back.
//! - **Idempotent**: the branch is `idp/<kind>/<id>`, derived from the inputs; a rerun whose
//!   tree is already on the branch is a no-op, and an idp-made branch is rewritten on top of
//!   the base instead of duplicated.
//! - **Explainable**: commits carry `Idp-Command`, `Idp-Actor` and the producer's trailers.

pub mod merge;
pub mod plan;
pub mod report;
pub mod upgrade;
pub mod validate;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::ctx::Ctx;
use crate::error::IdpError;
use crate::infra::forge::local::FORGE_REF;
use crate::infra::forge::{PrRequest, PullRequest, Upsert};
use crate::infra::git;
use crate::platform::{self, GitTree, Overlay, Source};
pub use plan::Plan;

/// A change to the platform repo, as produced by a command.
#[derive(Debug, Clone, Default)]
pub struct Changeset {
    /// Branch is `idp/<kind>/<id>`.
    pub kind: String,
    pub id: String,
    /// RBAC action (`env:add`) and its scope (an environment), checked against the base.
    pub action: String,
    pub scope: Option<String>,
    /// Repo path → new text, or `None` to delete.
    pub files: BTreeMap<String, Option<String>>,
    pub title: String,
    pub body: String,
    pub labels: Vec<String>,
    pub reviewers: Vec<String>,
    /// Extra trailers beyond `Idp-Command` and `Idp-Actor`.
    pub trailers: Vec<(String, String)>,
    /// More parents for the commit after the base (an upgrade records its template render).
    pub extra_parents: Vec<git2::Oid>,
}

impl Changeset {
    pub fn new(kind: &str, id: &str, action: &str) -> Self {
        Changeset {
            kind: kind.into(),
            id: id.into(),
            action: action.into(),
            ..Default::default()
        }
    }

    pub fn branch(&self) -> String {
        format!("idp/{}/{}", self.kind, self.id)
    }

    pub fn write(&mut self, path: impl Into<String>, text: impl Into<String>) {
        self.files.insert(path.into(), Some(text.into()));
    }

    fn message(&self, command: &str, actor: &str) -> String {
        let mut m = self.title.clone();
        if !self.body.trim().is_empty() {
            m.push_str("\n\n");
            m.push_str(self.body.trim_end());
        }
        m.push_str("\n\n");
        m.push_str(&format!("{}: {command}\n", git::COMMAND_TRAILER));
        m.push_str(&format!("Idp-Actor: {actor}\n"));
        for (k, v) in &self.trailers {
            m.push_str(&format!("{k}: {v}\n"));
        }
        m
    }
}

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
}

impl From<&crate::cli::ChangeArgs> for Options {
    fn from(a: &crate::cli::ChangeArgs) -> Self {
        Options {
            dry_run: a.dry_run,
            detailed_exitcode: a.detailed_exitcode,
            direct: a.direct,
            base: a.base.clone(),
            push: !a.no_push,
            start_from: None,
        }
    }
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
    pub pushed: bool,
    /// PR labels the change needs (from the policies' `approvals`), and why.
    pub labels: Vec<String>,
    pub approvals: Vec<crate::policy::Approval>,
    pub files: Vec<plan::FilePlan>,
}

/// How many times a direct change is made again when `origin` moved on meanwhile.
const ATTEMPTS: u32 = 10;

/// Make a change with `produce` (from the base branch's tree) and take it through the
/// pipeline. With `--direct` and an `origin` (and a push), the base is first brought up to date
/// with `origin`, and when the push is rejected because someone pushed first, the change is
/// fetched, made again on the new base and pushed again — up to 10 times, with a growing,
/// jittered pause. Two CI jobs writing records at once both land; nothing is lost.
pub fn run_with(
    ctx: &Ctx,
    opts: &Options,
    produce: &mut dyn FnMut(&GitTree<'_>) -> anyhow::Result<Changeset>,
) -> anyhow::Result<Outcome> {
    let repo = ctx.repo()?;
    let sync = opts.direct && opts.push && !opts.dry_run && git::has_origin(repo);
    let mut attempt = 1;
    loop {
        if sync {
            let base = resolve_base(repo, opts)?;
            sync_base(repo, &base.name)?;
        }
        let base = resolve_base(repo, opts)?;
        let cs = produce(&GitTree::new(repo, base.tree()?))?;
        match run_in(ctx, repo, cs, opts) {
            Err(e)
                if sync
                    && attempt < ATTEMPTS
                    && e.downcast_ref::<git::PushRejected>().is_some() =>
            {
                let jitter = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| u64::from(d.subsec_nanos() % 100));
                let pause = (50 * u64::from(attempt) * u64::from(attempt)).min(1000)
                    + jitter
                    + u64::from(std::process::id() % 50);
                ctx.printer.warn(format!(
                    "`origin` moved on while this change was made; making it again on the new \
                     base (attempt {} of {ATTEMPTS})",
                    attempt + 1
                ));
                std::thread::sleep(std::time::Duration::from_millis(pause));
                attempt += 1;
            }
            other => return other,
        }
    }
}

/// Fast-forward the local base branch to `origin`'s when it is behind (never over local
/// commits `origin` lacks: then the push says so).
fn sync_base(repo: &git2::Repository, base: &str) -> anyhow::Result<()> {
    let Some(remote_tip) = git::fetch(repo, base)? else {
        return Ok(());
    };
    let local = git::branch_tip(repo, base)?.map(|c| c.id());
    match local {
        Some(l) if l == remote_tip => Ok(()),
        Some(l) if repo.graph_descendant_of(remote_tip, l)? => git::advance_branch(
            repo,
            base,
            remote_tip,
            Some(l),
            "idp: fast-forward to origin",
        ),
        Some(_) => Ok(()),
        None => git::advance_branch(repo, base, remote_tip, None, "idp: from origin"),
    }
}

/// Take a changeset through the pipeline, on the platform repo.
pub fn run(ctx: &Ctx, cs: Changeset, opts: &Options) -> anyhow::Result<Outcome> {
    run_in(ctx, ctx.repo()?, cs, opts)
}

/// Take a changeset through the pipeline on any repository (an app repository for upgrades).
pub fn run_in(
    ctx: &Ctx,
    repo: &git2::Repository,
    cs: Changeset,
    opts: &Options,
) -> anyhow::Result<Outcome> {
    let actor = ctx.actor();

    let base = resolve_base(repo, opts)?;
    let base_name = base.name.clone();
    let base_config = base.config.clone();
    let base_commit = base.commit.clone();
    let base_tip = base.tip;
    let base_tree = base.tree()?;
    let base = GitTree::new(repo, base_tree.clone());
    tracing::info!(
        branch = %cs.branch(),
        base = %base_name,
        files = cs.files.len(),
        "change: {}",
        cs.title
    );

    // Validate: who, where, what.
    if let Some(config) = &base_config {
        config.authorize(&actor, &cs.action, cs.scope.as_deref())?;
    }
    for path in cs.files.keys() {
        if !platform::safe_repo_path(path) {
            return Err(IdpError::usage(format!(
                "refusing to write `{path}`: it is not a path inside the platform repo"
            )));
        }
    }
    let overlay = Overlay::new(&base, &cs.files);
    let touched: Vec<String> = cs
        .files
        .iter()
        .filter(|(_, v)| v.is_some())
        .map(|(k, _)| k.clone())
        .collect();
    let checked = validate::check_all(&overlay, validate::Scope::Files(&touched))?;
    let findings = checked.findings;
    // Required approvals come from the policies: they become the PR's labels.
    let mut cs = cs;
    for a in &checked.approvals {
        if !cs.labels.contains(&a.label) {
            cs.labels.push(a.label.clone());
        }
    }
    cs.labels.sort();
    let approvals = checked.approvals;
    tracing::debug!(
        findings = findings.len(),
        "validated {} file(s)",
        touched.len()
    );
    let errors = findings
        .iter()
        .filter(|f| f.severity == crate::error::Severity::Error)
        .count();
    if errors == 0 {
        ctx.printer.findings(&findings); // warnings: reported, not blocking
    }
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

    // Plan.
    let plan = plan::plan(&base, &cs.files)?;
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
        labels: cs.labels.clone(),
        approvals: approvals.clone(),
        files: plan.files.clone(),
    };
    if plan.is_empty() {
        outcome.status = Status::NoChange;
        return Ok(outcome);
    }
    if opts.dry_run {
        return Ok(outcome);
    }

    // The forge the base configures; on GitHub a pull request needs its branch pushed.
    let forge = crate::infra::forge::open(repo, base_commit.as_ref(), base_config.as_ref())?;
    if let Some(gh) = forge.github() {
        if !opts.push {
            return Err(IdpError::usage(
                "the github forge opens pull requests on GitHub, which needs the branch pushed: \
                 drop `--no-push`, or use `--dry-run` to see the change",
            ));
        }
        // Credentials before anything is written: none is exit 4 with nothing to undo.
        gh.api()?;
    }

    // Commit.
    let tree = git::build_tree(repo, base_tree.as_ref(), &cs.files)?;
    let message = cs.message(&ctx.command_line, &actor);
    let extra: Vec<git2::Commit> = cs
        .extra_parents
        .iter()
        .map(|o| repo.find_commit(*o))
        .collect::<Result<_, _>>()?;
    let parents: Vec<&git2::Commit> = base_commit.iter().chain(extra.iter()).collect();
    let push = opts.push && (git::has_origin(repo) || forge.github().is_some());

    if opts.direct {
        let commit = git::commit(repo, tree, &parents, &message)?;
        let old = base_tip;
        git::advance_branch(repo, &base_name, commit, old, &format!("idp: {}", cs.title))?;
        let spec = [format!("refs/heads/{base_name}:refs/heads/{base_name}")];
        let pushed = match forge.github() {
            Some(gh) => gh.push(repo, &spec),
            None if push => git::push(repo, &spec),
            None => Ok(()),
        };
        if let Err(e) = pushed {
            git::undo_advance(repo, &base_name, commit, old);
            return Err(e);
        }
        outcome.status = Status::Committed;
        outcome.commit = Some(commit.to_string());
        outcome.pushed = push;
        return Ok(outcome);
    }

    let branch = cs.branch();
    let ref_name = format!("refs/heads/{branch}");
    let existing = git::branch_tip(repo, &branch)?;
    if let (Some(tip), Some(base_tip)) = (&existing, &base_commit) {
        check_branch_is_ours(repo, &branch, tip.id(), base_tip.id())?;
    }
    let up_to_date = existing.as_ref().is_some_and(|tip| {
        tip.tree_id() == tree && tip.parent_ids().next() == base_commit.as_ref().map(|c| c.id())
    });
    let old_branch = existing.as_ref().map(|c| c.id());
    let commit = if up_to_date {
        old_branch.expect("up to date implies the branch exists")
    } else {
        let commit = git::commit(repo, tree, &parents, &message)?;
        git::set_ref(
            repo,
            &ref_name,
            commit,
            old_branch,
            &format!("idp: {}", cs.title),
        )?;
        commit
    };

    // Publish: the pull request, and the push; undo the refs if either fails.
    let old_forge = git::ref_target(repo, FORGE_REF)?;
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
    let published = match forge.github() {
        // GitHub opens pull requests for pushed branches only: the branch, then the PR.
        Some(gh) => gh.publish(repo, &format!("+{ref_name}:{ref_name}"), &request),
        // The local forge: the record, then both refs to `origin` when there is one.
        None => forge.open_or_update(&request).and_then(|(pr, upsert)| {
            if push && (upsert != Upsert::Unchanged || !up_to_date) {
                git::push(
                    repo,
                    &[
                        format!("+{ref_name}:{ref_name}"),
                        format!("+{FORGE_REF}:{FORGE_REF}"),
                    ],
                )?;
            }
            Ok((pr, upsert))
        }),
    };
    let (pr, upsert) = match published {
        Ok(p) => p,
        Err(e) => {
            git::restore_ref(repo, &ref_name, old_branch);
            if forge.github().is_none() {
                git::restore_ref(repo, FORGE_REF, old_forge);
            }
            return Err(e);
        }
    };
    outcome.status = match (up_to_date, upsert) {
        (_, Upsert::Opened) => Status::Opened,
        (true, _) => Status::UpToDate,
        (false, _) => Status::Updated,
    };
    outcome.commit = Some(commit.to_string());
    outcome.pr = Some(pr);
    outcome.pushed = push;
    Ok(outcome)
}

/// The forge the base branch's `idp.yaml` configures (the local forge without one).
pub fn forge(repo: &git2::Repository) -> anyhow::Result<crate::infra::forge::AnyForge<'_>> {
    let base = resolve_base(repo, &Options::default())?;
    crate::infra::forge::open(repo, base.commit.as_ref(), base.config.as_ref())
}

/// The branch a change starts from and merges into, as committed.
pub struct Base<'r> {
    pub name: String,
    pub commit: Option<git2::Commit<'r>>,
    /// The branch's own tip: `None` when it does not exist yet (and `commit` is the tip of
    /// [`Options::start_from`], or none).
    pub tip: Option<git2::Oid>,
    /// `idp.yaml` on the base: RBAC comes from here, never from the change itself.
    pub config: Option<platform::Config>,
}

impl<'r> Base<'r> {
    pub fn tree(&self) -> anyhow::Result<Option<git2::Tree<'r>>> {
        Ok(self.commit.as_ref().map(|c| c.tree()).transpose()?)
    }
}

/// Which branch is the base: `--base`, else `forge.baseBranch` of the checked-out config.
/// The working tree is never input: producers read the base's committed files.
pub fn resolve_base<'r>(repo: &'r git2::Repository, opts: &Options) -> anyhow::Result<Base<'r>> {
    let head_config = match repo.head().ok().and_then(|h| h.peel_to_commit().ok()) {
        Some(c) => config_at(repo, &c)?,
        None => None,
    };
    let name = opts.base.clone().unwrap_or_else(|| {
        head_config
            .as_ref()
            .map_or_else(|| "main".into(), |c| c.forge.base_branch.clone())
    });
    let mut commit = git::branch_tip(repo, &name)?;
    let tip = commit.as_ref().map(|c| c.id());
    if commit.is_none()
        && let Some(from) = &opts.start_from
    {
        commit = git::branch_tip(repo, from)?;
    }
    if commit.is_none() && head_config.is_some() {
        return Err(IdpError::usage(format!(
            "base branch `{name}` does not exist"
        )));
    }
    let config = match &commit {
        Some(c) => config_at(repo, c)?,
        None => None,
    };
    Ok(Base {
        name,
        commit,
        tip,
        config,
    })
}

/// `idp.yaml` as committed in `commit`, if it has one.
fn config_at(
    repo: &git2::Repository,
    commit: &git2::Commit<'_>,
) -> anyhow::Result<Option<platform::Config>> {
    let src = GitTree::new(repo, Some(commit.tree()?));
    if src.read(platform::CONFIG_FILE)?.is_none() {
        return Ok(None);
    }
    Ok(Some(platform::load_config(&src)?))
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
