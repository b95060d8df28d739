//! The producer behind `idp new-app`: answers checked against the golden path's parameters,
//! the render context (config, environments in promotion order, per-environment values), the
//! app repository's files and one platform Changeset — including, for paths that need a
//! database, RDS requests made through the same contract as `idp provision rds`.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::environments::{self, EnvFile};
use super::{Config, Source};
use crate::change::Changeset;
use crate::error::{Finding, IdpError};
use crate::golden::{self, GoldenPath};
use crate::infra::forge::{RepoRef, RepoSpec};
use crate::requests::{IdAllocator, rds};

pub const ANSWERS_FILE: &str = ".idp/answers.yaml";
/// Trailer on a commit whose tree is exactly a golden path's render (the base of upgrades).
pub const TEMPLATE_TRAILER: &str = "Idp-Template-Render";

/// Is `name` a DNS-1123 label (what Kubernetes, ECR and repositories all accept)?
pub fn dns_label(name: &str) -> bool {
    let b = name.as_bytes();
    !b.is_empty()
        && b.len() <= 63
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
}

/// What `idp new-app` was asked for.
#[derive(Debug, Clone)]
pub struct NewAppOptions {
    pub name: String,
    pub template: String,
    pub answers: Map<String, Value>,
    pub actor: String,
    /// The highest RDS request number handed out (its sequence): new IDs are above it.
    pub rds_taken: u64,
    /// The same for ECR requests (the app's image repository).
    pub ecr_taken: u64,
    /// The IDs this app's requests already have on its branch (`<kind>/<env>` → ID): a rerun
    /// keeps them rather than taking new numbers.
    pub reuse: BTreeMap<String, String>,
}

/// Everything `idp new-app` will write.
pub struct NewApp {
    pub golden: GoldenPath,
    pub answers: Map<String, Value>,
    pub repo: RepoSpec,
    pub app_files: BTreeMap<String, Option<String>>,
    pub changeset: Changeset,
    pub entity_ref: String,
}

/// The environments of the platform, in promotion order.
pub fn ordered_envs(base: &dyn Source) -> anyhow::Result<Vec<EnvFile>> {
    let (envs, findings) = environments::load(base)?;
    if !findings.is_empty() {
        return Err(IdpError::Invalid {
            message: "the environments on the base branch do not parse; run `idp validate`".into(),
            findings,
        }
        .into());
    }
    Ok(in_promotion_order(envs))
}

/// `envs` sorted in promotion order (those outside it last).
pub fn in_promotion_order(envs: Vec<EnvFile>) -> Vec<EnvFile> {
    let (order, _) = environments::order(&envs, &[]);
    let mut sorted = envs;
    sorted.sort_by_key(|e| {
        order
            .iter()
            .position(|n| n == &e.name)
            .unwrap_or(usize::MAX)
    });
    sorted
}

/// Check answers (defaults filled in); problems are bad input naming the parameter.
pub fn resolve_answers(
    gp: &GoldenPath,
    given: &Map<String, Value>,
) -> anyhow::Result<Map<String, Value>> {
    let answers = gp.with_defaults(given);
    let problems = gp.check_answers(&answers)?;
    if !problems.is_empty() {
        return Err(IdpError::BadInput {
            message: problems.join("; "),
            findings: problems
                .iter()
                .map(|p| {
                    Finding::error("<parameters>", 1, 1)
                        .rule("golden-path/parameters")
                        .message(p.clone())
                })
                .collect(),
        }
        .into());
    }
    Ok(answers)
}

fn database_of(app: &str) -> (String, String) {
    let mut db: String = app.replace('-', "_");
    if !db.starts_with(|c: char| c.is_ascii_lowercase()) {
        db = format!("app_{db}");
    }
    while db.len() < 3 {
        db.push('_');
    }
    db.truncate(26);
    let user = format!("{db}_app");
    (db, user)
}

