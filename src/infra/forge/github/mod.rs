//! The GitHub forge (ADR-0014): pull requests on GitHub or GitHub Enterprise through octocrab,
//! branches pushed with git (libgit2 over idp's https transport, the same token), and app
//! repositories created, protected and shared with their team (`repos`). Names GitHub would
//! reject are refused before any call; the token is resolved on the first call.

pub mod api;
pub mod auth;
pub mod pulls;
pub mod repos;

use std::cell::OnceCell;

use serde_json::{Value, json};

use self::api::{Api, ApiError};
use super::{Forge, PrRequest, PrState, PullRequest, Upsert};
use crate::error::{Finding, IdpError};
use crate::infra::forge::config::{GitHubConfig, Settings};

/// How GitHub merges a pull request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeMethod {
    Merge,
    Squash,
    Rebase,
}

impl MergeMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            MergeMethod::Merge => "merge",
            MergeMethod::Squash => "squash",
            MergeMethod::Rebase => "rebase",
        }
    }
}

pub struct GitHubForge {
    pub owner: String,
    /// The platform repository.
    pub repo: String,
    api_url: String,
    git_url: String,
    cfg: GitHubConfig,
    /// The teams of idp.yaml: a reviewer that names one is asked as a team.
    teams: Vec<String>,
    api: OnceCell<Api>,
}

/// Is `name` an organisation or user name GitHub accepts? (1–39 letters, digits and single
/// hyphens, not at either end.)
pub fn check_owner(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= 39
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-')
        && !name.contains("--");
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{name}` is not a GitHub organisation name: 1-39 letters, digits or single \
             hyphens, not starting or ending with a hyphen"
        ))
    }
}

/// Is `name` a repository name GitHub accepts as given? (1–100 of letters, digits, `.`, `-`,
/// `_`; not `.` or `..`; no `.git` suffix.)
pub fn check_repo(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && name.len() <= 100
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
        && name != "."
        && name != ".."
        && !name.to_ascii_lowercase().ends_with(".git");
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{name}` is not a GitHub repository name: 1-100 letters, digits, `.`, `-` or `_`, \
             not `.`/`..`, without `.git`"
        ))
    }
}

/// The web and git host of an API URL: `https://api.github.com` → `https://github.com`,
/// `https://ghe.example.com/api/v3` → `https://ghe.example.com`.
fn default_git_url(api_url: &str) -> String {
    let trimmed = api_url.trim_end_matches('/');
    if trimmed == "https://api.github.com" {
        return "https://github.com".into();
    }
    trimmed
        .strip_suffix("/api/v3")
        .unwrap_or(trimmed)
        .to_string()
}

