//! Snapshots of what every command prints, as text and as `-o json`: the command line, the exit
//! code, stdout and stderr, through the harness's filters (temp paths, SHAs, times, record IDs),
//! in `tests/it/snapshots/`. One test per noun, each on the smallest real platform repo it needs;
//! a change is snapshotted on two copies of one setup, so its text and JSON runs see the same
//! state. `every_command_has_a_snapshot` walks `idp --help` and names any command without one.
//!
//! Bless after a deliberate change of output: `INSTA_UPDATE=always cargo test --test it
//! snapshots`, then review the diff (or `cargo insta test --review`). Under CI a missing or
//! different snapshot fails.

use std::collections::BTreeSet;
use std::path::Path;

use crate::harness::{APPROVER, Test, digest};

fn fixture(kind: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/requests")
        .join(kind)
        .join("valid.yaml")
        .to_string_lossy()
        .into_owned()
}

/// A platform repo with the app `payments` on `main` (`new-app --direct`).
fn with_app() -> Test {
    Test::with_app()
}

#[test]
fn init() {
    let t = Test::new();
    t.snap_change("init", &["init", "platform"]);
}

#[test]
fn validate() {
    let t = with_app();
    t.snap_read("validate", &["validate"]);
}

#[test]
fn env() {
    let t = Test::platform();
    t.snap_read("env_list", &["env", "list"]);
    t.snap_read("env_show", &["env", "show", "test"]);
    t.snap_change("env_add", &["env", "add", "qa", "--after", "test"]);
    t.snap_change(
        "env_set",
        &["env", "set", "dev", "gates.healthyWithinHours", "6"],
    );
}

#[test]
fn pr() {
    let t = Test::platform();
    t.add_approver();
    t.idp(["new-app", "payments", "--owner", "platform"])
        .run()
        .success();
    t.snap_read("pr_list", &["pr", "list"]);
    t.snap_read("pr_show", &["pr", "show", "1"]);
    t.snap_read("pr_diff", &["pr", "diff", "1"]);
    t.snap_read("pr_protect", &["pr", "protect"]);
    for (name, json) in [("pr_approve", false), ("pr_approve.json", true)] {
        let c = t.copy_of();
        let mut args = vec!["pr", "approve", "1", "--label", "platform-approved"];
        if json {
            args.extend(["-o", "json"]);
        }
        let out = c.idp(&args).env("IDP_ACTOR", APPROVER).run();
        c.snapshot(name, &args, &out);
    }
    t.snap_change("pr_merge", &["pr", "merge", "1"]);
    t.snap_change("pr_close", &["pr", "close", "1"]);
}

#[test]
fn new_app() {
    let t = Test::platform();
    t.snap_change("new_app", &["new-app", "billing", "--owner", "platform"]);
}

#[test]
fn golden_path() {
    let t = Test::platform();
    t.snap_read("golden_path_list", &["golden-path", "list"]);
    t.snap_read(
        "golden_path_show",
        &["golden-path", "show", "stateless-app"],
    );
    t.snap_change(
        "golden_path_eject",
        &["golden-path", "eject", "stateless-app"],
    );
    t.snap_change(
        "golden_path_render",
        &[
            "golden-path",
            "render",
            "stateless-app",
            "--out",
            "../rendered",
            "--set",
            "name=billing",
            "--set",
            "owner=platform",
        ],
    );
}

#[test]
fn upgrade() {
    let t = with_app();
    t.snap_change("upgrade", &["upgrade", ".idp/repos/payments.git"]);
}

#[test]
fn provision() {
    let t = with_app();
    for (name, kind) in [
        ("provision_s3", "s3"),
        ("provision_ebs", "ebs"),
        ("provision_ec2", "ec2"),
        ("provision_ecr", "ecr"),
        ("provision_eks", "eks"),
        ("provision_secrets", "secrets"),
    ] {
        let f = fixture(kind);
        t.snap_change(name, &["provision", kind, "--env", "dev", "-f", &f]);
    }
    t.snap_change(
        "provision_rds",
        &[
            "provision",
            "rds",
            "--env",
            "dev",
            "--owner",
            "platform",
            "--name",
            "ledger",
            "--application",
            "payments",
            "--size",
            "small",
            "--set",
            "username=ledger_app",
        ],
    );
    t.snap_read("provision_example", &["provision", "example", "s3"]);
    // Reads and changes of a request on main.
    t.idp([
        "provision",
        "s3",
        "--env",
        "dev",
        "-f",
        &fixture("s3"),
        "--direct",
    ])
    .run()
    .success();
    t.snap_read("provision_list", &["provision", "list"]);
    t.snap_read("provision_show", &["provision", "show", "S3-0001"]);
    t.snap_read("provision_render", &["provision", "render", "--check"]);
    t.snap_read(
        "provision_approvals",
        &["provision", "approvals", "requests/s3/dev/S3-0001.yaml"],
    );
    // Without terraform on PATH: the same answer on every machine.
    for (name, args) in [
        ("provision_plan", vec!["provision", "plan", "--env", "dev"]),
        (
            "provision_plan.json",
            vec!["provision", "plan", "--env", "dev", "-o", "json"],
        ),
    ] {
        let out = t
            .idp(&args)
            .env("PATH", "/nonexistent")
            .env_remove("IDP_TERRAFORM")
            .run();
        t.snapshot(name, &args, &out);
    }
    t.snap_change("provision_delete", &["provision", "delete", "S3-0001"]);
}

