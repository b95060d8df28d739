//! The Kong Ingress Controller add-on (issue 20, ADR-0033): Kong's `ingress` chart (the
//! controller and a DB-less gateway), with `kong` as the cluster's default IngressClass and the
//! proxy behind an AWS network load balancer; and, beside the chart under
//! `addons/kong/config/<env>/`:
//!
//! - a global `KongClusterPlugin` (`correlation-id`: every request and response carries an
//!   `X-Request-ID`, so logs of Kong and the apps can be joined);
//! - the `keycloak-oidc` `KongClusterPlugin` (plugin `openid-connect`, client `kong` of the
//!   platform's realm), which an app's Ingress names in `konghq.com/plugins` to sign users in
//!   (the golden path's `internal: true`). Its whole configuration, client secret included,
//!   comes from the Secret `kong-oidc` that an ExternalSecret makes from AWS Secrets Manager:
//!   no secret is in git.
//!
//! `openid-connect` is a Kong Enterprise plugin; on Kong OSS the platform team overrides the
//! plugin (e.g. the community `oidc` plugin, or `jwt` behind oauth2-proxy): see ADR-0033.

use serde_json::{Value, json};

use super::addons::{Ctx, meta};
use super::keycloak;

/// The namespace Kong runs in (and the `keycloak-oidc` plugin's Secret lives in).
pub const NAMESPACE: &str = "kong";
/// The IngressClass Kong serves, the cluster's default.
pub const INGRESS_CLASS: &str = "kong";
/// The `KongClusterPlugin` that signs users in through the platform's Keycloak realm.
pub const OIDC_PLUGIN: &str = "keycloak-oidc";
/// The Secret holding that plugin's configuration (made by an ExternalSecret).
const OIDC_SECRET: &str = "kong-oidc";
/// The file of an app's environment overlay (its Application's `spec.source.path`) that holds
/// its Ingress, as the golden paths write it: the realm's `kong` client reads its hosts.
pub const INGRESS_FILE: &str = "ingress.yaml";

/// The hosts of the Ingresses in `text` that sign users in through [`OIDC_PLUGIN`] (named in
/// their `konghq.com/plugins`); none when `text` does not parse (`idp validate` reports it).
pub fn signed_in_hosts(text: &str) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    for doc in crate::yaml::parse_all(text).unwrap_or_default() {
        let v = &doc.value;
        if v.get("kind").and_then(Value::as_str) != Some("Ingress") {
            continue;
        }
        let signs_in = v
            .pointer("/metadata/annotations/konghq.com~1plugins")
            .and_then(Value::as_str)
            .is_some_and(|p| p.split(',').any(|p| p.trim() == OIDC_PLUGIN));
        if !signs_in {
            continue;
        }
        out.extend(
            v.pointer("/spec/rules")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|r| r.get("host").and_then(Value::as_str))
                .filter(|h| !h.is_empty() && !h.contains(['*', '/']))
                .map(str::to_string),
        );
    }
    out
}

/// The chart's generated values: default IngressClass, NLB proxy, replicas and resources by
/// tier.
pub(super) fn values(c: &Ctx<'_>) -> Value {
    let replicas = if c.production() { 3 } else { 1 };
    json!({
        "controller": {
            "replicaCount": if c.production() { 2 } else { 1 },
            "ingressController": {
                "ingressClass": INGRESS_CLASS,
                "ingressClassAnnotations": {
                    "ingressclass.kubernetes.io/is-default-class": "true",
                },
                "resources": {
                    "requests": {"cpu": "100m", "memory": "256Mi"},
                    "limits": {"memory": "512Mi"},
                },
            },
            "podDisruptionBudget": {"enabled": c.production(), "maxUnavailable": 1},
        },
        "gateway": {
            "replicaCount": replicas,
            "resources": if c.production() {
                json!({"requests": {"cpu": "500m", "memory": "1Gi"}, "limits": {"memory": "2Gi"}})
            } else {
                json!({"requests": {"cpu": "100m", "memory": "256Mi"}, "limits": {"memory": "1Gi"}})
            },
            "podDisruptionBudget": {"enabled": c.production(), "maxUnavailable": 1},
            "proxy": {
                "type": "LoadBalancer",
                // A network load balancer made by the AWS Load Balancer Controller (the
                // environment's Terraform root gives it its IAM role), targeting pods.
                "annotations": {
                    "service.beta.kubernetes.io/aws-load-balancer-type": "external",
                    "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type": "ip",
                    "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing",
                    "service.beta.kubernetes.io/aws-load-balancer-cross-zone-load-balancing-enabled": "true",
                },
            },
        },
    })
}

