//! Producers of environment changes: `idp env add` (a new file rendered from the environment
//! template, or the user's own file edited in place, plus the successor's `promotion.after`
//! moved to the new environment) and `idp env set` (one field edited in place).

use serde_json::{Value, json};

use super::environments::{self, EnvFile};
use super::{Config, Source};
use crate::change::Changeset;
use crate::error::{Finding, IdpError};
use crate::yaml::{self, edit};

pub const TEMPLATE: &str = "templates/environment.yaml.j2";
pub const TERRAFORM_TEMPLATE: &str = "templates/terraform/main.tf.j2";

/// The Terraform root of an environment (`envs/<env>/main.tf`).
pub fn terraform_root(source: &dyn Source, prefix: &str, env: &Value) -> anyhow::Result<String> {
    crate::render::render(
        source,
        TERRAFORM_TEMPLATE,
        json!({ "env": env, "prefix": prefix }),
    )
}

/// What `idp env add` was asked for.
#[derive(Debug, Clone, Default)]
pub struct AddOptions {
    pub name: String,
    pub after: String,
    pub owner: Option<String>,
    pub account: Option<String>,
    pub region: Option<String>,
    pub cluster: Option<String>,
    pub tier: Option<String>,
    /// `(display name, text)` of a user-given environment file.
    pub file: Option<(String, String)>,
}

fn load_envs(base: &dyn Source) -> anyhow::Result<Vec<EnvFile>> {
    let (envs, findings) = environments::load(base)?;
    if !findings.is_empty() {
        return Err(IdpError::Invalid {
            message: "the environments on the base branch do not parse; run `idp validate`".into(),
            findings,
        }
        .into());
    }
    Ok(envs)
}

fn names(envs: &[EnvFile]) -> String {
    let (order, _) = environments::order(envs, &[]);
    order.join(", ")
}

/// The approval labels a change to an environment needs: its own `gates.approvals`.
fn gate_labels(text: &str) -> Vec<String> {
    yaml::parse(text)
        .ok()
        .and_then(|d| d.value.pointer("/gates/approvals").cloned())
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default()
}

/// Who reviews a change to an environment: its own `gates.reviewers`.
fn gate_reviewers(text: &str) -> Vec<String> {
    yaml::parse(text)
        .ok()
        .map(|d| yaml::strings(d.value.pointer("/gates/reviewers")))
        .unwrap_or_default()
}

