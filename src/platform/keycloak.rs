//! The Keycloak add-on and the platform's realm as code (issue 20, ADR-0033, ADR-0043).
//!
//! Keycloak runs from codecentric's `keycloakx` chart (the official Keycloak image) at
//! `https://keycloak.<domain>`, behind Kong with the tier's cert-manager issuer, in every
//! environment with a cluster. Its database is the environment's RDS request whose
//! `databaseName` is `keycloak` ([`DATABASE`], ADR-0043): Keycloak reads its host, port, name,
//! user and password through the provision contract's own ExternalSecret
//! ([`crate::requests::rds::external_secret`], key `<prefix>/<env>/keycloak/postgres`), as
//! Backstage does (ADR-0040). `idp provision eks` requests it with the environment's cluster;
//! `idp validate` warns at a cluster whose environment has none.
//!
//! The realm (named after `org` in idp.yaml, the issuer `https://keycloak.<domain>/realms/<org>`
//! that Argo CD, Grafana, Backstage and Kong use) is generated from idp.yaml into the ConfigMap
//! `keycloak-realm` under `addons/keycloak/config/<env>/`, and applied by keycloak-config-cli
//! in a Job that Argo CD runs after every sync (a `PostSync` hook):
//!
//! - one group per team of idp.yaml, and `platform`; realm roles `platform-admin`,
//!   `developer` and `viewer` (the `platform` group is admin, the other teams developers);
//! - the client scope `groups`, whose mapper puts the user's group names (not paths) in the
//!   `groups` claim: Argo CD's RBAC and Grafana's `role_attribute_path` read it;
//! - confidential OIDC clients `argocd`, `grafana`, `backstage` and `kong`, with redirect URIs on
//!   the environment's domain: the `kong` client's are `https://<host>/*` for each app of the
//!   environment whose Ingress names Kong's `keycloak-oidc` plugin (the golden path's
//!   `internal: true`), since Keycloak takes no wildcard in a host. The realm therefore depends
//!   on the apps: every change that adds, edits or removes such an Ingress renders it again
//!   ([`super::gitops`]). Their secrets are `$(env:…)` placeholders that
//!   keycloak-config-cli substitutes from the Job's environment: no value is in git.
//!
//! Its other secrets live in AWS Secrets Manager under `<prefix>/<env>/keycloak/…` (the
//! environment's Terraform root creates them): `clients/<client>` (a client's secret, a plain
//! string) and `admin` (`username`, `password`: Keycloak's bootstrap admin). [`sso_secrets`]
//! gives Argo CD and Grafana theirs.

use serde_json::{Value, json};

use super::addons::{Ctx, issuer_name, meta};

/// The namespace Keycloak runs in.
pub const NAMESPACE: &str = "keycloak";
/// Keycloak's version: the image the chart runs and the one keycloak-config-cli is built for.
pub const KEYCLOAK_VERSION: &str = "26.5.5";
/// keycloak-config-cli's image, built for [`KEYCLOAK_VERSION`].
pub const CONFIG_CLI_IMAGE: &str = "adorsys/keycloak-config-cli:6.5.1-26.5.5";
/// The database Keycloak reads: the RDS request of the environment with this `databaseName`
/// (and `username`).
pub const DATABASE: &str = super::config::KEYCLOAK_DATABASE;
/// The OIDC clients of the realm.
pub const CLIENTS: [&str; 4] = ["argocd", "grafana", "backstage", "kong"];
/// The client Kong's `openid-connect` plugin signs in as.
pub const KONG_CLIENT: &str = "kong";
/// The client Backstage signs in (and reads the realm's users and groups) with.
const BACKSTAGE_CLIENT: &str = "backstage";
/// The group of the platform team (realm admins), whatever idp.yaml lists.
pub use super::catalog_groups::PLATFORM_GROUP;

const REALM_CONFIGMAP: &str = "keycloak-realm";

