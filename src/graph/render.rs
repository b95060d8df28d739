//! The graph as Graphviz DOT and as a Mermaid flowchart (JSON is serde's), and a promotion
//! record as one line of `idp graph why`.

use std::fmt::Write;

use serde_json::Value;

use super::Graph;

fn shape(kind: &str) -> &'static str {
    match kind {
        "env" => "box3d",
        "app" => "box",
        "request" => "cylinder",
        "team" => "house",
        "adr" | "doc" => "note",
        "runbook" => "component",
        "promotion" => "cds",
        _ => "ellipse",
    }
}

/// A DOT string; `\n` in labels is DOT's line break, so backslashes are kept as they are
/// (ids and names never contain one).
fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\\\""))
}

pub fn dot(g: &Graph) -> String {
    let mut s = String::from("digraph idp {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
    for n in &g.nodes {
        let _ = writeln!(
            s,
            "  {} [label={}, shape={}];",
            quote(&n.id),
            quote(&format!("{}\\n{}", n.kind, n.name)),
            shape(&n.kind)
        );
    }
    for e in &g.edges {
        let _ = writeln!(
            s,
            "  {} -> {} [label={}];",
            quote(&e.from),
            quote(&e.to),
            quote(&e.relation)
        );
    }
    s.push_str("}\n");
    s
}

/// Mermaid ids must be plain words: nodes are `n0`, `n1`, … with the real id as the label.
pub fn mermaid(g: &Graph) -> String {
    let index: std::collections::HashMap<&str, usize> = g
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let label = |s: &str| s.replace('"', "#quot;");
    let mut s = String::from("flowchart LR\n");
    for (i, n) in g.nodes.iter().enumerate() {
        let _ = writeln!(s, "  n{i}[\"{}\"]", label(&n.id));
    }
    for e in &g.edges {
        if let (Some(a), Some(b)) = (index.get(e.from.as_str()), index.get(e.to.as_str())) {
            let _ = writeln!(s, "  n{a} -->|{}| n{b}", label(&e.relation));
        }
    }
    s
}

/// A promotion record as one readable line: `P-0001  2026-11-25  promote payments dev → test
/// test-1a2b3c4 (sha256:abcdef012345…) by ada@example.com`. Fields a record lacks are left out.
pub fn promotion(record: &Value) -> String {
    let field = |k: &str| record.get(k).and_then(Value::as_str).unwrap_or("");
    let mut parts: Vec<String> = Vec::new();
    for k in ["id", "time"] {
        let v = field(k);
        if !v.is_empty() {
            parts.push(v.get(..10).filter(|_| k == "time").unwrap_or(v).to_string());
        }
    }
    let mut what = [field("action"), field("app")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let route = match (field("from"), field("to")) {
        ("", "") => String::new(),
        ("", to) => format!("→ {to}"),
        (from, "") => format!("{from} →"),
        (from, to) => format!("{from} → {to}"),
    };
    if !route.is_empty() {
        if !what.is_empty() {
            what.push(' ');
        }
        what.push_str(&route);
    }
    if !what.is_empty() {
        parts.push(what);
    }
    let digest = field("digest");
    let short: String = digest.chars().take(19).collect();
    let short = if short.len() < digest.len() {
        format!("{short}…")
    } else {
        short
    };
    match (field("tag"), short.as_str()) {
        ("", "") => {}
        ("", d) => parts.push(d.to_string()),
        (t, "") => parts.push(t.to_string()),
        (t, d) => parts.push(format!("{t} ({d})")),
    }
    let actor = field("actor");
    if !actor.is_empty() {
        parts.push(format!("by {actor}"));
    }
    if parts.is_empty() {
        return record.to_string();
    }
    parts.join("  ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_promotion_reads_as_one_line() {
        let r = serde_json::json!({
            "id": "P-0001", "action": "promote", "app": "payments", "from": "dev", "to": "test",
            "tag": "test-1a2b3c4", "digest": format!("sha256:{}", "a".repeat(64)),
            "actor": "ada@example.com", "time": "2026-11-25T22:21:32Z"
        });
        assert_eq!(
            super::promotion(&r),
            "P-0001  2026-11-25  promote payments dev → test  test-1a2b3c4 (sha256:aaaaaaaaaaaa…)  by ada@example.com"
        );
        assert_eq!(super::promotion(&serde_json::json!({"x": 1})), "{\"x\":1}");
    }
}
