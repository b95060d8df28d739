//! ECR and STS through the AWS SDK against moto_server: promote checks the digest and tags the
//! image without docker, `image latest`, `whoami`, and what happens without AWS.

use crate::harness::Test;
use crate::moto::{ACCOUNT, Moto};

const SHA: &str = "1a2b3c4d5e6f7a8b9c0d1a2b3c4d5e6f7a8b9c0d";

/// A platform with `payments`, a build pushed to (moto's) ECR and written back to dev.
fn built(moto: &Moto) -> (Test, String) {
    let t = Test::with_app();
    let digest = moto.push("payments", SHA, 'a');
    t.idp([
        "image", "set", "payments", "--env", "dev", "--digest", &digest, "--tag", SHA, "--direct",
    ])
    .run()
    .success();
    (t, digest)
}

#[test]
fn promote_checks_the_digest_in_ecr_and_tags_it_for_the_target() {
    let moto = Moto::start();
    let (t, digest) = built(&moto);
    let out = moto
        .env(t.idp([
            "promote", "payments", "--to", "test", "--direct", "-o", "json",
        ]))
        .run()
        .success()
        .json();
    assert_eq!(out["registry"]["verified"], digest.as_str());
    assert_eq!(out["registry"]["tagged"], "test-1a2b3c4");
    assert_eq!(moto.tags("payments", &digest), vec![SHA, "test-1a2b3c4"]);
    // `image latest` finds it by each environment's tag pattern.
    let latest = moto
        .env(t.idp(["image", "latest", "payments", "--env", "test", "-o", "json"]))
        .run()
        .success()
        .json();
    assert_eq!(latest["digest"], digest.as_str());
    assert_eq!(latest["tag"], "test-1a2b3c4");
    assert_eq!(latest["deployed"], true);
    // A newer build: the newest dev image, not yet deployed.
    let newer = moto.push("payments", "9f8e7d6c5b4a39281706f5e4d3c2b1a098765432", 'b');
    let latest = moto
        .env(t.idp(["image", "latest", "payments", "-o", "json"]))
        .run()
        .success()
        .json();
    assert_eq!(latest["digest"], newer.as_str());
    assert_eq!(latest["deployed"], false);
}

#[test]
fn a_digest_that_is_not_in_ecr_is_not_promoted() {
    let moto = Moto::start();
    let t = Test::with_app();
    moto.push("payments", SHA, 'a');
    let ghost = format!("sha256:{}", "e".repeat(64));
    t.idp([
        "image", "set", "payments", "--env", "dev", "--digest", &ghost, "--direct",
    ])
    .run()
    .success();
    let before = t.state();
    moto.env(t.idp(["promote", "payments", "--to", "test", "--direct"]))
        .run()
        .code(2)
        .stderr_has("is not in ECR");
    assert_eq!(t.state(), before);
}

#[test]
fn an_immutable_tag_on_another_image_is_refused() {
    let moto = Moto::start();
    let (t, _) = built(&moto);
    moto.boto(
        "ecr.put_image_tag_mutability(repositoryName='payments', imageTagMutability='IMMUTABLE')",
    );
    // Another image already holds `test-1a2b3c4`.
    moto.push("payments", "test-1a2b3c4", 'c');
    let before = t.state();
    moto.env(t.idp(["promote", "payments", "--to", "test", "--direct"]))
        .run()
        .code(2)
        .stderr_has("immutable tags and `test-1a2b3c4` already names another image");
    assert_eq!(t.state(), before);
}

#[test]
fn whoami_says_who_records_will_name() {
    let moto = Moto::start();
    let t = Test::platform();
    let out = moto
        .env(t.idp(["whoami", "-o", "json"]))
        .run()
        .success()
        .json();
    assert_eq!(out["aws"]["account"], ACCOUNT);
    assert_eq!(out["actor"], crate::harness::ACTOR);
    assert_eq!(out["forge"], "local");
}

