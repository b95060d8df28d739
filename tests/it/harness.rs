//! The test harness: a temp dir with a HOME of its own, a platform repo made by `idp init`, a
//! bare `origin`, and a builder that runs the real binary and checks status, stdout, stderr
//! and files. `State` snapshots the working tree and every ref so a test can assert that a
//! failed command wrote nothing.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub const ACTOR: &str = "ada@example.com";
/// A second admin, who approves what [`ACTOR`] opens (an author cannot approve their own pull
/// request): see [`Test::approve_as_admin`].
pub const APPROVER: &str = "grace@example.com";

pub struct Test {
    _tmp: tempfile::TempDir,
    pub root: PathBuf,
    pub home: PathBuf,
    /// The platform repo (after [`Test::platform`]).
    pub platform: PathBuf,
    /// The bare repository used as `origin`.
    pub remote: PathBuf,
    /// The roots this one was copied from ([`Test::copy_of`]): what a copy's files may still
    /// name, filtered from snapshots like `root`.
    copied_from: Vec<PathBuf>,
}

/// A temp dir for one test, kept after the test when `IDP_TEST_KEEP` is set (to look at what a
/// failing test left; its path is printed to stderr).
fn temp_dir() -> tempfile::TempDir {
    let mut tmp = tempfile::tempdir().expect("temp dir");
    if std::env::var_os("IDP_TEST_KEEP").is_some() {
        tmp.disable_cleanup(true);
        eprintln!("IDP_TEST_KEEP: {}", tmp.path().display());
    }
    tmp
}

impl Test {
    /// An empty temp dir with its own HOME and git identity.
    pub fn new() -> Self {
        let tmp = temp_dir();
        let root = tmp.path().canonicalize().expect("canonical temp dir");
        let home = root.join("home");
        std::fs::create_dir_all(&home).unwrap();
        std::fs::write(
            home.join(".gitconfig"),
            "[user]\n\tname = Ada Lovelace\n\temail = ada@example.com\n[init]\n\tdefaultBranch = main\n",
        )
        .unwrap();
        Test {
            platform: root.join("platform"),
            remote: root.join("remote.git"),
            root,
            home,
            copied_from: Vec::new(),
            _tmp: tmp,
        }
    }

    /// A platform repo made by `idp init`, with a bare `origin` that has `main`.
    ///
    /// Its `idp.yaml` opts in to what tests need and `idp init` never writes: `IDP_ACTOR` names
    /// the actor (`identity.allowActorOverride`, so tests can act as anyone RBAC lists) and an
    /// unverified actor is limited by its roles only (`identity.unverified.permissions: ["*"]`).
    /// The change is folded into `idp init`'s commit. Identity tests that need the defaults
    /// use [`Test::platform_as_initialised`].
    pub fn platform() -> Self {
        Test::initialised(true)
    }

    /// A platform repo exactly as `idp init` writes it (no `IDP_ACTOR`, the default limits on
    /// unverified actors), with a bare `origin` that has `main`.
    pub fn platform_as_initialised() -> Self {
        Test::initialised(false)
    }

    fn initialised(opt_in: bool) -> Self {
        let t = Test::new();
        t.idp(["init", "platform"])
            .current_dir(&t.root)
            .run()
            .success();
        if opt_in {
            let config = t.read("idp.yaml");
            let opted_in = config.replace(
                "  allowActorOverride: false\n",
                "  allowActorOverride: true\n  unverified:\n    permissions: [\"*\"]\n",
            );
            assert_ne!(
                config, opted_in,
                "idp init writes `allowActorOverride: false`"
            );
            t.write("idp.yaml", &opted_in);
            t.git(&t.platform, &["commit", "-q", "-a", "--amend", "--no-edit"]);
        }
        t.git(&t.root, &["init", "-q", "--bare", "remote.git"]);
        t.git(
            &t.platform,
            &["remote", "add", "origin", t.remote.to_str().unwrap()],
        );
        t.git(&t.platform, &["push", "-q", "origin", "main"]);
        t
    }

    /// A platform repo with the stateless app `payments` (made with `new-app --direct`).
    pub fn with_app() -> Self {
        let t = Test::platform();
        t.idp(["new-app", "payments", "--owner", "platform", "--direct"])
            .run()
            .success();
        t
    }

