//! `idp records add|list` (steps idp did not run, Terraform's resource counts, break-glass
//! notes, the records branch, malformed lines) and `idp teardown report` over recorded runs.

use serde_json::Value;

use crate::harness::Test;
use crate::teardown::pipeline;

const APPLY: &str = "\u{1b}[0m\u{1b}[1m\u{1b}[32mApply complete! Resources: 3 added, 1 changed, 0 destroyed.\u{1b}[0m\n";

fn add(t: &Test, args: &[&str]) -> crate::harness::Output {
    let mut all = vec!["records", "add"];
    all.extend_from_slice(args);
    t.idp(all).run()
}

#[test]
fn a_ci_step_is_recorded_with_terraform_resource_counts() {
    let t = Test::platform();
    let out = t.root.join("apply.txt");
    std::fs::write(&out, format!("module.eks: Creating...\n{APPLY}")).unwrap();
    let o = t
        .idp([
            "records",
            "add",
            "--phase",
            "apply",
            "--env",
            "dev",
            "--build-id",
            "26-11-26-01",
            "--terraform-output",
            out.to_str().unwrap(),
            "--start",
            "2026-11-26T10:00:00Z",
            "--end",
            "2026-11-26T10:07:30Z",
            "--service",
            "payments",
            "--team",
            "platform",
            "-o",
            "json",
        ])
        .env("GITHUB_SERVER_URL", "https://github.com")
        .env("GITHUB_REPOSITORY", "acme/platform")
        .env("GITHUB_RUN_ID", "77")
        .run()
        .success()
        .json();
    assert_eq!(o["id"], "R-0001");
    let r = pipeline(&t).pop().unwrap();
    assert_eq!(r["phase"], "apply");
    assert_eq!(r["duration_seconds"], 450.0);
    assert_eq!(r["result"], "success");
    assert_eq!(r["exit_code"], 0);
    assert_eq!(
        r["resources"],
        serde_json::json!({"added": 3, "changed": 1, "destroyed": 0})
    );
    assert_eq!(
        r["workflow_run_url"],
        "https://github.com/acme/platform/actions/runs/77"
    );
    assert_eq!(r["service"], "payments");
    let log = t.git(&t.platform, &["log", "-1", "--format=%B"]);
    assert!(log.contains("Idp-Record: R-0001"), "{log}");
    // From stdin, a failed plan.
    t.idp([
        "records",
        "add",
        "--phase",
        "plan",
        "--env",
        "test",
        "--exit-code",
        "1",
        "--duration",
        "12",
        "--terraform-output",
        "-",
    ])
    .stdin("Plan: 2 to add, 0 to change, 1 to destroy.\n")
    .run()
    .success();
    let r = pipeline(&t).pop().unwrap();
    assert_eq!(
        (r["id"].as_str(), r["result"].as_str()),
        (Some("R-0002"), Some("failed"))
    );
    assert_eq!(r["resources"]["destroyed"], 1);
}

