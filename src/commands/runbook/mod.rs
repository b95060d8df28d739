//! `idp runbook new|list|lint|index`.

use serde_json::json;

use crate::changeset::{self, Changeset, Options};
use crate::cli::RunbookCommand;
use crate::ctx::Ctx;
use crate::docs::runbook::{self, INDEX};
use crate::error::IdpError;
use crate::platform::{Source, WorkTree};

pub fn run(ctx: &Ctx, cmd: RunbookCommand) -> anyhow::Result<()> {
    match cmd {
        RunbookCommand::New {
            title,
            domain,
            change,
        } => {
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
        RunbookCommand::List => {
            let (runbooks, findings) = runbook::load(&WorkTree::new(ctx.root()?))?;
            ctx.printer.findings(&findings);
            ctx.printer.data(&runbooks, || {
                ctx.printer.table(
                    &["ID", "TITLE", "DOMAIN"],
                    runbooks
                        .iter()
                        .map(|r| {
                            vec![
                                format!("RB-{:04}", r.number),
                                r.title.clone(),
                                r.domain.clone(),
                            ]
                        })
                        .collect(),
                )
            })
        }
        RunbookCommand::Lint { dir } => {
            let root = match &dir {
                Some(d) => ctx.cwd.join(d),
                None => ctx.root()?.to_path_buf(),
            };
            let findings = runbook::lint(&WorkTree::new(&root))?;
            super::lint_result(ctx, &findings, "every runbook passes")
        }
        RunbookCommand::Index { check, change } => {
            let change: Options = (&change).into();
            if check {
                let tree = WorkTree::new(ctx.root()?);
                let (runbooks, _) = runbook::load(&tree)?;
                let current = tree.read(INDEX)?.unwrap_or_default();
                if runbook::with_index(&current, &runbook::index_table(&runbooks)) == current {
                    ctx.printer
                        .status("Clean", format!("`{INDEX}` is up to date"));
                    return Ok(());
                }
                ctx.printer
                    .annotate(&[crate::error::Finding::error(INDEX, 1, 1)
                        .rule("index/drift")
                        .message(format!(
                            "`{INDEX}` is out of date; `idp runbook index` regenerates it"
                        ))]);
                ctx.printer.warn(format!(
                    "`{INDEX}` is out of date; `idp runbook index` regenerates it"
                ));
                return Err(IdpError::ChangesPending.into());
            }
            let outcome = changeset::run_with(ctx, &change, &mut |source| {
                let (runbooks, _) = runbook::load(source)?;
                let current = source.read(INDEX)?.unwrap_or_default();
                let mut cs = Changeset::new("runbook", "index", "runbook:index");
                cs.title = "Regenerate the runbook index".into();
                cs.write(
                    INDEX,
                    runbook::with_index(&current, &runbook::index_table(&runbooks)),
                );
                Ok(cs)
            })?;
            changeset::report::report(ctx, &outcome, change.detailed_exitcode)
        }
    }
}
