//! `idp provision`: requests for every kind, their guardrails, render checks and lifecycle.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::harness::Test;

const KINDS: [&str; 6] = ["s3", "ebs", "ec2", "ecr", "eks", "secrets"];

fn fixture(kind: &str, file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/requests")
        .join(kind)
        .join(file)
}

fn read_fixture(kind: &str, file: &str) -> Value {
    let text = std::fs::read_to_string(fixture(kind, file)).unwrap();
    idp::yaml::parse(&text).unwrap().value
}

/// Apply `{dotted.path: value}` changes (null deletes) to a request document.
fn apply(doc: &mut Value, changes: &Value) {
    for (path, value) in changes.as_object().unwrap() {
        let keys: Vec<&str> = path.split('.').collect();
        let mut node = &mut *doc;
        for k in &keys[..keys.len() - 1] {
            if !node.get(*k).is_some_and(Value::is_object) {
                node[*k] = serde_json::json!({});
            }
            node = &mut node[*k];
        }
        let last = keys[keys.len() - 1];
        if value.is_null() {
            node.as_object_mut().unwrap().remove(last);
        } else {
            node[last] = value.clone();
        }
    }
}

fn write_json(t: &Test, name: &str, v: &Value) -> PathBuf {
    let p = t.root.join(name);
    std::fs::write(&p, serde_json::to_string_pretty(v).unwrap()).unwrap();
    p
}

#[test]
fn every_kind_makes_one_pull_request_with_its_rendered_files() {
    let t = Test::platform();
    for (n, kind) in KINDS.iter().enumerate() {
        let f = fixture(kind, "valid.yaml");
        let o = t
            .idp([
                "provision",
                kind,
                "--env",
                "dev",
                "-f",
                f.to_str().unwrap(),
                "-o",
                "json",
            ])
            .run()
            .success()
            .json();
        assert_eq!(o["status"], "opened", "{kind}: {o:#}");
        assert_eq!(o["pr"]["number"], n as u64 + 1);
        let files: Vec<&str> = o["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap())
            .collect();
        let id = read_fixture(kind, "valid.yaml")["id"]
            .as_str()
            .unwrap()
            .to_string();
        for want in [
            format!("requests/{kind}/dev/{id}.yaml"),
            format!("envs/dev/{kind}/generated/{id}.auto.tfvars.json"),
            format!("catalog/resources/{id}.yaml"),
        ] {
            assert!(
                files.contains(&want.as_str()),
                "{kind}: {want} missing from {files:?}"
            );
        }
        match *kind {
            "s3" => assert!(
                files.contains(&format!("envs/dev/s3/generated/{id}.iam-policy.json").as_str())
            ),
            "secrets" => assert!(files.contains(
                &format!("envs/dev/secrets/generated/{id}.externalsecret.yaml").as_str()
            )),
            _ => {}
        }
        let pr = o["pr"]["number"].as_u64().unwrap();
        for label in o["pr"]["labels"].as_array().unwrap() {
            t.approve_as_admin(pr, label.as_str().unwrap());
        }
        t.idp(["pr", "merge", &pr.to_string()]).run().success();
    }
    t.idp(["validate"]).run().success();
    t.idp(["provision", "render", "--check"]).run().success();
    let listed = t
        .idp(["provision", "list", "-o", "json"])
        .run()
        .success()
        .json();
    // Six requests, and Keycloak's database that came with the EKS cluster (ADR-0043).
    assert_eq!(listed.as_array().unwrap().len(), 7);
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["status"] == "merged")
    );

    // The S3 Terraform inputs and IAM policy are the contract's, byte for byte on a rerun.
    let tfvars = t.read("envs/dev/s3/generated/S3-0001.auto.tfvars.json");
    let v: Value = serde_json::from_str(&tfvars).unwrap();
    assert_eq!(v["block_public_acls"], true);
    let secret = t.read("envs/dev/secrets/generated/SEC-0001.externalsecret.yaml");
    assert!(
        secret.contains("kind: ExternalSecret") && secret.contains("name: aws-secrets-manager")
    );
    assert!(
        !secret.to_lowercase().contains("password:"),
        "no secret value in git"
    );
    let ecr: Value =
        serde_json::from_str(&t.read("envs/dev/ecr/generated/ECR-0001.auto.tfvars.json")).unwrap();
    assert!(
        ecr["repository_lifecycle_policy"]
            .as_str()
            .unwrap()
            .contains("\"countNumber\":7")
    );
}

#[test]
fn render_check_catches_hand_edits_and_fix_heals_them() {
    let t = Test::platform();
    let f = fixture("s3", "valid.yaml");
    t.idp([
        "provision",
        "s3",
        "--env",
        "dev",
        "-f",
        f.to_str().unwrap(),
        "--direct",
    ])
    .run()
    .success();
    t.idp(["provision", "render", "--check"]).run().success();
    let path = "envs/dev/s3/generated/S3-0001.auto.tfvars.json";
    t.commit_file(
        path,
        &t.read(path)
            .replace("\"force_destroy\": false", "\"force_destroy\": true"),
        "hand edit",
    );
    t.idp(["provision", "render", "--check"])
        .run()
        .code(5)
        .stdout_has(&format!("stale\t{path}"));
    t.commit_file(
        "envs/dev/s3/generated/S3-0099.auto.tfvars.json",
        "{}\n",
        "orphan",
    );
    t.idp(["provision", "render", "--check", "-o", "json"])
        .run()
        .code(5)
        .stdout_has("orphaned");
    t.idp(["provision", "render", "--fix", "--direct"])
        .run()
        .success();
    t.idp(["provision", "render", "--check"]).run().success();
    assert!(
        !t.path("envs/dev/s3/generated/S3-0099.auto.tfvars.json")
            .exists()
    );
}

