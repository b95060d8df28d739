//! `idp login` / `idp logout` against `identity.oidc` (Keycloak is the reference issuer): the
//! OAuth 2.0 Device Authorization Grant (RFC 8628; PKCE does not apply to it), a token cache
//! under `$XDG_CONFIG_HOME/idp/` (else `~/.config/idp/`) written 0600 in a 0700 directory,
//! refresh with the refresh token when the ID token expired, and revocation on logout when the
//! issuer has a revocation endpoint. Every ID token is verified against the issuer's JWKS
//! before it is used; its `groups` claim maps to RBAC roles (`rbac.roles.<role>.groups`).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Identity, IdentityError, OidcConfig, VerifiedBy, http, jwt};

const WHAT: &str = "OIDC";
const DEVICE_GRANT: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// The cache: one entry per issuer and client.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Cache {
    #[serde(default)]
    tokens: BTreeMap<String, Tokens>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Tokens {
    id_token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refresh_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    access_token: Option<String>,
}

impl Tokens {
    fn register(&self) {
        crate::infra::secrets::register(&self.id_token);
        for t in [&self.refresh_token, &self.access_token]
            .into_iter()
            .flatten()
        {
            crate::infra::secrets::register(t);
        }
    }
}

fn key(cfg: &OidcConfig) -> String {
    format!("{} {}", cfg.issuer.trim_end_matches('/'), cfg.client_id)
}

/// `$XDG_CONFIG_HOME/idp` (an absolute one), else `$HOME/.config/idp`.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(x) = super::env("XDG_CONFIG_HOME").map(PathBuf::from)
        && x.is_absolute()
    {
        return Some(x.join("idp"));
    }
    super::env("HOME").map(|h| PathBuf::from(h).join(".config").join("idp"))
}

/// The token cache file.
pub fn cache_path() -> Result<PathBuf, IdentityError> {
    config_dir()
        .map(|d| d.join("oidc-tokens.json"))
        .ok_or_else(|| IdentityError::Cache {
            path: "~/.config/idp".into(),
            cause: "neither XDG_CONFIG_HOME nor HOME is set".into(),
        })
}

fn cache_err(path: &std::path::Path, e: impl std::fmt::Display) -> IdentityError {
    IdentityError::Cache {
        path: path.display().to_string(),
        cause: e.to_string(),
    }
}

fn load() -> Result<Cache, IdentityError> {
    let path = cache_path()?;
    match std::fs::read(&path) {
        Ok(bytes) => {
            let cache: Cache = serde_json::from_slice(&bytes).map_err(|e| cache_err(&path, e))?;
            cache.tokens.values().for_each(Tokens::register);
            Ok(cache)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Cache::default()),
        Err(e) => Err(cache_err(&path, e)),
    }
}

