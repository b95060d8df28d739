//! Typed errors, the exit-code table and the hints attached to errors: all in one place.
//!
//! | code | meaning |
//! |------|---------|
//! | 0 | ok |
//! | 1 | unexpected error |
//! | 2 | usage or bad input (file:line says where) |
//! | 3 | validation or policy failure |
//! | 4 | not authorised (RBAC), or not authenticated (no forge token, a token GitHub refuses) |
//! | 5 | changes pending (`--detailed-exitcode`, `--check`) |
//! | 6 | a run failed: a stage of `idp teardown run` failed or was interrupted (recorded, resumable) |

use serde::{Deserialize, Serialize};

/// Exit codes, documented in the README.
pub mod exit {
    pub const OK: u8 = 0;
    pub const UNEXPECTED: u8 = 1;
    pub const BAD_INPUT: u8 = 2;
    pub const INVALID: u8 = 3;
    pub const UNAUTHORISED: u8 = 4;
    pub const PENDING: u8 = 5;
    pub const RUN_FAILED: u8 = 6;
    /// Others kept moving the same refs on the remote: nothing of this command landed.
    pub const CONTENDED: u8 = 7;
}

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in a file: where, which field, which rule, and what is wrong in words.
/// (Read back from `-o json` by `idp mcp`, which runs the CLI.)
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Finding {
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// Field path as a JSON pointer (`/sync/automated`); empty for the whole file.
    pub path: String,
    /// The rule that failed: `yaml`, `schema/<keyword>`, `policy/<package>`, `secrets`, …
    pub rule: String,
    pub message: String,
}

impl Finding {
    pub fn error(file: impl Into<String>, line: usize, column: usize) -> FindingBuilder {
        FindingBuilder(Finding {
            severity: Severity::Error,
            file: file.into(),
            line,
            column,
            path: String::new(),
            rule: String::new(),
            message: String::new(),
        })
    }

    /// `file:line:col: message (field `path`, rule `rule`)`
    pub fn display(&self) -> String {
        let mut s = format!(
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        );
        let field = self.path.trim_start_matches('/').replace('/', ".");
        match (field.is_empty(), self.rule.is_empty()) {
            (false, false) => s.push_str(&format!(" (field `{field}`, rule {})", self.rule)),
            (true, false) => s.push_str(&format!(" (rule {})", self.rule)),
            (false, true) => s.push_str(&format!(" (field `{field}`)")),
            (true, true) => {}
        }
        s
    }
}

/// Builder for a [`Finding`], so call sites read as one sentence.
pub struct FindingBuilder(Finding);

impl FindingBuilder {
    pub fn path(mut self, p: impl Into<String>) -> Self {
        self.0.path = p.into();
        self
    }
    pub fn rule(mut self, r: impl Into<String>) -> Self {
        self.0.rule = r.into();
        self
    }
    pub fn warning(mut self) -> Self {
        self.0.severity = Severity::Warning;
        self
    }
    pub fn message(mut self, m: impl Into<String>) -> Finding {
        self.0.message = m.into();
        self.0
    }
}

/// Errors that carry an exit code. Anything else is exit 1.
#[derive(Debug, thiserror::Error)]
pub enum IdpError {
    /// Bad flags or arguments that clap could not catch.
    #[error("{0}")]
    Usage(String),
    /// Input the user gave us is malformed; each finding names file and line.
    #[error("{message}")]
    BadInput {
        message: String,
        findings: Vec<Finding>,
    },
    /// A file failed schema, cross-file or policy checks.
    #[error("{message}")]
    Invalid {
        message: String,
        findings: Vec<Finding>,
    },
    /// RBAC in idp.yaml does not allow the actor this action.
    #[error("`{actor}` is not allowed to `{action}`{detail}")]
    Unauthorised {
        actor: String,
        action: String,
        detail: String,
    },
    /// A forge (GitHub) or cloud API refused our credentials, or we have none.
    #[error("{message}")]
    NotAuthenticated { message: String, hint: String },
    /// A service (AWS, GitHub, Kubernetes) could not do what was asked: its causes in one
    /// line, and what to try.
    #[error("{message}")]
    Service { message: String, hint: String },
    /// `--detailed-exitcode` / `--check`: there is something to change.
    #[error("changes pending")]
    ChangesPending,
    /// The working directory is not inside a platform repo.
    #[error("no platform repo found: no `idp.yaml` in `{0}` or any parent directory")]
    NoPlatform(String),
    /// A branch holds commits that idp did not make.
    #[error(
        "branch `{branch}` has diverged: commit {commit} was not made by idp; refusing to overwrite it"
    )]
    Diverged { branch: String, commit: String },
    /// A merge would conflict.
    #[error("merging `{head}` into `{base}` conflicts in: {files}")]
    Conflict {
        head: String,
        base: String,
        files: String,
        /// The command that made the head, when idp made it (its `Idp-Command` trailer): run
        /// again, it makes the change again on the base.
        rerun: Option<String>,
    },
    /// `--strategy ff` when the base has moved on.
    #[error(
        "cannot fast-forward `{base}` to `{head}`: `{base}` has moved on; use `--strategy merge` or `auto`"
    )]
    NotFastForward { head: String, base: String },
    /// Local, uncommitted edits would be overwritten by moving a checked-out branch.
    #[error(
        "local changes to {files} would be overwritten by updating `{branch}`; commit or stash them first"
    )]
    DirtyWorktree { branch: String, files: String },
    /// A recorded run (`idp teardown run`) stopped at a stage; it can be resumed.
    #[error("run `{id}` of `{env}` {result} at stage `{stage}`")]
    RunFailed {
        id: String,
        env: String,
        stage: String,
        result: String,
    },
    /// Every attempt lost the race for a ref on the remote (others pushed first each time).
    #[error(
        "could not land {what}: `{remote}` moved on {attempts} times while idp made it (last: {last}); nothing was changed"
    )]
    Contended {
        what: String,
        remote: String,
        attempts: u32,
        /// The last lost race, as git or idp said it.
        last: String,
    },
    /// The command failed and has already told the user why (and with which code).
    #[error("")]
    AlreadyPrinted(u8),
}

