//! The network is the user's git: fetch and push run the `git` CLI, as cargo's
//! `net.git-fetch-with-cli`, Argo CD and Kargo do. SSH remotes, credential helpers,
//! `http.extraHeader` (set by actions/checkout), proxies, `insteadOf` rewrites and
//! `GIT_SSH_COMMAND` all work as they do for `git push`; libgit2 keeps the objects, trees,
//! diffs and merges.
//!
//! Every push is atomic (`--atomic`: all refs move or none) and every ref it moves carries a
//! lease (`--force-with-lease=<ref>:<expected>`), so a push is a compare-and-swap on the remote:
//! [`PushRejected`] says that someone else moved one of the refs first, and the caller fetches,
//! makes its change again and retries. A token (the GitHub forge's) reaches git through a
//! credential helper that reads it from the environment of that one git process: never a URL,
//! an argument or output.

use std::ffi::OsString;
use std::path::Path;
use std::process::{Command, Stdio};

use git2::Oid;

use crate::error::IdpError;

/// What a ref on the remote must hold for a push to move it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Whatever it holds (a forced update).
    Any,
    /// The ref must not exist.
    Absent,
    /// The ref must point at this commit.
    At(Oid),
}

impl Expect {
    /// `Absent` for `None`, else `At`.
    pub fn from_option(old: Option<Oid>) -> Expect {
        old.map_or(Expect::Absent, Expect::At)
    }
}

/// One ref a push moves: to `new`, or deleted when `new` is `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefUpdate {
    pub name: String,
    pub new: Option<Oid>,
    pub expect: Expect,
}

impl RefUpdate {
    pub fn set(name: impl Into<String>, new: Oid, expect: Expect) -> Self {
        RefUpdate {
            name: name.into(),
            new: Some(new),
            expect,
        }
    }

    pub fn delete(name: impl Into<String>, expect: Expect) -> Self {
        RefUpdate {
            name: name.into(),
            new: None,
            expect,
        }
    }

    /// Does the update leave the remote's ref as it is (it expects the value it sets)? Such
    /// an update only moves this clone's ref; pushing it changes nothing there.
    pub fn is_noop(&self) -> bool {
        matches!((self.expect, self.new), (Expect::At(old), Some(new)) if old == new)
    }
}

/// The remote refused a push because a ref no longer held what the push expected (someone
/// else pushed first): fetch, make the change again, retry.
#[derive(Debug, thiserror::Error)]
#[error("`{remote}` rejected the push: {}", .refs.join("; "))]
pub struct PushRejected {
    pub remote: String,
    /// `<ref>: <reason>` for each ref the remote refused.
    pub refs: Vec<String>,
}

/// How git authenticates for one command.
#[derive(Clone, Default)]
pub enum Auth {
    /// The user's own configuration: credential helpers, SSH keys, `http.extraHeader`.
    #[default]
    User,
    /// A token (GitHub's), given to git by a credential helper that reads it from the
    /// environment of the git process only.
    Token(String),
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Auth::User => f.write_str("User"),
            Auth::Token(_) => f.write_str("Token(<redacted>)"),
        }
    }
}

/// The environment variable the credential helper reads the token from.
const TOKEN_ENV: &str = "IDP_GIT_TOKEN";

/// A credential helper (a shell function, as git runs `!` helpers) that answers `get` with the
/// token from [`TOKEN_ENV`]; the token itself is never in an argument. `printf`, not `echo`:
/// some shells' `echo` would read backslashes in the token as escapes.
const TOKEN_HELPER: &str = "!f() { test \"$1\" = get || return 0; echo username=x-access-token; \
                            printf 'password=%s\\n' \"$IDP_GIT_TOKEN\"; }; f";

