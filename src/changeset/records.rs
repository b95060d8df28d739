//! The record stage: where records live and how they are written. Records live on the branch
//! `records.branch` of idp.yaml (created from the base branch by its first record), else on the
//! base branch itself. They are read from that branch as committed, and written by a direct
//! change through the one pipeline ([`super::run_with`]): validated, committed by
//! compare-and-swap, pushed, and made again on the new tip when someone else pushed first.
//!
//! A command's own run ([`RunRecord`], given in [`super::Options::record`]) is written by the
//! pipeline, not by the command: into the change itself when records live on its base branch,
//! else onto the records branch once the change has landed.

use crate::change::Changeset;
use crate::ctx::Ctx;
use crate::infra::source::{GitTree, Source};
use crate::platform::Config;
use crate::records::{self, pipeline, pipeline::PipelineRecord};

use super::{Options, Outcome};

/// The records branch, and the base branch it starts from.
#[derive(Debug, Clone)]
pub struct Store {
    pub branch: String,
    pub base: String,
    /// `idp.yaml` of the base branch (RBAC, settings).
    pub config: Config,
}

impl Store {
    /// From the base branch's `idp.yaml`.
    pub fn open(ctx: &Ctx) -> anyhow::Result<Store> {
        let repo = ctx.repo()?;
        let base = super::resolve_base(repo, &Options::default())?;
        let config = base.config.clone().unwrap_or_default();
        Ok(Store {
            branch: config
                .records
                .branch
                .clone()
                .unwrap_or_else(|| base.name.clone()),
            base: base.name,
            config,
        })
    }

    /// Run `read` on the records as committed on the records branch (the base branch while the
    /// records branch does not exist yet).
    pub fn read<T>(
        &self,
        ctx: &Ctx,
        read: impl FnOnce(&dyn Source) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        let repo = ctx.repo()?;
        let base = super::resolve_base(repo, &self.options(false, true))?;
        read(&GitTree::new(repo, base.tree()?))
    }

    /// Commit the change `produce` makes (from the records branch as it is) straight onto the
    /// records branch.
    pub fn commit(
        &self,
        ctx: &Ctx,
        dry_run: bool,
        push: bool,
        produce: &mut dyn FnMut(&dyn Source) -> anyhow::Result<Changeset>,
    ) -> anyhow::Result<Outcome> {
        super::run_with(ctx, &self.options(dry_run, push), &mut |tree| produce(tree))
    }

    fn options(&self, dry_run: bool, push: bool) -> Options {
        Options {
            dry_run,
            direct: true,
            base: Some(self.branch.clone()),
            push,
            start_from: (self.branch != self.base).then(|| self.base.clone()),
            ..Default::default()
        }
    }
}

/// A command's run, recorded by the pipeline's record stage (see the module's documentation).
#[derive(Debug, Clone)]
pub struct RunRecord {
    /// `promote`, `rollback`, …
    pub phase: String,
    pub env: String,
    pub app: String,
    pub actor: String,
    /// When the command started (RFC 3339), and the same as an instant for its duration.
    pub start: String,
    pub started: std::time::Instant,
    /// The RBAC action the record is committed under on a separate records branch.
    pub action: String,
}

impl RunRecord {
    fn record(&self) -> PipelineRecord {
        PipelineRecord::succeeded(
            &self.phase,
            &self.env,
            &self.start,
            self.started.elapsed().as_secs_f64(),
            &self.actor,
            Some(&self.app),
        )
    }
}

/// Where the record of a change made on `base` (whose idp.yaml is `config`) goes.
fn records_branch(base: &str, config: Option<&Config>) -> String {
    config
        .and_then(|c| c.records.branch.clone())
        .unwrap_or_else(|| base.to_string())
}

/// Add `run`'s record to `cs`, a change made from `source` on `base` (whose idp.yaml is
/// `config`), when records live on that branch; is it in?
pub(super) fn add_to(
    run: &RunRecord,
    base: &str,
    config: Option<&Config>,
    source: &dyn Source,
    cs: &mut Changeset,
) -> anyhow::Result<bool> {
    if records_branch(base, config) != base {
        return Ok(false);
    }
    records::write(cs, source, pipeline::PIPELINE, &run.record().to_value()?)?;
    Ok(true)
}

/// Commit `run`'s record onto the records branch, once the change it records landed on
/// `landed_on`: nothing when that is the records branch (the record went with the change).
pub(super) fn commit_elsewhere(
    ctx: &Ctx,
    run: &RunRecord,
    landed_on: &str,
    push: bool,
) -> anyhow::Result<()> {
    let store = Store::open(ctx)?;
    if store.branch == landed_on {
        return Ok(());
    }
    store.commit(ctx, false, push, &mut |tree| {
        pipeline::changeset(tree, &run.record(), &run.action)
    })?;
    Ok(())
}
