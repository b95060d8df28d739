//! `idp drift`: the render layer on hand-edited and stale generated files, the cloud layer on
//! recorded Terraform plans, the cluster layer against the Kubernetes API stand-in of the
//! health tests with Argo CD Applications and pods of every kind of drift; remediation by
//! policy, idempotent across reruns and clones.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::harness::{Test, digest};
use crate::health::{KubeApi, TOKEN, kubeconfig};

fn plan(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/terraform")
        .join(name)
}

/// `idp drift ARGS -o json`, expecting exit `code`; its JSON.
fn drift_json(t: &Test, args: &[&str], code: i32) -> Value {
    let mut all = vec!["drift"];
    all.extend_from_slice(args);
    all.extend(["-o", "json"]);
    t.idp(all).run().code(code).json()
}

fn findings(out: &Value) -> Vec<Value> {
    out["findings"].as_array().unwrap().clone()
}

/// An S3 request in dev for `app`'s uploads (a new app: the next number).
fn s3(t: &Test, app: &str, mode: &str) {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/requests/s3/valid.yaml");
    let text = std::fs::read_to_string(fixture)
        .unwrap()
        .replace("id: S3-0001\n", "")
        .replace("payments", app);
    let f = t.root.join(format!("{app}.yaml"));
    std::fs::write(&f, text).unwrap();
    t.idp([
        "provision",
        "s3",
        "--env",
        "dev",
        "-f",
        f.to_str().unwrap(),
        mode,
    ])
    .run()
    .success();
}

#[test]
fn a_clean_platform_has_no_render_drift() {
    let t = Test::with_app();
    let out = drift_json(&t, &["--layer", "render"], 0);
    assert_eq!(out["clean"], true, "{out}");
    assert_eq!(findings(&out), Vec::<Value>::new());
}