/// Percent-encode one path segment (label names may hold spaces and `:`).
fn segment(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b':') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl GitHubForge {
    /// The forge of `config`; `platform_repo` is the platform repository's name when
    /// `forge.github.repo` does not set one. `config_text` gives idp.yaml's text, read only
    /// to locate a bad name.
    pub fn new(
        config: &Settings,
        platform_repo: Option<&str>,
        config_text: &dyn Fn() -> Option<String>,
    ) -> anyhow::Result<GitHubForge> {
        let cfg = config.forge.github.clone();
        let locate = |pointer: &str| -> (usize, usize) {
            config_text()
                .and_then(|t| crate::yaml::parse(&t).ok())
                .map(|d| d.locate(pointer))
                .map_or((1, 1), |s| (s.line, s.col))
        };
        let bad = |pointer: &str, field: &str, message: String| {
            let (line, col) = locate(pointer);
            IdpError::bad_input(
                Finding::error(config.file, line, col)
                    .path(field)
                    .rule("github-name")
                    .message(message),
            )
        };
        let (owner, owner_ptr, owner_field) = match &cfg.owner {
            Some(o) => (o.clone(), "/forge/github/owner", "forge.github.owner"),
            None => (config.org.clone(), "/org", "org"),
        };
        check_owner(&owner).map_err(|m| bad(owner_ptr, owner_field, m))?;
        let repo = match (&cfg.repo, platform_repo) {
            (Some(r), _) => r.clone(),
            (None, Some(r)) => r.to_string(),
            (None, None) => {
                return Err(IdpError::usage(
                    "the github forge needs the platform repository's name: set \
                     `forge.github.repo` in idp.yaml",
                ));
            }
        };
        check_repo(&repo).map_err(|m| bad("/forge/github/repo", "forge.github.repo", m))?;
        let api_url = cfg.base_url.trim_end_matches('/').to_string();
        if reqwest::Url::parse(&api_url).is_err() {
            return Err(bad(
                "/forge/github/baseUrl",
                "forge.github.baseUrl",
                format!("`{api_url}` is not a URL"),
            ));
        }
        // The token goes to both: never over plain http (but to a loopback test server).
        crate::infra::secrets::check_transport(&api_url)
            .map_err(|m| bad("/forge/github/baseUrl", "forge.github.baseUrl", m))?;
        let git_url = cfg
            .git_url
            .clone()
            .unwrap_or_else(|| default_git_url(&api_url))
            .trim_end_matches('/')
            .to_string();
        crate::infra::secrets::check_transport(&git_url)
            .map_err(|m| bad("/forge/github/gitUrl", "forge.github.gitUrl", m))?;
        Ok(GitHubForge {
            owner,
            repo,
            api_url,
            git_url,
            cfg,
            teams: config.teams.clone(),
            api: OnceCell::new(),
        })
    }

    pub fn settings(&self) -> &GitHubConfig {
        &self.cfg
    }

    /// The API client, authenticated on first use (exit 4 without credentials).
    pub fn api(&self) -> anyhow::Result<&Api> {
        if let Some(api) = self.api.get() {
            return Ok(api);
        }
        let api = Api::new(&self.api_url, auth::resolve(&self.cfg)?)?;
        Ok(self.api.get_or_init(|| api))
    }

    /// What `git clone` takes for repository `name` of the owner.
    pub fn clone_url(&self, name: &str) -> String {
        format!("{}/{}/{name}.git", self.git_url, self.owner)
    }

    /// What a person opens for repository `name`.
    pub fn web_url(&self, name: &str) -> String {
        let web = if self.git_url.starts_with("http://") || self.git_url.starts_with("https://") {
            self.git_url.clone()
        } else {
            default_git_url(&self.api_url)
        };
        format!("{web}/{}/{name}", self.owner)
    }

    /// How git authenticates to the forge's git host: the token its API calls use.
    pub fn git_auth(&self) -> anyhow::Result<crate::infra::gitcli::Auth> {
        Ok(crate::infra::gitcli::Auth::Token(
            self.api()?.token().to_string(),
        ))
    }

    fn repo_path(&self) -> String {
        format!("/repos/{}/{}", self.owner, self.repo)
    }

    fn open_for(&self, branch: &str) -> anyhow::Result<Option<Value>> {
        let path = format!(
            "{}/pulls?state=open&head={}:{}&per_page=100",
            self.repo_path(),
            self.owner,
            branch
        );
        let open = self.api()?.list(&path, 1).map_err(ApiError::into_anyhow)?;
        Ok(open
            .into_iter()
            .find(|p| p.pointer("/head/ref").and_then(Value::as_str) == Some(branch)))
    }

    /// Make the `needs:` labels of pull request `number` exactly `required` (others stay);
    /// request the reviewers not yet requested. Did anything change?
    fn sync_labels_and_reviewers(&self, pr: &Value, req: &PrRequest) -> anyhow::Result<bool> {
        let api = self.api()?;
        let number = pr.get("number").and_then(Value::as_u64).unwrap_or(0);
        let have = pulls::label_names(pr);
        let want: Vec<String> = req.labels.iter().map(|l| pulls::needs_label(l)).collect();
        let add: Vec<&String> = want.iter().filter(|w| !have.contains(w)).collect();
        let remove: Vec<&String> = have
            .iter()
            .filter(|h| h.starts_with(pulls::NEEDS) && !want.contains(h))
            .collect();
        let issue = format!("{}/issues/{number}/labels", self.repo_path());
        if !add.is_empty() {
            api.post(&issue, &json!({ "labels": add }))
                .map_err(ApiError::into_anyhow)?;
        }
        for label in &remove {
            match api.delete(&format!("{issue}/{}", segment(label))) {
                Ok(_) | Err(ApiError::NotFound { .. }) => {}
                Err(e) => return Err(e.into_anyhow()),
            }
        }
        let current = pulls::from_json(pr);
        let author = current.author.clone();
        let (users, teams) = pulls::split_reviewers(&req.reviewers, &author, &self.teams);
        let requested = |r: &String| current.reviewers.iter().any(|c| c.ends_with(r.as_str()));
        let users: Vec<String> = users.into_iter().filter(|u| !requested(u)).collect();
        let teams: Vec<String> = teams.into_iter().filter(|t| !requested(t)).collect();
        if !users.is_empty() || !teams.is_empty() {
            api.post(
                &format!("{}/pulls/{number}/requested_reviewers", self.repo_path()),
                &json!({ "reviewers": users, "team_reviewers": teams }),
            )
            .map_err(ApiError::into_anyhow)?;
        }
        Ok(!add.is_empty() || !remove.is_empty() || !users.is_empty() || !teams.is_empty())
    }

    /// Publish a change: look for its open pull request first (which also proves the
    /// credentials before anything leaves this machine), then `push` its branch, then update
    /// that pull request or open one.
    pub fn publish(
        &self,
        req: &PrRequest,
        push: impl FnOnce() -> anyhow::Result<()>,
    ) -> anyhow::Result<(PullRequest, Upsert)> {
        let existing = self.open_for(&req.head)?;
        push()?;
        match existing {
            Some(pr) => self.update(pr, req),
            None => self.open_new(req),
        }
    }

    /// Open a pull request for `req` — or, when GitHub answers 422 "a pull request already
    /// exists" (opened meanwhile, by a rerun racing this one), update that one.
    fn open_new(&self, req: &PrRequest) -> anyhow::Result<(PullRequest, Upsert)> {
        let created = self.api()?.post(
            &format!("{}/pulls", self.repo_path()),
            &json!({
                "title": req.title,
                "head": req.head,
                "base": req.base,
                "body": req.body,
                "maintainer_can_modify": true,
            }),
        );
        let pr = match created {
            Ok(reply) => reply.body,
            Err(e) if e.unprocessable_says("a pull request already exists") => {
                let Some(pr) = self.open_for(&req.head)? else {
                    return Err(e.into_anyhow());
                };
                return self.update(pr, req);
            }
            Err(e) => return Err(e.into_anyhow()),
        };
        self.sync_labels_and_reviewers(&pr, req)?;
        let mut out = pulls::from_json(&pr);
        out.labels = req.labels.clone();
        Ok((out, Upsert::Opened))
    }

    /// Update the open pull request `pr` to match `req`.
    fn update(&self, pr: Value, req: &PrRequest) -> anyhow::Result<(PullRequest, Upsert)> {
        let number = pr.get("number").and_then(Value::as_u64).unwrap_or(0);
        let current = pulls::from_json(&pr);
        let mut changed = current.head_sha != req.head_sha;
        let pr = if current.title != req.title
            || current.body.trim_end() != req.body.trim_end()
            || current.base != req.base
        {
            changed = true;
            self.api()?
                .patch(
                    &format!("{}/pulls/{number}", self.repo_path()),
                    &json!({ "title": req.title, "body": req.body, "base": req.base }),
                )
                .map_err(ApiError::into_anyhow)?
                .body
        } else {
            pr
        };
        changed |= self.sync_labels_and_reviewers(&pr, req)?;
        let mut out = pulls::from_json(&pr);
        out.labels = req.labels.clone();
        out.head_sha = req.head_sha.clone();
        Ok((
            out,
            if changed {
                Upsert::Updated
            } else {
                Upsert::Unchanged
            },
        ))
    }

    /// Merge pull request `number` on GitHub, only if its head is still `expected_head`.
    pub fn merge(
        &self,
        number: u64,
        method: MergeMethod,
        expected_head: &str,
    ) -> anyhow::Result<String> {
        let path = format!("{}/pulls/{number}/merge", self.repo_path());
        let body = json!({ "merge_method": method.as_str(), "sha": expected_head });
        match self.api()?.put(&path, &body) {
            Ok(reply) => Ok(reply
                .body
                .get("sha")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()),
            Err(ApiError::Status {
                status: 405 | 409,
                message,
                ..
            }) => Err(IdpError::Invalid {
                message: format!("GitHub will not merge #{number}: {message}"),
                findings: Vec::new(),
            }
            .into()),
            Err(e) => Err(e.into_anyhow()),
        }
    }

    /// Delete a branch of the platform repository on GitHub (a missing one is fine).
    pub fn delete_branch(&self, branch: &str) -> anyhow::Result<()> {
        let path = format!("{}/git/refs/heads/{branch}", self.repo_path());
        match self.api()?.delete(&path) {
            Ok(_) | Err(ApiError::NotFound { .. }) => Ok(()),
            Err(ApiError::Unprocessable { .. }) => Ok(()),
            Err(e) => Err(e.into_anyhow()),
        }
    }

    /// The files pull request `number` changes, with their patches, as GitHub computes them.
    pub fn files(&self, number: u64) -> anyhow::Result<Vec<PrFile>> {
        let files = self
            .api()?
            .list(
                &format!("{}/pulls/{number}/files?per_page=100", self.repo_path()),
                30,
            )
            .map_err(ApiError::into_anyhow)?;
        Ok(files
            .iter()
            .map(|f| {
                let s = |k: &str| f.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                let n = |k: &str| f.get(k).and_then(Value::as_u64).unwrap_or(0);
                PrFile {
                    path: s("filename"),
                    previous: f
                        .get("previous_filename")
                        .and_then(Value::as_str)
                        .map(str::to_string),
                    status: s("status"),
                    additions: n("additions"),
                    deletions: n("deletions"),
                    patch: s("patch"),
                }
            })
            .collect())
    }
}

