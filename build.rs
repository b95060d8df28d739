//! Rebuild when embedded assets change (include_dir does not track new files by itself), and
//! link idp as a position-dependent executable on x86-64 Linux (ADR-0018).

fn main() {
    // A PIE is relocated by the dynamic loader at every start: ~54,000 relocations that write
    // to ~230 pages of the binary, one copy-on-write page fault each, which was a fifth of a
    // `golden-path render`. A position-dependent executable has them resolved at link time.
    // `IDP_PIE=1` builds a PIE anyway (for distributions that require one).
    let target = std::env::var("TARGET").unwrap_or_default();
    if target == "x86_64-unknown-linux-gnu" && std::env::var_os("IDP_PIE").is_none() {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-env-changed=IDP_PIE");
    for dir in [
        "schemas",
        "policies",
        "runbooks",
        "golden-paths",
        "templates",
        "environments",
    ] {
        println!("cargo:rerun-if-changed={dir}");
    }
}
