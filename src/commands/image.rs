//! `idp image set`.

use serde_json::json;

use crate::changeset::{self, Options};
use crate::cli::ImageCommand;
use crate::ctx::Ctx;
use crate::platform::GitTree;
use crate::platform::images::{self, ImageSet};

pub fn run(ctx: &Ctx, cmd: ImageCommand) -> anyhow::Result<()> {
    match cmd {
        ImageCommand::Set {
            app,
            env,
            digest,
            tag,
            force,
            change,
        } => {
            let change: Options = (&change).into();
            let repo = ctx.repo()?;
            let base = changeset::resolve_base(&repo, &change)?.tree()?;
            let req = ImageSet {
                app,
                env,
                digest,
                tag,
                force,
                actor: ctx.actor(),
                time: crate::infra::clock::now(),
            };
            let cs = images::set(&GitTree::new(&repo, base), &req)?;
            let outcome = changeset::run(ctx, cs, &change)?;
            let mut extra = serde_json::Map::new();
            extra.insert("digest".into(), json!(req.digest));
            changeset::report::report_with(ctx, &outcome, change.detailed_exitcode, extra)
        }
    }
}
