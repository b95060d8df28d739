//! Pushing over https with the `git` CLI, against `git http-backend` behind a TLS server with
//! its own CA (tests/support/git_https_server.py). git trusts that CA through `GIT_SSL_CAINFO`
//! (its `http.sslCAInfo`), as a user would configure a private CA for git.

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

/// Every file of a repository's git directory that could hold a secret idp handed to git:
/// its config, reflogs, refs, `FETCH_HEAD`; with their contents.
pub(crate) fn git_metadata(git_dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut todo = vec![git_dir.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            let rel = path.strip_prefix(git_dir).unwrap().to_path_buf();
            if path.is_dir() {
                if !rel.starts_with("objects") {
                    todo.push(path);
                }
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                out.push((rel, text));
            }
        }
    }
    out
}

/// `secret` is in no file of the git directory (see [`git_metadata`]).
pub(crate) fn assert_not_in_git(git_dir: &Path, secret: &str) {
    let files = git_metadata(git_dir);
    assert!(files.iter().any(|(p, _)| p == Path::new("config")));
    for (path, text) in files {
        assert!(
            !text.contains(secret),
            "the secret is in {}/{}",
            git_dir.display(),
            path.display()
        );
    }
}

#[test]
fn a_change_is_pushed_over_https_with_the_github_token() {
    let (t, server) = https_platform(Some("s3cr3t-token"));
    let out = t
        .idp(["env", "add", "qa", "--after", "dev", "-vv"])
        .env("GIT_SSL_CAINFO", &server.ca)
        .env(
            "IDP_GITHUB_URL",
            format!("https://127.0.0.1:{}", server.port),
        )
        .env("GH_TOKEN", "s3cr3t-token")
        .run()
        .success()
        .stdout_lacks("s3cr3t-token");
    assert!(!out.stderr.contains("s3cr3t-token"), "{}", out.stderr);
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
    assert_not_in_git(&t.platform.join(".git"), "s3cr3t-token");
    assert_not_in_git(&t.remote, "s3cr3t-token");
}

#[test]
fn an_https_remote_takes_its_credentials_from_the_users_credential_helper() {
    let (t, server) = https_platform(Some("helper-secret-123"));
    // The user's own helper (git's `store`, reading a file): idp has no token of its own here.
    let store = t.home.join("git-credentials");
    std::fs::write(
        &store,
        format!(
            "https://x-access-token:helper-secret-123@127.0.0.1:{}\n",
            server.port
        ),
    )
    .unwrap();
    t.git(
        &t.platform,
        &[
            "config",
            "credential.helper",
            &format!("store --file={}", store.display()),
        ],
    );
    t.idp(["env", "add", "qa", "--after", "dev"])
        .env("GIT_SSL_CAINFO", &server.ca)
        .run()
        .success()
        .stdout_lacks("helper-secret-123");
    let branches = t.git(&t.remote, &["branch", "--list"]);
    assert!(branches.contains("idp/"), "{branches}");
    assert!(
        server
            .requests()
            .contains("POST /remote.git/git-receive-pack token"),
        "{}",
        server.requests()
    );
}

#[test]
fn http_extra_header_set_as_actions_checkout_does_authenticates_the_push() {
    let (t, server) = https_platform(Some("checkout-token-456"));
    // actions/checkout persists the token as an `http.<url>.extraHeader`.
    let basic = {
        let out = std::process::Command::new("base64")
            .arg("-w0")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut c| {
                use std::io::Write as _;
                c.stdin
                    .take()
                    .unwrap()
                    .write_all(b"x-access-token:checkout-token-456")?;
                c.wait_with_output()
            })
            .expect("base64 runs");
        String::from_utf8(out.stdout).unwrap()
    };
    t.git(
        &t.platform,
        &[
            "config",
            &format!("http.https://127.0.0.1:{}/.extraheader", server.port),
            &format!("AUTHORIZATION: basic {basic}"),
        ],
    );
    t.idp(["env", "add", "qa", "--after", "dev"])
        .env("GIT_SSL_CAINFO", &server.ca)
        .run()
        .success();
    assert!(t.git(&t.remote, &["branch", "--list"]).contains("idp/"));
}

#[test]
fn a_token_is_not_sent_to_a_host_that_is_not_the_github_forge() {
    let (t, server) = https_platform(Some("s3cr3t-token"));
    let before = t.refs(&t.remote);
    let out = t
        .idp(["env", "add", "qa", "--after", "dev"])
        .env("GIT_SSL_CAINFO", &server.ca)
        .env("GH_TOKEN", "s3cr3t-token")
        .run()
        .code(4)
        .stderr_has("not authenticated");
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
