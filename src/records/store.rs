//! Where records live and how they are written: the branch `records.branch` of idp.yaml (created
//! from the base branch by its first record), else the base branch itself. Records are read from
//! that branch as committed, and written by a direct change through the one pipeline
//! ([`crate::changeset::run_with`]): validated, committed by compare-and-swap, pushed, and made
//! again on the new tip when someone else pushed first.

use crate::changeset::{self, Changeset, Options, Outcome};
use crate::ctx::Ctx;
use crate::platform::{Config, GitTree, Source};

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
        let base = changeset::resolve_base(repo, &Options::default())?;
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
        let base = changeset::resolve_base(repo, &self.options(false, true))?;
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
        changeset::run_with(ctx, &self.options(dry_run, push), &mut |tree| produce(tree))
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
