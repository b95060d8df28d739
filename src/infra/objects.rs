//! Where the objects a command writes go: into memory first, then into the object store as one
//! pack, right before a ref is moved to point at them.
//!
//! libgit2 writes every new blob, tree and commit as a loose file (a fan-out directory, a
//! temporary file, a link and a rename each), which was most of the I/O of a change. Instead,
//! a repository opened with [`open`] gets an in-memory object backend (libgit2's *mempack*) in
//! front of its object store: reads see the new objects at once, and [`flush`] — called by
//! `git::set_ref` before any ref update — writes them all as a single pack and index. Objects no
//! ref ever needed (a `--dry-run`, a change that failed validation) are never written.
//!
//! The memory backend's `write` is wrapped to note the id of each object it takes, so [`flush`]
//! knows exactly the new objects and packs them with [`super::packfile`] (fast compression, no
//! delta search, the index made from what was written), instead of libgit2's pack builder and
//! indexer, which compress harder and then inflate and hash everything again.
//!
//! Packs accumulate as git's own pushes and fetches make them; past git's `gc.autoPackLimit`
//! default (50 packs) a repository is opened without the memory backend, so new objects are
//! written loose as git writes them, until `git gc` (or `git maintenance`) consolidates.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ffi::{c_int, c_void};
use std::path::Path;
use std::rc::Rc;
use std::sync::{Mutex, OnceLock};

use anyhow::Context as _;
use git2::{Mempack, Oid, Repository};
use libgit2_sys::{git_object_t, git_odb_backend, git_oid};

use super::packfile::Pack;

/// The memory backend is asked first, before the loose (1) and packed (2) stores.
const MEMPACK_PRIORITY: i32 = 1000;
/// git's `gc.autoPackLimit` default: more packs than this and git would repack.
const PACK_LIMIT: usize = 50;

thread_local! {
    /// The memory backend of each repository opened by [`open`], by the repository's address
    /// (those repositories live until the process ends, so an address is never reused).
    static BATCHES: RefCell<HashMap<usize, Mempack<'static>>> = RefCell::new(HashMap::new());
    /// The last pack [`flush`] wrote for each repository: a push of what was just committed
    /// sends these bytes instead of building a second pack of the same objects.
    static LAST_PACK: RefCell<HashMap<usize, Rc<Pack>>> = RefCell::new(HashMap::new());
}

/// The pack the last [`flush`] of `repo` wrote, if any.
pub fn last_pack(repo: &Repository) -> Option<Rc<Pack>> {
    LAST_PACK.with(|l| l.borrow().get(&key(repo)).cloned())
}

/// Put `pack` into the object store of `to` (another repository on this machine: a push).
///
/// A pack idx wrote itself goes in with its index as they are, as git's local transport
/// hardlinks objects: idx made both from the same objects a moment ago, so indexing them a
/// second time would only repeat the work. A pack libgit2's builder made (no index kept) goes
/// through `to`'s indexer.
pub fn send_pack(pack: &Pack, to: &Repository) -> anyhow::Result<()> {
    let odb = to.odb()?;
    if pack.index.is_empty() {
        index_into(&odb, &pack.pack)?;
    } else {
        store(to, pack)?;
    }
    odb.refresh()?;
    Ok(())
}

/// Store `pack` in `odb` through libgit2's indexer, which makes the index.
fn index_into(odb: &git2::Odb<'_>, pack: &[u8]) -> anyhow::Result<()> {
    let mut writer = odb.packwriter()?;
    std::io::Write::write_all(&mut writer, pack)?;
    writer.commit()?;
    Ok(())
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
        record_writes(&mempack);
        BATCHES.with(|b| b.borrow_mut().insert(key(repo), mempack));
    }
    Ok(repo)
}

/// How many packs the object store holds.
fn packs(repo: &Repository) -> usize {
    std::fs::read_dir(repo.path().join("objects/pack"))
        .map(|d| {
            d.filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().ends_with(".pack"))
                .count()
        })
        .unwrap_or(0)
}

