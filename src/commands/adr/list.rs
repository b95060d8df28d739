//! `idp adr list`: the ADRs of the platform repo, optionally of one status.

use clap::Args;

use crate::ctx::Ctx;
use crate::docs::adr;
use crate::platform::WorkTree;

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this status
    #[arg(long)]
    pub status: Option<String>,
}

pub fn run(ctx: &Ctx, args: ListArgs) -> anyhow::Result<()> {
    let tree = WorkTree::new(ctx.root()?);
    let (adrs, findings) = adr::load(&tree)?;
    ctx.printer.findings(&findings);
    let adrs: Vec<_> = adrs
        .into_iter()
        .filter(|a| args.status.as_ref().is_none_or(|s| &a.status == s))
        .collect();
    ctx.printer.data(&adrs, || {
        ctx.printer.table(
            &["ID", "TITLE", "STATUS", "DATE"],
            adrs.iter()
                .map(|a| {
                    vec![
                        format!("ADR-{:04}", a.number),
                        a.title.clone(),
                        a.status.clone(),
                        a.date.clone(),
                    ]
                })
                .collect(),
        )
    })
}
