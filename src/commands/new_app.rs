//! `idp new-app NAME --template PATH --owner TEAM`: the app repository (through the forge) and
//! one platform pull request, from a golden path. Everything is rendered and validated before
//! anything is written; a failed platform change removes the repository it created.

use serde_json::{Map, Value, json};

use crate::changeset::{self, Options, Status};
use crate::ctx::Ctx;
use crate::infra::forge::AppRepos;
use crate::infra::forge::repos::Created;
use crate::platform::apps::{NewAppOptions, first_commit_message, new_app};
use crate::platform::{GitTree, load_config};

#[derive(Debug, clap::Args)]
pub struct NewAppArgs {
    /// App name: a DNS-1123 label (the repository, image and namespace use it)
    #[arg(required_unless_present = "list")]
    pub name: Option<String>,
    /// Golden path (see `--list`)
    #[arg(short, long, default_value = "stateless-app", add = crate::commands::complete::templates())]
    pub template: String,
    /// Owning team
    #[arg(long)]
    pub owner: Option<String>,
    /// One line on what the app does
    #[arg(long)]
    pub description: Option<String>,
    /// Replicas in staging and prod
    #[arg(long)]
    pub replicas: Option<u32>,
    /// Container port
    #[arg(long)]
    pub port: Option<u32>,
    /// Do not expose the app through Kong
    #[arg(long)]
    pub no_ingress: bool,
    /// List the golden paths and exit
    #[arg(long)]
    pub list: bool,
    #[command(flatten)]
    pub params: crate::commands::params::ParamArgs,
    #[command(flatten)]
    pub change: crate::cli::ChangeArgs,
}

pub fn run(ctx: &Ctx, args: NewAppArgs) -> anyhow::Result<()> {
    let repo = ctx.repo()?;
    let change: Options = (&args.change).into();
    let base = changeset::resolve_base(repo, &change)?;
    let source = GitTree::new(repo, base.tree()?);
    if args.list {
        return super::golden_path::list(ctx, &source);
    }
    let name = args.name.clone().unwrap_or_default();
    let mut answers: Map<String, Value> = super::params::collect(ctx, &args.params)?;
    let flags = [
        ("owner", args.owner.clone().map(Value::from)),
        ("description", args.description.clone().map(Value::from)),
        ("replicas", args.replicas.map(Value::from)),
        ("port", args.port.map(Value::from)),
        ("ingress", args.no_ingress.then_some(Value::Bool(false))),
    ];
    for (k, v) in flags {
        if let Some(v) = v {
            answers.insert(k.into(), v);
        }
    }
    // On a terminal (never under CI), ask for the required parameters still missing.
    if ctx.interactive() {
        let gp = crate::golden::load(&source, &args.template)?;
        for (param, description) in gp.missing_required(&answers) {
            if let Some(v) = ctx.prompt(&format!("{param} ({description})"))? {
                answers.insert(
                    param,
                    crate::yaml::parse(&v).map(|d| d.value).unwrap_or(json!(v)),
                );
            }
        }
    }

    let config = load_config(&source)?;
    let root = ctx.root()?;
    let repos = AppRepos::new(root, repo, &config.forge_settings())?;
    let repo_ref = repos.reference(&name);
    let actor = ctx.actor();
    let rds = crate::requests::sequence(crate::requests::rds::KIND);
    let ecr = crate::requests::sequence("ecr");
    let options = || -> anyhow::Result<NewAppOptions> {
        Ok(NewAppOptions {
            name: name.clone(),
            template: args.template.clone(),
            answers: answers.clone(),
            actor: actor.clone(),
            rds_taken: changeset::taken(repo, &rds)?,
            ecr_taken: changeset::taken(repo, &ecr)?,
            reuse: requests_on_branch(repo, &change, &name)?,
        })
    };
    let app = new_app(&source, &config, &options()?, &repo_ref)?;

    // Validate the app repository's first commit and plan the platform change before the
    // repository exists.
    changeset::validate_new_repo(&app.app_files)?;
    let planned = changeset::run(
        ctx,
        app.changeset.clone(),
        &Options {
            dry_run: true,
            ..change.clone()
        },
    )?;
    let mut extra = Map::new();
    extra.insert("repository".into(), json!(repo_ref.clone_url));
    extra.insert("entity_ref".into(), json!(app.entity_ref));
    extra.insert(
        "golden_path".into(),
        json!(format!("{}@{}", app.golden.name, app.golden.version)),
    );
    extra.insert(
        "app_files".into(),
        json!(app.app_files.keys().collect::<Vec<_>>()),
    );
    if change.dry_run || planned.status == Status::NoChange {
        ctx.printer.status(
            "Planned",
            format!(
                "app repository `{name}` ({} files) at {}",
                app.app_files.len(),
                repo_ref.clone_url
            ),
        );
        return changeset::report::report_with(ctx, &planned, change.detailed_exitcode, extra);
    }

    let message = first_commit_message(&app.golden, &name, &ctx.command_line, ctx.identity()?);
    let (repo_ref, created) = repos.create(&app.repo, &app.app_files, &message)?;
    ctx.printer.status(
        if created == Created::New {
            "Created"
        } else {
            "Reused"
        },
        format!("app repository `{name}` at {}", repo_ref.clone_url),
    );
    // Made again from the base as the remote holds it at each attempt: the request IDs it
    // takes are above its sequence there.
    let produce = &mut |base: &GitTree<'_>| -> anyhow::Result<changeset::Changeset> {
        let config = load_config(base)?;
        Ok(new_app(base, &config, &options()?, &repo_ref)?.changeset)
    };
    let outcome = match changeset::run_with(ctx, &change, produce) {
        Ok(o) => o,
        Err(e) => {
            if created == Created::New {
                repos.remove(&name);
            }
            return Err(e);
        }
    };
    changeset::report::report_with(ctx, &outcome, change.detailed_exitcode, extra)
}

/// The IDs of this app's requests on its branch (`<kind>/<env>` → ID), as the change will find
/// it: a rerun after a kill, or of a change already opened, keeps them.
fn requests_on_branch(
    repo: &git2::Repository,
    change: &Options,
    app: &str,
) -> anyhow::Result<std::collections::BTreeMap<String, String>> {
    let mut out = std::collections::BTreeMap::new();
    if change.direct {
        return Ok(out);
    }
    let branch = format!("idp/app/{app}");
    // A name that cannot be a branch is refused by the golden path's schema, with its field.
    if !git2::Reference::is_valid_name(&format!("refs/heads/{branch}")) {
        return Ok(out);
    }
    let Some(tip) = super::provision::request::branch_where_it_lands(repo, change, &branch)? else {
        return Ok(out);
    };
    let tree = GitTree::new(repo, Some(tip.tree()?));
    for kind in ["ecr", "rds"] {
        for path in crate::platform::Source::files(&tree, &format!("requests/{kind}"))? {
            let Some(text) = crate::platform::Source::read(&tree, &path)? else {
                continue;
            };
            let Ok(doc) = crate::yaml::parse(&text) else {
                continue;
            };
            let at = |p: &str| {
                doc.value
                    .pointer(p)
                    .and_then(Value::as_str)
                    .map(str::to_string)
            };
            if at("/spec/application").as_deref() == Some(app)
                && let (Some(env), Some(id)) = (at("/environment"), at("/id"))
            {
                out.insert(format!("{kind}/{env}"), id);
            }
        }
    }
    Ok(out)
}
