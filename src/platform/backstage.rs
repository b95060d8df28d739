//! Backstage as a platform add-on (issue 25, ADR-0040), in the environments `backstage.
//! environments` of idp.yaml names.
//!
//! The chart is the Backstage project's own (`backstage/backstage`, pinned in [`ADDON`]); the
//! image is the platform's Backstage app (`backstage.image` of idp.yaml, default registry the
//! platform's ECR), which carries the plugins this configuration names and idp's scaffolder
//! module with the idp binary (`integrations/backstage/`). Everything the app reads is
//! generated here as its `app-config` (the chart's `backstage.appConfig`):
//!
//! - sign-in through the platform's Keycloak realm (OIDC, client `backstage`); users and groups
//!   come into the catalog from the same realm (its groups are the teams of idp.yaml), so a
//!   user's groups are the owners they act for, and the permission policy (a CSV beside the
//!   chart) makes the `platform` group admin and lets every team run the templates;
//! - the catalog reads the platform repo's `catalog/` (which lists every app's own
//!   `catalog-info.yaml`, every request's entity and idp's templates), and with the github forge
//!   discovers every repository's `catalog-info.yaml` of the organisation too;
//! - the Kubernetes plugin reads the environment's own cluster with its service account (a
//!   read-only ClusterRole beside the chart); TechDocs are built by the app and published to
//!   the environment's bucket `<prefix>-<env>-techdocs`;
//! - the database is the RDS request whose `databaseName` is `backstage` (the provision
//!   contract's ExternalSecret, [`crate::requests::rds::external_secret`]); the other secrets
//!   come through External Secrets from `<prefix>/<env>/backstage/…` and the realm's client
//!   secret (`<prefix>/<env>/keycloak/clients/backstage`): no value is in git.

use serde_json::{Value, json};

use super::addons::{Addon, Ctx, issuer_name, meta};
use super::catalog_groups::{documents, duplicate_groups, realm_group};
use super::keycloak::{PLATFORM_GROUP, client_secret_key, external_secret, templated};

/// The namespace Backstage runs in.
pub const NAMESPACE: &str = "backstage";
/// The Backstage project's chart (`https://github.com/backstage/charts`, tag `backstage-2.8.2`).
pub const ADDON: Addon = Addon {
    name: "backstage",
    namespace: NAMESPACE,
    repo: "https://backstage.github.io/charts",
    chart: "backstage",
    version: "2.8.2",
};
/// The database the add-on reads: an RDS request with this `databaseName` in the environment.
pub const DATABASE: &str = super::config::BACKSTAGE_DATABASE;
/// The Keycloak client Backstage signs users in with (the realm has it: ADR-0033).
pub const CLIENT: &str = "backstage";

/// The Secret of the database credentials (the RDS contract's keys DB_HOST … DB_PASS).
const DB_SECRET: &str = "backstage-db";
/// The Secret of the other credentials (client secret, session secret, forge token).
const SECRETS: &str = "backstage-secrets";
/// The ConfigMap of the permission policy, and where the app reads it.
const RBAC_CONFIGMAP: &str = "backstage-rbac-policy";
const RBAC_DIR: &str = "/opt/idp/rbac";
const RBAC_FILE: &str = "rbac-policy.csv";
/// The chart's objects are named `backstage`; so is its service account.
const FULLNAME: &str = "backstage";

/// Does `env` run Backstage (idp.yaml `backstage.environments`)?
pub fn hosts(config: &super::Config, env: &str) -> bool {
    config.backstage.environments.iter().any(|e| e == env)
}

/// Where a secret of Backstage lives in AWS Secrets Manager: `<prefix>/<env>/backstage/<name>`.
pub fn secret_key(prefix: &str, env: &str, name: &str) -> String {
    format!("{prefix}/{env}/backstage/{name}")
}

fn github(c: &Ctx<'_>) -> bool {
    c.config.forge.kind == "github"
}

