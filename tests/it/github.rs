//! The GitHub forge against wiremock (an in-process HTTP double of the REST API), asserting the
//! exact requests idp makes. Git pushes go to local bare repositories standing in for GitHub's
//! git remote (`forge.github.gitUrl` and `baseUrl` are configured separately).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use wiremock::matchers::{
    body_partial_json, header, method, path, query_param, query_param_is_missing,
};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use crate::harness::Test;
use crate::https::GitHttps;

const TOKEN: &str = "ghp_TestToken0123456789abcdefSECRET";

/// A platform repo whose `idp.yaml` uses the github forge, a wiremock API, and a bare
/// repository at `<gitUrl>/acme/platform.git`.
struct Gh {
    t: Test,
    server: MockServer,
    rt: tokio::runtime::Runtime,
    git: PathBuf,
}

impl Gh {
    fn new() -> Gh {
        Gh::with_owner("acme")
    }

    fn with_owner(owner: &str) -> Gh {
        Gh::with(owner, |_| String::new())
    }

    /// With `extra(root)` appended to `forge.github` (indented lines), e.g. another `gitUrl`.
    fn with(owner: &str, extra: impl Fn(&std::path::Path) -> String) -> Gh {
        let t = Test::platform();
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let server = rt.block_on(MockServer::start());
        let git = t.root.join("github");
        std::fs::create_dir_all(git.join("acme")).unwrap();
        t.git(
            &t.root,
            &[
                "clone",
                "-q",
                "--bare",
                t.remote.to_str().unwrap(),
                git.join("acme/platform.git").to_str().unwrap(),
            ],
        );
        let extra = extra(&t.root);
        let git_url = if extra.contains("gitUrl:") {
            String::new()
        } else {
            format!("    gitUrl: {}\n", git.display())
        };
        let config = t.read("idp.yaml").replace(
            "  type: local\n",
            &format!(
                "  type: github\n  github:\n    owner: {owner}\n    repo: platform\n    \
                 baseUrl: {}\n{git_url}{extra}",
                server.uri(),
            ),
        );
        t.commit_file("idp.yaml", &config, "use the github forge");
        t.git(&t.platform, &["push", "-q", "origin", "main"]);
        t.git(
            &t.platform,
            &[
                "push",
                "-q",
                git.join("acme/platform.git").to_str().unwrap(),
                "main",
            ],
        );
        Gh { t, server, rt, git }
    }

    fn mount(&self, mock: Mock) {
        self.rt.block_on(mock.mount(&self.server));
    }

    fn requests(&self) -> Vec<Request> {
        self.rt
            .block_on(self.server.received_requests())
            .unwrap_or_default()
    }

    /// `METHOD path?query` of every request received, in order.
    fn calls(&self) -> Vec<String> {
        self.requests()
            .iter()
            .map(|r| {
                let q = r.url.query().map(|q| format!("?{q}")).unwrap_or_default();
                format!("{} {}{q}", r.method, r.url.path())
            })
            .collect()
    }

    fn body_of(&self, call: &str) -> Value {
        let r = self
            .requests()
            .into_iter()
            .find(|r| format!("{} {}", r.method, r.url.path()) == call)
            .unwrap_or_else(|| panic!("no request {call}: {:?}", self.calls()));
        serde_json::from_slice(&r.body).unwrap_or(Value::Null)
    }

    fn idp<I, S>(&self, args: I) -> crate::harness::Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.t.idp(args).env("GH_TOKEN", TOKEN)
    }

    /// The refs of GitHub's stand-in remote for `repo`.
    fn remote_refs(&self, repo: &str) -> std::collections::BTreeMap<String, String> {
        self.t.refs(&self.git.join(format!("acme/{repo}.git")))
    }
}

/// A pull request as GitHub returns it.
fn pr_json(number: u64, branch: &str, labels: &[&str]) -> Value {
    json!({
        "number": number,
        "state": "open",
        "title": "old title",
        "body": "old body",
        "html_url": format!("https://github.com/acme/platform/pull/{number}"),
        "head": { "ref": branch, "sha": "0000000000000000000000000000000000000000" },
        "base": { "ref": "main", "repo": { "owner": { "login": "acme" } } },
        "user": { "login": "idp-bot" },
        "labels": labels.iter().map(|l| json!({ "name": l })).collect::<Vec<_>>(),
        "requested_reviewers": [],
        "requested_teams": [],
        "created_at": "2026-11-26T08:00:00Z",
        "updated_at": "2026-11-26T08:00:00Z",
        "merged_at": null,
    })
}

/// `idp env set prod gates.healthyWithinHours HOURS -o json …`: a change that needs
/// `platform-approved` and the `platform` team.
fn set_prod(gh: &Gh, hours: &str, extra: &[&str]) -> crate::harness::Output {
    let mut args = vec![
        "env",
        "set",
        "prod",
        "gates.healthyWithinHours",
        hours,
        "-o",
        "json",
    ];
    args.extend(extra);
    gh.idp(args).run()
}

fn prod_change(gh: &Gh) -> crate::harness::Output {
    set_prod(gh, "48", &[])
}

/// GitHub's open pull requests: none for the first `times` lookups (all, when `None`).
fn open_prs_empty(gh: &Gh, times: Option<u64>) {
    let mock = Mock::given(method("GET"))
        .and(path("/repos/acme/platform/pulls"))
        .and(query_param("state", "open"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])));
    gh.mount(match times {
        Some(n) => mock.up_to_n_times(n),
        None => mock,
    });
}

const BRANCH_PREFIX: &str = "idp/";

fn no_open_prs(gh: &Gh) {
    open_prs_empty(gh, None);
}

fn labels_and_reviewers_ok(gh: &Gh, number: u64) {
    gh.mount(
        Mock::given(method("POST"))
            .and(path(format!("/repos/acme/platform/issues/{number}/labels")))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([]))),
    );
    gh.mount(
        Mock::given(method("POST"))
            .and(path(format!(
                "/repos/acme/platform/pulls/{number}/requested_reviewers"
            )))
            .respond_with(ResponseTemplate::new(201).set_body_json(json!({}))),
    );
}

