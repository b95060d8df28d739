//! Golden paths: the manifest (`golden-path.yaml`), inheritance (`extends`), the files of a
//! path (from the platform repo when it holds `golden-paths/<name>/`, else from the binary),
//! and sandboxed rendering into two trees: the app repository and the platform repo change.
//!
//! Rendering rules:
//! - file *and* directory names are templates; a rendered path must stay inside its target;
//! - a path that mentions `env.` is rendered once per environment, in promotion order;
//! - a file that renders to nothing but whitespace is not written;
//! - templates can only include files of their own golden path (and the paths it extends).

use std::collections::BTreeMap;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Finding, IdpError};
use crate::platform::{Source, assets, safe_repo_path};

pub const DIR: &str = "golden-paths";
pub const MANIFEST: &str = "golden-path.yaml";
/// The two targets a golden path renders into.
pub const APP: &str = "app/";
pub const PLATFORM: &str = "platform/";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    name: String,
    version: String,
    description: String,
    #[serde(default)]
    extends: Option<String>,
    #[serde(default)]
    parameters: Option<Value>,
    #[serde(default)]
    templated: Option<Vec<String>>,
    /// Inherited files this path drops (paths relative to the golden path's root).
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    vars: Map<String, Value>,
}

/// A loaded golden path with its inheritance resolved.
#[derive(Debug, Clone, Serialize)]
pub struct GoldenPath {
    pub name: String,
    pub version: String,
    pub description: String,
    /// `stateless-app` for a path that extends it, outermost last.
    pub extends: Vec<String>,
    /// This path's and every parent's version: a change to any of them is an upgrade.
    pub lineage: BTreeMap<String, String>,
    /// JSON Schema of the parameters (inherited properties merged).
    pub parameters: Value,
    pub vars: Map<String, Value>,
    /// `embedded` or `platform` (the platform repo overrides the binary's copy).
    pub origin: &'static str,
    #[serde(skip)]
    templated: Vec<String>,
    /// Path (relative to the golden path root, e.g. `app/Dockerfile`) → text.
    #[serde(skip)]
    pub files: BTreeMap<String, String>,
}

/// Names of every golden path the platform can use, with where each comes from.
pub fn list(source: &dyn Source) -> anyhow::Result<Vec<GoldenPath>> {
    let mut names: Vec<String> = Vec::new();
    let embedded = assets::embedded_dir(DIR);
    let platform = source.files(DIR)?;
    for path in embedded.iter().map(|(p, _)| p.clone()).chain(platform) {
        if let Some(rest) = path.strip_prefix("golden-paths/")
            && let Some((name, file)) = rest.split_once('/')
            && file == MANIFEST
            && !names.contains(&name.to_string())
        {
            names.push(name.to_string());
        }
    }
    names.sort();
    names.iter().map(|n| load(source, n)).collect()
}

/// The files of one golden path, without inheritance: the platform's copy wins whole.
fn raw(
    source: &dyn Source,
    name: &str,
) -> anyhow::Result<Option<(BTreeMap<String, String>, &'static str)>> {
    let dir = format!("{DIR}/{name}");
    let prefix = format!("{dir}/");
    let mut files = BTreeMap::new();
    if source.read(&format!("{dir}/{MANIFEST}"))?.is_some() {
        for path in source.files(&dir)? {
            if let Some(text) = source.read(&path)? {
                files.insert(path[prefix.len()..].to_string(), text);
            }
        }
        return Ok(Some((files, "platform")));
    }
    for (path, text) in assets::embedded_dir(&dir) {
        files.insert(path[prefix.len()..].to_string(), text.to_string());
    }
    if files.contains_key(MANIFEST) {
        Ok(Some((files, "embedded")))
    } else {
        Ok(None)
    }
}

/// Is `file` a golden path's manifest in the platform repo (`golden-paths/<name>/golden-path.yaml`)?
pub fn is_manifest(file: &str) -> bool {
    file.strip_prefix(DIR)
        .and_then(|rest| rest.strip_prefix('/'))
        .and_then(|rest| rest.strip_suffix(MANIFEST))
        .is_some_and(|name| name.ends_with('/') && !name[..name.len() - 1].contains('/'))
}

