//! `idp pr`: the local forge's pull requests, from open to merged or closed.

use crate::harness::{ACTOR, Test};

#[test]
fn the_whole_loop_init_validate_add_list_merge_validate() {
    let t = Test::platform();
    t.idp(["validate"]).run().success();
    t.idp(["env", "add", "qa", "--after", "test", "--dry-run"])
        .run()
        .success();
    t.idp(["env", "add", "qa", "--after", "test"])
        .run()
        .success()
        .stdout_has("#1 idp/env/qa");
    t.idp(["pr", "list"])
        .run()
        .success()
        .stdout_has("Add environment `qa` after `test`")
        .stdout_has("idp/env/qa")
        .stdout_has("open");
    t.idp(["pr", "show", "1"])
        .run()
        .success()
        .stdout_has("dev → test → qa → staging → prod");
    t.idp(["pr", "diff", "1"])
        .run()
        .success()
        .stdout_has("+  after: qa");
    let merged = t
        .idp(["pr", "merge", "1", "-o", "json"])
        .run()
        .success()
        .json();
    assert_eq!(merged["method"], "fast-forward");
    assert_eq!(merged["pr"]["state"], "merged");
    assert_eq!(merged["pr"]["merged_by"], ACTOR);
    assert!(merged["pr"]["merged_at"].as_str().unwrap().ends_with('Z'));
    // The merge landed on main, in the working tree and on origin.
    assert!(t.read("environments/qa.yaml").contains("name: qa"));
    assert_eq!(t.git(&t.platform, &["status", "--porcelain"]), "");
    assert_eq!(
        t.refs(&t.remote)["refs/heads/main"],
        t.git(&t.platform, &["rev-parse", "main"]).trim()
    );
    t.idp(["validate"]).run().success();
    t.idp(["pr", "list"])
        .run()
        .success()
        .stdout_lacks("idp/env/qa");
    t.idp(["pr", "list", "--state", "merged"])
        .run()
        .success()
        .stdout_has("idp/env/qa");
    // The record is in git: the forge ref's history tells who did what.
    let log = t.git(&t.platform, &["log", "--format=%s", "refs/idp/forge"]);
    assert!(
        log.contains("Open pull request #1")
            && log.contains(&format!("Merge pull request #1 by {ACTOR}")),
        "{log}"
    );
}

#[test]
fn merging_after_main_moved_makes_a_merge_commit_that_is_validated() {
    let t = Test::platform();
    t.idp(["env", "add", "qa", "--after", "test"])
        .run()
        .success();
    t.idp(["env", "set", "dev", "gates.healthyWithinHours", "6"])
        .run()
        .success();
    t.idp(["pr", "merge", "2"]).run().success();
    let merged = t
        .idp(["pr", "merge", "1", "-o", "json"])
        .run()
        .success()
        .json();
    assert_eq!(merged["method"], "merge-commit");
    assert_eq!(
        t.git(&t.platform, &["rev-list", "--count", "--merges", "main"])
            .trim(),
        "1"
    );
    assert!(t.read("environments/qa.yaml").contains("name: qa"));
    assert!(
        t.read("environments/dev.yaml")
            .contains("healthyWithinHours: 6")
    );
    t.idp(["pr", "merge", "1"])
        .run()
        .code(2)
        .stderr_has("pull request #1 is merged");
}

#[test]
fn a_conflicting_merge_is_refused_and_writes_nothing() {
    let t = Test::platform();
    t.idp(["env", "set", "dev", "gates.healthyWithinHours", "6"])
        .run()
        .success();
    t.commit_file(
        "environments/dev.yaml",
        &t.read("environments/dev.yaml")
            .replace("healthyWithinHours: null", "healthyWithinHours: 8"),
        "hand edit",
    );
    let before = t.state();
    t.idp(["pr", "merge", "1", "--strategy", "ff"])
        .run()
        .code(3)
        .stderr_has("cannot fast-forward");
    t.idp(["pr", "merge", "1"])
        .run()
        .code(3)
        .stderr_has("conflicts in: environments/dev.yaml");
    assert_eq!(t.state(), before);
}

#[test]
fn merging_needs_the_merge_permission() {
    let t = Test::platform();
    t.idp(["env", "add", "qa", "--after", "test"])
        .run()
        .success();
    let before = t.state();
    t.idp(["pr", "merge", "1"])
        .env("IDP_ACTOR", "bob@example.com")
        .run()
        .code(4)
        .stderr_has("not allowed to `pr:merge`");
    assert_eq!(t.state(), before);
}

#[test]
fn close_marks_the_pull_request_closed() {
    let t = Test::platform();
    t.idp(["env", "add", "qa", "--after", "test"])
        .run()
        .success();
    t.idp(["pr", "close", "1"])
        .run()
        .success()
        .stderr_has("Closed");
    let pr = t
        .idp(["pr", "show", "1", "-o", "json"])
        .run()
        .success()
        .json();
    assert_eq!(pr["pr"]["state"], "closed");
    assert_eq!(pr["pr"]["closed_by"], ACTOR);
    t.idp(["pr", "close", "1"]).run().code(2);
    t.idp(["pr", "show", "9"])
        .run()
        .code(2)
        .stderr_has("no pull request #9");
    // A new run opens a new pull request for the same branch: the closed one stays closed.
    let o = t
        .idp(["env", "add", "qa", "--after", "test", "-o", "json"])
        .run()
        .success()
        .json();
    assert_eq!(o["pr"]["number"], 2);
}

#[test]
fn merge_delete_branch_removes_it_locally_and_on_origin() {
    let t = Test::platform();
    t.idp(["env", "add", "qa", "--after", "test"])
        .run()
        .success();
    t.idp(["pr", "merge", "1", "--delete-branch"])
        .run()
        .success();
    assert!(!t.refs(&t.platform).contains_key("refs/heads/idp/env/qa"));
    assert!(!t.refs(&t.remote).contains_key("refs/heads/idp/env/qa"));
}
