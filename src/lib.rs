//! idp: one binary that runs an internal developer platform through git.
//!
//! The layers, top to bottom (DESIGN.md "Layers", ADR-0038); no import climbs back up, and
//! `tests/it/layers.rs` checks it from the `crate::` imports:
//!
//! | layer | modules |
//! |---|---|
//! | command | [`cli`], [`commands`] (clap lives here only) |
//! | producer, read | [`platform`]'s producers, `requests::produce`, [`docs`], [`drift`], [`graph`], [`health`], [`teardown`], [`metrics`], [`backstage`], [`mcp`] |
//! | pipeline | [`changeset`] |
//! | model | [`platform`] (repo, config, environments, assets), [`requests`], [`golden`], [`schema`], [`policy`], [`render`], [`ctx`] |
//! | state | `infra::{forge, refs, sequence}`, [`records`], [`identity`], [`change`] |
//! | infra | [`infra`] (git, objects, sources, clock, secrets, AWS) |
//! | base | [`error`], [`input`], [`yaml`], [`printer`] |
//!
//! A map of the modules:
//! - [`cli`]: the command line: `Cli`, global flags, `enum Command` and the shared flag groups
//!   (clap types only, no I/O).
//! - [`commands`]: one thin file per command, its clap arguments beside it: arguments →
//!   options → producer → pipeline.
//! - [`change`]: a change to the platform repo ([`change::Changeset`]), plain data that
//!   producers make and the pipeline takes.
//! - [`changeset`]: the one pipeline every change goes through (validate → plan → commit →
//!   publish), plus merging and closing pull requests.
//! - [`platform`]: the platform repo model (config, environments, embedded defaults) and the
//!   producers that turn a request into a [`change::Changeset`].
//! - [`schema`], [`policy`]: JSON Schema and Rego checks with file:line findings.
//! - [`yaml`]: reading YAML with positions and limits; editing it in place.
//! - [`render`]: minijinja templates, every value escaped for the output file's language.
//! - [`input`]: user input at the edge: capped file reads, UTF-8, one-line and bounded
//!   arguments, paths confined to their root.
//! - [`docs`]: ADRs, runbooks and metadata (folder defaults, lint, coverage, freshness).
//! - [`graph`]: the relation graph of everything in the platform repo, and `why`.
//! - [`health`]: `idp health`: tiered post-apply checks of a cluster (kube-rs) and the platform's
//!   services (reqwest), with retries, `--wait` and a record for promotion gates.
//! - [`records`]: workflow records (promotions, pipeline runs, health, known limitations), one
//!   JSON file per record in git, on the records branch (ADR-0022).
//! - [`teardown`]: the GitOps teardown change, the stage plan run (timeouts, retries,
//!   break-glass, resume) and the SLO report.
//! - [`metrics`]: pipeline metrics from the records (Prometheus exposition, Pushgateway).
//! - [`infra`]: git (libgit2 for objects and merges, the `git` CLI for fetch and push), the
//!   state a team shares (ref transactions by compare-and-swap, sequences, the local forge's
//!   one ref per pull request: ADR-0020), forges, the clock.
//! - [`backstage`]: Backstage software templates generated from the golden paths' and request
//!   kinds' JSON Schemas (the form the scaffolder shows is the schema the CLI checks).
//! - [`identity`]: who is acting, verified (GitHub Actions OIDC, `idp login` OIDC, the GitHub
//!   token, else the unverified git identity): the one resolver behind [`ctx::Ctx::identity`].
//! - [`mcp`]: `idp mcp`, an MCP server over stdio whose tools run the CLI itself (ADR-0036),
//!   with the platform repo's docs, schemas, environments and graph as resources.
//! - [`printer`], [`error`], [`ctx`]: output, exit codes, the per-run context.

pub mod backstage;
pub mod change;
pub mod changeset;
pub mod cli;
pub mod commands;
pub mod ctx;
pub mod docs;
pub mod drift;
pub mod error;
pub mod golden;
pub mod graph;
pub mod health;
pub mod identity;
pub mod infra;
pub mod input;
pub mod mcp;
pub mod metrics;
pub mod platform;
pub mod policy;
pub mod printer;
pub mod records;
pub mod render;
pub mod requests;
pub mod schema;
pub mod teardown;
pub mod yaml;
