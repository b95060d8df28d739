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
        wt_clean && want == have
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

/// Start libgit2 (once) with idp's https transport; call before the first use of git2.
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
        super::git_http::register();
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

/// `origin` refused a push because its branch moved on (someone else pushed first).
#[derive(Debug, thiserror::Error)]
#[error("`origin` rejected the push: {0}")]
pub struct PushRejected(pub String);

/// Push refspecs to `origin`; a rejected ref is an error ([`PushRejected`] when `origin` has
/// commits the push lacks).
pub fn push(repo: &Repository, refspecs: &[String]) -> anyhow::Result<()> {
    let url = origin_url(repo).ok_or_else(|| anyhow::anyhow!("the repository has no `origin`"))?;
    push_url(repo, &url, refspecs, true)
}

/// Push refspecs to the repository at `url` (a forge's git URL, a path on this machine).
pub fn push_to(repo: &Repository, url: &str, refspecs: &[String]) -> anyhow::Result<()> {
    push_url(repo, url, refspecs, false)
}

fn push_url(repo: &Repository, url: &str, refspecs: &[String], origin: bool) -> anyhow::Result<()> {
    if let Some(path) = local_path(url)
        && refspecs.iter().all(|s| !s.starts_with('+'))
    {
        return push_local(repo, &path, refspecs, origin);
    }
    push_transport(repo, url, refspecs, origin)
}

/// A remote URL that is a path on this machine (`/srv/git/x.git`, `file:///…`).
fn local_path(url: &str) -> Option<std::path::PathBuf> {
    if let Some(p) = url.strip_prefix("file://") {
        return Some(p.into());
    }
    (!url.contains("://") && !url.contains('@') && std::path::Path::new(url).exists())
        .then(|| url.into())
}

/// A fast-forward push to a repository on this machine, made atomic: the objects go into the
/// remote's object store as one pack (no temporary refs another process could trip over), then
/// the branch moves by compare-and-swap under its lock only if it still points where it did
/// when the push checked it descends from there. (libgit2's local transport checks and updates
/// without holding the lock, so two racing pushes could both "succeed" and one be lost.)
fn push_local(
    repo: &Repository,
    path: &Path,
    refspecs: &[String],
    origin: bool,
) -> anyhow::Result<()> {
    let remote_repo =
        Repository::open(path).with_context(|| format!("opening `origin` ({})", path.display()))?;
    for spec in refspecs {
        let (src, dst) = spec.split_once(':').unwrap_or((spec, spec));
        let new = repo
            .refname_to_id(src)
            .with_context(|| format!("`{src}` does not exist"))?;
        send_objects(repo, &remote_repo, new, ref_target(&remote_repo, dst)?)?;
        let result = (|| -> anyhow::Result<()> {
            let current = ref_target(&remote_repo, dst)?;
            match current {
                Some(cur) if cur == new => Ok(()),
                Some(cur) => {
                    if !remote_repo.graph_descendant_of(new, cur)? {
                        return Err(PushRejected(format!(
                            "{}: `{dst}` has commits this push lacks (non-fast-forward)",
                            path.display()
                        ))
                        .into());
                    }
                    remote_repo
                        .reference_matching(dst, new, true, cur, "idp: push")
                        .map(|_| ())
                        .map_err(|e| {
                            PushRejected(format!(
                                "{}: `{dst}` moved: {}",
                                path.display(),
                                e.message()
                            ))
                            .into()
                        })
                }
                None => remote_repo
                    .reference(dst, new, false, "idp: push")
                    .map(|_| ())
                    .map_err(|e| {
                        PushRejected(format!("{}: `{dst}`: {}", path.display(), e.message())).into()
                    }),
            }
        })();
        result?;
    }
    // Keep the remote-tracking refs as a push would.
    for spec in refspecs.iter().filter(|_| origin) {
        let (src, dst) = spec.split_once(':').unwrap_or((spec, spec));
        if let (Some(branch), Ok(id)) = (dst.strip_prefix("refs/heads/"), repo.refname_to_id(src)) {
            let _ = repo.reference(
                &format!("refs/remotes/origin/{branch}"),
                id,
                true,
                "idp: push",
            );
        }
    }
    Ok(())
}

