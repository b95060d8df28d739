//! `idp promote`, `idp rollback`, `idp status`, `idp history`: images move along the promotion
//! order by digest, behind gates, recorded in git.

use crate::harness::{Test, digest};

fn overlay(env: &str) -> String {
    format!("apps/payments/{env}/kustomization.yaml")
}

/// A platform with `payments`, and a build `a` (git SHA 1a2b3c4…) in dev.
fn built() -> Test {
    let t = Test::with_app();
    build(&t, 'a', "1a2b3c4d5e6f7a8b");
    t
}

fn build(t: &Test, c: char, sha: &str) {
    t.idp([
        "image",
        "set",
        "payments",
        "--env",
        "dev",
        "--digest",
        &digest(c),
        "--tag",
        sha,
        "--direct",
    ])
    .run()
    .success();
}

fn records(t: &Test) -> Vec<serde_json::Value> {
    crate::records::on(t, "HEAD", "promotions")
}

/// The id of the newest promotion record (what `Idp-Record:` and `history` name).
fn last_id(t: &Test) -> String {
    records(t).pop().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

fn healthy(t: &Test, env: &str) {
    let record = format!(
        "{{\"env\":\"{env}\",\"healthy\":true,\"time\":\"{}\"}}\n",
        utc_now()
    );
    let path = t.path(".idp/records/health.jsonl");
    let mut text = std::fs::read_to_string(&path).unwrap_or_default();
    text.push_str(&record);
    t.commit_file(".idp/records/health.jsonl", &text, "health");
}

/// Now as RFC 3339 UTC, from the `date` command.
fn utc_now() -> String {
    let out = std::process::Command::new("date")
        .args(["-u", "+%Y-%m-%dT%H:%M:%SZ"])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn promote_moves_the_digest_in_place_and_records_it() {
    let t = built();
    let before = t.read(&overlay("test"));
    t.idp([
        "promote",
        "--no-registry",
        "payments",
        "--to",
        "test",
        "--direct",
    ])
    .run()
    .success();
    let placeholder = format!("sha256:{}", "0".repeat(64));
    // The digest, and the version label of the build it came from (its dev tag).
    assert_eq!(
        t.read(&overlay("test")),
        before
            .replace(&placeholder, &digest('a'))
            .replace("version: unreleased", "version: 1a2b3c4d5e6f7a8b")
    );
    let r = records(&t).pop().unwrap();
    let id = r["id"].as_str().unwrap();
    assert_eq!(r["action"], "promote");
    assert_eq!(
        (r["from"].as_str(), r["to"].as_str()),
        (Some("dev"), Some("test"))
    );
    assert_eq!(r["tag"], "test-1a2b3c4");
    assert_eq!(r["previous"], placeholder);
    let log = t.git(&t.platform, &["log", "-1", "--format=%B"]);
    assert!(log.contains("Idp-Promotion: dev -> test"), "{log}");
    assert!(log.contains(&format!("Idp-Record: {id}")), "{log}");
    // Again: nothing to change, no new record.
    t.idp([
        "promote",
        "--no-registry",
        "payments",
        "--to",
        "test",
        "--direct",
    ])
    .run()
    .success();
    assert_eq!(records(&t).len(), 2, "a rerun recorded something");
}

#[test]
fn the_health_gate_and_prod_approvals() {
    let t = built();
    t.idp([
        "promote",
        "--no-registry",
        "payments",
        "--to",
        "test",
        "--direct",
    ])
    .run()
    .success();
    let before = t.state();
    let env = t.read("environments/staging.yaml");
    let line = env
        .lines()
        .position(|l| l.trim_start().starts_with("healthyWithinHours"))
        .unwrap()
        + 1;
    t.idp([
        "promote",
        "--no-registry",
        "payments",
        "--to",
        "staging",
        "--direct",
    ])
    .run()
    .code(3)
    .stderr_has(&format!("environments/staging.yaml:{line}:"))
    .stderr_has("needs `test` healthy within 24 h")
    .stderr_has("idp health --env test --record");
    assert_eq!(t.state(), before);
    healthy(&t, "test");
    t.idp([
        "promote",
        "--no-registry",
        "payments",
        "--to",
        "staging",
        "--direct",
    ])
    .run()
    .success();
    healthy(&t, "staging");
    // Prod: a pull request with the approval labels and reviewers of prod's gates.
    let o = t
        .idp([
            "promote",
            "--no-registry",
            "payments",
            "--to",
            "prod",
            "-o",
            "json",
        ])
        .run()
        .success()
        .json();
    let pr = o["pr"]["number"]
        .as_u64()
        .or(o["pr"].as_u64())
        .expect("a PR number");
    let shown = t
        .idp(["pr", "show", &pr.to_string(), "-o", "json"])
        .run()
        .success()
        .json();
    assert_eq!(
        shown["pr"]["labels"],
        serde_json::json!(["platform-approved"])
    );
    assert_eq!(shown["pr"]["reviewers"], serde_json::json!(["platform"]));
    // Someone whose role may not promote to prod.
    t.idp([
        "promote",
        "--no-registry",
        "payments",
        "--to",
        "prod",
        "--dry-run",
    ])
    .env("IDP_ACTOR", "intern@example.com")
    .run()
    .code(4);
}

#[test]
fn skipping_an_environment_needs_permission_and_a_reason() {
    let t = built();
    let before = t.state();
    t.idp([
        "promote",
        "--no-registry",
        "payments",
        "--from",
        "dev",
        "--to",
        "staging",
        "--direct",
    ])
    .run()
    .code(3)
    .stderr_has("environments/test.yaml:")
    .stderr_has("skips `test`, which does not allow it");
    assert_eq!(t.state(), before);
    t.idp([
        "env",
        "set",
        "test",
        "promotion.allowSkip",
        "true",
        "--direct",
    ])
    .run()
    .success();
    healthy(&t, "dev");
    t.idp([
        "promote",
        "--no-registry",
        "payments",
        "--from",
        "dev",
        "--to",
        "staging",
        "--direct",
    ])
    .run()
    .code(2)
    .stderr_has("give --skip-reason");
    t.idp([
        "promote",
        "--no-registry",
        "payments",
        "--from",
        "dev",
        "--to",
        "staging",
        "--skip-reason",
        "test cluster is down",
        "--direct",
    ])
    .run()
    .success();
    let r = records(&t).pop().unwrap();
    assert_eq!(r["skipped"], serde_json::json!(["test"]));
    assert_eq!(r["skip_reason"], "test cluster is down");
}

#[test]
fn rollback_restores_the_previous_image_and_guards_it() {
    let t = built();
    t.idp([
        "promote",
        "--no-registry",
        "payments",
        "--to",
        "test",
        "--direct",
    ])
    .run()
    .success();
    build(&t, 'b', "9f8e7d6c5b4a3928");
    t.idp([
        "promote",
        "--no-registry",
        "payments",
        "--to",
        "test",
        "--direct",
    ])
    .run()
    .success();
    assert!(t.read(&overlay("test")).contains(&digest('b')));
    let promotion_of_b = last_id(&t);
    t.idp([
        "rollback",
        "payments",
        "--env",
        "test",
        "--reason",
        "5xx after deploy",
        "--direct",
    ])
    .run()
    .success();
    let rolled_back = t.read(&overlay("test"));
    assert!(rolled_back.contains(&digest('a')));
    // The pods say which build they run again.
    assert!(
        rolled_back.contains("version: 1a2b3c4d5e6f7a8b"),
        "{rolled_back}"
    );
    let r = records(&t).pop().unwrap();
    assert_eq!(r["action"], "rollback");
    assert_eq!(r["reason"], "5xx after deploy");
    // Automation does not overwrite it, and nothing is promoted from it.
    healthy(&t, "test");
    let before = t.state();
    t.idp([
        "image",
        "set",
        "payments",
        "--env",
        "test",
        "--digest",
        &digest('c'),
        "--direct",
    ])
    .run()
    .code(2)
    .stderr_has("was rolled back");
    t.idp([
        "promote",
        "--no-registry",
        "payments",
        "--to",
        "staging",
        "--direct",
    ])
    .run()
    .code(3)
    .stderr_has("was a rollback");
    assert_eq!(t.state(), before);
    // To a named record, or a digest that ran there.
    t.idp([
        "rollback",
        "payments",
        "--env",
        "test",
        "--to",
        &promotion_of_b,
        "--direct",
    ])
    .run()
    .success();
    assert!(t.read(&overlay("test")).contains(&digest('b')));
    t.idp([
        "rollback",
        "payments",
        "--env",
        "test",
        "--to",
        &digest('e'),
        "--direct",
    ])
    .run()
    .code(2)
    .stderr_has("never ran in `test`");
}

#[test]
fn bad_promotions_write_nothing() {
    let t = built();
    let before = t.state();
    for (args, needle) in [
        (
            vec!["promote", "--no-registry", "payments", "--to", "qa"],
            "there is no environment `qa`",
        ),
        (
            vec!["promote", "--no-registry", "payments", "--to", "dev"],
            "is the first environment",
        ),
        (
            vec![
                "promote",
                "--no-registry",
                "payments",
                "--from",
                "staging",
                "--to",
                "test",
            ],
            "promotions go forward",
        ),
        (
            vec!["promote", "--no-registry", "ledger", "--to", "test"],
            "there is no app `ledger`",
        ),
        (
            vec!["rollback", "payments", "--env", "staging"],
            "no earlier image",
        ),
    ] {
        let mut full = args.clone();
        full.push("--direct");
        t.idp(&full).run().code(2).stderr_has(needle);
        assert_eq!(t.state(), before, "{full:?} wrote something");
    }
    // Nothing built yet in test: nothing to promote from it.
    healthy(&t, "test");
    let before = t.state();
    t.idp([
        "promote",
        "--no-registry",
        "payments",
        "--to",
        "staging",
        "--direct",
    ])
    .run()
    .code(2)
    .stderr_has("has no image in `test` yet");
    assert_eq!(t.state(), before);
}

#[test]
fn status_and_history_say_what_runs_where_and_how_it_got_there() {
    let t = built();
    t.idp([
        "promote",
        "--no-registry",
        "payments",
        "--to",
        "test",
        "--direct",
    ])
    .run()
    .success();
    let promotion = last_id(&t);
    build(&t, 'b', "9f8e7d6c5b4a3928");
    // An open promotion PR (not --direct).
    t.idp(["promote", "--no-registry", "payments", "--to", "test"])
        .run()
        .success();
    let rows = t.idp(["status", "-o", "json"]).run().success().json();
    let row = |env: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["env"] == env)
            .unwrap()
            .clone()
    };
    assert_eq!(row("dev")["digest"], digest('b'));
    assert_eq!(row("dev")["tag"], "9f8e7d6c5b4a3928");
    assert_eq!(row("dev")["behind"], serde_json::Value::Null);
    assert_eq!(row("test")["digest"], digest('a'));
    assert_eq!(row("test")["tag"], "test-1a2b3c4");
    assert_eq!(row("test")["behind"], 1);
    assert_eq!(row("test")["by"], crate::harness::ACTOR);
    assert_eq!(row("test")["open_prs"], serde_json::json!([1]));
    t.idp(["status", "payments"])
        .run()
        .success()
        .stdout_has("test-1a2b3c4");
    t.idp(["status", "ledger"]).run().code(2);

    let h = t
        .idp(["history", "payments", "--env", "test", "-o", "json"])
        .run()
        .success()
        .json();
    let h = h.as_array().unwrap();
    assert_eq!(h.len(), 1, "the open PR's record is not on main yet: {h:?}");
    assert_eq!(h[0]["id"], promotion.as_str());
    let commit = h[0]["commit"].as_str().unwrap();
    let subject = t.git(&t.platform, &["log", "-1", "--format=%s", commit]);
    assert!(
        subject.contains("Promote `payments` from `dev` to `test`"),
        "{subject}"
    );
    t.idp(["history", "payments"])
        .run()
        .success()
        .stdout_has("image-set");
}

