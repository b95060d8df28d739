//! `idp metrics export` and `idp metrics push`: the pipeline records as Prometheus metrics.

use crate::changeset::records::Store;
use crate::cli::{MetricsCommand, MetricsFormat};
use crate::ctx::Ctx;
use crate::metrics::{self, exposition, push};
use crate::records::pipeline::{self, PipelineRecord};

pub fn run(ctx: &Ctx, cmd: MetricsCommand) -> anyhow::Result<()> {
    match cmd {
        MetricsCommand::Export { format, env } => {
            let runs = runs(ctx, env.as_deref())?;
            match format {
                MetricsFormat::Prometheus => ctx
                    .printer
                    .raw(&exposition::render(&metrics::families(&runs))),
                MetricsFormat::Json => ctx.printer.raw(&format!(
                    "{}\n",
                    serde_json::to_string_pretty(&metrics::families(&runs))?
                )),
                MetricsFormat::Csv => ctx.printer.raw(&metrics::csv(&runs)),
            }
        }
        MetricsCommand::Push { gateway, job, env } => {
            push::check_gateway(&gateway)?;
            let runs = runs(ctx, env.as_deref())?;
            let pushed = push::push(&gateway, &job, &metrics::families(&runs))?;
            for p in &pushed {
                ctx.printer.status(
                    "Pushed",
                    format!("{} sample(s) of `{}` to {}", p.samples, p.env, p.url),
                );
            }
            if pushed.is_empty() {
                ctx.printer
                    .warn("no pipeline runs recorded: nothing was pushed");
            }
            ctx.printer.data(&pushed, String::new)
        }
    }
}

/// Every pipeline run (of `env`), each in its latest state.
fn runs(ctx: &Ctx, env: Option<&str>) -> anyhow::Result<Vec<PipelineRecord>> {
    let store = Store::open(ctx)?;
    let runs = store.read(ctx, pipeline::load)?;
    super::records::warn_malformed(ctx, &runs.findings);
    Ok(runs
        .runs
        .into_iter()
        .filter(|r| env.is_none_or(|e| r.env == e))
        .collect())
}
