//! The plan stage: what a change does to each file, as a unified diff.

use std::collections::BTreeMap;

use serde::Serialize;
use similar::TextDiff;

use crate::infra::source::Source;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FileStatus {
    Added,
    Modified,
    Deleted,
}

impl FileStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FileStatus::Added => "added",
            FileStatus::Modified => "modified",
            FileStatus::Deleted => "deleted",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct FilePlan {
    pub path: String,
    pub status: FileStatus,
    pub additions: usize,
    pub deletions: usize,
    pub diff: String,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Plan {
    pub files: Vec<FilePlan>,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn diff(&self) -> String {
        self.files.iter().map(|f| f.diff.as_str()).collect()
    }

    /// `2 files changed, 30 insertions(+), 1 deletion(-)`
    pub fn stat(&self) -> String {
        let add: usize = self.files.iter().map(|f| f.additions).sum();
        let del: usize = self.files.iter().map(|f| f.deletions).sum();
        let n = self.files.len();
        format!(
            "{n} file{} changed, {add} insertion{}(+), {del} deletion{}(-)",
            if n == 1 { "" } else { "s" },
            if add == 1 { "" } else { "s" },
            if del == 1 { "" } else { "s" }
        )
    }
}

/// Compare each changed file with the base; unchanged files drop out of the plan.
pub fn plan(base: &dyn Source, changes: &BTreeMap<String, Option<String>>) -> anyhow::Result<Plan> {
    let mut files = Vec::new();
    for (path, new) in changes {
        let old = base.read(path)?;
        let status = match (&old, new) {
            (None, Some(_)) => FileStatus::Added,
            (Some(o), Some(n)) if o != n => FileStatus::Modified,
            (Some(_), None) => FileStatus::Deleted,
            _ => continue,
        };
        files.push(file_diff(
            path,
            status,
            old.as_deref().unwrap_or(""),
            new.as_deref().unwrap_or(""),
        ));
    }
    Ok(Plan { files })
}

/// A unified diff of one file, git-style headers included.
pub fn file_diff(path: &str, status: FileStatus, old: &str, new: &str) -> FilePlan {
    let diff = TextDiff::from_lines(old, new);
    let (mut additions, mut deletions) = (0, 0);
    for change in diff.iter_all_changes() {
        match change.tag() {
            similar::ChangeTag::Insert => additions += 1,
            similar::ChangeTag::Delete => deletions += 1,
            similar::ChangeTag::Equal => {}
        }
    }
    let (a, b) = match status {
        FileStatus::Added => ("/dev/null".to_string(), format!("b/{path}")),
        FileStatus::Deleted => (format!("a/{path}"), "/dev/null".to_string()),
        FileStatus::Modified => (format!("a/{path}"), format!("b/{path}")),
    };
    let mut text = format!("diff --git a/{path} b/{path}\n");
    text.push_str(
        &diff
            .unified_diff()
            .context_radius(3)
            .header(&a, &b)
            .missing_newline_hint(true)
            .to_string(),
    );
    FilePlan {
        path: path.to_string(),
        status,
        additions,
        deletions,
        diff: text,
    }
}

/// The changes between two trees, as a plan (for `idp pr diff` and merge validation).
pub fn tree_changes(
    repo: &git2::Repository,
    old: Option<&git2::Tree<'_>>,
    new: &git2::Tree<'_>,
) -> anyhow::Result<Plan> {
    // libgit2 walks every subtree of both sides; the paths that differ are found first by
    // comparing tree ids (identical subtrees skipped), so a diff costs what the change costs,
    // not the repository (issue 23: `pr show` read every tree of a 5,000-app repo).
    let paths = crate::infra::git::changed_paths(repo, old, new)?;
    if paths.is_empty() {
        return Ok(Plan::default());
    }
    let mut opts = git2::DiffOptions::new();
    opts.disable_pathspec_match(true);
    for p in &paths {
        opts.pathspec(p);
    }
    let diff = repo.diff_tree_to_tree(old, Some(new), Some(&mut opts))?;
    let blob_text = |oid: git2::Oid| -> anyhow::Result<String> {
        if oid.is_zero() {
            return Ok(String::new());
        }
        Ok(String::from_utf8_lossy(repo.find_blob(oid)?.content()).into_owned())
    };
    let mut files = Vec::new();
    for delta in diff.deltas() {
        let (status, path) = match delta.status() {
            git2::Delta::Added => (FileStatus::Added, delta.new_file().path()),
            git2::Delta::Deleted => (FileStatus::Deleted, delta.old_file().path()),
            _ => (FileStatus::Modified, delta.new_file().path()),
        };
        let path = path
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        let old_text = blob_text(delta.old_file().id())?;
        let new_text = blob_text(delta.new_file().id())?;
        files.push(file_diff(&path, status, &old_text, &new_text));
    }
    Ok(Plan { files })
}
