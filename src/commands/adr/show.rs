//! `idp adr show ADR`: one ADR, as written.

use clap::Args;

use crate::ctx::Ctx;
use crate::docs::adr;
use crate::error::IdpError;
use crate::platform::{Source, WorkTree};

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// ADR number (7, 0007 or ADR-0007)
    pub adr: String,
}

pub fn run(ctx: &Ctx, args: ShowArgs) -> anyhow::Result<()> {
    let which = args.adr;
    let tree = WorkTree::new(ctx.root()?);
    let (adrs, _) = adr::load(&tree)?;
    let a = adr::find(&adrs, &which)
        .ok_or_else(|| IdpError::usage(format!("there is no ADR `{which}`")))?;
    let text = tree.read(&a.path)?.unwrap_or_default();
    ctx.printer.data(a, || text)
}
