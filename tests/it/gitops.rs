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
                "keycloak",
                "kong",
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
    check_kong_and_keycloak(&t);
    t.idp(["validate"]).run().success();
}

/// The Kong and Keycloak add-ons (ADR-0033): the charts idp pins, their generated values by
/// tier, and the objects beside them.
fn check_kong_and_keycloak(t: &Test) {
    let prod = argocd(t, "prod");
    let chart = |addon: &str| {
        prod[&format!("argocd/prod/addons/{addon}.yaml")]["spec"]["sources"][0].clone()
    };
    let kong = chart("kong");
    assert_eq!(str_at(&kong, "/repoURL"), "https://charts.konghq.com");
    assert_eq!(str_at(&kong, "/chart"), "ingress");
    assert_eq!(str_at(&kong, "/targetRevision"), "0.24.0");
    let keycloak = chart("keycloak");
    assert_eq!(
        str_at(&keycloak, "/repoURL"),
        "https://codecentric.github.io/helm-charts"
    );
    assert_eq!(str_at(&keycloak, "/chart"), "keycloakx");
    assert_eq!(str_at(&keycloak, "/targetRevision"), "7.1.7");
    for (env, replicas, issuer) in [
        ("dev", 1, "letsencrypt-staging"),
        ("prod", 3, "letsencrypt-prod"),
    ] {
        let v = yaml(&t.read(&format!("addons/kong/generated/{env}.yaml")));
        assert_eq!(
            str_at(&v, "/controller/ingressController/ingressClass"),
            "kong"
        );
        assert_eq!(
            str_at(
                &v,
                "/controller/ingressController/ingressClassAnnotations/ingressclass.kubernetes.io~1is-default-class"
            ),
            "true"
        );
        assert_eq!(str_at(&v, "/gateway/proxy/type"), "LoadBalancer");
        assert_eq!(
            str_at(
                &v,
                "/gateway/proxy/annotations/service.beta.kubernetes.io~1aws-load-balancer-type"
            ),
            "external"
        );
        assert_eq!(v["gateway"]["replicaCount"], replicas, "{env}");
        assert!(
            v["gateway"]["resources"]["requests"]["memory"].is_string(),
            "{env}"
        );
        let v = yaml(&t.read(&format!("addons/keycloak/generated/{env}.yaml")));
        let host = format!("keycloak.{}", domain(t, env));
        assert_eq!(str_at(&v, "/ingress/rules/0/host"), host);
        assert_eq!(str_at(&v, "/ingress/ingressClassName"), "kong");
        assert_eq!(
            str_at(&v, "/ingress/annotations/cert-manager.io~1cluster-issuer"),
            issuer
        );
        assert_eq!(str_at(&v, "/database/existingSecret"), "keycloak-db");
        assert_eq!(str_at(&v, "/http/relativePath"), "/");
        assert!(
            str_at(&v, "/extraEnv").contains(&format!("https://{host}")),
            "{v}"
        );
        assert!(v["resources"]["limits"]["memory"].is_string(), "{env}");
        // The other add-ons' issuer is the same as Keycloak's.
        let argo = yaml(&t.read(&format!("addons/argo-cd/generated/{env}.yaml")));
        assert_eq!(
            str_at(
                &argo,
                "/server/ingress/annotations/cert-manager.io~1cluster-issuer"
            ),
            issuer
        );

        // Kong: a global correlation-id plugin, and keycloak-oidc configured from a Secret.
        let dir = format!("addons/kong/config/{env}");
        let global = yaml(&t.read(&format!("{dir}/kongclusterplugin-correlation-id.yaml")));
        assert_eq!(str_at(&global, "/metadata/labels/global"), "true");
        let oidc = yaml(&t.read(&format!("{dir}/kongclusterplugin-keycloak-oidc.yaml")));
        assert_eq!(str_at(&oidc, "/plugin"), "openid-connect");
        assert!(oidc.get("config").is_none(), "{oidc}");
        assert_eq!(str_at(&oidc, "/configFrom/secretKeyRef/namespace"), "kong");
        let secret = str_at(&oidc, "/configFrom/secretKeyRef/name");
        let es = yaml(&t.read(&format!("{dir}/externalsecret-{secret}.yaml")));
        assert_eq!(str_at(&es, "/apiVersion"), "external-secrets.io/v1");
        assert_eq!(
            str_at(&es, "/spec/secretStoreRef/kind"),
            "ClusterSecretStore"
        );
        assert_eq!(
            str_at(&es, "/spec/secretStoreRef/name"),
            "aws-secrets-manager"
        );
        assert_eq!(str_at(&es, "/spec/target/name"), secret);
        assert_eq!(
            str_at(&es, "/spec/data/0/remoteRef/key"),
            format!("acme/{env}/keycloak/clients/kong")
        );
        let template = str_at(&es, "/spec/target/template/data/config");
        let config = template.replace("{{ .client_secret | toJson }}", "\"S\"");
        let config: Value = serde_json::from_str(&config).expect("the plugin's config is JSON");
        assert_eq!(
            config["issuer"],
            format!("https://keycloak.{}/realms/acme", domain(t, env))
        );
        assert_eq!(config["client_id"], serde_json::json!(["kong"]));
        assert_eq!(config["client_secret"], serde_json::json!(["S"]));

        // Keycloak: the realm applied by keycloak-config-cli after every sync.
        let dir = format!("addons/keycloak/config/{env}");
        let job = yaml(&t.read(&format!("{dir}/job-keycloak-config-cli.yaml")));
        assert_eq!(
            str_at(&job, "/metadata/annotations/argocd.argoproj.io~1hook"),
            "PostSync"
        );
        assert_eq!(
            str_at(
                &job,
                "/metadata/annotations/argocd.argoproj.io~1hook-delete-policy"
            ),
            "BeforeHookCreation"
        );
        let pod = &job["spec"]["template"]["spec"];
        assert_eq!(pod["securityContext"]["runAsNonRoot"], true);
        assert_eq!(
            str_at(pod, "/securityContext/seccompProfile/type"),
            "RuntimeDefault"
        );
        let container = &pod["containers"][0];
        assert!(
            str_at(container, "/image").starts_with("adorsys/keycloak-config-cli:")
                && str_at(container, "/image").ends_with("-26.5.5"),
            "keycloak-config-cli is built for the Keycloak it configures: {container}"
        );
        assert_eq!(
            str_at(&keycloak_values_tag(t, env), ""),
            "26.5.5",
            "the chart runs that Keycloak"
        );
        assert_eq!(
            container["securityContext"]["allowPrivilegeEscalation"],
            false
        );
        assert_eq!(
            container["securityContext"]["capabilities"]["drop"],
            serde_json::json!(["ALL"])
        );
        assert!(container["resources"]["requests"]["cpu"].is_string());
        let env_vars: BTreeMap<&str, &Value> = container["env"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (str_at(e, "/name"), e))
            .collect();
        assert_eq!(
            str_at(env_vars["IMPORT_VARSUBSTITUTION_ENABLED"], "/value"),
            "true"
        );
        for client in ["ARGOCD", "GRAFANA", "BACKSTAGE", "KONG"] {
            let var = env_vars[format!("{client}_CLIENT_SECRET").as_str()];
            assert_eq!(
                str_at(var, "/valueFrom/secretKeyRef/name"),
                "keycloak-clients"
            );
        }
        let clients = yaml(&t.read(&format!("{dir}/externalsecret-keycloak-clients.yaml")));
        assert_eq!(clients["spec"]["data"].as_array().unwrap().len(), 4);
        for client in ["ARGOCD", "GRAFANA", "BACKSTAGE", "KONG"] {
            assert_eq!(
                str_at(
                    &clients,
                    &format!("/spec/target/template/data/{client}_CLIENT_SECRET")
                ),
                format!("{{{{ .{} }}}}", client.to_lowercase())
            );
        }
        for name in ["keycloak-db", "keycloak-admin"] {
            let es = yaml(&t.read(&format!("{dir}/externalsecret-{name}.yaml")));
            assert_eq!(str_at(&es, "/spec/target/name"), name);
            assert!(
                str_at(&es, "/spec/data/0/remoteRef/key")
                    .starts_with(&format!("acme/{env}/keycloak/")),
                "{es}"
            );
        }

        // Argo CD's and Grafana's client secrets, where their charts read them.
        let argo = yaml(&t.read(&format!(
            "addons/argo-cd/config/{env}/externalsecret-argocd-oidc.yaml"
        )));
        assert_eq!(str_at(&argo, "/spec/target/name"), "argocd-secret");
        assert_eq!(str_at(&argo, "/spec/target/creationPolicy"), "Merge");
        assert_eq!(
            str_at(
                &argo,
                "/spec/target/template/metadata/labels/app.kubernetes.io~1part-of"
            ),
            "argocd"
        );
        assert_eq!(
            str_at(
                &argo,
                "/spec/target/template/data/oidc.keycloak.clientSecret"
            ),
            format!("{{{{ .{} }}}}", str_at(&argo, "/spec/data/0/secretKey"))
        );
        assert_eq!(
            str_at(&argo, "/spec/data/0/remoteRef/key"),
            format!("acme/{env}/keycloak/clients/argocd")
        );
        let grafana = yaml(&t.read(&format!(
            "addons/kube-prometheus-stack/config/{env}/externalsecret-grafana-oidc.yaml"
        )));
        let prom = yaml(&t.read(&format!(
            "addons/kube-prometheus-stack/generated/{env}.yaml"
        )));
        assert_eq!(
            str_at(&grafana, "/spec/target/name"),
            str_at(&prom, "/grafana/envFromSecret")
        );
        assert_eq!(
            str_at(
                &grafana,
                "/spec/target/template/data/GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET"
            ),
            format!("{{{{ .{} }}}}", str_at(&grafana, "/spec/data/0/secretKey"))
        );
    }
    // The Kong and Keycloak namespaces are the platform's: the baseline policies skip them.
    let policy = yaml(&t.read("addons/kyverno/config/prod/clusterpolicy-pod-security.yaml"));
    let excluded = &policy["spec"]["rules"][0]["exclude"]["any"][0]["resources"]["namespaces"];
    for ns in ["kong", "keycloak"] {
        assert!(
            excluded.as_array().unwrap().contains(&Value::from(ns)),
            "{excluded}"
        );
    }
    // The environment's Terraform root makes the secrets the ExternalSecrets read.
    let root = t.read("envs/prod/main.tf");
    for name in [
        "\"acme/prod/keycloak/clients/${each.key}\"",
        "\"acme/prod/keycloak/${each.key}\"",
        "resource \"random_password\" \"sso_client\"",
        "resource \"aws_secretsmanager_secret_version\" \"sso_client\"",
    ] {
        assert!(root.contains(name), "envs/prod/main.tf lacks {name}");
    }
}

