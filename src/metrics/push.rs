//! `idp metrics push`: the metrics of the records sent to a Prometheus Pushgateway, one group
//! per environment (`PUT <gateway>/metrics/job/<job>/env/<env>`), so each push replaces that
//! environment's series with the state the records hold now.

use std::time::Duration;

use super::{Family, exposition};
use crate::error::IdpError;

/// One pushed group.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Pushed {
    pub url: String,
    pub env: String,
    pub samples: usize,
}

/// A usage error unless `gateway` is an `http(s)://` URL.
pub fn check_gateway(gateway: &str) -> anyhow::Result<reqwest::Url> {
    let url = reqwest::Url::parse(gateway).map_err(|e| {
        IdpError::usage(format!(
            "`--gateway {gateway}` is not a URL ({e}); e.g. `http://pushgateway:9091`"
        ))
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(IdpError::usage(format!(
            "`--gateway {gateway}` must be an http:// or https:// URL"
        )));
    }
    Ok(url)
}

/// The group URL of `env` under `job`.
pub fn group_url(gateway: &reqwest::Url, job: &str, env: &str) -> String {
    format!(
        "{}/metrics/job/{}/env/{}",
        gateway.as_str().trim_end_matches('/'),
        segment(job),
        segment(env)
    )
}

/// A path segment: kept when plain, else the Pushgateway's base64 form (`<b64>@base64` is for
/// values, so names are restricted instead).
fn segment(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Push `families` split by environment; returns what was sent where.
pub fn push(gateway: &str, job: &str, families: &[Family]) -> anyhow::Result<Vec<Pushed>> {
    let base = check_gateway(gateway)?;
    let client = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()?;
    let mut envs: Vec<String> = families
        .iter()
        .flat_map(|f| f.samples.iter())
        .filter_map(|s| s.labels.get("env").cloned())
        .collect();
    envs.sort();
    envs.dedup();
    let mut out = Vec::new();
    for env in envs {
        let mine: Vec<Family> = families
            .iter()
            .map(|f| Family {
                samples: f
                    .samples
                    .iter()
                    .filter(|s| s.labels.get("env") == Some(&env))
                    .cloned()
                    .collect(),
                ..f.clone()
            })
            .collect();
        let body = exposition::render(&mine);
        let url = group_url(&base, job, &env);
        tracing::info!(%url, "pushing metrics");
        let response = client
            .put(&url)
            .header(reqwest::header::CONTENT_TYPE, exposition::CONTENT_TYPE)
            .body(body)
            .send()
            .map_err(|e| anyhow::anyhow!("cannot push to `{url}`: {e}"))?;
        let status = response.status();
        if !status.is_success() {
            let text = response.text().unwrap_or_default();
            anyhow::bail!(
                "the Pushgateway refused the metrics of `{env}` ({status}): {}",
                text.trim()
            );
        }
        out.push(Pushed {
            url,
            env,
            samples: mine.iter().map(|f| f.samples.len()).sum(),
        });
    }
    Ok(out)
}