/// `idp validate`'s check of a golden path manifest: it parses, its fields have the right types,
/// `name` matches the directory, and `parameters` is a valid JSON Schema (draft 2020-12 meta-schema).
pub fn check_manifest(file: &str, text: &str) -> Vec<Finding> {
    let doc = match crate::yaml::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            return vec![
                Finding::error(file, e.line, e.col)
                    .rule("yaml")
                    .message(e.message),
            ];
        }
    };
    let at = |pointer: &str| doc.locate(pointer);
    let manifest: Manifest = match serde_json::from_value(doc.value.clone()) {
        Ok(m) => m,
        Err(e) => {
            return vec![
                Finding::error(file, 1, 1)
                    .rule("golden-path")
                    .message(format!("not a golden path manifest: {e}")),
            ];
        }
    };
    let mut findings = Vec::new();
    let dir_name = file
        .strip_prefix(DIR)
        .unwrap_or(file)
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default();
    if manifest.name != dir_name {
        let s = at("/name");
        findings.push(
            Finding::error(file, s.line, s.col)
                .path("name")
                .rule("golden-path")
                .message(format!(
                    "`name` is `{}` but the directory is `{dir_name}`",
                    manifest.name
                )),
        );
    }
    if let Some(params) = &manifest.parameters {
        // Draft 2020-12 always (as `check_answers` compiles it), whatever `$schema` says.
        let meta = jsonschema::draft202012::meta::validator();
        let errors: Vec<(String, String)> = meta
            .iter_errors(params)
            .map(|e| (e.instance_path().as_str().to_string(), e.to_string()))
            .collect();
        for (pointer, message) in errors {
            let s = at(&format!("/parameters{pointer}"));
            findings.push(
                Finding::error(file, s.line, s.col)
                    .path(format!("parameters{}", pointer.replace('/', ".")))
                    .rule("golden-path/schema")
                    .message(format!("not a valid JSON Schema: {message}")),
            );
        }
    }
    findings
}

/// Load a golden path by name, resolving `extends`.
pub fn load(source: &dyn Source, name: &str) -> anyhow::Result<GoldenPath> {
    load_chain(source, name, 0)
}

fn load_chain(source: &dyn Source, name: &str, depth: usize) -> anyhow::Result<GoldenPath> {
    if depth > 8 {
        anyhow::bail!("golden path `{name}`: `extends` is nested too deeply (a cycle?)");
    }
    let Some((mut files, origin)) = raw(source, name)? else {
        let known: Vec<String> = list_names(source)?;
        return Err(IdpError::usage(format!(
            "there is no golden path `{name}` (golden paths: {})",
            known.join(", ")
        )));
    };
    let manifest_text = files.remove(MANIFEST).unwrap_or_default();
    let manifest_doc = crate::yaml::parse(&manifest_text)
        .map_err(|e| anyhow::anyhow!("golden-paths/{name}/{MANIFEST}:{}:{}: {e}", e.line, e.col))?;
    let manifest: Manifest = serde_json::from_value(manifest_doc.value)
        .map_err(|e| anyhow::anyhow!("golden-paths/{name}/{MANIFEST}: {e}"))?;
    if manifest.name != name {
        anyhow::bail!(
            "golden-paths/{name}/{MANIFEST}: `name` is `{}`, not `{name}`",
            manifest.name
        );
    }
    let mut gp = match &manifest.extends {
        Some(parent) => {
            let mut p = load_chain(source, parent, depth + 1)?;
            p.extends.insert(0, parent.clone());
            p
        }
        None => GoldenPath {
            name: String::new(),
            version: String::new(),
            description: String::new(),
            extends: Vec::new(),
            lineage: BTreeMap::new(),
            parameters: serde_json::json!({"type": "object", "properties": {}}),
            vars: Map::new(),
            origin,
            templated: Vec::new(),
            files: BTreeMap::new(),
        },
    };
    gp.lineage
        .insert(manifest.name.clone(), manifest.version.clone());
    gp.name = manifest.name;
    gp.version = manifest.version;
    gp.description = manifest.description;
    gp.origin = origin;
    for ex in &manifest.exclude {
        gp.files.remove(ex);
    }
    gp.files.extend(files);
    gp.vars.extend(manifest.vars);
    if let Some(t) = manifest.templated {
        gp.templated = t;
    }
    if let Some(params) = manifest.parameters {
        gp.parameters = merge_schema(&gp.parameters, &params);
    }
    Ok(gp)
}

fn list_names(source: &dyn Source) -> anyhow::Result<Vec<String>> {
    let mut names: Vec<String> = assets::embedded_dir(DIR)
        .into_iter()
        .map(|(p, _)| p)
        .chain(source.files(DIR)?)
        .filter_map(|p| {
            let rest = p.strip_prefix("golden-paths/")?;
            let (name, file) = rest.split_once('/')?;
            (file == MANIFEST).then(|| name.to_string())
        })
        .collect();
    names.sort();
    names.dedup();
    Ok(names)
}

