//! `idp metrics export|push`, checked with the real tools: `promtool check metrics` on the
//! exposition, a real Pushgateway (Debian `prometheus-pushgateway`) on 127.0.0.1 receiving the
//! push, and `promtool check rules` on the alerts and dashboard queries `idp init` writes.
//! `.ci/run` installs both; without them (outside CI) these tests say so loudly and stop.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::harness::Test;

/// A tool from PATH (or /usr/bin); under CI a missing tool fails the test.
fn tool(name: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .chain([PathBuf::from("/usr/bin")])
        .map(|d| d.join(name))
        .find(|p| p.is_file());
    if found.is_none() {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false");
        assert!(!ci, "`{name}` is missing under CI: .ci/run installs it");
        eprintln!(
            "\n\n*** SKIPPED: `{name}` is not installed (apt-get install prometheus \
             prometheus-pushgateway, or run .ci/run); this test checked NOTHING ***\n\n"
        );
    }
    found
}

/// `idp metrics export ARGS…`: its stdout.
fn export(t: &Test, args: &[&str]) -> String {
    let mut all = vec!["metrics", "export"];
    all.extend(args);
    t.idp(all).run().success().stdout
}

/// The item of the array `list` whose `key` is `name`.
fn named(list: &Value, key: &str, name: &str) -> Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|f| f[key] == name)
        .unwrap_or_else(|| panic!("no {key} {name} in {list:#}"))
        .clone()
}

fn recorded() -> Test {
    let t = Test::platform();
    for (env, phase, d, extra) in [
        (
            "dev",
            "apply",
            "450",
            vec!["--build-id", "26-11-26-01", "--service", "payments"],
        ),
        ("dev", "teardown", "700", vec!["--break-glass"]),
        ("dev", "teardown", "1300", vec!["--retries", "2"]),
        ("test", "plan", "20", vec!["--exit-code", "1"]),
    ] {
        let mut args = vec![
            "records",
            "add",
            "--phase",
            phase,
            "--env",
            env,
            "--duration",
            d,
        ];
        args.extend(extra);
        t.idp(args).run().success();
    }
    t
}

