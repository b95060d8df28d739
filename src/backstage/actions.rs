//! Templates for the self-service actions that are CLI commands rather than schemas: promote,
//! rollback and `adr new`. Their form is the command's own arguments, read from the CLI's clap
//! definitions into the same [`ToolSpec`] the MCP tools are (ADR-0036), so a flag added to the
//! CLI appears in the form and a flag removed leaves it. On top of that the form binds what
//! Backstage users expect: the app is an EntityPicker over the catalog's Components, an owner
//! an OwnerPicker over its Groups, an environment one of the platform repo's environments in
//! promotion order.
//!
//! The step passes flags through the `idp:run` action's `options` (one `--flag=value` each, an
//! optional field left empty left out) and positionals after `--`. Decisions: ADR-0040.

use serde_json::{Map, Value, json};

use super::{ACTION, OWNER, STEP, humanize, output_ref, owner_field};
use crate::error::IdpError;
use crate::mcp::tools::ToolSpec;

/// One action template: the tool (command) it runs and what the form knows beyond the flags.
pub struct Action {
    /// The MCP tool name of the command (`adr_new`).
    pub tool: &'static str,
    /// The template's file and entity name (`backstage/templates/<name>.yaml`, `idp-<name>`).
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    /// The template's `spec.type`.
    pub kind: &'static str,
    /// Arguments whose value is an environment of the platform repo, with their form titles.
    pub envs: &'static [(&'static str, &'static str)],
    /// Arguments whose value is an app (a Component of the catalog).
    pub apps: &'static [&'static str],
}

/// The action templates, in the order the catalog lists them.
pub const ACTIONS: [Action; 3] = [
    Action {
        tool: "promote",
        name: "promote",
        title: "Promote an app",
        description: "Moves an app's image to the next environment (by digest) as a reviewed \
                      pull request on the platform repo (`idp promote`).",
        kind: "deployment",
        envs: &[("to", "To environment"), ("from", "From environment")],
        apps: &["app"],
    },
    Action {
        tool: "rollback",
        name: "rollback",
        title: "Roll back an app",
        description: "Puts an environment back on the image before the current one, or on a \
                      named promotion or digest, as a reviewed pull request (`idp rollback`).",
        kind: "deployment",
        envs: &[("env", "Environment")],
        apps: &["app"],
    },
    Action {
        tool: "adr_new",
        name: "adr-new",
        title: "Record a decision (ADR)",
        description: "Writes the next architecture decision record and updates the index, as a \
                      reviewed pull request on the platform repo (`idp adr new`).",
        kind: "documentation",
        envs: &[],
        apps: &[],
    },
];

/// Arguments that are not the requester's to decide in a form: how the change is made (a
/// template always opens a pull request on the base branch and pushes it) and the registry
/// check promote makes against ECR (a guardrail of the platform, not an option of a request).
const NOT_IN_FORM: [&str; 4] = ["direct", "base", "no_push", "no_registry"];

/// The MCP tool argument that writes (the form's run always writes; a dry run is Backstage's).
const APPLY: &str = crate::mcp::tools::APPLY;