/// Copy the objects of `new` that `remote` lacks (everything not reachable from `have`, when
/// this repository knows that commit) into `remote` as one pack.
fn send_objects(
    repo: &Repository,
    remote: &Repository,
    new: Oid,
    have: Option<Oid>,
) -> anyhow::Result<()> {
    if remote.odb()?.exists(new) {
        return Ok(());
    }
    // The commit was most likely just made: the pack that landed it locally holds every object
    // the remote lacks. Send that pack, then check that the remote now has all it needs; only
    // if not, build a pack.
    if let (Some(have), Some(pack)) = (have, super::objects::last_pack(repo)) {
        let sent = (|| -> anyhow::Result<bool> {
            super::objects::send_pack(&pack, remote)?;
            complete(repo, &remote.odb()?, new, have)
        })();
        match sent {
            Ok(true) => return Ok(()),
            Ok(false) => tracing::debug!("the last pack lacks objects this push needs"),
            Err(e) => tracing::debug!("sending the last pack failed ({e}); building one"),
        }
    }
    let mut walk = repo.revwalk()?;
    walk.push(new)?;
    if let Some(h) = have
        && repo.find_commit(h).is_ok()
    {
        walk.hide(h)?;
    }
    let mut pack = repo.packbuilder()?;
    pack.insert_walk(&mut walk)?;
    let mut buf = git2::Buf::new();
    pack.write_buf(&mut buf)?;
    let odb = remote.odb()?;
    let mut writer = odb.packwriter()?;
    std::io::Write::write_all(&mut writer, &buf)?;
    writer.commit()?;
    Ok(())
}

/// Does `odb` hold every object of the commits from `new` back to `have` (at most 16 commits,
/// each with parents among them or `have`)? Only what differs from a parent is checked: the
/// rest is reachable from `have`, which the remote has.
fn complete(repo: &Repository, odb: &git2::Odb<'_>, new: Oid, have: Oid) -> anyhow::Result<bool> {
    let mut todo = vec![new];
    let mut seen = std::collections::HashSet::new();
    while let Some(id) = todo.pop() {
        if id == have || !seen.insert(id) {
            continue;
        }
        if seen.len() > 16 || !odb.exists(id) {
            return Ok(false);
        }
        let commit = repo.find_commit(id)?;
        if commit.parent_count() == 0 {
            return Ok(false);
        }
        let tree = commit.tree()?;
        for parent in commit.parents() {
            let mut ids = Vec::new();
            new_ids(repo, Some(&parent.tree()?), &tree, &mut ids)?;
            ids.push(tree.id());
            if !ids.iter().all(|o| odb.exists(*o)) {
                return Ok(false);
            }
            todo.push(parent.id());
        }
    }
    Ok(true)
}

/// The ids of the trees and blobs of `new` that are not in `old` at the same path.
fn new_ids(
    repo: &Repository,
    old: Option<&git2::Tree<'_>>,
    new: &git2::Tree<'_>,
    out: &mut Vec<Oid>,
) -> anyhow::Result<()> {
    for entry in new.iter() {
        let before = old.and_then(|t| t.get_name_bytes(entry.name_bytes()).map(|e| e.id()));
        if before == Some(entry.id()) {
            continue;
        }
        match entry.kind() {
            Some(git2::ObjectType::Tree) => {
                out.push(entry.id());
                let sub = repo.find_tree(entry.id())?;
                let old_sub = old
                    .and_then(|t| t.get_name_bytes(entry.name_bytes()))
                    .filter(|e| e.kind() == Some(git2::ObjectType::Tree))
                    .map(|e| repo.find_tree(e.id()))
                    .transpose()?;
                new_ids(repo, old_sub.as_ref(), &sub, out)?;
            }
            Some(git2::ObjectType::Blob) => out.push(entry.id()),
            _ => {}
        }
    }
    Ok(())
}

fn push_transport(
    repo: &Repository,
    url: &str,
    refspecs: &[String],
    origin: bool,
) -> anyhow::Result<()> {
    let mut remote = repo.remote_anonymous(url)?;
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
        let url = super::git_http::redact_url(remote.url().unwrap_or("?"));
        if let Err(e) = remote.push(&specs, Some(&mut opts)) {
            if e.code() == ErrorCode::NotFastForward {
                return Err(PushRejected(format!("{url}: {}", e.message())).into());
            }
            let target = if origin {
                format!("`origin` ({url})")
            } else {
                format!("`{url}`")
            };
            return Err(anyhow::Error::from(e).context(format!("pushing to {target}")));
        }
    }
    if !rejected.is_empty() {
        let all = rejected.join("; ");
        if all.contains("non-fast-forward") || all.contains("fetch first") {
            return Err(PushRejected(all).into());
        }
        bail!("`origin` rejected the push: {all}");
    }
    Ok(())
}

