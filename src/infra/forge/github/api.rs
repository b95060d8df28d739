//! The GitHub REST API through octocrab: one client per command (its own small tokio runtime),
//! bounded retries with backoff on 5xx and on rate limits (honouring `Retry-After` and
//! `x-ratelimit-reset`), and errors that say which call failed and why — never with the token.

use std::time::Duration;

use http::{HeaderMap, Method, StatusCode};
use octocrab::Octocrab;
use serde_json::Value;

use crate::error::IdpError;

/// Attempts per call, the first included.
const MAX_ATTEMPTS: u32 = 4;
/// The longest idp waits before one retry; a rate limit that resets later is an error.
const MAX_WAIT: Duration = Duration::from_secs(60);
/// The first backoff after a 5xx or a transport error; doubled for each further attempt.
const FIRST_BACKOFF: Duration = Duration::from_millis(500);

/// A successful answer.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub body: Value,
    /// The `rel="next"` page of a list, as a path relative to the API.
    pub next: Option<String>,
}

/// Why a call failed, with what GitHub said.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("GitHub refused the credentials for {call} (HTTP 401: {message})")]
    BadCredentials { call: String, message: String },
    #[error("GitHub denied {call} (HTTP 403: {message})")]
    Forbidden { call: String, message: String },
    #[error(
        "{call}: not found (HTTP 404); the repository or team does not exist, or the token cannot see it"
    )]
    NotFound { call: String },
    #[error("GitHub rejected {call} (HTTP 422: {message})")]
    Unprocessable {
        call: String,
        message: String,
        errors: Vec<String>,
    },
    #[error("GitHub rate-limited {call} after {attempts} attempt(s) (HTTP {status}): {message}")]
    RateLimited {
        call: String,
        status: u16,
        attempts: u32,
        message: String,
    },
    #[error("GitHub answered {call} with HTTP {status} after {attempts} attempt(s): {message}")]
    Status {
        call: String,
        status: u16,
        attempts: u32,
        message: String,
    },
    #[error("cannot reach GitHub for {call} after {attempts} attempt(s): {cause}")]
    Transport {
        call: String,
        attempts: u32,
        cause: String,
    },
}

impl ApiError {
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::BadCredentials { .. } => Some(401),
            ApiError::Forbidden { .. } => Some(403),
            ApiError::NotFound { .. } => Some(404),
            ApiError::Unprocessable { .. } => Some(422),
            ApiError::RateLimited { status, .. } | ApiError::Status { status, .. } => Some(*status),
            ApiError::Transport { .. } => None,
        }
    }

    /// A 422 whose message or errors contain `needle` (GitHub's wording, case-insensitive).
    pub fn unprocessable_says(&self, needle: &str) -> bool {
        let needle = needle.to_ascii_lowercase();
        match self {
            ApiError::Unprocessable {
                message, errors, ..
            } => std::iter::once(message)
                .chain(errors)
                .any(|m| m.to_ascii_lowercase().contains(&needle)),
            _ => false,
        }
    }

    /// The error as the command reports it: refused credentials and permissions are exit 4.
    pub fn into_anyhow(self) -> anyhow::Error {
        match self {
            ApiError::BadCredentials { .. } => IdpError::NotAuthenticated {
                message: self.to_string(),
                hint: "the token is invalid or expired: set GH_TOKEN (or GITHUB_TOKEN) to a valid \
                       token, or check the GitHub App under `forge.github` in idp.yaml"
                    .into(),
            }
            .into(),
            ApiError::Forbidden { .. } => IdpError::NotAuthenticated {
                message: self.to_string(),
                hint: "the token lacks a permission this call needs (repository administration, \
                       pull requests, members); use a token or App installation that has it"
                    .into(),
            }
            .into(),
            ApiError::Transport { .. } => IdpError::Service {
                message: self.to_string(),
                hint: "GitHub could not be reached: check the network, and `forge.github.baseUrl` \
                       in idp.yaml (a proxy: HTTPS_PROXY); `-vv` logs the full error"
                    .into(),
            }
            .into(),
            other => other.into(),
        }
    }
}

