//! `idp pr show NUMBER`: one pull request, its approvals and files.

use clap::Args;

use crate::changeset::merge;
use crate::ctx::Ctx;
use crate::infra::forge::github::PrFile;

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Pull request number
    #[arg(add = crate::commands::complete::prs())]
    pub number: u64,
}

pub fn run(ctx: &Ctx, args: ShowArgs) -> anyhow::Result<()> {
    let p = &ctx.printer;
    let number = args.number;
    let repo = ctx.repo()?;
    let forge = super::synced_forge(ctx)?;
    let pr = forge.get(number)?;
    let files: Vec<PrFile> = match forge.github() {
        Some(gh) => gh.files(number)?,
        None => merge::diff(repo, &pr)?
            .files
            .iter()
            .map(|f| PrFile {
                path: f.path.clone(),
                previous: None,
                status: f.status.as_str().to_string(),
                additions: f.additions as u64,
                deletions: f.deletions as u64,
                patch: String::new(),
            })
            .collect(),
    };
    p.data(&serde_json::json!({ "pr": pr, "files": files }), || {
        let mut s = format!("#{} {}\n", pr.number, pr.title);
        s.push_str(&format!("state:    {}\n", pr.state.as_str()));
        s.push_str(&format!("branch:   {} → {}\n", pr.head, pr.base));
        s.push_str(&format!("author:   {}\n", pr.author));
        s.push_str(&format!("created:  {}\n", pr.created_at));
        if !pr.labels.is_empty() {
            s.push_str(&format!("labels:   {}\n", pr.labels.join(", ")));
        }
        for a in &pr.approvals {
            s.push_str(&format!("approved: {} by {} at {}", a.label, a.by, a.at));
            if !a.head.is_empty() {
                s.push_str(&format!(" for {}", a.head.get(..7).unwrap_or(&a.head)));
                if a.head != pr.head_sha {
                    s.push_str(" (void: the branch moved on)");
                }
            }
            s.push('\n');
        }
        if let (Some(by), Some(at)) = (&pr.merged_by, &pr.merged_at) {
            s.push_str(&format!("merged:   by {by} at {at}\n"));
        }
        if let (Some(by), Some(at)) = (&pr.closed_by, &pr.closed_at) {
            s.push_str(&format!("closed:   by {by} at {at}\n"));
        }
        s.push_str(&format!("\n{}\n", pr.body.trim_end()));
        s
    })
}
