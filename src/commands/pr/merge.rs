//! `idp pr merge NUMBER`: a pull request merged into its base branch by the pipeline (a
//! changeset with two parents); generated files both sides changed are regenerated.

use clap::{Args, ValueEnum};

use crate::changeset::merge;
use crate::ctx::Ctx;

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Pull request number
    #[arg(add = crate::commands::complete::prs())]
    pub number: u64,
    /// auto: fast-forward when possible, else a merge commit
    #[arg(long, value_enum, default_value_t = MergeStrategy::Auto)]
    pub strategy: MergeStrategy,
    /// Delete the head branch after merging
    #[arg(long)]
    pub delete_branch: bool,
    /// Do not push to the `origin` remote
    #[arg(long)]
    pub no_push: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MergeStrategy {
    Auto,
    Ff,
    Merge,
}

pub fn run(ctx: &Ctx, args: MergeArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let MergeArgs {
        number,
        strategy,
        delete_branch,
        no_push,
    } = args;
    let strategy = match strategy {
        MergeStrategy::Auto => merge::Strategy::Auto,
        MergeStrategy::Ff => merge::Strategy::Ff,
        MergeStrategy::Merge => merge::Strategy::Merge,
    };
    let merged = merge::merge(ctx, number, strategy, delete_branch, !no_push, &regenerate)?;
    p.status(
        "Merged",
        format!(
            "pull request #{} into `{}` ({}, {})",
            merged.pr.number,
            merged.pr.base,
            match merged.method {
                crate::infra::forge::MergeMethod::FastForward => "fast-forward",
                crate::infra::forge::MergeMethod::MergeCommit => "merge commit",
                crate::infra::forge::MergeMethod::Rebase => "rebase",
            },
            merged.commit.get(..7).unwrap_or(&merged.commit)
        ),
    );
    p.outputs(&[
        ("pr_number", number.to_string()),
        ("commit", merged.commit.clone()),
    ])?;
    p.data(&merged, || format!("{}\n", merged.commit))
}

/// A file both sides of a merge changed that idp generates from the others: the document
/// indexes, and each environment's Argo CD wiring.
fn regenerate(source: &dyn crate::platform::Source, path: &str) -> anyhow::Result<Option<String>> {
    match crate::docs::regenerate_index(source, path)? {
        Some(text) => Ok(Some(text)),
        None => crate::platform::gitops::regenerate(source, path),
    }
}
