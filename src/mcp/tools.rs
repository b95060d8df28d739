//! The tool catalogue of `idp mcp` as plain data: a [`ToolSpec`] per tool (made by the command
//! layer from the CLI's own clap definitions, so nothing here is a second copy of a flag), its
//! JSON Schema, the check of a call's arguments against that schema, and the argv a call
//! becomes. The server runs that argv with the `idp` binary itself: same results, same
//! refusals as the CLI (ADR-0036).

use serde::Serialize;
use serde_json::{Map, Value, json};

/// The JSON type of one argument's value(s).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Boolean,
    Integer,
    Number,
    String,
    /// One of these strings (a clap value enum).
    Enum(Vec<String>),
}

/// One argument of a tool: a long flag or a positional of the command.
#[derive(Debug, Clone, Serialize)]
pub struct Param {
    /// The JSON name: the long flag (or the positional's name) in snake_case.
    pub name: String,
    /// The long flag without `--`; `None` for a positional.
    pub flag: Option<String>,
    pub kind: Kind,
    /// Repeatable: an array in JSON, one flag (or positional value) per element.
    pub multiple: bool,
    pub required: bool,
    pub help: String,
    /// The CLI's default, as the CLI spells it.
    pub default: Option<String>,
    /// A file or directory the command reads: it must be inside the directories the server
    /// may read ([`crate::mcp::Settings::readable`]).
    pub path: bool,
}

/// One tool: the command it runs and its arguments.
#[derive(Debug, Clone, Serialize)]
pub struct ToolSpec {
    pub name: String,
    /// The subcommand path, e.g. `["adr", "new"]`.
    pub command: Vec<String>,
    pub description: String,
    /// The command can change the platform repo: the tool takes `apply` and runs with
    /// `--dry-run` unless `apply` is true.
    pub change: bool,
    /// The command writes only with this (boolean) argument, and takes `--dry-run` only with it
    /// (`health --record`).
    pub writes_with: Option<String>,
    pub params: Vec<Param>,
}

/// The argument a change tool takes to write.
pub const APPLY: &str = "apply";

/// A call's arguments that do not fit the tool's schema: nothing is run.
#[derive(Debug, thiserror::Error)]
#[error("{}", .0.join("; "))]
pub struct ArgError(pub Vec<String>);

impl ToolSpec {
    /// The tool's input schema: one property per argument, `additionalProperties: false`.
    pub fn input_schema(&self) -> Map<String, Value> {
        let mut props = Map::new();
        let mut required = Vec::new();
        for p in &self.params {
            let mut one = match &p.kind {
                Kind::Enum(values) => json!({"type": "string", "enum": values}),
                k => json!({ "type": k }),
            };
            if let (Some(d), false) = (&p.default, p.multiple) {
                one["default"] = default_value(&p.kind, d);
            }
            let mut schema = if p.multiple {
                json!({"type": "array", "items": one})
            } else {
                one
            };
            if !p.help.is_empty() {
                schema["description"] = Value::String(p.help.clone());
            }
            props.insert(p.name.clone(), schema);
            if p.required {
                required.push(Value::String(p.name.clone()));
            }
        }
        if self.change {
            props.insert(
                APPLY.to_string(),
                json!({
                    "type": "boolean",
                    "default": false,
                    "description": "Write the change (commit, and open the pull request unless \
                                    `direct`); false returns the plan and diff and writes nothing",
                }),
            );
        }
        let mut schema = Map::new();
        schema.insert("type".into(), "object".into());
        schema.insert("properties".into(), Value::Object(props));
        if !required.is_empty() {
            schema.insert("required".into(), Value::Array(required));
        }
        schema.insert("additionalProperties".into(), Value::Bool(false));
        schema
    }

    /// The values `args` gives the tool's path arguments: `(argument, value)`.
    pub fn paths<'a>(&self, args: &'a Map<String, Value>) -> Vec<(&str, &'a str)> {
        let mut out = Vec::new();
        for p in self.params.iter().filter(|p| p.path) {
            match args.get(&p.name) {
                Some(Value::String(s)) => out.push((p.name.as_str(), s.as_str())),
                Some(Value::Array(items)) => out.extend(
                    items
                        .iter()
                        .filter_map(Value::as_str)
                        .map(|s| (p.name.as_str(), s)),
                ),
                _ => {}
            }
        }
        out
    }

    /// Check `args` against [`Self::input_schema`] and turn them into the CLI's argv (after
    /// the global flags): the subcommand path, flags as `--flag=value` (one element each, so a
    /// value starting with `-` stays a value), a bare `--flag` for true, repeated flags for
    /// arrays, then `--` and the positionals in order; and `--dry-run` unless `apply` is true.
    pub fn argv(&self, args: &Map<String, Value>) -> Result<Vec<String>, ArgError> {
        self.check(args)?;
        let mut argv = self.command.clone();
        let mut positionals = Vec::new();
        for p in &self.params {
            let Some(v) = args.get(&p.name) else {
                continue;
            };
            let values: Vec<&Value> = match v {
                Value::Array(items) => items.iter().collect(),
                Value::Null => Vec::new(),
                one => vec![one],
            };
            match &p.flag {
                Some(flag) if p.kind == Kind::Boolean => {
                    if v.as_bool() == Some(true) {
                        argv.push(format!("--{flag}"));
                    }
                }
                Some(flag) => argv.extend(values.iter().map(|v| format!("--{flag}={}", text(v)))),
                None => positionals.extend(values.iter().map(|v| text(v))),
            }
        }
        let apply = args.get(APPLY).and_then(Value::as_bool).unwrap_or(false);
        let writes = match &self.writes_with {
            Some(p) => args.get(p).and_then(Value::as_bool).unwrap_or(false),
            None => true,
        };
        if self.change && writes && !apply {
            argv.push("--dry-run".to_string());
        }
        if !positionals.is_empty() {
            argv.push("--".to_string());
            argv.extend(positionals);
        }
        Ok(argv)
    }

    /// Every way `args` breaks the schema, in words an agent can act on.
    fn check(&self, args: &Map<String, Value>) -> Result<(), ArgError> {
        let schema = Value::Object(self.input_schema());
        let validator = jsonschema::validator_for(&schema)
            .map_err(|e| ArgError(vec![format!("the schema of `{}`: {e}", self.name)]))?;
        let instance = Value::Object(args.clone());
        let mut problems: Vec<String> = Vec::new();
        for e in validator.iter_errors(&instance) {
            let at = e.instance_path().as_str().to_string();
            let msg = match e.kind() {
                jsonschema::error::ValidationErrorKind::AdditionalProperties { unexpected } => {
                    format!(
                        "unknown argument(s) {} (`{}` takes: {})",
                        unexpected
                            .iter()
                            .map(|u| format!("`{u}`"))
                            .collect::<Vec<_>>()
                            .join(", "),
                        self.name,
                        self.arg_names().join(", ")
                    )
                }
                _ if at.is_empty() => e.to_string(),
                _ => format!("argument `{}`: {e}", at.trim_start_matches('/')),
            };
            problems.push(msg);
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(ArgError(problems))
        }
    }

    /// The names the tool accepts, in schema order.
    fn arg_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.params.iter().map(|p| p.name.clone()).collect();
        if self.change {
            names.push(APPLY.to_string());
        }
        names
    }
}

