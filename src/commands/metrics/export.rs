//! `idp metrics export`: the pipeline and drift metrics as Prometheus text exposition, JSON,
//! or the runs as CSV.

use clap::{Args, ValueEnum};

use crate::ctx::Ctx;
use crate::metrics::{self, exposition};
use crate::printer::Format;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The export format (default: Prometheus text exposition; `-o json` or `-o yaml` give
    /// the metric families as JSON or YAML, like `--format json`); `--format` wins over `-o`
    #[arg(long, value_enum)]
    pub format: Option<MetricsFormat>,
    /// Only this environment
    #[arg(long, add = crate::commands::complete::envs())]
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
    let families = metrics::families(&runs, &drift);
    // One choice of format: `--format`, else `-o json|yaml`, else Prometheus.
    match (format, ctx.printer.format) {
        (Some(MetricsFormat::Prometheus), _) | (None, Format::Text) => {
            ctx.printer.raw(&exposition::render(&families))
        }
        (Some(MetricsFormat::Json), _) => ctx
            .printer
            .raw(&format!("{}\n", serde_json::to_string_pretty(&families)?)),
        (Some(MetricsFormat::Csv), _) => ctx.printer.raw(&metrics::csv(&runs, &drift)),
        (None, Format::Json | Format::Yaml) => ctx.printer.data(&families, String::new),
    }
}
