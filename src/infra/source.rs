//! Where platform files are read from: the working tree (`idp validate`), a commit's tree (the
//! base branch a change starts from), or an overlay of a change on top of either (what the
//! repo will look like after the change, which is what validation judges).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

/// Is `path` a safe repo-relative path (no `..`, not absolute, no `.git`)?
pub fn safe_repo_path(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && path
            .split('/')
            .all(|seg| !seg.is_empty() && seg != "." && seg != ".." && seg != ".git")
}

/// Read-only access to the files of a platform repo, by repo-relative `/`-separated path.
pub trait Source {
    /// The file's text, or `None` when it does not exist.
    fn read(&self, path: &str) -> anyhow::Result<Option<String>>;
    /// Every file under `dir` (recursively, `""` for all), sorted, as repo-relative paths.
    fn files(&self, dir: &str) -> anyhow::Result<Vec<String>>;
    /// This source, when threads may share it (the working tree): validation then checks
    /// files on every core. Sources tied to one thread (a git tree with its read log) say no.
    fn as_sync(&self) -> Option<&(dyn Source + Sync)> {
        None
    }
    /// The file's text before the change this source shows, when it is a change (an
    /// [`Overlay`]) that modifies the file: checks of what a change adds then read only what
    /// it adds. `None` for a plain source, a new file, or a file the change leaves alone.
    fn before(&self, path: &str) -> anyhow::Result<Option<String>> {
        let _ = path;
        Ok(None)
    }
    /// The names of the files and folders right inside `dir`, sorted: one level, so a reader
    /// can walk a large tree newest first and stop early (records).
    fn entries(&self, dir: &str) -> anyhow::Result<Vec<String>> {
        let (dir, prefix) = dir_and_prefix(dir);
        let mut out: Vec<String> = self
            .files(dir)?
            .iter()
            .filter_map(|f| f.strip_prefix(&prefix))
            .filter_map(|rest| rest.split('/').next())
            .map(str::to_string)
            .collect();
        out.sort();
        out.dedup();
        Ok(out)
    }
}

/// The files on disk under a root directory: `.git` and whatever git ignores are excluded.
pub struct WorkTree {
    root: PathBuf,
    /// For ignore rules only; behind a lock so threads can share the tree.
    repo: Option<std::sync::Mutex<git2::Repository>>,
}

impl WorkTree {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        crate::infra::git::start();
        let repo = git2::Repository::open(&root)
            .ok()
            .map(std::sync::Mutex::new);
        WorkTree { root, repo }
    }

    /// A tree that is not a repository (no ignore rules, no libgit2).
    pub fn detached(root: impl Into<PathBuf>) -> Self {
        WorkTree {
            root: root.into(),
            repo: None,
        }
    }

    fn ignored(&self, rel: &str) -> bool {
        self.repo.as_ref().is_some_and(|r| {
            r.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .is_path_ignored(Path::new(rel))
                .unwrap_or(false)
        })
    }
}

impl Source for WorkTree {
    fn as_sync(&self) -> Option<&(dyn Source + Sync)> {
        Some(self)
    }

