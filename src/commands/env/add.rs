//! `idp env add NAME --after ENV`: a new environment in the promotion order, as a change.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::changeset::{self, Options};
use crate::cli::ChangeArgs;
use crate::ctx::Ctx;
use crate::platform::env_changes::{AddOptions, add};
use crate::platform::load_config;

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Name of the new environment
    pub name: String,
    /// The environment it is promoted from
    #[arg(long, value_name = "ENV", add = crate::commands::complete::envs())]
    pub after: String,
    /// Owning team (default: the `after` environment's owner)
    #[arg(long)]
    pub owner: Option<String>,
    /// AWS account id (default: the `after` environment's account)
    #[arg(long)]
    pub account: Option<String>,
    /// AWS region (default: the `after` environment's region)
    #[arg(long)]
    pub region: Option<String>,
    /// EKS cluster name (default: <prefix>-<name>)
    #[arg(long)]
    pub cluster: Option<String>,
    /// Environment tier
    #[arg(long, value_enum)]
    pub tier: Option<Tier>,
    /// Read the whole environment from a YAML file (`-` for stdin); flags override it
    #[arg(short = 'f', long = "file", value_name = "FILE")]
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub change: ChangeArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Tier {
    Development,
    Testing,
    Staging,
    Production,
}

impl Tier {
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Development => "development",
            Tier::Testing => "testing",
            Tier::Staging => "staging",
            Tier::Production => "production",
        }
    }
}

pub fn run(ctx: &Ctx, args: AddArgs) -> anyhow::Result<()> {
    let file = super::super::read_input(ctx, args.file.as_deref())?;
    let opts = AddOptions {
        name: args.name.clone(),
        after: args.after.clone(),
        owner: args.owner.clone(),
        account: args.account.clone(),
        region: args.region.clone(),
        cluster: args.cluster.clone(),
        tier: args.tier.map(|t| t.as_str().to_string()),
        file,
    };
    let change: Options = (&args.change).into();
    let outcome = changeset::run_with(ctx, &change, &mut |source| {
        add(source, &load_config(source)?, &opts)
    })?;
    changeset::report::report(ctx, &outcome, change.detailed_exitcode)
}
