//! `idp provision example <kind>`: a commented, valid request of the kind on stdout (as JSON,
//! without the comments, with `-o json`).

use crate::ctx::Ctx;
use crate::error::IdpError;

pub fn run(ctx: &Ctx, kind: &str) -> anyhow::Result<()> {
    let text = crate::requests::examples::example(kind)
        .ok_or_else(|| IdpError::usage(format!("there is no request kind `{kind}`")))?;
    let value = crate::yaml::parse(text)
        .map_err(|e| anyhow::anyhow!("the example `{kind}` request: {e}"))?
        .value;
    ctx.printer.data(&value, || text.to_string())
}