/// The platform repo as a web URL (the catalog reads its files through it).
fn platform_web(c: &Ctx<'_>) -> (String, String) {
    let (repo, revision) = super::gitops::source_of(c.config);
    (repo.trim_end_matches(".git").to_string(), revision)
}

/// The app-config the platform's Backstage runs with in this environment.
pub(super) fn app_config(c: &Ctx<'_>) -> Value {
    let base = format!("https://backstage.{}", c.domain);
    let (web, revision) = platform_web(c);
    let org = c
        .config
        .forge
        .github
        .owner
        .clone()
        .unwrap_or_else(|| c.config.org.clone());
    let cluster = Some(c.str("/cluster"))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| c.env.name.clone());
    let mut catalog = json!({
        "rules": [{"allow": [
            "Component", "System", "API", "Resource", "Location", "Template", "Group", "User",
            "Domain",
        ]}],
        // The platform repo's catalog: its Group and System, every app's Location (which
        // points at the app's own catalog-info.yaml), every request's Resource and the
        // templates idp generates (catalog/backstage-templates.yaml).
        "locations": [{
            "type": "url",
            "target": format!("{web}/blob/{revision}/catalog/**/*.yaml"),
        }],
        "providers": {
            // Users and groups from the platform's realm: its groups are idp.yaml's teams.
            "keycloakOrg": {"default": {
                "baseUrl": format!("https://keycloak.{}", c.domain),
                "loginRealm": c.realm(),
                "realm": c.realm(),
                "clientId": CLIENT,
                "clientSecret": "${AUTH_OIDC_CLIENT_SECRET}",
                "schedule": {"frequency": {"minutes": 30}, "timeout": {"minutes": 3}},
            }},
        },
    });
    let mut integrations = json!({});
    if github(c) {
        let host = c
            .config
            .forge
            .github
            .git_url
            .as_deref()
            .unwrap_or("https://github.com")
            .trim_start_matches("https://")
            .trim_end_matches('/')
            .to_string();
        let host = if host.is_empty() {
            "github.com".to_string()
        } else {
            host
        };
        integrations["github"] = json!([{"host": host, "token": "${GITHUB_TOKEN}"}]);
        // Every repository of the organisation with a catalog-info.yaml (new apps included
        // before their Location is merged).
        catalog["providers"]["github"] = json!({"platform": {
            "organization": org,
            "catalogPath": "/catalog-info.yaml",
            "filters": {"branch": "main"},
            "schedule": {"frequency": {"minutes": 30}, "timeout": {"minutes": 3}},
        }});
    }
    json!({
        "app": {"title": format!("{} developer portal", c.config.org), "baseUrl": base},
        "organization": {"name": c.config.org},
        "backend": {
            "baseUrl": base,
            "listen": {"port": 7007},
            "cors": {"origin": base, "credentials": true},
            "database": {
                "client": "pg",
                "connection": {
                    "host": "${DB_HOST}",
                    "port": "${DB_PORT}",
                    "user": "${DB_USER}",
                    "password": "${DB_PASS}",
                    "ssl": {"rejectUnauthorized": false},
                },
            },
        },
        "auth": {
            "environment": "production",
            "session": {"secret": "${AUTH_SESSION_SECRET}"},
            "providers": {"oidc": {"production": {
                "metadataUrl": format!("{}/.well-known/openid-configuration", c.issuer()),
                "clientId": CLIENT,
                "clientSecret": "${AUTH_OIDC_CLIENT_SECRET}",
                "prompt": "auto",
                "scope": "openid profile email groups",
                // The user the realm's users are ingested as (keycloakOrg), whose `memberOf`
                // (the realm's groups, the teams) is what they own.
                "signIn": {"resolvers": [{"resolver": "emailMatchingUserEntityProfileEmail"}]},
            }}},
        },
        "signInPage": "oidc",
        "integrations": integrations,
        "catalog": catalog,
        "permission": {
            "enabled": true,
            "rbac": {
                "admin": {"users": [{"name": format!("group:default/{PLATFORM_GROUP}")}]},
                "policies-csv-file": format!("{RBAC_DIR}/{RBAC_FILE}"),
                "policyFileReload": true,
            },
        },
        "kubernetes": {
            "serviceLocatorMethod": {"type": "multiTenant"},
            "clusterLocatorMethods": [{"type": "config", "clusters": [{
                "name": cluster,
                "url": super::gitops::IN_CLUSTER,
                "authProvider": "serviceAccount",
                "skipTLSVerify": false,
                "caFile": "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt",
                "dashboardApp": "standard",
            }]}],
        },
        "techdocs": {
            "builder": "local",
            "generator": {"runIn": "local"},
            "publisher": {"type": "awsS3", "awsS3": {
                "bucketName": techdocs_bucket(c),
                "region": c.str("/region"),
            }},
        },
        "scaffolder": {"defaultAuthor": {"name": "Backstage", "email": format!("backstage@{}", c.config.domain)}},
        // idp's scaffolder module (integrations/backstage/): the binary in the image, the
        // platform repo cloned at start-up into the pod.
        "idp": {"binary": "/usr/local/bin/idp", "platform": "/opt/idp/platform"},
    })
}

