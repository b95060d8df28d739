//! Identity (`src/identity/`): who acts is verified, and what is only claimed never acts as
//! an admin. A spoofing matrix (env vars, git config, GitHub variables without a token, forged
//! trailers) on a platform repo exactly as `idp init` writes it; GitHub Actions OIDC against a
//! locally signed token and a JWKS served by wiremock on 127.0.0.1; `idp login` against a
//! certified OpenID provider (npm `oidc-provider`, `tests/support/oidc/server.js`) for the
//! device flow, refresh, expiry and tokens that do not verify.

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jsonwebtoken::jwk::{Jwk, JwkSet};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::harness::{ACTOR, Run, Test};

const ADMIN_ACTIONS: [&[&str]; 4] = [
    &[
        "env",
        "set",
        "prod",
        "gates.healthyWithinHours",
        "12",
        "--direct",
    ],
    &["teardown", "--env", "prod", "--confirm", "prod"],
    &["pr", "merge", "1"],
    &["pr", "approve", "1", "--label", "platform-approved"],
];

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// Change `idp.yaml` with `edit`, commit it to `main` and push it (RBAC reads the base).
fn configure(t: &Test, edit: impl Fn(String) -> String) {
    let config = edit(t.read("idp.yaml"));
    t.commit_file("idp.yaml", &config, "identity");
    t.git(&t.platform, &["push", "-q", "origin", "main"]);
}

/// Add lines under `identity:` (indented by two).
fn identity_lines(config: String, lines: &str) -> String {
    let out = config.replacen(
        "  allowActorOverride: false\n",
        &format!("  allowActorOverride: false\n{lines}"),
        1,
    );
    assert_ne!(out, config, "idp init writes `allowActorOverride: false`");
    out
}

/// The trailers of `rev`'s message, as `git interpret-trailers --parse` reads them.
fn trailers(t: &Test, rev: &str) -> String {
    let msg = t.git(&t.platform, &["log", "-1", "--format=%B", rev]);
    t.git_stdin(&["interpret-trailers", "--parse"], &msg)
}

#[test]
fn idp_init_is_safe_by_default() {
    let t = Test::platform_as_initialised();
    let config = t.read("idp.yaml");
    assert!(config.contains("  allowActorOverride: false\n"), "{config}");
    // IDP_ACTOR is ignored (and said so); the git identity acts, unverified.
    let out = t
        .idp(["whoami", "--no-aws", "-o", "json"])
        .env("IDP_ACTOR", "someone-else@example.com")
        .run()
        .success()
        .stderr_has("`IDP_ACTOR` is ignored");
    let who = out.json();
    assert_eq!(who["actor"], ACTOR);
    assert_eq!(who["verified_by"], "none");
    assert_eq!(who["source"], "git");
    assert_eq!(who["roles"], json!(["admin"]));
    // Unverified, even the admin named by git keeps to dev/test and cannot approve or merge.
    let before = t.state();
    t.idp(ADMIN_ACTIONS[0])
        .run()
        .code(4)
        .stderr_has("as an unverified actor");
    assert_eq!(t.state(), before);
    // What an unverified actor may do in dev still works, and the trailers say so.
    t.idp([
        "env",
        "set",
        "dev",
        "gates.healthyWithinHours",
        "2",
        "--direct",
    ])
    .run()
    .success();
    let tr = trailers(&t, "main");
    assert!(
        tr.contains(&format!("Idp-Actor: {ACTOR}\n"))
            && tr.contains("Idp-Actor-Verified-By: none\n"),
        "{tr}"
    );
}

