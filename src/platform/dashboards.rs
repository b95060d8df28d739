//! The Grafana dashboards of each environment (issue 20, ADR-0034): three ConfigMaps in
//! `monitoring`, generated under `addons/kube-prometheus-stack/config/<env>/` beside the
//! add-on's other objects ([`super::addons`]), which the kube-prometheus-stack Grafana's
//! dashboard sidecar loads (label `grafana_dashboard`, any namespace) into a folder named after
//! the environment (annotation `grafana_folder`):
//!
//! - **health**: Argo CD sync and health of the environment's apps, pods not ready, container
//!   restarts, firing alerts, certificates close to expiry, ExternalSecrets that fail to sync;
//! - **performance**: per app, the golden-path service's RED signals (`http_requests_total`,
//!   `http_request_duration_seconds`, `build_info`, labelled `service`, `env`, `version`,
//!   `team`), CPU and memory against requests and limits, and Kong's view of the same traffic;
//! - **control**: Kyverno's policy results (audit and enforce), idp's pipeline runs
//!   (`idp_pipeline_*`, pushed by `idp metrics push`), Argo CD sync operations and drift.
//!
//! Every panel reads the `datasource` variable. Each environment has its own cluster and
//! Prometheus, so cluster metrics need no environment matcher; the series that carry an `env`
//! label (the apps', idp's) are matched on the environment's name as a PromQL string literal
//! ([`promql_string`]). Names from idp.yaml and environment files are values in the JSON, never
//! code: a team becomes an option of the `team` variable only when it is a plain name.

use serde_json::{Value, json};

use super::Config;
use super::environments::EnvFile;

/// The namespace the dashboards' ConfigMaps live in (the add-on's).
pub const NAMESPACE: &str = "monitoring";
/// The label the Grafana sidecar looks for (`grafana.sidecar.dashboards.label`).
pub const LABEL: &str = "grafana_dashboard";
/// The annotation naming a dashboard's folder (`grafana.sidecar.dashboards.folderAnnotation`).
pub const FOLDER_ANNOTATION: &str = "grafana_folder";
/// The dashboards of an environment, by kind.
pub const KINDS: [&str; 3] = ["health", "performance", "control"];
/// Grafana's limit on a dashboard's uid.
const UID_MAX: usize = 40;

/// `value` as a PromQL double-quoted string literal: backslash and double quote escaped,
/// control characters as `\xNN`, and `$` and `[` as `\x24` and `\x5b` so that Grafana does not
/// read `$name` or `[[name]]` in it as one of its variables.
pub fn promql_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '$' => out.push_str("\\x24"),
            '[' => out.push_str("\\x5b"),
            c if c.is_control() && (c as u32) < 0x80 => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// FNV-1a (64 bits): a hash that stays the same across Rust versions, for uids.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// `text` with every character other than `[a-z0-9-]` replaced by `-`.
fn plain(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// The uid of `env`'s `kind` dashboard: `idp-<env>-<kind>`, stable across runs. An environment
/// name that is not plain, or too long for Grafana's 40 characters, is shortened to a prefix
/// and a hash of the whole name (two environments keep two uids).
pub fn uid(env: &str, kind: &str) -> String {
    let simple = format!("idp-{env}-{kind}");
    if simple.len() <= UID_MAX && plain(env) == env {
        return simple;
    }
    let hash = format!("{:08x}", fnv1a(env) & 0xffff_ffff);
    let room = UID_MAX.saturating_sub("idp---".len() + hash.len() + kind.len());
    let prefix: String = plain(env).chars().take(room).collect();
    format!("idp-{prefix}-{hash}-{kind}")
}

/// The data source of every panel and query variable: the dashboard's `datasource` variable.
fn datasource() -> Value {
    json!({"type": "prometheus", "uid": "${datasource}"})
}

/// A dashboard's panels, laid out left to right in rows of 24 columns. Panels added after a
/// collapsed row go inside it (Grafana keeps a collapsed row's panels in the row).
struct Board {
    panels: Vec<Value>,
    next_id: u64,
    x: u64,
    y: u64,
    /// The index in `panels` of the collapsed row being filled.
    collapsed: Option<usize>,
}

/// One query of a panel: its legend and PromQL.
type Query<'a> = (&'a str, String);

