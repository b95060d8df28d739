//! Teardown of an environment, in two halves and a measure:
//!
//! - [`gitops`]: `idp teardown`, one change that removes the environment's (or one build's)
//!   apps, Argo CD applications and requests in dependency order;
//! - [`plan`], [`run`], [`exec`]: `idp teardown run`, the environment's ordered stage plan
//!   executed with timeouts, bounded retries and break-glass, recorded as a pipeline run
//!   (`.idp/records/pipeline.jsonl`) and resumable from the stage that failed;
//! - [`report`]: `idp teardown report`, the runs against the environment's SLO, and a Known
//!   limitation when it is missed.

pub mod exec;
pub mod gitops;
pub mod plan;
pub mod report;
pub mod run;
