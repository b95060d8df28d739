//! `idp records add`, `idp records list` and `idp records migrate`: pipeline runs that idp did
//! not run itself (a CI step such as `terraform apply`), notes and break-glass steps added to a
//! run, the runs, and the move of legacy `.jsonl` records into one file per record.

use crate::changeset::records::Store;
use crate::changeset::{self, Changeset, Options};
use crate::cli::{RecordsAddArgs, RecordsCommand, RecordsMigrateArgs};
use crate::ctx::Ctx;
use crate::error::{Finding, IdpError, Severity};
use crate::infra::clock;
use crate::infra::clock::format_duration;
use crate::records::pipeline::{self, Note, PipelineRecord, RunResult};
use crate::records::terraform;
use crate::teardown::gitops;

pub fn run(ctx: &Ctx, cmd: RecordsCommand) -> anyhow::Result<()> {
    match cmd {
        RecordsCommand::Add(args) => add(ctx, args),
        RecordsCommand::List { env, phase } => list(ctx, env, phase),
        RecordsCommand::Migrate(args) => migrate(ctx, args),
    }
}

/// Every legacy `.jsonl` file moved into the layout, as one change on the base branch (a pull
/// request unless `--direct`), and on the records branch too when `records.branch` is another
/// one (straight onto it, like every record).
fn migrate(ctx: &Ctx, args: RecordsMigrateArgs) -> anyhow::Result<()> {
    let change: Options = (&args.change).into();
    let store = Store::open(ctx)?;
    let mut on_base = Vec::new();
    let outcome = changeset::run_with(ctx, &change, &mut |base| {
        let (cs, moved) = migration(base)?;
        on_base = moved;
        Ok(cs)
    })?;
    announce_moved(ctx, &on_base, &outcome.base, change.dry_run);

    let mut extra = serde_json::Map::new();
    extra.insert("migrated".into(), serde_json::to_value(&on_base)?);
    if store.branch != store.base {
        let mut on_records = Vec::new();
        let records = store.commit(ctx, change.dry_run, change.push, &mut |tree| {
            let (cs, moved) = migration(tree)?;
            on_records = moved;
            Ok(cs)
        })?;
        announce_moved(ctx, &on_records, &store.branch, change.dry_run);
        let mut value = serde_json::to_value(&records)?;
        value["migrated"] = serde_json::to_value(&on_records)?;
        extra.insert("records_branch".into(), value);
    }
    changeset::report::report_with(ctx, &outcome, change.detailed_exitcode, extra)
}

/// The change moving every legacy file of `base`, and what it moves.
fn migration(
    base: &dyn crate::platform::Source,
) -> anyhow::Result<(Changeset, Vec<crate::records::Migrated>)> {
    let mut moved = Vec::new();
    let mut cs = Changeset::new("records", "migrate", "records:migrate");
    for kind in crate::records::KINDS {
        if let Some(m) = crate::records::migrate(&mut cs, base, kind)? {
            moved.push(m);
        }
    }
    cs.title = "Move the workflow records into one file per record".into();
    cs.body = moved
        .iter()
        .map(|m| {
            format!(
                "- `{}`: {} record(s) into `{}/`{}\n",
                m.file,
                m.records,
                kind_named(m.kind).dir(),
                if m.unreadable > 0 {
                    format!(
                        "; {} unreadable line(s) kept in `{}`",
                        m.unreadable,
                        crate::records::unreadable_file(kind_named(m.kind))
                    )
                } else {
                    String::new()
                }
            )
        })
        .collect();
    Ok((cs, moved))
}

fn kind_named(name: &str) -> crate::records::Kind {
    crate::records::KINDS
        .into_iter()
        .find(|k| k.name == name)
        .unwrap_or(crate::records::PROMOTIONS)
}

fn announce_moved(ctx: &Ctx, moved: &[crate::records::Migrated], branch: &str, dry_run: bool) {
    if moved.is_empty() {
        ctx.printer.status(
            "Migrated",
            format!("nothing: no legacy `.jsonl` records on `{branch}`"),
        );
    }
    for m in moved {
        ctx.printer.status(
            if dry_run { "Would move" } else { "Moving" },
            format!(
                "{} record(s) of `{}` into `{}/` on `{branch}`{}",
                m.records,
                m.file,
                kind_named(m.kind).dir(),
                if m.unreadable > 0 {
                    format!(" ({} unreadable line(s) kept aside)", m.unreadable)
                } else {
                    String::new()
                }
            ),
        );
    }
}

/// Malformed lines of the records are reported (file:line) as warnings: the others still count.
pub(crate) fn warn_malformed(ctx: &Ctx, findings: &[Finding]) {
    let warnings: Vec<Finding> = findings
        .iter()
        .cloned()
        .map(|mut f| {
            f.severity = Severity::Warning;
            f
        })
        .collect();
    ctx.printer.findings(&warnings);
}

fn add(ctx: &Ctx, args: RecordsAddArgs) -> anyhow::Result<()> {
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
            let (name, text) = super::read_input(ctx, Some(file.as_path()))?
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
    warn_malformed(ctx, &runs.findings);
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

fn list(ctx: &Ctx, env: Option<String>, phase: Option<String>) -> anyhow::Result<()> {
    let store = Store::open(ctx)?;
    let runs = store.read(ctx, |s| match &env {
        Some(e) => pipeline::load_env(s, e),
        None => pipeline::load(s),
    })?;
    warn_malformed(ctx, &runs.findings);
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
