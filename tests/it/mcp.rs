//! `idp mcp`: a real MCP client (the Python SDK `mcp`, which `.ci/run` installs into
//! `.ci/.venv`) starts the server over stdio, negotiates, lists tools, resources and prompts,
//! and calls tools (tests/support/mcp_client.py); the Rust side checks the platform repo: a dry
//! run, a refused call and a malformed call write nothing, an applied one opens a pull request.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use crate::harness::{ACTOR, Test, tools_python};

/// The Python that has the `mcp` SDK, or `None` (a loud skip; a failure under CI).
fn client_python() -> Option<PathBuf> {
    let python = tools_python();
    let has_mcp = Command::new(&python)
        .args(["-c", "import mcp, jsonschema"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !has_mcp {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false");
        assert!(
            !ci,
            "the Python `mcp` SDK is missing under CI: .ci/run installs it"
        );
        eprintln!(
            "\n\n*** SKIPPED: the Python `mcp` SDK is not installed (run .ci/run); this check \
             checked NOTHING ***\n\n"
        );
        return None;
    }
    Some(python)
}

/// The client's Python and a platform repo, or `None` when the client is missing.
fn setup() -> Option<(PathBuf, Test)> {
    Some((client_python()?, Test::platform()))
}

/// The `key` of each object in the list `list`.
fn strings<'a>(list: &'a Value, key: &str) -> Vec<&'a str> {
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v[key].as_str())
        .collect()
}

/// One client session against `idp mcp` in the platform repo, acting as `actor`, running
/// `steps`; the client's JSON report.
fn session(python: &Path, t: &Test, actor: &str, steps: Value) -> Value {
    session_in_mode(python, t, actor, "auto", steps)
}

/// [`session`], with the server reading files in `dir` too (`--allow-dir`).
fn session_allowing(python: &Path, t: &Test, dir: &Path, steps: Value) -> Value {
    run_session(
        python,
        t,
        ACTOR,
        "auto",
        json!(["mcp", "--allow-dir", dir]),
        steps,
    )
}

/// [`session`], negotiating as `mode` says (`auto`, or `legacy`: the `initialize` handshake).
fn session_in_mode(python: &Path, t: &Test, actor: &str, mode: &str, steps: Value) -> Value {
    // The request fixtures are outside the platform repo: tools may read them.
    let args = json!(["mcp", "--allow-dir", fixtures()]);
    run_session(python, t, actor, mode, args, steps)
}

fn run_session(
    python: &Path,
    t: &Test,
    actor: &str,
    mode: &str,
    args: Value,
    steps: Value,
) -> Value {
    let scenario = json!({
        "mode": mode,
        "command": env!("CARGO_BIN_EXE_idp"),
        "args": args,
        "cwd": t.platform,
        // The SDK adds only PATH, HOME and the like to this: no CI, no tokens of the machine.
        "env": {
            "HOME": t.home,
            "XDG_CONFIG_HOME": t.home.join(".config"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "NO_COLOR": "1",
            "IDP_ACTOR": actor,
            "AWS_EC2_METADATA_DISABLED": "true",
        },
        "steps": steps,
    });
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/mcp_client.py");
    let mut child = Command::new(python)
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the MCP client starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(scenario.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "the MCP client failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the client prints JSON")
}

/// The request fixtures, outside every test's platform repo.
fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/requests")
}

fn call(tool: &str, arguments: Value) -> Value {
    json!({"op": "call", "tool": tool, "arguments": arguments})
}

