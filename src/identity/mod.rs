//! Who is acting, verified: the one resolver every command goes through ([`crate::ctx::Ctx::identity`]).
//!
//! The sources, in order (the first that applies wins; see README "Identity, roles and
//! approvals" and ADR-0031):
//! 1. `IDP_ACTOR`, only when idp.yaml allows it (`identity.allowActorOverride`, and under
//!    `CI=true` also `identity.allowActorOverrideInCi`): for tests and demos, never verified.
//! 2. GitHub Actions ([`github_actions`]): the job's OIDC token, requested from
//!    `ACTIONS_ID_TOKEN_REQUEST_URL` with the audience of `identity.githubActions`, its
//!    signature checked against the issuer's JWKS ([`jwt`]).
//! 3. `idp login` ([`oidc`]): the cached ID token of `identity.oidc` (Keycloak is the
//!    reference), checked against the JWKS, refreshed when it expired; its `groups` map to roles.
//! 4. The GitHub forge ([`github`]): the token's user (`GET /user`) and teams.
//! 5. The git identity (`GIT_AUTHOR_EMAIL`, git's `user.email`, `$USER`): *unverified*; what
//!    an unverified actor may do is [`IdentityConfig::unverified_allows`].
//!
//! Tokens never leave this module except as `Authorization` headers or form bodies to the
//! issuer; every token read is registered with [`crate::infra::secrets`], and a token is sent
//! over plain `http://` only to a loopback address ([`http`]).

pub mod github;
pub mod github_actions;
pub mod http;
pub mod jwt;
pub mod oidc;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// How an identity was verified; the `Idp-Actor-Verified-By` trailer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VerifiedBy {
    /// A GitHub Actions job's OIDC token.
    GithubOidc,
    /// An ID token of `identity.oidc` (`idp login`).
    Oidc,
    /// The GitHub forge's token (`GET /user`).
    GithubToken,
    /// Nothing: the git identity, or `IDP_ACTOR`.
    None,
}

impl VerifiedBy {
    pub fn as_str(self) -> &'static str {
        match self {
            VerifiedBy::GithubOidc => "github-oidc",
            VerifiedBy::Oidc => "oidc",
            VerifiedBy::GithubToken => "github-token",
            VerifiedBy::None => "none",
        }
    }
}

impl std::fmt::Display for VerifiedBy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who is acting.
#[derive(Debug, Clone, Serialize)]
pub struct Identity {
    /// The name RBAC members and commit trailers use: an email (OIDC, git) or a GitHub login.
    pub actor: String,
    pub verified_by: VerifiedBy,
    /// Where the name came from: `idp-actor`, `github-oidc`, `oidc`, `github-token`, `git`.
    pub source: &'static str,
    /// Groups from a verified source: the OIDC `groups` claim, GitHub teams as `@org/team`.
    pub groups: Vec<String>,
    /// The context of a verified token (issuer, subject, repository, ref, environment,
    /// job_workflow_ref …), never the token itself.
    pub claims: BTreeMap<String, String>,
    /// What the resolver could not use, said once on stderr (an expired login, a missing
    /// `id-token: write`).
    #[serde(skip)]
    pub warnings: Vec<String>,
}

impl Identity {
    pub fn verified(&self) -> bool {
        self.verified_by != VerifiedBy::None
    }

    /// Named by `IDP_ACTOR`.
    pub fn overridden(&self) -> bool {
        self.source == SOURCE_OVERRIDE
    }

    /// An unverified identity named `actor`: no groups, no claims.
    pub fn unverified(actor: &str) -> Identity {
        Identity {
            actor: actor.to_string(),
            verified_by: VerifiedBy::None,
            source: SOURCE_GIT,
            groups: Vec::new(),
            claims: BTreeMap::new(),
            warnings: Vec::new(),
        }
    }
}

pub const SOURCE_OVERRIDE: &str = "idp-actor";
/// The trailer saying how `Idp-Actor` was verified.
pub use crate::change::VERIFIED_BY_TRAILER;
pub const SOURCE_GIT: &str = "git";

