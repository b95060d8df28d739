//! `idp provision show ID`: one request, merged or in an open pull request.

use clap::Args;
use serde_json::json;

use crate::ctx::Ctx;
use crate::error::IdpError;

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Request id, e.g. S3-0001
    #[arg(add = crate::commands::complete::requests())]
    pub id: String,
}

pub fn run(ctx: &Ctx, args: ShowArgs) -> anyhow::Result<()> {
    let id = args.id.as_str();
    let Some(row) = super::list::rows(ctx)?.into_iter().find(|r| r.id == id) else {
        return Err(IdpError::usage(format!(
            "there is no request `{id}` (merged or in an open pull request)"
        )));
    };
    let req = row.request.as_ref().expect("rows carry their request");
    let value = json!({"id": row.id, "kind": row.kind, "env": row.env, "owner": row.owner, "status": row.status, "pr": row.pr, "labels": row.labels, "file": row.file, "request": req.full});
    ctx.printer.data(&value, || {
        let mut s = format!("{} ({}, {}) — {}", row.id, row.kind, row.env, row.status);
        if let Some(n) = row.pr {
            s.push_str(&format!(" in pull request #{n}"));
        }
        s.push_str(&format!("\nfile: {}\n\n", row.file));
        s.push_str(&crate::yaml::to_string(&req.full).unwrap_or_default());
        s
    })
}
