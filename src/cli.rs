//! The command line: global flags, `enum Command`, and the flag groups shared by commands
//! (output, change flags). Nothing here does I/O; commands turn these into options.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::commands::adr::AdrCommand;
use crate::commands::backstage::BackstageCommand;
use crate::commands::completions::CompletionsArgs;
use crate::commands::docs::DocsCommand;
use crate::commands::drift::DriftArgs;
use crate::commands::env::EnvCommand;
use crate::commands::golden_path::GoldenPathCommand;
use crate::commands::graph::GraphArgs;
use crate::commands::health::HealthArgs;
use crate::commands::history::HistoryArgs;
use crate::commands::image::ImageCommand;
use crate::commands::init::InitArgs;
use crate::commands::man::ManArgs;
use crate::commands::mcp::McpArgs;
use crate::commands::metrics::MetricsCommand;
use crate::commands::migrate::MigrateCommand;
use crate::commands::new_app::NewAppArgs;
use crate::commands::pr::PrCommand;
use crate::commands::promote::PromoteArgs;
use crate::commands::provision::ProvisionCommand;
use crate::commands::records::RecordsCommand;
use crate::commands::rollback::RollbackArgs;
use crate::commands::runbook::RunbookCommand;
use crate::commands::status::StatusArgs;
use crate::commands::teardown::TeardownArgs;
use crate::commands::upgrade::UpgradeArgs;
use crate::commands::validate::ValidateArgs;
use crate::commands::whoami::WhoamiArgs;
use crate::printer::{ColorChoice, Format};

