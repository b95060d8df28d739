//! Many clones and many processes writing to one platform repo at once (issue 18, ADR-0020):
//! every command that exits 0 has what it reported on the remote, numbers are unique, records
//! are all there, no checkout is left with staged files and every repository passes
//! `git fsck --full`. The commands are the real binary, started together from threads.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Barrier;

use crate::harness::{Output, Test};

/// One command of the mix, as a user or a CI job would run it.
#[derive(Debug, Clone)]
pub enum Job {
    /// `adr new TITLE` (a pull request; takes an ADR number and a PR number).
    Adr(String),
    /// `provision ecr` of repository NAME (a pull request; takes an `ECR-` id).
    Ecr(String),
    /// `provision rds --name NAME` (a pull request; takes an `RDS-` id).
    Rds(String),
    /// `image set APP --env dev --digest D --direct` (CI's write-back on main).
    ImageDirect(String, String),
    /// `image set APP --env dev --digest D` (a pull request).
    ImagePr(String, String),
    /// `promote APP --to test` (a pull request).
    Promote(String),
    /// `pr merge N`.
    Merge(u64),
    /// `backstage enable ENV --tag 1.0`, with `--direct` when `direct` (else a pull request).
    BackstageEnable(String, bool),
    /// `backstage disable ENV`, with `--direct` when `direct` (else a pull request).
    BackstageDisable(String, bool),
    /// `new-app NAME --set internal=true` (signs in through Keycloak), with `--direct` when
    /// `direct` (else a pull request).
    InternalApp(String, bool),
}

impl Job {
    pub fn args(&self, t: &Test) -> Vec<String> {
        let s = |v: &[&str]| v.iter().map(|a| a.to_string()).collect::<Vec<_>>();
        let mut args = match self {
            Job::Adr(title) => s(&["adr", "new", title, "--owner", "platform"]),
            Job::Ecr(name) => {
                let f = t.root.join(format!("ecr-{name}.yaml"));
                std::fs::write(&f, ecr_request(name)).unwrap();
                s(&[
                    "provision",
                    "ecr",
                    "--env",
                    "dev",
                    "-f",
                    f.to_str().unwrap(),
                ])
            }
            Job::Rds(name) => s(&[
                "provision",
                "rds",
                "--env",
                "dev",
                "--owner",
                "platform",
                "--name",
                name,
                "--size",
                "small",
                "--set",
                "username=app_user",
            ]),
            Job::ImageDirect(app, d) => s(&[
                "image", "set", app, "--env", "dev", "--digest", d, "--direct",
            ]),
            Job::ImagePr(app, d) => s(&["image", "set", app, "--env", "dev", "--digest", d]),
            Job::Promote(app) => s(&["promote", "--no-registry", app, "--to", "test"]),
            Job::Merge(n) => s(&["pr", "merge", &n.to_string()]),
            Job::BackstageEnable(env, direct) => {
                let mut a = s(&["backstage", "enable", env, "--tag", "1.0"]);
                a.extend(direct.then(|| "--direct".to_string()));
                a
            }
            Job::BackstageDisable(env, direct) => {
                let mut a = s(&["backstage", "disable", env]);
                a.extend(direct.then(|| "--direct".to_string()));
                a
            }
            Job::InternalApp(name, direct) => {
                let mut a = s(&[
                    "new-app",
                    name,
                    "--owner",
                    "platform",
                    "--set",
                    "internal=true",
                ]);
                a.extend(direct.then(|| "--direct".to_string()));
                a
            }
        };
        args.extend(s(&["-o", "json"]));
        args
    }

    fn opens_a_pull_request(&self) -> bool {
        !matches!(
            self,
            Job::ImageDirect(..)
                | Job::Merge(_)
                | Job::BackstageEnable(_, true)
                | Job::BackstageDisable(_, true)
                | Job::InternalApp(_, true)
        )
    }

    /// Does it commit to main itself (`--direct`)?
    fn commits_to_main(&self) -> bool {
        matches!(
            self,
            Job::ImageDirect(..)
                | Job::BackstageEnable(_, true)
                | Job::BackstageDisable(_, true)
                | Job::InternalApp(_, true)
        )
    }
}

/// An ECR request for repository `name` without an `id:` (idp numbers it).
pub fn ecr_request(name: &str) -> String {
    format!(
        "environment: dev\nowner: platform\nrequester: ada@example.com\nmetadata:\n  title: Image repository for {name} (dev)\nspec:\n  repositoryName: {name}\n  application: payments\n  risk: low\n  scanOnPush: true\n  untaggedExpiryDays: 7\n"
    )
}

/// A digest made from a number (distinct numbers, distinct digests).
pub fn digest_of(n: usize) -> String {
    format!("sha256:{n:064x}")
}

/// What one command did.
#[derive(Debug)]
pub struct Done {
    pub dir: PathBuf,
    pub job: Job,
    pub out: Output,
}

/// Run every `(dir, job)` at once (threads released together by a barrier); wait for all.
pub fn run_at_once(t: &Test, jobs: &[(PathBuf, Job)]) -> Vec<Done> {
    let barrier = Barrier::new(jobs.len());
    std::thread::scope(|s| {
        let handles: Vec<_> = jobs
            .iter()
            .map(|(dir, job)| {
                let args = job.args(t);
                let barrier = &barrier;
                s.spawn(move || {
                    let run = t.idp(args).current_dir(dir);
                    barrier.wait();
                    Done {
                        dir: dir.clone(),
                        job: job.clone(),
                        out: run.run(),
                    }
                })
            })
            .collect();
        let done: Vec<Done> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        // With IDP_TEST_KEEP (and IDP_LOG for more), what each process said stays beside the
        // kept repos.
        if std::env::var_os("IDP_TEST_KEEP").is_some() {
            use std::io::Write as _;
            let mut log = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(t.root.join("jobs.log"))
                .unwrap();
            for d in &done {
                writeln!(
                    log,
                    "== {:?} in {}: exit {}\n{}",
                    d.job,
                    d.dir.display(),
                    d.out.code,
                    d.out.stderr
                )
                .unwrap();
            }
        }
        done
    })
}

