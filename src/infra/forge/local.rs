//! The local forge: a pull request is a branch plus a record in git, one ref per pull request
//! (`refs/idp/pulls/<n>`, as Gerrit's NoteDb keeps one meta ref per change). Each ref is a
//! chain of commits whose tree holds `pull.json`: opening, updating, approving, merging and
//! closing add a commit (the audit trail: `git log -p refs/idp/pulls/7`). Two pull requests
//! never touch the same ref, so they never contend.
//!
//! Numbers come from the sequence `refs/idp/sequences/pulls` ([`crate::infra::sequence`]),
//! moved in the same atomic push that creates the pull request's ref and pushes its branch.
//! With a remote, every read starts with a fetch of `refs/idp/*`, so `pr list` shows the
//! team's pull requests as the remote holds them.
//!
//! Before per-PR refs, every record lived in one ref, `refs/idp/forge` (`pulls/NNNN.json`).
//! Its records are read as they are until the first write, which moves them to their own refs
//! and leaves `refs/idp/forge` with a `pulls/MOVED.json` that older idp versions refuse to
//! read (ADR-0020).

use std::collections::BTreeMap;

use anyhow::Context as _;
use git2::{Oid, Repository};

use super::{Forge, PrRequest, PrState, PullRequest, Upsert};
use crate::error::IdpError;
use crate::infra::gitcli::{Expect, RefUpdate};
use crate::infra::refs::{self, Remote};
use crate::infra::{clock, git, sequence};

/// Where pull requests live: `refs/idp/pulls/<n>`.
pub const PULLS: &str = "refs/idp/pulls/";
/// The sequence pull request numbers come from.
pub const SEQUENCE: &str = "pulls";
/// The one ref every record lived in before per-PR refs.
pub const LEGACY_REF: &str = "refs/idp/forge";
/// What fetches every ref of the local forge (pull requests, sequences, the legacy ref).
pub const FETCH_SPEC: &str = "+refs/idp/*:refs/idp/*";
/// The record file in a pull request's tree.
const RECORD: &str = "pull.json";
/// The file that marks `refs/idp/forge` as moved; a JSON string, so older versions that parse
/// every `pulls/*.json` as a record stop with this message instead of reading stale records.
const MOVED: &str = "pulls/MOVED.json";
const MOVED_TEXT: &str = "\"pull requests moved to one ref each (refs/idp/pulls/<n>): upgrade idp to read and write them\"\n";

/// The ref of pull request `number`.
pub fn pull_ref(number: u64) -> String {
    format!("{PULLS}{number}")
}

/// A pull request record and the commit its ref points at (`None`: only in the legacy ref).
#[derive(Debug, Clone)]
pub struct Stored {
    pub pr: PullRequest,
    pub tip: Option<Oid>,
}

pub struct LocalForge<'r> {
    repo: &'r Repository,
    remote: Option<Remote>,
}

impl<'r> LocalForge<'r> {
    /// The local forge of `repo`; with `remote`, records are fetched from and pushed to it.
    pub fn new(repo: &'r Repository, remote: Option<Remote>) -> Self {
        LocalForge { repo, remote }
    }

    pub fn remote(&self) -> Option<&Remote> {
        self.remote.as_ref()
    }

    /// Bring the forge refs up to date with the remote (nothing without one).
    pub fn sync(&self) -> anyhow::Result<()> {
        match &self.remote {
            Some(r) => r.fetch(self.repo, &[FETCH_SPEC.to_string()]),
            None => Ok(()),
        }
    }

    /// The open pull requests, by number. A record is read only when its ref's tip is not one
    /// this clone already saw closed or merged (`closed` cache, [`ClosedCache`]): a closed pull
    /// request's ref never moves again, so after the first listing the cost follows the open
    /// ones and the refs' names, not every record ever made.
    pub fn stored_open(&self) -> anyhow::Result<BTreeMap<u64, Stored>> {
        let mut cache = ClosedCache::load(self.repo);
        let mut out = BTreeMap::new();
        for r in self.repo.references_glob(&format!("{PULLS}*"))? {
            let r = r?;
            let Ok(name) = r.name() else { continue };
            let Some(number) = name.strip_prefix(PULLS).and_then(|n| n.parse::<u64>().ok()) else {
                continue;
            };
            let Some(tip) = r.target() else { continue };
            if cache.is_closed(number, tip) {
                continue;
            }
            let pr = self.read_record(tip, name)?;
            if pr.state == PrState::Open {
                out.insert(number, Stored { pr, tip: Some(tip) });
            } else {
                cache.remember(number, tip);
            }
        }
        for pr in self.legacy()? {
            if pr.state == PrState::Open {
                out.entry(pr.number).or_insert(Stored { pr, tip: None });
            }
        }
        cache.save(self.repo);
        Ok(out)
    }

