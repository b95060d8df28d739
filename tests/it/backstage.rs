//! `idp backstage templates` and the `idp:run` scaffolder module (integrations/backstage/).
//!
//! The promise under test: the form a template shows and the CLI can never disagree. Each
//! template's parameters are compared with the schema the CLI validates with; values built from
//! the form's defaults and examples are accepted by the real binary, a value the form forbids is
//! refused, and a key the form does not have is exit 2 with nothing written.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Map, Value, json};

use crate::harness::Test;

const GOLDEN_PATHS: [&str; 3] = ["backend-app-rds", "stateful-app", "stateless-app"];
const KINDS: [&str; 7] = ["ebs", "ec2", "ecr", "eks", "rds", "s3", "secrets"];
const ACTIONS: [&str; 3] = ["adr-new", "promote", "rollback"];

fn yaml(text: &str) -> Value {
    idp::yaml::parse(text).expect("generated YAML parses").value
}

fn repo_file(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel))
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// A schema without what the form adds for people: titles and `ui:*` keys.
fn without_form_annotations(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| *k != "title" && !k.starts_with("ui:"))
                .map(|(k, v)| (k.clone(), without_form_annotations(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_form_annotations).collect()),
        other => other.clone(),
    }
}

fn generated(t: &Test) -> Vec<(String, Value)> {
    let location = yaml(&t.read("catalog/backstage-templates.yaml"));
    location["spec"]["targets"]
        .as_array()
        .expect("targets")
        .iter()
        .map(|target| {
            let rel = target
                .as_str()
                .unwrap()
                .trim_start_matches("../")
                .to_string();
            let doc = yaml(&t.read(&rel));
            (rel, doc)
        })
        .collect()
}

/// The templates whose step passes a values file (golden paths and request kinds).
fn with_values(templates: Vec<(String, Value)>) -> Vec<(String, Value)> {
    templates
        .into_iter()
        .filter(|(_, t)| t["spec"]["steps"][0]["input"].get("values").is_some())
        .collect()
}

/// What a user who accepts every default and example (and picks the `platform` group) submits.
fn sample(schema: &Value) -> Option<Value> {
    if let Some(e) = schema.get("examples").and_then(|e| e.get(0)) {
        return Some(e.clone());
    }
    for k in ["default", "const"] {
        if let Some(v) = schema.get(k) {
            return Some(v.clone());
        }
    }
    if let Some(e) = schema.get("enum").and_then(|e| e.get(0)) {
        return Some(e.clone());
    }
    if schema.get("ui:field") == Some(&json!("OwnerPicker")) {
        return Some(json!("group:default/platform"));
    }
    if schema.get("ui:field") == Some(&json!("EntityPicker")) {
        return Some(json!("component:default/payments"));
    }
    let props = schema.get("properties")?.as_object()?;
    let required: Vec<&str> = schema["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut out = Map::new();
    for (k, p) in props {
        // The form fills every default; a user fills what is required and takes the examples.
        if (required.contains(&k.as_str())
            || p.get("examples").is_some()
            || p.get("default").is_some())
            && let Some(v) = sample(p)
        {
            out.insert(k.clone(), v);
        }
    }
    Some(Value::Object(out))
}

/// A step input's `${{ parameters.x }}` (or `… | parseEntityRef | pick('name')`) with the
/// form's data, as the scaffolder renders it.
fn render(expr: &Value, form: &Map<String, Value>) -> Option<Value> {
    let Some(s) = expr.as_str() else {
        return Some(expr.clone());
    };
    let Some(inner) = s
        .strip_prefix("${{ parameters.")
        .and_then(|r| r.strip_suffix(" }}"))
    else {
        return Some(expr.clone());
    };
    match inner.split_once(" | ") {
        None => form.get(inner).cloned(),
        Some((key, "parseEntityRef | pick('name')")) => form
            .get(key)
            .and_then(Value::as_str)
            .map(|r| json!(r.rsplit('/').next().unwrap_or(r))),
        Some((_, filters)) => panic!("a filter the test does not know: {filters}"),
    }
}

/// The form data of a template filled from defaults and examples, and the step's command and
/// values rendered from it.
fn submission(template: &Value) -> (Map<String, Value>, Vec<String>, Map<String, Value>) {
    let mut form = Map::new();
    for page in template["spec"]["parameters"].as_array().unwrap() {
        if let Some(Value::Object(m)) = sample(page) {
            form.extend(m);
        }
    }
    let input = &template["spec"]["steps"][0]["input"];
    let command = input["command"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            render(c, &form)
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap()
        })
        .collect();
    let values = input["values"]
        .as_object()
        .unwrap()
        .iter()
        .filter_map(|(k, v)| render(v, &form).map(|v| (k.clone(), v)))
        .collect();
    (form, command, values)
}

