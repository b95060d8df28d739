//! `idp teardown run`: the stage plan executed in order. Each stage gets its attempts (1 +
//! `retries`, with `retryDelay` between them), then its break-glass command if it has one and
//! every attempt failed. The first stage that still fails stops the run. Progress is a spinner
//! with the stage, attempt and elapsed time on a terminal, and a heartbeat status line every
//! few seconds elsewhere (CI logs). The result is a [`PipelineRecord`] with every stage's start,
//! end, result, attempts and break-glass use; a resumed run keeps the stages that were done.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

use super::exec::{self, Exit};
use super::plan::{Stage, StagePlan};
use crate::infra::clock;
use crate::infra::clock::format_duration;
use crate::printer::Printer;
use crate::records::pipeline::{
    PIPELINE, PipelineRecord, RunResult, Runs, StageRecord, StageResult,
};

/// How to run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub id: String,
    pub env: String,
    pub build_id: Option<String>,
    pub lifecycle: String,
    pub actor: String,
    /// Where the stages run (the platform repo's root).
    pub dir: PathBuf,
    /// `IDP_*` variables for the stage commands.
    pub vars: Vec<(String, String)>,
    /// A status line this often while a stage runs without a terminal.
    pub heartbeat: Duration,
    /// A live spinner (stderr is a terminal, not quiet).
    pub progress: bool,
    /// Stage output on stderr as it comes (`-v`).
    pub show_output: bool,
}

/// The run `id` can be resumed: it exists, is a teardown of `env`, and did not succeed.
pub fn resumable<'r>(runs: &'r Runs, id: &str, env: &str) -> anyhow::Result<&'r PipelineRecord> {
    let Some(p) = runs.get(id) else {
        return Err(crate::error::IdpError::usage(format!(
            "there is no run `{id}` in `{}` (see `idp records list --phase teardown`)",
            PIPELINE.dir()
        )));
    };
    if p.phase != "teardown" || p.env != env {
        return Err(crate::error::IdpError::usage(format!(
            "run `{id}` is a {} run of `{}`, not a teardown of `{env}`",
            p.phase, p.env
        )));
    }
    if p.result == RunResult::Success {
        return Err(crate::error::IdpError::usage(format!(
            "run `{id}` finished ({}); a finished run cannot be resumed",
            p.end.as_deref().unwrap_or("?")
        )));
    }
    Ok(p)
}

