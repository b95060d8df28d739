//! `idp env show ENV`: one environment file, as written.

use clap::Args;

use crate::ctx::Ctx;
use crate::error::IdpError;
use crate::platform::{WorkTree, environments};

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Environment name
    #[arg(add = crate::commands::complete::envs())]
    pub env: String,
}

pub fn run(ctx: &Ctx, args: ShowArgs) -> anyhow::Result<()> {
    let name = args.env.as_str();
    let tree = WorkTree::new(ctx.root()?);
    let (envs, _) = environments::load(&tree)?;
    let Some(env) = envs.iter().find(|e| e.name == name) else {
        return Err(IdpError::usage(format!("there is no environment `{name}`")));
    };
    let text = crate::platform::Source::read(&tree, &env.path)?.unwrap_or_default();
    ctx.printer.data(&env.doc.value, || text)
}