#[test]
fn hand_edited_generated_files_are_render_drift_healed_by_one_pull_request() {
    let t = Test::platform();
    s3(&t, "payments", "--direct");
    let tfvars = "envs/dev/s3/generated/S3-0001.auto.tfvars.json";
    let addon = "argocd/dev/addons/kyverno.yaml";
    let values = "addons/kyverno/generated/prod.yaml";
    t.commit_file(tfvars, &t.read(tfvars).replace("true", "false"), "by hand");
    t.commit_file(addon, &t.read(addon).replace("3.4.1", "3.9.9"), "by hand");
    t.commit_file(values, &format!("{}# mine\n", t.read(values)), "by hand");
    let before = t.state();
    let out = drift_json(&t, &["--layer", "render", "--remediate", "alert"], 5);
    assert_eq!(t.state(), before, "alert writes nothing");
    let found = findings(&out);
    let by_file = |f: &str| {
        found
            .iter()
            .find(|x| x["file"] == f)
            .unwrap_or_else(|| panic!("no finding for {f}: {found:#?}"))
            .clone()
    };
    let tf = by_file(tfvars);
    assert_eq!(tf["layer"], "render");
    assert_eq!(tf["env"], "dev");
    assert_eq!(tf["runbook"], "RB-0007");
    assert_eq!(tf["fix"], "idp provision render --fix");
    let app = by_file(addon);
    assert_eq!(app["object"], "Application/kyverno");
    assert!(app["what"].as_str().unwrap().contains("differs"), "{app}");
    assert_eq!(by_file(values)["env"], "prod");
    assert_eq!(found.len(), 3, "{found:#?}");

    // --env narrows to one environment.
    let dev = drift_json(
        &t,
        &["--layer", "render", "--env", "dev", "--remediate", "alert"],
        5,
    );
    assert_eq!(findings(&dev).len(), 2, "{dev}");

    // dev's policy (auto, from its file): one pull request that re-renders dev's files only.
    let out = drift_json(&t, &["--layer", "render", "--env", "dev"], 5);
    let r = &out["remediation"][0];
    assert_eq!(r["policy"], "auto");
    assert_eq!(r["action"], "opened", "{out}");
    assert_eq!(r["outcome"]["branch"], "idp/drift/dev");
    let changed: Vec<&str> = r["outcome"]["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(changed, [addon, tfvars]);
    // A rerun updates nothing and opens nothing.
    let again = drift_json(&t, &["--layer", "render", "--env", "dev"], 5);
    assert_ne!(again["remediation"][0]["action"], "opened", "{again}");
    let prs = t.idp(["pr", "list", "-o", "json"]).run().success().json();
    assert_eq!(prs.as_array().unwrap().len(), 1, "{prs}");
    // Merged, dev is clean.
    let number = prs[0]["number"].as_u64().unwrap().to_string();
    t.idp(["pr", "merge", &number]).run().success();
    t.idp(["drift", "--layer", "render", "--env", "dev"])
        .run()
        .success();
}

#[test]
fn an_app_made_from_an_older_golden_path_names_the_upgrade() {
    let t = Test::with_app();
    let file = "apps/payments/app.yaml";
    let text = t.read(file);
    let older = text.replace("version: 1.1.0", "version: 1.0.0");
    assert_ne!(older, text);
    t.commit_file(file, &older, "an app from before 1.1.0");
    let out = drift_json(&t, &["--layer", "render", "--remediate", "alert"], 5);
    let f = &findings(&out)[0];
    assert_eq!(f["file"], file);
    assert_eq!(f["object"], "app payments");
    assert_eq!(
        f["what"],
        "made from stateless-app 1.0.0; the platform offers stateless-app 1.1.0"
    );
    assert!(f["fix"].as_str().unwrap().contains("upgrade"), "{f}");
}

#[test]
fn the_cloud_layer_reads_plans_and_flags_unexplained_changes_and_data_loss() {
    let t = Test::platform();
    s3(&t, "payments", "--direct");
    s3(&t, "ledger", "--no-push"); // S3-0002 in an open pull request: pending
    let run = |file: &str, code: i32| {
        t.idp([
            "drift",
            "--layer",
            "cloud",
            "--env",
            "dev",
            "--plan",
            plan(file).to_str().unwrap(),
            "-o",
            "json",
        ])
        .run()
        .code(code)
        .json()
    };
    let clean = run("plan-no-changes.json", 0);
    assert_eq!(clean["clean"], true);

    let out = run("plan-drift.json", 5);
    let found = findings(&out);
    let at = |addr: &str| {
        found
            .iter()
            .find(|f| f["object"] == addr)
            .unwrap_or_else(|| panic!("no finding for {addr}: {found:#?}"))
            .clone()
    };
    let update = at("module.s3[\"S3-0001\"].aws_s3_bucket.this[0]");
    assert_eq!(update["file"], "requests/s3/dev/S3-0001.yaml");
    assert_eq!(
        update["what"],
        "Terraform would update it, though request S3-0001 did not change"
    );
    assert_eq!(update["runbook"], "RB-0007");
    let replace = at("module.s3[\"S3-0001\"].aws_s3_bucket_public_access_block.this[0]");
    assert!(
        replace["what"].as_str().unwrap().contains("replace"),
        "{replace}"
    );
    let db = at("module.rds[\"RDS-0007\"].module.db_instance.aws_db_instance.this[0]");
    assert_eq!(db["dangerous"], true, "{db}");
    assert!(
        db["what"].as_str().unwrap().ends_with("this destroys data"),
        "{db}"
    );
    assert_eq!(db["file"], "envs/dev/main.tf");
    let irsa = at("module.addon_irsa[\"external-secrets\"].aws_iam_role.this[0]");
    assert_eq!(irsa["file"], "envs/dev/main.tf");
    // The create of S3-0002 is its open pull request's; no-ops and reads are nothing.
    assert_eq!(found.len(), 4, "{found:#?}");
    assert_eq!(out["explained"], 1);
    // Data loss is never remediated beyond a pull request, and there is nothing in git to
    // change for the cloud: no pull request is opened.
    let r = &out["remediation"][0];
    assert_eq!(r["policy"], "pr", "{r}");
    assert!(r["action"].as_str().unwrap().starts_with("none"), "{r}");

    // The UI form of `terraform plan -json` reads the same.
    let ui = run("plan-ui.jsonl", 5);
    assert_eq!(findings(&ui).len(), 1);
}

#[test]
fn a_plan_that_is_not_one_is_exit_2_and_writes_nothing() {
    let t = Test::platform();
    let bad = t.root.join("plan.json");
    std::fs::write(&bad, "{\"hello\": 1}").unwrap();
    let before = t.state();
    t.idp([
        "drift",
        "--layer",
        "cloud",
        "--env",
        "dev",
        "--plan",
        bad.to_str().unwrap(),
    ])
    .run()
    .code(2)
    .stderr_has("not a Terraform plan");
    t.idp(["drift", "--layer", "cloud", "--plan", bad.to_str().unwrap()])
        .run()
        .code(2)
        .stderr_has("--env");
    t.idp(["drift", "--env", "nowhere"])
        .run()
        .code(2)
        .stderr_has("there is no environment `nowhere`");
    assert_eq!(t.state(), before);
}

/// An Application object as Argo CD reports it.
fn application(name: &str, sync: &str, health: &str, resources: Value) -> Value {
    json!({
        "apiVersion": "argoproj.io/v1alpha1",
        "kind": "Application",
        "metadata": {"name": name, "namespace": "argocd", "labels": {"env": "dev"}},
        "spec": {"project": "default"},
        "status": {
            "sync": {"status": sync},
            "health": {"status": health, "message": if health == "Degraded" { "Deployment has 0/2 ready" } else { "" }},
            "resources": resources,
        },
    })
}

fn pod(name: &str, image: &str, digest: &str) -> Value {
    json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name, "namespace": "payments-dev",
                     "labels": {"app.kubernetes.io/name": "payments"}},
        "spec": {"containers": [{"name": "payments", "image": format!("{image}@{digest}")}]},
        "status": {"phase": "Running", "containerStatuses": [{
            "name": "payments", "ready": true, "restartCount": 0,
            "image": format!("{image}@{digest}"),
            "imageID": format!("{image}@{digest}"),
            "state": {"running": {"startedAt": "2026-12-06T07:00:00Z"}},
        }]},
    })
}