/// One file of a pull request on GitHub.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PrFile {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    pub status: String,
    pub additions: u64,
    pub deletions: u64,
    #[serde(skip)]
    pub patch: String,
}

/// The files as one unified diff (GitHub's patches with git's headers).
pub fn unified_diff(files: &[PrFile]) -> String {
    let mut out = String::new();
    for f in files {
        let old = f.previous.as_deref().unwrap_or(&f.path);
        let (a, b) = match f.status.as_str() {
            "added" => ("/dev/null".to_string(), format!("b/{}", f.path)),
            "removed" => (format!("a/{old}"), "/dev/null".to_string()),
            _ => (format!("a/{old}"), format!("b/{}", f.path)),
        };
        out.push_str(&format!(
            "diff --git a/{old} b/{}\n--- {a}\n+++ {b}\n",
            f.path
        ));
        if !f.patch.is_empty() {
            out.push_str(&f.patch);
            if !f.patch.ends_with('\n') {
                out.push('\n');
            }
        }
    }
    out
}

/// A reviewer's standing review of a pull request: their latest approval, change request or
/// dismissal (comments change nothing), and the commit it was given on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub login: String,
    /// `APPROVED`, `CHANGES_REQUESTED` or `DISMISSED`.
    pub state: String,
    pub commit: String,
    pub at: String,
}

