//! kill -9 at random points of each writing command, then the same command again: the end
//! state (the remote's refs and what they hold, the app repositories, the clone's checkout)
//! is the one an uninterrupted run leaves (issue 18, "Reruns converge").
//!
//! Each case sets a platform up once, runs the command uninterrupted on a copy (the reference
//! state, and how long the command takes), then on fresh copies starts it, sends SIGKILL to
//! the idp process after a random delay between 0 and that duration, waits until the git
//! processes it started have gone too (they finish or fail on their own, as after the OOM
//! killer or a CI runner killing the job's main process), and runs it again. States are
//! compared by content (commit ids and times differ from run to run). `IDP_KILL_SEED` replays
//! a run's delays; the seed is printed.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::harness::{Test, digest};

/// What a repository holds, by content: every ref and the files of the tree it points at,
/// with commit ids, times and the temp dir's path masked.
type Refs = BTreeMap<String, BTreeMap<String, String>>;

#[derive(Debug, PartialEq, Eq)]
struct EndState {
    remote: Refs,
    /// `.idp/repos/<name>.git` (the local forge's app repositories).
    app_repos: BTreeMap<String, Refs>,
    /// The checked-out branch, its tree, the work tree and `git status --porcelain`.
    head: String,
    head_tree: BTreeMap<String, String>,
    work_tree: BTreeMap<String, String>,
    status: String,
}

