#!/usr/bin/env python3
"""How idp's commands grow with the platform repo: 50, 500 and 5,000 apps; a report, not a test
(issue 23).

Run it through benches/scale.sh (which checks the idp binary and git), or directly:

    python3 benches/scale.py

Measured: wall time of one command, process start to exit, as a user sees it (setup outside the
timed region), and its peak memory: the maximum resident set size of the warm-up run, measured
by GNU time (`/usr/bin/time -f %M`, which forks the command from a 1 MB process) so the timed
runs carry no wrapper. (A process forked from this script would report at least the script's
own peak: Linux carries the peak of the memory a process had before `exec` over.) Without
/usr/bin/time, a `python3 -c` wrapper reports its children's `ru_maxrss`, and its own ~10-15 MB
is then the floor of every value.

For each size N (`BENCH_SIZES`, default 50, 500 and 5,000 apps x 4 environments):

  row              command (timed, in the platform repo)                       reference
  status app       idp status app0001                                          git commit -a
  status all       idp status                     (every app: no target)      git commit -a
  history          idp history app0001                                         git commit -a
  image set        idp image set app0001 --env dev --digest D --tag T --direct git commit -a
  image set (PR)   idp image set app0001 --env dev --digest D --tag T          git commit -a
  promote          idp promote app0001 --to test --no-registry --direct        git commit -a
  rollback         idp rollback app0001 --env test --direct                    git commit -a
  pr list          idp pr list                                                 git commit -a
  pr show          idp pr show 1                                               git commit -a
  pr merge         idp pr merge 1                                              git commit -a
  new-app          idp new-app newapp --owner platform --direct                git commit -a
  validate         idp validate                                                cat
  validate changed idp validate --changed  (only when `idp validate --help` lists --changed;
                                            the report says "not implemented" otherwise)
  git commit -a    git commit -q -a -m change, after setup changed one line of
                   apps/app0001/dev/kustomization.yaml (the digest, as `image set` does)
  cat              xargs -0 -a FILES cat > /dev/null, FILES = `git ls-files -z` of the repo
                   (every tracked file: what `idp validate` may read)

D is a digest no run used before, T a 40-hex build SHA. `validate --changed` runs after setup
made the same one-line change as the git reference (left uncommitted).

The repos, made the honest way, once per size and idp (untimed; cached):

  1. The pattern: `idp init pattern --org acme`; idp.yaml's `identity:` gets what the
     integration tests give it (`allowActorOverride: true`, `unverified: {permissions: ["*"]}`,
     amended into init's commit) and every idp command runs with `IDP_ACTOR` = the admin that
     `rbac.roles.admin.members` lists (the benchmark's git identity); then, for real,
     `idp new-app app0001 --owner platform --direct`. The script reads what that commit did:
     the files it added (all name `app0001` or its image repository request `ECR-0001`: the
     overlays, base, Argo CD Applications, catalog entity, the ECR request and its generated
     catalog resource and Terraform inputs) and the shared files it edited (a YAML list item
     naming the app, e.g. the namespace `app0001-<env>` in `argocd/<env>/projects/platform.yaml`).
     Anything else stops the script with a message (update the generator).
  2. Apps 2..N: the added files copied with `app0001` -> `appNNNN` and `ECR-0001`/`ecr-0001` ->
     `ECR-NNNN`/`ecr-NNNN` in paths and contents, the list items copied the same way after
     app0001's, all committed with the git CLI in ONE commit; the request ID sequence
     (`refs/idp/sequences/requests/ecr`) advanced to N, as N new-apps would have left it. The
     apps' own git repositories (`.idp/repos/appNNNN.git`, ignored, not in the platform repo)
     are not made: no measured command reads them.
  3. Then, with idp at that size, the state the commands need: `image set app0001 --env dev
     --direct` (digest D1), `promote --to test --direct`, `image set` D2, `promote` (so test has
     a previous image to roll back to), `image set` D3 (so dev is ahead of test), and
     `image set app0002 --env dev` D4 in PR mode: pull request #1, open.
  4. `idp validate` must exit 0 (the repo is one idp accepts, as if new-app had made each app),
     then `git gc --prune=now` (packed, as a clone would be) and the index refreshed.

Generated repos are kept in benches/.work/scale/cache/<key>-<N>/, key = a hash of the pattern's
git tree (what this idp's init and new-app write, golden path included), the idp version and the
generator's version; caches of other keys are removed. A report copies each (`cp -a`, untimed)
to benches/.work/scale/runs/apps-N and runs there; before every command that follows one that
wrote, the repo is put back as prepared (untimed): the files under .git other than the object
store and the index restored byte for byte (refs, reflogs, HEAD, ...), the loose objects a run
wrote deleted, `git read-tree --reset -u HEAD`, new entries under the ignored `.idp/repos/`
(new-app's app repository) removed; then HEAD must be the prepared commit and `git status`
clean. Then `os.sync()` (untimed) and the timed command.

Each row gets one untimed warm-up run per size that checks the result (e.g. image set: one new
commit on main, parent the prepared commit, changing the dev overlay, which holds the digest,
and record files under .idp/records/ only, one of app0001 in dev at least; the PR: main unmoved,
the branch one commit on it; pr merge: the PR's digest on main; new-app: exactly as many files
under apps/newapp/ as new-app wrote for app0001; status: every app listed; validate: exit 0),
then BENCH_RUNS timed runs interleaved across rows and sizes, so background load hits every row
alike.

Reported, one table per command: per size, median and min-max ms, the reference's median in the
same run, the ratio (idp median / reference median), peak RSS in MiB (of the warm-up run);
then the growth from the smallest to the largest size and the targets:

  per-app commands (all rows above but `status all` and validate): growth <= 1.5x from the
      smallest to the largest size, and <= 1x `git commit -a` at the largest size;
  validate: <= 1x `cat` of the same files (wall) at the largest size;
  validate --changed: growth <= 1.5x.

Environment:
  IDP          the idp binary (default: target/release/idp under the repo root)
  BENCH_RUNS   timed runs per row and size, default 10
  BENCH_SIZES  app counts, comma-separated, default "50,500,5000" (2..9999)
  BENCH_KEEP   1 keeps benches/.work/scale/runs/ as the last run left it (the cache is always kept;
               remove benches/.work/scale/ to drop it)
  BENCH_JSON   a file to also write every run to, as JSON

Exit status: 0 when every measurement ran (whether the targets are met or not: it is a report),
1 when a measurement could not run (its error is printed), 2 on a setup problem (knobs, binary).
Only the Python standard library is used here.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benches" / ".work" / "scale"
CACHE = WORK / "cache"
RUNS = WORK / "runs"
GENERATOR = "scale.py generator 1"   # bump when the generated repos change

APP = "app0001"
PR_APP = "app0002"
NEW_APP = "newapp"
OWNER = "platform"
REQUEST = "ECR-0001"
DEV_OVERLAY = f"apps/{APP}/dev/kustomization.yaml"
TEST_OVERLAY = f"apps/{APP}/test/kustomization.yaml"
MAX_SIZE = 9999
TARGET_GROWTH = 1.5
TARGET_RATIO = 1.0


class BenchError(Exception):
    """A measurement that cannot run; the message says why."""


def digest(label: str) -> str:
    return "sha256:" + hashlib.sha256(label.encode()).hexdigest()


def build_sha(label: str) -> str:
    return hashlib.sha1(label.encode()).hexdigest()


def short(d: str) -> str:
    return d[len("sha256:"):][:12]


# The prepared state's digests (step 3 of the docstring).
D1, D2, D3, D4 = (digest(f"prepared-{k}") for k in range(1, 5))
PR_BRANCH = f"idp/image/{PR_APP}-dev-{short(D4)}"


# ----------------------------------------------------------------------------- helpers

ENV: dict[str, str] = {}


def env_for_tools(actor: str | None = None) -> dict[str, str]:
    """HOME of the benchmark's own (git identity, no signing, no automatic gc); IDP_* and GIT_*
    dropped; IDP_ACTOR set once the platform's admin is known."""
    home = WORK / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IDP_", "GIT_"))}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_CACHE_HOME=str(home / ".cache"),
               XDG_DATA_HOME=str(home / ".local" / "share"), NO_COLOR="1", GIT_TERMINAL_PROMPT="0")
    if actor:
        env["IDP_ACTOR"] = actor
    return env


