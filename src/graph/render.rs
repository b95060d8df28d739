//! The graph as Graphviz DOT and as a Mermaid flowchart (JSON is serde's).

use std::fmt::Write;

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
