//! Where the objects a command writes go: into memory first, then into the object store as one
//! pack, right before a ref is moved to point at them or `git push` sends them.
//!
//! libgit2 writes every new blob, tree and commit as a loose file (a fan-out directory, a
//! temporary file, a link and a rename each), which was most of the I/O of a change. Instead,
//! a repository opened with [`open`] gets an in-memory object backend (libgit2's *mempack*) in
//! front of its object store: reads see the new objects at once, and [`flush`] — called by
//! `git::set_ref` before any ref update and before a push — writes them all as a single pack
//! and index with libgit2's pack builder (ADR-0021: idp's own pack writer is gone). Objects no
//! ref ever needed (a `--dry-run`, a change that failed validation) are never written.
//!
//! Packs accumulate as git's own pushes and fetches make them; past git's `gc.autoPackLimit`
//! default (50 packs) a repository is opened without the memory backend, so new objects are
//! written loose as git writes them, until `git gc` (or `git maintenance`) consolidates.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::c_int;
use std::path::Path;

use anyhow::Context as _;
use git2::{Mempack, Repository};
use libgit2_sys::git_odb_backend;

/// The memory backend is asked first, before the loose (1) and packed (2) stores.
const MEMPACK_PRIORITY: i32 = 1000;
/// git's `gc.autoPackLimit` default: more packs than this and git would repack.
const PACK_LIMIT: usize = 50;

thread_local! {
    /// The memory backend of each repository opened by [`open`], by the repository's address
    /// (those repositories live until the process ends, so an address is never reused).
    static BATCHES: RefCell<HashMap<usize, Mempack<'static>>> = RefCell::new(HashMap::new());
}

fn key(repo: &Repository) -> usize {
    repo as *const Repository as usize
}

/// Open the repository at `path` for the rest of the command, with new objects held in memory
/// until a ref needs them (see the module documentation).
///
/// The handle lives until the process exits (a command opens a repository once and uses it to
/// the end), which is what lets the memory backend borrow it.
pub fn open(path: &Path) -> anyhow::Result<&'static Repository> {
    super::git::start();
    let repo = Repository::open(path)
        .with_context(|| format!("`{}` is not a git repository", path.display()))?;
    let repo: &'static Repository = Box::leak(Box::new(repo));
    if packs(repo) < PACK_LIMIT {
        let odb: &'static git2::Odb<'static> = Box::leak(Box::new(repo.odb()?));
        let mempack = odb.add_new_mempack_backend(MEMPACK_PRIORITY)?;
        BATCHES.with(|b| b.borrow_mut().insert(key(repo), mempack));
    }
    Ok(repo)
}

/// How many packs the object store holds. Temporary files a killed writer left there (git's
/// `tmp_pack_*`/`tmp_idx_*`, libgit2's `pack_git2_*`, a `.lock`) are deleted on the way once
/// they are older than [`STALE`]: a younger one may be another process's, still being written.
fn packs(repo: &Repository) -> usize {
    let Ok(dir) = std::fs::read_dir(repo.path().join("objects/pack")) else {
        return 0;
    };
    let mut count = 0;
    for entry in dir.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.ends_with(".pack") && name.starts_with("pack-") {
            count += 1;
        } else if is_temporary(&name) && is_stale(&entry) {
            tracing::debug!("removing `{name}`, left by an interrupted pack writer");
            let _ = std::fs::remove_file(entry.path());
        }
    }
    count
}

/// How old a temporary pack file must be before it is taken as abandoned.
const STALE: std::time::Duration = std::time::Duration::from_secs(3600);

/// The name of a file a pack writer makes while it writes (git, libgit2, older idp).
fn is_temporary(name: &str) -> bool {
    ["tmp_pack_", "tmp_idx_", "tmp_rev_", "pack_git2_"]
        .iter()
        .any(|p| name.starts_with(p))
        || name.ends_with(".lock")
}

fn is_stale(entry: &std::fs::DirEntry) -> bool {
    entry
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > STALE)
}

/// Write the objects held in memory for `repo` (if any) to its object store as one pack.
pub fn flush(repo: &Repository) -> anyhow::Result<()> {
    BATCHES.with(|b| -> anyhow::Result<()> {
        let batches = b.borrow();
        let Some(mempack) = batches.get(&key(repo)) else {
            return Ok(());
        };
        let mut pack = repo.packbuilder()?;
        add_new_objects(mempack, &mut pack)?;
        let objects = pack.object_count();
        if objects > 0 {
            let dir = repo.path().join("objects/pack");
            std::fs::create_dir_all(&dir)?;
            let mode = pack_mode(repo);
            pack.write(&dir, mode)
                .context("writing the new objects to the object store")?;
            // The files were created with `mode` less the umask; git's mode may be wider
            // (`core.sharedRepository`).
            if let Some(name) = pack.name_bytes().map(String::from_utf8_lossy) {
                for ext in ["pack", "idx"] {
                    let file = dir.join(format!("pack-{name}.{ext}"));
                    set_pack_mode(&file, mode)
                        .with_context(|| format!("setting the mode of `{}`", file.display()))?;
                }
            }
            repo.odb()?.refresh()?;
            tracing::debug!(objects, "wrote one pack");
        }
        mempack.reset()?;
        Ok(())
    })
}

