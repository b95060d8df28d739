//! The context every command gets: the printer, where we are, who is acting (resolved and
//! verified once, on first use, by [`crate::identity`]), and the platform repo (found on first
//! use, so `idp init` and `idp completions` never look for one). Clients are built the same
//! way, once and on first use, from the platform repo's config: the forge (local or GitHub, per
//! the base branch's `idp.yaml`), the AWS clients (one runtime and SDK config per region; ECR,
//! the image registry, among them) and the Kubernetes clients (one per kubeconfig context).

use std::cell::OnceCell;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::error::IdpError;
use crate::identity::Identity;
use crate::infra::aws::{Aws, Ecr, EcrRepo};
use crate::infra::forge::AnyForge;
use crate::infra::kube::Kube;
use crate::printer::Printer;

pub struct Ctx {
    pub printer: Printer,
    pub cwd: PathBuf,
    platform_arg: Option<PathBuf>,
    root: OnceCell<PathBuf>,
    repo: OnceCell<&'static git2::Repository>,
    identity: OnceCell<Identity>,
    forge: OnceCell<AnyForge<'static>>,
    aws: OnceCell<Aws>,
    kube: OnceCell<Kube>,
    /// The command line, as recorded in the `Idp-Command` trailer.
    pub command_line: String,
}

impl Ctx {
    /// A context for one run; `platform` is `--platform` (or `IDP_PLATFORM`).
    pub fn new(platform: Option<PathBuf>, printer: Printer) -> anyhow::Result<Self> {
        let args: Vec<String> = std::env::args().skip(1).collect();
        Ok(Ctx {
            printer,
            cwd: std::env::current_dir()?,
            platform_arg: platform,
            root: OnceCell::new(),
            repo: OnceCell::new(),
            identity: OnceCell::new(),
            forge: OnceCell::new(),
            aws: OnceCell::new(),
            kube: OnceCell::new(),
            command_line: format!("idp {}", shell_words(&args)),
        })
    }

    /// The platform repo's root directory.
    pub fn root(&self) -> anyhow::Result<&Path> {
        if let Some(r) = self.root.get() {
            return Ok(r);
        }
        let found = crate::platform::discover(self.platform_arg.as_deref(), &self.cwd)?;
        Ok(self.root.get_or_init(|| found))
    }

    /// The platform repo's root, if there is one (no error built: cheap to probe).
    pub fn try_root(&self) -> Option<&Path> {
        if let Some(r) = self.root.get() {
            return Some(r);
        }
        let found = crate::platform::discover(self.platform_arg.as_deref(), &self.cwd).ok()?;
        Some(self.root.get_or_init(|| found))
    }