/// A `git` command on the repository whose git directory is `git_dir`.
fn git(git_dir: &Path, auth: &Auth) -> Command {
    let mut cmd = Command::new(git_program());
    cmd.arg("--git-dir").arg(git_dir);
    // Nothing on a terminal to answer a prompt with: fail instead of waiting forever.
    if std::env::var_os("CI").is_some() || !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        cmd.env("GIT_TERMINAL_PROMPT", "0");
    }
    // Set when idp runs inside a git hook or an alias: they would point this git at another
    // repository's index or objects than `git_dir`'s.
    for var in [
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_OBJECT_DIRECTORY",
        "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        "GIT_COMMON_DIR",
    ] {
        cmd.env_remove(var);
    }
    if let Auth::Token(token) = auth {
        // An empty helper first resets the list: only the token answers for this command.
        cmd.args(["-c", "credential.helper=", "-c"])
            .arg(format!("credential.helper={TOKEN_HELPER}"))
            .env(TOKEN_ENV, token);
    }
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// `IDP_GIT` (a path to git, for tests and unusual installs), else `git` on `PATH`.
fn git_program() -> OsString {
    std::env::var_os("IDP_GIT").unwrap_or_else(|| "git".into())
}

/// Run `cmd`: did it succeed, its stdout, its stderr (URL passwords and idp's secrets masked).
fn run(mut cmd: Command, what: &str, remote: &str) -> anyhow::Result<(bool, String, String)> {
    // The arguments only: `Command`'s `Debug` shows the environment too, which holds the token.
    tracing::debug!(args = ?cmd.get_args().collect::<Vec<_>>(), "git");
    let out = cmd.output().map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            missing_git(what)
        } else {
            anyhow::anyhow!("running `git` to {what} with `{remote}`: {e}")
        }
    })?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stderr = redact(&crate::infra::secrets::redact(&stderr));
    Ok((out.status.success(), stdout, stderr))
}

/// The error for a machine without git (or an `IDP_GIT` that names nothing): exit 2, with what
/// to install.
fn missing_git(what: &str) -> anyhow::Error {
    let program = git_program();
    let named = if program == "git" {
        "there is no `git` on PATH".to_string()
    } else {
        format!(
            "`IDP_GIT` names `{}`, which does not exist",
            program.to_string_lossy()
        )
    };
    IdpError::usage(format!(
        "idp runs `git` to {what}, and {named}: install git (Debian and Ubuntu: `apt-get \
         install git`; Fedora: `dnf install git`; macOS: `xcode-select --install`), or point \
         `IDP_GIT` at it"
    ))
}

/// git's message for a remote that did not accept our credentials (or got none), as exit 4
/// with what to set up; other failures as they are.
fn failure(what: &str, remote: &str, stderr: &str) -> anyhow::Error {
    let detail = stderr.trim();
    let auth = [
        "Authentication failed",
        "could not read Username",
        "could not read Password",
        "terminal prompts disabled",
        "Permission denied (publickey",
        "HTTP Basic: Access denied",
        "The requested URL returned error: 401",
        "The requested URL returned error: 403",
    ];
    if auth.iter().any(|a| detail.contains(a)) {
        return IdpError::NotAuthenticated {
            message: format!("{what} `{remote}`: not authenticated: {detail}"),
            hint: "idp runs `git`, with your git configuration: check that `git ls-remote \
                   <remote>` works here (a credential helper, an SSH key, `http.extraHeader`); \
                   for the github forge set `GH_TOKEN`"
                .into(),
        }
        .into();
    }
    anyhow::anyhow!("{what} `{remote}` failed: {detail}")
}

/// Fetch `refspecs` from `remote` (a remote's name or a URL). Refs named without a wildcard
/// that the remote does not have are left out (git would refuse the whole fetch).
pub fn fetch(git_dir: &Path, remote: &str, refspecs: &[String], auth: &Auth) -> anyhow::Result<()> {
    let mut specs: Vec<String> = refspecs.to_vec();
    loop {
        if specs.is_empty() {
            return Ok(());
        }
        let mut cmd = git(git_dir, auth);
        cmd.args([
            "fetch",
            "--quiet",
            "--no-tags",
            "--no-write-fetch-head",
            "--no-recurse-submodules",
            "--no-auto-maintenance",
            "--no-auto-gc",
            // Refs a wildcard refspec maps that the remote no longer has go: `refs/idp/*` here
            // is the remote's, not a second source of truth.
            "--prune",
            remote,
        ])
        .args(&specs);
        let (ok, _, stderr) = run(cmd, "fetch", &redact(remote))?;
        if ok {
            return Ok(());
        }
        // "fatal: couldn't find remote ref refs/heads/x": drop that one and fetch the rest.
        let missing = stderr
            .lines()
            .find_map(|l| l.split("couldn't find remote ref ").nth(1))
            .map(|r| r.trim().to_string());
        match missing {
            Some(name) if specs.iter().any(|s| source_of(s) == name) => {
                tracing::debug!("`{}` has no `{name}`", redact(remote));
                specs.retain(|s| source_of(s) != name);
            }
            _ => {
                return Err(failure("fetching from", &redact(remote), &stderr));
            }
        }
    }
}

