//! `idp metrics export|push`, checked with the real tools: `promtool check metrics` on the
//! exposition, a real Pushgateway (Debian `prometheus-pushgateway`) on 127.0.0.1 receiving the
//! push, and `promtool check rules` on the alerts and dashboard queries `idp init` writes.
//! `.ci/run` installs both; without them (outside CI) these tests say so loudly and stop.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

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
    let prom = t.idp(["metrics", "export"]).run().success().stdout;
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
    let json: serde_json::Value = serde_json::from_str(
        &t.idp(["metrics", "export", "--format", "json", "--env", "test"])
            .run()
            .success()
            .stdout,
    )
    .unwrap();
    assert_eq!(json[1]["name"], "idp_pipeline_runs_total");
    assert_eq!(json[1]["samples"][0]["labels"]["result"], "failed");
    let csv = t
        .idp(["metrics", "export", "--format", "csv"])
        .run()
        .success()
        .stdout;
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
        .write_all(prom.as_bytes())
        .unwrap();
    let out = check.wait_with_output().unwrap();
    assert!(
        out.status.success() && out.stdout.is_empty() && out.stderr.is_empty(),
        "promtool check metrics: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
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
    // A second push replaces the group (PUT): the counts are not doubled.
    t.idp(["metrics", "push", "--gateway", &gw.url])
        .run()
        .success();
    let again = get(&format!("{}/metrics", gw.url)).unwrap();
    assert!(again.contains(runs), "{again}");
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
        .map(|t| t["expr"].as_str().unwrap().replace("$env", ".*"))
        .collect();
    assert!(exprs.len() >= 6);
    for m in [
        "idp_pipeline_duration_seconds_bucket",
        "idp_pipeline_runs_total",
        "idp_pipeline_retries_total",
        "idp_teardown_break_glass_total",
    ] {
        assert!(exprs.iter().any(|e| e.contains(m)), "no panel uses {m}");
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
    // The dashboard's queries, as recording rules: promtool parses every one.
    let mut recording = String::from("groups:\n  - name: dashboard\n    rules:\n");
    for (i, e) in exprs.iter().enumerate() {
        recording.push_str(&format!(
            "      - record: idp:dashboard_panel_{i}\n        expr: {}\n",
            serde_json::to_string(e).unwrap()
        ));
    }
    let dash_file = t.root.join("dashboard-rules.yaml");
    std::fs::write(&dash_file, recording).unwrap();
    let out = Command::new(promtool)
        .args(["check", "rules"])
        .arg(&file)
        .arg(&dash_file)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "promtool check rules:\n{text}");
    assert!(text.contains("SUCCESS: 6 rules found"), "{text}");
}
