//! `idp migrate …`: move what earlier idp versions wrote to what this one writes, each as one
//! change through the pipeline (a pull request unless `--direct`). One file per migration.

mod external_secrets;

use clap::Subcommand;

use crate::ctx::Ctx;

#[derive(Debug, Subcommand)]
pub enum MigrateCommand {
    /// Move ExternalSecrets and secret stores from `external-secrets.io/v1beta1` (no longer
    /// served by the External Secrets Operator) to `v1`; a second run has nothing to do
    ExternalSecrets(external_secrets::ExternalSecretsArgs),
}

pub fn run(ctx: &Ctx, cmd: MigrateCommand) -> anyhow::Result<()> {
    match cmd {
        MigrateCommand::ExternalSecrets(args) => external_secrets::run(ctx, args),
    }
}