    /// Are there legacy records not moved to their own refs yet?
    fn legacy_pending(&self) -> anyhow::Result<bool> {
        let Some(tip) = git::ref_target(self.repo, LEGACY_REF)? else {
            return Ok(false);
        };
        Ok(self
            .repo
            .find_commit(tip)?
            .tree()?
            .get_path(std::path::Path::new(MOVED))
            .is_err())
    }

    /// The records a change starts from: every one while legacy records wait to be moved
    /// (the move writes them all), else the open ones (plus `number`'s, when given).
    fn working_set(&self, number: Option<u64>) -> anyhow::Result<BTreeMap<u64, Stored>> {
        if self.legacy_pending()? {
            return self.stored();
        }
        let mut all = self.stored_open()?;
        if let Some(n) = number
            && !all.contains_key(&n)
            && let Some(s) = self.stored_one(n)?
        {
            all.insert(n, s);
        }
        Ok(all)
    }

    /// The highest pull request number there is (refs' names, legacy records), without
    /// reading any record.
    fn max_number(&self, all: &BTreeMap<u64, Stored>) -> anyhow::Result<u64> {
        let mut top = all.keys().max().copied().unwrap_or(0);
        for r in self.repo.references_glob(&format!("{PULLS}*"))? {
            let r = r?;
            if let Some(n) = r
                .name()
                .ok()
                .and_then(|name| name.strip_prefix(PULLS))
                .and_then(|n| n.parse::<u64>().ok())
            {
                top = top.max(n);
            }
        }
        Ok(top)
    }

    /// One pull request by number: its ref, else the legacy records.
    pub fn stored_one(&self, number: u64) -> anyhow::Result<Option<Stored>> {
        let name = pull_ref(number);
        if let Some(tip) = git::ref_target(self.repo, &name)? {
            let pr = self.read_record(tip, &name)?;
            return Ok(Some(Stored { pr, tip: Some(tip) }));
        }
        Ok(self
            .legacy()?
            .into_iter()
            .find(|p| p.number == number)
            .map(|pr| Stored { pr, tip: None }))
    }

    /// Every pull request, by number: per-PR refs, then legacy records not moved yet.
    pub fn stored(&self) -> anyhow::Result<BTreeMap<u64, Stored>> {
        let mut out = BTreeMap::new();
        for r in self.repo.references_glob(&format!("{PULLS}*"))? {
            let r = r?;
            let Ok(name) = r.name() else { continue };
            let Some(number) = name.strip_prefix(PULLS).and_then(|n| n.parse::<u64>().ok()) else {
                continue;
            };
            let Some(tip) = r.target() else { continue };
            let pr = self.read_record(tip, name)?;
            out.insert(number, Stored { pr, tip: Some(tip) });
        }
        for pr in self.legacy()? {
            out.entry(pr.number).or_insert(Stored { pr, tip: None });
        }
        Ok(out)
    }

    fn read_record(&self, tip: Oid, name: &str) -> anyhow::Result<PullRequest> {
        let tree = self.repo.find_commit(tip)?.tree()?;
        let entry = tree
            .get_name(RECORD)
            .ok_or_else(|| anyhow::anyhow!("`{name}` has no `{RECORD}`: it is corrupt"))?;
        let blob = self.repo.find_blob(entry.id())?;
        serde_json::from_slice(blob.content())
            .with_context(|| format!("the record in `{name}` is corrupt"))
    }

    /// The records of the legacy ref, unless they were moved.
    fn legacy(&self) -> anyhow::Result<Vec<PullRequest>> {
        let Some(tip) = git::ref_target(self.repo, LEGACY_REF)? else {
            return Ok(Vec::new());
        };
        let tree = self.repo.find_commit(tip)?.tree()?;
        if tree.get_path(std::path::Path::new(MOVED)).is_ok() {
            return Ok(Vec::new());
        }
        let Some(pulls) = tree.get_name("pulls") else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for entry in self.repo.find_tree(pulls.id())?.iter() {
            let name = String::from_utf8_lossy(entry.name_bytes()).into_owned();
            if !name.ends_with(".json") || entry.kind() != Some(git2::ObjectType::Blob) {
                continue;
            }
            let blob = self.repo.find_blob(entry.id())?;
            let pr: PullRequest = serde_json::from_slice(blob.content()).with_context(|| {
                format!("forge record `pulls/{name}` in `{LEGACY_REF}` is corrupt")
            })?;
            out.push(pr);
        }
        Ok(out)
    }

