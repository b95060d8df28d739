//! `idp docs freshness`: the review state of every doc from its cadence and last review.

use clap::Args;

use crate::ctx::Ctx;
use crate::docs::inventory::Inventory;
use crate::docs::lint;
use crate::error::{Finding, IdpError, exit};
use crate::platform::WorkTree;

#[derive(Debug, Args)]
pub struct FreshnessArgs {
    /// Report docs due within this many days as `due-soon`
    #[arg(long, value_name = "DAYS", default_value_t = 14)]
    pub warn_within: i64,
    /// Exit 3 when a doc is overdue
    #[arg(long)]
    pub fail: bool,
}

pub fn run(ctx: &Ctx, args: FreshnessArgs) -> anyhow::Result<()> {
    let FreshnessArgs { warn_within, fail } = args;
    let root = ctx.root()?;
    let tree = WorkTree::new(root);
    let inv = Inventory::load(&tree)?;
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