#[test]
fn a_change_pushes_its_branch_and_opens_a_pull_request_with_labels_and_team_reviewers() {
    let gh = Gh::new();
    no_open_prs(&gh);
    gh.mount(
        Mock::given(method("POST"))
            .and(path("/repos/acme/platform/pulls"))
            .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
            .and(body_partial_json(json!({ "base": "main" })))
            .respond_with(ResponseTemplate::new(201).set_body_json(pr_json(12, "idp/x", &[]))),
    );
    labels_and_reviewers_ok(&gh, 12);
    let out = prod_change(&gh).success().json();
    let branch = out["branch"].as_str().unwrap().to_string();
    assert!(branch.starts_with(BRANCH_PREFIX), "{branch}");
    assert_eq!(out["pr"]["number"], 12);
    assert_eq!(out["pr"]["url"], "https://github.com/acme/platform/pull/12");

    // Exactly: find the open PR, open it, label it, ask the team.
    assert_eq!(
        gh.calls(),
        [
            format!("GET /repos/acme/platform/pulls?state=open&head=acme:{branch}&per_page=100"),
            "POST /repos/acme/platform/pulls".to_string(),
            "POST /repos/acme/platform/issues/12/labels".to_string(),
            "POST /repos/acme/platform/pulls/12/requested_reviewers".to_string(),
        ]
    );
    for r in gh.requests() {
        assert_eq!(
            r.headers.get("authorization").unwrap().to_str().unwrap(),
            format!("Bearer {TOKEN}")
        );
    }
    let open = gh.body_of("POST /repos/acme/platform/pulls");
    assert_eq!(open["head"], branch.as_str());
    assert_eq!(open["base"], "main");
    assert!(open["title"].as_str().unwrap().contains("prod"), "{open}");
    let body = open["body"].as_str().unwrap();
    assert!(body.contains("### Plan"), "the body has the plan: {body}");
    assert!(body.contains("environments/prod.yaml"), "{body}");
    assert!(body.contains("platform-approved"), "{body}");
    assert_eq!(
        gh.body_of("POST /repos/acme/platform/issues/12/labels"),
        json!({ "labels": ["needs:platform-approved"] })
    );
    assert_eq!(
        gh.body_of("POST /repos/acme/platform/pulls/12/requested_reviewers"),
        json!({ "reviewers": [], "team_reviewers": ["platform"] })
    );
    // The branch is on GitHub's remote, at the commit idp made.
    let local = gh.t.refs(&gh.t.platform)[&format!("refs/heads/{branch}")].clone();
    assert_eq!(
        gh.remote_refs("platform")[&format!("refs/heads/{branch}")],
        local
    );
}

#[test]
fn a_rerun_updates_the_open_pull_request_and_never_opens_a_second() {
    let gh = Gh::new();
    // First run: GitHub has nothing open; the PR is opened.
    open_prs_empty(&gh, Some(1));
    gh.mount(
        Mock::given(method("POST"))
            .and(path("/repos/acme/platform/pulls"))
            .respond_with(ResponseTemplate::new(201).set_body_json(pr_json(3, "b", &[])))
            .expect(1),
    );
    labels_and_reviewers_ok(&gh, 3);
    let first = prod_change(&gh).success().json();
    let branch = first["branch"].as_str().unwrap().to_string();

    // Rerun with another value: the open PR (already labelled, team asked) is updated.
    let mut open = pr_json(3, &branch, &["needs:platform-approved", "stale-label"]);
    open["requested_teams"] = json!([{ "slug": "platform" }]);
    gh.mount(
        Mock::given(method("GET"))
            .and(path("/repos/acme/platform/pulls"))
            .and(query_param("state", "open"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([open]))),
    );
    gh.mount(
        Mock::given(method("PATCH"))
            .and(path("/repos/acme/platform/pulls/3"))
            .respond_with(ResponseTemplate::new(200).set_body_json(open.clone())),
    );
    let second = set_prod(&gh, "72", &[]).success().json();
    assert_eq!(second["pr"]["number"], 3);
    assert_eq!(second["status"], "updated");
    let calls = gh.calls();
    assert_eq!(calls.len(), 6, "4 calls to open, 2 to update: {calls:?}");
    let rerun = &calls[4..];
    assert_eq!(
        rerun,
        [
            format!("GET /repos/acme/platform/pulls?state=open&head=acme:{branch}&per_page=100"),
            "PATCH /repos/acme/platform/pulls/3".to_string(),
        ],
        "labels and reviewers already right: nothing else is sent"
    );
    let patch = gh.body_of("PATCH /repos/acme/platform/pulls/3");
    assert!(patch["body"].as_str().unwrap().contains("### Plan"));
    // The branch on GitHub moved to the new commit.
    let local = gh.t.refs(&gh.t.platform)[&format!("refs/heads/{branch}")].clone();
    assert_eq!(
        gh.remote_refs("platform")[&format!("refs/heads/{branch}")],
        local
    );
    gh.rt.block_on(gh.server.verify());
}

// see 5bb1935: on GitHub too, a rerun that finds its change already on `main` (landed
// with `--direct` meanwhile) names the change's pull request, still open with nothing left to
// merge; its title was edited on GitHub, so what it changes is compared, not its title.
#[test]
fn a_rerun_that_finds_its_change_on_main_names_its_stale_pull_request_on_github() {
    let gh = Gh::new();
    let set = ["env", "set", "dev", "gates.healthyWithinHours", "6"];
    open_prs_empty(&gh, Some(1));
    gh.mount(
        Mock::given(method("POST"))
            .and(path("/repos/acme/platform/pulls"))
            .respond_with(ResponseTemplate::new(201).set_body_json(pr_json(7, "b", &[])))
            .expect(1),
    );
    labels_and_reviewers_ok(&gh, 7);
    let first = gh
        .idp(set.iter().chain(&["-o", "json"]))
        .run()
        .success()
        .json();
    let branch = first["branch"].as_str().unwrap().to_string();
    let mut open = pr_json(7, &branch, &[]);
    open["head"]["sha"] = first["commit"].clone();
    gh.mount(
        Mock::given(method("GET"))
            .and(path("/repos/acme/platform/pulls"))
            .and(query_param("state", "open"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([open]))),
    );
    gh.idp(set.iter().chain(&["--direct"])).run().success();
    let rerun = gh
        .idp(set.iter().chain(&["-o", "json"]))
        .run()
        .success()
        .stderr_has(&format!("pull request #7 from `{branch}` is still open"))
        .stderr_has("`idp pr close 7`");
    let o = rerun.json();
    assert_eq!(o["status"], "no-change", "{}", rerun.stdout);
    assert_eq!(
        o["stale_pr"],
        json!({
            "number": 7,
            "url": "https://github.com/acme/platform/pull/7",
            "branch": branch,
        }),
        "{}",
        rerun.stdout
    );
    // Nothing closes it but the user: no PATCH, no POST after the first run's.
    let calls = gh.calls();
    assert!(
        calls
            .iter()
            .filter(|c| !c.starts_with("GET "))
            .all(|c| !c.contains("/pulls/7") || c.contains("requested_reviewers")),
        "{calls:?}"
    );
    gh.rt.block_on(gh.server.verify());
}

