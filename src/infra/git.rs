//! git through libgit2: trees built in memory from a base commit, commits with trailers,
//! compare-and-swap ref updates, the checkout of a base branch that moved. Fetch and push run
//! the `git` CLI ([`super::gitcli`]).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context as _, bail};
use git2::{
    Commit, ErrorCode, FileMode, Oid, Repository, Signature, Tree, build::CheckoutBuilder,
    build::TreeUpdateBuilder,
};

/// The trailer that marks a commit as made by idp.
pub const COMMAND_TRAILER: &str = "Idp-Command";

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
    set_reflog_ident(repo, &name, &email);
    Signature::now(&name, &email)
        .or_else(|_| Signature::now("idp", "idp@localhost"))
        .expect("a constant signature is valid")
}

/// Make the reflog entries of the refs this command moves name `name <email>`, as its commits
/// do, so libgit2 does not read the configuration again for each ref it updates.
fn set_reflog_ident(repo: &Repository, name: &str, email: &str) {
    unsafe extern "C" {
        /// libgit2 (`git2/sys/repository.h`), in the vendored libgit2 that git2 links; git2
        /// 0.21 has no binding for it.
        fn git_repository_set_ident(
            repo: *mut libgit2_sys::git_repository,
            name: *const std::ffi::c_char,
            email: *const std::ffi::c_char,
        ) -> std::ffi::c_int;
    }
    use git2::Binding as _;
    let (Ok(name), Ok(email)) = (std::ffi::CString::new(name), std::ffi::CString::new(email))
    else {
        return;
    };
    // SAFETY: the repository handle is live for the call; libgit2 copies both strings.
    unsafe {
        git_repository_set_ident(repo.raw(), name.as_ptr(), email.as_ptr());
    }
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
    // The objects `new` needs may still be in memory: on disk first, then the ref.
    super::objects::flush(repo)?;
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
        let changed = check_checkout(repo, branch, expected, new)?;
        checkout(repo, branch, new, &changed)?;
    }
    set_ref(repo, &name, new, expected, log)
}

/// Before moving the checked-out `branch` from `old` to `new`: every path the move changes
/// must be clean in the work tree and index (or already hold what `new` has there, as after
/// an interrupted update). The changed paths; [`crate::error::IdpError::DirtyWorktree`] when
/// some are not clean. Nothing is written.
pub fn check_checkout(
    repo: &Repository,
    branch: &str,
    old: Option<Oid>,
    new: Oid,
) -> anyhow::Result<std::collections::BTreeSet<String>> {
    let commit = repo.find_commit(new)?;
    let new_tree = commit.tree()?;
    let old_tree = match old {
        Some(old) => Some(repo.find_commit(old)?.tree()?),
        None => None,
    };
    let changed = changed_paths(repo, old_tree.as_ref(), &new_tree)?;
    if changed.is_empty() {
        return Ok(changed);
    }
    // Status looks only at those paths: it costs a stat, an attributes lookup and often a
    // realpath per file, so a whole large tree would dominate.
    let mut opts = git2::StatusOptions::new();
    opts.include_untracked(true)
        .recurse_untracked_dirs(true)
        .disable_pathspec_match(true);
    for p in &changed {
        opts.pathspec(p);
    }
    let index = repo.index()?;
    let workdir = repo.workdir();
    // A path holds what `new` has there already when an update of the checkout stopped half
    // way (a kill): in the index and work tree, or in the work tree alone (libgit2 writes the
    // files first, the index last).
    let already_there = |path: &str, status: git2::Status| {
        let wt_clean = !status.intersects(
            git2::Status::WT_MODIFIED
                | git2::Status::WT_NEW
                | git2::Status::WT_DELETED
                | git2::Status::WT_TYPECHANGE
                | git2::Status::WT_RENAMED,
        );
        let want = new_tree.get_path(Path::new(path)).ok().map(|e| e.id());
        let have = index.get_path(Path::new(path), 0).map(|e| e.id);
        let on_disk = workdir.map(|w| w.join(path)).and_then(|f| {
            f.is_file()
                .then(|| Oid::hash_file(git2::ObjectType::Blob, &f).ok())
                .flatten()
        });
        (wt_clean && want == have) || on_disk == want
    };
    let conflicts: Vec<String> = repo
        .statuses(Some(&mut opts))?
        .iter()
        .filter(|s| !s.status().is_ignored() && s.status() != git2::Status::CURRENT)
        .filter_map(|s| s.path().ok().map(|p| (p.to_string(), s.status())))
        .filter(|(p, st)| changed.contains(p) && !already_there(p, *st))
        .map(|(p, _)| format!("`{p}`"))
        .collect();
    if !conflicts.is_empty() {
        return Err(crate::error::IdpError::DirtyWorktree {
            branch: branch.to_string(),
            files: conflicts.join(", "),
        }
        .into());
    }
    Ok(changed)
}

