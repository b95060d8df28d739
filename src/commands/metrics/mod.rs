//! `idp metrics export` and `idp metrics push`: the pipeline and drift records as Prometheus
//! metrics.

use crate::changeset::records::Store;
use crate::cli::{MetricsCommand, MetricsFormat};
use crate::ctx::Ctx;
use crate::metrics::{self, drift::DriftRun, exposition, push};
use crate::records::pipeline::{self, PipelineRecord};

pub fn run(ctx: &Ctx, cmd: MetricsCommand) -> anyhow::Result<()> {
    match cmd {
        MetricsCommand::Export { format, env } => {
            let (runs, drift) = runs(ctx, env.as_deref())?;
            match format {
                MetricsFormat::Prometheus => ctx
                    .printer
                    .raw(&exposition::render(&metrics::families(&runs, &drift))),
                MetricsFormat::Json => ctx.printer.raw(&format!(
                    "{}\n",
                    serde_json::to_string_pretty(&metrics::families(&runs, &drift))?
                )),
                MetricsFormat::Csv => ctx.printer.raw(&metrics::csv(&runs, &drift)),
            }
        }
        MetricsCommand::Push { gateway, job, env } => {
            push::check_gateway(&gateway)?;
            let (runs, drift) = runs(ctx, env.as_deref())?;
            let pushed = push::push(&gateway, &job, &metrics::families(&runs, &drift))?;
            for p in &pushed {
                ctx.printer.status(
                    "Pushed",
                    format!("{} sample(s) of `{}` to {}", p.samples, p.env, p.url),
                );
            }
            if pushed.is_empty() {
                ctx.printer
                    .warn("no pipeline or drift runs recorded: nothing was pushed");
            }
            ctx.printer.data(&pushed, String::new)
        }
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
