//! `idp teardown` (the GitOps change, here), `idp teardown run` (the stage plan) and `idp
//! teardown report` (the SLO). One file per verb, each with its arguments.

mod report;
mod run;

use crate::changeset::{self, Options};
use crate::ctx::Ctx;
use crate::error::IdpError;
use crate::platform::load_config;
use crate::teardown::gitops;

/// `teardown.lifecycle`: persistent environments keep databases and secrets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lifecycle {
    Ephemeral,
    Persistent,
}

impl Lifecycle {
    pub fn as_str(self) -> &'static str {
        match self {
            Lifecycle::Ephemeral => "ephemeral",
            Lifecycle::Persistent => "persistent",
        }
    }
}

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct TeardownArgs {
    #[command(subcommand)]
    pub command: Option<TeardownCommand>,
    /// The environment whose apps, Argo CD applications and requests are removed
    #[arg(long, required = true, add = crate::commands::complete::envs())]
    pub env: Option<String>,
    /// Only the requests of this build (`dd-mm-yy-NN`, their `spec.buildId`)
    #[arg(long, value_name = "ID")]
    pub build_id: Option<String>,
    /// `persistent` keeps databases and secrets even where the environment file says
    /// ephemeral (a persistent environment cannot be made ephemeral here)
    #[arg(long, value_enum)]
    pub lifecycle: Option<Lifecycle>,
    /// Confirm by naming the environment (required for production)
    #[arg(long, value_name = "ENV")]
    pub confirm: Option<String>,
    #[command(flatten)]
    pub change: crate::cli::ChangeArgs,
}

#[derive(Debug, clap::Subcommand)]
pub enum TeardownCommand {
    /// Run the environment's ordered stage plan (`teardown.stages`): timeouts, retries,
    /// break-glass, recorded in .idp/records/pipeline/ENV/; exit 6 when a stage fails
    Run(run::RunArgs),
    /// Teardown runs against the environment's SLO (p50/p95/p99, break-glass rate); a missed
    /// SLO is written as a Known limitation through a change
    Report(report::ReportArgs),
}

pub fn run(ctx: &Ctx, args: TeardownArgs) -> anyhow::Result<()> {
    match args.command {
        Some(TeardownCommand::Run(a)) => run::run(ctx, a),
        Some(TeardownCommand::Report(a)) => report::run(ctx, a),
        None => remove(ctx, args),
    }
}

/// The GitOps half: one change removing the environment's apps, add-ons and requests.
fn remove(ctx: &Ctx, args: TeardownArgs) -> anyhow::Result<()> {
    let change: Options = (&args.change).into();
    let req = gitops::TeardownRequest {
        env: args
            .env
            .ok_or_else(|| IdpError::usage("`--env` is required"))?,
        build_id: args.build_id,
        lifecycle: args.lifecycle.map(|l| l.as_str().to_string()),
        confirm: args.confirm,
    };
    let mut removal = None;
    let outcome = changeset::run_with(ctx, &change, &mut |base| {
        let config = load_config(base)?;
        let (cs, r) = gitops::changeset(base, &config, &req)?;
        removal = Some(r);
        Ok(cs)
    })?;
    let removal = removal.ok_or_else(|| anyhow::anyhow!("the teardown was not planned"))?;
    for (i, g) in removal.order.iter().enumerate() {
        ctx.printer.status(
            &format!("{}.", i + 1),
            format!("{}: {} file(s)", g.stage, g.files.len()),
        );
    }
    if !removal.kept.is_empty() {
        ctx.printer.status(
            "Keeping",
            format!(
                "{} (`{}` is {})",
                removal.kept.join(", "),
                removal.env,
                removal.lifecycle
            ),
        );
    }
    let mut extra = serde_json::Map::new();
    extra.insert("teardown".into(), serde_json::to_value(&removal)?);
    changeset::report::report_with(ctx, &outcome, change.detailed_exitcode, extra)
}
