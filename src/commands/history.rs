//! `idp history APP`: the promotions and rollbacks of an app, newest first.

use clap::Args;

use crate::ctx::Ctx;
use crate::platform::WorkTree;
use crate::platform::delivery;

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The app
    #[arg(add = crate::commands::complete::apps())]
    pub app: String,
    /// Only this environment
    #[arg(long, add = crate::commands::complete::envs())]
    pub env: Option<String>,
}

pub fn run(ctx: &Ctx, args: HistoryArgs) -> anyhow::Result<()> {
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
                        super::status::short(&s(e, "digest")),
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