/// Mask what differs between two runs of one command: the temp dir, 40-hex commit ids, RFC 3339
/// times and measured durations (`"duration_seconds":0.067`).
fn mask(text: &str, root: &Path) -> String {
    let mut text = text.replace(root.to_str().unwrap(), "<ROOT>");
    const DURATION: &str = "\"duration_seconds\":";
    let mut from = 0;
    while let Some(at) = text[from..].find(DURATION) {
        let mut start = from + at + DURATION.len();
        start += text[start..].len() - text[start..].trim_start().len();
        let len = text[start..]
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(text.len() - start);
        text.replace_range(start..start + len, "<N>");
        from = start;
    }
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b[i..].iter().take_while(|c| c.is_ascii_hexdigit()).count();
        let starts_token = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        if starts_token && hex == 40 && !b[i..].get(40).is_some_and(u8::is_ascii_alphanumeric) {
            out.push_str("<SHA>");
            i += 40;
            continue;
        }
        if starts_token && let Some(len) = compact_time(&b[i..]) {
            out.push_str("<TIME>");
            i += len;
            continue;
        }
        if starts_token && is_time(&b[i..]) {
            out.push_str("<TIME>");
            i += 20;
            continue;
        }
        let c = text[i..].chars().next().unwrap();
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// The length of `YYYYMMDDTHHMMSS[.fff]Z[-xxxxxx]` at the start of `b` (a record's id and file
/// name: its time and a hash of its content, which holds times and durations), if it is one.
fn compact_time(b: &[u8]) -> Option<usize> {
    let digits = |from: usize, n: usize| {
        b.len() >= from + n && b[from..from + n].iter().all(u8::is_ascii_digit)
    };
    if !(digits(0, 8) && b.get(8) == Some(&b'T') && digits(9, 6)) {
        return None;
    }
    let mut i = 15;
    if b.get(i) == Some(&b'.') {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    if b.get(i) != Some(&b'Z') {
        return None;
    }
    i += 1;
    if b.get(i) == Some(&b'-')
        && b.len() >= i + 7
        && b[i + 1..i + 7].iter().all(u8::is_ascii_hexdigit)
    {
        i += 7;
    }
    Some(i)
}

/// `YYYY-MM-DDTHH:MM:SSZ`?
fn is_time(b: &[u8]) -> bool {
    const SHAPE: &[u8] = b"dddd-dd-ddTdd:dd:ddZ";
    b.len() >= SHAPE.len()
        && SHAPE.iter().zip(b).all(|(s, c)| match s {
            b'd' => c.is_ascii_digit(),
            s => s == c,
        })
}

fn git_out(t: &Test, dir: &Path, args: &[&str]) -> String {
    t.git(dir, args)
}

/// Every ref of `repo` (except remote-tracking ones) and the masked files of its tree.
fn refs_by_content(t: &Test, repo: &Path) -> Refs {
    let mut trees: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut out = Refs::new();
    let list = git_out(
        t,
        repo,
        &["for-each-ref", "--format=%(refname) %(objectname)"],
    );
    for line in list.lines() {
        let (name, id) = line.split_once(' ').unwrap();
        if name.starts_with("refs/remotes/") {
            continue;
        }
        let tree = git_out(t, repo, &["rev-parse", &format!("{id}^{{tree}}")])
            .trim()
            .to_string();
        if !trees.contains_key(&tree) {
            let files = tree_files(t, repo, &tree);
            trees.insert(tree.clone(), files);
        }
        out.insert(name.to_string(), trees[&tree].clone());
    }
    out
}

/// The masked files of `tree` in `repo` (one `cat-file --batch` for all blobs).
fn tree_files(t: &Test, repo: &Path, tree: &str) -> BTreeMap<String, String> {
    let listing = git_out(t, repo, &["ls-tree", "-r", "-z", tree]);
    let mut paths = Vec::new();
    let mut ids = String::new();
    for entry in listing.split('\0').filter(|e| !e.is_empty()) {
        let (meta, path) = entry.split_once('\t').unwrap();
        let id = meta.split(' ').nth(2).unwrap();
        paths.push(path.to_string());
        ids.push_str(id);
        ids.push('\n');
    }
    let mut child = Command::new("git")
        .args(["cat-file", "--batch"])
        .current_dir(repo)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        use std::io::Write as _;
        stdin.write_all(ids.as_bytes()).unwrap();
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let mut files = BTreeMap::new();
    let mut rest = &out.stdout[..];
    for path in paths {
        let nl = rest.iter().position(|&c| c == b'\n').unwrap();
        let header = std::str::from_utf8(&rest[..nl]).unwrap();
        let size: usize = header.rsplit(' ').next().unwrap().parse().unwrap();
        let body = &rest[nl + 1..nl + 1 + size];
        files.insert(
            mask(&path, &t.root),
            mask(&String::from_utf8_lossy(body), &t.root),
        );
        rest = &rest[nl + 1 + size + 1..];
    }
    files
}

fn work_tree(t: &Test) -> BTreeMap<String, String> {
    let (files, _) = t.dir_state(&t.platform);
    files
        .into_iter()
        // The app repositories are compared through their refs.
        .filter(|(p, _)| !p.starts_with(".idp/repos/"))
        .map(|(p, c)| {
            (
                mask(&p, &t.root),
                mask(&String::from_utf8_lossy(&c), &t.root),
            )
        })
        .collect()
}

fn end_state(t: &Test) -> EndState {
    let mut app_repos = BTreeMap::new();
    if let Ok(entries) = std::fs::read_dir(t.platform.join(".idp/repos")) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            app_repos.insert(name, refs_by_content(t, &e.path()));
        }
    }
    let head = git_out(t, &t.platform, &["symbolic-ref", "HEAD"])
        .trim()
        .to_string();
    let head_tree = git_out(t, &t.platform, &["rev-parse", "HEAD^{tree}"]);
    EndState {
        remote: refs_by_content(t, &t.remote),
        app_repos,
        head,
        head_tree: tree_files(t, &t.platform, head_tree.trim()),
        work_tree: work_tree(t),
        status: git_out(t, &t.platform, &["status", "--porcelain"]),
    }
}

/// Every `*.lock` file under `dir`.
fn lock_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(lock_files(&p));
        } else if p.extension().is_some_and(|x| x == "lock") {
            out.push(p.display().to_string());
        }
    }
    out
}

/// A small xorshift generator: the delays, replayable from the printed seed.
struct Rng(u64);

