//! `idp golden-path render NAME --out DIR`: a golden path's app repository written to a
//! directory (no git, no pull request).

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Args;
use serde_json::json;

use crate::commands::params::ParamArgs;
use crate::ctx::Ctx;
use crate::error::IdpError;
use crate::golden;
use crate::platform::apps::{ordered_envs, render_app_repo, resolve_answers};
use crate::platform::init::default_platform;
use crate::platform::load_config;

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Golden path name
    #[arg(add = crate::commands::complete::templates())]
    pub name: String,
    /// Directory to render into (must be empty or missing)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[command(flatten)]
    pub params: ParamArgs,
}

pub fn run(ctx: &Ctx, args: RenderArgs) -> anyhow::Result<()> {
    let RenderArgs { name, out, params } = args;
    let platform = ctx.try_root();
    let source = super::platform_or_defaults(platform);
    let gp = golden::load(source.as_ref(), &name)?;
    let answers = resolve_answers(&gp, &crate::commands::params::collect(ctx, &params)?)?;
    let (config, envs) = match platform {
        Some(_) => (
            load_config(source.as_ref())?,
            ordered_envs(source.as_ref())?,
        ),
        None => default_platform()?,
    };
    let app = answers
        .get("name")
        .and_then(|v| v.as_str())
        .unwrap_or("app");
    let repo = crate::infra::forge::RepoRef {
        name: app.to_string(),
        clone_url: format!("https://github.com/{}/{app}", config.org),
        web_url: format!("https://github.com/{}/{app}", config.org),
    };
    let files = render_app_repo(&config, &envs, &gp, &answers, &repo)?;
    let dir = ctx.cwd.join(&out);
    if dir.exists() && dir.read_dir()?.next().is_some() {
        return Err(IdpError::usage(format!("`{}` is not empty", out.display())));
    }
    // Each directory is made once (not one create_dir_all per file: on a busy disk every
    // mkdir and stat counts).
    let mut made = std::collections::HashSet::new();
    for (path, text) in &files {
        // Every file stays inside `--out`, whatever a (platform) template named it.
        let p = crate::input::confined(&dir, path).ok_or_else(|| {
            IdpError::usage(format!(
                "refusing to write `{path}`: it is not inside `--out {}`",
                out.display()
            ))
        })?;
        if let Some(parent) = p.parent()
            && made.insert(parent.to_path_buf())
        {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&p, text).with_context(|| format!("cannot write `{}`", p.display()))?;
    }
    ctx.printer.status(
        "Rendered",
        format!(
            "{} {} into `{}` ({} files)",
            gp.name,
            gp.version,
            out.display(),
            files.len()
        ),
    );
    ctx.printer.data(&json!({"golden_path": gp.name, "version": gp.version, "out": out, "files": files.keys().collect::<Vec<_>>()}), String::new)
}