/// Declares a clap value enum mirroring a domain enum of the same variants (so that clap
/// types stay in the command layer), and its conversion.
macro_rules! value_enum {
    ($(#[$m:meta])* $name:ident => $domain:ty { $($(#[$vm:meta])* $v:ident),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
        pub enum $name { $($(#[$vm])* $v),+ }

        impl From<$name> for $domain {
            fn from(v: $name) -> $domain {
                match v { $($name::$v => <$domain>::$v),+ }
            }
        }
    };
}
pub(crate) use value_enum;

value_enum!(
    /// How results are printed on stdout.
    OutputArg => Format { Text, Json, Yaml }
);
value_enum!(
    /// When to use colour.
    ColorArg => ColorChoice { Auto, Always, Never }
);

#[derive(Debug, Parser)]
#[command(
    name = "idp",
    version,
    about = "Run an internal developer platform through git",
    long_about = "idp turns every self-service action into a reviewed change to the platform \
                  repo: rendered, validated, shown as a diff, committed on a branch and opened \
                  as a pull request.",
    after_help = "Exit codes: 0 ok, 1 unexpected error, 2 usage or bad input, 3 validation or \
                  policy failure, 4 not authorised, 5 changes pending, 6 a run failed \
                  (resumable)."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The platform repo (default: walk up from the current directory to `idp.yaml`)
    #[arg(long, global = true, env = "IDP_PLATFORM", value_name = "DIR")]
    pub platform: Option<PathBuf>,
    /// Output format for results on stdout
    #[arg(
        short,
        long,
        global = true,
        env = "IDP_OUTPUT",
        value_enum,
        default_value = "text"
    )]
    pub output: OutputArg,
    /// Print results only, no status lines
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// More logging on stderr (-v info, -vv debug, -vvv trace)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// When to use colour (NO_COLOR is honoured)
    #[arg(long, global = true, value_enum, default_value = "auto")]
    pub color: ColorArg,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a platform repo
    Init(InitArgs),
    /// Check files against the schemas, cross-file rules and Rego policies
    Validate(ValidateArgs),
    /// Environments: list, show, add, set
    #[command(subcommand)]
    Env(EnvCommand),
    /// Pull requests on the configured forge
    #[command(subcommand)]
    Pr(PrCommand),
    /// Create an app from a golden path: its repository and one platform pull request
    NewApp(NewAppArgs),
    /// Golden paths: list, show, render
    #[command(subcommand)]
    GoldenPath(GoldenPathCommand),
    /// Re-apply a newer golden path version to a generated app repository (three-way merge)
    Upgrade(UpgradeArgs),
    /// Provisioning requests (S3, RDS, EBS, EC2, ECR, EKS, secrets) rendered to Terraform inputs
    #[command(subcommand)]
    Provision(ProvisionCommand),
    /// Architecture decision records
    #[command(subcommand)]
    Adr(AdrCommand),
    /// Runbooks: operational guidance in one format
    #[command(subcommand)]
    Runbook(RunbookCommand),
    /// The image an app runs in an environment
    #[command(subcommand)]
    Image(ImageCommand),
    /// Promote an app's image to the next environment, by digest, behind its gates
    Promote(PromoteArgs),
    /// Restore an earlier image of an app in one environment
    Rollback(RollbackArgs),
    /// Check an environment's cluster and platform services after an apply (exit 3 when
    /// unhealthy, 1 when the cluster cannot be reached)
    Health(HealthArgs),
    /// Drift between git, what idp renders, the cluster and the cloud; remediated by each
    /// environment's policy (`drift.remediate`)
    Drift(DriftArgs),
    /// Who you are: the actor commits and records carry, how it was verified, its groups and
    /// roles; and the AWS identity (STS)
    Whoami(WhoamiArgs),
    /// Sign in to idp.yaml's `identity.oidc` issuer (OAuth 2.0 device authorization grant);
    /// the tokens are cached under ~/.config/idp (0600)
    Login,
    /// Delete the cached tokens of `idp login` (revoked at the issuer when it can)
    Logout,
    /// Every app in every environment: image, when and by whom, open promotions, lag
    Status(StatusArgs),
    /// The promotion log of an app: promotions, image write-backs and rollbacks
    History(HistoryArgs),
    /// Docs and metadata: lint (with catalog quality), coverage, review freshness
    #[command(subcommand)]
    Docs(DocsCommand),
    /// The relation graph of environments, apps, requests, teams, ADRs, runbooks, promotions
    Graph(GraphArgs),
    /// Tear down an environment: the GitOps change (this), `run` its stage plan, `report` on
    /// the SLO
    Teardown(TeardownArgs),
    /// Workflow records (.idp/records/): record a pipeline step idp did not run, list runs,
    /// migrate legacy .jsonl records
    #[command(subcommand)]
    Records(RecordsCommand),
    /// Move what earlier idp versions wrote to what this one writes, as a change
    #[command(subcommand)]
    Migrate(MigrateCommand),
    /// Pipeline and drift metrics from the records: export them, push them to a Pushgateway
    #[command(subcommand)]
    Metrics(MetricsCommand),
    /// Backstage: software templates generated from the golden paths and request schemas
    #[command(subcommand)]
    Backstage(BackstageCommand),
    /// An MCP server over stdio: the commands as tools (changes are dry runs unless
    /// `apply`), the platform repo's docs, schemas and graph as resources, guided prompts
    Mcp(McpArgs),
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Print the man page (roff), or write one page per subcommand into a directory
    Man(ManArgs),
}

/// Flags shared by every command that changes the platform repo.
#[derive(Debug, Args, Clone, Default)]
pub struct ChangeArgs {
    /// Print the plan (unified diff) and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// With --dry-run: exit 5 when there is something to change
    #[arg(long)]
    pub detailed_exitcode: bool,
    /// Commit straight to the base branch instead of opening a pull request
    #[arg(long)]
    pub direct: bool,
    /// The branch the change is based on and merged into (default: forge.baseBranch)
    #[arg(long, value_name = "BRANCH")]
    pub base: Option<String>,
    /// Do not push to the `origin` remote
    #[arg(long)]
    pub no_push: bool,
}

impl From<&ChangeArgs> for crate::changeset::Options {
    fn from(a: &ChangeArgs) -> Self {
        crate::changeset::Options {
            dry_run: a.dry_run,
            detailed_exitcode: a.detailed_exitcode,
            direct: a.direct,
            base: a.base.clone(),
            push: !a.no_push,
            ..Default::default()
        }
    }
}