/// Update the work tree and index of the checked-out `branch` to `new` at `paths` (from
/// [`check_checkout`]).
pub fn checkout(
    repo: &Repository,
    branch: &str,
    new: Oid,
    paths: &std::collections::BTreeSet<String>,
) -> anyhow::Result<()> {
    if paths.is_empty() {
        return Ok(());
    }
    let commit = repo.find_commit(new)?;
    let tree = commit.tree()?;
    // Paths whose file already holds what `new` has (an update that stopped half way) are
    // written over (the same bytes) and indexed; the others only if unchanged since `old`.
    let workdir = repo.workdir();
    let (same, rest): (Vec<&String>, Vec<&String>) = paths.iter().partition(|p| {
        let want = tree.get_path(Path::new(p.as_str())).ok().map(|e| e.id());
        let file = workdir.map(|w| w.join(p.as_str()));
        let on_disk = file
            .filter(|f| f.is_file())
            .and_then(|f| Oid::hash_file(git2::ObjectType::Blob, &f).ok());
        want.is_some() && on_disk == want
    });
    if !same.is_empty() {
        let mut force = CheckoutBuilder::new();
        force.force().disable_pathspec_match(true);
        for p in &same {
            force.path(p.as_str());
        }
        repo.checkout_tree(commit.as_object(), Some(&mut force))
            .with_context(|| format!("updating the working tree of `{branch}`"))?;
    }
    if rest.is_empty() {
        return Ok(());
    }
    let paths: std::collections::BTreeSet<String> = rest.into_iter().cloned().collect();
    let paths = &paths;
    let mut checkout = CheckoutBuilder::new();
    checkout.safe().disable_pathspec_match(true);
    // Without attributes or `core.autocrlf`, no filter can apply: skip looking them up
    // (libgit2 resolves every parent directory of every file for its attributes).
    checkout.disable_filters(!may_filter(repo, &commit.tree()?, paths));
    for p in paths {
        checkout.path(p);
    }
    repo.checkout_tree(commit.as_object(), Some(&mut checkout))
        .with_context(|| format!("updating the working tree of `{branch}`"))?;
    Ok(())
}

/// Make `paths` of the work tree and index exactly what commit `to` has there (absent where it
/// has none, or everywhere when `to` is `None`), whatever they hold now: for finishing or
/// undoing an update of the checkout that idp itself left half done.
pub fn force_paths(repo: &Repository, to: Option<Oid>, paths: &[String]) -> anyhow::Result<()> {
    let tree = to
        .map(|o| repo.find_commit(o).and_then(|c| c.tree()))
        .transpose()?;
    let mut index = repo.index()?;
    let workdir = repo.workdir();
    let mut present = Vec::new();
    for p in paths {
        let in_target = tree
            .as_ref()
            .is_some_and(|t| t.get_path(Path::new(p)).is_ok());
        if in_target {
            present.push(p.as_str());
            continue;
        }
        if let Some(w) = workdir {
            let _ = std::fs::remove_file(w.join(p));
        }
        let _ = index.remove_path(Path::new(p));
    }
    index.write()?;
    if let (Some(tree), false) = (&tree, present.is_empty()) {
        let mut force = CheckoutBuilder::new();
        force.force().disable_pathspec_match(true);
        for p in &present {
            force.path(p);
        }
        repo.checkout_tree(tree.as_object(), Some(&mut force))?;
    }
    Ok(())
}