def indent(text: str, n: int = 4, limit: int = 30) -> str:
    lines = text.splitlines() or ["(no output)"]
    if len(lines) > limit:
        lines = lines[:limit] + [f"... ({len(lines) - limit} more lines)"]
    return "\n".join(" " * n + line for line in lines)


def run(cmd: list, cwd: Path, what: str = "", stdin: str | None = None) -> str:
    argv = [str(c) for c in cmd]
    try:
        p = subprocess.run(argv, cwd=cwd, env=ENV, capture_output=True, text=True, input=stdin,
                           stdin=None if stdin is not None else subprocess.DEVNULL)
    except OSError as e:
        raise BenchError(f"{what or argv[0]}: cannot run `{' '.join(argv)}`: {e}") from None
    if p.returncode != 0:
        raise BenchError(f"{what or argv[0]}: `{' '.join(argv)}` exited {p.returncode}\n"
                         + indent((p.stderr + p.stdout).strip()))
    return p.stdout


class Result:
    def __init__(self, ms: float, stdout: str, rss_kib: int | None = None):
        self.ms, self.stdout, self.rss_kib = ms, stdout, rss_kib


# How the warm-up run's peak RSS is measured: GNU time if it works, else a Python wrapper.
RSS_WRAPPER = """
import resource, subprocess, sys
code = subprocess.run(sys.argv[2:]).returncode
with open(sys.argv[1], "w") as f:
    f.write(f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\\n")
sys.exit(code)
"""


def rss_wrapper() -> tuple[str, list[str]]:
    """(what, argv prefix taking the output file, then the command)."""
    probe = WORK / "rss-probe"
    if Path("/usr/bin/time").is_file():
        p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", str(probe), "true"], capture_output=True)
        if p.returncode == 0 and probe.read_text().strip().isdigit():
            return "GNU time (/usr/bin/time -f %M)", ["/usr/bin/time", "-f", "%M", "-o"]
    return "a python3 wrapper (ru_maxrss of its children; its own ~10-15 MB is the floor)", \
        [sys.executable, "-c", RSS_WRAPPER]


RSS: list[str] = []