/// The source side of a refspec (`+src:dst` → `src`).
fn source_of(spec: &str) -> &str {
    let spec = spec.strip_prefix('+').unwrap_or(spec);
    spec.split_once(':').map_or(spec, |(s, _)| s)
}

/// Push `updates` to `remote` atomically, each ref only if it holds what its [`Expect`] says.
/// The objects must be in the repository's object store (not only in memory).
pub fn push(
    git_dir: &Path,
    remote: &str,
    updates: &[RefUpdate],
    auth: &Auth,
) -> anyhow::Result<()> {
    if updates.is_empty() {
        return Ok(());
    }
    let mut args: Vec<String> = Vec::new();
    for u in updates {
        match u.expect {
            Expect::Any => {}
            Expect::Absent => args.push(format!("--force-with-lease={}:", u.name)),
            Expect::At(old) => args.push(format!("--force-with-lease={}:{old}", u.name)),
        }
    }
    let specs: Vec<String> = updates
        .iter()
        .map(|u| {
            let force = if u.expect == Expect::Any { "+" } else { "" };
            match u.new {
                Some(new) => format!("{force}{new}:{}", u.name),
                None => format!("{force}:{}", u.name),
            }
        })
        .collect();
    push_args(git_dir, remote, &args, &specs, auth)
}

/// Push refspecs as `git push` takes them (`src:dst` moves `dst` only by a fast-forward,
/// `+src:dst` whatever it holds), all or none. A ref that moved on the remote since is
/// [`PushRejected`]. The objects must be in the repository's object store.
pub fn push_refspecs(
    git_dir: &Path,
    remote: &str,
    refspecs: &[String],
    auth: &Auth,
) -> anyhow::Result<()> {
    if refspecs.is_empty() {
        return Ok(());
    }
    push_args(git_dir, remote, &[], refspecs, auth)
}

fn push_args(
    git_dir: &Path,
    remote: &str,
    options: &[String],
    specs: &[String],
    auth: &Auth,
) -> anyhow::Result<()> {
    let mut cmd = git(git_dir, auth);
    cmd.args([
        "push",
        "--porcelain",
        "--no-verify",
        "--no-recurse-submodules",
    ]);
    if specs.len() > 1 {
        cmd.arg("--atomic");
    }
    cmd.args(options).arg(remote).args(specs);
    let shown = redact(remote);
    let (ok, stdout, stderr) = run(cmd, "push", &shown)?;
    let rejected = rejected_refs(&stdout);
    if ok && rejected.is_empty() {
        return Ok(());
    }
    if rejected.is_empty() {
        return Err(failure("pushing to", &shown, &stderr));
    }
    let retryable = |r: &(String, String)| lost_race(&r.1, &stderr);
    let refused: Vec<&(String, String)> = rejected
        .iter()
        .filter(|r| !retryable(r) && !collateral(&r.1))
        .collect();
    if refused.is_empty() && rejected.iter().any(retryable) {
        return Err(PushRejected {
            remote: shown,
            refs: rejected
                .iter()
                .filter(|r| retryable(r))
                .map(|(n, why)| format!("{n}: {why}"))
                .collect(),
        }
        .into());
    }
    let list: Vec<String> = if refused.is_empty() {
        rejected.iter().map(|(n, w)| format!("{n}: {w}")).collect()
    } else {
        refused.iter().map(|(n, w)| format!("{n}: {w}")).collect()
    };
    let detail = stderr
        .lines()
        .filter(|l| l.starts_with("remote:") || l.starts_with("error:"))
        .collect::<Vec<_>>()
        .join("\n");
    Err(anyhow::anyhow!(
        "`{shown}` refused the push: {}{}",
        list.join("; "),
        if detail.is_empty() {
            String::new()
        } else {
            format!("\n{detail}")
        }
    ))
}

