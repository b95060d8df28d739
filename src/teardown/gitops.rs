//! `idp teardown --env ENV`: the GitOps half of a teardown, one change that removes what the
//! platform repo deploys to an environment, in dependency order:
//!
//! 1. **apps and ingress**: every app's overlay `apps/<app>/<env>/` (Ingress, KongPlugins) and
//!    its Argo CD Application `argocd/<env>/<app>.yaml`;
//! 2. **add-ons**: every other Argo CD Application under `argocd/<env>/`, and the add-ons'
//!    generated values and objects of the environment (`addons/<addon>/generated/<env>.yaml`,
//!    `addons/<addon>/config/<env>/`);
//! 3. **infrastructure requests**: `requests/<kind>/<env>/`, with their generated Terraform
//!    inputs and catalog entries, the cluster (EKS) last. A persistent environment keeps its
//!    databases (RDS) and secrets.
//!
//! With `--build-id`, only the requests of that build go (the apps belong to the environment).
//! The order is the order of the plan, of the pull request body and of the JSON output; the
//! change itself lands as one commit, so Argo CD prunes the apps before Terraform sees the
//! requests go.

use serde::Serialize;
use serde_json::Value;

use crate::change::Changeset;
use crate::error::{Finding, IdpError};
use crate::platform::environments::{self, EnvFile};
use crate::platform::{Config, Source};
use crate::records::pipeline;
use crate::requests;

/// What `idp teardown` was asked.
#[derive(Debug, Clone)]
pub struct TeardownRequest {
    pub env: String,
    pub build_id: Option<String>,
    /// `--lifecycle`: only to keep more (`persistent`) than the environment file says.
    pub lifecycle: Option<String>,
    pub confirm: Option<String>,
}

/// One group of the removal, in order.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub stage: &'static str,
    pub files: Vec<String>,
}

/// The plan of a teardown change, for the output.
#[derive(Debug, Clone, Serialize)]
pub struct Removal {
    pub env: String,
    pub lifecycle: String,
    pub build_id: Option<String>,
    pub order: Vec<Group>,
    /// Requests a persistent environment keeps.
    pub kept: Vec<String>,
}

/// Kinds in the order their requests go: the cluster last, after what runs on or beside it.
const KIND_ORDER: [&str; 7] = ["s3", "ebs", "ec2", "ecr", "rds", "secrets", "eks"];

