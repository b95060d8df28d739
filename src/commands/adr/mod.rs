//! `idp adr new|list|index`: architecture decision records as reviewed changes.

use serde_json::json;

use crate::changeset::{self, Changeset, Options};
use crate::cli::AdrCommand;
use crate::ctx::Ctx;
use crate::docs::adr::{self, INDEX, NewAdr};
use crate::error::IdpError;
use crate::platform::{GitTree, Source, WorkTree};

/// The number of the ADR this title already has in an open pull request of the local forge
/// (a rerun), if any. (On GitHub a rerun takes the next number.)
fn own_adr_number(repo: &git2::Repository, title: &str) -> anyhow::Result<Option<u64>> {
    use crate::infra::forge::{AnyForge, Forge as _};
    let suffix = format!("-{}", adr::slug(title));
    let AnyForge::Local(forge) = changeset::forge(repo)? else {
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

pub fn run(ctx: &Ctx, cmd: AdrCommand) -> anyhow::Result<()> {
    match cmd {
        AdrCommand::New {
            title,
            domain,
            owner,
            supersedes,
            relates_to,
            change,
        } => {
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
                let own = own_adr_number(repo, &new.title)?;
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
        AdrCommand::List { status } => {
            let tree = WorkTree::new(ctx.root()?);
            let (adrs, findings) = adr::load(&tree)?;
            ctx.printer.findings(&findings);
            let adrs: Vec<_> = adrs
                .into_iter()
                .filter(|a| status.as_ref().is_none_or(|s| &a.status == s))
                .collect();
            ctx.printer.data(&adrs, || {
                ctx.printer.table(
                    &["ID", "TITLE", "STATUS", "DATE"],
                    adrs.iter()
                        .map(|a| {
                            vec![
                                format!("ADR-{:04}", a.number),
                                a.title.clone(),
                                a.status.clone(),
                                a.date.clone(),
                            ]
                        })
                        .collect(),
                )
            })
        }
        AdrCommand::Lint { dir } => {
            let root = match &dir {
                Some(d) => ctx.cwd.join(d),
                None => ctx.root()?.to_path_buf(),
            };
            let tree = WorkTree::new(&root);
            let repo = git2::Repository::open(&root).ok();
            let base_commit = repo.as_ref().and_then(|r| {
                changeset::resolve_base(r, &Options::default())
                    .ok()
                    .and_then(|b| b.commit.map(|c| c.id()))
            });
            let base_tree = match (&repo, base_commit) {
                (Some(r), Some(id)) => Some(GitTree::new(r, Some(r.find_commit(id)?.tree()?))),
                _ => None,
            };
            let known: Vec<String> = tree
                .files("runbooks")?
                .iter()
                .filter_map(|p| p.rsplit('/').next())
                .filter(|n| n.starts_with("RB-"))
                .filter_map(|n| n.get(..7).map(str::to_string))
                .collect();
            let findings = adr::lint(&tree, base_tree.as_ref().map(|t| t as &dyn Source), &known)?;
            super::lint_result(ctx, &findings, "every ADR passes")
        }
        AdrCommand::Show { adr: which } => {
            let tree = WorkTree::new(ctx.root()?);
            let (adrs, _) = adr::load(&tree)?;
            let a = adr::find(&adrs, &which)
                .ok_or_else(|| IdpError::usage(format!("there is no ADR `{which}`")))?;
            let text = tree.read(&a.path)?.unwrap_or_default();
            ctx.printer.data(a, || text)
        }
        AdrCommand::Status {
            adr: which,
            status,
            by,
            change,
        } => {
            let change: Options = (&change).into();
            let outcome = changeset::run_with(ctx, &change, &mut |source| {
                adr::set_status(source, &which, &status, by.as_deref())
            })?;
            changeset::report::report(ctx, &outcome, change.detailed_exitcode)
        }
        AdrCommand::Index { check, change } => {
            let change: Options = (&change).into();
            if check {
                let tree = WorkTree::new(ctx.root()?);
                let (adrs, _) = adr::load(&tree)?;
                let current = tree.read(INDEX)?.unwrap_or_default();
                let want = adr::with_index(&current, &adr::index_table(&adrs));
                if want == current {
                    ctx.printer
                        .status("Clean", format!("`{INDEX}` is up to date"));
                    return Ok(());
                }
                let plan = crate::changeset::plan::file_diff(
                    INDEX,
                    crate::changeset::plan::FileStatus::Modified,
                    &current,
                    &want,
                );
                ctx.printer.data(&plan, || plan.diff.clone())?;
                ctx.printer
                    .annotate(&[crate::error::Finding::error(INDEX, 1, 1)
                        .rule("index/drift")
                        .message(format!(
                            "`{INDEX}` is out of date; `idp adr index` regenerates it"
                        ))]);
                ctx.printer.warn(format!(
                    "`{INDEX}` is out of date; `idp adr index` regenerates it"
                ));
                return Err(IdpError::ChangesPending.into());
            }
            let outcome = changeset::run_with(ctx, &change, &mut |source| {
                let (adrs, _) = adr::load(source)?;
                let current = source.read(INDEX)?.unwrap_or_default();
                let mut cs = Changeset::new("adr", "index", "adr:index");
                cs.title = "Regenerate the ADR index".into();
                cs.write(INDEX, adr::with_index(&current, &adr::index_table(&adrs)));
                Ok(cs)
            })?;
            changeset::report::report(ctx, &outcome, change.detailed_exitcode)
        }
    }
}