fn techdocs_bucket(c: &Ctx<'_>) -> String {
    format!("{}-{}-techdocs", c.config.naming.prefix, c.env.name)
}

/// The permission policy (the RBAC plugin's CSV): the `platform` group administers; every
/// team reads the catalog and runs the templates; everyone reads.
pub(super) fn rbac_policy(c: &Ctx<'_>) -> String {
    let mut teams: Vec<&str> = c
        .config
        .teams
        .iter()
        .map(|t| t.name.as_str())
        .filter(|t| !t.is_empty() && *t != PLATFORM_GROUP)
        .collect();
    teams.sort_unstable();
    teams.dedup();
    let mut lines = vec![
        "p, role:default/platform-admin, catalog-entity, read, allow".to_string(),
        "p, role:default/platform-admin, catalog.entity.create, create, allow".into(),
        "p, role:default/platform-admin, catalog.entity.delete, delete, allow".into(),
        "p, role:default/platform-admin, catalog.entity.refresh, update, allow".into(),
        "p, role:default/platform-admin, catalog.location.create, create, allow".into(),
        "p, role:default/platform-admin, scaffolder-template, read, allow".into(),
        "p, role:default/platform-admin, scaffolder-action, use, allow".into(),
        "p, role:default/platform-admin, scaffolder.task.create, create, allow".into(),
        "p, role:default/platform-admin, scaffolder.task.read, read, allow".into(),
        "p, role:default/platform-admin, scaffolder.task.cancel, use, allow".into(),
        "p, role:default/developer, catalog-entity, read, allow".into(),
        "p, role:default/developer, catalog.entity.refresh, update, allow".into(),
        "p, role:default/developer, scaffolder-template, read, allow".into(),
        "p, role:default/developer, scaffolder-action, use, allow".into(),
        "p, role:default/developer, scaffolder.task.create, create, allow".into(),
        "p, role:default/developer, scaffolder.task.read, read, allow".into(),
        "p, role:default/viewer, catalog-entity, read, allow".into(),
        format!("g, group:default/{PLATFORM_GROUP}, role:default/platform-admin"),
    ];
    lines.extend(
        teams
            .iter()
            .map(|t| format!("g, group:default/{t}, role:default/developer")),
    );
    format!("{}\n", lines.join("\n"))
}

