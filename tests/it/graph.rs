//! `idp graph` and `idp graph why`: the relation graph from the platform repo alone.

use crate::harness::Test;

fn edge(g: &serde_json::Value, from: &str, to: &str, relation: &str) -> bool {
    g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["from"] == from && e["to"] == to && e["relation"] == relation)
}

fn with_app() -> Test {
    let t = Test::platform();
    t.idp([
        "new-app",
        "payments",
        "--template",
        "backend-app-rds",
        "--owner",
        "platform",
        "--direct",
    ])
    .run()
    .success();
    t
}

#[test]
fn the_graph_links_environments_apps_requests_teams_and_docs() {
    let t = with_app();
    t.idp([
        "adr",
        "new",
        "Apps talk to Postgres through RDS Proxy",
        "--direct",
    ])
    .run()
    .success();
    let adr = t.read("adrs/ADR-0001-apps-talk-to-postgres-through-rds-proxy.md");
    t.commit_file(
        "adrs/ADR-0001-apps-talk-to-postgres-through-rds-proxy.md",
        &adr.replacen("tags:", "applies_to: ['kind:rds']\ntags:", 1),
        "scope the ADR",
    );
    let g = t.idp(["graph"]).run().success().json();
    assert_eq!(g["schema"], "idp.graph/v1");
    for (from, to, rel) in [
        ("env:dev", "env:test", "promotes-to"),
        ("env:staging", "env:prod", "promotes-to"),
        ("app:payments", "env:prod", "deployed-to"),
        ("app:payments", "team:platform", "owned-by"),
        ("request:RDS-0001", "env:dev", "in"),
        ("app:payments", "request:RDS-0001", "uses"),
        ("runbook:RB-0004", "app:payments", "covers"),
        ("runbook:RB-0008", "env:prod", "covers"),
        ("adr:ADR-0001", "request:RDS-0004", "governs"),
    ] {
        assert!(edge(&g, from, to, rel), "no edge {from} -{rel}-> {to}");
    }
    // Every edge ends at a node.
    let ids: Vec<&str> = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    for e in g["edges"].as_array().unwrap() {
        assert!(ids.contains(&e["from"].as_str().unwrap()), "{e}");
        assert!(ids.contains(&e["to"].as_str().unwrap()), "{e}");
    }
}

#[test]
fn dot_and_mermaid_hold_every_node_and_edge() {
    let t = with_app();
    let g = t.idp(["graph"]).run().success().json();
    let (nodes, edges) = (
        g["nodes"].as_array().unwrap().len(),
        g["edges"].as_array().unwrap().len(),
    );
    let dot = t
        .idp(["graph", "--format", "dot"])
        .run()
        .success()
        .stdout
        .clone();
    assert!(dot.starts_with("digraph idp {"), "{dot}");
    assert!(dot.trim_end().ends_with('}'));
    assert_eq!(dot.matches(" -> ").count(), edges);
    assert!(dot.contains("\"app:payments\" -> \"env:dev\" [label=\"deployed-to\"];"));
    let mermaid = t
        .idp(["graph", "--format", "mermaid"])
        .run()
        .success()
        .stdout
        .clone();
    assert!(mermaid.starts_with("flowchart LR\n"));
    assert_eq!(mermaid.matches(" -->|").count(), edges);
    assert_eq!(mermaid.lines().filter(|l| l.contains("[\"")).count(), nodes);
}

#[test]
fn why_says_what_a_node_depends_on_who_owns_it_and_how_it_got_here() {
    let t = with_app();
    t.write(
        ".idp/records/promotions.jsonl",
        "{\"id\":\"P-0001\",\"app\":\"payments\",\"from\":\"dev\",\"to\":\"test\",\"digest\":\"sha256:abc\"}\n",
    );
    let why = t
        .idp(["graph", "why", "payments", "-o", "json"])
        .run()
        .success()
        .json();
    assert_eq!(why["node"]["id"], "app:payments");
    assert_eq!(why["owner"], "team:platform");
    let deps: Vec<&str> = why["depends_on"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["to"].as_str().unwrap())
        .collect();
    assert!(
        deps.contains(&"env:prod") && deps.contains(&"request:RDS-0004"),
        "{deps:?}"
    );
    assert!(
        why["covered_by"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!("runbook:RB-0004"))
    );
    assert_eq!(why["promotions"][0]["id"], "P-0001");
    let subject = why["history"][0]["subject"].as_str().unwrap();
    assert!(subject.contains("payments"), "{subject}");
    assert!(
        why["history"][0]["trailers"]["Idp-Command"].is_string(),
        "{why}"
    );

    t.idp(["graph", "why", "env:prod"])
        .run()
        .success()
        .stdout_has("env:prod (environments/prod.yaml)")
        .stdout_has("covered by:   runbook:RB-0008");
    t.idp(["graph", "why", "nothing-like-it"])
        .run()
        .code(2)
        .stderr_has("there is no node `nothing-like-it`");
}

#[test]
fn graph_why_prints_promotions_as_text_not_json_lines() {
    // See issue 24: `graph why` printed each promotion as a raw JSON line in text mode.
    let t = with_app();
    t.write(
        ".idp/records/promotions.jsonl",
        "{\"id\":\"P-0001\",\"action\":\"promote\",\"app\":\"payments\",\"from\":\"dev\",\"to\":\"test\",\"tag\":\"test-1a2b3c4\",\"digest\":\"sha256:abc\",\"actor\":\"ada@example.com\",\"time\":\"2026-11-25T22:21:32Z\"}\n",
    );
    let out = t
        .idp(["graph", "why", "payments"])
        .run()
        .success()
        .stdout
        .clone();
    assert!(
        out.contains(
            "    P-0001  2026-11-25  promote payments dev → test  test-1a2b3c4 (sha256:abc)  by ada@example.com\n"
        ),
        "{out}"
    );
    assert!(!out.contains("{\""), "{out}");
}