/// `idp env add`.
pub fn add(base: &dyn Source, config: &Config, opts: &AddOptions) -> anyhow::Result<Changeset> {
    if !environments::valid_name(&opts.name) {
        return Err(IdpError::usage(format!(
            "`{}` is not a valid environment name: lowercase letters, digits and `-`, starting \
             with a letter, at most 20 characters",
            opts.name
        )));
    }
    let envs = load_envs(base)?;
    let mut cs = Changeset::new("env", &opts.name, "env:add");
    cs.scope = Some(opts.name.clone());
    cs.title = format!("Add environment `{}` after `{}`", opts.name, opts.after);
    if let Some(existing) = envs.iter().find(|e| e.name == opts.name) {
        if existing.after() == Some(opts.after.as_str()) && opts.file.is_none() {
            return Ok(cs); // already there: nothing to change
        }
        return Err(IdpError::usage(format!(
            "environment `{}` already exists ({}); change it with `idp env set`",
            opts.name, existing.path
        )));
    }
    let Some(after) = envs.iter().find(|e| e.name == opts.after) else {
        return Err(IdpError::usage(format!(
            "`--after {}`: there is no such environment (environments: {})",
            opts.after,
            names(&envs)
        )));
    };

    let path = environments::path(&opts.name);
    let mut overrides: Vec<(&[&str], Value)> = vec![
        (&["name"], json!(opts.name)),
        (&["promotion", "after"], json!(opts.after)),
    ];
    let flag = |v: &Option<String>| v.as_ref().map(|s| json!(s));
    let flags: [(&[&str], Option<Value>); 5] = [
        (&["owner"], flag(&opts.owner)),
        (&["account"], flag(&opts.account)),
        (&["region"], flag(&opts.region)),
        (&["cluster"], flag(&opts.cluster)),
        (&["tier"], flag(&opts.tier)),
    ];
    for (p, v) in flags {
        if let Some(v) = v {
            overrides.push((p, v));
        }
    }

    let text = match &opts.file {
        Some((display, text)) => {
            // The user's own file, kept as written (comments too), with the flags applied.
            let doc = yaml::parse(text).map_err(|e| {
                IdpError::bad_input(
                    Finding::error(display, e.line, e.col)
                        .rule("yaml")
                        .message(e.message),
                )
            })?;
            if !doc.value.is_object() {
                return Err(IdpError::bad_input(
                    Finding::error(display, 1, 1)
                        .rule("yaml")
                        .message("an environment file must be a mapping of keys to values"),
                ));
            }
            let mut text = text.clone();
            for (p, v) in &overrides {
                text = edit::set(&text, p, v)
                    .map_err(|e| IdpError::usage(format!("{display}: {e}")))?;
            }
            text
        }
        None => {
            let mut spec = after.doc.value.clone();
            spec["description"] = json!(format!("The `{}` environment.", opts.name));
            spec["cluster"] = json!(format!("{}-{}", config.naming.prefix, opts.name));
            if !config.domain.is_empty() {
                spec["domain"] = json!(format!("{}.{}", opts.name, config.domain));
            }
            for (p, v) in &overrides {
                set_pointer(&mut spec, p, v.clone());
            }
            crate::render::render(base, TEMPLATE, json!({ "env": spec }))?
        }
    };
    cs.labels = gate_labels(&text);
    cs.reviewers = gate_reviewers(&text);
    if let Ok(doc) = yaml::parse(&text) {
        let root = terraform_root(base, &config.naming.prefix, &doc.value).map_err(|e| {
            // A field the Terraform root needs is missing or of the wrong type: the schema says
            // which, with its line (exit 3), rather than the template (exit 2).
            let findings = crate::schema::Schemas::default()
                .check(base, "schemas/environment.schema.json", &path, &doc)
                .unwrap_or_default();
            if findings.is_empty() {
                e
            } else {
                IdpError::Invalid {
                    message: format!("`{path}` is not a valid environment"),
                    findings,
                }
                .into()
            }
        })?;
        cs.write(format!("envs/{}/main.tf", opts.name), root);
    }
    cs.write(path.clone(), text);

    // Whoever was promoted from `after` is now promoted from the new environment.
    let mut chain = Vec::new();
    for succ in envs
        .iter()
        .filter(|e| e.after() == Some(opts.after.as_str()))
    {
        let text = base.read(&succ.path)?.unwrap_or_default();
        let edited = edit::set(&text, &["promotion", "after"], &json!(opts.name))
            .map_err(|e| IdpError::usage(format!("{}: {e}", succ.path)))?;
        cs.write(succ.path.clone(), edited);
        chain.push(succ.name.clone());
    }
    let (mut order, _) = environments::order(&envs, &[]);
    if let Some(i) = order.iter().position(|n| n == &opts.after) {
        order.insert(i + 1, opts.name.clone());
    }
    cs.body = format!(
        "Adds the environment `{}` to the promotion order:\n\n    {}\n",
        opts.name,
        order.join(" → ")
    );
    // Its root app and AppProjects.
    super::gitops::write_into(&mut cs, base, config)?;
    cs.trailers
        .push(("Idp-Environment".into(), opts.name.clone()));
    Ok(cs)
}

fn set_pointer(spec: &mut Value, path: &[&str], value: Value) {
    let mut node = spec;
    for key in &path[..path.len() - 1] {
        if !node.get(*key).is_some_and(Value::is_object) {
            node[*key] = json!({});
        }
        node = &mut node[*key];
    }
    node[path[path.len() - 1]] = value;
}

/// `idp env set ENV KEY VALUE`.
pub fn set(base: &dyn Source, env: &str, key: &str, value: &str) -> anyhow::Result<Changeset> {
    let envs = load_envs(base)?;
    let Some(file) = envs.iter().find(|e| e.name == env) else {
        return Err(IdpError::usage(format!(
            "there is no environment `{env}` (environments: {})",
            names(&envs)
        )));
    };
    let path: Vec<&str> = key.split('.').collect();
    if path.iter().any(|s| s.is_empty()) {
        return Err(IdpError::usage(format!(
            "`{key}` is not a key path: use dotted keys such as `sync.automated`"
        )));
    }
    let new_value = yaml::parse(value)
        .map_err(|e| {
            IdpError::usage(format!(
                "VALUE `{value}` for `{key}` is not valid YAML (line {}, column {}): {}",
                e.line, e.col, e.message
            ))
        })?
        .value;
    let text = base.read(&file.path)?.unwrap_or_default();
    let edited = edit::set(&text, &path, &new_value)
        .map_err(|e| IdpError::usage(format!("{}: {e}", file.path)))?;
    let slug: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let mut cs = Changeset::new("env", &format!("{env}-set-{slug}"), "env:set");
    cs.scope = Some(env.to_string());
    cs.title = format!(
        "Set `{key}` to `{}` in environment `{env}`",
        yaml::render_inline(&new_value)
    );
    cs.labels = gate_labels(&text);
    cs.reviewers = gate_reviewers(&text);
    cs.trailers
        .push(("Idp-Environment".into(), env.to_string()));
    cs.write(file.path.clone(), edited);
    let affects_wiring = |k: &str| key == k || key.starts_with(&format!("{k}."));
    if affects_wiring("sync") || affects_wiring("drift") || affects_wiring("lifecycle") {
        // The root app and the add-ons sync, self-heal and exist as the environment says.
        super::gitops::write_into(&mut cs, base, &super::load_config(base)?)?;
    }
    Ok(cs)
}
