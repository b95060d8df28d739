//! RDS (PostgreSQL) requests: the contract (sizes, defaults, guardrails), and what a request
//! renders to: the Terraform inputs (deletion protection always on) and the ExternalSecret that
//! gives an app its credentials from the secret store (never a value in git).
//! `idp provision rds` and the `backend-app-rds` golden path both go through here.

use serde::Serialize;
use serde_json::{Value, json};

use super::{json_text, path, tfvars_path};

pub const KIND: &str = "rds";
/// The one ClusterSecretStore every ExternalSecret reads from.
pub const SECRET_STORE: &str = "aws-secrets-manager";

/// Instance class and max connections per size.
pub fn instance_class(size: &str) -> Option<(&'static str, u32)> {
    Some(match size {
        "small" => ("db.t3.micro", 87),
        "medium" => ("db.t3.small", 200),
        "large" => ("db.t3.medium", 400),
        "xlarge" => ("db.r6g.large", 1000),
        _ => return None,
    })
}

/// One database request.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Spec {
    pub engine: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application: Option<String>,
    pub database_name: String,
    pub username: String,
    pub size: String,
    pub storage_gb: u32,
    pub max_storage_gb: u32,
    pub backup_retention_days: u32,
    pub multi_az: bool,
    pub performance_insights: bool,
    pub risk: String,
}

impl Spec {
    /// The contract's defaults for an environment tier: dev/test small; prod multi-AZ with two
    /// weeks of backups.
    pub fn defaults(database_name: &str, username: &str, size: &str, production: bool) -> Spec {
        Spec {
            engine: "postgres".into(),
            application: None,
            database_name: database_name.into(),
            username: username.into(),
            size: size.into(),
            storage_gb: 20,
            max_storage_gb: 50,
            backup_retention_days: if production { 14 } else { 7 },
            multi_az: production,
            performance_insights: true,
            risk: "low".into(),
        }
    }
}

/// The request header shared by every kind.
#[derive(Debug, Clone)]
pub struct Request {
    pub id: String,
    pub environment: String,
    pub owner: String,
    pub requester: String,
    pub title: String,
    pub spec: Spec,
}

/// Where the credentials live in the secret store.
pub fn secret_key(prefix: &str, env: &str, database: &str) -> String {
    format!("{prefix}/{env}/{database}/postgres")
}

/// PR labels the contract requires for this request.
pub fn required_labels(req: &Request, production: bool) -> Vec<String> {
    let mut labels = Vec::new();
    if production {
        labels.push("platform-approved".to_string());
    }
    if matches!(req.spec.size.as_str(), "large" | "xlarge") {
        labels.push("rds-large-approved".to_string());
    }
    if req.spec.risk == "high" {
        labels.push("security-approved".to_string());
    }
    labels
}

/// The request file, the Terraform inputs: `(path, text)` pairs.
pub fn render(req: &Request, prefix: &str) -> Vec<(String, String)> {
    let s = &req.spec;
    let mut spec = serde_json::to_value(s).unwrap_or(Value::Null);
    if let Some(m) = spec.as_object_mut() {
        m.retain(|_, v| !v.is_null());
    }
    let mut text = format!(
        "# RDS request {id}: reviewed in a pull request, rendered to Terraform inputs by idp.\n\
         id: {id}\nenvironment: {env}\nowner: {owner}\nrequester: {requester}\nmetadata:\n  title: {title}\nspec:\n",
        id = req.id,
        env = req.environment,
        owner = req.owner,
        requester = crate::yaml::render_inline(&json!(req.requester)),
        title = crate::yaml::render_inline(&json!(req.title)),
    );
    for (k, v) in spec.as_object().into_iter().flatten() {
        text.push_str(&format!("  {k}: {}\n", crate::yaml::render_inline(v)));
    }
    let (class, max_connections) = instance_class(&s.size).unwrap_or(("db.t3.micro", 87));
    let identifier = format!("{}-{}", req.environment, s.database_name.replace('_', "-"));
    let tfvars = json!({
        "request_id": req.id,
        "identifier": identifier,
        "engine": "postgres",
        "db_name": s.database_name,
        "username": s.username,
        "instance_class": class,
        "max_connections": max_connections,
        "allocated_storage": s.storage_gb,
        "max_allocated_storage": s.max_storage_gb,
        "backup_retention_period": s.backup_retention_days,
        "multi_az": s.multi_az,
        "performance_insights_enabled": s.performance_insights,
        "deletion_protection": true,
        "prevent_destroy": true,
        "skip_final_snapshot": false,
        "final_snapshot_identifier": format!("{identifier}-final"),
        "secret_name": secret_key(prefix, &req.environment, &s.database_name),
        "tags": {
            "idp-request": req.id,
            "environment": req.environment,
            "owner": req.owner,
        },
    });
    vec![
        (path(KIND, &req.environment, &req.id), text),
        (
            tfvars_path(KIND, &req.environment, &req.id),
            json_text(&tfvars),
        ),
    ]
}

/// An ExternalSecret that materialises the database credentials as the Kubernetes secret
/// `target` (keys DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASS), refreshed hourly.
pub fn external_secret(prefix: &str, env: &str, database: &str, target: &str) -> String {
    let key = secret_key(prefix, env, database);
    let mut s = [
        format!("# Credentials of `{database}` from the secret store; no value is ever in git."),
        "apiVersion: external-secrets.io/v1beta1".into(),
        "kind: ExternalSecret".into(),
        "metadata:".into(),
        format!("  name: {target}"),
        "spec:".into(),
        "  refreshInterval: 1h".into(),
        "  secretStoreRef:".into(),
        "    kind: ClusterSecretStore".into(),
        format!("    name: {SECRET_STORE}"),
        "  target:".into(),
        format!("    name: {target}"),
        "    creationPolicy: Owner".into(),
        "  data:".into(),
    ]
    .join("\n");
    s.push('\n');
    for (k, prop) in [
        ("DB_HOST", "host"),
        ("DB_PORT", "port"),
        ("DB_NAME", "dbname"),
        ("DB_USER", "username"),
        ("DB_PASS", "password"),
    ] {
        s.push_str(&format!(
            "    - secretKey: {k}\n      remoteRef:\n        key: {key}\n        property: {prop}\n"
        ));
    }
    s
}
