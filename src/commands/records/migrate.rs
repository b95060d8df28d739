//! `idp records migrate`: the records of legacy `.idp/records/*.jsonl` files moved into one
//! file per record, as a change.

use crate::changeset::records::Store;
use crate::changeset::{self, Changeset, Options};
use crate::ctx::Ctx;

#[derive(Debug, clap::Args)]
pub struct MigrateArgs {
    #[command(flatten)]
    pub change: crate::cli::ChangeArgs,
}

/// Every legacy `.jsonl` file moved into the layout, as one change on the base branch (a pull
/// request unless `--direct`), and on the records branch too when `records.branch` is another
/// one (straight onto it, like every record).
pub fn run(ctx: &Ctx, args: MigrateArgs) -> anyhow::Result<()> {
    let change: Options = (&args.change).into();
    let store = Store::open(ctx)?;
    let mut on_base = Vec::new();
    let outcome = changeset::run_with(ctx, &change, &mut |base| {
        let (cs, moved) = migration(base)?;
        on_base = moved;
        Ok(cs)
    })?;
    announce_moved(ctx, &on_base, &outcome.base, change.dry_run);

    let mut extra = serde_json::Map::new();
    extra.insert("migrated".into(), serde_json::to_value(&on_base)?);
    if store.branch != store.base {
        let mut on_records = Vec::new();
        let records = store.commit(ctx, change.dry_run, change.push, &mut |tree| {
            let (cs, moved) = migration(tree)?;
            on_records = moved;
            Ok(cs)
        })?;
        announce_moved(ctx, &on_records, &store.branch, change.dry_run);
        let mut value = serde_json::to_value(&records)?;
        value["migrated"] = serde_json::to_value(&on_records)?;
        extra.insert("records_branch".into(), value);
    }
    changeset::report::report_with(ctx, &outcome, change.detailed_exitcode, extra)
}

/// The change moving every legacy file of `base`, and what it moves.
fn migration(
    base: &dyn crate::platform::Source,
) -> anyhow::Result<(Changeset, Vec<crate::records::Migrated>)> {
    let mut moved = Vec::new();
    let mut cs = Changeset::new("records", "migrate", "records:migrate");
    for kind in crate::records::KINDS {
        if let Some(m) = crate::records::migrate(&mut cs, base, kind)? {
            moved.push(m);
        }
    }
    cs.title = "Move the workflow records into one file per record".into();
    cs.body = moved
        .iter()
        .map(|m| {
            format!(
                "- `{}`: {} record(s) into `{}/`{}\n",
                m.file,
                m.records,
                kind_named(m.kind).dir(),
                if m.unreadable > 0 {
                    format!(
                        "; {} unreadable line(s) kept in `{}`",
                        m.unreadable,
                        crate::records::unreadable_file(kind_named(m.kind))
                    )
                } else {
                    String::new()
                }
            )
        })
        .collect();
    Ok((cs, moved))
}

fn kind_named(name: &str) -> crate::records::Kind {
    crate::records::KINDS
        .into_iter()
        .find(|k| k.name == name)
        .unwrap_or(crate::records::PROMOTIONS)
}

fn announce_moved(ctx: &Ctx, moved: &[crate::records::Migrated], branch: &str, dry_run: bool) {
    if moved.is_empty() {
        ctx.printer.status(
            "Migrated",
            format!("nothing: no legacy `.jsonl` records on `{branch}`"),
        );
    }
    for m in moved {
        ctx.printer.status(
            if dry_run { "Would move" } else { "Moving" },
            format!(
                "{} record(s) of `{}` into `{}/` on `{branch}`{}",
                m.records,
                m.file,
                kind_named(m.kind).dir(),
                if m.unreadable > 0 {
                    format!(" ({} unreadable line(s) kept aside)", m.unreadable)
                } else {
                    String::new()
                }
            ),
        );
    }
}
