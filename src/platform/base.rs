//! The base branch as committed, read without the pipeline: its name (`--base`, else
//! `forge.baseBranch` of the checked-out `idp.yaml`, else `main`), its tip, its `idp.yaml`, and
//! the forge that config names. The pipeline resolves the base against the remote from these;
//! [`crate::ctx::Ctx::forge`] opens the forge once per run with [`open_forge`].

use crate::error::IdpError;
use crate::infra::forge::{self, AnyForge};
use crate::infra::git;
use crate::infra::source::{GitTree, Source};

use super::{CONFIG_FILE, Config, load_config};

/// The name of the base branch (`base`, else `forge.baseBranch` of the checked-out config,
/// else `main`) and that checked-out config.
pub fn name_and_config(
    repo: &git2::Repository,
    base: Option<&str>,
) -> anyhow::Result<(String, Option<Config>)> {
    let head_config = match repo.head().ok().and_then(|h| h.peel_to_commit().ok()) {
        Some(c) => config_at(repo, &c)?,
        None => None,
    };
    let name = base.map(str::to_string).unwrap_or_else(|| {
        head_config
            .as_ref()
            .map_or_else(|| "main".into(), |c| c.forge.base_branch.clone())
    });
    Ok((name, head_config))
}

/// `idp.yaml` as committed in `commit`, if it has one.
pub fn config_at(
    repo: &git2::Repository,
    commit: &git2::Commit<'_>,
) -> anyhow::Result<Option<Config>> {
    let src = GitTree::new(repo, Some(commit.tree()?));
    if src.read(CONFIG_FILE)?.is_none() {
        return Ok(None);
    }
    Ok(Some(load_config(&src)?))
}

/// The configured forge of the platform repo: GitHub when the base branch's `idp.yaml` says
/// so, else the local forge (with `origin` when there is one). The base is this clone's branch
/// (a command that lists pull requests syncs the local forge itself).
pub fn open_forge(repo: &git2::Repository) -> anyhow::Result<AnyForge<'_>> {
    let (name, head_config) = name_and_config(repo, None)?;
    let commit = git::ref_target(repo, &format!("refs/heads/{name}"))?
        .map(|o| repo.find_commit(o))
        .transpose()?;
    let config = base_config(repo, &name, commit.as_ref(), head_config.is_some())?;
    forge::open(
        repo,
        commit.as_ref(),
        config.as_ref().map(Config::forge_settings).as_ref(),
    )
}

/// `idp.yaml` on base branch `name` at `commit`; a base branch that does not exist is bad
/// input when the checkout has an `idp.yaml` (a platform repo whose base is misnamed).
pub fn base_config(
    repo: &git2::Repository,
    name: &str,
    commit: Option<&git2::Commit<'_>>,
    checkout_has_config: bool,
) -> anyhow::Result<Option<Config>> {
    match commit {
        Some(c) => config_at(repo, c),
        None if checkout_has_config => Err(IdpError::usage(format!(
            "base branch `{name}` does not exist"
        ))),
        None => Ok(None),
    }
}