/// Tallies of a run, printed at the end (`cargo test -- --nocapture` shows them).
#[derive(Debug, Default)]
pub struct Tally {
    pub ok: usize,
    pub contended: usize,
    pub conflicts: usize,
    pub retries: usize,
}

/// Check each command's own result: exit 0, or a clean failure (exit 7 "contended", or exit 3
/// for a merge that conflicts), never a raw git or libgit2 error; and that everything a
/// command reports is on the remote.
pub fn check_each(t: &Test, done: &[Done], tally: &mut Tally) {
    let remote = t.refs(&t.remote);
    for d in done {
        let o = &d.out;
        tally.retries += o.stderr.matches("moved on while").count();
        let what = format!(
            "{:?} in {}\n--- stdout\n{}\n--- stderr\n{}",
            d.job,
            d.dir.display(),
            o.stdout,
            o.stderr
        );
        for raw in [".lock': File exists", "libgit2", "panicked", "class="] {
            assert!(!o.stderr.contains(raw), "raw error `{raw}`: {what}");
        }
        match o.code {
            0 => tally.ok += 1,
            7 => {
                tally.contended += 1;
                assert!(o.stderr.contains("error:"), "exit 7 says why: {what}");
                continue;
            }
            3 if matches!(d.job, Job::Merge(_)) && o.stderr.contains("conflicts in") => {
                tally.conflicts += 1;
                continue;
            }
            code => panic!("exit {code}: {what}"),
        }
        let j = o.json();
        // A change the remote already had reports nothing to check.
        if j["status"] == "no-change" {
            assert!(j["commit"].is_null(), "no change, but a commit: {what}");
            continue;
        }
        if d.job.commits_to_main() {
            let commit = j["commit"].as_str().unwrap_or_else(|| panic!("{what}"));
            assert!(
                is_ancestor(&t.remote, commit, "refs/heads/main"),
                "{commit} is not on the remote's main: {what}"
            );
        }
        if d.job.opens_a_pull_request() {
            let branch = j["branch"].as_str().unwrap_or_else(|| panic!("{what}"));
            let n = j["pr"]["number"]
                .as_u64()
                .unwrap_or_else(|| panic!("{what}"));
            let commit = j["commit"].as_str().unwrap();
            assert!(
                remote.contains_key(&format!("refs/heads/{branch}")),
                "`{branch}` is not on the remote: {what}"
            );
            let record = pull_record(t, n).unwrap_or_else(|| panic!("no record #{n}: {what}"));
            assert_eq!(record["head"], branch, "record #{n}: {what}");
            // The branch holds the reported commit, or a later one made from it by another
            // run of the same change (a promotion of the same app updates its branch).
            assert!(
                is_ancestor(&t.remote, commit, &format!("refs/heads/{branch}"))
                    || record["head_sha"] != commit,
                "`{branch}` on the remote lost {commit}: {what}"
            );
        }
        if let Job::ImageDirect(app, digest) = &d.job {
            assert!(
                records_mention(t, &format!("\"{app}\""), digest),
                "no record of {app} at {digest} on the remote's main: {what}"
            );
        }
        if let Job::Merge(n) = &d.job {
            let record = pull_record(t, *n).unwrap();
            assert_eq!(record["state"], "merged", "{what}");
            let commit = j["commit"].as_str().unwrap();
            assert!(
                is_ancestor(&t.remote, commit, "refs/heads/main"),
                "merge {commit} is not on the remote's main: {what}"
            );
        }
    }
}

/// The record of pull request `n` as the remote holds it.
pub fn pull_record(t: &Test, n: u64) -> Option<serde_json::Value> {
    let out = std::process::Command::new("git")
        .args(["show", &format!("refs/idp/pulls/{n}:pull.json")])
        .current_dir(&t.remote)
        .output()
        .unwrap();
    out.status
        .success()
        .then(|| serde_json::from_slice(&out.stdout).unwrap())
}

/// Is `commit` reachable from `rev` in `repo`?
pub fn is_ancestor(repo: &Path, commit: &str, rev: &str) -> bool {
    std::process::Command::new("git")
        .args(["merge-base", "--is-ancestor", commit, rev])
        .current_dir(repo)
        .status()
        .unwrap()
        .success()
}

/// Does one record file under `.idp/records/` of the remote's main mention both strings?
/// (Independent of how records are laid out: one file per record, or lines of a `.jsonl`.)
pub fn records_mention(t: &Test, a: &str, b: &str) -> bool {
    let out = std::process::Command::new("git")
        .args([
            "grep",
            "-l",
            "--all-match",
            "-F",
            "-e",
            a,
            "-e",
            b,
            "refs/heads/main",
            "--",
            ".idp/records",
        ])
        .current_dir(&t.remote)
        .output()
        .unwrap();
    !out.stdout.is_empty()
}

