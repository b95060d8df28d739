//! Dynamic shell completions (clap_complete's engine: `source <(COMPLETE=bash idp)`): the
//! names of apps, environments, golden paths, open pull requests (local forge) and request ids,
//! read from the platform repo of the current directory (or `IDP_PLATFORM`) each time the shell
//! asks. Attached to the arguments that take them with `#[arg(add = complete::apps())]`. A
//! completer never fails loudly: without a platform repo, or on any error, it offers nothing.

use std::path::{Path, PathBuf};

use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};

use crate::infra::forge::Forge as _;

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

/// Open pull requests of the local forge (`refs/idp/pulls/<n>`, as this clone has them: no
/// fetch), with their titles.
pub fn pr_numbers() -> Vec<CompletionCandidate> {
    let Some(root) = root() else {
        return Vec::new();
    };
    let Ok(repo) = git2::Repository::open(&root) else {
        return Vec::new();
    };
    let forge = crate::infra::forge::local::LocalForge::new(&repo, None);
    let Ok(open) = forge.list_open() else {
        return Vec::new();
    };
    candidates(
        open.into_iter()
            .map(|pr| (pr.number.to_string(), Some(pr.title)))
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
