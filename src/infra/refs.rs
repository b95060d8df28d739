//! Ref moves as transactions: a set of [`RefUpdate`]s that land together or not at all.
//!
//! With a [`Remote`], the remote is the source of truth: the transaction is one atomic push
//! with a lease on every ref (a compare-and-swap on the remote), and only after the remote
//! took it are the same refs set in this repository (a mirror of what the remote holds).
//! Without one, the refs of this repository are locked together, compared with what they
//! are expected to hold and moved, or none is.
//!
//! A checked-out branch is never moved here: its work tree and index must follow, which
//! [`super::git::advance_branch`] does after the transaction, so the checkout is touched last.

use git2::{Oid, Repository};

use super::gitcli::{self, Auth, Expect, RefUpdate};
use crate::error::IdpError;

/// The remote a command works against: `origin` (the user's git settings) or a forge's URL
/// with a token.
#[derive(Debug, Clone)]
pub struct Remote {
    /// A remote's name (`origin`) or a URL.
    pub name: String,
    pub auth: Auth,
}

impl Remote {
    /// `origin`, when the repository has one.
    pub fn origin(repo: &Repository) -> Option<Remote> {
        // A GitHub token in the environment reaches an https `origin` on the forge's host
        // through the credential helper (`gitcli::auth_for`); anything else is the user's git.
        super::git::origin_url(repo).map(|url| Remote {
            name: "origin".into(),
            auth: super::gitcli::auth_for(&url),
        })
    }

    /// Where fetched branches of this remote are kept: `refs/remotes/origin/<branch>` for
    /// `origin`; a URL has no tracking refs, so `refs/idp/fetched/<branch>`.
    pub fn tracking(&self, branch: &str) -> String {
        if self.name == "origin" {
            format!("refs/remotes/origin/{branch}")
        } else {
            format!("refs/idp/fetched/{branch}")
        }
    }

    /// Fetch `refspecs` (missing non-wildcard refs are skipped).
    pub fn fetch(&self, repo: &Repository, refspecs: &[String]) -> anyhow::Result<()> {
        if let Err(e) = gitcli::fetch(repo.path(), &self.name, refspecs, &self.auth) {
            // Another process here holds a ref lock the fetch needs: a race, retried.
            let text = format!("{e:#}");
            if text.contains("cannot lock ref") || text.contains(".lock': File exists") {
                // A lock a killed process left is removed once it is clearly not held.
                let locks = lock_files(&text);
                for lock in &locks {
                    remove_if_stale(lock);
                }
                let name = locks
                    .first()
                    .map_or_else(|| "a fetched ref".into(), |l| l.display().to_string());
                return Err(e.context(LocalRace { name }));
            }
            return Err(e);
        }
        // New packs are found by libgit2 when an object is missing; refs are read from disk.
        repo.odb()?.refresh()?;
        Ok(())
    }

    /// A remote named by URL has no tracking refs of its own: the refs a command fetches from
    /// it (`refs/idp/fetched/*`) are scratch, removed when the returned guard is dropped, so a
    /// command leaves no trace of them (a remote's name keeps git's tracking refs).
    pub fn scratch_refs<'r>(&self, repo: &'r Repository) -> ScratchRefs<'r> {
        ScratchRefs {
            repo,
            active: self.name != "origin",
        }
    }

    /// The refspec that fetches `branch` into its tracking ref.
    pub fn branch_spec(&self, branch: &str) -> String {
        format!("+refs/heads/{branch}:{}", self.tracking(branch))
    }
}

/// Removes the scratch refs of a remote named by URL when dropped ([`Remote::scratch_refs`]).
pub struct ScratchRefs<'r> {
    repo: &'r Repository,
    active: bool,
}

impl Drop for ScratchRefs<'_> {
    fn drop(&mut self) {
        if !self.active {
            return;
        }
        let Ok(refs) = self.repo.references_glob("refs/idp/fetched/*") else {
            return;
        };
        for mut r in refs.flatten() {
            let _ = r.delete();
        }
    }
}

