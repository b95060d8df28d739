//! `idp image set`.

use serde_json::json;

use crate::changeset::{self, Options};
use crate::cli::ImageCommand;
use crate::ctx::Ctx;
use crate::error::IdpError;
use crate::infra::aws::{Ecr, EcrRepo};
use crate::platform::images::{self, ImageSet};
use crate::platform::{Source, WorkTree, load_config};

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
            let req = ImageSet {
                app,
                env,
                digest,
                tag,
                force,
                actor: ctx.actor(),
                time: crate::infra::clock::now(),
            };
            let outcome = changeset::run_with(ctx, &change, &mut |base| images::set(base, &req))?;
            let mut extra = serde_json::Map::new();
            extra.insert("digest".into(), json!(req.digest));
            changeset::report::report_with(ctx, &outcome, change.detailed_exitcode, extra)
        }
        ImageCommand::Latest { app, env } => {
            let tree = WorkTree::new(ctx.root()?);
            let file = images::overlay_path(&app, &env);
            let Some(text) = tree.read(&file)? else {
                return Err(IdpError::usage(format!(
                    "app `{app}` has no overlay for environment `{env}` (`{file}`)"
                )));
            };
            let pin = images::pinned(&text, &app, &file)?;
            let config = load_config(&tree)?;
            let ecr = Ecr::new(EcrRepo::parse(&pin.name, config.registry.region.as_deref()));
            let pattern = images::tag_pattern(&env);
            let Some((digest, tag, pushed)) = ecr.latest(&|t| pattern.is_match(t))? else {
                return Err(IdpError::usage(format!(
                    "no image of `{}` has a tag matching `{}`",
                    pin.name,
                    pattern.as_str()
                )));
            };
            let found = json!({
                "app": app,
                "env": env,
                "image": pin.name,
                "digest": digest,
                "tag": tag,
                "pushed_at": crate::infra::clock::rfc3339(pushed),
                "deployed": pin.digest == digest,
            });
            ctx.printer.data(&found, || {
                format!(
                    "{}@{digest} ({tag}, pushed {}){}\n",
                    pin.name,
                    crate::infra::clock::rfc3339(pushed),
                    if pin.digest == digest {
                        ", deployed"
                    } else {
                        ""
                    }
                )
            })
        }
    }
}
