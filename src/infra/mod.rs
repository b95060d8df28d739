//! Real clients behind small interfaces: git (libgit2), forges, the clock.

pub mod aws;
pub mod clock;
pub mod forge;
pub mod git;
pub mod git_http;
pub mod objects;
