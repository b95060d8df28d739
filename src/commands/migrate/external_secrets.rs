//! `idp migrate external-secrets`: ExternalSecrets and secret stores moved from
//! `external-secrets.io/v1beta1` to `v1`, as one change.

use clap::Args;

use crate::changeset::{self, Options};
use crate::cli::ChangeArgs;
use crate::ctx::Ctx;
use crate::platform::migrate;

#[derive(Debug, Args)]
pub struct ExternalSecretsArgs {
    #[command(flatten)]
    pub change: ChangeArgs,
}

pub fn run(ctx: &Ctx, args: ExternalSecretsArgs) -> anyhow::Result<()> {
    let change: Options = (&args.change).into();
    let mut moved = Vec::new();
    let outcome = changeset::run_with(ctx, &change, &mut |base| {
        let (cs, files) = migrate::external_secrets(base)?;
        moved = files;
        Ok(cs)
    })?;
    if moved.is_empty() {
        ctx.printer.status(
            "Migrated",
            format!(
                "nothing: no `external-secrets.io/v1beta1` object on `{}`",
                outcome.base
            ),
        );
    }
    for f in &moved {
        ctx.printer.status(
            if change.dry_run {
                "Would move"
            } else {
                "Moving"
            },
            format!("`{f}` to `external-secrets.io/v1`"),
        );
    }
    let mut extra = serde_json::Map::new();
    extra.insert("migrated".into(), serde_json::to_value(&moved)?);
    changeset::report::report_with(ctx, &outcome, change.detailed_exitcode, extra)
}
