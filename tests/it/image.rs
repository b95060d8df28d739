//! `idp image set`: CI's write-back of a build's digest, edited in place, recorded, and never
//! silently over a rollback.

use crate::harness::{Test, digest};

const OVERLAY: &str = "apps/payments/dev/kustomization.yaml";

#[test]
fn image_set_pins_the_digest_in_place_and_records_it() {
    let t = Test::with_app();
    let before = t.read(OVERLAY);
    let out = t
        .idp([
            "image",
            "set",
            "payments",
            "--env",
            "dev",
            "--digest",
            &digest('a'),
            "--tag",
            "dev-1a2b3c4",
            "--direct",
            "-o",
            "json",
        ])
        .run()
        .success()
        .json();
    assert_eq!(out["digest"], digest('a'));
    let after = t.read(OVERLAY);
    // Only the digest and the pods' version label changed: the comments and everything else
    // are as they were.
    let placeholder = format!("sha256:{}", "0".repeat(64));
    assert_eq!(
        after,
        before
            .replace(&placeholder, &digest('a'))
            .replace("version: unreleased", "version: dev-1a2b3c4")
    );
    assert!(after.contains("# The first build's digest replaces this placeholder."));
    // One file of its own, under the app and environment, named by its id.
    let files = crate::records::files(&t, "main", "promotions");
    assert_eq!(files.len(), 1, "{files:?}");
    let r = crate::records::on(&t, "main", "promotions").pop().unwrap();
    let id = r["id"].as_str().unwrap().to_string();
    assert!(
        id.starts_with("P-") && id.len() == "P-20261206T013512.483Z-3f9a1c".len(),
        "{id}"
    );
    assert!(
        files[0].starts_with(".idp/records/promotions/payments/dev/")
            && files[0].ends_with(&format!("/{id}.json")),
        "{files:?}"
    );
    assert_eq!(r["action"], "image-set");
    assert_eq!(r["to"], "dev");
    assert_eq!(r["tag"], "dev-1a2b3c4");
    assert_eq!(r["previous"], placeholder);
    assert_eq!(r["actor"], crate::harness::ACTOR);
    let log = t.git(&t.platform, &["log", "-1", "--format=%B"]);
    assert!(
        log.contains(&format!("Idp-Digest: {}", digest('a'))),
        "{log}"
    );
    // The graph and `why` see it, as a line of text (JSON only with `-o json`).
    let why = t
        .idp(["graph", "why", "payments"])
        .run()
        .success()
        .stdout
        .clone();
    let line = why
        .lines()
        .find(|l| l.trim_start().starts_with(&id))
        .unwrap_or_else(|| panic!("no promotion line: {why}"));
    assert!(
        line.contains("image-set payments → dev") && line.contains("dev-1a2b3c4"),
        "{line}"
    );
    assert!(!why.contains("{\""), "raw JSON in text mode: {why}");
    // The next build: a second record.
    t.idp([
        "image",
        "set",
        "payments",
        "--env",
        "dev",
        "--digest",
        &digest('b'),
        "--direct",
    ])
    .run()
    .success();
    let records = crate::records::on(&t, "main", "promotions");
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["id"], id.as_str());
    assert_eq!(records[1]["digest"], digest('b'));
    assert!(
        records[1]["id"].as_str().unwrap() > id.as_str(),
        "ids sort by time"
    );
}

#[test]
fn a_rollback_is_not_overwritten_without_force() {
    let t = Test::with_app();
    let rollback = format!(
        "{{\"id\":\"P-0001\",\"action\":\"rollback\",\"app\":\"payments\",\"from\":null,\"to\":\"dev\",\"digest\":\"{}\",\"actor\":\"oncall@example.com\"}}\n",
        digest('c')
    );
    t.commit_file(".idp/records/promotions.jsonl", &rollback, "a rollback");
    let before = t.state();
    t.idp([
        "image",
        "set",
        "payments",
        "--env",
        "dev",
        "--digest",
        &digest('d'),
        "--direct",
    ])
    .run()
    .code(2)
    .stderr_has("was rolled back (P-0001, by oncall@example.com)")
    .stderr_has("--force");
    assert_eq!(t.state(), before);
    t.idp([
        "image",
        "set",
        "payments",
        "--env",
        "dev",
        "--digest",
        &digest('d'),
        "--force",
        "--direct",
    ])
    .run()
    .success();
    assert!(t.read(OVERLAY).contains(&digest('d')));
}