#[test]
fn github_422_a_pull_request_already_exists_updates_that_one() {
    let gh = Gh::new();
    // The branch the change will use (a dry run makes no call).
    let branch = set_prod(&gh, "48", &["--dry-run"]).success().json()["branch"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(gh.requests().is_empty());
    // Not open when idp looks, opened by someone else before idp posts.
    open_prs_empty(&gh, Some(1));
    gh.mount(
        Mock::given(method("POST"))
            .and(path("/repos/acme/platform/pulls"))
            .respond_with(ResponseTemplate::new(422).set_body_json(json!({
                "message": "Validation Failed",
                "errors": [{ "resource": "PullRequest", "code": "custom",
                             "message": format!("A pull request already exists for acme:{branch}.") }]
            })))
            .expect(1),
    );
    gh.mount(
        Mock::given(method("GET"))
            .and(path("/repos/acme/platform/pulls"))
            .and(query_param("state", "open"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([pr_json(
                9,
                &branch,
                &[]
            )]))),
    );
    gh.mount(
        Mock::given(method("PATCH"))
            .and(path("/repos/acme/platform/pulls/9"))
            .respond_with(ResponseTemplate::new(200).set_body_json(pr_json(9, &branch, &[]))),
    );
    labels_and_reviewers_ok(&gh, 9);
    let out = prod_change(&gh).success().json();
    assert_eq!(out["pr"]["number"], 9, "the existing PR, not a new one");
    let calls = gh.calls();
    assert_eq!(
        calls
            .iter()
            .filter(|c| *c == "POST /repos/acme/platform/pulls")
            .count(),
        1
    );
    assert!(calls.contains(&"PATCH /repos/acme/platform/pulls/9".to_string()));
    gh.rt.block_on(gh.server.verify());
}

#[test]
fn a_server_error_is_retried_then_succeeds() {
    let gh = Gh::new();
    no_open_prs(&gh);
    gh.mount(
        Mock::given(method("POST"))
            .and(path("/repos/acme/platform/pulls"))
            .respond_with(
                ResponseTemplate::new(502).set_body_json(json!({ "message": "Server Error" })),
            )
            .up_to_n_times(1)
            .with_priority(1),
    );
    gh.mount(
        Mock::given(method("POST"))
            .and(path("/repos/acme/platform/pulls"))
            .respond_with(ResponseTemplate::new(201).set_body_json(pr_json(4, "b", &[]))),
    );
    labels_and_reviewers_ok(&gh, 4);
    let out = prod_change(&gh).success();
    assert_eq!(out.json()["pr"]["number"], 4);
    assert!(
        out.stderr.contains("HTTP 502"),
        "the retry is logged: {}",
        out.stderr
    );
    let posts = gh
        .calls()
        .into_iter()
        .filter(|c| c == "POST /repos/acme/platform/pulls")
        .count();
    assert_eq!(posts, 2, "one failure, one retry");
}

#[test]
fn a_secondary_rate_limit_is_waited_out_as_retry_after_says() {
    let gh = Gh::new();
    no_open_prs(&gh);
    gh.mount(
        Mock::given(method("POST"))
            .and(path("/repos/acme/platform/pulls"))
            .respond_with(
                ResponseTemplate::new(403)
                    .insert_header("retry-after", "1")
                    .set_body_json(json!({
                        "message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
                        "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"
                    })),
            )
            .up_to_n_times(1)
            .with_priority(1),
    );
    gh.mount(
        Mock::given(method("POST"))
            .and(path("/repos/acme/platform/pulls"))
            .respond_with(ResponseTemplate::new(201).set_body_json(pr_json(5, "b", &[]))),
    );
    labels_and_reviewers_ok(&gh, 5);
    let out = prod_change(&gh).success();
    assert!(
        out.stderr.contains("retrying in 1s"),
        "Retry-After is honoured: {}",
        out.stderr
    );
    let posts: Vec<_> = gh
        .requests()
        .into_iter()
        .filter(|r| r.method.as_str() == "POST" && r.url.path() == "/repos/acme/platform/pulls")
        .collect();
    assert_eq!(posts.len(), 2);
}

#[test]
fn a_bad_token_is_exit_4_and_the_token_is_in_no_output_and_nothing_is_pushed() {
    let gh = Gh::new();
    gh.mount(
        Mock::given(method("GET")).respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "message": "Bad credentials",
            "documentation_url": "https://docs.github.com/rest"
        }))),
    );
    let before = gh.t.state();
    let remote_before = gh.remote_refs("platform");
    for extra in [vec![], vec!["-vvv"], vec!["-o", "json"]] {
        let mut args = vec!["env", "set", "prod", "gates.healthyWithinHours", "48"];
        args.extend(extra);
        let out = gh.idp(args).env("IDP_LOG", "trace").run().code(4);
        assert!(out.stderr.contains("401") || out.stdout.contains("401"));
        assert!(
            out.stderr.contains("GH_TOKEN") || out.stdout.contains("GH_TOKEN"),
            "says how to fix it: {}",
            out.stderr
        );
        assert!(
            !out.stdout.contains(TOKEN),
            "token in stdout: {}",
            out.stdout
        );
        assert!(
            !out.stderr.contains(TOKEN),
            "token in stderr: {}",
            out.stderr
        );
    }
    assert_eq!(gh.t.state(), before, "no branch, no commit");
    assert_eq!(gh.remote_refs("platform"), remote_before, "nothing pushed");
}

#[test]
fn no_token_is_exit_4_with_how_to_set_one_and_nothing_is_written() {
    let gh = Gh::new();
    let before = gh.t.state();
    let out =
        gh.t.idp(["env", "set", "prod", "gates.healthyWithinHours", "48"])
            .run()
            .code(4);
    assert!(out.stderr.contains("no GitHub token"), "{}", out.stderr);
    assert!(out.stderr.contains("GH_TOKEN"), "{}", out.stderr);
    assert!(gh.requests().is_empty(), "no call without a token");
    assert_eq!(gh.t.state(), before);
}

#[test]
fn an_org_name_github_would_reject_is_exit_2_before_any_call() {
    let gh = Gh::with_owner("acme--corp");
    let before = gh.t.state();
    let out = gh
        .idp(["env", "set", "prod", "gates.healthyWithinHours", "48"])
        .run()
        .code(2);
    assert!(
        out.stderr.contains("idp.yaml:"),
        "file:line: {}",
        out.stderr
    );
    assert!(
        out.stderr.contains("forge.github.owner"),
        "the field: {}",
        out.stderr
    );
    assert!(gh.requests().is_empty());
    assert_eq!(gh.t.state(), before);
    // `--no-push` cannot open a GitHub pull request: refused before anything is written.
    let gh = Gh::new();
    let before = gh.t.state();
    gh.idp([
        "env",
        "set",
        "prod",
        "gates.healthyWithinHours",
        "48",
        "--no-push",
    ])
    .run()
    .code(2)
    .stderr_has("--no-push");
    assert_eq!(gh.t.state(), before);
    assert!(gh.requests().is_empty());
}

