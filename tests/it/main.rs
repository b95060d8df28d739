//! One integration-test binary. Every test drives the real `idp` binary on a real temporary
//! platform repo (with a bare repository as its `origin`), through the builder in [`harness`].
//!
//! Where new tests go: one file per command, named like `src/commands/` (`init.rs`,
//! `validate.rs`, `env.rs`, `pr.rs`, `completions.rs`); bad input that must write nothing goes
//! in `bad_input.rs` (a case in its corpus table, or a property test: `IDP_PROPTEST_CASES=N
//! IDP_PROPTEST_RANDOM=1` hunts further); hostile values through templates go in
//! `injection.rs`; a test for a bug that was fixed goes in `regression.rs`, named after what
//! broke, with a one-line "see" comment. What a command prints is snapshotted in
//! `snapshots.rs` (text and `-o json`, one test per noun; a new command needs both), and what
//! new-app, adr new and provision write is compared whole in `trees.rs`
//! (`tests/fixtures/trees/`); bless both with `INSTA_UPDATE=always` and review the diff. That
//! README.md, docs/ and the man pages agree with the CLI is checked in `readme.rs`.

mod harness;

mod actions;
mod adr;
mod app_repos;
mod approvals;
mod backstage;
mod bad_input;
mod completions;
mod concurrency;
mod docs;
mod drift;
mod ecr;
mod env;
mod github;
mod gitops;
mod graph;
mod health;
mod https;
mod identity;
mod image;
mod init;
mod injection;
mod kill;
mod layers;
mod man;
mod manifests;
mod mcp;
mod metrics;
mod migrate;
mod moto;
mod new_app;
mod output;
mod pr;
mod promote;
mod provision;
mod readme;
mod records;
mod regression;
mod remotes;
mod runbook;
mod snapshots;
mod teardown;
mod trees;
mod upgrade;
mod validate;
