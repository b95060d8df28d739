//! `idp docs coverage`: metadata coverage by kind; exit 3 below 100%.

use crate::ctx::Ctx;
use crate::docs::inventory::Inventory;
use crate::docs::lint;
use crate::error::{IdpError, exit};
use crate::platform::WorkTree;

pub fn run(ctx: &Ctx) -> anyhow::Result<()> {
    let root = ctx.root()?;
    let tree = WorkTree::new(root);
    let inv = Inventory::load(&tree)?;
    ctx.printer.findings(&inv.findings);
    let rows = lint::coverage(&tree, &inv)?;
    let total: usize = rows.iter().map(|r| r.total).sum();
    let covered: usize = rows.iter().map(|r| r.covered).sum();
    ctx.printer.data(&rows, || {
        let mut s = ctx.printer.table(
            &["KIND", "COVERED", "TOTAL", "%"],
            rows.iter()
                .map(|r| {
                    vec![
                        r.kind.clone(),
                        r.covered.to_string(),
                        r.total.to_string(),
                        format!("{:.1}", r.percent),
                    ]
                })
                .collect(),
        );
        for r in &rows {
            for m in &r.missing {
                s.push_str(&format!("missing: {m}\n"));
            }
        }
        s
    })?;
    let mut md =
        String::from("### Metadata coverage\n\n| kind | covered | total |\n|---|---|---|\n");
    for r in &rows {
        md.push_str(&format!("| {} | {} | {} |\n", r.kind, r.covered, r.total));
    }
    ctx.printer.summary(&md)?;
    ctx.printer.outputs(&[
        ("covered", covered.to_string()),
        ("total", total.to_string()),
    ])?;
    if covered == total && inv.findings.is_empty() {
        ctx.printer
            .status("Covered", format!("{covered}/{total} (100%)"));
        Ok(())
    } else {
        ctx.printer.error(format!(
            "metadata coverage is {covered}/{total}, below 100% (exit 3)"
        ));
        Err(IdpError::AlreadyPrinted(exit::INVALID).into())
    }
}