fn write_list(dir: &Path, file: &str, kind: &str, items: Vec<Value>) {
    let list = json!({"apiVersion": "v1", "kind": kind, "metadata": {"resourceVersion": "1"}, "items": items});
    let tmp = dir.join(format!("{file}.tmp"));
    std::fs::write(&tmp, serde_json::to_string_pretty(&list).unwrap()).unwrap();
    std::fs::rename(tmp, dir.join(file)).unwrap();
}

#[test]
fn the_cluster_layer_finds_out_of_sync_degraded_missing_extra_applications_and_other_digests() {
    let t = Test::with_app();
    t.idp([
        "image",
        "set",
        "payments",
        "--env",
        "dev",
        "--digest",
        &digest('a'),
        "--tag",
        "1a2b3c4",
        "--direct",
    ])
    .run()
    .success();
    let api = KubeApi::start(&t, &[]);
    let k = kubeconfig(&t, &api.server(), api.ca.as_deref(), TOKEN);
    // The cluster as git says: every Application of argocd/dev/ Synced and Healthy, the pod on
    // the pinned digest.
    let declared: Vec<String> = crate::manifests::applications(&t.platform)
        .remove("dev")
        .unwrap_or_default()
        .into_iter()
        .map(|(_, app)| app["metadata"]["name"].as_str().unwrap().to_string())
        .collect();
    assert!(
        declared.contains(&"payments-dev".to_string()),
        "{declared:?}"
    );
    let image = "000000000000.dkr.ecr.eu-west-1.amazonaws.com/payments";
    let overlay = t.read("apps/payments/dev/kustomization.yaml");
    let image = overlay
        .lines()
        .find_map(|l| l.trim().strip_prefix("newName: "))
        .unwrap_or(image)
        .to_string();
    let healthy: Vec<Value> = declared
        .iter()
        .map(|n| application(n, "Synced", "Healthy", json!([])))
        .collect();
    write_list(
        &api.dir,
        "applications.json",
        "ApplicationList",
        healthy.clone(),
    );
    write_list(
        &api.dir,
        "pods.json",
        "PodList",
        vec![pod("payments-1", &image, &digest('a'))],
    );
    let run = |code: i32| {
        t.idp([
            "drift",
            "--layer",
            "cluster",
            "--env",
            "dev",
            "--kubeconfig",
            k.to_str().unwrap(),
            "--remediate",
            "alert",
            "-o",
            "json",
        ])
        .run()
        .code(code)
        .json()
    };
    let clean = run(0);
    assert_eq!(clean["clean"], true, "{clean}");

    // Every kind of drift at once.
    let mut apps: Vec<Value> = healthy
        .into_iter()
        .filter(|a| a["metadata"]["name"] != "argo-cd")
        .map(|a| match a["metadata"]["name"].as_str().unwrap() {
            "payments-dev" => application(
                "payments-dev",
                "OutOfSync",
                "Healthy",
                json!([{"group": "apps", "version": "v1", "kind": "Deployment",
                        "namespace": "payments-dev", "name": "payments", "status": "OutOfSync"},
                       {"version": "v1", "kind": "Service", "namespace": "payments-dev",
                        "name": "payments", "status": "Synced"}]),
            ),
            "kyverno" => application("kyverno", "Synced", "Degraded", json!([])),
            _ => a,
        })
        .collect();
    apps.push(application("hand-made", "Synced", "Healthy", json!([])));
    // Another environment's Application in a shared Argo CD is not dev's.
    let mut other = application("payments-test", "OutOfSync", "Degraded", json!([]));
    other["metadata"]["labels"]["env"] = json!("test");
    apps.push(other);
    write_list(&api.dir, "applications.json", "ApplicationList", apps);
    write_list(
        &api.dir,
        "pods.json",
        "PodList",
        vec![
            pod("payments-1", &image, &digest('a')),
            pod("payments-2", &image, &digest('b')),
        ],
    );
    let out = run(5);
    let found = findings(&out);
    let rows: Vec<(String, String, String)> = found
        .iter()
        .map(|f| {
            (
                f["object"].as_str().unwrap().to_string(),
                f["what"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expect = [
        (
            "Application argocd/argo-cd",
            "in git, not in the cluster (is the root app synced?)",
            "argocd/dev/addons/argo-cd.yaml",
        ),
        (
            "Application argocd/kyverno",
            "Degraded: Deployment has 0/2 ready",
            "argocd/dev/addons/kyverno.yaml",
        ),
        (
            "Application argocd/payments-dev",
            "OutOfSync: 1 resource(s) differ from git",
            "argocd/dev/payments.yaml",
        ),
        (
            "Deployment payments-dev/payments",
            "OutOfSync in Application argocd/payments-dev",
            "argocd/dev/payments.yaml",
        ),
        (
            "Application argocd/hand-made",
            "in the cluster, not in git (made by hand?)",
            "argocd/dev/",
        ),
    ];
    for (object, what, file) in expect {
        assert!(
            rows.contains(&(object.into(), what.into(), file.into())),
            "missing ({object}, {what}, {file}) in {rows:#?}"
        );
    }
    let pod_row = rows
        .iter()
        .find(|r| r.0 == "Pod payments-dev/payments-2 (payments)")
        .unwrap_or_else(|| panic!("{rows:#?}"));
    assert_eq!(pod_row.2, "apps/payments/dev/kustomization.yaml");
    assert!(
        pod_row
            .1
            .starts_with("runs sha256:bbbbbbbbbbbb, git pins sha256:aaaaaaaaaaaa")
    );
    assert_eq!(found.len(), 6, "{rows:#?}");
    assert!(
        found
            .iter()
            .all(|f| f["runbook"] == "RB-0007" && f["layer"] == "cluster")
    );

    // Under `pr` and `auto` there is nothing in git to change for the cluster: no pull request
    // (Argo CD syncs; under auto it self-heals).
    for policy in ["pr", "auto"] {
        let out = t
            .idp([
                "drift",
                "--layer",
                "cluster",
                "--env",
                "dev",
                "--kubeconfig",
                k.to_str().unwrap(),
                "--remediate",
                policy,
                "-o",
                "json",
            ])
            .run()
            .code(5)
            .json();
        let r = &out["remediation"][0];
        assert_eq!(r["policy"], policy);
        assert!(r["action"].as_str().unwrap().starts_with("none"), "{r}");
    }
    let prs = t.idp(["pr", "list", "-o", "json"]).run().success().json();
    assert_eq!(prs.as_array().unwrap().len(), 0, "{prs}");
}

#[test]
fn an_unreachable_cluster_is_exit_1_with_the_reason() {
    let t = Test::platform();
    let k = kubeconfig(&t, "https://127.0.0.1:9", None, TOKEN);
    t.idp([
        "drift",
        "--layer",
        "cluster",
        "--env",
        "dev",
        "--kubeconfig",
        k.to_str().unwrap(),
    ])
    .run()
    .code(1)
    .stderr_has("cannot read the cluster of `dev`");
}

#[test]
fn each_run_is_recorded_with_its_counts_and_what_was_done() {
    let t = Test::platform();
    let addon = "argocd/dev/addons/kyverno.yaml";
    t.idp([
        "drift", "--layer", "render", "--env", "dev", "--record", "--direct",
    ])
    .run()
    .success();
    t.commit_file(
        addon,
        &t.read(addon).replace("kyverno", "kyverno-x"),
        "by hand",
    );
    t.idp([
        "drift",
        "--layer",
        "render",
        "--env",
        "dev",
        "--remediate",
        "alert",
        "--record",
        "--direct",
    ])
    .run()
    .code(5);
    let records = crate::records::on(&t, "main", "drift");
    assert_eq!(records.len(), 2, "{records:#?}");
    let (clean, drifted) = (&records[0], &records[1]);
    assert_eq!(clean["env"], "dev");
    assert_eq!(clean["clean"], true);
    assert_eq!(clean["findings"], 0);
    assert_eq!(drifted["clean"], false);
    assert_eq!(drifted["findings"], 1);
    assert_eq!(drifted["by_layer"], json!({"render": 1}));
    assert_eq!(drifted["policy"], "alert");
    assert_eq!(drifted["remediation"], "alert");
    assert_eq!(drifted["sample"][0]["file"], addon);
    assert!(
        drifted["id"].as_str().unwrap().starts_with("D-"),
        "{drifted}"
    );
    let files = crate::records::files(&t, "main", "drift");
    assert!(
        files
            .iter()
            .all(|f| f.starts_with(".idp/records/drift/dev/")),
        "{files:?}"
    );
    // Alert opened nothing.
    let prs = t.idp(["pr", "list", "-o", "json"]).run().success().json();
    assert_eq!(prs.as_array().unwrap().len(), 0, "{prs}");
}

/// Four clones (CI jobs) find the same drift at once: one remediation pull request, not four,
/// and every run that exits reports what is on the remote.
#[test]
fn clones_remediating_at_once_open_one_pull_request() {
    let t = Test::platform();
    let addon = "argocd/dev/addons/kyverno.yaml";
    t.commit_file(addon, &t.read(addon).replace("3.4.1", "3.9.9"), "by hand");
    t.git(&t.platform, &["push", "-q", "origin", "main"]);
    let dirs: Vec<PathBuf> = (0..4).map(|i| t.clone_remote(&format!("c{i}"))).collect();
    let barrier = std::sync::Barrier::new(dirs.len());
    let t = &t;
    let outs: Vec<crate::harness::Output> = std::thread::scope(|s| {
        let handles: Vec<_> = dirs
            .iter()
            .map(|d| {
                let barrier = &barrier;
                s.spawn(move || {
                    let run = t
                        .idp(["drift", "--layer", "render", "--env", "dev", "-o", "json"])
                        .current_dir(d);
                    barrier.wait();
                    run.run()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for o in &outs {
        assert_eq!(o.code, 5, "{}", o.stderr);
    }
    let branches: Vec<String> = t
        .refs(&t.remote)
        .into_keys()
        .filter(|r| r.starts_with("refs/heads/idp/drift/"))
        .collect();
    assert_eq!(branches, ["refs/heads/idp/drift/dev"]);
    t.git(&t.platform, &["pull", "-q", "--ff-only", "origin", "main"]);
    let prs = t.idp(["pr", "list", "-o", "json"]).run().success().json();
    assert_eq!(prs.as_array().unwrap().len(), 1, "{prs}");
}

#[test]
fn a_request_that_does_not_parse_stops_drift_before_anything_is_written() {
    let t = Test::platform();
    s3(&t, "payments", "--direct");
    let request = "requests/s3/dev/S3-0001.yaml";
    t.commit_file(
        request,
        &t.read(request)
            .replace("storageClass: standard", "storageClass: [x"),
        "broken",
    );
    let before = t.state();
    t.idp(["drift", "--layer", "render", "--env", "dev"])
        .run()
        .code(3)
        .stderr_has("idp validate");
    assert_eq!(t.state(), before);
}

/// A remediation is a change like any other: when what idp would write back fails the
/// platform's own checks (here a stricter Application schema the platform keeps), the drift
/// run stops with exit 3 and writes nothing: no branch, no pull request.
#[test]
fn a_remediation_that_fails_validation_is_refused_and_writes_nothing() {
    let t = Test::platform();
    let addon = "argocd/dev/addons/kyverno.yaml";
    t.commit_file(addon, &t.read(addon).replace("3.4.1", "3.9.9"), "by hand");
    let schema = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/kubernetes/application.schema.json"),
    )
    .unwrap();
    let mut strict: Value = serde_json::from_str(&schema).unwrap();
    // Only the `default` project is allowed: idp's add-ons use `platform-system`.
    strict["properties"]["spec"]["properties"]["project"] = json!({"const": "default"});
    t.commit_file(
        "schemas/kubernetes/application.schema.json",
        &serde_json::to_string_pretty(&strict).unwrap(),
        "the platform's stricter Application schema",
    );
    let before = t.state();
    t.idp([
        "drift",
        "--layer",
        "render",
        "--env",
        "dev",
        "--remediate",
        "pr",
    ])
    .run()
    .code(3)
    .stderr_has(&format!("{addon}:"))
    .stderr_has("spec.project");
    assert_eq!(t.state(), before);
    let prs = t.idp(["pr", "list", "-o", "json"]).run().success().json();
    assert_eq!(prs.as_array().unwrap().len(), 0, "{prs}");
}
