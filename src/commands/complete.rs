//! Dynamic shell completions (clap_complete's engine: `source <(COMPLETE=bash idp)`): the
//! names of apps, environments, golden paths, open pull requests (the local forge's, or
//! GitHub's within a short timeout) and request ids, read from the platform repo of the current
//! directory (or `IDP_PLATFORM`) each time the shell asks. Attached to the arguments that take
//! them with `#[arg(add = complete::apps())]`. A completer never fails loudly: without a
//! platform repo, or on any error, it offers nothing.

use std::path::{Path, PathBuf};
use std::time::Duration;

use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};

use crate::infra::forge::local::LocalForge;
use crate::infra::forge::{AnyForge, Forge as _};

/// The platform repo the shell is in, if any.
fn root() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    let explicit = std::env::var_os("IDP_PLATFORM").map(PathBuf::from);
    crate::platform::discover(explicit.as_deref(), &cwd).ok()
}

/// Sorted candidates, one per name, with an optional description.
fn candidates(mut named: Vec<(String, Option<String>)>) -> Vec<CompletionCandidate> {
    named.sort();
    named.dedup_by(|a, b| a.0 == b.0);
    named
        .into_iter()
        .map(|(name, help)| CompletionCandidate::new(name).help(help.map(Into::into)))
        .collect()
}

/// The entries of `dir` (nothing when it cannot be read).
fn entries(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default()
}

/// The stems of the `*.yaml` files in `dir`.
fn yaml_stems(dir: &Path) -> Vec<String> {
    entries(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yaml") && p.is_file())
        .filter_map(|p| Some(p.file_stem()?.to_str()?.to_string()))
        .collect()
}

/// Apps: `apps/<name>/app.yaml`.
pub fn app_names() -> Vec<CompletionCandidate> {
    let Some(root) = root() else {
        return Vec::new();
    };
    candidates(
        entries(&root.join("apps"))
            .into_iter()
            .filter(|p| p.join("app.yaml").is_file())
            .filter_map(|p| Some((p.file_name()?.to_str()?.to_string(), None)))
            .collect(),
    )
}

/// Environments: `environments/<name>.yaml`.
pub fn env_names() -> Vec<CompletionCandidate> {
    let Some(root) = root() else {
        return Vec::new();
    };
    candidates(
        yaml_stems(&root.join("environments"))
            .into_iter()
            .map(|n| (n, None))
            .collect(),
    )
}

/// Request ids: `requests/<kind>/<env>/<ID>.yaml`, with their kind and environment.
pub fn request_ids() -> Vec<CompletionCandidate> {
    let Some(root) = root() else {
        return Vec::new();
    };
    let mut named = Vec::new();
    for kind in entries(&root.join("requests")) {
        for env in entries(&kind).into_iter().filter(|p| p.is_dir()) {
            let what = format!(
                "{} in {}",
                kind.file_name().unwrap_or_default().to_string_lossy(),
                env.file_name().unwrap_or_default().to_string_lossy()
            );
            for id in yaml_stems(&env) {
                named.push((id, Some(what.clone())));
            }
        }
    }
    candidates(named)
}

/// Golden paths: the embedded ones and the platform repo's, with their descriptions.
pub fn template_names() -> Vec<CompletionCandidate> {
    let source: Box<dyn crate::platform::Source> = match root() {
        Some(root) => Box::new(crate::platform::WorkTree::new(&root)),
        None => Box::new(crate::platform::MemSource::new(
            crate::platform::init::default_config(),
        )),
    };
    let Ok(paths) = crate::golden::list(source.as_ref()) else {
        return Vec::new();
    };
    candidates(
        paths
            .into_iter()
            .map(|g| (g.name, Some(g.description)))
            .collect(),
    )
}

/// How long a completer waits for the GitHub forge's answer before it offers nothing: the
/// shell waits on it, and the API client's own timeouts and retries are a command's.
const FORGE_TIMEOUT: Duration = Duration::from_secs(2);

/// Open pull requests, with their titles: the local forge's (`refs/idp/pulls/<n>`, as this
/// clone has them: no fetch), or GitHub's when idp.yaml of the base branch configures it (its
/// token from the environment, as for any command). GitHub is asked on a thread of its own and
/// given [`FORGE_TIMEOUT`]; no answer by then, or any error (no token, the network, an HTTP
/// error), offers nothing, and nothing is printed.
pub fn pr_numbers() -> Vec<CompletionCandidate> {
    let Some(root) = root() else {
        return Vec::new();
    };
    let (tx, rx) = std::sync::mpsc::channel();
    // Left running when it is too slow: the completion exits without waiting for it.
    let spawned = std::thread::Builder::new()
        .name("complete-prs".into())
        .spawn(move || {
            let _ = tx.send(open_prs(&root));
        });
    if spawned.is_err() {
        return Vec::new();
    }
    match rx.recv_timeout(FORGE_TIMEOUT) {
        Ok(Some(open)) => candidates(open),
        Ok(None) | Err(_) => Vec::new(),
    }
}

/// The open pull requests of the platform repo at `root` as (number, title), `None` on any
/// error. A title is anyone's text: its control characters (a newline would be a candidate of
/// its own, a tab a help text) become spaces.
fn open_prs(root: &Path) -> Option<Vec<(String, Option<String>)>> {
    let repo = git2::Repository::open(root).ok()?;
    let open = match crate::platform::base::open_forge(&repo).ok()? {
        AnyForge::GitHub(github) => github.list_open().ok()?,
        // Not `open_forge`'s local forge, which would fetch from `origin` first.
        AnyForge::Local(_) => LocalForge::new(&repo, None).list_open().ok()?,
    };
    Some(
        open.into_iter()
            .map(|pr| {
                let title = pr
                    .title
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                (pr.number.to_string(), Some(title))
            })
            .collect(),
    )
}

/// The completer of an app name argument.
pub fn apps() -> ArgValueCandidates {
    ArgValueCandidates::new(app_names)
}

/// The completer of an environment name argument.
pub fn envs() -> ArgValueCandidates {
    ArgValueCandidates::new(env_names)
}

/// The completer of a golden path name argument.
pub fn templates() -> ArgValueCandidates {
    ArgValueCandidates::new(template_names)
}

/// The completer of a pull request number argument.
pub fn prs() -> ArgValueCandidates {
    ArgValueCandidates::new(pr_numbers)
}

/// The completer of a request id argument.
pub fn requests() -> ArgValueCandidates {
    ArgValueCandidates::new(request_ids)
}