/// Could checking out `paths` of `tree` convert their content (line endings, `ident`, a filter
/// driver)? Only when an attributes file could name them or `core.autocrlf`/`core.eol` is set.
fn may_filter(
    repo: &Repository,
    tree: &git2::Tree<'_>,
    paths: &std::collections::BTreeSet<String>,
) -> bool {
    if let Ok(config) = repo.config() {
        let set = |key: &str| config.get_entry(key).is_ok();
        if set("core.autocrlf") || set("core.eol") || set("core.attributesFile") {
            return true;
        }
    }
    let home_attributes = std::env::var_os("XDG_CONFIG_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".config")))
        .map(|c| c.join("git/attributes"));
    let global = [
        Some(repo.path().join("info/attributes")),
        Some(std::path::PathBuf::from("/etc/gitattributes")),
        home_attributes,
    ];
    if global.iter().flatten().any(|f| f.exists()) {
        return true;
    }
    let workdir = repo.workdir();
    let mut dirs = std::collections::BTreeSet::new();
    for path in paths {
        let mut dir = Path::new(path.as_str());
        while let Some(parent) = dir.parent() {
            dirs.insert(parent.to_path_buf());
            dir = parent;
        }
    }
    dirs.iter().any(|dir| {
        let file = dir.join(".gitattributes");
        tree.get_path(&file).is_ok() || workdir.is_some_and(|w| w.join(&file).exists())
    })
}

/// The paths that differ between two trees (added, changed or removed).
///
/// Subtrees with the same id are skipped without being read, so the cost follows the change,
/// not the size of the trees (libgit2's tree diff walks every entry of both).
pub fn changed_paths(
    repo: &Repository,
    old: Option<&git2::Tree<'_>>,
    new: &git2::Tree<'_>,
) -> anyhow::Result<std::collections::BTreeSet<String>> {
    let mut out = std::collections::BTreeSet::new();
    diff_trees(repo, old, Some(new), "", &mut out)?;
    Ok(out)
}

fn diff_trees(
    repo: &Repository,
    old: Option<&git2::Tree<'_>>,
    new: Option<&git2::Tree<'_>>,
    prefix: &str,
    out: &mut std::collections::BTreeSet<String>,
) -> anyhow::Result<()> {
    use std::collections::BTreeMap;
    type Entry = (Oid, Option<git2::ObjectType>, i32);
    let entries = |t: Option<&git2::Tree<'_>>| -> BTreeMap<Vec<u8>, Entry> {
        t.map(|t| {
            t.iter()
                .map(|e| (e.name_bytes().to_vec(), (e.id(), e.kind(), e.filemode())))
                .collect()
        })
        .unwrap_or_default()
    };
    let (a, b) = (entries(old), entries(new));
    let names: std::collections::BTreeSet<&Vec<u8>> = a.keys().chain(b.keys()).collect();
    let subtree = |e: Option<&Entry>| -> anyhow::Result<Option<git2::Tree<'_>>> {
        match e {
            Some((id, Some(git2::ObjectType::Tree), _)) => Ok(Some(repo.find_tree(*id)?)),
            _ => Ok(None),
        }
    };
    for name in names {
        let (x, y) = (a.get(name), b.get(name));
        if x == y {
            continue;
        }
        let path = format!("{prefix}{}", String::from_utf8_lossy(name));
        let (tx, ty) = (subtree(x)?, subtree(y)?);
        if tx.is_some() || ty.is_some() {
            diff_trees(repo, tx.as_ref(), ty.as_ref(), &format!("{path}/"), out)?;
        }
        // A blob on either side (also a blob replaced by a tree, or the reverse).
        let blob = |e: Option<&Entry>| e.is_some_and(|e| e.1 != Some(git2::ObjectType::Tree));
        if blob(x) || blob(y) {
            out.insert(path);
        }
    }
    Ok(())
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