    /// A copy of this test's whole temp dir (platform repo, remote, HOME, anything written
    /// under the root), with the platform's `origin` pointed at the copy's remote: one setup,
    /// made once, for many runs that each need it fresh.
    pub fn copy_of(&self) -> Test {
        let tmp = temp_dir();
        let root = tmp.path().canonicalize().expect("canonical temp dir");
        let status = Command::new("cp")
            .arg("-a")
            .arg(format!("{}/.", self.root.display()))
            .arg(&root)
            .status()
            .expect("cp runs");
        assert!(status.success(), "cp -a {}", self.root.display());
        let t = Test {
            platform: root.join("platform"),
            remote: root.join("remote.git"),
            home: root.join("home"),
            root,
            copied_from: [self.copied_from.clone(), vec![self.root.clone()]].concat(),
            _tmp: tmp,
        };
        if t.remote.exists() && t.platform.exists() {
            t.git(
                &t.platform,
                &["remote", "set-url", "origin", t.remote.to_str().unwrap()],
            );
        }
        t
    }

    /// A clone of `origin` (`git clone`) at `root/name`: another engineer's or CI job's
    /// checkout of the same platform repo.
    pub fn clone_remote(&self, name: &str) -> PathBuf {
        let dir = self.root.join(name);
        self.git(
            &self.root,
            &[
                "clone",
                "-q",
                self.remote.to_str().unwrap(),
                dir.to_str().unwrap(),
            ],
        );
        dir
    }

    /// Run `idp` with `args` in the platform repo.
    pub fn idp<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_idp"));
        cmd.args(args.into_iter().map(|a| a.as_ref().to_string()));
        cmd.current_dir(if self.platform.exists() {
            &self.platform
        } else {
            &self.root
        });
        for k in [
            "CI",
            "GITHUB_ACTIONS",
            "GITHUB_OUTPUT",
            "GITHUB_STEP_SUMMARY",
            "GITHUB_ACTOR",
            "IDP_PLATFORM",
            "IDP_OUTPUT",
            "IDP_ACTOR",
            "GIT_AUTHOR_NAME",
            "GIT_AUTHOR_EMAIL",
            "GIT_DIR",
            "GIT_WORK_TREE",
            "GH_TOKEN",
            "GITHUB_TOKEN",
            "IDP_GITHUB_URL",
            "AWS_PROFILE",
            "AWS_ENDPOINT_URL",
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
            "AWS_REGION",
            "AWS_DEFAULT_REGION",
        ] {
            cmd.env_remove(k);
        }
        cmd.env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("NO_COLOR", "1")
            .env("IDP_ACTOR", ACTOR)
            // No instance metadata lookups (and their timeouts) on a machine without AWS.
            .env("AWS_EC2_METADATA_DISABLED", "true");
        Run { cmd, stdin: None }
    }

    /// Run git (the real CLI, independent of idp's libgit2) and return stdout.
    pub fn git(&self, dir: &Path, args: &[&str]) -> String {
        let out = Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("HOME", &self.home)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.platform.join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    /// Edit a file in the working tree and commit it to `main` with the git CLI.
    pub fn commit_file(&self, rel: &str, text: &str, message: &str) {
        self.write(rel, text);
        self.git(&self.platform, &["add", rel]);
        self.git(&self.platform, &["commit", "-q", "-m", message]);
    }

    /// Make [`APPROVER`] an admin in idp.yaml on `main` (committed and pushed; once).
    pub fn add_approver(&self) {
        let config = self.read("idp.yaml");
        if config.contains(APPROVER) {
            return;
        }
        let with = config.replacen(
            &format!("members: [{ACTOR}]"),
            &format!("members: [{ACTOR}, {APPROVER}]"),
            1,
        );
        assert_ne!(with, config, "idp.yaml lists {ACTOR} as the admin");
        self.commit_file("idp.yaml", &with, "Add a second admin");
        if self.remote.exists() {
            self.git(&self.platform, &["push", "-q", "origin", "main"]);
        }
    }

    /// Approve pull request `number` for `label` as [`APPROVER`] (made an admin first).
    pub fn approve_as_admin(&self, number: u64, label: &str) {
        self.add_approver();
        self.idp(["pr", "approve", &number.to_string(), "--label", label])
            .env("IDP_ACTOR", APPROVER)
            .run()
            .success();
    }

    /// A file's content on a branch, through git.
    pub fn show(&self, rev: &str, rel: &str) -> String {
        self.git(&self.platform, &["show", &format!("{rev}:{rel}")])
    }

    /// Every ref of a repository and what it points at.
    pub fn refs(&self, repo: &Path) -> BTreeMap<String, String> {
        self.git(repo, &["for-each-ref", "--format=%(refname) %(objectname)"])
            .lines()
            .filter_map(|l| l.split_once(' '))
            .map(|(r, o)| (r.to_string(), o.to_string()))
            .collect()
    }

    /// Files (minus `.git`) and refs of any repository's working tree.
    pub fn dir_state(&self, dir: &Path) -> (BTreeMap<String, Vec<u8>>, BTreeMap<String, String>) {
        let mut files = BTreeMap::new();
        walk(dir, dir, &mut files);
        (files, self.refs(dir))
    }

    /// The working tree (minus `.git`), the platform's refs and the remote's refs.
    pub fn state(&self) -> State {
        let mut files = BTreeMap::new();
        walk(&self.platform, &self.platform, &mut files);
        State {
            files,
            refs: self.refs(&self.platform),
            remote_refs: if self.remote.exists() {
                self.refs(&self.remote)
            } else {
                BTreeMap::new()
            },
        }
    }
}