/// The standing review of each reviewer among `reviews` (GitHub's list, oldest first).
pub fn standing_reviews(reviews: &[Value]) -> Vec<Review> {
    let mut out: Vec<Review> = Vec::new();
    for r in reviews {
        let state = r.get("state").and_then(Value::as_str).unwrap_or("");
        if !matches!(state, "APPROVED" | "CHANGES_REQUESTED" | "DISMISSED") {
            continue;
        }
        let login = r
            .pointer("/user/login")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        if login.is_empty() {
            continue;
        }
        let review = Review {
            login,
            state: state.to_string(),
            commit: r
                .get("commit_id")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            at: r
                .get("submitted_at")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
        };
        out.retain(|o| !o.login.eq_ignore_ascii_case(&review.login));
        out.push(review);
    }
    out
}

impl GitHubForge {
    /// The standing review of each reviewer of pull request `number`.
    pub fn reviews(&self, number: u64) -> anyhow::Result<Vec<Review>> {
        let path = format!("{}/pulls/{number}/reviews?per_page=100", self.repo_path());
        let all = self.api()?.list(&path, 10).map_err(ApiError::into_anyhow)?;
        Ok(standing_reviews(&all))
    }

    /// Is `login` an active member of `team` (`@org/slug`, `org/slug`, or a slug of the owner)?
    pub fn team_member(&self, team: &str, login: &str) -> anyhow::Result<bool> {
        let team = team.trim_start_matches('@');
        let (org, slug) = team.split_once('/').unwrap_or((&self.owner, team));
        match self
            .api()?
            .get(&format!("/orgs/{org}/teams/{slug}/memberships/{login}"))
        {
            Ok(reply) => Ok(reply.body.get("state").and_then(Value::as_str) == Some("active")),
            Err(ApiError::NotFound { .. }) => Ok(false),
            Err(e) => Err(e.into_anyhow()),
        }
    }