/// Did a ref fail to move because it moved on the remote meanwhile (a lost race: fetch, make
/// the change again, retry)? A stale lease or a non-fast-forward is seen before the push; a ref
/// that moves between the remote's advertisement and its update shows as the remote failing to
/// lock it ("cannot lock ref …: is at X but expected Y"). A ref refused by the remote (a hook,
/// branch protection, a full disk) is not one.
fn lost_race(reason: &str, stderr: &str) -> bool {
    let before = [
        "stale info",
        "fetch first",
        "non-fast-forward",
        "already exists",
    ]
    .iter()
    .any(|k| reason.contains(k));
    // receive-pack re-checks each old value under its lock: "cannot lock ref … is at X but
    // expected Y", or "reference already exists" for a ref another push created meanwhile,
    // fails the update (or the whole atomic transaction) one step after the lease check.
    let under_lock = [
        "failed to update ref",
        "failed to lock",
        "atomic transaction failed",
    ]
    .iter()
    .any(|k| reason.contains(k));
    let during = under_lock
        && (stderr.contains("cannot lock ref")
            || stderr.contains("but expected")
            || stderr.contains("reference already exists"));
    before || during
}

/// A ref refused only because another ref of the same atomic push was.
fn collateral(reason: &str) -> bool {
    reason.contains("atomic push failed") || reason.contains("atomic transaction failed")
}

/// `(ref, reason)` of every ref `git push --porcelain` reports as rejected (`!`).
fn rejected_refs(porcelain: &str) -> Vec<(String, String)> {
    porcelain
        .lines()
        .filter_map(|l| {
            let rest = l.strip_prefix("!\t")?;
            let mut parts = rest.splitn(2, '\t');
            let spec = parts.next()?;
            let summary = parts.next().unwrap_or("").to_string();
            let dst = spec.rsplit_once(':').map_or(spec, |(_, d)| d).to_string();
            Some((dst, summary))
        })
        .collect()
}

/// How to authenticate to `url` when idp has no forge of its own for it (a platform repo's
/// `origin`): a GitHub token (`GH_TOKEN`, else `GITHUB_TOKEN`) for an https URL on `github.com`
/// or on the host of `IDP_GITHUB_URL` (GitHub Enterprise), else the user's own git
/// configuration. A URL that names its own user keeps it.
pub fn auth_for(url: &str) -> Auth {
    let Some(host) = https_host(url) else {
        return Auth::User;
    };
    let mut github = vec!["github.com".to_string()];
    if let Ok(api) = std::env::var("IDP_GITHUB_URL")
        && let Some(h) = https_host(&api)
    {
        github.push(h);
    }
    // Never a token over plain http (but to a loopback address).
    if !github.contains(&host) || crate::infra::secrets::check_transport(url).is_err() {
        return Auth::User;
    }
    ["GH_TOKEN", "GITHUB_TOKEN"]
        .into_iter()
        .filter_map(|k| std::env::var(k).ok())
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty())
        .map_or(Auth::User, |t| {
            crate::infra::secrets::register(&t);
            Auth::Token(t)
        })
}

/// `host` or `host:port` of an `http(s)://` URL without user information; `None` for anything
/// else (a path, `git@host:path`, `ssh://`, a URL that names a user).
fn https_host(url: &str) -> Option<String> {
    let parsed = reqwest::Url::parse(url).ok()?;
    if !matches!(parsed.scheme(), "https" | "http")
        || !parsed.username().is_empty()
        || parsed.password().is_some()
    {
        return None;
    }
    let host = parsed.host_str()?;
    Some(match parsed.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_string(),
    })
}