/// Write the objects held in memory for `repo` (if any) to its object store as one pack.
pub fn flush(repo: &Repository) -> anyhow::Result<()> {
    BATCHES.with(|b| -> anyhow::Result<()> {
        let batches = b.borrow();
        let Some(mempack) = batches.get(&key(repo)) else {
            return Ok(());
        };
        let mut ids = take_written(mempack);
        ids.sort_unstable();
        ids.dedup();
        let held = held_objects(mempack)?;
        if held != ids.len() {
            // Not one id may be missed: the memory is cleared below.
            tracing::debug!(held, noted = ids.len(), "packing the memory backend whole");
            let pack = with_pack_builder(repo, mempack)?;
            LAST_PACK.with(|l| l.borrow_mut().insert(key(repo), Rc::new(pack)));
        } else if !ids.is_empty() {
            let odb = repo.odb()?;
            let read = ids
                .iter()
                .map(|id| odb.read(*id))
                .collect::<Result<Vec<_>, _>>()?;
            let objects: Vec<super::packfile::Object<'_>> = ids
                .iter()
                .zip(&read)
                .map(|(id, o)| {
                    let mut raw = [0u8; 20];
                    raw.copy_from_slice(id.as_bytes());
                    super::packfile::Object {
                        id: raw,
                        kind: o.kind(),
                        data: o.data(),
                    }
                })
                .collect();
            let pack = match super::packfile::write(&objects)? {
                Some(pack) => {
                    store(repo, &pack).context("writing the new objects to the object store")?;
                    odb.refresh()?;
                    pack
                }
                None => with_pack_builder(repo, mempack)?,
            };
            tracing::debug!(
                objects = ids.len(),
                bytes = pack.pack.len(),
                "wrote one pack"
            );
            LAST_PACK.with(|l| l.borrow_mut().insert(key(repo), Rc::new(pack)));
        }
        mempack.reset()?;
        Ok(())
    })
}

