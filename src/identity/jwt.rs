//! OpenID Connect discovery and JWT verification: the issuer's
//! `/.well-known/openid-configuration`, its JWKS, and a token's signature, issuer and audience
//! checked with `jsonwebtoken` (aws-lc-rs). Only asymmetric algorithms are accepted (never
//! `none` or a shared secret), and the issuer must be https or a loopback address.

use jsonwebtoken::{Algorithm, DecodingKey, Validation, jwk::JwkSet};
use serde_json::{Map, Value};

use super::{IdentityError, http};

/// What discovery says about an issuer.
#[derive(Debug, Clone)]
pub struct Discovery {
    pub issuer: String,
    pub jwks_uri: String,
    pub token_endpoint: Option<String>,
    pub device_authorization_endpoint: Option<String>,
    pub revocation_endpoint: Option<String>,
}

/// Read `<issuer>/.well-known/openid-configuration`; its `issuer` must be `issuer`.
pub fn discover(issuer: &str) -> Result<Discovery, IdentityError> {
    let base = issuer.trim_end_matches('/');
    let url = format!("{base}/.well-known/openid-configuration");
    if !http::token_safe(&url) {
        return Err(IdentityError::InsecureUrl(url));
    }
    let doc = http::get_json(&url, None)?;
    let s = |k: &str| doc.get(k).and_then(Value::as_str).map(str::to_string);
    let said = s("issuer").unwrap_or_default();
    if said.trim_end_matches('/') != base {
        return Err(IdentityError::Malformed {
            url,
            cause: format!("it names the issuer `{said}`, not `{issuer}`"),
        });
    }
    let jwks_uri = s("jwks_uri").ok_or_else(|| IdentityError::Malformed {
        url: url.clone(),
        cause: "no `jwks_uri`".into(),
    })?;
    Ok(Discovery {
        issuer: said,
        jwks_uri,
        token_endpoint: s("token_endpoint"),
        device_authorization_endpoint: s("device_authorization_endpoint"),
        revocation_endpoint: s("revocation_endpoint"),
    })
}

const ALLOWED: [Algorithm; 8] = [
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
];

/// Verify `token`'s signature against the issuer's JWKS, its `iss` and `aud`, and (with
/// `check_exp`) that it has not expired; return its claims.
pub fn verify(
    token: &str,
    disc: &Discovery,
    audience: &str,
    check_exp: bool,
    what: &'static str,
) -> Result<Map<String, Value>, IdentityError> {
    let bad = |cause: String| IdentityError::BadToken { what, cause };
    let header = jsonwebtoken::decode_header(token).map_err(|e| bad(e.to_string()))?;
    if !ALLOWED.contains(&header.alg) {
        return Err(bad(format!(
            "the algorithm {:?} is not accepted",
            header.alg
        )));
    }
    if !http::token_safe(&disc.jwks_uri) {
        return Err(IdentityError::InsecureUrl(disc.jwks_uri.clone()));
    }
    let set: JwkSet =
        serde_json::from_value(http::get_json(&disc.jwks_uri, None)?).map_err(|e| {
            IdentityError::Malformed {
                url: disc.jwks_uri.clone(),
                cause: e.to_string(),
            }
        })?;
    let jwk = match &header.kid {
        Some(kid) => set.find(kid),
        None if set.keys.len() == 1 => set.keys.first(),
        None => None,
    }
    .ok_or_else(|| bad("its key is not in the issuer's JWKS".into()))?;
    let key = DecodingKey::from_jwk(jwk).map_err(|e| bad(e.to_string()))?;
    let mut v = Validation::new(header.alg);
    v.set_audience(&[audience]);
    v.set_issuer(&[disc.issuer.as_str(), disc.issuer.trim_end_matches('/')]);
    v.validate_exp = check_exp;
    v.leeway = 30;
    v.set_required_spec_claims(&["exp", "iss", "aud"]);
    let data = jsonwebtoken::decode::<Map<String, Value>>(token, &key, &v)
        .map_err(|e| bad(e.to_string()))?;
    Ok(data.claims)
}

/// A string claim.
pub fn claim(claims: &Map<String, Value>, name: &str) -> Option<String> {
    claims
        .get(name)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Seconds since the epoch.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn disc() -> Discovery {
        Discovery {
            issuer: "https://issuer.example.com".into(),
            // Never fetched: the algorithm is refused first.
            jwks_uri: "http://192.0.2.1/jwks".into(),
            token_endpoint: None,
            device_authorization_endpoint: None,
            revocation_endpoint: None,
        }
    }

    #[test]
    fn shared_secret_and_unsigned_tokens_are_refused_before_any_fetch() {
        let claims = serde_json::json!({"iss": "https://issuer.example.com", "aud": "idp", "exp": now() + 60});
        let hs = jsonwebtoken::encode(
            &jsonwebtoken::Header::new(Algorithm::HS256),
            &claims,
            &jsonwebtoken::EncodingKey::from_secret(b"guessable"),
        )
        .unwrap();
        let err = verify(&hs, &disc(), "idp", true, "test").unwrap_err();
        assert!(err.to_string().contains("HS256"), "{err}");
        // `alg: none`, as a forger would write it by hand.
        let none = "eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.";
        assert!(matches!(
            verify(none, &disc(), "idp", true, "test"),
            Err(IdentityError::BadToken { .. })
        ));
    }
}
