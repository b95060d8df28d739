//! `idp docs lint|coverage|freshness`: metadata against schemas/metadata/ with folder defaults,
//! owners and links, catalog quality, coverage and review dates.

use crate::harness::Test;

const GUIDE: &str = "---
id: DOC-0001
title: On-call guide
type: doc
status: active
version: '1.0'
date: 2026-11-01
---
# On-call guide
";

/// The rest of the contract's fields, for `docs/metadata.yaml`.
const DOCS_DEFAULTS: &str = "# defaults for docs/
domain: operations
owner: platform
lifecycle: active
risk_profile:
  production_impact: low
  security_risk: low
  coupling_risk: low
reliability:
  rollback_strategy: git-revert
  observability_tier: bronze
  maturity: 2
relates_to: []
supersedes: []
superseded_by: []
tags: [oncall]
supported_until: 2028-01-01
breaking_change: false
review_cadence_days: 30
";

#[test]
fn a_fresh_platform_is_clean_covered_and_fresh() {
    let t = Test::platform();
    t.idp(["docs", "lint"]).run().success();
    let rows = t
        .idp(["docs", "coverage", "-o", "json"])
        .run()
        .success()
        .json();
    let runbooks = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "runbook")
        .unwrap();
    assert_eq!(runbooks["covered"], runbooks["total"]);
    assert!(runbooks["total"].as_u64().unwrap() >= 11);
    t.idp(["docs", "freshness", "--fail"])
        .env("IDP_NOW", "2026-11-26")
        .run()
        .success()
        .stdout_has("RB-0001");
}

#[test]
fn folder_defaults_fill_a_doc_and_a_missing_field_lowers_coverage() {
    let t = Test::platform();
    t.write("docs/metadata.yaml", DOCS_DEFAULTS);
    t.write("docs/oncall.md", GUIDE);
    t.idp(["docs", "lint"]).run().success();
    t.idp(["docs", "coverage"])
        .run()
        .success()
        .stdout_has("doc ");

    // Without the folder's `owner`, the doc is not covered and lint names the field.
    t.write(
        "docs/metadata.yaml",
        &DOCS_DEFAULTS.replace("owner: platform\n", ""),
    );
    t.idp(["docs", "coverage"])
        .run()
        .code(3)
        .stdout_has("doc:docs/oncall.md (docs/oncall.md): \"owner\" is a required property");
    t.idp(["docs", "lint"])
        .run()
        .code(3)
        .stdout_has("docs/oncall.md:2:1:")
        .stdout_has("\"owner\" is a required property");
}

#[test]
fn a_bad_inherited_value_is_reported_where_it_was_written() {
    let t = Test::platform();
    t.write(
        "docs/metadata.yaml",
        &DOCS_DEFAULTS.replace("lifecycle: active", "lifecycle: forever"),
    );
    t.write("docs/oncall.md", GUIDE);
    let line = DOCS_DEFAULTS
        .lines()
        .position(|l| l.starts_with("lifecycle"))
        .unwrap()
        + 1;
    t.idp(["docs", "lint"])
        .run()
        .code(3)
        .stdout_has(&format!("docs/metadata.yaml:{line}:12:"))
        .stdout_has("`lifecycle`");
}

#[test]
fn id_and_title_are_never_inherited() {
    let t = Test::platform();
    t.write(
        "docs/metadata.yaml",
        &format!("{DOCS_DEFAULTS}title: Everything\n"),
    );
    t.write("docs/oncall.md", GUIDE);
    let line = DOCS_DEFAULTS.lines().count() + 1;
    let before = t.state();
    t.idp(["docs", "lint"])
        .run()
        .code(3)
        .stdout_has(&format!("docs/metadata.yaml:{line}:1:"))
        .stdout_has("never inherited");
    assert_eq!(t.state(), before, "docs lint wrote something");
    // `idp validate` judges metadata.yaml by the folder schema too.
    t.idp(["validate"])
        .run()
        .code(3)
        .stdout_has("unknown key `title`");
}