/// The chart's generated values.
pub(super) fn values(c: &Ctx<'_>) -> Value {
    let host = format!("backstage.{}", c.domain);
    let b = &c.config.backstage.image;
    let registry = b.registry.clone().unwrap_or_else(|| {
        format!(
            "{}.dkr.ecr.{}.amazonaws.com",
            c.config
                .registry
                .account_id
                .clone()
                .unwrap_or_else(|| c.str("/account")),
            c.config
                .registry
                .region
                .clone()
                .unwrap_or_else(|| c.str("/region"))
        )
    });
    let repository = b
        .repository
        .clone()
        .unwrap_or_else(|| format!("{}-backstage", c.config.naming.prefix));
    let labels = json!({
        "app.kubernetes.io/name": "backstage",
        "team": PLATFORM_GROUP,
        "env": c.env.name,
        "version": b.digest.clone().or_else(|| b.tag.clone()).unwrap_or_default()
            .replace("sha256:", "sha256-").chars().take(63).collect::<String>(),
    });
    json!({
        "fullnameOverride": FULLNAME,
        "backstage": {
            "replicas": if c.production() { 2 } else { 1 },
            "image": {
                "registry": registry,
                "repository": repository,
                "tag": b.tag.clone().unwrap_or_default(),
                "digest": b.digest.clone().unwrap_or_default(),
            },
            "appConfig": app_config(c),
            "extraEnvVarsSecrets": [DB_SECRET, SECRETS],
            "extraVolumes": [{"name": "rbac-policy", "configMap": {"name": RBAC_CONFIGMAP}}],
            "extraVolumeMounts": [{"name": "rbac-policy", "mountPath": RBAC_DIR, "readOnly": true}],
            "podLabels": labels,
            "podSecurityContext": {
                "runAsNonRoot": true,
                "runAsUser": 1000,
                "runAsGroup": 1000,
                "fsGroup": 1000,
                "seccompProfile": {"type": "RuntimeDefault"},
            },
            "containerSecurityContext": {
                "allowPrivilegeEscalation": false,
                "capabilities": {"drop": ["ALL"]},
            },
            "resources": if c.production() {
                json!({"requests": {"cpu": "500m", "memory": "1Gi"}, "limits": {"memory": "2Gi"}})
            } else {
                json!({"requests": {"cpu": "250m", "memory": "512Mi"}, "limits": {"memory": "1Gi"}})
            },
            "pdb": if c.production() { json!({"create": true, "maxUnavailable": 1}) } else { json!({"create": false}) },
        },
        "serviceAccount": {
            "create": true,
            "name": FULLNAME,
            // TechDocs' bucket through IRSA (the environment's Terraform root makes the role).
            "annotations": {"eks.amazonaws.com/role-arn": format!(
                "arn:aws:iam::{}:role/{}-{}-backstage",
                c.str("/account"),
                c.config.naming.prefix,
                c.env.name
            )},
        },
        "ingress": {
            "enabled": true,
            "className": super::kong::INGRESS_CLASS,
            "host": host,
            "annotations": {
                "cert-manager.io/cluster-issuer": issuer_name(c),
                "konghq.com/protocols": "https",
                "konghq.com/https-redirect-status-code": "308",
            },
            "tls": {"enabled": true, "secretName": "backstage-tls"},
        },
        "postgresql": {"enabled": false},
        "metrics": {"serviceMonitor": {"enabled": true}},
    })
}