    /// Protect `branch` of the platform repository so that GitHub itself enforces approvals:
    /// a pull request, a review by a code owner (`.github/CODEOWNERS`, which idp renders),
    /// stale reviews dismissed on a new push, no force pushes or deletions, admins included.
    pub fn protect_platform(&self, branch: &str, required_reviews: u32) -> anyhow::Result<Value> {
        let body = json!({
            "required_status_checks": null,
            "enforce_admins": true,
            "required_pull_request_reviews": {
                "required_approving_review_count": required_reviews.max(1),
                "require_code_owner_reviews": true,
                "dismiss_stale_reviews": true,
                "require_last_push_approval": true,
            },
            "restrictions": null,
            "allow_force_pushes": false,
            "allow_deletions": false,
        });
        self.api()?
            .put(
                &format!("{}/branches/{branch}/protection", self.repo_path()),
                &body,
            )
            .map_err(ApiError::into_anyhow)?;
        Ok(body)
    }
}

impl Forge for GitHubForge {
    fn name(&self) -> &'static str {
        "github"
    }

    fn list(&self) -> anyhow::Result<Vec<PullRequest>> {
        let path = format!("{}/pulls?state=all&per_page=100", self.repo_path());
        let all = self.api()?.list(&path, 10).map_err(ApiError::into_anyhow)?;
        let mut out: Vec<PullRequest> = all.iter().map(pulls::from_json).collect();
        out.sort_by_key(|p| p.number);
        Ok(out)
    }

    fn list_open(&self) -> anyhow::Result<Vec<PullRequest>> {
        let path = format!("{}/pulls?state=open&per_page=100", self.repo_path());
        let open = self.api()?.list(&path, 10).map_err(ApiError::into_anyhow)?;
        let mut out: Vec<PullRequest> = open.iter().map(pulls::from_json).collect();
        out.sort_by_key(|p| p.number);
        Ok(out)
    }

    fn get(&self, number: u64) -> anyhow::Result<PullRequest> {
        match self
            .api()?
            .get(&format!("{}/pulls/{number}", self.repo_path()))
        {
            Ok(reply) => Ok(pulls::from_json(&reply.body)),
            Err(ApiError::NotFound { .. }) => Err(IdpError::usage(format!(
                "there is no pull request #{number} in {}/{}",
                self.owner, self.repo
            ))),
            Err(e) => Err(e.into_anyhow()),
        }
    }

    fn find_open(&self, branch: &str) -> anyhow::Result<Option<PullRequest>> {
        Ok(self.open_for(branch)?.as_ref().map(pulls::from_json))
    }

    fn open_or_update(&self, req: &PrRequest) -> anyhow::Result<(PullRequest, Upsert)> {
        match self.open_for(&req.head)? {
            Some(pr) => self.update(pr, req),
            None => self.open_new(req),
        }
    }

    fn mark_merged(&self, number: u64, _by: &str, _commit: &str) -> anyhow::Result<PullRequest> {
        let pr = self.get(number)?;
        self.merge(number, MergeMethod::Merge, &pr.head_sha)?;
        self.get(number)
    }

    fn close(&self, number: u64, _by: &str) -> anyhow::Result<PullRequest> {
        let reply = self
            .api()?
            .patch(
                &format!("{}/pulls/{number}", self.repo_path()),
                &json!({ "state": "closed" }),
            )
            .map_err(ApiError::into_anyhow)?;
        Ok(pulls::from_json(&reply.body))
    }

    /// A review that approves `head` (GitHub binds it to that commit and, with branch
    /// protection's `dismiss_stale_reviews`, dismisses it on a new push), and the label `label`
    /// that shows which approval it gives (the label alone approves nothing: ADR-0032).
    fn approve(
        &self,
        number: u64,
        label: &str,
        _by: &str,
        head: &str,
    ) -> anyhow::Result<PullRequest> {
        let pr = self.get(number)?;
        if pr.state != PrState::Open {
            return Err(IdpError::usage(format!(
                "pull request #{number} is {}",
                pr.state.as_str()
            )));
        }
        let head = if head.is_empty() { &pr.head_sha } else { head };
        self.api()?
            .post(
                &format!("{}/pulls/{number}/reviews", self.repo_path()),
                &json!({
                    "event": "APPROVE",
                    "commit_id": head,
                    "body": format!("Approved: `{label}` (idp pr approve)"),
                }),
            )
            .map_err(ApiError::into_anyhow)?;
        self.api()?
            .post(
                &format!("{}/issues/{number}/labels", self.repo_path()),
                &json!({ "labels": [label] }),
            )
            .map_err(ApiError::into_anyhow)?;
        self.get(number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_standing_review_is_each_reviewers_latest_that_is_not_a_comment() {
        let r = |who: &str, state: &str, commit: &str| json!({"user": {"login": who}, "state": state, "commit_id": commit});
        let standing = standing_reviews(&[
            r("amy", "APPROVED", "a"),
            r("amy", "COMMENTED", "b"),
            r("bo", "APPROVED", "a"),
            r("bo", "CHANGES_REQUESTED", "b"),
            r("cy", "APPROVED", "a"),
            r("cy", "DISMISSED", "a"),
            r("", "APPROVED", "a"),
        ]);
        let got: Vec<(&str, &str, &str)> = standing
            .iter()
            .map(|r| (r.login.as_str(), r.state.as_str(), r.commit.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("amy", "APPROVED", "a"),
                ("bo", "CHANGES_REQUESTED", "b"),
                ("cy", "DISMISSED", "a")
            ]
        );
    }

    #[test]
    fn names_github_would_reject_are_refused() {
        assert!(check_owner("acme").is_ok());
        assert!(check_owner("acme-corp").is_ok());
        for bad in [
            "",
            "-acme",
            "acme-",
            "ac--me",
            "acme_corp",
            "a.b",
            &"a".repeat(40),
        ] {
            assert!(check_owner(bad).is_err(), "{bad}");
        }
        assert!(check_repo("platform").is_ok());
        assert!(check_repo("my.repo_1-x").is_ok());
        for bad in ["", ".", "..", "a b", "x.git", "a/b", &"a".repeat(101)] {
            assert!(check_repo(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn git_urls_follow_the_api_url() {
        assert_eq!(
            default_git_url("https://api.github.com"),
            "https://github.com"
        );
        assert_eq!(
            default_git_url("https://ghe.example.com/api/v3/"),
            "https://ghe.example.com"
        );
        assert_eq!(segment("needs:big label"), "needs:big%20label");
    }
}