/// A ref in this repository moved or was locked by another process while this one worked.
#[derive(Debug, thiserror::Error)]
#[error("`{name}` moved while idp was working (another idp or git ran at the same time)")]
pub struct LocalRace {
    pub name: String,
}

/// Is `err` a lost race (on the remote or here) that fetching and trying again can win?
pub fn is_race(err: &anyhow::Error) -> bool {
    err.downcast_ref::<LocalRace>().is_some()
        || err.downcast_ref::<gitcli::PushRejected>().is_some()
        || err.chain().any(|c| {
            c.downcast_ref::<gitcli::PushRejected>().is_some()
                || c.downcast_ref::<LocalRace>().is_some()
        })
}

/// Apply `updates`: to `remote` first (atomically, each ref leased), then to this repository,
/// where the refs mirror what the remote now holds. Without a remote, the local refs are
/// compared with their expected values and moved together, or not at all ([`LocalRace`]).
///
/// A checked-out branch among them is checked first (the paths the move changes must be clean
/// in the work tree and index: nothing is written otherwise), and its work tree and index are
/// updated last, after the refs moved on the remote.
pub fn apply(
    repo: &Repository,
    remote: Option<&Remote>,
    updates: &[RefUpdate],
    log: &str,
) -> anyhow::Result<()> {
    if updates.is_empty() {
        return Ok(());
    }
    recover_checkout(repo)?;
    let checkouts = checked_out(repo, updates)?;
    // The objects the refs need must be on disk before git or another process reads them.
    super::objects::flush(repo)?;
    match remote {
        Some(remote) => {
            gitcli::push(repo.path(), &remote.name, updates, &remote.auth)?;
            mirror(repo, remote, updates, log);
            for c in &checkouts {
                update_checkout(repo, c, log, &remote.name);
            }
            Ok(())
        }
        None => local_refs(repo, updates, log, &checkouts, false),
    }
}

/// After the remote took the push: the checked-out branch and its checkout here, under the
/// branch's lock (as every idp holds it while it writes a checkout), waiting out other idps
/// of this clone that hold it for a moment. When this clone's branch moved elsewhere
/// meanwhile, or it stays locked, the checkout is left for `git pull` (the change landed).
fn update_checkout(repo: &Repository, c: &Checkout, log: &str, remote: &str) {
    let name = format!("refs/heads/{}", c.branch);
    let update = RefUpdate::set(name.clone(), c.new, Expect::from_option(c.old));
    let mut attempt = 1;
    loop {
        match local_refs(
            repo,
            std::slice::from_ref(&update),
            log,
            std::slice::from_ref(c),
            true,
        ) {
            Ok(()) => return,
            Err(e) if is_race(&e) && attempt < ATTEMPTS => {
                let now = super::git::ref_target(repo, &name).ok().flatten();
                if now != c.old && now != Some(c.new) {
                    tracing::debug!(
                        "`{}` moved here meanwhile; its checkout is left as it is",
                        c.branch
                    );
                    return;
                }
                std::thread::sleep(backoff(attempt));
                attempt += 1;
            }
            Err(e) => {
                tracing::debug!("updating the checkout of `{}`: {e:#}", c.branch);
                tracing::warn!(
                    "`{}` landed on `{remote}`, but the checkout here was not updated (another \
                     process kept it busy): run `git pull`",
                    c.branch
                );
                return;
            }
        }
    }
}

/// A checked-out branch that a transaction moves, and the paths of its checkout that change.
struct Checkout {
    branch: String,
    old: Option<Oid>,
    new: Oid,
    paths: std::collections::BTreeSet<String>,
}