/// Fetch `branch` from `origin` into `refs/remotes/origin/<branch>`; its tip there.
pub fn fetch(repo: &Repository, branch: &str) -> anyhow::Result<Option<Oid>> {
    let mut remote = repo.find_remote("origin")?;
    let url = super::git_http::redact_url(remote.url().unwrap_or("?"));
    let spec = format!("+refs/heads/{branch}:refs/remotes/origin/{branch}");
    remote
        .fetch(&[spec.as_str()], None, None)
        .with_context(|| format!("fetching `{branch}` from `origin` ({url})"))?;
    ref_target(repo, &format!("refs/remotes/origin/{branch}"))
}

/// Undo [`advance_branch`] after a failed push: the paths it changed get their old content
/// back in the working tree (they hold only what idp wrote), and the branch its old tip.
pub fn undo_advance(repo: &Repository, branch: &str, new: Oid, old: Option<Oid>) {
    if is_checked_out(repo, branch)
        && let Some(old) = old
        && let (Ok(new_c), Ok(old_c)) = (repo.find_commit(new), repo.find_commit(old))
        && let (Ok(new_t), Ok(old_t)) = (new_c.tree(), old_c.tree())
        && let Ok(paths) = changed_paths(repo, Some(&old_t), &new_t)
        && !paths.is_empty()
    {
        let mut checkout = CheckoutBuilder::new();
        checkout
            .force()
            .remove_untracked(true)
            .disable_pathspec_match(true);
        for p in &paths {
            checkout.path(p);
        }
        if let Err(e) = repo.checkout_tree(old_c.as_object(), Some(&mut checkout)) {
            tracing::warn!("could not restore the working tree of `{branch}`: {e}");
        }
    }
    restore_ref(repo, &format!("refs/heads/{branch}"), old);
}

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

    #[test]
    fn a_push_sends_the_last_pack_and_builds_one_when_it_lacks_an_object() {
        let dir = tempfile::tempdir().expect("dir");
        let local = dir.path().join("local");
        let remote = dir.path().join("remote.git");
        Repository::init(&local).expect("init");
        let bare = Repository::init_bare(&remote).expect("bare");
        let url = remote.display().to_string();
        let spec = ["refs/heads/main:refs/heads/main".to_string()];
        // A blob the local store has before this command (loose, unreachable): the memory
        // backend does not hold it, so the command's pack will not either.
        let preexisting = Repository::open(&local)
            .expect("open")
            .blob(b"made earlier")
            .expect("blob");
        let repo = crate::infra::objects::open(&local).expect("open");
        commit_files(repo, &[("a.txt", "a")]);
        push_to(repo, &url, &spec).expect("first push");
        // The next commit's objects are all in the last pack: sent as they are.
        let second = commit_files(repo, &[("b.txt", "b")]);
        push_to(repo, &url, &spec).expect("second push");
        let name = crate::infra::objects::last_pack(repo)
            .expect("a pack")
            .name
            .clone();
        assert!(
            remote
                .join(format!("objects/pack/pack-{name}.idx"))
                .exists(),
            "the pack and its index went over as they were"
        );
        assert_eq!(
            ref_target(&bare, "refs/heads/main").expect("ref"),
            Some(second)
        );
        let bare = Repository::open_bare(&remote).expect("reopen");
        assert!(
            bare.find_blob(bare.revparse_single("main:b.txt").expect("b").id())
                .is_ok()
        );
        // A commit whose blob predates the command: the pack lacks it, so one is built.
        let third = commit_files(repo, &[("c.txt", "made earlier")]);
        push_to(repo, &url, &spec).expect("third push");
        let bare = Repository::open_bare(&remote).expect("reopen");
        assert_eq!(
            ref_target(&bare, "refs/heads/main").expect("ref"),
            Some(third)
        );
        assert!(
            bare.find_blob(preexisting).is_ok(),
            "the remote lacks the older blob"
        );
        crate::infra::objects::tests::git(&remote, &["fsck", "--strict", "--no-dangling"]);
    }
}
