//! `idp teardown` (the GitOps change), `idp teardown run` (the stage plan) and `idp teardown
//! report` (the SLO).

use std::io::IsTerminal as _;

use serde_json::json;

use crate::changeset::records::Store;
use crate::changeset::{self, Options};
use crate::cli::{TeardownArgs, TeardownCommand, TeardownReportArgs, TeardownRunArgs};
use crate::ctx::Ctx;
use crate::error::IdpError;
use crate::infra::clock;
use crate::infra::clock::format_duration;
use crate::platform::{GitTree, environments, load_config};
use crate::records::pipeline::{self, PipelineRecord, RunResult};
use crate::teardown::plan;
use crate::teardown::{gitops, report, run};

pub fn run(ctx: &Ctx, args: TeardownArgs) -> anyhow::Result<()> {
    match args.command {
        Some(TeardownCommand::Run(a)) => stages(ctx, a),
        Some(TeardownCommand::Report(a)) => slo_report(ctx, a),
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

/// The execution half: the stage plan, recorded.
fn stages(ctx: &Ctx, args: TeardownRunArgs) -> anyhow::Result<()> {
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
    super::records::warn_malformed(ctx, &runs.findings);
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

/// The SLO report, and the Known limitation of a missed SLO.
fn slo_report(ctx: &Ctx, args: TeardownReportArgs) -> anyhow::Result<()> {
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
    super::records::warn_malformed(ctx, &runs.findings);
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
