//! The checks of each tier, run against a cluster: which objects are read (every list paginated,
//! each object judged by [`super::checks`] and dropped), which endpoints are probed, and what a
//! passing check says. Tiers run in order; tier N includes the tiers below it.

use k8s_openapi::api::core::v1::{Node, Pod};
use k8s_openapi::api::networking::v1::Ingress;

use super::checks::{self, Application, ExternalSecret, Tally};
use super::{Check, Settings, probe};
use crate::infra::kube::{Cluster, Reason, classify};
use crate::printer::Progress;

/// Every check up to `tier`; `Some(reason)` when the API could not be reached at all (then the
/// only row says why).
pub async fn run(
    cluster: &Cluster,
    http: &reqwest::Client,
    s: &Settings,
    tier: u8,
    progress: &Progress,
) -> (Vec<Check>, Option<Reason>) {
    let mut rows = Vec::new();
    match api(cluster).await {
        Ok(row) => rows.push(row),
        Err((reason, detail)) => {
            return (
                vec![Check::failed(
                    0,
                    "api",
                    None,
                    format!("cannot reach the cluster ({}): {detail}", reason.as_str()),
                )],
                Some(reason),
            );
        }
    }
    rows.extend(nodes(cluster, progress).await);
    rows.extend(kube_system(cluster, s, progress).await);
    if tier >= 1 {
        rows.extend(argocd(cluster, s, progress).await);
        rows.extend(system_pods(cluster, s, progress).await);
        rows.extend(external_secrets(cluster, progress).await);
        let (ingress_rows, kong_address) = ingresses(cluster, s, progress).await;
        rows.extend(ingress_rows);
        progress.set("tier 1: Kong");
        rows.push(probe::kong(http, s, kong_address.as_deref()).await);
    }
    if tier >= 2 {
        progress.set("tier 2: Backstage, Grafana");
        rows.push(probe::backstage(http, s).await);
        rows.push(probe::grafana(http, s).await);
    }
    if tier >= 3 {
        progress.set("tier 3: Keycloak");
        rows.extend(probe::keycloak(http, s).await);
    }
    (rows, None)
}

/// `/version` answers (else the cluster is unreachable, with the reason) and `/readyz` says ok.
async fn api(cluster: &Cluster) -> Result<Check, (Reason, String)> {
    let version = match cluster.client.apiserver_version().await {
        Ok(v) => v.git_version,
        Err(e) => {
            let (reason, detail) = classify(&e);
            if reason.unreachable() {
                return Err((reason, detail));
            }
            return Ok(Check::failed(0, "api", None, format!("/version: {detail}")));
        }
    };
    Ok(match cluster.text("/readyz").await {
        Ok(text) if text.trim() == "ok" => Check::ok(0, "api", format!("{version}, /readyz ok")),
        Ok(text) => Check::failed(0, "api", None, format!("/readyz: {}", text.trim())),
        Err(e) => Check::failed(0, "api", None, format!("/readyz: {}", classify(&e).1)),
    })
}

fn list_failed(what: &str, e: &kube::Error) -> String {
    format!("cannot list {what}: {}", classify(e).1)
}

async fn nodes(cluster: &Cluster, progress: &Progress) -> Vec<Check> {
    let mut t = Tally::new(0, "nodes");
    let listed = cluster
        .list(
            "/api/v1/nodes",
            None,
            |n: Node| {
                let problem = checks::node_problem(&n);
                t.see(
                    || format!("node/{}", n.metadata.name.as_deref().unwrap_or("?")),
                    problem,
                );
            },
            |n| progress.set(format!("tier 0: nodes ({n})")),
        )
        .await;
    match listed {
        Err(e) => t.fail("nodes".into(), list_failed("nodes", &e)),
        Ok(0) => t.fail("nodes".into(), "the cluster has no nodes".into()),
        Ok(_) => {}
    }
    t.finish(|n| format!("{n} Ready, no memory, disk or PID pressure"))
}

