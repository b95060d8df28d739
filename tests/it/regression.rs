//! Regression tests, named after what broke, each with a one-line "see" (ripgrep's
//! `tests/regression.rs`). A test here fails without the fix it names.
//!
//! The defects of wave 2 (issues 18 to 23) whose regression tests were written beside their
//! command, before this file existed, stay there under names that say what broke;
//! `wave_2_defects_keep_their_regression_tests` checks that each still exists, so a rename or a
//! removal is seen.

use std::path::Path;

use crate::harness::Test;

/// Wave 2 defects tested elsewhere: (what broke, the test that fails without its fix).
const ELSEWHERE: [(&str, &str); 14] = [
    (
        "issue 18: two clones opening PRs one after the other: the first PR was lost",
        "pr.rs: two_clones_opening_pull_requests_one_after_the_other_keep_both",
    ),
    (
        "issue 18: a failed pr merge (lost race) left staged files in the checkout",
        "pr.rs: a_merge_that_lost_every_race_left_staged_files",
    ),
    (
        "issue 18: two image set PRs for different apps conflicted on promotions.jsonl",
        "records.rs: two_image_set_prs_for_different_apps_both_merge",
    ),
    (
        "issue 18: 8 clones opening changes at once: reported successes were lost",
        "concurrency.rs: eight_clones_opening_changes_at_once_lost_reported_successes",
    ),
    (
        "issue 18: 8 processes in one repo printed the same PR number",
        "concurrency.rs: eight_processes_in_one_repo_printed_the_same_pull_request_number",
    ),
    (
        "issue 18: concurrent provision and adr new all took -0001",
        "concurrency.rs: concurrent_provision_and_adr_new_all_took_0001",
    ),
    (
        "issue 18: 6 concurrent --direct runs: 5 failed and left staged changes",
        "concurrency.rs: six_concurrent_direct_changes_left_staged_files",
    ),
    (
        "issue 18: a commit made before a kill made the rerun print Unchanged, never pushed",
        "kill.rs: a_commit_made_before_the_kill_made_the_rerun_print_unchanged_while_the_branch_never_reached_the_remote",
    ),
    (
        "issue 18: SSH remotes failed with `unsupported URL protocol`",
        "remotes.rs: an_ssh_remote_git_at_host_path_is_pushed_to_through_git_ssh_command",
    ),
    (
        "issue 18 (e7c18d5): a rerun of a landed merge gave up on the branch lock",
        "pr.rs: a_rerun_of_a_landed_merge_waits_out_the_branch_lock_then_catches_up",
    ),
    (
        "issue 19: an unverified actor could act as an admin (IDP_ACTOR, git config, trailers)",
        "identity.rs: spoofing_matrix_every_attempt_to_act_as_an_admin_is_refused",
    ),
    (
        "issue 19: approvals were labels anyone could set, not enforced at merge",
        "approvals.rs: an_unapproved_prod_change_is_not_merged",
    ),
    (
        "issue 19 (1c5d02b): on GitHub, an unapproved merge was asked of GitHub where branch \
         protection was missing",
        "github.rs: pr_commands_list_show_approve_merge_and_close_on_github",
    ),
    (
        "issue 19 (5d46ca5): idp login under CI=true waited for a code nobody could enter",
        "identity.rs: login_without_identity_oidc_is_a_usage_error",
    ),
];

#[test]
fn wave_2_defects_keep_their_regression_tests() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it");
    let mut gone = Vec::new();
    for (defect, at) in ELSEWHERE {
        let (file, name) = at.split_once(": ").expect("file: name");
        let text = std::fs::read_to_string(dir.join(file)).unwrap_or_default();
        if !text.contains(&format!("fn {name}(")) {
            gone.push(format!("{defect}: tests/it/{file} has no `fn {name}`"));
        }
    }
    assert!(
        gone.is_empty(),
        "regression tests gone (move them to regression.rs, or update ELSEWHERE):\n{}",
        gone.join("\n")
    );
}