#[test]
fn pr_commands_list_show_approve_merge_and_close_on_github() {
    let gh = Gh::new();
    let mut merged = pr_json(
        7,
        "idp/a",
        &["needs:platform-approved", "platform-approved"],
    );
    merged["state"] = json!("closed");
    merged["merged_at"] = json!("2026-11-26T09:00:00Z");
    merged["merge_commit_sha"] = json!("abcdef0123456789abcdef0123456789abcdef01");
    let open = pr_json(8, "idp/b", &["needs:platform-approved"]);
    gh.mount(
        Mock::given(method("GET"))
            .and(path("/repos/acme/platform/pulls"))
            .and(query_param("state", "all"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!([merged.clone(), open.clone()])),
            ),
    );
    // The default lists what is open, and asks GitHub for only that.
    gh.mount(
        Mock::given(method("GET"))
            .and(path("/repos/acme/platform/pulls"))
            .and(query_param("state", "open"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([open.clone()]))),
    );
    let list = gh.idp(["pr", "list", "-o", "json"]).run().success().json();
    assert_eq!(list.as_array().unwrap().len(), 1, "open ones by default");
    assert_eq!(list[0]["number"], 8);
    assert_eq!(list[0]["labels"], json!(["platform-approved"]));
    let all = gh
        .idp(["pr", "list", "--state", "merged", "-o", "json"])
        .run()
        .success()
        .json();
    assert_eq!(all[0]["number"], 7);
    assert_eq!(all[0]["approvals"][0]["label"], "platform-approved");

    gh.mount(
        Mock::given(method("GET"))
            .and(path("/repos/acme/platform/pulls/8"))
            .respond_with(ResponseTemplate::new(200).set_body_json(open.clone())),
    );
    gh.mount(
        Mock::given(method("GET"))
            .and(path("/repos/acme/platform/pulls/8/files"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([{
                "filename": "environments/prod.yaml", "status": "modified",
                "additions": 1, "deletions": 1,
                "patch": "@@ -1 +1 @@\n-a\n+b"
            }]))),
    );
    let show = gh
        .idp(["pr", "show", "8", "-o", "json"])
        .run()
        .success()
        .json();
    assert_eq!(show["files"][0]["path"], "environments/prod.yaml");
    gh.idp(["pr", "diff", "8"])
        .run()
        .success()
        .stdout_has("+++ b/environments/prod.yaml")
        .stdout_has("+b");

    // Approve: RBAC first, then a review of the head idp saw (GitHub enforces it through
    // code-owner review) and the plain label that shows which approval it is.
    gh.mount(
        Mock::given(method("POST"))
            .and(path("/repos/acme/platform/pulls/8/reviews"))
            .and(body_partial_json(json!({
                "event": "APPROVE",
                "commit_id": "0000000000000000000000000000000000000000"
            })))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1})))
            .expect(1),
    );
    gh.mount(
        Mock::given(method("POST"))
            .and(path("/repos/acme/platform/issues/8/labels"))
            .and(body_partial_json(
                json!({ "labels": ["platform-approved"] }),
            ))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
            .expect(1),
    );
    gh.idp(["pr", "approve", "8", "--label", "platform-approved"])
        .run()
        .success();
    gh.idp(["pr", "approve", "8", "--label", "platform-approved"])
        .env("IDP_ACTOR", "mallory@example.com")
        .run()
        .code(4);

    // Merge: refused (exit 4, no merge call) until someone with an approving role reviewed
    // the head; the label does not count.
    let config = gh.t.read("idp.yaml").replace(
        "members: [ada@example.com]",
        "members: [ada@example.com, octo-admin]",
    );
    gh.t.commit_file("idp.yaml", &config, "a second admin");
    let reviews = |body: Value| {
        Mock::given(method("GET"))
            .and(path("/repos/acme/platform/pulls/8/reviews"))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
    };
    gh.mount(reviews(json!([])).up_to_n_times(1));
    gh.idp(["pr", "merge", "8"])
        .run()
        .code(4)
        .stderr_has("lacks the approval(s) `platform-approved`");
    assert!(
        !gh.calls().iter().any(|c| c.ends_with("/merge")),
        "{:?}",
        gh.calls()
    );
    gh.mount(reviews(json!([{
        "user": {"login": "octo-admin"}, "state": "APPROVED",
        "commit_id": "0000000000000000000000000000000000000000",
        "submitted_at": "2026-11-26T09:00:00Z"
    }])));
    // Merge: only the head idp saw.
    gh.mount(
        Mock::given(method("PUT"))
            .and(path("/repos/acme/platform/pulls/8/merge"))
            .and(body_partial_json(json!({
                "merge_method": "merge",
                "sha": "0000000000000000000000000000000000000000"
            })))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "sha": "1111111111111111111111111111111111111111", "merged": true,
                "message": "Pull Request successfully merged"
            })))
            .expect(1),
    );
    gh.mount(
        Mock::given(method("DELETE"))
            .and(path("/repos/acme/platform/git/refs/heads/idp/b"))
            .respond_with(ResponseTemplate::new(204))
            .expect(1),
    );
    let out = gh
        .idp(["pr", "merge", "8", "--delete-branch", "-o", "json"])
        .run()
        .success()
        .json();
    assert_eq!(out["commit"], "1111111111111111111111111111111111111111");

    // Not mergeable (GitHub's 405) is a policy failure, exit 3.
    gh.mount(
        Mock::given(method("GET"))
            .and(path("/repos/acme/platform/pulls/6"))
            .respond_with(ResponseTemplate::new(200).set_body_json(pr_json(6, "idp/c", &[]))),
    );
    gh.mount(
        Mock::given(method("PUT"))
            .and(path("/repos/acme/platform/pulls/6/merge"))
            .respond_with(ResponseTemplate::new(405).set_body_json(json!({
                "message": "At least 1 approving review is required by reviewers with write access."
            }))),
    );
    gh.idp(["pr", "merge", "6"])
        .run()
        .code(3)
        .stderr_has("approving review");

    gh.mount(
        Mock::given(method("PATCH"))
            .and(path("/repos/acme/platform/pulls/6"))
            .and(body_partial_json(json!({ "state": "closed" })))
            .respond_with(ResponseTemplate::new(200).set_body_json({
                let mut c = pr_json(6, "idp/c", &[]);
                c["state"] = json!("closed");
                c
            }))
            .expect(1),
    );
    let closed = gh
        .idp(["pr", "close", "6", "-o", "json"])
        .run()
        .success()
        .json();
    assert_eq!(closed["state"], "closed");
    gh.rt.block_on(gh.server.verify());
}

