//! The producer behind `idp init`: every file a new platform repo starts with, rendered from
//! the templates and defaults embedded in the binary (so init works offline).

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::{assets, environments};
use crate::change::Changeset;
use crate::render;

/// What `idp init` was asked for.
#[derive(Debug, Clone)]
pub struct InitOptions {
    pub org: String,
    pub prefix: String,
    pub region: String,
    pub domain: String,
    /// Listed as the first admin in `rbac`.
    pub actor: String,
    /// The idp GitHub Action the workflows use (`owner/repo@ref`), also `ci.action` of idp.yaml.
    pub action: String,
}

/// What the workflow templates under `templates/platform/.github/` say where the idp action
/// goes. They are not minijinja templates (GitHub's `${{ }}` is everywhere in them): init
/// replaces this one token, and nothing else, with [`InitOptions::action`].
pub const ACTION_PLACEHOLDER: &str = "__IDP_ACTION__";

/// The action a new platform repo uses: `<org>/idp` at the tag of this idp's version.
pub fn default_action(org: &str) -> String {
    format!("{org}/idp@v{}", env!("CARGO_PKG_VERSION"))
}

/// `owner/repo[/path]@ref`, or a local action `./path`: what a workflow's `uses:` accepts.
pub fn check_action(action: &str) -> Result<(), String> {
    let re = regex::Regex::new(ACTION_PATTERN).map_err(|e| e.to_string())?;
    if re.is_match(action) {
        Ok(())
    } else {
        Err(format!(
            "`{action}` is not a GitHub Action reference: expected `owner/repo@ref` (e.g. \
             `{}`) or a local `./path`",
            default_action("acme")
        ))
    }
}

/// The same pattern as `ci.action` in `schemas/idp.schema.json`.
const ACTION_PATTERN: &str = r"^([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[A-Za-z0-9_./-]+)?@[A-Za-z0-9_./+-]+|\./[A-Za-z0-9_./-]*)$";

/// Every starter file: path → text.
pub fn starter_files(opts: &InitOptions) -> anyhow::Result<BTreeMap<String, String>> {
    starter(opts, true)
}

/// Just `idp.yaml` and the environments: enough to render a golden path without a platform.
pub fn starter_config(opts: &InitOptions) -> anyhow::Result<BTreeMap<String, String>> {
    starter(opts, false)
}

/// What `idp init` is asked for when nothing is given: org `acme` and the starter defaults.
pub fn default_options() -> InitOptions {
    InitOptions {
        org: "acme".into(),
        prefix: "acme".into(),
        region: "eu-west-1".into(),
        domain: "acme.example.com".into(),
        actor: "idp".into(),
        action: default_action("acme"),
    }
}

/// Where the pre-rendered defaults live, in the source tree and in the binary.
const DEFAULTS_DIR: &str = "templates/defaults";
/// Stands for idp's version in the pre-rendered `idp.yaml` (its `ci.action` names it), so a
/// release changes no file there.
const VERSION_TOKEN: &str = "@vIDP_VERSION";

/// The same defaults as [`default_config`], parsed: `idp.yaml` and the environments in
/// promotion order, from `templates/defaults.json` (what the YAML files parse to, written by
/// the same test), so a render outside a platform repo parses no YAML at all.
pub fn default_platform() -> anyhow::Result<(super::Config, Vec<environments::EnvFile>)> {
    let text = assets::embedded(DEFAULTS_JSON)
        .ok_or_else(|| anyhow::anyhow!("the embedded `{DEFAULTS_JSON}` is missing"))?
        .replace(VERSION_TOKEN, &format!("@v{}", env!("CARGO_PKG_VERSION")));
    let parsed: serde_json::Map<String, Value> = serde_json::from_str(&text)
        .map_err(|e| anyhow::anyhow!("the embedded `{DEFAULTS_JSON}`: {e}"))?;
    let config = super::Config::from_value(parsed.get("idp.yaml").unwrap_or(&Value::Null))?;
    let envs = parsed
        .into_iter()
        .filter(|(path, _)| environments::is_env_file(path))
        .map(|(path, value)| environments::EnvFile {
            name: environments::name_of(&path),
            path,
            doc: crate::yaml::Document::unlocated(value),
        })
        .collect();
    Ok((config, super::apps::in_promotion_order(envs)))
}

/// Where [`default_platform`] reads from.
const DEFAULTS_JSON: &str = "templates/defaults.json";