def measure(argv: list, cwd: Path, what: str, discard_stdout: bool = False, rss: bool = False) -> Result:
    """One command: wall ms from spawn to exit, or (rss) its peak RSS under the RSS wrapper.
    Output goes to files, not pipes (no reader thread)."""
    argv = [str(c) for c in argv]
    out_path, err_path, rss_path = WORK / "stdout", WORK / "stderr", WORK / "rss"
    full = RSS + [str(rss_path)] + argv if rss else argv
    with open(out_path, "w+b") as fo, open(err_path, "w+b") as fe:
        t0 = time.perf_counter_ns()
        try:
            p = subprocess.run(full, cwd=cwd, env=ENV, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL if discard_stdout else fo, stderr=fe)
        except OSError as e:
            raise BenchError(f"{what}: cannot run `{' '.join(full)}`: {e}") from None
        t1 = time.perf_counter_ns()
        fo.seek(0)
        fe.seek(0)
        out, err = fo.read().decode(errors="replace"), fe.read().decode(errors="replace")
    if p.returncode != 0:
        raise BenchError(f"{what}: `{' '.join(argv)}` exited {p.returncode}\n" + indent((err + out).strip()))
    res = Result((t1 - t0) / 1e6, out)
    if rss:
        text = rss_path.read_text().split()
        if not text or not text[-1].isdigit():
            raise BenchError(f"{what}: the RSS wrapper wrote no number: {text}")
        res.rss_kib = int(text[-1])
    return res


def git_head(repo: Path, rev: str = "HEAD") -> str:
    return run(["git", "rev-parse", rev], cwd=repo, what="git rev-parse").strip()


def git_show(repo: Path, rev_path: str) -> str | None:
    p = subprocess.run(["git", "show", rev_path], cwd=repo, env=ENV, capture_output=True, text=True)
    return p.stdout if p.returncode == 0 else None


def changed_files(repo: Path, old: str, new: str = "HEAD") -> list[str]:
    return sorted(run(["git", "diff", "--name-only", "--no-renames", old, new], cwd=repo, what="git diff").split())