#[test]
fn export_is_valid_prometheus_json_and_csv() {
    let t = recorded();
    let prom = export(&t, &[]);
    for needle in [
        "# TYPE idp_pipeline_duration_seconds histogram",
        "idp_pipeline_duration_seconds_bucket{env=\"dev\",le=\"1200\",phase=\"teardown\"} 1",
        "idp_pipeline_duration_seconds_bucket{env=\"dev\",le=\"+Inf\",phase=\"teardown\"} 2",
        "idp_pipeline_duration_seconds_sum{env=\"dev\",phase=\"teardown\"} 2000",
        "idp_pipeline_runs_total{env=\"test\",phase=\"plan\",result=\"failed\"} 1",
        "idp_pipeline_runs_total{env=\"dev\",phase=\"apply\",result=\"success\",service=\"payments\"} 1",
        // The build is a label of the info metric only (one series per env/phase/service).
        "# TYPE idp_pipeline_build_info gauge",
        "idp_pipeline_build_info{build_id=\"26-11-26-01\",env=\"dev\",phase=\"apply\",service=\"payments\"} 1",
        "idp_pipeline_retries_total{env=\"dev\",phase=\"teardown\"} 2",
        "idp_teardown_break_glass_total{env=\"dev\",phase=\"teardown\"} 1",
    ] {
        assert!(prom.contains(needle), "missing {needle:?} in:\n{prom}");
    }
    assert!(
        !prom
            .lines()
            .any(|l| l.contains("build_id=") && !l.starts_with("idp_pipeline_build_info")),
        "build_id labels a series other than the info metric:\n{prom}"
    );
    let json: Value =
        serde_json::from_str(&export(&t, &["--format", "json", "--env", "test"])).unwrap();
    assert_eq!(json[1]["name"], "idp_pipeline_runs_total");
    assert_eq!(json[1]["samples"][0]["labels"]["result"], "failed");
    let csv = export(&t, &["--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 5);
    assert!(lines[0].starts_with("id,phase,env,build_id,start,end,duration_seconds,result"));
    assert!(
        lines[1..]
            .iter()
            .any(|l| l.starts_with("R-") && l.contains(",apply,dev,26-11-26-01,")),
        "{csv}"
    );
    t.idp(["metrics", "export", "--format", "xml"])
        .run()
        .code(2)
        .stderr_has("invalid value 'xml'");
    promtool_check_metrics(&prom);
}

/// `promtool check metrics` on `exposition`: no error and no lint warning (nothing checked,
/// loudly, without promtool).
#[test]
fn metrics_export_with_output_json_prints_the_families_as_json() {
    // See issue 24: `idp metrics export -o json` printed the Prometheus exposition (or nothing).
    let t = recorded();
    let by_flag = export(&t, &["--format", "json"]);
    let by_output = export(&t, &["-o", "json"]);
    let families: Value = serde_json::from_str(&by_output).unwrap();
    assert_eq!(
        families,
        serde_json::from_str::<Value>(&by_flag).unwrap(),
        "`-o json` and `--format json` differ"
    );
    assert!(named(&families, "name", "idp_pipeline_runs_total")["samples"].is_array());
    let yaml = export(&t, &["-o", "yaml"]);
    assert!(
        yaml.contains("- name: idp_pipeline_duration_seconds\n"),
        "{yaml}"
    );
    // `--format` names the export format and wins over `-o`.
    let csv = export(&t, &["-o", "json", "--format", "csv"]);
    assert!(serde_json::from_str::<Value>(&csv).is_err(), "{csv}");
    assert!(export(&t, &[]).contains("# TYPE idp_pipeline_runs_total counter"));
}

fn promtool_check_metrics(exposition: &str) {
    let Some(promtool) = tool("promtool") else {
        return;
    };
    let mut check = Command::new(promtool)
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    check
        .stdin
        .take()
        .unwrap()
        .write_all(exposition.as_bytes())
        .unwrap();
    let out = check.wait_with_output().unwrap();
    assert!(
        out.status.success() && out.stdout.is_empty() && out.stderr.is_empty(),
        "promtool check metrics: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `idp drift --layer render --env ENV --record --direct` (more arguments after), which exits
/// `code`.
fn drift_run(t: &Test, env: &str, more: &[&str], code: i32) {
    let mut args = vec![
        "drift", "--layer", "render", "--env", env, "--record", "--direct",
    ];
    args.extend(more);
    t.idp(args).run().code(code);
}

/// Drift runs recorded by the real `idp drift`: dev clean, then dev drifted (a hand-edited
/// generated file of dev, alert only), test clean.
fn drift_recorded() -> Test {
    let t = Test::platform();
    drift_run(&t, "dev", &[], 0);
    let addon = "argocd/dev/addons/kyverno.yaml";
    t.commit_file(
        addon,
        &t.read(addon).replace("kyverno", "kyverno-x"),
        "by hand",
    );
    drift_run(&t, "dev", &["--remediate", "alert"], 5);
    drift_run(&t, "test", &[], 0);
    t
}

#[test]
fn export_has_the_drift_of_each_environment_by_layer() {
    let t = drift_recorded();
    let records = crate::records::on(&t, "main", "drift");
    assert_eq!(records.len(), 3, "{records:#?}");
    let prom = export(&t, &[]);
    let newest_dev =
        idp::infra::clock::unix_from_rfc3339(records[1]["time"].as_str().unwrap()).unwrap();
    for needle in [
        "# TYPE idp_drift_findings gauge".to_string(),
        "idp_drift_findings{env=\"dev\",layer=\"render\"} 1\n".into(),
        "idp_drift_findings{env=\"test\",layer=\"render\"} 0\n".into(),
        "idp_drift_dangerous_findings{env=\"dev\"} 0\n".into(),
        "# TYPE idp_drift_runs_total counter".into(),
        "idp_drift_runs_total{env=\"dev\",result=\"clean\"} 1\n".into(),
        "idp_drift_runs_total{env=\"dev\",result=\"drift\"} 1\n".into(),
        "idp_drift_runs_total{env=\"test\",result=\"drift\"} 0\n".into(),
        "# TYPE idp_drift_last_run_timestamp_seconds gauge".into(),
        format!("idp_drift_last_run_timestamp_seconds{{env=\"dev\"}} {newest_dev}\n"),
    ] {
        assert!(prom.contains(&needle), "missing {needle:?} in:\n{prom}");
    }
    // Only the layers looked at; no environment that was never checked.
    assert!(!prom.contains("layer=\"cluster\""), "{prom}");
    assert!(!prom.contains("env=\"prod\""), "{prom}");
    promtool_check_metrics(&prom);

    let json: Value =
        serde_json::from_str(&export(&t, &["--format", "json", "--env", "dev"])).unwrap();
    let family = |name: &str| named(&json, "name", name);
    let findings = family("idp_drift_findings");
    assert_eq!(findings["type"], "gauge");
    assert_eq!(
        findings["samples"],
        serde_json::json!([{
            "name": "idp_drift_findings",
            "labels": {"env": "dev", "layer": "render"},
            "value": 1.0,
        }])
    );
    assert_eq!(
        family("idp_drift_runs_total")["samples"]
            .as_array()
            .unwrap()
            .len(),
        2,
        "--env dev: dev's clean and drift counts only"
    );

    let csv = export(&t, &["--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert!(
        lines[0].ends_with(
            ",workflow_run_url,drift_findings,drift_render,drift_cluster,drift_cloud,drift_dangerous"
        ),
        "{csv}"
    );
    assert_eq!(lines.len(), 4, "{csv}");
    let drifted = format!(
        "{},drift,dev,,{},,,drift,,,,,,,,,,1,1,,,0",
        records[1]["id"].as_str().unwrap(),
        records[1]["time"].as_str().unwrap()
    );
    assert!(
        lines.contains(&drifted.as_str()),
        "no {drifted:?} in:\n{csv}"
    );
    assert!(
        lines[1..]
            .iter()
            .all(|l| l.split(',').count() == lines[0].split(',').count()),
        "{csv}"
    );
}

/// A Pushgateway on a free port of 127.0.0.1, stopped (by its pid) when dropped.
struct Gateway {
    child: Child,
    url: String,
}

impl Drop for Gateway {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `GET` over plain HTTP/1.0 (std only): the body when the status is 200.
fn get(url: &str) -> Option<String> {
    use std::io::{Read as _, Write as _};
    let rest = url.strip_prefix("http://")?;
    let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
    let mut conn = std::net::TcpStream::connect(host).ok()?;
    conn.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(conn, "GET /{path} HTTP/1.0\r\nHost: {host}\r\n\r\n").ok()?;
    let mut response = String::new();
    conn.read_to_string(&mut response).ok()?;
    let (head, body) = response.split_once("\r\n\r\n")?;
    head.starts_with("HTTP/1.1 200")
        .then(|| body.to_string())
        .or_else(|| head.starts_with("HTTP/1.0 200").then(|| body.to_string()))
}

fn start_gateway(bin: PathBuf, dir: &std::path::Path) -> Gateway {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(bin)
        .arg(format!("--web.listen-address=127.0.0.1:{port}"))
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the pushgateway starts");
    let gw = Gateway {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while get(&format!("{}/-/ready", gw.url)).is_none() {
        assert!(
            Instant::now() < deadline,
            "the pushgateway did not get ready"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    gw
}

#[test]
fn push_lands_in_a_real_pushgateway() {
    let t = recorded();
    drift_run(&t, "dev", &[], 0);
    t.idp(["metrics", "push", "--gateway", "not a url"])
        .run()
        .code(2)
        .stderr_has("is not a URL");
    let Some(bin) = tool("prometheus-pushgateway") else {
        return;
    };
    let gw = start_gateway(bin, &t.root);
    let o = t
        .idp(["metrics", "push", "--gateway", &gw.url, "-o", "json"])
        .run()
        .success()
        .json();
    assert_eq!(
        o.as_array().unwrap().len(),
        2,
        "one group per environment: {o}"
    );
    let metrics = get(&format!("{}/metrics", gw.url)).expect("GET /metrics");
    let line = |name: &str, parts: &[&str]| {
        metrics
            .lines()
            .find(|l| l.starts_with(name) && parts.iter().all(|p| l.contains(p)))
    };
    let runs = line(
        "idp_pipeline_runs_total{",
        &[
            "env=\"test\"",
            "job=\"idp\"",
            "phase=\"plan\"",
            "result=\"failed\"",
        ],
    )
    .unwrap_or_else(|| panic!("no runs_total of test in:\n{metrics}"));
    assert!(runs.ends_with(" 1"), "{runs}");
    let bg = line(
        "idp_teardown_break_glass_total{",
        &["env=\"dev\"", "job=\"idp\""],
    )
    .unwrap_or_else(|| panic!("no break_glass_total in:\n{metrics}"));
    assert!(bg.ends_with(" 1"), "{bg}");
    let count = line(
        "idp_pipeline_duration_seconds_count{",
        &["env=\"dev\"", "phase=\"teardown\""],
    )
    .unwrap_or_else(|| panic!("no duration histogram in:\n{metrics}"));
    assert!(count.ends_with(" 2"), "{count}");
    let drift = line(
        "idp_drift_findings{",
        &["env=\"dev\"", "job=\"idp\"", "layer=\"render\""],
    )
    .unwrap_or_else(|| panic!("no drift findings in:\n{metrics}"));
    assert!(drift.ends_with(" 0"), "{drift}");
    // A second push replaces the group (PUT): the counts are not doubled.
    t.idp(["metrics", "push", "--gateway", &gw.url])
        .run()
        .success();
    let again = get(&format!("{}/metrics", gw.url)).unwrap();
    assert!(again.contains(runs), "{again}");
}

/// `expr` with Grafana's variables replaced by stand-ins PromQL parses: `$__rate_interval`,
/// `$__interval` and `$__range` by a duration, any other `$name` or `${name}` by `.*` (every
/// dashboard uses its variables in regex matchers or string literals).
fn stand_ins(expr: &str) -> String {
    let var = regex::Regex::new(r"\$(?:\{(\w+)\}|(\w+))").unwrap();
    var.replace_all(expr, |c: &regex::Captures<'_>| {
        let name = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
        if name.starts_with("__") { "5m" } else { ".*" }.to_string()
    })
    .into_owned()
}

/// `promtool check rules` on `files` and on `exprs` as recording rules (promtool parses each):
/// its output, after asserting that it passed.
fn promtool_check_rules(
    promtool: &Path,
    dir: &Path,
    exprs: &[String],
    files: &[PathBuf],
) -> String {
    let mut recording = String::from("groups:\n  - name: dashboard\n    rules:\n");
    for (i, e) in exprs.iter().enumerate() {
        recording.push_str(&format!(
            "      - record: idp:dashboard_panel_{i}\n        expr: {}\n",
            serde_json::to_string(&stand_ins(e)).unwrap()
        ));
    }
    let dash_file = dir.join("dashboard-rules.yaml");
    std::fs::write(&dash_file, recording).unwrap();
    let out = Command::new(promtool)
        .args(["check", "rules"])
        .args(files)
        .arg(&dash_file)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let numbered: Vec<String> = exprs
        .iter()
        .enumerate()
        .map(|(i, e)| format!("  idp:dashboard_panel_{i}: {e}"))
        .collect();
    assert!(
        out.status.success(),
        "promtool check rules:\n{text}\nthe queries:\n{}",
        numbered.join("\n")
    );
    assert!(
        text.contains(&format!("SUCCESS: {} rules found", exprs.len())),
        "{text}"
    );
    text
}

#[test]
fn the_alert_rules_and_dashboard_queries_init_writes_pass_promtool() {
    let t = Test::platform();
    let rules = t.read("observability/idp-pipeline-rules.yaml");
    assert!(rules.contains("kind: PrometheusRule"));
    let dashboard: serde_json::Value =
        serde_json::from_str(&t.read("observability/idp-pipeline-dashboard.json")).unwrap();
    let exprs: Vec<String> = dashboard["panels"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["targets"].as_array().unwrap().clone())
        .map(|t| t["expr"].as_str().unwrap().to_string())
        .collect();
    assert!(exprs.len() >= 6);
    for m in [
        "idp_pipeline_duration_seconds_bucket",
        "idp_pipeline_runs_total",
        "idp_pipeline_retries_total",
        "idp_teardown_break_glass_total",
        "idp_drift_findings",
        "idp_drift_last_run_timestamp_seconds",
    ] {
        assert!(exprs.iter().any(|e| e.contains(m)), "no panel uses {m}");
    }
    // The drift alerts link RB-0007 of the platform repo, and keep Prometheus's templates.
    let doc = idp::yaml::parse(&rules).unwrap().value;
    let drift_rules = named(&doc["spec"]["groups"], "name", "idp-drift")["rules"].clone();
    let alert = |name: &str| named(&drift_rules, "alert", name);
    assert_eq!(alert("IdpDriftPersistent")["labels"]["severity"], "warning");
    assert!(
        alert("IdpDriftPersistent")["expr"]
            .as_str()
            .unwrap()
            .contains("min_over_time(idp_drift_findings[24h])")
    );
    assert_eq!(alert("IdpDriftDangerous")["labels"]["severity"], "critical");
    for name in [
        "IdpDriftPersistent",
        "IdpDriftDangerous",
        "IdpDriftNotChecked",
    ] {
        let notes = &alert(name)["annotations"];
        let url = notes["runbook_url"].as_str().unwrap();
        let path = url
            .strip_prefix("https://github.com/acme/platform/blob/main/")
            .unwrap_or_else(|| panic!("{url} is not a link into the platform repo"));
        assert!(
            path.starts_with("runbooks/RB-0007-") && t.path(path).exists(),
            "{url}"
        );
        assert!(
            notes["summary"]
                .as_str()
                .unwrap()
                .contains("{{ $labels.env }}"),
            "{notes}"
        );
    }
    let Some(promtool) = tool("promtool") else {
        return;
    };
    // promtool wants plain rule groups: the PrometheusRule's `spec`, one level out.
    let spec: String = rules
        .split_once("\nspec:\n")
        .expect("a spec")
        .1
        .lines()
        .map(|l| format!("{}\n", l.strip_prefix("  ").unwrap_or(l)))
        .collect();
    let file = t.root.join("rules.yaml");
    std::fs::write(&file, &spec).unwrap();
    let text = promtool_check_rules(&promtool, &t.root, &exprs, &[file]);
    assert!(text.contains("SUCCESS: 9 rules found"), "{text}");
}

/// Every Grafana dashboard in the repo at `dir`, by where it was found: `*.json` files with
/// panels, and the JSON in the data of ConfigMaps labelled `grafana_dashboard`.
fn dashboards(root: &Path, dir: &Path, out: &mut Vec<(String, Value)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
        if p.is_dir() {
            if ![".git", ".idp", "node_modules", "golden-paths"].contains(&name.as_str()) {
                dashboards(root, &p, out);
            }
        } else if name.ends_with(".json") {
            let v: Value =
                serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap_or(Value::Null);
            if v.get("panels").is_some() {
                out.push((rel, v));
            }
        } else if name.ends_with(".yaml") {
            let text = std::fs::read_to_string(&p).unwrap();
            let docs = idp::yaml::parse_all(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
            for doc in docs {
                let v = doc.value;
                if v["kind"] != "ConfigMap"
                    || v["metadata"]["labels"]["grafana_dashboard"].is_null()
                {
                    continue;
                }
                for (key, json) in v["data"].as_object().into_iter().flatten() {
                    let json = json.as_str().unwrap_or_default();
                    let board = serde_json::from_str(json)
                        .unwrap_or_else(|e| panic!("{rel} data.{key}: not JSON: {e}"));
                    out.push((format!("{rel} data.{key}"), board));
                }
            }
        }
    }
}

/// The PromQL of every panel of `board` (rows' panels included), after asserting that every
/// panel and query reads the `datasource` variable and that the variable exists.
fn queries_of(source: &str, board: &Value) -> Vec<String> {
    let variables = board["templating"]["list"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        variables.iter().any(|v| v["name"] == "datasource"
            && v["type"] == "datasource"
            && v["query"] == "prometheus"),
        "{source}: no `datasource` variable of type datasource (prometheus)"
    );
    let reads_variable = |what: &str, ds: &Value| {
        assert!(
            ds["type"] == "prometheus"
                && ["${datasource}", "$datasource"].contains(&ds["uid"].as_str().unwrap_or("")),
            "{source}: {what} does not read the `datasource` variable: {ds}"
        );
    };
    for v in variables.iter().filter(|v| v["type"] == "query") {
        reads_variable(&format!("variable {}", v["name"]), &v["datasource"]);
    }
    let mut panels: Vec<Value> = board["panels"].as_array().cloned().unwrap_or_default();
    let mut exprs = Vec::new();
    while let Some(panel) = panels.pop() {
        let title = format!("panel {}", panel["title"]);
        if panel["type"] == "row" {
            panels.extend(panel["panels"].as_array().cloned().unwrap_or_default());
            continue;
        }
        reads_variable(&title, &panel["datasource"]);
        let targets = panel["targets"].as_array().cloned().unwrap_or_default();
        assert!(!targets.is_empty(), "{source}: {title} has no query");
        for target in targets {
            if !target["datasource"].is_null() {
                reads_variable(&title, &target["datasource"]);
            }
            let expr = target["expr"].as_str().unwrap_or_default();
            assert!(
                !expr.trim().is_empty(),
                "{source}: {title}: a query without expr"
            );
            exprs.push(expr.to_string());
        }
    }
    exprs
}

#[test]
fn every_grafana_dashboard_idp_writes_reads_its_datasource_and_passes_promtool() {
    let t = Test::with_app();
    let mut found = Vec::new();
    dashboards(&t.platform, &t.platform, &mut found);
    let sources: Vec<&str> = found.iter().map(|(s, _)| s.as_str()).collect();
    let envs = ["dev", "test", "staging", "prod"];
    let mut expected = vec![
        "observability/idp-pipeline-dashboard.json".to_string(),
        "apps/payments/base/dashboard.yaml data.payments.json".to_string(),
    ];
    for env in envs {
        for kind in ["health", "performance", "control"] {
            expected.push(format!(
                "addons/kube-prometheus-stack/config/{env}/dashboard-{kind}.yaml data.idp-{kind}.json"
            ));
        }
    }
    for e in &expected {
        assert!(
            sources.contains(&e.as_str()),
            "{e} not found in {sources:#?}"
        );
    }
    assert_eq!(found.len(), expected.len(), "{sources:#?}");

    let mut uids = std::collections::BTreeSet::new();
    let mut exprs = Vec::new();
    for (source, board) in &found {
        let uid = board["uid"].as_str().unwrap_or_default();
        assert!(!uid.is_empty() && uid.len() <= 40, "{source}: uid {uid:?}");
        assert!(uids.insert(uid.to_string()), "{source}: uid {uid} twice");
        exprs.extend(queries_of(source, board));
    }
    // The environment's dashboards read the signals they promise, on the environment.
    let env_board = |env: &str, kind: &str| {
        let (_, b) = found
            .iter()
            .find(|(s, _)| s.contains(&format!("config/{env}/dashboard-{kind}.yaml")))
            .unwrap();
        assert_eq!(b["uid"], format!("idp-{env}-{kind}"));
        queries_of(kind, b).join("\n")
    };
    for (kind, metrics) in [
        (
            "health",
            &[
                "argocd_app_info",
                "kube_pod_status_ready",
                "kube_pod_container_status_restarts_total",
                "ALERTS{alertstate=\"firing\"",
                "certmanager_certificate_expiration_timestamp_seconds",
                "externalsecret_status_condition",
            ][..],
        ),
        (
            "performance",
            &[
                "http_requests_total{env=\"prod\"",
                "http_request_duration_seconds_bucket{env=\"prod\"",
                "histogram_quantile(0.99",
                "build_info{env=\"prod\"",
                "kube_pod_container_resource_requests",
                "kube_pod_container_resource_limits",
                "container_memory_working_set_bytes",
                "kong_http_requests_total",
            ][..],
        ),
        (
            "control",
            &[
                "kyverno_policy_results_total",
                "policy_validation_mode",
                "idp_pipeline_runs_total{env=\"prod\"",
                "idp_pipeline_build_info{env=\"prod\"",
                "argocd_app_sync_total",
                "sync_status=\"OutOfSync\"",
            ][..],
        ),
    ] {
        let text = env_board("prod", kind);
        for m in metrics {
            assert!(text.contains(m), "prod {kind}: no query reads {m}:\n{text}");
        }
    }
    // The names the performance dashboard reads are the ones the golden-path service exports.
    let service = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("golden-paths/stateless-app/app/service/main.py"),
    )
    .unwrap();
    for exported in [
        "Counter(\n    \"http_requests\"",
        "Histogram(\n    \"http_request_duration_seconds\"",
        "Info(\"build\"",
        "\"service\": SERVICE, \"env\": ENV, \"version\": VERSION, \"team\": TEAM",
    ] {
        assert!(
            service.contains(exported),
            "main.py no longer has {exported:?}"
        );
    }

    // Hostile names stay values: an environment file named with quotes, backslashes and a
    // Grafana variable (idp.yaml's schema allows only plain team names; `env add` only plain
    // environment names, but a hand-made environment file is read as it is named).
    let config: idp::platform::Config = serde_json::from_value(serde_json::json!({
        "teams": [{"name": "web"}, {"name": "x\"y\\z,w"}],
    }))
    .unwrap();
    let hostile = "q\"a\\b$team";
    let env = idp::platform::environments::EnvFile {
        name: hostile.into(),
        path: format!("environments/{hostile}.yaml"),
        doc: idp::yaml::parse("tier: dev\n").unwrap(),
    };
    let mut hostile_exprs = Vec::new();
    for (file, map) in idp::platform::dashboards::configmaps(&config, &env) {
        for (_, json) in map["data"].as_object().unwrap() {
            let board: Value = serde_json::from_str(json.as_str().unwrap()).unwrap();
            assert_eq!(board["templating"]["list"][1]["query"], "web", "{file}");
            hostile_exprs.extend(queries_of(&file, &board));
        }
    }
    let literal = r#"env="q\"a\\b\x24team""#;
    assert!(
        hostile_exprs.iter().any(|e| e.contains(literal)),
        "no query matches {literal}: {hostile_exprs:#?}"
    );
    exprs.extend(hostile_exprs);

    let Some(promtool) = tool("promtool") else {
        return;
    };
    promtool_check_rules(&promtool, &t.root, &exprs, &[]);
}
