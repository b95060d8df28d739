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
pub fn advance(
    repo: &Repository,
    name: &str,
    seq: Sequence,
    to: u64,
) -> anyhow::Result<Option<RefUpdate>> {
    if to <= seq.value {
        return Ok(None);
    }
    let parent = seq.tip.map(|t| repo.find_commit(t)).transpose()?;
    let mut files = BTreeMap::new();
    files.insert("value".to_string(), Some(format!("{to}\n")));
    let tree = super::git::build_tree(repo, None, &files)?;
    let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
    let commit = super::git::commit(repo, tree, &parents, &format!("{name}: {to}\n"))?;
    Ok(Some(RefUpdate::set(
        ref_name(name),
        commit,
        Expect::from_option(seq.tip),
    )))
}
