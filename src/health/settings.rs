//! What `idp health` checks in one environment: the `health:` section of
//! `environments/<env>.yaml` (schema in `schemas/environment.schema.json`), with defaults for
//! everything, and the duration syntax (`30s`, `10m`, `1h30m`, `250ms`) its flags use.

use std::time::Duration;

use serde_json::Value;

use crate::platform::environments::EnvFile;

/// Everything a health run needs to know about the environment, defaults filled in.
#[derive(Debug, Clone)]
pub struct Settings {
    pub env: String,
    /// The kubeconfig context of the environment's cluster (`None`: the current context).
    pub context: Option<String>,
    /// Connect and read timeout of each API call and probe.
    pub request_timeout: Duration,
    pub retries: u32,
    pub backoff: Duration,
    /// Items per list call (`limit`); the next page is asked for with `continue`.
    pub page_size: u32,
    pub kube_system: String,
    /// `k8s-app` label values that must each have a ready pod in kube-system.
    pub kube_system_apps: Vec<String>,
    pub system_namespaces: Vec<String>,
    pub argocd_namespace: String,
    pub root_app: String,
    /// Label selector of the environment's Argo CD applications.
    pub app_selector: String,
    /// Explicit Kong `/healthz` URL; otherwise through the address of a Kong ingress.
    pub kong_url: Option<String>,
    pub kong_ingress_class: String,
    pub kong_path: String,
    pub backstage_url: Option<String>,
    pub grafana_url: Option<String>,
    pub keycloak_url: Option<String>,
    pub keycloak_realm: String,
    /// The call that must be refused without credentials (default: the realm's admin API).
    pub keycloak_protected_url: Option<String>,
}

/// Where a setting is read from, for error messages.
fn at(env: &EnvFile, key: &str) -> String {
    let loc = env
        .doc
        .locate(&format!("/health/{}", key.replace('.', "/")));
    format!("{}:{}:{}: `health.{key}`", env.path, loc.line, loc.col)
}

impl Settings {
    /// Read the `health:` section of an environment file; a malformed value names its line.
    pub fn from_env(env: &EnvFile) -> Result<Settings, String> {
        let h = env.get("/health").cloned().unwrap_or(Value::Null);
        let s = |pointer: &str| {
            h.pointer(pointer)
                .and_then(Value::as_str)
                .map(str::to_string)
                .filter(|v| !v.is_empty())
        };
        let list = |pointer: &str, default: &[&str]| -> Vec<String> {
            match h.pointer(pointer).and_then(Value::as_array) {
                Some(items) => items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect(),
                None => default.iter().map(|d| d.to_string()).collect(),
            }
        };
        let duration = |key: &str, default: Duration| -> Result<Duration, String> {
            match s(&format!("/{key}")) {
                Some(text) => parse_duration(&text).map_err(|e| format!("{}: {e}", at(env, key))),
                None => Ok(default),
            }
        };
        let domain = env
            .get("/domain")
            .and_then(Value::as_str)
            .filter(|d| !d.is_empty());
        let on_domain =
            |host: &str, path: &str| domain.map(|d| format!("https://{host}.{d}{path}"));
        let retries = match h.get("retries") {
            None | Some(Value::Null) => 3,
            Some(v) => v
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| format!("{}: not a whole number", at(env, "retries")))?,
        };
        let page_size = match h.get("pageSize") {
            None | Some(Value::Null) => 500,
            Some(v) => v
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("{}: not a positive whole number", at(env, "pageSize")))?,
        };
        Ok(Settings {
            env: env.name.clone(),
            context: s("/context"),
            request_timeout: duration("requestTimeout", Duration::from_secs(15))?,
            retries,
            backoff: duration("backoff", Duration::from_secs(30))?,
            page_size,
            kube_system: s("/kubeSystem/namespace").unwrap_or_else(|| "kube-system".into()),
            kube_system_apps: list("/kubeSystem/apps", &["kube-dns", "kube-proxy", "aws-node"]),
            system_namespaces: list("/systemNamespaces", &["argocd", "kong", "external-secrets"]),
            argocd_namespace: s("/argocd/namespace").unwrap_or_else(|| "argocd".into()),
            root_app: s("/argocd/rootApp").unwrap_or_else(|| "root".into()),
            app_selector: s("/argocd/selector").unwrap_or_else(|| format!("env={}", env.name)),
            kong_url: s("/kong/url"),
            kong_ingress_class: s("/kong/ingressClass").unwrap_or_else(|| "kong".into()),
            kong_path: s("/kong/path").unwrap_or_else(|| "/healthz".into()),
            backstage_url: s("/backstage/url").or_else(|| on_domain("backstage", "/api/health")),
            grafana_url: s("/grafana/url").or_else(|| on_domain("grafana", "/api/health")),
            keycloak_url: s("/keycloak/url").or_else(|| on_domain("keycloak", "")),
            keycloak_realm: s("/keycloak/realm").unwrap_or_else(|| "platform".into()),
            keycloak_protected_url: s("/keycloak/protectedUrl"),
        })
    }
}

pub use crate::infra::clock::parse_duration;

/// `1m30s`-style text for a duration (whole milliseconds).
pub fn format_duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        return format!("{ms}ms");
    }
    let secs = d.as_secs();
    let (h, m, s) = (secs / 3600, (secs % 3600) / 60, secs % 60);
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if m > 0 {
        out.push_str(&format!("{m}m"));
    }
    if s > 0 || out.is_empty() {
        out.push_str(&format!("{s}s"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("10m"), Ok(Duration::from_secs(600)));
        assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("45"), Ok(Duration::from_secs(45)));
        assert!(parse_duration("").is_err());
        assert!(parse_duration("ten").is_err());
        assert!(parse_duration("5d").is_err());
        assert!(parse_duration("m5").is_err());
        assert_eq!(format_duration(Duration::from_secs(90)), "1m30s");
        assert_eq!(format_duration(Duration::from_millis(20)), "20ms");
    }

    #[test]
    fn defaults_come_from_the_environment() {
        let doc = crate::yaml::parse("name: dev\ndomain: dev.example.com\n").unwrap();
        let env = EnvFile {
            name: "dev".into(),
            path: "environments/dev.yaml".into(),
            doc,
        };
        let s = Settings::from_env(&env).unwrap();
        assert_eq!(s.retries, 3);
        assert_eq!(s.backoff, Duration::from_secs(30));
        assert_eq!(s.app_selector, "env=dev");
        assert_eq!(
            s.grafana_url.as_deref(),
            Some("https://grafana.dev.example.com/api/health")
        );
        assert_eq!(
            s.keycloak_url.as_deref(),
            Some("https://keycloak.dev.example.com")
        );
        let doc = crate::yaml::parse("name: dev\nhealth:\n  backoff: soon\n").unwrap();
        let env = EnvFile {
            name: "dev".into(),
            path: "environments/dev.yaml".into(),
            doc,
        };
        let err = Settings::from_env(&env).unwrap_err();
        assert!(
            err.starts_with("environments/dev.yaml:3:") && err.contains("health.backoff"),
            "{err}"
        );
    }
}
