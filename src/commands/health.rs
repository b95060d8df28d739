//! `idp health`: arguments → options, the environment's settings, the run, the output, and the
//! record through the pipeline (`--record`). Exit 0 healthy, 3 unhealthy, 1 unreachable.

use crate::changeset::{self, Options};
use crate::ctx::Ctx;
use crate::error::{IdpError, exit};
use crate::health::{self, HealthError, HealthOptions, Retry, Settings, Verdict, report};
use crate::platform::{WorkTree, environments};

#[derive(Debug, clap::Args)]
pub struct HealthArgs {
    /// The environment (its file gives the kube context, namespaces and endpoints: `health:`)
    #[arg(long, add = crate::commands::complete::envs())]
    pub env: String,
    /// The highest tier to check: 0 API, nodes, kube-system; 1 Argo CD, system pods,
    /// ExternalSecrets, ingresses, Kong; 2 Backstage, Grafana; 3 Keycloak
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u8).range(0..=3))]
    pub tier: u8,
    /// The kubeconfig file (default: `$KUBECONFIG`, then `~/.kube/config`)
    #[arg(long, value_name = "PATH")]
    pub kubeconfig: Option<std::path::PathBuf>,
    /// The kubeconfig context (default: the environment's `health.context`, then the current
    /// context)
    #[arg(long, value_name = "NAME")]
    pub context: Option<String>,
    /// Poll until healthy (or until --timeout), e.g. right after an apply
    #[arg(long)]
    pub wait: bool,
    /// How long --wait polls
    #[arg(long, value_name = "DURATION", default_value = "10m", requires = "wait",
          value_parser = crate::health::settings::parse_duration)]
    pub timeout: std::time::Duration,
    /// Retries after an unhealthy run (default: the environment's `health.retries`, else 3)
    #[arg(long, value_name = "N")]
    pub retries: Option<u32>,
    /// The pause before each retry or poll (default: `health.backoff`, else 30s)
    #[arg(long, value_name = "DURATION", value_parser = crate::health::settings::parse_duration)]
    pub backoff: Option<std::time::Duration>,
    /// Record the result in .idp/records/health/ENV/, as a change (promotion gates read it)
    #[arg(long)]
    pub record: bool,
    #[command(flatten)]
    pub change: crate::cli::ChangeArgs,
}

pub fn run(ctx: &Ctx, args: HealthArgs) -> anyhow::Result<()> {
    let change: Options = (&args.change).into();
    let c = &args.change;
    if !args.record
        && (c.dry_run || c.detailed_exitcode || c.direct || c.base.is_some() || c.no_push)
    {
        return Err(IdpError::usage(
            "`--dry-run`, `--detailed-exitcode`, `--direct`, `--base` and `--no-push` apply to \
             the record: pass them with `--record`",
        ));
    }
    let tree = WorkTree::new(ctx.root()?);
    let (envs, _) = environments::load(&tree)?;
    let Some(env) = envs.iter().find(|e| e.name == args.env) else {
        let mut names: Vec<&str> = envs.iter().map(|e| e.name.as_str()).collect();
        names.sort_unstable();
        return Err(IdpError::usage(format!(
            "there is no environment `{}` (environments: {})",
            args.env,
            names.join(", ")
        )));
    };
    let settings = Settings::from_env(env).map_err(IdpError::usage)?;
    let opts = HealthOptions {
        tier: args.tier,
        kubeconfig: args.kubeconfig.map(|p| ctx.cwd.join(p)),
        context: args.context,
        wait: args.wait.then_some(args.timeout),
        retries: args.retries,
        backoff: args.backoff,
    };

    let progress = ctx.printer.progress();
    let result = health::run(ctx.kube()?, &opts, &settings, &progress, &mut |r: Retry<
        '_,
    >| {
        let failed: Vec<String> = r.report.failed().take(3).map(|c| c.check.clone()).collect();
        let attempt = match r.of {
            Some(of) => format!("attempt {} of {of}", r.next),
            None => format!("attempt {}", r.next),
        };
        progress.suspend(|| {
            ctx.printer.warn(format!(
                "{} ({}); checking again in {} ({attempt})",
                report::headline(r.report),
                failed.join(", "),
                health::settings::format_duration(r.pause)
            ));
        });
    });
    progress.finish();
    let rep = result.map_err(|HealthError::Config(msg)| IdpError::usage(msg))?;

    let outcome = if args.record {
        let actor = ctx.actor();
        Some(changeset::run_with(ctx, &change, &mut |base| {
            report::record(base, &rep, &actor)
        })?)
    } else {
        None
    };

    let mut value = serde_json::to_value(&rep)?;
    if let (Some(o), Some(m)) = (&outcome, value.as_object_mut()) {
        m.insert("record".into(), serde_json::to_value(o)?);
    }
    ctx.printer.data(&value, || {
        ctx.printer.table(
            &["CHECK", "STATUS", "DETAIL", "RUNBOOK"],
            report::rows(&rep),
        )
    })?;
    if let Some(o) = &outcome {
        changeset::report::announce(&ctx.printer, o);
    }
    ctx.printer.outputs(&[
        ("healthy", rep.healthy.to_string()),
        (
            "result",
            serde_json::to_value(rep.result)?
                .as_str()
                .unwrap_or_default()
                .to_string(),
        ),
    ])?;
    ctx.printer.summary(&report::markdown(&rep))?;
    match rep.result {
        Verdict::Healthy => {
            ctx.printer.status("Healthy", report::headline(&rep));
            Ok(())
        }
        Verdict::Unhealthy => {
            ctx.printer
                .error(format!("{} (exit 3)", report::headline(&rep)));
            Err(IdpError::AlreadyPrinted(exit::INVALID).into())
        }
        Verdict::Unreachable => {
            ctx.printer
                .error(format!("{} (exit 1)", report::headline(&rep)));
            if let Some(c) = rep.failed().next() {
                eprintln!("  caused by: {}", c.detail);
            }
            ctx.printer.hint(match rep.reason {
                Some(crate::infra::kube::Reason::Auth) => {
                    "refresh the credentials of the context (e.g. `aws eks update-kubeconfig`), \
                     RB-0005; then RB-0008 step 2"
                }
                Some(crate::infra::kube::Reason::Tls) => {
                    "the kubeconfig's CA does not match the cluster (a rebuilt cluster?): \
                     `aws eks update-kubeconfig`, RB-0008 step 2"
                }
                _ => "RB-0008 step 2: is the endpoint private, or the cluster updating?",
            });
            Err(IdpError::AlreadyPrinted(exit::UNEXPECTED).into())
        }
    }
}
