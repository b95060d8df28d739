//! `idp golden-path list|show|render` and `idp new-app --list`.

use anyhow::Context as _;
use serde_json::json;

use crate::cli::GoldenPathCommand;
use crate::ctx::Ctx;
use crate::error::IdpError;
use crate::golden::{self, GoldenPath};
use crate::platform::apps::{ordered_envs, render_app_repo, resolve_answers};
use crate::platform::init::{default_config, default_platform};
use crate::platform::{MemSource, Source, WorkTree, load_config};

pub fn run(ctx: &Ctx, cmd: GoldenPathCommand) -> anyhow::Result<()> {
    let platform = ctx.try_root();
    let source = platform_or_defaults(platform);
    match cmd {
        GoldenPathCommand::List => list(ctx, source.as_ref()),
        GoldenPathCommand::Show { name } => show(ctx, &golden::load(source.as_ref(), &name)?),
        GoldenPathCommand::Eject { name, change } => {
            let change: crate::changeset::Options = (&change).into();
            let outcome = crate::changeset::run_with(ctx, &change, &mut |source| {
                golden::eject(source, &name)
            })?;
            crate::changeset::report::report(ctx, &outcome, change.detailed_exitcode)
        }
        GoldenPathCommand::Render { name, out, params } => {
            let gp = golden::load(source.as_ref(), &name)?;
            let answers = resolve_answers(&gp, &super::params::collect(ctx, &params)?)?;
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
                std::fs::write(&p, text)
                    .with_context(|| format!("cannot write `{}`", p.display()))?;
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
    }
}

/// The platform repo's files when there is one, else the embedded defaults.
fn platform_or_defaults(root: Option<&std::path::Path>) -> Box<dyn Source> {
    match root {
        Some(root) => Box::new(WorkTree::new(root)),
        None => Box::new(MemSource::new(default_config())),
    }
}

pub fn list(ctx: &Ctx, source: &dyn Source) -> anyhow::Result<()> {
    let paths = golden::list(source)?;
    ctx.printer.data(&paths, || {
        ctx.printer.table(
            &["NAME", "VERSION", "FROM", "DESCRIPTION"],
            paths
                .iter()
                .map(|g| {
                    vec![
                        g.name.clone(),
                        g.version.clone(),
                        g.origin.to_string(),
                        g.description.clone(),
                    ]
                })
                .collect(),
        )
    })
}

fn show(ctx: &Ctx, gp: &GoldenPath) -> anyhow::Result<()> {
    let params = gp
        .parameters
        .get("properties")
        .and_then(|p| p.as_object())
        .cloned()
        .unwrap_or_default();
    let required: Vec<&str> = gp
        .parameters
        .get("required")
        .and_then(|r| r.as_array())
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    let value = json!({
        "name": gp.name, "version": gp.version, "description": gp.description,
        "extends": gp.extends, "origin": gp.origin, "parameters": gp.parameters,
        "files": gp.files.keys().collect::<Vec<_>>(),
    });
    ctx.printer.data(&value, || {
        let mut s = format!(
            "{} {} ({})\n{}\n",
            gp.name, gp.version, gp.origin, gp.description
        );
        if !gp.extends.is_empty() {
            s.push_str(&format!("extends: {}\n", gp.extends.join(" → ")));
        }
        s.push('\n');
        s.push_str(
            &ctx.printer.table(
                &["PARAMETER", "TYPE", "DEFAULT", "REQUIRED", "DESCRIPTION"],
                params
                    .iter()
                    .map(|(k, p)| {
                        vec![
                            k.clone(),
                            p.get("type")
                                .map(|t| t.to_string().trim_matches('"').to_string())
                                .or_else(|| p.get("enum").map(|e| e.to_string()))
                                .unwrap_or_default(),
                            p.get("default").map(|d| d.to_string()).unwrap_or_default(),
                            if required.contains(&k.as_str()) {
                                "yes".into()
                            } else {
                                String::new()
                            },
                            p.get("description")
                                .and_then(|d| d.as_str())
                                .unwrap_or_default()
                                .to_string(),
                        ]
                    })
                    .collect(),
            ),
        );
        s
    })
}
