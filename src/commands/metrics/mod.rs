//! `idp metrics export` and `idp metrics push`: the pipeline and drift records as Prometheus
//! metrics. One file per verb, each with its arguments.

mod export;
mod push;

use clap::Subcommand;

use crate::changeset::records::Store;
use crate::ctx::Ctx;
use crate::metrics::{self, drift::DriftRun};
use crate::records::pipeline::{self, PipelineRecord};

#[derive(Debug, Subcommand)]
pub enum MetricsCommand {
    /// Print the pipeline and drift metrics: Prometheus text exposition, JSON, or the runs as CSV
    Export(export::ExportArgs),
    /// Push the pipeline and drift metrics to a Prometheus Pushgateway (one group per environment)
    Push(push::PushArgs),
}

pub fn run(ctx: &Ctx, cmd: MetricsCommand) -> anyhow::Result<()> {
    match cmd {
        MetricsCommand::Export(args) => export::run(ctx, args),
        MetricsCommand::Push(args) => push::run(ctx, args),
    }
}

/// Every pipeline run (of `env`), each in its latest state, and every recorded drift run (of
/// `env`).
fn runs(ctx: &Ctx, env: Option<&str>) -> anyhow::Result<(Vec<PipelineRecord>, Vec<DriftRun>)> {
    let store = Store::open(ctx)?;
    let (runs, drift) = store.read(ctx, |source| {
        Ok((pipeline::load(source)?, metrics::drift::load(source)?))
    })?;
    super::records::warn_malformed(ctx, &runs.findings);
    super::records::warn_malformed(ctx, &drift.findings);
    let mine = |e: &str| env.is_none_or(|x| x == e);
    Ok((
        runs.runs.into_iter().filter(|r| mine(&r.env)).collect(),
        drift.runs.into_iter().filter(|r| mine(&r.env)).collect(),
    ))
}
