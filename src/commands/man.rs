//! `idp man [--out-dir DIR]`: man pages generated from the CLI definition (clap_mangen). With
//! `--out-dir`, `idp.1` and one page per subcommand, recursively (`idp-adr.1`,
//! `idp-adr-new.1`, …), each listing its options; without it, the top page on stdout. Every
//! `idp-*(1)` a page names is a page `--out-dir` writes: the `help` subcommands, which have no
//! page, are left out of both.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::CommandFactory;

use crate::cli::Cli;
use crate::ctx::Ctx;

#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Write `idp.1` and one page per subcommand (`idp-adr-new.1`, …) into this directory
    /// (created if missing) instead of printing the top page
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
}

pub fn run(ctx: &Ctx, args: ManArgs) -> anyhow::Result<()> {
    let cmd = command();
    let Some(out_dir) = args.out_dir else {
        let mut out = Vec::new();
        clap_mangen::Man::new(cmd).render(&mut out)?;
        std::io::Write::write_all(&mut std::io::stdout().lock(), &out)?;
        return Ok(());
    };
    let dir = ctx.cwd.join(&out_dir);
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("cannot create `{}`", out_dir.display()))?;
    let mut written = Vec::new();
    write_pages(&cmd, &dir, &mut written)
        .with_context(|| format!("cannot write the man pages into `{}`", out_dir.display()))?;
    written.sort();
    ctx.printer.status(
        "Wrote",
        format!("{} man pages into `{}`", written.len(), out_dir.display()),
    );
    ctx.printer.data(&written, || {
        written.iter().map(|f| format!("{f}\n")).collect()
    })
}

/// The CLI as the pages show it: built (so that subcommands carry their `idp-adr-new` display
/// names) and without `help` subcommands at any depth.
fn command() -> clap::Command {
    fn no_help(cmd: clap::Command) -> clap::Command {
        cmd.disable_help_subcommand(true).mut_subcommands(no_help)
    }
    let mut cmd = no_help(Cli::command());
    cmd.build();
    cmd
}

/// The page of `cmd` and of each of its visible subcommands, recursively; the file names are
/// pushed to `written`.
fn write_pages(cmd: &clap::Command, dir: &Path, written: &mut Vec<String>) -> std::io::Result<()> {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(sub, dir, written)?;
    }
    let man = clap_mangen::Man::new(cmd.clone());
    written.push(man.get_filename());
    man.generate_to(dir)?;
    Ok(())
}
