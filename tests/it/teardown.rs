//! `idp teardown` (the GitOps change), `idp teardown run` (the stage plan: retries, timeouts,
//! break-glass, resume, interruption) and `idp teardown report` (the SLO and its Known
//! limitation), driven by real shell stage commands.

use serde_json::Value;

use crate::harness::Test;

/// Replace the stage plan of `env` (committed with the git CLI, as a reviewed change would be).
pub fn set_plan(t: &Test, env: &str, stages: &str) {
    let path = format!("environments/{env}.yaml");
    let text = t.read(&path);
    let cut = text.find("  stages:").expect("init writes a stage plan");
    let text = format!("{}  stages:\n{stages}", &text[..cut]);
    t.commit_file(&path, &text, &format!("stage plan of {env}"));
}

/// The pipeline runs on `main`, one per file, oldest first.
pub fn pipeline(t: &Test) -> Vec<Value> {
    crate::records::on(t, "main", "pipeline")
}

fn eks_request(t: &Test) {
    let f = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/requests/eks/valid.yaml");
    t.idp([
        "provision",
        "eks",
        "--env",
        "dev",
        "-f",
        f.to_str().unwrap(),
        "--direct",
    ])
    .run()
    .success();
}

fn rds_request(t: &Test, env: &str) {
    t.idp([
        "provision",
        "rds",
        "--env",
        env,
        "--owner",
        "platform",
        "--name",
        "ledger",
        "--size",
        "small",
        "--set",
        "username=ledger_app",
        "--set",
        "backupRetentionDays=14",
        "--direct",
    ])
    .run()
    .success();
}

#[test]
fn teardown_removes_apps_then_addons_then_requests_in_one_pull_request() {
    let t = Test::with_app();
    eks_request(&t);
    t.commit_file(
        "argocd/dev/external-secrets.yaml",
        "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: external-secrets-dev\n  namespace: argocd\n",
        "an add-on",
    );
    let before = t.state();
    // The plan first: nothing written.
    let plan = t
        .idp(["teardown", "--env", "dev", "--dry-run", "-o", "json"])
        .run()
        .success()
        .json();
    assert_eq!(plan["status"], "planned");
    assert_eq!(t.state(), before);
    let order = &plan["teardown"]["order"];
    let stages: Vec<&str> = order
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["stage"].as_str().unwrap())
        .collect();
    assert_eq!(
        stages,
        ["apps and ingress", "add-ons", "infrastructure requests"]
    );
    let files = |i: usize| -> Vec<String> {
        order[i]["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap().to_string())
            .collect()
    };
    assert!(
        files(0).contains(&"apps/payments/dev/ingress.yaml".to_string()),
        "{order:#}"
    );
    assert!(
        files(0).contains(&"argocd/dev/payments.yaml".to_string()),
        "{order:#}"
    );
    // The add-ons, then the environment's Argo CD wiring (the cluster goes after them), then
    // what idp generated for the add-ons in dev: exactly dev's, nobody else's.
    let addons = files(1);
    let argocd: Vec<&String> = addons.iter().filter(|f| f.starts_with("argocd/")).collect();
    let mut expected: Vec<String> = [
        "argocd/dev/external-secrets.yaml",
        "argocd/dev/projects/platform-system.yaml",
        "argocd/dev/projects/platform.yaml",
        "argocd/dev/root.yaml",
    ]
    .map(String::from)
    .to_vec();
    expected.extend(
        idp::platform::addons::ADDONS
            .iter()
            .map(|a| format!("argocd/dev/addons/{}.yaml", a.name)),
    );
    expected.sort();
    assert_eq!(argocd, expected.iter().collect::<Vec<_>>());
    let generated: Vec<&String> = addons.iter().filter(|f| f.starts_with("addons/")).collect();
    for a in idp::platform::addons::ADDONS {
        let values = format!("addons/{}/generated/dev.yaml", a.name);
        assert!(generated.contains(&&values), "{values}: {generated:#?}");
    }
    assert!(
        generated
            .contains(&&"addons/kyverno/config/dev/clusterpolicy-pod-security.yaml".to_string()),
        "{generated:#?}"
    );
    assert!(
        generated
            .iter()
            .all(|f| f.contains("/generated/dev.yaml") || f.contains("/config/dev/")),
        "{generated:#?}"
    );
    assert!(
        files(2).contains(&"requests/eks/dev/EKS-0001.yaml".to_string()),
        "{order:#}"
    );
    assert!(
        files(2).contains(&"catalog/resources/EKS-0001.yaml".to_string()),
        "{order:#}"
    );

    // The pull request: only dev goes, everything else stays.
    let o = t
        .idp(["teardown", "--env", "dev", "-o", "json"])
        .run()
        .success()
        .json();
    assert_eq!(o["status"], "opened");
    assert_eq!(o["branch"], "idp/teardown/dev");
    let tree = t.git(
        &t.platform,
        &["ls-tree", "-r", "--name-only", "idp/teardown/dev"],
    );
    assert!(!tree.contains("apps/payments/dev/"), "{tree}");
    assert!(!tree.contains("argocd/dev/"), "{tree}");
    assert!(!tree.contains("requests/eks/dev/EKS-0001.yaml"), "{tree}");
    assert!(
        tree.contains("apps/payments/test/kustomization.yaml"),
        "{tree}"
    );
    assert!(tree.contains("argocd/test/payments.yaml"), "{tree}");
    assert!(tree.contains("environments/dev.yaml"), "{tree}");
    let log = t.git(
        &t.platform,
        &["log", "-1", "--format=%B", "idp/teardown/dev"],
    );
    assert!(log.contains("Idp-Teardown: dev"), "{log}");
    // A rerun updates nothing.
    let again = t
        .idp(["teardown", "--env", "dev", "-o", "json"])
        .run()
        .success()
        .json();
    assert_eq!(again["status"], "up-to-date");
}