    fn read(&self, path: &str) -> anyhow::Result<Option<String>> {
        let full = self.root.join(path);
        match std::fs::read(&full) {
            Ok(bytes) => Ok(Some(crate::input::utf8(path, bytes)?)),
            // `a/b` where `a` is a file: no such file either.
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound
                        | std::io::ErrorKind::IsADirectory
                        | std::io::ErrorKind::NotADirectory
                ) =>
            {
                Ok(None)
            }
            Err(e) => Err(e).with_context(|| format!("cannot read `{}`", full.display())),
        }
    }

    fn files(&self, dir: &str) -> anyhow::Result<Vec<String>> {
        let mut out = Vec::new();
        let start = if dir.is_empty() {
            self.root.clone()
        } else {
            self.root.join(dir)
        };
        if start.is_file() {
            return Ok(vec![dir.to_string()]);
        }
        walk(&self.root, &start, &mut out)?;
        out.retain(|f| !self.ignored(f));
        out.sort();
        Ok(out)
    }

    /// One `read_dir`, not a walk of everything under `dir`: asking for one app's folder costs
    /// that folder. Ignored names and nested repositories are left out; a folder is listed even
    /// when what it holds is ignored (callers read the file they need inside it).
    fn entries(&self, dir: &str) -> anyhow::Result<Vec<String>> {
        let dir = dir.trim_end_matches('/');
        let full = if dir.is_empty() {
            self.root.clone()
        } else {
            self.root.join(dir)
        };
        let entries = match std::fs::read_dir(&full) {
            Ok(e) => e,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
            {
                return Ok(Vec::new());
            }
            Err(e) => return Err(e).with_context(|| format!("cannot read `{}`", full.display())),
        };
        let mut out = Vec::new();
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if name == ".git" || path.join("HEAD").is_file() && path.join("objects").is_dir() {
                continue;
            }
            let rel = if dir.is_empty() {
                name.clone()
            } else {
                format!("{dir}/{name}")
            };
            if !self.ignored(&rel) {
                out.push(name);
            }
        }
        out.sort();
        Ok(out)
    }
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> anyhow::Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            return Ok(());
        }
        Err(e) => return Err(e).with_context(|| format!("cannot read `{}`", dir.display())),
    };
    for entry in entries {
        let entry = entry?;
        let path = entry.path();
        if entry.file_name() == ".git"
            || path.join("HEAD").is_file() && path.join("objects").is_dir()
        {
            continue; // a repository (or a bare one) inside the tree is not part of it
        }
        let ft = entry.file_type()?;
        if ft.is_dir() {
            walk(root, &path, out)?;
        } else if ft.is_file()
            && let Ok(rel) = path.strip_prefix(root)
        {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

/// The files of one git tree (a commit on the base branch); empty for an unborn branch.
///
/// Directories are looked up once and kept, so reading a file costs one lookup per path segment
/// the first time and one in its directory after that, and listing a directory walks only that
/// directory: the cost follows what a command reads, not the size of the repo.
pub struct GitTree<'r> {
    repo: &'r git2::Repository,
    tree: Option<git2::Tree<'r>>,
    dirs: std::cell::RefCell<std::collections::HashMap<String, Option<git2::Tree<'r>>>>,
    /// What was read, when recording ([`GitTree::recording`]).
    reads: Option<std::cell::RefCell<Reads>>,
}

/// The files and directories a reader of a [`GitTree`] looked at.
#[derive(Debug, Clone, Default)]
pub struct Reads {
    pub files: std::collections::BTreeSet<String>,
    /// Directories listed (every file under them counts).
    pub dirs: std::collections::BTreeSet<String>,
}

impl Reads {
    /// Would a change to `path` change what was read?
    pub fn touches(&self, path: &str) -> bool {
        self.files.contains(path)
            || self
                .dirs
                .iter()
                .any(|d| d.is_empty() || path == d || path.starts_with(&format!("{d}/")))
    }
}

impl<'r> GitTree<'r> {
    pub fn new(repo: &'r git2::Repository, tree: Option<git2::Tree<'r>>) -> Self {
        GitTree {
            repo,
            tree,
            dirs: std::cell::RefCell::new(std::collections::HashMap::new()),
            reads: None,
        }
    }

    /// A tree that notes every file read and directory listed ([`GitTree::reads`]).
    pub fn recording(repo: &'r git2::Repository, tree: Option<git2::Tree<'r>>) -> Self {
        GitTree {
            reads: Some(std::cell::RefCell::new(Reads::default())),
            ..GitTree::new(repo, tree)
        }
    }

    /// What was read so far (nothing unless recording).
    pub fn reads(&self) -> Reads {
        self.reads
            .as_ref()
            .map(|r| r.borrow().clone())
            .unwrap_or_default()
    }

    /// The id of the tree (`None`: empty).
    pub fn id(&self) -> Option<git2::Oid> {
        self.tree.as_ref().map(|t| t.id())
    }

    /// The tree of directory `dir` (`""` is the root), if there is one.
    fn dir(&self, dir: &str) -> anyhow::Result<Option<git2::Tree<'r>>> {
        let Some(root) = &self.tree else {
            return Ok(None);
        };
        if dir.is_empty() {
            return Ok(Some(root.clone()));
        }
        if let Some(t) = self.dirs.borrow().get(dir) {
            return Ok(t.clone());
        }
        let (parent, name) = dir.rsplit_once('/').unwrap_or(("", dir));
        let found = match self.dir(parent)? {
            Some(p) => match p.get_name(name) {
                Some(e) if e.kind() == Some(git2::ObjectType::Tree) => {
                    Some(self.repo.find_tree(e.id())?)
                }
                _ => None,
            },
            None => None,
        };
        self.dirs
            .borrow_mut()
            .insert(dir.to_string(), found.clone());
        Ok(found)
    }
}

