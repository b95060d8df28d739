//! `idp provision …`: requests for the seven kinds, and their lifecycle (list, show, render,
//! approvals, delete), and an example request of each kind.

mod approvals;
mod delete;
mod example;
mod list;
mod plan;
mod render;
pub(crate) mod request;

use crate::cli::ProvisionCommand;
use crate::ctx::Ctx;

pub fn run(ctx: &Ctx, cmd: ProvisionCommand) -> anyhow::Result<()> {
    match cmd {
        ProvisionCommand::S3(a) => request::run(ctx, "s3", a),
        ProvisionCommand::Rds(a) => request::run(ctx, "rds", a),
        ProvisionCommand::Ebs(a) => request::run(ctx, "ebs", a),
        ProvisionCommand::Ec2(a) => request::run(ctx, "ec2", a),
        ProvisionCommand::Ecr(a) => request::run(ctx, "ecr", a),
        ProvisionCommand::Eks(a) => request::run(ctx, "eks", a),
        ProvisionCommand::Secrets(a) => request::run(ctx, "secrets", a),
        ProvisionCommand::Example { kind } => example::run(ctx, &kind),
        ProvisionCommand::List { env, kind } => list::list(ctx, env.as_deref(), kind.as_deref()),
        ProvisionCommand::Show { id } => list::show(ctx, &id),
        ProvisionCommand::Render { check, fix, change } => {
            render::run(ctx, check, fix, &(&change).into())
        }
        ProvisionCommand::Approvals {
            labels,
            pr,
            base,
            files,
        } => approvals::run(ctx, &labels, pr, base.as_deref(), &files),
        ProvisionCommand::Plan {
            env,
            detailed_exitcode,
        } => plan::run(ctx, &env, detailed_exitcode),
        ProvisionCommand::Delete {
            id,
            break_glass,
            change,
        } => delete::run(ctx, &id, break_glass.as_deref(), &(&change).into()),
    }
}