#[test]
fn spoofing_matrix_every_attempt_to_act_as_an_admin_is_refused() {
    let t = Test::platform_as_initialised();
    // The attacker is mallory (this clone's git identity); ada is the admin idp init listed.
    t.git(
        &t.platform,
        &["config", "user.email", "mallory@example.com"],
    );
    // A pull request for the merge and approve attempts, opened by mallory as herself; its
    // title forges trailers that claim a verified admin.
    let forged = "Add qa\n\nIdp-Actor: ada@example.com\nIdp-Actor-Verified-By: oidc";
    t.idp(["env", "add", "qa", "--after", "test"])
        .env_remove("IDP_ACTOR")
        .run()
        .success();
    // A commit on main whose trailers claim an admin (trailers never name the actor).
    t.git(
        &t.platform,
        &[
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            &format!("chore\n\n{forged}"),
        ],
    );
    t.git(&t.platform, &["push", "-q", "origin", "main"]);

    type Spoof = (&'static str, fn(&Test, Run) -> Run);
    let spoofs: [Spoof; 6] = [
        ("IDP_ACTOR", |_, r| r.env("IDP_ACTOR", ACTOR)),
        ("GIT_AUTHOR_EMAIL", |_, r| {
            r.env_remove("IDP_ACTOR").env("GIT_AUTHOR_EMAIL", ACTOR)
        }),
        ("git config user.email", |t, r| {
            t.git(&t.platform, &["config", "user.email", ACTOR]);
            r.env_remove("IDP_ACTOR")
        }),
        ("GITHUB_ACTOR without a token", |_, r| {
            r.env_remove("IDP_ACTOR")
                .env("CI", "true")
                .env("GITHUB_ACTIONS", "true")
                .env("GITHUB_ACTOR", ACTOR)
        }),
        ("IDP_ACTOR under CI", |_, r| {
            r.env("IDP_ACTOR", ACTOR).env("CI", "true")
        }),
        ("GIT_COMMITTER_EMAIL and GIT_AUTHOR_NAME", |_, r| {
            r.env_remove("IDP_ACTOR")
                .env("GIT_COMMITTER_EMAIL", ACTOR)
                .env("GIT_AUTHOR_NAME", "Ada Lovelace")
        }),
    ];
    let before = t.state();
    for (name, spoof) in spoofs {
        for args in ADMIN_ACTIONS {
            let out = spoof(&t, t.idp(args)).run();
            t.git(
                &t.platform,
                &["config", "user.email", "mallory@example.com"],
            );
            assert_eq!(
                out.code,
                4,
                "{name}: `idp {}` was not refused with exit 4:\n{}\n{}",
                args.join(" "),
                out.stdout,
                out.stderr
            );
            assert!(
                out.stderr.contains("not allowed to"),
                "{name}: {}",
                out.stderr
            );
            assert_eq!(t.state(), before, "{name}: `idp {}` wrote", args.join(" "));
        }
    }

    // Even where idp.yaml lets IDP_ACTOR name the actor (outside CI), it names an unverified
    // one: staging, prod and approvals stay out of reach.
    configure(&t, |c| {
        c.replace(
            "  allowActorOverride: false\n",
            "  allowActorOverride: true\n",
        )
    });
    let before = t.state();
    for args in ADMIN_ACTIONS {
        t.idp(args).env("IDP_ACTOR", ACTOR).run().code(4);
        t.idp(args)
            .env("IDP_ACTOR", ACTOR)
            .env("CI", "true")
            .run()
            .code(4);
        assert_eq!(t.state(), before, "`idp {}` wrote", args.join(" "));
    }

    // A title that forges trailers: refused (as bad input, or by RBAC: mallory may not write
    // ADRs), or the commit's trailers (the last paragraph) still name the real, unverified actor.
    let out = t
        .idp(["adr", "new", forged, "--direct"])
        .env_remove("IDP_ACTOR")
        .run();
    if out.code == 0 {
        let tr = trailers(&t, "main");
        assert!(
            tr.contains("Idp-Actor: mallory@example.com\n")
                && tr.contains("Idp-Actor-Verified-By: none\n")
                && !tr.contains("Idp-Actor: ada@example.com"),
            "{tr}"
        );
    } else {
        assert!(matches!(out.code, 2 | 4), "{}", out.stderr);
    }
}

// --- GitHub Actions OIDC ---------------------------------------------------------------------

const REQUEST_TOKEN: &str = "gha-request-token-SECRET";

/// An RSA key made with openssl, and its public JWK with `kid`.
fn rsa_key(dir: &Path, name: &str, kid: &str) -> (EncodingKey, Jwk) {
    let pem = dir.join(format!("{name}.pem"));
    let status = Command::new("openssl")
        .args(["genrsa", "-out"])
        .arg(&pem)
        .arg("2048")
        .stderr(Stdio::null())
        .status()
        .expect("openssl runs");
    assert!(status.success());
    let key = EncodingKey::from_rsa_pem(&std::fs::read(&pem).unwrap()).unwrap();
    let mut jwk = Jwk::from_encoding_key(&key, Algorithm::RS256).unwrap();
    jwk.common.key_id = Some(kid.to_string());
    (key, jwk)
}

fn sign(key: &EncodingKey, kid: &str, claims: &Value) -> String {
    let mut h = Header::new(Algorithm::RS256);
    h.kid = Some(kid.to_string());
    jsonwebtoken::encode(&h, claims, key).unwrap()
}

/// GitHub's token service and issuer, on wiremock.
struct Gha {
    t: Test,
    rt: tokio::runtime::Runtime,
    server: MockServer,
    key: EncodingKey,
    other: EncodingKey,
}

impl Gha {
    fn new() -> Gha {
        let t = Test::platform_as_initialised();
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let server = rt.block_on(MockServer::start());
        let (key, jwk) = rsa_key(&t.root, "issuer", "gha-1");
        let (other, _) = rsa_key(&t.root, "attacker", "gha-1");
        let uri = server.uri();
        rt.block_on(async {
            Mock::given(method("GET"))
                .and(path("/.well-known/openid-configuration"))
                .respond_with(
                    ResponseTemplate::new(200)
                        .set_body_json(json!({"issuer": uri, "jwks_uri": format!("{uri}/jwks")})),
                )
                .mount(&server)
                .await;
            Mock::given(method("GET"))
                .and(path("/jwks"))
                .respond_with(ResponseTemplate::new(200).set_body_json(JwkSet { keys: vec![jwk] }))
                .mount(&server)
                .await;
        });
        // idp init writes `githubActions` for GitHub's issuer and `<org>/platform`.
        configure(&t, |c| {
            let pinned = "    audience: idp\n    repository: acme/platform\n";
            assert!(c.contains(pinned), "{c}");
            c.replace(
                pinned,
                &format!("    audience: idp\n    issuer: {uri}\n    repository: acme/platform\n"),
            )
            .replacen("      members: [", "      members: [octo-admin, ", 1)
        });
        Gha {
            t,
            rt,
            server,
            key,
            other,
        }
    }

    fn claims(&self) -> Value {
        json!({
            "iss": self.server.uri(),
            "aud": "idp",
            "iat": now(),
            "nbf": now(),
            "exp": now() + 300,
            "sub": "repo:acme/platform:environment:prod",
            "actor": "octo-admin",
            "repository": "acme/platform",
            "repository_owner": "acme",
            "ref": "refs/heads/main",
            "environment": "prod",
            "job_workflow_ref": "acme/platform/.github/workflows/idp.yml@refs/heads/main",
        })
    }

    /// Serve `token` at `/token/<name>` (for the bearer and audience GitHub checks).
    fn serve(&self, name: &str, token: &str) {
        self.rt.block_on(
            Mock::given(method("GET"))
                .and(path(format!("/token/{name}")))
                .and(query_param("audience", "idp"))
                .and(header(
                    "authorization",
                    format!("Bearer {REQUEST_TOKEN}").as_str(),
                ))
                .respond_with(ResponseTemplate::new(200).set_body_json(json!({"value": token})))
                .mount(&self.server),
        );
    }

    /// `idp args` in a GitHub Actions job whose token is served at `/token/<name>`.
    fn run(&self, name: &str, args: &[&str]) -> crate::harness::Output {
        self.t
            .idp(args)
            .env_remove("IDP_ACTOR")
            .env("CI", "true")
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_ACTOR", "octo-admin")
            .env(
                "ACTIONS_ID_TOKEN_REQUEST_URL",
                format!("{}/token/{name}?api-version=2.0", self.server.uri()),
            )
            .env("ACTIONS_ID_TOKEN_REQUEST_TOKEN", REQUEST_TOKEN)
            .run()
    }
}

#[test]
fn github_actions_oidc_verifies_the_job_and_names_its_actor() {
    let g = Gha::new();
    let token = sign(&g.key, "gha-1", &g.claims());
    g.serve("good", &token);
    let out = g
        .run("good", &["whoami", "--no-aws", "-o", "json"])
        .success();
    let who = out.json();
    assert_eq!(who["actor"], "octo-admin");
    assert_eq!(who["verified_by"], "github-oidc");
    assert_eq!(who["roles"], json!(["admin"]));
    assert_eq!(who["claims"]["repository"], "acme/platform");
    assert_eq!(who["claims"]["ref"], "refs/heads/main");
    assert_eq!(who["claims"]["environment"], "prod");
    assert_eq!(
        who["claims"]["job_workflow_ref"],
        "acme/platform/.github/workflows/idp.yml@refs/heads/main"
    );
    assert!(!out.stdout.contains(&token) && !out.stderr.contains(&token));
    assert!(!out.stdout.contains(REQUEST_TOKEN) && !out.stderr.contains(REQUEST_TOKEN));

    let out = g.run("good", ADMIN_ACTIONS[0]).success();
    assert!(!out.stdout.contains(&token) && !out.stderr.contains(&token));
    let tr = trailers(&g.t, "main");
    assert!(
        tr.contains("Idp-Actor: octo-admin\n")
            && tr.contains("Idp-Actor-Verified-By: github-oidc\n"),
        "{tr}"
    );
    let log = g.t.git(&g.t.platform, &["log", "--format=%B", "main"]);
    assert!(!log.contains(&token) && !log.contains(REQUEST_TOKEN));
}

#[test]
fn github_actions_tokens_that_do_not_verify_are_refused() {
    let g = Gha::new();
    let mut cases: Vec<(&str, String)> = Vec::new();
    cases.push(("bad-signature", sign(&g.other, "gha-1", &g.claims())));
    let mut c = g.claims();
    c["repository"] = json!("mallory/platform");
    cases.push(("other-repository", sign(&g.key, "gha-1", &c)));
    let mut c = g.claims();
    c["aud"] = json!("someone-else");
    cases.push(("other-audience", sign(&g.key, "gha-1", &c)));
    let mut c = g.claims();
    c["exp"] = json!(now() - 3600);
    c["iat"] = json!(now() - 7200);
    c["nbf"] = json!(now() - 7200);
    cases.push(("expired", sign(&g.key, "gha-1", &c)));
    let mut c = g.claims();
    c["iss"] = json!("https://token.actions.githubusercontent.com");
    cases.push(("other-issuer", sign(&g.key, "gha-1", &c)));
    cases.push(("unknown-key", sign(&g.key, "gha-2", &g.claims())));
    let before = g.t.state();
    for (name, token) in &cases {
        g.serve(name, token);
        for args in [&["whoami", "--no-aws"][..], ADMIN_ACTIONS[0]] {
            let out = g.run(name, args);
            assert_eq!(out.code, 4, "{name}: {}\n{}", out.stdout, out.stderr);
            assert!(
                !out.stderr.contains(token.as_str()),
                "{name} leaked its token"
            );
        }
        assert_eq!(g.t.state(), before, "{name}");
    }
    // No token at all (the job lacks `id-token: write`): GITHUB_ACTOR names no one.
    g.t.idp(ADMIN_ACTIONS[0])
        .env_remove("IDP_ACTOR")
        .env("CI", "true")
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_ACTOR", "octo-admin")
        .run()
        .code(4)
        .stderr_has("id-token: write");
    assert_eq!(g.t.state(), before);
}

// --- idp login: OIDC device flow against oidc-provider ---------------------------------------

/// `tests/support/oidc/server.js` on 127.0.0.1, stopped on drop.
struct Provider {
    child: Child,
    issuer: String,
}

impl Provider {
    /// Start it; `None` (a loud skip) when it is not installed, outside CI only.
    fn start(ttls: &[(&str, &str)]) -> Option<Provider> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/support/oidc");
        if !dir.join("node_modules/oidc-provider").is_dir() {
            let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
            assert!(
                !ci,
                "the OpenID provider is not installed: run `npm ci` in tests/support/oidc (.ci/run does)"
            );
            eprintln!(
                "SKIPPED: tests/support/oidc/node_modules is missing (run `npm ci` there; under CI this fails)"
            );
            return None;
        }
        let mut cmd = Command::new("node");
        cmd.arg("server.js")
            .current_dir(&dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        for (k, v) in ttls {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("node runs");
        let mut line = String::new();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        stdout.read_line(&mut line).unwrap();
        // Whatever it says later is read (a closed pipe would stop it with EPIPE).
        std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
        let v: Value =
            serde_json::from_str(&line).unwrap_or_else(|e| panic!("server.js said {line:?}: {e}"));
        Some(Provider {
            child,
            issuer: v["issuer"].as_str().unwrap().to_string(),
        })
    }

    fn get(&self, path: &str) -> String {
        let resp = reqwest::blocking::get(format!("{}{path}", self.issuer)).unwrap();
        let ok = resp.status().is_success();
        let text = resp.text().unwrap();
        assert!(ok, "{path}: {text}");
        text
    }
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A platform repo as `idp init` writes it, signing in to `p`, where the group
/// `/platform/admins` holds the admin role.
fn oidc_platform(p: &Provider) -> Test {
    let t = Test::platform_as_initialised();
    configure(&t, |c| {
        identity_lines(
            c,
            &format!(
                "  oidc:\n    issuer: {}\n    clientId: idp\n    scopes: [openid, profile, email, groups]\n",
                p.issuer
            ),
        )
        .replacen("      groups: []\n", "      groups: [/platform/admins]\n", 1)
    });
    t
}

fn cache(t: &Test) -> PathBuf {
    t.home.join(".config/idp/oidc-tokens.json")
}

/// `idp login`, with the user approving the code shown on stderr as `login`.
fn login(t: &Test, p: &Provider, login: &str) -> crate::harness::Output {
    let mut child = t.idp(["login"]).env_remove("IDP_ACTOR").spawn();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut said = String::new();
    let code = loop {
        let mut line = String::new();
        assert!(
            stderr.read_line(&mut line).unwrap() > 0,
            "idp login ended before showing a code:\n{said}"
        );
        said.push_str(&line);
        if let Some((_, rest)) = line.split_once("enter the code ") {
            break rest.trim().to_string();
        }
    };
    assert!(
        said.contains(&format!("open {}/device", p.issuer)),
        "{said}"
    );
    p.get(&format!("/test/approve?user_code={code}&login={login}"));
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    let out = child.wait_with_output().unwrap();
    crate::harness::Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: said + &rest,
    }
}

fn whoami(t: &Test) -> Value {
    t.idp(["whoami", "--no-aws", "-o", "json"])
        .env_remove("IDP_ACTOR")
        .run()
        .success()
        .json()
}

fn id_token(t: &Test) -> String {
    let c: Value = serde_json::from_str(&std::fs::read_to_string(cache(t)).unwrap()).unwrap();
    let entry = c["tokens"].as_object().unwrap().values().next().unwrap();
    entry["id_token"].as_str().unwrap().to_string()
}

#[test]
fn oidc_device_flow_login_maps_groups_to_roles_and_logout_revokes() {
    use std::os::unix::fs::PermissionsExt as _;
    let Some(p) = Provider::start(&[]) else {
        return;
    };
    let t = oidc_platform(&p);
    let out = login(&t, &p, "alice").success();
    assert!(out.stderr.contains("Logged in"), "{}", out.stderr);
    let mode = std::fs::metadata(cache(&t)).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "the token cache is {mode:o}");
    let dir_mode = std::fs::metadata(cache(&t).parent().unwrap())
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(dir_mode & 0o077, 0, "the cache directory is {dir_mode:o}");
    let token = id_token(&t);
    assert!(!out.stdout.contains(&token) && !out.stderr.contains(&token));

    let who = whoami(&t);
    assert_eq!(who["actor"], "alice@example.com");
    assert_eq!(who["verified_by"], "oidc");
    assert_eq!(who["groups"], json!(["/platform/admins"]));
    assert_eq!(who["roles"], json!(["admin"]));
    assert_eq!(who["claims"]["issuer"], p.issuer);

    // The group gives alice the admin role: prod is hers, and the commit says how we know.
    t.idp(ADMIN_ACTIONS[0])
        .env_remove("IDP_ACTOR")
        .run()
        .success();
    let tr = trailers(&t, "main");
    assert!(
        tr.contains("Idp-Actor: alice@example.com\n")
            && tr.contains("Idp-Actor-Verified-By: oidc\n"),
        "{tr}"
    );
    let log = t.git(&t.platform, &["log", "--format=%B", "main"]);
    assert!(!log.contains(&token));

    // An ID token the issuer did not sign, claiming the admin group, is refused outright.
    let (key, _) = rsa_key(&t.root, "forger", "idp-test");
    let forged = sign(
        &key,
        "idp-test",
        &json!({
            "iss": p.issuer, "aud": "idp", "sub": "mallory", "iat": now(), "exp": now() + 600,
            "email": "mallory@example.com", "groups": ["/platform/admins"],
        }),
    );
    // …and so is alice's token with its payload edited (bob's name, her signature).
    let parts: Vec<&str> = token.split('.').collect();
    let tampered_payload = {
        let payload = json!({
            "iss": p.issuer, "aud": "idp", "sub": "bob", "iat": now(), "exp": now() + 600,
            "email": "bob@example.com", "groups": ["/platform/admins"],
        });
        b64(&serde_json::to_vec(&payload).unwrap())
    };
    let tampered = format!("{}.{}.{}", parts[0], tampered_payload, parts[2]);
    let good_cache = std::fs::read_to_string(cache(&t)).unwrap();
    let before = t.state();
    for bad in [&forged, &tampered] {
        std::fs::write(cache(&t), good_cache.replace(&token, bad)).unwrap();
        t.idp(["whoami", "--no-aws"])
            .env_remove("IDP_ACTOR")
            .run()
            .code(4)
            .stderr_has("the OIDC token failed verification");
        t.idp(ADMIN_ACTIONS[0])
            .env_remove("IDP_ACTOR")
            .run()
            .code(4);
        assert_eq!(t.state(), before);
    }
    std::fs::write(cache(&t), &good_cache).unwrap();

    // bob's groups give no admin role.
    login(&t, &p, "bob").success();
    let who = whoami(&t);
    assert_eq!(who["actor"], "bob@example.com");
    assert_eq!(who["roles"], json!(["contributor"]));
    let before = t.state();
    t.idp(ADMIN_ACTIONS[0])
        .env_remove("IDP_ACTOR")
        .run()
        .code(4)
        .stderr_has("`bob@example.com` is not allowed to `env:set@prod`");
    assert_eq!(t.state(), before);

    t.idp(["logout"])
        .env_remove("IDP_ACTOR")
        .run()
        .success()
        .stderr_has("Logged out");
    assert!(!cache(&t).exists());
    assert!(p.get("/test/events").contains("revocation"));
    assert_eq!(whoami(&t)["verified_by"], "none");
}

/// base64url without padding.
fn b64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().fold(0u32, |acc, b| (acc << 8) | *b as u32) << (8 * (3 - chunk.len()));
        for i in 0..=chunk.len() {
            out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

#[test]
fn oidc_expired_id_token_is_refreshed() {
    let Some(p) = Provider::start(&[("OIDC_ID_TTL", "2"), ("OIDC_ACCESS_TTL", "2")]) else {
        return;
    };
    let t = oidc_platform(&p);
    login(&t, &p, "alice").success();
    let first = id_token(&t);
    std::thread::sleep(Duration::from_secs(3));
    let who = whoami(&t);
    assert_eq!(who["verified_by"], "oidc");
    assert_eq!(who["actor"], "alice@example.com");
    assert_ne!(id_token(&t), first, "the ID token was not refreshed");
    t.idp(ADMIN_ACTIONS[0])
        .env_remove("IDP_ACTOR")
        .run()
        .success();
}

#[test]
fn oidc_login_that_expired_leaves_an_unverified_actor() {
    let Some(p) = Provider::start(&[
        ("OIDC_ID_TTL", "2"),
        ("OIDC_ACCESS_TTL", "2"),
        ("OIDC_REFRESH_TTL", "3"),
    ]) else {
        return;
    };
    let t = oidc_platform(&p);
    login(&t, &p, "alice").success();
    std::thread::sleep(Duration::from_secs(4));
    let out = t
        .idp(["whoami", "--no-aws", "-o", "json"])
        .env_remove("IDP_ACTOR")
        .run()
        .success()
        .stderr_has("run `idp login`");
    assert_eq!(out.json()["verified_by"], "none");
    let before = t.state();
    t.idp(ADMIN_ACTIONS[0])
        .env_remove("IDP_ACTOR")
        .run()
        .code(4)
        .stderr_has("as an unverified actor");
    assert_eq!(t.state(), before);
}

#[test]
fn login_without_identity_oidc_is_a_usage_error() {
    let t = Test::platform_as_initialised();
    t.idp(["login"])
        .run()
        .code(2)
        .stderr_has("idp.yaml has no `identity.oidc`");
    t.idp(["logout"]).run().code(2);
    // Nobody can enter a code under CI: refused at once instead of waiting for one.
    t.idp(["login"])
        .env("CI", "true")
        .run()
        .code(2)
        .stderr_has("CI=true");
}

// --- the GitHub forge's token -----------------------------------------------------------------

#[test]
fn github_token_names_the_user_and_teams_give_roles() {
    const TOKEN: &str = "ghp_IdentityTestToken0123456789SECRET";
    let t = Test::platform_as_initialised();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let server = rt.block_on(MockServer::start());
    rt.block_on(async {
        Mock::given(method("GET"))
            .and(path("/user"))
            .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({"login": "octo-admin", "id": 7})),
            )
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/user"))
            .respond_with(
                ResponseTemplate::new(401).set_body_json(json!({"message": "Bad credentials"})),
            )
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/user/teams"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([
                {"slug": "platform-admins", "organization": {"login": "acme"}},
                {"slug": "payments", "organization": {"login": "acme"}},
            ])))
            .mount(&server)
            .await;
    });
    configure(&t, |c| {
        c.replace(
            "  type: local\n",
            &format!(
                "  type: github\n  github:\n    owner: acme\n    repo: platform\n    baseUrl: {}\n",
                server.uri()
            ),
        )
        .replacen(
            "      groups: []\n",
            "      groups: [\"@acme/platform-admins\"]\n",
            1,
        )
    });
    let out = t
        .idp(["whoami", "--no-aws", "-o", "json"])
        .env_remove("IDP_ACTOR")
        .env("GH_TOKEN", TOKEN)
        .run()
        .success();
    assert!(!out.stdout.contains(TOKEN) && !out.stderr.contains(TOKEN));
    let who = out.json();
    assert_eq!(who["actor"], "octo-admin");
    assert_eq!(who["verified_by"], "github-token");
    assert_eq!(
        who["groups"],
        json!(["@acme/payments", "@acme/platform-admins"])
    );
    assert_eq!(who["roles"], json!(["admin"]));

    // A token GitHub does not know verifies no one: the git identity acts, unverified.
    let out = t
        .idp(["whoami", "--no-aws", "-o", "json"])
        .env_remove("IDP_ACTOR")
        .env("GH_TOKEN", "ghp_not_a_real_token_0000000000000")
        .run()
        .success()
        .stderr_has("the GitHub token names no user");
    assert_eq!(out.json()["verified_by"], "none");
}

