//! `idp metrics export`: the pipeline and drift metrics as Prometheus text exposition, JSON,
//! or the runs as CSV.

use clap::{Args, ValueEnum};

use crate::ctx::Ctx;
use crate::metrics::{self, exposition};

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value_t = MetricsFormat::Prometheus)]
    pub format: MetricsFormat,
    /// Only this environment
    #[arg(long)]
    pub env: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MetricsFormat {
    Prometheus,
    Json,
    Csv,
}

pub fn run(ctx: &Ctx, args: ExportArgs) -> anyhow::Result<()> {
    let ExportArgs { format, env } = args;
    let (runs, drift) = super::runs(ctx, env.as_deref())?;
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