/// The checks on the whole: every pull request ref on the remote is readable, names a branch
/// the remote has (no orphan record) and has a number of its own; every `idp/` branch has a
/// record (no orphan branch); the sequences are at or above every number handed out; ADR
/// numbers and request IDs are unique across main and every branch; no checkout has staged
/// or changed files; `git fsck --full` is clean on the remote and every clone.
pub fn check_whole(t: &Test, clones: &[PathBuf]) {
    let remote = t.refs(&t.remote);
    let mut heads_of_open = BTreeMap::new();
    let mut heads_with_records = BTreeSet::new();
    let mut top = 0;
    for name in remote.keys() {
        let Some(n) = name.strip_prefix("refs/idp/pulls/") else {
            continue;
        };
        let n: u64 = n.parse().unwrap_or_else(|_| panic!("bad pull ref {name}"));
        top = top.max(n);
        let r = pull_record(t, n).unwrap_or_else(|| panic!("{name} has no pull.json"));
        assert_eq!(r["number"], n, "{name} holds another number: {r}");
        let head = r["head"].as_str().unwrap().to_string();
        heads_with_records.insert(head.clone());
        if r["state"] == "open" {
            assert!(
                remote.contains_key(&format!("refs/heads/{head}")),
                "open #{n} names `{head}`, which the remote does not have"
            );
            if let Some(other) = heads_of_open.insert(head.clone(), n) {
                panic!("#{other} and #{n} are both open for `{head}`");
            }
        }
    }
    if top > 0 {
        let seq: u64 = t
            .git(&t.remote, &["show", "refs/idp/sequences/pulls:value"])
            .trim()
            .parse()
            .unwrap();
        assert!(seq >= top, "the pulls sequence ({seq}) is below #{top}");
    }
    for name in remote.keys() {
        if let Some(branch) = name.strip_prefix("refs/heads/idp/") {
            assert!(
                heads_with_records.contains(&format!("idp/{branch}")),
                "orphan branch `idp/{branch}` on the remote: no pull request names it"
            );
        }
    }
    numbers_are_unique(t, &remote);
    for dir in clones {
        assert_eq!(
            t.git(dir, &["status", "--porcelain", "--untracked-files=no"]),
            "",
            "{} has staged or changed files",
            dir.display()
        );
    }
    for dir in clones.iter().chain([&t.remote]) {
        let out = std::process::Command::new("git")
            .args(["fsck", "--full", "--no-progress"])
            .current_dir(dir)
            .env("HOME", &t.home)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git fsck --full in {}: {}",
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// ADR numbers and request IDs: each file `adrs/ADR-NNNN-*.md` and `requests/*/*/ID.yaml` on
/// main and on every open branch, by number; one number, one file (a branch holds main's).
fn numbers_are_unique(t: &Test, remote: &BTreeMap<String, String>) {
    let mut owners: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for name in remote.keys().filter(|n| n.starts_with("refs/heads/")) {
        // A file and its blob: one request taken twice has the same path on two branches, with
        // two different contents.
        let files = t.git(&t.remote, &["ls-tree", "-r", name]);
        for line in files.lines() {
            let Some((meta, f)) = line.split_once('\t') else {
                continue;
            };
            let blob = meta.rsplit(' ').next().unwrap_or_default();
            let number = if let Some(rest) = f.strip_prefix("adrs/ADR-") {
                rest.get(..4).map(|n| format!("ADR-{n}"))
            } else if f.starts_with("requests/") && f.ends_with(".yaml") {
                f.rsplit('/')
                    .next()
                    .map(|n| n.trim_end_matches(".yaml").to_string())
            } else {
                None
            };
            if let Some(number) = number {
                owners
                    .entry(number)
                    .or_default()
                    .insert(format!("{f} ({})", &blob[..blob.len().min(12)]));
            }
        }
    }
    for (number, files) in &owners {
        assert_eq!(files.len(), 1, "{number} is taken by {files:?}");
    }
}

/// A platform with apps `app0`..`app{n}` (each with a first image in dev), and `clones`
/// clones of its remote.
pub fn team(apps: usize, clones: usize) -> (Test, Vec<PathBuf>) {
    let t = Test::platform();
    for a in 0..apps {
        let app = format!("app{a}");
        t.idp(["new-app", &app, "--owner", "platform", "--direct"])
            .run()
            .success();
        t.idp([
            "image",
            "set",
            &app,
            "--env",
            "dev",
            "--digest",
            &digest_of(1000 + a),
            "--direct",
        ])
        .run()
        .success();
    }
    let dirs = (0..clones)
        .map(|i| t.clone_remote(&format!("clone{i}")))
        .collect();
    (t, dirs)
}

/// The mix of round `round` for slot `i` of 8: two ADRs, two requests, two write-backs on main,
/// and two of promotions, image PRs and merges of the previous round's requests.
fn mixed(round: usize, i: usize, mergeable: &mut Vec<u64>) -> Job {
    let name = format!("r{round}c{i}");
    match i % 8 {
        0 | 1 => Job::Adr(format!("Decision {name}")),
        2 => Job::Ecr(name),
        3 => Job::Rds(name),
        4 | 5 => Job::ImageDirect(format!("app{i}"), digest_of(round * 10 + i)),
        _ => match mergeable.pop() {
            Some(n) => Job::Merge(n),
            None if i.is_multiple_of(2) => Job::Promote(format!("app{i}")),
            None => Job::ImagePr(format!("app{i}"), digest_of(500 + round * 10 + i)),
        },
    }
}

/// Rounds of the mixed jobs, each job in the directory `dirs[i % dirs.len()]`; the requests of
/// a round are merged in the next.
fn rounds(t: &Test, dirs: &[PathBuf], slots: usize, rounds: usize) -> Tally {
    let mut tally = Tally::default();
    let mut mergeable = Vec::new();
    for round in 0..rounds {
        let jobs: Vec<(PathBuf, Job)> = (0..slots)
            .map(|i| {
                (
                    dirs[i % dirs.len()].clone(),
                    mixed(round, i, &mut mergeable),
                )
            })
            .collect();
        let done = run_at_once(t, &jobs);
        check_each(t, &done, &mut tally);
        for d in &done {
            if matches!(d.job, Job::Ecr(_) | Job::Rds(_)) && d.out.code == 0 {
                mergeable.push(d.out.json()["pr"]["number"].as_u64().unwrap());
            }
        }
    }
    tally
}

fn report(what: &str, tally: &Tally, commands: usize) {
    eprintln!(
        "{what}: {commands} commands, {} exit 0, {} contended (exit 7), {} merge conflicts, \
         {} retries after a lost race",
        tally.ok, tally.contended, tally.conflicts, tally.retries
    );
}

#[test]
fn eight_clones_running_mixed_commands_at_once_lose_nothing() {
    let (t, dirs) = team(8, 8);
    let tally = rounds(&t, &dirs, 8, 3);
    report("8 clones", &tally, 24);
    // Nothing is lost: what landed is all there, and a fresh clone validates.
    check_whole(&t, &dirs);
    let fresh = t.clone_remote("fresh");
    t.idp(["validate"]).current_dir(&fresh).run().success();
    // Exit 7 is for a remote that keeps moving; 8 writers should not get there often.
    assert!(
        tally.contended <= 2,
        "{} of 24 commands gave up: {tally:?}",
        tally.contended
    );
}

#[test]
fn eight_processes_in_one_clone_at_once_lose_nothing() {
    let (t, _) = team(8, 0);
    let dirs = vec![t.platform.clone()];
    let tally = rounds(&t, &dirs, 8, 2);
    report("8 processes in one clone", &tally, 16);
    check_whole(&t, &dirs);
    assert!(
        tally.contended <= 2,
        "{} of 16 commands gave up: {tally:?}",
        tally.contended
    );
}

// see issue 18: 8 clones opening 8 changes at once, 65 of 80 exited 0 and only 10 PRs landed.
#[test]
fn eight_clones_opening_changes_at_once_lost_reported_successes() {
    let t = Test::platform();
    let dirs: Vec<PathBuf> = (0..8).map(|i| t.clone_remote(&format!("c{i}"))).collect();
    let mut opened = BTreeSet::new();
    let mut tally = Tally::default();
    for round in 0..2 {
        let jobs: Vec<(PathBuf, Job)> = dirs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.clone(), Job::Adr(format!("Round {round} clone {i}"))))
            .collect();
        let done = run_at_once(&t, &jobs);
        check_each(&t, &done, &mut tally);
        for d in done.iter().filter(|d| d.out.code == 0) {
            let n = d.out.json()["pr"]["number"].as_u64().unwrap();
            assert!(opened.insert(n), "#{n} was reported twice");
        }
    }
    report("8 clones opening ADRs", &tally, 16);
    let on_remote = t
        .refs(&t.remote)
        .keys()
        .filter(|r| r.starts_with("refs/idp/pulls/"))
        .count();
    assert_eq!(on_remote, opened.len(), "reported {opened:?}");
    check_whole(&t, &dirs);
}