#[test]
fn one_build_and_persistent_environments_keep_what_they_must() {
    let t = Test::with_app();
    eks_request(&t);
    // Only the build's requests: the apps belong to the environment.
    let o = t
        .idp([
            "teardown",
            "--env",
            "dev",
            "--build-id",
            "25-11-25-01",
            "--dry-run",
            "-o",
            "json",
        ])
        .run()
        .success()
        .json();
    let all: Vec<&str> = o["teardown"]["order"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["files"].as_array().unwrap())
        .map(|f| f.as_str().unwrap())
        .collect();
    assert!(all.contains(&"requests/eks/dev/EKS-0001.yaml"), "{all:?}");
    assert!(all.iter().all(|f| !f.starts_with("apps/")), "{all:?}");
    let before = t.state();
    t.idp(["teardown", "--env", "dev", "--build-id", "01-01-26-09"])
        .run()
        .code(2)
        .stderr_has("no request in `dev` carries build id `01-01-26-09`");
    assert_eq!(t.state(), before);

    // Staging is persistent: its database stays, and cannot be made ephemeral by a flag.
    rds_request(&t, "staging");
    let o = t
        .idp(["teardown", "--env", "staging", "--dry-run", "-o", "json"])
        .run()
        .success()
        .json();
    assert_eq!(o["teardown"]["lifecycle"], "persistent");
    // (RDS-0001 is dev's Keycloak database, requested with its cluster: ADR-0043.)
    assert_eq!(o["teardown"]["kept"], serde_json::json!(["RDS-0002"]));
    let diff = serde_json::to_string(&o["files"]).unwrap();
    assert!(!diff.contains("requests/rds/staging"), "{diff}");
    assert!(
        diff.contains("apps/payments/staging/kustomization.yaml"),
        "{diff}"
    );
    let before = t.state();
    let line = t
        .read("environments/staging.yaml")
        .lines()
        .position(|l| l.trim_start().starts_with("lifecycle: persistent"))
        .unwrap()
        + 1;
    t.idp(["teardown", "--env", "staging", "--lifecycle", "ephemeral"])
        .run()
        .code(3)
        .stderr_has(&format!("environments/staging.yaml:{line}:"))
        .stderr_has("idp env set staging teardown.lifecycle ephemeral");
    assert_eq!(t.state(), before);
}

