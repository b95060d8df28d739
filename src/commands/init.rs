//! `idp init [DIR]`: create a platform repo (git on `main`, one first commit) from the
//! embedded defaults; `--force` adds missing files to an existing one, never overwriting.

use anyhow::Context as _;

use crate::changeset::{self, Options};
use crate::ctx::Ctx;
use crate::error::IdpError;
use crate::platform::init::{InitOptions, changeset, check_action, default_action, starter_files};
use crate::platform::{CONFIG_FILE, Source, WorkTree, load_config};

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Where to create the platform repo
    #[arg(default_value = ".")]
    pub dir: std::path::PathBuf,
    /// Organisation name (GitHub org, Backstage namespace)
    #[arg(long, default_value = "acme")]
    pub org: String,
    /// Naming prefix for cloud resources
    #[arg(long)]
    pub prefix: Option<String>,
    /// Default AWS region
    #[arg(long, default_value = "eu-west-1")]
    pub region: String,
    /// Base DNS domain for ingress hosts
    #[arg(long)]
    pub domain: Option<String>,
    /// The idp GitHub Action the workflows use, `owner/repo@ref` (default: `ci.action` of an
    /// existing idp.yaml, else `<org>/idp@v<this version>`)
    #[arg(long, value_name = "OWNER/REPO@REF")]
    pub action: Option<String>,
    /// Add missing files to an existing platform repo (existing files are never overwritten)
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub change: crate::cli::ChangeArgs,
}

pub fn run(ctx: &Ctx, args: InitArgs) -> anyhow::Result<()> {
    let dir = ctx.cwd.join(&args.dir);
    if dir.join(CONFIG_FILE).exists() && !args.force {
        return Err(IdpError::usage(format!(
            "`{}` is already a platform repo (it has `{CONFIG_FILE}`); use `--force` to add \
             missing files (existing files are never overwritten)",
            args.dir.display()
        )));
    }
    let org = args.org.clone();
    // The workflows name the idp action: the flag, else what the existing idp.yaml says (with
    // `--force`: its `ci.action`, else the default for its org), else the default. A bad one is
    // refused before anything is written.
    let existing = dir
        .join(CONFIG_FILE)
        .exists()
        .then(|| load_config(&WorkTree::new(&dir)).ok())
        .flatten();
    let action = args
        .action
        .clone()
        .or_else(|| existing.as_ref().and_then(|c| c.ci.action.clone()))
        .or_else(|| {
            existing
                .as_ref()
                .filter(|c| !c.org.is_empty())
                .map(|c| default_action(&c.org))
        })
        .unwrap_or_else(|| default_action(&org));
    check_action(&action).map_err(|e| IdpError::usage(format!("--action: {e}")))?;
    let opts = InitOptions {
        prefix: args
            .prefix
            .clone()
            .unwrap_or_else(|| org.to_ascii_lowercase()),
        domain: args
            .domain
            .clone()
            .unwrap_or_else(|| format!("{}.example.com", org.to_ascii_lowercase())),
        region: args.region.clone(),
        org,
        actor: ctx.actor(),
        action,
    };
    let files = starter_files(&opts)?;

    // Build the change first; only create the directory and repository once it is valid.
    let existing = WorkTree::new(&dir);
    let mut kept = Vec::new();
    let mut new_files = std::collections::BTreeMap::new();
    for (path, text) in files {
        if existing.read(&path).ok().flatten().is_some() {
            kept.push(path);
        } else {
            new_files.insert(path, text);
        }
    }
    // A dry run on a directory that is not a repository yet plans in a scratch repository,
    // so that nothing at all is written where the user pointed.
    crate::infra::git::start();
    let existing_repo = git2::Repository::open(&dir).ok();
    let dir_existed = dir.exists();
    let created_repo = existing_repo.is_none();
    let scratch = (args.change.dry_run && existing_repo.is_none())
        .then(|| std::env::temp_dir().join(format!("idp-init-{}", std::process::id())));
    let repo_dir = scratch.clone().unwrap_or_else(|| dir.clone());
    let repo = match existing_repo {
        Some(r) => r,
        None => {
            std::fs::create_dir_all(&repo_dir)
                .with_context(|| format!("cannot create `{}`", repo_dir.display()))?;
            let mut o = git2::RepositoryInitOptions::new();
            o.initial_head("main");
            git2::Repository::init_opts(&repo_dir, &o)
                .with_context(|| format!("cannot create a git repository in `{}`", dir.display()))?
        }
    };
    let base = repo
        .head()
        .ok()
        .and_then(|h| h.shorthand().ok().map(str::to_string))
        .or_else(|| {
            repo.find_reference("HEAD").ok().and_then(|h| {
                h.symbolic_target()
                    .ok()
                    .flatten()
                    .map(|t| t.trim_start_matches("refs/heads/").to_string())
            })
        })
        .unwrap_or_else(|| "main".into());
    ctx.set_root(repo_dir.clone());
    for path in &kept {
        ctx.printer.warn(format!(
            "kept existing `{path}` (init never overwrites a file)"
        ));
    }
    let cs = changeset(new_files, &opts.org);
    let result = changeset::run(
        ctx,
        cs,
        &Options {
            direct: true,
            base: Some(base),
            push: false,
            dry_run: args.change.dry_run,
            detailed_exitcode: args.change.detailed_exitcode,
            ..Default::default()
        },
    );
    if let Some(scratch) = &scratch {
        let _ = std::fs::remove_dir_all(scratch);
    }
    if result.is_err() && scratch.is_none() && created_repo {
        // A rejected init leaves nothing behind: not the directory, not the repository.
        let _ = if dir_existed {
            std::fs::remove_dir_all(dir.join(".git"))
        } else {
            std::fs::remove_dir_all(&dir)
        };
    }
    let outcome = result?;
    ctx.printer.status(
        if args.change.dry_run {
            "Would create"
        } else {
            "Created"
        },
        format!(
            "platform repo `{}` for `{}` ({} files)",
            args.dir.display(),
            opts.org,
            outcome.files.len()
        ),
    );
    changeset::report::report(ctx, &outcome, args.change.detailed_exitcode)?;
    if !args.change.dry_run {
        ctx.printer.hint(format!(
            "next: `cd {} && idp validate`, then `idp env add NAME --after ENV`",
            args.dir.display()
        ));
    }
    Ok(())
}
