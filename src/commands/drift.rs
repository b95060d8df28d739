//! `idp drift`: arguments → the layers and environments to look at, the findings (a table,
//! `-o json`, GitHub annotations and step summary), and remediation by each environment's
//! policy through the change pipeline. Exit 0 clean, 5 drift found, 1 a cluster or Terraform
//! that cannot be read, 3 a remediation that fails validation.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::json;

use crate::changeset::{self, Changeset, Options};
use crate::ctx::Ctx;
use crate::drift::{self, Finding, Layer, Policy, cloud, cluster, render};
use crate::error::{IdpError, exit};
use crate::platform::apps::ordered_envs;
use crate::platform::environments::EnvFile;
use crate::platform::{Source, WorkTree, load_config};

/// A layer not looked at, and why.
#[derive(Debug, Serialize)]
struct Skipped {
    layer: Layer,
    env: String,
    why: String,
}

/// What was done about one environment's drift.
#[derive(Debug, Serialize)]
struct Remediation {
    env: String,
    policy: Policy,
    /// `opened`/`updated`/… the pull request, `none` when there is nothing in git to change.
    action: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    outcome: Option<changeset::Outcome>,
}

#[derive(Debug, clap::Args)]
pub struct DriftArgs {
    /// Only this environment (default: every one; the cluster layer needs its kube context)
    #[arg(long, add = crate::commands::complete::envs())]
    pub env: Option<String>,
    /// Only these layers (repeatable; default: all three)
    #[arg(long, value_enum)]
    pub layer: Vec<DriftLayerArg>,
    /// The kubeconfig file (default: `$KUBECONFIG`, then `~/.kube/config`)
    #[arg(long, value_name = "PATH")]
    pub kubeconfig: Option<std::path::PathBuf>,
    /// The kubeconfig context (default: the environment's `health.context`)
    #[arg(long, value_name = "NAME")]
    pub context: Option<String>,
    /// A Terraform plan of the environment's root, as JSON (`terraform show -json PLANFILE` or
    /// `terraform plan -json`), instead of running Terraform; needs --env
    #[arg(long, value_name = "FILE", requires = "env")]
    pub plan: Option<std::path::PathBuf>,
    /// What to do about the drift found, for this run (default: each environment's
    /// `drift.remediate`; `alert` in production, else `pr`)
    #[arg(long, value_enum)]
    pub remediate: Option<RemediateArg>,
    /// Record each environment's run in .idp/records/drift/ENV/, as a change (`--direct` applies
    /// to the record: a remediation is always a pull request)
    #[arg(long)]
    pub record: bool,
    #[command(flatten)]
    pub change: crate::cli::ChangeArgs,
}

crate::cli::value_enum!(
    /// A layer of `idp drift`.
    DriftLayerArg => crate::drift::Layer {
        /// Generated files against a fresh render; apps on an older golden path
        Render,
        /// Argo CD Applications and running image digests, through the Kubernetes API
        Cluster,
        /// A Terraform plan of the environment's root
        Cloud,
    }
);

crate::cli::value_enum!(
    /// What to do about drift.
    RemediateArg => crate::drift::Policy {
        /// Open or update the remediation pull request; Argo CD self-heals the cluster
        Auto,
        /// Open or update one remediation pull request per environment
        Pr,
        /// Report, record and exit 5
        Alert,
    }
);