/// A child's parameter schema over its parent's: properties merge, `required` unions.
fn merge_schema(parent: &Value, child: &Value) -> Value {
    let mut out = parent.clone();
    let (Some(o), Some(c)) = (out.as_object_mut(), child.as_object()) else {
        return child.clone();
    };
    for (k, v) in c {
        match k.as_str() {
            "properties" => {
                let props = o
                    .entry("properties")
                    .or_insert_with(|| Value::Object(Map::new()));
                if let (Some(p), Some(cv)) = (props.as_object_mut(), v.as_object()) {
                    for (pk, pv) in cv {
                        p.insert(pk.clone(), pv.clone());
                    }
                }
            }
            "required" => {
                let req = o
                    .entry("required")
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let (Some(r), Some(cv)) = (req.as_array_mut(), v.as_array()) {
                    for item in cv {
                        if !r.contains(item) {
                            r.push(item.clone());
                        }
                    }
                }
            }
            _ => {
                o.insert(k.clone(), v.clone());
            }
        }
    }
    out
}

impl GoldenPath {
    fn templated_set(&self) -> anyhow::Result<GlobSet> {
        let mut b = GlobSetBuilder::new();
        let globs = if self.templated.is_empty() {
            vec!["**".to_string()]
        } else {
            self.templated.clone()
        };
        for g in globs {
            b.add(Glob::new(&g).map_err(|e| {
                anyhow::anyhow!("golden path `{}`: `templated` glob `{g}`: {e}", self.name)
            })?);
        }
        Ok(b.build()?)
    }

    /// Required parameters without a default that `answers` lacks, with their descriptions.
    pub fn missing_required(&self, answers: &Map<String, Value>) -> Vec<(String, String)> {
        let props = self.parameters.get("properties").and_then(Value::as_object);
        self.parameters
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .filter(|r| *r != "name" && !answers.contains_key(*r))
            .map(|r| {
                let d = props
                    .and_then(|p| p.get(r))
                    .and_then(|p| p.get("description"))
                    .and_then(Value::as_str)
                    .unwrap_or("");
                (r.to_string(), d.to_string())
            })
            .collect()
    }

    /// Fill in the schema's defaults for the answers the user left out.
    pub fn with_defaults(&self, answers: &Map<String, Value>) -> Map<String, Value> {
        let mut out = answers.clone();
        if let Some(props) = self.parameters.get("properties").and_then(Value::as_object) {
            for (k, p) in props {
                if !out.contains_key(k)
                    && let Some(d) = p.get("default")
                {
                    out.insert(k.clone(), d.clone());
                }
            }
        }
        out
    }

    /// Check answers against the parameter schema: each problem names its parameter.
    /// An invalid schema is an error here; `idp validate` reports it with its line
    /// ([`check_manifest`]).
    pub fn check_answers(&self, answers: &Map<String, Value>) -> anyhow::Result<Vec<String>> {
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .build(&self.parameters)
            .map_err(|e| {
                anyhow::anyhow!(
                    "golden path `{}`: its parameter schema is invalid: {e}",
                    self.name
                )
            })?;
        let instance = Value::Object(answers.clone());
        // A parameter the schema does not declare is unknown even when a (platform) path's
        // schema leaves `additionalProperties` open: no form can offer it (see ADR-0015).
        let mut problems: Vec<String> =
            crate::schema::unknown_keys(&self.parameters, &instance, true)
                .into_iter()
                .map(|u| format!("unknown parameter `{u}` for golden path `{}`", self.name))
                .collect();
        for e in validator.iter_errors(&instance) {
            let param = e
                .instance_path()
                .as_str()
                .trim_start_matches('/')
                .replace('/', ".");
            if let jsonschema::error::ValidationErrorKind::AdditionalProperties { .. } = e.kind() {
                // Named above, by `unknown_keys`.
            } else if let jsonschema::error::ValidationErrorKind::Required { property } = e.kind() {
                let name = property.as_str().unwrap_or_default();
                problems.push(format!(
                    "missing parameter `{name}` (give it as a flag, `--set {name}=…` or in `--values`)"
                ));
            } else if param.is_empty() {
                problems.push(e.to_string());
            } else {
                problems.push(format!("parameter `{param}`: {e}"));
            }
        }
        Ok(problems)
    }

    /// Render the path. `context` is shared; each entry of `per_env` is a full context for one
    /// environment (used for paths that mention `env.`).
    pub fn render(&self, context: &Value, per_env: &[Value]) -> anyhow::Result<Rendered> {
        self.render_targets(context, per_env, true)
    }