/// What goes wrong while verifying: each is exit 4 (not authorised) at the edge.
#[derive(Debug, thiserror::Error)]
pub enum IdentityError {
    #[error("cannot reach `{url}`: {cause}")]
    Transport { url: String, cause: String },
    #[error("`{url}` answered HTTP {status}: {detail}")]
    Status {
        url: String,
        status: u16,
        detail: String,
    },
    #[error("`{url}` answered something that is not the expected JSON: {cause}")]
    Malformed { url: String, cause: String },
    #[error(
        "refusing to send a token to `{0}`: only https, or http to a loopback address, is allowed"
    )]
    InsecureUrl(String),
    #[error("the {what} token failed verification: {cause}")]
    BadToken { what: &'static str, cause: String },
    #[error("the {what} token is for `{got}`, but idp.yaml's `{field}` is `{want}`")]
    WrongClaim {
        what: &'static str,
        field: &'static str,
        got: String,
        want: String,
    },
    #[error("{0}")]
    Flow(String),
    #[error("the token cache `{path}`: {cause}")]
    Cache { path: String, cause: String },
}

impl From<IdentityError> for crate::error::IdpError {
    fn from(e: IdentityError) -> Self {
        let hint = match &e {
            IdentityError::BadToken { what: "OIDC", .. } => {
                "run `idp logout` and `idp login` again; a cached token that does not verify is never used"
            }
            IdentityError::BadToken { .. } | IdentityError::WrongClaim { .. } => {
                "check `identity` in idp.yaml against the workflow (`permissions: id-token: write`)"
            }
            _ => "check `identity` in idp.yaml and that the identity provider is reachable",
        };
        crate::error::IdpError::NotAuthenticated {
            message: e.to_string(),
            hint: hint.into(),
        }
    }
}

/// `identity` in idp.yaml.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct IdentityConfig {
    /// Honour `IDP_ACTOR` (tests and demos only; never verified).
    pub allow_actor_override: bool,
    /// …also under `CI=true`.
    pub allow_actor_override_in_ci: bool,
    pub unverified: UnverifiedConfig,
    pub oidc: Option<OidcConfig>,
    pub github_actions: Option<GithubActionsConfig>,
    pub github: GithubIdentityConfig,
}

/// `identity.unverified`: what an actor nothing verified may do.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct UnverifiedConfig {
    /// Globs on `noun:verb@scope` like role permissions (one without `@` applies to every
    /// scope). Unset: [`DEFAULT_UNVERIFIED_DENY`] and every scope in
    /// [`DEFAULT_PROTECTED_SCOPES`] are refused, everything else is left to the roles
    /// (`Config::unverified_allows` in `platform::config`).
    pub permissions: Option<Vec<String>>,
}

/// Actions an unverified actor may never take by default: approvals and the merges they gate.
pub const DEFAULT_UNVERIFIED_DENY: [&str; 2] = ["pr:approve", "pr:merge"];
/// Environments no action of an unverified actor may touch by default.
pub const DEFAULT_PROTECTED_SCOPES: [&str; 2] = ["staging", "prod"];

/// `identity.oidc`: the issuer `idp login` signs in to (Keycloak: `https://HOST/realms/REALM`).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OidcConfig {
    pub issuer: String,
    pub client_id: String,
    #[serde(default = "default_scopes")]
    pub scopes: Vec<String>,
    /// The claim holding the groups (Keycloak's group mapper: `groups`).
    #[serde(default = "default_groups_claim")]
    pub groups_claim: String,
}

fn default_scopes() -> Vec<String> {
    ["openid", "profile", "email", "offline_access"]
        .map(String::from)
        .to_vec()
}

fn default_groups_claim() -> String {
    "groups".into()
}

/// `identity.githubActions`: the job's OIDC token.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GithubActionsConfig {
    pub audience: String,
    pub issuer: String,
    /// `owner/repo` the token's `repository` claim must name.
    pub repository: Option<String>,
}

impl Default for GithubActionsConfig {
    fn default() -> Self {
        GithubActionsConfig {
            audience: "idp".into(),
            issuer: github_actions::DEFAULT_ISSUER.into(),
            repository: None,
        }
    }
}