#[test]
fn prod_needs_the_confirmation_and_a_role_that_may_tear_it_down() {
    let t = Test::with_app();
    let before = t.state();
    t.idp(["teardown", "--env", "prod"])
        .run()
        .code(2)
        .stderr_has("confirm the teardown with `--confirm prod`");
    t.idp(["teardown", "--env", "prod", "--confirm", "staging"])
        .run()
        .code(2)
        .stderr_has("does not name the environment `prod`");
    t.idp(["teardown", "--env", "prod", "--confirm", "prod"])
        .env("IDP_ACTOR", "intern@example.com")
        .run()
        .code(4)
        .stderr_has("teardown:remove@prod");
    t.idp(["teardown", "--env", "nowhere"])
        .run()
        .code(2)
        .stderr_has("there is no environment `nowhere`");
    t.idp(["teardown", "--env", "dev", "--build-id", "2026-11-26"])
        .run()
        .code(2)
        .stderr_has("is not `dd-mm-yy-NN`");
    assert_eq!(t.state(), before, "a refused teardown wrote something");
    // The admin, confirmed: a pull request that needs prod's approval.
    let o = t
        .idp([
            "teardown",
            "--env",
            "prod",
            "--confirm",
            "prod",
            "-o",
            "json",
        ])
        .run()
        .success()
        .json();
    assert_eq!(o["labels"], serde_json::json!(["platform-approved"]));
}

const FLAKY: &str = "    - name: apps\n      run: echo apps gone\n      timeout: 5s\n    - name: flaky\n      description: fails twice, then succeeds\n      run: n=$(cat \"$COUNT\" 2>/dev/null || echo 0); echo $((n+1)) > \"$COUNT\"; echo attempt $n; [ \"$n\" -ge 2 ]\n      retries: 2\n      retryDelay: 0s\n      timeout: 5s\n      after: [apps]\n    - name: hangs\n      run: sleep 30\n      timeout: 300ms\n      breakGlass: echo forced\n      after: [flaky]\n    - name: gate\n      run: test -f \"$GATE\"\n      timeout: 5s\n      after: [hangs]\n    - name: databases\n      ephemeralOnly: true\n      run: echo dropped > \"$DROPPED\"\n      after: [gate]\n";

#[test]
fn a_run_retries_uses_break_glass_stops_at_a_failed_stage_and_resumes_there() {
    let t = Test::platform();
    set_plan(&t, "dev", FLAKY);
    let count = t.root.join("count");
    let gate = t.root.join("gate");
    let dropped = t.root.join("dropped");
    let run = |args: &[&str]| {
        let mut all = vec!["teardown", "run", "--env", "dev"];
        all.extend_from_slice(args);
        t.idp(all)
            .env("COUNT", &count)
            .env("GATE", &gate)
            .env("DROPPED", &dropped)
            .env("GITHUB_SERVER_URL", "https://github.example.com")
            .env("GITHUB_REPOSITORY", "acme/platform")
            .env("GITHUB_RUN_ID", "4242")
    };
    // The plan: nothing runs, nothing is recorded.
    let before = t.state();
    run(&["--dry-run"])
        .run()
        .success()
        .stdout_has("flaky")
        .stdout_has("hangs");
    assert_eq!(t.state(), before);
    assert!(!count.exists(), "a dry run ran a stage");

    // The gate is closed: the run stops there (exit 6), recorded and resumable.
    let o = run(&["--confirm", "dev"]).run().code(6);
    let id = pipeline(&t).pop().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(id.starts_with("R-"), "{id}");
    assert!(o.stderr.contains(&format!("--resume {id}")), "{}", o.stderr);
    assert!(
        o.stderr.contains("running its break-glass command"),
        "{}",
        o.stderr
    );
    let r = pipeline(&t).pop().unwrap();
    assert_eq!(r["phase"], "teardown");
    assert_eq!(r["result"], "failed");
    assert_eq!(r["failed_stage"], "gate");
    assert_eq!(r["break_glass"], true);
    assert_eq!(r["retries"], 2);
    assert_eq!(
        r["workflow_run_url"],
        "https://github.example.com/acme/platform/actions/runs/4242"
    );
    let stages = r["stages"].as_array().unwrap();
    let by = |n: &str| stages.iter().find(|s| s["name"] == n).unwrap().clone();
    assert_eq!(by("flaky")["attempts"], 3);
    assert_eq!(by("flaky")["result"], "ok");
    assert_eq!(by("hangs")["break_glass"], true);
    assert_eq!(by("hangs")["result"], "ok");
    assert_eq!(by("gate")["result"], "failed");
    assert!(r["duration_seconds"].as_f64().unwrap() >= 0.3);
    assert!(!dropped.exists());

    // Resume: only the stages that did not finish run again.
    run(&["--resume", &id, "--dry-run"])
        .run()
        .success()
        .stdout_has("gate")
        .stdout_lacks("flaky");
    std::fs::write(&gate, "open").unwrap();
    std::fs::write(&count, "0").unwrap(); // would fail again if flaky ran again
    run(&["--confirm", "dev", "--resume", &id]).run().success();
    let all = pipeline(&t);
    assert_eq!(all.len(), 1, "the run's own file, rewritten by the resume");
    let r = all.last().unwrap();
    assert_eq!(r["id"], id.as_str());
    assert_eq!(r["result"], "success");
    assert_eq!(r["resumes"], 1);
    assert_eq!(r["retries"], 2, "the first invocation's retries are kept");
    assert_eq!(r["break_glass"], true);
    assert_eq!(r["stages"].as_array().unwrap().len(), 5);
    assert_eq!(std::fs::read_to_string(&count).unwrap().trim(), "0");
    assert!(
        dropped.exists(),
        "dev is ephemeral: its databases stage runs"
    );
    // A finished run cannot be resumed; an unknown one neither.
    let before = t.state();
    run(&["--confirm", "dev", "--resume", &id])
        .run()
        .code(2)
        .stderr_has("cannot be resumed");
    run(&["--confirm", "dev", "--resume", "R-0042"])
        .run()
        .code(2)
        .stderr_has("there is no run `R-0042`");
    assert_eq!(t.state(), before);
}

