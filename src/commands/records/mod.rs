//! `idp records add`, `idp records list` and `idp records migrate`: pipeline runs that idp did
//! not run itself (a CI step such as `terraform apply`), notes and break-glass steps added to a
//! run, the runs, and the move of legacy `.jsonl` records into one file per record.

mod add;
mod list;
mod migrate;

use crate::ctx::Ctx;
use crate::error::{Finding, Severity};

#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per process
pub enum RecordsCommand {
    /// Record a pipeline step idp did not run (e.g. `terraform apply` in CI), or add a
    /// break-glass step or note to an earlier run (`--run-id`)
    Add(add::AddArgs),
    /// List pipeline runs (each in its latest state), oldest first
    List(list::ListArgs),
    /// Move the records of legacy `.idp/records/*.jsonl` files into one file per record, as a
    /// change (the first write of a kind of record does the same); a second run has nothing to do
    Migrate(migrate::MigrateArgs),
}

pub fn run(ctx: &Ctx, cmd: RecordsCommand) -> anyhow::Result<()> {
    match cmd {
        RecordsCommand::Add(args) => add::run(ctx, args),
        RecordsCommand::List(args) => list::run(ctx, args),
        RecordsCommand::Migrate(args) => migrate::run(ctx, args),
    }
}

/// Malformed lines of the records are reported (file:line) as warnings: the others still count.
pub(crate) fn warn_malformed(ctx: &Ctx, findings: &[Finding]) {
    let warnings: Vec<Finding> = findings
        .iter()
        .cloned()
        .map(|mut f| {
            f.severity = Severity::Warning;
            f
        })
        .collect();
    ctx.printer.findings(&warnings);
}
