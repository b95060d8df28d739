//! `idp validate`: schemas, cross-file rules and policies, with file:line:column findings.

use crate::harness::Test;

#[test]
fn a_wrong_type_in_an_environment_is_exit_3_with_file_and_line() {
    let t = Test::platform();
    t.write(
        "environments/dev.yaml",
        &t.read("environments/dev.yaml")
            .replace("automated: true", "automated: maybe"),
    );
    t.idp(["validate"])
        .run()
        .code(3)
        .stdout_has("environments/dev.yaml:28:14:")
        .stdout_has("sync.automated")
        .stdout_has("\"maybe\" is not of type \"boolean\"");
}

#[test]
fn unknown_keys_are_errors_at_the_key() {
    let t = Test::platform();
    t.write(
        "idp.yaml",
        &t.read("idp.yaml")
            .replace("domain: acme.example.com", "domian: acme.example.com"),
    );
    let out = t.idp(["validate", "-o", "json"]).run().code(3);
    let findings = out.json();
    let unknown = findings
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "schema/additionalProperties")
        .expect("an unknown-key finding");
    assert_eq!(unknown["file"], "idp.yaml");
    assert_eq!(unknown["path"], "/domian");
    assert_eq!(unknown["line"], 11);
    assert_eq!(unknown["column"], 1);
    assert!(
        unknown["message"]
            .as_str()
            .unwrap()
            .contains("unknown key `domian`")
    );
    assert!(
        findings
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "schema/required"
                && f["message"].as_str().unwrap().contains("domain")),
        "and the missing `domain` is reported in the same run: {findings:#}"
    );
}

#[test]
fn every_finding_is_reported_in_one_run() {
    let t = Test::platform();
    t.write(
        "environments/dev.yaml",
        &t.read("environments/dev.yaml")
            .replace("owner: platform", "owner: nobody"),
    );
    t.write(
        "environments/prod.yaml",
        &t.read("environments/prod.yaml")
            .replace("automated: false", "automated: true"),
    );
    t.write("environments/test.yaml", "name: test\n  bad: [\n");
    let out = t.idp(["validate", "-o", "json"]).run().code(3);
    let rules: Vec<String> = out
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    assert!(
        rules.contains(&"policy/environment_owner".to_string()),
        "{rules:?}"
    );
    assert!(
        rules.contains(&"policy/production_sync_manual".to_string()),
        "{rules:?}"
    );
    assert!(rules.contains(&"yaml".to_string()), "{rules:?}");
    assert!(
        !rules.contains(&"environments/promotion-order".to_string()),
        "an unparsable file does not cascade into order errors: {rules:?}"
    );
}

#[test]
fn the_promotion_order_must_be_one_chain() {
    let t = Test::platform();
    t.write(
        "environments/staging.yaml",
        &t.read("environments/staging.yaml")
            .replace("after: test", "after: dev"),
    );
    t.idp(["validate"])
        .run()
        .code(3)
        .stdout_has(".yaml:15:10:")
        .stdout_has("are both promoted from `dev`");
    t.write(
        "environments/staging.yaml",
        &t.read("environments/staging.yaml")
            .replace("after: dev", "after: nowhere"),
    );
    t.idp(["validate"])
        .run()
        .code(3)
        .stdout_has("names `nowhere`, which is not an environment");
}

#[test]
fn validate_finds_the_platform_by_walking_up_or_by_flag() {
    let t = Test::platform();
    t.idp(["validate"])
        .current_dir(t.path("environments"))
        .run()
        .success();
    t.idp(["--platform", t.platform.to_str().unwrap(), "validate"])
        .current_dir(&t.root)
        .run()
        .success();
    t.idp(["validate"])
        .current_dir(&t.root)
        .env("IDP_PLATFORM", &t.platform)
        .run()
        .success();
    t.idp(["validate"])
        .current_dir(&t.root)
        .run()
        .code(2)
        .stderr_has("no platform repo found")
        .stderr_has("idp init");
}

