//! `idp login`: sign in to idp.yaml's `identity.oidc` issuer with the device authorization
//! grant (the URL and code go to stderr), cache the verified tokens, and say who you are now.

use serde_json::json;

use crate::ctx::Ctx;
use crate::error::IdpError;
use crate::platform::{WorkTree, load_config};

pub fn run(ctx: &Ctx) -> anyhow::Result<()> {
    if crate::ctx::is_ci() {
        return Err(IdpError::usage(
            "`idp login` needs a person to enter a code, and CI=true says there is none: in \
             GitHub Actions the job's OIDC token verifies it (`identity.githubActions`)",
        ));
    }
    let config = load_config(&WorkTree::new(ctx.root()?))?;
    let Some(oidc) = &config.identity.oidc else {
        return Err(IdpError::usage(
            "idp.yaml has no `identity.oidc`: add its `issuer` and `clientId` (README: Identity, \
             roles and approvals)",
        ));
    };
    let who = crate::identity::oidc::login(oidc, &|m| eprintln!("{m}")).map_err(IdpError::from)?;
    let roles = config.roles_of(&who);
    ctx.printer.status(
        "Logged in",
        format!(
            "as `{}` at {} (groups: {}; roles: {})",
            who.actor,
            oidc.issuer,
            if who.groups.is_empty() {
                "-".to_string()
            } else {
                who.groups.join(", ")
            },
            if roles.is_empty() {
                "-".to_string()
            } else {
                roles.join(", ")
            }
        ),
    );
    let out = json!({
        "actor": who.actor,
        "verified_by": who.verified_by,
        "groups": who.groups,
        "roles": roles,
        "issuer": oidc.issuer,
    });
    ctx.printer.data(&out, String::new)
}
