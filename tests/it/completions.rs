//! Shell completions and the man page are generated from the CLI definition; the committed
//! copies under completions/ must match (regenerate with `IDP_BLESS=1 cargo test completions`).

use crate::harness::Test;

#[test]
fn committed_completions_and_man_page_are_fresh() {
    let t = Test::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let bless = std::env::var_os("IDP_BLESS").is_some();
    for (args, file) in [
        (vec!["completions", "bash"], "idp.bash"),
        (vec!["completions", "zsh"], "_idp"),
        (vec!["completions", "fish"], "idp.fish"),
        (vec!["completions", "powershell"], "_idp.ps1"),
        (vec!["completions", "elvish"], "idp.elv"),
        (vec!["man"], "idp.1"),
    ] {
        let out = t.idp(args).run().success();
        assert!(!out.stdout.is_empty());
        let path = dir.join(file);
        if bless {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &out.stdout).unwrap();
            continue;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == out.stdout,
            "completions/{file} is stale: run `IDP_BLESS=1 cargo test completions` and commit it"
        );
    }
}

#[test]
fn help_documents_the_exit_codes() {
    Test::new()
        .idp(["--help"])
        .run()
        .success()
        .stdout_has("Exit codes:")
        .stdout_has("5 changes pending");
}
