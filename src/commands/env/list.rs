//! `idp env list`: the environments of the working tree, in promotion order.

use clap::Args;
use serde_json::json;

use crate::ctx::Ctx;
use crate::platform::{WorkTree, environments};

#[derive(Debug, Args)]
pub struct ListArgs {}

pub fn run(ctx: &Ctx, _args: ListArgs) -> anyhow::Result<()> {
    let tree = WorkTree::new(ctx.root()?);
    let (envs, unparsed) = environments::load(&tree)?;
    for f in &unparsed {
        ctx.printer.warn(f.display());
    }
    let (order, _) = environments::order(&envs, &[]);
    let mut sorted: Vec<&environments::EnvFile> = envs.iter().collect();
    sorted.sort_by_key(|e| {
        order
            .iter()
            .position(|n| n == &e.name)
            .unwrap_or(usize::MAX)
    });
    let rows: Vec<serde_json::Value> = sorted
        .iter()
        .map(|e| {
            json!({
                "name": e.name,
                "tier": e.tier(),
                "owner": e.owner(),
                "after": e.after(),
                "account": e.get("/account"),
                "region": e.get("/region"),
                "cluster": e.get("/cluster"),
                "sync": e.get("/sync/automated").and_then(|v| v.as_bool()).map(|a| if a { "auto" } else { "manual" }),
            })
        })
        .collect();
    ctx.printer.data(&rows, || {
        let s =
            |v: &serde_json::Value| v.as_str().map(str::to_string).unwrap_or_else(|| "-".into());
        ctx.printer.table(
            &[
                "ENV", "TIER", "OWNER", "AFTER", "ACCOUNT", "REGION", "CLUSTER", "SYNC",
            ],
            rows.iter()
                .map(|r| {
                    [
                        "name", "tier", "owner", "after", "account", "region", "cluster", "sync",
                    ]
                    .iter()
                    .map(|k| s(&r[*k]))
                    .collect()
                })
                .collect(),
        )
    })
}
