//! `idp whoami`: the AWS identity (STS GetCallerIdentity) and the git/forge identity that
//! records and commits carry.

use serde_json::json;

use crate::ctx::Ctx;
use crate::error::{IdpError, exit};
use crate::platform::{WorkTree, load_config};

pub fn run(ctx: &Ctx) -> anyhow::Result<()> {
    let actor = ctx.actor();
    let config = ctx
        .try_root()
        .and_then(|r| load_config(&WorkTree::new(r)).ok());
    let region = config.as_ref().and_then(|c| c.registry.region.clone());
    let forge = if config.is_some() {
        "local"
    } else {
        "(no platform repo)"
    };
    let aws = crate::infra::aws::caller_identity(region.as_deref());
    let out = json!({
        "actor": actor,
        "forge": forge,
        "aws": match &aws {
            Ok((account, arn, user_id)) => json!({"account": account, "arn": arn, "user_id": user_id}),
            Err(e) => json!({"error": format!("{e:#}")}),
        },
    });
    ctx.printer.data(&out, || {
        let mut s = format!("actor:  {actor}\nforge:  {forge}\n");
        match &aws {
            Ok((account, arn, _)) => s.push_str(&format!("aws:    {arn} (account {account})\n")),
            Err(e) => s.push_str(&format!("aws:    unavailable: {e:#}\n")),
        }
        s
    })?;
    if aws.is_err() {
        return Err(IdpError::AlreadyPrinted(exit::UNEXPECTED).into());
    }
    Ok(())
}
