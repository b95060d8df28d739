//! Golden path parameters from `--values FILE` and `--set key=value` (later wins).

use std::path::PathBuf;

use clap::Args;
use serde_json::{Map, Value};

use crate::ctx::Ctx;
use crate::error::{Finding, IdpError};

/// Parameters of a golden path, from a file and `--set`, shared by new-app and render.
#[derive(Debug, Args, Clone, Default)]
pub struct ParamArgs {
    /// Parameters from a YAML file (a mapping of parameter to value)
    #[arg(long, value_name = "FILE")]
    pub values: Option<PathBuf>,
    /// One parameter, `key=value` (the value is read as YAML: `3`, `true`, `text`)
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
}

pub fn collect(ctx: &Ctx, args: &ParamArgs) -> anyhow::Result<Map<String, Value>> {
    let mut out = Map::new();
    if let Some(path) = &args.values {
        let display = path.display().to_string();
        let text = crate::input::read_file(&ctx.cwd, path)?;
        let doc = crate::yaml::parse(&text).map_err(|e| {
            IdpError::bad_input(
                Finding::error(&display, e.line, e.col)
                    .rule("yaml")
                    .message(e.message),
            )
        })?;
        match doc.value {
            Value::Object(m) => out.extend(m),
            Value::Null => {}
            _ => {
                return Err(IdpError::bad_input(
                    Finding::error(&display, 1, 1)
                        .rule("yaml")
                        .message("a values file must be a mapping of parameter to value"),
                ));
            }
        }
    }
    for set in &args.set {
        let Some((k, v)) = set.split_once('=') else {
            return Err(IdpError::usage(format!(
                "`--set {set}`: expected KEY=VALUE"
            )));
        };
        let value = crate::yaml::parse(v)
            .map_err(|e| {
                IdpError::usage(format!(
                    "`--set {set}`: the value is not valid YAML: {}",
                    e.message
                ))
            })?
            .value;
        out.insert(k.trim().to_string(), value);
    }
    Ok(out)
}
