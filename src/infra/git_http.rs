//! git's smart HTTP protocol for libgit2, over reqwest and rustls (ADR-0008).
//!
//! libgit2 is built without its own https support (which would link OpenSSL, a second TLS
//! stack and ~2.5 ms on every start); [`register`] gives it this transport for `https://`
//! remotes instead. Certificates are verified against the platform's roots (honouring
//! `SSL_CERT_FILE`/`SSL_CERT_DIR`), proxies come from the usual environment variables.
//!
//! Credentials: a token (`GH_TOKEN`, else `GITHUB_TOKEN`) is sent only to a GitHub host —
//! `github.com` or the host of `IDP_GITHUB_URL` (GitHub Enterprise) — as
//! `x-access-token:<token>`, the form GitHub documents for installation and personal tokens.
//! A user/password in the remote URL is used as given. Neither ever appears in an error.

use std::io::{self, Read, Write};
use std::sync::{Mutex, OnceLock};

use git2::transport::{Service, SmartSubtransport, SmartSubtransportStream, Transport};

/// Make libgit2 use this transport for `https://` remotes. Idempotent.
pub fn register() {
    static REGISTERED: std::sync::Once = std::sync::Once::new();
    REGISTERED.call_once(|| {
        // SAFETY: called once, before any remote is opened (from `git::start`), on one thread.
        let registered = unsafe {
            git2::transport::register("https", |remote| {
                Transport::smart(remote, true, Http::default())
            })
        };
        if let Err(e) = registered {
            tracing::warn!("cannot register the https transport: {e}");
        }
    });
}

/// One remote's subtransport: the repository URL the first request was made to.
#[derive(Default)]
struct Http {
    base: Mutex<Option<String>>,
}

impl SmartSubtransport for Http {
    fn action(
        &self,
        url: &str,
        action: Service,
    ) -> Result<Box<dyn SmartSubtransportStream>, git2::Error> {
        let mut base = self
            .base
            .lock()
            .map_err(|_| git2::Error::from_str("https transport: poisoned lock"))?;
        let base = base
            .get_or_insert_with(|| url.trim_end_matches('/').to_string())
            .clone();
        Ok(Box::new(Stream {
            base,
            action,
            body: Vec::new(),
            response: None,
        }))
    }

    fn close(&self) -> Result<(), git2::Error> {
        Ok(())
    }
}

struct Stream {
    base: String,
    action: Service,
    body: Vec<u8>,
    response: Option<reqwest::blocking::Response>,
}

/// `(service, path and query, is it the ref advertisement?)` for one step of the protocol.
fn endpoint(action: Service) -> (&'static str, &'static str, bool) {
    match action {
        Service::UploadPackLs => (
            "git-upload-pack",
            "/info/refs?service=git-upload-pack",
            true,
        ),
        Service::UploadPack => ("git-upload-pack", "/git-upload-pack", false),
        Service::ReceivePackLs => (
            "git-receive-pack",
            "/info/refs?service=git-receive-pack",
            true,
        ),
        Service::ReceivePack => ("git-receive-pack", "/git-receive-pack", false),
    }
}