/// The argv an action template's step gives idp (as the `idp:run` action builds it from
/// `options` and `positionals`): the command, `--flag=value` per value (a bare flag for true, an
/// empty field left out), `--output json`, `extra`, then `--` and the positionals.
fn action_argv(template: &Value, form: &Map<String, Value>, extra: &[&str]) -> Vec<String> {
    let input = &template["spec"]["steps"][0]["input"];
    let mut argv: Vec<String> = input["command"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    for (flag, expr) in input["options"].as_object().unwrap() {
        match render(expr, form) {
            None | Some(Value::Null) | Some(Value::Bool(false)) => {}
            Some(Value::String(s)) if s.is_empty() => {}
            Some(Value::Bool(true)) => argv.push(format!("--{flag}")),
            Some(Value::Array(items)) => argv.extend(
                items
                    .iter()
                    .map(|v| format!("--{flag}={}", v.as_str().unwrap())),
            ),
            Some(Value::String(s)) => argv.push(format!("--{flag}={s}")),
            Some(other) => argv.push(format!("--{flag}={other}")),
        }
    }
    argv.extend(["--output".to_string(), "json".to_string()]);
    argv.extend(extra.iter().map(|s| s.to_string()));
    if let Some(p) = input["positionals"].as_array() {
        argv.push("--".into());
        argv.extend(p.iter().map(|e| {
            render(e, form)
                .and_then(|v| v.as_str().map(str::to_string))
                .expect("a positional has a value")
        }));
    }
    argv
}

/// The form data of a one-page action template, from defaults, examples and the pickers.
fn action_form(template: &Value) -> Map<String, Value> {
    match sample(&template["spec"]["parameters"][0]) {
        Some(Value::Object(m)) => m,
        other => panic!("no form data: {other:?}"),
    }
}

fn run_step(
    t: &Test,
    command: &[String],
    values: &Map<String, Value>,
    extra: &[&str],
) -> crate::harness::Output {
    let file = t.root.join("values.json");
    std::fs::write(&file, serde_json::to_string(values).unwrap()).unwrap();
    let mut args: Vec<String> = command.to_vec();
    args.extend(["--values".into(), file.to_str().unwrap().into()]);
    args.extend(["--output".into(), "json".into()]);
    args.extend(extra.iter().map(|s| s.to_string()));
    t.idp(args).run()
}

#[test]
fn a_template_per_golden_path_and_request_kind_whose_form_is_the_cli_schema() {
    let t = Test::platform();
    t.idp(["backstage", "templates", "--direct"])
        .run()
        .success();
    let templates = generated(&t);
    let mut names: Vec<String> = templates.iter().map(|(p, _)| p.clone()).collect();
    names.sort();
    let mut want: Vec<String> = GOLDEN_PATHS
        .iter()
        .map(|g| format!("backstage/templates/new-app-{g}.yaml"))
        .chain(
            KINDS
                .iter()
                .map(|k| format!("backstage/templates/provision-{k}.yaml")),
        )
        .chain(
            ACTIONS
                .iter()
                .map(|a| format!("backstage/templates/{a}.yaml")),
        )
        .collect();
    want.sort();
    assert_eq!(names, want);
    let location = yaml(&t.read("catalog/backstage-templates.yaml"));
    assert_eq!(location["kind"], "Location");

    for (path, tpl) in &templates {
        assert_eq!(
            tpl["apiVersion"], "scaffolder.backstage.io/v1beta3",
            "{path}"
        );
        assert_eq!(tpl["kind"], "Template", "{path}");
        assert_eq!(tpl["spec"]["owner"], "group:default/platform", "{path}");
        let step = &tpl["spec"]["steps"][0];
        assert_eq!(step["action"], "idp:run", "{path}");
        let links = serde_json::to_string(&tpl["spec"]["output"]["links"]).unwrap();
        assert!(
            links.contains("steps['idp'].output.prUrl"),
            "{path}: {links}"
        );
        if path.ends_with("adr-new.yaml") {
            continue;
        }
        assert!(
            links.contains("steps['idp'].output.entityRef") || links.contains("parameters.app"),
            "{path}: {links}"
        );
    }

    // A golden path: the page is the parameter schema `idp golden-path show` reports.
    let (_, gp) = templates
        .iter()
        .find(|(p, _)| p.ends_with("new-app-stateful-app.yaml"))
        .unwrap();
    let shown = t
        .idp(["golden-path", "show", "stateful-app", "-o", "json"])
        .run()
        .success()
        .json();
    let cli = &shown["parameters"];
    let page = &gp["spec"]["parameters"][0];
    assert_eq!(page["required"], cli["required"]);
    let form_props = page["properties"].as_object().unwrap();
    let cli_props = cli["properties"].as_object().unwrap();
    assert_eq!(
        form_props.keys().collect::<Vec<_>>(),
        cli_props.keys().collect::<Vec<_>>()
    );
    for (k, p) in cli_props {
        if k == "owner" {
            assert_eq!(form_props[k]["ui:field"], "OwnerPicker");
            assert_eq!(
                form_props[k]["ui:options"]["catalogFilter"]["kind"],
                "Group"
            );
            continue;
        }
        assert_eq!(
            without_form_annotations(&form_props[k]),
            *p,
            "parameter `{k}`"
        );
    }
    assert_eq!(form_props["storage_size"]["pattern"], "^[0-9]+(Gi|Mi)$");
    assert_eq!(form_props["replicas"]["maximum"], 5);
    assert_eq!(form_props["storage_size"]["title"], "Storage size");
    let input = &gp["spec"]["steps"][0]["input"];
    assert_eq!(
        input["command"],
        json!([
            "new-app",
            "${{ parameters.name }}",
            "--template",
            "stateful-app"
        ])
    );
    assert_eq!(
        input["values"]["owner"],
        "${{ parameters.owner | parseEntityRef | pick('name') }}"
    );
    assert!(input["values"].get("name").is_none());

    // A request kind: the spec page is the kind's spec schema, the environments are the
    // platform's, in promotion order.
    let (_, s3) = templates
        .iter()
        .find(|(p, _)| p.ends_with("provision-s3.yaml"))
        .unwrap();
    let schema: Value =
        serde_json::from_str(&repo_file("schemas/requests/s3.schema.json")).unwrap();
    let spec = &s3["spec"]["parameters"][1]["properties"]["spec"];
    assert_eq!(without_form_annotations(spec), schema["properties"]["spec"]);
    assert_eq!(spec["properties"]["bucketName"]["title"], "Bucket name");
    assert_eq!(
        spec["properties"]["purpose"]["properties"]["description"]["minLength"],
        10
    );
    let header = &s3["spec"]["parameters"][0];
    assert_eq!(
        header["properties"]["environment"]["enum"],
        json!(["dev", "test", "staging", "prod"])
    );
    assert_eq!(header["required"], json!(["environment", "owner"]));
    assert!(header["properties"].get("id").is_none());
    assert!(header["properties"].get("requester").is_none());
    assert_eq!(
        s3["spec"]["steps"][0]["input"]["command"],
        json!(["provision", "s3", "--env", "${{ parameters.environment }}"])
    );
}

#[test]
fn values_from_the_form_are_accepted_and_values_it_forbids_are_refused() {
    let t = Test::platform();
    t.idp(["backstage", "templates", "--direct"])
        .run()
        .success();
    let before = t.state();
    for (path, tpl) in with_values(generated(&t)) {
        let (_, command, values) = submission(&tpl);
        // Defaults and examples: accepted (a dry run writes nothing).
        let out = run_step(&t, &command, &values, &["--dry-run"]);
        let out = out.code(0);
        assert_eq!(out.json()["status"], "planned", "{path}");
        assert!(
            out.json()["entity_ref"].as_str().is_some(),
            "{path}: no entity_ref for the template's catalog link"
        );

        // A value the form forbids: refused by the CLI.
        let mut bad = values.clone();
        let target = if command[0] == "new-app" {
            &mut bad
        } else {
            bad.get_mut("spec").and_then(Value::as_object_mut).unwrap()
        };
        let page = if command[0] == "new-app" {
            &tpl["spec"]["parameters"][0]
        } else {
            &tpl["spec"]["parameters"][1]["properties"]["spec"]
        };
        let (key, forbidden) = forbidden_value(page, target).expect("a constrained field");
        target.insert(key.clone(), forbidden.clone());
        let out = run_step(&t, &command, &bad, &[]);
        assert!(
            out.code == 2 || out.code == 3,
            "{path}: `{key}: {forbidden}` was not refused (exit {}):\n{}",
            out.code,
            out.stderr
        );
        assert_eq!(t.state(), before, "{path}: a refused value wrote something");

        if command[0] == "new-app" {
            let mut bad_name = command.clone();
            bad_name[1] = "Not Valid!".into();
            run_step(&t, &bad_name, &values, &[]).code(2);
            // A values file cannot rename the app behind the command's back.
            let mut renamed = values.clone();
            renamed.insert("name".into(), json!("other"));
            run_step(&t, &command, &renamed, &[])
                .code(2)
                .stdout_has("`name`");
            assert_eq!(t.state(), before, "{path}: a bad name wrote something");
        }

        // A key the form does not have: exit 2, naming it, nothing written (no dry run).
        let mut unknown = values.clone();
        if command[0] == "new-app" {
            unknown.insert("colour".into(), json!("blue"));
        } else {
            unknown["spec"]
                .as_object_mut()
                .unwrap()
                .insert("colour".into(), json!("blue"));
        }
        // (`--output json`, as the action runs it: the error is JSON on stdout.)
        let out = run_step(&t, &command, &unknown, &[]).code(2);
        let report = out.json();
        assert_eq!(report["exit_code"], 2);
        assert!(
            report["error"].as_str().unwrap().contains("`colour`")
                || report["error"].as_str().unwrap().contains("`spec.colour`"),
            "{path}: {report}"
        );
        assert_eq!(t.state(), before, "{path}: an unknown key wrote something");
        assert!(
            !t.path(".idp/repos").exists(),
            "{path}: a repository was created"
        );
    }
}

/// Promote, rollback and `adr new`: the form is the command's own arguments (the MCP tool's
/// schema, read from clap) less how the change is made, with an app picker over the catalog's
/// Components, an owner picker over its Groups and the platform's environments in promotion
/// order; what a user submits is what the real binary accepts, and a value the form does not
/// offer is refused with nothing written.
#[test]
fn promote_rollback_and_adr_templates_are_the_cli_arguments_with_catalog_pickers() {
    let t = Test::with_app();
    t.idp([
        "image",
        "set",
        "payments",
        "--env",
        "dev",
        "--digest",
        &crate::harness::digest('a'),
        "--tag",
        "1a2b3c4d5e6f7a8b",
        "--direct",
    ])
    .run()
    .success();
    t.idp(["backstage", "templates", "--direct"])
        .run()
        .success();
    let tools = t
        .idp(["mcp", "--list", "-o", "json"])
        .run()
        .success()
        .json();
    let tool = |name: &str| -> Value {
        tools
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == name)
            .unwrap_or_else(|| panic!("no tool {name}"))["input_schema"]
            .clone()
    };
    let envs = json!(["dev", "test", "staging", "prod"]);
    for (file, tool_name, command) in [
        ("promote", "promote", json!(["promote"])),
        ("rollback", "rollback", json!(["rollback"])),
        ("adr-new", "adr_new", json!(["adr", "new"])),
    ] {
        let tpl = yaml(&t.read(&format!("backstage/templates/{file}.yaml")));
        let schema = tool(tool_name);
        let page = &tpl["spec"]["parameters"][0];
        let form = page["properties"].as_object().unwrap();
        let cli: Vec<&String> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| {
                !["direct", "base", "no_push", "no_registry", "apply"].contains(&k.as_str())
            })
            .collect();
        assert_eq!(form.keys().collect::<Vec<_>>(), cli, "{file}");
        for (k, f) in form {
            let c = &schema["properties"][k];
            match f.get("ui:field").and_then(Value::as_str) {
                Some("EntityPicker") => {
                    assert_eq!(k, "app", "{file}");
                    assert_eq!(f["ui:options"]["catalogFilter"]["kind"], "Component");
                }
                Some("OwnerPicker") => {
                    assert_eq!(f["ui:options"]["catalogFilter"]["kind"], "Group");
                    assert_eq!(f["default"], "group:default/platform", "{file}");
                }
                _ if f.get("enum") == Some(&envs) => {
                    assert!(["to", "from", "env"].contains(&k.as_str()), "{file}: {k}");
                    assert_eq!(c["type"], "string");
                }
                _ => assert_eq!(without_form_annotations(f), *c, "{file}: `{k}`"),
            }
        }
        for r in schema["required"].as_array().unwrap() {
            assert!(
                page["required"].as_array().unwrap().contains(r),
                "{file}: `{r}` is required by the CLI"
            );
        }
        assert_eq!(
            tpl["spec"]["steps"][0]["input"]["command"], command,
            "{file}"
        );
    }
    let promote = yaml(&t.read("backstage/templates/promote.yaml"));
    let input = &promote["spec"]["steps"][0]["input"];
    assert_eq!(input["options"]["to"], "${{ parameters.to }}");
    assert_eq!(
        input["options"]["skip-reason"],
        "${{ parameters.skip_reason }}"
    );
    assert_eq!(
        input["positionals"],
        json!(["${{ parameters.app | parseEntityRef | pick('name') }}"])
    );
    assert_eq!(
        promote["spec"]["parameters"][0]["properties"]["from"]["enum"],
        envs
    );

    // What a user submits runs: payments from dev to test, a rollback plan, an ADR.
    let before = t.state();
    let mut form = action_form(&promote);
    form.insert("to".into(), json!("test"));
    // (The registry check is the platform's, against ECR; offline here.)
    let argv = action_argv(&promote, &form, &["--dry-run", "--no-registry"]);
    assert!(
        argv.ends_with(&["--".into(), "payments".into()]),
        "{argv:?}"
    );
    let out = t.idp(&argv).run().success();
    assert_eq!(out.json()["status"], "planned");
    assert_eq!(out.json()["to"], "test");
    let adr = yaml(&t.read("backstage/templates/adr-new.yaml"));
    let mut form = action_form(&adr);
    form.insert("title".into(), json!("--Use Backstage for self-service"));
    form.insert("relates_to".into(), json!(["ADR-0001"]));
    let argv = action_argv(&adr, &form, &["--dry-run"]);
    assert!(argv.contains(&"--owner=platform".to_string()), "{argv:?}");
    assert!(
        argv.contains(&"--relates-to=ADR-0001".to_string()),
        "{argv:?}"
    );
    let out = t.idp(&argv).run().success();
    assert_eq!(out.json()["status"], "planned");
    assert!(
        out.json()["path"]
            .as_str()
            .is_some_and(|p| p.contains("use-backstage-for-self-service")),
        "{}",
        out.json()
    );
    assert_eq!(t.state(), before, "a dry run wrote something");

    // A value the form does not offer (an environment the platform has not): refused.
    let rollback = yaml(&t.read("backstage/templates/rollback.yaml"));
    let mut form = action_form(&rollback);
    assert_eq!(form["env"], "dev", "{form:?}");
    form.insert("env".into(), json!("qa"));
    let out = t.idp(action_argv(&rollback, &form, &[])).run();
    assert!(
        out.code == 2 || out.code == 3,
        "exit {}: {}",
        out.code,
        out.stderr
    );
    assert!(out.stdout.contains("qa"), "{}", out.stdout);
    assert_eq!(t.state(), before, "a refused rollback wrote something");
}

