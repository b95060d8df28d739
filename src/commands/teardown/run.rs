//! `idp teardown run --env ENV`: the environment's ordered stage plan, recorded.

use std::io::IsTerminal as _;

use serde_json::json;

use crate::changeset::records::Store;
use crate::changeset::{self, Options};
use crate::ctx::Ctx;
use crate::error::IdpError;
use crate::infra::clock;
use crate::infra::clock::format_duration;
use crate::platform::GitTree;
use crate::records::pipeline::{self, PipelineRecord, RunResult};
use crate::teardown::plan;
use crate::teardown::{gitops, run};

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// The environment
    #[arg(long, add = crate::commands::complete::envs())]
    pub env: String,
    /// The build being torn down (`dd-mm-yy-NN`), recorded with the run
    #[arg(long, value_name = "ID")]
    pub build_id: Option<String>,
    /// Resume a failed or interrupted run from the stage that did not finish
    #[arg(long, value_name = "RUN_ID")]
    pub resume: Option<String>,
    /// Confirm by naming the environment (asked on a terminal when missing)
    #[arg(long, value_name = "ENV")]
    pub confirm: Option<String>,
    /// Print the stages that would run, run nothing and record nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Do not push the run's record to the `origin` remote
    #[arg(long)]
    pub no_push: bool,
}