/// A default as JSON of the argument's type (`3` for an integer, `"text"` for a string).
fn default_value(kind: &Kind, d: &str) -> Value {
    match kind {
        Kind::Integer | Kind::Number => serde_json::from_str(d).unwrap_or(Value::String(d.into())),
        Kind::Boolean => Value::Bool(d == "true"),
        _ => Value::String(d.to_string()),
    }
}

/// A JSON scalar as the CLI reads it.
fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> ToolSpec {
        let p =
            |name: &str, flag: Option<&str>, kind: Kind, multiple: bool, required: bool| Param {
                name: name.into(),
                flag: flag.map(String::from),
                kind,
                multiple,
                required,
                help: String::new(),
                default: None,
                path: false,
            };
        ToolSpec {
            name: "adr_new".into(),
            command: vec!["adr".into(), "new".into()],
            description: String::new(),
            change: true,
            writes_with: None,
            params: vec![
                p("title", None, Kind::String, false, true),
                p("relates_to", Some("relates-to"), Kind::String, true, false),
                p("direct", Some("direct"), Kind::Boolean, false, false),
                p("retries", Some("retries"), Kind::Integer, false, false),
            ],
        }
    }

    fn args(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn a_call_becomes_one_argv_element_per_value_and_a_dry_run_by_default() {
        let argv = spec()
            .argv(&args(json!({
                "title": "-rm -rf; $(x)",
                "relates_to": ["ADR-0001", "RB-0002"],
                "direct": true,
                "retries": 2,
            })))
            .unwrap();
        assert_eq!(
            argv,
            [
                "adr",
                "new",
                "--relates-to=ADR-0001",
                "--relates-to=RB-0002",
                "--direct",
                "--retries=2",
                "--dry-run",
                "--",
                "-rm -rf; $(x)"
            ]
        );
        let applied = spec()
            .argv(&args(json!({"title": "t", "apply": true, "direct": false})))
            .unwrap();
        assert_eq!(applied, ["adr", "new", "--", "t"]);
        // `health` writes (and takes `--dry-run`) only with `--record`.
        let mut health = spec();
        health.writes_with = Some("direct".into());
        let argv = health.argv(&args(json!({"title": "t"}))).unwrap();
        assert_eq!(argv, ["adr", "new", "--", "t"]);
        let argv = health
            .argv(&args(json!({"title": "t", "direct": true})))
            .unwrap();
        assert_eq!(argv, ["adr", "new", "--direct", "--dry-run", "--", "t"]);
    }

    #[test]
    fn unknown_arguments_wrong_types_and_missing_ones_are_refused() {
        let e = spec()
            .argv(&args(json!({"title": "t", "dry_run": true})))
            .unwrap_err();
        assert!(
            e.to_string().contains("unknown argument(s) `dry_run`"),
            "{e}"
        );
        assert!(e.to_string().contains("takes: title, relates_to"), "{e}");
        let e = spec().argv(&args(json!({"title": 3}))).unwrap_err();
        assert!(e.to_string().contains("argument `title`"), "{e}");
        let e = spec()
            .argv(&args(json!({"title": "t", "relates_to": "ADR-1"})))
            .unwrap_err();
        assert!(e.to_string().contains("`relates_to`"), "{e}");
        let e = spec().argv(&args(json!({}))).unwrap_err();
        assert!(e.to_string().contains("title"), "{e}");
    }

    #[test]
    fn the_schema_closes_the_object_and_offers_apply_to_changes_only() {
        let mut s = spec();
        let schema = s.input_schema();
        assert_eq!(schema["additionalProperties"], false);
        assert_eq!(schema["required"], json!(["title"]));
        assert_eq!(schema["properties"]["apply"]["default"], false);
        assert_eq!(schema["properties"]["relates_to"]["type"], "array");
        s.change = false;
        assert!(s.input_schema()["properties"].get("apply").is_none());
    }
}
