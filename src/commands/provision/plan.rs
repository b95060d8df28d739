//! `idp provision plan --env ENV`: `terraform plan` in `envs/<env>/`, from the generated inputs.

use std::process::Command;

use clap::Args;

use crate::ctx::Ctx;
use crate::error::{IdpError, exit};

/// terraform from `IDP_TERRAFORM` or PATH.
fn terraform() -> Option<std::path::PathBuf> {
    if let Some(t) = std::env::var_os("IDP_TERRAFORM") {
        return Some(t.into());
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join("terraform"))
        .find(|p| p.is_file())
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Environment
    #[arg(long, add = crate::commands::complete::envs())]
    pub env: String,
    /// Exit 5 when the plan has changes (terraform's -detailed-exitcode)
    #[arg(long)]
    pub detailed_exitcode: bool,
}

pub fn run(ctx: &Ctx, args: PlanArgs) -> anyhow::Result<()> {
    let (env, detailed_exitcode) = (args.env.as_str(), args.detailed_exitcode);
    let dir = ctx.root()?.join("envs").join(env);
    if !dir.join("main.tf").is_file() {
        return Err(IdpError::usage(format!(
            "`envs/{env}/main.tf` does not exist: is `{env}` an environment of this platform?"
        )));
    }
    let Some(tf) = terraform() else {
        return Err(IdpError::usage(
            "terraform is not installed here (looked for `terraform` on PATH and `IDP_TERRAFORM`); \
             install it, or let the platform's CI run the plan from the generated files",
        ));
    };
    ctx.printer
        .status("Planning", format!("envs/{env} with {}", tf.display()));
    let init = Command::new(&tf)
        .args(["init", "-input=false", "-no-color"])
        .current_dir(&dir)
        .status()?;
    if !init.success() {
        anyhow::bail!(
            "`terraform init` failed in envs/{env} (exit {})",
            init.code().unwrap_or(-1)
        );
    }
    let plan = Command::new(&tf)
        .args(["plan", "-input=false", "-no-color", "-detailed-exitcode"])
        .current_dir(&dir)
        .status()?;
    match plan.code() {
        Some(0) => Ok(()),
        Some(2) if detailed_exitcode => Err(IdpError::ChangesPending.into()),
        Some(2) => Ok(()),
        code => Err(
            IdpError::AlreadyPrinted(code.map_or(exit::UNEXPECTED, |_| exit::UNEXPECTED)).into(),
        ),
    }
}