/// The calls that create app repository `payments`.
fn repo_setup_mocks(gh: &Gh) {
    gh.mount(
        Mock::given(method("PUT"))
            .and(path("/repos/acme/payments/topics"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "names": [] }))),
    );
    gh.mount(
        Mock::given(method("PUT"))
            .and(path("/repos/acme/payments/branches/main/protection"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({}))),
    );
    gh.mount(
        Mock::given(method("PUT"))
            .and(path("/orgs/acme/teams/platform/repos/acme/payments"))
            .respond_with(ResponseTemplate::new(204)),
    );
    no_open_prs(gh);
    gh.mount(
        Mock::given(method("POST"))
            .and(path("/repos/acme/platform/pulls"))
            .respond_with(ResponseTemplate::new(201).set_body_json(pr_json(21, "b", &[]))),
    );
    labels_and_reviewers_ok(gh, 21);
}

/// GitHub creating a repository makes its git remote exist: the stand-in does the same.
fn bare_remote(gh: &Gh, name: &str) -> PathBuf {
    let p = gh.git.join(format!("acme/{name}.git"));
    gh.t.git(&gh.t.root, &["init", "-q", "--bare", p.to_str().unwrap()]);
    p
}

#[test]
fn new_app_creates_protects_shares_and_tags_the_repository_then_opens_the_platform_pr() {
    let gh = Gh::new();
    let remote = bare_remote(&gh, "payments");
    gh.mount(
        Mock::given(method("POST"))
            .and(path("/orgs/acme/repos"))
            .respond_with(ResponseTemplate::new(201).set_body_json(json!({
                "name": "payments", "full_name": "acme/payments", "private": true
            })))
            .expect(1),
    );
    repo_setup_mocks(&gh);
    let out = gh
        .idp([
            "new-app",
            "payments",
            "--owner",
            "platform",
            "--description",
            "Payments API",
            "-o",
            "json",
        ])
        .run()
        .success()
        .json();
    let calls = gh.calls();
    assert_eq!(
        &calls[..4],
        [
            "POST /orgs/acme/repos",
            "PUT /repos/acme/payments/topics",
            "PUT /repos/acme/payments/branches/main/protection",
            "PUT /orgs/acme/teams/platform/repos/acme/payments",
        ]
    );
    let create = gh.body_of("POST /orgs/acme/repos");
    assert_eq!(create["name"], "payments");
    assert_eq!(create["private"], true, "private by default");
    assert_eq!(create["description"], "Payments API");
    assert_eq!(
        gh.body_of("PUT /repos/acme/payments/topics"),
        json!({ "names": ["golden-path", "owner-platform", "template-stateless-app"] })
    );
    let protection = gh.body_of("PUT /repos/acme/payments/branches/main/protection");
    assert_eq!(
        protection["required_pull_request_reviews"]["required_approving_review_count"],
        1
    );
    assert_eq!(protection["required_linear_history"], true);
    assert_eq!(protection["allow_force_pushes"], false);
    assert_eq!(protection["allow_deletions"], false);
    assert_eq!(
        gh.body_of("PUT /orgs/acme/teams/platform/repos/acme/payments"),
        json!({ "permission": "push" })
    );
    // The first commit is on GitHub's remote, with the app's files.
    let files = gh.t.git(&remote, &["ls-tree", "-r", "--name-only", "main"]);
    assert!(files.contains("catalog-info.yaml"), "{files}");
    assert!(files.contains(".idp/answers.yaml"), "{files}");
    assert_eq!(
        out["repository"],
        format!("{}/acme/payments.git", gh.git.display())
    );
    assert_eq!(out["pr"]["number"], 21);
    // The platform PR names the GitHub repository.
    let branch = out["branch"].as_str().unwrap();
    let app = gh.t.show(branch, "apps/payments/app.yaml");
    assert!(app.contains("acme/payments"), "{app}");
    gh.rt.block_on(gh.server.verify());
}

#[test]
fn new_app_reuses_a_repository_idp_created_and_refuses_one_it_did_not() {
    let gh = Gh::new();
    let remote = bare_remote(&gh, "payments");
    let exists = ResponseTemplate::new(422).set_body_json(json!({
        "message": "Repository creation failed.",
        "errors": [{ "resource": "Repository", "code": "custom", "field": "name",
                     "message": "name already exists on this account" }]
    }));
    gh.mount(
        Mock::given(method("POST"))
            .and(path("/orgs/acme/repos"))
            .respond_with(exists.clone()),
    );
    // Someone else's repository: no `golden-path` topic.
    gh.mount(
        Mock::given(method("GET"))
            .and(path("/repos/acme/payments"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "name": "payments", "topics": ["java"]
            })))
            .up_to_n_times(1)
            .with_priority(1),
    );
    let before = gh.t.state();
    gh.idp(["new-app", "payments", "--owner", "platform"])
        .run()
        .code(2)
        .stderr_has("was not created by idp");
    assert_eq!(gh.t.state(), before, "no platform change");
    assert!(
        gh.t.refs(&remote).is_empty(),
        "nothing pushed to someone else's repository"
    );
    assert!(!gh.calls().iter().any(|c| c.starts_with("PUT ")));

    // idp's own (from an earlier, interrupted run): reused and set up again.
    gh.mount(
        Mock::given(method("GET"))
            .and(path("/repos/acme/payments"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "name": "payments", "topics": ["golden-path", "owner-platform"]
            }))),
    );
    repo_setup_mocks(&gh);
    gh.idp(["new-app", "payments", "--owner", "platform"])
        .run()
        .success()
        .stderr_has("Reused");
    assert!(gh.t.refs(&remote).contains_key("refs/heads/main"));
    assert!(
        gh.calls()
            .contains(&"PUT /repos/acme/payments/branches/main/protection".to_string())
    );
}

