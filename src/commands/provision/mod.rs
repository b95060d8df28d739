//! `idp provision …`: requests for the seven kinds, and their lifecycle (list, show, render,
//! approvals, plan, delete), and an example request of each kind. One file per verb, each with
//! its arguments; the seven kinds share `request.rs`.

mod approvals;
mod delete;
mod example;
mod list;
mod plan;
mod render;
pub(crate) mod request;
mod show;

use clap::Subcommand;

use crate::ctx::Ctx;
use request::RequestArgs;

#[derive(Debug, Subcommand)]
pub enum ProvisionCommand {
    /// Request an S3 bucket
    S3(RequestArgs),
    /// Request a PostgreSQL database on RDS
    Rds(RequestArgs),
    /// Request an EBS volume
    Ebs(RequestArgs),
    /// Request EC2 instances
    Ec2(RequestArgs),
    /// Request an ECR repository
    Ecr(RequestArgs),
    /// Request an EKS cluster
    Eks(RequestArgs),
    /// Request a secret (its value is set in the secret store, never in git)
    Secrets(RequestArgs),
    /// List requests (merged, and requested in open pull requests)
    List(list::ListArgs),
    /// Show one request
    Show(show::ShowArgs),
    /// Re-render every request's generated files
    Render(render::RenderArgs),
    /// Check a pull request's approvals against those its requests need (exit 3 if missing)
    Approvals(approvals::ApprovalsArgs),
    /// Run `terraform plan` in an environment's Terraform root (needs terraform installed)
    Plan(plan::PlanArgs),
    /// Print a commented, valid request of a kind: save it, edit it, `idp provision <kind> -f`
    Example(example::ExampleArgs),
    /// Delete a request, its generated files and its catalog entry, as a pull request
    Delete(delete::DeleteArgs),
}

pub fn run(ctx: &Ctx, cmd: ProvisionCommand) -> anyhow::Result<()> {
    match cmd {
        ProvisionCommand::S3(a) => request::run(ctx, "s3", a),
        ProvisionCommand::Rds(a) => request::run(ctx, "rds", a),
        ProvisionCommand::Ebs(a) => request::run(ctx, "ebs", a),
        ProvisionCommand::Ec2(a) => request::run(ctx, "ec2", a),
        ProvisionCommand::Ecr(a) => request::run(ctx, "ecr", a),
        ProvisionCommand::Eks(a) => request::run(ctx, "eks", a),
        ProvisionCommand::Secrets(a) => request::run(ctx, "secrets", a),
        ProvisionCommand::List(a) => list::run(ctx, a),
        ProvisionCommand::Show(a) => show::run(ctx, a),
        ProvisionCommand::Render(a) => render::run(ctx, a),
        ProvisionCommand::Approvals(a) => approvals::run(ctx, a),
        ProvisionCommand::Plan(a) => plan::run(ctx, a),
        ProvisionCommand::Example(a) => example::run(ctx, a),
        ProvisionCommand::Delete(a) => delete::run(ctx, a),
    }
}
