//! The Kubernetes API through kube-rs: the kubeconfig and its context (exec credentials such as
//! `aws eks get-token`, client certificates, tokens, the cluster's CA; rustls with aws-lc-rs,
//! ADR-0013), paginated list calls that hand over one page at a time, and the reason a call
//! failed in the words an operator acts on (DNS, TLS, auth, timeout, connection). A run's
//! [`Kube`] ([`crate::ctx::Ctx::kube`]) owns the runtime and connects each context once.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::Duration;

use kube::config::{KubeConfigOptions, Kubeconfig};
use kube::core::params::ListParams;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// A kubeconfig read and a context chosen: what is left to do is connect.
pub struct Target {
    kubeconfig: Kubeconfig,
    /// The kubeconfig file, for messages (`None`: `$KUBECONFIG` or `~/.kube/config`).
    pub file: Option<PathBuf>,
    pub context: String,
    /// The cluster's API URL (never with credentials: kubeconfig servers carry none).
    pub server: String,
}

/// The context's cluster, connected.
pub struct Cluster {
    pub client: kube::Client,
    pub page_size: u32,
}

/// The Kubernetes clients of one run: one runtime, and one client per kubeconfig context (and
/// timeout and page size), connected on first use and shared by whatever reads that cluster.
pub struct Kube {
    rt: tokio::runtime::Runtime,
    clusters: RefCell<Vec<(ClusterKey, Rc<Cluster>)>>,
}

/// What a connected client is for: the kubeconfig, the context and its server, and the
/// settings baked into the client.
#[derive(PartialEq)]
struct ClusterKey {
    file: Option<PathBuf>,
    context: String,
    server: String,
    timeout: Duration,
    page_size: u32,
}

impl Kube {
    /// The runtime the clients run on (current-thread: calls are made one at a time).
    pub fn new() -> std::io::Result<Kube> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        Ok(Kube {
            rt,
            clusters: RefCell::new(Vec::new()),
        })
    }

    /// Run `f` on the clients' runtime.
    pub fn block_on<F: std::future::Future>(&self, f: F) -> F::Output {
        self.rt.block_on(f)
    }

    /// The client of `target`'s context, connected the first time it is asked for.
    pub fn cluster(
        &self,
        target: &Target,
        timeout: Duration,
        page_size: u32,
    ) -> Result<Rc<Cluster>, String> {
        let key = ClusterKey {
            file: target.file.clone(),
            context: target.context.clone(),
            server: target.server.clone(),
            timeout,
            page_size,
        };
        if let Some((_, c)) = self.clusters.borrow().iter().find(|(k, _)| *k == key) {
            return Ok(Rc::clone(c));
        }
        let cluster = Rc::new(self.rt.block_on(target.connect(timeout, page_size))?);
        self.clusters.borrow_mut().push((key, Rc::clone(&cluster)));
        Ok(cluster)
    }

    /// How many clients this run connected (each context once).
    #[cfg(test)]
    fn connected(&self) -> usize {
        self.clusters.borrow().len()
    }
}

/// Read the kubeconfig (`path`, else `$KUBECONFIG`, else `~/.kube/config`) and choose the
/// context (`context`, else the file's current context). Errors are the user's to fix.
pub fn target(path: Option<&Path>, context: Option<&str>) -> Result<Target, String> {
    let shown = path
        .map(|p| p.display().to_string())
        .or_else(|| std::env::var("KUBECONFIG").ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| "~/.kube/config".into());
    let kubeconfig = match path {
        Some(p) => Kubeconfig::read_from(p),
        None => Kubeconfig::read(),
    }
    .map_err(|e| format!("cannot read the kubeconfig `{shown}`: {}", chain(&e)))?;
    let context = match context {
        Some(c) => c.to_string(),
        None => kubeconfig.current_context.clone().ok_or_else(|| {
            format!(
                "the kubeconfig `{shown}` has no current context: pass `--context` or set \
                 `health.context` in the environment file"
            )
        })?,
    };
    let Some(named) = kubeconfig.contexts.iter().find(|c| c.name == context) else {
        let names: Vec<&str> = kubeconfig
            .contexts
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        return Err(format!(
            "there is no context `{context}` in the kubeconfig `{shown}` (contexts: {})",
            if names.is_empty() {
                "none".to_string()
            } else {
                names.join(", ")
            }
        ));
    };
    let cluster_name = named
        .context
        .as_ref()
        .map(|c| c.cluster.clone())
        .unwrap_or_default();
    let server = kubeconfig
        .clusters
        .iter()
        .find(|c| c.name == cluster_name)
        .and_then(|c| c.cluster.as_ref())
        .and_then(|c| c.server.clone())
        .ok_or_else(|| {
            format!(
                "the context `{context}` in `{shown}` names the cluster `{cluster_name}`, \
                 which has no server"
            )
        })?;
    Ok(Target {
        kubeconfig,
        file: path.map(Path::to_path_buf),
        context,
        server,
    })
}

