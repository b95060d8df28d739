//! The output layer: JSON/YAML on stdout, errors as JSON for scripts, GitHub Actions outputs,
//! step summaries and annotations.

use crate::harness::Test;

#[test]
fn github_actions_outputs_summary_and_annotations() {
    let t = Test::platform();
    let out_file = t.root.join("gh_output");
    let summary = t.root.join("gh_summary");
    let actions = |args: &[&str]| {
        t.idp(args)
            .env("CI", "true")
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_ACTOR", "octocat")
            // GITHUB_ACTOR names no one (no OIDC token here): the git identity acts, unverified.
            .env("GIT_AUTHOR_EMAIL", "octocat@example.com")
            .env_remove("IDP_ACTOR")
            .env("GITHUB_OUTPUT", &out_file)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .run()
    };
    actions(&["env", "set", "prod", "gates.healthyWithinHours", "12"])
        .code(4)
        .stderr_has("`octocat@example.com` is not allowed to `env:set@prod`")
        .stdout_lacks("::error"); // an authorisation error has no file to annotate
    actions(&["env", "add", "qa", "--after", "test"]).success();
    let outputs = std::fs::read_to_string(&out_file).unwrap();
    assert!(
        outputs.contains("status=opened\n")
            && outputs.contains("pr_number=1\n")
            && outputs.contains("branch=idp/env/qa\n"),
        "{outputs}"
    );
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(
        md.contains("```diff") && md.contains("+  after: qa"),
        "{md}"
    );

    t.write(
        "environments/dev.yaml",
        &t.read("environments/dev.yaml")
            .replace("tier: development", "tier: dev"),
    );
    t.idp(["validate"])
        .env("GITHUB_ACTIONS", "true")
        .run()
        .code(3)
        .stdout_has("::error file=environments/dev.yaml,line=8,col=7,title=schema/enum::");
}

#[test]
fn errors_are_json_on_stdout_in_json_mode() {
    let t = Test::platform();
    let out = t
        .idp(["env", "set", "dev", "owner", "ghosts", "-o", "json"])
        .run()
        .code(3);
    let e = out.json();
    assert_eq!(e["ok"], false);
    assert_eq!(e["exit_code"], 3);
    assert_eq!(e["findings"][0]["file"], "environments/dev.yaml");
    assert_eq!(e["findings"][0]["line"], 6);
}

#[test]
fn yaml_output() {
    let t = Test::platform();
    t.idp(["env", "list", "-o", "yaml"])
        .run()
        .success()
        .stdout_has("- name: dev\n");
}

#[test]
fn quiet_prints_results_only() {
    let t = Test::platform();
    let out = t
        .idp(["-q", "env", "add", "qa", "--after", "test"])
        .run()
        .success();
    assert_eq!(out.stderr, "");
    assert_eq!(out.stdout, "#1 idp/env/qa\n");
}

#[test]
fn a_corrupt_forge_record_is_an_unexpected_error() {
    let t = Test::platform();
    let blob = t.git_stdin(&["hash-object", "-w", "--stdin"], "{not json");
    let tree = t.git_stdin(
        &["mktree"],
        &format!("100644 blob {}\tpull.json\n", blob.trim()),
    );
    let commit = t.git(&t.platform, &["commit-tree", tree.trim(), "-m", "corrupt"]);
    t.git(
        &t.platform,
        &["update-ref", "refs/idp/pulls/1", commit.trim()],
    );
    t.git(
        &t.platform,
        &["push", "-q", "origin", "refs/idp/pulls/1:refs/idp/pulls/1"],
    );
    t.idp(["pr", "list"])
        .run()
        .code(1)
        .stderr_has("the record in `refs/idp/pulls/1` is corrupt");
}

#[test]
fn usage_error_with_output_json_prints_a_json_error() {
    // See issue 24: clap's parse errors ignored `-o json` (stdout empty, text on stderr).
    let t = Test::platform();
    let before = t.state();
    for args in [
        vec!["pr", "lsit", "-o", "json"],
        vec!["--output=json", "provision", "s3", "--bogus"],
        vec!["-ojson", "metrics", "export", "--format", "xml"],
        vec!["pr", "-o", "json"],
    ] {
        let out = t.idp(&args).run().code(2);
        let e = out.json();
        assert_eq!(e["ok"], false, "{args:?}: {e}");
        assert_eq!(e["exit_code"], 2, "{args:?}: {e}");
        let message = e["error"].as_str().unwrap();
        assert!(
            !message.is_empty() && !message.starts_with("error:"),
            "{args:?}: {e}"
        );
        assert!(e["hint"].is_string(), "{args:?}: {e}");
        assert!(out.stderr.is_empty(), "{args:?}: {}", out.stderr);
    }
    let e = t.idp(["pr", "lsit", "-o", "json"]).run().code(2).json();
    assert_eq!(e["error"], "unrecognized subcommand 'lsit'");
    assert!(e["hint"].as_str().unwrap().contains("'list'"), "{e}");
    let e = t
        .idp(["metrics", "export", "--format", "xml", "-o", "yaml"])
        .run()
        .code(2)
        .stdout
        .clone();
    assert!(
        e.contains("exit_code: 2\n") && e.contains("possible values: prometheus, json, csv"),
        "{e}"
    );
    // clap prints the whole help when a subcommand is given nothing: one line instead.
    let e = t.idp(["-o", "json", "pr"]).run().code(2).json();
    assert_eq!(e["error"], "`idp pr` needs a subcommand");
    assert_eq!(e["hint"], "`idp pr --help` lists them");
    // `IDP_OUTPUT=json` asks the same; text stays clap's own.
    let e = t
        .idp(["pr", "lsit"])
        .env("IDP_OUTPUT", "json")
        .run()
        .code(2)
        .json();
    assert_eq!(e["exit_code"], 2);
    t.idp(["pr", "lsit"])
        .run()
        .code(2)
        .stdout_lacks("exit_code")
        .stderr_has("unrecognized subcommand 'lsit'");
    // Help and version are not errors.
    t.idp(["--version", "-o", "json"])
        .run()
        .success()
        .stdout_has("idp ");
    assert_eq!(t.state(), before);
}
