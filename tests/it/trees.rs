//! Whole-tree fixtures, as cargo's `tests/testsuite/cargo_new/<case>/{in,out}`: a command runs
//! on a fresh `idp init` repo (the "in", made by the harness rather than committed), and every
//! file its change adds or modifies, path and content, is compared with the committed
//! `tests/fixtures/trees/<case>/` (the "out"), through the snapshot filters. `CHANGES` lists the
//! change's files with git's status letter, so a removed file shows too; `new-app` also holds
//! the generated app repository under `app-repo/`.
//!
//! Bless after a deliberate change: `INSTA_UPDATE=always cargo test --test it trees::` (or
//! `IDP_BLESS=1`, as for completions/), then review `git diff tests/fixtures/trees`. Under CI a
//! fixture is never written, and a missing or different one fails.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::harness::Test;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/trees")
}

fn bless() -> bool {
    std::env::var_os("CI").is_none_or(|v| v.is_empty() || v == "false")
        && (std::env::var("INSTA_UPDATE").is_ok_and(|v| v == "always")
            || std::env::var_os("IDP_BLESS").is_some())
}

/// Every file of `rev` in the bare or normal repository `repo`, by path.
fn tree_of(t: &Test, repo: &Path, rev: &str) -> BTreeMap<String, String> {
    t.git(repo, &["ls-tree", "-r", "--name-only", rev])
        .lines()
        .map(|p| {
            let text = t.git(repo, &["show", &format!("{rev}:{p}")]);
            (p.to_string(), text)
        })
        .collect()
}

/// What the change on `branch` adds or modifies against `main`, and its `CHANGES` listing.
fn changed_tree(t: &Test, branch: &str) -> BTreeMap<String, String> {
    let status = t.git(
        &t.platform,
        &["diff", "--no-renames", "--name-status", "main", branch],
    );
    let mut tree = BTreeMap::new();
    for line in status.lines() {
        let (letter, path) = line.split_once('\t').expect("status<TAB>path");
        if letter != "D" {
            let text = t.git(&t.platform, &["show", &format!("{branch}:{path}")]);
            tree.insert(format!("platform/{path}"), text);
        }
    }
    tree.insert("CHANGES".into(), status.replace('\t', " "));
    tree
}

fn read_dir_tree(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            read_dir_tree(root, &p, out);
        } else {
            let rel = p.strip_prefix(root).expect("under root");
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p:?}: {e}"));
            out.insert(rel.to_string_lossy().into_owned(), text);
        }
    }
}

/// Compare `actual` (filtered) with `tests/fixtures/trees/<case>/`, or write it when blessing.
#[track_caller]
fn assert_tree(t: &Test, case: &str, actual: BTreeMap<String, String>) {
    let actual: BTreeMap<String, String> = actual
        .into_iter()
        .map(|(p, text)| (p, t.filtered(&text)))
        .collect();
    let dir = fixtures().join(case);
    if bless() {
        let _ = std::fs::remove_dir_all(&dir);
        for (p, text) in &actual {
            let f = dir.join(p);
            std::fs::create_dir_all(f.parent().expect("a parent")).expect("mkdir");
            std::fs::write(&f, text).expect("write fixture");
        }
        return;
    }
    let mut expected = BTreeMap::new();
    read_dir_tree(&dir, &dir, &mut expected);
    let mut problems = Vec::new();
    for (p, want) in &expected {
        match actual.get(p) {
            None => problems.push(format!("missing: {p}")),
            Some(got) if got != want => problems.push(format!(
                "differs: {p}\n{}",
                similar::TextDiff::from_lines(want, got)
                    .unified_diff()
                    .header("fixture", "actual")
            )),
            Some(_) => {}
        }
    }
    for p in actual.keys().filter(|p| !expected.contains_key(*p)) {
        problems.push(format!("not in the fixture: {p}"));
    }
    assert!(
        problems.is_empty(),
        "tests/fixtures/trees/{case} is not what the command writes (bless with \
         `INSTA_UPDATE=always cargo test --test it trees::` and review the diff):\n{}",
        problems.join("\n")
    );
}

/// Run `idp args… -o json` on a copy of `base`, and return the copy and the change's branch.
fn run(base: &Test, args: &[&str]) -> (Test, String) {
    let t = base.copy_of();
    let mut all = args.to_vec();
    all.extend(["-o", "json"]);
    let out = t.idp(&all).run().success().json();
    let branch = out["branch"]
        .as_str()
        .unwrap_or_else(|| panic!("no branch in {out:#}"))
        .to_string();
    (t, branch)
}

#[test]
fn new_app_adr_new_and_provision_write_their_fixture_trees() {
    let base = Test::platform();

    let (t, branch) = run(&base, &["new-app", "billing", "--owner", "platform"]);
    let mut tree = changed_tree(&t, &branch);
    let app_repo = t.path(".idp/repos/billing.git");
    for (p, text) in tree_of(&t, &app_repo, "main") {
        tree.insert(format!("app-repo/{p}"), text);
    }
    assert_tree(&t, "new-app", tree);

    let (t, branch) = run(&base, &["adr", "new", "Use Postgres for the ledger"]);
    assert_tree(&t, "adr-new", changed_tree(&t, &branch));

    let s3 = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/requests/s3/valid.yaml");
    let s3 = s3.to_string_lossy();
    let (t, branch) = run(&base, &["provision", "s3", "--env", "dev", "-f", &s3]);
    assert_tree(&t, "provision-s3", changed_tree(&t, &branch));

    let (t, branch) = run(
        &base,
        &[
            "provision",
            "rds",
            "--env",
            "dev",
            "--owner",
            "platform",
            "--name",
            "ledger",
            "--size",
            "small",
            "--set",
            "username=ledger_app",
        ],
    );
    assert_tree(&t, "provision-rds", changed_tree(&t, &branch));
}