/// The template of `action`, from its command's arguments (`spec`) and the platform's
/// environments in promotion order.
pub fn template(action: &Action, spec: &ToolSpec, envs: &[String]) -> anyhow::Result<Value> {
    let schema = spec.input_schema();
    let props = schema
        .get("properties")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let required = crate::yaml::strings(schema.get("required"));
    for name in action.envs.iter().map(|(n, _)| n).chain(action.apps) {
        if !props.contains_key(*name) {
            return Err(IdpError::usage(format!(
                "`idp {}` has no argument `{name}` for the Backstage template `{}`",
                spec.command.join(" "),
                action.name
            )));
        }
    }
    let mut fields = Map::new();
    let mut options = Map::new();
    let mut positionals = Vec::new();
    let mut page_required = Vec::new();
    for p in &spec.params {
        let name = p.name.as_str();
        if NOT_IN_FORM.contains(&name) || name == APPLY {
            continue;
        }
        let schema = props.get(name).cloned().unwrap_or_else(|| json!({}));
        let (field, value) = if action.apps.contains(&name) {
            (app_field(&schema), picked(name))
        } else if name == "owner" {
            let mut f = owner_field(&schema);
            // The CLI's default team, as the entity the picker gives.
            if let (Some(d), Some(o)) = (
                schema.get("default").and_then(Value::as_str),
                f.as_object_mut(),
            ) {
                o.insert("default".into(), json!(format!("group:default/{d}")));
            }
            (f, picked(name))
        } else if let Some((_, title)) = action.envs.iter().find(|(n, _)| *n == name) {
            (env_field(title, &schema, envs), param(name))
        } else {
            (plain_field(name, schema), param(name))
        };
        fields.insert(name.to_string(), field);
        match &p.flag {
            Some(flag) => {
                options.insert(flag.clone(), value);
            }
            None => positionals.push(value),
        }
        // A picker's value is an entity ref the step parses: never left empty.
        let picker = action.apps.contains(&name) || name == "owner";
        if picker || required.iter().any(|r| r == name) {
            page_required.push(name.to_string());
        }
    }
    let mut page = Map::new();
    page.insert("title".into(), json!(action.title));
    page.insert(
        "description".into(),
        json!(format!(
            "The arguments of `idp {}`, reviewed as a pull request on the platform repo.",
            spec.command.join(" ")
        )),
    );
    page.insert("type".into(), json!("object"));
    page.insert("required".into(), json!(page_required));
    page.insert("properties".into(), Value::Object(fields));

    let mut input = Map::new();
    input.insert("command".into(), json!(spec.command));
    input.insert("options".into(), Value::Object(options));
    if !positionals.is_empty() {
        input.insert("positionals".into(), Value::Array(positionals));
    }
    let mut links = vec![json!({"title": "Pull request", "url": output_ref("prUrl")})];
    for app in action.apps {
        links.push(json!({
            "title": "Open in catalog",
            "icon": "catalog",
            "entityRef": format!("${{{{ parameters.{app} }}}}"),
        }));
    }
    let mut output = Map::new();
    output.insert("links".into(), Value::Array(links));
    if action.tool == "adr_new" {
        output.insert(
            "text".into(),
            json!([{"title": "ADR", "content": output_ref("path")}]),
        );
    }
    Ok(json!({
        "apiVersion": "scaffolder.backstage.io/v1beta3",
        "kind": "Template",
        "metadata": {
            "name": format!("idp-{}", action.name),
            "title": action.title,
            "description": action.description,
            "tags": ["idp", action.kind, action.name],
            "annotations": {
                "idp.dev/generated-by": "idp backstage templates",
                "idp.dev/command": format!("idp {}", spec.command.join(" ")),
            },
        },
        "spec": {
            "owner": OWNER,
            "type": action.kind,
            "parameters": [Value::Object(page)],
            "steps": [{
                "id": STEP,
                "name": format!("idp {}", spec.command.join(" ")),
                "action": ACTION,
                "input": Value::Object(input),
            }],
            "output": Value::Object(output),
        },
    }))
}

/// `${{ parameters.x }}`
fn param(name: &str) -> Value {
    json!(format!("${{{{ parameters.{name} }}}}"))
}

/// The name of the entity a picker gave (`component:default/payments` → `payments`).
fn picked(name: &str) -> Value {
    json!(format!(
        "${{{{ parameters.{name} | parseEntityRef | pick('name') }}}}"
    ))
}

fn plain_field(name: &str, schema: Value) -> Value {
    let Value::Object(s) = schema else {
        return schema;
    };
    let mut f = Map::new();
    f.insert("title".into(), json!(humanize(name)));
    f.extend(s);
    Value::Object(f)
}

/// An app: a Component picked from the catalog (every app's `catalog-info.yaml` is one).
fn app_field(schema: &Value) -> Value {
    let description = schema
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or("The app");
    json!({
        "title": "App",
        "type": "string",
        "description": format!("{description}: a Component in the catalog; idp takes its name."),
        "ui:field": "EntityPicker",
        "ui:options": {"catalogFilter": {"kind": "Component"}, "allowArbitraryValues": false},
    })
}

/// An environment: one of the platform repo's, in promotion order.
fn env_field(title: &str, schema: &Value, envs: &[String]) -> Value {
    let mut f = Map::new();
    f.insert("title".into(), json!(title));
    f.insert("type".into(), json!("string"));
    f.insert("enum".into(), json!(envs));
    if let Some(d) = schema.get("description") {
        f.insert("description".into(), d.clone());
    }
    Value::Object(f)
}
