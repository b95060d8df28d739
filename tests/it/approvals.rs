//! Approvals enforced where merges happen, on the local forge (ADR-0032): the matrix of
//! author, approver, role and new-push cases. Every refusal is exit 4, names what is missing,
//! and writes nothing (working tree, refs, remote).

use crate::harness::{ACTOR, APPROVER, Test};

/// A platform with a second admin ([`APPROVER`]) and pull request #1 by [`ACTOR`]: a prod
/// change that needs `platform-approved`.
fn prod_pr() -> (Test, String) {
    let t = Test::platform();
    t.add_approver();
    let o = t
        .idp([
            "env",
            "set",
            "prod",
            "gates.healthyWithinHours",
            "6",
            "-o",
            "json",
        ])
        .run()
        .success()
        .json();
    assert_eq!(o["pr"]["number"], 1);
    assert_eq!(o["pr"]["labels"], serde_json::json!(["platform-approved"]));
    let branch = o["pr"]["head"].as_str().unwrap().to_string();
    (t, branch)
}

fn approve(t: &Test, who: &str, label: &str) -> crate::harness::Output {
    t.idp(["pr", "approve", "1", "--label", label])
        .env("IDP_ACTOR", who)
        .run()
}

/// `pr merge 1` as [`ACTOR`] is refused with exit 4 naming `needle`, and writes nothing.
fn merge_is_refused(t: &Test, needle: &str) {
    let before = t.state();
    t.idp(["pr", "merge", "1"])
        .run()
        .code(4)
        .stderr_has("lacks the approval(s) `platform-approved`")
        .stderr_has(needle);
    assert_eq!(t.state(), before);
    assert_eq!(t.git(&t.platform, &["status", "--porcelain"]), "");
}

#[test]
fn an_unapproved_prod_change_is_not_merged() {
    let (t, _) = prod_pr();
    merge_is_refused(&t, "from a role: admin");
    // Not for another admin either: the approval is what is missing, not the merge right.
    let before = t.state();
    t.idp(["pr", "merge", "1"])
        .env("IDP_ACTOR", APPROVER)
        .run()
        .code(4)
        .stderr_has("pull request #1 yet");
    assert_eq!(t.state(), before);
}

#[test]
fn an_author_cannot_approve_their_own_pull_request() {
    let (t, _) = prod_pr();
    let before = t.state();
    approve(&t, ACTOR, "platform-approved")
        .code(4)
        .stderr_has("an author cannot approve their own pull request");
    assert_eq!(t.state(), before);
    merge_is_refused(&t, "from a role: admin");
}

#[test]
fn an_approver_without_the_approving_role_is_refused() {
    let (t, _) = prod_pr();
    let before = t.state();
    approve(&t, "bob@example.com", "platform-approved")
        .code(4)
        .stderr_has("`bob@example.com` is not allowed to `pr:approve@platform-approved`");
    assert_eq!(t.state(), before);
    merge_is_refused(&t, "from a role: admin");
}

#[test]
fn another_label_does_not_approve() {
    let (t, _) = prod_pr();
    approve(&t, APPROVER, "security-approved").success();
    merge_is_refused(&t, "from a role: admin");
}

#[test]
fn an_approval_by_the_role_is_recorded_with_its_head_and_lets_the_merge_through() {
    let (t, branch) = prod_pr();
    let head = t.git(&t.platform, &["rev-parse", &branch]);
    approve(&t, APPROVER, "platform-approved").success();
    let record = t.git(&t.platform, &["show", "refs/idp/pulls/1:pull.json"]);
    let record: serde_json::Value = serde_json::from_str(&record).unwrap();
    let approval = &record["approvals"][0];
    assert_eq!(approval["label"], "platform-approved");
    assert_eq!(approval["by"], APPROVER);
    assert_eq!(approval["head"], head.trim());
    assert!(approval["at"].as_str().unwrap().ends_with('Z'));
    // Approving twice at the same head is one approval.
    approve(&t, APPROVER, "platform-approved").success();
    let again = t.git(&t.platform, &["show", "refs/idp/pulls/1:pull.json"]);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&again).unwrap()["approvals"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // The merge needs the merge right as before: an approved pull request is not anyone's.
    t.idp(["pr", "merge", "1"])
        .env("IDP_ACTOR", "bob@example.com")
        .run()
        .code(4)
        .stderr_has("not allowed to `pr:merge`");
    t.idp(["pr", "merge", "1"]).run().success();
    assert!(
        t.read("environments/prod.yaml")
            .contains("healthyWithinHours: 6")
    );
}