/// [`starter_config`] of [`default_options`]: the files `golden-path render` reads outside a
/// platform repo.
///
/// They are rendered once, at development time, into `templates/defaults/` (a test keeps them
/// equal to what [`starter_config`] renders; `IDP_BLESS=1 cargo test` rewrites them), so a
/// render skips rendering and re-parsing the starter environments: about a quarter of its work.
pub fn default_config() -> BTreeMap<String, String> {
    let version = format!("@v{}", env!("CARGO_PKG_VERSION"));
    assets::embedded_dir(DEFAULTS_DIR)
        .into_iter()
        .map(|(path, text)| {
            let rel = path[DEFAULTS_DIR.len() + 1..].to_string();
            (rel, text.replace(VERSION_TOKEN, &version))
        })
        .collect()
}

fn starter(opts: &InitOptions, full: bool) -> anyhow::Result<BTreeMap<String, String>> {
    // No platform repo yet: templates come from the binary alone.
    let empty = super::source::MemSource::new(BTreeMap::new());
    let vars = json!({
        "org": opts.org,
        "prefix": opts.prefix,
        "region": opts.region,
        "domain": opts.domain,
        "actor": opts.actor,
        "action": opts.action,
    });
    let mut files = BTreeMap::new();
    for (path, text) in assets::embedded_dir("templates/platform") {
        let rel = path.trim_start_matches("templates/platform/").to_string();
        if !full && rel != "idp.yaml.j2" {
            continue;
        }
        match rel.strip_suffix(".j2") {
            Some(out) => {
                files.insert(out.to_string(), render::render_str(&path, text, &vars)?);
            }
            None if rel.starts_with(".github/") => {
                files.insert(rel, text.replace(ACTION_PLACEHOLDER, &opts.action));
            }
            None => {
                files.insert(rel, text.to_string());
            }
        }
    }
    if full {
        for (path, text) in assets::embedded_dir("policies") {
            files.insert(path, text.to_string());
        }
        for (path, text) in assets::embedded_dir("runbooks") {
            files.insert(path, text.to_string());
        }
    }
    let starter = assets::embedded("environments/starter.yaml")
        .ok_or_else(|| anyhow::anyhow!("the embedded starter environments are missing"))?;
    let starter = crate::yaml::parse(starter)
        .map_err(|e| anyhow::anyhow!("embedded environments/starter.yaml:{}: {e}", e.line))?;
    // The teardown stage plan goes into the files of a new platform repo, where teams edit it;
    // the in-memory defaults (`starter_config`, for rendering outside a platform repo) leave it
    // out: nothing they serve reads it, and `teardown::plan` falls back to the same plan.
    let stages = full
        .then(crate::platform::environments::default_teardown_stages)
        .transpose()?;
    for env in starter.value.as_array().into_iter().flatten() {
        let mut spec = fill(env, opts);
        if let (Some(stages), Some(teardown)) = (
            &stages,
            spec.get_mut("teardown").and_then(Value::as_object_mut),
        ) {
            teardown.entry("stages").or_insert_with(|| stages.clone());
        }
        let name = spec["name"].as_str().unwrap_or_default().to_string();
        let text = render::render(&empty, super::env_changes::TEMPLATE, json!({ "env": spec }))?;
        files.insert(environments::path(&name), text);
        if full {
            let root = super::env_changes::terraform_root(&empty, &opts.prefix, &spec)?;
            files.insert(format!("envs/{name}/main.tf"), root);
        }
    }
    if full {
        // Each environment's root app and AppProjects.
        let source = super::source::MemSource::new(files.clone());
        let config = super::load_config(&source)?;
        files.extend(super::gitops::render(&source, &config)?);
    }
    Ok(files)
}

/// Replace `{prefix}`, `{region}`, `{domain}` in the starter data; add the region.
fn fill(env: &Value, opts: &InitOptions) -> Value {
    let mut v = match env {
        Value::String(s) => Value::String(
            s.replace("{prefix}", &opts.prefix)
                .replace("{region}", &opts.region)
                .replace("{domain}", &opts.domain),
        ),
        Value::Array(a) => Value::Array(a.iter().map(|x| fill(x, opts)).collect()),
        Value::Object(m) => {
            Value::Object(m.iter().map(|(k, x)| (k.clone(), fill(x, opts))).collect())
        }
        other => other.clone(),
    };
    if let Some(m) = v.as_object_mut()
        && m.contains_key("name")
        && !m.contains_key("region")
    {
        m.insert("region".into(), json!(opts.region));
    }
    v
}