/// The objects beside the chart, by file name: the database's and the app's ExternalSecrets,
/// the permission policy, and the Kubernetes plugin's read-only access to the cluster.
pub(super) fn objects(c: &Ctx<'_>) -> Vec<(String, Value)> {
    let prefix = &c.config.naming.prefix;
    let env = &c.env.name;
    let db = crate::yaml::parse(&crate::requests::rds::external_secret(
        prefix, env, DATABASE, DB_SECRET,
    ))
    .map(|d| {
        let mut v = d.value;
        v["metadata"]["annotations"] = json!({"argocd.argoproj.io/sync-wave": "1"});
        v
    })
    .unwrap_or(Value::Null);
    let mut keys = vec![
        ("AUTH_OIDC_CLIENT_SECRET".to_string(), "client".to_string()),
        ("AUTH_SESSION_SECRET".into(), "session".into()),
    ];
    let mut data = vec![
        ("client".to_string(), client_secret_key(c, CLIENT), None),
        ("session".into(), secret_key(prefix, env, "session"), None),
    ];
    if github(c) {
        keys.push(("GITHUB_TOKEN".into(), "github".into()));
        data.push((
            "github".into(),
            secret_key(prefix, env, "github-token"),
            None,
        ));
    }
    let mut rbac_meta = meta(RBAC_CONFIGMAP);
    rbac_meta["labels"] = json!({"app.kubernetes.io/name": "backstage"});
    let reader = json!({"name": "backstage-kubernetes-reader"});
    vec![
        (format!("externalsecret-{DB_SECRET}.yaml"), db),
        (
            format!("externalsecret-{SECRETS}.yaml"),
            external_secret(SECRETS, templated(SECRETS, "Owner", keys), data),
        ),
        (
            format!("configmap-{RBAC_CONFIGMAP}.yaml"),
            json!({
                "apiVersion": "v1",
                "kind": "ConfigMap",
                "metadata": rbac_meta,
                "data": {RBAC_FILE: rbac_policy(c)},
            }),
        ),
        (
            "clusterrole-backstage-kubernetes-reader.yaml".into(),
            json!({
                "apiVersion": "rbac.authorization.k8s.io/v1",
                "kind": "ClusterRole",
                "metadata": meta("backstage-kubernetes-reader"),
                "rules": [
                    {"apiGroups": [""], "resources": [
                        "pods", "pods/log", "services", "configmaps", "limitranges",
                        "resourcequotas", "namespaces",
                    ], "verbs": ["get", "list", "watch"]},
                    {"apiGroups": ["apps"], "resources": ["deployments", "replicasets", "statefulsets", "daemonsets"], "verbs": ["get", "list", "watch"]},
                    {"apiGroups": ["autoscaling"], "resources": ["horizontalpodautoscalers"], "verbs": ["get", "list", "watch"]},
                    {"apiGroups": ["networking.k8s.io"], "resources": ["ingresses"], "verbs": ["get", "list", "watch"]},
                    {"apiGroups": ["batch"], "resources": ["jobs", "cronjobs"], "verbs": ["get", "list", "watch"]},
                    {"apiGroups": ["metrics.k8s.io"], "resources": ["pods"], "verbs": ["get", "list"]},
                ],
            }),
        ),
        (
            "clusterrolebinding-backstage-kubernetes-reader.yaml".into(),
            json!({
                "apiVersion": "rbac.authorization.k8s.io/v1",
                "kind": "ClusterRoleBinding",
                "metadata": meta("backstage-kubernetes-reader"),
                "roleRef": {
                    "apiGroup": "rbac.authorization.k8s.io",
                    "kind": "ClusterRole",
                    "name": reader["name"],
                },
                "subjects": [{"kind": "ServiceAccount", "name": FULLNAME, "namespace": NAMESPACE}],
            }),
        ),
    ]
}

/// What `idp backstage enable ENV` is asked for.
pub struct EnableOptions {
    pub env: String,
    /// The image to pin (`backstage.image.tag` / `.digest`), when idp.yaml has none or it moves.
    pub tag: Option<String>,
    pub digest: Option<String>,
    pub actor: String,
    /// The RDS sequence's value (IDs up to it are taken, perhaps by open changes).
    pub rds_taken: u64,
    /// The ID of Backstage's RDS request already on this change's branch (a rerun keeps it).
    pub reuse: Option<String>,
}