/// The render context: shared values, and one full context per environment.
pub fn context(
    config: &Config,
    envs: &[EnvFile],
    gp: &GoldenPath,
    answers: &Map<String, Value>,
    repo: &RepoRef,
) -> (Value, Vec<Value>) {
    let name = answers
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let region = config
        .registry
        .region
        .clone()
        .unwrap_or_else(|| config.defaults.region.clone());
    let account = config
        .registry
        .account_id
        .clone()
        .or_else(|| {
            envs.first()
                .and_then(|e| e.get("/account"))
                .and_then(Value::as_str)
                .map(str::to_string)
        })
        .unwrap_or_else(|| "000000000000".into());
    let (db, user) = database_of(&name);
    let (gitops_repo, gitops_revision) = super::gitops::source_of(config);
    let environments: Vec<Value> = envs
        .iter()
        .map(|e| {
            let mut v = e.doc.value.clone();
            if v.get("domain").is_none_or(Value::is_null) {
                v["domain"] = json!(format!("{}.{}", e.name, config.domain));
            }
            v
        })
        .collect();
    let base = json!({
        "app": answers,
        "golden_path": {"name": gp.name, "version": gp.version},
        "vars": gp.vars,
        "org": config.org,
        "prefix": config.naming.prefix,
        "domain": config.domain,
        "registry": {
            "host": format!("{account}.dkr.ecr.{region}.amazonaws.com"),
            "region": region,
            "account": account,
        },
        "ci": {
            "action": config
                .ci
                .action
                .clone()
                .unwrap_or_else(|| super::init::default_action(&config.org)),
            "scan": {
                "severity": config.ci.scan.fail_on.join(","),
                "ignoreUnfixed": config.ci.scan.ignore_unfixed,
            },
        },
        "gitops": {
            "repoURL": gitops_repo,
            "revision": gitops_revision,
            "server": super::gitops::IN_CLUSTER,
            "webURL": gitops_repo.trim_end_matches(".git"),
        },
        "repository": {
            "url": repo.clone_url,
            "catalog_url": format!("{}/blob/main/catalog-info.yaml", repo.web_url),
        },
        "database": {"name": db, "username": user, "secret": format!("{name}-db")},
        "environments": environments,
    });
    let replicas = answers.get("replicas").and_then(Value::as_u64).unwrap_or(1);
    let per_env = envs
        .iter()
        .zip(&environments)
        .map(|(e, v)| {
            let tier = e.tier().unwrap_or("development");
            let mut ctx = base.clone();
            ctx["env"] = v.clone();
            ctx["env"]["name"] = json!(e.name);
            // Argo CD self-heals only where the drift policy is `auto` (`idp drift`).
            ctx["env"]["selfHeal"] =
                json!(crate::platform::environments::DriftPolicy::self_heal(e));
            ctx["namespace"] = json!(format!("{name}-{}", e.name));
            ctx["host"] = json!(format!(
                "{name}.{}",
                v["domain"].as_str().unwrap_or_default()
            ));
            ctx["tls"] = json!(tier == "production");
            ctx["cluster_issuer"] = json!(super::addons::cluster_issuer(Some(tier)));
            ctx["replicas"] = json!(if matches!(tier, "staging" | "production") {
                replicas
            } else {
                1
            });
            ctx["log_level"] = json!(match tier {
                "production" => "warn",
                "staging" => "info",
                _ => "debug",
            });
            ctx
        })
        .collect();
    (base, per_env)
}

/// `.idp/answers.yaml`: which golden path, which version, which answers.
pub fn answers_file(gp: &GoldenPath, answers: &Map<String, Value>) -> String {
    let mut s = String::from(
        "# Written by idp; `idp upgrade` re-renders the golden path with these answers.\n",
    );
    s.push_str(&format!(
        "goldenPath: {}\nversion: {}\n",
        gp.name,
        crate::yaml::render_inline(&json!(gp.version))
    ));
    if gp.lineage.len() > 1 {
        s.push_str("lineage:\n");
        for (k, v) in &gp.lineage {
            s.push_str(&format!(
                "  {k}: {}\n",
                crate::yaml::render_inline(&json!(v))
            ));
        }
    }
    s.push_str("answers:\n");
    let sorted: BTreeMap<&String, &Value> = answers.iter().collect();
    for (k, v) in sorted {
        s.push_str(&format!("  {k}: {}\n", crate::yaml::render_inline(v)));
    }
    s
}

/// Render a golden path's app tree for an app (new-app, golden-path render, upgrade).
pub fn render_app(
    config: &Config,
    envs: &[EnvFile],
    gp: &GoldenPath,
    answers: &Map<String, Value>,
    repo: &RepoRef,
) -> anyhow::Result<(BTreeMap<String, String>, BTreeMap<String, String>)> {
    let (ctx, per_env) = context(config, envs, gp, answers, repo);
    let rendered = gp.render(&ctx, &per_env)?;
    let mut app = rendered.app;
    app.insert(ANSWERS_FILE.into(), answers_file(gp, answers));
    Ok((app, rendered.platform))
}

