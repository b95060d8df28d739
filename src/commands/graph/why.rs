//! `idp graph why <node>`: what a node depends on, its owner, the ADRs that govern it, the
//! runbooks that cover it, and how it got to its current state.

use crate::ctx::Ctx;
use crate::error::IdpError;
use crate::graph::{self, Graph, render};

#[derive(Debug, clap::Args)]
pub struct WhyArgs {
    /// A node id (`app:payments`, `env:prod`, `request:RDS-0001`, `ADR-0003`, …) or a name
    pub node: String,
}

pub fn run(ctx: &Ctx, g: &Graph, args: WhyArgs) -> anyhow::Result<()> {
    let n = g.find(&args.node).map_err(IdpError::usage)?;
    let repo = ctx.repo()?;
    let history = graph::history(repo, &n.file, 10)?;
    let why = g.why(n, history);
    ctx.printer.data(&why, || text(&why))
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