#[test]
fn a_github_app_installation_token_authenticates_the_api_and_the_https_push() {
    let key_dir = tempfile::tempdir().unwrap();
    let key = key_dir.path().join("app.pem");
    let ok = std::process::Command::new("openssl")
        .args(["genrsa", "-out", key.to_str().unwrap(), "2048"])
        .output()
        .expect("openssl runs");
    assert!(ok.status.success());
    let installation_token = "ghs_InstallationToken0123456789SECRET";
    // git over https (a TLS server with its own CA) that accepts only the installation token.
    let https: std::cell::OnceCell<GitHttps> = std::cell::OnceCell::new();
    let gh = Gh::with("acme", |root| {
        let server = https
            .get_or_init(|| GitHttps::start(root, &root.join("https"), Some(installation_token)));
        format!(
            "    gitUrl: {}\n    appId: 4242\n    installationId: 99\n    privateKeyFile: {}\n",
            server.url("github"),
            key.display()
        )
    });
    let server = https.get().unwrap();
    gh.mount(
        Mock::given(method("POST"))
            .and(path("/app/installations/99/access_tokens"))
            .respond_with(ResponseTemplate::new(201).set_body_json(json!({
                "token": installation_token,
                "expires_at": "2099-01-01T00:00:00Z",
                "permissions": { "contents": "write", "pull_requests": "write" },
                "repository_selection": "all"
            })))
            .expect(1),
    );
    no_open_prs(&gh);
    gh.mount(
        Mock::given(method("POST"))
            .and(path("/repos/acme/platform/pulls"))
            .and(header(
                "authorization",
                format!("Bearer {installation_token}").as_str(),
            ))
            .respond_with(ResponseTemplate::new(201).set_body_json(pr_json(30, "b", &[]))),
    );
    labels_and_reviewers_ok(&gh, 30);
    let out =
        gh.t.idp([
            "env",
            "set",
            "prod",
            "gates.healthyWithinHours",
            "48",
            "-vv",
        ])
        .env("GIT_SSL_CAINFO", &server.ca)
        .run()
        .success();
    assert!(!out.stdout.contains(installation_token));
    assert!(!out.stderr.contains(installation_token));
    // The App authenticated with a JWT (RS256, issuer = the App id), never a token.
    let mint = gh
        .requests()
        .into_iter()
        .find(|r| r.url.path() == "/app/installations/99/access_tokens")
        .unwrap();
    let jwt = mint.headers["authorization"].to_str().unwrap();
    assert!(jwt.starts_with("Bearer ey"), "{jwt}");
    // The branch went over https with the installation token.
    assert!(
        server
            .requests()
            .contains("POST /github/acme/platform.git/git-receive-pack token"),
        "{}",
        server.requests()
    );
    let branches =
        gh.t.git(&gh.git.join("acme/platform.git"), &["branch", "--list"]);
    assert!(branches.contains("idp/env/prod-set"), "{branches}");
    gh.rt.block_on(gh.server.verify());
}

#[test]
fn the_github_token_reaches_git_through_a_credential_helper_never_an_argument_or_a_file() {
    // GitHub's git over https, accepting only TOKEN.
    let https: std::cell::OnceCell<GitHttps> = std::cell::OnceCell::new();
    let gh = Gh::with("acme", |root| {
        let server = https.get_or_init(|| GitHttps::start(root, &root.join("https"), Some(TOKEN)));
        format!("    gitUrl: {}\n", server.url("github"))
    });
    let server = https.get().unwrap();
    // The user's own credential helper knows a stale password for that host: the forge's
    // token wins.
    let store = gh.t.home.join("git-credentials");
    std::fs::write(
        &store,
        format!("https://x-access-token:stale@127.0.0.1:{}\n", server.port),
    )
    .unwrap();
    gh.t.git(
        &gh.t.platform,
        &[
            "config",
            "credential.helper",
            &format!("store --file={}", store.display()),
        ],
    );
    // git, through a wrapper that writes down every argument it gets, and whether the token
    // was in its environment.
    let log = gh.t.root.join("git-args.log");
    let wrapper = gh.t.root.join("git-wrapper.sh");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" >> '{log}'\n\
             if [ -n \"$IDP_GIT_TOKEN\" ]; then echo TOKEN-IN-ENV >> '{log}'; fi\n\
             exec git \"$@\"\n",
            log = log.display()
        ),
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    no_open_prs(&gh);
    gh.mount(
        Mock::given(method("POST"))
            .and(path("/repos/acme/platform/pulls"))
            .respond_with(ResponseTemplate::new(201).set_body_json(pr_json(31, "b", &[]))),
    );
    labels_and_reviewers_ok(&gh, 31);
    let out = gh
        .idp([
            "env",
            "set",
            "prod",
            "gates.healthyWithinHours",
            "48",
            "-vv",
        ])
        .env("GIT_SSL_CAINFO", &server.ca)
        .env("IDP_GIT", &wrapper)
        .run()
        .success();
    assert!(!out.stdout.contains(TOKEN), "{}", out.stdout);
    assert!(!out.stderr.contains(TOKEN), "{}", out.stderr);
    let args = std::fs::read_to_string(&log).expect("git ran through the wrapper");
    assert!(args.contains("push\n"), "{args}");
    assert!(args.contains("TOKEN-IN-ENV"), "{args}");
    assert!(!args.contains(TOKEN), "the token was an argument: {args}");
    // The push authenticated with the token, and only the token.
    let requests = server.requests();
    assert!(
        requests.contains("POST /github/acme/platform.git/git-receive-pack token"),
        "{requests}"
    );
    assert!(!requests.contains(" other\n"), "{requests}");
    let branches =
        gh.t.git(&gh.git.join("acme/platform.git"), &["branch", "--list"]);
    assert!(branches.contains("idp/env/prod-set"), "{branches}");
    // Nowhere in git's files: configs, reflogs, refs, remotes' URLs.
    crate::https::assert_not_in_git(&gh.t.platform.join(".git"), TOKEN);
    crate::https::assert_not_in_git(&gh.git.join("acme/platform.git"), TOKEN);
    let remotes = gh.t.git(&gh.t.platform, &["remote", "-v"]);
    assert!(!remotes.contains(TOKEN), "{remotes}");
}

#[test]
fn github_enterprise_base_urls_keep_their_path_and_lists_follow_link_pages() {
    let gh = Gh::with("acme", |_| String::new());
    // Point the API at `<server>/api/v3`, as GitHub Enterprise serves it.
    let config = gh.t.read("idp.yaml").replace(
        &format!("baseUrl: {}", gh.server.uri()),
        &format!("baseUrl: {}/api/v3", gh.server.uri()),
    );
    gh.t.commit_file("idp.yaml", &config, "GitHub Enterprise");
    let page2 = format!(
        "<{}/api/v3/repos/acme/platform/pulls?state=all&per_page=100&page=2>; rel=\"next\"",
        gh.server.uri()
    );
    gh.mount(
        Mock::given(method("GET"))
            .and(path("/api/v3/repos/acme/platform/pulls"))
            .and(query_param("page", "2"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([pr_json(
                2,
                "idp/two",
                &[]
            )])))
            .with_priority(1),
    );
    gh.mount(
        Mock::given(method("GET"))
            .and(path("/api/v3/repos/acme/platform/pulls"))
            .respond_with(
                ResponseTemplate::new(200)
                    .insert_header("link", page2.as_str())
                    .set_body_json(json!([pr_json(1, "idp/one", &[])])),
            ),
    );
    let list = gh.idp(["pr", "list", "-o", "json"]).run().success().json();
    let numbers: Vec<u64> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["number"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, [1, 2], "both pages");
    assert_eq!(gh.calls().len(), 2);
}

