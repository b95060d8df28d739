//! App repositories on GitHub (`idp new-app`): create the repository in the organisation
//! (private by default), mark it as idp's with its topics (`golden-path`, `owner-<team>`,
//! `template-<name>`), push the first commit, protect the default branch (required reviews,
//! linear history, no force push, no deletion) and grant the owning team access.
//! Idempotent: a repository idp created (it carries the `golden-path` topic) is reused and
//! brought to the same settings; one idp did not create is an error.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::GitHubForge;
use super::api::ApiError;
use crate::error::IdpError;
use crate::infra::forge::repos::Created;
use crate::infra::forge::{RepoRef, RepoSpec};
use crate::infra::git;
use crate::infra::gitcli::{self, Expect, PushRejected, RefUpdate};

/// The topic that marks a repository as created by idp.
pub const MARKER_TOPIC: &str = "golden-path";

impl GitHubForge {
    /// Where app repository `name` is (or will be).
    pub fn repo_reference(&self, name: &str) -> RepoRef {
        RepoRef {
            name: name.to_string(),
            clone_url: self.clone_url(name),
            web_url: self.web_url(name),
        }
    }

    /// Create (or reuse) app repository `spec.name` with `files` as its first commit.
    pub fn create_repo(
        &self,
        spec: &RepoSpec,
        files: &BTreeMap<String, Option<String>>,
        message: &str,
    ) -> anyhow::Result<(RepoRef, Created)> {
        super::check_repo(&spec.name).map_err(IdpError::usage)?;
        let api = self.api()?;
        let owner = &self.owner;
        let name = &spec.name;
        let settings = &self.settings().repos;
        let created = api.post(
            &format!("/orgs/{owner}/repos"),
            &json!({
                "name": name,
                "description": spec.description,
                "private": spec.private && settings.private,
                "auto_init": false,
                "has_wiki": false,
                "allow_squash_merge": true,
                "allow_merge_commit": false,
                "allow_rebase_merge": true,
                "delete_branch_on_merge": true,
            }),
        );
        let how = match created {
            Ok(_) => Created::New,
            Err(e) if e.unprocessable_says("already exists") => {
                let existing = api
                    .get(&format!("/repos/{owner}/{name}"))
                    .map_err(ApiError::into_anyhow)?
                    .body;
                let topics: Vec<&str> = existing
                    .get("topics")
                    .and_then(Value::as_array)
                    .map(|t| t.iter().filter_map(Value::as_str).collect())
                    .unwrap_or_default();
                if !topics.contains(&MARKER_TOPIC) {
                    return Err(IdpError::usage(format!(
                        "a repository named `{owner}/{name}` already exists and was not created \
                         by idp (it has no `{MARKER_TOPIC}` topic); pick another name"
                    )));
                }
                Created::Reused
            }
            Err(e) => return Err(e.into_anyhow()),
        };
        // The topics first: they mark the repository as idp's should a later step fail.
        api.put(
            &format!("/repos/{owner}/{name}/topics"),
            &json!({ "names": spec.topics }),
        )
        .map_err(ApiError::into_anyhow)?;
        self.push_first_commit(spec, files, message, how)?;
        api.put(
            &format!(
                "/repos/{owner}/{name}/branches/{}/protection",
                spec.default_branch
            ),
            &json!({
                "required_status_checks": null,
                "enforce_admins": true,
                "required_pull_request_reviews": {
                    "required_approving_review_count": settings.required_reviews,
                    "dismiss_stale_reviews": true,
                },
                "restrictions": null,
                "required_linear_history": true,
                "allow_force_pushes": false,
                "allow_deletions": false,
            }),
        )
        .map_err(ApiError::into_anyhow)?;
        let team = spec
            .owner_team
            .rsplit('/')
            .next()
            .unwrap_or(&spec.owner_team);
        api.put(
            &format!("/orgs/{owner}/teams/{team}/repos/{owner}/{name}"),
            &json!({ "permission": settings.team_permission }),
        )
        .map_err(|e| match e {
            ApiError::NotFound { .. } => IdpError::usage(format!(
                "the owning team `{team}` does not exist in the GitHub organisation `{owner}`"
            )),
            e => e.into_anyhow(),
        })?;
        Ok((self.repo_reference(name), how))
    }

    /// Push `files` as the first commit of the default branch. On a reused repository whose
    /// branch already has commits, those are kept (the push expects the branch to be absent).
    fn push_first_commit(
        &self,
        spec: &RepoSpec,
        files: &BTreeMap<String, Option<String>>,
        message: &str,
        how: Created,
    ) -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let mut opts = git2::RepositoryInitOptions::new();
        opts.bare(true).initial_head(&spec.default_branch);
        let scratch = git2::Repository::init_opts(dir.path(), &opts)?;
        let tree = git::build_tree(&scratch, None, files)?;
        let commit = git::commit(&scratch, tree, &[], message)?;
        let branch = format!("refs/heads/{}", spec.default_branch);
        let update = RefUpdate::set(&branch, commit, Expect::Absent);
        let url = self.clone_url(&spec.name);
        match gitcli::push(scratch.path(), &url, &[update], &self.git_auth()?) {
            Ok(()) => Ok(()),
            Err(e) if how == Created::Reused && e.downcast_ref::<PushRejected>().is_some() => {
                tracing::info!("`{}` already has commits; keeping them", spec.name);
                Ok(())
            }
            Err(e) => Err(e),
        }
    }
}