/// A digest for tests: `sha256:` and 64 times `c`.
pub fn digest(c: char) -> String {
    format!("sha256:{}", c.to_string().repeat(64))
}

/// What a failed command must leave exactly as it was.
#[derive(Debug, PartialEq, Eq)]
pub struct State {
    pub files: BTreeMap<String, Vec<u8>>,
    pub refs: BTreeMap<String, String>,
    pub remote_refs: BTreeMap<String, String>,
}

fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if e.file_name() == ".git" {
            continue;
        }
        if p.is_dir() {
            walk(root, &p, out);
        } else {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            out.insert(rel, std::fs::read(&p).unwrap());
        }
    }
}

/// A command to run: the builder half.
pub struct Run {
    cmd: Command,
    stdin: Option<String>,
}

impl Run {
    /// Start it without waiting (for tests that run several at once).
    pub fn spawn(mut self) -> std::process::Child {
        self.cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("idp starts")
    }

    /// Start it without waiting, as the leader of a process group of its own (the git
    /// processes it starts join that group), with its output discarded: for tests that kill it
    /// and then wait until every process of the group has gone.
    pub fn spawn_in_group(mut self) -> std::process::Child {
        use std::os::unix::process::CommandExt as _;
        self.cmd
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("idp starts")
    }

    /// Run on a pseudo-terminal (util-linux `script`), as a user at a terminal would: stdin,
    /// stdout and stderr are a TTY.
    pub fn on_tty(self) -> Self {
        let quote =
            |s: &std::ffi::OsStr| format!("'{}'", s.to_string_lossy().replace('\'', "'\\''"));
        let mut line = quote(self.cmd.get_program());
        for a in self.cmd.get_args() {
            line.push(' ');
            line.push_str(&quote(a));
        }
        let mut cmd = Command::new("script");
        cmd.args(["-qec", &line, "/dev/null"]);
        for (k, v) in self.cmd.get_envs() {
            match v {
                Some(v) => cmd.env(k, v),
                None => cmd.env_remove(k),
            };
        }
        if let Some(d) = self.cmd.get_current_dir() {
            cmd.current_dir(d);
        }
        Run { cmd, stdin: None }
    }