/// Write the cache 0600 (a temp file renamed over it) in a 0700 directory; an empty cache
/// removes the file.
fn store(cache: &Cache) -> Result<(), IdentityError> {
    use std::io::Write as _;
    use std::os::unix::fs::{DirBuilderExt as _, OpenOptionsExt as _, PermissionsExt as _};
    let path = cache_path()?;
    if cache.tokens.is_empty() {
        return match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(cache_err(&path, e)),
            _ => Ok(()),
        };
    }
    let dir = path.parent().unwrap_or(std::path::Path::new("."));
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| cache_err(dir, e))?;
    let tmp = dir.join(format!(".oidc-tokens.{}.tmp", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let text = serde_json::to_vec_pretty(cache).map_err(|e| cache_err(&path, e))?;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&tmp)
        .map_err(|e| cache_err(&tmp, e))?;
    f.set_permissions(std::fs::Permissions::from_mode(0o600))
        .and_then(|_| f.write_all(&text))
        .and_then(|_| f.sync_all())
        .map_err(|e| cache_err(&tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| cache_err(&path, e))
}

/// What the cache holds for `identity.oidc`.
pub enum Cached {
    /// A verified (maybe just refreshed) login.
    Identity(Identity),
    /// No login.
    None,
    /// A login that can no longer be used (expired and not refreshable, issuer unreachable):
    /// why, for a warning.
    Expired(String),
}

/// The identity of the cached login: verified, refreshed when its ID token expired. A token
/// whose signature, issuer or audience does not verify is an error, never ignored.
pub fn resolve_cached(cfg: &OidcConfig) -> Result<Cached, IdentityError> {
    let mut cache = load()?;
    let k = key(cfg);
    let Some(tokens) = cache.tokens.get(&k).cloned() else {
        return Ok(Cached::None);
    };
    let disc = match jwt::discover(&cfg.issuer) {
        Ok(d) => d,
        Err(e @ (IdentityError::Transport { .. } | IdentityError::Status { .. })) => {
            return Ok(Cached::Expired(format!(
                "your `idp login` cannot be checked: {e}"
            )));
        }
        Err(e) => return Err(e),
    };
    let claims = jwt::verify(&tokens.id_token, &disc, &cfg.client_id, false, WHAT)?;
    let exp = claims.get("exp").and_then(Value::as_u64).unwrap_or(0);
    if exp > jwt::now() + 10 {
        return Ok(Cached::Identity(identity(cfg, &disc.issuer, &claims)));
    }
    let Some(refresh) = tokens.refresh_token.as_deref() else {
        return Ok(Cached::Expired(
            "your `idp login` expired and has no refresh token: run `idp login`".into(),
        ));
    };
    let Some(endpoint) = disc.token_endpoint.as_deref() else {
        return Err(IdentityError::Flow(format!(
            "the issuer `{}` has no token endpoint",
            cfg.issuer
        )));
    };
    let answer = http::post_form(
        endpoint,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh),
            ("client_id", &cfg.client_id),
        ],
    );
    let answer = match answer {
        Ok(a) if a.status == 200 => a,
        Ok(a) => {
            return Ok(Cached::Expired(format!(
                "your `idp login` expired and could not be refreshed ({}): run `idp login`",
                http::error_of(&a.body)
            )));
        }
        Err(e) => {
            return Ok(Cached::Expired(format!(
                "your `idp login` expired and could not be refreshed: {e}"
            )));
        }
    };
    let fresh = tokens_of(&answer.body, endpoint, Some(refresh))?;
    let claims = jwt::verify(&fresh.id_token, &disc, &cfg.client_id, true, WHAT)?;
    cache.tokens.insert(k, fresh);
    store(&cache)?;
    tracing::info!("refreshed the `idp login` of {}", cfg.issuer);
    Ok(Cached::Identity(identity(cfg, &disc.issuer, &claims)))
}

fn tokens_of(body: &Value, url: &str, old_refresh: Option<&str>) -> Result<Tokens, IdentityError> {
    let s = |k: &str| body.get(k).and_then(Value::as_str).map(str::to_string);
    let tokens = Tokens {
        id_token: s("id_token").ok_or_else(|| IdentityError::Malformed {
            url: url.to_string(),
            cause: "no `id_token` (is `openid` among `identity.oidc.scopes`?)".into(),
        })?,
        refresh_token: s("refresh_token").or_else(|| old_refresh.map(str::to_string)),
        access_token: s("access_token"),
    };
    tokens.register();
    Ok(tokens)
}