#[test]
fn adr() {
    let t = Test::platform();
    t.snap_change("adr_new", &["adr", "new", "Use Postgres"]);
    t.idp(["adr", "new", "Use Postgres", "--direct"])
        .run()
        .success();
    t.snap_read("adr_list", &["adr", "list"]);
    t.snap_read("adr_show", &["adr", "show", "ADR-0001"]);
    t.snap_read("adr_lint", &["adr", "lint"]);
    t.snap_change("adr_status", &["adr", "status", "ADR-0001", "accepted"]);
    t.snap_change("adr_index", &["adr", "index"]);
}

#[test]
fn runbook() {
    let t = Test::platform();
    t.snap_change("runbook_new", &["runbook", "new", "Restore the ledger"]);
    t.snap_read("runbook_list", &["runbook", "list"]);
    t.snap_read("runbook_lint", &["runbook", "lint"]);
    t.snap_change("runbook_index", &["runbook", "index"]);
}

#[test]
fn image_promote_rollback_status_history() {
    let t = with_app();
    let d = digest('a');
    t.snap_change(
        "image_set",
        &["image", "set", "payments", "--env", "dev", "--digest", &d],
    );
    t.snap_read("image_latest", &["image", "latest", "payments"]);
    t.idp([
        "image", "set", "payments", "--env", "dev", "--digest", &d, "--direct",
    ])
    .run()
    .success();
    t.snap_change(
        "promote",
        &["promote", "payments", "--to", "test", "--no-registry"],
    );
    t.idp([
        "image",
        "set",
        "payments",
        "--env",
        "dev",
        "--digest",
        &digest('b'),
        "--direct",
    ])
    .run()
    .success();
    t.snap_change("rollback", &["rollback", "payments", "--env", "dev"]);
    t.snap_read("status", &["status"]);
    t.snap_read("history", &["history", "payments"]);
}

#[test]
fn health_and_drift() {
    let t = with_app();
    let kubeconfig = t.root.join("no-kubeconfig");
    let k = kubeconfig.to_str().unwrap_or_default();
    t.snap_read("health", &["health", "--env", "dev", "--kubeconfig", k]);
    t.snap_read("drift", &["drift", "--env", "dev", "--layer", "render"]);
}

#[test]
fn identity() {
    let t = Test::platform();
    t.snap_read("whoami", &["whoami"]);
    t.snap_read("login", &["login"]);
    t.snap_read("logout", &["logout"]);
}

#[test]
fn docs_and_graph() {
    let t = with_app();
    t.snap_read("docs_lint", &["docs", "lint"]);
    t.snap_read("docs_coverage", &["docs", "coverage"]);
    // Days left count from a fixed today.
    for (name, args) in [
        ("docs_freshness", vec!["docs", "freshness"]),
        (
            "docs_freshness.json",
            vec!["docs", "freshness", "-o", "json"],
        ),
    ] {
        let out = t.idp(&args).env("IDP_NOW", "2027-01-01").run();
        t.snapshot(name, &args, &out);
    }
    t.snap_read("graph", &["graph"]);
    t.snap_read("graph_why", &["graph", "why", "payments"]);
}

#[test]
fn teardown() {
    let t = with_app();
    t.snap_change("teardown", &["teardown", "--env", "dev"]);
    t.snap_change(
        "teardown_run",
        &[
            "teardown",
            "run",
            "--env",
            "dev",
            "--confirm",
            "dev",
            "--dry-run",
        ],
    );
    t.snap_read("teardown_report", &["teardown", "report", "--env", "dev"]);
}

