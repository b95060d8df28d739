//! `idp records add|list|migrate` (steps idp did not run, Terraform's resource counts,
//! break-glass notes, the records branch, malformed records), `idp teardown report` over
//! recorded runs, and the layout of records (one file per record: changes about different apps
//! never conflict, a change costs the same whatever the history, legacy `.jsonl` migrated).

use std::path::Path;

use serde_json::Value;

use crate::harness::Test;
use crate::teardown::pipeline;

/// The records of `kind` (`promotions`, `pipeline`, `health`, `known-limitations`) committed on
/// `rev` of the platform repo, one per file under `.idp/records/<kind>/`, oldest first.
pub fn on(t: &Test, rev: &str, kind: &str) -> Vec<Value> {
    on_repo(t, &t.platform, rev, kind)
}

/// [`on`], in any repository (the remote).
pub fn on_repo(t: &Test, repo: &Path, rev: &str, kind: &str) -> Vec<Value> {
    let listed = t.git(
        repo,
        &[
            "ls-tree",
            "-r",
            "--name-only",
            rev,
            "--",
            &format!(".idp/records/{kind}/"),
        ],
    );
    let mut files: Vec<&str> = listed.lines().filter(|f| f.ends_with(".json")).collect();
    // Legacy ids (`P-0001`) first, then new ones, which sort by their time.
    let key = |f: &&str| {
        let name = f.rsplit('/').next().unwrap_or(f);
        let rest = name.split_once('-').map_or(name, |(_, r)| r).to_string();
        (rest.contains('T'), rest)
    };
    files.sort_by_key(key);
    files
        .iter()
        .map(|f| {
            let text = t.git(repo, &["show", &format!("{rev}:{f}")]);
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{f}: {e}\n{text}"))
        })
        .collect()
}

/// The paths of the record files of `kind` on `rev`.
pub fn files(t: &Test, rev: &str, kind: &str) -> Vec<String> {
    t.git(
        &t.platform,
        &[
            "ls-tree",
            "-r",
            "--name-only",
            rev,
            "--",
            &format!(".idp/records/{kind}/"),
        ],
    )
    .lines()
    .map(str::to_string)
    .collect()
}

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
    // The run's own start and a hash of what it is: unique without asking anyone.
    let id = o["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("R-20261126T100000."), "{id}");
    let r = pipeline(&t).pop().unwrap();
    assert_eq!(r["id"], id.as_str());
    assert!(
        crate::records::files(&t, "main", "pipeline")
            .contains(&format!(".idp/records/pipeline/dev/2026/11/26/{id}.json")),
        "filed under its environment and day"
    );
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
    assert!(log.contains(&format!("Idp-Record: {id}")), "{log}");
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
        (r["env"].as_str(), r["result"].as_str()),
        (Some("test"), Some("failed"))
    );
    assert_ne!(r["id"], id.as_str());
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
    let first = pipeline(&t).pop().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
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
    .stderr_has(&format!(
        "build id `26-11-26-01` is already used in `dev` by apply run `{first}`"
    ));
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
    .stdout_has("+  \"id\": \"R-");
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
    let run = pipeline(&t).pop().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    add(
        &t,
        &[
            "--env",
            "dev",
            "--run-id",
            &run,
            "--break-glass",
            "--note",
            "dropped the argocd finalizer by hand",
        ],
    )
    .success();
    let runs = pipeline(&t);
    assert_eq!(runs.len(), 1, "the run's own file, rewritten");
    let r = &runs[0];
    assert_eq!(r["id"], run.as_str());
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
    let runs = crate::records::on(&t, "idp-records", "pipeline");
    assert_eq!(runs.len(), 2, "{runs:?}");
    let mut durations: Vec<f64> = runs
        .iter()
        .map(|r| r["duration_seconds"].as_f64().unwrap())
        .collect();
    durations.sort_by(f64::total_cmp);
    assert_eq!(durations, [5.0, 6.0]);
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
fn a_malformed_record_is_reported_by_file_and_line_and_the_others_still_count() {
    let t = Test::platform();
    add(
        &t,
        &["--phase", "teardown", "--env", "dev", "--duration", "60"],
    )
    .success();
    // Bad hand edits: a record file that is not JSON, and a legacy file with a line that is
    // not JSON and one that is not a pipeline record.
    let bad = ".idp/records/pipeline/dev/2026/11/26/R-20261126T100000.000Z-0badf0.json";
    t.commit_file(bad, "{\n  \"id\": \"R-x\",\n  oops\n}\n", "a bad record");
    t.commit_file(
        ".idp/records/pipeline.jsonl",
        "{not json\n{\"id\":\"R-0009\",\"env\":\"dev\"}\n",
        "a bad hand edit",
    );
    add(
        &t,
        &["--phase", "teardown", "--env", "dev", "--duration", "120"],
    )
    .success()
    .stderr_has(&format!("{bad}:3:"))
    .stderr_has(".idp/records/pipeline.jsonl:1:")
    .stderr_has(".idp/records/pipeline.jsonl:2:1: not a pipeline record");
    // That write moved the legacy file: the line that is not JSON kept aside, verbatim.
    assert_eq!(
        t.show("main", ".idp/records/unreadable/pipeline.jsonl"),
        "{not json\n"
    );
    let tree = t.git(&t.platform, &["ls-tree", "-r", "--name-only", "main"]);
    assert!(!tree.contains(".idp/records/pipeline.jsonl"), "{tree}");
    let o = t
        .idp(["teardown", "report", "--env", "dev", "-o", "json"])
        .run()
        .success();
    assert!(o.stderr.contains(&format!("{bad}:3:")), "{}", o.stderr);
    assert!(
        o.stderr.contains(
            ".idp/records/pipeline/dev/0000/00/00/R-0009.json:1:1: not a pipeline record"
        ),
        "{}",
        o.stderr
    );
    let r = &o.json()["reports"][0];
    assert_eq!(r["count"], 2);
    // `idp validate`: the bad record file is an error at its line, the kept line a warning.
    let o = t.idp(["validate"]).run().code(3);
    let all = format!("{}{}", o.stdout, o.stderr);
    assert!(all.contains(&format!("{bad}:3:")), "{all}");
    assert!(
        all.contains(".idp/records/unreadable/pipeline.jsonl:1:"),
        "{all}"
    );
}

