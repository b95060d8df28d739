//! Forges: where pull requests and app repositories live. `local` (the embedded default)
//! keeps them in the repo itself; `github` talks to GitHub (ADR-0014). [`open`] picks the one
//! `idp.yaml` configures; commands see the [`Forge`] trait and [`AppRepos`].

pub mod config;
pub mod github;
pub mod local;
pub mod repos;

use std::collections::BTreeMap;
use std::path::Path;

use self::github::GitHubForge;
use self::local::LocalForge;
use self::repos::{Created, LocalRepos};

use serde::{Deserialize, Serialize};

/// The state of a pull request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PrState {
    Open,
    Merged,
    Closed,
}

impl PrState {
    pub fn as_str(self) -> &'static str {
        match self {
            PrState::Open => "open",
            PrState::Merged => "merged",
            PrState::Closed => "closed",
        }
    }
}

/// A pull request as every forge reports it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PullRequest {
    pub number: u64,
    pub title: String,
    pub body: String,
    pub head: String,
    pub base: String,
    pub state: PrState,
    #[serde(default)]
    pub labels: Vec<String>,
    #[serde(default)]
    pub reviewers: Vec<String>,
    /// Approval labels reviewers have applied (`idp pr approve N --label L`), with who.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub approvals: Vec<Approved>,
    pub author: String,
    pub created_at: String,
    pub updated_at: String,
    pub head_sha: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merge_commit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<String>,
    /// Where to look at it: `idp pr show N` locally, a URL on GitHub.
    pub url: String,
}

/// One applied approval label: who gave it, when, and for which head commit of the pull
/// request (an approval is void once the branch moves on: [`crate::changeset::approvals`]).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Approved {
    pub label: String,
    pub by: String,
    pub at: String,
    /// The head commit approved; empty in records older than this field (void at merge).
    #[serde(default)]
    pub head: String,
}

impl PullRequest {
    /// Does each required label have an approval that is not the author's and not voided by a
    /// push since (for display: who may approve is checked at merge, `changeset::approvals`)?
    pub fn approved(&self) -> bool {
        self.labels.iter().all(|l| {
            self.approvals.iter().any(|a| {
                &a.label == l
                    && !a.by.eq_ignore_ascii_case(&self.author)
                    && (a.head.is_empty() || a.head == self.head_sha)
            })
        })
    }
}

/// What a change asks the forge to open (or update, when one is open for the same head).
#[derive(Debug, Clone)]
pub struct PrRequest {
    pub title: String,
    pub body: String,
    pub head: String,
    pub base: String,
    pub labels: Vec<String>,
    pub reviewers: Vec<String>,
    pub head_sha: String,
    pub author: String,
}

/// Whether `open_or_update` opened a new pull request or updated one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    Opened,
    Updated,
    Unchanged,
}

/// How a pull request was merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MergeMethod {
    FastForward,
    MergeCommit,
    /// GitHub's rebase merge (`--strategy ff` there: GitHub has no fast-forward merge).
    Rebase,
}

/// The operations every forge offers.
pub trait Forge {
    fn name(&self) -> &'static str;
    fn list(&self) -> anyhow::Result<Vec<PullRequest>>;
    fn get(&self, number: u64) -> anyhow::Result<PullRequest>;
    /// The open pull requests. A forge that can, reads only those (the local forge skips
    /// records it already knows are closed), so the cost follows what is open, not history.
    fn list_open(&self) -> anyhow::Result<Vec<PullRequest>> {
        Ok(self
            .list()?
            .into_iter()
            .filter(|p| p.state == PrState::Open)
            .collect())
    }
    /// The open pull request whose head is `branch`, if any.
    fn find_open(&self, branch: &str) -> anyhow::Result<Option<PullRequest>> {
        Ok(self.list_open()?.into_iter().find(|p| p.head == branch))
    }
    /// Open a pull request, or update the open one for the same head: never a duplicate.
    fn open_or_update(&self, req: &PrRequest) -> anyhow::Result<(PullRequest, Upsert)>;
    /// Record a merge that the caller has made (local) or ask the forge to merge (remote).
    fn mark_merged(&self, number: u64, by: &str, merge_commit: &str)
    -> anyhow::Result<PullRequest>;
    fn close(&self, number: u64, by: &str) -> anyhow::Result<PullRequest>;
    /// Approve an open pull request for `label`, as `by`, at its head commit `head`.
    fn approve(
        &self,
        number: u64,
        label: &str,
        by: &str,
        head: &str,
    ) -> anyhow::Result<PullRequest>;
}

/// A repository the forge should create (new-app).
#[derive(Debug, Clone)]
pub struct RepoSpec {
    pub name: String,
    pub description: String,
    pub owner_team: String,
    pub topics: Vec<String>,
    pub private: bool,
    pub default_branch: String,
}

