//! `idp whoami`: the actor commits and records carry, how it was verified (`github-oidc`,
//! `oidc`, `github-token` or `none`), its groups and the roles they give in idp.yaml; and the
//! AWS identity (STS GetCallerIdentity) unless `--no-aws`.

use serde_json::json;

use crate::ctx::Ctx;
use crate::error::{IdpError, exit};
use crate::platform::{WorkTree, load_config};

#[derive(Debug, clap::Args)]
pub struct WhoamiArgs {
    /// Skip the AWS identity (STS GetCallerIdentity)
    #[arg(long)]
    pub no_aws: bool,
}

pub fn run(ctx: &Ctx, args: WhoamiArgs) -> anyhow::Result<()> {
    let who = ctx.identity()?;
    let config = ctx
        .try_root()
        .and_then(|r| load_config(&WorkTree::new(r)).ok());
    let roles: Vec<String> = config
        .as_ref()
        .map(|c| c.roles_of(who).into_iter().map(String::from).collect())
        .unwrap_or_default();
    let forge = match &config {
        Some(c) if !c.forge.kind.is_empty() => c.forge.kind.clone(),
        Some(_) => "local".to_string(),
        None => "(no platform repo)".to_string(),
    };
    let region = config.as_ref().and_then(|c| c.registry.region.clone());
    let aws = (!args.no_aws).then(|| ctx.aws()?.caller_identity(region.as_deref()));
    let mut out = json!({
        "actor": who.actor,
        "verified": who.verified(),
        "verified_by": who.verified_by,
        "source": who.source,
        "groups": who.groups,
        "roles": roles,
        "claims": who.claims,
        "forge": forge,
    });
    if let Some(aws) = &aws {
        out["aws"] = match aws {
            Ok((account, arn, user_id)) => {
                json!({"account": account, "arn": arn, "user_id": user_id})
            }
            Err(e) => json!({"error": format!("{e:#}"), "hint": aws_hint(e)}),
        };
    }
    let list = |v: &[String]| {
        if v.is_empty() {
            "-".to_string()
        } else {
            v.join(", ")
        }
    };
    ctx.printer.data(&out, || {
        let mut s = format!(
            "actor:  {}\nverified by: {} ({})\ngroups: {}\nroles:  {}\nforge:  {forge}\n",
            who.actor,
            who.verified_by,
            who.source,
            list(&who.groups),
            list(&roles),
        );
        for (k, v) in &who.claims {
            s.push_str(&format!("  {k}: {v}\n"));
        }
        match &aws {
            Some(Ok((account, arn, _))) => {
                s.push_str(&format!("aws:    {arn} (account {account})\n"))
            }
            Some(Err(e)) => {
                s.push_str(&format!("aws:    unavailable: {e:#}\n"));
                if let Some(h) = aws_hint(e) {
                    s.push_str(&format!("        hint: {h}\n"));
                }
            }
            None => {}
        }
        s
    })?;
    if matches!(aws, Some(Err(_))) {
        return Err(IdpError::AlreadyPrinted(exit::UNEXPECTED).into());
    }
    Ok(())
}

/// What to do about the AWS identity that could not be read.
fn aws_hint(e: &anyhow::Error) -> Option<String> {
    crate::error::typed(e).and_then(IdpError::hint)
}