#[test]
fn validate_paths_limits_the_report_to_those_files() {
    let t = Test::platform();
    t.write(
        "environments/dev.yaml",
        &t.read("environments/dev.yaml")
            .replace("tier: development", "tier: dev"),
    );
    t.idp(["validate", "environments/test.yaml"])
        .run()
        .success();
    t.idp(["validate", "environments"])
        .run()
        .code(3)
        .stdout_has("environments/dev.yaml:8:7:");
    t.idp(["validate", "../outside.yaml"])
        .run()
        .code(2)
        .stderr_has("outside the platform repo");
    t.idp(["validate", "nope.yaml"])
        .run()
        .code(2)
        .stderr_has("does not exist");
}

#[test]
fn a_broken_policy_file_is_reported_with_its_file() {
    let t = Test::platform();
    t.write(
        "policies/broken.rego",
        "package idp.broken\n\ndeny contains x if {\n",
    );
    t.idp(["validate"])
        .run()
        .code(3)
        .stdout_has("policies/broken.rego:")
        .stdout_has("policy/syntax");
}

#[test]
fn secrets_in_files_are_findings() {
    let t = Test::platform();
    t.write(
        "catalog/leak.yaml",
        "token: ghp_0123456789abcdefghijklmnopqrstuvwxyzAB\n",
    );
    t.idp(["validate"])
        .run()
        .code(3)
        .stdout_has("catalog/leak.yaml:1:8:")
        .stdout_has("GitHub token");
}

/// A PGP private key block, built from pieces (so no scanner flags this file).
fn pgp_key() -> String {
    [
        "-----BEGIN PGP ",
        "PRIVATE KEY BLOCK-----\n\n",
        "lQOYBGV0ZXN0AQgAzq1Xc9s2XjY4wQ3Q0dWJ0ZXN0a2V5bm90cmVhbA==\n",
        "-----END PGP ",
        "PRIVATE KEY BLOCK-----\n",
    ]
    .concat()
}

#[test]
fn a_private_key_is_a_finding_with_file_line_and_rule_and_is_never_printed() {
    let t = Test::platform();
    t.write("catalog/notes.md", &format!("# Notes\n\n{}", pgp_key()));
    let out = t
        .idp(["validate"])
        .run()
        .code(3)
        .stdout_has("catalog/notes.md:3:1:")
        .stdout_has("rule secrets/private-key")
        .stdout_lacks("lQOYBGV0ZXN0");
    assert!(!out.stderr.contains("lQOYBGV0ZXN0"));
    let json = t.idp(["validate", "-o", "json"]).run().code(3).json();
    assert!(!json.to_string().contains("lQOYBGV0ZXN0"));
    assert!(!json.to_string().contains("PRIVATE KEY BLOCK"));
}

#[test]
fn the_secrets_allowlist_in_idp_yaml_skips_paths_and_matches() {
    let t = Test::platform();
    let token = ["ghp", "_", "Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0LzXcVbNm"].concat();
    t.write("catalog/fixture.yaml", &format!("token: {token}\n"));
    t.write("docs/example.md", &pgp_key());
    t.idp(["validate"]).run().code(3);
    let config = t.read("idp.yaml");
    t.write(
        "idp.yaml",
        &format!(
            "{config}secrets:\n  allowlist:\n    paths: [\"docs/**\"]\n    regexes: [\"^ghp_Zx9Qw8\"]\n"
        ),
    );
    t.idp(["validate"]).run().success();
    // A bad regex is a finding on idp.yaml, not a crash.
    t.write(
        "idp.yaml",
        &format!("{config}secrets:\n  allowlist:\n    regexes: [\"(\"]\n"),
    );
    t.idp(["validate"])
        .run()
        .code(3)
        .stdout_has("idp.yaml:")
        .stdout_has("is not a regex");
}

#[test]
fn a_change_carrying_a_secret_is_refused_and_writes_nothing() {
    let t = Test::platform();
    let before = t.state();
    let token = ["xo", "xb-", "1234567890-", "Zx9Qw8Er7Ty6Ui5Op4As3Df2"].concat();
    t.idp(["env", "set", "dev", "description", &format!("ping {token}")])
        .run()
        .code(3)
        .stderr_has("environments/dev.yaml:")
        .stderr_has("rule secrets/slack-token")
        .stderr_lacks("Zx9Qw8Er7Ty6");
    assert_eq!(t.state(), before);
}

