//! HTTP probes of the platform's services (reqwest, rustls with aws-lc-rs; the platform's roots,
//! `SSL_CERT_FILE` honoured): Kong's `/healthz` through its load balancer, Backstage and Grafana
//! `/api/health`, Keycloak's OIDC discovery and a call that must be refused without credentials.
//! Each returns the check's row.

use std::time::Duration;

use serde_json::Value;

use super::{Check, Settings};
use crate::infra::kube::reason_from_text;

/// The most of a body that is read (enough for any health document).
const MAX_BODY: usize = 64 * 1024;

/// An HTTP answer: status and the start of the body.
pub struct Answer {
    pub status: u16,
    pub body: String,
}

pub fn client(timeout: Duration) -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .connect_timeout(timeout)
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::limited(5))
        .build()
        .map_err(|e| {
            format!(
                "cannot start the HTTP client: {}",
                crate::infra::kube::chain(&e)
            )
        })
}

/// GET `url`; a transport failure comes back as `no answer (<reason>): <what happened>`.
pub async fn get(client: &reqwest::Client, url: &str) -> Result<Answer, String> {
    let mut response = client.get(url).send().await.map_err(no_answer)?;
    let status = response.status().as_u16();
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(no_answer)? {
        body.extend_from_slice(&chunk);
        if body.len() >= MAX_BODY {
            body.truncate(MAX_BODY);
            break;
        }
    }
    Ok(Answer {
        status,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

fn no_answer(e: reqwest::Error) -> String {
    let detail = crate::infra::kube::chain(&e.without_url());
    format!(
        "no answer ({}): {detail}",
        reason_from_text(&detail).as_str()
    )
}

/// `503 Service Unavailable: failure to get a peer from the ring-balancer`
fn status_line(a: &Answer) -> String {
    let reason = reqwest::StatusCode::from_u16(a.status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("");
    let message = serde_json::from_str::<Value>(&a.body)
        .ok()
        .and_then(|v| {
            ["message", "error", "error_description"]
                .iter()
                .find_map(|k| v.get(*k).and_then(Value::as_str).map(str::to_string))
        })
        .unwrap_or_else(|| a.body.trim().chars().take(120).collect());
    let mut s = format!("{} {reason}", a.status).trim_end().to_string();
    if !message.is_empty() {
        s.push_str(&format!(": {message}"));
    }
    s
}

/// Kong's proxy answers its health path with 200. `address` is the load balancer's, from a Kong
/// ingress, when `health.kong.url` does not say where.
pub async fn kong(client: &reqwest::Client, s: &Settings, address: Option<&str>) -> Check {
    let url = match (&s.kong_url, address) {
        (Some(u), _) => u.clone(),
        (None, Some(a)) => format!("http://{a}{}", s.kong_path),
        (None, None) => {
            return Check::failed(
                1,
                "kong",
                None,
                format!(
                    "no address to reach the Kong proxy through: no Ingress of class `{}` has \
                     one (set `health.kong.url` to probe another way)",
                    s.kong_ingress_class
                ),
            );
        }
    };
    expect_ok(client, 1, "kong", &url, |_| None).await
}

/// GET `url`, expect 2xx, then let `judge` look at the body.
async fn expect_ok(
    client: &reqwest::Client,
    tier: u8,
    check: &'static str,
    url: &str,
    judge: impl FnOnce(&Answer) -> Option<String>,
) -> Check {
    match get(client, url).await {
        Ok(a) if (200..300).contains(&a.status) => match judge(&a) {
            None => Check::ok(tier, check, format!("{} from {url}", a.status)),
            Some(problem) => Check::failed(tier, check, Some(url.to_string()), problem),
        },
        Ok(a) => Check::failed(tier, check, Some(url.to_string()), status_line(&a)),
        Err(e) => Check::failed(tier, check, Some(url.to_string()), e),
    }
}

/// A check whose URL could not be derived.
fn unconfigured(tier: u8, check: &'static str, key: &str, env: &str) -> Check {
    Check::failed(
        tier,
        check,
        None,
        format!("no URL to probe: set `health.{key}` (or `domain`) in environments/{env}.yaml"),
    )
}

/// Backstage's `/api/health` answers 2xx.
pub async fn backstage(client: &reqwest::Client, s: &Settings) -> Check {
    match &s.backstage_url {
        Some(url) => expect_ok(client, 2, "backstage", url, |_| None).await,
        None => unconfigured(2, "backstage", "backstage.url", &s.env),
    }
}

/// Grafana's `/api/health` answers 2xx and, when it says, its database is `ok`.
pub async fn grafana(client: &reqwest::Client, s: &Settings) -> Check {
    match &s.grafana_url {
        Some(url) => {
            expect_ok(client, 2, "grafana", url, |a| {
                let db = serde_json::from_str::<Value>(&a.body)
                    .ok()?
                    .get("database")?
                    .as_str()?
                    .to_string();
                (db != "ok").then(|| format!("database: {db}"))
            })
            .await
        }
        None => unconfigured(2, "grafana", "grafana.url", &s.env),
    }
}

/// Keycloak: the realm's OIDC discovery names the realm as its issuer, and an unauthenticated
/// call to a protected endpoint is refused with 401 or 403.
pub async fn keycloak(client: &reqwest::Client, s: &Settings) -> Vec<Check> {
    let Some(base) = &s.keycloak_url else {
        return vec![unconfigured(3, "keycloak realm", "keycloak.url", &s.env)];
    };
    let base = base.trim_end_matches('/');
    let realm = &s.keycloak_realm;
    let discovery = format!("{base}/realms/{realm}/.well-known/openid-configuration");
    let suffix = format!("/realms/{realm}");
    let realm_check = expect_ok(client, 3, "keycloak realm", &discovery, |a| {
        let issuer = serde_json::from_str::<Value>(&a.body)
            .ok()
            .and_then(|v| v.get("issuer").and_then(Value::as_str).map(str::to_string));
        match issuer {
            Some(i) if i.trim_end_matches('/').ends_with(&suffix) => None,
            Some(i) => Some(format!("the issuer is `{i}`, not realm `{realm}`'s")),
            None => Some("not an OpenID Connect discovery document (no `issuer`)".into()),
        }
    })
    .await;
    let protected = s
        .keycloak_protected_url
        .clone()
        .unwrap_or_else(|| format!("{base}/admin/realms/{realm}/users"));
    let refused = match get(client, &protected).await {
        Ok(a) if a.status == 401 || a.status == 403 => Check::ok(
            3,
            "keycloak authorisation",
            format!("{} without credentials from {protected}", a.status),
        ),
        Ok(a) if (200..300).contains(&a.status) => Check::failed(
            3,
            "keycloak authorisation",
            Some(protected.clone()),
            format!(
                "{} to a call without credentials: the endpoint is open to anyone",
                a.status
            ),
        ),
        Ok(a) => Check::failed(
            3,
            "keycloak authorisation",
            Some(protected.clone()),
            format!(
                "expected 401 or 403 without credentials, got {}",
                status_line(&a)
            ),
        ),
        Err(e) => Check::failed(3, "keycloak authorisation", Some(protected.clone()), e),
    };
    vec![realm_check, refused]
}