/// Start libgit2 (once) with idp's settings; call before the first use of git2.
/// Commands that never touch git (render outside a repo, completions) skip it.
pub fn start() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        git2::opts::enable_caching(true);
        // libgit2 re-hashes every object it reads (SHA-1 with collision detection), which was
        // half of the CPU of a command reading many files; git itself checks hashes only when
        // objects arrive (fetch, fsck), and so does libgit2's indexer on fetch. Creating
        // objects still checks that what they reference exists.
        git2::opts::strict_hash_verification(false);
        // libgit2 keeps parsed trees of up to 4 KiB and no blobs in its object cache, so a
        // large directory (1,000 ADRs: a 70 KB tree) or index page was inflated from the pack
        // again at every lookup, a dozen times per command. A command reads each at most once
        // from the pack now; the cache's total stays capped by libgit2 (256 MiB).
        // SAFETY: called once, before any repository is opened (libgit2's options are global).
        unsafe {
            let _ = git2::opts::set_cache_object_limit(git2::ObjectType::Tree, 8 << 20);
            let _ = git2::opts::set_cache_object_limit(git2::ObjectType::Blob, 1 << 20);
        }
    });
}

/// Does the repo have an `origin` remote?
pub fn has_origin(repo: &Repository) -> bool {
    origin_url(repo).is_some()
}