#[test]
fn persistent_environments_skip_their_data_stages_and_a_heartbeat_shows_progress() {
    let t = Test::platform();
    let dropped = t.root.join("dropped");
    set_plan(
        &t,
        "staging",
        "    - name: slow\n      run: sleep 1.3\n      timeout: 5s\n    - name: databases\n      ephemeralOnly: true\n      run: echo dropped > \"$DROPPED\"\n      after: [slow]\n",
    );
    let o = t
        .idp([
            "teardown",
            "run",
            "--env",
            "staging",
            "--confirm",
            "staging",
            "-o",
            "json",
        ])
        .env("DROPPED", &dropped)
        .env("IDP_HEARTBEAT_SECONDS", "1")
        .run()
        .success();
    assert!(o.stderr.contains("Heartbeat [1/2] slow"), "{}", o.stderr);
    let r = o.json();
    assert_eq!(r["lifecycle"], "persistent");
    assert_eq!(r["stages"][1]["result"], "skipped");
    assert!(!dropped.exists(), "a persistent database was dropped");
}

#[test]
fn an_interrupted_run_is_recorded_and_resumable() {
    let t = Test::platform();
    set_plan(
        &t,
        "dev",
        "    - name: long\n      run: sleep 30\n      timeout: 60s\n    - name: after\n      run: 'true'\n      after: [long]\n",
    );
    let child = t
        .idp(["teardown", "run", "--env", "dev", "--confirm", "dev"])
        .spawn();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let started = std::time::Instant::now();
    std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        started.elapsed().as_secs() < 10,
        "the stage was not stopped"
    );
    assert_eq!(
        out.status.code(),
        Some(6),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = pipeline(&t).pop().unwrap();
    assert_eq!(r["result"], "interrupted");
    assert_eq!(r["failed_stage"], "long");
    assert_eq!(r["stages"][0]["result"], "interrupted");
}

