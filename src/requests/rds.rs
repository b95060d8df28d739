//! RDS (PostgreSQL) requests: the contract (sizes, defaults, guardrails), and what a request
//! renders to: the Terraform inputs (deletion protection always on) and the ExternalSecret that
//! gives an app its credentials from the secret store (never a value in git).
//! `idp provision rds` and the `backend-app-rds` golden path both go through here.

use serde::Serialize;
use serde_json::{Value, json};

pub const KIND: &str = "rds";
/// The one ClusterSecretStore every ExternalSecret reads from.
pub const SECRET_STORE: &str = "aws-secrets-manager";
/// The External Secrets Operator API idp writes (`v1beta1` is no longer served).
pub const EXTERNAL_SECRETS_API: &str = "external-secrets.io/v1";

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
    pub description: String,
    pub spec: Spec,
}

/// Where the credentials live in the secret store.
pub fn secret_key(prefix: &str, env: &str, database: &str) -> String {
    format!("{prefix}/{env}/{database}/postgres")
}

impl Request {
    /// The request document (header + spec), in the order the file is written.
    pub fn doc(&self) -> serde_json::Map<String, Value> {
        let mut spec = serde_json::to_value(&self.spec).unwrap_or(Value::Null);
        if let Some(m) = spec.as_object_mut() {
            m.retain(|_, v| !v.is_null());
        }
        let doc = json!({
            "id": self.id,
            "environment": self.environment,
            "owner": self.owner,
            "requester": self.requester,
            "metadata": {"title": self.title, "description": self.description},
            "spec": spec,
        });
        doc.as_object().cloned().unwrap_or_default()
    }
}

/// An ExternalSecret that materialises the database credentials as the Kubernetes secret
/// `target` (keys DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASS), refreshed hourly.
pub fn external_secret(prefix: &str, env: &str, database: &str, target: &str) -> String {
    let key = secret_key(prefix, env, database);
    let mut s = [
        format!("# Credentials of `{database}` from the secret store; no value is ever in git."),
        format!("apiVersion: {EXTERNAL_SECRETS_API}"),
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