// see issue 18: 8 processes in one repo, two printed the same PR number.
#[test]
fn eight_processes_in_one_repo_printed_the_same_pull_request_number() {
    let t = Test::platform();
    let jobs: Vec<(PathBuf, Job)> = (0..8)
        .map(|i| (t.platform.clone(), Job::Ecr(format!("repo{i}"))))
        .collect();
    let done = run_at_once(&t, &jobs);
    let mut tally = Tally::default();
    check_each(&t, &done, &mut tally);
    let numbers: Vec<u64> = done
        .iter()
        .filter(|d| d.out.code == 0)
        .map(|d| d.out.json()["pr"]["number"].as_u64().unwrap())
        .collect();
    let unique: BTreeSet<u64> = numbers.iter().copied().collect();
    assert_eq!(numbers.len(), unique.len(), "{numbers:?}");
    report("8 processes in one repo", &tally, 8);
    check_whole(&t, std::slice::from_ref(&t.platform));
}

// see issue 18: concurrent `provision` and `adr new` all got -0001.
#[test]
fn concurrent_provision_and_adr_new_all_took_0001() {
    let t = Test::platform();
    let dirs: Vec<PathBuf> = (0..8).map(|i| t.clone_remote(&format!("c{i}"))).collect();
    let jobs: Vec<(PathBuf, Job)> = dirs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let job = match i % 3 {
                0 => Job::Adr(format!("Choice {i}")),
                1 => Job::Ecr(format!("images{i}")),
                _ => Job::Rds(format!("db{i}")),
            };
            (d.clone(), job)
        })
        .collect();
    let done = run_at_once(&t, &jobs);
    let mut tally = Tally::default();
    check_each(&t, &done, &mut tally);
    let mut ids = BTreeSet::new();
    for d in done.iter().filter(|d| d.out.code == 0) {
        let j = d.out.json();
        let file = j["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap().to_string())
            .find(|p| p.starts_with("adrs/ADR-") || p.starts_with("requests/"))
            .unwrap();
        let id = file.rsplit('/').next().unwrap()[..8].to_string();
        assert!(ids.insert(id.clone()), "{id} handed out twice ({file})");
    }
    check_whole(&t, &dirs);
}