/// A field of a form page that the step passes on (a key of `values`), and a value its schema
/// forbids.
fn forbidden_value(page: &Value, values: &Map<String, Value>) -> Option<(String, Value)> {
    for (k, p) in page["properties"].as_object()? {
        if !values.contains_key(k) || k == "owner" {
            continue;
        }
        if let Some(max) = p.get("maximum").and_then(Value::as_i64) {
            return Some((k.clone(), json!(max + 1)));
        }
        if p.get("enum").is_some() {
            return Some((k.clone(), json!("no-such-choice")));
        }
        if let Some(pattern) = p.get("pattern").and_then(Value::as_str)
            && pattern.starts_with('^')
        {
            return Some((k.clone(), json!("Not Valid!")));
        }
    }
    None
}

#[test]
fn the_form_follows_the_platform_repo_and_check_reports_drift() {
    let t = Test::platform();
    // Nothing generated yet: drift, nothing written.
    let before = t.state();
    t.idp(["backstage", "templates", "--check"])
        .run()
        .code(5)
        .stdout_has("+++ b/backstage/templates/new-app-stateless-app.yaml");
    assert_eq!(t.state(), before);
    t.idp(["backstage", "templates", "--direct"])
        .run()
        .success();
    t.idp(["backstage", "templates", "--check"]).run().success();

    // A golden path of the platform's own: a template appears, with its parameter.
    t.commit_file(
        "golden-paths/worker/golden-path.yaml",
        "name: worker\nversion: 0.1.0\ndescription: A queue worker.\nextends: stateless-app\n\
         parameters:\n  properties:\n    queue:\n      type: string\n      description: The queue it reads.\n      \
         enum: [orders, refunds]\n      default: orders\n",
        "a worker golden path",
    );
    t.idp(["backstage", "templates", "--check"])
        .run()
        .code(5)
        .stdout_has("new-app-worker.yaml");
    t.idp(["backstage", "templates", "--direct"])
        .run()
        .success();
    t.idp(["backstage", "templates", "--check"]).run().success();
    let worker = yaml(&t.read("backstage/templates/new-app-worker.yaml"));
    let queue = &worker["spec"]["parameters"][0]["properties"]["queue"];
    assert_eq!(queue["enum"], json!(["orders", "refunds"]));
    assert_eq!(queue["title"], "Queue");
    assert_eq!(
        worker["spec"]["steps"][0]["input"]["values"]["queue"],
        "${{ parameters.queue }}"
    );
    assert!(
        t.read("catalog/backstage-templates.yaml")
            .contains("new-app-worker.yaml")
    );
    // Its form's values are what `idp new-app --template worker` accepts.
    let (_, command, values) = submission(&worker);
    assert_eq!(values["queue"], "orders");
    run_step(&t, &command, &values, &["--dry-run"]).success();

    // A request schema the platform overrides: drift until regenerated.
    let schema = repo_file("schemas/requests/ecr.schema.json").replace(
        "\"enum\": [\"low\", \"medium\", \"high\"],\n          \"default\": \"low\"",
        "\"enum\": [\"low\", \"medium\", \"high\"],\n          \"default\": \"medium\"",
    );
    assert!(schema.contains("\"default\": \"medium\""));
    t.commit_file(
        "schemas/requests/ecr.schema.json",
        &schema,
        "ecr: medium risk by default",
    );
    t.idp(["backstage", "templates", "--check", "-o", "json"])
        .run()
        .code(5)
        .stdout_has("backstage/templates/provision-ecr.yaml")
        .stdout_has("default: medium");

    // A golden path that goes: its generated template is removed, a hand-written file stays.
    t.git(&t.platform, &["rm", "-q", "-r", "golden-paths/worker"]);
    t.commit_file(
        "backstage/templates/custom.yaml",
        "kind: Template\n",
        "no worker; a hand-written template",
    );
    t.idp(["backstage", "templates", "--check"])
        .run()
        .code(5)
        .stdout_has("--- a/backstage/templates/new-app-worker.yaml");
    t.idp(["backstage", "templates", "--direct"])
        .run()
        .success();
    assert!(!t.path("backstage/templates/new-app-worker.yaml").exists());
    assert!(t.path("backstage/templates/custom.yaml").exists());
    assert!(
        !t.read("catalog/backstage-templates.yaml")
            .contains("worker")
    );
    let ecr = yaml(&t.read("backstage/templates/provision-ecr.yaml"));
    assert_eq!(
        ecr["spec"]["parameters"][1]["properties"]["spec"]["properties"]["risk"]["default"],
        "medium"
    );
    t.idp(["backstage", "templates", "--check"]).run().success();
}

