//! The Argo CD wiring of each environment (issue 20): root apps, the platform project and one
//! AppProject per team, written by `init`, `env add`, `env set sync.*` and `new-app`, and
//! regenerated when two changes that both touched them merge.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::harness::Test;

fn yaml(text: &str) -> Value {
    idp::yaml::parse(text).expect("generated YAML parses").value
}

fn str_at<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.pointer(pointer).and_then(Value::as_str).unwrap_or("")
}

/// Every YAML document under `argocd/<env>/`, by repo path.
fn argocd(t: &Test, env: &str) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    let mut dirs = vec![t.path(&format!("argocd/{env}"))];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                let rel = path
                    .strip_prefix(&t.platform)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, yaml(&std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    out
}

/// What Argo CD would do with `argocd/<env>/`, checked: the root app picks up every file of the
/// folder (recursively), every Application's project exists, and every team's AppProject allows
/// exactly the namespaces of its Applications (and no cluster-scoped kind but Namespace).
fn check_wiring(t: &Test, env: &str) -> BTreeMap<String, BTreeSet<String>> {
    let docs = argocd(t, env);
    let root = &docs[&format!("argocd/{env}/root.yaml")];
    assert_eq!(str_at(root, "/spec/source/path"), format!("argocd/{env}"));
    assert_eq!(root["spec"]["source"]["directory"]["recurse"], true);
    assert_eq!(str_at(root, "/spec/project"), "platform-system");
    let mut projects = BTreeMap::new();
    let mut wanted: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, doc) in &docs {
        match str_at(doc, "/kind") {
            "AppProject" => {
                let name = str_at(doc, "/metadata/name").to_string();
                assert_eq!(
                    path,
                    &format!("argocd/{env}/projects/{name}.yaml"),
                    "an AppProject's file is named after it"
                );
                assert_eq!(
                    str_at(doc, "/metadata/annotations/argocd.argoproj.io~1sync-wave"),
                    "-2",
                    "{path}: projects come first"
                );
                projects.insert(name, doc.clone());
            }
            "Application" if !path.ends_with("/root.yaml") => {
                let project = str_at(doc, "/spec/project").to_string();
                assert_ne!(project, "default", "{path} uses the default project");
                wanted
                    .entry(project)
                    .or_default()
                    .insert(str_at(doc, "/spec/destination/namespace").to_string());
            }
            _ => {}
        }
    }
    for (project, namespaces) in &wanted {
        let p = projects
            .get(project)
            .unwrap_or_else(|| panic!("no AppProject `{project}` in {env}"));
        let allowed: BTreeSet<String> = p["spec"]["destinations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| str_at(d, "/namespace").to_string())
            .collect();
        if project == "platform-system" {
            // The root and the add-ons: the platform's own, everywhere.
            assert_eq!(allowed, BTreeSet::from(["*".to_string()]));
            continue;
        }
        assert_eq!(&allowed, namespaces, "AppProject `{project}` in {env}");
        assert_eq!(
            p["spec"]["clusterResourceWhitelist"],
            serde_json::json!([{"group": "", "kind": "Namespace"}]),
            "AppProject `{project}` in {env}"
        );
    }
    wanted
}

#[test]
fn init_wires_argo_cd_per_environment_with_the_environments_sync_policy() {
    let t = Test::platform();
    for env in ["dev", "test", "staging", "prod"] {
        check_wiring(&t, env);
        let team = yaml(&t.read(&format!("argocd/{env}/projects/platform.yaml")));
        assert_eq!(team["spec"]["destinations"], serde_json::json!([]));
    }
    let dev = yaml(&t.read("argocd/dev/root.yaml"));
    assert_eq!(dev["spec"]["syncPolicy"]["automated"]["selfHeal"], true);
    let prod = yaml(&t.read("argocd/prod/root.yaml"));
    assert!(
        prod["spec"]["syncPolicy"].get("automated").is_none(),
        "prod syncs by hand: {prod}"
    );
    t.idp(["validate"]).run().success();
}

#[test]
fn new_app_adds_its_namespace_to_its_teams_project_in_every_environment() {
    let t = Test::platform();
    t.idp([
        "new-app",
        "payments",
        "--owner",
        "payments-team",
        "--direct",
    ])
    .run()
    .success();
    t.idp(["new-app", "ledger", "--owner", "platform", "--direct"])
        .run()
        .success();
    for env in ["dev", "test", "staging", "prod"] {
        let projects = check_wiring(&t, env);
        assert_eq!(
            projects["payments-team"],
            BTreeSet::from([format!("payments-{env}")])
        );
        assert_eq!(
            projects["platform"],
            BTreeSet::from([format!("ledger-{env}")])
        );
    }
    t.idp(["validate"]).run().success();
}

#[test]
fn env_add_wires_the_new_environment_and_env_set_sync_moves_its_root_app() {
    let t = Test::platform();
    t.idp(["new-app", "payments", "--owner", "platform", "--direct"])
        .run()
        .success();
    t.idp(["env", "add", "qa", "--after", "test", "--direct"])
        .run()
        .success();
    assert!(t.path("argocd/qa/root.yaml").exists());
    assert!(t.path("argocd/qa/projects/platform-system.yaml").exists());
    check_wiring(&t, "qa");
    t.idp([
        "env",
        "set",
        "qa",
        "sync",
        "{automated: false, prune: false, selfHeal: false}",
        "--direct",
    ])
    .run()
    .success();
    let root = yaml(&t.read("argocd/qa/root.yaml"));
    assert!(
        root["spec"]["syncPolicy"].get("automated").is_none(),
        "{root}"
    );
}

