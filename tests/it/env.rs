//! `idp env`: add and set environments through the change pipeline.

use crate::harness::{ACTOR, Test};

#[test]
fn env_add_dry_run_prints_the_diff_and_writes_nothing() {
    let t = Test::platform();
    let before = t.state();
    t.idp(["env", "add", "qa", "--after", "test", "--dry-run"])
        .run()
        .success()
        .stdout_has("+++ b/environments/qa.yaml")
        .stdout_has("-  after: test\n+  after: qa")
        .stderr_has("dry run: nothing written");
    assert_eq!(t.state(), before);
    t.idp([
        "env",
        "add",
        "qa",
        "--after",
        "test",
        "--dry-run",
        "--detailed-exitcode",
    ])
    .run()
    .code(5);
    let out = t
        .idp([
            "env",
            "add",
            "qa",
            "--after",
            "test",
            "--dry-run",
            "-o",
            "json",
        ])
        .run()
        .success();
    let plan = out.json();
    assert_eq!(plan["status"], "planned");
    let file = |path: &str| {
        plan["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == path)
            .unwrap_or_else(|| panic!("{path} is not in the plan: {plan}"))
            .clone()
    };
    assert_eq!(file("environments/qa.yaml")["status"], "added");
    assert_eq!(file("argocd/qa/root.yaml")["status"], "added");
    let prod = file("environments/staging.yaml");
    assert_eq!(prod["status"], "modified");
    assert!(prod["diff"].as_str().unwrap().contains("+  after: qa"));
    assert_eq!(t.state(), before);
}

#[test]
fn env_add_opens_a_pull_request_on_its_own_branch() {
    let t = Test::platform();
    let main_before = t.git(&t.platform, &["rev-parse", "main"]);
    let out = t
        .idp(["env", "add", "qa", "--after", "test", "-o", "json"])
        .run()
        .success();
    let o = out.json();
    assert_eq!(o["status"], "opened");
    assert_eq!(o["branch"], "idp/env/qa");
    assert_eq!(o["pr"]["number"], 1);
    assert_eq!(o["pushed"], true);
    // main and the working tree are untouched; the branch holds the change.
    assert_eq!(t.git(&t.platform, &["rev-parse", "main"]), main_before);
    assert!(!t.path("environments/qa.yaml").exists());
    let qa = t.show("idp/env/qa", "environments/qa.yaml");
    assert!(
        qa.contains("name: qa") && qa.contains("after: test") && qa.contains("cluster: acme-qa"),
        "{qa}"
    );
    let staging = t.show("idp/env/qa", "environments/staging.yaml");
    assert!(staging.contains("  # The environment this one is promoted from; null for the first in the order.\n  after: qa\n"));
    let msg = t.git(&t.platform, &["log", "-1", "--format=%B", "idp/env/qa"]);
    assert!(
        msg.contains("Idp-Command: idp env add qa --after test -o json"),
        "{msg}"
    );
    assert!(msg.contains(&format!("Idp-Actor: {ACTOR}")));
    assert!(msg.contains("Idp-Environment: qa"));
    // The branch and the forge record reached origin.
    let remote = t.refs(&t.remote);
    assert!(remote.contains_key("refs/heads/idp/env/qa"), "{remote:?}");
    assert!(remote.contains_key("refs/idp/pulls/1"), "{remote:?}");
    assert!(
        remote.contains_key("refs/idp/sequences/pulls"),
        "{remote:?}"
    );
}

#[test]
fn rerunning_a_change_never_duplicates_it() {
    let t = Test::platform();
    t.idp(["env", "add", "qa", "--after", "test"])
        .run()
        .success();
    let tip = t.git(&t.platform, &["rev-parse", "idp/env/qa"]);
    let out = t
        .idp(["env", "add", "qa", "--after", "test", "-o", "json"])
        .run()
        .success();
    assert_eq!(out.json()["status"], "up-to-date");
    assert_eq!(
        t.git(&t.platform, &["rev-parse", "idp/env/qa"]),
        tip,
        "same branch, same commit"
    );
    let prs = t.idp(["pr", "list", "-o", "json"]).run().success().json();
    assert_eq!(
        prs.as_array().unwrap().len(),
        1,
        "one pull request: {prs:#}"
    );

    // When main moves on, the rerun rebuilds the same change on top of it and updates the PR.
    t.commit_file("catalog/extra.yaml", "kind: Note\n", "unrelated");
    let out = t
        .idp(["env", "add", "qa", "--after", "test", "-o", "json"])
        .run()
        .success();
    assert_eq!(out.json()["status"], "updated");
    assert_eq!(out.json()["pr"]["number"], 1);
    assert_eq!(
        t.git(&t.platform, &["rev-parse", "idp/env/qa^"]),
        t.git(&t.platform, &["rev-parse", "main"])
    );
    let prs = t.idp(["pr", "list", "-o", "json"]).run().success().json();
    assert_eq!(prs.as_array().unwrap().len(), 1);

    // Once merged, the same command has nothing left to do.
    t.idp(["pr", "merge", "1"]).run().success();
    t.idp(["env", "add", "qa", "--after", "test", "-o", "json"])
        .run()
        .success()
        .stdout_has("\"status\": \"no-change\"");
}

#[test]
fn env_set_edits_in_place_keeping_comments_and_formatting() {
    let t = Test::platform();
    let before = t.read("environments/staging.yaml");
    t.idp([
        "env",
        "set",
        "staging",
        "gates.healthyWithinHours",
        "12",
        "--direct",
    ])
    .run()
    .success();
    let after = t.read("environments/staging.yaml");
    assert_eq!(
        after,
        before.replace("healthyWithinHours: 24", "healthyWithinHours: 12")
    );
    assert_eq!(
        t.git(&t.platform, &["status", "--porcelain"]),
        "",
        "worktree follows main"
    );
    assert_eq!(t.show("main", "environments/staging.yaml"), after);
    assert_eq!(
        t.refs(&t.remote)["refs/heads/main"],
        t.git(&t.platform, &["rev-parse", "main"]).trim()
    );
}

#[test]
fn env_set_of_a_block_keeps_the_comments_of_the_keys_it_keeps() {
    // See issue 24: `idp env set dev sync '{…}'` replaced the block by a flow mapping and lost
    // its comments.
    let t = Test::platform();
    let set = |value: &str| {
        t.idp(["env", "set", "dev", "sync", value, "--direct"])
            .run()
            .success();
        t.read("environments/dev.yaml")
    };
    let before = t.read("environments/dev.yaml");
    let comment = "  # Argo CD sync policy for the apps of this environment.";
    assert!(before.contains(comment), "{before}");
    let after = set("{automated: true, prune: false, selfHeal: true}");
    assert_eq!(
        after,
        before.replace("  prune: true\n", "  prune: false\n"),
        "only the value that changed changes"
    );
    // A key the new block drops goes, with its line; one it adds is added at the indentation.
    let after = set("{automated: true, selfHeal: true}");
    assert_eq!(after, before.replace("  prune: true\n", ""));
    let after = set("{automated: true, selfHeal: true, prune: true}");
    assert!(
        after.contains(comment)
            && after.contains("  automated: true\n  selfHeal: true\n  prune: true\n"),
        "{after}"
    );
}

#[test]
fn env_set_of_a_block_sequence_kept_its_comments() {
    // See src/yaml/seq_edit.rs: `idp env set dev gates.reviewers '[…]'` replaced a block
    // sequence by a flow list and lost the comments of its items.
    let t = Test::platform();
    let before = t.read("environments/dev.yaml");
    let list = "  reviewers:\n    # Who reviews changes to dev.\n    - alice@example.com # on call\n    # The platform team, for everything else.\n    - \"@acme/platform\"\n  # The source";
    let text = before.replace("  reviewers: []\n  # The source", list);
    assert_ne!(text, before, "{before}");
    t.commit_file(
        "environments/dev.yaml",
        &text,
        "reviewers as a block sequence",
    );
    t.git(&t.platform, &["push", "-q", "origin", "main"]);
    let set = |value: &str| {
        t.idp(["env", "set", "dev", "gates.reviewers", value, "--direct"])
            .run()
            .success();
        t.read("environments/dev.yaml")
    };
    // alice goes with her comment; the platform team keeps its own; the head comment stays; new
    // reviewers are appended as items, quoted where YAML needs it.
    let after = set(r#"["@acme/platform", bob@example.com, "Zoë O'Neil", "- not: structure"]"#);
    assert_eq!(
        after,
        text.replace(
            "    - alice@example.com # on call\n",
            ""
        )
        .replace(
            "    - \"@acme/platform\"\n",
            "    - \"@acme/platform\"\n    - bob@example.com\n    - Zoë O'Neil\n    - \"- not: structure\"\n"
        )
    );
    assert_eq!(t.show("main", "environments/dev.yaml"), after);
    // A value that is not YAML is refused before anything is written.
    let state = t.state();
    t.idp(["env", "set", "dev", "gates.reviewers", "[a, b", "--direct"])
        .run()
        .code(2)
        .stderr_has("VALUE `[a, b` for `gates.reviewers` is not valid YAML (line 1, column ")
        .stderr_has("unclosed bracket");
    assert_eq!(t.state(), state);
}

#[test]
fn env_set_adds_a_missing_key_at_the_right_indentation() {
    let t = Test::platform();
    let text = t
        .read("environments/dev.yaml")
        .replace("  selfHeal: true\n", "");
    t.commit_file("environments/dev.yaml", &text, "drop selfHeal");
    t.idp(["env", "set", "dev", "sync.selfHeal", "true"])
        .run()
        .success();
    let dev = t.show("idp/env/dev-set-sync-selfheal", "environments/dev.yaml");
    assert!(
        dev.contains("  prune: true\n  selfHeal: true\ndrift:"),
        "{dev}"
    );
}

#[test]
fn env_set_that_breaks_a_rule_is_refused_and_writes_nothing() {
    let t = Test::platform();
    let before = t.state();
    // automated: false requires prune and selfHeal to be false too (schema if/then).
    t.idp(["env", "set", "dev", "sync.automated", "false"])
        .run()
        .code(3)
        .stderr_has("environments/dev.yaml:29:10:")
        .stderr_has("sync.prune");
    t.idp(["env", "set", "prod", "sync.automated", "true"])
        .run()
        .code(3)
        .stderr_has("must sync by hand");
    assert_eq!(t.state(), before);
}

#[test]
fn env_set_prod_needs_a_role_that_allows_it() {
    let t = Test::platform();
    let before = t.state();
    t.idp(["env", "set", "prod", "gates.healthyWithinHours", "48"])
        .env("IDP_ACTOR", "bob@example.com")
        .run()
        .code(4)
        .stderr_has("`bob@example.com` is not allowed to `env:set@prod`")
        .stderr_has("rbac");
    assert_eq!(t.state(), before);
    // Contributors may change staging; admins may change prod.
    t.idp(["env", "set", "staging", "gates.healthyWithinHours", "48"])
        .env("IDP_ACTOR", "bob@example.com")
        .run()
        .success();
    let out = t
        .idp([
            "env",
            "set",
            "prod",
            "gates.healthyWithinHours",
            "48",
            "-o",
            "json",
        ])
        .run()
        .success();
    assert_eq!(
        out.json()["pr"]["labels"][0],
        "platform-approved",
        "prod changes carry the prod gate labels"
    );
}

#[test]
fn env_add_from_a_file_keeps_its_comments() {
    let t = Test::platform();
    let mut text = t
        .read("environments/test.yaml")
        .replace("name: test", "name: perf # load tests");
    text = text.replace("tier: testing", "tier: staging");
    t.write("../perf.yaml", &text);
    t.idp([
        "env",
        "add",
        "perf",
        "--after",
        "staging",
        "-f",
        "../perf.yaml",
        "--direct",
    ])
    .run()
    .success();
    let perf = t.read("environments/perf.yaml");
    assert!(perf.contains("name: perf # load tests"), "{perf}");
    assert!(perf.contains("after: staging"), "{perf}");
    assert!(t.read("environments/prod.yaml").contains("after: perf"));
    t.idp(["validate"]).run().success();
    // And from stdin.
    let text = t
        .read("environments/test.yaml")
        .replace("name: test", "name: load");
    t.idp([
        "env",
        "add",
        "load",
        "--after",
        "perf",
        "-f",
        "-",
        "--dry-run",
    ])
    .stdin(&text)
    .run()
    .success()
    .stdout_has("+name: load");
}

#[test]
fn env_list_and_show() {
    let t = Test::platform();
    let out = t.idp(["env", "list", "-o", "json"]).run().success().json();
    let names: Vec<&str> = out
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["dev", "test", "staging", "prod"]);
    t.idp(["env", "list"])
        .run()
        .success()
        .stdout_has("staging")
        .stdout_has("manual");
    t.idp(["env", "show", "prod"])
        .run()
        .success()
        .stdout_has("tier: production");
    t.idp(["env", "show", "prod", "-o", "json"])
        .run()
        .success()
        .stdout_has("\"tier\": \"production\"");
    t.idp(["env", "show", "nope"]).run().code(2);
}

#[test]
fn a_direct_change_never_overwrites_local_edits() {
    let t = Test::platform();
    t.write(
        "environments/dev.yaml",
        &format!("{}# my local note\n", t.read("environments/dev.yaml")),
    );
    let before = t.state();
    t.idp([
        "env",
        "set",
        "dev",
        "gates.healthyWithinHours",
        "6",
        "--direct",
    ])
    .run()
    .code(2)
    .stderr_has("local changes to `environments/dev.yaml` would be overwritten");
    assert_eq!(t.state(), before);
    // A pull request does not touch the working tree, so it goes ahead.
    t.idp(["env", "set", "dev", "gates.healthyWithinHours", "6"])
        .run()
        .success();
    assert!(
        t.read("environments/dev.yaml")
            .ends_with("# my local note\n")
    );
}

#[test]
fn a_direct_change_the_remote_already_holds_brings_this_clone_up_to_date() {
    // see issue 18: a rerun after a kill between the push and the local update must end as an
    // uninterrupted run does: this clone's branch and work tree at what the remote holds.
    let t = Test::platform();
    let other = t.root.join("other");
    t.git(
        &t.root,
        &[
            "clone",
            "-q",
            t.remote.to_str().unwrap(),
            other.to_str().unwrap(),
        ],
    );
    let change = [
        "env",
        "set",
        "dev",
        "gates.healthyWithinHours",
        "6",
        "--direct",
    ];
    t.idp(change).current_dir(&other).run().success();
    t.idp(change).run().success();
    assert_eq!(
        t.git(&t.platform, &["rev-parse", "main"]),
        t.git(&t.remote, &["rev-parse", "main"])
    );
    assert!(
        t.read("environments/dev.yaml")
            .contains("healthyWithinHours: 6")
    );
    assert_eq!(t.git(&t.platform, &["status", "--porcelain"]), "");
}

#[test]
fn a_checkout_update_a_killed_idp_left_half_done_is_finished_by_the_next_command() {
    // see issue 18: a kill while the checkout was being updated (after the push) left files of
    // both commits; libgit2 writes the files first and the index last.
    let t = Test::platform();
    let other = t.root.join("other");
    t.git(
        &t.root,
        &[
            "clone",
            "-q",
            t.remote.to_str().unwrap(),
            other.to_str().unwrap(),
        ],
    );
    t.idp([
        "env",
        "set",
        "dev",
        "gates.healthyWithinHours",
        "6",
        "--direct",
    ])
    .current_dir(&other)
    .run()
    .success();
    // This clone: the remote moved, the update of its checkout stopped half way through.
    let old = t
        .git(&t.platform, &["rev-parse", "main"])
        .trim()
        .to_string();
    t.git(&t.platform, &["fetch", "-q", "origin"]);
    let new = t
        .git(&t.platform, &["rev-parse", "origin/main"])
        .trim()
        .to_string();
    t.write("environments/dev.yaml", "half of a fi");
    let journal = serde_json::json!({
        "pid": 999_999_999u32, "branch": "main", "old": old, "new": new,
        "paths": ["environments/dev.yaml"], "landed": true
    });
    std::fs::write(
        t.platform.join(".git/idp-checkout"),
        serde_json::to_vec(&journal).unwrap(),
    )
    .unwrap();
    t.idp([
        "env",
        "set",
        "test",
        "gates.healthyWithinHours",
        "6",
        "--direct",
    ])
    .run()
    .success();
    assert!(
        t.read("environments/dev.yaml")
            .contains("healthyWithinHours: 6")
    );
    assert!(
        t.read("environments/test.yaml")
            .contains("healthyWithinHours: 6")
    );
    assert_eq!(
        t.git(&t.platform, &["rev-parse", "main"]),
        t.git(&t.remote, &["rev-parse", "main"])
    );
    assert_eq!(t.git(&t.platform, &["status", "--porcelain"]), "");
    assert!(!t.platform.join(".git/idp-checkout").exists());
}