/// The pods of one namespace into `t`; `per_pod` also sees each pod and whether it is healthy.
async fn pods_of(
    cluster: &Cluster,
    t: &mut Tally,
    namespace: &str,
    progress: &Progress,
    label: &str,
    mut per_pod: impl FnMut(&Pod, bool),
) -> Result<u64, kube::Error> {
    cluster
        .list(
            &format!("/api/v1/namespaces/{namespace}/pods"),
            None,
            |p: Pod| {
                let problem = checks::pod_problem(&p);
                per_pod(&p, problem.is_none());
                t.see(
                    || {
                        format!(
                            "pod {namespace}/{}",
                            p.metadata.name.as_deref().unwrap_or("?")
                        )
                    },
                    problem,
                );
            },
            |n| progress.set(format!("{label}: pods in {namespace} ({n})")),
        )
        .await
}

/// kube-system pods Running and Ready, and a ready pod of each required app (CoreDNS,
/// kube-proxy, the CNI).
async fn kube_system(cluster: &Cluster, s: &Settings, progress: &Progress) -> Vec<Check> {
    let mut t = Tally::new(0, "kube-system pods");
    // (k8s-app, pods, ready pods)
    let mut apps: Vec<(String, u64, u64)> = s
        .kube_system_apps
        .iter()
        .map(|a| (a.clone(), 0, 0))
        .collect();
    let listed = pods_of(
        cluster,
        &mut t,
        &s.kube_system,
        progress,
        "tier 0",
        |p, ok| {
            if let Some(app) = checks::k8s_app(p)
                && let Some(entry) = apps.iter_mut().find(|(a, _, _)| a == app)
            {
                entry.1 += 1;
                entry.2 += u64::from(ok);
            }
        },
    )
    .await;
    if let Err(e) = &listed {
        t.fail(
            format!("namespace {}", s.kube_system),
            list_failed("pods", e),
        );
    }
    let mut rows = t.finish(|n| format!("{n} Running and Ready"));
    if listed.is_err() {
        return rows;
    }
    for (app, pods, ready) in apps {
        let name = match app.as_str() {
            "kube-dns" => "dns".to_string(),
            "aws-node" => "cni".to_string(),
            other => other.to_string(),
        };
        let object = format!("{}, k8s-app={app}", s.kube_system);
        rows.push(match (pods, ready) {
            (0, _) => Check::failed(0, name, Some(object), "no pod with this label"),
            (n, 0) => Check::failed(0, name, Some(object), format!("none of {n} pods is ready")),
            (n, r) => Check::ok(0, name, format!("{r}/{n} pods of k8s-app={app} ready")),
        });
    }
    rows
}

/// The root application and every application of the environment Synced and Healthy.
async fn argocd(cluster: &Cluster, s: &Settings, progress: &Progress) -> Vec<Check> {
    progress.set("tier 1: Argo CD applications");
    let ns = &s.argocd_namespace;
    let base = format!("/apis/argoproj.io/v1alpha1/namespaces/{ns}/applications");
    let mut t = Tally::new(1, "argocd");
    let object = |name: &str| format!("application {ns}/{name}");
    match cluster
        .get::<Application>(&format!("{base}/{}", s.root_app))
        .await
    {
        Ok(Some(root)) => {
            let problem = checks::app_problem(&root);
            t.see(|| object(&s.root_app), problem);
        }
        Ok(None) => t.fail(
            object(&s.root_app),
            "the root application does not exist (or Argo CD is not installed)".into(),
        ),
        Err(e) => t.fail(object(&s.root_app), classify(&e).1),
    }
    let listed = cluster
        .list(
            &base,
            Some(&s.app_selector),
            |app: Application| {
                if app.metadata.name != s.root_app {
                    let problem = checks::app_problem(&app);
                    t.see(|| object(&app.metadata.name), problem);
                }
            },
            |_| {},
        )
        .await;
    if let Err(e) = listed {
        t.fail(
            format!("applications ({})", s.app_selector),
            list_failed("applications", &e),
        );
    }
    t.finish(|n| {
        format!(
            "root and {} application(s) of `{}` Synced and Healthy",
            n.saturating_sub(1),
            s.app_selector
        )
    })
}

