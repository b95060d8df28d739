//! `idp records add`: a pipeline step idp did not run (a CI step such as `terraform apply`),
//! or a note or break-glass step added to an earlier run.

use crate::changeset::records::Store;
use crate::ctx::Ctx;
use crate::error::IdpError;
use crate::infra::clock;
use crate::records::pipeline::{self, Note, PipelineRecord, RunResult};
use crate::records::terraform;
use crate::teardown::gitops;

crate::cli::value_enum!(
    /// How a run ended.
    RunResultArg => RunResult {
        Success,
        Failed,
        /// Stopped by Ctrl-C (SIGINT/SIGTERM); resumable like a failed run.
        Interrupted,
    }
);

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The phase: plan, apply, teardown, promote, build, deploy, … (lowercase, `-`)
    #[arg(long, required_unless_present = "run_id")]
    pub phase: Option<String>,
    /// The environment
    #[arg(long, add = crate::commands::complete::envs())]
    pub env: String,
    /// The build (`dd-mm-yy-NN`): unique per environment and phase
    #[arg(long, value_name = "ID")]
    pub build_id: Option<String>,
    /// How the step ended (default: from --exit-code, else success)
    #[arg(long, value_enum)]
    pub result: Option<RunResultArg>,
    /// The step's exit code
    #[arg(long, value_name = "CODE", allow_negative_numbers = true)]
    pub exit_code: Option<i32>,
    /// When the step started (RFC 3339 UTC, `2026-11-26T10:00:00Z`)
    #[arg(long, value_name = "TIME")]
    pub start: Option<String>,
    /// When the step ended (default: now)
    #[arg(long, value_name = "TIME")]
    pub end: Option<String>,
    /// How long it took, in seconds (default: from --start and --end)
    #[arg(long, value_name = "SECONDS")]
    pub duration: Option<f64>,
    /// Extra attempts the step made
    #[arg(long, default_value_t = 0)]
    pub retries: u32,
    /// Break-glass was used (with --run-id: a step done by hand on that run)
    #[arg(long)]
    pub break_glass: bool,
    /// Terraform's output (`-` for stdin): the resource counts are read from its summary line
    #[arg(long, value_name = "FILE")]
    pub terraform_output: Option<std::path::PathBuf>,
    /// Add to this earlier run instead of recording a new one (with --break-glass, --note)
    #[arg(long, value_name = "RUN_ID")]
    pub run_id: Option<String>,
    /// What was done and why
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// The service the step belongs to (a metrics label)
    #[arg(long)]
    pub service: Option<String>,
    /// The owning team (a metrics label)
    #[arg(long)]
    pub team: Option<String>,
    /// Print the record and the change, write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Do not push the record to the `origin` remote
    #[arg(long)]
    pub no_push: bool,
}

