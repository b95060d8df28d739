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
    let log = t.git(&t.platform, &["log", "--format=%s", "refs/idp/pulls/1"]);
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

/// A pull request record as idp before ADR-0020 wrote it into `refs/idp/forge`.
fn legacy_record(number: u64, head: &str, state: &str) -> String {
    format!(
        r#"{{"number":{number},"title":"Legacy {number}","body":"","head":"{head}","base":"main","state":"{state}","labels":[],"reviewers":[],"author":"old@example.com","created_at":"2026-11-01T00:00:00Z","updated_at":"2026-11-01T00:00:00Z","head_sha":"0000000000000000000000000000000000000000","url":"idp pr show {number}"}}"#
    )
}

#[test]
fn legacy_forge_records_are_read_then_moved_to_their_own_refs_on_first_write() {
    let t = Test::platform();
    // The old layout: one ref, `pulls/NNNN.json` in its tree.
    let mut entries = String::new();
    for (n, state) in [(1, "merged"), (2, "open")] {
        let blob = t.git_stdin(
            &["hash-object", "-w", "--stdin"],
            &legacy_record(n, &format!("idp/old/{n}"), state),
        );
        entries.push_str(&format!("100644 blob {}\t{n:04}.json\n", blob.trim()));
    }
    let pulls = t.git_stdin(&["mktree"], &entries);
    let top = t.git_stdin(
        &["mktree"],
        &format!("040000 tree {}\tpulls\n", pulls.trim()),
    );
    let old = t.git(
        &t.platform,
        &["commit-tree", top.trim(), "-m", "Open pull request #2"],
    );
    t.git(&t.platform, &["update-ref", "refs/idp/forge", old.trim()]);
    t.git(&t.platform, &["push", "-q", "origin", "refs/idp/forge"]);

    // Read as they are before any write.
    t.idp(["pr", "list", "--state", "all"])
        .run()
        .success()
        .stdout_has("Legacy 1")
        .stdout_has("Legacy 2");
    // The first write moves them and takes the next number.
    t.idp(["adr", "new", "First", "--owner", "platform"])
        .run()
        .success()
        .stderr_has("#3");
    let remote = t.refs(&t.remote);
    for r in ["refs/idp/pulls/1", "refs/idp/pulls/2", "refs/idp/pulls/3"] {
        assert!(remote.contains_key(r), "{r} missing: {remote:?}");
    }
    assert_eq!(
        t.git(&t.remote, &["show", "refs/idp/sequences/pulls:value"])
            .trim(),
        "3"
    );
    // The legacy ref keeps its history and now says where the records went; older versions
    // that parse every `pulls/*.json` stop at that message.
    let moved = t.git(&t.remote, &["show", "refs/idp/forge:pulls/MOVED.json"]);
    assert!(moved.contains("refs/idp/pulls/<n>"), "{moved}");
    assert_eq!(
        t.git(&t.remote, &["rev-parse", "refs/idp/forge^"]).trim(),
        old.trim()
    );
    let shown = t
        .idp(["pr", "show", "2", "-o", "json"])
        .run()
        .success()
        .json();
    assert_eq!(shown["pr"]["title"], "Legacy 2");
}

// see issue 18: two clones one after the other both printed "Opened pull request #1" and the
// remote kept only the second.
#[test]
fn two_clones_opening_pull_requests_one_after_the_other_keep_both() {
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
    t.idp(["adr", "new", "First", "--owner", "platform"])
        .run()
        .success()
        .stderr_has("#1");
    t.idp(["adr", "new", "Second", "--owner", "platform"])
        .current_dir(&other)
        .run()
        .success()
        .stderr_has("#2");
    let remote = t.refs(&t.remote);
    assert!(
        remote.contains_key("refs/heads/idp/adr/0001-first"),
        "{remote:?}"
    );
    assert!(
        remote.contains_key("refs/heads/idp/adr/0002-second"),
        "{remote:?}"
    );
    // Each clone lists both, as the remote holds them.
    for dir in [&t.platform, &other] {
        t.idp(["pr", "list"])
            .current_dir(dir)
            .run()
            .success()
            .stdout_has("ADR-0001: First")
            .stdout_has("ADR-0002: Second");
    }
    // Request IDs too: the second clone has never seen the first one's request.
    for (dir, name) in [(&t.platform, "ledger"), (&other, "billing")] {
        t.idp([
            "provision",
            "rds",
            "--env",
            "dev",
            "--owner",
            "platform",
            "--name",
            name,
            "--size",
            "small",
            "--set",
            "username=app_user",
        ])
        .current_dir(dir)
        .run()
        .success();
    }
    assert!(
        t.git(
            &t.remote,
            &["ls-tree", "-r", "--name-only", "idp/rds/dev-ledger"]
        )
        .contains("requests/rds/dev/RDS-0001.yaml")
    );
    assert!(
        t.git(
            &t.remote,
            &["ls-tree", "-r", "--name-only", "idp/rds/dev-billing"]
        )
        .contains("requests/rds/dev/RDS-0002.yaml")
    );
    // And merging in one clone what the other opened.
    t.idp(["pr", "merge", "4"]).run().success();
    t.idp(["pr", "merge", "3"])
        .current_dir(&other)
        .run()
        .success();
    let main = t.git(&t.remote, &["ls-tree", "-r", "--name-only", "main"]);
    assert!(
        main.contains("RDS-0001") && main.contains("RDS-0002"),
        "{main}"
    );
}