/// The variables every stage command gets.
pub fn stage_vars(
    env: &crate::platform::environments::EnvFile,
    prefix: &str,
    lifecycle: &str,
    build_id: Option<&str>,
    id: &str,
) -> Vec<(String, String)> {
    let text = |p: &str| {
        env.get(p)
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let mut vars: Vec<(String, String)> = [
        ("IDP_ENV", env.name.clone()),
        ("IDP_CLUSTER", text("/cluster")),
        ("IDP_REGION", text("/region")),
        ("IDP_ACCOUNT", text("/account")),
        ("IDP_PREFIX", prefix.to_string()),
        ("IDP_LIFECYCLE", lifecycle.to_string()),
        ("IDP_BUILD_ID", build_id.unwrap_or_default().to_string()),
        ("IDP_RUN_ID", id.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    if std::env::var_os("AWS_REGION").is_none() && !text("/region").is_empty() {
        vars.push(("AWS_REGION".into(), text("/region")));
    }
    vars
}

/// The stages still to run: all, or after a failed run those it did not finish.
pub fn remaining<'p>(plan: &'p StagePlan, previous: Option<&PipelineRecord>) -> Vec<&'p Stage> {
    plan.stages
        .iter()
        .filter(|s| {
            previous.is_none_or(|p| !p.stages.iter().any(|r| r.name == s.name && r.result.done()))
        })
        .collect()
}

/// Run the plan (from where `previous` stopped, when resuming) and return the run's record.
pub fn execute(
    printer: &Printer,
    plan: &StagePlan,
    previous: Option<&PipelineRecord>,
    opts: &RunOptions,
) -> anyhow::Result<PipelineRecord> {
    exec::catch_interrupts();
    let started = Instant::now();
    let start = clock::now();
    let todo = remaining(plan, previous);
    let mut stages: Vec<StageRecord> = previous
        .map(|p| {
            p.stages
                .iter()
                .filter(|s| s.result.done())
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let done_before = stages.len();
    let total = plan.stages.len();
    let mut result = RunResult::Success;
    let mut failed_stage = None;
    let mut exit_code = Some(0);
    for stage in todo {
        let n = plan
            .stages
            .iter()
            .position(|s| s.name == stage.name)
            .unwrap_or_default()
            + 1;
        if stage.ephemeral_only && opts.lifecycle != "ephemeral" {
            let now = clock::now();
            printer.status(
                "Skipped",
                format!(
                    "[{n}/{total}] {}: `{}` environments keep it",
                    stage.name, opts.lifecycle
                ),
            );
            stages.push(StageRecord {
                name: stage.name.clone(),
                start: now.clone(),
                end: now,
                duration_seconds: 0.0,
                result: StageResult::Skipped,
                attempts: 0,
                exit_code: None,
                break_glass: false,
            });
            continue;
        }
        printer.status(
            "Stage",
            format!(
                "[{n}/{total}] {}{}",
                stage.name,
                stage
                    .description
                    .as_deref()
                    .map(|d| format!(": {d}"))
                    .unwrap_or_default()
            ),
        );
        let record = run_stage(printer, stage, n, total, started, opts)?;
        let ok = record.result == StageResult::Ok;
        let line = format!(
            "[{n}/{total}] {} {} in {} ({} attempt{}{})",
            stage.name,
            record.result.as_str(),
            format_duration(record.duration_seconds),
            record.attempts,
            if record.attempts == 1 { "" } else { "s" },
            if record.break_glass {
                ", break-glass used"
            } else {
                ""
            }
        );
        if ok {
            printer.status("Done", line);
        } else {
            printer.error(line);
        }
        let end_result = record.result;
        exit_code = record.exit_code;
        stages.push(record);
        if !ok {
            result = if end_result == StageResult::Interrupted {
                RunResult::Interrupted
            } else {
                RunResult::Failed
            };
            failed_stage = Some(stage.name.clone());
            break;
        }
    }
    let elapsed = round(started.elapsed().as_secs_f64());
    // Retries of the stages run now, on top of the earlier invocations' (a resume).
    let retries = previous.map_or(0, |p| p.retries)
        + stages
            .iter()
            .skip(done_before)
            .map(|s| s.attempts.saturating_sub(1))
            .sum::<u32>();
    let break_glass =
        stages.iter().any(|s| s.break_glass) || previous.is_some_and(|p| p.break_glass);
    Ok(PipelineRecord {
        id: opts.id.clone(),
        phase: "teardown".into(),
        env: opts.env.clone(),
        build_id: opts.build_id.clone(),
        start: previous.map_or(start, |p| p.start.clone()),
        end: Some(clock::now()),
        duration_seconds: Some(round(
            previous.and_then(|p| p.duration_seconds).unwrap_or(0.0) + elapsed,
        )),
        result,
        exit_code: if result == RunResult::Success {
            Some(0)
        } else {
            exit_code
        },
        retries,
        break_glass,
        resources: None,
        workflow_run_url: crate::records::pipeline::workflow_run_url()
            .or_else(|| previous.and_then(|p| p.workflow_run_url.clone())),
        actor: opts.actor.clone(),
        service: None,
        team: None,
        lifecycle: Some(opts.lifecycle.clone()),
        failed_stage,
        stages,
        resumes: previous.map_or(0, |p| p.resumes + 1),
        notes: previous.map(|p| p.notes.clone()).unwrap_or_default(),
    })
}

/// One stage: its attempts, then break-glass when they all failed.
fn run_stage(
    printer: &Printer,
    stage: &Stage,
    n: usize,
    total: usize,
    run_started: Instant,
    opts: &RunOptions,
) -> anyhow::Result<StageRecord> {
    let start = clock::now();
    let started = Instant::now();
    let attempts_max = stage.retries + 1;
    let mut attempts = 0;
    let mut exit = Exit::Failed(None);
    let mut tail = Vec::new();
    while attempts < attempts_max {
        attempts += 1;
        let label = format!(
            "[{n}/{total}] {} (attempt {attempts}/{attempts_max})",
            stage.name
        );
        (exit, tail) = command(
            printer,
            &stage.run,
            stage,
            &label,
            attempts,
            false,
            run_started,
            opts,
        )?;
        if exit == Exit::Ok || exit == Exit::Interrupted {
            break;
        }
        if attempts < attempts_max {
            printer.warn(format!(
                "{} failed ({}); retrying in {}",
                stage.name,
                describe(exit, stage),
                format_duration(stage.retry_delay.as_secs_f64())
            ));
            exec::pause(stage.retry_delay);
            if exec::interrupted() {
                exit = Exit::Interrupted;
                break;
            }
        }
    }
    let mut break_glass = false;
    if !matches!(exit, Exit::Ok | Exit::Interrupted)
        && let Some(bg) = &stage.break_glass
    {
        printer.warn(format!(
            "{} failed {attempts} time(s) ({}); running its break-glass command",
            stage.name,
            describe(exit, stage)
        ));
        break_glass = true;
        let label = format!("[{n}/{total}] {} (break-glass)", stage.name);
        (exit, tail) = command(
            printer,
            bg,
            stage,
            &label,
            attempts,
            true,
            run_started,
            opts,
        )?;
    }
    if !matches!(exit, Exit::Ok) && !tail.is_empty() && !opts.show_output {
        printer.error(format!(
            "{}: last output of the command:\n  {}",
            stage.name,
            tail.join("\n  ")
        ));
    }
    Ok(StageRecord {
        name: stage.name.clone(),
        start,
        end: clock::now(),
        duration_seconds: round(started.elapsed().as_secs_f64()),
        result: match exit {
            Exit::Ok => StageResult::Ok,
            Exit::TimedOut => StageResult::TimedOut,
            Exit::Interrupted => StageResult::Interrupted,
            Exit::Failed(_) => StageResult::Failed,
        },
        attempts,
        exit_code: exit.code(),
        break_glass,
    })
}

/// One command of a stage, with the spinner or the heartbeat.
#[allow(clippy::too_many_arguments)]
fn command(
    printer: &Printer,
    script: &str,
    stage: &Stage,
    label: &str,
    attempt: u32,
    break_glass: bool,
    run_started: Instant,
    opts: &RunOptions,
) -> anyhow::Result<(Exit, Vec<String>)> {
    let mut vars = opts.vars.clone();
    vars.push(("IDP_STAGE".into(), stage.name.clone()));
    vars.push(("IDP_ATTEMPT".into(), attempt.to_string()));
    vars.push((
        "IDP_BREAK_GLASS".into(),
        if break_glass { "1" } else { "0" }.into(),
    ));
    let bar = opts.progress.then(|| {
        let bar = ProgressBar::new_spinner();
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg}") {
            bar.set_style(style);
        }
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    });
    let started = Instant::now();
    let mut beat = Instant::now();
    let mut tick = || {
        let msg = format!(
            "{label}: {} (run {})",
            format_duration(started.elapsed().as_secs_f64().floor()),
            format_duration(run_started.elapsed().as_secs_f64().floor())
        );
        match &bar {
            Some(b) => b.set_message(msg),
            None if beat.elapsed() >= opts.heartbeat => {
                beat = Instant::now();
                printer.status("Heartbeat", msg);
            }
            None => {}
        }
    };
    let mut line = |l: &str| {
        if !opts.show_output {
            return;
        }
        match &bar {
            Some(b) => b.println(format!("  {}| {l}", stage.name)),
            None => eprintln!("  {}| {l}", stage.name),
        }
    };
    let out = exec::run(
        script,
        &opts.dir,
        &vars,
        stage.timeout,
        &mut tick,
        &mut line,
    );
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    out
}

fn describe(exit: Exit, stage: &Stage) -> String {
    match exit {
        Exit::TimedOut => format!(
            "timed out after {}",
            format_duration(stage.timeout.as_secs_f64())
        ),
        Exit::Failed(Some(c)) => format!("exit {c}"),
        Exit::Failed(None) => "killed by a signal".into(),
        Exit::Interrupted => "interrupted".into(),
        Exit::Ok => "ok".into(),
    }
}

fn round(secs: f64) -> f64 {
    (secs * 1000.0).round() / 1000.0
}