/// Put a pack and its index into `objects/pack/` as git does: each through a temporary file,
/// read-only, the index last (a pack without its index is invisible to readers).
fn store(repo: &Repository, pack: &Pack) -> anyhow::Result<()> {
    use std::io::Write as _;
    let dir = repo.path().join("objects/pack");
    std::fs::create_dir_all(&dir)?;
    let mode = pack_mode(repo);
    for (ext, bytes) in [("pack", &pack.pack), ("idx", &pack.index)] {
        let target = dir.join(format!("pack-{}.{ext}", pack.name));
        if target.exists() {
            // The same objects, packed before (the name is the content's hash).
            continue;
        }
        let mut tmp = tempfile::Builder::new()
            .prefix(&format!("tmp_{ext}_"))
            .tempfile_in(&dir)?;
        tmp.write_all(bytes)?;
        set_pack_mode(tmp.as_file(), mode)?;
        tmp.persist(&target)?;
    }
    Ok(())
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

fn set_pack_mode(file: &std::fs::File, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    file.set_permissions(std::fs::Permissions::from_mode(mode))
}

/// The pack of the objects in `mempack` by libgit2's pack builder, stored through its indexer:
/// for a pack too big for [`super::packfile::write`]. The index is not kept.
fn with_pack_builder(repo: &Repository, mempack: &Mempack<'_>) -> anyhow::Result<Pack> {
    let mut pack = repo.packbuilder()?;
    add_new_objects(mempack, &mut pack)?;
    let mut buf = git2::Buf::new();
    pack.write_buf(&mut buf)?;
    index_into(&repo.odb()?, &buf).context("writing the new objects to the object store")?;
    Ok(Pack {
        pack: buf.to_vec(),
        index: Vec::new(),
        name: String::new(),
    })
}

// The memory backend's functions git2 has no binding for (`git2/sys/mempack.h`, libgit2 1.9,
// in the vendored libgit2 that git2 links).
unsafe extern "C" {
    fn git_mempack_object_count(out: *mut usize, backend: *mut git_odb_backend) -> c_int;
    fn git_mempack_write_thin_pack(
        backend: *mut git_odb_backend,
        pb: *mut libgit2_sys::git_packbuilder,
    ) -> c_int;
}

/// How many objects `mempack` holds.
fn held_objects(mempack: &Mempack<'_>) -> anyhow::Result<usize> {
    use git2::Binding as _;
    let mut count = 0usize;
    // SAFETY: the backend is live (see `record_writes`); libgit2 only reads its map's size.
    let rc = unsafe { git_mempack_object_count(&mut count, mempack.raw()) };
    if rc < 0 {
        anyhow::bail!("counting the new objects: {}", git2::Error::last_error(rc));
    }
    Ok(count)
}

/// The signature of an object backend's `write`.
type WriteFn = extern "C" fn(
    *mut git_odb_backend,
    *const git_oid,
    *const c_void,
    usize,
    git_object_t,
) -> c_int;

/// The memory backend's own `write` (the same function for every memory backend).
static MEMPACK_WRITE: OnceLock<WriteFn> = OnceLock::new();
/// The ids each memory backend took since its last flush, by the backend's address.
static WRITTEN: Mutex<Vec<(usize, Oid)>> = Mutex::new(Vec::new());

/// Make `mempack` note the id of every object written to it (see the module documentation).
fn record_writes(mempack: &Mempack<'_>) {
    use git2::Binding as _;
    let backend = mempack.raw();
    // SAFETY: `backend` is the live memory backend git2 just created and added to the
    // repository's object database (which lives until the process ends, see `open`); nothing
    // else uses it yet. Its vtable is the public `git_odb_backend` struct, whose `write` slot
    // libgit2 calls through; we keep libgit2's function and call it from ours.
    unsafe {
        if let Some(write) = (*backend).write {
            let _ = MEMPACK_WRITE.set(write);
            (*backend).write = Some(recording_write);
        }
    }
}

extern "C" fn recording_write(
    backend: *mut git_odb_backend,
    id: *const git_oid,
    data: *const c_void,
    len: usize,
    kind: git_object_t,
) -> c_int {
    let Some(write) = MEMPACK_WRITE.get() else {
        return -1;
    };
    let rc = write(backend, id, data, len, kind);
    if rc == 0 && !id.is_null() {
        // SAFETY: libgit2 passes the id of the object it writes, valid for the call.
        let oid = unsafe { Oid::from_bytes(&(*id).id) };
        if let (Ok(oid), Ok(mut written)) = (oid, WRITTEN.lock()) {
            written.push((backend as usize, oid));
        }
    }
    rc
}

/// The ids `mempack` took since the last call, and forget them.
fn take_written(mempack: &Mempack<'_>) -> Vec<Oid> {
    use git2::Binding as _;
    let backend = mempack.raw() as usize;
    let Ok(mut written) = WRITTEN.lock() else {
        return Vec::new();
    };
    let (mine, others): (Vec<_>, Vec<_>) = written.drain(..).partition(|(b, _)| *b == backend);
    *written = others;
    mine.into_iter().map(|(_, id)| id).collect()
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

    #[test]
    fn a_missed_id_makes_the_flush_pack_everything_the_memory_holds() {
        let (dir, repo) = scratch();
        let noted = repo.blob(b"noted\n").expect("blob");
        let missed = repo.blob(b"missed\n").expect("blob");
        // Forget one id, as if a write had not been seen.
        let mempack = BATCHES.with(|b| {
            let b = b.borrow();
            let m = b.get(&key(repo)).expect("a memory backend");
            use git2::Binding as _;
            m.raw() as usize
        });
        if let Ok(mut written) = WRITTEN.lock() {
            written.retain(|(b, id)| *b != mempack || *id != missed);
        }
        flush(repo).expect("flush");
        let other = Repository::open(dir.path()).expect("reopen");
        for id in [noted, missed] {
            assert!(other.find_blob(id).is_ok(), "{id} is not on disk");
        }
        assert!(
            last_pack(repo).is_some_and(|p| p.index.is_empty()),
            "libgit2's builder made the pack"
        );
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
    fn the_pack_is_one_git_reads_checks_and_indexes_the_same_way() {
        let (dir, repo) = scratch();
        // Sizes on both sides of the one-byte header (15) and of zlib's 64 KiB window, a file
        // written twice, and an empty one.
        let big: String = (0..20_000).map(|i| format!("line {i}\n")).collect();
        // Incompressible: zlib's output is larger than its input.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let noise: Vec<u8> = (0..100_000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 56) as u8
            })
            .collect();
        let mut tree = repo.treebuilder(None).expect("treebuilder");
        for (name, text) in [
            ("a.txt", b"fifteen bytes!\n".to_vec()),
            ("b.txt", b"sixteen bytes!!\n".to_vec()),
            ("big.txt", big.clone().into_bytes()),
            ("same.txt", big.into_bytes()),
            ("empty", Vec::new()),
            ("noise", noise),
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
        let verified = git(dir.path(), &["verify-pack", "-v", &pack.to_string_lossy()]);
        assert!(verified.contains("non delta: 7 objects"), "{verified}");
        // git's own index of the same pack is byte for byte ours.
        let ours = std::fs::read(pack.with_extension("idx")).expect("our idx");
        let theirs = dir.path().join("theirs.idx");
        git(
            dir.path(),
            &[
                "index-pack",
                "-o",
                &theirs.to_string_lossy(),
                &pack.to_string_lossy(),
            ],
        );
        assert!(
            std::fs::read(&theirs).expect("git's idx") == ours,
            "the indexes differ"
        );
        assert_eq!(
            git(dir.path(), &["cat-file", "-p", "main:a.txt"]),
            "fifteen bytes!\n"
        );
        assert_eq!(
            last_pack(repo).map(|p| p.pack.len()),
            std::fs::metadata(&pack).ok().map(|m| m.len() as usize)
        );
    }
}
