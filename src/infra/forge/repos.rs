//! App repositories of the local forge: bare repositories under the platform's `reposDir`,
//! marked as made by idp in their git config. Creation is idempotent: a repository idp made
//! with the same first commit is reused; anything else with that name is an error.
//!
//! A repository appears whole or not at all: it is made in a temporary directory beside its
//! place (`.<name>.git.tmp-*`) and renamed into place when complete, under an advisory lock on
//! `reposDir` (the system drops it when its process ends), and removed the same way (renamed
//! aside, then deleted). A run killed at any point leaves at most a temporary directory, which
//! the next creation deletes, so a rerun converges.

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

    /// Where repository `name` is.
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
        std::fs::create_dir_all(&self.dir)
            .with_context(|| format!("cannot create `{}`", self.dir.display()))?;
        let _lock = self.lock()?;
        self.remove_leftovers();
        let path = self.path(&spec.name);
        if path.exists() && !self.abandoned(&path) {
            return self.reuse(&path, spec, files);
        }
        if path.exists() {
            tracing::info!("`{}` was left half made; making it again", path.display());
            self.remove_path(&path)?;
        }
        let tmp = tempfile::Builder::new()
            .prefix(&format!(".{}{TMP}", spec.name))
            .tempdir_in(&self.dir)
            .with_context(|| format!("cannot create a directory in `{}`", self.dir.display()))?;
        let mut opts = git2::RepositoryInitOptions::new();
        opts.bare(true).initial_head(&spec.default_branch);
        let mut config = git2::Repository::init_opts(tmp.path(), &opts)?.config()?;
        config.set_bool("idp.managed", true)?;
        config.set_str("idp.owner", &spec.owner_team)?;
        config.set_str("idp.topics", &spec.topics.join(","))?;
        config.set_bool("idp.private", spec.private)?;
        std::fs::write(
            tmp.path().join("description"),
            format!("{}\n", spec.description),
        )?;
        // The first commit's objects land as one pack (not a loose file per object), so
        // clones and later reads of the repository open one file.
        let repo = crate::infra::objects::open(tmp.path())?;
        let tree = git::build_tree(repo, None, files)?;
        let commit = git::commit(repo, tree, &[], message)?;
        git::set_ref(
            repo,
            &format!("refs/heads/{}", spec.default_branch),
            commit,
            None,
            "idp: create",
        )?;
        // Complete: into place in one step (a rename within one directory).
        std::fs::rename(tmp.path(), &path)
            .with_context(|| format!("cannot move the new repository to `{}`", path.display()))?;
        let _ = tmp.keep();
        Ok((self.reference(&spec.name), Created::New))
    }

    /// The repository idp made at `path` if its first commit holds `files`, else an error.
    fn reuse(
        &self,
        path: &Path,
        spec: &RepoSpec,
        files: &BTreeMap<String, Option<String>>,
    ) -> anyhow::Result<(RepoRef, Created)> {
        git2::Repository::open_bare(path).map_err(|_| {
            IdpError::usage(format!(
                "`{}` exists and is not a git repository; move it away or pick another name",
                path.display()
            ))
        })?;
        // Through the memory backend: the comparison below writes nothing to disk.
        let repo = crate::infra::objects::open(path)?;
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
        Err(IdpError::usage(format!(
            "app repository `{}` already exists with different content; pick another name \
             or use `idp upgrade`",
            spec.name
        )))
    }

    /// Is `path` what a creation killed half way left (before this version made repositories
    /// in a temporary place): an empty directory, or a repository without a single ref?
    /// Nothing in it can be lost.
    fn abandoned(&self, path: &Path) -> bool {
        if std::fs::read_dir(path).is_ok_and(|mut d| d.next().is_none()) {
            return true;
        }
        match git2::Repository::open_bare(path) {
            Ok(repo) => repo
                .references()
                .map(|mut refs| refs.next().is_none())
                .unwrap_or(false),
            Err(_) => false,
        }
    }

    /// Hold the lock on creating and removing repositories until the guard drops (or the
    /// process ends): an advisory lock on the directory itself, so no lock file is left over.
    fn lock(&self) -> anyhow::Result<std::fs::File> {
        let dir = std::fs::File::open(&self.dir)
            .with_context(|| format!("cannot open `{}`", self.dir.display()))?;
        dir.lock()
            .with_context(|| format!("cannot lock `{}`", self.dir.display()))?;
        Ok(dir)
    }

    /// Delete the temporary directories a killed run left (a live run would hold the lock,
    /// which the caller has).
    fn remove_leftovers(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') && (name.contains(TMP) || name.contains(TRASH)) {
                tracing::info!("removing `{name}`, left by an interrupted run");
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }

    /// Remove `path` in one step as readers see it: renamed aside, then deleted.
    fn remove_path(&self, path: &Path) -> anyhow::Result<()> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().trim_end_matches(".git").to_string())
            .unwrap_or_default();
        let aside = tempfile::Builder::new()
            .prefix(&format!(".{name}{TRASH}"))
            .tempdir_in(&self.dir)?;
        let target = aside.path().join("repo");
        std::fs::rename(path, &target)
            .with_context(|| format!("cannot move `{}` aside", path.display()))?;
        // Dropping the directory deletes it and the repository in it.
        drop(aside);
        Ok(())
    }

    /// Undo a creation (when the platform change that goes with it fails).
    pub fn remove(&self, name: &str) {
        let path = self.path(name);
        let removed = self.lock().and_then(|_lock| self.remove_path(&path));
        if let Err(e) = removed {
            tracing::warn!("could not remove `{}`: {e:#}", path.display());
        }
    }
}

/// In the name of the directory a repository is made in (`.<name>.git.tmp-XXXXXX`).
const TMP: &str = ".git.tmp-";
/// In the name of the directory a repository is moved to to be deleted.
const TRASH: &str = ".git.trash-";
