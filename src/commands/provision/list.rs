//! `idp provision list`: merged requests from the base branch and requested ones from open
//! pull requests.

use clap::Args;
use serde::Serialize;

use crate::changeset::{self, Options};
use crate::ctx::Ctx;
use crate::infra::git;
use crate::platform::GitTree;
use crate::requests::{RequestFile, load_all};

#[derive(Debug, Serialize)]
pub(super) struct Row {
    pub(super) id: String,
    pub(super) kind: String,
    pub(super) env: String,
    pub(super) owner: String,
    pub(super) status: &'static str,
    pub(super) pr: Option<u64>,
    pub(super) labels: Vec<String>,
    pub(super) file: String,
    #[serde(skip)]
    pub(super) request: Option<RequestFile>,
}

pub(super) fn rows(ctx: &Ctx) -> anyhow::Result<Vec<Row>> {
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

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only this environment
    #[arg(long, add = crate::commands::complete::envs())]
    pub env: Option<String>,
    /// Only this kind
    #[arg(long)]
    pub kind: Option<String>,
}

pub fn run(ctx: &Ctx, args: ListArgs) -> anyhow::Result<()> {
    let (env, kind) = (args.env.as_deref(), args.kind.as_deref());
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