#[test]
fn racing_direct_changes_are_made_again_and_all_land() {
    let t = Test::with_app();
    // Four CI jobs, each in its own clone, write a build back at the same moment.
    let clones: Vec<std::path::PathBuf> = (0..4)
        .map(|i| {
            let dir = t.root.join(format!("job{i}"));
            t.git(
                &t.root,
                &[
                    "clone",
                    "-q",
                    t.remote.to_str().unwrap(),
                    dir.to_str().unwrap(),
                ],
            );
            dir
        })
        .collect();
    let digits = ['1', '2', '3', '4'];
    let jobs: Vec<_> = clones
        .iter()
        .zip(digits)
        .map(|(dir, c)| {
            t.idp([
                "image",
                "set",
                "payments",
                "--env",
                "dev",
                "--digest",
                &digest(c),
                "--direct",
            ])
            .current_dir(dir)
            .spawn()
        })
        .collect();
    for job in jobs {
        let out = job.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "a job failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let landed = crate::records::on_repo(&t, &t.remote, "main", "promotions");
    let records = serde_json::to_string(&landed).unwrap();
    let ids: std::collections::BTreeSet<&str> =
        landed.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 4, "{records}");
    for c in digits {
        assert!(
            records.contains(&digest(c)),
            "the build {c} was lost: {records}"
        );
    }
    // The overlay holds the last one that landed, and its record says so.
    let overlay = t.git(
        &t.remote,
        &["show", "main:apps/payments/dev/kustomization.yaml"],
    );
    let tip = t.git(&t.remote, &["log", "-1", "--format=%B", "main"]);
    let last = landed
        .iter()
        .find(|r| tip.contains(&format!("Idp-Record: {}", r["id"].as_str().unwrap())))
        .unwrap();
    assert!(overlay.contains(last["digest"].as_str().unwrap()));
}