impl Rng {
    fn new(case: &str) -> Rng {
        let seed = std::env::var("IDP_KILL_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
                    | 1
            });
        eprintln!("{case}: IDP_KILL_SEED={seed}");
        Rng(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// Is any process of group `pgid` still running (not a zombie)?
fn group_alive(pgid: u32) -> bool {
    let Ok(procs) = std::fs::read_dir("/proc") else {
        return false;
    };
    procs.flatten().any(|p| {
        let Ok(stat) = std::fs::read_to_string(p.path().join("stat")) else {
            return false;
        };
        // `pid (comm) state ppid pgrp …`; comm may hold spaces and parentheses.
        let Some((_, rest)) = stat.rsplit_once(')') else {
            return false;
        };
        let fields: Vec<&str> = rest.split_whitespace().collect();
        fields.len() > 2 && fields[0] != "Z" && fields[2] == pgid.to_string()
    })
}

/// One writing command to kill: how to set up for it, and what a rerun may answer besides
/// exit 0 once an earlier, killed run completed it.
struct Case {
    name: &'static str,
    args: Vec<String>,
    /// Exit 2 with this on stderr is a rerun of something already done (`pr merge` of a
    /// merged pull request).
    done_already: Option<&'static str>,
}

impl Case {
    fn new(name: &'static str, args: &[&str]) -> Case {
        Case {
            name,
            args: args.iter().map(|a| a.to_string()).collect(),
            done_already: None,
        }
    }
}

/// Run `case` on copies of `setup`: once uninterrupted, then `kills` times killed and rerun;
/// every end state must equal the uninterrupted one.
fn kill_and_rerun(setup: &Test, case: &Case, kills: usize) {
    let reference = setup.copy_of();
    let started = Instant::now();
    reference.idp(&case.args).run().success();
    let took = started.elapsed();
    let want = end_state(&reference);
    let mut rng = Rng::new(case.name);
    let mut killed = 0;
    let mut tries = 0;
    let mut summary = Vec::new();
    // Kills land within the run's time: the uninterrupted run's at first, then the time of any
    // run that ended before its kill (the reference run may have been slowed by a loaded
    // machine; see the CI failure "the command ends before any kill").
    let mut bound = took;
    while killed < kills {
        tries += 1;
        assert!(
            tries < kills * 4,
            "{}: the command ends before any kill",
            case.name
        );
        let t = setup.copy_of();
        let delay = Duration::from_micros(rng.below(bound.as_micros() as u64));
        let mut child = t.idp(&case.args).spawn_in_group();
        let pgid = child.id();
        std::thread::sleep(delay);
        let was_running = child.try_wait().unwrap().is_none();
        if was_running {
            child.kill().unwrap();
        }
        child.wait().unwrap();
        let waited = Instant::now();
        while group_alive(pgid) {
            assert!(
                waited.elapsed() < Duration::from_secs(60),
                "{}: the git processes of a killed idp still run after 60 s",
                case.name
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        if !was_running {
            bound = bound.min(delay);
            continue;
        }
        killed += 1;
        let rerun = t.idp(&case.args).run();
        let already = case
            .done_already
            .is_some_and(|m| rerun.code == 2 && rerun.stderr.contains(m));
        assert!(
            rerun.code == 0 || already,
            "{}: the rerun after a kill at {delay:?} (of {took:?}) failed: exit {}\n--- stdout\n{}\n--- stderr\n{}\n--- lock files left\n{:?}",
            case.name,
            rerun.code,
            rerun.stdout,
            rerun.stderr,
            lock_files(&t.root)
        );
        let got = end_state(&t);
        if got != want {
            panic!(
                "{}: after a kill at {delay:?} (of {took:?}) and a rerun, the end state differs from an uninterrupted run's:\n{}\n--- rerun stderr\n{}",
                case.name,
                diff(&want, &got),
                rerun.stderr
            );
        }
        summary.push(format!("{}ms", delay.as_millis()));
    }
    eprintln!(
        "{}: {killed} kills (uninterrupted run {took:?}) at {}; every rerun converged",
        case.name,
        summary.join(", ")
    );
}

/// Where two end states differ, in words.
fn diff(want: &EndState, got: &EndState) -> String {
    let mut out = Vec::new();
    let refs = |what: &str, a: &Refs, b: &Refs, out: &mut Vec<String>| {
        for (name, files) in a {
            match b.get(name) {
                None => out.push(format!("{what}: `{name}` is missing")),
                Some(other) if other != files => {
                    for (p, c) in files {
                        match other.get(p) {
                            None => out.push(format!("{what}: `{name}` lacks `{p}`")),
                            Some(o) if o != c => out.push(format!(
                                "{what}: `{name}:{p}` differs:\n  want: {c:?}\n  got:  {o:?}"
                            )),
                            _ => {}
                        }
                    }
                    for p in other.keys().filter(|p| !files.contains_key(*p)) {
                        out.push(format!("{what}: `{name}` has an extra `{p}`"));
                    }
                }
                _ => {}
            }
        }
        for name in b.keys().filter(|n| !a.contains_key(*n)) {
            out.push(format!("{what}: an extra ref `{name}`"));
        }
    };
    refs("remote", &want.remote, &got.remote, &mut out);
    for (repo, r) in &want.app_repos {
        match got.app_repos.get(repo) {
            Some(g) => refs(&format!("app repository {repo}"), r, g, &mut out),
            None => out.push(format!("app repository {repo} is missing")),
        }
    }
    for repo in got
        .app_repos
        .keys()
        .filter(|r| !want.app_repos.contains_key(*r))
    {
        out.push(format!("an extra app repository {repo}"));
    }
    if want.head != got.head {
        out.push(format!("HEAD is {} instead of {}", got.head, want.head));
    }
    for (what, a, b) in [
        ("HEAD's tree", &want.head_tree, &got.head_tree),
        ("the work tree", &want.work_tree, &got.work_tree),
    ] {
        for (p, c) in a {
            match b.get(p) {
                None => out.push(format!("{what} lacks `{p}`")),
                Some(o) if o != c => out.push(format!("{what}: `{p}` differs")),
                _ => {}
            }
        }
        for p in b.keys().filter(|p| !a.contains_key(*p)) {
            out.push(format!("{what} has an extra `{p}`"));
        }
    }
    if want.status != got.status {
        out.push(format!(
            "git status --porcelain:\n  want: {:?}\n  got:  {:?}",
            want.status, got.status
        ));
    }
    out.join("\n")
}

/// Kills per case: 10 for the five platform changes and 8 for each `new-app`, 66 in all.
const KILLS: usize = 10;

#[test]
fn killed_adr_new_converges_on_rerun() {
    let t = Test::platform();
    kill_and_rerun(
        &t,
        &Case::new("adr new", &["adr", "new", "Kill me", "--owner", "platform"]),
        KILLS,
    );
}

#[test]
fn killed_provision_converges_on_rerun() {
    let t = Test::platform();
    std::fs::write(
        t.root.join("ecr.yaml"),
        crate::concurrency::ecr_request("billing"),
    )
    .unwrap();
    kill_and_rerun(
        &t,
        &Case::new(
            "provision ecr",
            &["provision", "ecr", "--env", "dev", "-f", "../ecr.yaml"],
        ),
        KILLS,
    );
}

#[test]
fn killed_direct_image_set_converges_on_rerun() {
    let t = Test::with_app();
    let d = digest('a');
    kill_and_rerun(
        &t,
        &Case::new(
            "image set --direct",
            &[
                "image", "set", "payments", "--env", "dev", "--digest", &d, "--tag", "1a2b3c4d",
                "--direct",
            ],
        ),
        KILLS,
    );
}

#[test]
fn killed_promotion_converges_on_rerun() {
    let t = Test::with_app();
    t.idp([
        "image",
        "set",
        "payments",
        "--env",
        "dev",
        "--digest",
        &digest('b'),
        "--tag",
        "5e6f7a8b",
        "--direct",
    ])
    .run()
    .success();
    kill_and_rerun(
        &t,
        &Case::new(
            "promote",
            &["promote", "--no-registry", "payments", "--to", "test"],
        ),
        KILLS,
    );
}

#[test]
fn killed_pr_merge_converges_on_rerun() {
    let t = Test::platform();
    t.idp(["env", "add", "qa", "--after", "test"])
        .run()
        .success();
    // main moves on after the pull request, so the merge is a merge commit.
    t.idp([
        "env",
        "set",
        "dev",
        "gates.healthyWithinHours",
        "6",
        "--direct",
    ])
    .run()
    .success();
    let mut case = Case::new("pr merge", &["pr", "merge", "1"]);
    case.done_already = Some("pull request #1 is merged");
    kill_and_rerun(&t, &case, KILLS);
}

#[test]
fn killed_new_app_converges_on_rerun() {
    let t = Test::platform();
    kill_and_rerun(
        &t,
        &Case::new("new-app", &["new-app", "shop", "--owner", "platform"]),
        8,
    );
}

#[test]
fn killed_direct_new_app_converges_on_rerun() {
    let t = Test::platform();
    let mut case = Case::new(
        "new-app --direct",
        &["new-app", "shop", "--owner", "platform", "--direct"],
    );
    case.done_already = Some("app `shop` already exists");
    kill_and_rerun(&t, &case, 8);
}

// see issue 18: a commit made before the kill made the rerun print "Unchanged … Pushed to
// `origin`" while the branch never reached the remote.
#[test]
fn a_commit_made_before_the_kill_made_the_rerun_print_unchanged_while_the_branch_never_reached_the_remote()
 {
    let t = Test::platform();
    // The push dies as under kill -9, after the commit was made here.
    let dying = git_that_dies_on_push(&t);
    let args = ["adr", "new", "Kill me", "--owner", "platform"];
    let failed = t.idp(args).env("IDP_GIT", &dying).run();
    assert_ne!(failed.code, 0, "a push that died is not a success");
    let reran = t.idp(args).run().success();
    let remote = t.refs(&t.remote);
    assert!(
        remote.contains_key("refs/heads/idp/adr/0001-kill-me")
            && remote.contains_key("refs/idp/pulls/1"),
        "the rerun said:\n{}\nthe remote has {remote:?}",
        reran.stderr
    );
}

/// A `git` for idp (`IDP_GIT`) whose pushes die as under kill -9.
fn git_that_dies_on_push(t: &Test) -> std::path::PathBuf {
    let dying = t.root.join("dying-git");
    std::fs::write(
        &dying,
        "#!/bin/sh\nfor a in \"$@\"; do [ \"$a\" = push ] && kill -9 $$; done\nexec git \"$@\"\n",
    )
    .unwrap();
    Command::new("chmod")
        .args(["+x", dying.to_str().unwrap()])
        .status()
        .unwrap();
    dying
}

// see ADR-0020 ("`--no-push` works on this clone only … until a later command pushes"): a
// change made with `--no-push` (its branch, record and numbers here only) is pushed by the
// next run of the same command.
#[test]
fn a_change_made_with_no_push_is_pushed_by_the_next_run() {
    let t = Test::platform();
    let args = ["adr", "new", "Offline first", "--owner", "platform"];
    t.idp(args.iter().copied().chain(["--no-push"]))
        .run()
        .success();
    let reran = t.idp(args).run().success();
    let remote = t.refs(&t.remote);
    assert!(
        remote.contains_key("refs/heads/idp/adr/0001-offline-first")
            && remote.contains_key("refs/idp/pulls/1"),
        "the rerun said:\n{}\nthe remote has {remote:?}",
        reran.stderr
    );
    let record = t.git(&t.remote, &["show", "refs/idp/pulls/1:pull.json"]);
    assert!(record.contains("idp/adr/0001-offline-first"), "{record}");
}
