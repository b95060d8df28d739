//! `idp metrics push --gateway URL`: the pipeline and drift metrics pushed to a Prometheus
//! Pushgateway, one group per environment.

use clap::Args;

use crate::ctx::Ctx;
use crate::metrics::{self, push};

#[derive(Debug, Args)]
pub struct PushArgs {
    /// The Pushgateway, e.g. `http://pushgateway:9091`
    #[arg(long, env = "IDP_PUSHGATEWAY", value_name = "URL")]
    pub gateway: String,
    /// The `job` grouping label
    #[arg(long, default_value = "idp")]
    pub job: String,
    /// Only this environment
    #[arg(long, add = crate::commands::complete::envs())]
    pub env: Option<String>,
}

pub fn run(ctx: &Ctx, args: PushArgs) -> anyhow::Result<()> {
    let PushArgs { gateway, job, env } = args;
    push::check_gateway(&gateway)?;
    let (runs, drift) = super::runs(ctx, env.as_deref())?;
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
