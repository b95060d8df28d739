//! `idp init`: a platform repo from the embedded defaults.

use crate::harness::Test;

#[test]
fn init_creates_a_valid_platform_repo_on_main_with_one_commit() {
    let t = Test::new();
    t.idp(["init", "demo", "--org", "globex", "--region", "us-east-2"])
        .run()
        .success()
        .stderr_has("platform repo `demo` for `globex`");
    let demo = t.root.join("demo");
    for f in [
        "idp.yaml",
        "environments/dev.yaml",
        "environments/test.yaml",
        "environments/staging.yaml",
        "environments/prod.yaml",
        "policies/environment_owner.rego",
        "policies/production_sync_manual.rego",
        "policies/production_gates.rego",
        "catalog/platform-system.yaml",
        "adrs/README.md",
        "runbooks/README.md",
        "runbooks/RB-0001-teardown-an-environment.md",
        "runbooks/RB-0004-failed-promotion-and-rollback.md",
        "runbooks/RB-0008-health-tier-0-cluster-api-nodes-dns.md",
        "envs/prod/main.tf",
        ".github/workflows/idp-pr.yml",
        ".github/workflows/idp-drift.yml",
        "observability/idp-pipeline-rules.yaml",
    ] {
        assert!(demo.join(f).is_file(), "{f} missing");
    }
    assert_eq!(
        t.git(&demo, &["rev-parse", "--abbrev-ref", "HEAD"]).trim(),
        "main"
    );
    assert_eq!(t.git(&demo, &["rev-list", "--count", "HEAD"]).trim(), "1");
    assert_eq!(
        t.git(&demo, &["status", "--porcelain"]),
        "",
        "working tree is clean"
    );
    let msg = t.git(&demo, &["log", "-1", "--format=%B"]);
    assert!(
        msg.contains("Idp-Command: idp init demo --org globex --region us-east-2"),
        "{msg}"
    );
    assert!(msg.contains("Idp-Actor: ada@example.com"), "{msg}");
    let config = std::fs::read_to_string(demo.join("idp.yaml")).unwrap();
    assert!(
        config.contains("org: globex") && config.contains("region: us-east-2"),
        "{config}"
    );
    assert!(
        config.contains("members: [ada@example.com]"),
        "the initialising actor is the first admin"
    );
    let dev = std::fs::read_to_string(demo.join("environments/dev.yaml")).unwrap();
    assert!(
        dev.contains("cluster: globex-dev") && dev.contains("region: us-east-2"),
        "{dev}"
    );
    let workflow = std::fs::read_to_string(demo.join(".github/workflows/idp-pr.yml")).unwrap();
    assert!(workflow.contains("pull_request") && workflow.contains("idp validate"));

    t.idp(["validate"]).current_dir(&demo).run().success();
}

#[test]
fn init_refuses_an_existing_platform_repo_without_force() {
    let t = Test::platform();
    let before = t.state();
    t.idp(["init", "."])
        .run()
        .code(2)
        .stderr_has("already a platform repo")
        .stderr_has("--force");
    assert_eq!(t.state(), before);
}

#[test]
fn init_force_adds_missing_files_and_never_overwrites() {
    let t = Test::platform();
    t.commit_file(
        "idp.yaml",
        &t.read("idp.yaml").replace("org: acme", "org: acme # ours"),
        "edit",
    );
    std::fs::remove_file(t.path("runbooks/README.md")).unwrap();
    t.git(&t.platform, &["commit", "-qam", "drop runbook readme"]);
    t.idp(["init", ".", "--force"])
        .run()
        .success()
        .stderr_has("kept existing `idp.yaml`");
    assert!(
        t.read("idp.yaml").contains("org: acme # ours"),
        "existing file untouched"
    );
    assert!(
        t.path("runbooks/README.md").is_file(),
        "missing file restored"
    );
    assert_eq!(t.git(&t.platform, &["status", "--porcelain"]), "");
}

#[test]
fn init_keeps_unrelated_files_in_a_non_empty_directory() {
    let t = Test::new();
    std::fs::create_dir_all(t.root.join("p")).unwrap();
    std::fs::write(t.root.join("p/notes.txt"), "mine\n").unwrap();
    t.idp(["init", "p"]).run().success();
    assert_eq!(
        std::fs::read_to_string(t.root.join("p/notes.txt")).unwrap(),
        "mine\n"
    );
    let tracked = t.git(&t.root.join("p"), &["ls-files"]);
    assert!(
        !tracked.contains("notes.txt"),
        "init commits only its own files"
    );
}

#[test]
fn init_dry_run_writes_nothing() {
    let t = Test::new();
    t.idp(["init", "demo", "--dry-run"])
        .run()
        .success()
        .stdout_has("+++ b/idp.yaml");
    assert!(!t.root.join("demo/idp.yaml").exists());
    assert!(!t.root.join("demo/.git/refs/heads/main").exists());
}

#[test]
fn init_with_an_invalid_prefix_fails_validation_and_leaves_nothing() {
    let t = Test::new();
    t.idp(["init", "demo", "--prefix", "Not_Valid"])
        .run()
        .code(3)
        .stderr_has("idp.yaml:")
        .stderr_has("naming.prefix");
    assert!(!t.root.join("demo").exists(), "no directory, no repository");
}

/// The README's walkthrough ("From git push to a running pod") quotes what `idp init` prints;
/// it went stale when add-ons were added.
#[test]
fn the_readme_walkthrough_quotes_the_file_count_init_prints() {
    let t = Test::new();
    let out = t.idp(["init", "platform", "--org", "acme"]).run().success();
    let printed = out
        .stderr
        .lines()
        .find_map(|l| {
            let l = l.trim();
            l.strip_prefix("Created platform repo")
                .and_then(|rest| rest.rsplit_once('(').map(|(_, n)| n.to_string()))
        })
        .unwrap_or_else(|| panic!("{}", out.stderr));
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    assert!(
        readme.contains(&format!("`Created platform repo … ({printed}`")),
        "the README's walkthrough should quote `Created platform repo … ({printed}`"
    );
}
