//! `idp backstage enable ENV [--tag T | --digest D]`: Backstage switched on in one environment
//! as one change (idp.yaml, its RDS request, its add-on files): see
//! [`crate::platform::backstage::enable`].

use clap::Args;

use crate::changeset::{self, Options};
use crate::cli::ChangeArgs;
use crate::ctx::Ctx;
use crate::platform::GitTree;
use crate::platform::backstage::{self, EnableOptions};

#[derive(Debug, Args)]
pub struct EnableArgs {
    /// The environment whose cluster runs Backstage
    #[arg(add = crate::commands::complete::envs())]
    pub env: String,
    /// Pin the platform's Backstage image to this tag (`backstage.image.tag`)
    #[arg(long)]
    pub tag: Option<String>,
    /// Pin the platform's Backstage image to this digest (`backstage.image.digest`)
    #[arg(long, value_name = "sha256:…")]
    pub digest: Option<String>,
    #[command(flatten)]
    pub change: ChangeArgs,
}

pub fn run(ctx: &Ctx, args: EnableArgs) -> anyhow::Result<()> {
    crate::input::name("ENV", &args.env, 31)?;
    let repo = ctx.repo()?;
    let change: Options = (&args.change).into();
    let rds = crate::requests::sequence(crate::requests::rds::KIND);
    let mut opts = EnableOptions {
        env: args.env.clone(),
        tag: args.tag.clone(),
        digest: args.digest.clone(),
        actor: ctx.actor(),
        rds_taken: 0,
        reuse: None,
    };
    let branch = format!("idp/backstage/enable-{}", args.env);
    let outcome = changeset::run_with(ctx, &change, &mut |source| {
        opts.rds_taken = changeset::taken(repo, &rds)?;
        // A rerun keeps the request ID its branch already holds.
        opts.reuse = if change.direct {
            None
        } else {
            crate::commands::provision::request::branch_where_it_lands(repo, &change, &branch)?
                .map(|tip| -> anyhow::Result<Option<String>> {
                    backstage::database_request(&GitTree::new(repo, Some(tip.tree()?)), &args.env)
                })
                .transpose()?
                .flatten()
        };
        backstage::enable(source, &opts)
    })?;
    changeset::report::report(ctx, &outcome, change.detailed_exitcode)
}
