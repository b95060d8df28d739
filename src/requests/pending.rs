//! Requests in open pull requests of the local forge: numbers another branch has taken (two
//! branches must not pick the same one), and changes `idp drift` must not call drift.

use crate::infra::forge::{Forge, local::LocalForge};
use crate::infra::git;
use crate::infra::source::{GitTree, Source};

/// `(branch, ID)` of the requests (of `kind`, or of every kind) an open pull request adds or
/// changes (its head's file differs from its base's).
pub fn open_ids(
    repo: &git2::Repository,
    kind: Option<&str>,
) -> anyhow::Result<Vec<(String, String)>> {
    let dir = match kind {
        Some(k) => format!("requests/{k}"),
        None => "requests".to_string(),
    };
    let mut ids = Vec::new();
    for pr in LocalForge::new(repo, None).list_open()? {
        if let Some(tip) = git::branch_tip(repo, &pr.head)? {
            let tree = GitTree::new(repo, Some(tip.tree()?));
            let base_tree = match git::branch_tip(repo, &pr.base)? {
                Some(b) => Some(b.tree()?),
                None => None,
            };
            let base = GitTree::new(repo, base_tree);
            for f in tree.files(&dir)? {
                if tree.read(&f)? == base.read(&f)? {
                    continue; // on the base already: not this pull request's
                }
                if let Some(stem) = f.rsplit('/').next()
                    && let Some(id) = stem.strip_suffix(".yaml")
                {
                    ids.push((pr.head.clone(), id.to_string()));
                }
            }
        }
    }
    Ok(ids)
}