def fresh(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


# ----------------------------------------------------------------------------- the repos


def app_name(k: int) -> str:
    return f"app{k:04}"


def rename(text: str, k: int) -> str:
    return (text.replace(APP, app_name(k)).replace(REQUEST, f"ECR-{k:04}")
            .replace(REQUEST.lower(), f"ecr-{k:04}"))


def list_items(lines: list[str], name: str) -> list[tuple[int, int]]:
    """The YAML list items (start, end line) that mention `name`; raises if a mention is not in one."""
    items: list[tuple[int, int]] = []
    for i, line in enumerate(lines):
        if name not in line or any(s <= i < e for s, e in items):
            continue
        s = next((j for j in range(i, -1, -1) if re.match(r"^\s*- ", lines[j])), None)
        if s is None:
            raise BenchError(f"`{line.strip()}` names {name} outside a list item")
        ind = len(lines[s]) - len(lines[s].lstrip())
        e = s + 1
        while e < len(lines) and (not lines[e].strip() or len(lines[e]) - len(lines[e].lstrip()) > ind):
            e += 1
        if not s <= i < e:
            raise BenchError(f"`{line.strip()}` names {name} outside a list item")
        items.append((s, e))
    return items


class Pattern:
    """The one-app platform repo made by idp (step 1), and what new-app wrote."""

    def __init__(self, idp: Path):
        global ENV
        self.idp = idp
        self.repo = fresh(WORK / "pattern")
        run([idp, "init", "-q", self.repo.name, "--org", "acme"], cwd=WORK, what="idp init")
        config = (self.repo / "idp.yaml").read_text()
        opted = config.replace("  allowActorOverride: false\n",
                               "  allowActorOverride: true\n  unverified:\n    permissions: [\"*\"]\n")
        if opted == config:
            raise BenchError("idp init no longer writes `  allowActorOverride: false` in idp.yaml; update scale.py")
        (self.repo / "idp.yaml").write_text(opted)
        run(["git", "commit", "-q", "-a", "--amend", "--no-edit"], cwd=self.repo, what="git commit --amend")
        m = re.search(r"\n    admin:\n(?:      .*\n)*?      members: \[([^\]]*)\]", opted)
        members = [x.strip().strip("\"'") for x in m.group(1).split(",")] if m else []
        if "bench@example.invalid" not in members:
            raise BenchError(f"rbac.roles.admin.members in idp.yaml is {members}, not the git identity "
                             "bench@example.invalid; update scale.py")
        self.actor = "bench@example.invalid"
        ENV = env_for_tools(self.actor)
        before = git_head(self.repo)
        run([idp, "new-app", APP, "--owner", OWNER, "--direct", "-q"], cwd=self.repo, what="idp new-app")
        self.head = git_head(self.repo)
        if before == self.head:
            raise BenchError("idp new-app --direct exited 0 but made no commit")
        self.added: dict[str, bytes] = {}
        self.edited: dict[str, str] = {}
        out = run(["git", "diff", "--name-status", "--no-renames", before, self.head], cwd=self.repo)
        for line in out.splitlines():
            status, path = line.split("\t", 1)
            if status == "A" and (APP in path or REQUEST in path):
                self.added[path] = (self.repo / path).read_bytes()
            elif status == "M":
                text = (self.repo / path).read_text()
                list_items(text.splitlines(keepends=True), APP)  # raises when not list items
                self.edited[path] = text
            else:
                raise BenchError(f"idp new-app wrote `{path}` ({status}), which names neither {APP} nor "
                                 f"{REQUEST}: the generator does not know how to copy it; update scale.py")
        for path in (DEV_OVERLAY, TEST_OVERLAY):
            if path not in self.added:
                raise BenchError(f"idp new-app wrote no {path}")
        seq = run(["git", "show", "refs/idp/sequences/requests/ecr:value"], cwd=self.repo,
                  what="the ECR request sequence").strip()
        if seq != "1":
            raise BenchError(f"after new-app the ECR request sequence is {seq}, not 1; update scale.py")
        self.app_files = sum(1 for p in self.added if p.startswith(f"apps/{APP}/"))
        tree = git_head(self.repo, "HEAD^{tree}")
        version = run([idp, "--version"], cwd=WORK).strip()
        self.key = hashlib.sha256(f"{GENERATOR}\n{version}\n{tree}".encode()).hexdigest()[:12]

    def generate(self, n: int) -> Path:
        """The N-app repo (steps 2-4), in the cache; returns its path."""
        done = CACHE / f"{self.key}-{n}"
        if (done / "meta.json").is_file():
            return done
        tmp = fresh(CACHE / f"tmp-{n}")
        tmp.mkdir()
        repo = tmp / "repo"
        run(["cp", "-a", self.repo, repo], cwd=WORK, what="cp -a")
        for k in range(2, n + 1):
            for path, data in self.added.items():
                f = repo / rename(path, k)
                f.parent.mkdir(parents=True, exist_ok=True)
                f.write_bytes(rename(data.decode(), k).encode())
        for path, text in self.edited.items():
            lines = text.splitlines(keepends=True)
            for s, e in reversed(list_items(lines, APP)):
                item = "".join(lines[s:e])
                lines[e:e] = [rename(item, k) for k in range(2, n + 1)]
            (repo / path).write_text("".join(lines))
        run(["git", "add", "-A"], cwd=repo, what="git add")
        run(["git", "commit", "-q", "--no-verify", "-m", f"apps 2..{n}, copied from {APP} (benchmark setup)"],
            cwd=repo, what="git commit")
        # The request ID sequence, as n new-apps would have left it (a commit on its chain).
        ref = "refs/idp/sequences/requests/ecr"
        blob = run(["git", "hash-object", "-w", "--stdin"], cwd=repo, stdin=f"{n}\n").strip()
        tree = run(["git", "mktree"], cwd=repo, stdin=f"100644 blob {blob}\tvalue\n").strip()
        commit = run(["git", "commit-tree", tree, "-p", ref, "-m", f"requests/ecr: {n}"], cwd=repo).strip()
        run(["git", "update-ref", ref, commit], cwd=repo, what="git update-ref")
        apps = run(["git", "ls-tree", "-d", "--name-only", "HEAD:apps"], cwd=repo).split()
        if len(apps) != n:
            raise BenchError(f"the generated repo has {len(apps)} app directories, want {n}")
        idp = self.idp
        for argv in (
            ["image", "set", APP, "--env", "dev", "--digest", D1, "--tag", build_sha("1"), "--direct"],
            ["promote", APP, "--to", "test", "--no-registry", "--direct"],
            ["image", "set", APP, "--env", "dev", "--digest", D2, "--tag", build_sha("2"), "--direct"],
            ["promote", APP, "--to", "test", "--no-registry", "--direct"],
            ["image", "set", APP, "--env", "dev", "--digest", D3, "--tag", build_sha("3"), "--direct"],
            ["image", "set", PR_APP, "--env", "dev", "--digest", D4, "--tag", build_sha("4")],
        ):
            run([idp, *argv, "-q"], cwd=repo, what=f"idp {' '.join(argv[:2])} (setup, {n} apps)")
        if git_show(repo, "refs/idp/pulls/1") is None or git_show(repo, f"refs/heads/{PR_BRANCH}") is None:
            raise BenchError(f"the setup's pull request is not #1 on {PR_BRANCH}")
        run([idp, "validate", "-q"], cwd=repo, what=f"idp validate ({n} apps, the generated repo)")
        run(["git", "gc", "-q", "--prune=now"], cwd=repo, what="git gc")
        run(["git", "update-index", "-q", "--refresh"], cwd=repo, what="git update-index")
        files = len(run(["git", "ls-files"], cwd=repo).splitlines())
        (tmp / "meta.json").write_text(json.dumps({"apps": n, "files": files, "head": git_head(repo),
                                                   "key": self.key}) + "\n")
        tmp.rename(done)
        return done


class Repo:
    """One size's working copy, and how to put it back as prepared."""

    def __init__(self, n: int, cached: Path):
        self.n = n
        meta = json.loads((cached / "meta.json").read_text())
        self.files, self.head = meta["files"], meta["head"]
        self.path = fresh(RUNS / f"apps-{n}")
        run(["cp", "-a", cached / "repo", self.path], cwd=WORK, what="cp -a")
        run(["git", "update-index", "-q", "--refresh"], cwd=self.path, what="git update-index")
        if git_head(self.path) != self.head:
            raise BenchError(f"the cached repo {cached} is not at its recorded commit; remove {CACHE}")
        git = self.path / ".git"
        self.git_files = {p.relative_to(git).as_posix(): p.read_bytes() for p in self.git_state(git)}
        self.loose = {p.relative_to(git).as_posix() for p in self.loose_objects(git)}
        self.app_repos = self.ignored_repos()
        self.list = RUNS / f"files-{n}.list"
        self.list.write_bytes(run(["git", "ls-files", "-z"], cwd=self.path).encode())
        self.dirty = False

    def ignored_repos(self) -> set[str]:
        """The app repositories under the ignored .idp/repos/ (new-app makes one)."""
        d = self.path / ".idp" / "repos"
        return set(os.listdir(d)) if d.is_dir() else set()

    @staticmethod
    def git_state(git: Path) -> list[Path]:
        return [p for top in git.iterdir() if top.name not in ("objects", "index")
                for p in ([top] if top.is_file() else sorted(top.rglob("*"))) if p.is_file()]

    @staticmethod
    def loose_objects(git: Path) -> list[Path]:
        objects = git / "objects"
        return [p for d in objects.iterdir() if len(d.name) == 2 and d.is_dir() for p in d.iterdir()] + \
               list(objects.glob("tmp_*"))

    def restore(self) -> None:
        if not self.dirty:
            return
        repo, git = self.path, self.path / ".git"
        want = self.git_files
        for p in self.git_state(git):
            rel = p.relative_to(git).as_posix()
            if rel not in want:
                p.unlink()
            elif p.read_bytes() != want[rel]:
                p.write_bytes(want[rel])
        for rel, data in want.items():
            if not (git / rel).is_file():
                (git / rel).parent.mkdir(parents=True, exist_ok=True)
                (git / rel).write_bytes(data)
        for p in self.loose_objects(git):
            if p.relative_to(git).as_posix() not in self.loose:
                p.unlink()
        for d in (git / "objects").iterdir():
            if len(d.name) == 2 and d.is_dir() and not any(d.iterdir()):
                d.rmdir()
        for name in self.ignored_repos() - self.app_repos:
            shutil.rmtree(repo / ".idp" / "repos" / name)
        run(["git", "read-tree", "--reset", "-u", "HEAD"], cwd=repo, what="git read-tree (restore)")
        run(["git", "clean", "-q", "-f", "-d"], cwd=repo, what="git clean (restore)")
        if git_head(repo) != self.head:
            raise BenchError(f"restore: HEAD of {repo} is not the prepared commit {self.head}")
        status = run(["git", "status", "--porcelain"], cwd=repo, what="git status (restore)")
        if status.strip():
            raise BenchError(f"restore: {repo} is not clean:\n{indent(status)}")
        self.dirty = False


# ----------------------------------------------------------------------------- the rows


def change_dev_overlay(repo: Path, d: str) -> None:
    """The one-line change of the references: the dev overlay's digest (D3) replaced by `d`."""
    f = repo / DEV_OVERLAY
    text = f.read_text()
    if text.count(D3) != 1:
        raise BenchError(f"{DEV_OVERLAY} does not hold the prepared digest {D3} once")
    f.write_text(text.replace(D3, d))


class Row:
    """One command. `args(repo, i)` does the untimed setup and returns the argv; `check(repo, res)`
    checks the warm-up run's result."""

    kind = "per-app"       # "per-app", "all" (no target), "validate", "changed", "ref"
    ref = "git commit -a"  # the reference row's name
    writes = True          # the repo must be put back before the next command
    discard_stdout = False

    def __init__(self, name: str, title: str):
        self.name, self.title = name, title

    def args(self, repo: Repo, i: int) -> list:
        raise NotImplementedError

    def check(self, repo: Repo, res: Result) -> None:
        pass


def expect(cond: bool, what: str) -> None:
    if not cond:
        raise BenchError(what)


def check_commit(repo: Repo, what: str, overlay: str, want_digest: str, records: str | None) -> None:
    """One new commit on main on the prepared one, changing `overlay` (which holds the digest)
    and, when `records` is set, record files (one at least below `records`), clean after."""
    r = repo.path
    expect(git_head(r, "HEAD~1") == repo.head, f"{what}: no single new commit on main on the prepared one")
    files = changed_files(r, "HEAD~1")
    others = [f for f in files if f != overlay]
    ok = overlay in files and (
        (records is None and not others) or
        (records is not None and any(f.startswith(records) for f in others)
         and all(f.startswith(".idp/records/") for f in others)))
    expect(ok, f"{what}: the commit changes {', '.join(files)}; want {overlay}"
               + (f" and records below {records}" if records else " only"))
    expect(want_digest in (git_show(r, f"HEAD:{overlay}") or ""), f"{what}: {overlay} does not hold {want_digest}")
    expect(not run(["git", "status", "--porcelain"], cwd=r).strip(), f"{what}: the work tree is not clean after it")


def rows(idp: Path, changed: bool) -> list[Row]:
    out: list[Row] = []

    def row(name: str, title: str, kind: str = "per-app", writes: bool = False, ref: str = "git commit -a"):
        def wrap(fn):
            cls = type(name, (Row,), {"kind": kind, "writes": writes, "ref": ref})
            r = cls(name, title)
            fn(r)
            out.append(r)
            return fn
        return wrap

    @row("status app", f"idp status {APP}")
    def _(r):
        r.args = lambda repo, i: [idp, "status", APP]

        def check(repo, res):
            apps = set(re.findall(r"\bapp\d{4}\b", res.stdout))
            expect(apps == {APP}, f"status {APP}: lists {sorted(apps)[:5]}")
            expect(short(D3) in res.stdout and short(D2) in res.stdout,
                   f"status {APP}: no {short(D3)} (dev) or {short(D2)} (test):\n{indent(res.stdout)}")
        r.check = check

    @row("status all", "idp status", kind="all")
    def _(r):
        r.args = lambda repo, i: [idp, "status"]

        def check(repo, res):
            apps = set(re.findall(r"\bapp\d{4}\b", res.stdout))
            expect(len(apps) == repo.n, f"status: lists {len(apps)} apps, want {repo.n}")
        r.check = check

    @row("history", f"idp history {APP}")
    def _(r):
        r.args = lambda repo, i: [idp, "history", APP]

        def check(repo, res):
            lines = [l for l in res.stdout.splitlines() if re.search(r"\bP-\d{8}T", l)]
            kinds = sorted(l.split()[1] for l in lines)
            expect(kinds == ["image-set"] * 3 + ["promote"] * 2,
                   f"history {APP}: want 3 image-set and 2 promote records:\n{indent(res.stdout)}")
        r.check = check

    @row("image set", f"idp image set {APP} --env dev --digest D --tag T --direct", writes=True)
    def _(r):
        r.args = lambda repo, i: [idp, "image", "set", APP, "--env", "dev", "--digest", digest(f"direct-{repo.n}-{i}"),
                                  "--tag", build_sha(f"direct-{i}"), "--direct"]
        r.check = lambda repo, res: check_commit(repo, "image set", DEV_OVERLAY, digest(f"direct-{repo.n}-0"),
                                                 f".idp/records/promotions/{APP}/dev/")

    @row("image set (PR)", f"idp image set {APP} --env dev --digest D --tag T", writes=True)
    def _(r):
        r.args = lambda repo, i: [idp, "image", "set", APP, "--env", "dev", "--digest", digest(f"pr-{repo.n}-{i}"),
                                  "--tag", build_sha(f"pr-{i}")]

        def check(repo, res):
            p, d = repo.path, digest(f"pr-{repo.n}-0")
            expect(git_head(p) == repo.head, "image set (PR): main moved")
            branch = f"refs/heads/idp/image/{APP}-dev-{short(d)}"
            expect(git_head(p, f"{branch}~1") == repo.head, f"image set (PR): {branch} is not one commit on main")
            files = changed_files(p, f"{branch}~1", branch)
            expect(DEV_OVERLAY in files and all(f == DEV_OVERLAY or f.startswith(".idp/records/") for f in files),
                   f"image set (PR): the branch changes {', '.join(files)}")
            expect(d in (git_show(p, f"{branch}:{DEV_OVERLAY}") or ""), "image set (PR): the digest is not on the branch")
            expect(git_show(p, "refs/idp/pulls/2") is not None, "image set (PR): no pull request #2")
            expect(not run(["git", "status", "--porcelain"], cwd=p).strip(), "image set (PR): the work tree changed")
        r.check = check

    @row("promote", f"idp promote {APP} --to test --no-registry --direct", writes=True)
    def _(r):
        r.args = lambda repo, i: [idp, "promote", APP, "--to", "test", "--no-registry", "--direct"]
        r.check = lambda repo, res: check_commit(repo, "promote", TEST_OVERLAY, D3,
                                                 f".idp/records/promotions/{APP}/test/")

    @row("rollback", f"idp rollback {APP} --env test --direct", writes=True)
    def _(r):
        r.args = lambda repo, i: [idp, "rollback", APP, "--env", "test", "--direct"]
        r.check = lambda repo, res: check_commit(repo, "rollback", TEST_OVERLAY, D1,
                                                 f".idp/records/promotions/{APP}/test/")

    @row("pr list", "idp pr list")
    def _(r):
        r.args = lambda repo, i: [idp, "pr", "list"]
        r.check = lambda repo, res: expect(PR_BRANCH in res.stdout and "open" in res.stdout,
                                           f"pr list: no open #1 on {PR_BRANCH}:\n{indent(res.stdout)}")

    @row("pr show", "idp pr show 1")
    def _(r):
        r.args = lambda repo, i: [idp, "pr", "show", "1"]
        r.check = lambda repo, res: expect(res.stdout.startswith("#1") and PR_BRANCH in res.stdout,
                                           f"pr show 1: not the setup's pull request:\n{indent(res.stdout)}")

    @row("pr merge", "idp pr merge 1", writes=True)
    def _(r):
        r.args = lambda repo, i: [idp, "pr", "merge", "1"]

        def check(repo, res):
            p = repo.path
            expect(git_head(p) != repo.head, "pr merge 1: main did not move")
            expect(D4 in (git_show(p, f"HEAD:apps/{PR_APP}/dev/kustomization.yaml") or ""),
                   f"pr merge 1: apps/{PR_APP}/dev/kustomization.yaml on main does not hold {D4}")
            expect(not run(["git", "status", "--porcelain"], cwd=p).strip(), "pr merge 1: the work tree is not clean")
        r.check = check

    @row("new-app", f"idp new-app {NEW_APP} --owner {OWNER} --direct", writes=True)
    def _(r):
        r.args = lambda repo, i: [idp, "new-app", NEW_APP, "--owner", OWNER, "--direct"]

        def check(repo, res):
            p = repo.path
            expect(git_head(p, "HEAD~1") == repo.head, "new-app: no single new commit on main")
            files = [f for f in changed_files(p, "HEAD~1") if f.startswith(f"apps/{NEW_APP}/")]
            expect(len(files) == PATTERN_APP_FILES[0],
                   f"new-app: {len(files)} files under apps/{NEW_APP}/, want {PATTERN_APP_FILES[0]}")
            expect(not run(["git", "status", "--porcelain"], cwd=p).strip(), "new-app: the work tree is not clean")
        r.check = check

    @row("validate", "idp validate", kind="validate", ref="cat")
    def _(r):
        r.args = lambda repo, i: [idp, "validate"]

    if changed:
        @row("validate changed", "idp validate --changed", kind="changed", writes=True, ref="cat")
        def _(r):
            def args(repo, i):
                change_dev_overlay(repo.path, digest(f"changed-{repo.n}-{i}"))
                return [idp, "validate", "--changed"]
            r.args = args

    @row("git commit -a", f"git commit -q -a -m change  (one line of {DEV_OVERLAY})", kind="ref", writes=True)
    def _(r):
        def args(repo, i):
            change_dev_overlay(repo.path, digest(f"git-{repo.n}-{i}"))
            return ["git", "commit", "-q", "-a", "-m", "change"]
        r.args = args
        r.check = lambda repo, res: check_commit(repo, "git commit -a", DEV_OVERLAY, digest(f"git-{repo.n}-0"), None)

    @row("cat", "xargs -0 -a FILES cat > /dev/null  (FILES: git ls-files -z)", kind="ref")
    def _(r):
        r.args = lambda repo, i: ["xargs", "-0", "-a", repo.list, "cat"]
        r.discard_stdout = True

    return out


PATTERN_APP_FILES = [0]


# ----------------------------------------------------------------------------- report


def parse_sizes(text: str) -> list[int]:
    ns = sorted({int(x) for x in text.replace(" ", "").split(",") if x})
    if not ns or not all(2 <= n <= MAX_SIZE for n in ns):
        raise ValueError(f"want app counts between 2 and {MAX_SIZE}")
    return ns


def main() -> int:
    global ENV
    try:
        runs = int(os.environ.get("BENCH_RUNS", "10"))
        sizes = parse_sizes(os.environ.get("BENCH_SIZES", "50,500,5000"))
    except ValueError as e:
        print(f"scale.py: BENCH_RUNS must be a whole number and BENCH_SIZES a comma-separated list of app counts "
              f"({e})", file=sys.stderr)
        return 2
    if runs < 1:
        print("scale.py: BENCH_RUNS must be at least 1", file=sys.stderr)
        return 2
    idp = Path(os.environ.get("IDP", "target/release/idp"))
    if not idp.is_absolute():
        idp = (ROOT / idp).resolve()
    if not (idp.is_file() and os.access(idp, os.X_OK)):
        print(f"scale.py: no idp binary at {idp}; run `cargo build --release` first (or set IDP=...)", file=sys.stderr)
        return 2
    for tool in ("git", "cp", "xargs", "cat"):
        if not shutil.which(tool):
            print(f"scale.py: `{tool}` is needed", file=sys.stderr)
            return 2

    WORK.mkdir(parents=True, exist_ok=True)
    home = WORK / "home"
    home.mkdir(exist_ok=True)
    (home / ".gitconfig").write_text(
        "[user]\n\tname = idp bench\n\temail = bench@example.invalid\n"
        "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n[tag]\n\tgpgsign = false\n[gc]\n\tauto = 0\n")
    ENV = env_for_tools()
    idp_version = run([idp, "--version"], cwd=WORK).strip()
    git_version = run(["git", "--version"], cwd=WORK).split()[-1]
    helptext = run([idp, "validate", "--help"], cwd=WORK)
    what, RSS[:] = rss_wrapper()
    changed = re.search(r"(^|\s)--changed\b", helptext) is not None
    print(f"idp scale benchmark: {runs} timed runs per row and size (after one untimed warm-up run), "
          f"wall time per command, peak RSS of the warm-up run")
    print(f"  {idp_version} ({idp}); git {git_version}, Python {platform.python_version()}, {os.cpu_count()} CPUs; "
          f"peak RSS by {what}")
    sys.stdout.flush()

    errors: dict[tuple[str, int], str] = {}
    repos: dict[int, Repo] = {}
    table = rows(idp, changed)
    try:
        t0 = time.monotonic()
        print("  making the pattern (idp init, new-app) ...", file=sys.stderr, flush=True)
        pattern = Pattern(idp)
        PATTERN_APP_FILES[0] = pattern.app_files
        CACHE.mkdir(parents=True, exist_ok=True)
        for old in CACHE.iterdir():
            if not old.name.startswith(pattern.key + "-"):
                shutil.rmtree(old)
        for n in sizes:
            t1 = time.monotonic()
            cached = (CACHE / f"{pattern.key}-{n}" / "meta.json").is_file()
            print(f"  {'copying the cached' if cached else 'generating the'} repo with {n:,} apps ...",
                  file=sys.stderr, flush=True)
            repos[n] = Repo(n, pattern.generate(n))
            print(f"  ... {repos[n].files:,} files, {time.monotonic() - t1:.0f} s", file=sys.stderr, flush=True)
        print(f"  prepared in {time.monotonic() - t0:.0f} s", file=sys.stderr, flush=True)
    except BenchError as e:
        print(f"scale.py: setup: {e}", file=sys.stderr)
        return 1
    print("  " + "; ".join(f"{n:,} apps: {repos[n].files:,} files in git" for n in sizes))
    sys.stdout.flush()

    times: dict[tuple[str, int], list[float]] = {}
    rss: dict[tuple[str, int], int] = {}
    active: list[tuple[Row, int]] = []

    def one(r: Row, n: int, i: int, rss: bool = False) -> Result:
        repo = repos[n]
        repo.restore()
        argv = r.args(repo, i)
        os.sync()
        if r.writes:
            repo.dirty = True
        return measure(argv, repo.path, r.title, r.discard_stdout, rss)

    # Warm-up: untimed, checked; a failing row is dropped (and reported).
    for n in sizes:
        for r in table:
            try:
                res = one(r, n, 0, rss=True)
                r.check(repos[n], res)
                active.append((r, n))
                times[(r.name, n)] = []
                rss[(r.name, n)] = res.rss_kib
            except BenchError as e:
                errors[(r.name, n)] = str(e)
                repos[n].dirty = True
    try:
        for i in range(1, runs + 1):
            for r, n in list(active):
                try:
                    res = one(r, n, i)
                    times[(r.name, n)].append(res.ms)
                except BenchError as e:
                    errors[(r.name, n)] = f"run {i}: {e}"
                    active.remove((r, n))
                    del times[(r.name, n)]
                    repos[n].dirty = True
            print(f"\r  run {i}/{runs}", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr, flush=True)
        for repo in repos.values():
            repo.restore()
    except BenchError as e:  # a restore that failed: nothing after it can be trusted
        print(f"\nscale.py: {e}", file=sys.stderr)
        return 1

    def med(name: str, n: int) -> float | None:
        xs = times.get((name, n))
        return statistics.median(xs) if xs else None

    small, large = sizes[0], sizes[-1]
    summary: list[tuple[str, str, str]] = []   # (row, target, verdict)
    results = []

    def verdict(ok: bool | None) -> str:
        return "not measured" if ok is None else ("met" if ok else "MISSED")

    print()
    for r in table:
        if r.kind == "ref":
            ref_label = ""
        else:
            ref_label = r.ref
        print(f"{r.name}: {r.title}" + (f"   (reference: {ref_label})" if ref_label else ""))
        head = ["apps", "median ms", "min-max ms", "ref ms" if ref_label else "", "ratio" if ref_label else "",
                "peak RSS MiB"]
        lines = [head]
        for n in sizes:
            xs, m = times.get((r.name, n)), med(r.name, n)
            refm = med(r.ref, n) if ref_label else None
            ratio = m / refm if (m is not None and refm) else None
            peak = rss[(r.name, n)] / 1024 if xs else None
            lines.append([f"{n:,}", f"{m:.1f}" if m is not None else "n/a",
                          f"{min(xs):.1f}-{max(xs):.1f}" if xs else "n/a",
                          (f"{refm:.1f}" if refm is not None else "n/a") if ref_label else "",
                          (f"{ratio:.2f}x" if ratio is not None else "n/a") if ref_label else "",
                          f"{peak:.1f}" if peak is not None else "n/a"])
            results.append({"row": r.name, "command": r.title, "apps": n, "files": repos[n].files,
                            "runs_ms": xs or [], "median_ms": m, "min_ms": min(xs) if xs else None,
                            "max_ms": max(xs) if xs else None, "peak_rss_kib": rss[(r.name, n)] if xs else None,
                            "reference": r.ref if ref_label else None, "reference_median_ms": refm,
                            "ratio": ratio, "error": errors.get((r.name, n))})
        keep = [c for c in range(len(head)) if head[c]]
        lines = [[l[c] for c in keep] for l in lines]
        widths = [max(len(l[c]) for l in lines) for c in range(len(keep))]
        for j, l in enumerate(lines):
            print("  " + "  ".join(v.rjust(w) for v, w in zip(l, widths)).rstrip())
            if j == 0:
                print("  " + "  ".join("-" * w for w in widths).rstrip())
        ms, ml = med(r.name, small), med(r.name, large)
        growth = ml / ms if (ms and ml is not None and large != small) else None
        refg = None
        if ref_label and med(r.ref, small) and med(r.ref, large) is not None and large != small:
            refg = med(r.ref, large) / med(r.ref, small)
        notes = []
        if large != small:
            notes.append(f"growth {small:,} -> {large:,} apps: " + (f"{growth:.2f}x" if growth is not None else "n/a")
                         + (f" ({ref_label}: {refg:.2f}x)" if refg is not None else ""))
        rl = med(r.ref, large) if ref_label else None
        ratio_l = ml / rl if (ml is not None and rl) else None
        if r.kind == "per-app":
            if large != small:
                t = f"growth <= {TARGET_GROWTH:g}x"
                v = verdict(None if growth is None else growth <= TARGET_GROWTH)
                notes.append(f"target {t}: {v}")
                summary.append((r.name, t, v + (f" ({growth:.2f}x)" if growth is not None else "")))
            t = f"<= {TARGET_RATIO:g}x git commit -a at {large:,}"
            v = verdict(None if ratio_l is None else ratio_l <= TARGET_RATIO)
            notes.append(f"target {t}: {v}")
            summary.append((r.name, t, v + (f" ({ratio_l:.2f}x)" if ratio_l is not None else "")))
        elif r.kind == "validate":
            t = f"<= {TARGET_RATIO:g}x cat at {large:,}"
            v = verdict(None if ratio_l is None else ratio_l <= TARGET_RATIO)
            notes.append(f"target {t}: {v}")
            summary.append((r.name, t, v + (f" ({ratio_l:.2f}x)" if ratio_l is not None else "")))
        elif r.kind == "changed" and large != small:
            t = f"growth <= {TARGET_GROWTH:g}x"
            v = verdict(None if growth is None else growth <= TARGET_GROWTH)
            notes.append(f"target {t}: {v}")
            summary.append((r.name, t, v + (f" ({growth:.2f}x)" if growth is not None else "")))
        elif r.kind == "all":
            notes.append("no target (lists every app)")
        for note in notes:
            print(f"  {note}")
        print()
    if not changed:
        print("idp validate --changed: not implemented (`idp validate --help` lists no --changed)")
        print()
        summary.append(("validate changed", f"growth <= {TARGET_GROWTH:g}x", "not implemented"))

    print("targets")
    w0 = max(len(s[0]) for s in summary)
    w1 = max(len(s[1]) for s in summary)
    for title, t, v in summary:
        print(f"  {title:<{w0}}  {t:<{w1}}  {v}")
    if errors:
        print("\nnot measured:")
        for (name, n), msg in errors.items():
            print(f"  {name} ({n:,} apps): {msg.splitlines()[0]}")
            if len(msg.splitlines()) > 1:
                print("\n".join(msg.splitlines()[1:]))
    if os.environ.get("BENCH_JSON"):
        Path(os.environ["BENCH_JSON"]).write_text(json.dumps(
            {"runs": runs, "sizes": sizes, "idp": idp_version, "git": git_version,
             "python": platform.python_version(), "validate_changed": changed, "results": results,
             "targets": [{"command": a, "target": b, "verdict": c} for a, b, c in summary]}, indent=2) + "\n")
    if os.environ.get("BENCH_KEEP") != "1":
        print("  removing the run repos (BENCH_KEEP=1 keeps them; the cache stays) ...", file=sys.stderr, flush=True)
        shutil.rmtree(RUNS, ignore_errors=True)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
