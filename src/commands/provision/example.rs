//! `idp provision example <kind>`: a commented, valid request of the kind on stdout (as JSON,
//! without the comments, with `-o json`).

use clap::Args;

use crate::ctx::Ctx;
use crate::error::IdpError;

#[derive(Debug, Args)]
pub struct ExampleArgs {
    /// The kind
    #[arg(value_parser = ["s3", "rds", "ebs", "ec2", "ecr", "eks", "secrets"])]
    pub kind: String,
}

pub fn run(ctx: &Ctx, args: ExampleArgs) -> anyhow::Result<()> {
    let kind = args.kind.as_str();
    let text = crate::requests::examples::example(kind)
        .ok_or_else(|| IdpError::usage(format!("there is no request kind `{kind}`")))?;
    let value = crate::yaml::parse(text)
        .map_err(|e| anyhow::anyhow!("the example `{kind}` request: {e}"))?
        .value;
    ctx.printer.data(&value, || text.to_string())
}
