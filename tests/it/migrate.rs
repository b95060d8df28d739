//! `idp migrate external-secrets`: objects an earlier idp wrote on `external-secrets.io/v1beta1`
//! (no longer served by the External Secrets Operator) move to `v1` through the pipeline.

use crate::harness::{Output, Test};

const LEGACY: &str = r#"# Credentials from the secret store (kept by the migration).
apiVersion: external-secrets.io/v1beta1  # written by idp 0.1
kind: ExternalSecret
metadata:
  name: payments-db
spec:
  refreshInterval: 1h
  secretStoreRef:
    kind: ClusterSecretStore
    name: aws-secrets-manager
  target:
    name: payments-db
  dataFrom:
    - extract:
        key: acme/dev/payments
"#;

#[test]
fn v1beta1_external_secrets_are_findings_and_migrate_moves_them_keeping_comments() {
    let t = Test::with_app();
    t.commit_file(
        "apps/payments/dev/externalsecret.yaml",
        LEGACY,
        "an ExternalSecret of idp 0.1",
    );
    t.git(&t.platform, &["push", "-q", "origin", "main"]);
    // What idp writes today is v1; the old file is reported where it says v1beta1.
    t.idp(["validate"])
        .run()
        .code(3)
        .stdout_has("apps/payments/dev/externalsecret.yaml:2:13")
        .stdout_has("\"external-secrets.io/v1\" was expected");
    t.idp(["migrate", "external-secrets", "--direct"])
        .run()
        .success()
        .stderr_has("`apps/payments/dev/externalsecret.yaml` to `external-secrets.io/v1`");
    assert_eq!(
        t.read("apps/payments/dev/externalsecret.yaml"),
        LEGACY.replace("external-secrets.io/v1beta1", "external-secrets.io/v1")
    );
    t.idp(["validate"]).run().success();
    // A second run has nothing to do.
    let before = t.state();
    t.idp(["migrate", "external-secrets", "--direct"])
        .run()
        .success()
        .stderr_has("nothing");
    assert_eq!(t.state(), before);
}

#[test]
fn new_external_secrets_are_written_on_v1() {
    let t = Test::platform();
    t.idp([
        "new-app",
        "ledger",
        "--template",
        "backend-app-rds",
        "--owner",
        "platform",
        "--direct",
    ])
    .run()
    .success();
    let text = t.read("apps/ledger/dev/externalsecret.yaml");
    assert!(
        text.contains("apiVersion: external-secrets.io/v1\n"),
        "{text}"
    );
    t.idp(["migrate", "external-secrets", "--dry-run"])
        .run()
        .success()
        .stderr_has("nothing");
}

/// The starter policies as they were before ADR-0042: the EBS→EC2 and EKS build-id rules
/// looked other requests up in `input.requests` (`git show 745fe13d^:policies/…`).
fn before_adr_0042(file: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/policies/before-adr-0042")
            .join(file),
    )
    .unwrap()
}

/// The starter policy `file` as idp ships it now.
fn starter(file: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("policies")
            .join(file),
    )
    .unwrap()
}