/// An environment's domain, as the add-ons use it (Argo CD is at `argocd.<domain>`).
fn domain(t: &Test, env: &str) -> String {
    let argo = yaml(&t.read(&format!("addons/argo-cd/generated/{env}.yaml")));
    let host = str_at(&argo, "/global/domain");
    host.strip_prefix("argocd.")
        .unwrap_or_else(|| panic!("{host}"))
        .to_string()
}

fn keycloak_values_tag(t: &Test, env: &str) -> Value {
    let v = yaml(&t.read(&format!("addons/keycloak/generated/{env}.yaml")));
    v["image"]["tag"].clone()
}

/// The realm of an environment, as the ConfigMap keycloak-config-cli reads holds it.
fn realm(t: &Test, env: &str) -> Value {
    let cm = yaml(&t.read(&format!(
        "addons/keycloak/config/{env}/configmap-keycloak-realm.yaml"
    )));
    assert_eq!(str_at(&cm, "/kind"), "ConfigMap");
    yaml(str_at(&cm, "/data/realm.yaml"))
}

fn names(v: &Value, key: &str) -> BTreeSet<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not a list: {v}"))
        .iter()
        .map(|x| str_at(x, key).to_string())
        .collect()
}

#[test]
fn the_realm_has_a_group_per_team_the_four_clients_and_no_secret_in_git() {
    let t = Test::platform();
    let config = yaml(&t.read("idp.yaml"));
    let mut teams = names(&config["teams"], "/name");
    teams.insert("platform".into());
    for env in ["dev", "prod"] {
        let realm = realm(&t, env);
        assert_eq!(
            str_at(&realm, "/realm"),
            "acme",
            "the realm is the org, as the issuer says"
        );
        assert_eq!(names(&realm["groups"], "/name"), teams, "{env}");
        let platform = realm["groups"]
            .as_array()
            .unwrap()
            .iter()
            .find(|g| str_at(g, "/name") == "platform")
            .unwrap();
        assert_eq!(
            platform["realmRoles"],
            serde_json::json!(["platform-admin"])
        );
        assert_eq!(
            names(&realm["roles"]["realm"], "/name"),
            BTreeSet::from(["platform-admin", "developer", "viewer"].map(String::from))
        );
        let scope = &realm["clientScopes"][0];
        assert_eq!(str_at(scope, "/name"), "groups");
        let mapper = &scope["protocolMappers"][0];
        assert_eq!(
            str_at(mapper, "/protocolMapper"),
            "oidc-group-membership-mapper"
        );
        assert_eq!(str_at(mapper, "/config/claim.name"), "groups");
        assert_eq!(str_at(mapper, "/config/full.path"), "false");
        let clients = realm["clients"].as_array().unwrap();
        assert_eq!(
            names(&realm["clients"], "/clientId"),
            BTreeSet::from(["argocd", "grafana", "backstage", "kong"].map(String::from))
        );
        for client in clients {
            let id = str_at(client, "/clientId");
            assert_eq!(client["publicClient"], false, "{id} is confidential");
            assert_eq!(
                str_at(client, "/secret"),
                format!("$(env:{}_CLIENT_SECRET)", id.to_uppercase()),
                "{id}"
            );
            assert!(
                client["defaultClientScopes"]
                    .as_array()
                    .unwrap()
                    .contains(&Value::from("groups")),
                "{id} gets the groups claim"
            );
            for uri in client["redirectUris"].as_array().unwrap() {
                let uri = uri.as_str().unwrap();
                assert!(
                    uri.contains(&format!(".{}/", domain(&t, env)))
                        || uri.starts_with("http://localhost:"),
                    "{id}: {uri} is not on the environment's domain"
                );
            }
        }
        // Argo CD and Grafana sign in with the clients and the claim the realm has.
        let argo = yaml(&t.read(&format!("addons/argo-cd/generated/{env}.yaml")));
        let oidc = yaml(str_at(&argo, "/configs/cm/oidc.config"));
        assert_eq!(str_at(&oidc, "/clientID"), "argocd");
        assert_eq!(
            str_at(&oidc, "/issuer"),
            format!("https://keycloak.{}/realms/acme", domain(&t, env))
        );
        assert_eq!(str_at(&argo, "/configs/rbac/scopes"), "[groups]");
    }
    // No client secret value anywhere in the repo: only the placeholders.
    let secret_lines: Vec<String> = files(&t.platform)
        .into_iter()
        .flat_map(|(path, text)| {
            text.lines()
                .filter(|l| {
                    let l = l.trim_start().trim_start_matches("- ");
                    l.starts_with("secret:")
                        || l.starts_with("clientSecret:")
                        || l.starts_with("client_secret:")
                })
                .map(|l| format!("{path}: {l}"))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        !secret_lines.is_empty(),
        "the realm's client secrets are found"
    );
    for line in &secret_lines {
        assert!(
            line.contains("$(env:") || line.contains("$oidc.keycloak.clientSecret"),
            "a client secret value in git: {line}"
        );
    }

    // A team added to idp.yaml gets its group with the next change that renders the wiring.
    let text = t.read("idp.yaml");
    assert!(text.contains("teams:"), "{text}");
    t.write(
        "idp.yaml",
        &text.replacen(
            "teams:
",
            "teams:
  - name: data-science
",
            1,
        ),
    );
    t.git(&t.platform, &["commit", "-qam", "a new team"]);
    t.git(&t.platform, &["push", "-q", "origin", "main"]);
    t.idp(["new-app", "models", "--owner", "data-science", "--direct"])
        .run()
        .success();
    for env in ["dev", "prod"] {
        assert!(
            names(&realm(&t, env)["groups"], "/name").contains("data-science"),
            "{env}"
        );
    }
}

/// Every text file of the repo (git's own excluded), by path.
fn files(root: &std::path::Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.file_name().is_some_and(|n| n == ".git") {
                continue;
            }
            if path.is_dir() {
                dirs.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.push((rel, text));
            }
        }
    }
    out
}