/// The objects beside the chart, by file name.
pub(super) fn objects(c: &Ctx<'_>) -> Vec<(String, Value)> {
    let mut global = meta("correlation-id");
    global["labels"] = json!({"global": "true"});
    global["annotations"]["kubernetes.io/ingress.class"] = json!(INGRESS_CLASS);
    let mut oidc = meta(OIDC_PLUGIN);
    oidc["annotations"]["kubernetes.io/ingress.class"] = json!(INGRESS_CLASS);
    vec![
        (
            "kongclusterplugin-correlation-id.yaml".into(),
            json!({
                "apiVersion": "configuration.konghq.com/v1",
                "kind": "KongClusterPlugin",
                "metadata": global,
                "plugin": "correlation-id",
                "config": {
                    "header_name": "X-Request-ID",
                    "generator": "uuid#counter",
                    "echo_downstream": true,
                },
            }),
        ),
        (
            format!("kongclusterplugin-{OIDC_PLUGIN}.yaml"),
            json!({
                "apiVersion": "configuration.konghq.com/v1",
                "kind": "KongClusterPlugin",
                "metadata": oidc,
                "plugin": "openid-connect",
                "configFrom": {"secretKeyRef": {
                    "name": OIDC_SECRET,
                    "key": "config",
                    "namespace": NAMESPACE,
                }},
            }),
        ),
        (format!("externalsecret-{OIDC_SECRET}.yaml"), oidc_secret(c)),
    ]
}

/// The ExternalSecret of the `keycloak-oidc` plugin's configuration: the client secret from
/// Secrets Manager, the rest (issuer, client, scopes) from idp.yaml, as one JSON document.
fn oidc_secret(c: &Ctx<'_>) -> Value {
    const SECRET: &str = "__idp_client_secret__";
    let config = json!({
        "issuer": c.issuer(),
        "client_id": [keycloak::KONG_CLIENT],
        "client_secret": [SECRET],
        "auth_methods": ["authorization_code", "session"],
        "scopes": ["openid", "profile", "email", "groups"],
        "consumer_optional": true,
    });
    // The template is Go's text/template: idp's text is made literal, and the client secret
    // is inserted as a JSON string by the template itself.
    let text = go_template_literal(&config.to_string())
        .replace(&format!("\"{SECRET}\""), "{{ .client_secret | toJson }}");
    keycloak::external_secret(
        OIDC_SECRET,
        json!({
            "name": OIDC_SECRET,
            "creationPolicy": "Owner",
            "template": {"engineVersion": "v2", "data": {"config": text}},
        }),
        vec![(
            "client_secret".into(),
            keycloak::client_secret_key(c, keycloak::KONG_CLIENT),
            None,
        )],
    )
}

/// `text` as a Go template that renders to itself (`{{` is the only delimiter to escape).
fn go_template_literal(text: &str) -> String {
    text.replace("{{", "{{`{{`}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_ingresses_naming_the_oidc_plugin_sign_users_in() {
        let ingress = |plugins: &str, host: &str| {
            format!(
                "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: a\n  \
                 annotations:\n    konghq.com/plugins: {plugins}\nspec:\n  rules:\n    - host: \
                 {host}\n"
            )
        };
        let hosts = |text: &str| signed_in_hosts(text).into_iter().collect::<Vec<_>>();
        assert_eq!(
            hosts(&ingress("a-rate-limit, keycloak-oidc", "a.dev.example.com")),
            ["a.dev.example.com"]
        );
        assert!(hosts(&ingress("a-rate-limit,keycloak-oidc-old", "a.example.com")).is_empty());
        // No wildcard host, no unparsable text, no other kind.
        assert!(hosts(&ingress("keycloak-oidc", "'*.example.com'")).is_empty());
        assert!(hosts("kind: [").is_empty());
        assert!(
            hosts(&ingress("keycloak-oidc", "a.example.com").replace("Ingress", "Service"))
                .is_empty()
        );
        assert!(hosts("").is_empty());
    }

    #[test]
    fn go_template_literal_escapes_only_the_opening_delimiter() {
        assert_eq!(go_template_literal("a {{ .x }} b"), "a {{`{{`}} .x }} b");
        assert_eq!(go_template_literal("plain }}"), "plain }}");
    }
}