impl Board {
    fn new() -> Self {
        Board {
            panels: Vec::new(),
            next_id: 1,
            x: 0,
            y: 0,
            collapsed: None,
        }
    }

    fn id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id - 1
    }

    /// A row titled `title`; `collapsed` rows hold the panels that follow them.
    fn row(&mut self, title: &str, collapsed: bool) {
        if self.x > 0 {
            self.x = 0;
            self.y += 8;
        }
        let id = self.id();
        self.panels.push(json!({
            "id": id,
            "type": "row",
            "title": title,
            "collapsed": collapsed,
            "gridPos": {"x": 0, "y": self.y, "w": 24, "h": 1},
            "panels": [],
        }));
        self.collapsed = collapsed.then(|| self.panels.len() - 1);
        self.y += 1;
    }

    /// A time series panel of `queries`.
    fn series(&mut self, title: &str, unit: &str, w: u64, queries: &[Query<'_>]) {
        self.panel("timeseries", title, unit, w, queries);
    }

    /// A table of `expr`'s series now.
    fn table(&mut self, title: &str, unit: &str, w: u64, expr: String) {
        self.panel("table", title, unit, w, &[("", expr)]);
    }

    /// A single value: `expr` now.
    fn stat(&mut self, title: &str, unit: &str, w: u64, expr: String) {
        self.panel("stat", title, unit, w, &[("", expr)]);
    }

    /// A panel of `kind` (`timeseries`, `table`, `stat`) `w` columns wide.
    fn panel(&mut self, kind: &str, title: &str, unit: &str, w: u64, queries: &[Query<'_>]) {
        if self.x + w > 24 {
            self.x = 0;
            self.y += 8;
        }
        let id = self.id();
        let targets: Vec<Value> = queries
            .iter()
            .zip('A'..)
            .map(|((legend, expr), ref_id)| {
                let mut t = json!({
                    "refId": ref_id.to_string(),
                    "datasource": datasource(),
                    "expr": expr,
                    "legendFormat": legend,
                });
                if kind != "timeseries" {
                    t["instant"] = json!(true);
                    t["format"] = json!(if kind == "table" {
                        "table"
                    } else {
                        "time_series"
                    });
                }
                t
            })
            .collect();
        let panel = json!({
            "id": id,
            "type": kind,
            "title": title,
            "datasource": datasource(),
            "gridPos": {"x": self.x, "y": self.y, "w": w, "h": 8},
            "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
            "targets": targets,
        });
        self.x += w;
        match self.collapsed.and_then(|i| self.panels.get_mut(i)) {
            Some(row) => {
                if let Some(inner) = row["panels"].as_array_mut() {
                    inner.push(panel);
                }
            }
            None => self.panels.push(panel),
        }
    }
}

/// A query variable over the data source, multi-valued with "All" as `.*`.
fn query_variable(name: &str, label: &str, query: String) -> Value {
    json!({
        "name": name,
        "label": label,
        "type": "query",
        "datasource": datasource(),
        "query": query,
        "refresh": 2,
        "multi": true,
        "includeAll": true,
        "allValue": ".*",
        "current": {"text": "All", "value": "$__all"},
    })
}

/// The `team` variable: the teams of idp.yaml (plain names only: a custom variable's options
/// are separated by commas), multi-valued with "All" as `.*`.
fn team_variable(config: &Config) -> Value {
    let teams: Vec<&str> = config
        .teams
        .iter()
        .map(|t| t.name.as_str())
        .filter(|t| !t.is_empty() && plain(t) == *t)
        .collect();
    json!({
        "name": "team",
        "label": "Team",
        "type": "custom",
        "query": teams.join(","),
        "multi": true,
        "includeAll": true,
        "allValue": ".*",
        "current": {"text": "All", "value": "$__all"},
    })
}

fn health(b: &mut Board) -> Vec<Value> {
    let app = r#"project=~"$team", dest_namespace=~"$namespace""#;
    let ns = r#"namespace=~"$namespace""#;
    let not_synced =
        format!(r#"count(argocd_app_info{{{app}, sync_status!="Synced"}}) or vector(0)"#);
    let not_healthy =
        format!(r#"count(argocd_app_info{{{app}, health_status!="Healthy"}}) or vector(0)"#);
    let apps = format!(
        "max by (name, project, dest_namespace, sync_status, health_status) \
         (argocd_app_info{{{app}}})"
    );
    let not_ready =
        format!(r#"sum by (namespace) (kube_pod_status_ready{{{ns}, condition!="true"}})"#);
    let restarts = format!(
        "sum by (namespace, pod, container) \
         (increase(kube_pod_container_status_restarts_total{{{ns}}}[1h])) > 0"
    );
    let alerts = r#"sum by (alertname, severity, team, namespace) (ALERTS{alertstate="firing", team=~"$team"})"#;
    let expiry = format!(
        "min by (namespace, name) \
         (certmanager_certificate_expiration_timestamp_seconds{{{ns}}} - time()) / 86400"
    );
    let secrets = format!(
        r#"max by (namespace, name) (externalsecret_status_condition{{{ns}, condition="Ready", status="False"}}) > 0"#
    );
    b.row("Argo CD", false);
    b.stat("Apps not Synced", "none", 6, not_synced);
    b.stat("Apps not Healthy", "none", 6, not_healthy);
    b.table("Apps: sync and health", "none", 12, apps);
    b.row("Workloads", false);
    b.series(
        "Pods not ready",
        "none",
        12,
        &[("{{namespace}}", not_ready)],
    );
    let restarts = [("{{namespace}}/{{pod}}/{{container}}", restarts)];
    b.series("Container restarts (1h)", "none", 12, &restarts);
    b.row("Alerts, certificates and secrets", false);
    b.table("Firing alerts", "none", 12, alerts.to_string());
    b.table("Certificates: days to expiry", "d", 6, expiry);
    b.table("ExternalSecrets not syncing", "none", 6, secrets);
    vec![query_variable(
        "namespace",
        "Namespace",
        r#"label_values(argocd_app_info{project=~"$team"}, dest_namespace)"#.to_string(),
    )]
}

fn performance(b: &mut Board, env: &str) -> Vec<Value> {
    let m = format!(r#"env={env}, team=~"$team", service=~"$app""#);
    let requests = format!("rate(http_requests_total{{{m}}}[$__rate_interval])");
    let errors = format!(r#"rate(http_requests_total{{{m}, code=~"5.."}}[$__rate_interval])"#);
    let buckets = format!("rate(http_request_duration_seconds_bucket{{{m}}}[$__rate_interval])");
    let quantile = |q: &str| format!("histogram_quantile({q}, sum by (service, le) ({buckets}))");
    let rate = [("{{service}}", format!("sum by (service) ({requests})"))];
    let error_ratio = [(
        "{{service}}",
        format!("sum by (service) ({errors}) / sum by (service) ({requests})"),
    )];
    let latency = [
        ("{{service}} p50", quantile("0.5")),
        ("{{service}} p95", quantile("0.95")),
        ("{{service}} p99", quantile("0.99")),
    ];
    let versions = format!("max by (service, team, version, build_id) (build_info{{{m}}})");
    b.row("Requests (RED)", false);
    b.series("Request rate", "reqps", 8, &rate);
    b.series("Error ratio (5xx)", "percentunit", 8, &error_ratio);
    b.series("Latency p50 / p95 / p99", "s", 8, &latency);
    b.table("Versions running", "none", 24, versions);

    let container = r#"container=~"$app""#;
    let cpu = format!(
        "sum by (container) (rate(container_cpu_usage_seconds_total{{{container}}}[$__rate_interval]))"
    );
    let memory = format!("sum by (container) (container_memory_working_set_bytes{{{container}}})");
    b.row("Saturation", false);
    for (title, usage, what) in [("CPU", cpu, "cpu"), ("Memory", memory, "memory")] {
        let queries = [
            ("{{container}} / requests", "requests"),
            ("{{container}} / limits", "limits"),
        ]
        .map(|(legend, kind)| {
            (
                legend,
                format!(
                    r#"{usage} / sum by (container) (kube_pod_container_resource_{kind}{{{container}, resource="{what}"}})"#
                ),
            )
        });
        let title = format!("{title} / requests and limits");
        b.series(&title, "percentunit", 12, &queries);
    }

    // Kong names a service `<namespace>.<service>.<port>`; an app's namespace is `<app>-<env>`.
    let kong = r#"service=~"($app)-.+""#;
    let kong_requests = [(
        "{{service}} {{code}}",
        format!(
            "sum by (service, code) (rate(kong_http_requests_total{{{kong}}}[$__rate_interval]))"
        ),
    )];
    let kong_latency = [(
        "{{service}}",
        format!(
            "histogram_quantile(0.95, sum by (service, le) \
             (rate(kong_request_latency_ms_bucket{{{kong}}}[$__rate_interval])))"
        ),
    )];
    b.row("Gateway (Kong)", true);
    b.series("Kong requests by status", "reqps", 12, &kong_requests);
    b.series("Kong request latency p95", "ms", 12, &kong_latency);
    vec![query_variable(
        "app",
        "App",
        format!(r#"label_values(http_requests_total{{env={env}, team=~"$team"}}, service)"#),
    )]
}

fn control(b: &mut Board, env: &str) -> Vec<Value> {
    let results = [(
        "{{rule_result}}",
        "sum by (rule_result) (rate(kyverno_policy_results_total[$__rate_interval]))".to_string(),
    )];
    let failures = r#"sum by (policy_name, policy_validation_mode, resource_namespace) (increase(kyverno_policy_results_total{rule_result="fail"}[$__range])) > 0"#;
    b.row("Policies (Kyverno)", false);
    b.series("Policy results by result", "ops", 12, &results);
    b.table(
        "Failures by policy, audit and enforce",
        "none",
        12,
        failures.to_string(),
    );

    let idp = format!(r#"env={env}, team=~"$team""#);
    let runs = [(
        "{{phase}} {{result}}",
        format!("sum by (phase, result) (increase(idp_pipeline_runs_total{{{idp}}}[$__range]))"),
    )];
    let success = format!(
        r#"sum(idp_pipeline_runs_total{{{idp}, result="success"}}) / sum(idp_pipeline_runs_total{{{idp}}})"#
    );
    let builds = format!("max by (phase, service, build_id) (idp_pipeline_build_info{{{idp}}})");
    b.row("Deployments and promotions (idp)", false);
    b.series("Runs by phase and result", "none", 12, &runs);
    b.stat("Success ratio", "percentunit", 6, success);
    b.table("Latest build by phase", "none", 6, builds);

    let argo = r#"project=~"$team""#;
    let syncs = [(
        "{{phase}}",
        format!("sum by (phase) (increase(argocd_app_sync_total{{{argo}}}[$__rate_interval]))"),
    )];
    let failed = format!(
        r#"sum by (name, project) (increase(argocd_app_sync_total{{{argo}, phase=~"Error|Failed"}}[$__range])) > 0"#
    );
    let drift = format!(
        r#"sum by (name, project) (count_over_time(argocd_app_info{{{argo}, sync_status="OutOfSync"}}[6h])) / sum by (name, project) (count_over_time(argocd_app_info{{{argo}}}[6h]))"#
    );
    b.row("Argo CD", false);
    b.series("Sync operations by phase", "none", 12, &syncs);
    b.table("Failed syncs by app", "none", 12, failed);
    b.table(
        "Drift: share of the last 6h OutOfSync",
        "percentunit",
        24,
        drift,
    );
    Vec::new()
}

/// The dashboard JSON of `env`'s `kind`.
fn dashboard(config: &Config, env: &str, kind: &str) -> Value {
    let literal = promql_string(env);
    let mut board = Board::new();
    let (description, variables) = match kind {
        "health" => (
            "Argo CD sync and health, pods, restarts, alerts, certificates and secrets",
            health(&mut board),
        ),
        "performance" => (
            "Per app: request rate, errors, latency, saturation (the golden-path label contract)",
            performance(&mut board, &literal),
        ),
        _ => (
            "Policies, deployments and promotions, Argo CD syncs and drift",
            control(&mut board, &literal),
        ),
    };
    let mut list = vec![
        json!({"name": "datasource", "type": "datasource", "query": "prometheus", "label": "Data source"}),
        team_variable(config),
    ];
    list.extend(variables);
    json!({
        "uid": uid(env, kind),
        "title": format!("{env}: {kind}"),
        "description": format!("{description} in `{env}`. Generated by idp (ADR-0034); edit idp, not this dashboard."),
        "tags": ["idp", "environment", kind],
        "timezone": "utc",
        "schemaVersion": 39,
        "version": 1,
        "editable": false,
        "time": {"from": "now-24h", "to": "now"},
        "refresh": "1m",
        "templating": {"list": list},
        "panels": board.panels,
    })
}

/// The three dashboards of `env`, as ConfigMaps by file name (`dashboard-<kind>.yaml`).
pub fn configmaps(config: &Config, env: &EnvFile) -> Vec<(String, Value)> {
    KINDS
        .iter()
        .map(|kind| {
            let text = serde_json::to_string_pretty(&dashboard(config, &env.name, kind))
                .unwrap_or_default();
            (
                format!("dashboard-{kind}.yaml"),
                json!({
                    "apiVersion": "v1",
                    "kind": "ConfigMap",
                    "metadata": {
                        "name": format!("idp-dashboard-{kind}"),
                        "namespace": NAMESPACE,
                        "labels": {
                            LABEL: "1",
                            "app.kubernetes.io/managed-by": "idp",
                            "idp.dev/dashboard": kind,
                        },
                        "annotations": {
                            "argocd.argoproj.io/sync-wave": "1",
                            FOLDER_ANNOTATION: plain(&env.name),
                        },
                    },
                    "data": {format!("idp-{kind}.json"): text},
                }),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> EnvFile {
        EnvFile {
            name: name.to_string(),
            path: format!("environments/{name}.yaml"),
            doc: crate::yaml::parse("tier: dev\n").unwrap(),
        }
    }

    #[test]
    fn string_literals_escape_what_promql_and_grafana_read() {
        assert_eq!(promql_string("dev"), r#""dev""#);
        assert_eq!(promql_string(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(promql_string("$team[[x]]"), r#""\x24team\x5b\x5bx]]""#);
        assert_eq!(promql_string("a\nb\u{7f}"), r#""a\x0ab\x7f""#);
    }

    #[test]
    fn uids_are_stable_short_and_distinct() {
        assert_eq!(uid("dev", "performance"), "idp-dev-performance");
        let long = "a-very-long-environment-name";
        let weird = r#"q"a\b"#;
        for env in [long, weird, "", "ÄÖ"] {
            for kind in KINDS {
                let u = uid(env, kind);
                assert!(u.len() <= UID_MAX, "{u}");
                assert!(
                    u.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
                    "{u}"
                );
                assert_eq!(u, uid(env, kind));
            }
        }
        assert_ne!(uid("qa\"", "health"), uid("qa\\", "health"));
    }

    #[test]
    fn a_hostile_environment_stays_a_value() {
        let config: Config = serde_json::from_value(json!({
            "teams": [{"name": "web"}, {"name": "a,b"}, {"name": r#"x"y"#}],
        }))
        .unwrap();
        let name = r#"q"a\b$team"#;
        let maps = configmaps(&config, &env(name));
        assert_eq!(maps.len(), 3);
        for (_, map) in &maps {
            let data = map["data"].as_object().unwrap();
            let text = data.values().next().unwrap().as_str().unwrap();
            let board: Value = serde_json::from_str(text).unwrap();
            assert_eq!(
                board["title"],
                format!(
                    "{name}: {}",
                    map["metadata"]["labels"]["idp.dev/dashboard"]
                        .as_str()
                        .unwrap()
                )
            );
            assert_eq!(board["templating"]["list"][1]["query"], "web");
            assert_eq!(
                map["metadata"]["annotations"][FOLDER_ANNOTATION],
                "q-a-b-team"
            );
        }
        let perf = maps[1].1["data"]["idp-performance.json"].as_str().unwrap();
        assert!(perf.contains(r#"env=\"q\\\"a\\\\b\\x24team\""#), "{perf}");
    }
}