#[test]
fn out_writes_plain_files_and_leaves_the_repo_alone() {
    let t = Test::platform();
    let before = t.state();
    let out = t.root.join("out");
    let res = t
        .idp([
            "backstage",
            "templates",
            "--out",
            out.to_str().unwrap(),
            "-o",
            "json",
        ])
        .run()
        .success();
    assert_eq!(res.json()["files"].as_array().unwrap().len(), 14);
    assert_eq!(t.state(), before, "--out wrote into the platform repo");
    // The same bytes as the change would commit.
    t.idp(["backstage", "templates", "--direct"])
        .run()
        .success();
    for f in res.json()["files"].as_array().unwrap() {
        let rel = f.as_str().unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join(rel)).unwrap(),
            t.read(rel),
            "{rel}"
        );
    }
    // A rerun is byte-identical: stable ordering.
    let again = t.root.join("again");
    t.idp(["backstage", "templates", "--out", again.to_str().unwrap()])
        .run()
        .success();
    for f in res.json()["files"].as_array().unwrap() {
        let rel = f.as_str().unwrap();
        assert_eq!(
            std::fs::read(out.join(rel)).unwrap(),
            std::fs::read(again.join(rel)).unwrap()
        );
    }
}

#[test]
fn bad_input_writes_nothing() {
    let t = Test::platform();
    let before = t.state();
    t.idp(["backstage", "templates", "--check", "--out", "x"])
        .run()
        .code(2);
    // A platform golden path whose schema a form cannot check: refused (exit 3), nothing written.
    t.commit_file(
        "golden-paths/refs/golden-path.yaml",
        "name: refs\nversion: 0.1.0\ndescription: Uses $ref.\nextends: stateless-app\n\
         parameters:\n  $defs:\n    size: {type: integer}\n  properties:\n    size:\n      $ref: '#/$defs/size'\n",
        "a path with $ref",
    );
    let before_refs = t.state();
    t.idp(["backstage", "templates"])
        .run()
        .code(3)
        .stderr_has("`$defs`")
        .stderr_has("golden-paths/refs/golden-path.yaml");
    assert_eq!(t.state(), before_refs);
    assert_ne!(before, before_refs);
}