/// The mode git gives a pack and its index: read-only, readable by whom the umask lets
/// (0444 & ~umask), widened by `core.sharedRepository` (`group`, `all` or an octal mode).
/// A temporary file is created 0600, which would hide the pack from the other users of a
/// shared repository.
fn pack_mode(repo: &Repository) -> u32 {
    let shared = repo
        .config()
        .ok()
        .and_then(|c| c.get_string("core.sharedRepository").ok());
    mode_for(process_umask().unwrap_or(0o022), shared.as_deref())
}

/// [`pack_mode`] for a umask and a `core.sharedRepository` value, read as git reads it:
/// `umask`/`group`/`all` (and their old spellings 0/1/2 and booleans), else an octal mode that
/// replaces the umask.
fn mode_for(umask: u32, shared: Option<&str>) -> u32 {
    let by_umask = 0o444 & !umask;
    let Some(value) = shared.map(|s| s.trim().to_ascii_lowercase()) else {
        return by_umask;
    };
    let perm = match value.as_str() {
        "umask" => 0,
        "group" => 1,
        "all" | "world" | "everybody" => 2,
        other => u32::from_str_radix(other, 8)
            .unwrap_or_else(|_| u32::from(matches!(other, "true" | "yes" | "on"))),
    };
    match perm {
        0 => by_umask,
        1 => by_umask | 0o440,
        2 => by_umask | 0o444,
        octal => (octal & 0o444) | 0o400,
    }
}

/// This process's umask, from `/proc/self/status` (reading it with umask(2) would change it
/// for a moment under every other thread).
fn process_umask() -> Option<u32> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix("Umask:"))?;
    u32::from_str_radix(line.trim(), 8).ok()
}

fn set_pack_mode(file: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(file, std::fs::Permissions::from_mode(mode))
}

// What git2 has no binding for of the memory backend (`git2/sys/mempack.h`, libgit2 1.9, in
// the vendored libgit2 that git2 links).
unsafe extern "C" {
    fn git_mempack_write_thin_pack(
        backend: *mut git_odb_backend,
        pb: *mut libgit2_sys::git_packbuilder,
    ) -> c_int;
}

