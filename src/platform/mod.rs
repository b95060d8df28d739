//! The platform repo model: finding the repo, its config, environments and embedded defaults.

pub mod addons;
pub mod apps;
pub mod assets;
pub mod backstage;
pub mod base;
pub mod catalog_groups;
pub mod codeowners;
pub mod config;
pub mod dashboards;
pub mod delivery;
pub mod env_changes;
pub mod environments;
pub mod gitops;
pub mod images;
pub mod init;
pub mod keycloak;
pub mod kong;
pub mod migrate;
pub mod promote;
pub mod upgrade;
pub use crate::infra::source;

use std::path::{Path, PathBuf};

use anyhow::Context as _;

pub use config::{CONFIG_FILE, Config};
pub use source::{GitTree, MemSource, Overlay, Source, WorkTree};

use crate::error::{Finding, IdpError};

/// The file of a folder's metadata defaults (`docs::metadata`): in a folder of environments or
/// of requests, it is not an environment or a request.
pub const METADATA_FILE: &str = "metadata.yaml";

/// Find the platform repo: `--platform`/`IDP_PLATFORM` if given, else walk up from `cwd` to
/// the first directory holding `idp.yaml`.
pub fn discover(explicit: Option<&Path>, cwd: &Path) -> Result<PathBuf, IdpError> {
    if let Some(dir) = explicit {
        let dir = if dir.is_absolute() {
            dir.to_path_buf()
        } else {
            cwd.join(dir)
        };
        if dir.join(CONFIG_FILE).is_file() || is_bare_repo(&dir) {
            return Ok(dir);
        }
        return Err(IdpError::NoPlatform(dir.display().to_string()));
    }
    let mut dir = Some(cwd);
    while let Some(d) = dir {
        if d.join(CONFIG_FILE).is_file() || is_bare_repo(d) {
            return Ok(d.to_path_buf());
        }
        dir = d.parent();
    }
    Err(IdpError::NoPlatform(cwd.display().to_string()))
}

/// Is `dir` a bare git repository (a server-side copy, a CI mirror)? Commands that work on
/// committed trees (`pr merge`, `pr list`, `--direct` changes) run there; its `idp.yaml` is
/// read from the base branch.
fn is_bare_repo(dir: &Path) -> bool {
    // A work tree's own `.git` is not a platform: its work tree is.
    dir.file_name().is_some_and(|n| n != ".git")
        && dir.join("HEAD").is_file()
        && dir.join("objects").is_dir()
        && dir.join("refs").is_dir()
}

/// Read, parse and check `idp.yaml` from a source: a parse error is bad input with file and
/// line (exit 2); a value the schema refuses (an unknown key, a wrong type) or a `reposDir`
/// outside the platform repo is invalid (exit 3), with file, line and field, and stops every
/// command that reads the config, so no change is made under a config nobody can check.
pub fn load_config(source: &dyn Source) -> anyhow::Result<Config> {
    thread_local! {
        /// Texts already checked and found valid (a command reads the config several times).
        static VALID: std::cell::RefCell<std::collections::HashSet<String>> =
            std::cell::RefCell::new(std::collections::HashSet::new());
    }
    let text = source
        .read(CONFIG_FILE)?
        .with_context(|| format!("`{CONFIG_FILE}` is missing"))?;
    let doc = crate::yaml::parse(&text).map_err(|e| {
        IdpError::bad_input(
            Finding::error(CONFIG_FILE, e.line, e.col)
                .rule("yaml")
                .message(e.message),
        )
    })?;
    if !VALID.with(|v| v.borrow().contains(&text)) {
        let findings = check_config(source, &doc)?;
        if !findings.is_empty() {
            return Err(IdpError::Invalid {
                message: format!(
                    "`{CONFIG_FILE}` is not valid ({} finding(s)); fix it (`idp validate`) before \
                     making changes",
                    findings.len()
                ),
                findings,
            }
            .into());
        }
        if text.len() <= 64 * 1024 {
            VALID.with(|v| v.borrow_mut().insert(text.clone()));
        }
    }
    Config::from_value(&doc.value)
        .with_context(|| format!("`{CONFIG_FILE}` is not valid; run `idp validate`"))
}

/// What `idp.yaml` must satisfy before a command uses it: its schema, and paths confined to
/// the platform repo (`forge.local.reposDir`, after normalisation).
pub fn check_config(
    source: &dyn Source,
    doc: &crate::yaml::Document,
) -> anyhow::Result<Vec<Finding>> {
    let mut findings = crate::schema::Schemas::default().check(
        source,
        "schemas/idp.schema.json",
        CONFIG_FILE,
        doc,
    )?;
    let pointer = "/forge/local/reposDir";
    if let Some(dir) = doc
        .value
        .pointer(pointer)
        .and_then(serde_json::Value::as_str)
        && crate::input::confined(Path::new("/"), dir).is_none()
    {
        let at = doc.locate(pointer);
        findings.push(
            Finding::error(CONFIG_FILE, at.line, at.col)
                .path(pointer)
                .rule("config/path")
                .message(format!(
                    "`{dir}` is outside the platform repo: `reposDir` must be a relative path \
                     that stays inside it"
                )),
        );
    }
    Ok(findings)
}

/// Turn a user-given path into a repo-relative `/` path, refusing anything outside the repo.
pub fn relative_path(root: &Path, cwd: &Path, given: &Path) -> Result<String, IdpError> {
    let joined = if given.is_absolute() {
        given.to_path_buf()
    } else {
        cwd.join(given)
    };
    let normal = normalize(&joined);
    let root = normalize(root);
    match normal.strip_prefix(&root) {
        Ok(rel) => Ok(rel.to_string_lossy().replace('\\', "/")),
        Err(_) => Err(IdpError::Usage(format!(
            "`{}` is outside the platform repo `{}`",
            given.display(),
            root.display()
        ))),
    }
}

/// Lexically normalise a path (resolve `.` and `..` without touching the file system, then
/// canonicalise the longest existing prefix so symlinked temp dirs compare equal).
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => return out,
        }
    }
    let mut canon = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        canon.push(name);
    }
    canon
}

pub use crate::infra::source::safe_repo_path;

/// A lowercase name of at most `max` bytes: a letter, then letters, digits and `-` (stage
/// names, pipeline phases).
pub fn is_slug(name: &str, max: usize) -> bool {
    let b = name.as_bytes();
    !b.is_empty()
        && b.len() <= max
        && b[0].is_ascii_lowercase()
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}
