//! `idp provision list` and `idp provision show ID`: merged requests from the base branch and
//! requested ones from open pull requests.

use serde::Serialize;
use serde_json::json;

use crate::changeset::{self, Options};
use crate::ctx::Ctx;
use crate::error::IdpError;
use crate::infra::git;
use crate::platform::GitTree;
use crate::requests::{RequestFile, load_all};

#[derive(Debug, Serialize)]
struct Row {
    id: String,
    kind: String,
    env: String,
    owner: String,
    status: &'static str,
    pr: Option<u64>,
    labels: Vec<String>,
    file: String,
    #[serde(skip)]
    request: Option<RequestFile>,
}

fn rows(ctx: &Ctx) -> anyhow::Result<Vec<Row>> {
    let repo = ctx.repo()?;
    let base = changeset::resolve_base(repo, &Options::default())?;
    let (merged, _) = load_all(&GitTree::new(repo, base.tree()?))?;
    let mut out: Vec<Row> = merged
        .into_iter()
        .map(|r| Row {
            id: r.id.clone(),
            kind: r.kind.name.into(),
            env: r.env.clone(),
            owner: r.owner().into(),
            status: "merged",
            pr: None,
            labels: Vec::new(),
            file: r.path.clone(),
            request: Some(r),
        })
        .collect();
    for pr in ctx.forge()?.list_open()? {
        let Some(tip) = git::branch_tip(repo, &pr.head)? else {
            continue;
        };
        let (on_branch, _) = load_all(&GitTree::new(repo, Some(tip.tree()?)))?;
        for r in on_branch {
            if out.iter().any(|o| o.file == r.path) {
                continue;
            }
            out.push(Row {
                id: r.id.clone(),
                kind: r.kind.name.into(),
                env: r.env.clone(),
                owner: r.owner().into(),
                status: if pr.approved() {
                    "approved"
                } else {
                    "requested"
                },
                pr: Some(pr.number),
                labels: pr.labels.clone(),
                file: r.path.clone(),
                request: Some(r),
            });
        }
    }
    out.sort_by(|a, b| (&a.kind, &a.id).cmp(&(&b.kind, &b.id)));
    Ok(out)
}

pub fn list(ctx: &Ctx, env: Option<&str>, kind: Option<&str>) -> anyhow::Result<()> {
    let rows: Vec<Row> = rows(ctx)?
        .into_iter()
        .filter(|r| env.is_none_or(|e| r.env == e) && kind.is_none_or(|k| r.kind == k))
        .collect();
    ctx.printer.data(&rows, || {
        ctx.printer.table(
            &["ID", "KIND", "ENV", "OWNER", "STATUS", "PR", "LABELS"],
            rows.iter()
                .map(|r| {
                    vec![
                        r.id.clone(),
                        r.kind.clone(),
                        r.env.clone(),
                        r.owner.clone(),
                        r.status.to_string(),
                        r.pr.map(|n| format!("#{n}")).unwrap_or_default(),
                        r.labels.join(","),
                    ]
                })
                .collect(),
        )
    })
}

pub fn show(ctx: &Ctx, id: &str) -> anyhow::Result<()> {
    let Some(row) = rows(ctx)?.into_iter().find(|r| r.id == id) else {
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
