//! `idp graph [--format json|dot|mermaid]` (the whole graph, here) and `idp graph why <node>`
//! (`why.rs`).

mod why;

use crate::ctx::Ctx;
use crate::docs::inventory::Inventory;
use crate::graph::{Graph, render};
use crate::platform::WorkTree;

#[derive(Debug, clap::Args)]
pub struct GraphArgs {
    #[command(subcommand)]
    pub command: Option<GraphCommand>,
    /// Output format of the whole graph (`-o json` is the same as `--format json`)
    #[arg(long, value_enum, default_value_t = GraphFormat::Json)]
    pub format: GraphFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    Json,
    Dot,
    Mermaid,
}

#[derive(Debug, clap::Subcommand)]
pub enum GraphCommand {
    /// Why a node is as it is: what it depends on, its owner, the ADRs that govern it, the
    /// runbooks that cover it, and how it got to its current state
    Why(why::WhyArgs),
}

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
        Some(GraphCommand::Why(args)) => why::run(ctx, &g, args),
    }
}
