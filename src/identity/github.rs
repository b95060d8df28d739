//! The GitHub forge's token as an identity (`forge.type: github`, a user's token in `GH_TOKEN`
//! or `GITHUB_TOKEN`): `GET /user` names the actor (the login), `GET /user/teams` gives the
//! groups, as `@org/team-slug` (like CODEOWNERS). A GitHub App or an Actions `GITHUB_TOKEN`
//! names no user: then this source does not apply.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{Identity, IdentityError, VerifiedBy, http};
use crate::infra::forge::config::GitHubConfig;
use crate::infra::forge::github::api::{Api, Auth};

/// The user token the forge would use (not an App's).
pub fn token(cfg: &GitHubConfig) -> Option<String> {
    if cfg.app_id.is_some() && cfg.installation_id.is_some() {
        return None;
    }
    let t = super::env("GH_TOKEN").or_else(|| super::env("GITHUB_TOKEN"))?;
    crate::infra::secrets::register(t.trim());
    Some(t.trim().to_string())
}

fn api_error(base: &str, e: impl std::fmt::Display) -> IdentityError {
    IdentityError::Transport {
        url: base.to_string(),
        cause: e.to_string(),
    }
}

/// Who the token belongs to, and their teams when `teams`.
pub fn resolve(cfg: &GitHubConfig, teams: bool, token: String) -> Result<Identity, IdentityError> {
    let base = cfg.base_url.trim_end_matches('/');
    if !http::token_safe(base) {
        return Err(IdentityError::InsecureUrl(base.to_string()));
    }
    let api = Api::new(base, Auth::Token(token)).map_err(|e| api_error(base, e))?;
    let user = api.get("/user").map_err(|e| api_error(base, e))?.body;
    let login = user
        .get("login")
        .and_then(Value::as_str)
        .filter(|l| !l.is_empty())
        .ok_or_else(|| IdentityError::Malformed {
            url: format!("{base}/user"),
            cause: "no `login`".into(),
        })?
        .to_string();
    let mut warnings = Vec::new();
    let mut groups = Vec::new();
    if teams {
        match api.list("/user/teams?per_page=100", 10) {
            Ok(items) => {
                for t in items {
                    let org = t
                        .pointer("/organization/login")
                        .and_then(Value::as_str)
                        .unwrap_or_default();
                    let slug = t.get("slug").and_then(Value::as_str).unwrap_or_default();
                    if !org.is_empty() && !slug.is_empty() {
                        groups.push(format!("@{org}/{slug}"));
                    }
                }
                groups.sort();
                groups.dedup();
            }
            Err(e) => warnings.push(format!(
                "cannot read your GitHub teams (the token needs `read:org`): {e}"
            )),
        }
    }
    let mut claims = BTreeMap::new();
    claims.insert("github_api".to_string(), base.to_string());
    if let Some(id) = user.get("id").and_then(Value::as_u64) {
        claims.insert("github_user_id".into(), id.to_string());
    }
    Ok(Identity {
        actor: login,
        verified_by: VerifiedBy::GithubToken,
        source: "github-token",
        groups,
        claims,
        warnings,
    })
}