thread_local! {
    /// `origin`'s URL by repository (its git directory), looked up once per command: libgit2
    /// parses the remote's whole configuration (refspecs, `insteadOf` rewrites) on each lookup.
    /// idp adds and removes no remotes, so the answer cannot change during a command.
    static ORIGINS: std::cell::RefCell<std::collections::HashMap<std::path::PathBuf, Option<String>>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// The URL of `origin` as git resolves it (`insteadOf` applied), if the repository has one.
pub fn origin_url(repo: &Repository) -> Option<String> {
    let key = repo.path().to_path_buf();
    if let Some(known) = ORIGINS.with(|o| o.borrow().get(&key).cloned()) {
        return known;
    }
    let url = repo
        .find_remote("origin")
        .ok()
        .map(|r| String::from_utf8_lossy(r.url_bytes()).into_owned());
    ORIGINS.with(|o| o.borrow_mut().insert(key, url.clone()));
    url
}

pub use super::gitcli::PushRejected;

/// Short form of a commit id.
pub fn short(oid: Oid) -> String {
    oid.to_string()[..7].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tree from `(path, content)` pairs, written into `repo`.
    fn tree<'r>(repo: &'r Repository, files: &[(&str, &str)]) -> git2::Tree<'r> {
        let mut idx = git2::Index::new().expect("index");
        for (path, content) in files {
            let id = repo.blob(content.as_bytes()).expect("blob");
            let entry = git2::IndexEntry {
                ctime: git2::IndexTime::new(0, 0),
                mtime: git2::IndexTime::new(0, 0),
                dev: 0,
                ino: 0,
                mode: 0o100644,
                uid: 0,
                gid: 0,
                file_size: 0,
                id,
                flags: 0,
                flags_extended: 0,
                path: path.as_bytes().to_vec(),
            };
            idx.add(&entry).expect("add");
        }
        let id = idx.write_tree_to(repo).expect("write tree");
        repo.find_tree(id).expect("tree")
    }

    #[test]
    fn changed_paths_matches_libgit2_diff_and_skips_nothing_that_changed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let repo = Repository::init_bare(dir.path()).expect("init");
        let old = tree(
            &repo,
            &[
                ("a/b/c.yaml", "1"),
                ("a/b/d.yaml", "2"),
                ("a/e.yaml", "3"),
                ("f", "file becomes dir"),
                ("g/h", "dir becomes file"),
                ("same/x", "4"),
            ],
        );
        let new = tree(
            &repo,
            &[
                ("a/b/c.yaml", "1 changed"),
                ("a/b/d.yaml", "2"),
                ("a/new.yaml", "5"),
                ("f/inner", "x"),
                ("g", "now a file"),
                ("same/x", "4"),
            ],
        );
        let ours = changed_paths(&repo, Some(&old), &new).expect("ours");
        let diff = repo
            .diff_tree_to_tree(Some(&old), Some(&new), None)
            .expect("diff");
        let theirs: std::collections::BTreeSet<String> = diff
            .deltas()
            .flat_map(|d| [d.old_file().path(), d.new_file().path()])
            .flatten()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        assert_eq!(ours, theirs);
        assert!(ours.contains("a/b/c.yaml") && !ours.contains("a/b/d.yaml"));
        let from_nothing = changed_paths(&repo, None, &new).expect("from nothing");
        assert_eq!(from_nothing.len(), 6);
    }

    /// A commit of `files` on `refs/heads/main` of `repo`, on top of its tip.
    fn commit_files(repo: &Repository, files: &[(&str, &str)]) -> Oid {
        let changes = files
            .iter()
            .map(|(p, c)| (p.to_string(), Some(c.to_string())))
            .collect();
        let parent = branch_tip(repo, "main").expect("tip");
        let base = parent.as_ref().map(|c| c.tree().expect("tree"));
        let tree = build_tree(repo, base.as_ref(), &changes).expect("tree");
        let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
        let id = commit(repo, tree, &parents, "test").expect("commit");
        let old = parent.as_ref().map(|c| c.id());
        set_ref(repo, "refs/heads/main", id, old, "test").expect("ref");
        id
    }

    #[test]
    fn a_checkout_applies_attributes_when_there_are_some() {
        let dir = tempfile::tempdir().expect("dir");
        Repository::init(dir.path()).expect("init");
        let repo = crate::infra::objects::open(dir.path()).expect("open");
        commit_files(repo, &[("README.md", "first\n")]);
        repo.set_head("refs/heads/main").expect("head");
        let paths = |ps: &[&str]| ps.iter().map(|p| p.to_string()).collect();
        let tip = |r: &'static Repository| branch_tip(r, "main").expect("tip").expect("main");
        // Attributes outside the repository (this machine's, the user's) count too.
        let elsewhere = Path::new("/etc/gitattributes").exists()
            || std::env::var_os("HOME")
                .is_some_and(|h| Path::new(&h).join(".config/git/attributes").exists());
        // No attributes anywhere: no filter can apply.
        let tree = tip(repo).tree().expect("tree");
        assert_eq!(
            may_filter(repo, &tree, &paths(&["README.md", "docs/a.md"])),
            elsewhere
        );
        // A `.gitattributes` on a changed file's way down, in the tree: filters apply, and the
        // checkout converts as git would.
        commit_files(repo, &[("docs/.gitattributes", "*.txt eol=crlf\n")]);
        let tree = tip(repo).tree().expect("tree");
        assert!(may_filter(repo, &tree, &paths(&["docs/deep/a.txt"])));
        assert_eq!(may_filter(repo, &tree, &paths(&["src/a.txt"])), elsewhere);
        let old = tip(repo).id();
        let changes = [("docs/a.txt".to_string(), Some("one\ntwo\n".to_string()))]
            .into_iter()
            .collect();
        let tree =
            build_tree(repo, Some(&tip(repo).tree().expect("tree")), &changes).expect("tree");
        let parent = tip(repo);
        let new = commit(repo, tree, &[&parent], "crlf").expect("commit");
        // Check the previous commit out so the branch is "checked out" with a clean tree.
        repo.checkout_head(Some(CheckoutBuilder::new().force()))
            .expect("checkout");
        advance_branch(repo, "main", new, Some(old), "test").expect("advance");
        assert_eq!(
            std::fs::read(dir.path().join("docs/a.txt")).expect("written"),
            b"one\r\ntwo\r\n"
        );
    }
}
