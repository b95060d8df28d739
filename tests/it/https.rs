//! Pushing over https: libgit2 with idp's smart-HTTP transport (reqwest + rustls), against
//! `git http-backend` behind a TLS server with its own CA (tests/support/git_https_server.py).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::harness::Test;

/// A running `git_https_server.py`; killed on drop.
pub(crate) struct GitHttps {
    child: Child,
    pub(crate) port: u16,
    pub(crate) ca: PathBuf,
    log: PathBuf,
}

impl GitHttps {
    pub(crate) fn start(root: &Path, work: &Path, token: Option<&str>) -> GitHttps {
        let script =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/git_https_server.py");
        let mut cmd = Command::new("python3");
        cmd.arg(script).arg(root).arg(work);
        if let Some(t) = token {
            cmd.arg(t);
        }
        let mut child = cmd
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 runs the https git server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let (port, ca) = line
            .trim()
            .split_once(' ')
            .expect("`PORT CA` from the server");
        GitHttps {
            port: port.parse().unwrap(),
            ca: PathBuf::from(ca),
            log: work.join("requests.log"),
            child,
        }
    }

    pub(crate) fn url(&self, repo: &str) -> String {
        format!("https://127.0.0.1:{}/{repo}", self.port)
    }

    pub(crate) fn requests(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for GitHttps {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A platform whose `origin` is served over https.
fn https_platform(token: Option<&str>) -> (Test, GitHttps) {
    let t = Test::platform();
    let server = GitHttps::start(&t.root, &t.root.join("https"), token);
    t.git(
        &t.platform,
        &["remote", "set-url", "origin", &server.url("remote.git")],
    );
    (t, server)
}

#[test]
fn a_change_is_pushed_over_https_with_the_github_token() {
    let (t, server) = https_platform(Some("s3cr3t-token"));
    t.idp(["env", "add", "qa", "--after", "dev"])
        .env("SSL_CERT_FILE", &server.ca)
        .env(
            "IDP_GITHUB_URL",
            format!("https://127.0.0.1:{}", server.port),
        )
        .env("GH_TOKEN", "s3cr3t-token")
        .run()
        .success()
        .stdout_lacks("s3cr3t-token");
    let branches = t.git(&t.remote, &["branch", "--list"]);
    assert!(
        branches.contains("idp/"),
        "no idp branch on origin: {branches}"
    );
    let log = server.requests();
    assert!(
        log.contains("POST /remote.git/git-receive-pack token"),
        "{log}"
    );
}

#[test]
fn a_token_is_not_sent_to_a_host_that_is_not_the_github_forge() {
    let (t, server) = https_platform(Some("s3cr3t-token"));
    let before = t.refs(&t.remote);
    let out = t
        .idp(["env", "add", "qa", "--after", "dev"])
        .env("SSL_CERT_FILE", &server.ca)
        .env("GH_TOKEN", "s3cr3t-token")
        .run()
        .code(1)
        .stderr_has("authentication failed (HTTP 401)");
    assert!(!out.stderr.contains("s3cr3t-token"));
    assert_eq!(t.refs(&t.remote), before, "origin changed");
    assert!(
        !server.requests().contains(" token\n"),
        "the token was sent"
    );
}

#[test]
fn an_untrusted_certificate_is_refused() {
    let (t, server) = https_platform(None);
    let before = t.refs(&t.remote);
    t.idp(["env", "add", "qa", "--after", "dev"])
        .run()
        .code(1)
        .stderr_has(&format!("https://127.0.0.1:{}/remote.git", server.port))
        .stderr_has("certificate");
    assert_eq!(t.refs(&t.remote), before, "origin changed");
}