fn checked_out(repo: &Repository, updates: &[RefUpdate]) -> anyhow::Result<Vec<Checkout>> {
    let mut out = Vec::new();
    for u in updates {
        let (Some(branch), Some(new)) = (u.name.strip_prefix("refs/heads/"), u.new) else {
            continue;
        };
        if !super::git::is_checked_out(repo, branch) {
            continue;
        }
        let old = super::git::ref_target(repo, &u.name)?;
        if old == Some(new) {
            continue;
        }
        remove_if_stale(&repo.path().join("index.lock"));
        let paths = match super::git::check_checkout(repo, branch, old, new) {
            Ok(paths) => paths,
            // Another idp of this clone was updating the checkout while it was read (its
            // journal is there, or it has moved the branch since): what looked like local
            // changes were its files half written. A race, tried again once it is done.
            Err(e)
                if Journal::in_progress(repo) || super::git::ref_target(repo, &u.name)? != old =>
            {
                tracing::debug!("the checkout of `{branch}` was being updated: {e:#}");
                return Err(LocalRace {
                    name: u.name.clone(),
                }
                .into());
            }
            Err(e) => return Err(e),
        };
        out.push(Checkout {
            branch: branch.to_string(),
            old,
            new,
            paths,
        });
    }
    Ok(out)
}

/// After a push: the same refs here, and the tracking refs of pushed branches. Best effort:
/// the remote holds the truth, and the next fetch brings any ref this could not set. idp's
/// own branches (`idp/…`) follow the remote; other branches only fast-forward, so local
/// commits are never dropped; a checked-out branch is left to the caller.
fn mirror(repo: &Repository, remote: &Remote, updates: &[RefUpdate], log: &str) {
    let mut local: Vec<RefUpdate> = Vec::new();
    for u in updates {
        if let Some(branch) = u.name.strip_prefix("refs/heads/") {
            local.push(RefUpdate {
                name: remote.tracking(branch),
                new: u.new,
                expect: Expect::Any,
            });
            if super::git::is_checked_out(repo, branch) {
                continue;
            }
            let current = super::git::ref_target(repo, &u.name).ok().flatten();
            let fast_forward = match (current, u.new) {
                (None, _) | (_, None) => true,
                (Some(c), Some(n)) => c == n || repo.graph_descendant_of(n, c).unwrap_or(false),
            };
            if !branch.starts_with("idp/") && !fast_forward {
                continue;
            }
        }
        local.push(RefUpdate {
            name: u.name.clone(),
            new: u.new,
            expect: Expect::Any,
        });
    }
    if let Err(e) = local_refs(repo, &local, log, &[], true) {
        tracing::debug!("mirroring the pushed refs here: {e}");
    }
}

/// Lock every ref, check what each holds, update the checkouts, move the refs, release.
fn local_refs(
    repo: &Repository,
    updates: &[RefUpdate],
    log: &str,
    checkouts: &[Checkout],
    landed: bool,
) -> anyhow::Result<()> {
    let mut tx = repo.transaction()?;
    for u in updates {
        if tx.lock_ref(&u.name).is_ok() {
            continue;
        }
        // A lock left by a process killed while it held it blocks every later command, as it
        // would block git: one older than any live holder keeps a lock is removed.
        if remove_stale_lock(repo, &u.name) && tx.lock_ref(&u.name).is_ok() {
            continue;
        }
        tracing::debug!("`{}` is locked by another process", u.name);
        return Err(LocalRace {
            name: u.name.clone(),
        }
        .into());
    }
    let sig = super::git::signature(repo);
    for u in updates {
        let current = super::git::ref_target(repo, &u.name)?;
        let ok = match u.expect {
            Expect::Any => true,
            Expect::Absent => current.is_none() || current == u.new,
            Expect::At(old) => current == Some(old) || current == u.new,
        };
        if !ok {
            return Err(LocalRace {
                name: u.name.clone(),
            }
            .into());
        }
        match u.new {
            Some(new) if current != Some(new) => tx.set_target(&u.name, new, Some(&sig), log)?,
            Some(_) => {}
            None if current.is_some() => tx.remove(&u.name)?,
            None => {}
        }
    }
    // Under the locks: the checkouts, then the refs.
    let mut journals = Vec::new();
    for c in checkouts {
        journals.push(Journal::begin(repo, c, landed)?);
        if let Err(e) = super::git::checkout(repo, &c.branch, c.new, &c.paths) {
            // Another process is updating the index: a race, tried again.
            if format!("{e:#}").contains("locked") {
                return Err(e.context(LocalRace {
                    name: "index".into(),
                }));
            }
            return Err(e);
        }
    }
    tx.commit()?;
    for j in journals {
        j.end();
    }
    Ok(())
}