// see issue 18: 6 concurrent `--direct` runs, 1 landed, 5 failed and left staged changes.
#[test]
fn six_concurrent_direct_changes_left_staged_files() {
    let (t, _) = team(6, 0);
    let jobs: Vec<(PathBuf, Job)> = (0..6)
        .map(|i| {
            (
                t.platform.clone(),
                Job::ImageDirect(format!("app{i}"), digest_of(7000 + i)),
            )
        })
        .collect();
    let done = run_at_once(&t, &jobs);
    let mut tally = Tally::default();
    check_each(&t, &done, &mut tally);
    report("6 --direct in one clone", &tally, 6);
    assert_eq!(tally.ok, 6, "every write-back lands: {tally:?}");
    for i in 0..6 {
        let overlay = t.git(
            &t.remote,
            &[
                "show",
                &format!("refs/heads/main:apps/app{i}/dev/kustomization.yaml"),
            ],
        );
        assert!(overlay.contains(&digest_of(7000 + i)), "app{i}: {overlay}");
    }
    check_whole(&t, std::slice::from_ref(&t.platform));
}

/// `idp backstage enable|disable` (ADR-0040) from several clones at once: each is one change
/// through the pipeline, so what lands is what each reported, and the remote's main ends with
/// every environment's idp.yaml entry, RDS request and add-on files, or none of them.
mod backstage {
    use std::path::PathBuf;

    use serde_json::Value;

    use super::{Done, Job, Tally, check_each, check_whole, run_at_once};
    use crate::harness::Test;