pub fn run(ctx: &Ctx, args: DriftArgs) -> anyhow::Result<()> {
    let change: Options = (&args.change).into();
    let tree = WorkTree::new(ctx.root()?);
    let source: &dyn Source = &tree;
    let config = load_config(source)?;
    let envs = ordered_envs(source)?;
    if let Some(e) = &args.env
        && !envs.iter().any(|x| &x.name == e)
    {
        let names: Vec<&str> = envs.iter().map(|e| e.name.as_str()).collect();
        return Err(IdpError::usage(format!(
            "there is no environment `{e}` (environments: {})",
            names.join(", ")
        )));
    }
    let layers: BTreeSet<Layer> = if args.layer.is_empty() {
        Layer::ALL.into_iter().collect()
    } else {
        args.layer.iter().map(|l| (*l).into()).collect()
    };
    let scope: Vec<&EnvFile> = envs
        .iter()
        .filter(|e| args.env.as_ref().is_none_or(|n| &e.name == n))
        .collect();
    let parsed_plan = match &args.plan {
        Some(p) => {
            let text = std::fs::read_to_string(ctx.cwd.join(p))
                .map_err(|e| IdpError::usage(format!("cannot read --plan {}: {e}", p.display())))?;
            Some(
                cloud::parse_plan(&text)
                    .map_err(|e| IdpError::usage(format!("--plan {}: {e}", p.display())))?,
            )
        }
        None => None,
    };

    let mut findings: Vec<Finding> = Vec::new();
    let mut skipped: Vec<Skipped> = Vec::new();
    let mut explained = 0usize;
    let mut unreachable: Vec<String> = Vec::new();

    if layers.contains(&Layer::Render) {
        findings.extend(render::findings(source, &config, &envs, args.env.as_deref())?.findings);
    }
    if layers.contains(&Layer::Cluster) {
        for env in &scope {
            let settings = crate::health::Settings::from_env(env).map_err(IdpError::usage)?;
            let context = args.context.as_deref().or(settings.context.as_deref());
            if context.is_none() && args.env.is_none() {
                skipped.push(Skipped {
                    layer: Layer::Cluster,
                    env: env.name.clone(),
                    why: "no `health.context` in its file: pass --env to use the current context"
                        .into(),
                });
                continue;
            }
            let kubeconfig = args.kubeconfig.as_ref().map(|p| ctx.cwd.join(p));
            let target = crate::infra::kube::target(kubeconfig.as_deref(), context)
                .map_err(IdpError::usage)?;
            let wanted = cluster::wanted(source, &env.name, &settings.argocd_namespace)?;
            let conn = cluster::Connection {
                target: &target,
                timeout: settings.request_timeout,
                page_size: settings.page_size,
                argocd_namespace: &settings.argocd_namespace,
            };
            match cluster::findings(ctx.kube()?, &env.name, &wanted, &conn) {
                Ok(f) => findings.extend(f),
                Err(why) => unreachable.push(format!(
                    "the cluster of `{}` ({}, context `{}`): {why}",
                    env.name, target.server, target.context
                )),
            }
        }
    }
    if layers.contains(&Layer::Cloud) {
        let pending = pending_requests(ctx)?;
        let (requests, _) = crate::requests::load_all(source)?;
        for env in &scope {
            let changes = match &parsed_plan {
                Some(c) => c.clone(),
                None => {
                    let root = ctx.root()?.join("envs").join(&env.name);
                    if !root.join("main.tf").is_file() {
                        skipped.push(Skipped {
                            layer: Layer::Cloud,
                            env: env.name.clone(),
                            why: format!("no Terraform root (envs/{}/main.tf)", env.name),
                        });
                        continue;
                    }
                    match cloud::plan(&root) {
                        Ok(Some(text)) => cloud::parse_plan(&text).map_err(IdpError::usage)?,
                        Ok(None) => {
                            skipped.push(Skipped {
                                layer: Layer::Cloud,
                                env: env.name.clone(),
                                why: "Terraform is not installed: give a plan with --plan FILE"
                                    .into(),
                            });
                            continue;
                        }
                        Err(e) => {
                            unreachable.push(e);
                            continue;
                        }
                    }
                }
            };
            let in_git: BTreeMap<String, String> = requests
                .iter()
                .filter(|r| r.env == env.name)
                .map(|r| (r.id.clone(), r.path.clone()))
                .collect();
            let (f, n) = cloud::findings(
                &env.name,
                &changes,
                &cloud::Requests {
                    in_git: &in_git,
                    pending: &pending,
                },
            );
            findings.extend(f);
            explained += n;
        }
    }

    // Remediation, per environment, by policy: always a pull request (`--direct` is for the
    // record), then the record of the run.
    let fix = Options {
        direct: false,
        ..change.clone()
    };
    let layer_list: Vec<Layer> = layers.iter().copied().collect();
    let actor = ctx.actor();
    let time = crate::infra::clock::now();
    let mut remediations = Vec::new();
    let mut records = Vec::new();
    for env in &scope {
        // Repo-wide findings (an app on an older golden path) belong to every environment.
        let mine: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.env.as_deref().is_none_or(|e| e == env.name))
            .collect();
        let mut policy = args.remediate.map(Policy::from).unwrap_or(Policy::of(env));
        if mine.iter().any(|f| f.dangerous) {
            policy = policy.at_most_pr();
        }
        let remediation = if mine.is_empty() {
            None
        } else {
            Some(remediate(ctx, &fix, env, policy, &mine)?)
        };
        if args.record {
            let run = drift::Run {
                env: &env.name,
                layers: &layer_list,
                findings: &mine,
                policy,
                remediation: remediation.as_ref().map_or("none", |r| r.action.as_str()),
                pr: remediation
                    .as_ref()
                    .and_then(|r| r.outcome.as_ref())
                    .and_then(|o| o.pr.as_ref())
                    .map(|p| p.number),
                actor: &actor,
                time: &time,
            };
            let outcome = changeset::run_with(ctx, &change, &mut |base| drift::record(base, &run))?;
            records.push(outcome);
        }
        remediations.extend(remediation);
    }

    let value = json!({
        "clean": findings.is_empty() && unreachable.is_empty(),
        "layers": layers,
        "findings": findings,
        "explained": explained,
        "skipped": skipped,
        "unreachable": unreachable,
        "remediation": remediations,
        "records": records,
    });
    ctx.printer.data(&value, || {
        if findings.is_empty() {
            return String::new();
        }
        let rows = findings
            .iter()
            .map(|f| {
                vec![
                    f.layer.as_str().to_string(),
                    f.env.clone().unwrap_or_else(|| "-".into()),
                    f.object.clone(),
                    format!("{}{}", if f.dangerous { "DANGER: " } else { "" }, f.what),
                    f.file.clone(),
                ]
            })
            .collect();
        ctx.printer
            .table(&["LAYER", "ENV", "OBJECT", "WHAT", "FILE"], rows)
    })?;
    for s in &skipped {
        ctx.printer.warn(format!(
            "skipped the {} layer of `{}`: {}",
            s.layer.as_str(),
            s.env,
            s.why
        ));
    }
    let annotations: Vec<crate::error::Finding> = findings
        .iter()
        .map(|f| {
            crate::error::Finding::error(&f.file, 1, 1)
                .rule(format!("drift/{}", f.layer.as_str()))
                .message(format!(
                    "{}: {} (runbook {}{})",
                    f.object,
                    f.what,
                    f.runbook,
                    f.fix
                        .as_ref()
                        .map(|c| format!("; fix: `{c}`"))
                        .unwrap_or_default()
                ))
        })
        .collect();
    ctx.printer.annotate(&annotations);
    ctx.printer
        .summary(&summary(&findings, &skipped, &remediations))?;
    for r in &remediations {
        if let Some(o) = &r.outcome {
            changeset::report::announce(&ctx.printer, o);
        }
    }
    for o in &records {
        changeset::report::announce(&ctx.printer, o);
    }
    if !unreachable.is_empty() {
        for u in &unreachable {
            ctx.printer.error(format!("cannot read {u}"));
        }
        return Err(IdpError::AlreadyPrinted(exit::UNEXPECTED).into());
    }
    if findings.is_empty() {
        ctx.printer
            .status("Clean", "no drift in the layers looked at");
        return Ok(());
    }
    ctx.printer.warn(format!(
        "{} drift finding(s); see the runbook {} (`idp runbook show {}`)",
        findings.len(),
        drift::RUNBOOK,
        drift::RUNBOOK
    ));
    Err(IdpError::ChangesPending.into())
}