/// The identity an ID token's claims give: the actor is `email` (unless `email_verified` is
/// false), else `preferred_username`, else `sub`.
fn identity(cfg: &OidcConfig, issuer: &str, claims: &Map<String, Value>) -> Identity {
    let email = jwt::claim(claims, "email").filter(|_| {
        claims
            .get("email_verified")
            .and_then(Value::as_bool)
            .unwrap_or(true)
    });
    let sub = jwt::claim(claims, "sub").unwrap_or_default();
    let actor = email
        .or_else(|| jwt::claim(claims, "preferred_username"))
        .unwrap_or_else(|| sub.clone());
    let groups = match claims.get(&cfg.groups_claim) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        Some(Value::String(one)) => vec![one.clone()],
        _ => Vec::new(),
    };
    let mut context = BTreeMap::new();
    context.insert("issuer".to_string(), issuer.to_string());
    context.insert("client_id".to_string(), cfg.client_id.clone());
    context.insert("sub".to_string(), sub);
    for k in ["preferred_username", "email"] {
        if let Some(v) = jwt::claim(claims, k) {
            context.insert(k.to_string(), v);
        }
    }
    if let Some(exp) = claims.get("exp").and_then(Value::as_u64) {
        context.insert("exp".into(), exp.to_string());
    }
    Identity {
        actor,
        verified_by: VerifiedBy::Oidc,
        source: "oidc",
        groups,
        claims: context,
        warnings: Vec::new(),
    }
}

/// The device flow's first answer.
#[derive(Debug, Deserialize)]
struct DeviceAuthorization {
    device_code: String,
    user_code: String,
    verification_uri: String,
    #[serde(default)]
    verification_uri_complete: Option<String>,
    #[serde(default = "default_expires_in")]
    expires_in: u64,
    #[serde(default = "default_interval")]
    interval: u64,
}

fn default_expires_in() -> u64 {
    600
}
fn default_interval() -> u64 {
    5
}

/// `idp login`: run the device flow, `tell` the user where to go (stderr), wait for them,
/// verify and cache the tokens.
pub fn login(cfg: &OidcConfig, tell: &dyn Fn(&str)) -> Result<Identity, IdentityError> {
    let disc = jwt::discover(&cfg.issuer)?;
    let device_endpoint = disc.device_authorization_endpoint.clone().ok_or_else(|| {
        IdentityError::Flow(format!(
            "the issuer `{}` offers no device authorization endpoint: enable the OAuth 2.0 \
             Device Authorization Grant for the client `{}` (Keycloak: the client's \
             Capability config)",
            cfg.issuer, cfg.client_id
        ))
    })?;
    let token_endpoint = disc.token_endpoint.clone().ok_or_else(|| {
        IdentityError::Flow(format!("the issuer `{}` has no token endpoint", cfg.issuer))
    })?;
    let scope = cfg.scopes.join(" ");
    let a = http::post_form(
        &device_endpoint,
        &[("client_id", &cfg.client_id), ("scope", &scope)],
    )?;
    if a.status != 200 {
        return Err(IdentityError::Status {
            url: device_endpoint,
            status: a.status,
            detail: http::error_of(&a.body),
        });
    }
    let da: DeviceAuthorization =
        serde_json::from_value(a.body).map_err(|e| IdentityError::Malformed {
            url: device_endpoint.clone(),
            cause: e.to_string(),
        })?;
    crate::infra::secrets::register(&da.device_code);
    tell(&format!(
        "To sign in, open {} and enter the code {}",
        da.verification_uri, da.user_code
    ));
    if let Some(full) = &da.verification_uri_complete {
        tell(&format!("(or open {full})"));
    }
    let deadline = Instant::now() + Duration::from_secs(da.expires_in.clamp(1, 3600));
    let mut interval = da.interval.clamp(1, 60);
    loop {
        std::thread::sleep(Duration::from_secs(interval));
        if Instant::now() > deadline {
            return Err(IdentityError::Flow(
                "the sign-in code expired before it was entered: run `idp login` again".into(),
            ));
        }
        let a = http::post_form(
            &token_endpoint,
            &[
                ("grant_type", DEVICE_GRANT),
                ("device_code", &da.device_code),
                ("client_id", &cfg.client_id),
            ],
        )?;
        if a.status == 200 {
            let tokens = tokens_of(&a.body, &token_endpoint, None)?;
            let claims = jwt::verify(&tokens.id_token, &disc, &cfg.client_id, true, WHAT)?;
            let mut cache = load()?;
            cache.tokens.insert(key(cfg), tokens);
            store(&cache)?;
            return Ok(identity(cfg, &disc.issuer, &claims));
        }
        match poll_step(&a.body) {
            Poll::Pending => {}
            Poll::SlowDown => interval += 5,
            Poll::Failed(why) => return Err(IdentityError::Flow(why)),
        }
    }
}