impl IdpError {
    pub fn usage(msg: impl Into<String>) -> anyhow::Error {
        IdpError::Usage(msg.into()).into()
    }

    pub fn bad_input(finding: Finding) -> anyhow::Error {
        IdpError::BadInput {
            message: finding.display(),
            findings: vec![finding],
        }
        .into()
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            IdpError::Usage(_)
            | IdpError::BadInput { .. }
            | IdpError::NoPlatform(_)
            | IdpError::Diverged { .. }
            | IdpError::DirtyWorktree { .. } => exit::BAD_INPUT,
            IdpError::Invalid { .. }
            | IdpError::Conflict { .. }
            | IdpError::NotFastForward { .. } => exit::INVALID,
            IdpError::Unauthorised { .. } | IdpError::NotAuthenticated { .. } => exit::UNAUTHORISED,
            IdpError::ChangesPending => exit::PENDING,
            IdpError::Service { .. } => exit::UNEXPECTED,
            IdpError::RunFailed { .. } => exit::RUN_FAILED,
            IdpError::Contended { .. } => exit::CONTENDED,
            IdpError::AlreadyPrinted(code) => *code,
        }
    }

    pub fn findings(&self) -> &[Finding] {
        match self {
            IdpError::BadInput { findings, .. } | IdpError::Invalid { findings, .. } => findings,
            _ => &[],
        }
    }

    /// A next step for the user, where there is an obvious one.
    pub fn hint(&self) -> Option<String> {
        match self {
            IdpError::NoPlatform(_) => Some(
                "run `idp init DIR` to create one, or pass `--platform DIR` / set `IDP_PLATFORM`"
                    .into(),
            ),
            IdpError::Diverged { branch, .. } => Some(format!(
                "merge or delete `{branch}` (`git branch -D {branch}`), then rerun"
            )),
            IdpError::RunFailed { id, env, .. } => Some(format!(
                "fix what blocks the stage (RB-0002), then resume: `idp teardown run --env {env} \
                 --resume {id}`"
            )),
            IdpError::Unauthorised { .. } => {
                Some("ask a platform admin; roles are defined under `rbac` in idp.yaml".into())
            }
            IdpError::NotAuthenticated { hint, .. } | IdpError::Service { hint, .. } => {
                Some(hint.clone())
            }
            IdpError::Conflict {
                base,
                rerun: Some(command),
                ..
            } => Some(format!(
                "idp made this branch: run `{command}` again to make the change again on \
                 `{base}`, then merge"
            )),
            IdpError::Contended { .. } => Some(
                "rerun the command: it fetches and makes the change again on what the remote holds"
                    .into(),
            ),
            _ => None,
        }
    }
}

/// The exit code for any error: typed ones carry theirs, anything else is unexpected.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    for cause in err.chain() {
        if let Some(e) = cause.downcast_ref::<IdpError>() {
            return e.exit_code();
        }
        if let Some(e) = cause.downcast_ref::<std::io::Error>()
            && e.kind() == std::io::ErrorKind::BrokenPipe
        {
            return exit::OK;
        }
    }
    exit::UNEXPECTED
}

/// The typed error inside an anyhow chain, if any.
pub fn typed(err: &anyhow::Error) -> Option<&IdpError> {
    err.chain().find_map(|c| c.downcast_ref::<IdpError>())
}