impl Stream {
    fn send(&mut self) -> io::Result<()> {
        let (service, path, advertisement) = endpoint(self.action);
        let remote = Remote::parse(&self.base)?;
        let url = format!("{}{path}", remote.url);
        let client = client()?;
        let request = if advertisement {
            client.get(&url)
        } else {
            client
                .post(&url)
                .header("Content-Type", format!("application/x-{service}-request"))
                .header("Accept", format!("application/x-{service}-result"))
                .body(std::mem::take(&mut self.body))
        };
        let request = match remote.credentials() {
            Some((user, secret)) => request.basic_auth(user, Some(secret)),
            None => request,
        };
        let response = request
            .header(
                "User-Agent",
                concat!("git/2.0 (idp ", env!("CARGO_PKG_VERSION"), ")"),
            )
            .send()
            .map_err(|e| io_error(&remote.shown, e))?;
        let status = response.status();
        if !status.is_success() {
            let why = match status.as_u16() {
                401 => "authentication failed (HTTP 401): set GH_TOKEN to a token with access",
                403 => "permission denied (HTTP 403): the token lacks access to this repository",
                404 => "repository not found (HTTP 404)",
                _ => "the server refused the request",
            };
            return Err(io::Error::other(format!(
                "{}: {why} [{status}]",
                remote.shown
            )));
        }
        let expected = if advertisement {
            format!("application/x-{service}-advertisement")
        } else {
            format!("application/x-{service}-result")
        };
        let content_type = response
            .headers()
            .get("Content-Type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        if !content_type.starts_with(&expected) {
            return Err(io::Error::other(format!(
                "{}: not a git smart-HTTP server (Content-Type `{content_type}`, expected `{expected}`)",
                remote.shown
            )));
        }
        self.response = Some(response);
        Ok(())
    }
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.response.is_none() {
            self.send()?;
        }
        match &mut self.response {
            Some(r) => r.read(buf),
            None => Ok(0),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if self.response.is_some() {
            return Err(io::Error::other(
                "https transport: write after the response was read",
            ));
        }
        self.body.extend_from_slice(data);
        Ok(data.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The one HTTP client (its connection pool is reused between the steps of a push).
fn client() -> io::Result<&'static reqwest::blocking::Client> {
    static CLIENT: OnceLock<Result<reqwest::blocking::Client, String>> = OnceLock::new();
    CLIENT
        .get_or_init(|| {
            reqwest::blocking::Client::builder()
                .connect_timeout(std::time::Duration::from_secs(30))
                .build()
                .map_err(|e| format!("cannot start the https client: {e}"))
        })
        .as_ref()
        .map_err(|e| io::Error::other(e.clone()))
}

/// A remote URL split into what is requested, what may be shown, and its credentials.
struct Remote {
    /// The URL without user information.
    url: String,
    /// The same, safe to print.
    shown: String,
    host: String,
    user: Option<(String, Option<String>)>,
}

impl Remote {
    fn parse(raw: &str) -> io::Result<Remote> {
        let parsed =
            reqwest::Url::parse(raw).map_err(|e| io::Error::other(format!("not a URL ({e})")))?;
        let host = match (parsed.host_str(), parsed.port()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_string(),
            (None, _) => return Err(io::Error::other("a remote URL without a host")),
        };
        let user = (!parsed.username().is_empty()).then(|| {
            (
                percent_decode(parsed.username()),
                parsed.password().map(percent_decode),
            )
        });
        let mut clean = parsed.clone();
        let _ = clean.set_username("");
        let _ = clean.set_password(None);
        let url = clean.as_str().trim_end_matches('/').to_string();
        Ok(Remote {
            shown: url.clone(),
            url,
            host,
            user,
        })
    }

    /// Who to authenticate as: the URL's own user, else a GitHub token for a GitHub host.
    fn credentials(&self) -> Option<(String, String)> {
        if let Some((user, password)) = &self.user {
            return Some((user.clone(), password.clone().unwrap_or_default()));
        }
        if let Some(t) = forge_token(&self.host) {
            return Some(("x-access-token".to_string(), t));
        }
        if !github_hosts().iter().any(|h| h == &self.host) {
            return None;
        }
        token().map(|t| ("x-access-token".to_string(), t))
    }
}

/// Tokens the configured forge gave for its git host (`forge.github.gitUrl`): host → token.
static FORGE_TOKENS: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());

/// Send `token` to `host` (`name` or `name:port`) for git over https. The GitHub forge calls
/// this with its git URL's host and the token it resolved (a personal, Actions or App
/// installation token), so that pushes authenticate like its API calls.
pub fn allow_token_for(host: &str, token: &str) {
    crate::infra::secrets::register(token);
    if let Ok(mut all) = FORGE_TOKENS.lock() {
        all.retain(|(h, _)| h != host);
        all.push((host.to_string(), token.to_string()));
    }
}

fn forge_token(host: &str) -> Option<String> {
    let all = FORGE_TOKENS.lock().ok()?;
    all.iter().find(|(h, _)| h == host).map(|(_, t)| t.clone())
}

/// `github.com`, and the host of `IDP_GITHUB_URL` when set (GitHub Enterprise).
fn github_hosts() -> Vec<String> {
    let mut hosts = vec!["github.com".to_string()];
    if let Ok(url) = std::env::var("IDP_GITHUB_URL")
        && let Ok(u) = reqwest::Url::parse(&url)
        && let Some(h) = u.host_str()
    {
        hosts.push(match u.port() {
            Some(p) => format!("{h}:{p}"),
            None => h.to_string(),
        });
    }
    hosts
}

/// `url` without its user information (`https://user:secret@host/…` → `https://host/…`), for
/// messages. Anything that is not a URL with a scheme (a path, `git@host:org/repo`) is returned
/// as is.
pub fn redact_url(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(mut u) if u.has_host() && (!u.username().is_empty() || u.password().is_some()) => {
            let _ = u.set_username("");
            let _ = u.set_password(None);
            u.to_string()
        }
        _ => url.to_string(),
    }
}

/// The GitHub token from the environment: `GH_TOKEN`, else `GITHUB_TOKEN`.
pub fn token() -> Option<String> {
    ["GH_TOKEN", "GITHUB_TOKEN"]
        .into_iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.trim().is_empty())
        .map(|v| v.trim().to_string())
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(hex) = std::str::from_utf8(&bytes[i + 1..i + 3])
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A transport error with the URL (never its credentials) and the cause chain.
fn io_error(shown: &str, e: reqwest::Error) -> io::Error {
    let mut msg = format!("{shown}: ");
    let e = e.without_url();
    let mut cause: Option<&dyn std::error::Error> = Some(&e);
    let mut parts = Vec::new();
    while let Some(c) = cause {
        parts.push(c.to_string());
        cause = c.source();
    }
    parts.dedup();
    msg.push_str(&parts.join(": "));
    if msg.contains("certificate") {
        msg.push_str(" (a private CA? point SSL_CERT_FILE at a bundle that holds it)");
    }
    io::Error::other(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_information_is_kept_out_of_the_shown_url() {
        let r = Remote::parse("https://bot:s%40cret@git.example.com:8443/org/repo.git/").unwrap();
        assert_eq!(r.url, "https://git.example.com:8443/org/repo.git");
        assert_eq!(r.shown, r.url);
        assert_eq!(r.host, "git.example.com:8443");
        assert_eq!(
            r.credentials(),
            Some(("bot".to_string(), "s@cret".to_string()))
        );
    }

    #[test]
    fn redact_url_drops_user_information() {
        assert_eq!(
            redact_url("https://x-access-token:ghp_abc@github.com/o/r.git"),
            "https://github.com/o/r.git"
        );
        assert_eq!(redact_url("/srv/git/r.git"), "/srv/git/r.git");
        assert_eq!(
            redact_url("git@github.com:o/r.git"),
            "git@github.com:o/r.git"
        );
    }

    #[test]
    fn no_token_for_a_host_that_is_not_github() {
        let r = Remote::parse("https://example.com/org/repo.git").unwrap();
        assert_eq!(r.credentials(), None);
    }
}