#[test]
fn schema_rules_of_every_kind_are_refused_precisely() {
    let t = Test::platform();
    let before = t.state();
    let mut checked = 0;
    let mut unknown = 0;
    for kind in KINDS {
        let valid = read_fixture(kind, "valid.yaml");
        let text = std::fs::read_to_string(fixture(kind, "invalid.txt")).unwrap();
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let parts: Vec<&str> = line.split('\t').collect();
            let (field, change, rule) = (parts[0], parts[1], parts[2]);
            let changes = idp::yaml::parse(change).unwrap().value;
            // idp fills the header itself: `--env`, the actor, and the next free ID.
            let filled_by_idp = ["environment", "requester"].contains(&field)
                || (field == "id" && changes["id"].is_null());
            if filled_by_idp {
                continue;
            }
            let mut doc = valid.clone();
            apply(&mut doc, &changes);
            let f = write_json(&t, "request.json", &doc);
            let out = t
                .idp([
                    "provision",
                    kind,
                    "--env",
                    "dev",
                    "-f",
                    f.to_str().unwrap(),
                    "--dry-run",
                ])
                .run();
            // A field the schema does not declare is bad input (exit 2, ADR-0015), named with
            // the input file and line; every other rule is a validation failure (exit 3).
            if out.code == 2 {
                assert!(
                    out.stderr.contains(&format!("unknown field `{field}`"))
                        && out.stderr.contains("request.json:"),
                    "{kind} `{field}` ({rule}): exit 2 but not for this unknown field:\n{}",
                    out.stderr
                );
                unknown += 1;
                checked += 1;
                continue;
            }
            assert_eq!(
                out.code, 3,
                "{kind} `{field}` ({rule}) was not refused with exit 3:\n{}",
                out.stderr
            );
            let leaf = field.rsplit('.').next().unwrap();
            assert!(
                // The file the user gave (issue 24), not the request idp writes from it.
                out.stderr.contains(leaf) && out.stderr.contains("request.json:"),
                "{kind} `{field}` ({rule}): the error does not name the field and file:\n{}",
                out.stderr
            );
            checked += 1;
        }
    }
    assert!(checked > 250, "only {checked} rules checked");
    assert!(
        unknown >= 2 * KINDS.len(),
        "only {unknown} unknown-field rows were exit 2"
    );
    assert_eq!(t.state(), before, "a refused request wrote something");
}

fn s3(t: &Test, env: &str, changes: Value) -> crate::harness::Output {
    let mut doc = read_fixture(
        "s3",
        if env == "prod" {
            "valid-prod.yaml"
        } else {
            "valid.yaml"
        },
    );
    apply(&mut doc, &changes);
    doc.as_object_mut().unwrap().remove("id");
    let f = write_json(t, "s3.json", &doc);
    t.idp(["provision", "s3", "--env", env, "-f", f.to_str().unwrap()])
        .run()
}

#[test]
fn tier_rules_are_guardrails_with_the_rule_in_words() {
    let t = Test::platform();
    let before = t.state();
    s3(
        &t,
        "prod",
        serde_json::json!({"spec.encryption": {"type": "sse-s3"}}),
    )
    .code(3)
    .stderr_has("production buckets require sse-kms encryption")
    .stderr_has("field `spec.encryption.type`");
    s3(
        &t,
        "prod",
        serde_json::json!({"spec.accessLogging": {"enabled": false}}),
    )
    .code(3)
    .stderr_has("production buckets require access logging");
    s3(
        &t,
        "dev",
        serde_json::json!({"spec.bucketName": "other-dev-payments-uploads"}),
    )
    .code(3)
    .stderr_has("bucket names follow `<prefix>-<env>-<app>-<purpose>`");
    assert_eq!(t.state(), before);

    let rds = |env: &str, sets: &[&str]| {
        let mut args = vec![
            "provision",
            "rds",
            "--env",
            env,
            "--owner",
            "platform",
            "--name",
            "ledger",
            "--set",
            "username=ledger_app",
        ];
        for s in sets {
            args.push("--set");
            args.push(s);
        }
        t.idp(args).run()
    };
    rds("dev", &["size=medium"])
        .code(3)
        .stderr_has("development databases are small only");
    rds(
        "prod",
        &["size=small", "backupRetentionDays=7", "multiAz=true"],
    )
    .code(3)
    .stderr_has("at least 14 days");
    rds(
        "staging",
        &["size=small", "storageGb=100", "maxStorageGb=50"],
    )
    .code(3)
    .stderr_has("must be greater than storageGb");
    assert_eq!(t.state(), before);
    // A warning does not block: prod without multi-AZ.
    rds(
        "prod",
        &["size=large", "backupRetentionDays=14", "multiAz=false"],
    )
    .success()
    .stderr_has("production databases should be multi-AZ")
    .stderr_has("rds-large-approved");
}