impl Source for GitTree<'_> {
    fn read(&self, path: &str) -> anyhow::Result<Option<String>> {
        if let Some(r) = &self.reads {
            r.borrow_mut().files.insert(path.to_string());
        }
        let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
        let Some(tree) = self.dir(dir)? else {
            return Ok(None);
        };
        let Some(entry) = tree.get_name(name) else {
            return Ok(None);
        };
        if entry.kind() != Some(git2::ObjectType::Blob) {
            return Ok(None);
        }
        let blob = self.repo.find_blob(entry.id())?;
        Ok(Some(crate::input::utf8(path, blob.content().to_vec())?))
    }

    fn entries(&self, dir: &str) -> anyhow::Result<Vec<String>> {
        if let Some(r) = &self.reads {
            // What a listing shows can change with anything under it: count it all as read.
            r.borrow_mut()
                .dirs
                .insert(dir.trim_end_matches('/').to_string());
        }
        let Some(tree) = self.dir(dir.trim_end_matches('/'))? else {
            return Ok(Vec::new());
        };
        let mut out: Vec<String> = tree
            .iter()
            .filter_map(|e| e.name().ok().map(str::to_string))
            .collect();
        out.sort();
        Ok(out)
    }

    fn files(&self, dir: &str) -> anyhow::Result<Vec<String>> {
        let dir = dir.trim_end_matches('/');
        if let Some(r) = &self.reads {
            r.borrow_mut().dirs.insert(dir.to_string());
        }
        let (tree, prefix) = match self.dir(dir)? {
            Some(t) => (
                t,
                if dir.is_empty() {
                    String::new()
                } else {
                    format!("{dir}/")
                },
            ),
            None => {
                // `dir` may name a file.
                return Ok(match self.read(dir) {
                    Ok(Some(_)) => vec![dir.to_string()],
                    _ => Vec::new(),
                });
            }
        };
        let mut out = Vec::new();
        tree.walk(git2::TreeWalkMode::PreOrder, |root, entry| {
            if entry.kind() == Some(git2::ObjectType::Blob)
                && let Ok(name) = entry.name()
            {
                out.push(format!("{prefix}{root}{name}"));
            }
            git2::TreeWalkResult::Ok
        })?;
        out.sort();
        Ok(out)
    }
}

/// `dir` without a trailing slash, and the prefix of the paths inside it (`""` for the root).
fn dir_and_prefix(dir: &str) -> (&str, String) {
    let dir = dir.trim_end_matches('/');
    let prefix = if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    };
    (dir, prefix)
}

/// A base source with a change applied: `Some(text)` writes a file, `None` removes it.
pub struct Overlay<'a> {
    base: &'a dyn Source,
    changes: &'a BTreeMap<String, Option<String>>,
}