/// The scaffolder module: `npm test` in integrations/backstage (tsc typecheck + node unit tests
/// with a fake idp, and one run of the action against this build of idp on a real platform
/// repo). Under CI its dependencies must be installed (`.ci/run` runs `npm ci`); elsewhere a
/// missing node_modules is a loud skip.
#[test]
fn the_scaffolder_module_typechecks_and_passes_its_tests() {
    let dir: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("integrations/backstage");
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    let npm_ok = Command::new("npm")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !npm_ok || !dir.join("node_modules").exists() {
        let why = if npm_ok {
            "integrations/backstage/node_modules is missing (run `npm ci` there)"
        } else {
            "npm is not installed"
        };
        assert!(!ci, "{why}; .ci/run installs it");
        eprintln!("SKIPPED the_scaffolder_module_typechecks_and_passes_its_tests: {why}");
        return;
    }
    let t = Test::platform();
    let out = Command::new("npm")
        .arg("test")
        .current_dir(&dir)
        .env("IDP_BIN", env!("CARGO_BIN_EXE_idp"))
        .env("IDP_E2E_PLATFORM", &t.platform)
        .env("HOME", &t.home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("IDP_ACTOR", crate::harness::ACTOR)
        .env_remove("IDP_PLATFORM")
        .env_remove("GH_TOKEN")
        .env_remove("GITHUB_TOKEN")
        .output()
        .expect("npm runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "npm test failed:\n{stdout}\n--- stderr\n{stderr}"
    );
    assert!(stdout.contains("# fail 0"), "{stdout}");
    assert!(
        stdout.contains("# skipped 0"),
        "a test was skipped:\n{stdout}"
    );
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("ok ") && l.contains("the real idp") && !l.contains("# SKIP")),
        "the end-to-end test did not run:\n{stdout}"
    );
    // The end-to-end test opened one pull request through the action.
    t.idp(["pr", "list", "-o", "json"])
        .run()
        .success()
        .stdout_has("idp/ecr/dev-payments");
}

/// The Backstage backend harness (`tests/support/backstage/`, installed by `.ci/run`) and the
/// module's own dependencies, or why they are missing.
fn backend_harness() -> Result<(PathBuf, PathBuf), String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let harness = root.join("tests/support/backstage");
    let module = root.join("integrations/backstage");
    for dir in [&harness, &module] {
        if !dir.join("node_modules").is_dir() {
            return Err(format!(
                "{}/node_modules is missing (run `npm ci` there; `.ci/run` does)",
                dir.strip_prefix(root).unwrap_or(dir).display()
            ));
        }
    }
    Ok((harness, module))
}

