//! `idp golden-path list|show|eject|render`: the golden paths. One file per verb, each with its
//! arguments.

mod eject;
mod list;
mod render;
mod show;

use clap::Subcommand;

use crate::ctx::Ctx;
use crate::platform::init::default_config;
use crate::platform::{MemSource, Source, WorkTree};

pub use list::list;

#[derive(Debug, Subcommand)]
pub enum GoldenPathCommand {
    /// List golden paths
    List(list::ListArgs),
    /// Show a golden path: version, parameters, files
    Show(show::ShowArgs),
    /// Copy an embedded golden path into the platform repo (as a change) to customise it
    Eject(eject::EjectArgs),
    /// Render a golden path's app repository into a directory (no git, no pull request)
    Render(render::RenderArgs),
}

pub fn run(ctx: &Ctx, cmd: GoldenPathCommand) -> anyhow::Result<()> {
    match cmd {
        GoldenPathCommand::List(args) => list::run(ctx, args),
        GoldenPathCommand::Show(args) => show::run(ctx, args),
        GoldenPathCommand::Eject(args) => eject::run(ctx, args),
        GoldenPathCommand::Render(args) => render::run(ctx, args),
    }
}

/// The platform repo's files when there is one, else the embedded defaults.
pub(super) fn platform_or_defaults(root: Option<&std::path::Path>) -> Box<dyn Source> {
    match root {
        Some(root) => Box::new(WorkTree::new(root)),
        None => Box::new(MemSource::new(default_config())),
    }
}