#[test]
fn deletion_protection_cannot_be_removed_and_prod_databases_need_break_glass() {
    let t = Test::platform();
    t.idp([
        "provision",
        "rds",
        "--env",
        "prod",
        "--owner",
        "platform",
        "--name",
        "ledger",
        "--set",
        "username=ledger_app",
        "--size",
        "small",
        "--set",
        "backupRetentionDays=14",
        "--set",
        "multiAz=true",
        "--direct",
    ])
    .run()
    .success();
    // A hand edit of the generated inputs that drops protection fails validation.
    let path = "envs/prod/rds/generated/RDS-0001.auto.tfvars.json";
    t.write(
        path,
        &t.read(path).replace(
            "\"deletion_protection\": true",
            "\"deletion_protection\": false",
        ),
    );
    t.idp(["validate"])
        .run()
        .code(3)
        .stdout_has("databases are never destroyed by a change");
    t.git(&t.platform, &["checkout", "-q", "--", path]);
    let before = t.state();
    t.idp(["provision", "delete", "RDS-0001"])
        .run()
        .code(3)
        .stderr_has("--break-glass \"destroy RDS-0001\"");
    assert_eq!(t.state(), before);
    let o = t
        .idp([
            "provision",
            "delete",
            "RDS-0001",
            "--break-glass",
            "destroy RDS-0001",
            "-o",
            "json",
        ])
        .run()
        .success()
        .json();
    let deleted: Vec<&str> = o["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "deleted")
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(
        deleted.contains(&"requests/rds/prod/RDS-0001.yaml") && deleted.contains(&path),
        "{deleted:?}"
    );
}

#[test]
fn approvals_check_the_labels_a_pull_request_needs() {
    let t = Test::platform();
    let f = fixture("ec2", "valid.yaml");
    t.idp([
        "provision",
        "ec2",
        "--env",
        "dev",
        "-f",
        f.to_str().unwrap(),
        "--direct",
    ])
    .run()
    .success();
    let req = "requests/ec2/dev/EC2-0001.yaml";
    t.idp(["provision", "approvals", req])
        .run()
        .code(3)
        .stderr_has("missing approval label(s): platform-approved, security-approved");
    t.idp([
        "provision",
        "approvals",
        "--labels",
        "platform-approved",
        req,
    ])
    .run()
    .code(3)
    .stderr_has("security-approved");
    t.idp([
        "provision",
        "approvals",
        "--labels",
        "platform-approved,security-approved",
        req,
    ])
    .run()
    .success();
    // Without files: the requests changed since the base ref.
    t.idp(["provision", "approvals", "--base", "HEAD~1"])
        .run()
        .code(3);
    t.idp(["provision", "approvals", "--base", "HEAD"])
        .run()
        .success();
}

#[test]
fn ids_taken_meanwhile_are_renumbered() {
    let t = Test::platform();
    let f = fixture("ecr", "valid.yaml");
    let mut other = read_fixture("ecr", "valid.yaml");
    other["spec"]["repositoryName"] = Value::from("billing");
    other.as_object_mut().unwrap().remove("id");
    let g = write_json(&t, "ecr2.json", &other);
    // Two requests on two branches: the second does not reuse the first one's number.
    t.idp([
        "provision",
        "ecr",
        "--env",
        "dev",
        "-f",
        f.to_str().unwrap(),
    ])
    .run()
    .success();
    let o = t
        .idp([
            "provision",
            "ecr",
            "--env",
            "dev",
            "-f",
            g.to_str().unwrap(),
            "-o",
            "json",
        ])
        .run()
        .success()
        .json();
    let paths: Vec<&str> = o["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.contains(&"requests/ecr/dev/ECR-0002.yaml"),
        "{paths:?}"
    );
    // A request whose ID was taken on the base (someone merged first) is renumbered on rerun.
    let mut taken = read_fixture("ecr", "valid.yaml");
    taken["spec"]["repositoryName"] = Value::from("ledger");
    let h = write_json(&t, "ecr3.json", &taken);
    t.idp(["pr", "merge", "1"]).run().success();
    let o = t
        .idp([
            "provision",
            "ecr",
            "--env",
            "dev",
            "-f",
            h.to_str().unwrap(),
            "-o",
            "json",
        ])
        .run()
        .success()
        .json();
    let paths: Vec<&str> = o["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.contains(&"requests/ecr/dev/ECR-0003.yaml"),
        "ECR-0001 is on main, ECR-0002 in PR #2: {paths:?}"
    );
}

#[test]
fn a_request_file_with_an_alias_bomb_or_bad_yaml_is_refused() {
    let t = Test::platform();
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..9 {
        let p = i - 1;
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    std::fs::write(t.root.join("bomb.yaml"), bomb).unwrap();
    let before = t.state();
    t.idp(["provision", "s3", "--env", "dev", "-f", "../bomb.yaml"])
        .run()
        .code(2)
        .stderr_has("expands past");
    t.idp(["provision", "s3", "--env", "dev", "-f", "-"])
        .stdin("spec: [\n")
        .run()
        .code(2)
        .stderr_has("<stdin>:");
    t.idp(["provision", "s3", "--env", "nowhere", "--owner", "platform"])
        .run()
        .code(2)
        .stderr_has("no such environment");
    assert_eq!(t.state(), before);
}

fn on_path(tool: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(tool))
        .find(|p| p.is_file())
}

#[test]
fn every_environment_has_a_terraform_root_that_reads_the_generated_inputs() {
    let t = Test::platform();
    t.idp(["env", "add", "qa", "--after", "test", "--direct"])
        .run()
        .success();
    for env in ["dev", "test", "qa", "staging", "prod"] {
        let root = t.read(&format!("envs/{env}/main.tf"));
        assert!(
            root.contains("fileset(\"${path.module}/${kind}/generated\", \"*.auto.tfvars.json\")"),
            "{env}"
        );
        assert!(root.contains("source   = \"terraform-aws-modules/rds/aws\""));
        assert!(root.contains(&format!("key            = \"platform/{env}.tfstate\"")));
    }
    match on_path("terraform") {
        Some(tf) => {
            let out = std::process::Command::new(tf)
                .args(["fmt", "-check", "-recursive", "-diff", "envs"])
                .current_dir(&t.platform)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "terraform fmt -check:\n{}",
                String::from_utf8_lossy(&out.stdout)
            );
        }
        None => eprintln!(
            "terraform is not installed: the .tf files were not checked with `terraform fmt`"
        ),
    }
}

