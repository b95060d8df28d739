//! `idp runbook`: one format for operational guidance, numbered, indexed, linted.

use crate::harness::Test;

#[test]
fn init_ships_the_critical_runbooks_indexed_and_lint_clean() {
    let t = Test::platform();
    t.idp(["runbook", "lint"]).run().success();
    t.idp(["runbook", "index", "--check"]).run().success();
    let listed = t
        .idp(["runbook", "list", "-o", "json"])
        .run()
        .success()
        .json();
    assert_eq!(listed.as_array().unwrap().len(), 11);
    t.idp(["runbook", "lint", env!("CARGO_MANIFEST_DIR")])
        .run()
        .success();
}

#[test]
fn runbook_new_and_lint_findings() {
    let t = Test::platform();
    let o = t
        .idp([
            "runbook",
            "new",
            "Rotate the Kong certificate",
            "--domain",
            "ingress",
            "--direct",
            "-o",
            "json",
        ])
        .run()
        .success()
        .json();
    assert_eq!(o["path"], "runbooks/RB-0012-rotate-the-kong-certificate.md");
    let text = t.read("runbooks/RB-0012-rotate-the-kong-certificate.md");
    let sections: Vec<&str> = text.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(sections.len(), 8);
    assert!(t.read("runbooks/README.md").contains("[RB-0012](RB-0012-rotate-the-kong-certificate.md) | Rotate the Kong certificate | ingress |"));
    t.idp(["runbook", "lint"]).run().success();
    let path = "runbooks/RB-0012-rotate-the-kong-certificate.md";
    t.write(
        path,
        &text
            .replace("## Rollback\n", "## Undo\n")
            .replace("relates_to: []", "relates_to: [RB-0999]")
            .replace("id: RB-0012", "id: RB-0013"),
    );
    t.idp(["runbook", "lint"])
        .run()
        .code(3)
        .stdout_has("missing section `## Rollback`")
        .stdout_has("`relates_to` names `RB-0999`, which does not exist")
        .stdout_has("id `RB-0013` does not match the file name");
    t.commit_file("runbooks/README.md", "# Runbooks\n", "drop the index");
    t.idp(["runbook", "index", "--check"]).run().code(5);
}