/// Only the app repository's files (for `golden-path render` and `upgrade`).
pub fn render_app_repo(
    config: &Config,
    envs: &[EnvFile],
    gp: &GoldenPath,
    answers: &Map<String, Value>,
    repo: &RepoRef,
) -> anyhow::Result<BTreeMap<String, String>> {
    let (ctx, per_env) = context(config, envs, gp, answers, repo);
    let rendered = gp.render_app_only(&ctx, &per_env)?;
    let mut app = rendered.app;
    app.insert(ANSWERS_FILE.into(), answers_file(gp, answers));
    Ok(app)
}

/// `idp new-app`.
pub fn new_app(
    base: &dyn Source,
    config: &Config,
    opts: &NewAppOptions,
    repo: &RepoRef,
) -> anyhow::Result<NewApp> {
    if !dns_label(&opts.name) {
        return Err(IdpError::usage(format!(
            "parameter `name`: `{}` is not a DNS-1123 label (lowercase letters, digits and `-`, \
             at most 63, starting and ending with a letter or digit)",
            opts.name
        )));
    }
    if let Some(other) = opts.answers.get("name")
        && other.as_str() != Some(opts.name.as_str())
    {
        return Err(IdpError::usage(format!(
            "parameter `name` is {other} in the values but the app is `{}`: give the name once, \
             as the command's NAME",
            opts.name
        )));
    }
    let gp = golden::load(base, &opts.template)?;
    let mut given = opts.answers.clone();
    given.insert("name".into(), json!(opts.name));
    let answers = resolve_answers(&gp, &given)?;
    let app_yaml = format!("apps/{}/app.yaml", opts.name);
    if base.read(&app_yaml)?.is_some() {
        return Err(IdpError::usage(format!(
            "app `{}` already exists (`{app_yaml}`); use `idp upgrade` to re-apply its golden path",
            opts.name
        )));
    }
    let owner = answers
        .get("owner")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    // A torn-down (retired) environment gets no new apps.
    let envs: Vec<EnvFile> = ordered_envs(base)?
        .into_iter()
        .filter(|e| !e.retired())
        .collect();
    let (app_files, platform_files) = render_app(config, &envs, &gp, &answers, repo)?;

    let mut cs = Changeset::new("app", &opts.name, "app:create");
    cs.title = format!("New app `{}` ({} {})", opts.name, gp.name, gp.version);
    for (path, text) in platform_files {
        cs.write(path, text);
    }
    let mut request_ids = Vec::new();
    if gp.vars.get("database").and_then(Value::as_bool) == Some(true) {
        let mut ids = IdAllocator::new(base, rds::KIND)?;
        ids.at_least(opts.rds_taken);
        let (db, user) = database_of(&opts.name);
        let size = answers
            .get("db_size")
            .and_then(Value::as_str)
            .unwrap_or("small")
            .to_string();
        for env in &envs {
            let production = env.tier() == Some("production");
            let env_size = if matches!(env.tier(), Some("development") | Some("testing")) {
                "small".to_string()
            } else {
                size.clone()
            };
            let mut spec = rds::Spec::defaults(&db, &user, &env_size, production);
            spec.application = Some(opts.name.clone());
            let reused = opts.reuse.get(&format!("rds/{}", env.name)).cloned();
            let fresh = reused.is_none();
            let req = rds::Request {
                id: reused.unwrap_or_else(|| ids.next_id()),
                environment: env.name.clone(),
                owner: owner.clone(),
                requester: opts.actor.clone(),
                title: format!("Database of {} in {}", opts.name, env.name),
                description: format!(
                    "PostgreSQL database of the app `{}` in `{}` (golden path {}).",
                    opts.name, env.name, gp.name
                ),
                spec,
            };
            let ctx = crate::requests::render::RenderCtx::new(config, env);
            let kind = crate::requests::kind(rds::KIND).expect("rds is a kind");
            for (path, text) in crate::requests::files_for(base, kind, &req.doc(), &ctx)? {
                cs.write(path, text);
            }
            cs.write(
                format!("apps/{}/{}/externalsecret.yaml", opts.name, env.name),
                rds::external_secret(
                    &config.naming.prefix,
                    &env.name,
                    &db,
                    &format!("{}-db", opts.name),
                ),
            );
            cs.claims
                .extend(crate::requests::claim(rds::KIND, &req.id, fresh));
            request_ids.push(req.id);
        }
    }
    // The app's image repository, through the provision contract: one request, in the first
    // environment (ECR is per account and region, and every environment pulls from it), with
    // the golden path's risk.
    if let Some(first) = envs.first() {
        let mut ids = IdAllocator::new(base, "ecr")?;
        ids.at_least(opts.ecr_taken);
        let reused = opts.reuse.get(&format!("ecr/{}", first.name)).cloned();
        let fresh = reused.is_none();
        let id = reused.unwrap_or_else(|| ids.next_id());
        let risk = gp.vars.get("risk").and_then(Value::as_str).unwrap_or("low");
        let doc = json!({
            "id": id,
            "environment": first.name,
            "owner": owner,
            "requester": opts.actor,
            "metadata": {
                "title": format!("Image repository of {}", opts.name),
                "description": format!(
                    "The container images of the app `{}` (golden path {}), pushed by its \
                     delivery workflow and pulled by every environment.",
                    opts.name, gp.name
                ),
            },
            "spec": {
                "repositoryName": opts.name,
                "application": opts.name,
                "risk": risk,
                "scanOnPush": true,
                "untaggedExpiryDays": 7,
            },
        });
        let kind = crate::requests::kind("ecr")
            .ok_or_else(|| anyhow::anyhow!("the request kind `ecr` is missing"))?;
        let ctx = crate::requests::render::RenderCtx::new(config, first);
        let doc = doc.as_object().cloned().unwrap_or_default();
        for (path, text) in crate::requests::files_for(base, kind, &doc, &ctx)? {
            cs.write(path, text);
        }
        cs.claims.extend(crate::requests::claim("ecr", &id, fresh));
        request_ids.push(id);
    }
    cs.body = format!(
        "Creates the app `{name}` from the golden path `{gp}` {ver}, owned by `{owner}`.\n\n\
         - App repository: {url}\n- Catalog entity: component:default/{name}\n- Environments: {envs}\n",
        name = opts.name,
        gp = gp.name,
        ver = gp.version,
        url = repo.clone_url,
        envs = envs
            .iter()
            .map(|e| e.name.as_str())
            .collect::<Vec<_>>()
            .join(" → "),
    );
    if !request_ids.is_empty() {
        cs.body.push_str(&format!(
            "- Requests (image repository, databases): {}\n",
            request_ids.join(", ")
        ));
        cs.trailers
            .push(("Idp-Request".into(), request_ids.join(", ")));
    }
    // The team's AppProject in each environment now allows the app's namespace.
    super::gitops::write_into(&mut cs, base, config)?;
    cs.trailers.push(("Idp-App".into(), opts.name.clone()));
    cs.trailers.push((
        "Idp-Golden-Path".into(),
        format!("{}@{}", gp.name, gp.version),
    ));

    let repo_spec = RepoSpec {
        name: opts.name.clone(),
        description: answers
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        owner_team: owner.clone(),
        topics: vec![
            "golden-path".into(),
            format!("owner-{owner}"),
            format!("template-{}", gp.name),
        ],
        private: true,
        default_branch: "main".into(),
    };
    Ok(NewApp {
        entity_ref: format!("component:default/{}", opts.name),
        app_files: app_files.into_iter().map(|(k, v)| (k, Some(v))).collect(),
        changeset: cs,
        repo: repo_spec,
        answers,
        golden: gp,
    })
}

/// The first commit message of an app repository (it marks the pristine render).
pub fn first_commit_message(
    gp: &GoldenPath,
    app: &str,
    command: &str,
    who: &crate::identity::Identity,
) -> String {
    format!(
        "Create {app} from the {} golden path {}\n\n{}: {command}\nIdp-Actor: {}\n{}: {}\n{TEMPLATE_TRAILER}: {}@{}\n",
        gp.name,
        gp.version,
        crate::infra::git::COMMAND_TRAILER,
        who.actor,
        crate::identity::VERIFIED_BY_TRAILER,
        who.verified_by,
        gp.name,
        gp.version
    )
}