    /// A file of the remote's main, if it has it.
    fn on_main(t: &Test, rel: &str) -> Option<String> {
        let out = std::process::Command::new("git")
            .args(["show", &format!("refs/heads/main:{rel}")])
            .current_dir(&t.remote)
            .output()
            .unwrap();
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// `backstage.environments` of idp.yaml on the remote's main, sorted.
    fn environments(t: &Test) -> Vec<String> {
        let config = idp::yaml::parse(&on_main(t, "idp.yaml").unwrap())
            .unwrap()
            .value;
        let mut envs: Vec<String> = config["backstage"]["environments"]
            .as_array()
            .map(|a| a.iter().map(|e| e.as_str().unwrap().to_string()).collect())
            .unwrap_or_default();
        envs.sort();
        envs
    }

    /// The `databaseName: backstage` RDS requests of `env` on `rev` of the remote: (ID, path).
    fn databases(t: &Test, rev: &str, env: &str) -> Vec<(String, String)> {
        let files = t.git(
            &t.remote,
            &[
                "ls-tree",
                "-r",
                "--name-only",
                rev,
                "--",
                &format!("requests/rds/{env}/"),
            ],
        );
        files
            .lines()
            .filter(|f| f.ends_with(".yaml"))
            .filter_map(|f| {
                let doc = idp::yaml::parse(&t.git(&t.remote, &["show", &format!("{rev}:{f}")]))
                    .unwrap()
                    .value;
                (doc["spec"]["databaseName"] == "backstage")
                    .then(|| (doc["id"].as_str().unwrap().to_string(), f.to_string()))
            })
            .collect()
    }

    /// The first comment line of idp.yaml as `idp init` wrote it.
    fn a_comment(t: &Test) -> String {
        t.read("idp.yaml")
            .lines()
            .find(|l| l.trim_start().starts_with('#'))
            .expect("idp.yaml has comments")
            .to_string()
    }

    /// Backstage runs in `env` on the remote's main: listed, its add-on files rendered, its
    /// database requested (and rendered); the ID of that request.
    fn runs_in(t: &Test, env: &str) -> String {
        assert!(environments(t).contains(&env.to_string()), "{env}");
        for f in [
            format!("argocd/{env}/addons/backstage.yaml"),
            format!("addons/backstage/generated/{env}.yaml"),
            format!("addons/backstage/config/{env}/externalsecret-backstage-secrets.yaml"),
        ] {
            assert!(on_main(t, &f).is_some(), "main lacks {f}");
        }
        let project = on_main(t, &format!("argocd/{env}/projects/platform-system.yaml")).unwrap();
        assert!(
            project.contains("https://backstage.github.io/charts"),
            "{env}: {project}"
        );
        let dbs = databases(t, "refs/heads/main", env);
        assert_eq!(dbs.len(), 1, "{env}: {dbs:?}");
        let id = dbs[0].0.clone();
        assert!(
            on_main(
                t,
                &format!("envs/{env}/rds/generated/{id}.auto.tfvars.json")
            )
            .is_some(),
            "{env}: {id} is not rendered"
        );
        id
    }

    /// Backstage does not run in `env` on the remote's main: not listed, no add-on files.
    fn runs_not_in(t: &Test, env: &str) {
        assert!(!environments(t).contains(&env.to_string()), "{env}");
        for f in [
            format!("argocd/{env}/addons/backstage.yaml"),
            format!("addons/backstage/generated/{env}.yaml"),
        ] {
            assert!(on_main(t, &f).is_none(), "main still has {f}");
        }
    }

    /// Everything is consistent: the pipeline's whole checks, and a fresh clone validates
    /// with no Backstage finding.
    fn consistent(t: &Test, dirs: &[PathBuf], comment: &str) {
        check_whole(t, dirs);
        assert!(
            on_main(t, "idp.yaml").unwrap().contains(comment),
            "a comment of idp.yaml was lost"
        );
        let fresh = t.clone_remote(&format!("fresh{}", dirs.len()));
        let report = t
            .idp(["validate", "-o", "json"])
            .current_dir(&fresh)
            .run()
            .success();
        assert!(!report.stdout.contains("backstage/"), "{}", report.stdout);
    }

    /// Run `jobs` (job `i` in clone `i`) at once; each exits 0 and has what it reported on
    /// the remote.
    fn at_once(t: &Test, dirs: &[PathBuf], jobs: Vec<Job>) -> Vec<Done> {
        let jobs: Vec<(PathBuf, Job)> = dirs.iter().cloned().zip(jobs).collect();
        let done = run_at_once(t, &jobs);
        let mut tally = Tally::default();
        check_each(t, &done, &mut tally);
        assert_eq!(tally.ok, done.len(), "{tally:?}");
        done
    }

    /// Merge the pull requests `done` opened, in order, from the platform checkout. A merge
    /// that conflicts (two changes to idp.yaml's `backstage.environments` line) is exit 3 that
    /// writes nothing and names the command that opened it, which, run again, makes the change
    /// again on the new main; then it merges. How many conflicted.
    fn merge_all(t: &Test, done: &[Done]) -> usize {
        let mut conflicts = 0;
        for d in done {
            let n = d.out.json()["pr"]["number"].as_u64().unwrap();
            let merge = t.idp(["pr", "merge", &n.to_string()]).run();
            if merge.code == 0 {
                continue;
            }
            assert_eq!(merge.code, 3, "{}", merge.stderr);
            conflicts += 1;
            assert!(
                merge.stderr.contains("conflicts in: idp.yaml"),
                "{}",
                merge.stderr
            );
            // It says how to go on: the command that made the branch, run again.
            let command = format!("idp {}", d.job.args(t).join(" "));
            assert!(
                merge.stderr.contains(&format!(
                    "run `{command}` again to make the change again on `main`"
                )),
                "{}",
                merge.stderr
            );
            let before = t.refs(&t.remote);
            assert_eq!(
                super::pull_record(t, n).unwrap()["state"],
                "open",
                "a merge that conflicts leaves #{n} open"
            );
            let again = t.idp(d.job.args(t)).current_dir(&d.dir).run().success();
            let j = again.json();
            assert_eq!(j["status"], "updated", "{}", again.stdout);
            assert_eq!(j["pr"]["number"], n, "{}", again.stdout);
            assert_ne!(t.refs(&t.remote), before);
            t.idp(["pr", "merge", &n.to_string()]).run().success();
        }
        conflicts
    }

    fn clones(t: &Test, n: usize) -> Vec<PathBuf> {
        (0..n).map(|i| t.clone_remote(&format!("c{i}"))).collect()
    }

    #[test]
    fn enable_in_two_environments_from_two_clones_at_once_lands_both_direct() {
        let t = Test::platform();
        let comment = a_comment(&t);
        let dirs = clones(&t, 2);
        at_once(
            &t,
            &dirs,
            vec![
                Job::BackstageEnable("dev".into(), true),
                Job::BackstageEnable("staging".into(), true),
            ],
        );
        assert_eq!(environments(&t), ["dev", "staging"]);
        let (dev, staging) = (runs_in(&t, "dev"), runs_in(&t, "staging"));
        assert_ne!(dev, staging, "one request ID for two databases");
        consistent(&t, &dirs, &comment);
    }

    #[test]
    fn enable_in_two_environments_from_two_clones_at_once_lands_both_as_pull_requests() {
        let t = Test::platform();
        let comment = a_comment(&t);
        let dirs = clones(&t, 2);
        let done = at_once(
            &t,
            &dirs,
            vec![
                Job::BackstageEnable("dev".into(), false),
                Job::BackstageEnable("staging".into(), false),
            ],
        );
        // Each branch holds its own database, under its own ID.
        let ids: Vec<String> = done
            .iter()
            .zip(["dev", "staging"])
            .map(|(d, env)| {
                let branch = d.out.json()["branch"].as_str().unwrap().to_string();
                let dbs = databases(&t, &format!("refs/heads/{branch}"), env);
                assert_eq!(dbs.len(), 1, "{branch}: {dbs:?}");
                dbs[0].0.clone()
            })
            .collect();
        assert_ne!(ids[0], ids[1]);
        assert!(environments(&t).is_empty());
        // Both change the line of `backstage.environments`: the second to merge conflicts.
        assert_eq!(merge_all(&t, &done), 1);
        assert_eq!(environments(&t), ["dev", "staging"]);
        // The databases merged are the ones the pull requests opened with (a rerun keeps its ID).
        assert_eq!([runs_in(&t, "dev"), runs_in(&t, "staging")], *ids);
        consistent(&t, &dirs, &comment);
    }

    /// A platform running Backstage in dev, and `n` clones of its remote.
    fn running_in_dev(n: usize) -> (Test, Vec<PathBuf>, String) {
        let t = Test::platform();
        let comment = a_comment(&t);
        t.idp(["backstage", "enable", "dev", "--tag", "1.0", "--direct"])
            .run()
            .success();
        let dirs = clones(&t, n);
        (t, dirs, comment)
    }

    #[test]
    fn enable_and_disable_from_two_clones_at_once_both_land_direct() {
        let (t, dirs, comment) = running_in_dev(2);
        let dev = runs_in(&t, "dev");
        at_once(
            &t,
            &dirs,
            vec![
                Job::BackstageDisable("dev".into(), true),
                Job::BackstageEnable("staging".into(), true),
            ],
        );
        assert_eq!(environments(&t), ["staging"]);
        runs_not_in(&t, "dev");
        runs_in(&t, "staging");
        // dev's database stays.
        assert_eq!(databases(&t, "refs/heads/main", "dev")[0].0, dev);
        consistent(&t, &dirs, &comment);
    }

    #[test]
    fn enable_and_disable_from_two_clones_at_once_both_land_as_pull_requests() {
        let (t, dirs, comment) = running_in_dev(2);
        let dev = runs_in(&t, "dev");
        let done = at_once(
            &t,
            &dirs,
            vec![
                Job::BackstageDisable("dev".into(), false),
                Job::BackstageEnable("staging".into(), false),
            ],
        );
        assert_eq!(merge_all(&t, &done), 1);
        assert_eq!(environments(&t), ["staging"]);
        runs_not_in(&t, "dev");
        runs_in(&t, "staging");
        assert_eq!(databases(&t, "refs/heads/main", "dev")[0].0, dev);
        consistent(&t, &dirs, &comment);
    }

    /// The same environment enabled from clones at once: one lands; the others converge on it
    /// (exit 0, nothing more) or fail cleanly having written nothing. Either way there is one
    /// database for it, on main and on every branch.
    fn the_same_env_twice(direct: bool) {
        let t = Test::platform();
        let comment = a_comment(&t);
        let dirs = clones(&t, 3);
        let jobs = vec![Job::BackstageEnable("staging".into(), direct); dirs.len()];
        let done = run_at_once(&t, &dirs.iter().cloned().zip(jobs).collect::<Vec<_>>());
        let mut tally = Tally::default();
        check_each(&t, &done, &mut tally);
        let statuses: Vec<Value> = done
            .iter()
            .filter(|d| d.out.code == 0)
            .map(|d| d.out.json()["status"].clone())
            .collect();
        let landed = if direct { "committed" } else { "opened" };
        let converged = if direct { "no-change" } else { "up-to-date" };
        assert_eq!(
            statuses.iter().filter(|s| **s == landed).count(),
            1,
            "{statuses:?}"
        );
        assert!(
            statuses.iter().all(|s| *s == landed || *s == converged),
            "{statuses:?}"
        );
        for d in done.iter().filter(|d| d.out.code != 0) {
            assert!(d.out.stderr.contains("error:"), "{}", d.out.stderr);
        }
        if !direct {
            let prs = t.idp(["pr", "list", "-o", "json"]).run().success().json();
            assert_eq!(prs.as_array().unwrap().len(), 1, "{prs:#}");
            let n = prs[0]["number"].as_u64().unwrap();
            t.idp(["pr", "merge", &n.to_string()]).run().success();
        }
        // One database for staging, wherever one is.
        let mut ids = std::collections::BTreeSet::new();
        for name in t
            .refs(&t.remote)
            .keys()
            .filter(|r| r.starts_with("refs/heads/"))
        {
            ids.extend(databases(&t, name, "staging").into_iter().map(|(id, _)| id));
        }
        assert_eq!(ids.len(), 1, "{ids:?}");
        assert_eq!(environments(&t), ["staging"]);
        assert!(ids.contains(&runs_in(&t, "staging")));
        consistent(&t, &dirs, &comment);
    }

    #[test]
    fn the_same_environment_enabled_from_three_clones_at_once_lands_once_direct() {
        the_same_env_twice(true);
    }

    #[test]
    fn the_same_environment_enabled_from_three_clones_at_once_lands_once_as_pull_requests() {
        the_same_env_twice(false);
    }

    /// Merge every open pull request; one refused (exit 3, nothing moved) is closed. The
    /// branches refused, with what was said.
    fn merge_or_close_open(t: &Test) -> Vec<(String, String)> {
        let prs = t.idp(["pr", "list", "-o", "json"]).run().success().json();
        let mut refused = Vec::new();
        for pr in prs.as_array().unwrap() {
            let n = pr["number"].as_u64().unwrap().to_string();
            let before = t.refs(&t.remote);
            let merge = t.idp(["pr", "merge", &n]).run();
            if merge.code == 0 {
                continue;
            }
            assert_eq!(merge.code, 3, "{}", merge.stderr);
            assert_eq!(t.refs(&t.remote), before, "a refused merge moved a ref");
            refused.push((pr["head"].as_str().unwrap().to_string(), merge.stderr));
            t.idp(["pr", "close", &n]).run().success();
        }
        refused
    }

    // see 10dc88d: a pull request enabling Backstage, merged after another clone enabled
    // the same environment with `--direct`, gave it a second database (two RDS requests with
    // `databaseName: backstage`), and `idp validate` passed.
    #[test]
    fn a_backstage_enable_pull_request_merged_after_a_direct_enable_made_a_second_database() {
        let t = Test::platform();
        let comment = a_comment(&t);
        let dirs = clones(&t, 2);
        // At once: whichever lands first, staging ends with one database.
        at_once(
            &t,
            &dirs,
            vec![
                Job::BackstageEnable("staging".into(), false),
                Job::BackstageEnable("staging".into(), true),
            ],
        );
        // One after the other, the order in which that race ends worst: the pull request
        // first, then the direct change (made on main, which the branch is not).
        let pr = t
            .idp(["backstage", "enable", "test", "--tag", "1.0", "-o", "json"])
            .current_dir(&dirs[0])
            .run()
            .success();
        assert_eq!(pr.json()["status"], "opened", "{}", pr.stdout);
        t.idp(["backstage", "enable", "test", "--direct"])
            .current_dir(&dirs[1])
            .run()
            .success();
        let refused = merge_or_close_open(&t);
        let (_, said) = refused
            .iter()
            .find(|(head, _)| head == "idp/backstage/enable-test")
            .unwrap_or_else(|| panic!("the pull request for test merged: {refused:?}"));
        assert!(
            said.contains("backstage/second-database")
                && said.contains("a second database of Backstage in `test`"),
            "{said}"
        );
        for env in ["staging", "test"] {
            runs_in(&t, env);
        }
        consistent(&t, &dirs, &comment);
        // Any change that would add a second is refused, and writes nothing.
        let before = t.refs(&t.remote);
        t.idp([
            "provision",
            "rds",
            "--env",
            "staging",
            "--owner",
            "platform",
            "--set",
            "databaseName=backstage",
            "--set",
            "username=backstage",
            "--size",
            "small",
            "--direct",
        ])
        .current_dir(&dirs[0])
        .run()
        .code(3)
        .stderr_has("a second database of Backstage in `staging`");
        assert_eq!(t.refs(&t.remote), before);
    }
}

/// Internal apps made from several clones at once (ADR-0033): each one's host joins the realm's
/// `kong` client in every environment, and none is lost to the other.
mod keycloak {
    use super::{Job, Tally, check_each, check_whole, run_at_once};
    use crate::harness::Test;

