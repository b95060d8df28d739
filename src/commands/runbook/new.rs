//! `idp runbook new TITLE`: the next free number, written from the template with the index
//! updated, as a change.

use clap::Args;
use serde_json::json;

use crate::changeset::{self, Options};
use crate::cli::ChangeArgs;
use crate::ctx::Ctx;
use crate::docs::runbook;
use crate::error::IdpError;

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The runbook's title
    pub title: String,
    /// Domain (teardown, terraform, access, delivery, health, …)
    #[arg(long, default_value = "platform")]
    pub domain: String,
    #[command(flatten)]
    pub change: ChangeArgs,
}

pub fn run(ctx: &Ctx, args: NewArgs) -> anyhow::Result<()> {
    let NewArgs {
        title,
        domain,
        change,
    } = args;
    crate::input::single_line("TITLE", &title, crate::docs::MAX_TITLE)?;
    crate::input::name("--domain", &domain, 63)?;
    if crate::docs::adr::slug(&title).is_empty() {
        return Err(IdpError::usage(
            "the title needs at least one letter or digit",
        ));
    }
    let change: Options = (&change).into();
    let repo = ctx.repo()?;
    let date = crate::infra::clock::now()[..10].to_string();
    let mut path = String::new();
    let outcome = changeset::run_with(ctx, &change, &mut |source| {
        let taken = changeset::taken(repo, runbook::SEQUENCE)?;
        let (cs, p) = runbook::new(source, &title, &domain, &date, taken)?;
        path = p;
        Ok(cs)
    })?;
    let mut extra = serde_json::Map::new();
    extra.insert("path".into(), json!(path));
    changeset::report::report_with(ctx, &outcome, change.detailed_exitcode, extra)
}