/// `identity.github`: the GitHub forge's token as an identity.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct GithubIdentityConfig {
    /// Use `GET /user` with the forge's token (`forge.type: github`).
    pub enabled: bool,
    /// Read the user's teams (`GET /user/teams`, needs `read:org`) as groups `@org/team`.
    pub teams: bool,
}

impl Default for GithubIdentityConfig {
    fn default() -> Self {
        GithubIdentityConfig {
            enabled: true,
            teams: true,
        }
    }
}

impl IdentityConfig {
    /// Is `IDP_ACTOR` honoured (under CI or not)?
    pub fn override_allowed(&self, ci: bool) -> bool {
        self.allow_actor_override && (!ci || self.allow_actor_override_in_ci)
    }
}

/// Are we running under CI (`CI=true`)?
pub fn is_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

fn env(k: &str) -> Option<String> {
    std::env::var(k).ok().filter(|v| !v.trim().is_empty())
}

/// What the resolver needs: idp.yaml's `identity` and `forge`, and the git identity.
pub struct Inputs<'a> {
    pub identity: &'a IdentityConfig,
    pub forge: &'a crate::infra::forge::config::ForgeConfig,
    /// The git identity (`GIT_AUTHOR_EMAIL`, `user.email`, `$USER`), asked only when needed.
    pub git_identity: &'a dyn Fn() -> String,
}

/// Resolve who is acting. An error is a source that applies but does not verify (a forged
/// or mis-signed token): never a fall back to a weaker source.
pub fn resolve(inputs: &Inputs<'_>) -> Result<Identity, IdentityError> {
    let cfg = inputs.identity;
    let mut warnings = Vec::new();
    if let Some(actor) = env("IDP_ACTOR") {
        if cfg.override_allowed(is_ci()) {
            let mut id = Identity::unverified(&actor);
            id.source = SOURCE_OVERRIDE;
            return Ok(id);
        }
        warnings.push(if cfg.allow_actor_override {
            "`IDP_ACTOR` is ignored under CI=true (idp.yaml: `identity.allowActorOverrideInCi` is off)".to_string()
        } else {
            "`IDP_ACTOR` is ignored: idp.yaml does not set `identity.allowActorOverride`"
                .to_string()
        });
    }
    if env("GITHUB_ACTIONS").as_deref() == Some("true")
        && let Some(gha) = &cfg.github_actions
    {
        match github_actions::request_env() {
            Some((url, token)) => {
                let mut id = github_actions::resolve(gha, &url, &token)?;
                id.warnings = warnings;
                return Ok(id);
            }
            None => warnings.push(
                "no GitHub Actions OIDC token (the job needs `permissions: id-token: write`)"
                    .into(),
            ),
        }
    }
    if let Some(oidc_cfg) = &cfg.oidc {
        match oidc::resolve_cached(oidc_cfg)? {
            oidc::Cached::Identity(mut id) => {
                id.warnings.splice(0..0, warnings);
                return Ok(id);
            }
            oidc::Cached::None => {}
            oidc::Cached::Expired(why) => warnings.push(why),
        }
    }
    if inputs.forge.kind == "github"
        && cfg.github.enabled
        && let Some(token) = github::token(&inputs.forge.github)
    {
        match github::resolve(&inputs.forge.github, cfg.github.teams, token) {
            Ok(mut id) => {
                id.warnings.splice(0..0, warnings);
                return Ok(id);
            }
            // An App's or an Actions job's token has no user: not an attack, a weaker source.
            Err(e) => warnings.push(format!(
                "the GitHub token names no user, so it verifies no one ({e})"
            )),
        }
    }
    let mut id = Identity::unverified(&(inputs.git_identity)());
    id.warnings = warnings;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn override_needs_the_ci_opt_in_under_ci() {
        let cfg = IdentityConfig {
            allow_actor_override: true,
            ..Default::default()
        };
        assert!(cfg.override_allowed(false));
        assert!(!cfg.override_allowed(true));
        assert!(!IdentityConfig::default().override_allowed(false));
    }
}