/// Where a repository is.
#[derive(Debug, Clone, Serialize)]
pub struct RepoRef {
    pub name: String,
    /// What `git clone` takes.
    pub clone_url: String,
    /// What a person opens.
    pub web_url: String,
}

/// The configured forge.
pub enum AnyForge<'r> {
    Local(LocalForge<'r>),
    GitHub(Box<GitHubForge>),
}

impl<'r> std::ops::Deref for AnyForge<'r> {
    type Target = dyn Forge + 'r;
    fn deref(&self) -> &Self::Target {
        match self {
            AnyForge::Local(f) => f,
            AnyForge::GitHub(g) => g.as_ref(),
        }
    }
}

impl AnyForge<'_> {
    pub fn github(&self) -> Option<&GitHubForge> {
        match self {
            AnyForge::GitHub(g) => Some(g),
            AnyForge::Local(_) => None,
        }
    }
}

/// The text of idp.yaml (`file`) at `commit` (for positions in error messages).
fn config_text_at(
    repo: &git2::Repository,
    commit: Option<&git2::Commit<'_>>,
    file: &str,
) -> Option<String> {
    let entry = commit?.tree().ok()?.get_path(Path::new(file)).ok()?;
    let blob = repo.find_blob(entry.id()).ok()?;
    String::from_utf8(blob.content().to_vec()).ok()
}

/// The platform repository's name on the forge when `forge.github.repo` does not say: the
/// last segment of `origin`'s URL, else the working directory's name.
fn platform_repo_name(repo: &git2::Repository) -> Option<String> {
    let from_origin = repo.find_remote("origin").ok().and_then(|r| {
        let url = r.url().ok()?.trim_end_matches('/').to_string();
        let last = url.rsplit(['/', ':']).next()?.to_string();
        Some(last.trim_end_matches(".git").to_string())
    });
    from_origin.filter(|n| !n.is_empty()).or_else(|| {
        repo.workdir()
            .and_then(|d| d.file_name())
            .map(|n| n.to_string_lossy().into_owned())
    })
}

/// The forge that `config` (`idp.yaml` at `commit`, the base branch's tip) configures; the
/// local forge when there is no config or it says `local`.
pub fn open<'r>(
    repo: &'r git2::Repository,
    commit: Option<&git2::Commit<'_>>,
    config: Option<&config::Settings>,
) -> anyhow::Result<AnyForge<'r>> {
    match config {
        Some(config) if config.forge.kind == "github" => {
            let name = platform_repo_name(repo);
            Ok(AnyForge::GitHub(Box::new(GitHubForge::new(
                config,
                name.as_deref(),
                &|| config_text_at(repo, commit, config.file),
            )?)))
        }
        _ => Ok(AnyForge::Local(LocalForge::new(
            repo,
            crate::infra::refs::Remote::origin(repo),
        ))),
    }
}

/// Where `idp new-app` creates app repositories: the local forge's directory or GitHub.
pub enum AppRepos {
    Local(LocalRepos),
    GitHub(Box<GitHubForge>),
}

impl AppRepos {
    /// The app repositories of `config` (the platform repo at `root`, named `platform_repo`).
    pub fn new(
        root: &Path,
        repo: &git2::Repository,
        config: &config::Settings,
    ) -> anyhow::Result<AppRepos> {
        if config.forge.kind == "github" {
            let name = platform_repo_name(repo);
            let text = || std::fs::read_to_string(root.join(config.file)).ok();
            return Ok(AppRepos::GitHub(Box::new(GitHubForge::new(
                config,
                name.as_deref(),
                &text,
            )?)));
        }
        Ok(AppRepos::Local(LocalRepos::new(
            root,
            &config.forge.local.repos_dir,
        )))
    }

    /// Where repository `name` is (or will be).
    pub fn reference(&self, name: &str) -> RepoRef {
        match self {
            AppRepos::Local(l) => l.reference(name),
            AppRepos::GitHub(g) => g.repo_reference(name),
        }
    }

    /// Create it with one first commit of `files` (or reuse the one idp made).
    pub fn create(
        &self,
        spec: &RepoSpec,
        files: &BTreeMap<String, Option<String>>,
        message: &str,
    ) -> anyhow::Result<(RepoRef, Created)> {
        match self {
            AppRepos::Local(l) => l.create(spec, files, message),
            AppRepos::GitHub(g) => g.create_repo(spec, files, message),
        }
    }

    /// Undo a creation when the platform change that goes with it fails. On GitHub the
    /// repository stays (deleting needs a scope idp does not ask for); a rerun reuses it.
    pub fn remove(&self, name: &str) {
        match self {
            AppRepos::Local(l) => l.remove(name),
            AppRepos::GitHub(g) => tracing::warn!(
                "the repository {} stays on GitHub; rerunning `idp new-app` reuses it",
                g.web_url(name)
            ),
        }
    }
}