#[test]
fn bad_image_input_writes_nothing() {
    let t = Test::with_app();
    let before = t.state();
    for (args, needle) in [
        (
            vec!["--digest", "sha256:abc"],
            "is not `sha256:` and 64 lowercase hex digits",
        ),
        (
            vec!["--digest", &digest('a'), "--tag=-bad"],
            "is not a valid image tag",
        ),
        (
            vec!["--digest", &digest('a'), "--env", "prod", "--tag", "latest"],
            "`latest` never leaves dev",
        ),
        (
            vec!["--digest", &digest('a'), "--env", "qa"],
            "has no overlay for environment `qa`",
        ),
    ] {
        let mut full = vec!["image", "set", "payments"];
        if !args.contains(&"--env") {
            full.extend(["--env", "dev"]);
        }
        full.extend(args.iter().copied());
        full.push("--direct");
        t.idp(&full).run().code(2).stderr_has(needle);
        assert_eq!(t.state(), before, "{full:?} wrote something");
    }
    t.idp([
        "image",
        "set",
        "ledger",
        "--env",
        "dev",
        "--digest",
        &digest('a'),
    ])
    .run()
    .code(2)
    .stderr_has("there is no app `ledger`");
    assert_eq!(t.state(), before);
}

#[test]
fn image_set_in_prod_needs_a_role_that_may() {
    let t = Test::with_app();
    let before = t.state();
    t.idp([
        "image",
        "set",
        "payments",
        "--env",
        "prod",
        "--digest",
        &digest('a'),
        "--direct",
    ])
    .env("IDP_ACTOR", "intern@example.com")
    .run()
    .code(4);
    assert_eq!(t.state(), before);
}

// see issue 18: two `image set` pull requests for different apps: the second could not merge
// ("conflicts in: .idp/records/promotions.jsonl").
#[test]
fn two_image_set_pull_requests_for_different_apps_conflicted_on_the_records() {
    let t = Test::with_app();
    t.idp(["new-app", "billing", "--owner", "platform", "--direct"])
        .run()
        .success();
    for (app, c) in [("payments", 'a'), ("billing", 'b')] {
        t.idp(["image", "set", app, "--env", "dev", "--digest", &digest(c)])
            .run()
            .success();
    }
    t.idp(["pr", "merge", "1"]).run().success();
    t.idp(["pr", "merge", "2"]).run().success();
    for (app, c) in [("payments", 'a'), ("billing", 'b')] {
        let overlay = t.show("main", &format!("apps/{app}/dev/kustomization.yaml"));
        assert!(overlay.contains(&digest(c)), "{app}: {overlay}");
    }
}

/// The label contract's `version` on the pods follows the image: the build's tag, or the
/// digest's first hex digits without one; an overlay written before the label gets it.
#[test]
fn image_set_labels_the_pods_with_the_builds_version() {
    let t = Test::with_app();
    let set = |d: char, tag: Option<&str>| {
        let mut args = vec![
            "image".to_string(),
            "set".into(),
            "payments".into(),
            "--env".into(),
            "dev".into(),
            "--digest".into(),
            digest(d),
            "--direct".into(),
        ];
        if let Some(tag) = tag {
            args.extend(["--tag".into(), tag.into()]);
        }
        t.idp(args).run().success();
    };
    set('a', Some("1a2b3c4d5e6f"));
    let built = crate::manifests::kustomize_dir(&t.path("apps/payments/dev"));
    let pod_labels = built
        .iter()
        .find(|o| o["kind"] == "Deployment")
        .map(|d| d["spec"]["template"]["metadata"]["labels"].clone())
        .unwrap();
    assert_eq!(pod_labels["version"], "1a2b3c4d5e6f", "{pod_labels}");
    assert_eq!(pod_labels["env"], "dev", "{pod_labels}");
    // The selector is not touched: a new version rolls the pods, it does not orphan them.
    let selector = built
        .iter()
        .find(|o| o["kind"] == "Deployment")
        .map(|d| d["spec"]["selector"].to_string())
        .unwrap();
    assert!(!selector.contains("version"), "{selector}");

    set('b', None);
    assert!(
        t.read(OVERLAY)
            .contains(&format!("version: {}", &"b".repeat(12)))
    );

    // Regression: an overlay written before the label existed gets it, and keeps its comments.
    let old = t
        .read(OVERLAY)
        .replace(&format!("      version: {}\n", "b".repeat(12)), "");
    assert!(!old.contains("version:"), "{old}");
    t.commit_file(OVERLAY, &old, "an overlay from before the version label");
    set('c', Some("9f8e7d6"));
    let after = t.read(OVERLAY);
    assert!(after.contains("      version: 9f8e7d6\n"), "{after}");
    assert!(after.contains("# On the pods too"), "{after}");
    crate::manifests::kustomize_dir(&t.path("apps/payments/dev"));
}
