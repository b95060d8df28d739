//! GitHub Actions: the job's OIDC token (`permissions: id-token: write`), requested from
//! `ACTIONS_ID_TOKEN_REQUEST_URL` with the bearer `ACTIONS_ID_TOKEN_REQUEST_TOKEN` and the
//! audience of `identity.githubActions`, verified against the issuer's JWKS. Its `actor` is
//! the actor; `repository` (which must match `identity.githubActions.repository` when set),
//! `ref`, `environment`, `job_workflow_ref` and friends are the context.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{GithubActionsConfig, Identity, IdentityError, VerifiedBy, http, jwt};

/// GitHub's issuer (`identity.githubActions.issuer` changes it, for GHES and for tests).
pub const DEFAULT_ISSUER: &str = "https://token.actions.githubusercontent.com";

/// The claims copied into the identity's context.
const CONTEXT: [&str; 9] = [
    "repository",
    "repository_owner",
    "ref",
    "sha",
    "environment",
    "job_workflow_ref",
    "workflow_ref",
    "event_name",
    "run_id",
];

/// The request URL and bearer, when the job may request a token.
pub fn request_env() -> Option<(String, String)> {
    let url = super::env("ACTIONS_ID_TOKEN_REQUEST_URL")?;
    let token = super::env("ACTIONS_ID_TOKEN_REQUEST_TOKEN")?;
    crate::infra::secrets::register(&token);
    Some((url, token))
}

/// Request, verify and read the job's token.
pub fn resolve(
    cfg: &GithubActionsConfig,
    request_url: &str,
    request_token: &str,
) -> Result<Identity, IdentityError> {
    let sep = if request_url.contains('?') { '&' } else { '?' };
    let url = format!(
        "{request_url}{sep}{}",
        http::form(&[("audience", &cfg.audience)])
    );
    let answer = http::get_json(&url, Some(request_token))?;
    let token =
        answer
            .get("value")
            .and_then(Value::as_str)
            .ok_or_else(|| IdentityError::Malformed {
                url: request_url.to_string(),
                cause: "no `value`".into(),
            })?;
    crate::infra::secrets::register(token);
    let disc = jwt::discover(&cfg.issuer)?;
    let claims = jwt::verify(token, &disc, &cfg.audience, true, "GitHub Actions OIDC")?;
    let repository = jwt::claim(&claims, "repository").unwrap_or_default();
    if let Some(want) = &cfg.repository
        && !want.eq_ignore_ascii_case(&repository)
    {
        return Err(IdentityError::WrongClaim {
            what: "GitHub Actions OIDC",
            field: "identity.githubActions.repository",
            got: repository,
            want: want.clone(),
        });
    }
    let actor = jwt::claim(&claims, "actor").ok_or_else(|| IdentityError::BadToken {
        what: "GitHub Actions OIDC",
        cause: "it has no `actor` claim".into(),
    })?;
    let mut context = BTreeMap::new();
    context.insert("issuer".to_string(), disc.issuer.clone());
    context.insert("audience".to_string(), cfg.audience.clone());
    if let Some(sub) = jwt::claim(&claims, "sub") {
        context.insert("sub".into(), sub);
    }
    for k in CONTEXT {
        if let Some(v) = jwt::claim(&claims, k) {
            context.insert(k.to_string(), v);
        }
    }
    Ok(Identity {
        actor,
        verified_by: VerifiedBy::GithubOidc,
        source: "github-oidc",
        groups: Vec::new(),
        claims: context,
        warnings: Vec::new(),
    })
}