// --- approvals that GitHub enforces, and who approved (ADR-0032) ------------------------------

#[test]
fn a_change_on_github_renders_codeowners_from_the_ownership_in_the_repo() {
    let gh = Gh::new();
    no_open_prs(&gh);
    gh.mount(
        Mock::given(method("POST"))
            .and(path("/repos/acme/platform/pulls"))
            .respond_with(ResponseTemplate::new(201).set_body_json(pr_json(12, "idp/x", &[]))),
    );
    labels_and_reviewers_ok(&gh, 12);
    let out = prod_change(&gh).success().json();
    let branch = out["branch"].as_str().unwrap();
    let files: Vec<&str> = out["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(files.contains(&".github/CODEOWNERS"), "{files:?}");
    let owners = gh.t.show(branch, ".github/CODEOWNERS");
    assert!(owners.contains("\n*  @acme/platform\n"), "{owners}");
    assert!(
        owners.contains("/environments/  @acme/platform\n"),
        "{owners}"
    );
    assert!(owners.contains("/idp.yaml  @acme/platform\n"), "{owners}");
}

#[test]
fn pr_protect_makes_github_require_a_code_owner_review() {
    let gh = Gh::new();
    gh.mount(
        Mock::given(method("PUT"))
            .and(path("/repos/acme/platform/branches/main/protection"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
            .expect(1),
    );
    gh.idp(["pr", "protect"])
        .env("IDP_ACTOR", "bob@example.com")
        .run()
        .code(4)
        .stderr_has("forge:protect");
    assert!(gh.requests().is_empty(), "{:?}", gh.calls());
    gh.idp(["pr", "protect"]).run().success();
    let body = gh.body_of("PUT /repos/acme/platform/branches/main/protection");
    let reviews = &body["required_pull_request_reviews"];
    assert_eq!(reviews["require_code_owner_reviews"], true);
    assert_eq!(reviews["dismiss_stale_reviews"], true);
    assert_eq!(reviews["required_approving_review_count"], 1);
    assert_eq!(body["enforce_admins"], true);
    assert_eq!(body["allow_force_pushes"], false);
}

#[test]
fn a_plain_http_base_url_is_refused_before_any_token_is_sent() {
    let gh = Gh::new();
    let config = gh.t.read("idp.yaml");
    let http = config.replace(&gh.server.uri(), "http://api.github.example.com");
    assert_ne!(http, config);
    gh.t.commit_file("idp.yaml", &http, "plain http");
    let before = gh.t.state();
    gh.idp(["pr", "list"])
        .run()
        .code(2)
        .stderr_has("refusing to send a token over plain http to `api.github.example.com`")
        .stderr_has("forge.github.baseUrl")
        .stderr_lacks(TOKEN);
    let out = prod_change(&gh).code(2);
    let said = format!("{}{}", out.stdout, out.stderr);
    assert!(
        said.contains("refusing to send a token over plain http"),
        "{said}"
    );
    assert!(!said.contains(TOKEN));
    assert_eq!(gh.t.state(), before);
    assert!(gh.requests().is_empty());
}

/// The approvals check on GitHub: the standing reviews at the head commit, by someone other
/// than the author, who holds an approving role directly or through a GitHub team. Labels,
/// `platform-approved` included, approve nothing.
#[test]
fn the_approvals_check_on_github_counts_reviews_by_approving_roles_not_labels() {
    let gh = Gh::new();
    // `octo-admin` is an admin by login; members of @acme/approvers may approve platform-approved.
    let config = gh.t.read("idp.yaml").replace(
        "members: [ada@example.com]",
        "members: [ada@example.com, octo-admin]",
    );
    let config = config.replace(
        "  roles:\n",
        "  roles:\n    approvers:\n      members: [\"@acme/approvers\"]\n      permissions: [\"pr:approve@platform-approved\"]\n",
    );
    gh.t.commit_file("idp.yaml", &config, "approvers");
    let request = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/requests/ecr/valid.yaml"),
    )
    .unwrap()
    .replace("environment: dev", "environment: prod");
    gh.t.write("requests/ecr/prod/ECR-0001.yaml", &request);
    let head = "0000000000000000000000000000000000000000";
    let review = |who: &str, state: &str, commit: &str| {
        json!({"user": {"login": who}, "state": state, "commit_id": commit,
               "submitted_at": "2026-11-26T09:00:00Z"})
    };
    gh.mount(
        Mock::given(method("GET"))
            .and(path("/orgs/acme/teams/approvers/memberships/tm"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"state": "active"}))),
    );
    gh.mount(
        Mock::given(method("GET"))
            .and(path("/orgs/acme/teams/approvers/memberships/mallory"))
            .respond_with(
                ResponseTemplate::new(404).set_body_json(json!({"message": "Not Found"})),
            ),
    );
    let cases: Vec<(u64, Vec<Value>, Option<&str>)> = vec![
        (
            20,
            vec![],
            Some("lacks the approval(s) `platform-approved`"),
        ),
        (
            21,
            vec![review("mallory", "APPROVED", head)],
            Some("holds no role that may approve it"),
        ),
        (
            22,
            vec![review(
                "octo-admin",
                "APPROVED",
                "1111111111111111111111111111111111111111",
            )],
            Some("void since the branch moved"),
        ),
        (
            23,
            vec![review("idp-bot", "APPROVED", head)],
            Some("approved by the author"),
        ),
        (
            24,
            vec![
                review("octo-admin", "APPROVED", head),
                review("octo-admin", "CHANGES_REQUESTED", head),
            ],
            Some("lacks the approval(s)"),
        ),
        (
            25,
            vec![
                review("octo-admin", "COMMENTED", head),
                review("octo-admin", "APPROVED", head),
            ],
            None,
        ),
        (26, vec![review("tm", "APPROVED", head)], None),
    ];
    for (n, reviews, refused) in &cases {
        // The label is there every time: it never counts.
        let pr = pr_json(
            *n,
            "idp/b",
            &["needs:platform-approved", "platform-approved"],
        );
        gh.mount(
            Mock::given(method("GET"))
                .and(path(format!("/repos/acme/platform/pulls/{n}")))
                .respond_with(ResponseTemplate::new(200).set_body_json(pr)),
        );
        gh.mount(
            Mock::given(method("GET"))
                .and(path(format!("/repos/acme/platform/pulls/{n}/reviews")))
                .respond_with(ResponseTemplate::new(200).set_body_json(json!(reviews))),
        );
        let out = gh
            .idp([
                "provision",
                "approvals",
                "--pr",
                &n.to_string(),
                "requests/ecr/prod/ECR-0001.yaml",
            ])
            .run();
        match refused {
            Some(why) => {
                out.code(3).stderr_has(why);
            }
            None => {
                out.success().stdout_has("ok\tplatform-approved");
            }
        }
    }
}

