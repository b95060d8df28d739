//! Numbers handed out once across every clone: pull request numbers, ADR numbers, request IDs.
//!
//! As Gerrit's `refs/sequences/*`, each sequence is a ref, `refs/idp/sequences/<name>`: a chain
//! of commits (the audit trail) whose tree holds `value`, the highest number handed out. A
//! change that takes number N moves the ref from the value it read to N in the same atomic
//! push that lands the change (see [`super::refs`]); two clones that read the same value race,
//! one push wins, and the other fetches, takes the next number and pushes again.
//!
//! `git log -p refs/idp/sequences/adr` shows who took which number.

use std::collections::BTreeMap;

use git2::{Oid, Repository};

use super::gitcli::{Expect, RefUpdate};

/// Where the sequences live.
pub const PREFIX: &str = "refs/idp/sequences/";

/// The ref of sequence `name`.
pub fn ref_name(name: &str) -> String {
    format!("{PREFIX}{name}")
}

/// A sequence as this repository holds it (after a fetch: as the remote holds it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sequence {
    /// The highest number handed out (0: none yet).
    pub value: u64,
    /// The commit the ref points at (`None`: the ref does not exist yet).
    pub tip: Option<Oid>,
}

/// Read sequence `name`.
pub fn read(repo: &Repository, name: &str) -> anyhow::Result<Sequence> {
    let Some(tip) = super::git::ref_target(repo, &ref_name(name))? else {
        return Ok(Sequence {
            value: 0,
            tip: None,
        });
    };
    let commit = repo.find_commit(tip)?;
    let value = commit
        .tree()?
        .get_name("value")
        .and_then(|e| repo.find_blob(e.id()).ok())
        .and_then(|b| std::str::from_utf8(b.content()).ok()?.trim().parse().ok())
        .ok_or_else(|| {
            anyhow::anyhow!(
                "`{}` is corrupt: its commit {tip} has no number in `value`",
                ref_name(name)
            )
        })?;
    Ok(Sequence {
        value,
        tip: Some(tip),
    })
}

/// The update that moves sequence `name` from `seq` to `to` (a new commit on its chain), by
/// compare-and-swap on `seq.tip`; `None` when `to` is not above the value.
///
/// The commit carries a token of this process ([`claim_token`]): git skips the lease of a ref
/// that already holds the pushed commit ("up to date"), so two processes that took the same
/// number at the same second, as the same author, would otherwise make the same commit, and
/// both pushes would pass as if each had won (issue: two ADRs numbered ADR-0001).
pub fn advance(
    repo: &Repository,
    name: &str,
    seq: Sequence,
    to: u64,
) -> anyhow::Result<Option<RefUpdate>> {
    advance_as(repo, name, seq, to, claim_token())
}

fn advance_as(
    repo: &Repository,
    name: &str,
    seq: Sequence,
    to: u64,
    token: &str,
) -> anyhow::Result<Option<RefUpdate>> {
    if to <= seq.value {
        return Ok(None);
    }
    let parent = seq.tip.map(|t| repo.find_commit(t)).transpose()?;
    let mut files = BTreeMap::new();
    files.insert("value".to_string(), Some(format!("{to}\n")));
    let tree = super::git::build_tree(repo, None, &files)?;
    let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
    let message = format!("{name}: {to}\n\nIdp-Claim: {token}\n");
    let commit = super::git::commit(repo, tree, &parents, &message)?;
    Ok(Some(RefUpdate::set(
        ref_name(name),
        commit,
        Expect::from_option(seq.tip),
    )))
}

/// What makes this process's sequence commits its own: its id and the nanoseconds of its
/// first claim, read once.
fn claim_token() -> &'static str {
    static TOKEN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TOKEN.get_or_init(|| {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        format!("{}-{nanos:x}", std::process::id())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Regression: two processes in one clone took ADR-0001 in the same second; their sequence
    // commits were byte for byte the same, so git saw the second push of the ref as "up to
    // date", skipped its lease, and both changes landed with the same number.
    #[test]
    fn two_processes_taking_the_same_number_make_different_commits() {
        let dir = tempfile::tempdir().expect("temp dir");
        let repo = Repository::init(dir.path()).expect("repo");
        let mut cfg = repo.config().expect("config");
        cfg.set_str("user.name", "Ada").expect("name");
        cfg.set_str("user.email", "ada@example.com").expect("email");
        let seq = read(&repo, "adr").expect("read");
        let a = advance_as(&repo, "adr", seq, 1, "100-a")
            .expect("a")
            .expect("update");
        let b = advance_as(&repo, "adr", seq, 1, "200-b")
            .expect("b")
            .expect("update");
        assert_ne!(a.new, b.new, "the same commit for two claimers");
        assert!(claim_token().contains(&std::process::id().to_string()));
    }
}
