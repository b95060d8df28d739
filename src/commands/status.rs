//! `idp status` and `idp history`.

use crate::cli::{HistoryArgs, StatusArgs};
use crate::ctx::Ctx;
use crate::platform::WorkTree;
use crate::platform::delivery;

fn short(digest: &str) -> String {
    digest
        .strip_prefix("sha256:")
        .map(|h| h.chars().take(12).collect())
        .unwrap_or_else(|| digest.to_string())
}

pub fn status(ctx: &Ctx, args: StatusArgs) -> anyhow::Result<()> {
    let repo = ctx.repo()?;
    let tree = WorkTree::new(ctx.root()?);
    let rows = delivery::status(&tree, &*crate::changeset::forge(repo)?, args.app.as_deref())?;
    ctx.printer.data(&rows, || {
        ctx.printer.table(
            &[
                "APP", "ENV", "TAG", "DIGEST", "SINCE", "BY", "OPEN PRS", "BEHIND",
            ],
            rows.iter()
                .map(|r| {
                    vec![
                        r.app.clone(),
                        r.env.clone(),
                        r.tag.clone().unwrap_or_default(),
                        short(&r.digest),
                        r.since.clone().unwrap_or_default(),
                        r.by.clone().unwrap_or_default(),
                        r.open_prs
                            .iter()
                            .map(|n| format!("#{n}"))
                            .collect::<Vec<_>>()
                            .join(" "),
                        r.behind.map(|b| b.to_string()).unwrap_or_default(),
                    ]
                })
                .collect(),
        )
    })
}

pub fn history(ctx: &Ctx, args: HistoryArgs) -> anyhow::Result<()> {
    let repo = ctx.repo()?;
    let tree = WorkTree::new(ctx.root()?);
    let entries = delivery::history(&tree, repo, &args.app, args.env.as_deref())?;
    let s = |e: &delivery::HistoryEntry, k: &str| {
        e.record
            .get(k)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    ctx.printer.data(&entries, || {
        ctx.printer.table(
            &[
                "ID", "ACTION", "FROM", "TO", "DIGEST", "TAG", "BY", "TIME", "COMMIT",
            ],
            entries
                .iter()
                .map(|e| {
                    vec![
                        s(e, "id"),
                        s(e, "action"),
                        s(e, "from"),
                        s(e, "to"),
                        short(&s(e, "digest")),
                        s(e, "tag"),
                        s(e, "actor"),
                        s(e, "time"),
                        e.commit
                            .as_deref()
                            .map(|c| c[..7].to_string())
                            .unwrap_or_default(),
                    ]
                })
                .collect(),
        )
    })
}
