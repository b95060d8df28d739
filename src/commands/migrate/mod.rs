//! `idp migrate …`: move what earlier idp versions wrote to what this one writes, each as one
//! change through the pipeline (a pull request unless `--direct`). One file per migration.

mod external_secrets;
mod policy_inventory;

use clap::Subcommand;

use crate::ctx::Ctx;

#[derive(Debug, Subcommand)]
pub enum MigrateCommand {
    /// Move ExternalSecrets and secret stores from `external-secrets.io/v1beta1` (no longer
    /// served by the External Secrets Operator) to `v1`; a second run has nothing to do
    ExternalSecrets(external_secrets::ExternalSecretsArgs),
    /// Move the policies' lookups of other requests over `input.requests` (written before
    /// ADR-0042) to `input.inventory.<kind>`; a lookup whose kind is not written is reported at
    /// its line and nothing changes; a second run has nothing to do
    PolicyInventory(policy_inventory::PolicyInventoryArgs),
}

pub fn run(ctx: &Ctx, cmd: MigrateCommand) -> anyhow::Result<()> {
    match cmd {
        MigrateCommand::ExternalSecrets(args) => external_secrets::run(ctx, args),
        MigrateCommand::PolicyInventory(args) => policy_inventory::run(ctx, args),
    }
}
