//! `idp records list`: pipeline runs, each in its latest state, oldest first.

use crate::changeset::records::Store;
use crate::ctx::Ctx;
use crate::infra::clock::format_duration;
use crate::records::pipeline::{self, PipelineRecord};

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only this environment
    #[arg(long, add = crate::commands::complete::envs())]
    pub env: Option<String>,
    /// Only this phase
    #[arg(long)]
    pub phase: Option<String>,
}

pub fn run(ctx: &Ctx, args: ListArgs) -> anyhow::Result<()> {
    let ListArgs { env, phase } = args;
    let store = Store::open(ctx)?;
    let runs = store.read(ctx, |s| match &env {
        Some(e) => pipeline::load_env(s, e),
        None => pipeline::load(s),
    })?;
    super::warn_malformed(ctx, &runs.findings);
    let shown: Vec<&PipelineRecord> = runs
        .runs
        .iter()
        .filter(|r| env.as_deref().is_none_or(|e| r.env == e))
        .filter(|r| phase.as_deref().is_none_or(|p| r.phase == p))
        .collect();
    ctx.printer.data(&shown, || {
        let rows = shown
            .iter()
            .map(|r| {
                vec![
                    r.id.clone(),
                    r.phase.clone(),
                    r.env.clone(),
                    r.build_id.clone().unwrap_or_else(|| "-".into()),
                    r.start.clone(),
                    r.duration_seconds
                        .map(format_duration)
                        .unwrap_or_else(|| "-".into()),
                    r.result.as_str().to_string(),
                    r.failed_stage.clone().unwrap_or_else(|| "-".into()),
                    if r.break_glass { "yes" } else { "-" }.into(),
                ]
            })
            .collect();
        ctx.printer.table(
            &[
                "ID",
                "PHASE",
                "ENV",
                "BUILD",
                "START",
                "DURATION",
                "RESULT",
                "STOPPED AT",
                "BREAK-GLASS",
            ],
            rows,
        )
    })
}