// Two new apps of one team opened at the same time both rewrite the team's AppProject: the
// second merge regenerates it from the merged tree instead of reporting a conflict.
#[test]
fn two_new_apps_of_one_team_opened_at_once_both_merge_into_its_project() {
    let t = Test::platform();
    for app in ["payments", "ledger"] {
        t.idp(["new-app", app, "--owner", "platform"])
            .run()
            .success();
    }
    t.idp(["pr", "merge", "1"]).run().success();
    t.idp(["pr", "merge", "2"]).run().success();
    for env in ["dev", "prod"] {
        let projects = check_wiring(&t, env);
        assert_eq!(
            projects["platform"],
            BTreeSet::from([format!("ledger-{env}"), format!("payments-{env}")])
        );
    }
    t.idp(["validate"]).run().success();
}

#[test]
fn every_environment_runs_the_platform_add_ons_pinned_with_generated_and_overridable_values() {
    let t = Test::platform();
    // The platform team's own overrides: idp never writes or removes them.
    t.write(
        "addons/argo-cd/values.yaml",
        "# ours\nserver: {replicas: 2}\n",
    );
    t.git(&t.platform, &["add", "-A"]);
    t.git(&t.platform, &["commit", "-qm", "argo-cd overrides"]);
    t.git(&t.platform, &["push", "-q", "origin", "main"]);
    t.idp(["env", "add", "qa", "--after", "test", "--direct"])
        .run()
        .success();
    assert_eq!(
        t.read("addons/argo-cd/values.yaml"),
        "# ours\nserver: {replicas: 2}\n"
    );
    for env in ["dev", "qa", "prod"] {
        let docs = argocd(&t, env);
        let platform = &docs[&format!("argocd/{env}/projects/platform-system.yaml")];
        let repos = platform["spec"]["sourceRepos"].clone();
        let addons: Vec<&Value> = docs
            .iter()
            .filter(|(p, _)| p.starts_with(&format!("argocd/{env}/addons/")))
            .map(|(_, d)| d)
            .collect();
        let names: BTreeSet<&str> = addons.iter().map(|a| str_at(a, "/metadata/name")).collect();
        assert_eq!(
            names,
            BTreeSet::from([
                "argo-cd",
                "cert-manager",
                "external-secrets",
                "kube-prometheus-stack",
                "kyverno"
            ])
        );
        for a in addons {
            let name = str_at(a, "/metadata/name");
            assert_eq!(str_at(a, "/spec/project"), "platform-system");
            assert_eq!(
                str_at(a, "/metadata/annotations/argocd.argoproj.io~1sync-wave"),
                "-1",
                "{name}: add-ons come before apps"
            );
            let chart = &a["spec"]["sources"][0];
            let version = str_at(chart, "/targetRevision");
            assert!(
                version.trim_start_matches('v').split('.').count() == 3 && !version.contains('*'),
                "{name}: the chart is pinned, not `{version}`"
            );
            assert!(
                repos.as_array().unwrap().contains(&chart["repoURL"]),
                "{name}: platform-system may not read {}",
                chart["repoURL"]
            );
            let files: Vec<&str> = chart["helm"]["valueFiles"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap())
                .collect();
            assert_eq!(
                files,
                [
                    format!("$values/addons/{name}/generated/{env}.yaml"),
                    format!("$values/addons/{name}/values.yaml"),
                    format!("$values/addons/{name}/{env}.yaml"),
                ]
            );
            assert!(
                t.path(&format!("addons/{name}/generated/{env}.yaml"))
                    .exists()
            );
            if let Some(path) = a["spec"]["sources"][2]["path"].as_str() {
                assert!(t.path(path).is_dir(), "{name}: {path} is missing");
            }
        }
        // The IAM roles the chart's service accounts assume are the ones Terraform makes.
        let values = yaml(&t.read(&format!("addons/external-secrets/generated/{env}.yaml")));
        let role = str_at(
            &values,
            "/serviceAccount/annotations/eks.amazonaws.com~1role-arn",
        );
        assert!(
            role.ends_with(&format!(":role/acme-{env}-external-secrets")),
            "{role}"
        );
        assert!(
            t.read(&format!("envs/{env}/main.tf"))
                .contains("role_name = \"acme-"),
            "{env}: the Terraform root names the add-on roles the same way"
        );
    }
    // Policies audit in dev and enforce in prod; prod also wants images pinned by digest.
    let dev = yaml(&t.read("addons/kyverno/config/dev/clusterpolicy-pod-security.yaml"));
    assert_eq!(
        str_at(&dev, "/spec/rules/0/validate/failureAction"),
        "Audit"
    );
    let prod = yaml(&t.read("addons/kyverno/config/prod/clusterpolicy-pod-security.yaml"));
    assert_eq!(
        str_at(&prod, "/spec/rules/0/validate/failureAction"),
        "Enforce"
    );
    assert_eq!(
        str_at(&prod, "/spec/rules/0/validate/podSecurity/level"),
        "restricted"
    );
    assert!(
        t.path("addons/kyverno/config/prod/clusterpolicy-require-image-digest.yaml")
            .exists()
    );
    assert!(
        !t.path("addons/kyverno/config/dev/clusterpolicy-require-image-digest.yaml")
            .exists()
    );
    t.idp(["validate"]).run().success();
}