    /// The updates that move legacy records to their own refs (none when there are none or
    /// they were moved), with `all` made what it will be after. The `pulls` sequence is the
    /// caller's to move (once, from what the remote holds).
    fn migration(
        &self,
        all: &mut BTreeMap<u64, Stored>,
        updates: &mut Vec<RefUpdate>,
    ) -> anyhow::Result<()> {
        let Some(legacy_tip) = git::ref_target(self.repo, LEGACY_REF)? else {
            return Ok(());
        };
        let moved = self
            .repo
            .find_commit(legacy_tip)?
            .tree()?
            .get_path(std::path::Path::new(MOVED))
            .is_ok();
        if moved {
            return Ok(());
        }
        let legacy: Vec<u64> = all
            .iter()
            .filter(|(_, s)| s.tip.is_none())
            .map(|(n, _)| *n)
            .collect();
        for n in legacy {
            let Some(stored) = all.get(&n).cloned() else {
                continue;
            };
            let update = self.stage(
                &stored.pr,
                None,
                &format!("Move pull request #{n} from {LEGACY_REF}"),
            )?;
            all.insert(
                n,
                Stored {
                    pr: stored.pr,
                    tip: update.new,
                },
            );
            updates.push(update);
        }
        // The legacy ref keeps its history and says where the records went.
        let mut files = BTreeMap::new();
        files.insert(MOVED.to_string(), Some(MOVED_TEXT.to_string()));
        let tree = git::build_tree(self.repo, None, &files)?;
        let parent = self.repo.find_commit(legacy_tip)?;
        let marker = git::commit(
            self.repo,
            tree,
            &[&parent],
            "Move pull requests to refs/idp/pulls/<n>\n",
        )?;
        updates.push(RefUpdate::set(LEGACY_REF, marker, Expect::At(legacy_tip)));
        Ok(())
    }

    /// The move of the `pulls` sequence to the highest number in `all` (or `at_least`), from
    /// what `seq` holds.
    fn sequence_update(
        &self,
        seq: sequence::Sequence,
        all: &BTreeMap<u64, Stored>,
        at_least: u64,
    ) -> anyhow::Result<Option<RefUpdate>> {
        let top = self.max_number(all)?.max(at_least);
        sequence::advance(self.repo, SEQUENCE, seq, top)
    }

    /// A new version of `pr` on its ref (whose tip is `old`): a commit with `pull.json`.
    pub fn stage(
        &self,
        pr: &PullRequest,
        old: Option<Oid>,
        message: &str,
    ) -> anyhow::Result<RefUpdate> {
        let parent = old.map(|o| self.repo.find_commit(o)).transpose()?;
        let mut text = serde_json::to_string_pretty(pr)?;
        text.push('\n');
        let mut files = BTreeMap::new();
        files.insert(RECORD.to_string(), Some(text));
        let tree = git::build_tree(self.repo, None, &files)?;
        let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
        // One line: a title never becomes more paragraphs or trailers of this commit.
        let message = format!("{}\n", message.replace(['\r', '\n'], " "));
        let commit = git::commit(self.repo, tree, &parents, &message)?;
        Ok(RefUpdate::set(
            pull_ref(pr.number),
            commit,
            Expect::from_option(old),
        ))
    }

