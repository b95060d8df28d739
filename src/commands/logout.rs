//! `idp logout`: delete the cached tokens of `idp login` for idp.yaml's `identity.oidc`, and
//! revoke them at the issuer when it has a revocation endpoint.

use serde_json::json;

use crate::ctx::Ctx;
use crate::error::IdpError;
use crate::platform::{WorkTree, load_config};

pub fn run(ctx: &Ctx) -> anyhow::Result<()> {
    let config = load_config(&WorkTree::new(ctx.root()?))?;
    let Some(oidc) = &config.identity.oidc else {
        return Err(IdpError::usage(
            "idp.yaml has no `identity.oidc`: there is no login to end",
        ));
    };
    let was =
        crate::identity::oidc::logout(oidc, &|m| ctx.printer.warn(m)).map_err(IdpError::from)?;
    if was {
        ctx.printer
            .status("Logged out", format!("of {}", oidc.issuer));
    } else {
        ctx.printer.status(
            "Logged out",
            format!("(there was no login to {})", oidc.issuer),
        );
    }
    ctx.printer.data(
        &json!({"logged_out": was, "issuer": oidc.issuer}),
        String::new,
    )
}
