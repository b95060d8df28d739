//! `idp golden-path show NAME`: a golden path's version, parameters and files.

use clap::Args;
use serde_json::json;

use crate::ctx::Ctx;
use crate::golden::{self, GoldenPath};

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Golden path name
    #[arg(add = crate::commands::complete::templates())]
    pub name: String,
}

pub fn run(ctx: &Ctx, args: ShowArgs) -> anyhow::Result<()> {
    let source = super::platform_or_defaults(ctx.try_root());
    show(ctx, &golden::load(source.as_ref(), &args.name)?)
}

/// The columns of the parameter table that are cut, and the widest they are printed.
const TYPE: usize = 1;
const MAX_TYPE: usize = 24;
const DEFAULT: usize = 2;
const MAX_DEFAULT: usize = 32;

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
            &ctx.printer.table_capped(
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
                // A long type (an enum) or default is cut here, whole in `-o json`.
                &[(TYPE, MAX_TYPE), (DEFAULT, MAX_DEFAULT)],
            ),
        );
        s
    })
}