    /// What opening `req` (or updating the open pull request with the same head) writes: the
    /// record, the ref updates (with a new number from the sequence when it is new, and the
    /// move of legacy records on first use), and which of the two it is.
    pub fn plan_open_or_update(
        &self,
        req: &PrRequest,
    ) -> anyhow::Result<(PullRequest, Upsert, Vec<RefUpdate>)> {
        let mut all = self.working_set(None)?;
        let seq = sequence::read(self.repo, SEQUENCE)?;
        let mut updates = Vec::new();
        let now = clock::now();
        if let Some(existing) = all
            .values()
            .find(|s| s.pr.head == req.head && s.pr.state == PrState::Open)
            .cloned()
        {
            let mut pr = existing.pr.clone();
            pr.title = req.title.clone();
            pr.body = req.body.clone();
            pr.labels = req.labels.clone();
            pr.reviewers = req.reviewers.clone();
            pr.base = req.base.clone();
            pr.head_sha = req.head_sha.clone();
            let unchanged = pr.head_sha == existing.pr.head_sha
                && pr.title == existing.pr.title
                && pr.body == existing.pr.body
                && pr.labels == existing.pr.labels
                && pr.base == existing.pr.base
                && existing.tip.is_some();
            if unchanged {
                return Ok((pr, Upsert::Unchanged, updates));
            }
            self.migration(&mut all, &mut updates)?;
            updates.extend(self.sequence_update(seq, &all, 0)?);
            let tip = all.get(&pr.number).and_then(|s| s.tip);
            pr.updated_at = now;
            updates.retain(|u| u.name != pull_ref(pr.number));
            updates.push(self.stage(&pr, tip, &format!("Update pull request #{}", pr.number))?);
            return Ok((pr, Upsert::Updated, updates));
        }
        self.migration(&mut all, &mut updates)?;
        let number = seq.value.max(self.max_number(&all)?) + 1;
        updates.extend(self.sequence_update(seq, &all, number)?);
        let pr = PullRequest {
            number,
            title: req.title.clone(),
            body: req.body.clone(),
            head: req.head.clone(),
            base: req.base.clone(),
            state: PrState::Open,
            labels: req.labels.clone(),
            reviewers: req.reviewers.clone(),
            approvals: Vec::new(),
            author: req.author.clone(),
            created_at: now.clone(),
            updated_at: now,
            head_sha: req.head_sha.clone(),
            merged_by: None,
            merged_at: None,
            merge_commit: None,
            closed_by: None,
            closed_at: None,
            url: format!("idp pr show {number}"),
        };
        updates.push(self.stage(
            &pr,
            None,
            &format!("Open pull request #{number}: {}", pr.title),
        )?);
        Ok((pr, Upsert::Opened, updates))
    }

    /// What changing pull request `number` with `edit` writes (with the move of legacy records
    /// on first use).
    pub fn plan_edit(
        &self,
        number: u64,
        message: &str,
        edit: impl FnOnce(&mut PullRequest) -> anyhow::Result<()>,
    ) -> anyhow::Result<(PullRequest, Vec<RefUpdate>)> {
        let mut all = self.working_set(Some(number))?;
        let seq = sequence::read(self.repo, SEQUENCE)?;
        let mut updates = Vec::new();
        if !all.contains_key(&number) {
            return Err(IdpError::usage(format!(
                "there is no pull request #{number}"
            )));
        }
        self.migration(&mut all, &mut updates)?;
        updates.extend(self.sequence_update(seq, &all, 0)?);
        let stored = all
            .get(&number)
            .cloned()
            .ok_or_else(|| IdpError::usage(format!("there is no pull request #{number}")))?;
        let mut pr = stored.pr;
        edit(&mut pr)?;
        pr.updated_at = clock::now();
        updates.retain(|u| u.name != pull_ref(number));
        updates.push(self.stage(&pr, stored.tip, message)?);
        Ok((pr, updates))
    }

    /// Change pull request `number` with `edit` and land it (on the remote first), retrying
    /// on a lost race with the records as they are then.
    fn edit(
        &self,
        number: u64,
        message: &str,
        edit: &dyn Fn(&mut PullRequest) -> anyhow::Result<()>,
    ) -> anyhow::Result<PullRequest> {
        refs::with_retries(
            self.remote.as_ref(),
            &|| format!("pull request #{number}"),
            refs::ATTEMPTS,
            &|_, _| {},
            || {
                self.sync()?;
                let (pr, updates) = self.plan_edit(number, message, edit)?;
                refs::apply(self.repo, self.remote.as_ref(), &updates, message)?;
                Ok(pr)
            },
        )
    }
}

/// A pull request must be open to be changed.
fn must_be_open(pr: &PullRequest) -> anyhow::Result<()> {
    if pr.state != PrState::Open {
        return Err(IdpError::usage(format!(
            "pull request #{} is {}",
            pr.number,
            pr.state.as_str()
        )));
    }
    Ok(())
}