#[test]
fn owners_must_be_teams_and_links_must_resolve() {
    let t = Test::platform();
    t.write("docs/metadata.yaml", DOCS_DEFAULTS);
    t.write(
        "docs/oncall.md",
        &GUIDE.replace("status: active\n", "status: active\nowner: team-ghost\n"),
    );
    t.write(
        "environments/metadata.yaml",
        "lifecycle: active\nrunbooks: [RB-0008, RB-0999]\n",
    );
    t.idp(["docs", "lint"])
        .run()
        .code(3)
        .stdout_has("docs/oncall.md:6:8: owner `team-ghost` is not a team")
        .stdout_has("environments/metadata.yaml:2:")
        .stdout_has("`runbooks` names `RB-0999`, which does not exist");
}

#[test]
fn malformed_front_matter_is_reported_with_its_line() {
    let t = Test::platform();
    t.write(
        "docs/broken.md",
        "---\nid: DOC-0002\ntitle: [unclosed\n---\n# Broken\n",
    );
    t.idp(["docs", "lint"])
        .run()
        .code(3)
        .stdout_has("docs/broken.md:3:8: unclosed bracket");
    t.write("docs/open.md", "---\nid: DOC-0003\n# never closed\n");
    t.idp(["docs", "lint"])
        .run()
        .code(3)
        .stdout_has("docs/open.md:1:1: the front matter block is not closed");
}

#[test]
fn catalog_components_need_an_owner_that_exists_and_the_annotations() {
    let t = Test::platform();
    t.write(
        "catalog/components/billing.yaml",
        "apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: billing
  annotations:
    github.com/project-slug: acme/billing
    idp.dev/runbooks: RB-0004,RB-0404
spec:
  type: service
  lifecycle: production
  owner: group:default/team-nobody
",
    );
    t.idp(["docs", "lint"])
        .run()
        .code(3)
        .stdout_has("catalog/components/billing.yaml:11:10: Component `billing`: owner `group:default/team-nobody` is not a team")
        .stdout_has("lacks the annotation `grafana/dashboard-selector` (dashboards)")
        .stdout_has("lacks the annotation `argocd/app-name` (Argo CD app)")
        .stdout_has("names runbook `RB-0404`, which does not exist")
        .stdout_lacks("github.com/project-slug` (CI)");
}

#[test]
fn an_apps_catalog_info_is_checked_in_its_repository() {
    let t = Test::platform();
    t.idp(["new-app", "payments", "--owner", "platform", "--direct"])
        .run()
        .success();
    t.idp(["docs", "lint"]).run().success();
    t.idp(["docs", "coverage"]).run().success();
    // An owner that is no team: the app's metadata and its catalog-info both say so.
    t.idp(["new-app", "ledger", "--owner", "team-ledger", "--direct"])
        .run()
        .success();
    t.idp(["docs", "lint"])
        .run()
        .code(3)
        .stdout_has("apps/ledger/app.yaml:3:8: owner `team-ledger` is not a team")
        .stdout_has("ledger.git:catalog-info.yaml:");
}

#[test]
fn freshness_reports_overdue_docs_and_fails_only_when_asked() {
    let t = Test::platform();
    t.write("docs/metadata.yaml", DOCS_DEFAULTS);
    t.write(
        "docs/oncall.md",
        &GUIDE.replace(
            "date: 2026-11-01",
            "date: 2026-11-01\nlast_reviewed: 2026-10-01",
        ),
    );
    // Reviewed 2026-10-01 every 30 days: due 2026-10-31.
    let rows = t
        .idp(["docs", "freshness", "-o", "json"])
        .env("IDP_NOW", "2026-11-26")
        .run()
        .success()
        .json();
    let doc = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "docs/oncall.md")
        .unwrap()
        .clone();
    assert_eq!(doc["state"], "overdue");
    assert_eq!(doc["due"], "2026-10-31");
    assert_eq!(doc["days_left"], -26);
    t.idp(["docs", "freshness", "--fail"])
        .env("IDP_NOW", "2026-11-26")
        .run()
        .code(3)
        .stderr_has("1 doc(s) overdue");
    let soon = t
        .idp(["docs", "freshness", "--warn-within", "10", "-o", "json"])
        .env("IDP_NOW", "2026-10-25")
        .run()
        .success()
        .json();
    let doc = soon
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "docs/oncall.md")
        .unwrap()
        .clone();
    assert_eq!(doc["state"], "due-soon");
    t.idp(["docs", "freshness", "--warn-within", "-1"])
        .run()
        .code(2);
}
