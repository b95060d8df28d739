//! git through libgit2: trees built in memory from a base commit, commits with trailers,
//! compare-and-swap ref updates, the checkout of a base branch that moved, and pushes.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context as _, bail};
use git2::{
    Commit, ErrorCode, FileMode, Oid, Repository, Signature, Tree, build::CheckoutBuilder,
    build::TreeUpdateBuilder,
};

/// The trailer that marks a commit as made by idp.
pub const COMMAND_TRAILER: &str = "Idp-Command";

pub fn open(root: &Path) -> anyhow::Result<Repository> {
    start();
    Repository::open(root).with_context(|| format!("`{}` is not a git repository", root.display()))
}

/// Who commits: `GIT_AUTHOR_NAME`/`GIT_AUTHOR_EMAIL`, else git config, else `idp`.
pub fn signature(repo: &Repository) -> Signature<'static> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let config = repo.config().ok();
    let get = |k: &str| config.as_ref().and_then(|c| c.get_string(k).ok());
    let name = env("GIT_AUTHOR_NAME")
        .or_else(|| get("user.name"))
        .unwrap_or_else(|| "idp".into());
    let email = env("GIT_AUTHOR_EMAIL")
        .or_else(|| get("user.email"))
        .unwrap_or_else(|| "idp@localhost".into());
    Signature::now(&name, &email)
        .or_else(|_| Signature::now("idp", "idp@localhost"))
        .expect("a constant signature is valid")
}