pub fn run(ctx: &Ctx, args: AddArgs) -> anyhow::Result<()> {
    let store = Store::open(ctx)?;
    // Everything the user gave is checked before anything is read from git or written.
    if let Some(p) = &args.phase
        && !crate::platform::is_slug(p, 30)
    {
        return Err(IdpError::usage(format!(
            "`--phase {p}` is not a phase: lowercase letters, digits and `-` (plan, apply, \
             teardown, promote, …)"
        )));
    }
    let resources = match &args.terraform_output {
        Some(file) => {
            let (name, text) = super::super::read_input(ctx, Some(file.as_path()))?
                .ok_or_else(|| anyhow::anyhow!("cannot read `{}`", file.display()))?;
            Some(terraform::parse(&name, &text)?)
        }
        None => None,
    };
    let time = |flag: &str, v: &Option<String>| -> anyhow::Result<Option<i64>> {
        v.as_deref()
            .map(|t| {
                clock::unix_from_rfc3339(t).ok_or_else(|| {
                    IdpError::usage(format!(
                        "`--{flag} {t}` is not a UTC time like `2026-11-26T10:00:00Z`"
                    ))
                })
            })
            .transpose()
    };
    let start = time("start", &args.start)?;
    let end = time("end", &args.end)?.unwrap_or_else(clock::unix_now);
    if let Some(s) = start
        && s > end
    {
        return Err(IdpError::usage("`--start` is after `--end`"));
    }
    if args.duration.is_some_and(|d| !d.is_finite() || d < 0.0) {
        return Err(IdpError::usage(
            "`--duration` must be a number of seconds ≥ 0",
        ));
    }

    let repo = ctx.repo()?;
    let base = crate::changeset::resolve_base(repo, &Default::default())?;
    let env = gitops::find_env(
        &crate::platform::GitTree::new(repo, base.tree()?),
        &args.env,
    )?;
    // This environment's runs only: the run to amend, the build ids it used.
    let runs = store.read(ctx, |s| pipeline::load_env(s, &env.name))?;
    super::warn_malformed(ctx, &runs.findings);
    let actor = ctx.actor();
    let now = clock::rfc3339(end);

    let record = match &args.run_id {
        Some(id) => {
            let Some(old) = runs.get(id) else {
                let all = store.read(ctx, pipeline::load)?;
                return Err(IdpError::usage(match all.get(id) {
                    Some(other) => format!(
                        "run `{id}` is a run of `{}`, not of `{}`",
                        other.env, env.name
                    ),
                    None => format!("there is no run `{id}` in `{}`", pipeline::PIPELINE.dir()),
                }));
            };
            if args.note.is_none() && !args.break_glass {
                return Err(IdpError::usage(
                    "with `--run-id`, say what was done: `--note TEXT` and/or `--break-glass`",
                ));
            }
            let mut r = old.clone();
            r.break_glass |= args.break_glass;
            r.notes.push(Note {
                time: now.clone(),
                actor: actor.clone(),
                text: args.note.clone().unwrap_or_else(|| "break-glass".into()),
                break_glass: args.break_glass,
            });
            if let Some(res) = resources {
                r.resources = Some(res);
            }
            r
        }
        None => {
            let phase = args.phase.clone().unwrap_or_default();
            if let Some(b) = &args.build_id {
                pipeline::validate_build_id(&runs, &env.name, &phase, b)?;
            }
            let given: Option<RunResult> = args.result.map(Into::into);
            let exit_code = args.exit_code.or(match given {
                Some(RunResult::Success) | None => Some(0),
                _ => None,
            });
            let result = given.unwrap_or(if exit_code.unwrap_or(0) == 0 {
                RunResult::Success
            } else {
                RunResult::Failed
            });
            if result == RunResult::Success && exit_code.unwrap_or(0) != 0 {
                return Err(IdpError::usage(format!(
                    "`--result success` with `--exit-code {}`: a successful step exits 0",
                    exit_code.unwrap_or(0)
                )));
            }
            let duration = args.duration.or_else(|| start.map(|s| (end - s) as f64));
            let start = start
                .or_else(|| duration.map(|d| end - d.round() as i64))
                .unwrap_or(end);
            let start = clock::rfc3339(start);
            let mut record = PipelineRecord {
                id: String::new(),
                phase,
                env: env.name.clone(),
                build_id: args.build_id.clone(),
                start,
                end: Some(now.clone()),
                duration_seconds: duration,
                result,
                exit_code,
                retries: args.retries,
                break_glass: args.break_glass,
                resources,
                workflow_run_url: pipeline::workflow_run_url(),
                actor: actor.clone(),
                service: args.service.clone(),
                team: args.team.clone(),
                lifecycle: None,
                failed_stage: None,
                stages: Vec::new(),
                resumes: 0,
                notes: args
                    .note
                    .iter()
                    .map(|n| Note {
                        time: now.clone(),
                        actor: actor.clone(),
                        text: n.clone(),
                        break_glass: args.break_glass,
                    })
                    .collect(),
            };
            record.identify()?;
            record
        }
    };
    let amend = args.run_id.is_some();
    let outcome = store.commit(ctx, args.dry_run, !args.no_push, &mut |source| {
        if !amend && let Some(b) = &record.build_id {
            // Made again on a newer tip: the build id is checked there.
            let runs = pipeline::load_env(source, &record.env)?;
            pipeline::validate_build_id(&runs, &record.env, &record.phase, b)?;
        }
        pipeline::changeset(source, &record, "records:add")
    })?;
    ctx.printer.status(
        if args.dry_run {
            "Would record"
        } else {
            "Recorded"
        },
        format!(
            "{} {} run {} of `{}`: {}",
            if amend { "on" } else { "a" },
            record.phase,
            record.id,
            record.env,
            record.result.as_str()
        ),
    );
    let mut value = record.to_value()?;
    value["change"] = serde_json::to_value(&outcome)?;
    ctx.printer.data(&value, || {
        if args.dry_run {
            outcome.files.iter().map(|f| f.diff.clone()).collect()
        } else {
            format!("{}\n", record.id)
        }
    })
}