impl Target {
    /// A client for the context. Must run inside the runtime (the client spawns its worker).
    pub async fn connect(&self, timeout: Duration, page_size: u32) -> Result<Cluster, String> {
        let options = KubeConfigOptions {
            context: Some(self.context.clone()),
            cluster: None,
            user: None,
        };
        let mut config = kube::Config::from_custom_kubeconfig(self.kubeconfig.clone(), &options)
            .await
            .map_err(|e| format!("the context `{}`: {}", self.context, chain(&e)))?;
        // A token (or a password) never goes over plain http, but to a loopback address.
        let auth = &config.auth_info;
        let sends_secret = auth.token.is_some()
            || auth.token_file.is_some()
            || auth.password.is_some()
            || auth.exec.is_some()
            || auth.auth_provider.is_some();
        if sends_secret {
            crate::infra::secrets::check_transport(&config.cluster_url.to_string())
                .map_err(|e| format!("the context `{}`: {e}", self.context))?;
        }
        config.connect_timeout = Some(timeout);
        config.read_timeout = Some(timeout);
        config.write_timeout = Some(timeout);
        let client = kube::Client::try_from(config)
            .map_err(|e| format!("the context `{}`: {}", self.context, chain(&e)))?;
        Ok(Cluster { client, page_size })
    }
}

/// One page of a list response; only `continue` of its metadata matters here.
#[derive(Deserialize)]
struct Page<T> {
    #[serde(default = "Vec::new")]
    items: Vec<T>,
    #[serde(default)]
    metadata: PageMeta,
}

#[derive(Deserialize, Default)]
struct PageMeta {
    #[serde(rename = "continue", default)]
    next: Option<String>,
}

impl Cluster {
    /// List `path` (`/api/v1/nodes`, `/apis/argoproj.io/v1alpha1/namespaces/argocd/applications`)
    /// page by page (`limit`, then `continue` until the server has no more) and hand every item
    /// to `each`; `page` hears the running count after each page. At most one page is held at
    /// a time, so memory stays bounded however large the cluster. Returns the number of items.
    pub async fn list<T: DeserializeOwned>(
        &self,
        path: &str,
        labels: Option<&str>,
        mut each: impl FnMut(T),
        mut page: impl FnMut(u64),
    ) -> Result<u64, kube::Error> {
        let mut params = ListParams::default().limit(self.page_size);
        if let Some(l) = labels {
            params = params.labels(l);
        }
        let mut seen = 0u64;
        loop {
            let request = kube::core::Request::new(path)
                .list(&params)
                .map_err(kube::Error::BuildRequest)?;
            let body: Page<T> = self.client.request(request).await?;
            for item in body.items {
                seen += 1;
                each(item);
            }
            page(seen);
            match body.metadata.next {
                Some(token) if !token.is_empty() => params.continue_token = Some(token),
                _ => return Ok(seen),
            }
        }
    }

    /// GET one object (`None` when it does not exist).
    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<Option<T>, kube::Error> {
        let request = http::Request::get(path)
            .body(Vec::new())
            .map_err(kube::Error::HttpError)?;
        match self.client.request(request).await {
            Ok(v) => Ok(Some(v)),
            Err(kube::Error::Api(s)) if s.code == 404 => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// GET a plain-text endpoint (`/readyz`).
    pub async fn text(&self, path: &str) -> Result<String, kube::Error> {
        let request = http::Request::get(path)
            .body(Vec::new())
            .map_err(kube::Error::HttpError)?;
        self.client.request_text(request).await
    }
}

/// Why a call failed, in the words an operator acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Reason {
    /// The API server's name does not resolve.
    Dns,
    /// The handshake failed: unknown CA (a rebuilt cluster), wrong name, expired certificate.
    Tls,
    /// 401/403 or credentials that could not be obtained (an exec plugin that failed).
    Auth,
    /// No answer in time.
    Timeout,
    /// Refused or reset: nothing listens, or a firewall says no.
    Connection,
    /// The API answered, with an error.
    Api,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Dns => "DNS",
            Reason::Tls => "TLS",
            Reason::Auth => "auth",
            Reason::Timeout => "timeout",
            Reason::Connection => "connection",
            Reason::Api => "API error",
        }
    }

    /// Does this reason mean the cluster cannot be reached at all (rather than one call failing)?
    pub fn unreachable(self) -> bool {
        self != Reason::Api
    }

    /// Can waiting fix it? A wrong CA or a rejected token will not fix itself.
    pub fn transient(self) -> bool {
        matches!(
            self,
            Reason::Dns | Reason::Timeout | Reason::Connection | Reason::Api
        )
    }
}

