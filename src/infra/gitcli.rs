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
/// token from [`TOKEN_ENV`]; the token itself is never in an argument.
const TOKEN_HELPER: &str = "!f() { test \"$1\" = get || return 0; echo username=x-access-token; \
                            echo \"password=${IDP_GIT_TOKEN}\"; }; f";

/// A `git` command on the repository whose git directory is `git_dir`.
fn git(git_dir: &Path, auth: &Auth) -> Command {
    let mut cmd = Command::new(git_program());
    cmd.arg("--git-dir").arg(git_dir);
    // Nothing on a terminal to answer a prompt with: fail instead of waiting forever.
    if std::env::var_os("CI").is_some() || !std::io::IsTerminal::is_terminal(&std::io::stdin()) {
        cmd.env("GIT_TERMINAL_PROMPT", "0");
    }
    cmd.env_remove("GIT_WORK_TREE");
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

/// Run `cmd`; stdout on success, else an error with git's own message.
fn run(mut cmd: Command, what: &str, remote: &str) -> anyhow::Result<(bool, String, String)> {
    tracing::debug!(?cmd, "git");
    let out = cmd.output().map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            IdpError::usage(format!(
                "idp runs `git` to {what}, and there is none on PATH: install git (Debian and \
                 Ubuntu: `apt-get install git`; macOS: `xcode-select --install`), or point \
                 `IDP_GIT` at it"
            ))
        } else {
            anyhow::anyhow!("running `git` to {what} with `{remote}`: {e}")
        }
    })?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = redact(&String::from_utf8_lossy(&out.stderr));
    Ok((out.status.success(), stdout, stderr))
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
                return Err(anyhow::anyhow!(
                    "fetching from `{}` failed: {}",
                    redact(remote),
                    stderr.trim()
                ));
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
    let mut cmd = git(git_dir, auth);
    cmd.args([
        "push",
        "--porcelain",
        "--no-verify",
        "--no-recurse-submodules",
    ]);
    if updates.len() > 1 {
        cmd.arg("--atomic");
    }
    for u in updates {
        match u.expect {
            Expect::Any => {}
            Expect::Absent => {
                cmd.arg(format!("--force-with-lease={}:", u.name));
            }
            Expect::At(old) => {
                cmd.arg(format!("--force-with-lease={}:{old}", u.name));
            }
        }
    }
    cmd.arg(remote);
    for u in updates {
        let force = if u.expect == Expect::Any { "+" } else { "" };
        match u.new {
            Some(new) => cmd.arg(format!("{force}{new}:{}", u.name)),
            None => cmd.arg(format!("{force}:{}", u.name)),
        };
    }
    let shown = redact(remote);
    let (ok, stdout, stderr) = run(cmd, "push", &shown)?;
    let rejected = rejected_refs(&stdout);
    if ok && rejected.is_empty() {
        return Ok(());
    }
    if rejected.is_empty() {
        return Err(anyhow::anyhow!(
            "pushing to `{shown}` failed: {}",
            stderr.trim()
        ));
    }
    let retryable = |r: &(String, String)| is_race(&r.1, &stderr);
    let refused: Vec<&(String, String)> = rejected
        .iter()
        .filter(|r| !retryable(r) && !r.1.contains("atomic push failed"))
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

/// Did the push lose a race for the ref whose porcelain summary is `summary` (`stderr` is
/// git's)? A ref that moved before the push started fails the lease on this side (stale info,
/// fetch first); one that moved while it ran fails on the remote's side, under the remote's
/// lock: `[remote rejected] (failed to update ref)` or, for every ref of an atomic push,
/// `(atomic transaction failed)`, with `cannot lock ref '…': is at … but expected …`,
/// `reference already exists` or `Unable to create '….lock': File exists` on stderr. Both can be
/// retried; a ref refused by the remote (a hook, branch protection) cannot.
fn is_race(summary: &str, stderr: &str) -> bool {
    let lease = [
        "stale info",
        "fetch first",
        "non-fast-forward",
        "already exists",
    ]
    .iter()
    .any(|k| summary.contains(k));
    let under_lock = stderr.contains("cannot lock ref")
        && [
            "failed to update ref",
            "failed to lock",
            "atomic transaction failed",
        ]
        .iter()
        .any(|k| summary.contains(k));
    lease || under_lock
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
    fn a_ref_moved_while_the_push_ran_is_a_race_a_hook_is_not() {
        let moved =
            "remote: error: cannot lock ref 'refs/heads/main': is at c2b4 but expected d576";
        assert!(is_race("[remote rejected] (failed to update ref)", moved));
        let created =
            "remote: error: cannot lock ref 'refs/idp/sequences/pulls': reference already exists";
        assert!(is_race(
            "[remote rejected] (atomic transaction failed)",
            created
        ));
        assert!(is_race("[rejected] (stale info)", ""));
        assert!(!is_race(
            "[remote rejected] (pre-receive hook declined)",
            ""
        ));
        assert!(!is_race(
            "[remote rejected] (failed to update ref)",
            "remote: fatal: disk full"
        ));
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
    fn the_source_of_a_refspec() {
        assert_eq!(
            source_of("+refs/heads/a:refs/remotes/origin/a"),
            "refs/heads/a"
        );
        assert_eq!(source_of("refs/idp/*:refs/idp/*"), "refs/idp/*");
    }
}
