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