/// How the client authenticates.
pub enum Auth {
    /// A personal, fine-grained or Actions token.
    Token(String),
    /// A GitHub App: its id, the installation and the private key (PEM).
    App {
        app_id: u64,
        installation_id: u64,
        key: octocrab::EncodingKey,
    },
}

/// The client: octocrab on a current-thread runtime, used synchronously.
pub struct Api {
    rt: tokio::runtime::Runtime,
    crab: Octocrab,
    base: String,
    /// The token requests carry (an App's installation token once minted): for git pushes.
    token: String,
}

impl Api {
    /// A client for the API at `base` (`https://api.github.com`, `https://HOST/api/v3`).
    pub fn new(base: &str, auth: Auth) -> anyhow::Result<Api> {
        crate::infra::secrets::check_transport(base).map_err(IdpError::usage)?;
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        // octocrab's service stack spawns its buffer task: it is built inside the runtime.
        let _inside = rt.enter();
        let builder = || -> anyhow::Result<_> {
            Ok(Octocrab::builder()
                .base_uri(base)
                .map_err(|e| IdpError::usage(format!("`forge.github.baseUrl` `{base}`: {e}")))?
                .set_connect_timeout(Some(Duration::from_secs(10)))
                .set_read_timeout(Some(Duration::from_secs(60)))
                .set_write_timeout(Some(Duration::from_secs(60))))
        };
        let (crab, token) = match auth {
            Auth::Token(token) => {
                crate::infra::secrets::register(&token);
                (builder()?.personal_token(token.clone()).build()?, token)
            }
            Auth::App {
                app_id,
                installation_id,
                key,
            } => {
                let app = builder()?.app(app_id.into(), key).build()?;
                let (crab, token) = rt
                    .block_on(app.installation_and_token(installation_id.into()))
                    .map_err(|e| IdpError::NotAuthenticated {
                        message: format!(
                            "cannot get an installation token for GitHub App {app_id} \
                             (installation {installation_id}): {e}"
                        ),
                        hint: "check `forge.github.appId`, `installationId` and the private key"
                            .into(),
                    })?;
                let token = secrecy_expose(&token);
                crate::infra::secrets::register(&token);
                (crab, token)
            }
        };
        Ok(Api {
            rt,
            crab,
            base: base.trim_end_matches('/').to_string(),
            token,
        })
    }

    /// The token requests carry.
    pub fn token(&self) -> &str {
        &self.token
    }

    pub fn get(&self, path: &str) -> Result<Reply, ApiError> {
        self.call(Method::GET, path, None)
    }

    pub fn post(&self, path: &str, body: &Value) -> Result<Reply, ApiError> {
        self.call(Method::POST, path, Some(body))
    }

    pub fn patch(&self, path: &str, body: &Value) -> Result<Reply, ApiError> {
        self.call(Method::PATCH, path, Some(body))
    }

    pub fn put(&self, path: &str, body: &Value) -> Result<Reply, ApiError> {
        self.call(Method::PUT, path, Some(body))
    }

    pub fn delete(&self, path: &str) -> Result<Reply, ApiError> {
        self.call(Method::DELETE, path, None)
    }

    /// Every item of a list endpoint, following `Link: rel="next"` (at most `max_pages`).
    pub fn list(&self, path: &str, max_pages: usize) -> Result<Vec<Value>, ApiError> {
        let mut out = Vec::new();
        let mut next = Some(path.to_string());
        let mut pages = 0;
        while let Some(p) = next.take() {
            let reply = self.get(&p)?;
            if let Value::Array(items) = reply.body {
                out.extend(items);
            }
            pages += 1;
            if pages < max_pages {
                next = reply.next;
            }
        }
        Ok(out)
    }