/// `idp provision KIND --env dev` of the request fixture with `changes` (`{dotted.path:
/// value}`, null deletes) and `extra` flags.
fn provision(t: &Test, kind: &str, changes: serde_json::Value, extra: &[&str]) -> Output {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/requests")
        .join(kind)
        .join("valid.yaml");
    let mut doc = idp::yaml::parse(&std::fs::read_to_string(path).unwrap())
        .unwrap()
        .value;
    for (dotted, value) in changes.as_object().unwrap() {
        let keys: Vec<&str> = dotted.split('.').collect();
        let mut node = &mut doc;
        for k in &keys[..keys.len() - 1] {
            node = &mut node[*k];
        }
        let last = keys[keys.len() - 1];
        if value.is_null() {
            node.as_object_mut().unwrap().remove(last);
        } else {
            node[last] = value.clone();
        }
    }
    doc.as_object_mut().unwrap().remove("id");
    let file = t.root.join(format!("{kind}.json"));
    std::fs::write(&file, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let mut args = vec![
        "provision",
        kind,
        "--env",
        "dev",
        "-f",
        file.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    t.idp(args).run()
}

/// The EBS→EC2 and EKS build-id relations, judged against `EC2-0001` and `EKS-0001` on main:
/// a volume of `EC2-0001` and a cluster with another build id are accepted; a volume of an
/// instance that does not exist and a cluster reusing the build id are refused.
fn relations_judge_as_before(t: &Test) {
    let attach = |ec2: &str| {
        serde_json::json!({"spec.availabilityZone": null,
            "spec.attachTo": {"ec2Request": ec2, "deviceName": "/dev/sdf"}})
    };
    let before = t.state();
    provision(t, "ebs", attach("EC2-0001"), &["--dry-run"]).success();
    provision(t, "ebs", attach("EC2-0042"), &["--dry-run"])
        .code(3)
        .stderr_has("names `EC2-0042`, which is not an EC2 request in `dev`");
    provision(
        t,
        "eks",
        serde_json::json!({"spec.buildId": "25-11-25-02", "spec.clusterName": "acme-dev-25112502"}),
        &["--dry-run"],
    )
    .success();
    provision(
        t,
        "eks",
        serde_json::json!({"spec.clusterName": "acme-dev-other"}),
        &["--dry-run"],
    )
    .code(3)
    .stderr_has("buildId `25-11-25-01` is already used in `dev`");
    assert_eq!(t.state(), before);
}

/// A Rego test that gives the policies their requests (idp evaluates it with the policies).
const COMPUTE_TEST: &str = r#"package idp.requests_compute_test

import rego.v1

test_no_request_no_finding if {
	count(data.idp.requests_compute.deny) == 0 with input.requests as []
}
"#;

/// A platform repo on the starter policies from before ADR-0042 (and a test of them), with `EC2-0001` and
/// `EKS-0001` on main.
fn platform_before_adr_0042() -> Test {
    let t = Test::platform();
    for file in ["requests_compute.rego", "requests_eks.rego"] {
        t.commit_file(
            &format!("policies/{file}"),
            &before_adr_0042(file),
            "the starter policies of an idp before ADR-0042",
        );
    }
    t.commit_file(
        "policies/requests_compute_test.rego",
        COMPUTE_TEST,
        "a test of the policies",
    );
    t.git(&t.platform, &["push", "-q", "origin", "main"]);
    provision(&t, "ec2", serde_json::json!({}), &["--direct"]).success();
    provision(&t, "eks", serde_json::json!({}), &["--direct"]).success();
    t
}

#[test]
fn policies_from_before_adr_0042_move_to_the_inventory_and_judge_as_before() {
    let t = platform_before_adr_0042();
    relations_judge_as_before(&t);
    // `idp validate` points at the migration, at each file's first lookup it would move.
    t.idp(["validate"])
        .run()
        .success()
        .stdout_has("policies/requests_compute.rego:31:1")
        .stdout_has("policies/requests_eks.rego:28:1")
        .stdout_has("`idp migrate policy-inventory` moves it to `input.inventory.ec2`");
    // --dry-run shows the moves and writes nothing.
    let before = t.state();
    t.idp(["migrate", "policy-inventory", "--dry-run"])
        .run()
        .success()
        .stderr_has(
            "Would move `policies/requests_compute.rego:31` from `input.requests` to \
             `input.inventory.ec2`",
        )
        .stderr_has("`policies/requests_eks.rego:28` from `eks` to `input.inventory.eks`")
        .stderr_has("warning: policies/requests_compute_test.rego:6:50: this test gives");
    assert_eq!(t.state(), before);
    // One pull request rewriting both files.
    let o = t
        .idp(["migrate", "policy-inventory", "-o", "json"])
        .run()
        .success()
        .json();
    assert_eq!(o["status"], "opened", "{o:#}");
    let files: Vec<&str> = o["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "policies/requests_compute.rego",
            "policies/requests_eks.rego"
        ]
    );
    assert_eq!(
        o["warnings"][0]["file"],
        "policies/requests_compute_test.rego"
    );
    let pr = o["pr"]["number"].as_u64().unwrap().to_string();
    t.idp(["pr", "merge", &pr]).run().success();
    // What idp ships now, but for the comments ADR-0042 added: the rest kept as it was.
    for file in ["requests_compute.rego", "requests_eks.rego"] {
        let shipped: String = starter(file)
            .split_inclusive('\n')
            .filter(|l| !(l.starts_with('#') && l.contains("input.inventory")))
            .collect();
        assert_eq!(t.read(&format!("policies/{file}")), shipped, "{file}");
    }
    t.idp(["validate"])
        .run()
        .success()
        .stdout_lacks("policy/inventory")
        .stdout_lacks("migrate policy-inventory");
    // The inventory holds EC2-0001 and EKS-0001, which the changes below do not touch.
    relations_judge_as_before(&t);
    // A second run has nothing to do.
    let before = t.state();
    t.idp(["migrate", "policy-inventory", "--direct"])
        .run()
        .success()
        .stderr_has("nothing");
    assert_eq!(t.state(), before);
}

/// A rule that relates requests without saying the kind it looks up.
const UNIQUE_TITLES: &str = r#"# Titles are unique across the platform.
package idp.requests_titles

import rego.v1

deny contains v if {
	some r in input.requests
	some o in input.requests # whatever its kind
	r.file != o.file
	r.request.metadata.title == o.request.metadata.title
	v := {"msg": sprintf("title already used by %s", [o.id]), "file": r.file, "path": "/metadata/title"}
}
"#;

#[test]
fn a_lookup_without_its_kind_is_reported_at_its_line_and_nothing_moves() {
    let t = platform_before_adr_0042();
    t.commit_file(
        "policies/requests_titles.rego",
        UNIQUE_TITLES,
        "unique titles",
    );
    t.git(&t.platform, &["push", "-q", "origin", "main"]);
    let before = t.state();
    for extra in [&["--dry-run"][..], &[], &["--direct"]] {
        let mut args = vec!["migrate", "policy-inventory"];
        args.extend_from_slice(extra);
        t.idp(args)
            .run()
            .code(3)
            .stderr_has("policies/requests_titles.rego:8:12: ")
            .stderr_has("ADR-0042")
            .stderr_has("nothing was changed");
        assert_eq!(t.state(), before);
    }
    // The rule left over `input.requests` still sees every request: a cluster with another
    // build id takes the title of `EKS-0001`, on main and untouched.
    provision(
        &t,
        "eks",
        serde_json::json!({"spec.buildId": "25-11-25-02", "spec.clusterName": "acme-dev-25112502"}),
        &["--dry-run"],
    )
    .code(3)
    .stderr_has("title already used by EKS-0001");
}

#[test]
fn the_starter_policies_have_nothing_to_move() {
    let t = Test::platform();
    let before = t.state();
    t.idp(["migrate", "policy-inventory", "--direct"])
        .run()
        .success()
        .stderr_has("nothing: no policy on `main` looks other requests up");
    assert_eq!(t.state(), before);
}
