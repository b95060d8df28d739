//! `idp provision <kind> --env ENV …`: one request as one pull request.

use std::path::PathBuf;

use clap::Args;

use crate::changeset::{self, Options};
use crate::cli::ChangeArgs;
use crate::ctx::Ctx;
use crate::error::IdpError;
use crate::infra::git;
use crate::platform::apps::ordered_envs;
use crate::platform::{GitTree, load_config};
use crate::requests::produce::{RequestOptions, environment, request};

/// A request: flags for the common fields, `--set` for the rest, or a whole file.
#[derive(Debug, Args)]
pub struct RequestArgs {
    /// Environment (default: the request file's `environment:`; both given must agree)
    #[arg(long, add = crate::commands::complete::envs())]
    pub env: Option<String>,
    /// Owning team
    #[arg(long)]
    pub owner: Option<String>,
    /// The resource's name (bucket, database, repository, cluster or secret name)
    #[arg(long)]
    pub name: Option<String>,
    /// Size (rds/ec2: small|medium|large|xlarge; eks: node tier; ebs: GiB)
    #[arg(long)]
    pub size: Option<String>,
    /// The app this resource belongs to
    #[arg(long, add = crate::commands::complete::apps())]
    pub application: Option<String>,
    /// A title for reviewers
    #[arg(long)]
    pub title: Option<String>,
    /// What it is for
    #[arg(long)]
    pub description: Option<String>,
    /// A field of the request: `purpose.type=uploads`, `tags.costCenter=cc-42`
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Read the request from a YAML file (`-` for stdin); flags override it. `--values` is the
    /// same (the name a Backstage `idp:run` step uses)
    #[arg(
        short = 'f',
        long = "file",
        visible_alias = "values",
        value_name = "FILE"
    )]
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub change: ChangeArgs,
}

/// The tip of this change's `branch` as the change will find it: with `origin` (and a push),
/// as the remote holds it, fetched now (a run killed after its push, or another clone, may
/// have made it, and this repository's branch is set only after a push); else, or when the
/// remote has none, this repository's.
pub(crate) fn branch_where_it_lands<'r>(
    repo: &'r git2::Repository,
    change: &Options,
    branch: &str,
) -> anyhow::Result<Option<git2::Commit<'r>>> {
    if change.push
        && !change.dry_run
        && let Some(remote) = crate::infra::refs::Remote::origin(repo)
    {
        remote.fetch(repo, &[remote.branch_spec(branch)])?;
        if let Some(tip) = git::ref_target(repo, &remote.tracking(branch))? {
            return Ok(Some(repo.find_commit(tip)?));
        }
    }
    git::branch_tip(repo, branch)
}

pub fn run(ctx: &Ctx, kind: &str, args: RequestArgs) -> anyhow::Result<()> {
    let kind = crate::requests::kind(kind).expect("the CLI only names known kinds");
    let change: Options = (&args.change).into();
    // The schemas' limits on what flags write (`metadata.title`, `metadata.description`,
    // names), before any git call.
    for (flag, value, max) in [
        ("--title", &args.title, 120),
        ("--description", &args.description, 1000),
        ("--name", &args.name, 256),
    ] {
        if let Some(v) = value {
            crate::input::single_line(flag, v, max)?;
        }
    }
    for (flag, value, max) in [
        ("--owner", &args.owner, 40),
        ("--application", &args.application, 63),
        ("--env", &args.env, 20),
    ] {
        if let Some(v) = value {
            crate::input::name(flag, v, max)?;
        }
    }
    let repo = ctx.repo()?;
    let mut sets = Vec::new();
    for s in &args.set {
        let (k, v) = s
            .split_once('=')
            .ok_or_else(|| IdpError::usage(format!("`--set {s}`: expected KEY=VALUE")))?;
        let value = crate::yaml::parse(v)
            .map_err(|e| IdpError::usage(format!("`--set {s}`: {}", e.message)))?
            .value;
        sets.push((k.trim().to_string(), value));
    }
    let file = super::super::read_input(ctx, args.file.as_deref())?;
    let (env, env_from_file) = environment(args.env.as_deref(), file.as_ref())?;
    // On a terminal (never under CI), ask for the owner when neither a flag nor the file has one.
    let owner = match (&args.owner, &file) {
        (Some(o), _) => Some(o.clone()),
        (None, Some((_, text))) if text.contains("owner:") => None,
        (None, _) => ctx.prompt("Owning team")?,
    };
    let mut opts = RequestOptions {
        env,
        env_from_file,
        file,
        owner,
        title: args.title.clone(),
        description: args.description.clone(),
        application: args.application.clone(),
        name: args.name.clone(),
        size: args.size.clone(),
        sets,
        actor: ctx.actor(),
        reserved: Vec::new(),
        taken: 0,
    };
    // Made from the base as the remote holds it at each attempt, with the IDs of open pull
    // requests and the kind's sequence as they are then.
    let mut extra = serde_json::Map::new();
    let outcome = changeset::run_with(ctx, &change, &mut |source| {
        let config = load_config(source)?;
        let envs = ordered_envs(source)?;
        opts.reserved = crate::requests::pending::open_ids(repo, ctx.forge()?, Some(kind.name))?;
        opts.taken = changeset::taken(repo, &crate::requests::sequence(kind.name))?;
        // A rerun keeps the ID its branch already holds: look at the branch this change uses.
        let probe = request(source, None, &config, &envs, kind, &opts)?;
        probe.check()?;
        let branch_tree = branch_where_it_lands(repo, &change, &probe.branch())?
            .map(|c| c.tree())
            .transpose()?;
        let cs = match branch_tree {
            Some(tree) => {
                let on_branch = GitTree::new(repo, Some(tree));
                request(source, Some(&on_branch), &config, &envs, kind, &opts)?
            }
            None => probe,
        };
        // What a Backstage template's `output:` links to: the request and its catalog Resource.
        if let Some((_, id)) = cs.trailers.iter().find(|(k, _)| k == "Idp-Request") {
            extra.insert("request_id".into(), serde_json::json!(id));
            extra.insert(
                "entity_ref".into(),
                serde_json::json!(format!("resource:default/{}", id.to_ascii_lowercase())),
            );
        }
        let mut cs = cs;
        if kind.name == "eks" {
            // Keycloak runs on the cluster: its database comes with it (ADR-0043).
            let rds = crate::requests::rds::KIND;
            let db = crate::platform::keycloak::DATABASE;
            let reuse = branch_where_it_lands(repo, &change, &cs.branch())?
                .map(|tip| -> anyhow::Result<Option<String>> {
                    let on_branch = GitTree::new(repo, Some(tip.tree()?));
                    crate::platform::keycloak::database_request(&on_branch, &opts.env, db)
                })
                .transpose()?
                .flatten()
                .filter(|_| !change.direct);
            crate::platform::keycloak::with_database(
                &mut cs,
                source,
                &crate::platform::keycloak::DatabaseOptions {
                    actor: opts.actor.clone(),
                    rds_taken: changeset::taken(repo, &crate::requests::sequence(rds))?,
                    reuse,
                },
            )?;
        }
        Ok(cs)
    })?;
    changeset::report::report_with(ctx, &outcome, change.detailed_exitcode, extra)
}
