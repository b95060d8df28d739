//! `idp runbook list`: the runbooks of the platform repo.

use crate::ctx::Ctx;
use crate::docs::runbook;
use crate::platform::WorkTree;

pub fn run(ctx: &Ctx) -> anyhow::Result<()> {
    let (runbooks, findings) = runbook::load(&WorkTree::new(ctx.root()?))?;
    ctx.printer.findings(&findings);
    ctx.printer.data(&runbooks, || {
        ctx.printer.table(
            &["ID", "TITLE", "DOMAIN"],
            runbooks
                .iter()
                .map(|r| {
                    vec![
                        format!("RB-{:04}", r.number),
                        r.title.clone(),
                        r.domain.clone(),
                    ]
                })
                .collect(),
        )
    })
}
