//! `idp migrate external-secrets`: objects an earlier idp wrote on `external-secrets.io/v1beta1`
//! (no longer served by the External Secrets Operator) move to `v1` through the pipeline.

use crate::harness::Test;

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