#[test]
fn an_approval_is_void_after_idp_updates_the_branch() {
    let (t, _) = prod_pr();
    approve(&t, APPROVER, "platform-approved").success();
    // A rerun with another value updates the pull request's branch.
    t.idp(["env", "set", "prod", "gates.healthyWithinHours", "8"])
        .run()
        .success();
    merge_is_refused(&t, "void since the branch moved");
    t.idp(["pr", "show", "1"])
        .run()
        .success()
        .stdout_has("(void: the branch moved on)");
    approve(&t, APPROVER, "platform-approved").success();
    t.idp(["pr", "merge", "1"]).run().success();
    assert!(
        t.read("environments/prod.yaml")
            .contains("healthyWithinHours: 8")
    );
}

#[test]
fn an_approval_is_void_after_a_push_to_the_branch_by_hand() {
    let (t, branch) = prod_pr();
    approve(&t, APPROVER, "platform-approved").success();
    // Someone pushes one more commit to the branch with git, behind idp's back.
    let other = t.clone_remote("other");
    t.git(&other, &["checkout", "-q", &branch]);
    std::fs::write(other.join("environments/notes.txt"), "sneaky\n").unwrap();
    push_behind_idps_back(&t, &other, &branch, "more");
    // (The refused merge fetches it: only a fetch, which this one does first.)
    t.git(&t.platform, &["fetch", "-q", "origin"]);
    merge_is_refused(&t, "void since the branch moved");
}

#[test]
fn a_pull_request_that_needs_no_approval_merges_as_before() {
    let t = Test::platform();
    t.idp(["env", "set", "dev", "gates.healthyWithinHours", "6"])
        .run()
        .success();
    t.idp(["pr", "merge", "1"]).run().success();
}

#[test]
fn an_approval_is_void_once_the_approver_loses_the_role() {
    let (t, _) = prod_pr();
    approve(&t, APPROVER, "platform-approved").success();
    // The approver leaves the admins (on the base branch, where RBAC is read).
    let config = t.read("idp.yaml").replace(
        &format!("members: [{ACTOR}, {APPROVER}]"),
        &format!("members: [{ACTOR}]"),
    );
    t.commit_file("idp.yaml", &config, "grace leaves the admins");
    t.git(&t.platform, &["push", "-q", "origin", "main"]);
    merge_is_refused(&t, "who holds no role that may approve it");
}

/// The required approvals are those of the merged result too: a prod request pushed by hand to
/// a pull request that needed none still needs `platform-approved`.
#[test]
fn a_merge_needs_the_approvals_its_merged_result_requires() {
    let t = Test::platform();
    let o = t
        .idp([
            "env",
            "set",
            "dev",
            "gates.healthyWithinHours",
            "6",
            "-o",
            "json",
        ])
        .run()
        .success()
        .json();
    assert_eq!(o["pr"]["labels"], serde_json::json!([]));
    let branch = o["pr"]["head"].as_str().unwrap().to_string();
    let other = t.clone_remote("other");
    t.git(&other, &["checkout", "-q", &branch]);
    let request = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/requests/ecr/valid-prod.yaml"),
    )
    .unwrap();
    std::fs::create_dir_all(other.join("requests/ecr/prod")).unwrap();
    std::fs::write(other.join("requests/ecr/prod/ECR-0002.yaml"), request).unwrap();
    push_behind_idps_back(&t, &other, &branch, "a prod request, quietly");
    t.git(&t.platform, &["fetch", "-q", "origin"]);
    merge_is_refused(&t, "from a role: admin");
}

/// Commit what is staged-to-be in `other` (a clone) as someone else, with git, and push it to
/// `branch` on the remote: a change behind idp's back.
fn push_behind_idps_back(t: &Test, other: &std::path::Path, branch: &str, message: &str) {
    t.git(other, &["add", "."]);
    t.git(
        other,
        &[
            "-c",
            "user.email=mallory@example.com",
            "-c",
            "user.name=M",
            "commit",
            "-q",
            "-m",
            message,
        ],
    );
    t.git(other, &["push", "-q", "origin", branch]);
}