#[test]
fn bad_records_write_nothing() {
    let t = Test::platform();
    add(
        &t,
        &[
            "--phase",
            "apply",
            "--env",
            "dev",
            "--build-id",
            "26-11-26-01",
        ],
    )
    .success();
    let before = t.state();
    add(
        &t,
        &[
            "--phase",
            "apply",
            "--env",
            "dev",
            "--build-id",
            "26-11-26-01",
        ],
    )
    .code(2)
    .stderr_has("build id `26-11-26-01` is already used in `dev` by apply run `R-0001`");
    add(
        &t,
        &["--phase", "apply", "--env", "dev", "--build-id", "26/11/26"],
    )
    .code(2)
    .stderr_has("is not `dd-mm-yy-NN`");
    add(&t, &["--phase", "apply", "--env", "nowhere"])
        .code(2)
        .stderr_has("there is no environment `nowhere`");
    add(&t, &["--phase", "Apply!", "--env", "dev"])
        .code(2)
        .stderr_has("is not a phase");
    add(
        &t,
        &["--phase", "apply", "--env", "dev", "--start", "yesterday"],
    )
    .code(2)
    .stderr_has("is not a UTC time");
    let out = t.root.join("broken.txt");
    std::fs::write(
        &out,
        "Refreshing state...\nApply complete! Resources: lots added.\n",
    )
    .unwrap();
    add(
        &t,
        &[
            "--phase",
            "apply",
            "--env",
            "dev",
            "--terraform-output",
            out.to_str().unwrap(),
        ],
    )
    .code(2)
    .stderr_has(&format!(
        "{}:2:1: cannot read the apply summary",
        out.display()
    ));
    std::fs::write(&out, "Error: no valid credential sources found\n").unwrap();
    add(
        &t,
        &[
            "--phase",
            "apply",
            "--env",
            "dev",
            "--terraform-output",
            out.to_str().unwrap(),
        ],
    )
    .code(2)
    .stderr_has("no Terraform summary line");
    add(&t, &["--env", "dev", "--run-id", "R-0009", "--note", "x"])
        .code(2)
        .stderr_has("there is no run `R-0009`");
    assert_eq!(t.state(), before, "a refused record wrote something");
    t.idp([
        "records",
        "add",
        "--phase",
        "apply",
        "--env",
        "dev",
        "--dry-run",
    ])
    .run()
    .success()
    .stdout_has("+{\"id\":\"R-0002\"");
    assert_eq!(t.state(), before, "a dry run wrote something");
    // A role without `records:add`.
    let config = t.read("idp.yaml").replace("        - records:add\n", "");
    t.commit_file("idp.yaml", &config, "no records:add");
    let before = t.state();
    t.idp(["records", "add", "--phase", "apply", "--env", "dev"])
        .env("IDP_ACTOR", "bot@example.com")
        .run()
        .code(4)
        .stderr_has("records:add@dev");
    assert_eq!(t.state(), before);
}

#[test]
fn break_glass_by_hand_is_added_to_its_run() {
    let t = Test::platform();
    crate::teardown::set_plan(&t, "dev", "    - name: a\n      run: 'false'\n");
    t.idp(["teardown", "run", "--env", "dev", "--confirm", "dev"])
        .run()
        .code(6);
    add(
        &t,
        &[
            "--env",
            "dev",
            "--run-id",
            "R-0001",
            "--break-glass",
            "--note",
            "dropped the argocd finalizer by hand",
        ],
    )
    .success();
    let r = pipeline(&t).pop().unwrap();
    assert_eq!(r["id"], "R-0001");
    assert_eq!(r["break_glass"], true);
    assert_eq!(r["result"], "failed", "a note does not finish the run");
    assert_eq!(
        r["notes"][0]["text"],
        "dropped the argocd finalizer by hand"
    );
    assert_eq!(r["notes"][0]["actor"], crate::harness::ACTOR);
}

#[test]
fn records_go_to_the_configured_records_branch() {
    let t = Test::platform();
    let config = t.read("idp.yaml");
    t.commit_file(
        "idp.yaml",
        &format!("{config}records:\n  branch: idp-records\n"),
        "records branch",
    );
    t.git(&t.platform, &["push", "-q", "origin", "main"]);
    let main = t.git(&t.platform, &["rev-parse", "main"]);
    add(&t, &["--phase", "apply", "--env", "dev", "--duration", "5"]).success();
    add(&t, &["--phase", "apply", "--env", "dev", "--duration", "6"]).success();
    assert_eq!(
        t.git(&t.platform, &["rev-parse", "main"]),
        main,
        "main moved"
    );
    let lines = t.show("idp-records", ".idp/records/pipeline.jsonl");
    assert_eq!(lines.lines().count(), 2, "{lines}");
    assert!(lines.contains("\"id\":\"R-0002\""), "{lines}");
    // Pushed, and read back from there.
    assert!(t.refs(&t.remote).contains_key("refs/heads/idp-records"));
    let listed = t
        .idp(["records", "list", "-o", "json"])
        .run()
        .success()
        .json();
    assert_eq!(listed.as_array().unwrap().len(), 2);
}

