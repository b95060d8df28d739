//! `idp status`: what runs where, per app and environment.

use clap::Args;

use crate::ctx::Ctx;
use crate::platform::WorkTree;
use crate::platform::delivery;

pub(super) fn short(digest: &str) -> String {
    digest
        .strip_prefix("sha256:")
        .map(|h| h.chars().take(12).collect())
        .unwrap_or_else(|| digest.to_string())
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Only this app
    #[arg(add = crate::commands::complete::apps())]
    pub app: Option<String>,
}

pub fn run(ctx: &Ctx, args: StatusArgs) -> anyhow::Result<()> {
    let tree = WorkTree::new(ctx.root()?);
    let rows = delivery::status(&tree, &**ctx.forge()?, args.app.as_deref())?;
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