#[test]
fn provision_on_github_skips_the_request_ids_of_open_pull_requests_on_github() {
    // Before: the IDs open pull requests had taken were read from the local forge only, so on
    // GitHub a request could take an ID an open pull request already held.
    let gh = Gh::new();
    // The open pull requests: #7 adds S3-0001 and removes S3-0009, #8 touches no request.
    gh.mount(
        Mock::given(method("GET"))
            .and(path("/repos/acme/platform/pulls"))
            .and(query_param("state", "open"))
            .and(query_param_is_missing("head"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([
                pr_json(7, "idp/someone-else", &[]),
                pr_json(8, "idp/docs", &[]),
            ]))),
    );
    gh.mount(
        Mock::given(method("GET"))
            .and(path("/repos/acme/platform/pulls/7/files"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([
                { "filename": "requests/s3/dev/S3-0001.yaml", "status": "added",
                  "additions": 9, "deletions": 0 },
                { "filename": "requests/s3/dev/S3-0009.yaml", "status": "removed",
                  "additions": 0, "deletions": 9 },
            ]))),
    );
    gh.mount(
        Mock::given(method("GET"))
            .and(path("/repos/acme/platform/pulls/8/files"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([
                { "filename": "docs/index.md", "status": "modified",
                  "additions": 1, "deletions": 1 },
            ]))),
    );
    open_prs_empty(&gh, None); // the lookup of this change's own branch finds none
    gh.mount(
        Mock::given(method("POST"))
            .and(path("/repos/acme/platform/pulls"))
            .respond_with(ResponseTemplate::new(201).set_body_json(pr_json(9, "idp/x", &[]))),
    );
    labels_and_reviewers_ok(&gh, 9);
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/requests/s3/valid.yaml");
    let out = gh
        .idp([
            "provision",
            "s3",
            "--env",
            "dev",
            "-f",
            file.to_str().unwrap(),
            "-o",
            "json",
        ])
        .run()
        .success()
        .json();
    assert_eq!(out["request_id"], "S3-0002", "{out:#}");
    assert_eq!(out["pr"]["number"], 9, "{out:#}");
    let calls = gh.calls();
    assert!(
        calls.contains(&"GET /repos/acme/platform/pulls/7/files?per_page=100".to_string()),
        "{calls:#?}"
    );
}

/// What `COMPLETE=fish idp WORDS…` offers for the last word (one `value\thelp` a line), in
/// `gh`'s platform repo, with or without the token; how long it took.
fn complete(gh: &Gh, words: &[&str], token: bool) -> (crate::harness::Output, Duration) {
    let mut args = vec!["--", "idp"];
    args.extend(words);
    let run = if token { gh.idp(args) } else { gh.t.idp(args) };
    let started = Instant::now();
    let out = run
        .env("COMPLETE", "fish")
        .env("_CLAP_COMPLETE_INDEX", words.len().to_string())
        .run()
        .success();
    let took = started.elapsed();
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    assert!(
        !out.stdout.contains(TOKEN),
        "token in stdout: {}",
        out.stdout
    );
    (out, took)
}

/// The pull request numbers a completion offered (its other lines are flags).
fn offered_numbers(out: &crate::harness::Output) -> Vec<String> {
    out.stdout
        .lines()
        .filter_map(|l| l.split('\t').next())
        .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_string)
        .collect()
}

/// Dynamic completions of a pull request number on the github forge offer GitHub's open pull
/// requests (asked with the token, which is printed nowhere), with their titles as help.
#[test]
fn completions_offer_githubs_open_pull_requests_with_their_titles() {
    let gh = Gh::new();
    let mut seven = pr_json(7, "idp/backstage/enable-dev", &[]);
    seven["title"] = json!("Run Backstage in `dev`");
    let mut twelve = pr_json(12, "idp/adr/0002-queues", &[]);
    // Anyone's text: a newline in it is no candidate of its own.
    twelve["title"] = json!("ADR-0002: Queues\n99\tnot a pull request");
    gh.mount(
        Mock::given(method("GET"))
            .and(path("/repos/acme/platform/pulls"))
            .and(query_param("state", "open"))
            .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!([twelve, seven]))),
    );
    for words in [
        vec!["pr", "show", ""],
        vec!["pr", "merge", ""],
        vec!["pr", "close", ""],
    ] {
        let (out, _) = complete(&gh, &words, true);
        assert_eq!(
            offered_numbers(&out),
            ["12", "7"],
            "{words:?}: {}",
            out.stdout
        );
        assert!(
            out.stdout.contains("7\tRun Backstage in `dev`\n"),
            "{}",
            out.stdout
        );
        assert!(
            out.stdout
                .contains("12\tADR-0002: Queues 99 not a pull request\n"),
            "{}",
            out.stdout
        );
    }
    let (out, _) = complete(&gh, &["pr", "show", "1"], true);
    assert_eq!(offered_numbers(&out), ["12"], "{}", out.stdout);
    assert!(
        gh.calls()
            .iter()
            .all(|c| c.starts_with("GET /repos/acme/platform/pulls?state=open")),
        "{:?}",
        gh.calls()
    );
}

/// A completion never fails loudly and never hangs: GitHub answering 500, GitHub not
/// answering at all, or no token, is exit 0 with no pull request offered and nothing on stderr.
#[test]
fn completions_on_github_offer_nothing_on_an_error_a_hang_or_without_a_token() {
    let gh = Gh::new();
    let (out, _) = complete(&gh, &["pr", "show", ""], false);
    assert!(offered_numbers(&out).is_empty(), "{}", out.stdout);
    assert!(gh.requests().is_empty(), "no call without a token");

    gh.mount(
        Mock::given(method("GET"))
            .and(path("/repos/acme/platform/pulls"))
            .respond_with(
                ResponseTemplate::new(500).set_body_json(json!({"message": "Server Error"})),
            ),
    );
    let (out, took) = complete(&gh, &["pr", "merge", ""], true);
    assert!(offered_numbers(&out).is_empty(), "{}", out.stdout);
    assert!(!gh.requests().is_empty(), "GitHub was asked");
    // A command retries a 5xx for seconds; the shell is not kept waiting for that.
    assert!(took < Duration::from_secs(10), "took {took:?}");

    let hanging = Gh::new();
    hanging.mount(
        Mock::given(method("GET"))
            .and(path("/repos/acme/platform/pulls"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!([pr_json(3, "idp/x", &[])]))
                    .set_delay(Duration::from_secs(120)),
            ),
    );
    let (out, took) = complete(&hanging, &["pr", "show", ""], true);
    assert!(offered_numbers(&out).is_empty(), "{}", out.stdout);
    assert!(took < Duration::from_secs(10), "took {took:?}");
}