#[test]
fn plan_says_clearly_when_terraform_is_missing() {
    let t = Test::platform();
    t.idp(["provision", "plan", "--env", "dev"])
        .env("PATH", "/nonexistent")
        .env_remove("IDP_TERRAFORM")
        .run()
        .code(2)
        .stderr_has("terraform is not installed");
    t.idp(["provision", "plan", "--env", "nowhere"])
        .run()
        .code(2)
        .stderr_has("envs/nowhere/main.tf");
}

/// Provision `kind` in `env` from its fixture with `changes` applied (the ID left to idp).
fn request(
    t: &Test,
    kind: &str,
    env: &str,
    changes: Value,
    extra: &[&str],
) -> crate::harness::Output {
    let mut doc = read_fixture(
        kind,
        if env == "prod" {
            "valid-prod.yaml"
        } else {
            "valid.yaml"
        },
    );
    apply(&mut doc, &changes);
    doc.as_object_mut().unwrap().remove("id");
    doc["environment"] = Value::from(env);
    let f = write_json(t, &format!("{kind}-{env}.json"), &doc);
    let mut args = vec![
        "provision",
        kind,
        "--env",
        env,
        "-f",
        f.to_str().unwrap(),
        "-o",
        "json",
    ];
    args.extend_from_slice(extra);
    t.idp(args).run()
}