/// `validate --changed` (what the pull request workflow runs): the files the branch changes,
/// committed or not, and their dependents, with exactly the findings a full run gives for
/// them; a file broken on the base and not touched here is not this branch's to fix.
#[test]
fn changed_checks_what_the_branch_changes_with_the_findings_of_a_full_run() {
    let t = Test::platform();
    let fixture = |kind: &str| {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/requests")
            .join(kind)
            .join("valid.yaml")
    };
    for kind in ["s3", "ecr"] {
        t.idp([
            "provision",
            kind,
            "--env",
            "dev",
            "-f",
            fixture(kind).to_str().unwrap(),
            "--direct",
        ])
        .run()
        .success();
    }
    // Broken on main, behind idp's back.
    let ecr = "requests/ecr/dev/ECR-0001.yaml";
    t.commit_file(
        ecr,
        &t.read(ecr).replace("scanOnPush: true", "scanOnPush: often"),
        "broken",
    );
    t.git(&t.platform, &["push", "-q", "origin", "main"]);
    t.git(&t.platform, &["checkout", "-q", "-b", "feature"]);
    t.idp(["validate", "--changed"]).run().success();

    // This branch breaks the S3 request, uncommitted.
    let s3 = "requests/s3/dev/S3-0001.yaml";
    t.write(
        s3,
        &t.read(s3)
            .replace("versioning: true", "versioning: sometimes"),
    );
    let findings = |args: &[&str]| -> Vec<(String, String)> {
        let out = t.idp(args.iter().copied()).run().code(3);
        out.json()
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["file"].as_str().unwrap().to_string(),
                    f["message"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let full = findings(&["validate", "-o", "json"]);
    assert!(full.iter().any(|(f, _)| f == ecr), "{full:?}");
    let changed = findings(&["validate", "--changed", "-o", "json"]);
    let full_for_s3: Vec<(String, String)> =
        full.iter().filter(|(f, _)| f == s3).cloned().collect();
    assert!(!full_for_s3.is_empty(), "{full:?}");
    assert_eq!(changed, full_for_s3);
    // Committed, the same.
    t.git(&t.platform, &["commit", "-q", "-am", "versioning"]);
    assert_eq!(
        findings(&["validate", "--changed", "-o", "json"]),
        full_for_s3
    );
    // Against the commit before the ECR breakage, that is this branch's too.
    let before = t.git(&t.platform, &["rev-parse", "main~1"]);
    let wider = findings(&[
        "validate",
        "--changed",
        "--base",
        before.trim(),
        "-o",
        "json",
    ]);
    assert!(wider.iter().any(|(f, _)| f == ecr), "{wider:?}");
    // idp.yaml changed: everything is checked.
    let config = t.read("idp.yaml");
    t.write("idp.yaml", &format!("{config}\n"));
    let all = findings(&["validate", "--changed", "-o", "json"]);
    assert!(all.iter().any(|(f, _)| f == ecr), "{all:?}");
    // A base that is not a commit is bad input.
    t.idp(["validate", "--changed", "--base", "no-such-ref"])
        .run()
        .code(2)
        .stderr_has("no-such-ref");
}

/// A dependent: deleting an environment on a branch breaks the promotion chain in the file
/// of the next environment, which the branch did not touch; `--changed` reports it there.
#[test]
fn changed_reports_a_cross_file_rule_in_a_file_the_branch_did_not_touch() {
    let t = Test::platform();
    t.git(&t.platform, &["checkout", "-q", "-b", "feature"]);
    t.git(&t.platform, &["rm", "-q", "environments/dev.yaml"]);
    let out = t
        .idp(["validate", "--changed", "-o", "json"])
        .run()
        .code(3)
        .json();
    let files: Vec<&str> = out
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert!(files.contains(&"environments/test.yaml"), "{out:#}");
}