/// Backstage switched on in one environment, as one change (ADR-0040): `env` added to
/// idp.yaml's `backstage.environments` (comments kept), the image pinned when asked, the RDS
/// request of its database made through the provision contract when the environment has none,
/// and the environment's add-on files (the Application, values, objects, the project's chart
/// repositories) rendered with the new idp.yaml. A rerun converges: nothing is added twice.
pub fn enable(
    base: &dyn super::Source,
    opts: &EnableOptions,
) -> anyhow::Result<crate::change::Changeset> {
    use crate::error::IdpError;
    let config = super::load_config(base)?;
    let env_name = &opts.env;
    let (envs, _) = super::environments::load(base)?;
    let Some(env) = envs.iter().find(|e| &e.name == env_name) else {
        let known: Vec<&str> = envs.iter().map(|e| e.name.as_str()).collect();
        return Err(IdpError::usage(format!(
            "`{env_name}` is not an environment of the platform (there are: {})",
            known.join(", ")
        )));
    };
    if env.retired() {
        return Err(IdpError::usage(format!(
            "`{env_name}` is retired: it runs no add-ons any more"
        )));
    }
    let image = &config.backstage.image;
    if opts.tag.is_none() && opts.digest.is_none() && image.tag.is_none() && image.digest.is_none()
    {
        return Err(IdpError::usage(
            "Backstage needs the platform's Backstage image: pass `--tag` or `--digest` (or set \
             `backstage.image` in idp.yaml)",
        ));
    }
    let mut text = base
        .read(super::CONFIG_FILE)?
        .ok_or_else(|| anyhow::anyhow!("`{}` is missing", super::CONFIG_FILE))?;
    let set = |text: &str, path: &[&str], value: &Value| {
        crate::yaml::edit::set(text, path, value)
            .map_err(|e| IdpError::usage(format!("{}: {e}", super::CONFIG_FILE)))
    };
    if !hosts(&config, env_name) {
        let mut list = config.backstage.environments.clone();
        list.push(env_name.clone());
        text = set(&text, &["backstage", "environments"], &json!(list))?;
    }
    for (key, value) in [("tag", &opts.tag), ("digest", &opts.digest)] {
        if let Some(v) = value {
            text = set(&text, &["backstage", "image", key], &json!(v))?;
        }
    }
    let mut cs = crate::change::Changeset::new(
        "backstage",
        &format!("enable-{env_name}"),
        "backstage:enable",
    );
    cs.scope = Some(env_name.clone());
    cs.title = format!("Run Backstage in `{env_name}`");
    cs.body = format!(
        "`idp backstage enable {env_name}`: `{env_name}` in idp.yaml's `backstage.environments`, \
         its add-on files (ADR-0040) and, when it has none, the RDS request of Backstage's \
         database (`databaseName: {DATABASE}`).\n"
    );
    cs.trailers
        .push(("Idp-Environment".into(), env_name.clone()));
    cs.write(super::CONFIG_FILE.to_string(), text);
    if !super::config::has_backstage_database(base, env_name)? {
        let id = super::keycloak::request_database(
            &mut cs,
            base,
            &config,
            env,
            DATABASE,
            (
                format!("Backstage's database in {env_name}"),
                format!(
                    "PostgreSQL database of the platform's Backstage in `{env_name}` (ADR-0040)."
                ),
            ),
            &super::keycloak::DatabaseOptions {
                actor: opts.actor.clone(),
                rds_taken: opts.rds_taken,
                reuse: opts.reuse.clone(),
            },
        )?;
        cs.body
            .push_str(&format!("\nDatabase: `{id}` (`{DATABASE}`).\n"));
    }
    // The realm's groups are the catalog's: a Group of catalog/ with a team's name (as
    // `idp init` wrote `platform` before ADR-0040) would be a second `group:default/<team>`.
    for (path, text) in realm_groups_in_catalog(base, &config)? {
        cs.files.insert(path, text);
    }
    // The wiring with the new idp.yaml (write_into reads it from the change).
    super::gitops::write_into(&mut cs, base, &config)?;
    Ok(cs)
}

/// The groups the platform's realm defines, and the Keycloak org provider brings into the
/// catalog: idp.yaml's teams and `platform`.
fn realm_groups(config: &super::Config) -> std::collections::BTreeSet<String> {
    config
        .teams
        .iter()
        .map(|t| t.name.clone())
        .filter(|t| !t.is_empty())
        .chain([PLATFORM_GROUP.to_string()])
        .collect()
}