fn labels(out: &crate::harness::Output) -> Vec<String> {
    out.json()["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn approval_routing_follows_the_contract() {
    let t = Test::platform();
    let dry = ["--dry-run"];
    let l = |o: crate::harness::Output| labels(&o.success());
    assert_eq!(
        l(request(&t, "s3", "dev", serde_json::json!({}), &dry)),
        Vec::<String>::new()
    );
    assert_eq!(
        l(request(
            &t,
            "s3",
            "dev",
            serde_json::json!({"spec.publicAccess": "exception-approved"}),
            &dry
        )),
        ["platform-approved", "security-approved"]
    );
    assert_eq!(
        l(request(
            &t,
            "s3",
            "dev",
            serde_json::json!({"spec.purpose.type": "static-assets", "spec.bucketName": "acme-dev-payments-static-assets"}),
            &dry
        )),
        ["platform-approved"]
    );
    assert_eq!(
        l(request(&t, "ebs", "dev", serde_json::json!({}), &dry)),
        ["platform-approved"]
    );
    assert_eq!(
        l(request(&t, "eks", "dev", serde_json::json!({}), &dry)),
        ["platform-approved"]
    );
    assert_eq!(
        l(request(
            &t,
            "eks",
            "dev",
            serde_json::json!({"spec.nodeTier": "xlarge"}),
            &dry
        )),
        ["eks-large-approved", "platform-approved"]
    );
    assert_eq!(
        l(request(
            &t,
            "ecr",
            "dev",
            serde_json::json!({"spec.risk": "high"}),
            &dry
        )),
        ["security-approved"]
    );
    assert_eq!(
        l(request(
            &t,
            "secrets",
            "dev",
            serde_json::json!({"spec.risk": {"tier": "high"}, "spec.rotation": {"rotationClass": "high"}}),
            &dry
        )),
        ["security-approved"]
    );
    assert_eq!(
        l(request(
            &t,
            "ecr",
            "prod",
            serde_json::json!({"spec.risk": "low"}),
            &dry
        )),
        ["platform-approved"]
    );
    // The ECR policy follows the risk: high is immutable and KMS-encrypted, keeping 50 images.
    let o = request(
        &t,
        "ecr",
        "dev",
        serde_json::json!({"spec.risk": "high"}),
        &dry,
    )
    .success()
    .json();
    let tfvars = o["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with(".auto.tfvars.json"))
        .unwrap();
    let diff = tfvars["diff"].as_str().unwrap();
    assert!(
        diff.contains("\"IMMUTABLE\"")
            && diff.contains("\"KMS\"")
            && diff.contains("countNumber\\\":50"),
        "{diff}"
    );
}

#[test]
fn cross_request_rules_are_refused_with_the_rule_in_words() {
    let t = Test::platform();
    let before = t.state();
    request(
        &t,
        "eks",
        "dev",
        serde_json::json!({"spec.nodeMin": 3, "spec.nodeDesired": 2}),
        &[],
    )
    .code(3)
    .stdout_has("nodeMin (3) must not exceed nodeDesired (2)");
    request(
        &t,
        "eks",
        "dev",
        serde_json::json!({"spec.nodeDesired": 5, "spec.nodeMax": 4}),
        &[],
    )
    .code(3)
    .stdout_has("nodeDesired (5) must not exceed nodeMax (4)");
    request(&t, "ebs", "dev", serde_json::json!({"spec.availabilityZone": null, "spec.attachTo": {"ec2Request": "EC2-0042", "deviceName": "/dev/sdf"}}), &[])
        .code(3)
        .stdout_has("names `EC2-0042`, which is not an EC2 request in `dev`");
    request(&t, "s3", "staging", serde_json::json!({"spec.bucketName": "acme-staging-payments-uploads", "spec.accessLogging": {"enabled": true, "targetBucket": "acme-staging-logs"}}), &[])
        .code(3)
        .stdout_has("staging buckets require sse-kms encryption");
    request(&t, "s3", "dev", serde_json::json!({"spec.accessLogging": {"enabled": true, "targetBucket": "acme-prod-logs"}}), &[])
        .code(3)
        .stdout_has("access logs go to the environment's log bucket `acme-dev-logs`");
    assert_eq!(t.state(), before);
    // A build id is unique per environment.
    request(&t, "eks", "dev", serde_json::json!({}), &["--direct"]).success();
    request(
        &t,
        "eks",
        "dev",
        serde_json::json!({"spec.clusterName": "acme-dev-other"}),
        &[],
    )
    .code(3)
    .stdout_has("buildId `25-11-25-01` is already used in `dev`");
    // A request whose id does not match its file name is rejected by `idp validate`.
    let path = "requests/eks/dev/EKS-0001.yaml";
    t.write(path, &t.read(path).replace("id: EKS-0001", "id: EKS-0007"));
    t.idp(["validate"])
        .run()
        .code(3)
        .stdout_has("does not match its file name `EKS-0001.yaml`");
}

#[test]
fn list_shows_requested_approved_and_merged() {
    let t = Test::platform();
    request(
        &t,
        "ecr",
        "prod",
        serde_json::json!({"spec.risk": "low"}),
        &[],
    )
    .success();
    let rows = t
        .idp(["provision", "list", "-o", "json"])
        .run()
        .success()
        .json();
    assert_eq!(rows[0]["status"], "requested");
    assert_eq!(rows[0]["labels"], serde_json::json!(["platform-approved"]));
    t.idp(["pr", "approve", "1", "--label", "platform-approved"])
        .env("IDP_ACTOR", "bob@example.com")
        .run()
        .code(4)
        .stderr_has("pr:approve@platform-approved");
    // The author cannot approve their own request; another admin can.
    t.idp(["pr", "approve", "1", "--label", "platform-approved"])
        .run()
        .code(4)
        .stderr_has("an author cannot approve their own pull request");
    t.approve_as_admin(1, "platform-approved");
    t.idp(["pr", "show", "1"])
        .run()
        .success()
        .stdout_has("approved: platform-approved by grace@example.com");
    t.idp(["provision", "show", "ECR-0001"])
        .run()
        .success()
        .stdout_has("approved");
    t.idp(["pr", "merge", "1"]).run().success();
    t.idp(["provision", "list"])
        .run()
        .success()
        .stdout_has("merged");
}

/// `main.tf` parsed by python-hcl2 (HCL2 → JSON); `None` when python-hcl2 is not installed
/// outside CI (a loud skip); under CI its absence fails the test.
fn parse_hcl(path: &Path) -> Option<serde_json::Value> {
    let out = std::process::Command::new(crate::harness::tools_python())
        .args([
            "-c",
            "import hcl2, json, sys; print(json.dumps(hcl2.load(open(sys.argv[1]))))",
        ])
        .arg(path)
        .output()
        .expect("python runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() && stderr.contains("No module named 'hcl2'") {
        assert!(
            std::env::var_os("CI").is_none(),
            "python-hcl2 is missing: .ci/run installs it"
        );
        eprintln!(
            "python-hcl2 is not installed (run .ci/run): {} not parsed",
            path.display()
        );
        return None;
    }
    assert!(
        out.status.success(),
        "{} does not parse as HCL2:\n{stderr}",
        path.display()
    );
    Some(serde_json::from_slice(&out.stdout).expect("hcl2 prints JSON"))
}

// see issue 20: the EKS Terraform root ignored `gitops_controller: argocd` and
// `ingress_provider: kong`; after `terraform apply` nothing ran Argo CD.
#[test]
fn the_environment_root_bootstraps_argo_cd_with_its_root_app_and_the_add_on_roles() {
    let t = Test::platform();
    request(&t, "eks", "dev", serde_json::json!({}), &["--direct"]).success();
    let inputs = t.read("envs/dev/eks/generated/EKS-0001.auto.tfvars.json");
    let inputs: serde_json::Value = serde_json::from_str(&inputs).unwrap();
    assert_eq!(inputs["gitops_controller"], "argocd");
    assert_eq!(inputs["ingress_provider"], "kong");
    let root = t.read("envs/dev/main.tf");
    // The root app Terraform applies is the file idp writes, read from the repo.
    assert!(
        root.contains("\"${path.module}/../../argocd/dev/root.yaml\""),
        "{root}"
    );
    assert!(t.path("envs/dev/../../argocd/dev/root.yaml").exists());
    let Some(hcl) = parse_hcl(&t.path("envs/dev/main.tf")) else {
        return;
    };
    let releases: Vec<&serde_json::Value> = hcl["resource"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r.get("\"helm_release\""))
        .collect();
    let names: Vec<String> = releases
        .iter()
        .flat_map(|r| r.as_object().unwrap().keys().cloned())
        .collect();
    assert_eq!(names, ["\"argocd\"", "\"root_app\""]);
    let argocd = &releases[0]["\"argocd\""];
    assert_eq!(argocd["chart"], "\"argo-cd\"");
    assert_eq!(argocd["for_each"], "${local.bootstrap}");
    assert!(
        argocd["version"]
            .as_str()
            .unwrap()
            .trim_matches('"')
            .split('.')
            .all(|n| n.parse::<u32>().is_ok()),
        "the chart version is pinned: {}",
        argocd["version"]
    );
    let modules: Vec<String> = hcl["module"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m.as_object().unwrap().keys().cloned())
        .collect();
    assert!(
        modules.contains(&"\"addon_irsa\"".to_string()),
        "{modules:?}"
    );
    // Keycloak's secrets (ADR-0033): made here, under the prefix the External Secrets role reads.
    let secrets: Vec<&serde_json::Value> = hcl["resource"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r.get("\"aws_secretsmanager_secret\""))
        .collect();
    let names: Vec<String> = secrets
        .iter()
        .flat_map(|r| r.as_object().unwrap().values())
        .map(|s| s["name"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        names,
        [
            "\"acme/dev/keycloak/clients/${each.key}\"",
            "\"acme/dev/keycloak/${each.key}\"",
            // Backstage's session secret (ADR-0040), made when Backstage runs in the env.
            "\"acme/dev/backstage/session\""
        ],
        "{secrets:?}"
    );
    assert!(
        root.contains("secret:acme/dev/*\"]"),
        "the role reads acme/dev/*"
    );
}

#[test]
fn provision_with_a_file_takes_the_environment_from_it() {
    // See issue 24: `--env` was required for `provision -f FILE` even when the file said
    // `environment:`.
    let t = Test::platform();
    let mut doc = read_fixture("s3", "valid.yaml");
    doc.as_object_mut().unwrap().remove("id");
    let f = write_json(&t, "s3.json", &doc);
    let env_line = |p: &Path| {
        std::fs::read_to_string(p)
            .unwrap()
            .lines()
            .position(|l| l.contains("\"environment\""))
            .unwrap()
            + 1
    };
    let at = format!("s3.json:{}:", env_line(&f));
    let f = f.to_str().unwrap();
    let before = t.state();
    // Both given and different: refused, naming the file's line, nothing written.
    t.idp(["provision", "s3", "-f", f, "--env", "test", "--direct"])
        .run()
        .code(2)
        .stderr_has(&at)
        .stderr_has("the request says `environment: dev` but `--env test` was given");
    // Neither: refused.
    t.idp([
        "provision",
        "s3",
        "--name",
        "acme-dev-payments-uploads",
        "--direct",
    ])
    .run()
    .code(2)
    .stderr_has("give `--env ENV`, or `environment:` in the request file");
    // An environment the platform lacks, from the file: its line.
    let mut qa = doc.clone();
    qa["environment"] = "qa".into();
    let q = write_json(&t, "qa.json", &qa);
    t.idp(["provision", "s3", "-f", q.to_str().unwrap(), "--direct"])
        .run()
        .code(2)
        .stderr_has(&format!("qa.json:{}:", env_line(&q)))
        .stderr_has("there is no environment `qa`");
    assert_eq!(t.state(), before);
    // The file alone says where it goes; `--env` agreeing is fine too.
    t.idp(["provision", "s3", "-f", f, "--direct"])
        .run()
        .success();
    assert!(t.path("requests/s3/dev/S3-0001.yaml").exists());
    t.idp(["provision", "s3", "-f", f, "--env", "dev", "--dry-run"])
        .run()
        .success();
}

#[test]
fn request_errors_point_at_the_file_the_user_gave_with_its_line() {
    // See issue 24: a schema or policy error in `provision -f FILE` named
    // `requests/s3/dev/S3-0001.yaml:30:17`, a file that does not exist yet.
    let t = Test::platform();
    let text = std::fs::read_to_string(fixture("s3", "valid.yaml"))
        .unwrap()
        .replace("id: S3-0001\n", "")
        .replace("costCenter: cc-1042", "costCenter: ''");
    t.write("../mine.yaml", &text);
    let line = text.lines().position(|l| l.contains("costCenter")).unwrap() + 1;
    let before = t.state();
    let out = t
        .idp(["provision", "s3", "-f", "../mine.yaml", "--dry-run"])
        .run()
        .code(3)
        .stderr_has(&format!("../mine.yaml:{line}:17: "))
        .stderr_has("field `spec.tags.costCenter`");
    assert!(!out.stderr.contains("requests/s3/"), "{}", out.stderr);
    let e = t
        .idp([
            "provision",
            "s3",
            "-f",
            "../mine.yaml",
            "--dry-run",
            "-o",
            "json",
        ])
        .run()
        .code(3)
        .json();
    assert_eq!(e["findings"][0]["file"], "../mine.yaml");
    assert_eq!(e["findings"][0]["line"], line);
    // A policy finding too (production buckets need sse-kms): the line of `encryption.type`.
    let prod = std::fs::read_to_string(fixture("s3", "valid-prod.yaml"))
        .unwrap()
        .replace("id: S3-0001\n", "")
        .replace("type: sse-kms", "type: sse-s3");
    let prod = prod
        .lines()
        .filter(|l| !l.contains("kmsKeyAlias"))
        .collect::<Vec<_>>()
        .join("\n");
    t.write("../prod.yaml", &prod);
    let line = prod
        .lines()
        .position(|l| l.contains("type: sse-s3"))
        .unwrap()
        + 1;
    t.idp(["provision", "s3", "-f", "../prod.yaml", "--dry-run"])
        .run()
        .code(3)
        .stderr_has(&format!("../prod.yaml:{line}:"))
        .stderr_has("sse-kms");
    assert_eq!(t.state(), before);
}

#[test]
fn every_example_request_is_accepted_by_provision_and_complete_for_docs_coverage() {
    let t = Test::platform();
    for kind in ["s3", "rds", "ebs", "ec2", "ecr", "eks", "secrets"] {
        let text = t
            .idp(["provision", "example", kind])
            .run()
            .success()
            .stdout
            .clone();
        assert!(text.starts_with("# "), "{kind}: not commented: {text}");
        let file = format!("../example-{kind}.yaml");
        t.write(&file, &text);
        t.idp(["provision", kind, "-f", &file, "--dry-run"])
            .run()
            .success();
        t.idp(["provision", kind, "-f", &file, "--direct"])
            .run()
            .success();
        let json = t
            .idp(["provision", "example", kind, "-o", "json"])
            .run()
            .success()
            .json();
        assert_eq!(json["environment"], "dev", "{kind}");
    }
    t.idp(["provision", "example", "s4"])
        .run()
        .code(2)
        .stderr_has("invalid value 's4'");
    t.idp(["docs", "lint"]).run().success();
    let rows = t
        .idp(["docs", "coverage", "-o", "json"])
        .run()
        .success()
        .json();
    let requests = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "request")
        .unwrap()
        .clone();
    // With Keycloak's database, which came with the EKS cluster (ADR-0043).
    assert_eq!(requests["total"], 8, "{requests}");
    assert_eq!(requests["covered"], 8, "{requests}");
}

#[test]
fn docs_coverage_accepts_every_request_provision_accepts() {
    // See issue 24: `docs coverage` rejected requests (no `metadata.description`) that
    // `provision` and `docs lint` accepted.
    let t = Test::platform();
    // From the fixtures (a title, no description) and from flags alone (neither).
    for kind in ["ebs", "ec2", "ecr", "secrets"] {
        let mut doc = read_fixture(kind, "valid.yaml");
        doc.as_object_mut().unwrap().remove("id");
        assert!(doc["metadata"].get("description").is_none(), "{kind}");
        let f = write_json(&t, &format!("{kind}.json"), &doc);
        t.idp(["provision", kind, "-f", f.to_str().unwrap(), "--direct"])
            .run()
            .success();
    }
    t.idp([
        "provision",
        "rds",
        "--env",
        "dev",
        "--owner",
        "platform",
        "--name",
        "orders",
        "--set",
        "username=orders_app",
        "--size",
        "small",
        "--direct",
    ])
    .run()
    .success();
    let rds = t.read("requests/rds/dev/RDS-0001.yaml");
    assert!(
        rds.contains("  title: RDS database orders (dev)\n"),
        "{rds}"
    );
    t.idp(["docs", "lint"]).run().success();
    t.idp(["docs", "coverage"]).run().success();
    // A hand-written request with neither a title nor a description is still a gap.
    let mut bare = idp::yaml::parse(&t.read("requests/rds/dev/RDS-0001.yaml"))
        .unwrap()
        .value;
    bare.as_object_mut().unwrap().remove("metadata");
    t.commit_file(
        "requests/rds/dev/RDS-0001.yaml",
        &idp::yaml::to_string(&bare).unwrap(),
        "a request without metadata",
    );
    t.idp(["docs", "coverage"])
        .run()
        .code(3)
        .stdout_has("request:RDS-0001");
}

/// Policies judge the requests a change touches (`input.requests`) and look other requests up
/// in `input.inventory.<kind>` (ADR-0042): an EBS volume finds the EC2 instance already on
/// main through the inventory. A policy set that names no inventory (written before it) still
/// gets every request in `input.requests`, so its cross-request rules keep working.
#[test]
fn policies_look_up_other_requests_in_the_inventory_and_old_policy_sets_still_see_every_request() {
    let t = Test::platform();
    request(&t, "ec2", "dev", serde_json::json!({}), &["--direct"]).success();
    assert!(t.platform.join("requests/ec2/dev/EC2-0001.yaml").exists());
    let attach = serde_json::json!({"spec.availabilityZone": null, "spec.attachTo": {"ec2Request": "EC2-0001", "deviceName": "/dev/sdf"}});
    request(&t, "ebs", "dev", attach.clone(), &["--dry-run"]).success();
    // Before ADR-0042 the lookup read `input.requests`, which then held every request.
    let compute = t.read("policies/requests_compute.rego");
    let old = compute.replace("input.inventory.ec2", "input.requests");
    assert_ne!(old, compute);
    t.commit_file(
        "policies/requests_compute.rego",
        &old,
        "a policy set from before ADR-0042",
    );
    let eks = t.read("policies/requests_eks.rego");
    t.commit_file(
        "policies/requests_eks.rego",
        &eks.replace("input.inventory.eks", "eks"),
        "a policy set from before ADR-0042",
    );
    request(&t, "ebs", "dev", attach, &["--dry-run"]).success();
    request(&t, "ebs", "dev", serde_json::json!({"spec.availabilityZone": null, "spec.attachTo": {"ec2Request": "EC2-0042", "deviceName": "/dev/sdf"}}), &["--dry-run"])
        .code(3)
        .stdout_has("names `EC2-0042`, which is not an EC2 request in `dev`");
}

/// The `databaseName: keycloak` RDS requests of `env` in the platform checkout: (ID, document).
fn keycloak_databases(t: &Test, env: &str) -> Vec<(String, Value)> {
    let dir = t.path(&format!("requests/rds/{env}"));
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, Value)> = entries
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .map(|text| idp::yaml::parse(&text).unwrap().value)
        .filter(|doc| doc["spec"]["databaseName"] == "keycloak")
        .map(|doc| (doc["id"].as_str().unwrap().to_string(), doc))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

// see ADR-0033's scope: the Terraform root wrote `<prefix>/<env>/keycloak/db` with user
// `keycloak` and a random password, but nothing created that user on any RDS instance, nor the
// RDS request whose host it read: Keycloak had no database it could sign in to.
#[test]
fn keycloak_database_is_an_rds_request_made_with_the_cluster_and_read_through_the_contract() {
    let t = Test::platform();
    assert!(keycloak_databases(&t, "dev").is_empty());
    let eks = fixture("eks", "valid.yaml");
    let o = t
        .idp([
            "provision",
            "eks",
            "--env",
            "dev",
            "-f",
            eks.to_str().unwrap(),
            "--direct",
            "-o",
            "json",
        ])
        .run()
        .success();
    assert_eq!(o.json()["request_id"], "EKS-0001", "{}", o.stdout);
    let dbs = keycloak_databases(&t, "dev");
    assert_eq!(dbs.len(), 1, "{dbs:?}");
    let (id, doc) = &dbs[0];
    assert_eq!(doc["spec"]["username"], "keycloak");
    assert_eq!(doc["owner"], "platform");
    assert!(
        t.path(&format!("envs/dev/rds/generated/{id}.auto.tfvars.json"))
            .exists(),
        "{id} is rendered"
    );
    let log = t.git(&t.platform, &["log", "-1", "--format=%B"]);
    assert!(log.contains(&format!("EKS-0001, {id}")), "{log}");
    // Keycloak reads it through the provision contract's ExternalSecret.
    let es =
        idp::yaml::parse(&t.read("addons/keycloak/config/dev/externalsecret-keycloak-db.yaml"))
            .unwrap()
            .value;
    assert_eq!(es["spec"]["target"]["name"], "keycloak-db");
    let data = es["spec"]["data"].as_array().unwrap();
    let keys: Vec<&str> = data
        .iter()
        .map(|d| d["secretKey"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        ["DB_HOST", "DB_PORT", "DB_NAME", "DB_USER", "DB_PASS"]
    );
    for d in data {
        assert_eq!(d["remoteRef"]["key"], "acme/dev/keycloak/postgres", "{d}");
    }
    let values = idp::yaml::parse(&t.read("addons/keycloak/generated/dev.yaml"))
        .unwrap()
        .value;
    assert_eq!(values["database"]["existingSecret"], "keycloak-db");
    assert_eq!(values["database"]["existingSecretKey"], "DB_PASS");
    let env = idp::yaml::parse(values["extraEnv"].as_str().unwrap())
        .unwrap()
        .value;
    let from = |name: &str| -> String {
        let e = env
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == name)
            .unwrap_or_else(|| panic!("{name} missing: {env}"));
        format!(
            "{}/{}",
            e["valueFrom"]["secretKeyRef"]["name"].as_str().unwrap(),
            e["valueFrom"]["secretKeyRef"]["key"].as_str().unwrap()
        )
    };
    assert_eq!(from("KC_DB_URL_HOST"), "keycloak-db/DB_HOST");
    assert_eq!(from("KC_DB_URL_PORT"), "keycloak-db/DB_PORT");
    assert_eq!(from("KC_DB_URL_DATABASE"), "keycloak-db/DB_NAME");
    assert_eq!(from("KC_DB_USERNAME"), "keycloak-db/DB_USER");
    // The Terraform root makes no database account nobody creates.
    let root = t.read("envs/dev/main.tf");
    assert!(!root.contains("username = \"keycloak\""), "{root}");
    assert!(!root.contains("db_name == \"keycloak\""), "{root}");
    t.idp(["validate"])
        .run()
        .success()
        .stdout_lacks("keycloak/");
    // A second cluster in dev: Keycloak's database is there already.
    let mut second = read_fixture("eks", "valid.yaml");
    second.as_object_mut().unwrap().remove("id");
    second["spec"]["clusterName"] = "acme-dev-second".into();
    second["spec"]["buildId"] = "25-11-25-02".into();
    let f = write_json(&t, "eks2.json", &second);
    t.idp([
        "provision",
        "eks",
        "--env",
        "dev",
        "-f",
        f.to_str().unwrap(),
        "--direct",
    ])
    .run()
    .success();
    assert_eq!(keycloak_databases(&t, "dev").len(), 1);
}

#[test]
fn a_cluster_without_keycloaks_database_is_a_warning_and_a_second_database_an_error() {
    let t = Test::platform();
    let eks = fixture("eks", "valid.yaml");
    t.idp([
        "provision",
        "eks",
        "--env",
        "dev",
        "-f",
        eks.to_str().unwrap(),
        "--direct",
    ])
    .run()
    .success();
    let (id, _) = keycloak_databases(&t, "dev").remove(0);
    // Removed by hand: the cluster is flagged, with the command that requests one.
    let path = format!("requests/rds/dev/{id}.yaml");
    std::fs::remove_file(t.path(&path)).unwrap();
    t.git(&t.platform, &["commit", "-q", "-a", "-m", "no keycloak db"]);
    let o = t.idp(["validate"]).run();
    assert!(
        o.stdout.contains("requests/eks/dev/EKS-0001.yaml")
            && o.stdout.contains("keycloak/database")
            && o.stdout.contains(
                "idp provision rds --env dev --owner platform --name keycloak --size small \
                 --set username=keycloak"
            ),
        "{}\n{}",
        o.stdout,
        o.stderr
    );
    // The hint, run: the warning is gone.
    keycloak_database(&t, &[]).success();
    t.idp(["validate"])
        .run()
        .success()
        .stdout_lacks("keycloak/");
    // A second one is an error of the change that adds it.
    keycloak_database(&t, &["--set", "metadata.title=Another"])
        .code(3)
        .stderr_has("rule keycloak/second-database");
    assert_eq!(keycloak_databases(&t, "dev").len(), 1);
}

/// `idp provision rds` of Keycloak's database in `dev` (the hint of `keycloak/database`),
/// `--direct`, with `extra` arguments.
fn keycloak_database(t: &Test, extra: &[&str]) -> crate::harness::Output {
    let mut args = vec![
        "provision",
        "rds",
        "--env",
        "dev",
        "--owner",
        "platform",
        "--name",
        "keycloak",
        "--size",
        "small",
        "--set",
        "username=keycloak",
        "--direct",
    ];
    args.extend(extra);
    t.idp(args).run()
}

/// A rerun of `provision eks` as a pull request keeps the ID its Keycloak database took.
#[test]
fn a_rerun_of_a_clusters_pull_request_keeps_keycloaks_database_id() {
    let t = Test::platform();
    let eks = fixture("eks", "valid.yaml");
    let args = [
        "provision",
        "eks",
        "--env",
        "dev",
        "-f",
        eks.to_str().unwrap(),
        "-o",
        "json",
    ];
    let first = t.idp(args).run().success().json();
    assert_eq!(first["status"], "opened", "{first}");
    let branch = first["branch"].as_str().unwrap().to_string();
    let tree = t.git(&t.platform, &["ls-tree", "-r", "--name-only", &branch]);
    let dbs: Vec<&str> = tree
        .lines()
        .filter(|l| l.starts_with("requests/rds/dev/"))
        .collect();
    assert_eq!(dbs.len(), 1, "{tree}");
    let again = t.idp(args).run().success().json();
    assert_eq!(again["status"], "up-to-date", "{again}");
    let after = t.git(&t.platform, &["ls-tree", "-r", "--name-only", &branch]);
    assert_eq!(tree, after);
}