/// Argo CD self-heals only where the drift policy is `auto` (`idp drift`): the root app, the
/// add-ons and the apps' Applications follow `drift.remediate`, and `env set` of it moves them.
#[test]
fn self_heal_follows_the_environments_drift_policy() {
    let t = Test::with_app();
    let heal =
        |path: &str| yaml(&t.read(path))["spec"]["syncPolicy"]["automated"]["selfHeal"].as_bool();
    // The starter policies: dev auto, staging pr (prod syncs by hand).
    assert_eq!(heal("argocd/dev/root.yaml"), Some(true));
    assert_eq!(heal("argocd/dev/addons/kyverno.yaml"), Some(true));
    assert_eq!(heal("argocd/dev/payments.yaml"), Some(true));
    assert_eq!(heal("argocd/staging/root.yaml"), Some(false));
    assert_eq!(heal("argocd/staging/addons/kyverno.yaml"), Some(false));
    assert_eq!(heal("argocd/staging/payments.yaml"), Some(false));
    assert_eq!(heal("argocd/prod/root.yaml"), None);
    t.idp([
        "env",
        "set",
        "staging",
        "drift.remediate",
        "auto",
        "--direct",
    ])
    .run()
    .success();
    assert_eq!(heal("argocd/staging/root.yaml"), Some(true));
    assert_eq!(heal("argocd/staging/addons/kyverno.yaml"), Some(true));
    // A value that is no policy is refused by the schema, and nothing is written.
    let before = t.state();
    t.idp([
        "env",
        "set",
        "staging",
        "drift.remediate",
        "sometimes",
        "--direct",
    ])
    .run()
    .code(3)
    .stderr_has("drift.remediate");
    assert_eq!(t.state(), before);
}