/// The commit a local branch points at, if the branch exists.
pub fn branch_tip<'r>(repo: &'r Repository, branch: &str) -> anyhow::Result<Option<Commit<'r>>> {
    match repo.find_reference(&format!("refs/heads/{branch}")) {
        Ok(r) => Ok(Some(r.peel_to_commit()?)),
        Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The target of a ref, if it exists.
pub fn ref_target(repo: &Repository, name: &str) -> anyhow::Result<Option<Oid>> {
    match repo.find_reference(name) {
        Ok(r) => Ok(r.resolve()?.target()),
        Err(e) if e.code() == ErrorCode::NotFound => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// A tree: `base` (or empty) with `changes` applied (`Some` writes a blob, `None` removes).
pub fn build_tree(
    repo: &Repository,
    base: Option<&Tree<'_>>,
    changes: &BTreeMap<String, Option<String>>,
) -> anyhow::Result<Oid> {
    let empty;
    let base = match base {
        Some(t) => t,
        None => {
            empty = repo.find_tree(repo.treebuilder(None)?.write()?)?;
            &empty
        }
    };
    let mut update = TreeUpdateBuilder::new();
    for (path, change) in changes {
        match change {
            Some(text) => {
                let blob = repo.blob(text.as_bytes())?;
                update.upsert(path.as_str(), blob, FileMode::Blob);
            }
            None => {
                update.remove(path.as_str());
            }
        }
    }
    Ok(update.create_updated(repo, base)?)
}

/// Write a commit object (no ref moves).
pub fn commit(
    repo: &Repository,
    tree: Oid,
    parents: &[&Commit<'_>],
    message: &str,
) -> anyhow::Result<Oid> {
    let sig = signature(repo);
    let tree = repo.find_tree(tree)?;
    Ok(repo.commit(None, &sig, &sig, message, &tree, parents)?)
}

/// Move `name` to `new` only if it still points at `expected` (`None`: must not exist).
pub fn set_ref(
    repo: &Repository,
    name: &str,
    new: Oid,
    expected: Option<Oid>,
    log: &str,
) -> anyhow::Result<()> {
    let current = ref_target(repo, name)?;
    if current != expected {
        bail!(
            "`{name}` moved while idp was working (expected {expected:?}, found {current:?}); rerun"
        );
    }
    match expected {
        Some(old) => repo.reference_matching(name, new, true, old, log)?,
        None => repo.reference(name, new, false, log)?,
    };
    Ok(())
}

/// Put `name` back to `old` (or delete it), best effort: used to undo a failed publish.
pub fn restore_ref(repo: &Repository, name: &str, old: Option<Oid>) {
    let result = match old {
        Some(oid) => repo
            .reference(name, oid, true, "idp: roll back")
            .map(|_| ()),
        None => repo.find_reference(name).and_then(|mut r| r.delete()),
    };
    if let Err(e) = result {
        tracing::warn!("could not restore `{name}`: {e}");
    }
}

/// Is `branch` the branch checked out in a working tree?
pub fn is_checked_out(repo: &Repository, branch: &str) -> bool {
    if repo.is_bare() {
        return false;
    }
    match repo.find_reference("HEAD") {
        Ok(head) => {
            head.symbolic_target().ok().flatten() == Some(format!("refs/heads/{branch}").as_str())
        }
        Err(_) => false,
    }
}

/// Move a branch to `new`; when it is checked out, update the working tree and index first
/// (a safe checkout: local modifications that would be overwritten stop it before any write).
pub fn advance_branch(
    repo: &Repository,
    branch: &str,
    new: Oid,
    expected: Option<Oid>,
    log: &str,
) -> anyhow::Result<()> {
    let name = format!("refs/heads/{branch}");
    if is_checked_out(repo, branch) {
        let commit = repo.find_commit(new)?;
        // Every path the move changes must be clean in the working tree and index; check
        // them all first, so nothing is written on a conflict.
        let old_tree = match expected {
            Some(old) => Some(repo.find_commit(old)?.tree()?),
            None => None,
        };
        let diff = repo.diff_tree_to_tree(old_tree.as_ref(), Some(&commit.tree()?), None)?;
        let changed: std::collections::BTreeSet<String> = diff
            .deltas()
            .filter_map(|d| {
                d.new_file()
                    .path()
                    .or(d.old_file().path())
                    .map(|p| p.to_string_lossy().into_owned())
            })
            .collect();
        // Status and checkout look only at those paths: both cost a stat, an attributes
        // lookup and often a realpath per file, so a whole large tree would dominate.
        if !changed.is_empty() {
            let mut opts = git2::StatusOptions::new();
            opts.include_untracked(true)
                .recurse_untracked_dirs(true)
                .disable_pathspec_match(true);
            for p in &changed {
                opts.pathspec(p);
            }
            let conflicts: Vec<String> = repo
                .statuses(Some(&mut opts))?
                .iter()
                .filter(|s| !s.status().is_ignored() && s.status() != git2::Status::CURRENT)
                .filter_map(|s| s.path().ok().map(str::to_string))
                .filter(|p| changed.contains(p))
                .map(|p| format!("`{p}`"))
                .collect();
            if !conflicts.is_empty() {
                return Err(crate::error::IdpError::DirtyWorktree {
                    branch: branch.to_string(),
                    files: conflicts.join(", "),
                }
                .into());
            }
            let mut checkout = CheckoutBuilder::new();
            checkout.safe().disable_pathspec_match(true);
            for p in &changed {
                checkout.path(p);
            }
            repo.checkout_tree(commit.as_object(), Some(&mut checkout))
                .with_context(|| format!("updating the working tree of `{branch}`"))?;
        }
    }
    set_ref(repo, &name, new, expected, log)
}

/// The trailers (`Key: value` lines of the last paragraph) of a commit message.
pub fn trailers(message: &str) -> Vec<(String, String)> {
    let last = message.trim_end().rsplit("\n\n").next().unwrap_or("");
    last.lines()
        .filter_map(|l| {
            let (k, v) = l.split_once(": ")?;
            let ok = !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
            ok.then(|| (k.to_string(), v.trim().to_string()))
        })
        .collect()
}

/// Was this commit made by idp?
pub fn made_by_idp(commit: &Commit<'_>) -> bool {
    trailers(commit.message().unwrap_or(""))
        .iter()
        .any(|(k, _)| k == COMMAND_TRAILER)
}

/// Start libgit2 (once) with idp's https transport; call before the first use of git2.
/// Commands that never touch git (render outside a repo, completions) skip it.
pub fn start() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        git2::opts::enable_caching(true);
        super::git_http::register();
    });
}

/// Does the repo have an `origin` remote?
pub fn has_origin(repo: &Repository) -> bool {
    repo.find_remote("origin").is_ok()
}

/// Push refspecs to `origin`; a rejected ref is an error.
pub fn push(repo: &Repository, refspecs: &[String]) -> anyhow::Result<()> {
    let mut remote = repo.find_remote("origin")?;
    let mut rejected: Vec<String> = Vec::new();
    {
        let mut callbacks = git2::RemoteCallbacks::new();
        callbacks.push_update_reference(|name, status| {
            if let Some(msg) = status {
                rejected.push(format!("{name}: {msg}"));
            }
            Ok(())
        });
        let mut opts = git2::PushOptions::new();
        opts.remote_callbacks(callbacks);
        let specs: Vec<&str> = refspecs.iter().map(String::as_str).collect();
        remote.push(&specs, Some(&mut opts)).with_context(|| {
            format!(
                "pushing to `origin` ({})",
                super::git_http::redact_url(remote.url().unwrap_or("?"))
            )
        })?;
    }
    if !rejected.is_empty() {
        bail!("`origin` rejected the push: {}", rejected.join("; "));
    }
    Ok(())
}

/// Short form of a commit id.
pub fn short(oid: Oid) -> String {
    oid.to_string()[..7].to_string()
}