impl Forge for LocalForge<'_> {
    fn name(&self) -> &'static str {
        "local"
    }

    fn list(&self) -> anyhow::Result<Vec<PullRequest>> {
        Ok(self.stored()?.into_values().map(|s| s.pr).collect())
    }

    fn list_open(&self) -> anyhow::Result<Vec<PullRequest>> {
        Ok(self.stored_open()?.into_values().map(|s| s.pr).collect())
    }

    fn get(&self, number: u64) -> anyhow::Result<PullRequest> {
        self.stored_one(number)?
            .map(|s| s.pr)
            .ok_or_else(|| IdpError::usage(format!("there is no pull request #{number}")))
    }

    fn open_or_update(&self, req: &PrRequest) -> anyhow::Result<(PullRequest, Upsert)> {
        let (pr, upsert, updates) = self.plan_open_or_update(req)?;
        refs::apply(
            self.repo,
            self.remote.as_ref(),
            &updates,
            "idp: pull request",
        )?;
        Ok((pr, upsert))
    }

    fn mark_merged(
        &self,
        number: u64,
        by: &str,
        merge_commit: &str,
    ) -> anyhow::Result<PullRequest> {
        self.edit(
            number,
            &format!("Merge pull request #{number} by {by}"),
            &|pr| {
                must_be_open(pr)?;
                pr.state = PrState::Merged;
                pr.merged_by = Some(by.to_string());
                pr.merged_at = Some(clock::now());
                pr.merge_commit = Some(merge_commit.to_string());
                Ok(())
            },
        )
    }

    fn approve(
        &self,
        number: u64,
        label: &str,
        by: &str,
        head: &str,
    ) -> anyhow::Result<PullRequest> {
        let same = |a: &super::Approved| {
            a.label == label && a.by.eq_ignore_ascii_case(by) && a.head == head
        };
        let pr = self.get(number)?;
        must_be_open(&pr)?;
        if pr.approvals.iter().any(same) {
            return Ok(pr);
        }
        self.edit(
            number,
            &format!("Approve pull request #{number}: {label} by {by} at {head}"),
            &|pr| {
                must_be_open(pr)?;
                if !pr.approvals.iter().any(same) {
                    pr.approvals.push(super::Approved {
                        label: label.to_string(),
                        by: by.to_string(),
                        at: clock::now(),
                        head: head.to_string(),
                    });
                }
                Ok(())
            },
        )
    }

    fn close(&self, number: u64, by: &str) -> anyhow::Result<PullRequest> {
        self.edit(
            number,
            &format!("Close pull request #{number} by {by}"),
            &|pr| {
                must_be_open(pr)?;
                pr.state = PrState::Closed;
                pr.closed_by = Some(by.to_string());
                pr.closed_at = Some(clock::now());
                Ok(())
            },
        )
    }
}

/// The tips of pull request refs this clone has seen closed or merged, kept in
/// `.git/idp/closed-pulls` (`<number> <oid>` per line): derived data, never shared or pushed,
/// checked against the ref's tip on every use, so a stale or lost file costs reads, never a
/// wrong answer. A closed pull request's ref does not move again (edits refuse it), so its
/// entry stays valid.
struct ClosedCache {
    known: std::collections::HashMap<u64, Oid>,
    dirty: bool,
}

impl ClosedCache {
    fn path(repo: &Repository) -> std::path::PathBuf {
        repo.path().join("idp").join("closed-pulls")
    }

    fn load(repo: &Repository) -> ClosedCache {
        let known = std::fs::read_to_string(Self::path(repo))
            .unwrap_or_default()
            .lines()
            .filter_map(|l| {
                let (n, oid) = l.split_once(' ')?;
                Some((n.parse().ok()?, Oid::from_str(oid.trim()).ok()?))
            })
            .collect();
        ClosedCache {
            known,
            dirty: false,
        }
    }

    fn is_closed(&self, number: u64, tip: Oid) -> bool {
        self.known.get(&number) == Some(&tip)
    }

    fn remember(&mut self, number: u64, tip: Oid) {
        self.known.insert(number, tip);
        self.dirty = true;
    }

    /// Write the file (through a temporary file and a rename, so a reader never sees half of
    /// it); a failure only means the next listing reads more.
    fn save(&self, repo: &Repository) {
        if !self.dirty {
            return;
        }
        let path = Self::path(repo);
        let Some(dir) = path.parent() else { return };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let mut entries: Vec<(&u64, &Oid)> = self.known.iter().collect();
        entries.sort();
        let text: String = entries.iter().map(|(n, o)| format!("{n} {o}\n")).collect();
        let tmp = dir.join(format!("closed-pulls.{}.tmp", std::process::id()));
        if std::fs::write(&tmp, text).is_ok() && std::fs::rename(&tmp, &path).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
}
