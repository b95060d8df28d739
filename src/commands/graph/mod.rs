//! `idp graph [--format json|dot|mermaid]` and `idp graph why <node>`.

use crate::cli::{GraphArgs, GraphCommand, GraphFormat};
use crate::ctx::Ctx;
use crate::docs::inventory::Inventory;
use crate::error::IdpError;
use crate::graph::{self, Graph, render};
use crate::platform::WorkTree;

pub fn run(ctx: &Ctx, args: GraphArgs) -> anyhow::Result<()> {
    let root = ctx.root()?;
    let tree = WorkTree::new(root);
    let inv = Inventory::load(&tree)?;
    ctx.printer.findings(&inv.findings);
    let g = Graph::build(&tree, &inv)?;
    match args.command {
        None => match args.format {
            GraphFormat::Json => ctx.printer.data(&g, || {
                serde_json::to_string_pretty(&g).unwrap_or_default() + "\n"
            }),
            GraphFormat::Dot => ctx.printer.data(&g, || render::dot(&g)),
            GraphFormat::Mermaid => ctx.printer.data(&g, || render::mermaid(&g)),
        },
        Some(GraphCommand::Why { node }) => {
            let n = g.find(&node).map_err(IdpError::usage)?;
            let repo = ctx.repo()?;
            let history = graph::history(repo, &n.file, 10)?;
            let why = g.why(n, history);
            ctx.printer.data(&why, || text(&why))
        }
    }
}

fn text(w: &graph::Why) -> String {
    let mut s = format!("{} ({})\n", w.node.id, w.node.file);
    s.push_str(&format!(
        "  owner:        {}\n",
        w.owner.as_deref().unwrap_or("(none)")
    ));
    let list = |items: Vec<String>| {
        if items.is_empty() {
            "(none)".to_string()
        } else {
            items.join(", ")
        }
    };
    s.push_str(&format!(
        "  depends on:   {}\n",
        list(
            w.depends_on
                .iter()
                .map(|e| format!("{} ({})", e.to, e.relation))
                .collect()
        )
    ));
    s.push_str(&format!(
        "  dependents:   {}\n",
        list(
            w.dependents
                .iter()
                .map(|e| format!("{} ({})", e.from, e.relation))
                .collect()
        )
    ));
    s.push_str(&format!(
        "  governed by:  {}\n",
        list(w.governed_by.clone())
    ));
    s.push_str(&format!("  covered by:   {}\n", list(w.covered_by.clone())));
    if !w.promotions.is_empty() {
        s.push_str("  promotions:\n");
        for p in &w.promotions {
            s.push_str(&format!("    {}\n", render::promotion(p)));
        }
    }
    s.push_str("  history:\n");
    if w.history.is_empty() {
        s.push_str("    (no commits)\n");
    }
    for c in &w.history {
        s.push_str(&format!(
            "    {} {} {} {}\n",
            &c.commit[..7.min(c.commit.len())],
            &c.date[..10.min(c.date.len())],
            c.author,
            c.subject
        ));
    }
    s
}
