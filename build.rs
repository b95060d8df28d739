//! Rebuild when embedded assets change (include_dir does not track new files by itself).

fn main() {
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
