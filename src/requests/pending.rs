//! Requests in open pull requests of the platform repo's forge: numbers another branch has
//! taken (two branches must not pick the same one), and changes `idp drift` must not call
//! drift. The local forge's pull requests are read from the branches this clone synced; GitHub's
//! from the files GitHub lists for each open pull request.

use crate::infra::forge::{AnyForge, Forge, local::LocalForge};
use crate::infra::git;
use crate::infra::source::{GitTree, Source};

/// `(branch, ID)` of the requests (of `kind`, or of every kind) an open pull request of
/// `forge` adds or changes (its head's file differs from its base's).
pub fn open_ids(
    repo: &git2::Repository,
    forge: &AnyForge<'_>,
    kind: Option<&str>,
) -> anyhow::Result<Vec<(String, String)>> {
    let dir = match kind {
        Some(k) => format!("requests/{k}"),
        None => "requests".to_string(),
    };
    let mut ids = Vec::new();
    if let AnyForge::GitHub(gh) = forge {
        for pr in gh.list_open()? {
            for f in gh.files(pr.number)? {
                if f.status == "removed" {
                    continue;
                }
                if let Some(id) = request_id(&dir, &f.path) {
                    ids.push((pr.head.clone(), id.to_string()));
                }
            }
        }
        return Ok(ids);
    }
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
                if let Some(id) = request_id(&dir, &f) {
                    ids.push((pr.head.clone(), id.to_string()));
                }
            }
        }
    }
    Ok(ids)
}

/// The request ID of `path` when it is a request file under `dir` (`requests/s3/dev/S3-0001.yaml`
/// → `S3-0001`).
fn request_id<'p>(dir: &str, path: &'p str) -> Option<&'p str> {
    path.strip_prefix(dir)?
        .strip_prefix('/')?
        .rsplit('/')
        .next()?
        .strip_suffix(".yaml")
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_request_id_is_the_stem_of_a_yaml_file_under_the_directory() {
        let id = |dir, path| super::request_id(dir, path);
        assert_eq!(
            id("requests", "requests/s3/dev/S3-0001.yaml"),
            Some("S3-0001")
        );
        assert_eq!(
            id("requests/s3", "requests/s3/dev/S3-0001.yaml"),
            Some("S3-0001")
        );
        assert_eq!(id("requests/s3", "requests/s3x/dev/S3-0001.yaml"), None);
        assert_eq!(id("requests", "apps/web/app.yaml"), None);
        assert_eq!(id("requests", "requests/README.md"), None);
    }
}