/// The journal of a checkout update in progress (`<git dir>/idp-checkout`): which branch, from
/// and to which commit, which paths, by which process, and whether the change already landed
/// where the refs are kept. libgit2 writes the files first and the index last, so a process
/// killed half way leaves files of both commits; the next idp finishes the update (the change
/// landed) or undoes it (it did not), for those paths only, as git's lock files let it know
/// what a dead process was doing.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Journal {
    pid: u32,
    branch: String,
    old: Option<String>,
    new: String,
    paths: Vec<String>,
    /// The branch already moved on the remote: finish the update rather than undo it.
    landed: bool,
    #[serde(skip)]
    file: std::path::PathBuf,
}

impl Journal {
    fn path(repo: &Repository) -> std::path::PathBuf {
        repo.path().join("idp-checkout")
    }

    fn begin(repo: &Repository, c: &Checkout, landed: bool) -> anyhow::Result<Journal> {
        let journal = Journal {
            pid: std::process::id(),
            branch: c.branch.clone(),
            old: c.old.map(|o| o.to_string()),
            new: c.new.to_string(),
            paths: c.paths.iter().cloned().collect(),
            landed,
            file: Journal::path(repo),
        };
        // Whole or not at all: another idp may read it at any moment.
        let tmp = journal.file.with_extension(format!("{}.tmp", journal.pid));
        std::fs::write(&tmp, serde_json::to_vec(&journal)?)?;
        std::fs::rename(&tmp, &journal.file)?;
        Ok(journal)
    }

    fn end(self) {
        let _ = std::fs::remove_file(&self.file);
    }

    /// Is another idp updating this checkout now (a journal of a live process)?
    fn in_progress(repo: &Repository) -> bool {
        std::fs::read(Journal::path(repo))
            .ok()
            .and_then(|b| serde_json::from_slice::<Journal>(&b).ok())
            .is_some_and(|j| j.pid != std::process::id() && alive(j.pid))
    }
}

/// Is process `pid` alive (on this machine)?
fn alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only checks that the process exists; nothing is sent.
    let sent = unsafe { libc::kill(pid, 0) };
    sent == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Finish or undo the checkout update a killed idp left (see [`Journal`]); nothing when none
/// was left or its process still runs.
fn recover_checkout(repo: &Repository) -> anyhow::Result<()> {
    let file = Journal::path(repo);
    let Ok(bytes) = std::fs::read(&file) else {
        return Ok(());
    };
    let Ok(journal) = serde_json::from_slice::<Journal>(&bytes) else {
        // Not one idp wrote (they rename it into place whole): set aside once it is old.
        remove_if_stale(&file);
        return Ok(());
    };
    if journal.pid != std::process::id() && alive(journal.pid) {
        return Ok(());
    }
    let new = Oid::from_str(&journal.new)?;
    let old = journal.old.as_deref().map(Oid::from_str).transpose()?;
    let name = format!("refs/heads/{}", journal.branch);
    // It held the branch's lock (a checkout is written under it) and perhaps the index's when
    // it was killed: those are its own, and nobody else can have taken them since.
    for lock in [
        repo.path().join(format!("{name}.lock")),
        repo.path().join("index.lock"),
    ] {
        if std::fs::remove_file(&lock).is_ok() {
            tracing::debug!(
                "removed `{}`, left by process {}",
                lock.display(),
                journal.pid
            );
        }
    }
    let current = super::git::ref_target(repo, &name)?;
    let forward = journal.landed || current == Some(new);
    let to = if forward { Some(new) } else { old };
    tracing::warn!(
        "an earlier idp stopped while updating the checkout of `{}`; {} it",
        journal.branch,
        if forward { "finishing" } else { "undoing" }
    );
    super::git::force_paths(repo, to, &journal.paths)?;
    if forward && current == old {
        super::git::set_ref(repo, &name, new, old, "idp: finish an interrupted update")?;
    }
    let _ = std::fs::remove_file(&file);
    Ok(())
}

