//! `idp teardown report`: teardown runs against the environment's SLO; a missed SLO is
//! written as a Known limitation through a change.

use serde_json::json;

use crate::changeset::records::Store;
use crate::changeset::{self, Options};
use crate::ctx::Ctx;
use crate::error::IdpError;
use crate::infra::clock;
use crate::platform::{GitTree, environments};
use crate::records::pipeline::{self};
use crate::teardown::{gitops, report};

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Only this environment (default: every environment with teardown runs)
    #[arg(long, add = crate::commands::complete::envs())]
    pub env: Option<String>,
    /// Only the last N runs of each environment
    #[arg(long, value_name = "N")]
    pub last: Option<usize>,
    /// Exit 3 when an SLO is missed
    #[arg(long)]
    pub fail: bool,
    #[command(flatten)]
    pub change: crate::cli::ChangeArgs,
}

/// The SLO report, and the Known limitation of a missed SLO.
pub fn run(ctx: &Ctx, args: ReportArgs) -> anyhow::Result<()> {
    let change: Options = (&args.change).into();
    let store = Store::open(ctx)?;
    let repo = ctx.repo()?;
    let base = changeset::resolve_base(repo, &Options::default())?;
    let tree = GitTree::new(repo, base.tree()?);
    let (envs, _) = environments::load(&tree)?;
    if let Some(e) = &args.env {
        gitops::find_env(&tree, e)?;
    }
    if args.last == Some(0) {
        return Err(IdpError::usage("`--last` must be at least 1"));
    }
    let runs = store.read(ctx, |s| match &args.env {
        Some(e) => pipeline::load_env(s, e),
        None => pipeline::load(s),
    })?;
    crate::commands::records::warn_malformed(ctx, &runs.findings);
    let mut names: Vec<String> = match &args.env {
        Some(e) => vec![e.clone()],
        None => runs
            .runs
            .iter()
            .filter(|r| r.phase == "teardown")
            .map(|r| r.env.clone())
            .collect(),
    };
    names.sort();
    names.dedup();
    let reports: Vec<report::EnvReport> = names
        .iter()
        .map(|n| report::report(n, envs.iter().find(|e| &e.name == n), &runs.runs, args.last))
        .collect();
    ctx.printer.summary(&report::markdown(&reports))?;
    let actor = ctx.actor();
    let time = clock::now();
    let mut limitations = Vec::new();
    for r in reports.iter().filter(|r| !r.met) {
        ctx.printer.warn(format!(
            "`{}` misses its teardown SLO: {}",
            r.env,
            r.missed.join("; ")
        ));
        if report::known_limitation(&tree, r, &actor, &time)?.is_none() {
            ctx.printer.status(
                "Recorded",
                format!("the Known limitation of `{}` is already recorded", r.env),
            );
            continue;
        }
        let outcome = changeset::run_with(ctx, &change, &mut |base| {
            report::known_limitation(base, r, &actor, &time)?.ok_or_else(|| {
                anyhow::anyhow!("the Known limitation of `{}` was recorded meanwhile", r.env)
            })
        })?;
        let target = match (&outcome.pr, &outcome.branch) {
            (Some(pr), _) => format!("pull request #{} ({})", pr.number, pr.url),
            (None, Some(b)) => format!("branch `{b}`"),
            (None, None) => format!("`{}`", outcome.base),
        };
        ctx.printer.status(
            if change.dry_run {
                "Would write"
            } else {
                "Wrote"
            },
            format!(
                "a Known limitation of `{}` in `{}`: {target}",
                r.env,
                report::KNOWN_LIMITATIONS.group_dir(&[&r.env])
            ),
        );
        limitations.push(outcome);
    }
    let missed = reports.iter().filter(|r| !r.met).count();
    let value = json!({ "reports": reports, "known_limitations": limitations });
    ctx.printer.data(&value, || {
        ctx.printer.table(&report::HEADER, report::rows(&reports))
    })?;
    if args.fail && missed > 0 {
        return Err(IdpError::AlreadyPrinted(crate::error::exit::INVALID).into());
    }
    Ok(())
}
