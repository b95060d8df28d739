//! The cluster layer of `idp drift`: through the Kubernetes API of the environment (the
//! kubeconfig and context `idp health` uses), each Argo CD Application git declares under
//! `argocd/<env>/` against the one in the cluster (present, `Synced`, `Healthy`, with the
//! resources Argo CD reports out of sync), Applications in the cluster that git does not
//! declare, and the image digest each app's pods run against the digest its overlay pins.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use serde::Deserialize;
use serde_json::Value;

use super::{Finding, Layer};
use crate::infra::kube::{self as k8s, Cluster};
use crate::infra::source::Source;
use crate::platform::{gitops, images};

/// An Application git declares.
#[derive(Debug, Clone)]
pub struct Declared {
    pub name: String,
    pub namespace: String,
    pub file: String,
}

/// An app's image as its overlay pins it in the environment.
#[derive(Debug, Clone)]
pub struct Pin {
    pub app: String,
    pub namespace: String,
    pub file: String,
    pub image: String,
    pub digest: String,
}

/// What git says the environment's cluster runs.
#[derive(Debug, Clone, Default)]
pub struct Wanted {
    pub applications: Vec<Declared>,
    pub pins: Vec<Pin>,
}

/// Read [`Wanted`] of `env` from `source`.
pub fn wanted(source: &dyn Source, env: &str, argocd_namespace: &str) -> anyhow::Result<Wanted> {
    let mut out = Wanted::default();
    for file in source.files(&format!("{}/{env}", gitops::DIR))? {
        if !file.ends_with(".yaml") && !file.ends_with(".yml") {
            continue;
        }
        let Some(text) = source.read(&file)? else {
            continue;
        };
        let Ok(docs) = crate::yaml::parse_all(&text) else {
            continue; // `idp validate` reports it
        };
        for d in docs {
            let v = &d.value;
            if v.get("kind").and_then(Value::as_str) != Some("Application") {
                continue;
            }
            let Some(name) = v.pointer("/metadata/name").and_then(Value::as_str) else {
                continue;
            };
            out.applications.push(Declared {
                name: name.to_string(),
                namespace: v
                    .pointer("/metadata/namespace")
                    .and_then(Value::as_str)
                    .unwrap_or(argocd_namespace)
                    .to_string(),
                file: file.clone(),
            });
        }
    }
    for file in source.files("apps")? {
        let parts: Vec<&str> = file.split('/').collect();
        let ["apps", app, e, "kustomization.yaml"] = parts.as_slice() else {
            continue;
        };
        if *e != env {
            continue;
        }
        let Some(text) = source.read(&file)? else {
            continue;
        };
        let Ok(pin) = images::pinned(&text, app, &file) else {
            continue;
        };
        if !images::valid_digest(&pin.digest)
            || pin
                .digest
                .trim_start_matches("sha256:")
                .bytes()
                .all(|b| b == b'0')
        {
            continue; // not built yet: nothing runs
        }
        let namespace = crate::yaml::parse(&text)
            .ok()
            .and_then(|d| {
                d.value
                    .get("namespace")
                    .and_then(Value::as_str)
                    .map(str::to_string)
            })
            .unwrap_or_else(|| format!("{app}-{env}"));
        out.pins.push(Pin {
            app: app.to_string(),
            namespace,
            file,
            image: pin.name,
            digest: pin.digest,
        });
    }
    Ok(out)
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
struct Application {
    metadata: Meta,
    status: AppStatus,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
struct Meta {
    name: String,
    namespace: Option<String>,
    labels: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
struct AppStatus {
    sync: Status,
    health: Status,
    resources: Vec<Resource>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
struct Status {
    status: Option<String>,
    message: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
struct Resource {
    kind: String,
    namespace: Option<String>,
    name: String,
    status: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
struct Pod {
    metadata: Meta,
    status: PodStatus,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct PodStatus {
    container_statuses: Vec<ContainerStatus>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default, rename_all = "camelCase")]
struct ContainerStatus {
    name: String,
    image: String,
    #[serde(rename = "imageID")]
    image_id: String,
}

/// How the cluster is reached.
pub struct Connection<'a> {
    pub target: &'a k8s::Target,
    pub timeout: Duration,
    pub page_size: u32,
    pub argocd_namespace: &'a str,
}

/// The cluster layer's findings for `env`; `Err` names why the cluster could not be read.
pub fn findings(
    kube: &k8s::Kube,
    env: &str,
    wanted: &Wanted,
    conn: &Connection<'_>,
) -> Result<Vec<Finding>, String> {
    let cluster = kube.cluster(conn.target, conn.timeout, conn.page_size)?;
    kube.block_on(async {
        let why = |e: ::kube::Error| {
            let (reason, detail) = k8s::classify(&e);
            format!("{} ({detail})", reason.as_str())
        };
        let mut found = Vec::new();
        applications(env, wanted, conn, &cluster, &mut found)
            .await
            .map_err(why)?;
        pods(env, wanted, &cluster, &mut found).await.map_err(why)?;
        Ok(found)
    })
}

async fn applications(
    env: &str,
    wanted: &Wanted,
    conn: &Connection<'_>,
    cluster: &Cluster,
    out: &mut Vec<Finding>,
) -> Result<(), ::kube::Error> {
    let namespaces: BTreeSet<&str> = wanted
        .applications
        .iter()
        .map(|a| a.namespace.as_str())
        .chain([conn.argocd_namespace])
        .collect();
    let mut live: BTreeMap<(String, String), Application> = BTreeMap::new();
    for ns in namespaces {
        cluster
            .list(
                &format!("/apis/argoproj.io/v1alpha1/namespaces/{ns}/applications"),
                None,
                |a: Application| {
                    // Another environment's Application (a shared Argo CD) is not this one's.
                    if a.metadata.labels.get("env").is_none_or(|e| e == env) {
                        let key = (
                            a.metadata
                                .namespace
                                .clone()
                                .unwrap_or_else(|| ns.to_string()),
                            a.metadata.name.clone(),
                        );
                        live.insert(key, a);
                    }
                },
                |_| {},
            )
            .await?;
    }
    let dir = format!("{}/{env}/", gitops::DIR);
    for d in &wanted.applications {
        let object = format!("Application {}/{}", d.namespace, d.name);
        let Some(app) = live.remove(&(d.namespace.clone(), d.name.clone())) else {
            out.push(Finding::new(
                Layer::Cluster,
                Some(env),
                &d.file,
                object,
                "in git, not in the cluster (is the root app synced?)",
            ));
            continue;
        };
        let sync = app.status.sync.status.as_deref().unwrap_or("Unknown");
        let health = app.status.health.status.as_deref().unwrap_or("Unknown");
        if sync != "Synced" {
            let differing: Vec<&Resource> = app
                .status
                .resources
                .iter()
                .filter(|r| r.status.as_deref() == Some("OutOfSync"))
                .collect();
            out.push(
                Finding::new(
                    Layer::Cluster,
                    Some(env),
                    &d.file,
                    &object,
                    format!("{sync}: {} resource(s) differ from git", differing.len()),
                )
                .fix(format!("argocd app sync {}", d.name)),
            );
            for r in differing {
                out.push(Finding::new(
                    Layer::Cluster,
                    Some(env),
                    &d.file,
                    format!(
                        "{} {}{}",
                        r.kind,
                        r.namespace
                            .as_deref()
                            .filter(|n| !n.is_empty())
                            .map(|n| format!("{n}/"))
                            .unwrap_or_default(),
                        r.name
                    ),
                    format!("OutOfSync in {object}"),
                ));
            }
        }
        if !matches!(health, "Healthy" | "Progressing") {
            let message = app
                .status
                .health
                .message
                .as_deref()
                .filter(|m| !m.is_empty())
                .map(|m| format!(": {m}"))
                .unwrap_or_default();
            out.push(Finding::new(
                Layer::Cluster,
                Some(env),
                &d.file,
                &object,
                format!("{health}{message}"),
            ));
        }
    }
    for ((ns, name), _) in live {
        out.push(Finding::new(
            Layer::Cluster,
            Some(env),
            &dir,
            format!("Application {ns}/{name}"),
            "in the cluster, not in git (made by hand?)",
        ));
    }
    Ok(())
}

async fn pods(
    env: &str,
    wanted: &Wanted,
    cluster: &Cluster,
    out: &mut Vec<Finding>,
) -> Result<(), ::kube::Error> {
    for pin in &wanted.pins {
        let mut running: Vec<(String, String, String)> = Vec::new();
        cluster
            .list(
                &format!("/api/v1/namespaces/{}/pods", pin.namespace),
                Some(&format!("app.kubernetes.io/name={}", pin.app)),
                |p: Pod| {
                    for c in p.status.container_statuses {
                        if repository(&c.image) != pin.image {
                            continue;
                        }
                        let digest = digest_of(&c.image_id)
                            .or_else(|| digest_of(&c.image))
                            .unwrap_or_default();
                        running.push((p.metadata.name.clone(), c.name, digest));
                    }
                },
                |_| {},
            )
            .await?;
        for (pod, container, digest) in running {
            if digest != pin.digest {
                out.push(
                    Finding::new(
                        Layer::Cluster,
                        Some(env),
                        &pin.file,
                        format!("Pod {}/{pod} ({container})", pin.namespace),
                        format!("runs {}, git pins {}", short(&digest), short(&pin.digest)),
                    )
                    .fix(format!("argocd app sync {}-{env}", pin.app)),
                );
            }
        }
    }
    Ok(())
}

/// `registry/repo` of `registry/repo:tag` or `registry/repo@sha256:…`.
fn repository(image: &str) -> &str {
    let no_digest = image.split('@').next().unwrap_or(image);
    match no_digest.rfind(':') {
        Some(i) if !no_digest[i..].contains('/') => &no_digest[..i],
        _ => no_digest,
    }
}

/// The `sha256:…` digest an image reference or ID ends with.
fn digest_of(s: &str) -> Option<String> {
    let at = s.rfind("sha256:")?;
    let d = &s[at..];
    images::valid_digest(d).then(|| d.to_string())
}

fn short(digest: &str) -> String {
    if digest.is_empty() {
        return "an unknown digest".into();
    }
    digest.chars().take("sha256:".len() + 12).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_references() {
        let d = format!("sha256:{}", "a".repeat(64));
        assert_eq!(
            repository("1.dkr.ecr/x/payments:abc"),
            "1.dkr.ecr/x/payments"
        );
        assert_eq!(
            repository(&format!("1.dkr.ecr/payments@{d}")),
            "1.dkr.ecr/payments"
        );
        assert_eq!(
            repository("localhost:5000/payments"),
            "localhost:5000/payments"
        );
        assert_eq!(
            digest_of(&format!("docker-pullable://r/p@{d}")),
            Some(d.clone())
        );
        assert_eq!(digest_of("r/p:tag"), None);
    }
}
