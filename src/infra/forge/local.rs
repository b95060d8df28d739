//! The local forge: a pull request is a branch plus a JSON record in git. Records live in the
//! ref `refs/idp/forge`, a chain of commits whose tree holds `pulls/NNNN.json`; every change
//! to a record is a commit (an audit trail) and moves the ref by compare-and-swap. Nothing is
//! written outside the repository.

use std::collections::BTreeMap;

use anyhow::Context as _;
use git2::Repository;

use super::{Forge, PrRequest, PrState, PullRequest, Upsert};
use crate::error::IdpError;
use crate::infra::{clock, git};

pub const FORGE_REF: &str = "refs/idp/forge";

pub struct LocalForge<'r> {
    repo: &'r Repository,
}

impl<'r> LocalForge<'r> {
    pub fn new(repo: &'r Repository) -> Self {
        LocalForge { repo }
    }

    fn record_path(number: u64) -> String {
        format!("pulls/{number:04}.json")
    }

    fn read_all(&self) -> anyhow::Result<Vec<PullRequest>> {
        let Some(tip) = git::ref_target(self.repo, FORGE_REF)? else {
            return Ok(Vec::new());
        };
        let tree = self.repo.find_commit(tip)?.tree()?;
        let source = crate::platform::GitTree::new(self.repo, Some(tree));
        let mut out = Vec::new();
        for path in crate::platform::Source::files(&source, "pulls")? {
            if let Some(text) = crate::platform::Source::read(&source, &path)? {
                let pr: PullRequest = serde_json::from_str(&text).with_context(|| {
                    format!("forge record `{path}` in `{FORGE_REF}` is corrupt")
                })?;
                out.push(pr);
            }
        }
        out.sort_by_key(|p| p.number);
        Ok(out)
    }

    /// Commit a new version of one record and move the forge ref.
    fn write(&self, pr: &PullRequest, message: &str) -> anyhow::Result<()> {
        let old = git::ref_target(self.repo, FORGE_REF)?;
        let parent = old.map(|o| self.repo.find_commit(o)).transpose()?;
        let base_tree = parent.as_ref().map(|c| c.tree()).transpose()?;
        let mut changes = BTreeMap::new();
        let mut text = serde_json::to_string_pretty(pr)?;
        text.push('\n');
        changes.insert(Self::record_path(pr.number), Some(text));
        let tree = git::build_tree(self.repo, base_tree.as_ref(), &changes)?;
        let parents: Vec<&git2::Commit> = parent.iter().collect();
        let commit = git::commit(self.repo, tree, &parents, message)?;
        git::set_ref(self.repo, FORGE_REF, commit, old, message)
    }

    fn url(number: u64) -> String {
        format!("idp pr show {number}")
    }
}

impl Forge for LocalForge<'_> {
    fn name(&self) -> &'static str {
        "local"
    }

    fn list(&self) -> anyhow::Result<Vec<PullRequest>> {
        self.read_all()
    }

    fn get(&self, number: u64) -> anyhow::Result<PullRequest> {
        self.read_all()?
            .into_iter()
            .find(|p| p.number == number)
            .ok_or_else(|| IdpError::usage(format!("there is no pull request #{number}")))
    }

    fn open_or_update(&self, req: &PrRequest) -> anyhow::Result<(PullRequest, Upsert)> {
        let all = self.read_all()?;
        let now = clock::now();
        if let Some(existing) = all
            .iter()
            .find(|p| p.head == req.head && p.state == PrState::Open)
        {
            let mut pr = existing.clone();
            pr.title = req.title.clone();
            pr.body = req.body.clone();
            pr.labels = req.labels.clone();
            pr.reviewers = req.reviewers.clone();
            pr.base = req.base.clone();
            if pr.head_sha == req.head_sha
                && pr.title == existing.title
                && pr.body == existing.body
                && pr.labels == existing.labels
            {
                return Ok((pr, Upsert::Unchanged));
            }
            pr.head_sha = req.head_sha.clone();
            pr.updated_at = now;
            self.write(&pr, &format!("Update pull request #{}", pr.number))?;
            return Ok((pr, Upsert::Updated));
        }
        let number = all.iter().map(|p| p.number).max().unwrap_or(0) + 1;
        let pr = PullRequest {
            number,
            title: req.title.clone(),
            body: req.body.clone(),
            head: req.head.clone(),
            base: req.base.clone(),
            state: PrState::Open,
            labels: req.labels.clone(),
            reviewers: req.reviewers.clone(),
            approvals: Vec::new(),
            author: req.author.clone(),
            created_at: now.clone(),
            updated_at: now,
            head_sha: req.head_sha.clone(),
            merged_by: None,
            merged_at: None,
            merge_commit: None,
            closed_by: None,
            closed_at: None,
            url: Self::url(number),
        };
        self.write(&pr, &format!("Open pull request #{number}: {}", pr.title))?;
        Ok((pr, Upsert::Opened))
    }

    fn mark_merged(
        &self,
        number: u64,
        by: &str,
        merge_commit: &str,
    ) -> anyhow::Result<PullRequest> {
        let mut pr = self.get(number)?;
        let now = clock::now();
        pr.state = PrState::Merged;
        pr.merged_by = Some(by.to_string());
        pr.merged_at = Some(now.clone());
        pr.merge_commit = Some(merge_commit.to_string());
        pr.updated_at = now;
        self.write(&pr, &format!("Merge pull request #{number} by {by}"))?;
        Ok(pr)
    }

    fn approve(&self, number: u64, label: &str, by: &str) -> anyhow::Result<PullRequest> {
        let mut pr = self.get(number)?;
        if pr.state != PrState::Open {
            return Err(IdpError::usage(format!(
                "pull request #{number} is {}",
                pr.state.as_str()
            )));
        }
        if pr.approvals.iter().any(|a| a.label == label) {
            return Ok(pr);
        }
        let now = clock::now();
        pr.approvals.push(super::Approved {
            label: label.to_string(),
            by: by.to_string(),
            at: now.clone(),
        });
        pr.updated_at = now;
        self.write(
            &pr,
            &format!("Approve pull request #{number}: {label} by {by}"),
        )?;
        Ok(pr)
    }

    fn close(&self, number: u64, by: &str) -> anyhow::Result<PullRequest> {
        let mut pr = self.get(number)?;
        let now = clock::now();
        pr.state = PrState::Closed;
        pr.closed_by = Some(by.to_string());
        pr.closed_at = Some(now.clone());
        pr.updated_at = now;
        self.write(&pr, &format!("Close pull request #{number} by {by}"))?;
        Ok(pr)
    }
}