/// The execution half: the stage plan, recorded.
pub fn run(ctx: &Ctx, args: RunArgs) -> anyhow::Result<()> {
    let store = Store::open(ctx)?;
    let repo = ctx.repo()?;
    let base = changeset::resolve_base(repo, &Options::default())?;
    let tree = GitTree::new(repo, base.tree()?);
    let env = gitops::find_env(&tree, &args.env)?;
    let stage_plan = plan::load(&env)?;
    let lifecycle = gitops::lifecycle_of(&env);
    let actor = ctx.actor();
    if let Some(config) = &base.config {
        config.authorize(ctx.identity()?, "teardown:run", Some(&env.name))?;
    }
    // This environment's runs only: a run to resume, the build ids it used.
    let runs = store.read(ctx, |s| pipeline::load_env(s, &env.name))?;
    crate::commands::records::warn_malformed(ctx, &runs.findings);
    let previous = match &args.resume {
        Some(id) if runs.get(id).is_none() => {
            // Not a run of this environment: say what it is, from all the runs.
            let all = store.read(ctx, pipeline::load)?;
            return Err(run::resumable(&all, id, &env.name)
                .err()
                .unwrap_or_else(|| anyhow::anyhow!("there is no run `{id}` of `{}`", env.name)));
        }
        Some(id) => Some(run::resumable(&runs, id, &env.name)?),
        None => None,
    };
    let build_id = match (previous, &args.build_id) {
        (Some(p), None) => p.build_id.clone(),
        (Some(p), Some(b)) if p.build_id.as_deref() != Some(b.as_str()) => {
            return Err(IdpError::usage(format!(
                "run `{}` tears down build `{}`, not `{b}`",
                p.id,
                p.build_id.as_deref().unwrap_or("(none)")
            )));
        }
        (Some(_), Some(b)) => Some(b.clone()),
        (None, Some(b)) => {
            pipeline::validate_build_id(&runs, &env.name, "teardown", b)?;
            Some(b.clone())
        }
        (None, None) => None,
    };
    let id = previous.map_or_else(
        || {
            PipelineRecord::new_id(
                "teardown",
                &env.name,
                &clock::now(),
                build_id.as_deref(),
                &actor,
                None,
            )
        },
        |p| p.id.clone(),
    );
    let todo = run::remaining(&stage_plan, previous);

    if args.dry_run {
        let rows: Vec<Vec<String>> = todo
            .iter()
            .map(|s| {
                vec![
                    s.name.clone(),
                    format_duration(s.timeout.as_secs_f64()),
                    s.retries.to_string(),
                    if s.break_glass.is_some() { "yes" } else { "no" }.into(),
                    if s.ephemeral_only && lifecycle != "ephemeral" {
                        format!("skipped ({lifecycle})")
                    } else {
                        "runs".into()
                    },
                    s.after.join(", "),
                ]
            })
            .collect();
        ctx.printer.status(
            "Plan",
            format!(
                "{} of {} stage(s) of `{}` ({lifecycle}, from {}){}; dry run: nothing runs",
                todo.len(),
                stage_plan.stages.len(),
                env.name,
                stage_plan.file,
                previous
                    .map(|p| format!(", resuming `{}`", p.id))
                    .unwrap_or_default()
            ),
        );
        let value = json!({
            "env": env.name,
            "lifecycle": lifecycle,
            "plan": stage_plan.file,
            "resume": previous.map(|p| p.id.clone()),
            "stages": todo,
        });
        return ctx.printer.data(&value, || {
            ctx.printer.table(
                &["STAGE", "TIMEOUT", "RETRIES", "BREAK-GLASS", "RUN", "AFTER"],
                rows,
            )
        });
    }

    confirm(ctx, &env.name, args.confirm.as_deref())?;
    ctx.printer.status(
        "Run",
        format!(
            "{id}: tearing down `{}` ({lifecycle}{}), {} stage(s){}",
            env.name,
            build_id
                .as_deref()
                .map(|b| format!(", build {b}"))
                .unwrap_or_default(),
            todo.len(),
            previous
                .map(|p| format!(
                    ", resumed from `{}`",
                    p.failed_stage.as_deref().unwrap_or("?")
                ))
                .unwrap_or_default()
        ),
    );
    let vars = run::stage_vars(
        &env,
        &store.config.naming.prefix,
        &lifecycle,
        build_id.as_deref(),
        &id,
    );
    let heartbeat = std::env::var("IDP_HEARTBEAT_SECONDS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or(30);
    let opts = run::RunOptions {
        id: id.clone(),
        env: env.name.clone(),
        build_id,
        lifecycle,
        actor,
        dir: ctx.root()?.to_path_buf(),
        vars,
        heartbeat: std::time::Duration::from_secs(heartbeat.max(1)),
        progress: !ctx.printer.quiet && std::io::stderr().is_terminal(),
        show_output: ctx.printer.verbose > 0,
    };
    let record = run::execute(&ctx.printer, &stage_plan, previous, &opts)?;
    let committed = commit_run(ctx, &store, &record, !args.no_push);
    if let Err(e) = &committed {
        // The run happened: never lose its record. Print it so it can be added by hand.
        ctx.printer.error(format!(
            "the record of run `{}` could not be committed ({e:#}); it was:\n{}",
            record.id,
            serde_json::to_string(&record).unwrap_or_default()
        ));
    }
    let outcome = committed?;
    let short = outcome.commit.as_deref().map(|c| &c[..7]).unwrap_or("-");
    ctx.printer.status(
        "Recorded",
        format!(
            "{} in `{}` ({short} on `{}`)",
            record.id,
            record.path()?,
            store.branch
        ),
    );
    print_run(ctx, &record)?;
    if record.result != RunResult::Success {
        return Err(IdpError::RunFailed {
            id: record.id.clone(),
            env: record.env.clone(),
            stage: record.failed_stage.clone().unwrap_or_default(),
            result: record.result.as_str().to_string(),
        }
        .into());
    }
    Ok(())
}

/// `--confirm ENV`, or the name typed on a terminal.
fn confirm(ctx: &Ctx, env: &str, given: Option<&str>) -> anyhow::Result<()> {
    let answer = match given {
        Some(c) => Some(c.to_string()),
        None => ctx.prompt(&format!(
            "This deletes the cloud resources of `{env}`. Type the environment name to go on"
        ))?,
    };
    match answer {
        Some(a) if a == env => Ok(()),
        Some(a) => Err(IdpError::usage(format!(
            "the confirmation `{a}` does not name the environment `{env}`; nothing ran"
        ))),
        None => Err(IdpError::usage(format!(
            "a teardown run needs a confirmation: pass `--confirm {env}`; nothing ran"
        ))),
    }
}

/// Write the run's record through the pipeline, onto the records branch. Its id is unique
/// without asking anyone, so a change made again on a newer base writes the same file.
fn commit_run(
    ctx: &Ctx,
    store: &Store,
    record: &PipelineRecord,
    push: bool,
) -> anyhow::Result<changeset::Outcome> {
    store.commit(ctx, false, push, &mut |source| {
        pipeline::changeset(source, record, "teardown:run")
    })
}

fn print_run(ctx: &Ctx, record: &PipelineRecord) -> anyhow::Result<()> {
    ctx.printer.data(record, || {
        let rows = record
            .stages
            .iter()
            .map(|s| {
                vec![
                    s.name.clone(),
                    s.result.as_str().to_string(),
                    s.attempts.to_string(),
                    if s.break_glass { "used" } else { "-" }.into(),
                    format_duration(s.duration_seconds),
                ]
            })
            .collect();
        let mut t = ctx.printer.table(
            &["STAGE", "RESULT", "ATTEMPTS", "BREAK-GLASS", "DURATION"],
            rows,
        );
        t.push_str(&format!(
            "{} {} {} in {}{}\n",
            record.id,
            record.env,
            record.result.as_str(),
            format_duration(record.duration_seconds.unwrap_or(0.0)),
            if record.break_glass {
                " (break-glass used)"
            } else {
                ""
            }
        ));
        t
    })
}