/// A new app adds its namespaces to its team's projects by editing them, not by rendering
/// every environment's wiring from every Application (issue 23); what it writes is exactly
/// what the full render gives: `idp drift --layer render` finds nothing, with apps of two
/// teams, one of them new to an environment's projects.
#[test]
fn a_new_app_edits_its_teams_projects_to_exactly_what_the_full_render_gives() {
    let t = Test::platform();
    let config = t.read("idp.yaml");
    let with_team = config.replacen(
        "teams:\n",
        "teams:\n  - name: team-data\n    description: Data.\n",
        1,
    );
    assert_ne!(with_team, config);
    t.commit_file("idp.yaml", &with_team, "a second team");
    for (app, owner) in [
        ("payments", "platform"),
        ("ledger", "platform"),
        ("etl", "team-data"),
        ("warehouse", "team-data"),
    ] {
        t.idp(["new-app", app, "--owner", owner, "--direct"])
            .run()
            .success();
    }
    let project = yaml(&t.read("argocd/dev/projects/platform.yaml"));
    let namespaces: Vec<&str> = project["spec"]["destinations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["namespace"].as_str().unwrap())
        .collect();
    assert_eq!(namespaces, ["ledger-dev", "payments-dev"]);
    let data = yaml(&t.read("argocd/prod/projects/team-data.yaml"));
    assert_eq!(data["spec"]["destinations"].as_array().unwrap().len(), 2);
    t.idp(["drift", "--layer", "render", "--remediate", "alert"])
        .run()
        .success();
    for env in ["dev", "test", "staging", "prod"] {
        check_wiring(&t, env);
    }
}

/// The `kong` client's redirect URIs in `env`'s realm.
fn kong_redirects(t: &Test, env: &str) -> Vec<String> {
    let realm = realm(t, env);
    let kong = realm["clients"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| str_at(c, "/clientId") == "kong")
        .expect("the realm has the kong client")
        .clone();
    kong["redirectUris"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap().to_string())
        .collect()
}

/// The host of `app`'s Ingress in `env`.
fn ingress_host(t: &Test, app: &str, env: &str) -> String {
    let ingress = yaml(&t.read(&format!("apps/{app}/{env}/ingress.yaml")));
    str_at(&ingress, "/spec/rules/0/host").to_string()
}

// see ADR-0033's follow-up: the kong client redirected to `https://*.<domain>/*`, which
// Keycloak never matches (no wildcard in a host), so signing in through `keycloak-oidc` failed
// for every app.
#[test]
fn the_kong_client_redirects_to_each_internal_apps_host_not_a_wildcard_host() {
    let t = Test::platform();
    for env in ["dev", "test", "staging", "prod"] {
        assert_eq!(kong_redirects(&t, env), Vec::<String>::new(), "{env}");
    }
    for (app, internal) in [("wiki", true), ("shop", false), ("admin", true)] {
        let mut args = vec!["new-app", app, "--owner", "platform", "--direct"];
        if internal {
            args.extend(["--set", "internal=true"]);
        }
        t.idp(args).run().success();
    }
    for env in ["dev", "test", "staging", "prod"] {
        let want: Vec<String> = ["admin", "wiki"]
            .iter()
            .map(|app| format!("https://{}/*", ingress_host(&t, app, env)))
            .collect();
        assert_eq!(kong_redirects(&t, env), want, "{env}");
        assert!(
            want.iter()
                .all(|u| u.ends_with(&format!(".{}/*", domain(&t, env)))),
            "{want:?}"
        );
        let shop = ingress_host(&t, "shop", env);
        assert!(
            !kong_redirects(&t, env).iter().any(|u| u.contains(&shop)),
            "{env}: the non-internal app's host {shop} is not a redirect URI"
        );
    }
    // What each new-app edited is what the whole render gives.
    t.idp(["drift", "--layer", "render", "--remediate", "alert"])
        .run()
        .success();
    // And it edited the realm from itself, not from every app's files (ADR-0037).
    let o = t
        .idp([
            "new-app",
            "docs",
            "--owner",
            "platform",
            "--set",
            "internal=true",
            "--direct",
        ])
        .env("IDP_LOG", "idp::platform::gitops=debug")
        .run()
        .success();
    assert!(
        o.stderr.contains("edited from themselves") && !o.stderr.contains("rendered whole"),
        "{}",
        o.stderr
    );
    assert_eq!(kong_redirects(&t, "prod").len(), 3);
    // A teardown of dev takes its realm with its apps; the others keep theirs.
    t.idp(["teardown", "--env", "dev", "--direct"])
        .run()
        .success();
    assert!(
        !t.path("addons/keycloak/config/dev/configmap-keycloak-realm.yaml")
            .exists()
    );
    assert_eq!(kong_redirects(&t, "test").len(), 3);
    // Brought back, dev's realm has no app of the old dev.
    t.idp(["env", "set", "dev", "lifecycle", "active", "--direct"])
        .run()
        .success();
    assert_eq!(kong_redirects(&t, "dev"), Vec::<String>::new());
    t.idp(["drift", "--layer", "render", "--remediate", "alert"])
        .run()
        .success();
    t.idp(["validate"]).run().success();
}

/// A realm edited by hand (the old wildcard put back) is drift of the render layer, and the
/// next new app renders it whole instead of building on the edit.
#[test]
fn a_hand_edited_realm_is_drift_and_the_next_new_app_renders_it_whole() {
    let t = Test::platform();
    let path = "addons/keycloak/config/dev/configmap-keycloak-realm.yaml";
    let before = t.read(path);
    let edited = before.replacen(
        "redirectUris: []",
        &format!("redirectUris:\n        - https://*.{}/*", domain(&t, "dev")),
        1,
    );
    assert_ne!(edited, before, "{before}");
    t.commit_file(path, &edited, "a hand edit");
    t.idp(["drift", "--layer", "render", "--remediate", "alert"])
        .run()
        .code(5)
        .stdout_has(path);
    t.idp([
        "new-app",
        "wiki",
        "--owner",
        "platform",
        "--set",
        "internal=true",
        "--direct",
    ])
    .env("IDP_LOG", "idp::platform::gitops=debug")
    .run()
    .success()
    .stderr_has("wiring: rendered whole");
    assert_eq!(
        kong_redirects(&t, "dev"),
        [format!("https://{}/*", ingress_host(&t, "wiki", "dev"))]
    );
    t.idp(["drift", "--layer", "render", "--remediate", "alert"])
        .run()
        .success();
}

/// Two internal apps opened as pull requests at once both land in the realm: the second merge
/// renders it again from the merged tree.
#[test]
fn two_internal_apps_opened_at_once_both_merge_into_the_realm() {
    let t = Test::platform();
    for app in ["wiki", "admin"] {
        t.idp([
            "new-app",
            app,
            "--owner",
            "platform",
            "--set",
            "internal=true",
        ])
        .run()
        .success();
    }
    t.idp(["pr", "merge", "1"]).run().success();
    t.idp(["pr", "merge", "2"]).run().success();
    for env in ["dev", "prod"] {
        assert_eq!(
            kong_redirects(&t, env),
            ["admin", "wiki"].map(|a| format!("https://{}/*", ingress_host(&t, a, env)))
        );
    }
    t.idp(["drift", "--layer", "render", "--remediate", "alert"])
        .run()
        .success();
}