enum Poll {
    Pending,
    SlowDown,
    Failed(String),
}

/// What an error answer of the token endpoint means while polling (RFC 8628 §3.5).
fn poll_step(body: &Value) -> Poll {
    match body.get("error").and_then(Value::as_str) {
        Some("authorization_pending") => Poll::Pending,
        Some("slow_down") => Poll::SlowDown,
        Some("access_denied") => Poll::Failed("the sign-in was denied".into()),
        Some("expired_token") => Poll::Failed(
            "the sign-in code expired before it was entered: run `idp login` again".into(),
        ),
        _ => Poll::Failed(format!(
            "the issuer refused the sign-in: {}",
            http::error_of(body)
        )),
    }
}

/// `idp logout`: revoke the refresh token (when the issuer can) and delete the cached tokens.
/// `Ok(false)`: there was no login.
pub fn logout(cfg: &OidcConfig, warn: &dyn Fn(&str)) -> Result<bool, IdentityError> {
    let mut cache = load()?;
    let Some(tokens) = cache.tokens.remove(&key(cfg)) else {
        return Ok(false);
    };
    store(&cache)?;
    let revoke = || -> Result<(), IdentityError> {
        let disc = jwt::discover(&cfg.issuer)?;
        let Some(endpoint) = disc.revocation_endpoint else {
            return Ok(());
        };
        for (token, hint) in [
            (tokens.refresh_token.as_deref(), "refresh_token"),
            (tokens.access_token.as_deref(), "access_token"),
        ] {
            let Some(token) = token else { continue };
            let a = http::post_form(
                &endpoint,
                &[
                    ("token", token),
                    ("token_type_hint", hint),
                    ("client_id", &cfg.client_id),
                ],
            )?;
            if a.status != 200 {
                return Err(IdentityError::Status {
                    url: endpoint.clone(),
                    status: a.status,
                    detail: http::error_of(&a.body),
                });
            }
        }
        Ok(())
    };
    if let Err(e) = revoke() {
        warn(&format!(
            "the tokens were deleted here but not revoked at the issuer: {e}"
        ));
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn polling_honours_pending_and_slow_down() {
        assert!(matches!(
            poll_step(&json!({"error": "authorization_pending"})),
            Poll::Pending
        ));
        assert!(matches!(
            poll_step(&json!({"error": "slow_down"})),
            Poll::SlowDown
        ));
        assert!(matches!(
            poll_step(&json!({"error": "access_denied"})),
            Poll::Failed(_)
        ));
        assert!(matches!(
            poll_step(&json!({"error": "expired_token"})),
            Poll::Failed(_)
        ));
    }

    #[test]
    fn the_actor_is_the_verified_email_then_the_username() {
        let cfg = OidcConfig {
            issuer: "https://kc".into(),
            client_id: "idp".into(),
            scopes: vec![],
            groups_claim: "groups".into(),
        };
        let c = |v: Value| v.as_object().cloned().unwrap_or_default();
        let id = identity(
            &cfg,
            "https://kc",
            &c(json!({"sub": "1", "email": "a@x", "groups": ["/platform/admins"]})),
        );
        assert_eq!(id.actor, "a@x");
        assert_eq!(id.groups, ["/platform/admins"]);
        let id = identity(
            &cfg,
            "https://kc",
            &c(
                json!({"sub": "1", "email": "a@x", "email_verified": false, "preferred_username": "ann"}),
            ),
        );
        assert_eq!(id.actor, "ann");
    }
}
