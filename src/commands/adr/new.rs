//! `idp adr new TITLE`: the next free number, written from the template (through `$EDITOR`
//! when there is one) with the index updated, as a change.

use clap::Args;
use serde_json::json;

use crate::changeset::{self, Options};
use crate::cli::ChangeArgs;
use crate::ctx::Ctx;
use crate::docs::adr::{self, NewAdr};
use crate::error::IdpError;

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The decision's title
    pub title: String,
    /// Domain (e.g. platform-core, delivery)
    #[arg(long, default_value = "platform")]
    pub domain: String,
    /// Owning team
    #[arg(long, default_value = "platform")]
    pub owner: String,
    /// ADRs this one supersedes (ids)
    #[arg(long, value_name = "ADR")]
    pub supersedes: Vec<String>,
    /// Related ADRs or runbooks (ids)
    #[arg(long, value_name = "ID")]
    pub relates_to: Vec<String>,
    #[command(flatten)]
    pub change: ChangeArgs,
}

/// The number of the ADR this title already has in an open pull request of the local forge
/// (a rerun), if any. (On GitHub a rerun takes the next number.)
fn own_adr_number(ctx: &Ctx, title: &str) -> anyhow::Result<Option<u64>> {
    use crate::infra::forge::{AnyForge, Forge as _};
    let suffix = format!("-{}", adr::slug(title));
    let AnyForge::Local(forge) = ctx.forge()? else {
        return Ok(None);
    };
    Ok(forge
        .list_open()?
        .into_iter()
        .filter_map(|p| {
            let rest = p.head.strip_prefix("idp/adr/")?;
            let number = rest.strip_suffix(&suffix)?;
            number.parse().ok()
        })
        .next())
}

pub fn run(ctx: &Ctx, args: NewArgs) -> anyhow::Result<()> {
    let NewArgs {
        title,
        domain,
        owner,
        supersedes,
        relates_to,
        change,
    } = args;
    crate::input::single_line("TITLE", &title, crate::docs::MAX_TITLE)?;
    crate::input::name("--domain", &domain, 63)?;
    crate::input::name("--owner", &owner, 63)?;
    if adr::slug(&title).is_empty() {
        return Err(IdpError::usage(
            "the title needs at least one letter or digit",
        ));
    }
    let change: Options = (&change).into();
    let repo = ctx.repo()?;
    let new = NewAdr {
        title,
        domain,
        owner,
        supersedes,
        relates_to,
        date: crate::infra::clock::now()[..10].to_string(),
    };
    // The editor opens once; when the change is made again with another number (someone
    // took this one meanwhile), the edited text is renumbered.
    let edited: std::cell::RefCell<Option<(u64, String)>> = Default::default();
    let mut path = String::new();
    let outcome = changeset::run_with(ctx, &change, &mut |source| {
        let taken = changeset::taken(repo, adr::SEQUENCE)?;
        let own = own_adr_number(ctx, &new.title)?;
        tracing::debug!(taken, ?own, "ADR number");
        let edit = |number: u64, text: String| -> anyhow::Result<String> {
            let mut cached = edited.borrow_mut();
            match cached.as_ref() {
                Some((n, t)) => Ok(adr::renumber(t, *n, number)),
                None => {
                    let t = ctx.edit("ADR.md", text)?;
                    *cached = Some((number, t.clone()));
                    Ok(t)
                }
            }
        };
        let (cs, p) = adr::new(source, &new, taken, own, &edit)?;
        path = p;
        Ok(cs)
    })?;
    let mut extra = serde_json::Map::new();
    extra.insert("path".into(), json!(path));
    ctx.printer.status("Wrote", &path);
    changeset::report::report_with(ctx, &outcome, change.detailed_exitcode, extra)
}