    /// The platform repo's git repository, opened once per command (see `infra::objects` for
    /// where the objects a command writes go).
    pub fn repo(&self) -> anyhow::Result<&'static git2::Repository> {
        if let Some(r) = self.repo.get() {
            return Ok(r);
        }
        let repo = crate::infra::objects::open(self.root()?)?;
        Ok(self.repo.get_or_init(|| repo))
    }

    /// Is `repo` the platform repo this run opened (not an app repository a command changes)?
    pub fn is_platform_repo(&self, repo: &git2::Repository) -> bool {
        self.repo.get().is_some_and(|r| std::ptr::eq(*r, repo))
    }

    /// The platform repo's forge, opened once per run from the base branch's `idp.yaml`
    /// ([`crate::platform::base::open_forge`]): GitHub when it says so, else the local forge.
    pub fn forge(&self) -> anyhow::Result<&AnyForge<'static>> {
        if let Some(f) = self.forge.get() {
            return Ok(f);
        }
        let forge = crate::platform::base::open_forge(self.repo()?)?;
        Ok(self.forge.get_or_init(|| forge))
    }

    /// The AWS clients of this run: one runtime, one SDK config per region, built on first use.
    pub fn aws(&self) -> anyhow::Result<&Aws> {
        if let Some(a) = self.aws.get() {
            return Ok(a);
        }
        let aws = Aws::new()?;
        Ok(self.aws.get_or_init(|| aws))
    }

    /// The Kubernetes clients of this run: one runtime, each context connected once, on first
    /// use ([`Kube::cluster`]).
    pub fn kube(&self) -> anyhow::Result<&Kube> {
        if let Some(k) = self.kube.get() {
            return Ok(k);
        }
        let kube =
            Kube::new().map_err(|e| anyhow::anyhow!("cannot start the async runtime: {e}"))?;
        Ok(self.kube.get_or_init(|| kube))
    }

    /// The ECR client of `image`'s repository; its region from the image's registry host, else
    /// `default_region` (the config's `registry.region`), else the default chain's.
    pub fn ecr(&self, image: &str, default_region: Option<&str>) -> anyhow::Result<Ecr<'_>> {
        Ok(self.aws()?.ecr(EcrRepo::parse(image, default_region)))
    }

    /// Use this directory as the platform root (for `idp init`).
    pub fn set_root(&self, root: PathBuf) {
        let _ = self.root.set(root);
    }

    /// May we ask questions? Never under CI or without a terminal.
    pub fn interactive(&self) -> bool {
        !is_ci() && std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
    }

    /// Let the user edit `text` in `$VISUAL`/`$EDITOR` — only on a terminal (never under CI or
    /// in a pipe) and only when one is set; otherwise `text` comes back unchanged. An editor that
    /// fails, or leaves the file empty, aborts the command before anything is written.
    pub fn edit(&self, name: &str, text: String) -> anyhow::Result<String> {
        if !self.interactive() {
            return Ok(text);
        }
        let Some(editor) = ["VISUAL", "EDITOR"]
            .into_iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.trim().is_empty())
        else {
            return Ok(text);
        };
        let dir = tempfile::tempdir()?;
        let file = dir.path().join(name);
        std::fs::write(&file, &text)?;
        // Like git: the editor value is a shell command (`code --wait`, `vim -u NONE`).
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("{editor} \"$1\""))
            .arg("idp-editor")
            .arg(&file)
            .status()
            .map_err(|e| anyhow::anyhow!("cannot start the editor `{editor}`: {e}"))?;
        if !status.success() {
            return Err(IdpError::usage(format!(
                "the editor `{editor}` exited with {status}; nothing was written"
            )));
        }
        let edited = std::fs::read_to_string(&file)?;
        if edited.trim().is_empty() {
            return Err(IdpError::usage(
                "the edited file is empty; nothing was written",
            ));
        }
        Ok(edited)
    }

    /// Ask for a value on a terminal; `None` without one (CI, pipes) or when left empty.
    pub fn prompt(&self, question: &str) -> anyhow::Result<Option<String>> {
        if !self.interactive() {
            return Ok(None);
        }
        eprint!("{question}: ");
        let mut line = String::new();
        std::io::stdin().read_line(&mut line)?;
        let line = line.trim().to_string();
        Ok((!line.is_empty()).then_some(line))
    }

    /// Who is acting, verified where it can be ([`crate::identity::resolve`], with the
    /// `identity` of the platform repo's idp.yaml): resolved once per run. An error is a token
    /// that does not verify (exit 4), never a fall back to a weaker identity.
    pub fn identity(&self) -> anyhow::Result<&Identity> {
        if let Some(i) = self.identity.get() {
            return Ok(i);
        }
        let config = self
            .try_root()
            .and_then(|r| crate::platform::load_config(&crate::platform::WorkTree::new(r)).ok())
            .unwrap_or_default();
        let git = || self.git_identity();
        let id = crate::identity::resolve(&crate::identity::Inputs {
            identity: &config.identity,
            forge: &config.forge,
            git_identity: &git,
        })
        .map_err(IdpError::from)?;
        for w in &id.warnings {
            self.printer.warn(w);
        }
        tracing::debug!(actor = %id.actor, verified_by = %id.verified_by, source = id.source, "identity");
        Ok(self.identity.get_or_init(|| id))
    }

    /// The acting name ([`Ctx::identity`]'s actor; the git identity when that fails, which
    /// every authorisation check then refuses).
    pub fn actor(&self) -> String {
        match self.identity() {
            Ok(i) => i.actor.clone(),
            Err(_) => self.git_identity(),
        }
    }

    /// The git identity (unverified): `GIT_AUTHOR_EMAIL`, git's `user.email`, `$USER`.
    fn git_identity(&self) -> String {
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        if let Some(a) = env("GIT_AUTHOR_EMAIL") {
            return a;
        }
        crate::infra::git::start();
        let from_git = self
            .root
            .get()
            .and_then(|_| self.repo().ok())
            .and_then(|r| r.config().ok())
            .or_else(|| git2::Config::open_default().ok())
            .and_then(|c| c.get_string("user.email").ok());
        from_git
            .or_else(|| env("USER"))
            .unwrap_or_else(|| "unknown".into())
    }
}

/// Are we running under CI (`CI=true`)?
pub fn is_ci() -> bool {
    crate::identity::is_ci()
}

/// Flags whose values are never recorded (commit trailers, logs).
const SECRET_FLAGS: [&str; 4] = ["--token", "--password", "--secret", "--api-key"];

/// Join arguments so the result can be pasted into a shell; secret flag values are redacted.
fn shell_words(args: &[String]) -> String {
    let mut redact_next = false;
    args.iter()
        .map(|a| {
            if std::mem::take(&mut redact_next) {
                return "***".to_string();
            }
            if let Some((flag, _)) = a.split_once('=')
                && SECRET_FLAGS.contains(&flag)
            {
                return format!("{flag}=***");
            }
            redact_next = SECRET_FLAGS.contains(&a.as_str());
            a.clone()
        })
        .map(|a| {
            if !a.is_empty()
                && a.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_./=:@,+".contains(c))
            {
                a.clone()
            } else {
                format!("'{}'", a.replace('\'', "'\\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn secret_flag_values_are_redacted() {
        let args: Vec<String> = [
            "env",
            "set",
            "--token",
            "ghp_x",
            "--password=hunter2",
            "a b",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            super::shell_words(&args),
            "env set --token '***' '--password=***' 'a b'"
        );
    }
}