#[test]
fn the_report_measures_the_slo_and_records_a_known_limitation_once() {
    let t = Test::platform();
    // Nine quick runs and one very slow run, none with break-glass: p95 misses 20 min.
    // Runs are ordered by their start: one an hour.
    for (hour, d) in [
        "60", "70", "80", "90", "100", "110", "120", "130", "140", "3000",
    ]
    .into_iter()
    .enumerate()
    {
        let start = format!("2026-11-26T{:02}:00:00Z", hour + 1);
        add(
            &t,
            &[
                "--phase",
                "teardown",
                "--env",
                "dev",
                "--duration",
                d,
                "--start",
                &start,
            ],
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
    let mut kls = crate::records::on(
        &t,
        "idp/known-limitation/teardown-slo-dev",
        "known-limitations",
    );
    assert_eq!(kls.len(), 1);
    let record: Value = kls.pop().unwrap();
    assert!(
        record["id"].as_str().unwrap().starts_with("KL-"),
        "{record}"
    );
    assert_eq!(record["env"], "dev");
    let dev_runs: Vec<Value> = pipeline(&t)
        .into_iter()
        .filter(|r| r["env"] == "dev")
        .collect();
    assert_eq!(record["last_run"], dev_runs[9]["id"]);
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

/// `idp image set` of `app` as a pull request (CI's write-back); the PR's number.
fn image_set_pr(t: &Test, app: &str, c: char) -> String {
    let o = t
        .idp([
            "image",
            "set",
            app,
            "--env",
            "dev",
            "--digest",
            &crate::harness::digest(c),
            "-o",
            "json",
        ])
        .run()
        .success()
        .json();
    o["pr"]["number"].to_string()
}

/// See issue 18: the second of two `image set` PRs for different apps could not merge
/// ("conflicts in: .idp/records/promotions.jsonl"): every record rewrote one shared file.
#[test]
fn two_image_set_prs_for_different_apps_both_merge() {
    let t = Test::with_app();
    t.idp(["new-app", "ledger", "--owner", "platform", "--direct"])
        .run()
        .success();
    let first = image_set_pr(&t, "payments", 'a');
    let second = image_set_pr(&t, "ledger", 'b');
    t.idp(["pr", "merge", &first]).run().success();
    t.idp(["pr", "merge", &second]).run().success();
    let records = on(&t, "main", "promotions");
    let apps: Vec<&str> = records.iter().map(|r| r["app"].as_str().unwrap()).collect();
    assert_eq!(records.len(), 2, "{records:?}");
    assert!(
        apps.contains(&"payments") && apps.contains(&"ledger"),
        "{apps:?}"
    );
}

/// The same with a legacy `promotions.jsonl`: both changes move it into the layout (the first
/// write of a kind migrates it), identically, so they still merge and nothing is lost.
#[test]
fn two_image_set_prs_that_both_migrate_the_legacy_file_both_merge() {
    let t = Test::with_app();
    t.idp(["new-app", "ledger", "--owner", "platform", "--direct"])
        .run()
        .success();
    t.commit_file(
        ".idp/records/promotions.jsonl",
        &legacy_promotions(),
        "records as an older idp wrote them",
    );
    let first = image_set_pr(&t, "payments", 'c');
    let second = image_set_pr(&t, "ledger", 'd');
    t.idp(["pr", "merge", &first]).run().success();
    t.idp(["pr", "merge", &second]).run().success();
    let tree = t.git(&t.platform, &["ls-tree", "-r", "--name-only", "main"]);
    assert!(!tree.contains("promotions.jsonl"), "{tree}");
    let ids: Vec<String> = on(&t, "main", "promotions")
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 5, "{ids:?}");
    assert_eq!(&ids[..3], ["P-0001", "P-0002", "P-0003"]);
}

/// Three promotion records of `payments` as the JSON lines an older idp appended.
fn legacy_promotions() -> String {
    let d = crate::harness::digest;
    [
        format!(
            r#"{{"id":"P-0001","action":"image-set","app":"payments","from":null,"to":"dev","image":"payments","digest":"{}","previous":"sha256:{}","tag":"1a2b3c4d","actor":"ci@example.com","time":"2026-11-20T10:00:00Z"}}"#,
            d('a'),
            "0".repeat(64)
        ),
        format!(
            r#"{{"id":"P-0002","action":"promote","app":"payments","from":"dev","to":"test","image":"payments","digest":"{}","previous":"sha256:{}","tag":"test-1a2b3c4","actor":"ada@example.com","time":"2026-11-21T10:00:00Z"}}"#,
            d('a'),
            "0".repeat(64)
        ),
        format!(
            r#"{{"id":"P-0003","action":"image-set","app":"payments","from":null,"to":"dev","image":"payments","digest":"{}","previous":"{}","tag":"9f8e7d6c","actor":"ci@example.com","time":"2026-11-22T10:00:00Z"}}"#,
            d('b'),
            d('a')
        ),
    ]
    .join("\n")
        + "\n"
}

/// Pipeline runs as an older idp appended them: run R-0001 amended by a second line.
fn legacy_pipeline() -> String {
    [
        r#"{"id":"R-0001","phase":"teardown","env":"dev","start":"2026-11-20T09:00:00Z","end":"2026-11-20T09:10:00Z","duration_seconds":600.0,"result":"failed","retries":1,"actor":"ci@example.com"}"#,
        r#"{"id":"R-0002","phase":"apply","env":"test","build_id":"20-11-26-01","start":"2026-11-20T11:00:00Z","end":"2026-11-20T11:01:00Z","duration_seconds":60.0,"result":"success","exit_code":0,"actor":"ci@example.com"}"#,
        r#"{"id":"R-0001","phase":"teardown","env":"dev","start":"2026-11-20T09:00:00Z","end":"2026-11-20T12:00:00Z","duration_seconds":700.0,"result":"success","exit_code":0,"retries":1,"break_glass":true,"actor":"ci@example.com","resumes":1}"#,
    ]
    .join("\n")
        + "\n"
}

/// What the readers say, as JSON: status, history, metrics, teardown report, graph.
fn readers(t: &Test) -> Vec<Value> {
    let json = |args: &[&str]| {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["-o", "json"]);
        t.idp(all).run().success().json()
    };
    let csv = t
        .idp(["metrics", "export", "--format", "csv"])
        .run()
        .success()
        .stdout;
    let mut why = json(&["graph", "why", "payments"]);
    // The graph names the file a promotion was read from: the legacy file, then its own.
    let ids: Vec<Value> = why["promotions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].clone())
        .collect();
    why = Value::Array(ids);
    vec![
        json(&["status"]),
        json(&["history", "payments"]),
        json(&["history", "payments", "--env", "dev"]),
        Value::String(csv),
        json(&["teardown", "report", "--dry-run"]),
        json(&["records", "list"]),
        why,
    ]
}

#[test]
fn migrate_moves_every_legacy_record_and_a_second_run_does_nothing() {
    let t = Test::with_app();
    t.commit_file(
        ".idp/records/promotions.jsonl",
        &format!("{}not a record\n", legacy_promotions()),
        "legacy promotions",
    );
    t.commit_file(
        ".idp/records/pipeline.jsonl",
        &legacy_pipeline(),
        "legacy runs",
    );
    t.commit_file(
        ".idp/records/health.jsonl",
        "{\"id\":\"H-0001\",\"env\":\"dev\",\"healthy\":true,\"time\":\"2026-11-22T10:00:00Z\"}\n",
        "legacy health",
    );
    t.commit_file(
        ".idp/records/known-limitations.jsonl",
        "{\"id\":\"KL-0001\",\"kind\":\"teardown-slo\",\"env\":\"dev\",\"last_run\":\"R-0001\",\"time\":\"2026-11-22T10:00:00Z\"}\n",
        "legacy known limitations",
    );
    t.git(&t.platform, &["push", "-q", "origin", "main"]);
    let legacy = readers(&t);
    assert_eq!(legacy[1].as_array().unwrap().len(), 3, "{:?}", legacy[1]);

    // A dry run shows the change and writes nothing.
    let before = t.state();
    t.idp(["records", "migrate", "--direct", "--dry-run"])
        .run()
        .success()
        .stdout_has("+++ b/.idp/records/promotions/payments/test/2026/11/21/P-0002.json")
        .stdout_has("--- a/.idp/records/pipeline.jsonl");
    assert_eq!(t.state(), before);

    let o = t
        .idp(["records", "migrate", "--direct", "-o", "json"])
        .run()
        .success()
        .json();
    assert_eq!(o["status"], "committed");
    let moved: Vec<(String, u64)> = o["migrated"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["kind"].as_str().unwrap().to_string(),
                m["records"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        moved,
        [
            ("promotions".to_string(), 3),
            ("pipeline".to_string(), 2),
            ("health".to_string(), 1),
            ("known-limitations".to_string(), 1),
        ]
    );
    let tree = t.git(&t.platform, &["ls-tree", "-r", "--name-only", "main"]);
    for kind in ["promotions", "pipeline", "health", "known-limitations"] {
        assert!(
            !tree.contains(&format!(".idp/records/{kind}.jsonl")),
            "{kind}.jsonl is left: {tree}"
        );
    }
    for file in [
        ".idp/records/promotions/payments/dev/2026/11/20/P-0001.json",
        ".idp/records/promotions/payments/test/2026/11/21/P-0002.json",
        ".idp/records/promotions/payments/dev/2026/11/22/P-0003.json",
        ".idp/records/pipeline/dev/2026/11/20/R-0001.json",
        ".idp/records/pipeline/test/2026/11/20/R-0002.json",
        ".idp/records/health/dev/2026/11/22/H-0001.json",
        ".idp/records/known-limitations/dev/2026/11/22/KL-0001.json",
    ] {
        assert!(tree.contains(file), "no {file}: {tree}");
    }
    // An amended run moves in its last state; a line that is no record is kept aside.
    let r: Value =
        serde_json::from_str(&t.show("main", ".idp/records/pipeline/dev/2026/11/20/R-0001.json"))
            .unwrap();
    assert_eq!(
        (r["result"].as_str(), r["resumes"].as_u64()),
        (Some("success"), Some(1))
    );
    assert_eq!(
        t.show("main", ".idp/records/unreadable/promotions.jsonl"),
        "not a record\n"
    );
    // Pushed, and every reader says what it said before.
    assert_eq!(
        t.git(&t.remote, &["rev-parse", "main"]),
        t.git(&t.platform, &["rev-parse", "main"])
    );
    assert_eq!(readers(&t), legacy);

    // Again: nothing to move, nothing written.
    let before = t.state();
    let o = t
        .idp(["records", "migrate", "--direct", "-o", "json"])
        .run()
        .success()
        .json();
    assert_eq!(o["status"], "no-change");
    assert_eq!(o["migrated"], serde_json::json!([]));
    assert_eq!(t.state(), before);

    // Old ids still work as input: a rollback to a migrated record.
    t.idp([
        "rollback", "payments", "--env", "dev", "--to", "P-0001", "--direct",
    ])
    .run()
    .success();
    assert!(
        t.read("apps/payments/dev/kustomization.yaml")
            .contains(&crate::harness::digest('a'))
    );
}

#[test]
fn the_first_write_of_a_kind_migrates_its_legacy_file() {
    let t = Test::with_app();
    t.commit_file(
        ".idp/records/promotions.jsonl",
        &legacy_promotions(),
        "legacy promotions",
    );
    t.commit_file(
        ".idp/records/pipeline.jsonl",
        &legacy_pipeline(),
        "legacy runs",
    );
    t.idp([
        "image",
        "set",
        "payments",
        "--env",
        "dev",
        "--digest",
        &crate::harness::digest('e'),
        "--direct",
    ])
    .run()
    .success();
    let tree = t.git(&t.platform, &["ls-tree", "-r", "--name-only", "main"]);
    assert!(!tree.contains("promotions.jsonl"), "{tree}");
    assert!(
        tree.contains("pipeline.jsonl"),
        "only the kind written is moved"
    );
    let records = on(&t, "main", "promotions");
    assert_eq!(records.len(), 4);
    assert_eq!(records[3]["digest"], crate::harness::digest('e'));
    let ids: Vec<&str> = records[..3]
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["P-0001", "P-0002", "P-0003"]);
}

/// The objects a change adds to the repository (its commit, trees and blobs), and their bytes.
fn new_objects(t: &Test, commit: &str) -> (usize, u64) {
    let listed = t.git(
        &t.platform,
        &[
            "rev-list",
            "--objects",
            commit,
            "--not",
            &format!("{commit}^"),
        ],
    );
    let ids: Vec<&str> = listed
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let sizes = t.git_stdin(
        &["cat-file", "--batch-check=%(objectsize)"],
        &(ids.join("\n") + "\n"),
    );
    let bytes = sizes
        .lines()
        .filter_map(|l| l.trim().parse::<u64>().ok())
        .sum();
    (ids.len(), bytes)
}

/// `n` past promotion records of `payments` in dev and of other apps, one file each, committed
/// with git (as many changes over a year would have left them).
fn past_records(t: &Test, n: usize) {
    for i in 0..n {
        let (app, env) = if i % 2 == 0 {
            ("payments", "dev")
        } else {
            ("other", "test")
        };
        let day = 1 + (i / 10) % 28;
        let month = 1 + (i / 280) % 12;
        let id = format!("P-2025{month:02}{day:02}T120000.{:03}Z-{i:06x}", i % 1000);
        let record = serde_json::json!({
            "id": id, "action": "image-set", "app": app, "from": null, "to": env,
            "image": app, "digest": crate::harness::digest('9'),
            "previous": crate::harness::digest('8'), "tag": null,
            "actor": "ci@example.com", "time": format!("2025-{month:02}-{day:02}T12:00:00Z"),
        });
        t.write(
            &format!(".idp/records/promotions/{app}/{env}/2025/{month:02}/{day:02}/{id}.json"),
            &serde_json::to_string_pretty(&record).unwrap(),
        );
    }
    t.git(&t.platform, &["add", "-A", ".idp/records"]);
    t.git(&t.platform, &["commit", "-q", "-m", "past records"]);
}

/// What one `image set` adds, in a repo with `n` past records.
fn cost_of_an_image_set(n: usize) -> (usize, u64) {
    let t = Test::with_app();
    if n > 0 {
        past_records(&t, n);
    }
    let o = t
        .idp([
            "image",
            "set",
            "payments",
            "--env",
            "dev",
            "--digest",
            &crate::harness::digest('a'),
            "-o",
            "json",
        ])
        .run()
        .success()
        .json();
    new_objects(&t, o["commit"].as_str().unwrap())
}

#[test]
fn a_record_costs_the_same_objects_with_2000_past_records_as_with_none() {
    let (objects_0, bytes_0) = cost_of_an_image_set(0);
    let (objects_n, bytes_n) = cost_of_an_image_set(2000);
    assert_eq!(
        objects_n, objects_0,
        "objects: {objects_0} with none, {objects_n} with 2000"
    );
    // Only the folders above the day's grow, by an entry each; the jsonl layout added the
    // whole history (some 600 KB at 2,000 records).
    assert!(
        bytes_n <= bytes_0 + 1024,
        "bytes: {bytes_0} with none, {bytes_n} with 2000"
    );
}