/// The file of `env`'s realm (the ConfigMap keycloak-config-cli reads).
pub fn realm_path(env: &str) -> String {
    format!("addons/keycloak/config/{env}/configmap-{REALM_CONFIGMAP}.yaml")
}

/// The hosts the `kong` client of a realm ConfigMap (`text`, as [`realm_path`] holds it)
/// redirects to; `None` when it is not such a ConfigMap or a URI is not `https://<host>/*`.
pub fn kong_hosts_of(text: &str) -> Option<std::collections::BTreeSet<String>> {
    let cm = crate::yaml::parse(text).ok()?.value;
    let realm = crate::yaml::parse(cm.pointer(&format!("/data/{REALM_FILE}"))?.as_str()?)
        .ok()?
        .value;
    let kong = realm
        .get("clients")?
        .as_array()?
        .iter()
        .find(|c| c.get("clientId").and_then(Value::as_str) == Some(KONG_CLIENT))?;
    kong.get("redirectUris")?
        .as_array()?
        .iter()
        .map(|u| {
            u.as_str()?
                .strip_prefix("https://")?
                .strip_suffix("/*")
                .filter(|h| !h.is_empty() && !h.contains(['/', '*']))
                .map(str::to_string)
        })
        .collect()
}
const REALM_FILE: &str = "realm.yaml";
const DB_SECRET: &str = "keycloak-db";
const ADMIN_SECRET: &str = "keycloak-admin";
const CLIENTS_SECRET: &str = "keycloak-clients";
/// The chart's objects are named `keycloak` (its HTTP Service `keycloak-http`).
const FULLNAME: &str = "keycloak";

/// Where a secret of Keycloak lives in AWS Secrets Manager: `<prefix>/<env>/keycloak/<name>`.
pub fn secret_key(prefix: &str, env: &str, name: &str) -> String {
    format!("{prefix}/{env}/keycloak/{name}")
}

/// Where `client`'s secret lives in AWS Secrets Manager.
pub(super) fn client_secret_key(c: &Ctx<'_>, client: &str) -> String {
    secret_key(
        &c.config.naming.prefix,
        &c.env.name,
        &format!("clients/{client}"),
    )
}

/// The environment variable keycloak-config-cli reads `client`'s secret from.
fn client_secret_var(client: &str) -> String {
    format!("{}_CLIENT_SECRET", client.to_uppercase().replace('-', "_"))
}

/// An ExternalSecret from the platform's ClusterSecretStore: `data` is (secret key, remote
/// key, the remote JSON's property if not the whole value).
pub fn external_secret(
    name: &str,
    target: Value,
    data: Vec<(String, String, Option<&str>)>,
) -> Value {
    let data: Vec<Value> = data
        .into_iter()
        .map(|(secret_key, key, property)| {
            let mut remote_ref = json!({"key": key});
            if let Some(p) = property {
                remote_ref["property"] = json!(p);
            }
            json!({"secretKey": secret_key, "remoteRef": remote_ref})
        })
        .collect();
    json!({
        "apiVersion": crate::requests::rds::EXTERNAL_SECRETS_API,
        "kind": "ExternalSecret",
        "metadata": meta(name),
        "spec": {
            "refreshInterval": "1h",
            "secretStoreRef": {
                "kind": "ClusterSecretStore",
                "name": crate::requests::rds::SECRET_STORE,
            },
            "target": target,
            "data": data,
        },
    })
}

/// An ExternalSecret's target whose keys are `(key, data item)`: the secret's key names are
/// written as template keys, the values only ever in the cluster.
pub fn templated(name: &str, policy: &str, keys: Vec<(String, String)>) -> Value {
    let data: serde_json::Map<String, Value> = keys
        .into_iter()
        .map(|(key, item)| (key, json!(format!("{{{{ .{item} }}}}"))))
        .collect();
    json!({
        "name": name,
        "creationPolicy": policy,
        "template": {"engineVersion": "v2", "data": data},
    })
}

