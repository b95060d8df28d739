//! App repositories of the local forge: bare repositories under the platform's `reposDir`,
//! marked as made by idp in their git config. Creation is idempotent: a repository idp made
//! with the same first commit is reused; anything else with that name is an error.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use super::{RepoRef, RepoSpec};
use crate::error::IdpError;
use crate::infra::git;

pub struct LocalRepos {
    dir: PathBuf,
}

/// What `create` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Created {
    New,
    Reused,
}

impl LocalRepos {
    pub fn new(platform_root: &Path, repos_dir: &str) -> Self {
        LocalRepos {
            dir: platform_root.join(repos_dir),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.git"))
    }

    /// Where a repository is (or would be).
    pub fn reference(&self, name: &str) -> RepoRef {
        let path = self.path(name);
        let abs = if path.is_absolute() {
            path
        } else {
            std::env::current_dir().unwrap_or_default().join(path)
        };
        let url = abs.display().to_string();
        RepoRef {
            name: name.to_string(),
            clone_url: url.clone(),
            web_url: url,
        }
    }

    /// Create the repository with one first commit holding `files` on the default branch.
    pub fn create(
        &self,
        spec: &RepoSpec,
        files: &BTreeMap<String, Option<String>>,
        message: &str,
    ) -> anyhow::Result<(RepoRef, Created)> {
        crate::infra::git::start();
        let path = self.path(&spec.name);
        if path.exists() {
            git2::Repository::open_bare(&path).with_context(|| {
                format!("`{}` exists but is not a git repository", path.display())
            })?;
            // Through the memory backend: the comparison below writes nothing to disk.
            let repo = crate::infra::objects::open(&path)?;
            let managed = repo
                .config()
                .and_then(|c| c.get_bool("idp.managed"))
                .unwrap_or(false);
            if !managed {
                return Err(IdpError::usage(format!(
                    "a repository named `{}` already exists and was not created by idp ({})",
                    spec.name,
                    path.display()
                )));
            }
            let tree = git::build_tree(repo, None, files)?;
            let first = git::branch_tip(repo, &spec.default_branch)?.map(|tip| {
                let mut walk = repo.revwalk().ok();
                let root = walk.as_mut().and_then(|w| {
                    w.push(tip.id()).ok()?;
                    w.last().and_then(|r| r.ok())
                });
                root.and_then(|r| repo.find_commit(r).ok())
                    .map(|c| c.tree_id())
            });
            if first.flatten() == Some(tree) {
                return Ok((self.reference(&spec.name), Created::Reused));
            }
            return Err(IdpError::usage(format!(
                "app repository `{}` already exists with different content; pick another name \
                 or use `idp upgrade`",
                spec.name
            )));
        }
        std::fs::create_dir_all(&self.dir)
            .with_context(|| format!("cannot create `{}`", self.dir.display()))?;
        let mut opts = git2::RepositoryInitOptions::new();
        opts.bare(true).initial_head(&spec.default_branch);
        let result = (|| -> anyhow::Result<()> {
            let mut config = git2::Repository::init_opts(&path, &opts)?.config()?;
            config.set_bool("idp.managed", true)?;
            config.set_str("idp.owner", &spec.owner_team)?;
            config.set_str("idp.topics", &spec.topics.join(","))?;
            config.set_bool("idp.private", spec.private)?;
            std::fs::write(path.join("description"), format!("{}\n", spec.description))?;
            // The first commit's objects land as one pack (not a loose file per object), so
            // clones and later reads of the repository open one file.
            let repo = crate::infra::objects::open(&path)?;
            let tree = git::build_tree(repo, None, files)?;
            let commit = git::commit(repo, tree, &[], message)?;
            git::set_ref(
                repo,
                &format!("refs/heads/{}", spec.default_branch),
                commit,
                None,
                "idp: create",
            )?;
            Ok(())
        })();
        if let Err(e) = result {
            let _ = std::fs::remove_dir_all(&path);
            return Err(e);
        }
        Ok((self.reference(&spec.name), Created::New))
    }

    /// Undo a creation (when the platform change that goes with it fails).
    pub fn remove(&self, name: &str) {
        let _ = std::fs::remove_dir_all(self.path(name));
    }
}