/// `url` as it may be written down (a file, a message): an http(s) URL loses its user
/// information, which can be a token (`https://<token>@github.com/…`); an `ssh://` URL keeps
/// its user (`git`, not a secret) and loses a password. Anything else is returned as it is.
pub fn without_credentials(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(mut u) if u.has_host() && (!u.username().is_empty() || u.password().is_some()) => {
            if u.scheme() != "ssh" {
                let _ = u.set_username("");
            }
            let _ = u.set_password(None);
            u.to_string()
        }
        _ => url.to_string(),
    }
}

/// `url` with any password or token in it replaced (`https://user:secret@host` →
/// `https://user:***@host`); other text is returned as it is.
pub fn redact(text: &str) -> String {
    static URL: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = URL.get_or_init(|| {
        regex::Regex::new(r"(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*://)(?P<user>[^:@/\s]*):[^@/\s]+@")
            .expect("a valid regex")
    });
    re.replace_all(text, "${scheme}${user}:***@").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn porcelain_rejections_name_the_ref_and_the_reason() {
        let out = "To /tmp/remote.git\n\
                   =\trefs/heads/main:refs/heads/main\t[up to date]\n\
                   !\t1234:refs/idp/pulls/3\t[rejected] (stale info)\n\
                   !\tabcd:refs/heads/idp/adr/x\t[rejected] (atomic push failed)\n\
                   Done\n";
        assert_eq!(
            rejected_refs(out),
            vec![
                (
                    "refs/idp/pulls/3".to_string(),
                    "[rejected] (stale info)".to_string()
                ),
                (
                    "refs/heads/idp/adr/x".to_string(),
                    "[rejected] (atomic push failed)".to_string()
                ),
            ]
        );
    }

    #[test]
    fn a_ref_that_moved_during_the_push_is_a_lost_race_and_a_hook_is_not() {
        let moved =
            "remote: error: cannot lock ref 'refs/heads/main': is at 098a but expected 737f";
        assert!(lost_race("[remote rejected] (failed to update ref)", moved));
        assert!(lost_race("[rejected] (stale info)", ""));
        assert!(lost_race("[rejected] (fetch first)", ""));
        assert!(!lost_race(
            "[remote rejected] (failed to update ref)",
            "error: disk full"
        ));
        assert!(!lost_race(
            "[remote rejected] (pre-receive hook declined)",
            moved
        ));
        assert!(collateral("[remote rejected] (atomic transaction failed)"));
        assert!(collateral("[rejected] (atomic push failed)"));
    }

    #[test]
    fn secrets_in_urls_are_redacted() {
        assert_eq!(
            redact("fatal: unable to access 'https://x-access-token:ghs_abc@github.com/o/r.git/'"),
            "fatal: unable to access 'https://x-access-token:***@github.com/o/r.git/'"
        );
        assert_eq!(redact("git@github.com:o/r.git"), "git@github.com:o/r.git");
    }

    #[test]
    fn urls_written_down_carry_no_credentials() {
        assert_eq!(
            without_credentials("https://x-access-token:ghp_abc@github.com/o/r.git"),
            "https://github.com/o/r.git"
        );
        assert_eq!(
            without_credentials("https://ghp_abc@github.com/o/r.git"),
            "https://github.com/o/r.git"
        );
        assert_eq!(
            without_credentials("ssh://git:pw@host.example/o/r.git"),
            "ssh://git@host.example/o/r.git"
        );
        assert_eq!(
            without_credentials("ssh://git@host.example/o/r.git"),
            "ssh://git@host.example/o/r.git"
        );
        assert_eq!(
            without_credentials("git@github.com:o/r.git"),
            "git@github.com:o/r.git"
        );
        assert_eq!(without_credentials("/srv/git/r.git"), "/srv/git/r.git");
    }

    #[test]
    fn only_https_github_hosts_get_the_token() {
        assert_eq!(
            https_host("https://github.com/o/r.git").as_deref(),
            Some("github.com")
        );
        assert_eq!(
            https_host("https://ghe.example:8443/o/r.git").as_deref(),
            Some("ghe.example:8443")
        );
        assert_eq!(https_host("https://bot@github.com/o/r.git"), None);
        assert_eq!(https_host("git@github.com:o/r.git"), None);
        assert_eq!(https_host("ssh://git@github.com/o/r.git"), None);
        assert_eq!(https_host("/srv/git/r.git"), None);
    }

    /// Run the git CLI in `dir` with `stdin`; stdout, or a failed test.
    fn git_in(dir: &Path, args: &[&str], env: &[(&str, &str)], stdin: &str) -> String {
        use std::io::Write as _;
        let mut child = Command::new("git")
            .args(args)
            .current_dir(dir)
            .envs(env.iter().copied())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("git runs");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(stdin.as_bytes())
            .expect("write");
        let out = child.wait_with_output().expect("git ends");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A repository with two commits on `main` (the first, then the second), and a bare one.
    fn pair() -> (
        tempfile::TempDir,
        std::path::PathBuf,
        std::path::PathBuf,
        [Oid; 2],
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let local = dir.path().join("local");
        let remote = dir.path().join("remote.git");
        let repo = git2::Repository::init(&local).expect("init");
        git2::Repository::init_bare(&remote).expect("bare");
        let sig = git2::Signature::now("t", "t@example.invalid").expect("sig");
        let mut ids = Vec::new();
        for text in ["one", "two"] {
            let blob = repo.blob(text.as_bytes()).expect("blob");
            let mut tb = repo.treebuilder(None).expect("tb");
            tb.insert("f", blob, 0o100644).expect("insert");
            let tree = repo.find_tree(tb.write().expect("tree")).expect("tree");
            let parents: Vec<git2::Commit<'_>> = ids
                .last()
                .map(|id| repo.find_commit(*id).expect("parent"))
                .into_iter()
                .collect();
            let parents: Vec<&git2::Commit<'_>> = parents.iter().collect();
            let id = repo
                .commit(Some("refs/heads/main"), &sig, &sig, text, &tree, &parents)
                .expect("commit");
            ids.push(id);
        }
        (dir, local.join(".git"), remote, [ids[0], ids[1]])
    }

    fn remote_ref(remote: &Path, name: &str) -> Option<Oid> {
        git2::Repository::open_bare(remote)
            .expect("open")
            .refname_to_id(name)
            .ok()
    }

    #[test]
    fn a_push_is_a_compare_and_swap_of_all_its_refs_at_once() {
        let (_dir, local, remote, [one, two]) = pair();
        let url = remote.to_string_lossy().into_owned();
        let main = "refs/heads/main";
        let pull = "refs/idp/pulls/1";
        // Both refs must be absent: they are, so both move.
        push(
            &local,
            &url,
            &[
                RefUpdate::set(main, one, Expect::Absent),
                RefUpdate::set(pull, one, Expect::Absent),
            ],
            &Auth::User,
        )
        .expect("first push");
        assert_eq!(remote_ref(&remote, main), Some(one));
        assert_eq!(remote_ref(&remote, pull), Some(one));
        // One lease is stale (`pull` is not absent): nothing moves, and the caller may retry.
        let err = push(
            &local,
            &url,
            &[
                RefUpdate::set(main, two, Expect::At(one)),
                RefUpdate::set(pull, two, Expect::Absent),
            ],
            &Auth::User,
        )
        .expect_err("a stale lease");
        let rejected = err.downcast_ref::<PushRejected>().expect("PushRejected");
        assert!(
            rejected.refs.iter().any(|r| r.starts_with(pull)),
            "{rejected:?}"
        );
        assert_eq!(remote_ref(&remote, main), Some(one), "main moved alone");
        // Right leases: both move; then a delete with its lease.
        push(
            &local,
            &url,
            &[
                RefUpdate::set(main, two, Expect::At(one)),
                RefUpdate::set(pull, two, Expect::At(one)),
            ],
            &Auth::User,
        )
        .expect("second push");
        assert_eq!(remote_ref(&remote, pull), Some(two));
        push(
            &local,
            &url,
            &[RefUpdate::delete(pull, Expect::At(two))],
            &Auth::User,
        )
        .expect("delete");
        assert_eq!(remote_ref(&remote, pull), None);
    }

    #[test]
    fn a_refspec_push_is_a_fast_forward_unless_forced() {
        let (_dir, local, remote, [one, two]) = pair();
        let url = remote.to_string_lossy().into_owned();
        let spec = |s: &str| vec![s.to_string()];
        push_refspecs(
            &local,
            &url,
            &spec(&format!("{two}:refs/heads/main")),
            &Auth::User,
        )
        .expect("push");
        // Back to the first commit: not a fast-forward, refused as a lost race.
        let err = push_refspecs(
            &local,
            &url,
            &spec(&format!("{one}:refs/heads/main")),
            &Auth::User,
        )
        .expect_err("not a fast-forward");
        assert!(err.downcast_ref::<PushRejected>().is_some(), "{err:#}");
        assert_eq!(remote_ref(&remote, "refs/heads/main"), Some(two));
        push_refspecs(
            &local,
            &url,
            &spec(&format!("+{one}:refs/heads/main")),
            &Auth::User,
        )
        .expect("forced");
        assert_eq!(remote_ref(&remote, "refs/heads/main"), Some(one));
    }

    #[test]
    fn a_fetch_leaves_out_the_refs_the_remote_lacks() {
        let (_dir, local, remote, [_, two]) = pair();
        let url = remote.to_string_lossy().into_owned();
        push_refspecs(
            &local,
            &url,
            &["refs/heads/main:refs/heads/main".into()],
            &Auth::User,
        )
        .expect("push");
        let (_dir2, other, _, _) = pair();
        fetch(
            &other,
            &url,
            &[
                "+refs/heads/main:refs/remotes/origin/main".into(),
                "+refs/heads/missing:refs/remotes/origin/missing".into(),
                "+refs/idp/*:refs/idp/*".into(),
            ],
            &Auth::User,
        )
        .expect("fetch");
        let repo = git2::Repository::open(&other).expect("open");
        assert_eq!(
            repo.refname_to_id("refs/remotes/origin/main").ok(),
            Some(two)
        );
        assert!(repo.refname_to_id("refs/remotes/origin/missing").is_err());
        let err = fetch(
            &other,
            "/nonexistent/remote.git",
            &["refs/heads/main".into()],
            &Auth::User,
        )
        .expect_err("no such remote");
        assert!(
            format!("{err:#}").contains("/nonexistent/remote.git"),
            "{err:#}"
        );
    }

    #[test]
    fn the_token_helper_answers_git_with_the_token_from_the_environment_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        // A backslash and a `%` would be mangled by `echo` or a format string.
        let token = r"ghs_abc\n%s-42";
        let helper = format!("credential.helper={TOKEN_HELPER}");
        let out = git_in(
            dir.path(),
            &[
                "-c",
                "credential.helper=",
                "-c",
                &helper,
                "credential",
                "fill",
            ],
            &[(TOKEN_ENV, token)],
            "protocol=https\nhost=github.com\npath=o/r.git\n\n",
        );
        assert!(out.contains("username=x-access-token\n"), "{out}");
        assert!(out.contains(&format!("password={token}\n")), "{out}");
        // `store` and `erase` do nothing (and print nothing).
        git_in(
            dir.path(),
            &[
                "-c",
                "credential.helper=",
                "-c",
                &helper,
                "credential",
                "approve",
            ],
            &[(TOKEN_ENV, token)],
            &format!(
                "protocol=https\nhost=github.com\nusername=x-access-token\npassword={token}\n\n"
            ),
        );
        assert!(!TOKEN_HELPER.contains(token));
    }

    #[test]
    fn the_source_of_a_refspec() {
        assert_eq!(
            source_of("+refs/heads/a:refs/remotes/origin/a"),
            "refs/heads/a"
        );
        assert_eq!(source_of("refs/idp/*:refs/idp/*"), "refs/idp/*");
    }
}