/// The files of `catalog/` that define a Group the realm defines too, without those documents
/// (the rest of each file, comments included, kept; `None` when nothing is left).
fn realm_groups_in_catalog(
    base: &dyn super::Source,
    config: &super::Config,
) -> anyhow::Result<Vec<(String, Option<String>)>> {
    let groups = realm_groups(config);
    let mut files: Vec<String> = duplicate_groups(base, groups.iter().cloned())?
        .into_iter()
        .map(|(path, _, _)| path)
        .collect();
    files.dedup();
    let mut out = Vec::new();
    for path in files {
        let text = base.read(&path)?.unwrap_or_default();
        let kept = documents(&text)
            .into_iter()
            .map(|(_, d)| d)
            .filter(|d| !d.trim().is_empty() && realm_group(d, &groups).is_none())
            .collect::<Vec<_>>()
            .join("---\n");
        out.push((path, Some(kept).filter(|k| !k.trim().is_empty())));
    }
    Ok(out)
}

/// The ID of Backstage's RDS request in `env` (`databaseName: backstage`) on `source`.
pub fn database_request(source: &dyn super::Source, env: &str) -> anyhow::Result<Option<String>> {
    super::keycloak::database_request(source, env, DATABASE)
}

/// What `idp backstage disable ENV` is asked for.
pub struct DisableOptions {
    pub env: String,
}

/// Backstage switched off in one environment, as one change (ADR-0040): `env` removed from
/// idp.yaml's `backstage.environments` (comments kept) and the environment's add-on files
/// removed with it (the wiring rendered with the new idp.yaml). The RDS request of its
/// database stays: a change never destroys data (`idp provision delete` tears it down). An
/// environment that does not run Backstage is no change; a name that is neither in the list nor
/// an environment is refused.
pub fn disable(
    base: &dyn super::Source,
    opts: &DisableOptions,
) -> anyhow::Result<crate::change::Changeset> {
    use crate::error::IdpError;
    let config = super::load_config(base)?;
    let env_name = &opts.env;
    let (envs, _) = super::environments::load(base)?;
    if !hosts(&config, env_name) && !envs.iter().any(|e| &e.name == env_name) {
        let known: Vec<&str> = envs.iter().map(|e| e.name.as_str()).collect();
        return Err(IdpError::usage(format!(
            "`{env_name}` is not an environment of the platform (there are: {})",
            known.join(", ")
        )));
    }
    let mut text = base
        .read(super::CONFIG_FILE)?
        .ok_or_else(|| anyhow::anyhow!("`{}` is missing", super::CONFIG_FILE))?;
    if hosts(&config, env_name) {
        let list: Vec<&String> = config
            .backstage
            .environments
            .iter()
            .filter(|e| *e != env_name)
            .collect();
        text = crate::yaml::edit::set(&text, &["backstage", "environments"], &json!(list))
            .map_err(|e| IdpError::usage(format!("{}: {e}", super::CONFIG_FILE)))?;
    }
    let mut cs = crate::change::Changeset::new(
        "backstage",
        &format!("disable-{env_name}"),
        "backstage:disable",
    );
    cs.scope = Some(env_name.clone());
    cs.title = format!("Stop running Backstage in `{env_name}`");
    let database = database_request(base, env_name)?;
    cs.body = format!(
        "`idp backstage disable {env_name}`: `{env_name}` leaves idp.yaml's \
         `backstage.environments`, and its add-on files (ADR-0040) are removed: Argo CD prunes \
         Backstage from the cluster, and the environment's next `terraform apply` removes its \
         session secret, its IAM role and its TechDocs bucket (which Terraform refuses to \
         delete while it holds documents).\n"
    );
    if let Some(id) = database {
        cs.body.push_str(&format!(
            "\nBackstage's database, `{id}` (`databaseName: {DATABASE}`), stays: a change never \
             destroys data. `idp provision delete {id}` tears it down (in production with \
             `--break-glass \"destroy {id}\"`).\n"
        ));
    }
    cs.trailers
        .push(("Idp-Environment".into(), env_name.clone()));
    cs.write(super::CONFIG_FILE.to_string(), text);
    super::gitops::write_into(&mut cs, base, &config)?;
    Ok(cs)
}