#[test]
fn a_malformed_line_is_reported_by_line_number_and_the_others_still_count() {
    let t = Test::platform();
    add(
        &t,
        &["--phase", "teardown", "--env", "dev", "--duration", "60"],
    )
    .success();
    let text = t.read(".idp/records/pipeline.jsonl");
    t.commit_file(
        ".idp/records/pipeline.jsonl",
        &format!("{text}{{not json\n{{\"id\":\"R-0009\"}}\n"),
        "a bad hand edit",
    );
    add(
        &t,
        &["--phase", "teardown", "--env", "dev", "--duration", "120"],
    )
    .success()
    .stderr_has(".idp/records/pipeline.jsonl:2:")
    .stderr_has(".idp/records/pipeline.jsonl:3:1: not a pipeline record");
    let o = t
        .idp(["teardown", "report", "--env", "dev", "-o", "json"])
        .run()
        .success();
    assert!(o.stderr.contains("pipeline.jsonl:2:"), "{}", o.stderr);
    let r = &o.json()["reports"][0];
    assert_eq!(r["count"], 2);
    assert_eq!(r["runs"], serde_json::json!(["R-0001", "R-0002"]));
}

#[test]
fn the_report_measures_the_slo_and_records_a_known_limitation_once() {
    let t = Test::platform();
    // Nine quick runs and one very slow run, none with break-glass: p95 misses 20 min.
    for d in [
        "60", "70", "80", "90", "100", "110", "120", "130", "140", "3000",
    ] {
        add(
            &t,
            &["--phase", "teardown", "--env", "dev", "--duration", d],
        )
        .success();
    }
    add(
        &t,
        &["--phase", "teardown", "--env", "test", "--duration", "30"],
    )
    .success();
    let summary = t.root.join("summary.md");
    let o = t
        .idp(["teardown", "report", "--last", "10", "-o", "json"])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .run()
        .success()
        .json();
    let reports = o["reports"].as_array().unwrap();
    let dev = reports.iter().find(|r| r["env"] == "dev").unwrap();
    assert_eq!(dev["count"], 10);
    assert_eq!(dev["p50_seconds"], 100.0);
    assert_eq!(dev["p95_seconds"], 3000.0);
    assert_eq!(dev["met"], false);
    assert!(
        dev["missed"][0]
            .as_str()
            .unwrap()
            .contains("p95 50m00s is not under 20 min")
    );
    let test = reports.iter().find(|r| r["env"] == "test").unwrap();
    assert_eq!(test["met"], true);
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.contains("| dev | 10 | 0 |"), "{md}");
    assert!(md.contains("misses its teardown SLO"), "{md}");
    // The Known limitation: one pull request, for dev only.
    let kl = o["known_limitations"].as_array().unwrap();
    assert_eq!(kl.len(), 1);
    assert_eq!(kl[0]["status"], "opened");
    assert_eq!(kl[0]["branch"], "idp/known-limitation/teardown-slo-dev");
    let record: Value = serde_json::from_str(
        t.show(
            "idp/known-limitation/teardown-slo-dev",
            ".idp/records/known-limitations.jsonl",
        )
        .trim(),
    )
    .unwrap();
    assert_eq!(record["id"], "KL-0001");
    assert_eq!(record["env"], "dev");
    assert_eq!(record["last_run"], "R-0010");
    assert!(record["follow_up"].as_str().unwrap().contains("RB-0002"));
    // Merged, a rerun over the same runs records nothing new; `--fail` makes it a CI gate.
    t.idp(["pr", "merge", "1"]).run().success();
    let before = t.state();
    t.idp([
        "teardown", "report", "--env", "dev", "--last", "10", "--fail",
    ])
    .run()
    .code(3)
    .stderr_has("already recorded");
    assert_eq!(t.state(), before);
    // A window of the newest run only (3000 s) misses p95 and p99.
    let o = t
        .idp([
            "teardown",
            "report",
            "--env",
            "dev",
            "--last",
            "1",
            "--dry-run",
            "-o",
            "json",
        ])
        .run()
        .success()
        .json();
    assert_eq!(o["reports"][0]["count"], 1);
    assert_eq!(o["reports"][0]["missed"].as_array().unwrap().len(), 2);
    assert_eq!(t.state(), before, "a dry run wrote something");
    t.idp(["teardown", "report", "--env", "nowhere"])
        .run()
        .code(2);
    t.idp(["teardown", "report", "--last", "0"]).run().code(2);
}