    /// One call, retried while GitHub says it is worth retrying.
    pub fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Reply, ApiError> {
        let call = format!("{method} {path}");
        let mut attempt = 0;
        loop {
            attempt += 1;
            let answer = self.rt.block_on(self.once(&method, path, body));
            let (status, headers, text) = match answer {
                Ok(a) => a,
                Err(cause) => {
                    // octocrab's Debug form (request and response parts) at `-vv` only.
                    tracing::debug!("{call}: {cause:?}");
                    let cause = crate::infra::client_error::chain(&cause);
                    if attempt < MAX_ATTEMPTS {
                        let wait = backoff(attempt);
                        tracing::warn!("{call}: {cause}; retrying in {wait:?}");
                        std::thread::sleep(wait);
                        continue;
                    }
                    return Err(ApiError::Transport {
                        call,
                        attempts: attempt,
                        cause: format!("{cause} ({})", self.base),
                    });
                }
            };
            if status.is_success() || status == StatusCode::NOT_MODIFIED {
                let body = if text.trim().is_empty() {
                    Value::Null
                } else {
                    serde_json::from_str(&text).unwrap_or(Value::String(text))
                };
                return Ok(Reply {
                    status: status.as_u16(),
                    body,
                    next: next_link(&headers, &self.base),
                });
            }
            let json: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
            let message = json
                .get("message")
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or_else(|| text.chars().take(200).collect());
            let wait = retry_wait(status, &headers, &message, attempt);
            if let Wait::After(d) = wait
                && attempt < MAX_ATTEMPTS
            {
                tracing::warn!("{call}: HTTP {status} ({message}); retrying in {d:?}");
                std::thread::sleep(d);
                continue;
            }
            if is_rate_limit(status, &headers, &message) {
                let message = match wait {
                    Wait::TooLong(d) => format!(
                        "{message}; the limit resets in {}s, longer than idp waits",
                        d.as_secs()
                    ),
                    _ => message,
                };
                return Err(ApiError::RateLimited {
                    call,
                    status: status.as_u16(),
                    attempts: attempt,
                    message,
                });
            }
            return Err(match status.as_u16() {
                401 => ApiError::BadCredentials { call, message },
                403 => ApiError::Forbidden { call, message },
                404 => ApiError::NotFound { call },
                422 => ApiError::Unprocessable {
                    call,
                    message,
                    errors: validation_errors(&json),
                },
                s => ApiError::Status {
                    call,
                    status: s,
                    attempts: attempt,
                    message,
                },
            });
        }
    }

    async fn once(
        &self,
        method: &Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<(StatusCode, HeaderMap, String), octocrab::Error> {
        let uri = path.to_string();
        let response = match *method {
            Method::GET => self.crab._get(uri).await?,
            Method::POST => self.crab._post(uri, body).await?,
            Method::PATCH => self.crab._patch(uri, body).await?,
            Method::PUT => self.crab._put(uri, body).await?,
            Method::DELETE => self.crab._delete(uri, body).await?,
            _ => self.crab._get(uri).await?,
        };
        let status = response.status();
        let headers = response.headers().clone();
        let text = self.crab.body_to_string(response).await?;
        Ok((status, headers, text))
    }
}

fn secrecy_expose(token: &octocrab::secrecy::SecretString) -> String {
    use octocrab::secrecy::ExposeSecret as _;
    token.expose_secret().to_string()
}

fn backoff(attempt: u32) -> Duration {
    (FIRST_BACKOFF * 2u32.saturating_pow(attempt.saturating_sub(1))).min(MAX_WAIT)
}

enum Wait {
    No,
    After(Duration),
    TooLong(Duration),
}

fn header_u64(headers: &HeaderMap, name: &str) -> Option<u64> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
}

fn is_rate_limit(status: StatusCode, headers: &HeaderMap, message: &str) -> bool {
    (status == StatusCode::FORBIDDEN || status == StatusCode::TOO_MANY_REQUESTS)
        && (headers.contains_key("retry-after")
            || header_u64(headers, "x-ratelimit-remaining") == Some(0)
            || message.to_ascii_lowercase().contains("rate limit"))
}

