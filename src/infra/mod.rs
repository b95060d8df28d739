//! Real clients behind small interfaces: git (libgit2 for objects, trees and merges; the `git`
//! CLI for fetch and push), forges, the clock, and the secrets they hold (redacted from all
//! output).

pub mod aws;
pub mod client_error;
pub mod clock;
pub mod forge;
pub mod git;
pub mod gitcli;
pub mod kube;
pub mod objects;
pub mod refs;
pub mod secrets;
pub mod sequence;
pub mod source;