#[test]
fn without_aws_registry_calls_fail_clearly_and_no_registry_works_offline() {
    let t = Test::with_app();
    let digest = format!("sha256:{}", "a".repeat(64));
    t.idp([
        "image", "set", "payments", "--env", "dev", "--digest", &digest, "--direct",
    ])
    .run()
    .success();
    // An endpoint where nothing listens, and credentials that exist.
    let dead = |run: crate::harness::Run| {
        run.env("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
            .env("AWS_ACCESS_KEY_ID", "test")
            .env("AWS_SECRET_ACCESS_KEY", "test")
            .env("AWS_REGION", "eu-west-1")
            .env("AWS_MAX_ATTEMPTS", "1")
    };
    let before = t.state();
    dead(t.idp(["promote", "payments", "--to", "test", "--direct"]))
        .run()
        .code(1)
        .stderr_has("ECR BatchGetImage `payments`")
        .stderr_has("--no-registry");
    assert_eq!(t.state(), before);
    dead(t.idp(["whoami"]))
        .run()
        .code(1)
        .stdout_has("aws:    unavailable")
        .stdout_has(&format!("actor:  {}", crate::harness::ACTOR));
    t.idp([
        "promote",
        "payments",
        "--to",
        "test",
        "--no-registry",
        "--direct",
    ])
    .run()
    .success()
    .stderr_has("--no-registry");
}

#[test]
fn an_aws_sdk_error_is_one_line_with_a_hint_and_its_debug_form_only_at_vv() {
    // See issue 24: `whoami -o json` and `promote` without AWS credentials printed the SDK's
    // Debug dump (raw HTTP headers) as the error.
    let t = Test::with_app();
    let digest = format!("sha256:{}", "a".repeat(64));
    t.idp([
        "image", "set", "payments", "--env", "dev", "--digest", &digest, "--direct",
    ])
    .run()
    .success();
    let no_credentials = |run: crate::harness::Run| {
        run.env("AWS_REGION", "eu-west-1")
            .env("AWS_CONFIG_FILE", "/dev/null")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
            .env_remove("AWS_WEB_IDENTITY_TOKEN_FILE")
            .env_remove("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
            .env_remove("AWS_CONTAINER_CREDENTIALS_FULL_URI")
    };
    let one_line = |s: &str| {
        assert!(!s.contains('\n'), "{s}");
        for dump in ["DispatchFailure(", "ConnectorError {", "headers", "SdkBody"] {
            assert!(!s.contains(dump), "a Debug dump: {s}");
        }
    };
    let who = no_credentials(t.idp(["whoami", "-o", "json"]))
        .run()
        .code(1)
        .json();
    let error = who["aws"]["error"].as_str().unwrap();
    one_line(error);
    assert!(error.starts_with("STS GetCallerIdentity: "), "{error}");
    let hint = who["aws"]["hint"].as_str().unwrap();
    assert!(
        hint.contains("AWS_PROFILE") && hint.contains("--no-aws"),
        "{hint}"
    );

    let before = t.state();
    // Without credentials: not authenticated (exit 4), one line and a hint on stderr.
    let out = no_credentials(t.idp(["promote", "payments", "--to", "test", "--direct"]))
        .run()
        .code(4)
        .stderr_has("error: ECR BatchGetImage `payments`: ")
        .stderr_has("hint: idp reads AWS credentials from the default chain")
        .stderr_has("--no-registry");
    for line in out.stderr.lines() {
        one_line(line);
    }
    let e = no_credentials(t.idp([
        "promote", "payments", "--to", "test", "--direct", "-o", "json",
    ]))
    .run()
    .code(4)
    .json();
    one_line(e["error"].as_str().unwrap());
    assert!(e["hint"].as_str().unwrap().contains("--no-registry"), "{e}");
    // `-vv` logs the SDK's own error for whoever debugs it.
    no_credentials(t.idp(["promote", "payments", "--to", "test", "--direct", "-vv"]))
        .run()
        .code(4)
        .stderr_has("DispatchFailure");
    assert_eq!(t.state(), before);

    // An endpoint where nothing listens: unreachable, exit 1, the same one line.
    let dead = t
        .idp(["whoami", "-o", "json"])
        .env("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .env("AWS_REGION", "eu-west-1")
        .env("AWS_MAX_ATTEMPTS", "1")
        .run()
        .code(1)
        .json();
    one_line(dead["aws"]["error"].as_str().unwrap());
    assert!(
        dead["aws"]["hint"]
            .as_str()
            .unwrap()
            .contains("AWS could not be reached"),
        "{dead}"
    );
}