/// The pods of the system namespaces Running and Ready; an empty namespace is a failure.
async fn system_pods(cluster: &Cluster, s: &Settings, progress: &Progress) -> Vec<Check> {
    let mut t = Tally::new(1, "system pods");
    for ns in &s.system_namespaces {
        match pods_of(cluster, &mut t, ns, progress, "tier 1", |_, _| {}).await {
            Ok(0) => t.fail(format!("namespace {ns}"), "no pods".into()),
            Ok(_) => {}
            Err(e) => t.fail(format!("namespace {ns}"), list_failed("pods", &e)),
        }
    }
    let namespaces = s.system_namespaces.join(", ");
    t.finish(|n| format!("{n} Running and Ready in {namespaces}"))
}

/// Every ExternalSecret Ready (`external-secrets.io/v1`, else `v1beta1`).
async fn external_secrets(cluster: &Cluster, progress: &Progress) -> Vec<Check> {
    progress.set("tier 1: ExternalSecrets");
    let mut t = Tally::new(1, "externalsecrets");
    let mut result = Ok(0);
    for version in ["v1", "v1beta1"] {
        result = cluster
            .list(
                &format!("/apis/external-secrets.io/{version}/externalsecrets"),
                None,
                |es: ExternalSecret| {
                    let problem = checks::external_secret_problem(&es);
                    t.see(
                        || {
                            format!(
                                "externalsecret {}/{}",
                                es.metadata.namespace.as_deref().unwrap_or("?"),
                                es.metadata.name
                            )
                        },
                        problem,
                    );
                },
                |_| {},
            )
            .await;
        match &result {
            Err(kube::Error::Api(s)) if s.code == 404 => continue,
            _ => break,
        }
    }
    match result {
        Err(kube::Error::Api(s)) if s.code == 404 => t.fail(
            "externalsecrets.external-secrets.io".into(),
            "not served (v1 or v1beta1): is the External Secrets Operator installed?".into(),
        ),
        Err(e) => t.fail("externalsecrets".into(), list_failed("ExternalSecrets", &e)),
        Ok(_) => {}
    }
    t.finish(|n| format!("{n} Ready"))
}

/// Every Ingress has an address; returns the first address of a Kong ingress too.
async fn ingresses(
    cluster: &Cluster,
    s: &Settings,
    progress: &Progress,
) -> (Vec<Check>, Option<String>) {
    progress.set("tier 1: ingresses");
    let mut t = Tally::new(1, "ingress");
    let mut kong: Option<String> = None;
    let listed = cluster
        .list(
            "/apis/networking.k8s.io/v1/ingresses",
            None,
            |ing: Ingress| {
                let addresses = checks::ingress_addresses(&ing);
                let class = ing
                    .spec
                    .as_ref()
                    .and_then(|sp| sp.ingress_class_name.clone())
                    .or_else(|| {
                        ing.metadata
                            .annotations
                            .as_ref()
                            .and_then(|a| a.get("kubernetes.io/ingress.class").cloned())
                    });
                if kong.is_none() && class.as_deref() == Some(s.kong_ingress_class.as_str()) {
                    kong = addresses.first().cloned();
                }
                let problem = addresses.is_empty().then(|| {
                    format!(
                        "no address: the load balancer has not published one (class `{}`)",
                        class.as_deref().unwrap_or("none")
                    )
                });
                t.see(
                    || {
                        format!(
                            "ingress {}/{}",
                            ing.metadata.namespace.as_deref().unwrap_or("?"),
                            ing.metadata.name.as_deref().unwrap_or("?")
                        )
                    },
                    problem,
                );
            },
            |_| {},
        )
        .await;
    if let Err(e) = listed {
        t.fail("ingresses".into(), list_failed("ingresses", &e));
    }
    (t.finish(|n| format!("{n} with an address")), kong)
}
