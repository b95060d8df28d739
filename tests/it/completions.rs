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

/// The values `COMPLETE=bash idp` offers for the last of `words` (clap_complete's protocol:
/// the words after `--`, `_CLAP_COMPLETE_INDEX` the one being completed; one candidate a line),
/// without the flags the engine also offers where a positional value may go.
fn candidates(t: &Test, words: &[&str]) -> Vec<String> {
    let mut args = vec!["--", "idp"];
    args.extend(words);
    let out = t
        .idp(args)
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", words.len().to_string())
        .run()
        .success();
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    out.stdout
        .lines()
        .filter(|c| !c.starts_with('-'))
        .map(str::to_string)
        .collect()
}

#[test]
fn dynamic_completions_offer_the_platform_repos_apps_envs_templates_prs_and_requests() {
    let t = Test::platform();
    t.commit_file("apps/web/app.yaml", "name: web\n", "app web");
    t.commit_file("apps/api/app.yaml", "name: api\n", "app api");
    // A directory without app.yaml is not an app.
    t.commit_file("apps/notes/README.md", "not an app\n", "notes");
    t.commit_file("requests/s3/dev/S3-0001.yaml", "kind: s3\n", "a request");
    t.commit_file(
        "requests/rds/prod/RDS-0002.yaml",
        "kind: rds\n",
        "another request",
    );
    // An open pull request on the local forge.
    t.idp(["env", "set", "dev", "sync.selfHeal", "false"])
        .run()
        .success();

    assert_eq!(candidates(&t, &["promote", ""]), ["api", "web"]);
    assert_eq!(candidates(&t, &["promote", "w"]), ["web"]);
    assert_eq!(candidates(&t, &["status", ""]), ["api", "web"]);
    assert_eq!(
        candidates(&t, &["provision", "s3", "--application", ""]),
        ["api", "web"]
    );
    let envs = candidates(&t, &["promote", "api", "--to", ""]);
    assert!(
        envs.contains(&"dev".to_string()) && envs.contains(&"prod".to_string()),
        "{envs:?}"
    );
    assert_eq!(candidates(&t, &["env", "show", "de"]), ["dev"]);
    assert_eq!(candidates(&t, &["health", "--env", "pr"]), ["prod"]);
    let templates = candidates(&t, &["new-app", "x", "--template", ""]);
    assert!(
        templates.contains(&"stateless-app".to_string())
            && templates.contains(&"backend-app-rds".to_string()),
        "{templates:?}"
    );
    assert_eq!(
        candidates(&t, &["golden-path", "show", "statef"]),
        ["stateful-app"]
    );
    assert_eq!(candidates(&t, &["pr", "show", ""]), ["1"]);
    assert_eq!(
        candidates(&t, &["provision", "show", ""]),
        ["RDS-0002", "S3-0001"]
    );
    assert_eq!(candidates(&t, &["provision", "delete", "S"]), ["S3-0001"]);
    // Subcommands still complete as before.
    assert!(candidates(&t, &["prov"]).contains(&"provision".to_string()));
}

#[test]
fn dynamic_completions_outside_a_platform_repo_offer_nothing_and_fail_nothing() {
    let t = Test::new();
    assert!(candidates(&t, &["promote", ""]).is_empty());
    assert!(candidates(&t, &["env", "show", ""]).is_empty());
    assert!(candidates(&t, &["pr", "show", ""]).is_empty());
    assert!(candidates(&t, &["provision", "show", ""]).is_empty());
    // The embedded golden paths need no platform repo.
    assert!(
        candidates(&t, &["new-app", "x", "--template", ""]).contains(&"stateless-app".to_string())
    );
}

#[test]
fn complete_env_prints_a_registration_script_for_bash() {
    let out = Test::new()
        .idp(Vec::<&str>::new())
        .env("COMPLETE", "bash")
        .run()
        .success();
    assert!(
        out.stdout.contains("_CLAP_COMPLETE_INDEX"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("complete "), "{}", out.stdout);
}
