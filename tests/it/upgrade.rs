//! `idp upgrade`: a newer golden path re-applied to an app repository as a three-way merge.

use std::path::PathBuf;

use crate::harness::Test;

/// A platform with `payments` created, merged, cloned; and `stateless-app` ejected into the
/// platform repo so a test can publish a new version of it.
fn setup() -> (Test, PathBuf) {
    let t = Test::platform();
    t.idp(["new-app", "payments", "--owner", "platform"])
        .run()
        .success();
    t.idp(["pr", "merge", "1"]).run().success();
    t.idp(["golden-path", "eject", "stateless-app", "--direct"])
        .run()
        .success();
    let clone = t.root.join("payments");
    let url = t.path(".idp/repos/payments.git");
    t.git(
        &t.root,
        &[
            "clone",
            "-q",
            url.to_str().unwrap(),
            clone.to_str().unwrap(),
        ],
    );
    (t, clone)
}

/// Publish stateless-app 1.2.0 with one template change.
fn bump(t: &Test, from: &str, to: &str) {
    let manifest = t
        .read("golden-paths/stateless-app/golden-path.yaml")
        .replace("version: 1.1.0", "version: 1.2.0");
    t.write("golden-paths/stateless-app/golden-path.yaml", &manifest);
    let docker = t
        .read("golden-paths/stateless-app/app/Dockerfile")
        .replace(from, to);
    t.write("golden-paths/stateless-app/app/Dockerfile", &docker);
    t.git(&t.platform, &["commit", "-qam", "stateless-app 1.2.0"]);
}

fn upgrade(t: &Test, clone: &PathBuf, extra: &[&str]) -> crate::harness::Run {
    let mut args = vec!["--platform", t.platform.to_str().unwrap(), "upgrade"];
    args.extend_from_slice(extra);
    t.idp(args).current_dir(clone)
}

#[test]
fn upgrade_keeps_local_edits_and_applies_the_template_change() {
    let (t, clone) = setup();
    upgrade(&t, &clone, &["--check"])
        .run()
        .success()
        .stderr_has("Up to date");
    bump(&t, "python:3.12-slim", "python:3.13-slim");
    upgrade(&t, &clone, &["--check"])
        .run()
        .code(5)
        .stderr_has("stateless-app 1.1.0 → stateless-app 1.2.0");

    // The team edits the README; the template changes the Dockerfile.
    let readme = std::fs::read_to_string(clone.join("README.md")).unwrap() + "\nOur own notes.\n";
    std::fs::write(clone.join("README.md"), readme).unwrap();
    t.git(&clone, &["commit", "-qam", "team notes"]);

    let o = upgrade(&t, &clone, &["-o", "json"]).run().success().json();
    assert_eq!(o["status"], "opened");
    assert_eq!(o["from"], "stateless-app 1.1.0");
    assert_eq!(o["to"], "stateless-app 1.2.0");
    let branch = o["branch"].as_str().unwrap().to_string();
    assert_eq!(branch, "idp/upgrade/stateless-app-1.2.0");
    let docker = t.git(&clone, &["show", &format!("{branch}:Dockerfile")]);
    assert!(docker.contains("python:3.13-slim"), "{docker}");
    let readme = t.git(&clone, &["show", &format!("{branch}:README.md")]);
    assert!(readme.ends_with("Our own notes.\n"), "local edit kept");
    let answers = t.git(&clone, &["show", &format!("{branch}:.idp/answers.yaml")]);
    assert!(answers.contains("version: 1.2.0"), "{answers}");
    // The working tree and main of the clone are untouched until the PR merges.
    assert!(
        std::fs::read_to_string(clone.join("Dockerfile"))
            .unwrap()
            .contains("python:3.12-slim")
    );

    // --direct lands it on main; the next upgrade has nothing to do.
    upgrade(&t, &clone, &["--direct"]).run().success();
    assert!(
        std::fs::read_to_string(clone.join("Dockerfile"))
            .unwrap()
            .contains("python:3.13-slim")
    );
    assert_eq!(t.git(&clone, &["status", "--porcelain"]), "");
    upgrade(&t, &clone, &["--check"]).run().success();
    let parents = t.git(&clone, &["log", "-1", "--format=%P"]);
    assert_eq!(
        parents.split_whitespace().count(),
        2,
        "the upgrade commit records the new pristine render"
    );
}

#[test]
fn a_conflicting_upgrade_reports_each_file_and_writes_nothing() {
    let (t, clone) = setup();
    bump(&t, "python:3.12-slim", "python:3.13-slim");
    let docker = std::fs::read_to_string(clone.join("Dockerfile"))
        .unwrap()
        .replace("python:3.12-slim", "python:3.12-alpine");
    std::fs::write(clone.join("Dockerfile"), docker).unwrap();
    t.git(&clone, &["commit", "-qam", "alpine"]);
    let before = t.dir_state(&clone);
    upgrade(&t, &clone, &[])
        .run()
        .code(3)
        .stderr_has("conflicts in: Dockerfile");
    upgrade(&t, &clone, &["--direct"])
        .run()
        .code(3)
        .stderr_has("conflicts in: Dockerfile");
    assert_eq!(
        t.dir_state(&clone),
        before,
        "no conflict markers, no .rej files, no refs moved"
    );
}

#[test]
fn upgrade_outside_an_idp_repo_is_bad_input() {
    let t = Test::platform();
    let plain = t.root.join("plain");
    std::fs::create_dir_all(&plain).unwrap();
    t.git(&plain, &["init", "-q"]);
    std::fs::write(plain.join("x"), "x").unwrap();
    t.git(&plain, &["add", "x"]);
    t.git(&plain, &["commit", "-qm", "x"]);
    upgrade(&t, &plain, &[])
        .run()
        .code(2)
        .stderr_has("not generated by idp");
}