/// The text of a tool result's content, joined.
fn text(result: &Value) -> String {
    result["content"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["text"].as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_real_client_negotiates_lists_reads_and_plans_without_writing() {
    let Some((python, t)) = setup() else {
        return;
    };
    let before = t.state();
    let s3_request =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/requests/s3/valid.yaml");
    let report = session(
        &python,
        &t,
        ACTOR,
        json!([
            call("env_list", json!({})),
            call("pr_list", json!({"state": "all"})),
            call("adr_new", json!({"title": "Adopt MCP", "relates_to": ["RB-0001"]})),
            call("provision_s3", json!({"env": "dev", "file": s3_request})),
            // Malformed: an unknown argument (the server decides dry runs), a wrong type.
            call("adr_new", json!({"title": "Adopt MCP", "dry_run": false, "apply": true})),
            call("pr_show", json!({"number": "one"})),
            // Bad input the CLI refuses: the same findings, as a tool error.
            call("provision_s3", json!({"env": "dev", "name": "Not A Bucket!", "apply": true})),
            {"op": "read", "uri": "idp://runbook/RB-0001"},
            {"op": "read", "uri": "idp://schema/requests/rds"},
            {"op": "read", "uri": "idp://environment/dev"},
            {"op": "read", "uri": "idp://graph"},
            {"op": "read", "uri": "idp://adr/../../idp.yaml"},
            {"op": "prompt", "name": "request_database", "arguments": {"app": "payments", "env": "dev"}},
        ]),
    );
    // Nothing of the session was written.
    assert_eq!(t.state(), before);

    // The current protocol, negotiated by the SDK; tools, resources and prompts offered.
    assert_eq!(report["protocol_version"], "2026-07-28", "{report:#}");
    assert_eq!(report["server_info"]["name"], "idp");
    for cap in ["tools", "resources", "prompts"] {
        assert!(
            report["capabilities"].get(cap).is_some(),
            "{cap}: {report:#}"
        );
    }

    // The tool list is the catalogue of `idp mcp --list -o json`, schemas and all.
    let listed = t
        .idp(["mcp", "--list", "-o", "json"])
        .run()
        .success()
        .json();
    let tools = report["tools"].as_array().unwrap();
    assert_eq!(tools.len(), listed.as_array().unwrap().len());
    for (tool, entry) in tools.iter().zip(listed.as_array().unwrap()) {
        assert_eq!(tool["name"], entry["name"]);
        assert_eq!(
            tool["inputSchema"], entry["input_schema"],
            "{}",
            tool["name"]
        );
        assert_eq!(tool["inputSchema"]["additionalProperties"], false);
    }
    assert_eq!(report["schema_problems"], json!({}), "{report:#}");
    let names = strings(&report["tools"], "name");
    let tool = |n: &str| tools.iter().find(|t| t["name"] == n).unwrap();
    assert_eq!(tool("status")["annotations"]["readOnlyHint"], true);
    assert_eq!(tool("adr_new")["annotations"]["readOnlyHint"], false);
    assert_eq!(tool("adr_new")["title"], "idp adr new");
    for name in [
        "status",
        "history",
        "graph_why",
        "graph_query",
        "provision_list",
        "provision_show",
        "env_list",
        "env_show",
        "pr_list",
        "pr_show",
        "pr_diff",
        "docs_lint",
        "validate",
        "drift",
        "whoami",
        "new_app",
        "provision_s3",
        "provision_rds",
        "promote",
        "rollback",
        "adr_new",
        "env_add",
    ] {
        assert!(names.contains(&name), "no tool `{name}`: {names:?}");
    }

    // Resources at stable URIs, in one page here; templates and prompts listed.
    let uris = strings(&report["resources"], "uri");
    for uri in [
        "idp://runbook/RB-0001",
        "idp://environment/dev",
        "idp://environment/prod",
        "idp://schema/requests/s3",
        "idp://schema/requests/rds",
        // The catalog defines no Group (the realm has them, ADR-0040): its System.
        "idp://catalog/system/acme-platform",
        "idp://graph",
    ] {
        assert!(uris.contains(&uri), "no resource `{uri}`: {uris:?}");
    }
    assert_eq!(report["resource_pages"], 1);
    assert!(!report["resource_templates"].as_array().unwrap().is_empty());
    let prompts = strings(&report["prompts"], "name");
    assert_eq!(
        prompts,
        ["request_database", "promote_app", "investigate_environment"]
    );

    let steps = report["steps"].as_array().unwrap();
    // A read tool returns what `-o json` prints.
    let envs = &steps[0];
    assert_eq!(envs["schema_valid"], true);
    assert_eq!(envs["isError"], false, "{envs:#}");
    let cli = t.idp(["env", "list", "-o", "json"]).run().success().json();
    assert_eq!(envs["structuredContent"]["items"], cli);
    assert_eq!(
        serde_json::from_str::<Value>(envs["content"][0]["text"].as_str().unwrap()).unwrap(),
        cli
    );
    assert_eq!(steps[1]["isError"], false, "{:#}", steps[1]);
    assert_eq!(steps[1]["structuredContent"]["items"], json!([]));

    // Changes are dry runs by default: the plan and the diff.
    for plan in &steps[2..4] {
        assert_eq!(plan["schema_valid"], true);
        assert_eq!(plan["isError"], false, "{plan:#}");
        assert_eq!(plan["structuredContent"]["status"], "planned", "{plan:#}");
        let files = plan["structuredContent"]["files"].as_array().unwrap();
        assert!(
            files.iter().all(|f| f["diff"].as_str().is_some()),
            "{plan:#}"
        );
    }
    assert!(
        steps[2]["structuredContent"]["files"][0]["path"]
            .as_str()
            .unwrap()
            .starts_with("adrs/ADR-0001-adopt-mcp")
    );

    // Malformed calls: a clear tool error naming the argument, the schema agreeing, nothing run.
    let unknown = &steps[4];
    assert_eq!(unknown["isError"], true, "{unknown:#}");
    assert!(
        unknown["schema_valid"]
            .as_str()
            .unwrap()
            .contains("dry_run")
    );
    assert!(
        text(unknown).contains("unknown argument(s) `dry_run`"),
        "{unknown:#}"
    );
    assert!(text(unknown).contains("nothing was run"), "{unknown:#}");
    assert_eq!(unknown["structuredContent"]["exit_code"], 2);
    let wrong = &steps[5];
    assert_eq!(wrong["isError"], true, "{wrong:#}");
    assert!(wrong["schema_valid"].as_str().unwrap().contains("integer"));
    assert!(text(wrong).contains("argument `number`"), "{wrong:#}");

    // Bad input refused by the CLI: the same exit code and findings, as a tool error.
    let refused = &steps[6];
    assert_eq!(refused["schema_valid"], true);
    assert_eq!(refused["isError"], true, "{refused:#}");
    let cli = t
        .idp([
            "provision",
            "s3",
            "--env",
            "dev",
            "--name",
            "Not A Bucket!",
            "-o",
            "json",
        ])
        .run();
    let cli_code = cli.code;
    let cli_json = cli.json();
    assert_eq!(refused["structuredContent"]["exit_code"], cli_code);
    assert_eq!(refused["structuredContent"]["output"], cli_json);
    assert!(
        text(refused).contains(cli_json["error"].as_str().unwrap()),
        "{refused:#}"
    );

    // Resources: the repo's files, the embedded schemas, the graph as JSON; no path escapes.
    let runbook = steps[7]["contents"][0]["text"].as_str().unwrap();
    assert_eq!(runbook, t.read(&rb_0001(&t)));
    let rds = steps[8]["contents"][0]["text"].as_str().unwrap();
    assert!(serde_json::from_str::<Value>(rds).unwrap()["properties"].is_object());
    assert_eq!(
        steps[9]["contents"][0]["text"].as_str().unwrap(),
        t.read("environments/dev.yaml")
    );
    let graph: Value =
        serde_json::from_str(steps[10]["contents"][0]["text"].as_str().unwrap()).unwrap();
    assert_eq!(graph, t.idp(["graph", "-o", "json"]).run().success().json());
    assert!(
        steps[11]["protocol_error"]["message"]
            .as_str()
            .unwrap()
            .contains("no resource")
    );

    // A prompt, with its arguments filled in.
    let prompt = steps[12]["messages"][0]["content"]["text"]
        .as_str()
        .unwrap();
    assert!(prompt.contains("`payments`") && prompt.contains("idp://schema/requests/rds"));
}

fn rb_0001(t: &Test) -> String {
    std::fs::read_dir(t.path("runbooks"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n.starts_with("RB-0001-"))
        .map(|n| format!("runbooks/{n}"))
        .unwrap()
}

#[test]
fn an_applied_change_opens_a_pull_request_and_rbac_refuses_as_the_cli_does() {
    let Some((python, t)) = setup() else {
        return;
    };
    // A contributor may not write ADRs: refused (exit 4 in the CLI), naming the action, with
    // nothing written, whether or not the call says `apply`.
    let before = t.state();
    let report = session(
        &python,
        &t,
        "bob@example.com",
        json!([
            call("adr_new", json!({"title": "Adopt MCP", "apply": true})),
            call("adr_new", json!({"title": "Adopt MCP"})),
        ]),
    );
    assert_eq!(t.state(), before);
    for refused in report["steps"].as_array().unwrap() {
        assert_eq!(refused["isError"], true, "{refused:#}");
        assert_eq!(refused["structuredContent"]["exit_code"], 4);
        assert!(
            text(refused).contains("`bob@example.com` is not allowed to `adr:new`"),
            "{refused:#}"
        );
    }

    // The same call applied by an admin: a pull request, as `idp adr new` opens.
    let report = session(
        &python,
        &t,
        ACTOR,
        json!([call(
            "adr_new",
            json!({"title": "Adopt MCP", "apply": true})
        )]),
    );
    let applied = &report["steps"][0];
    assert_eq!(applied["isError"], false, "{applied:#}");
    let number = applied["structuredContent"]["pr"]["number"]
        .as_u64()
        .or_else(|| applied["structuredContent"]["pr"].as_u64())
        .unwrap_or_else(|| panic!("no pull request: {applied:#}"));
    let prs = t.idp(["pr", "list", "-o", "json"]).run().success().json();
    let pr = prs
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["number"] == number)
        .unwrap_or_else(|| panic!("pull request {number} not listed: {prs:#}"));
    assert!(
        pr["title"].as_str().unwrap().contains("Adopt MCP"),
        "{pr:#}"
    );
    // Main is untouched: the change waits for review.
    assert_eq!(
        t.refs(&t.remote).get("refs/heads/main"),
        before.remote_refs.get("refs/heads/main")
    );
}

#[test]
fn an_older_client_negotiates_through_initialize_and_pages_through_the_resources() {
    let Some((python, t)) = setup() else {
        return;
    };
    // Enough catalog entities for a second page of resources.
    let teams: String = (0..60)
        .map(|i| {
            format!(
                "---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-{i:02}\n\
                 spec:\n  type: team\n  children: []\n"
            )
        })
        .collect();
    t.write("catalog/teams.yaml", &teams);
    let report = session_in_mode(
        &python,
        &t,
        ACTOR,
        "legacy",
        json!([{"op": "read", "uri": "idp://environment/dev"}]),
    );
    assert_eq!(report["protocol_version"], "2025-11-25", "{report:#}");
    for cap in ["tools", "resources", "prompts"] {
        assert!(
            report["capabilities"].get(cap).is_some(),
            "{cap}: {report:#}"
        );
    }
    assert!(report["tools"].as_array().unwrap().len() > 20);
    let uris = strings(&report["resources"], "uri");
    assert_eq!(report["resource_pages"], 2, "{uris:?}");
    let unique: std::collections::BTreeSet<&str> = uris.iter().copied().collect();
    assert_eq!(unique.len(), uris.len(), "a resource listed twice");
    assert!(uris.contains(&"idp://catalog/group/team-00"));
    assert!(uris.contains(&"idp://catalog/group/team-59"));
    assert!(uris.contains(&"idp://graph"));
    assert_eq!(
        report["steps"][0]["contents"][0]["text"].as_str().unwrap(),
        t.read("environments/dev.yaml")
    );
}

#[test]
fn a_tool_read_any_path_an_agent_passed_now_only_the_repo_and_allowed_dirs() {
    // Before: a tool's path argument was read wherever it pointed, so an agent (or text it was
    // fed) could have `provision_s3` read `~/.aws/credentials` into its error message.
    let Some((python, t)) = setup() else {
        return;
    };
    let secret = t.home.join(".aws/credentials");
    std::fs::create_dir_all(secret.parent().unwrap()).unwrap();
    std::fs::write(
        &secret,
        "[default]\naws_secret_access_key = SECRETSECRETSECRET\n",
    )
    .unwrap();
    // A link inside the platform repo to the file outside it.
    let link = t.root.join("inside");
    std::fs::create_dir_all(&link).unwrap();
    std::os::unix::fs::symlink(&secret, link.join("request.yaml")).unwrap();
    let relative = format!(
        "../{}/.aws/credentials",
        t.home.file_name().unwrap().to_str().unwrap()
    );
    let allowed = fixtures().join("s3/valid.yaml");
    let before = t.state();
    let report = session(
        &python,
        &t,
        ACTOR,
        json!([
            call("provision_s3", json!({"env": "dev", "file": secret})),
            call("provision_s3", json!({"env": "dev", "file": relative})),
            call("validate", json!({"paths": ["idp.yaml", secret]})),
            call("health", json!({"env": "dev", "kubeconfig": secret})),
            call("provision_s3", json!({"env": "dev", "file": allowed})),
        ]),
    );
    assert_eq!(t.state(), before);
    let steps = report["steps"].as_array().unwrap();
    for (i, step) in steps[..4].iter().enumerate() {
        assert_eq!(step["isError"], true, "{i}: {step:#}");
        assert_eq!(step["structuredContent"]["exit_code"], 2, "{i}: {step:#}");
        let said = text(step);
        assert!(said.contains("is outside the directories"), "{i}: {said}");
        assert!(said.contains("--allow-dir"), "{i}: {said}");
    }
    assert!(
        !report.to_string().contains("SECRETSECRET"),
        "the secret reached the client: {report:#}"
    );
    assert_eq!(steps[4]["isError"], false, "{:#}", steps[4]);

    // A link inside a readable directory that leads out of it is refused too.
    let link_report = session_allowing(
        &python,
        &t,
        &link,
        json!([call(
            "provision_s3",
            json!({"env": "dev", "file": link.join("request.yaml")})
        )]),
    );
    let step = &link_report["steps"][0];
    assert_eq!(step["isError"], true, "{step:#}");
    assert!(
        text(step).contains("is outside the directories"),
        "{step:#}"
    );
    assert!(!link_report.to_string().contains("SECRETSECRET"));
}