#[test]
fn bad_stage_plans_and_missing_confirmations_run_and_write_nothing() {
    let t = Test::platform();
    let marker = t.root.join("ran");
    let run = |t: &Test, extra: &[&str]| {
        let mut args = vec!["teardown", "run", "--env", "dev"];
        args.extend_from_slice(extra);
        t.idp(args).env("MARKER", &marker).run()
    };
    set_plan(
        &t,
        "dev",
        "    - name: a\n      run: touch \"$MARKER\"\n    - name: b\n      run: touch \"$MARKER\"\n      after: [nope]\n",
    );
    let before = t.state();
    let line = t
        .read("environments/dev.yaml")
        .lines()
        .position(|l| l.contains("after: [nope]"))
        .unwrap()
        + 1;
    run(&t, &["--confirm", "dev"])
        .code(2)
        .stderr_has(&format!("environments/dev.yaml:{line}:"))
        .stderr_has("runs after `nope`, which is not a stage");
    assert_eq!(t.state(), before);
    set_plan(
        &t,
        "dev",
        "    - name: a\n      run: touch \"$MARKER\"\n      after: [b]\n    - name: b\n      run: touch \"$MARKER\"\n      after: [a]\n",
    );
    let before = t.state();
    run(&t, &["--confirm", "dev"])
        .code(2)
        .stderr_has("cycle: `a` → `b` → `a`");
    assert_eq!(t.state(), before);
    set_plan(&t, "dev", "    - name: a\n      run: touch \"$MARKER\"\n");
    let before = t.state();
    // No confirmation (no terminal to ask on), a wrong one, an unknown environment, a bad
    // build id: nothing runs, nothing is recorded.
    run(&t, &[]).code(2).stderr_has("pass `--confirm dev`");
    run(&t, &["--confirm", "test"])
        .code(2)
        .stderr_has("does not name the environment `dev`");
    t.idp(["teardown", "run", "--env", "qa", "--confirm", "qa"])
        .run()
        .code(2)
        .stderr_has("there is no environment `qa`");
    run(&t, &["--confirm", "dev", "--build-id", "32-01-26-01"])
        .code(2)
        .stderr_has("is not a day of month 01");
    assert_eq!(t.state(), before);
    assert!(!marker.exists(), "a refused run ran a stage");
    // Someone whose role may not tear down staging.
    t.idp([
        "teardown",
        "run",
        "--env",
        "staging",
        "--confirm",
        "staging",
    ])
    .env("IDP_ACTOR", "intern@example.com")
    .env("MARKER", &marker)
    .run()
    .code(4)
    .stderr_has("teardown:run@staging");
    assert!(!marker.exists(), "an unauthorised run ran a stage");
}

#[test]
fn a_build_id_is_torn_down_once() {
    let t = Test::platform();
    set_plan(&t, "dev", "    - name: a\n      run: 'true'\n");
    let args = [
        "teardown",
        "run",
        "--env",
        "dev",
        "--confirm",
        "dev",
        "--build-id",
        "26-11-26-01",
    ];
    t.idp(args).run().success();
    let r = pipeline(&t).pop().unwrap();
    assert_eq!(r["build_id"], "26-11-26-01");
    let before = t.state();
    t.idp(args).run().code(2).stderr_has(&format!(
        "build id `26-11-26-01` is already used in `dev` by teardown run `{}`",
        r["id"].as_str().unwrap()
    ));
    assert_eq!(t.state(), before);
}

#[test]
fn on_a_terminal_the_run_shows_a_spinner_and_still_records() {
    let t = Test::platform();
    set_plan(
        &t,
        "dev",
        "    - name: brief\n      run: sleep 0.5\n      timeout: 5s\n",
    );
    let o = t
        .idp(["teardown", "run", "--env", "dev", "--confirm", "dev"])
        .on_tty()
        .run()
        .success();
    // The spinner redraws its line with the stage and attempt; no heartbeat lines on a terminal.
    assert!(
        o.stdout.contains("[1/1] brief (attempt 1/1)"),
        "{}",
        o.stdout
    );
    assert!(!o.stdout.contains("Heartbeat"), "{}", o.stdout);
    assert_eq!(pipeline(&t).pop().unwrap()["result"], "success");
}

/// Regression: after a teardown landed, the next change that regenerates the Argo CD wiring
/// (here a new app) put the torn-down environment's root app and add-ons back.
#[test]
fn a_torn_down_environment_stays_down_when_later_changes_regenerate_the_wiring() {
    let t = Test::with_app();
    t.idp(["teardown", "--env", "dev", "--direct"])
        .run()
        .success();
    let env = t.read("environments/dev.yaml");
    assert!(env.contains("lifecycle: retired"), "{env}");
    assert!(!t.path("argocd/dev/root.yaml").exists());
    assert!(!t.path("addons/kyverno/generated/dev.yaml").exists());
    assert!(!t.path("addons/kyverno/config/dev").exists());
    assert!(t.path("addons/kyverno/generated/test.yaml").exists());

    t.idp(["new-app", "ledger", "--owner", "platform", "--direct"])
        .run()
        .success();
    assert!(!t.path("argocd/dev").exists(), "the wiring came back");
    assert!(!t.path("addons/kyverno/generated/dev.yaml").exists());
    assert!(
        !t.path("apps/ledger/dev").exists(),
        "a new app went to a retired environment"
    );
    assert!(t.path("apps/ledger/test/kustomization.yaml").exists());
    t.idp(["validate"]).run().success();
    t.idp(["drift", "--layer", "render", "--remediate", "alert"])
        .run()
        .success();
}