impl<'a> Overlay<'a> {
    pub fn new(base: &'a dyn Source, changes: &'a BTreeMap<String, Option<String>>) -> Self {
        Overlay { base, changes }
    }
}

impl Source for Overlay<'_> {
    fn read(&self, path: &str) -> anyhow::Result<Option<String>> {
        match self.changes.get(path) {
            Some(change) => Ok(change.clone()),
            None => self.base.read(path),
        }
    }

    fn before(&self, path: &str) -> anyhow::Result<Option<String>> {
        match self.changes.get(path) {
            Some(Some(_)) => self.base.read(path),
            _ => Ok(None),
        }
    }

    /// The base's entries (one level) and those the change adds; an entry the change empties
    /// is listed when the base lists it (an empty folder reads as no files).
    fn entries(&self, dir: &str) -> anyhow::Result<Vec<String>> {
        let (dir, prefix) = dir_and_prefix(dir);
        let mut out = self.base.entries(dir)?;
        for (path, change) in self.changes {
            if change.is_some()
                && let Some(rest) = path.strip_prefix(&prefix)
                && let Some(first) = rest.split('/').next()
            {
                out.push(first.to_string());
            }
        }
        out.sort();
        out.dedup();
        Ok(out)
    }

    fn files(&self, dir: &str) -> anyhow::Result<Vec<String>> {
        let mut files = self.base.files(dir)?;
        files.retain(|f| !matches!(self.changes.get(f), Some(None)));
        for (path, change) in self.changes {
            let inside = dir.is_empty() || path.starts_with(&format!("{dir}/"));
            if change.is_some() && inside && !files.contains(path) {
                files.push(path.clone());
            }
        }
        files.sort();
        Ok(files)
    }
}

/// Files held in memory (the embedded defaults when there is no platform repo).
pub struct MemSource {
    files: BTreeMap<String, String>,
}

impl MemSource {
    pub fn new(files: BTreeMap<String, String>) -> Self {
        MemSource { files }
    }
}

impl Source for MemSource {
    fn read(&self, path: &str) -> anyhow::Result<Option<String>> {
        Ok(self.files.get(path).cloned())
    }

    fn files(&self, dir: &str) -> anyhow::Result<Vec<String>> {
        Ok(self
            .files
            .keys()
            .filter(|p| dir.is_empty() || p.as_str() == dir || p.starts_with(&format!("{dir}/")))
            .cloned()
            .collect())
    }
}

#[cfg(test)]
mod reads_tests {
    use super::*;

    #[test]
    fn a_recording_tree_notes_what_was_read_and_a_change_elsewhere_does_not_touch_it() {
        let dir = tempfile::tempdir().expect("dir");
        let repo = git2::Repository::init_bare(dir.path()).expect("init");
        let changes = [
            ("apps/a/app.yaml", "a"),
            ("apps/b/app.yaml", "b"),
            ("idp.yaml", "org: x"),
        ]
        .iter()
        .map(|(p, t)| (p.to_string(), Some(t.to_string())))
        .collect();
        let tree = crate::infra::git::build_tree(&repo, None, &changes).expect("tree");
        let source = GitTree::recording(&repo, Some(repo.find_tree(tree).expect("tree")));
        assert_eq!(
            source.read("idp.yaml").expect("read").as_deref(),
            Some("org: x")
        );
        assert_eq!(
            source.files("apps/a").expect("files"),
            vec!["apps/a/app.yaml"]
        );
        let reads = source.reads();
        assert!(reads.touches("idp.yaml"));
        assert!(reads.touches("apps/a/app.yaml") && reads.touches("apps/a/new.yaml"));
        assert!(!reads.touches("apps/b/app.yaml") && !reads.touches("apps/ab/x"));
        assert!(GitTree::new(&repo, None).reads().files.is_empty());
    }
}