// --- the resolver reads the checkout, RBAC the base ---------------------------------------------

#[test]
fn an_oidc_issuer_named_only_in_the_checkout_verifies_no_one() {
    // The base names the company's issuer; mallory's checkout names her own provider, where
    // `alice` is in /platform/admins.
    let Some(p) = Provider::start(&[]) else {
        return;
    };
    let t = Test::platform_as_initialised();
    let real = "https://keycloak.invalid/realms/acme";
    configure(&t, |c| {
        identity_lines(
            c,
            &format!("  oidc:\n    issuer: {real}\n    clientId: idp\n"),
        )
        .replacen(
            "      groups: []\n",
            "      groups: [/platform/admins]\n",
            1,
        )
    });
    t.write("idp.yaml", &t.read("idp.yaml").replace(real, &p.issuer));
    login(&t, &p, "alice").success();
    assert_eq!(whoami(&t)["verified_by"], "oidc", "as the checkout sees it");
    let before = t.state();
    for args in &ADMIN_ACTIONS[..2] {
        t.idp(*args)
            .env_remove("IDP_ACTOR")
            .run()
            .code(4)
            .stderr_has("verified by an issuer the base branch's idp.yaml does not name");
        assert_eq!(t.state(), before);
    }
}

#[test]
fn a_github_actions_issuer_named_only_in_the_checkout_verifies_no_one() {
    let g = Gha::new();
    // The base trusts GitHub's issuer only; the checkout names the double.
    let config = g.t.read("idp.yaml");
    let local = format!("    issuer: {}\n", g.server.uri());
    configure(&g.t, |c| c.replace(&local, ""));
    g.t.write("idp.yaml", &config);
    let token = sign(&g.key, "gha-1", &g.claims());
    g.serve("good", &token);
    assert_eq!(
        g.run("good", &["whoami", "--no-aws", "-o", "json"])
            .success()
            .json()["verified_by"],
        "github-oidc"
    );
    let before = g.t.state();
    g.run("good", ADMIN_ACTIONS[0]).code(4);
    assert_eq!(g.t.state(), before);
}