/// How old a lock file must be to count as left behind by a killed process: idp and git hold
/// a ref lock for milliseconds (at most a second or so on a loaded machine); a lost race is
/// retried for longer than this, so a stale lock never stops a rerun.
const STALE_LOCK: std::time::Duration = std::time::Duration::from_secs(5);

/// The lock files git names in `text` (`Unable to create '/…/x.lock': File exists`).
fn lock_files(text: &str) -> Vec<std::path::PathBuf> {
    text.split('\'')
        .filter(|part| part.ends_with(".lock") && part.starts_with('/'))
        .map(std::path::PathBuf::from)
        .collect()
}

/// Remove `<ref>.lock` when it is older than [`STALE_LOCK`]; was it removed?
fn remove_stale_lock(repo: &Repository, name: &str) -> bool {
    remove_if_stale(&repo.path().join(format!("{name}.lock")))
}

/// Remove the lock file `lock` when it is older than [`STALE_LOCK`]; was it removed?
fn remove_if_stale(lock: &std::path::Path) -> bool {
    let old = std::fs::metadata(lock)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > STALE_LOCK);
    if old && std::fs::remove_file(lock).is_ok() {
        tracing::warn!(
            "removed `{}`, a lock left by a process that stopped while holding it",
            lock.display()
        );
        return true;
    }
    false
}

/// A pause before attempt `attempt + 1` after a lost race: a random ("full jitter") share of
/// a window that grows with each attempt. A lost race means someone else just landed, so the
/// first retries start almost at once; the randomness spreads the processes that lost together.
pub fn backoff(attempt: u32) -> std::time::Duration {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::from(d.subsec_nanos()));
    let seed = (nanos ^ u64::from(std::process::id()).wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_mul(0x2545_F491_4F6C_DD1D)
        >> 16;
    let window = (100 * u64::from(attempt)).min(2000);
    std::time::Duration::from_millis(seed % window)
}

/// Run `attempt` until it does not lose a race ([`is_race`]), at most `attempts` times, with
/// [`backoff`] pauses between; `retrying(n, why)` is told before each new attempt. A race lost
/// every time is [`IdpError::Contended`] (exit 7) naming `what` and the last cause; any other
/// error ends it at once. The one retry loop of every ref move (changes, merges, PR records).
pub fn with_retries<T>(
    remote: Option<&Remote>,
    what: &dyn Fn() -> String,
    attempts: u32,
    retrying: &dyn Fn(u32, &anyhow::Error),
    mut attempt: impl FnMut() -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let mut n = 1;
    loop {
        match attempt() {
            Err(e) if is_race(&e) => {
                if n >= attempts {
                    return Err(IdpError::Contended {
                        what: what(),
                        remote: remote.map_or_else(|| "this repository".into(), |r| r.name.clone()),
                        attempts: n,
                        last: format!("{e}"),
                    }
                    .into());
                }
                tracing::debug!("lost a race: {e:#}");
                n += 1;
                retrying(n, &e);
                std::thread::sleep(backoff(n - 1));
            }
            other => return other,
        }
    }
}

/// How many times a change is made again after losing a race.
pub const ATTEMPTS: u32 = 20;

/// The id a ref holds in `repo`, as the [`Expect`] of an update that must find it so.
pub fn expect_current(repo: &Repository, name: &str) -> anyhow::Result<Expect> {
    Ok(Expect::from_option(super::git::ref_target(repo, name)?))
}