    /// The `kong` client's redirect URIs in `env`'s realm on the remote's main.
    fn kong_redirects(t: &Test, env: &str) -> Vec<String> {
        let cm = t.git(
            &t.remote,
            &[
                "show",
                &format!(
                    "refs/heads/main:addons/keycloak/config/{env}/configmap-keycloak-realm.yaml"
                ),
            ],
        );
        let cm = idp::yaml::parse(&cm).unwrap().value;
        let realm = idp::yaml::parse(cm["data"]["realm.yaml"].as_str().unwrap())
            .unwrap()
            .value;
        let kong = realm["clients"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["clientId"] == "kong")
            .unwrap()
            .clone();
        kong["redirectUris"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u.as_str().unwrap().to_string())
            .collect()
    }

    fn both_land(direct: bool) {
        let t = Test::platform();
        let dirs: Vec<_> = (0..2).map(|i| t.clone_remote(&format!("c{i}"))).collect();
        let jobs = vec![
            Job::InternalApp("wiki".into(), direct),
            Job::InternalApp("admin".into(), direct),
        ];
        let done = run_at_once(&t, &dirs.iter().cloned().zip(jobs).collect::<Vec<_>>());
        let mut tally = Tally::default();
        check_each(&t, &done, &mut tally);
        assert_eq!(tally.ok, 2, "{tally:?}");
        if !direct {
            for d in &done {
                let n = d.out.json()["pr"]["number"].as_u64().unwrap();
                t.idp(["pr", "merge", &n.to_string()]).run().success();
            }
        }
        for env in ["dev", "test", "staging", "prod"] {
            let uris = kong_redirects(&t, env);
            assert_eq!(uris.len(), 2, "{env}: {uris:?}");
            for app in ["admin", "wiki"] {
                assert!(
                    uris.iter()
                        .any(|u| u.starts_with(&format!("https://{app}."))),
                    "{env}: {app} is missing from {uris:?}"
                );
            }
        }
        check_whole(&t, &dirs);
        let fresh = t.clone_remote("fresh");
        t.idp(["drift", "--layer", "render", "--remediate", "alert"])
            .current_dir(&fresh)
            .run()
            .success();
    }

