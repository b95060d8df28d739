//! `idp docs lint|coverage|freshness`.

use crate::cli::DocsCommand;
use crate::ctx::Ctx;
use crate::docs::inventory::Inventory;
use crate::docs::lint;
use crate::error::{Finding, IdpError, exit};
use crate::platform::WorkTree;

pub fn run(ctx: &Ctx, cmd: DocsCommand) -> anyhow::Result<()> {
    let root = ctx.root()?;
    let tree = WorkTree::new(root);
    let inv = Inventory::load(&tree)?;
    match cmd {
        DocsCommand::Lint => {
            let findings = lint::lint(&tree, &inv, Some(root))?;
            super::lint_result(
                ctx,
                &findings,
                &format!("{} docs and entities pass", inv.items.len()),
            )
        }
        DocsCommand::Coverage => {
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
            let mut md = String::from(
                "### Metadata coverage\n\n| kind | covered | total |\n|---|---|---|\n",
            );
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
        DocsCommand::Freshness { warn_within, fail } => {
            if warn_within < 0 {
                return Err(IdpError::usage(
                    "--warn-within is a number of days, 0 or more",
                ));
            }
            let today = crate::infra::clock::today();
            let rows = lint::freshness(&inv, today, warn_within);
            ctx.printer.data(&rows, || {
                ctx.printer.table(
                    &["DOC", "OWNER", "STATE", "LAST REVIEWED", "DUE", "DAYS LEFT"],
                    rows.iter()
                        .map(|r| {
                            vec![
                                r.id.clone(),
                                r.owner.clone(),
                                r.state.clone(),
                                r.last_reviewed.clone(),
                                r.due.clone(),
                                r.days_left.map(|d| d.to_string()).unwrap_or_default(),
                            ]
                        })
                        .collect(),
                )
            })?;
            let overdue: Vec<Finding> = rows
                .iter()
                .filter(|r| r.state == "overdue")
                .map(|r| {
                    Finding::error(&r.file, 1, 1)
                        .warning()
                        .rule("docs/stale")
                        .message(format!(
                            "{} was due for review on {} ({} days ago; owner {})",
                            r.id,
                            r.due,
                            -r.days_left.unwrap_or(0),
                            r.owner
                        ))
                })
                .collect();
            ctx.printer.annotate(&overdue);
            let soon = rows.iter().filter(|r| r.state == "due-soon").count();
            if overdue.is_empty() {
                ctx.printer.status(
                    "Fresh",
                    format!("no doc is overdue ({soon} due within {warn_within} days)"),
                );
                return Ok(());
            }
            ctx.printer.warn(format!(
                "{} doc(s) overdue for review, {soon} due within {warn_within} days",
                overdue.len()
            ));
            if fail {
                return Err(IdpError::AlreadyPrinted(exit::INVALID).into());
            }
            Ok(())
        }
    }
}