    pub fn env(mut self, k: &str, v: impl AsRef<std::ffi::OsStr>) -> Self {
        self.cmd.env(k, v);
        self
    }
    pub fn env_remove(mut self, k: &str) -> Self {
        self.cmd.env_remove(k);
        self
    }
    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.cmd.current_dir(dir);
        self
    }
    pub fn stdin(mut self, text: &str) -> Self {
        self.stdin = Some(text.to_string());
        self
    }
    pub fn run(mut self) -> Output {
        self.cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = self.cmd.spawn().expect("idp runs");
        {
            let mut stdin = child.stdin.take().unwrap();
            if let Some(s) = &self.stdin {
                stdin.write_all(s.as_bytes()).unwrap();
            }
        }
        let out = child.wait_with_output().unwrap();
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// What a command did: the checking half.
#[derive(Debug)]
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    #[track_caller]
    pub fn code(self, expected: i32) -> Self {
        assert_eq!(
            self.code, expected,
            "expected exit {expected}, got {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }
    #[track_caller]
    pub fn success(self) -> Self {
        self.code(0)
    }
    #[track_caller]
    pub fn stdout_has(self, needle: &str) -> Self {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }
    #[track_caller]
    pub fn stderr_has(self, needle: &str) -> Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        self
    }
    #[track_caller]
    pub fn stdout_lacks(self, needle: &str) -> Self {
        assert!(
            !self.stdout.contains(needle),
            "stdout has {needle:?}:\n{}",
            self.stdout
        );
        self
    }
    #[track_caller]
    pub fn stderr_lacks(self, needle: &str) -> Self {
        assert!(
            !self.stderr.contains(needle),
            "stderr has {needle:?}:\n{}",
            self.stderr
        );
        self
    }
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\n--- stderr\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

impl Test {
    /// Run git in the platform repo with `input` on stdin; return stdout.
    pub fn git_stdin(&self, args: &[&str], input: &str) -> String {
        let mut child = Command::new("git")
            .args(args)
            .current_dir(&self.platform)
            .env("HOME", &self.home)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("git runs");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "git {args:?} failed");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

/// The Python of the test tools' venv (`.ci/run` makes it, with the packages the tests need:
/// python-hcl2, prometheus-client, ...), else `python3`.
pub fn tools_python() -> PathBuf {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/.venv/bin/python");
    if venv.is_file() {
        venv
    } else {
        PathBuf::from("python3")
    }
}

/// The filters every snapshot goes through, most specific first, so that a snapshot is the
/// same on every run and machine: the temp root and HOME, the binary's path and this checkout's, commit SHAs (40
/// hex, and the 7 of a short one), sha256 digests, RFC 3339 times and dates, record
/// IDs (`P-20261206T092533.949Z-980e93`), Unix times and durations. PR numbers, request IDs
/// and ADR numbers are not filtered: a test's setup fixes them.
pub fn snapshot_filters(t: &Test) -> Vec<(String, String)> {
    let quote = |p: &Path| regex::escape(&p.to_string_lossy());
    let mut filters = vec![
        (quote(&t.home), "[HOME]".to_string()),
        (quote(&t.root), "[ROOT]".to_string()),
        (
            regex::escape(env!("CARGO_BIN_EXE_idp")),
            "[IDP]".to_string(),
        ),
        // This checkout (fixtures given to a command): CI clones it elsewhere.
        (
            regex::escape(env!("CARGO_MANIFEST_DIR")),
            "[REPO]".to_string(),
        ),
    ];
    for from in &t.copied_from {
        filters.push((quote(&from.join("home")), "[HOME]".to_string()));
        filters.push((quote(from), "[ROOT]".to_string()));
    }
    for (re, to) in [
        (r"sha256:[0-9a-f]{64}", "sha256:[DIGEST]"),
        (r"\b[0-9a-f]{64}\b", "[DIGEST]"),
        (r"\b[0-9a-f]{40}\b", "[SHA]"),
        // Record IDs: a kind letter or two, the UTC time to the millisecond, 6 hex.
        (
            r"(?i)\b([a-z]{1,3})-\d{8}t\d{6}(\.\d+)?z-[0-9a-f]{4,8}\b",
            "$1-[RECORD-ID]",
        ),
        // Times and dates of this century's later years (not `2012-10-17` of an IAM policy).
        (
            r"\b20[2-9]\d-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})?",
            "[TIME]",
        ),
        (r"\b20[2-9]\d-\d{2}-\d{2}\b", "[DATE]"),
        // The day folders of records (`.idp/records/pipeline/dev/2026/12/06/`).
        (r"\b20[2-9]\d/\d{2}/\d{2}\b", "[YYYY/MM/DD]"),
        (r"\b20[2-9]\d{5}T\d{6}(\.\d+)?Z\b", "[TIME]"),
        // Unix times in seconds or milliseconds (2001 to 2286).
        (r"\b1\d{9}(\.\d+|\d{3})?\b", "[UNIX-TIME]"),
        // Measured durations (`1.25s`, `0.4 ms`), not configured ones (`500 ms`, `30s`); before
        // the short SHAs, which a fraction of exactly seven digits also looks like (CI:
        // `"duration_seconds": 0.[SHORT-SHA]`).
        (r"\b\d+\.\d+\s?(ms|s)\b", "[DURATION]"),
        (r#"(?i)(duration\w*\\?"?:\s*)\d+\.\d+"#, "${1}[DURATION]"),
        // Short SHAs as idp prints them (git's 7), not 12-digit account IDs.
        (r"\b[0-9a-f]{7}\b", "[SHORT-SHA]"),
    ] {
        filters.push((re.to_string(), to.to_string()));
    }
    filters
}

/// The longest `diff` a JSON snapshot keeps whole, in lines.
const SNAPSHOT_DIFF_LINES: usize = 40;

/// JSON output with every `"diff"` longer than [`SNAPSHOT_DIFF_LINES`] replaced by its size and
/// its first hunk header: what a change writes is compared whole by the tree fixtures
/// (`tests/fixtures/trees/`) and the tests of each producer, and `idp init -o json` alone would be
/// 600 kB of snapshot. Other output is returned as it is.
fn summarise_long_diffs(stdout: &str) -> String {
    fn walk(v: &mut serde_json::Value) -> bool {
        match v {
            serde_json::Value::Object(map) => {
                let mut changed = false;
                for (k, v) in map.iter_mut() {
                    if k == "diff"
                        && let Some(d) = v.as_str()
                        && d.lines().count() > SNAPSHOT_DIFF_LINES
                    {
                        let hunk = d.lines().find(|l| l.starts_with("@@")).unwrap_or("");
                        *v = format!("[{} lines; {hunk}]", d.lines().count()).into();
                        changed = true;
                    } else {
                        changed |= walk(v);
                    }
                }
                changed
            }
            serde_json::Value::Array(items) => items.iter_mut().fold(false, |c, v| walk(v) | c),
            _ => false,
        }
    }
    let Ok(mut v) = serde_json::from_str::<serde_json::Value>(stdout) else {
        return stdout.to_string();
    };
    if !walk(&mut v) {
        return stdout.to_string();
    }
    let mut text = serde_json::to_string_pretty(&v).unwrap_or_default();
    text.push('\n');
    text
}

impl Test {
    /// `text` through the snapshot filters (for fixtures compared outside insta, such as the
    /// whole trees of `trees.rs`).
    pub fn filtered(&self, text: &str) -> String {
        let mut text = text.to_string();
        for (re, to) in snapshot_filters(self) {
            let re = regex::Regex::new(&re).unwrap_or_else(|e| panic!("filter {re}: {e}"));
            text = re.replace_all(&text, to.as_str()).into_owned();
        }
        text
    }

    /// Snapshot what `idp args…` printed: the command line, the exit code, stdout and stderr,
    /// through [`snapshot_filters`], in `tests/it/snapshots/<name>.snap` (insta). A missing or
    /// different snapshot fails the test; bless with `INSTA_UPDATE=always` or `cargo insta
    /// review` (README "Development").
    #[track_caller]
    pub fn snapshot(&self, name: &str, args: &[&str], out: &Output) {
        let shown: Vec<String> = args
            .iter()
            .map(|a| {
                if a.is_empty() || a.contains(|c: char| c.is_whitespace() || "'\"$`\\".contains(c))
                {
                    format!("'{}'", a.replace('\'', "'\\''"))
                } else {
                    a.to_string()
                }
            })
            .collect();
        let text = format!(
            "$ idp {}\nexit: {}\n----- stdout -----\n{}\n----- stderr -----\n{}",
            shown.join(" "),
            out.code,
            summarise_long_diffs(&out.stdout),
            out.stderr
        );
        let mut settings = insta::Settings::clone_current();
        settings
            .set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/snapshots"));
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        for (re, to) in snapshot_filters(self) {
            settings.add_filter(&re, to);
        }
        settings.bind(|| insta::assert_snapshot!(name, text));
    }

    /// Run `idp args…` and snapshot it as `name` (see [`Test::snapshot`]).
    #[track_caller]
    pub fn snap(&self, name: &str, args: &[&str]) -> Output {
        let out = self.idp(args).run();
        self.snapshot(name, args, &out);
        out
    }

    /// Snapshot `idp args…` as `name` and `idp args… -o json` as `name.json`, each on a fresh
    /// copy of this setup (a change runs on the same state both times).
    #[track_caller]
    pub fn snap_change(&self, name: &str, args: &[&str]) {
        self.copy_of().snap(name, args);
        let mut json = args.to_vec();
        json.extend(["-o", "json"]);
        self.copy_of().snap(&format!("{name}.json"), &json);
    }

    /// Snapshot `idp args…` as `name` and `idp args… -o json` as `name.json` in this setup
    /// (for reads, which change nothing).
    #[track_caller]
    pub fn snap_read(&self, name: &str, args: &[&str]) {
        self.snap(name, args);
        let mut json = args.to_vec();
        json.extend(["-o", "json"]);
        self.snap(&format!("{name}.json"), &json);
    }
}