/// A real Backstage backend (issue 25): `@backstage/backend-defaults` with the catalog, the
/// scaffolder and idp's module, started from npm on 127.0.0.1 with SQLite in memory, reads the
/// platform repo's catalog, accepts every generated template, and runs a new-app, a provision
/// and an ADR template through the scaffolder's REST API against a local-forge platform repo:
/// the tasks complete, their logs hold idp's own lines, their outputs the pull requests, which
/// exist. A template run idp refuses (a guardrail) fails the task with idp's message and writes
/// nothing. One backend serves every case. Under CI the harness must be installed; elsewhere a
/// missing node_modules is a printed skip.
#[test]
fn a_real_backstage_backend_runs_the_generated_templates_end_to_end() {
    let (harness, module) = match backend_harness() {
        Ok(dirs) => dirs,
        Err(why) => {
            let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
            assert!(!ci, "{why}");
            eprintln!(
                "SKIPPED a_real_backstage_backend_runs_the_generated_templates_end_to_end: {why}"
            );
            return;
        }
    };
    let t = Test::platform();
    // The scaffolder runs idp with CI=true: the test's actor is named there too.
    let config = t.read("idp.yaml");
    t.commit_file(
        "idp.yaml",
        &config.replacen(
            "  allowActorOverride: true\n",
            "  allowActorOverride: true\n  allowActorOverrideInCi: true\n",
            1,
        ),
        "IDP_ACTOR under CI too (tests)",
    );
    t.git(&t.platform, &["push", "-q", "origin", "main"]);
    t.idp(["backstage", "templates", "--direct"])
        .run()
        .success();
    let templates = generated(&t);
    let template = |name: &str| -> &Value {
        &templates
            .iter()
            .find(|(p, _)| p.ends_with(&format!("/{name}.yaml")))
            .unwrap_or_else(|| panic!("no template {name}"))
            .1
    };
    let names: Vec<String> = templates
        .iter()
        .map(|(_, t)| t["metadata"]["name"].as_str().unwrap().to_string())
        .collect();

    // The module built as a Backstage app installs it: its requires resolve from the app's
    // node_modules (the harness's), beside which it is compiled.
    let built = tempfile::Builder::new()
        .prefix(".module-")
        .tempdir_in(&harness)
        .unwrap();
    let tsc = Command::new(module.join("node_modules/.bin/tsc"))
        .args(["-p", "tsconfig.json", "--outDir"])
        .arg(built.path())
        .current_dir(&module)
        .output()
        .expect("tsc runs");
    assert!(
        tsc.status.success(),
        "tsc failed:\n{}",
        String::from_utf8_lossy(&tsc.stdout)
    );

    let (mut new_app, _, _) = submission(template("new-app-stateless-app"));
    new_app.insert("name".into(), json!("payments"));
    let (ecr, _, _) = submission(template("provision-ecr"));
    let (mut rds, _, _) = submission(template("provision-rds"));
    assert_eq!(rds["environment"], "dev", "{rds:?}");
    // The contract: development databases are small only (a Rego guardrail, exit 3).
    rds["spec"]["size"] = json!("xlarge");
    // A command's template: an ADR, its owner from the OwnerPicker, a title that looks like a
    // flag (a positional after `--`), one optional list filled and one left empty.
    let mut adr = action_form(template("adr-new"));
    adr.insert("title".into(), json!("-Self-service through Backstage"));
    adr.insert("relates_to".into(), json!(["ADR-0001"]));
    // The realm's groups, which the Keycloak org provider brings into the catalog (a stand-in
    // for it in the backend: no Keycloak runs here).
    let realm = yaml(&t.read("addons/keycloak/config/dev/configmap-keycloak-realm.yaml"));
    let realm = yaml(realm["data"]["realm.yaml"].as_str().expect("the realm"));
    let realm_groups: Vec<&str> = realm["groups"]
        .as_array()
        .expect("the realm's groups")
        .iter()
        .filter_map(|g| g["name"].as_str())
        .collect();
    assert!(realm_groups.contains(&"platform"), "{realm_groups:?}");
    let org = yaml(&t.read("idp.yaml"))["org"]
        .as_str()
        .expect("org")
        .to_string();
    let work = t.root.join("backstage");
    let spec = json!({
        "org": {
            "baseUrl": "https://keycloak.example",
            "realm": realm["realm"],
            "groups": realm_groups,
            "system": format!("{org}-platform"),
        },
        "module": built.path().join("src/index.js"),
        "binary": env!("CARGO_BIN_EXE_idp"),
        "platform": t.platform,
        "workdir": work,
        "templates": names,
        "cases": [
            {"name": "refused", "template": "idp-provision-rds", "values": rds},
            {"name": "new-app", "template": "idp-new-app-stateless-app", "values": new_app},
            {"name": "provision", "template": "idp-provision-ecr", "values": ecr},
            {"name": "adr", "template": "idp-adr-new", "values": adr},
        ],
    });
    std::fs::create_dir_all(&work).unwrap();
    std::fs::write(work.join("spec.json"), spec.to_string()).unwrap();
    let started = std::time::Instant::now();
    let run = Command::new("node")
        .arg(harness.join("run.js"))
        .arg(work.join("spec.json"))
        .current_dir(&harness)
        .env("HOME", &t.home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("IDP_ACTOR", crate::harness::ACTOR)
        .env("NO_COLOR", "1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env_remove("IDP_PLATFORM")
        .env_remove("GH_TOKEN")
        .env_remove("GITHUB_TOKEN")
        .output()
        .expect("node runs");
    let log = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "the backend failed:\n{log}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    eprintln!(
        "the Backstage backend ran its cases in {:?}",
        started.elapsed()
    );
    let result: Value =
        serde_json::from_str(&std::fs::read_to_string(work.join("result.json")).unwrap()).unwrap();

    // The catalog read the platform repo's catalog/ and accepted every generated template,
    // whose form the scaffolder serves.
    for name in &names {
        assert_eq!(
            result["templates"][name],
            json!({"entity": true, "parameterSchema": true}),
            "{name} was not accepted:\n{log}"
        );
    }

    // One `group:default/platform`, the realm's (ADR-0040): the platform repo's catalog
    // defines no Group, so the catalog saw no conflict and could process every entity; the
    // platform's System, which the catalog's files define, is owned by it.
    let groups = result["org"]["groups"]
        .as_array()
        .expect("the catalog's groups");
    let platform: Vec<&Value> = groups
        .iter()
        .filter(|g| g["ref"] == "group:default/platform")
        .collect();
    assert_eq!(platform.len(), 1, "{groups:#?}");
    assert!(
        platform[0]["managedBy"]
            .as_str()
            .is_some_and(|l| l.starts_with("url:https://keycloak.example/admin/realms/")),
        "{:#}",
        platform[0]
    );
    assert!(
        platform[0]["relations"]
            .as_array()
            .unwrap()
            .contains(&json!(format!("ownerOf system:default/{org}-platform"))),
        "{:#}",
        platform[0]
    );
    assert_eq!(groups.len(), realm_groups.len(), "{groups:#?}");
    let system = &result["org"]["system"];
    assert_eq!(
        system["spec"]["owner"], "group:default/platform",
        "{system:#}"
    );
    assert_eq!(result["org"]["conflicts"], json!([]), "{:#}", result["org"]);
    assert_eq!(result["org"]["errors"], json!([]), "{:#}", result["org"]);
    assert!(!log.contains("conflicting entityRef"), "{log}");

    let prs = t.idp(["pr", "list", "-o", "json"]).run().success().json();
    let prs = prs.as_array().cloned().unwrap_or_default();
    for (case, branch) in [
        ("new-app", "idp/app/payments"),
        ("provision", "idp/ecr/"),
        ("adr", "idp/adr/"),
    ] {
        let c = &result["cases"][case];
        assert_eq!(c["status"], "completed", "{case}: {c:#}");
        let lines: Vec<&str> = c["log"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert!(
            lines
                .iter()
                .any(|l| l.contains("running ") && l.contains("--output json")),
            "{case}: the step did not log idp's command: {lines:#?}"
        );
        // idp's own status lines (stderr), streamed into the task's log.
        assert!(
            lines
                .iter()
                .any(|l| l.contains("Opened") || l.contains("pull request")),
            "{case}: idp's lines are not in the log: {lines:#?}"
        );
        let links = c["output"]["links"].as_array().expect("output links");
        let pr_url = links
            .iter()
            .find(|l| l["title"] == "Pull request")
            .and_then(|l| l["url"].as_str())
            .unwrap_or_else(|| panic!("{case}: no pull request link: {c:#}"));
        let pr = prs
            .iter()
            .find(|p| p["head"].as_str().is_some_and(|b| b.starts_with(branch)))
            .unwrap_or_else(|| panic!("{case}: no pull request on {branch}*: {prs:#?}"));
        assert_eq!(pr["url"].as_str(), Some(pr_url), "{case}: {pr:#}");
        let number = pr["number"].as_u64().unwrap().to_string();
        t.idp(["pr", "show", &number]).run().success();
    }
    let entity = result["cases"]["new-app"]["output"]["links"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|l| l["entityRef"].as_str())
        .map(str::to_string);
    assert_eq!(entity.as_deref(), Some("component:default/payments"));
    // The request ID a provision template shows.
    let text = &result["cases"]["provision"]["output"]["text"][0];
    assert_eq!(text["title"], "Request", "{text:#}");
    assert!(
        text["content"]
            .as_str()
            .is_some_and(|c| c.starts_with("ECR-")),
        "{text:#}"
    );

    // The ADR the command's template wrote, where its output says, with the picked owner.
    let text = &result["cases"]["adr"]["output"]["text"][0];
    assert_eq!(text["title"], "ADR", "{text:#}");
    let path = text["content"].as_str().unwrap_or_default();
    assert!(
        path.starts_with("adrs/ADR-") && path.ends_with("-self-service-through-backstage.md"),
        "{text:#}"
    );
    let adr_pr = prs
        .iter()
        .find(|p| {
            p["head"]
                .as_str()
                .is_some_and(|b| b.starts_with("idp/adr/"))
        })
        .unwrap();
    let head = adr_pr["head"].as_str().unwrap();
    let written = t.git(&t.platform, &["show", &format!("{head}:{path}")]);
    assert!(
        written.contains("title: \"-Self-service through Backstage\""),
        "{written}"
    );
    assert!(written.contains("owner: platform"), "{written}");
    assert!(written.contains("relates_to: [ADR-0001]"), "{written}");

    // The guardrail: the task failed with idp's finding, and nothing was written.
    let refused = &result["cases"]["refused"];
    assert_eq!(refused["status"], "failed", "{refused:#}");
    let message = refused["error"]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("exited with 3")
            && message.contains("development databases are small only (got `xlarge`)"),
        "{message}"
    );
    assert_eq!(
        prs.len(),
        3,
        "only the three accepted runs opened pull requests: {prs:#?}"
    );
    let remote_refs = t.git(&t.remote, &["for-each-ref", "--format=%(refname)"]);
    assert!(!remote_refs.contains("rds"), "{remote_refs}");
    assert_eq!(t.git(&t.platform, &["status", "--porcelain"]), "");
}

/// `idp backstage enable ENV` (ADR-0040): switching Backstage on is one change that holds
/// idp.yaml's edit (comments kept), the RDS request of its database through the provision
/// contract, and the environment's add-on files rendered with the new idp.yaml; a rerun adds
/// nothing, and a pull request's rerun keeps its request ID.
#[test]
fn enable_switches_backstage_on_with_its_database_and_add_on_files_in_one_change() {
    let t = Test::platform();
    // A platform repo `idp init` made before ADR-0040's amendment defines the `platform`
    // Group in its catalog, which the realm's groups (the Keycloak org provider) define too.
    let catalog = t.read("catalog/platform-system.yaml");
    assert!(!catalog.contains("kind: Group"), "{catalog}");
    let old_group = "---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: platform\n\
                     spec:\n  type: team\n  children: []\n";
    t.commit_file(
        "catalog/platform-system.yaml",
        &format!("{catalog}{old_group}"),
        "the catalog as idp init wrote it before",
    );
    let before = t.read("idp.yaml");
    let comment = before
        .lines()
        .find(|l| l.trim_start().starts_with('#'))
        .expect("idp.yaml has comments")
        .to_string();
    // `1.0` is a tag, not a number.
    let out = t
        .idp([
            "backstage",
            "enable",
            "dev",
            "--tag",
            "1.0",
            "--direct",
            "-o",
            "json",
        ])
        .run()
        .success();
    assert_eq!(out.json()["status"], "committed", "{}", out.stdout);
    let config = yaml(&t.read("idp.yaml"));
    assert_eq!(config["backstage"]["environments"], json!(["dev"]));
    assert_eq!(config["backstage"]["image"]["tag"], json!("1.0"));
    assert!(t.read("idp.yaml").contains(&comment), "a comment was lost");
    assert!(t.path("argocd/dev/addons/backstage.yaml").exists());
    assert!(t.path("addons/backstage/generated/dev.yaml").exists());
    // The same change leaves the groups to the realm: the System (and its comments) stay.
    assert_eq!(t.read("catalog/platform-system.yaml"), catalog);
    assert!(
        t.read("argocd/dev/projects/platform-system.yaml")
            .contains("https://backstage.github.io/charts")
    );
    assert!(!t.path("argocd/test/addons/backstage.yaml").exists());
    let request = yaml(&t.read("requests/rds/dev/RDS-0001.yaml"));
    assert_eq!(request["spec"]["databaseName"], "backstage");
    assert_eq!(request["spec"]["size"], "small");
    assert_eq!(request["owner"], "platform");
    assert!(
        t.path("envs/dev/rds/generated/RDS-0001.auto.tfvars.json")
            .exists()
    );
    // The environment's Terraform root makes Backstage's dependencies when, and only when, the
    // add-on's generated values exist: the session secret, the TechDocs bucket and the role
    // the chart's service account assumes (the names the values and objects use).
    let root = t.read("envs/dev/main.tf");
    let marker = "fileexists(\"${path.module}/../../addons/backstage/generated/dev.yaml\")";
    assert!(root.contains(marker), "{root}");
    let values = t.read("addons/backstage/generated/dev.yaml");
    let prefix = config["naming"]["prefix"].as_str().unwrap();
    for name in [
        format!("{prefix}/dev/backstage/session"),
        format!("{prefix}-dev-techdocs"),
        "\"backstage\" = [\"backstage:backstage\"]".to_string(),
    ] {
        assert!(root.contains(&name), "envs/dev/main.tf lacks {name}");
    }
    assert!(
        values.contains(&format!("bucketName: {prefix}-dev-techdocs")),
        "{values}"
    );
    assert!(
        values.contains(&format!(":role/{prefix}-dev-backstage")),
        "{values}"
    );
    let secrets = t.read("addons/backstage/config/dev/externalsecret-backstage-secrets.yaml");
    assert!(
        secrets.contains(&format!("{prefix}/dev/backstage/session")),
        "{secrets}"
    );
    // The repo is consistent: no finding, and nothing for drift's render check to heal.
    let report = t.idp(["validate", "-o", "json"]).run().success();
    assert!(!report.stdout.contains("backstage/"), "{}", report.stdout);

    // Again: nothing to do, no second request.
    let state = t.state();
    let again = t
        .idp(["backstage", "enable", "dev", "--direct", "-o", "json"])
        .run()
        .success();
    assert_eq!(again.json()["status"], "no-change", "{}", again.stdout);
    assert_eq!(t.state(), state);

    // An environment with its database already requested gets none more; as a pull request,
    // whose rerun keeps its request ID.
    t.idp([
        "provision",
        "rds",
        "--env",
        "test",
        "--owner",
        "platform",
        "--set",
        "databaseName=backstage",
        "--set",
        "username=backstage",
        "--size",
        "small",
        "--direct",
    ])
    .run()
    .success();
    let out = t
        .idp(["backstage", "enable", "test", "-o", "json"])
        .run()
        .success();
    assert_eq!(out.json()["status"], "opened", "{}", out.stdout);
    let files: Vec<String> = out.json()["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert!(
        !files.iter().any(|f| f.starts_with("requests/")),
        "{files:?}"
    );
    assert!(
        files.contains(&"argocd/test/addons/backstage.yaml".to_string()),
        "{files:?}"
    );
    let out = t
        .idp(["backstage", "enable", "staging", "-o", "json"])
        .run()
        .success();
    let rerun = t
        .idp(["backstage", "enable", "staging", "-o", "json"])
        .run()
        .success();
    assert_eq!(rerun.json()["status"], "up-to-date", "{}", rerun.stdout);
    assert_eq!(out.json()["branch"], rerun.json()["branch"]);
    let prs = t.idp(["pr", "list", "-o", "json"]).run().success().json();
    assert_eq!(prs.as_array().unwrap().len(), 2, "{prs:#}");
}

/// Bad input to `enable` writes nothing; a hand edit of idp.yaml that names an environment the
/// platform has not is a finding at its line, and one without Backstage's database a warning.
#[test]
fn backstage_environments_name_real_environments_with_a_database() {
    let t = Test::platform();
    let before = t.state();
    t.idp(["backstage", "enable", "qa", "--tag", "1"])
        .run()
        .code(2)
        .stderr_has("`qa` is not an environment");
    t.idp(["backstage", "enable", "dev"])
        .run()
        .code(2)
        .stderr_has("--tag");
    t.idp(["backstage", "enable", "dev", "--tag", "not a tag!"])
        .run()
        .code(3)
        .stderr_has("idp.yaml");
    assert_eq!(t.state(), before, "refused input wrote something");

    let config = t.read("idp.yaml");
    let line = config.lines().count() + 2;
    t.commit_file(
        "idp.yaml",
        &format!("{config}backstage:\n  environments: [dev, qa]\n  image: {{tag: '1'}}\n"),
        "Backstage in dev and qa, by hand",
    );
    // A catalog Group the realm defines too (as `idp init` wrote before ADR-0040's amendment).
    let catalog = t.read("catalog/platform-system.yaml");
    let group_line = catalog.lines().count() + 2;
    t.commit_file(
        "catalog/platform-system.yaml",
        &format!("{catalog}---\nkind: Group\napiVersion: backstage.io/v1alpha1\nmetadata: {{name: platform}}\nspec: {{type: team, children: []}}\n"),
        "the platform Group, by hand",
    );
    let out = t.idp(["validate", "-o", "json"]).run().code(3);
    let findings = out.json();
    let findings = findings.as_array().unwrap();
    let unknown = findings
        .iter()
        .find(|f| f["rule"] == "backstage/environment")
        .unwrap_or_else(|| panic!("{findings:#?}"));
    assert_eq!(unknown["file"], "idp.yaml");
    assert_eq!(unknown["line"], line);
    assert_eq!(unknown["severity"], "error");
    assert!(
        unknown["message"].as_str().unwrap().contains("`qa`"),
        "{unknown}"
    );
    let database = findings
        .iter()
        .find(|f| f["rule"] == "backstage/database")
        .unwrap_or_else(|| panic!("{findings:#?}"));
    assert_eq!(database["severity"], "warning");
    assert_eq!(database["path"], "/backstage/environments/0");
    assert!(
        database["message"]
            .as_str()
            .unwrap()
            .contains("idp backstage enable dev"),
        "{database}"
    );
    let group = findings
        .iter()
        .find(|f| f["rule"] == "backstage/group")
        .unwrap_or_else(|| panic!("{findings:#?}"));
    assert_eq!(group["severity"], "warning");
    assert_eq!(group["file"], "catalog/platform-system.yaml");
    assert_eq!(group["line"], group_line);
    assert!(
        group["message"].as_str().unwrap().contains("`platform`"),
        "{group}"
    );
}

/// `idp backstage disable ENV` (ADR-0040), the inverse of `enable`: one change that takes ENV
/// out of idp.yaml's `backstage.environments` (comments kept) and removes its add-on files,
/// and leaves Backstage's database, whose teardown the change names; a rerun, or an
/// environment without Backstage, is no change; a name that is no environment is refused.
#[test]
fn disable_switches_backstage_off_and_keeps_its_database() {
    let t = Test::platform();
    let initialised = t.git(&t.platform, &["rev-parse", "HEAD"]);
    t.idp(["backstage", "enable", "dev", "--tag", "1.0", "--direct"])
        .run()
        .success();
    t.idp(["backstage", "enable", "test", "--direct"])
        .run()
        .success();
    let enabled = t.read("idp.yaml");
    let comment = enabled
        .lines()
        .find(|l| l.trim_start().starts_with('#'))
        .expect("idp.yaml has comments")
        .to_string();

    let out = t
        .idp(["backstage", "disable", "dev", "--direct", "-o", "json"])
        .run()
        .success();
    assert_eq!(out.json()["status"], "committed", "{}", out.stdout);
    let config = yaml(&t.read("idp.yaml"));
    assert_eq!(config["backstage"]["environments"], json!(["test"]));
    assert_eq!(config["backstage"]["image"]["tag"], json!("1.0"));
    assert!(t.read("idp.yaml").contains(&comment), "a comment was lost");
    for gone in [
        "argocd/dev/addons/backstage.yaml",
        "addons/backstage/generated/dev.yaml",
        "addons/backstage/config/dev/externalsecret-backstage-secrets.yaml",
    ] {
        assert!(!t.path(gone).exists(), "{gone} is left");
    }
    assert!(
        !t.read("argocd/dev/projects/platform-system.yaml")
            .contains("https://backstage.github.io/charts")
    );
    // The other environment keeps its Backstage.
    assert!(t.path("argocd/test/addons/backstage.yaml").exists());
    assert!(t.path("addons/backstage/generated/test.yaml").exists());
    // The database stays, and the commit says how to tear it down.
    let request = yaml(&t.read("requests/rds/dev/RDS-0001.yaml"));
    assert_eq!(request["spec"]["databaseName"], "backstage");
    assert!(
        t.path("envs/dev/rds/generated/RDS-0001.auto.tfvars.json")
            .exists()
    );
    let message = t.git(&t.platform, &["log", "-1", "--format=%B"]);
    assert!(
        message.contains("`RDS-0001`") && message.contains("idp provision delete RDS-0001"),
        "{message}"
    );
    let report = t.idp(["validate", "-o", "json"]).run().success();
    assert!(!report.stdout.contains("backstage/"), "{}", report.stdout);
    // The next `terraform apply` removes the TechDocs bucket, documents and all (CI publishes
    // them again): a bucket that is not `force_destroy` fails the apply while it holds any.
    let root = t.read("envs/dev/main.tf");
    let bucket = root
        .split("module \"backstage_techdocs\" {")
        .nth(1)
        .and_then(|rest| rest.split("\n}\n").next())
        .expect("envs/dev/main.tf has the TechDocs bucket");
    assert!(
        bucket
            .lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["force_destroy", "=", "true"]),
        "the TechDocs bucket is not force_destroy:{bucket}"
    );

    // Again, or where Backstage never ran: no change.
    let state = t.state();
    for env in ["dev", "staging"] {
        let again = t
            .idp(["backstage", "disable", env, "--direct", "-o", "json"])
            .run()
            .success();
        assert_eq!(again.json()["status"], "no-change", "{}", again.stdout);
    }
    t.idp(["backstage", "disable", "qa", "--direct"])
        .run()
        .code(2)
        .stderr_has("`qa` is not an environment");
    assert_eq!(t.state(), state);

    // The last one, as a pull request: the repo's files are as `idp init` wrote them but for
    // idp.yaml's (empty) `backstage` and the databases.
    let out = t
        .idp(["backstage", "disable", "test", "-o", "json"])
        .run()
        .success();
    assert_eq!(out.json()["status"], "opened", "{}", out.stdout);
    let head = out.json()["branch"].as_str().unwrap().to_string();
    let changed = t.git(
        &t.platform,
        &["diff", "--name-only", initialised.trim(), &head],
    );
    let changed: Vec<&str> = changed.lines().collect();
    assert!(
        changed.iter().all(|f| *f == "idp.yaml"
            || f.starts_with("requests/rds/")
            || f.starts_with("envs/dev/rds/")
            || f.starts_with("envs/test/rds/")
            || f.starts_with("catalog/resources/RDS-")),
        "{changed:#?}"
    );
}
