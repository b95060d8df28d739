//! `idp migrate policy-inventory`: a policy set's lookups of other requests over
//! `input.requests` (written before ADR-0042) move to `input.inventory.<kind>`, as one change.

use clap::Args;

use crate::changeset::{self, Options};
use crate::cli::ChangeArgs;
use crate::ctx::Ctx;
use crate::platform::migrate;

#[derive(Debug, Args)]
pub struct PolicyInventoryArgs {
    #[command(flatten)]
    pub change: ChangeArgs,
}

pub fn run(ctx: &Ctx, args: PolicyInventoryArgs) -> anyhow::Result<()> {
    let change: Options = (&args.change).into();
    let mut migration = migrate::PolicyMigration::default();
    let outcome = changeset::run_with(ctx, &change, &mut |base| {
        let (cs, done) = migrate::policy_inventory(base)?;
        migration = done;
        Ok(cs)
    })?;
    let moves = migration.files;
    if moves.is_empty() {
        ctx.printer.status(
            "Migrated",
            format!(
                "nothing: no policy on `{}` looks other requests up in `input.requests`",
                outcome.base
            ),
        );
    }
    for f in &moves {
        for m in &f.moved {
            ctx.printer.status(
                if change.dry_run {
                    "Would move"
                } else {
                    "Moving"
                },
                format!("`{}:{}` from `{}` to `{}`", f.file, m.line, m.from, m.to),
            );
        }
    }
    ctx.printer.findings(&migration.notes);
    let mut extra = serde_json::Map::new();
    extra.insert("migrated".into(), serde_json::to_value(&moves)?);
    extra.insert("warnings".into(), serde_json::to_value(&migration.notes)?);
    changeset::report::report_with(ctx, &outcome, change.detailed_exitcode, extra)
}