// see 0109368: two processes taking ADR-0001 in the same second made byte-identical sequence
// commits; git took the second push of `refs/idp/sequences/adr` as "up to date", skipped its
// lease, and both ADRs landed as ADR-0001.
#[test]
fn two_processes_taking_adr_0001_made_the_same_sequence_commit() {
    let base = Test::platform();
    let (a, b) = (base.copy_of(), base.copy_of());
    // At once, from the same sequence tip, as the same author: the same second, most runs.
    let runs = [&a, &b].map(|t| t.idp(["adr", "new", "Use Postgres"]).spawn());
    for run in runs {
        let out = run.wait_with_output().expect("idp ran");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let seq = "refs/idp/sequences/adr";
    let [(ca, ma), (cb, mb)] = [&a, &b].map(|t| {
        let log = |format: &str| t.git(&t.remote, &["log", "-1", format, seq]);
        (log("--format=%H"), log("--format=%B"))
    });
    assert!(ma.starts_with("adr: 1"), "{ma}");
    assert_ne!(
        ma, mb,
        "two processes' claims of ADR-0001 carry the same message (no process token)"
    );
    assert_ne!(
        ca, cb,
        "two processes' claims of ADR-0001 are the same commit"
    );
}

// see 4018ea5: the secret scan took a secret's name inside an AWS ARN
// (`arn:aws:secretsmanager:…:secret:acme/prod/…`) for a secret, and refused the Terraform root
// that scopes External Secrets' role.
#[test]
fn a_secret_name_inside_an_aws_arn_was_refused_as_a_secret() {
    let t = Test::platform();
    t.write(
        "envs/dev/extra/main.tf",
        "external_secrets_secrets_manager_arns = [\"arn:aws:secretsmanager:eu-west-1:333333333333:secret:acme/prod/db-Xk29fLq8Zr4tQw\"]\n",
    );
    t.idp(["validate"])
        .run()
        .success()
        .stdout_lacks("secrets/generic-secret");
    // The scan does read that file: a real secret there is refused.
    t.write(
        "envs/dev/extra/main.tf",
        "api_secret = \"Xk29fLq8Zr4tQwPz81LmNb\"\n",
    );
    t.idp(["validate"])
        .run()
        .code(3)
        .stdout_has("envs/dev/extra/main.tf:1:1")
        .stdout_has("secrets/generic-secret");
}

// see 7dfecf4: `image latest` compared push times to the second, so of two pushes in one
// second it picked the older (the flaky ecr test on a loaded CI).
#[test]
fn image_latest_picked_the_older_of_two_pushes_in_one_second() {
    let moto = crate::moto::Moto::start();
    let t = Test::with_app();
    // Two builds pushed back to back from one client: the same second.
    let digests = moto.boto(
        "ecr.create_repository(repositoryName='payments')\n\
         out = []\n\
         for seed, tag in (('a', '1a2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d'), ('b', '9f8e7d6c5b4a39281706f5e4d3c2b1a098765432')):\n\
         \x20   layer = 'sha256:' + seed * 64\n\
         \x20   m = json.dumps({'schemaVersion': 2, 'mediaType': 'application/vnd.docker.distribution.manifest.v2+json', \
         'config': {'mediaType': 'application/vnd.docker.container.image.v1+json', 'size': 1, 'digest': layer}, \
         'layers': [{'mediaType': 'application/vnd.docker.image.rootfs.diff.tar.gzip', 'size': 1, 'digest': layer}]})\n\
         \x20   r = ecr.put_image(repositoryName='payments', imageManifest=m, \
         imageManifestMediaType='application/vnd.docker.distribution.manifest.v2+json', imageTag=tag)\n\
         \x20   out.append(r['image']['imageId']['imageDigest'])\n\
         print(' '.join(out))",
    );
    let newer = digests.split(' ').nth(1).expect("two digests");
    let latest = moto
        .env(t.idp(["image", "latest", "payments", "-o", "json"]))
        .run()
        .success()
        .json();
    assert_eq!(latest["digest"], newer, "{latest:#}");
    assert_eq!(latest["tag"], "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432");
}

// CI at c92fe8c: a measured duration whose fraction had exactly seven digits was filtered as a
// short SHA (`"duration_seconds": 0.[SHORT-SHA]`), so the rollback snapshot differed one run in
// a few; durations are filtered before short SHAs now.
#[test]
fn a_seven_digit_duration_fraction_was_filtered_as_a_short_sha() {
    let t = crate::harness::Test::new();
    let mut text = String::from(r#"{"duration_seconds": 0.1234567, "took": "0.1234567s"}"#);
    for (re, to) in crate::harness::snapshot_filters(&t) {
        text = regex::Regex::new(&re)
            .unwrap()
            .replace_all(&text, to.as_str())
            .into_owned();
    }
    assert_eq!(
        text,
        r#"{"duration_seconds": [DURATION], "took": "[DURATION]"}"#
    );
}

// see 13919ee: a change opened as pull request #1 from one clone landed on `main` from
// another with `--direct`; the rerun in the first clone said "nothing to do" and nothing of #1,
// still open with nothing left to merge.
#[test]
fn a_rerun_that_found_its_change_on_the_base_said_nothing_of_its_open_pull_request() {
    let t = Test::platform();
    let other = t.clone_remote("other");
    let set = |value: &'static str| ["env", "set", "dev", "gates.healthyWithinHours", value];
    let opened = t
        .idp(set("6").iter().chain(&["-o", "json"]))
        .run()
        .success();
    assert_eq!(opened.json()["pr"]["number"], 1, "{}", opened.stdout);
    t.idp(set("6").iter().chain(&["--direct"]))
        .current_dir(&other)
        .run()
        .success();
    let rerun = t
        .idp(set("6").iter().chain(&["-o", "json"]))
        .run()
        .success()
        .stderr_has("pull request #1 from `idp/env/dev-set-gates-healthywithinhours` is still open")
        .stderr_has("`idp pr close 1`");
    let o = rerun.json();
    assert_eq!(o["status"], "no-change", "{}", rerun.stdout);
    assert_eq!(o["stale_pr"]["number"], 1, "{}", rerun.stdout);
    assert_eq!(o["stale_pr"]["url"], "idp pr show 1", "{}", rerun.stdout);
    // Nothing is closed for the user; once they close it, the rerun has nothing to say.
    let pr = t.idp(["pr", "show", "1", "-o", "json"]).run().success();
    assert_eq!(pr.json()["pr"]["state"], "open", "{}", pr.stdout);
    t.idp(["pr", "close", "1"]).run().success();
    let closed = t
        .idp(set("6").iter().chain(&["-o", "json"]))
        .run()
        .success()
        .stderr_lacks("is still open");
    assert!(closed.json().get("stale_pr").is_none(), "{}", closed.stdout);
}

// see 5bb1935: as above, with `backstage enable`: the pull request's database request took
// RDS-0001 and the direct enable RDS-0002, so the pull request is not all on `main`, but it is
// the same change (merging it would give `dev` a second database).
#[test]
fn a_rerun_of_backstage_enable_that_found_it_enabled_said_nothing_of_its_open_pull_request() {
    let t = Test::platform();
    let other = t.clone_remote("other");
    let enable = ["backstage", "enable", "dev", "--tag", "1.0"];
    t.idp(enable).run().success();
    t.idp(enable.iter().chain(&["--direct"]))
        .current_dir(&other)
        .run()
        .success();
    let rerun = t
        .idp(enable.iter().chain(&["-o", "json"]))
        .run()
        .success()
        .stderr_has("pull request #1 from `idp/backstage/enable-dev` is still open")
        .stderr_has("`idp pr close 1`");
    let o = rerun.json();
    assert_eq!(o["status"], "no-change", "{}", rerun.stdout);
    assert_eq!(o["stale_pr"]["number"], 1, "{}", rerun.stdout);
    assert_eq!(
        o["stale_pr"]["branch"], "idp/backstage/enable-dev",
        "{}",
        rerun.stdout
    );
    // Under GitHub Actions, the step's outputs name it too.
    let out_file = t.root.join("github-output");
    t.idp(enable)
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_OUTPUT", &out_file)
        .run()
        .success();
    let outputs = std::fs::read_to_string(&out_file).unwrap();
    assert!(
        outputs.contains("status=no-change\n") && outputs.contains("stale_pr_number=1\n"),
        "{outputs}"
    );
}

// see 5bb1935: the same branch holds a pull request that still changes something (its
// name says which field, not which value): the rerun that finds its own value on the base does
// not call that one stale.
#[test]
fn a_pull_request_that_still_changes_something_is_not_called_stale() {
    let t = Test::platform();
    let other = t.clone_remote("other");
    let set = |value: &'static str| ["env", "set", "dev", "gates.healthyWithinHours", value];
    t.idp(set("7")).run().success();
    t.idp(set("6").iter().chain(&["--direct"]))
        .current_dir(&other)
        .run()
        .success();
    let rerun = t
        .idp(set("6").iter().chain(&["-o", "json"]))
        .run()
        .success()
        .stderr_lacks("is still open");
    assert_eq!(rerun.json()["status"], "no-change", "{}", rerun.stdout);
    assert!(rerun.json().get("stale_pr").is_none(), "{}", rerun.stdout);
}

// see 2883455: a rerun that found the branch and its pull request on `origin` as they
// were printed "Unchanged … already holds this change" and then "Pushed to `origin`".
#[test]
fn a_rerun_that_pushed_nothing_said_pushed_to_origin() {
    let t = Test::platform();
    let args = ["env", "add", "qa", "--after", "test", "-o", "json"];
    let fresh = t.idp(args).run().success().stderr_has("Pushed to `origin`");
    assert_eq!(fresh.json()["pushed"], true, "{}", fresh.stdout);
    let before = t.refs(&t.remote);
    let rerun = t
        .idp(args)
        .run()
        .success()
        .stderr_has("already holds this change, and so does `origin`: nothing pushed")
        .stderr_lacks("Pushed");
    let o = rerun.json();
    assert_eq!(o["status"], "up-to-date", "{}", rerun.stdout);
    assert_eq!(o["pushed"], false, "{}", rerun.stdout);
    assert_eq!(
        t.refs(&t.remote),
        before,
        "the rerun moved a ref on the remote"
    );
}

// see 855d422: `golden-path show` padded its DEFAULT column to the longest default, so one
// long default (or enum) made every row of the table that wide.
#[test]
fn golden_path_show_padded_its_default_column_to_the_longest_default() {
    let t = Test::platform();
    let long = format!("a {} default", "very ".repeat(30));
    t.commit_file(
        "golden-paths/worker/golden-path.yaml",
        &format!(
            "name: worker\nversion: 0.1.0\ndescription: A queue worker.\nextends: stateless-app\n\
             parameters:\n  properties:\n    queue:\n      type: string\n      description: The \
             queue it reads.\n      default: {long}\n    mode:\n      description: How it \
             reads.\n      enum: [at-most-once, at-least-once, exactly-once-if-you-can]\n"
        ),
        "a worker golden path with a long default",
    );
    let out = t
        .idp(["golden-path", "show", "worker"])
        .run()
        .success()
        .stdout_has("\"a very very")
        .stdout_lacks(&long);
    let lines: Vec<&str> = out.stdout.lines().collect();
    let header = lines
        .iter()
        .find(|l| l.contains("PARAMETER"))
        .expect("a header row");
    // In characters, not bytes: a cut cell ends with `…`.
    let column = |line: &str, word: &str| {
        let at = line.find(word).unwrap_or_else(|| panic!("{line}"));
        line[..at].chars().count()
    };
    let required = column(header, "REQUIRED");
    assert!(
        required <= 80,
        "the table is as wide as its longest default:\n{}",
        out.stdout
    );
    // Cut cells keep the columns aligned: `yes` and the descriptions start under their headers.
    for (row, cell) in [
        ("name", "yes"),
        ("queue", "The queue it reads."),
        ("mode", "How it reads."),
    ] {
        let line = lines
            .iter()
            .find(|l| l.trim_start().starts_with(&format!("{row} ")))
            .unwrap_or_else(|| panic!("no row `{row}`:\n{}", out.stdout));
        let at = column(line, cell);
        let want = if cell == "yes" {
            required
        } else {
            column(header, "DESCRIPTION")
        };
        assert_eq!(at, want, "`{row}` is out of line:\n{}", out.stdout);
    }
    // The whole values are in JSON.
    let json = t
        .idp(["golden-path", "show", "worker", "-o", "json"])
        .run()
        .success()
        .json();
    let props = &json["parameters"]["properties"];
    assert_eq!(props["queue"]["default"], long.as_str(), "{json:#}");
    assert_eq!(
        props["mode"]["enum"][2], "exactly-once-if-you-can",
        "{json:#}"
    );
}