/// A `git` for idp (`IDP_GIT`) that, before each push, moves `main` on `remote` by an empty
/// commit: another clone that always wins the race. With `times`, only that many pushes.
pub fn git_that_loses_every_race(t: &Test, times: Option<u32>) -> std::path::PathBuf {
    let script = t.root.join("racing-git");
    let remote = t.remote.display();
    let limit = times.map_or(String::from("1000000"), |n| n.to_string());
    std::fs::write(
        &script,
        format!(
            r#"#!/bin/sh
# Move main on the remote before each push, as another clone would.
for a in "$@"; do
  if [ "$a" = push ]; then
    n=$(cat "{root}/pushes" 2>/dev/null || echo 0)
    echo $((n + 1)) > "{root}/pushes"
    if [ "$n" -lt {limit} ]; then
      tip=$(git --git-dir="{remote}" rev-parse refs/heads/main)
      tree=$(git --git-dir="{remote}" rev-parse "refs/heads/main^{{tree}}")
      new=$(git --git-dir="{remote}" commit-tree "$tree" -p "$tip" -m "another clone")
      git --git-dir="{remote}" update-ref refs/heads/main "$new" "$tip"
    fi
    break
  fi
done
exec git "$@"
"#,
            root = t.root.display(),
        ),
    )
    .unwrap();
    let status = std::process::Command::new("chmod")
        .args(["+x", script.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(status.success());
    script
}

// see issue 18: a failed `pr merge` (lost race) rolled the ref back but left 23-134 staged
// files in the work tree and index.
#[test]
fn a_merge_that_lost_every_race_left_staged_files() {
    let t = Test::platform();
    t.idp(["env", "add", "qa", "--after", "test"])
        .run()
        .success();
    let status = |t: &Test| t.git(&t.platform, &["status", "--porcelain"]);
    let heads = |t: &Test| t.git(&t.platform, &["for-each-ref", "refs/heads/"]);
    let (files, index, branches) = (t.dir_state(&t.platform).0, status(&t), heads(&t));
    let git = git_that_loses_every_race(&t, None);
    t.idp(["pr", "merge", "1"])
        .env("IDP_GIT", &git)
        .run()
        .code(7)
        .stderr_has("moved on");
    assert_eq!(status(&t), index, "the index or work tree changed");
    assert_eq!(t.dir_state(&t.platform).0, files, "the work tree changed");
    assert_eq!(heads(&t), branches, "a local branch moved");
    assert_eq!(
        pull_state(&t, 1),
        "open",
        "the remote's record says merged while main does not have it"
    );
    // A race lost a few times, then won: merged, and the checkout is clean.
    std::fs::remove_file(t.root.join("pushes")).unwrap();
    let git = git_that_loses_every_race(&t, Some(3));
    t.idp(["pr", "merge", "1"])
        .env("IDP_GIT", &git)
        .run()
        .success()
        .stderr_has("(attempt 4 of ");
    assert_eq!(pull_state(&t, 1), "merged");
    assert!(
        t.git(&t.remote, &["ls-tree", "-r", "--name-only", "main"])
            .contains("environments/qa.yaml")
    );
    assert_eq!(status(&t), "", "the checkout is left with changes");
}

fn pull_state(t: &Test, n: u64) -> String {
    let record = t.git(
        &t.remote,
        &["show", &format!("refs/idp/pulls/{n}:pull.json")],
    );
    let v: serde_json::Value = serde_json::from_str(&record).unwrap();
    v["state"].as_str().unwrap().to_string()
}

#[test]
fn a_merge_the_remote_refuses_leaves_the_checkout_and_refs_as_they_were() {
    // see issue 18: a failed `pr merge` rolled the ref back but left 23–134 staged files.
    let t = Test::platform();
    t.idp(["env", "add", "qa", "--after", "test"])
        .run()
        .success();
    let hook = t.remote.join("hooks/pre-receive");
    std::fs::write(&hook, "#!/bin/sh\necho 'protected branch' >&2\nexit 1\n").unwrap();
    let mut perms = std::fs::metadata(&hook).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&hook, perms).unwrap();
    let before = t.state();
    t.idp(["pr", "merge", "1"])
        .run()
        .code(1)
        .stderr_has("refused the push");
    assert_eq!(t.state(), before);
    assert_eq!(t.git(&t.platform, &["status", "--porcelain"]), "");
}

#[test]
fn pr_merge_works_in_a_bare_repository() {
    let t = Test::platform();
    t.idp(["env", "add", "qa", "--after", "test"])
        .run()
        .success();
    let bare = t.root.join("bare.git");
    t.git(
        &t.root,
        &[
            "clone",
            "-q",
            "--bare",
            t.remote.to_str().unwrap(),
            bare.to_str().unwrap(),
        ],
    );
    t.idp(["pr", "merge", "1", "--platform", bare.to_str().unwrap()])
        .current_dir(&bare)
        .run()
        .success();
    assert!(
        t.git(&t.remote, &["show", "main:environments/qa.yaml"])
            .contains("name: qa")
    );
}

#[test]
fn a_change_committed_but_never_pushed_is_pushed_by_the_rerun() {
    // see issue 18: a commit made before a kill made the rerun print "Unchanged … Pushed to
    // origin" while the branch never reached the remote.
    let t = Test::platform();
    t.idp(["env", "add", "qa", "--after", "test", "--no-push"])
        .run()
        .success();
    assert!(!t.refs(&t.remote).contains_key("refs/heads/idp/env/qa"));
    t.idp(["env", "add", "qa", "--after", "test"])
        .run()
        .success();
    let remote = t.refs(&t.remote);
    assert_eq!(
        remote.get("refs/heads/idp/env/qa"),
        t.refs(&t.platform).get("refs/heads/idp/env/qa")
    );
    let pulls: Vec<&String> = remote
        .keys()
        .filter(|r| r.starts_with("refs/idp/pulls/"))
        .collect();
    assert_eq!(pulls.len(), 1, "{remote:?}");
}

#[test]
fn pr_list_offline_shows_this_clones_view_with_a_warning() {
    let t = Test::platform();
    t.idp(["env", "add", "qa", "--after", "test"])
        .run()
        .success();
    t.git(
        &t.platform,
        &[
            "remote",
            "set-url",
            "origin",
            t.root.join("gone.git").to_str().unwrap(),
        ],
    );
    t.idp(["pr", "list"])
        .run()
        .success()
        .stdout_has("idp/env/qa")
        .stderr_has("showing this clone's last view");
}

// see the CI run of 28c9f14: a merge killed after its push but while it held this clone's
// branch lock; the rerun found the pull request merged, and its catch-up gave up on the lock
// at once, so the checkout stayed behind the remote.
#[test]
fn a_rerun_of_a_landed_merge_waits_out_the_branch_lock_then_catches_up() {
    let t = Test::platform();
    t.idp(["env", "add", "qa", "--after", "test"])
        .run()
        .success();
    let other = t.clone_remote("other");
    t.idp(["pr", "merge", "1"])
        .current_dir(&other)
        .run()
        .success();
    let lock = t.platform.join(".git/refs/heads/main.lock");
    std::fs::write(&lock, "").unwrap();
    let mut rerun = t.idp(["pr", "merge", "1"]).spawn();
    std::thread::sleep(std::time::Duration::from_millis(800));
    std::fs::remove_file(&lock).unwrap();
    rerun.wait().unwrap();
    assert_eq!(
        t.git(&t.platform, &["rev-parse", "main"]),
        t.git(&t.remote, &["rev-parse", "main"]),
        "this clone's main caught up with the merge"
    );
    assert!(t.path("environments/qa.yaml").exists());
    assert_eq!(t.git(&t.platform, &["status", "--porcelain"]), "");
}

/// Open listings skip the records of pull requests this clone saw closed (issue 23: every
/// listing read every record ever made). The cache is a hint checked against each ref's tip:
/// garbage, a wrong commit or no file at all never changes what is listed.
#[test]
fn open_listings_skip_closed_records_and_the_cache_never_changes_the_answer() {
    let t = Test::platform();
    t.idp(["env", "add", "qa", "--after", "test"])
        .run()
        .success();
    t.idp(["pr", "close", "1"]).run().success();
    t.idp(["env", "add", "uat", "--after", "test"])
        .run()
        .success();
    let open = |t: &Test| -> Vec<u64> {
        t.idp(["pr", "list", "-o", "json"])
            .run()
            .success()
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["number"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(open(&t), [2]);
    let cache = t.platform.join(".git/idp/closed-pulls");
    let text = std::fs::read_to_string(&cache).expect("the first listing remembers #1 closed");
    let tip1 = t.git(&t.platform, &["rev-parse", "refs/idp/pulls/1"]);
    assert_eq!(text, format!("1 {}\n", tip1.trim()));
    // A cache that claims the open one closed at another commit, plus garbage: same answer.
    std::fs::write(
        &cache,
        format!("2 {}\nnot a line\n1 {}\n", "0".repeat(40), tip1.trim()),
    )
    .unwrap();
    assert_eq!(open(&t), [2]);
    std::fs::remove_file(&cache).unwrap();
    assert_eq!(open(&t), [2]);
    // Every state is still there for `--state all`.
    let all = t
        .idp(["pr", "list", "--state", "all", "-o", "json"])
        .run()
        .success()
        .json();
    assert_eq!(all.as_array().unwrap().len(), 2);
}