#[test]
fn a_stale_clone_catches_up_before_it_changes_anything() {
    let t = built();
    let clone = t.root.join("stale");
    t.git(
        &t.root,
        &[
            "clone",
            "-q",
            t.remote.to_str().unwrap(),
            clone.to_str().unwrap(),
        ],
    );
    build(&t, 'b', "9f8e7d6c5b4a3928");
    t.idp([
        "promote",
        "--no-registry",
        "payments",
        "--to",
        "test",
        "--direct",
    ])
    .current_dir(&clone)
    .run()
    .success();
    let overlay = t.git(
        &t.remote,
        &["show", "main:apps/payments/test/kustomization.yaml"],
    );
    assert!(
        overlay.contains(&digest('b')),
        "promoted the stale digest: {overlay}"
    );
}

#[test]
fn eight_concurrent_promotions_of_different_apps_all_land() {
    let t = Test::platform();
    let apps: Vec<String> = (1..=8).map(|i| format!("app{i}")).collect();
    for (i, app) in apps.iter().enumerate() {
        t.idp(["new-app", app, "--owner", "platform", "--direct"])
            .run()
            .success();
        let c = char::from_digit(i as u32 + 1, 10).unwrap();
        t.idp([
            "image",
            "set",
            app,
            "--env",
            "dev",
            "--digest",
            &digest(c),
            "--direct",
        ])
        .run()
        .success();
    }
    let jobs: Vec<_> = apps
        .iter()
        .map(|app| {
            let dir = t.root.join(format!("ci-{app}"));
            t.git(
                &t.root,
                &[
                    "clone",
                    "-q",
                    t.remote.to_str().unwrap(),
                    dir.to_str().unwrap(),
                ],
            );
            t.idp(["promote", "--no-registry", app, "--to", "test", "--direct"])
                .current_dir(&dir)
                .spawn()
        })
        .collect();
    for job in jobs {
        let out = job.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "a promotion failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let records = crate::records::on_repo(&t, &t.remote, "main", "promotions");
    let promotions = records.iter().filter(|r| r["action"] == "promote").count();
    assert_eq!(promotions, 8, "{records:?}");
    for (i, app) in apps.iter().enumerate() {
        let c = char::from_digit(i as u32 + 1, 10).unwrap();
        let overlay = t.git(
            &t.remote,
            &["show", &format!("main:apps/{app}/test/kustomization.yaml")],
        );
        assert!(overlay.contains(&digest(c)), "{app} did not land in test");
    }
}

#[test]
fn promotions_and_rollbacks_are_pipeline_runs_in_the_same_commit() {
    let t = built();
    t.idp([
        "promote",
        "--no-registry",
        "payments",
        "--to",
        "test",
        "--direct",
    ])
    .run()
    .success();
    let files = t.git(&t.platform, &["show", "--name-only", "--format=", "HEAD"]);
    assert!(
        files.contains(".idp/records/pipeline/test/")
            && files.contains(".idp/records/promotions/payments/test/"),
        "{files}"
    );
    let runs = crate::records::on(&t, "main", "pipeline");
    let r = runs.last().unwrap();
    assert!(r["id"].as_str().unwrap().starts_with("R-"), "{r}");
    assert_eq!(
        (r["phase"].as_str(), r["env"].as_str()),
        (Some("promote"), Some("test"))
    );
    assert_eq!(
        (
            r["result"].as_str(),
            r["exit_code"].as_i64(),
            r["service"].as_str()
        ),
        (Some("success"), Some(0), Some("payments"))
    );
    assert!(
        r["duration_seconds"].as_f64().is_some_and(|d| d >= 0.0),
        "{r}"
    );
    build(&t, 'b', "2b3c4d5e6f7a8b9c");
    t.idp([
        "rollback",
        "payments",
        "--env",
        "dev",
        "--reason",
        "bad build",
        "--direct",
    ])
    .run()
    .success();
    let runs = crate::records::on(&t, "main", "pipeline");
    assert_eq!(runs.len(), 2);
    assert_eq!(
        (runs[1]["phase"].as_str(), runs[1]["env"].as_str()),
        (Some("rollback"), Some("dev"))
    );
    // The metrics see them.
    t.idp(["metrics", "export", "--format", "prometheus"])
        .run()
        .success()
        .stdout_has("phase=\"promote\"");
}

#[test]
fn with_a_records_branch_the_run_is_recorded_there_after_the_promotion() {
    let t = built();
    let config = t.read("idp.yaml");
    t.commit_file(
        "idp.yaml",
        &format!("{config}records:\n  branch: idp-records\n"),
        "records branch",
    );
    t.idp([
        "promote",
        "--no-registry",
        "payments",
        "--to",
        "test",
        "--direct",
    ])
    .run()
    .success();
    let files = t.git(&t.platform, &["show", "--name-only", "--format=", "main"]);
    assert!(!files.contains(".idp/records/pipeline"), "{files}");
    let runs = crate::records::on(&t, "idp-records", "pipeline");
    assert_eq!(runs.len(), 1);
    assert_eq!(
        (runs[0]["phase"].as_str(), runs[0]["env"].as_str()),
        (Some("promote"), Some("test"))
    );
    // A dry run records nothing.
    healthy(&t, "test");
    t.idp([
        "promote",
        "--no-registry",
        "payments",
        "--to",
        "staging",
        "--direct",
        "--dry-run",
    ])
    .run()
    .success();
    let runs = crate::records::on(&t, "idp-records", "pipeline");
    assert_eq!(runs.len(), 1);
}