    /// Render the app tree only (render and upgrade need nothing else).
    pub fn render_app_only(&self, context: &Value, per_env: &[Value]) -> anyhow::Result<Rendered> {
        self.render_targets(context, per_env, false)
    }

    fn render_targets(
        &self,
        context: &Value,
        per_env: &[Value],
        platform: bool,
    ) -> anyhow::Result<Rendered> {
        let templated = self.templated_set()?;
        let mut env = crate::render::environment()?;
        // Only this path's own files can be loaded (for `include`, `import`, `extends`).
        for (path, text) in &self.files {
            if !platform && path.starts_with(PLATFORM) {
                continue;
            }
            if templated.is_match(path.split_once('/').map_or(path.as_str(), |(_, r)| r)) {
                env.add_template_owned(path.clone(), text.clone())
                    .map_err(|e| anyhow::anyhow!("golden-paths/{}/{path}: {e}", self.name))?;
            }
        }
        // The contexts as template values, converted once: a conversion copies the whole
        // context (the platform's config and environments), which cost more than rendering.
        let base = minijinja::Value::from(minijinja::value::Serde(context));
        let mut env_values: Option<Vec<minijinja::Value>> = None;
        let mut out = Rendered::default();
        for (path, text) in &self.files {
            let (target, rel) = if let Some(r) = path.strip_prefix(APP) {
                (&mut out.app, r)
            } else if let Some(r) = path.strip_prefix(PLATFORM).filter(|_| platform) {
                (&mut out.platform, r)
            } else {
                continue; // docs, tests and partials of the path itself
            };
            let contexts: Vec<minijinja::Value> = if rel.contains("env.") {
                env_values
                    .get_or_insert_with(|| {
                        per_env
                            .iter()
                            .map(|v| minijinja::Value::from(minijinja::value::Serde(v)))
                            .collect()
                    })
                    .clone()
            } else {
                vec![base.clone()]
            };
            let is_template = templated.is_match(rel);
            for ctx_value in contexts {
                let rendered_path = env.render_str(rel, ctx_value.clone()).map_err(|e| {
                    crate::render::error(
                        format!("golden-paths/{}/{path}: in the file name", self.name),
                        &e,
                    )
                })?;
                if !safe_repo_path(&rendered_path) {
                    return Err(IdpError::usage(format!(
                        "golden path `{}`: `{rel}` renders to `{rendered_path}`, which escapes the \
                         target directory; check the parameters used in that name",
                        self.name
                    )));
                }
                let content = if is_template {
                    env.get_template(path)?.render(ctx_value).map_err(|e| {
                        crate::render::error(format!("golden-paths/{}/{path}", self.name), &e)
                    })?
                } else {
                    text.clone()
                };
                if content.trim().is_empty() {
                    continue;
                }
                target.insert(rendered_path, content);
            }
        }
        Ok(out)
    }
}

/// A change that copies an embedded golden path (its own files, not its parents') into the
/// platform repo, where it then overrides the binary's copy.
pub fn eject(source: &dyn Source, name: &str) -> anyhow::Result<crate::change::Changeset> {
    let dir = format!("{DIR}/{name}");
    let files = assets::embedded_dir(&dir);
    if files.is_empty() {
        return Err(IdpError::usage(format!(
            "there is no embedded golden path `{name}`"
        )));
    }
    if source.read(&format!("{dir}/{MANIFEST}"))?.is_some() {
        return Err(IdpError::usage(format!(
            "the platform repo already has `{dir}/`"
        )));
    }
    let mut cs = crate::change::Changeset::new("golden-path", name, "golden-path:eject");
    cs.title = format!("Eject the golden path `{name}` into the platform repo");
    cs.body =
        format!("`{dir}/` now overrides the copy embedded in idp; edit it and bump its version.\n");
    for (path, text) in files {
        cs.write(path, text);
    }
    Ok(cs)
}

/// The two trees a golden path renders to.
#[derive(Debug, Default, Clone)]
pub struct Rendered {
    pub app: BTreeMap<String, String>,
    pub platform: BTreeMap<String, String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_manifests_pass_the_golden_path_checks() {
        let mut seen = 0;
        for (path, text) in assets::embedded_dir(DIR) {
            if is_manifest(&path) {
                seen += 1;
                let findings = check_manifest(&path, text);
                assert!(findings.is_empty(), "{path}: {findings:?}");
            }
        }
        assert!(seen >= 3, "only {seen} embedded golden path manifests");
        assert!(!is_manifest("golden-paths/a/b/golden-path.yaml"));
        assert!(!is_manifest("golden-paths/golden-path.yaml"));
    }
}