/// The chart's generated values.
pub(super) fn values(c: &Ctx<'_>) -> Value {
    let host = format!("keycloak.{}", c.domain);
    let from_secret = |name: &str, secret: &str, key: &str| json!({"name": name, "valueFrom": {"secretKeyRef": {"name": secret, "key": key}}});
    let env = json!([
        {"name": "KC_HOSTNAME", "value": format!("https://{host}")},
        {"name": "KC_HTTP_ENABLED", "value": "true"},
        {"name": "KC_LOG_LEVEL", "value": if c.production() { "INFO" } else { "DEBUG" }},
        from_secret("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_SECRET, "username"),
        from_secret("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_SECRET, "password"),
        // The RDS contract's keys (its ExternalSecret, [`objects`]).
        from_secret("KC_DB_URL_HOST", DB_SECRET, "DB_HOST"),
        from_secret("KC_DB_URL_PORT", DB_SECRET, "DB_PORT"),
        from_secret("KC_DB_URL_DATABASE", DB_SECRET, "DB_NAME"),
        from_secret("KC_DB_USERNAME", DB_SECRET, "DB_USER"),
        {"name": "JAVA_OPTS_APPEND", "value": format!(
            "-XX:MaxRAMPercentage=70.0 -Djgroups.dns.query={FULLNAME}-headless"
        )},
    ]);
    json!({
        "fullnameOverride": FULLNAME,
        "image": {"tag": KEYCLOAK_VERSION},
        "replicas": if c.production() { 2 } else { 1 },
        "command": ["/opt/keycloak/bin/kc.sh", "start"],
        // The chart reads these two as templates (strings of YAML).
        "extraEnv": crate::yaml::to_string(&env).unwrap_or_default(),
        "database": {
            "vendor": "postgres",
            "existingSecret": DB_SECRET,
            "existingSecretKey": "DB_PASS",
        },
        "dbchecker": {"enabled": true},
        "http": {"relativePath": "/"},
        "proxy": {"enabled": true, "mode": "xforwarded"},
        "resources": if c.production() {
            json!({"requests": {"cpu": "500m", "memory": "1Gi"}, "limits": {"memory": "2Gi"}})
        } else {
            json!({"requests": {"cpu": "250m", "memory": "768Mi"}, "limits": {"memory": "1536Mi"}})
        },
        "podDisruptionBudget": if c.production() { json!({"maxUnavailable": 1}) } else { json!({}) },
        "serviceMonitor": {"enabled": true},
        "ingress": {
            "enabled": true,
            "ingressClassName": super::kong::INGRESS_CLASS,
            "annotations": {
                "cert-manager.io/cluster-issuer": issuer_name(c),
                "konghq.com/protocols": "https",
                "konghq.com/https-redirect-status-code": "308",
            },
            "rules": [{"host": host, "paths": [{"path": "/", "pathType": "Prefix"}]}],
            "tls": [{"hosts": [host], "secretName": "keycloak-tls"}],
        },
    })
}

/// The realm of the platform, as keycloak-config-cli imports it.
pub(super) fn realm(c: &Ctx<'_>) -> Value {
    let mut teams: Vec<&str> = c
        .config
        .teams
        .iter()
        .map(|t| t.name.as_str())
        .filter(|t| !t.is_empty() && *t != PLATFORM_GROUP)
        .collect();
    teams.sort_unstable();
    teams.dedup();
    let mut groups = vec![json!({"name": PLATFORM_GROUP, "realmRoles": ["platform-admin"]})];
    groups.extend(
        teams
            .iter()
            .map(|t| json!({"name": t, "realmRoles": ["developer"]})),
    );
    let url = |sub: &str| format!("https://{sub}.{}", c.domain);
    let redirects = |client: &str| -> Vec<String> {
        match client {
            "argocd" => vec![
                format!("{}/auth/callback", url("argocd")),
                // `argocd login --sso`.
                "http://localhost:8085/auth/callback".into(),
            ],
            "grafana" => vec![format!("{}/login/generic_oauth", url("grafana"))],
            "backstage" => vec![format!("{}/api/auth/oidc/handler/frame", url("backstage"))],
            // Kong signs users in on the hosts of the internal apps (the Ingresses that name
            // `keycloak-oidc`), one URI each: Keycloak takes no wildcard in a host.
            _ => c
                .kong_hosts
                .iter()
                .map(|h| format!("https://{h}/*"))
                .collect(),
        }
    };
    let clients: Vec<Value> = CLIENTS
        .iter()
        .map(|client| {
            let root = if *client == KONG_CLIENT {
                format!("https://{}", c.domain)
            } else {
                url(client)
            };
            json!({
                "clientId": client,
                "name": client,
                "enabled": true,
                "protocol": "openid-connect",
                "publicClient": false,
                "clientAuthenticatorType": "client-secret",
                "secret": format!("$(env:{})", client_secret_var(client)),
                "standardFlowEnabled": true,
                "directAccessGrantsEnabled": false,
                "implicitFlowEnabled": false,
                "rootUrl": root,
                "redirectUris": redirects(client),
                "webOrigins": ["+"],
                "defaultClientScopes": ["basic", "profile", "email", "roles", "web-origins", "groups"],
                // Backstage reads the realm's users and groups into its catalog with its own
                // client (ADR-0040): a service account that may only read them.
                "serviceAccountsEnabled": *client == BACKSTAGE_CLIENT,
            })
        })
        .collect();
    json!({
        "realm": c.realm(),
        "enabled": true,
        "sslRequired": "external",
        "registrationAllowed": false,
        "bruteForceProtected": true,
        "roles": {"realm": [
            {"name": "platform-admin", "description": "Administers the platform (the platform team)."},
            {"name": "developer", "description": "Works on the apps of their team."},
            {"name": "viewer", "description": "Reads the platform's tools."},
        ]},
        "defaultRole": {"name": format!("default-roles-{}", c.realm()), "composite": true,
            "composites": {"realm": ["viewer", "offline_access", "uma_authorization"]}},
        "groups": groups,
        "clientScopes": [{
            "name": "groups",
            "description": "The user's groups (names, not paths) in the `groups` claim.",
            "protocol": "openid-connect",
            "attributes": {"include.in.token.scope": "true", "display.on.consent.screen": "false"},
            "protocolMappers": [{
                "name": "groups",
                "protocol": "openid-connect",
                "protocolMapper": "oidc-group-membership-mapper",
                "consentRequired": false,
                "config": {
                    "claim.name": "groups",
                    "full.path": "false",
                    "id.token.claim": "true",
                    "access.token.claim": "true",
                    "userinfo.token.claim": "true",
                },
            }],
        }],
        "clients": clients,
        "users": [{
            "username": format!("service-account-{BACKSTAGE_CLIENT}"),
            "enabled": true,
            "serviceAccountClientId": BACKSTAGE_CLIENT,
            "clientRoles": {"realm-management": ["view-users", "query-users", "query-groups"]},
        }],
    })
}

/// The objects beside the chart, by file name: the realm, the Job that applies it, and the
/// ExternalSecrets of the database (the RDS contract's own, [`DATABASE`]), the bootstrap admin
/// and the clients' secrets.
pub(super) fn objects(c: &Ctx<'_>) -> Vec<(String, Value)> {
    let prefix = &c.config.naming.prefix;
    let env = &c.env.name;
    let key = |name: &str| secret_key(prefix, env, name);
    let owner = |name: &str| json!({"name": name, "creationPolicy": "Owner"});
    let realm_text = crate::yaml::to_string(&realm(c)).unwrap_or_default();
    let mut realm_meta = meta(REALM_CONFIGMAP);
    realm_meta["labels"] = json!({"app.kubernetes.io/name": "keycloak-config-cli"});
    vec![
        (
            format!("configmap-{REALM_CONFIGMAP}.yaml"),
            json!({
                "apiVersion": "v1",
                "kind": "ConfigMap",
                "metadata": realm_meta,
                "data": {REALM_FILE: realm_text},
            }),
        ),
        ("job-keycloak-config-cli.yaml".into(), job(c)),
        (
            format!("externalsecret-{DB_SECRET}.yaml"),
            database_secret(c),
        ),
        (
            format!("externalsecret-{ADMIN_SECRET}.yaml"),
            external_secret(
                ADMIN_SECRET,
                owner(ADMIN_SECRET),
                ["username", "password"]
                    .into_iter()
                    .map(|p| (p.to_string(), key("admin"), Some(p)))
                    .collect(),
            ),
        ),
        (
            format!("externalsecret-{CLIENTS_SECRET}.yaml"),
            external_secret(
                CLIENTS_SECRET,
                templated(
                    CLIENTS_SECRET,
                    "Owner",
                    CLIENTS
                        .iter()
                        .map(|client| (client_secret_var(client), client.to_string()))
                        .collect(),
                ),
                CLIENTS
                    .iter()
                    .map(|client| (client.to_string(), client_secret_key(c, client), None))
                    .collect(),
            ),
        ),
    ]
}

/// The ExternalSecret of Keycloak's database: the provision contract's own for the RDS request
/// of [`DATABASE`] (keys `DB_HOST`, `DB_PORT`, `DB_NAME`, `DB_USER`, `DB_PASS`).
fn database_secret(c: &Ctx<'_>) -> Value {
    crate::yaml::parse(&crate::requests::rds::external_secret(
        &c.config.naming.prefix,
        &c.env.name,
        DATABASE,
        DB_SECRET,
    ))
    .map(|d| {
        let mut v = d.value;
        v["metadata"]["annotations"] = meta(DB_SECRET)["annotations"].clone();
        v
    })
    .unwrap_or(Value::Null)
}

/// keycloak-config-cli as an Argo CD `PostSync` hook: it imports the realm file once Keycloak
/// is up, substituting the clients' secrets from its environment.
fn job(c: &Ctx<'_>) -> Value {
    let secret = |name: &str, from: &str, key: &str| json!({"name": name, "valueFrom": {"secretKeyRef": {"name": from, "key": key}}});
    let mut env = vec![
        json!({"name": "KEYCLOAK_URL", "value": format!("http://{FULLNAME}-http.{NAMESPACE}.svc")}),
        secret("KEYCLOAK_USER", ADMIN_SECRET, "username"),
        secret("KEYCLOAK_PASSWORD", ADMIN_SECRET, "password"),
        json!({"name": "KEYCLOAK_AVAILABILITYCHECK_ENABLED", "value": "true"}),
        json!({"name": "KEYCLOAK_AVAILABILITYCHECK_TIMEOUT", "value": "300s"}),
        json!({"name": "IMPORT_FILES_LOCATIONS", "value": format!("/config/{REALM_FILE}")}),
        json!({"name": "IMPORT_VARSUBSTITUTION_ENABLED", "value": "true"}),
    ];
    env.extend(CLIENTS.iter().map(|client| {
        let var = client_secret_var(client);
        secret(&var, CLIENTS_SECRET, &var)
    }));
    let labels = json!({
        "app.kubernetes.io/name": "keycloak-config-cli",
        "team": PLATFORM_GROUP,
        "env": c.env.name,
    });
    json!({
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {
            "name": "keycloak-config-cli",
            "labels": labels,
            "annotations": {
                "argocd.argoproj.io/hook": "PostSync",
                "argocd.argoproj.io/hook-delete-policy": "BeforeHookCreation",
            },
        },
        "spec": {
            "backoffLimit": 6,
            "template": {
                "metadata": {"labels": labels},
                "spec": {
                    "restartPolicy": "OnFailure",
                    "automountServiceAccountToken": false,
                    "securityContext": {
                        "runAsNonRoot": true,
                        "runAsUser": 1001,
                        "runAsGroup": 1001,
                        "seccompProfile": {"type": "RuntimeDefault"},
                    },
                    "containers": [{
                        "name": "keycloak-config-cli",
                        "image": CONFIG_CLI_IMAGE,
                        "env": env,
                        "resources": {
                            "requests": {"cpu": "100m", "memory": "256Mi"},
                            "limits": {"memory": "512Mi"},
                        },
                        "securityContext": {
                            "allowPrivilegeEscalation": false,
                            "readOnlyRootFilesystem": true,
                            "capabilities": {"drop": ["ALL"]},
                        },
                        "volumeMounts": [
                            {"name": "realm", "mountPath": "/config", "readOnly": true},
                            {"name": "tmp", "mountPath": "/tmp"},
                        ],
                    }],
                    "volumes": [
                        {"name": "realm", "configMap": {"name": REALM_CONFIGMAP}},
                        {"name": "tmp", "emptyDir": {}},
                    ],
                },
            },
        },
    })
}

/// The client secrets of the add-ons that sign in through Keycloak, as ExternalSecrets beside
/// their charts: Argo CD's merged into `argocd-secret` (the `$oidc.keycloak.clientSecret` of
/// its `oidc.config`), Grafana's as `grafana-oidc` (the chart's `envFromSecret`).
pub(super) fn sso_secrets(addon: &str, c: &Ctx<'_>) -> Vec<(String, Value)> {
    match addon {
        "argo-cd" => {
            let mut target = templated(
                "argocd-secret",
                "Merge",
                vec![("oidc.keycloak.clientSecret".into(), "argocd".into())],
            );
            // Argo CD reads `$…` references only from secrets with this label; the keys Argo CD
            // keeps in its secret stay.
            target["template"]["mergePolicy"] = json!("Merge");
            target["template"]["metadata"] =
                json!({"labels": {"app.kubernetes.io/part-of": "argocd"}});
            vec![(
                "externalsecret-argocd-oidc.yaml".into(),
                external_secret(
                    "argocd-oidc",
                    target,
                    vec![("argocd".into(), client_secret_key(c, "argocd"), None)],
                ),
            )]
        }
        "kube-prometheus-stack" => vec![(
            "externalsecret-grafana-oidc.yaml".into(),
            external_secret(
                "grafana-oidc",
                templated(
                    "grafana-oidc",
                    "Owner",
                    vec![(
                        "GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET".into(),
                        "grafana".into(),
                    )],
                ),
                vec![("grafana".into(), client_secret_key(c, "grafana"), None)],
            ),
        )],
        _ => Vec::new(),
    }
}

/// What requesting an add-on's database needs besides its environment.
pub struct DatabaseOptions {
    pub actor: String,
    /// The RDS sequence's value (IDs up to it are taken, perhaps by open changes).
    pub rds_taken: u64,
    /// The ID of the database's RDS request already on this change's branch (a rerun keeps it).
    pub reuse: Option<String>,
}

/// The RDS request of a platform add-on's database `database` in `env`, made through the
/// provision contract (`databaseName` and `username` `database`, small, owner `platform`, the
/// tier's defaults) and written into `cs` with its claim on the RDS sequence; its ID.
pub(super) fn request_database(
    cs: &mut crate::change::Changeset,
    base: &dyn super::Source,
    config: &super::Config,
    env: &super::environments::EnvFile,
    database: &str,
    (title, description): (String, String),
    opts: &DatabaseOptions,
) -> anyhow::Result<String> {
    use crate::requests::{IdAllocator, rds};
    let mut ids = IdAllocator::new(base, rds::KIND)?;
    ids.at_least(opts.rds_taken);
    let fresh = opts.reuse.is_none();
    let mut spec = rds::Spec::defaults(
        database,
        database,
        "small",
        env.tier() == Some("production"),
    );
    spec.application = Some(database.to_string());
    let req = rds::Request {
        id: opts.reuse.clone().unwrap_or_else(|| ids.next_id()),
        environment: env.name.clone(),
        owner: PLATFORM_GROUP.to_string(),
        requester: opts.actor.clone(),
        title,
        description,
        spec,
    };
    let ctx = crate::requests::render::RenderCtx::new(config, env);
    let kind = crate::requests::kind(rds::KIND)
        .ok_or_else(|| anyhow::anyhow!("`rds` is not a request kind"))?;
    for (path, text) in crate::requests::files_for(base, kind, &req.doc(), &ctx)? {
        cs.write(path, text);
    }
    cs.claims
        .extend(crate::requests::claim(rds::KIND, &req.id, fresh));
    Ok(req.id)
}

/// The ID of the RDS request of `database` in `env` on `source`.
pub fn database_request(
    source: &dyn super::Source,
    env: &str,
    database: &str,
) -> anyhow::Result<Option<String>> {
    for path in source.files(&format!("requests/rds/{env}"))? {
        let Some(doc) = source
            .read(&path)?
            .and_then(|t| crate::yaml::parse(&t).ok())
        else {
            continue;
        };
        if doc
            .value
            .pointer("/spec/databaseName")
            .and_then(Value::as_str)
            == Some(database)
        {
            return Ok(doc
                .value
                .get("id")
                .and_then(Value::as_str)
                .map(str::to_string));
        }
    }
    Ok(None)
}

/// Keycloak's database with the cluster it runs on (ADR-0043): when `cs` adds an EKS request
/// that creates a cluster in an environment with no RDS request of [`DATABASE`] (on `base`
/// or in `cs`), the same change requests it, so an environment never gets a Keycloak without a
/// database. A rerun of the change's pull request keeps the ID (`opts.reuse`).
pub fn with_database(
    cs: &mut crate::change::Changeset,
    base: &dyn super::Source,
    opts: &DatabaseOptions,
) -> anyhow::Result<()> {
    let envs: std::collections::BTreeSet<String> = cs
        .files
        .iter()
        .filter_map(|(path, text)| {
            let (env, name) = path.strip_prefix("requests/eks/")?.split_once('/')?;
            let doc = crate::yaml::parse(text.as_deref()?).ok()?;
            (name.ends_with(".yaml") && super::config::creates_a_cluster(&doc.value))
                .then(|| env.to_string())
        })
        .collect();
    if envs.is_empty() {
        return Ok(());
    }
    let config = super::load_config(base)?;
    let (all, _) = super::environments::load(base)?;
    for env_name in envs {
        let after = crate::infra::source::Overlay::new(base, &cs.files);
        if super::config::has_database(&after, &env_name, DATABASE)? {
            continue;
        }
        let Some(env) = all.iter().find(|e| e.name == env_name && !e.retired()) else {
            continue;
        };
        let id = request_database(
            cs,
            base,
            &config,
            env,
            DATABASE,
            (
                format!("Keycloak's database in {env_name}"),
                format!(
                    "PostgreSQL database of the platform's Keycloak in `{env_name}`, which runs \
                     on its cluster (ADR-0043)."
                ),
            ),
            opts,
        )?;
        cs.body.push_str(&format!(
            "\nKeycloak runs on this cluster: its database is requested with it, `{id}` \
             (`databaseName: {DATABASE}`, ADR-0043).\n"
        ));
        let trailer = cs.trailers.iter_mut().find(|(k, _)| k == "Idp-Request");
        match trailer {
            Some((_, ids)) => ids.push_str(&format!(", {id}")),
            None => cs.trailers.push(("Idp-Request".into(), id)),
        }
    }
    Ok(())
}
