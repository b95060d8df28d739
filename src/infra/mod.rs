//! Real clients behind small interfaces: git (libgit2), forges, the clock, and the secrets
//! they hold (redacted from all output).

pub mod aws;
pub mod clock;
pub mod forge;
pub mod git;
pub mod git_http;
pub mod gitcli;
pub mod objects;
pub mod packfile;
pub mod refs;
pub mod secrets;
pub mod sequence;