    /// `provision eks` of `env`'s first cluster, from a file (direct).
    fn cluster(t: &Test, env: &str) -> Vec<String> {
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/requests/eks/valid.yaml"),
        )
        .unwrap();
        let mut doc = idp::yaml::parse(&text).unwrap().value;
        let m = doc.as_object_mut().unwrap();
        m.remove("id");
        m.remove("environment");
        doc["spec"]["clusterName"] = format!("acme-{env}-25112501").into();
        let f = t.root.join(format!("eks-{env}.json"));
        std::fs::write(&f, serde_json::to_string(&doc).unwrap()).unwrap();
        ["provision", "eks", "--env", env, "-f", f.to_str().unwrap()]
            .map(String::from)
            .to_vec()
    }

    /// The `databaseName: keycloak` RDS requests of `env` on the remote's main: their IDs.
    fn keycloak_databases(t: &Test, env: &str) -> Vec<String> {
        let files = t.git(
            &t.remote,
            &[
                "ls-tree",
                "-r",
                "--name-only",
                "refs/heads/main",
                "--",
                &format!("requests/rds/{env}/"),
            ],
        );
        files
            .lines()
            .filter_map(|f| {
                let doc =
                    idp::yaml::parse(&t.git(&t.remote, &["show", &format!("refs/heads/main:{f}")]))
                        .unwrap()
                        .value;
                (doc["spec"]["databaseName"] == "keycloak")
                    .then(|| doc["id"].as_str().unwrap().to_string())
            })
            .collect()
    }

    // Keycloak's database comes with an environment's first cluster (ADR-0043): two clusters
    // in two environments made at once from two clones take two RDS IDs, one database each.
    #[test]
    fn two_clusters_from_two_clones_at_once_each_get_one_keycloak_database() {
        let t = Test::platform();
        let dirs: Vec<_> = (0..2).map(|i| t.clone_remote(&format!("c{i}"))).collect();
        let runs: Vec<_> = dirs
            .iter()
            .zip(["dev", "test"])
            .map(|(dir, env)| {
                let mut args = cluster(&t, env);
                args.push("--direct".into());
                (dir.clone(), args)
            })
            .collect();
        let barrier = std::sync::Barrier::new(runs.len());
        let outs: Vec<_> = std::thread::scope(|s| {
            let handles: Vec<_> = runs
                .iter()
                .map(|(dir, args)| {
                    let run = t.idp(args).current_dir(dir);
                    let barrier = &barrier;
                    s.spawn(move || {
                        barrier.wait();
                        run.run()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for o in &outs {
            assert_eq!(o.code, 0, "{}", o.stderr);
        }
        let (dev, test) = (
            keycloak_databases(&t, "dev"),
            keycloak_databases(&t, "test"),
        );
        assert_eq!(dev.len(), 1, "{dev:?}");
        assert_eq!(test.len(), 1, "{test:?}");
        assert_ne!(dev, test, "one request ID for two databases");
        check_whole(&t, &dirs);
    }

    #[test]
    fn two_internal_apps_from_two_clones_at_once_both_land_in_the_realm_direct() {
        both_land(true);
    }

    #[test]
    fn two_internal_apps_from_two_clones_at_once_both_land_in_the_realm_as_pull_requests() {
        both_land(false);
    }
}
