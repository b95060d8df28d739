//! Forges: where pull requests live. `local` (the embedded default) keeps them in the repo
//! itself; `github` (a later issue) talks to GitHub. Commands only see the [`Forge`] trait.

pub mod local;
pub mod repos;

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

/// One applied approval label.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Approved {
    pub label: String,
    pub by: String,
    pub at: String,
}

impl PullRequest {
    /// Are all of the PR's required labels applied?
    pub fn approved(&self) -> bool {
        self.labels
            .iter()
            .all(|l| self.approvals.iter().any(|a| &a.label == l))
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
}

/// The operations every forge offers.
pub trait Forge {
    fn name(&self) -> &'static str;
    fn list(&self) -> anyhow::Result<Vec<PullRequest>>;
    fn get(&self, number: u64) -> anyhow::Result<PullRequest>;
    /// The open pull request whose head is `branch`, if any.
    fn find_open(&self, branch: &str) -> anyhow::Result<Option<PullRequest>> {
        Ok(self
            .list()?
            .into_iter()
            .find(|p| p.head == branch && p.state == PrState::Open))
    }
    /// Open a pull request, or update the open one for the same head: never a duplicate.
    fn open_or_update(&self, req: &PrRequest) -> anyhow::Result<(PullRequest, Upsert)>;
    /// Record a merge that the caller has made (local) or ask the forge to merge (remote).
    fn mark_merged(&self, number: u64, by: &str, merge_commit: &str)
    -> anyhow::Result<PullRequest>;
    fn close(&self, number: u64, by: &str) -> anyhow::Result<PullRequest>;
    /// Apply an approval label to an open pull request.
    fn approve(&self, number: u64, label: &str, by: &str) -> anyhow::Result<PullRequest>;
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
