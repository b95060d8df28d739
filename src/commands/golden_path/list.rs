//! `idp golden-path list` (and `idp new-app --list`): the golden paths, embedded and the
//! platform repo's.

use clap::Args;

use crate::ctx::Ctx;
use crate::golden;
use crate::platform::Source;

#[derive(Debug, Args)]
pub struct ListArgs {}

pub fn run(ctx: &Ctx, _args: ListArgs) -> anyhow::Result<()> {
    let source = super::platform_or_defaults(ctx.try_root());
    list(ctx, source.as_ref())
}

pub fn list(ctx: &Ctx, source: &dyn Source) -> anyhow::Result<()> {
    let paths = golden::list(source)?;
    ctx.printer.data(&paths, || {
        ctx.printer.table(
            &["NAME", "VERSION", "FROM", "DESCRIPTION"],
            paths
                .iter()
                .map(|g| {
                    vec![
                        g.name.clone(),
                        g.version.clone(),
                        g.origin.to_string(),
                        g.description.clone(),
                    ]
                })
                .collect(),
        )
    })
}