/// The changeset that creates (or completes, with `--force`) a platform repo.
pub fn changeset(files: BTreeMap<String, String>, org: &str) -> Changeset {
    let mut cs = Changeset::new("init", org, "init");
    cs.title = format!("Create the platform repo for `{org}`");
    cs.body = "Created by `idp init` from the defaults embedded in idp.".into();
    for (path, text) in files {
        cs.write(path, text);
    }
    cs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pre_rendered_defaults_are_a_fresh_init() {
        let mut opts = default_options();
        opts.action = format!("acme/idp{VERSION_TOKEN}");
        let want = starter_config(&opts).expect("the starter config renders");
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULTS_DIR);
        let parsed: serde_json::Map<String, Value> = want
            .iter()
            .map(|(path, text)| {
                (
                    path.clone(),
                    crate::yaml::parse(text).expect("parses").value,
                )
            })
            .collect();
        let json = serde_json::to_string(&parsed).expect("json") + "\n";
        let json_file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULTS_JSON);
        if std::env::var_os("IDP_BLESS").is_some() {
            let _ = std::fs::remove_dir_all(&dir);
            for (path, text) in &want {
                let file = dir.join(path);
                std::fs::create_dir_all(file.parent().expect("a parent")).expect("mkdir");
                std::fs::write(&file, text).expect("write");
            }
            std::fs::write(&json_file, &json).expect("write");
            // The binary embeds what was there before; the next build picks the new files up.
            return;
        }
        // Read as a platform repo's files are (the same walk).
        use super::super::Source as _;
        let tree = super::super::WorkTree::new(&dir);
        let have: BTreeMap<String, String> = tree
            .files("")
            .expect("the defaults")
            .into_iter()
            .map(|f| {
                let text = tree.read(&f).expect("read").expect("a file");
                (f, text)
            })
            .collect();
        assert_eq!(
            have, want,
            "{DEFAULTS_DIR}/ is stale: run `IDP_BLESS=1 cargo test --lib pre_rendered` and commit it"
        );
        assert!(
            std::fs::read_to_string(&json_file).ok() == Some(json),
            "{DEFAULTS_JSON} is stale: run `IDP_BLESS=1 cargo test --lib pre_rendered` and commit it"
        );
        // Parsed, they are what the YAML files load as.
        let source = super::super::MemSource::new(default_config());
        let (config, envs) = default_platform().expect("the parsed defaults load");
        let yaml_envs = super::super::apps::ordered_envs(&source).expect("envs");
        assert_eq!(
            format!("{config:?}"),
            format!("{:?}", super::super::load_config(&source).expect("config"))
        );
        assert_eq!(
            envs.iter()
                .map(|e| (&e.name, &e.path, &e.doc.value))
                .collect::<Vec<_>>(),
            yaml_envs
                .iter()
                .map(|e| (&e.name, &e.path, &e.doc.value))
                .collect::<Vec<_>>()
        );
        // What the binary serves is that, with this version in `ci.action`.
        let served = default_config();
        assert_eq!(
            served.keys().collect::<Vec<_>>(),
            want.keys().collect::<Vec<_>>()
        );
        assert_eq!(
            served.get("idp.yaml"),
            starter_config(&default_options())
                .expect("renders")
                .get("idp.yaml")
        );
    }

    #[test]
    fn the_action_pattern_is_the_schemas() {
        let schema: Value = serde_json::from_str(
            assets::embedded("schemas/idp.schema.json").expect("the idp.yaml schema is embedded"),
        )
        .expect("the schema is JSON");
        assert_eq!(
            schema["properties"]["ci"]["properties"]["action"]["pattern"],
            ACTION_PATTERN
        );
    }

    #[test]
    fn action_references() {
        for ok in [
            "acme/idp@v0.1.0",
            "acme/idp@main",
            "acme/tools/idp@v1",
            "./",
            "./.github/actions/idp",
        ] {
            assert_eq!(check_action(ok), Ok(()), "{ok}");
        }
        for bad in [
            "acme/idp",
            "idp@v1",
            "acme/idp@",
            "acme/idp@v1; rm -rf /",
            "",
            "a b/c@d",
        ] {
            assert!(check_action(bad).is_err(), "{bad}");
        }
        assert!(check_action(&default_action("acme")).is_ok());
    }
}
