//! `idp pr list [--state S]`: pull requests on the configured forge, open ones by default.

use clap::{Args, ValueEnum};

use crate::ctx::Ctx;
use crate::infra::forge::{PrState, PullRequest};

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Which pull requests to list
    #[arg(long, value_enum, default_value_t = StateFilter::Open)]
    pub state: StateFilter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StateFilter {
    Open,
    Merged,
    Closed,
    All,
}

pub fn run(ctx: &Ctx, args: ListArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let state = args.state;
    let forge = super::synced_forge(ctx)?;
    // The default (open) reads only what is open.
    let listed = match state {
        StateFilter::Open => forge.list_open()?,
        _ => forge.list()?,
    };
    let prs: Vec<PullRequest> = listed
        .into_iter()
        .filter(|pr| match state {
            StateFilter::All => true,
            StateFilter::Open => pr.state == PrState::Open,
            StateFilter::Merged => pr.state == PrState::Merged,
            StateFilter::Closed => pr.state == PrState::Closed,
        })
        .collect();
    p.data(&prs, || {
        if prs.is_empty() {
            p.status("None", "no pull requests match");
            return String::new();
        }
        p.table(
            &["#", "TITLE", "BRANCH", "STATE", "AUTHOR", "UPDATED"],
            prs.iter()
                .map(|pr| {
                    vec![
                        pr.number.to_string(),
                        pr.title.clone(),
                        pr.head.clone(),
                        pr.state.as_str().to_string(),
                        pr.author.clone(),
                        pr.updated_at.clone(),
                    ]
                })
                .collect(),
        )
    })
}