/// Requests in open pull requests of the local forge (a GitHub forge's are not read here).
fn pending_requests(ctx: &Ctx) -> anyhow::Result<BTreeSet<String>> {
    let repo = ctx.repo()?;
    Ok(
        crate::requests::pending::open_ids(repo, ctx.forge()?, None)?
            .into_iter()
            .map(|(_, id)| id)
            .collect(),
    )
}

/// Do what `policy` says about `env`'s findings. The render layer's are healed by a change
/// (re-rendered files) through the pipeline; the cluster's and the cloud's have nothing to
/// change in git (git is right: Argo CD syncs, Terraform applies), so they ride along in the
/// pull request's body when there is one.
fn remediate(
    ctx: &Ctx,
    change: &Options,
    env: &EnvFile,
    policy: Policy,
    mine: &[&Finding],
) -> anyhow::Result<Remediation> {
    let none = |action: &str| Remediation {
        env: env.name.clone(),
        policy,
        action: action.into(),
        outcome: None,
    };
    if policy == Policy::Alert {
        return Ok(none("alert"));
    }
    if !mine.iter().any(|f| f.layer == Layer::Render) {
        return Ok(none(
            "none: nothing in git to change (sync with Argo CD, apply Terraform)",
        ));
    }
    let table = body(mine);
    let name = env.name.clone();
    let outcome = changeset::run_with(ctx, change, &mut |base| {
        let config = load_config(base)?;
        let envs = ordered_envs(base)?;
        let healed = render::findings(base, &config, &envs, Some(&name))?;
        let mut cs = Changeset::new("drift", &name, "drift:remediate");
        cs.scope = Some(name.clone());
        cs.title = format!("Heal drift in `{name}`: re-render what idp generates");
        cs.body = format!(
            "`idp drift` found these in `{name}` (policy `{}`, runbook {}):\n\n{table}",
            policy.as_str(),
            drift::RUNBOOK
        );
        for (path, text) in healed.heal {
            if drift::env_of_path(&path).is_none_or(|e| e == name) {
                cs.files.insert(path, text);
            }
        }
        Ok(cs)
    })?;
    let action = serde_json::to_value(outcome.status)?
        .as_str()
        .unwrap_or_default()
        .to_string();
    Ok(Remediation {
        env: env.name.clone(),
        policy,
        action,
        outcome: Some(outcome),
    })
}