/// How long to wait before retrying, per GitHub's guidance: `Retry-After` when given; for a
/// primary rate limit until `x-ratelimit-reset`; for a secondary one without either, a
/// minute; for a 5xx, exponential backoff.
fn retry_wait(status: StatusCode, headers: &HeaderMap, message: &str, attempt: u32) -> Wait {
    let bounded = |d: Duration| {
        if d > MAX_WAIT {
            Wait::TooLong(d)
        } else {
            Wait::After(d)
        }
    };
    if is_rate_limit(status, headers, message) {
        if let Some(secs) = header_u64(headers, "retry-after") {
            return bounded(Duration::from_secs(secs));
        }
        if header_u64(headers, "x-ratelimit-remaining") == Some(0)
            && let Some(reset) = header_u64(headers, "x-ratelimit-reset")
        {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0);
            return bounded(Duration::from_secs(reset.saturating_sub(now) + 1));
        }
        return bounded(Duration::from_secs(60));
    }
    if status.is_server_error() {
        if let Some(secs) = header_u64(headers, "retry-after") {
            return bounded(Duration::from_secs(secs));
        }
        return Wait::After(backoff(attempt));
    }
    Wait::No
}

/// `errors[].message` (or `code` + `field`) of a 422.
fn validation_errors(json: &Value) -> Vec<String> {
    json.get("errors")
        .and_then(Value::as_array)
        .map(|errors| {
            errors
                .iter()
                .map(|e| match e.get("message").and_then(Value::as_str) {
                    Some(m) => m.to_string(),
                    None => match e {
                        Value::String(s) => s.clone(),
                        _ => format!(
                            "{} {}",
                            e.get("field").and_then(Value::as_str).unwrap_or("?"),
                            e.get("code").and_then(Value::as_str).unwrap_or("invalid")
                        ),
                    },
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The `rel="next"` URL of a `Link` header, relative to the API base.
fn next_link(headers: &HeaderMap, base: &str) -> Option<String> {
    let link = headers.get("link")?.to_str().ok()?;
    link.split(',').find_map(|part| {
        let (url, rel) = part.split_once(';')?;
        if !rel.contains("rel=\"next\"") {
            return None;
        }
        let url = url.trim().trim_start_matches('<').trim_end_matches('>');
        let rel_path = match url.strip_prefix(base) {
            Some(p) => p.to_string(),
            None => {
                let after_scheme = url.split_once("://").map_or(url, |(_, r)| r);
                after_scheme
                    .find('/')
                    .map_or_else(|| "/".to_string(), |i| after_scheme[i..].to_string())
            }
        };
        Some(rel_path)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_links_are_made_relative_to_the_api() {
        let mut h = HeaderMap::new();
        h.insert(
            "link",
            "<https://ghe.example.com/api/v3/repos/a/b/pulls?page=2>; rel=\"next\", \
             <https://ghe.example.com/api/v3/repos/a/b/pulls?page=5>; rel=\"last\""
                .parse()
                .unwrap(),
        );
        assert_eq!(
            next_link(&h, "https://ghe.example.com/api/v3").as_deref(),
            Some("/repos/a/b/pulls?page=2")
        );
        assert_eq!(next_link(&HeaderMap::new(), "x"), None);
    }

    #[test]
    fn waits_follow_retry_after_reset_and_backoff() {
        let mut h = HeaderMap::new();
        h.insert("retry-after", "3".parse().unwrap());
        assert!(matches!(
            retry_wait(StatusCode::FORBIDDEN, &h, "You have exceeded a secondary rate limit", 1),
            Wait::After(d) if d == Duration::from_secs(3)
        ));
        h.insert("retry-after", "3600".parse().unwrap());
        assert!(matches!(
            retry_wait(StatusCode::FORBIDDEN, &h, "secondary rate limit", 1),
            Wait::TooLong(_)
        ));
        // A 403 that is not a rate limit is not retried.
        assert!(matches!(
            retry_wait(
                StatusCode::FORBIDDEN,
                &HeaderMap::new(),
                "Resource not accessible",
                1
            ),
            Wait::No
        ));
        assert!(matches!(
            retry_wait(StatusCode::BAD_GATEWAY, &HeaderMap::new(), "", 2),
            Wait::After(d) if d == Duration::from_secs(1)
        ));
    }
}