/// Classify a failed call and say what happened in one line (the cause chain, deduplicated).
pub fn classify(err: &kube::Error) -> (Reason, String) {
    let detail = match err {
        // `401 Unauthorized`, `403 Forbidden: nodes is forbidden: User "…" cannot list …`
        kube::Error::Api(s) => {
            let mut d = format!("{} {}", s.code, s.reason);
            if !s.message.is_empty() && s.message != s.reason {
                d.push_str(&format!(": {}", s.message));
            }
            d
        }
        _ => chain(err),
    };
    let reason = match err {
        kube::Error::Api(s) if s.code == 401 || s.code == 403 => Reason::Auth,
        kube::Error::Api(_) => Reason::Api,
        kube::Error::Auth(_) => Reason::Auth,
        _ => classify_text(err, &detail),
    };
    (reason, detail)
}

fn classify_text(err: &kube::Error, detail: &str) -> Reason {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(c) = cause {
        if let Some(io) = c.downcast_ref::<std::io::Error>() {
            match io.kind() {
                std::io::ErrorKind::TimedOut => return Reason::Timeout,
                std::io::ErrorKind::ConnectionRefused
                | std::io::ErrorKind::ConnectionReset
                | std::io::ErrorKind::ConnectionAborted => return Reason::Connection,
                _ => {}
            }
        }
        cause = c.source();
    }
    reason_from_text(detail)
}

/// The reason a transport error's text gives (shared with the HTTP probes).
pub fn reason_from_text(detail: &str) -> Reason {
    let d = detail.to_ascii_lowercase();
    if d.contains("dns error")
        || d.contains("failed to lookup address")
        || d.contains("name or service not known")
    {
        Reason::Dns
    } else if d.contains("certificate") || d.contains("tls") || d.contains("handshake") {
        Reason::Tls
    } else if d.contains("timed out") || d.contains("timeout") || d.contains("deadline has elapsed")
    {
        Reason::Timeout
    } else if d.contains("unauthorized") || d.contains("forbidden") || d.contains("credential") {
        Reason::Auth
    } else {
        Reason::Connection
    }
}

pub use crate::infra::client_error::chain;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transport_errors_are_named_by_what_to_fix() {
        let cases = [
            (
                "client error (Connect): dns error: failed to lookup address information: Name or service not known",
                Reason::Dns,
            ),
            (
                "client error (Connect): invalid peer certificate: UnknownIssuer",
                Reason::Tls,
            ),
            ("received fatal alert: HandshakeFailure", Reason::Tls),
            ("operation timed out", Reason::Timeout),
            (
                "tcp connect error: Connection refused (os error 111)",
                Reason::Connection,
            ),
        ];
        for (text, want) in cases {
            assert_eq!(reason_from_text(text), want, "{text}");
        }
    }

    #[test]
    fn api_status_codes() {
        let status = |code: u16| {
            kube::Error::Api(
                kube::core::Status::failure("Unauthorized", "Unauthorized")
                    .with_code(code)
                    .boxed(),
            )
        };
        assert_eq!(
            classify(&status(401)),
            (Reason::Auth, "401 Unauthorized".into())
        );
        assert_eq!(classify(&status(403)).0, Reason::Auth);
        assert_eq!(classify(&status(500)).0, Reason::Api);
        assert!(!Reason::Auth.transient());
        assert!(Reason::Timeout.transient());
    }

    #[test]
    fn a_run_connects_each_context_once() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let file = dir.path().join("config");
        std::fs::write(
            &file,
            "apiVersion: v1\nkind: Config\ncurrent-context: a\nclusters:\n\
             - name: c\n  cluster:\n    server: http://127.0.0.1:9\n\
             contexts:\n- name: a\n  context:\n    cluster: c\n\
             - name: b\n  context:\n    cluster: c\nusers: []\n",
        )
        .expect("the kubeconfig is written");
        let kube = Kube::new().expect("a runtime");
        let second = Duration::from_secs(1);
        let a = target(Some(&file), None).expect("context a");
        let first = kube.cluster(&a, second, 100).expect("a client");
        let again = kube
            .cluster(&target(Some(&file), Some("a")).expect("a"), second, 100)
            .expect("the same client");
        assert!(Rc::ptr_eq(&first, &again));
        assert_eq!(kube.connected(), 1);
        let b = target(Some(&file), Some("b")).expect("context b");
        kube.cluster(&b, second, 100).expect("another client");
        kube.cluster(&a, second, 50).expect("another page size");
        assert_eq!(kube.connected(), 3);
    }
}