/// The findings as a Markdown table (cells escaped).
fn body(findings: &[&Finding]) -> String {
    let cell = |s: &str| {
        crate::render::escape::escape(crate::render::escape::Lang::Markdown, s).unwrap_or_default()
    };
    let mut md = String::from("| layer | object | what | file |\n| --- | --- | --- | --- |\n");
    for f in findings {
        md.push_str(&format!(
            "| {} | {} | {} | `{}` |\n",
            f.layer.as_str(),
            cell(&f.object),
            cell(&f.what),
            cell(&f.file)
        ));
    }
    md
}

fn summary(findings: &[Finding], skipped: &[Skipped], remediations: &[Remediation]) -> String {
    let mut md = String::from("### idp drift\n\n");
    if findings.is_empty() {
        md.push_str("No drift.\n");
    } else {
        let refs: Vec<&Finding> = findings.iter().collect();
        md.push_str(&body(&refs));
    }
    for s in skipped {
        md.push_str(&format!(
            "\n- skipped {} of `{}`: {}",
            s.layer.as_str(),
            s.env,
            s.why
        ));
    }
    for r in remediations {
        md.push_str(&format!(
            "\n- `{}`: policy `{}`, {}",
            r.env,
            r.policy.as_str(),
            r.action
        ));
    }
    md.push('\n');
    md
}