/// The environment file, or a usage error naming the environments there are.
pub fn find_env(base: &dyn Source, name: &str) -> anyhow::Result<EnvFile> {
    let (envs, findings) = environments::load(base)?;
    if let Some(f) = findings
        .into_iter()
        .find(|f| f.file == environments::path(name))
    {
        return Err(IdpError::bad_input(f));
    }
    let names = envs
        .iter()
        .map(|e| e.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    envs.into_iter().find(|e| e.name == name).ok_or_else(|| {
        IdpError::usage(format!(
            "there is no environment `{name}` (environments: {names})"
        ))
    })
}

/// `teardown.lifecycle` of the environment (persistent when unset: keeping is the safe side).
pub fn lifecycle_of(env: &EnvFile) -> String {
    env.get("/teardown/lifecycle")
        .and_then(Value::as_str)
        .unwrap_or("persistent")
        .to_string()
}

/// The lifecycle a teardown uses: the environment's, or `persistent` when asked to keep more.
/// Asking an environment file that says `persistent` for `ephemeral` is refused at its line.
pub fn effective_lifecycle(env: &EnvFile, asked: Option<&str>) -> anyhow::Result<String> {
    let own = lifecycle_of(env);
    match asked {
        None => Ok(own),
        Some(a) if a == own || a == "persistent" => Ok(a.to_string()),
        Some(a) => {
            let s = env.doc.locate("/teardown/lifecycle");
            Err(IdpError::Invalid {
                message: format!(
                    "`{}` is persistent: its databases and secrets are kept; `--lifecycle {a}` \
                     cannot override that",
                    env.name
                ),
                findings: vec![
                    Finding::error(&env.path, s.line, s.col)
                        .path("/teardown/lifecycle")
                        .rule("teardown/lifecycle")
                        .message(format!(
                            "change `teardown.lifecycle` through a pull request first \
                             (`idp env set {} teardown.lifecycle {a}`)",
                            env.name
                        )),
                ],
            }
            .into())
        }
    }
}

/// Production needs `--confirm <env>`; anything else that is given must name the environment.
pub fn check_confirmation(env: &EnvFile, confirm: Option<&str>) -> anyhow::Result<()> {
    match confirm {
        Some(c) if c == env.name => Ok(()),
        Some(c) => Err(IdpError::usage(format!(
            "`--confirm {c}` does not name the environment `{}`",
            env.name
        ))),
        None if env.tier() == Some("production") => Err(IdpError::usage(format!(
            "`{}` is a production environment: confirm the teardown with `--confirm {}`",
            env.name, env.name
        ))),
        None => Ok(()),
    }
}

/// The change of `idp teardown`.
pub fn changeset(
    base: &dyn Source,
    config: &Config,
    req: &TeardownRequest,
) -> anyhow::Result<(Changeset, Removal)> {
    let env = find_env(base, &req.env)?;
    check_confirmation(&env, req.confirm.as_deref())?;
    let lifecycle = effective_lifecycle(&env, req.lifecycle.as_deref())?;
    if let Some(b) = &req.build_id {
        pipeline::check_build_id(b).map_err(IdpError::usage)?;
    }
    let persistent = lifecycle == "persistent";
    let mut order = Vec::new();
    let mut kept = Vec::new();
    let mut files: Vec<(String, Option<String>)> = Vec::new();

    if req.build_id.is_none() {
        // 1. Apps (their overlay, ingress included) and their Argo CD Applications.
        let apps = app_names(base)?;
        let mut group = Vec::new();
        for app in &apps {
            group.extend(base.files(&format!("apps/{app}/{}", env.name))?);
            let application = format!("argocd/{}/{app}.yaml", env.name);
            if base.read(&application)?.is_some() {
                group.push(application);
            }
        }
        order.push(Group {
            stage: "apps and ingress",
            files: group,
        });
        // 2. Add-ons: the other Argo CD Applications of the environment, then the add-ons'
        //    generated values and objects of the environment (`addons/<addon>/…/<env>…`; the
        //    platform team's own overrides stay).
        let mut addons: Vec<String> = base
            .files(&format!("argocd/{}", env.name))?
            .into_iter()
            .filter(|p| !order[0].files.contains(p))
            .collect();
        addons.extend(base.files("addons")?.into_iter().filter(|p| {
            crate::platform::addons::is_generated(p)
                && crate::platform::environments::of_generated_path(p) == Some(env.name.as_str())
        }));
        order.push(Group {
            stage: "add-ons",
            files: addons,
        });
    }

    // 3. Requests, the cluster last; through the same producer as `idp provision delete`.
    let (envs, _) = environments::load(base)?;
    let (all, findings) = requests::load_all(base)?;
    if let Some(f) = findings.into_iter().next() {
        return Err(IdpError::bad_input(f));
    }
    let mut mine: Vec<&requests::RequestFile> = all
        .iter()
        .filter(|r| r.env == env.name)
        .filter(|r| {
            req.build_id
                .as_deref()
                .is_none_or(|b| r.spec().get("buildId").and_then(Value::as_str) == Some(b))
        })
        .collect();
    if let Some(b) = &req.build_id
        && mine.is_empty()
    {
        return Err(IdpError::usage(format!(
            "no request in `{}` carries build id `{b}` (`spec.buildId`)",
            env.name
        )));
    }
    mine.sort_by_key(|r| {
        (
            KIND_ORDER
                .iter()
                .position(|k| *k == r.kind.name)
                .unwrap_or(KIND_ORDER.len()),
            r.id.clone(),
        )
    });
    let mut group = Vec::new();
    for r in mine {
        if persistent && matches!(r.kind.name, "rds" | "secrets") {
            kept.push(r.id.clone());
            continue;
        }
        let delete = requests::produce::delete(base, config, &envs, &r.id, None)?;
        group.extend(delete.files.into_keys());
    }
    order.push(Group {
        stage: "infrastructure requests",
        files: group,
    });
    for g in &order {
        for f in &g.files {
            files.push((f.clone(), None));
        }
    }

    let id = match &req.build_id {
        Some(b) => format!("{}-{b}", env.name),
        None => env.name.clone(),
    };
    let mut cs = Changeset::new("teardown", &id, "teardown:remove");
    cs.scope = Some(env.name.clone());
    let what = req
        .build_id
        .as_ref()
        .map(|b| format!("build `{b}` of `{}`", env.name))
        .unwrap_or_else(|| format!("`{}`", env.name));
    cs.title = format!("Tear down {what} ({lifecycle})");
    let mut body = format!(
        "Removes what the platform repo deploys to {what}, in dependency order. Merge it, then \
         run the stage plan: `idp teardown run --env {}`{}.\n\n",
        env.name,
        req.build_id
            .as_ref()
            .map(|b| format!(" --build-id {b}"))
            .unwrap_or_default()
    );
    for (i, g) in order.iter().enumerate() {
        body.push_str(&format!(
            "{}. {}: {} file(s)\n",
            i + 1,
            g.stage,
            g.files.len()
        ));
    }
    if !kept.is_empty() {
        body.push_str(&format!(
            "\nKept (persistent environment): {}\n",
            kept.join(", ")
        ));
    }
    cs.body = body;
    cs.labels = crate::yaml::strings(env.get("/gates/approvals"));
    cs.reviewers = crate::yaml::strings(env.get("/gates/reviewers"));
    cs.trailers.push(("Idp-Teardown".into(), env.name.clone()));
    if let Some(b) = &req.build_id {
        cs.trailers.push(("Idp-Build-Id".into(), b.clone()));
    }
    cs.files.extend(files);
    // The whole environment is retired: idp stops generating its wiring (a later change would
    // otherwise put the root app and add-ons back) and new apps skip it. `idp env set
    // lifecycle active` brings it back.
    if req.build_id.is_none() && !env.retired() {
        let text = base.read(&env.path)?.unwrap_or_default();
        let retired = crate::yaml::edit::set(&text, &["lifecycle"], &serde_json::json!("retired"))
            .map_err(|e| IdpError::usage(format!("{}: {e}", env.path)))?;
        cs.files.insert(env.path.clone(), Some(retired));
    }
    let removal = Removal {
        env: env.name.clone(),
        lifecycle,
        build_id: req.build_id.clone(),
        order,
        kept,
    };
    Ok((cs, removal))
}

/// Every app with an `apps/<app>/app.yaml`.
fn app_names(base: &dyn Source) -> anyhow::Result<Vec<String>> {
    crate::platform::delivery::apps(base)
}
