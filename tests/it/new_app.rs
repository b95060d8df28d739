//! `idp new-app` and `idp golden-path`: the app repository and one platform pull request.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::Test;
use crate::manifests::kustomize;

fn repos(t: &Test) -> PathBuf {
    t.path(".idp/repos")
}

#[test]
fn backend_app_rds_creates_the_repo_and_one_pull_request_with_every_file() {
    let t = Test::platform();
    let out = t
        .idp([
            "new-app",
            "payments",
            "--template",
            "backend-app-rds",
            "--owner",
            "team-payments",
            "-o",
            "json",
        ])
        .run()
        .success();
    let o = out.json();
    assert_eq!(o["status"], "opened");
    assert_eq!(o["entity_ref"], "component:default/payments");
    assert_eq!(o["pr"]["number"], 1);
    let repo_url = o["repository"].as_str().unwrap().to_string();
    assert!(repo_url.ends_with(".idp/repos/payments.git"), "{repo_url}");
    assert!(
        Path::new(&repo_url).join("HEAD").is_file(),
        "a bare repository on the local forge"
    );
    assert_eq!(
        o["pr"]["labels"],
        serde_json::json!(["platform-approved"]),
        "prod database needs platform approval"
    );

    let files: Vec<String> = o["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    let mut expected = vec![
        "apps/payments/app.yaml".to_string(),
        "apps/payments/base/kustomization.yaml".into(),
        "apps/payments/base/deployment.yaml".into(),
        "apps/payments/base/service.yaml".into(),
        "apps/payments/base/prometheusrule.yaml".into(),
        "apps/payments/base/dashboard.yaml".into(),
        "apps/payments/base/servicemonitor.yaml".into(),
        "catalog/components/payments.yaml".into(),
    ];
    for (n, env) in ["dev", "test", "staging", "prod"].iter().enumerate() {
        for f in [
            "kustomization.yaml",
            "ingress.yaml",
            "kongplugins.yaml",
            "externalsecret.yaml",
        ] {
            expected.push(format!("apps/payments/{env}/{f}"));
        }
        expected.push(format!("argocd/{env}/payments.yaml"));
        // Its team's AppProject now allows its namespace.
        expected.push(format!("argocd/{env}/projects/team-payments.yaml"));
        expected.push(format!("requests/rds/{env}/RDS-000{}.yaml", n + 1));
        expected.push(format!(
            "envs/{env}/rds/generated/RDS-000{}.externalsecret.yaml",
            n + 1
        ));
        expected.push(format!("catalog/resources/RDS-000{}.yaml", n + 1));
        expected.push(format!(
            "envs/{env}/rds/generated/RDS-000{}.auto.tfvars.json",
            n + 1
        ));
    }
    // The app's image repository, requested through the provision contract (in the first
    // environment: every environment pulls from it).
    for f in [
        "requests/ecr/dev/ECR-0001.yaml",
        "envs/dev/ecr/generated/ECR-0001.auto.tfvars.json",
        "catalog/resources/ECR-0001.yaml",
    ] {
        expected.push(f.to_string());
    }
    for f in &expected {
        assert!(files.contains(f), "{f} missing from the PR: {files:#?}");
    }
    assert_eq!(files.len(), expected.len(), "{files:#?}");

    // GitOps: automated sync except prod; TLS only on the prod host.
    let dev_app = t.show("idp/app/payments", "argocd/dev/payments.yaml");
    assert!(
        dev_app.contains("automated:\n      prune: true\n      selfHeal: true"),
        "{dev_app}"
    );
    let prod_app = t.show("idp/app/payments", "argocd/prod/payments.yaml");
    assert!(!prod_app.contains("automated"), "{prod_app}");
    let prod_ingress = t.show("idp/app/payments", "apps/payments/prod/ingress.yaml");
    assert!(
        prod_ingress.contains("host: payments.acme.example.com")
            && prod_ingress.contains("cert-manager.io/cluster-issuer")
    );
    let dev_ingress = t.show("idp/app/payments", "apps/payments/dev/ingress.yaml");
    assert!(
        dev_ingress.contains("host: payments.dev.acme.example.com")
            && !dev_ingress.contains("tls:")
    );
    let secret = t.show("idp/app/payments", "apps/payments/prod/externalsecret.yaml");
    assert!(
        secret.contains("key: acme/prod/payments/postgres")
            && secret.contains("name: aws-secrets-manager")
    );
    let prod_db = t.show("idp/app/payments", "requests/rds/prod/RDS-0004.yaml");
    assert!(
        prod_db.contains("backupRetentionDays: 14") && prod_db.contains("multiAz: true"),
        "{prod_db}"
    );
    let tfvars = t.show(
        "idp/app/payments",
        "envs/prod/rds/generated/RDS-0004.auto.tfvars.json",
    );
    assert!(
        tfvars.contains("\"deletion_protection\": true")
            && tfvars.contains("\"identifier\": \"prod-payments\"")
    );

    // Approve (a second admin: an author cannot), merge, validate, and build every overlay
    // with the real kustomize.
    t.approve_as_admin(1, "platform-approved");
    t.idp(["pr", "merge", "1"]).run().success();
    t.idp(["validate"]).run().success();
    for env in ["dev", "test", "staging", "prod"] {
        let built = kustomize(&t.path(&format!("apps/payments/{env}")));
        assert!(
            built.contains("kind: Deployment") && built.contains("kind: ExternalSecret"),
            "{built}"
        );
        assert!(built.contains(&format!("namespace: payments-{env}")));
        assert!(
            built.contains("name: DB_PASS"),
            "the deployment reads its credentials from the secret"
        );
    }
    let prod = kustomize(&t.path("apps/payments/prod"));
    assert!(
        prod.contains("LOG_LEVEL: warn") && prod.contains("replicas: 2"),
        "{prod}"
    );
    let dev = kustomize(&t.path("apps/payments/dev"));
    assert!(dev.contains("LOG_LEVEL: debug") && dev.contains("replicas: 1"));

    // The app repository: its files, its first commit, and its own tests pass.
    let clone = t.root.join("payments");
    t.git(
        &t.root,
        &["clone", "-q", &repo_url, clone.to_str().unwrap()],
    );
    for f in [
        "Dockerfile",
        "service/main.py",
        "tests/test_main.py",
        ".github/workflows/delivery.yml",
        "catalog-info.yaml",
        "README.md",
        ".idp/answers.yaml",
    ] {
        assert!(clone.join(f).is_file(), "{f} missing from the app repo");
    }
    let catalog = std::fs::read_to_string(clone.join("catalog-info.yaml")).unwrap();
    for a in [
        "github.com/project-slug: acme/payments",
        "backstage.io/techdocs-ref: dir:.",
        "argocd/app-name: payments-dev",
        "backstage.io/kubernetes-id: payments",
    ] {
        assert!(catalog.contains(a), "catalog-info lacks {a}");
    }
    let workflow = std::fs::read_to_string(clone.join(".github/workflows/delivery.yml")).unwrap();
    // The write-back goes through the platform's idp action (`ci.action`), not a build of idp.
    let wf = idp::yaml::parse(&workflow).unwrap().value;
    let write_back = &wf["jobs"]["write-back"]["steps"][1];
    assert_eq!(
        write_back["uses"],
        idp::platform::init::default_action("acme"),
        "{workflow}"
    );
    assert!(
        write_back["with"]["command"]
            .as_str()
            .unwrap()
            .starts_with("image set payments --env dev --digest ${{ needs.build.outputs.digest }} --tag ${{ github.sha }}"),
        "{workflow}"
    );
    assert!(!workflow.contains("cargo install"), "{workflow}");
    // The scan fails on the platform's policy (`ci.scan`, CRITICAL and HIGH by default).
    let scan = wf["jobs"]["build"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Scan")
        .unwrap();
    assert_eq!(scan["with"]["severity"], "CRITICAL,HIGH", "{workflow}");
    assert_eq!(scan["with"]["exit-code"], "1", "{workflow}");
    let answers = std::fs::read_to_string(clone.join(".idp/answers.yaml")).unwrap();
    assert!(
        answers.contains("goldenPath: backend-app-rds") && answers.contains("owner: team-payments"),
        "{answers}"
    );
    let log = t.git(&clone, &["log", "--format=%B"]);
    assert!(
        log.contains("Idp-Template-Render: backend-app-rds@1.1.0"),
        "{log}"
    );
    // With the service's dependencies (prometheus-client): the tools' venv has them.
    let tests = Command::new(crate::harness::tools_python())
        .args(["-m", "unittest", "discover", "-s", "tests"])
        .current_dir(&clone)
        .output()
        .expect("python3 runs");
    assert!(
        tests.status.success(),
        "the generated service's tests fail:\n{}",
        String::from_utf8_lossy(&tests.stderr)
    );
}

#[test]
fn stateful_app_has_a_statefulset_with_gp3_volumes() {
    let t = Test::platform();
    t.idp([
        "new-app",
        "ledger",
        "--template",
        "stateful-app",
        "--owner",
        "platform",
        "--set",
        "storage_size=20Gi",
        "--direct",
    ])
    .run()
    .success();
    let built = kustomize(&t.path("apps/ledger/staging"));
    assert!(
        built.contains("kind: StatefulSet") && !built.contains("kind: Deployment"),
        "{built}"
    );
    assert!(
        built.contains("storageClassName: gp3")
            && built.contains("storage: 20Gi")
            && built.contains("ReadWriteOnce")
    );
    assert!(built.contains("clusterIP: None"), "a headless service");
    t.idp(["validate"]).run().success();
}

#[test]
fn new_app_dry_run_writes_nothing_anywhere() {
    let t = Test::platform();
    let before = t.state();
    let o = t
        .idp([
            "new-app",
            "payments",
            "--owner",
            "platform",
            "--dry-run",
            "-o",
            "json",
        ])
        .run()
        .success()
        .json();
    assert_eq!(o["status"], "planned");
    assert!(
        o["app_files"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "Dockerfile")
    );
    assert_eq!(t.state(), before);
    assert!(!repos(&t).exists());
}

#[test]
fn rerunning_new_app_reuses_the_repo_and_the_pull_request() {
    let t = Test::platform();
    t.idp(["new-app", "payments", "--owner", "platform"])
        .run()
        .success();
    let head = t.git(&repos(&t).join("payments.git"), &["rev-parse", "main"]);
    let o = t
        .idp(["new-app", "payments", "--owner", "platform", "-o", "json"])
        .run()
        .success()
        .json();
    assert_eq!(o["status"], "up-to-date");
    assert_eq!(
        t.git(&repos(&t).join("payments.git"), &["rev-parse", "main"]),
        head
    );
    t.idp(["pr", "merge", "1"]).run().success();
    t.idp(["new-app", "payments", "--owner", "platform"])
        .run()
        .code(2)
        .stderr_has("app `payments` already exists");
}

#[test]
fn bad_parameters_name_the_parameter_and_write_nothing() {
    let t = Test::platform();
    let before = t.state();
    for (args, code, needle) in [
        (
            vec!["new-app", "Payments_1", "--owner", "platform"],
            2,
            "parameter `name`",
        ),
        (
            vec![
                "new-app",
                "payments",
                "--template",
                "nope",
                "--owner",
                "platform",
            ],
            2,
            "no golden path `nope`",
        ),
        (
            vec![
                "new-app",
                "payments",
                "--owner",
                "platform",
                "--replicas",
                "11",
            ],
            2,
            "parameter `replicas`",
        ),
        (
            vec![
                "new-app",
                "db",
                "--template",
                "stateful-app",
                "--owner",
                "platform",
                "--set",
                "storage_size=10GB",
            ],
            2,
            "parameter `storage_size`",
        ),
        (
            vec![
                "new-app",
                "payments",
                "--owner",
                "platform",
                "--set",
                "colour=blue",
            ],
            2,
            "unknown parameter `colour`",
        ),
        (vec!["new-app", "payments"], 2, "parameter"),
    ] {
        t.idp(&args).run().code(code).stderr_has(needle);
        assert_eq!(t.state(), before, "{args:?} wrote something");
        assert!(!repos(&t).exists(), "{args:?} created a repository");
    }
}

#[test]
fn a_rendered_path_that_escapes_is_refused() {
    let t = Test::platform();
    t.idp(["golden-path", "eject", "stateless-app", "--direct"])
        .run()
        .success();
    t.commit_file(
        "golden-paths/stateless-app/app/{{ app.description }}.txt",
        "x\n",
        "a templated file name",
    );
    let before = t.state();
    t.idp([
        "new-app",
        "payments",
        "--owner",
        "platform",
        "--description",
        "../../../etc/evil",
    ])
    .run()
    .code(2)
    .stderr_has("escapes the target directory");
    assert_eq!(t.state(), before);
    assert!(!repos(&t).exists());
}

#[test]
fn golden_path_list_show_and_render() {
    let t = Test::platform();
    t.idp(["new-app", "--list"])
        .run()
        .success()
        .stdout_has("backend-app-rds")
        .stdout_has("stateful-app");
    let show = t
        .idp(["golden-path", "show", "stateful-app", "-o", "json"])
        .run()
        .success()
        .json();
    assert_eq!(show["extends"], serde_json::json!(["stateless-app"]));
    assert_eq!(show["parameters"]["properties"]["replicas"]["maximum"], 5);
    t.idp(["golden-path", "show", "backend-app-rds"])
        .run()
        .success()
        .stdout_has("db_size");
    let out = t.root.join("rendered");
    t.idp([
        "golden-path",
        "render",
        "stateless-app",
        "--out",
        out.to_str().unwrap(),
        "--set",
        "name=web",
        "--set",
        "owner=platform",
    ])
    .run()
    .success();
    assert!(
        std::fs::read_to_string(out.join("service/main.py"))
            .unwrap()
            .contains("SERVICE = \"web\"")
    );
    // Without a platform repo, render uses the embedded defaults.
    let out2 = t.root.join("rendered2");
    t.idp([
        "golden-path",
        "render",
        "stateless-app",
        "--out",
        out2.to_str().unwrap(),
        "--set",
        "name=web",
        "--set",
        "owner=platform",
    ])
    .current_dir(&t.root)
    .run()
    .success();
    assert!(out2.join("Dockerfile").is_file());
}

#[test]
fn an_invalid_manifest_from_a_golden_path_is_refused_before_commit() {
    let t = Test::platform();
    t.idp(["golden-path", "eject", "stateless-app", "--direct"])
        .run()
        .success();
    let path = "golden-paths/stateless-app/platform/apps/{{ app.name }}/base/service.yaml";
    t.commit_file(
        path,
        &t.read(path).replace("port: 80", "port: eighty"),
        "break the service",
    );
    let before = t.state();
    t.idp(["new-app", "payments", "--owner", "platform"])
        .run()
        .code(3)
        .stderr_has("apps/payments/base/service.yaml:")
        .stderr_has("spec.ports.0.port");
    assert_eq!(t.state(), before);
    assert!(
        !repos(&t).exists(),
        "no repository without a valid platform change"
    );
}

#[test]
fn validate_checks_a_golden_path_parameter_schema() {
    let t = Test::platform();
    t.idp(["golden-path", "eject", "stateless-app", "--direct"])
        .run()
        .success();
    t.idp(["validate"]).run().success();
    let manifest = t.read("golden-paths/stateless-app/golden-path.yaml");
    let broken = manifest.replacen("type: object", "type: objekt", 1);
    assert_ne!(
        manifest, broken,
        "the manifest has no `type: object` to break"
    );
    t.commit_file(
        "golden-paths/stateless-app/golden-path.yaml",
        &broken,
        "a typo in the parameter schema",
    );
    let line = broken
        .lines()
        .position(|l| l.contains("type: objekt"))
        .unwrap()
        + 1;
    t.idp(["validate"])
        .run()
        .code(3)
        .stdout_has(&format!(
            "golden-paths/stateless-app/golden-path.yaml:{line}:"
        ))
        .stdout_has("not a valid JSON Schema");
}

// see issue 18: `new-app --template backend-app-rds` took RDS-0001 while an open pull request
// (from another clone) held it.
#[test]
fn new_app_with_rds_took_rds_0001_while_an_open_pull_request_held_it() {
    let t = Test::platform();
    let other = t.clone_remote("other");
    t.idp([
        "provision",
        "rds",
        "--env",
        "dev",
        "--owner",
        "platform",
        "--name",
        "ledger",
        "--size",
        "small",
        "--set",
        "username=ledger_app",
    ])
    .current_dir(&other)
    .run()
    .success();
    let o = t
        .idp([
            "new-app",
            "payments",
            "--template",
            "backend-app-rds",
            "--owner",
            "team-payments",
            "-o",
            "json",
        ])
        .run()
        .success()
        .json();
    let requests: Vec<&str> = o["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["path"].as_str())
        .filter(|p| p.starts_with("requests/rds/"))
        .collect();
    assert_eq!(requests.len(), 4, "{requests:?}");
    assert!(
        requests.iter().all(|p| !p.ends_with("/RDS-0001.yaml")),
        "RDS-0001 is held by the open pull request #1: {requests:?}"
    );
}

// see issue 18: kill -9 during `new-app` left a half-created app repository that blocked the
// rerun ("exists but is not a git repository", a raw libgit2 error). A kill no longer leaves
// one where the repository goes (tests/it/kill.rs, tests/it/app_repos.rs); what an older
// version left there is refused with a clear message and left alone.
#[test]
fn a_half_created_app_repository_blocked_new_app() {
    let t = Test::platform();
    std::fs::create_dir_all(repos(&t).join("shop.git/objects")).unwrap();
    let out = t
        .idp(["new-app", "shop", "--owner", "platform"])
        .run()
        .code(2)
        .stderr_has("exists and is not a git repository");
    assert!(!out.stderr.contains("class="), "{}", out.stderr);
    assert!(repos(&t).join("shop.git/objects").is_dir());
}

#[test]
fn a_secret_in_the_app_repository_is_refused_before_it_is_created() {
    // The app repository's first commit goes through the secret scan like any change.
    let t = Test::platform();
    let before = t.state();
    t.idp([
        "new-app",
        "payments",
        "--owner",
        "platform",
        "--description",
        "aws_secret_access_key = abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123",
    ])
    .run()
    .code(3)
    .stderr_has("the new repository's first commit fails");
    assert!(!repos(&t).exists());
    assert_eq!(t.state(), before);
}

// see issue 20: alerts named their runbook in a `runbook` annotation (no link; Alertmanager
// and Grafana look for `runbook_url`).
#[test]
fn alerts_link_their_runbook_by_runbook_url_to_a_runbook_in_the_repo() {
    let t = Test::platform();
    t.idp(["new-app", "payments", "--owner", "platform", "--direct"])
        .run()
        .success();
    let rules = idp::yaml::parse(&t.read("apps/payments/base/prometheusrule.yaml"))
        .unwrap()
        .value;
    let mut linked = 0;
    for rule in rules["spec"]["groups"][0]["rules"].as_array().unwrap() {
        let notes = &rule["annotations"];
        assert!(notes.get("runbook").is_none(), "{rule}");
        if let Some(url) = notes.get("runbook_url").and_then(|u| u.as_str()) {
            let path = url
                .strip_prefix("https://github.com/acme/platform/blob/main/")
                .unwrap_or_else(|| panic!("{url} is not a link into the platform repo"));
            assert!(t.path(path).exists(), "{url}: no such runbook");
            linked += 1;
        }
    }
    assert!(linked > 0, "no alert links a runbook");
}

/// Every panel (and query variable) of `dashboard` reads the data source its `datasource`
/// variable selects.
fn assert_panels_name_the_datasource(name: &str, dashboard: &serde_json::Value) {
    let vars = dashboard["templating"]["list"].as_array().unwrap();
    assert!(
        vars.iter().any(|v| v["name"] == "datasource"
            && v["type"] == "datasource"
            && v["query"] == "prometheus"),
        "{name}: no datasource variable"
    );
    let wanted = serde_json::json!({"type": "prometheus", "uid": "${datasource}"});
    for v in vars.iter().filter(|v| v["type"] == "query") {
        assert_eq!(v["datasource"], wanted, "{name}: variable {}", v["name"]);
    }
    for panel in dashboard["panels"].as_array().unwrap() {
        assert_eq!(
            panel["datasource"], wanted,
            "{name}: panel {}",
            panel["title"]
        );
    }
}

// see issue 20: the app dashboards named no datasource, so Grafana showed them empty unless
// Prometheus happened to be its default.
#[test]
fn every_dashboard_panel_names_the_datasource_its_variable_selects() {
    let t = Test::platform();
    t.idp(["new-app", "payments", "--owner", "platform", "--direct"])
        .run()
        .success();
    let cm = idp::yaml::parse(&t.read("apps/payments/base/dashboard.yaml"))
        .unwrap()
        .value;
    let json = cm["data"]["payments.json"].as_str().unwrap();
    assert_panels_name_the_datasource("payments", &serde_json::from_str(json).unwrap());
    let pipeline = t.read("observability/idp-pipeline-dashboard.json");
    assert_panels_name_the_datasource("idp pipeline", &serde_json::from_str(&pipeline).unwrap());
}

// see issue 20: an internal app signs its users in through Kong's `keycloak-oidc` plugin; every
// app's certificate comes from the issuer of its environment's tier.
#[test]
fn an_internal_app_signs_users_in_through_keycloak_and_tls_uses_the_tiers_issuer() {
    let t = Test::platform();
    t.idp([
        "new-app",
        "wiki",
        "--owner",
        "platform",
        "--set",
        "internal=true",
        "--direct",
    ])
    .run()
    .success();
    t.idp(["new-app", "shop", "--owner", "platform", "--direct"])
        .run()
        .success();
    let ingress = |app: &str, env: &str| {
        idp::yaml::parse(&t.read(&format!("apps/{app}/{env}/ingress.yaml")))
            .expect("the Ingress parses")
            .value
    };
    let plugins = |app: &str, env: &str| -> Vec<String> {
        ingress(app, env)["metadata"]["annotations"]["konghq.com/plugins"]
            .as_str()
            .unwrap_or("")
            .split(',')
            .map(str::to_string)
            .collect()
    };
    for env in ["dev", "prod"] {
        assert!(
            plugins("wiki", env).contains(&"keycloak-oidc".to_string()),
            "{env}: {:?}",
            plugins("wiki", env)
        );
        assert!(
            !plugins("shop", env).contains(&"keycloak-oidc".to_string()),
            "{env}"
        );
        assert!(plugins("shop", env).contains(&"shop-rate-limit".to_string()));
    }
    // The plugin the Ingress names is the one the Kong add-on defines.
    assert!(
        t.path("addons/kong/config/prod/kongclusterplugin-keycloak-oidc.yaml")
            .exists()
    );
    let prod = ingress("shop", "prod");
    assert_eq!(
        prod["metadata"]["annotations"]["cert-manager.io/cluster-issuer"],
        "letsencrypt-prod"
    );
    let issuers: Vec<String> = std::fs::read_dir(t.path("addons/cert-manager/config/prod"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        issuers.contains(&"clusterissuer-letsencrypt-prod.yaml".to_string()),
        "{issuers:?}"
    );
}

/// new-app validates its platform change before it creates the app's repository, then lands
/// it: on the same base the second landing takes the first check's result instead of running
/// schemas, policies and the secret scan over the change again (issue 23).
#[test]
fn new_app_checks_its_change_once_when_the_base_did_not_move() {
    let t = Test::platform();
    let out = t
        .idp(["new-app", "payments", "--owner", "platform"])
        .env("IDP_LOG", "idp::changeset=debug")
        .run()
        .success();
    let lines = |what: &str| out.stderr.lines().filter(|l| l.contains(what)).count();
    assert_eq!(
        lines("file(s)"),
        1,
        "checked more than once: {}",
        out.stderr
    );
    assert_eq!(lines("validated before on this base"), 1, "{}", out.stderr);
    // The change it landed is the one it checked: the platform validates.
    t.idp(["pr", "merge", "1"]).run().success();
    t.idp(["validate"]).run().success();
}