/// Add exactly the objects held in `mempack` to `pack` (libgit2's `git_mempack_dump` adds the
/// whole tree of every new commit instead, which would pack the unchanged files too).
fn add_new_objects(mempack: &Mempack<'_>, pack: &mut git2::PackBuilder<'_>) -> anyhow::Result<()> {
    use git2::Binding as _;
    // SAFETY: both pointers come from live git2 handles borrowed for the whole call: the
    // backend belongs to the repository's object database (leaked in `open`, so it lives as
    // long as the process), the builder to `pack`. libgit2 only iterates the backend's object
    // map and inserts those ids into the builder.
    let rc = unsafe { git_mempack_write_thin_pack(mempack.raw(), pack.raw()) };
    if rc < 0 {
        anyhow::bail!(
            "collecting the new objects into a pack: {}",
            git2::Error::last_error(rc)
        );
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A new repository opened with [`open`]; the directory lives as long as the guard.
    fn scratch() -> (tempfile::TempDir, &'static Repository) {
        let dir = tempfile::tempdir().expect("tempdir");
        Repository::init(dir.path()).expect("init");
        let repo = open(dir.path()).expect("open");
        (dir, repo)
    }

    #[test]
    fn objects_stay_in_memory_until_flushed_then_land_as_one_pack() {
        let (dir, repo) = scratch();
        let blob = repo.blob(b"hello\n").expect("blob");
        let loose = dir.path().join(".git/objects").join(&blob.to_string()[..2]);
        assert!(!loose.exists(), "the blob was written loose");
        assert_eq!(packs(repo), 0);
        assert!(repo.find_blob(blob).is_ok(), "the blob is readable at once");
        flush(repo).expect("flush");
        assert_eq!(packs(repo), 1);
        assert!(
            repo.find_blob(blob).is_ok(),
            "the blob is read from the pack now"
        );
        // A second handle (another process, in effect) sees it on disk.
        let other = Repository::open(dir.path()).expect("reopen");
        assert_eq!(
            other.find_blob(blob).expect("on disk").content(),
            b"hello\n"
        );
        // Nothing new: no empty pack.
        flush(repo).expect("flush again");
        assert_eq!(packs(repo), 1);
    }

    #[test]
    fn a_pack_is_read_only_and_as_readable_as_the_umask_lets() {
        use std::os::unix::fs::PermissionsExt as _;
        let (dir, repo) = scratch();
        repo.blob(b"shared\n").expect("blob");
        flush(repo).expect("flush");
        let want = 0o444 & !process_umask().expect("a umask in /proc/self/status");
        let pack_dir = dir.path().join(".git/objects/pack");
        let mut seen = 0;
        for entry in std::fs::read_dir(&pack_dir).expect("pack dir") {
            let path = entry.expect("entry").path();
            let mode = std::fs::metadata(&path).expect("stat").permissions().mode() & 0o777;
            assert_eq!(mode, want, "{} is {mode:o}", path.display());
            seen += 1;
        }
        assert_eq!(seen, 2, "a pack and its index");
    }

    #[test]
    fn temporary_pack_files_are_removed_once_stale() {
        let (dir, repo) = scratch();
        let pack_dir = dir.path().join(".git/objects/pack");
        std::fs::create_dir_all(&pack_dir).expect("pack dir");
        let old = std::time::SystemTime::now() - STALE - std::time::Duration::from_secs(60);
        for name in [
            "pack_git2_abc",
            "tmp_pack_x",
            "pack-1.idx.lock",
            "fresh_pack_git2",
        ] {
            let f = std::fs::File::create(pack_dir.join(name)).expect("create");
            if name != "fresh_pack_git2" {
                f.set_modified(old).expect("mtime");
            }
        }
        std::fs::File::create(pack_dir.join("pack_git2_young")).expect("create");
        assert_eq!(packs(repo), 0);
        let mut left: Vec<String> = std::fs::read_dir(&pack_dir)
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["fresh_pack_git2", "pack_git2_young"]);
    }

    #[test]
    fn core_shared_repository_widens_the_pack_mode_as_git_does() {
        assert_eq!(mode_for(0o022, None), 0o444);
        assert_eq!(mode_for(0o077, None), 0o400);
        assert_eq!(mode_for(0o077, Some("group")), 0o440);
        assert_eq!(mode_for(0o077, Some("true")), 0o440);
        assert_eq!(mode_for(0o077, Some("all")), 0o444);
        assert_eq!(mode_for(0o077, Some("0660")), 0o440);
        assert_eq!(mode_for(0o077, Some("0640")), 0o440);
        assert_eq!(mode_for(0o077, Some("0600")), 0o400);
        assert_eq!(mode_for(0o077, Some("false")), 0o400);
        assert_eq!(mode_for(0o077, Some("umask")), 0o400);
        assert_eq!(mode_for(0o022, Some("0")), 0o444);
        assert_eq!(mode_for(0o077, Some("2")), 0o444);
        assert_eq!(mode_for(0o077, Some("yes")), 0o440);
    }

    /// Run the git CLI in `dir`; its standard output, or a failed test with its error.
    pub(crate) fn git(dir: &Path, args: &[&str]) -> String {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(dir)
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    #[test]
    fn the_pack_is_one_git_reads_and_checks() {
        let (dir, repo) = scratch();
        // Sizes on both sides of the one-byte header (15) and of zlib's 64 KiB window, a file
        // written twice, and an empty one.
        let big: String = (0..20_000).map(|i| format!("line {i}\n")).collect();
        let mut tree = repo.treebuilder(None).expect("treebuilder");
        for (name, text) in [
            ("a.txt", b"fifteen bytes!\n".to_vec()),
            ("b.txt", b"sixteen bytes!!\n".to_vec()),
            ("big.txt", big.clone().into_bytes()),
            ("same.txt", big.into_bytes()),
            ("empty", Vec::new()),
        ] {
            let blob = repo.blob(&text).expect("blob");
            tree.insert(name, blob, 0o100644).expect("insert");
        }
        let tree = repo
            .find_tree(tree.write().expect("tree"))
            .expect("find tree");
        let sig = git2::Signature::now("t", "t@example.invalid").expect("sig");
        let commit = repo
            .commit(None, &sig, &sig, "first", &tree, &[])
            .expect("commit");
        flush(repo).expect("flush");
        repo.reference("refs/heads/main", commit, true, "test")
            .expect("ref");
        git(dir.path(), &["fsck", "--strict", "--no-dangling"]);
        let pack = std::fs::read_dir(dir.path().join(".git/objects/pack"))
            .expect("pack dir")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "pack"))
            .expect("a pack");
        git(dir.path(), &["verify-pack", &pack.to_string_lossy()]);
        assert_eq!(
            git(dir.path(), &["cat-file", "-p", "main:a.txt"]),
            "fifteen bytes!\n"
        );
        let loose = git(dir.path(), &["count-objects"]);
        assert!(loose.starts_with("0 objects"), "{loose}");
    }
}