#[test]
fn records_migrate_metrics() {
    let t = with_app();
    t.snap_change(
        "records_add",
        &[
            "records",
            "add",
            "--phase",
            "build",
            "--env",
            "dev",
            "--result",
            "success",
            "--duration",
            "42",
            "--service",
            "payments",
        ],
    );
    t.idp([
        "records",
        "add",
        "--phase",
        "deploy",
        "--env",
        "dev",
        "--result",
        "failed",
        "--exit-code",
        "1",
        "--duration",
        "7",
    ])
    .run()
    .success();
    t.snap_read("records_list", &["records", "list"]);
    t.snap_change("records_migrate", &["records", "migrate"]);
    t.snap_change("migrate_external_secrets", &["migrate", "external-secrets"]);
    t.snap_change("migrate_policy_inventory", &["migrate", "policy-inventory"]);
    t.snap_read("metrics_export", &["metrics", "export"]);
    t.snap_read(
        "metrics_push",
        &["metrics", "push", "--gateway", "http://127.0.0.1:9"],
    );
}

#[test]
fn backstage_mcp_man() {
    let t = Test::platform();
    t.snap_change("backstage_templates", &["backstage", "templates"]);
    t.snap_change(
        "backstage_enable",
        &["backstage", "enable", "dev", "--tag", "1.4.0"],
    );
    t.snap_change("backstage_disable", &["backstage", "disable", "dev"]);
    t.snap_read("mcp", &["mcp"]);
    t.snap_read("man", &["man"]);
}

/// Commands whose output is compared whole elsewhere, not snapshotted here.
const COVERED_ELSEWHERE: [(&str, &str); 1] = [(
    "completions",
    "its scripts are compared whole against completions/ (completions.rs)",
)];

/// Every command of `idp --help`, walked down its subcommands: the leaves, and the inner
/// commands that run by themselves (`idp graph`, `idp teardown --env`).
fn commands(t: &Test, path: &mut Vec<String>, out: &mut Vec<String>) {
    let mut args = path.clone();
    args.push("--help".into());
    let help = t.idp(&args).run().success().stdout;
    let mut subs = Vec::new();
    let mut in_commands = false;
    for line in help.lines() {
        if line == "Commands:" {
            in_commands = true;
        } else if line.is_empty() {
            in_commands = false;
        } else if in_commands
            && let Some(name) = line
                .strip_prefix("  ")
                .and_then(|l| l.split_whitespace().next())
            && !line.starts_with("   ")
            && name != "help"
        {
            subs.push(name.to_string());
        }
    }
    let usage: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Usage:"))
        .take_while(|l| !l.is_empty())
        .collect();
    let runs_alone = subs.is_empty() || usage.len() > 1 || usage[0].contains("[COMMAND]");
    if runs_alone && !path.is_empty() {
        out.push(path.join(" "));
    }
    for s in subs {
        path.push(s);
        commands(t, path, out);
        path.pop();
    }
}

#[test]
fn every_command_has_a_snapshot() {
    let t = Test::new();
    let mut all = Vec::new();
    commands(&t, &mut Vec::new(), &mut all);
    assert!(all.len() > 50, "walked too few commands: {all:?}");
    // The command lines the snapshots record (`$ idp …` on their first line after the header).
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/snapshots");
    // A snapshot no test of this file makes any more (its name is not in it) covers nothing.
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/snapshots.rs"),
    )
    .expect("tests/it/snapshots.rs");
    let mut lines = BTreeSet::new();
    let mut stale = Vec::new();
    for e in std::fs::read_dir(&dir).expect("tests/it/snapshots") {
        let path = e.expect("entry").path();
        let file = path.file_name().unwrap_or_default().to_string_lossy();
        if !file.ends_with(".snap") {
            continue; // `.snap.new`: a difference insta left for review
        }
        let name = file.trim_end_matches(".snap").trim_end_matches(".json");
        if !source.contains(&format!("\"{name}\"")) {
            stale.push(file.into_owned());
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        if let Some(l) = text.lines().find(|l| l.starts_with("$ idp ")) {
            lines.insert(format!("{} ", &l["$ idp ".len()..]));
        }
    }
    assert!(
        stale.is_empty(),
        "snapshots no test makes (delete them): {stale:?}"
    );
    let mut missing = Vec::new();
    for cmd in &all {
        if COVERED_ELSEWHERE.iter().any(|(c, _)| cmd == c) {
            continue;
        }
        let prefix = format!("{cmd} ");
        let with = |json: bool| {
            lines.iter().any(|l| {
                l.starts_with(&prefix)
                    && l[prefix.len()..].split(' ').next().is_none_or(|w| {
                        // `graph` is not `graph why`: the next word is an argument, not a command.
                        !all.contains(&format!("{cmd} {w}"))
                    })
                    && l.contains(" -o json ") == json
            })
        };
        if !with(false) {
            missing.push(format!("idp {cmd}"));
        }
        if !with(true) {
            missing.push(format!("idp {cmd} -o json"));
        }
    }
    assert!(
        missing.is_empty(),
        "commands without a snapshot in tests/it/snapshots.rs:\n  {}",
        missing.join("\n  ")
    );
}
