//! Bad input: a clear message naming file and line, the documented exit code, and nothing
//! written — working tree, refs (local and origin) and pull request records all unchanged.

use crate::harness::Test;

#[test]
fn malformed_yaml_in_an_input_file_is_exit_2_with_file_and_line() {
    let t = Test::platform();
    t.write("../qa.yaml", "name: qa\ntier: [testing\nowner: platform\n");
    let before = t.state();
    t.idp(["env", "add", "qa", "--after", "test", "-f", "../qa.yaml"])
        .run()
        .code(2)
        .stderr_has("../qa.yaml:3:");
    assert_eq!(t.state(), before);
}

#[test]
fn an_unknown_key_is_exit_3_with_file_and_line() {
    let t = Test::platform();
    let before = t.state();
    t.idp(["env", "set", "dev", "sync.automatd", "true"])
        .run()
        .code(3)
        .stderr_has("environments/dev.yaml:29:3: unknown key `automatd` in `sync`");
    assert_eq!(t.state(), before);
}

#[test]
fn a_wrong_type_is_exit_3_with_file_and_line() {
    let t = Test::platform();
    let before = t.state();
    t.idp(["env", "set", "dev", "teardown.slo.p95Minutes", "soon"])
        .run()
        .code(3)
        .stderr_has("environments/dev.yaml:33:17:")
        .stderr_has("\"soon\" is not of type \"integer\"");
    assert_eq!(t.state(), before);
}

#[test]
fn a_path_outside_the_repo_is_exit_2() {
    let t = Test::platform();
    let before = t.state();
    t.idp(["validate", "../../../etc/passwd"])
        .run()
        .code(2)
        .stderr_has("outside the platform repo");
    t.idp(["env", "add", "../evil", "--after", "test"])
        .run()
        .code(2)
        .stderr_has("not a valid environment name");
    assert_eq!(t.state(), before);
}

#[test]
fn a_yaml_alias_bomb_is_refused() {
    let t = Test::platform();
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..9 {
        let p = i - 1;
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    t.write("../bomb.yaml", &bomb);
    let before = t.state();
    t.idp(["env", "add", "qa", "--after", "test", "-f", "../bomb.yaml"])
        .run()
        .code(2)
        .stderr_has("../bomb.yaml:")
        .stderr_has("expands past 100000 nodes");
    assert_eq!(t.state(), before);
    t.write("environments/dev.yaml", &bomb);
    t.idp(["validate"])
        .run()
        .code(3)
        .stdout_has("environments/dev.yaml:")
        .stdout_has("expands past");
}

#[test]
fn a_policy_violation_is_exit_3_and_writes_nothing() {
    let t = Test::platform();
    let before = t.state();
    t.idp(["env", "set", "dev", "owner", "ghosts"])
        .run()
        .code(3)
        .stderr_has("environments/dev.yaml:6:8:")
        .stderr_has("owned by `ghosts`, which is not a team in idp.yaml")
        .stderr_has("policy/environment_owner");
    assert_eq!(t.state(), before);
}

#[test]
fn a_branch_with_commits_idp_did_not_make_is_not_overwritten() {
    let t = Test::platform();
    t.idp(["env", "add", "qa", "--after", "test"])
        .run()
        .success();
    // Someone pushes a hand-made commit onto the idp branch.
    t.git(&t.platform, &["checkout", "-q", "idp/env/qa"]);
    t.commit_file("environments/qa.yaml", "name: qa\n# mine\n", "hand edit");
    t.git(&t.platform, &["checkout", "-q", "main"]);
    let before = t.state();
    t.idp(["env", "add", "qa", "--after", "test", "--tier", "staging"])
        .run()
        .code(2)
        .stderr_has("branch `idp/env/qa` has diverged")
        .stderr_has("hand edit");
    assert_eq!(t.state(), before);
}

#[test]
fn a_secret_in_a_change_is_refused() {
    let t = Test::platform();
    let before = t.state();
    t.idp([
        "env",
        "set",
        "dev",
        "description",
        "key AKIAABCDEFGHIJKLMNOP",
    ])
    .run()
    .code(3)
    .stderr_has("environments/dev.yaml:4:")
    .stderr_has("AWS access key id");
    assert_eq!(t.state(), before);
}

#[test]
fn a_failed_push_puts_every_ref_back() {
    let t = Test::platform();
    // An `origin` that cannot be reached.
    t.git(
        &t.platform,
        &[
            "remote",
            "set-url",
            "origin",
            t.root.join("gone.git").to_str().unwrap(),
        ],
    );
    let before = t.state();
    t.idp(["env", "add", "qa", "--after", "test"])
        .run()
        .code(1)
        .stderr_has("origin");
    assert_eq!(t.state(), before);
    // With --no-push the change is kept locally.
    t.idp(["env", "add", "qa", "--after", "test", "--no-push"])
        .run()
        .success();
}

#[test]
fn bad_flags_are_usage_errors() {
    let t = Test::platform();
    t.idp(["env", "add", "qa"])
        .run()
        .code(2)
        .stderr_has("--after");
    t.idp(["--output", "xml", "env", "list"]).run().code(2);
    t.idp(["env", "set", "dev", "sync..automated", "true"])
        .run()
        .code(2)
        .stderr_has("not a key path");
    t.idp(["env", "set", "dev", "name.first", "x"])
        .run()
        .code(2)
        .stderr_has("`name` is a scalar");
    t.idp(["env", "add", "qa", "--after", "nowhere"])
        .run()
        .code(2)
        .stderr_has("dev, test, staging, prod");
    t.idp(["env", "add", "dev", "--after", "test"])
        .run()
        .code(2)
        .stderr_has("already exists");
}
