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
        .stderr_has("environments/dev.yaml:31:3: unknown key `automatd` in `sync`");
    assert_eq!(t.state(), before);
}

#[test]
fn a_wrong_type_is_exit_3_with_file_and_line() {
    let t = Test::platform();
    let before = t.state();
    t.idp(["env", "set", "dev", "teardown.slo.p95Minutes", "soon"])
        .run()
        .code(3)
        .stderr_has("environments/dev.yaml:40:17:")
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

// ---------------------------------------------------------------------------------------------
// The bad-input corpus: every writing command, given bad files, flags and committed config.
// Each case asserts the exit code, that stderr names where (file:line or the flag) and the
// field, and that nothing was written (work tree, index, HEAD, refs, the remote, and for
// `new-app` no app repository). All cases run; failures are reported together.
// ---------------------------------------------------------------------------------------------

/// One bad input: the arguments, what stdin holds, the expected exit code and what stderr
/// must say.
struct Case {
    args: Vec<String>,
    stdin: Option<String>,
    code: i32,
    needles: Vec<String>,
}

fn case(args: &[&str], code: i32, needles: &[&str]) -> Case {
    Case {
        args: args.iter().map(|s| s.to_string()).collect(),
        stdin: None,
        code,
        needles: needles.iter().map(|s| s.to_string()).collect(),
    }
}

/// Everything a refused command must leave as it was.
fn snapshot(t: &Test) -> (crate::harness::State, Vec<u8>, String, bool) {
    let git = t.platform.join(".git");
    (
        t.state(),
        std::fs::read(git.join("index")).unwrap_or_default(),
        std::fs::read_to_string(git.join("HEAD")).unwrap_or_default(),
        t.path(".idp/repos").join("x.git").exists() || t.root.join("newplat").exists(),
    )
}

/// Run every case against `t`; each failure says which case and what happened.
fn run_corpus(t: &Test, cases: &[Case]) -> Vec<String> {
    let mut failures = Vec::new();
    for c in cases {
        let before = snapshot(t);
        let mut run = t.idp(c.args.iter().map(String::as_str));
        if let Some(s) = &c.stdin {
            run = run.stdin(s);
        }
        let out = run.run();
        let label = format!("idp {}", shorten(&c.args.join(" ")));
        if out.code != c.code {
            failures.push(format!(
                "{label}: exit {} (want {}): {}",
                out.code,
                c.code,
                shorten(&out.stderr)
            ));
        }
        for n in &c.needles {
            if !out.stderr.contains(n.as_str()) {
                failures.push(format!(
                    "{label}: stderr lacks {n:?}: {}",
                    shorten(&out.stderr)
                ));
            }
        }
        if out.stderr.contains("panicked") {
            failures.push(format!("{label}: panicked: {}", shorten(&out.stderr)));
        }
        if snapshot(t) != before {
            failures.push(format!("{label}: wrote something"));
        }
    }
    failures
}

fn shorten(s: &str) -> String {
    let s = s.replace('\n', " ⏎ ");
    if s.chars().count() > 400 {
        format!("{}…", s.chars().take(400).collect::<String>())
    } else {
        s
    }
}

/// Input files with one problem each: (file name, content, what stderr must say).
fn bad_files(dir: &std::path::Path) -> Vec<(String, Vec<&'static str>)> {
    std::fs::create_dir_all(dir).unwrap();
    let w = |name: &str, bytes: Vec<u8>| std::fs::write(dir.join(name), bytes).unwrap();
    let mut big = b"a: \"".to_vec();
    big.extend(std::iter::repeat_n(b'x', 3 << 20));
    big.extend(b"\"\n");
    w("big.yaml", big);
    w("utf8.yaml", b"name: qa\ndescription: caf\xe9\n".to_vec());
    w("utf16.yaml", b"\xff\xfen\x00a\x00m\x00e\x00".to_vec());
    w(
        "malformed.yaml",
        b"name: qa\ntier: [testing\nowner: platform\n".to_vec(),
    );
    let one_mb = "x".repeat(1 << 20);
    let mut text = format!("a: &a \"{one_mb}\"\nb: [");
    for _ in 0..3000 {
        text.push_str("*a, ");
    }
    text.push_str("]\n");
    w("alias-bytes.yaml", text.into_bytes());
    let mut laughs = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..9 {
        let p = i - 1;
        laughs.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    w("alias-nodes.yaml", laughs.into_bytes());
    w(
        "deep.yaml",
        format!("a: {}{}\n", "[".repeat(100), "]".repeat(100)).into_bytes(),
    );
    let mut deep_alias = String::from("a0: &a0 [x]\n");
    for i in 1..40 {
        deep_alias.push_str(&format!("a{i}: &a{i} [[*a{}]]\n", i - 1));
    }
    w("alias-deep.yaml", deep_alias.into_bytes());
    w("dup.yaml", b"name: qa\nowner: a\nowner: b\n".to_vec());
    w("two.yaml", b"name: qa\n---\nname: qb\n".to_vec());
    w("tag.yaml", b"name: !!python/object:os.system qa\n".to_vec());
    w("unknown-alias.yaml", b"name: *nowhere\n".to_vec());
    vec![
        (
            "big.yaml".into(),
            vec!["big.yaml:1:1:", "limit of 2097152 bytes"],
        ),
        (
            "utf8.yaml".into(),
            vec!["utf8.yaml:2:17:", "not valid UTF-8"],
        ),
        (
            "utf16.yaml".into(),
            vec!["utf16.yaml:1:1:", "not valid UTF-8"],
        ),
        ("malformed.yaml".into(), vec!["malformed.yaml:3:"]),
        (
            "alias-bytes.yaml".into(),
            vec!["alias-bytes.yaml:2:", "expands past"],
        ),
        (
            "alias-nodes.yaml".into(),
            vec!["alias-nodes.yaml:", "expands past"],
        ),
        ("deep.yaml".into(), vec!["deep.yaml:1:", "nested deeper"]),
        (
            "alias-deep.yaml".into(),
            vec!["alias-deep.yaml:", "nested deeper"],
        ),
        (
            "dup.yaml".into(),
            vec!["dup.yaml:3:1:", "duplicate key `owner`"],
        ),
        ("two.yaml".into(), vec!["two.yaml:2:", "second one"]),
        ("tag.yaml".into(), vec!["tag.yaml:1:", "tag"]),
        (
            "unknown-alias.yaml".into(),
            vec!["unknown-alias.yaml:1:", "unknown anchor"],
        ),
    ]
}

#[test]
fn the_bad_input_corpus_is_refused_clearly_and_writes_nothing() {
    let t = Test::with_app();
    let files = bad_files(&t.root.join("in"));
    let mut cases: Vec<Case> = Vec::new();

    // Every bad file, through every command that reads one.
    for (name, needles) in &files {
        let f = format!("../in/{name}");
        let commands: Vec<Vec<&str>> = vec![
            vec!["env", "add", "qa", "--after", "test", "-f", &f],
            vec!["provision", "s3", "--env", "dev", "-f", &f],
            vec!["provision", "rds", "--env", "dev", "-f", &f],
            vec!["provision", "secrets", "--env", "dev", "--values", &f],
            vec!["new-app", "x", "--owner", "platform", "--values", &f],
        ];
        for args in commands {
            cases.push(case(&args, 2, needles));
        }
    }
    // The same through stdin, and from devices and directories.
    cases.push(Case {
        stdin: Some("name: qa\ntier: [testing\n".into()),
        ..case(
            &["env", "add", "qa", "--after", "test", "-f", "-"],
            2,
            &["<stdin>:2:"],
        )
    });
    cases.push(Case {
        stdin: Some("id: S3-0001\nspec: {bucketName: [\n".into()),
        ..case(
            &["provision", "s3", "--env", "dev", "-f", "-"],
            2,
            &["<stdin>:"],
        )
    });
    for args in [
        vec!["env", "add", "qa", "--after", "test", "-f", "/dev/zero"],
        vec!["provision", "s3", "--env", "dev", "-f", "/dev/zero"],
        vec![
            "new-app",
            "x",
            "--owner",
            "platform",
            "--values",
            "/dev/zero",
        ],
        vec![
            "records",
            "add",
            "--phase",
            "plan",
            "--env",
            "dev",
            "--terraform-output",
            "/dev/zero",
        ],
    ] {
        cases.push(case(
            &args,
            2,
            &["/dev/zero:1:1:", "limit of 2097152 bytes"],
        ));
    }
    for args in [
        vec!["env", "add", "qa", "--after", "test", "-f", "../in"],
        vec![
            "provision",
            "ebs",
            "--env",
            "dev",
            "-f",
            "../in/missing.yaml",
        ],
        vec![
            "new-app",
            "x",
            "--owner",
            "platform",
            "--values",
            "../in/missing.yaml",
        ],
        vec![
            "records",
            "add",
            "--phase",
            "plan",
            "--env",
            "dev",
            "--terraform-output",
            "../in/utf8.yaml",
        ],
    ] {
        cases.push(case(&args, 2, &["../in"]));
    }

    // Titles, names and descriptions: one line, bounded, names that stay names.
    let long_4k = "t".repeat(5000);
    let long_161 = "t".repeat(161);
    let forged = "Harmless\n\nIdp-Actor: admin@example.com";
    for (args, needles) in [
        (vec!["adr", "new", forged], vec!["`TITLE`", "line break"]),
        (
            vec!["adr", "new", "a\rb"],
            vec!["`TITLE`", "carriage return"],
        ),
        (vec!["adr", "new", &long_4k], vec!["`TITLE`", "4096"]),
        (vec!["adr", "new", &long_161], vec!["`TITLE`", "160"]),
        (
            vec!["adr", "new", "Fine", "--owner", "../../x"],
            vec!["`--owner`", "../../x"],
        ),
        (
            vec!["adr", "new", "Fine", "--domain", "A B"],
            vec!["`--domain`"],
        ),
        (
            vec!["adr", "new", "Fine", "--owner", "Platform"],
            vec!["`--owner`"],
        ),
        (vec!["adr", "new", "!!!"], vec!["at least one letter"]),
        (
            vec!["runbook", "new", forged],
            vec!["`TITLE`", "line break"],
        ),
        (vec!["runbook", "new", &long_4k], vec!["`TITLE`", "4096"]),
        (vec!["runbook", "new", &long_161], vec!["`TITLE`", "160"]),
        (
            vec!["runbook", "new", "Fine", "--domain", "../x"],
            vec!["`--domain`"],
        ),
        (
            vec!["new-app", "../x", "--owner", "platform"],
            vec!["`name`", "DNS-1123"],
        ),
        (
            vec!["new-app", &long_161, "--owner", "platform"],
            vec!["`name`", "DNS-1123"],
        ),
        (vec!["new-app", "x", "--owner", "../../x"], vec!["`owner`"]),
        (
            vec![
                "new-app",
                "x",
                "--owner",
                "platform",
                "--description",
                forged,
            ],
            vec!["`--description`", "line break"],
        ),
        (
            vec![
                "new-app",
                "x",
                "--owner",
                "platform",
                "--description",
                &long_4k,
            ],
            vec!["`--description`", "4096"],
        ),
        (
            vec![
                "new-app",
                "x",
                "--owner",
                "platform",
                "--description",
                &"d".repeat(201),
            ],
            vec!["parameter `description`", "longer than 200"],
        ),
        (
            vec![
                "new-app",
                "x",
                "--owner",
                "platform",
                "--set",
                "description=[1, 2]",
            ],
            vec!["`description`", "string"],
        ),
        (
            vec![
                "new-app",
                "x",
                "--owner",
                "platform",
                "--set",
                "replicas=many",
            ],
            vec!["`replicas`", "integer"],
        ),
        (
            vec!["new-app", "x", "--owner", "platform", "--set", "nope=1"],
            vec!["unknown parameter `nope`"],
        ),
        (
            vec!["new-app", "x", "--owner", "platform", "--set", "novalue"],
            vec!["`--set novalue`", "KEY=VALUE"],
        ),
        (
            vec!["new-app", "x", "--owner", "platform", "--set", "port=[1"],
            vec!["`--set port=[1`"],
        ),
        (
            vec![
                "new-app",
                "x",
                "--owner",
                "platform",
                "--template",
                "../../etc",
            ],
            vec!["golden path `../../etc`"],
        ),
        (
            vec![
                "provision",
                "s3",
                "--env",
                "dev",
                "--owner",
                "platform",
                "--name",
                &"b".repeat(3000),
            ],
            vec!["`--name`", "256"],
        ),
        (
            vec!["provision", "s3", "--env", "dev", "--owner", "../../x"],
            vec!["`--owner`", "../../x"],
        ),
        (
            vec!["provision", "s3", "--env", "../dev", "--owner", "platform"],
            vec!["`--env`"],
        ),
        (
            vec!["provision", "s3", "--env", "dev", "--title", forged],
            vec!["`--title`", "line break"],
        ),
        (
            vec![
                "provision",
                "s3",
                "--env",
                "dev",
                "--title",
                &"t".repeat(121),
            ],
            vec!["`--title`", "120"],
        ),
        (
            vec![
                "provision",
                "s3",
                "--env",
                "dev",
                "--description",
                &"d".repeat(1001),
            ],
            vec!["`--description`", "1000"],
        ),
        (
            vec![
                "provision",
                "s3",
                "--env",
                "dev",
                "--application",
                "Pay Ments",
            ],
            vec!["`--application`"],
        ),
        (
            vec![
                "provision",
                "s3",
                "--env",
                "dev",
                "--set",
                "spec.bucketName=[x",
            ],
            vec!["`--set spec.bucketName=[x`"],
        ),
        (
            vec!["provision", "s3", "--env", "dev", "--set", "novalue"],
            vec!["`--set novalue`"],
        ),
        (
            vec![
                "provision",
                "rds",
                "--env",
                "dev",
                "--owner",
                "platform",
                "--application",
                "payments",
                "--size",
                "huge",
            ],
            vec!["requests/rds/dev/RDS-0001.yaml:10:9:", "field `spec.size`"],
        ),
        (
            vec![
                "provision",
                "ec2",
                "--env",
                "dev",
                "--owner",
                "platform",
                "--name",
                &long_4k,
            ],
            vec!["`--name`", "4096"],
        ),
        (
            vec![
                "provision",
                "ecr",
                "--env",
                "nowhere",
                "--owner",
                "platform",
            ],
            vec!["`--env nowhere`", "no such environment"],
        ),
        (
            vec![
                "provision",
                "eks",
                "--env",
                "dev",
                "--owner",
                "platform",
                "--title",
                "a\u{7}b",
            ],
            vec!["`--title`", "U+0007"],
        ),
        (
            vec!["env", "add", "../evil", "--after", "test"],
            vec!["not a valid environment name"],
        ),
        (
            vec!["env", "add", &long_161, "--after", "test"],
            vec!["not a valid environment name"],
        ),
        (
            vec!["env", "add", "qa", "--after", "nowhere"],
            vec!["dev, test, staging, prod"],
        ),
        (
            vec!["env", "add", "qa", "--after", "test", "--owner", "a\nb"],
            vec!["`--owner`", "line break"],
        ),
        (
            vec!["env", "add", "qa", "--after", "test", "--region", &long_4k],
            vec!["`--region`", "4096"],
        ),
        (
            vec!["env", "add", "qa", "--after", "test", "--owner", "ghosts"],
            vec!["environments/qa.yaml:6:8:", "field `owner`"],
        ),
        (
            vec!["env", "add", "qa", "--after", "test", "--account", "12"],
            vec!["environments/qa.yaml:9:10:", "field `account`"],
        ),
        (
            vec!["env", "set", "dev", "sync.automatd", "true"],
            vec!["environments/dev.yaml:31:3:", "unknown key `automatd`"],
        ),
        (
            vec!["env", "set", "dev", "teardown.slo.p95Minutes", "soon"],
            vec!["environments/dev.yaml:40:17:", "integer"],
        ),
        (
            vec!["env", "set", "dev", "description", "a\nb"],
            vec!["`VALUE`", "line break"],
        ),
        (
            vec!["env", "set", "dev", "description", &long_4k],
            vec!["`VALUE`", "4096"],
        ),
        (
            vec!["env", "set", "dev", "sync..automated", "true"],
            vec!["not a key path"],
        ),
        (
            vec!["env", "set", "nowhere", "owner", "platform"],
            vec!["no environment `nowhere`"],
        ),
        (
            vec!["env", "set", "dev", "owner", "../x"],
            vec!["environments/dev.yaml:6:8:", "field `owner`"],
        ),
        (
            vec!["env", "set", "dev", "tier", "[1, 2]"],
            vec!["environments/dev.yaml:8:7:", "field `tier`"],
        ),
        (
            vec!["promote", "payments", "--to", "nowhere"],
            vec!["no environment `nowhere`"],
        ),
        (
            vec!["promote", "../x", "--to", "test"],
            vec!["no app `../x`"],
        ),
        (
            vec![
                "promote",
                "payments",
                "--to",
                "staging",
                "--skip-reason",
                forged,
            ],
            vec!["`--skip-reason`", "line break"],
        ),
        (
            vec!["promote", "payments", "--to", "test", "--from", "../x"],
            vec!["no environment `../x`"],
        ),
        (
            vec!["rollback", "payments", "--env", "dev", "--reason", forged],
            vec!["`--reason`", "line break"],
        ),
        (
            vec!["rollback", "../x", "--env", "dev"],
            vec!["app `../x` is not deployed"],
        ),
        (
            vec!["rollback", "payments", "--env", "nowhere"],
            vec!["no environment `nowhere`"],
        ),
        (
            vec![
                "image",
                "set",
                "payments",
                "--env",
                "dev",
                "--digest",
                "sha256:nothex",
            ],
            vec!["--digest `sha256:nothex`"],
        ),
        (
            vec![
                "image", "set", "payments", "--env", "dev", "--digest", "a\nb",
            ],
            vec!["`--digest`", "line break"],
        ),
        (
            vec![
                "image",
                "set",
                "../x",
                "--env",
                "dev",
                "--digest",
                &crate::harness::digest('c'),
            ],
            vec!["no app `../x`"],
        ),
        (
            vec![
                "image",
                "set",
                "payments",
                "--env",
                "dev",
                "--digest",
                &crate::harness::digest('c'),
                "--tag",
                forged,
            ],
            vec!["`--tag`", "line break"],
        ),
        (
            vec![
                "image",
                "set",
                "payments",
                "--env",
                "dev",
                "--digest",
                &crate::harness::digest('c'),
                "--tag",
                &long_4k,
            ],
            vec!["`--tag`", "4096"],
        ),
        (
            vec!["teardown", "--env", "nowhere", "--confirm", "nowhere"],
            vec!["no environment `nowhere`"],
        ),
        (
            vec!["teardown", "--env", "dev", "--confirm", "prod"],
            vec!["`--confirm prod`"],
        ),
        (
            vec![
                "teardown",
                "--env",
                "dev",
                "--confirm",
                "dev",
                "--build-id",
                forged,
            ],
            vec!["`--build-id`", "line break"],
        ),
        (
            vec!["teardown", "--env", "../dev", "--confirm", "../dev"],
            vec!["no environment `../dev`"],
        ),
        (
            vec!["records", "add", "--phase", "Bad Phase", "--env", "dev"],
            vec!["`--phase Bad Phase`"],
        ),
        (
            vec![
                "records", "add", "--phase", "plan", "--env", "dev", "--note", forged,
            ],
            vec!["`--note`", "line break"],
        ),
        (
            vec![
                "records",
                "add",
                "--phase",
                "plan",
                "--env",
                "dev",
                "--start",
                "yesterday",
            ],
            vec!["`--start yesterday`"],
        ),
        (
            vec![
                "records", "add", "--phase", "plan", "--env", "dev", "--team", &long_4k,
            ],
            vec!["`--team`", "4096"],
        ),
        (
            vec!["init", "../newplat", "--org", forged],
            vec!["`--org`", "line break"],
        ),
        (
            vec!["init", "../newplat", "--org", &long_4k],
            vec!["`--org`", "4096"],
        ),
        (
            vec![
                "init",
                "../newplat",
                "--org",
                "acme",
                "--region",
                "a\tb\u{1b}",
            ],
            vec!["`--region`", "U+001B"],
        ),
    ] {
        // Committed files that fail their checks are exit 3; everything else is exit 2.
        let code = if needles
            .iter()
            .any(|n| n.starts_with("environments/") || n.starts_with("requests/"))
        {
            3
        } else {
            2
        };
        cases.push(case(&args, code, &needles));
    }
    // see issue 19: a 5,000-character bucket name in a request file gave a libgit2 error (exit
    // 1); the schema names the field, and 60,000 aliases no longer abort the process.
    let valid = include_str!("../fixtures/requests/s3/valid.yaml");
    let long = valid.replace(
        "bucketName: acme-dev-payments-uploads",
        &format!("bucketName: acme-dev-{}-uploads", "b".repeat(5000)),
    );
    std::fs::write(t.root.join("in/long-bucket.yaml"), long).unwrap();
    cases.push(case(
        &[
            "provision",
            "s3",
            "--env",
            "dev",
            "-f",
            "../in/long-bucket.yaml",
        ],
        3,
        &[
            // The file the user gave, with its line (issue 24), not the request idp writes.
            "../in/long-bucket.yaml:9:15:",
            "field `spec.bucketName`",
        ],
    ));
    // see bad_input::properties: an environment file without `region` failed in the Terraform
    // template (exit 1); the schema names the missing field.
    let staging = include_str!("../../templates/defaults/environments/staging.yaml");
    let no_region: String = staging
        .lines()
        .filter(|l| !l.starts_with("region:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(t.root.join("in/no-region.yaml"), no_region).unwrap();
    cases.push(case(
        &[
            "env",
            "add",
            "qa",
            "--after",
            "test",
            "-f",
            "../in/no-region.yaml",
        ],
        3,
        &["environments/qa.yaml:", "\"region\" is a required property"],
    ));
    // see bad_input::properties: a number where a name goes crashed a policy (exit 1).
    std::fs::write(
        t.root.join("in/bucket-number.yaml"),
        valid.replace("bucketName: acme-dev-payments-uploads", "bucketName: 0"),
    )
    .unwrap();
    cases.push(case(
        &[
            "provision",
            "s3",
            "--env",
            "dev",
            "-f",
            "../in/bucket-number.yaml",
        ],
        3,
        &["../in/bucket-number.yaml:9:15:", "field `spec.bucketName`"],
    ));
    std::fs::write(
        t.root.join("in/aliases-60k.yaml"),
        format!("a: &a x\nb: [{}]\n", "*a, ".repeat(60_000)),
    )
    .unwrap();
    cases.push(case(
        &[
            "provision",
            "s3",
            "--env",
            "dev",
            "-f",
            "../in/aliases-60k.yaml",
        ],
        2,
        &["../in/aliases-60k.yaml:2:", "expands past 100000 nodes"],
    ));
    // see bad_input::properties: an ID with a line break in a request file was exit 1.
    for (file, id) in [
        ("id-newline.yaml", "\"a\\nIdp-Actor: admin@example.com\""),
        ("id-path.yaml", "../../../x"),
    ] {
        std::fs::write(
            t.root.join("in").join(file),
            valid.replace("id: S3-0001", &format!("id: {id}")),
        )
        .unwrap();
        cases.push(case(
            &[
                "provision",
                "s3",
                "--env",
                "dev",
                "-f",
                &format!("../in/{file}"),
            ],
            2,
            &[&format!("../in/{file}:1:5:"), "field `id`"],
        ));
    }
    let failures = run_corpus(&t, &cases);
    assert!(
        cases.len() >= 100,
        "the corpus has only {} cases",
        cases.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} bad-input cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

// see issue 19: `adr new $'Harmless\n\nIdp-Actor: admin@example.com'` forged a trailer.
#[test]
fn an_adr_title_with_line_breaks_cannot_forge_a_trailer() {
    let t = Test::platform();
    let before = t.state();
    t.idp(["adr", "new", "Harmless\n\nIdp-Actor: admin@example.com"])
        .run()
        .code(2)
        .stderr_has("`TITLE`: the value holds a line break; it must be one line");
    assert_eq!(t.state(), before);
    // On one line, it is a title: the trailers are idp's own.
    t.idp([
        "adr",
        "new",
        "Harmless Idp-Actor: admin@example.com",
        "--direct",
    ])
    .run()
    .success();
    let message = t.git(&t.platform, &["log", "-1", "--format=%B"]);
    let trailers = t.git_stdin(&["interpret-trailers", "--parse"], &message);
    let actors: Vec<&str> = trailers
        .lines()
        .filter(|l| l.starts_with("Idp-Actor:"))
        .collect();
    assert_eq!(actors, vec!["Idp-Actor: ada@example.com"], "{trailers}");
}

#[test]
fn bad_committed_config_stops_change_commands_with_file_line_and_field() {
    let t = Test::platform();
    let config = t.read("idp.yaml");
    let variants: Vec<(&str, String, i32, Vec<&str>)> = vec![
        (
            "an unknown key",
            config.replace("org: ", "orgg: x\norg: "),
            3,
            vec!["idp.yaml:4:1:", "unknown key `orgg`", "field `orgg`"],
        ),
        (
            "a wrong type",
            config.replace("org: acme", "org: [1, 2]"),
            3,
            vec!["idp.yaml:4:6:", "field `org`", "not of type"],
        ),
        (
            "reposDir outside the repo",
            config.replace("reposDir: .idp/repos", "reposDir: ../../../tmp/x"),
            3,
            vec![
                "idp.yaml:",
                "field `forge.local.reposDir`",
                "outside the platform repo",
            ],
        ),
        (
            "an absolute reposDir",
            config.replace("reposDir: .idp/repos", "reposDir: /tmp/x"),
            3,
            vec!["idp.yaml:", "field `forge.local.reposDir`"],
        ),
    ];
    let mut failures = Vec::new();
    for (what, text, code, needles) in &variants {
        assert_ne!(text, &config, "{what}: the variant changes nothing");
        t.commit_file("idp.yaml", text, what);
        let cases: Vec<Case> = [
            vec!["env", "add", "qa", "--after", "test"],
            vec!["adr", "new", "A decision"],
            vec!["provision", "s3", "--env", "dev", "--owner", "platform"],
            vec!["new-app", "x", "--owner", "platform"],
        ]
        .iter()
        .map(|args| case(args, *code, needles))
        .collect();
        failures.extend(
            run_corpus(&t, &cases)
                .into_iter()
                .map(|f| format!("{what}: {f}")),
        );
        assert!(!t.root.join("tmp").exists() && !std::path::Path::new("/tmp/x/x.git").exists());
    }
    // Invalid UTF-8 in idp.yaml is bad input at its line.
    std::fs::write(t.path("idp.yaml"), b"apiVersion: idp/v1\norg: \xff\n").unwrap();
    t.git(&t.platform, &["commit", "-qam", "bytes"]);
    failures.extend(run_corpus(
        &t,
        &[case(
            &["env", "add", "qa", "--after", "test"],
            2,
            &["idp.yaml:2:6:", "not valid UTF-8"],
        )],
    ));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// Property tests: generated request files and names, through the real binary. Whatever the
// input, idp never panics, exits 0, 2 or 3, and writes nothing when it refuses.
mod properties {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

    use super::{shorten, snapshot};
    use crate::harness::Test;

    /// A runner with a fixed seed (the suite is the same on every run); `IDP_PROPTEST_CASES`
    /// raises the number of cases to hunt for more.
    fn runner(cases: u32) -> TestRunner {
        let cases = std::env::var("IDP_PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(cases);
        let config = Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        };
        let rng = match std::env::var("IDP_PROPTEST_RANDOM") {
            Ok(_) => TestRng::from_seed(RngAlgorithm::ChaCha, &rand_seed()),
            Err(_) => TestRng::deterministic_rng(RngAlgorithm::ChaCha),
        };
        TestRunner::new_with_rng(config, rng)
    }

    fn rand_seed() -> [u8; 32] {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let mut seed = [0u8; 32];
        seed[..16].copy_from_slice(&nanos.to_le_bytes());
        seed
    }

    /// A value that may break a field: hostile text, wrong types, big or deep structures.
    fn field_value() -> impl Strategy<Value = String> {
        prop_oneof![
            "[ -~]{0,30}".prop_map(|s| serde_json::to_string(&s).unwrap()),
            any::<i64>().prop_map(|n| n.to_string()),
            Just("null".to_string()),
            Just("[1, [2, [3]]]".to_string()),
            Just("{a: *x}".to_string()),
            Just("&x [x, *x]".to_string()),
            (1usize..400).prop_map(|n| format!("\"{}\"", "y".repeat(n))),
            Just("\"a\\nIdp-Actor: admin@example.com\"".to_string()),
        ]
    }

    /// The valid S3 request with a few lines replaced, truncated, or bytes inserted.
    fn request_file() -> impl Strategy<Value = Vec<u8>> {
        edited(include_str!("../fixtures/requests/s3/valid.yaml"))
    }

    /// A valid file with a few lines replaced, truncated, or bytes inserted.
    fn edited(valid: &'static str) -> impl Strategy<Value = Vec<u8>> {
        let lines = valid.lines().count();
        (
            prop::collection::vec((0..lines, field_value()), 0..4),
            prop::option::of(0..valid.len()),
            prop::option::of((0..valid.len(), any::<u8>())),
        )
            .prop_map(move |(edits, cut, byte)| {
                let mut lines: Vec<String> = valid.lines().map(str::to_string).collect();
                for (i, v) in edits {
                    let line = &lines[i];
                    let indent = line.len() - line.trim_start().len();
                    let key = line
                        .trim_start()
                        .split(':')
                        .next()
                        .unwrap_or("k")
                        .to_string();
                    lines[i] = format!("{}{key}: {v}", " ".repeat(indent));
                }
                let mut bytes = (lines.join("\n") + "\n").into_bytes();
                if let Some(c) = cut {
                    bytes.truncate(c.min(bytes.len()));
                }
                if let Some((at, b)) = byte {
                    bytes.insert(at.min(bytes.len()), b);
                }
                bytes
            })
    }

    fn check(t: &Test, args: &[&str]) -> Result<(), TestCaseError> {
        let before = snapshot(t);
        let out = t.idp(args.iter().copied()).run();
        let what = format!("idp {}", shorten(&args.join(" ")));
        prop_assert!(!out.stderr.contains("panicked"), "{}: {}", what, out.stderr);
        prop_assert!(
            [0, 2, 3].contains(&out.code),
            "{}: exit {}: {}",
            what,
            out.code,
            shorten(&out.stderr)
        );
        if out.code != 0 {
            prop_assert!(
                snapshot(t) == before,
                "{}: refused but wrote something",
                what
            );
        }
        Ok(())
    }

    #[test]
    fn generated_request_files_never_panic_and_write_nothing_when_refused() {
        let t = Test::platform();
        let file = t.root.join("request.yaml");
        runner(24)
            .run(&request_file(), |bytes| {
                std::fs::write(&file, &bytes).unwrap();
                check(
                    &t,
                    &[
                        "provision",
                        "s3",
                        "--env",
                        "dev",
                        "-f",
                        file.to_str().unwrap(),
                    ],
                )
            })
            .unwrap();
    }

    #[test]
    fn generated_environment_and_values_files_never_panic_and_write_nothing_when_refused() {
        let t = Test::platform();
        let file = t.root.join("input.yaml");
        let env = include_str!("../../templates/defaults/environments/staging.yaml");
        let values = "name: x\nowner: platform\ndescription: A service.\nreplicas: 2\nport: 8080\n\
                      ingress: true\n";
        let inputs = prop_oneof![
            edited(env).prop_map(|b| (0, b)),
            edited(values).prop_map(|b| (1, b)),
        ];
        runner(16)
            .run(&inputs, |(which, bytes)| {
                std::fs::write(&file, &bytes).unwrap();
                let f = file.to_str().unwrap();
                match which {
                    0 => check(&t, &["env", "add", "qa", "--after", "test", "-f", f]),
                    _ => check(&t, &["new-app", "x", "--owner", "platform", "--values", f]),
                }
            })
            .unwrap();
    }

    #[test]
    fn generated_names_never_panic_and_write_nothing_when_refused() {
        let t = Test::platform();
        let name = prop_oneof![
            any::<String>(),
            "[a-z0-9./ -]{0,80}",
            "\\PC{0,8}(\n|\r|\t)\\PC{0,8}",
        ]
        .prop_filter("argv cannot hold NUL", |s| !s.contains('\0'));
        runner(12)
            .run(&(name, 0..5usize), |(name, which)| {
                let n = name.as_str();
                let args: Vec<&str> = match which {
                    0 => vec!["adr", "new", "--", n],
                    1 => vec!["env", "add", "--after", "test", "--", n],
                    2 => vec!["new-app", "--owner", "platform", "--", n],
                    3 => vec!["env", "set", "dev", "description", "--", n],
                    _ => vec![
                        "provision",
                        "s3",
                        "--env",
                        "dev",
                        "--owner",
                        "platform",
                        "--name",
                        n,
                    ],
                };
                check(&t, &args)
            })
            .unwrap();
    }
}
