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
//! Packs accumulate as git's own pushes and fetches make them; past git's `gc.autoPackLimit`
//! default (50 packs) a repository is opened without the memory backend, so new objects are
//! written loose as git writes them, until `git gc` (or `git maintenance`) consolidates.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;

use anyhow::Context as _;
use git2::{Mempack, Repository};

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
    static LAST_PACK: RefCell<HashMap<usize, std::rc::Rc<Vec<u8>>>> = RefCell::new(HashMap::new());
}

/// The pack the last [`flush`] of `repo` wrote, if any.
pub fn last_pack(repo: &Repository) -> Option<std::rc::Rc<Vec<u8>>> {
    LAST_PACK.with(|l| l.borrow().get(&key(repo)).cloned())
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
        let mut pack = repo.packbuilder()?;
        add_new_objects(mempack, &mut pack)?;
        let objects = pack.object_count();
        if objects > 0 {
            let mut buf = git2::Buf::new();
            pack.write_buf(&mut buf)?;
            let odb = repo.odb()?;
            let mut writer = odb.packwriter()?;
            std::io::Write::write_all(&mut writer, &buf)?;
            writer
                .commit()
                .context("writing the new objects to the object store")?;
            tracing::debug!(objects, bytes = buf.len(), "wrote one pack");
            let bytes = std::rc::Rc::new(buf.to_vec());
            LAST_PACK.with(|l| l.borrow_mut().insert(key(repo), bytes));
        }
        mempack.reset()?;
        Ok(())
    })
}

/// Add exactly the objects held in `mempack` to `pack` (libgit2's `git_mempack_dump` adds the
/// whole tree of every new commit instead, which would pack the unchanged files too).
fn add_new_objects(mempack: &Mempack<'_>, pack: &mut git2::PackBuilder<'_>) -> anyhow::Result<()> {
    unsafe extern "C" {
        /// libgit2 1.8 and later (`git2/sys/mempack.h`), in the vendored libgit2 that git2
        /// links; git2 has no binding for it.
        fn git_mempack_write_thin_pack(
            backend: *mut libgit2_sys::git_odb_backend,
            pb: *mut libgit2_sys::git_packbuilder,
        ) -> std::ffi::c_int;
    }
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
mod tests {
    use super::*;

    #[test]
    fn objects_stay_in_memory_until_flushed_then_land_as_one_pack() {
        let dir = tempfile::tempdir().expect("tempdir");
        Repository::init(dir.path()).expect("init");
        let repo = open(dir.path()).expect("open");
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
}
