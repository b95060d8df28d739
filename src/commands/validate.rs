//! `idp validate [PATHS]`: every check on the working tree; all findings in one run, exit 3
//! when any is an error.

use crate::changeset::validate::{Scope, changed_since, check, dependents};
use crate::ctx::Ctx;
use crate::error::{IdpError, Severity};
use crate::platform::{Source, WorkTree, relative_path};

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Files or directories to check (default: the whole platform repo)
    #[arg(conflicts_with = "changed")]
    pub paths: Vec<std::path::PathBuf>,
    /// Only what this branch changes since --base (committed and not), and the files whose
    /// cross-file rules depend on them: what the pull request workflow runs
    #[arg(long)]
    pub changed: bool,
    /// With --changed: the branch the changes are measured from (default: the forge's base
    /// branch, `origin/<base>` when the remote has it)
    #[arg(long, value_name = "REF", requires = "changed")]
    pub base: Option<String>,
}

pub fn run(ctx: &Ctx, args: ValidateArgs) -> anyhow::Result<()> {
    let root = ctx.root()?;
    let tree = WorkTree::new(root);
    let mut files = Vec::new();
    for p in &args.paths {
        let rel = relative_path(root, &ctx.cwd, p)?;
        let found = tree.files(&rel)?;
        if found.is_empty() {
            return Err(IdpError::usage(format!("`{}` does not exist", p.display())));
        }
        files.extend(found);
    }
    // --changed: the changed files and their dependents; `None` when a change is read by
    // every rule (idp.yaml, schemas, policies): then everything.
    let narrowed = if args.changed {
        let changed = changed_since(ctx.repo()?, args.base.as_deref())?;
        tracing::debug!("changed since the base: {changed:?}");
        Some(dependents(&tree, &changed)?)
    } else {
        None
    };
    let scope = match &narrowed {
        Some(Some(f)) => Scope::Files(f),
        Some(None) => Scope::All,
        None if args.paths.is_empty() => Scope::All,
        None => Scope::Files(&files),
    };
    let findings = check(&tree, scope)?;
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let p = &ctx.printer;
    p.annotate(&findings);
    p.data(&findings, || {
        findings
            .iter()
            .map(|f| {
                let level = match f.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                format!("{level}: {}\n", f.display())
            })
            .collect()
    })?;
    if errors > 0 {
        p.summary(&format!(
            "### idp validate\n\n{errors} finding(s)\n\n{}\n",
            findings
                .iter()
                .map(|f| format!("- `{}:{}` {}\n", f.file, f.line, f.message))
                .collect::<String>()
        ))?;
        p.error(format!(
            "{errors} finding{} (exit 3)",
            if errors == 1 { "" } else { "s" }
        ));
        return Err(IdpError::AlreadyPrinted(crate::error::exit::INVALID).into());
    }
    p.status(
        "Valid",
        "every file passes the schemas, cross-file rules and policies",
    );
    Ok(())
}
