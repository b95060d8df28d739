#!/usr/bin/env python3
"""Benchmark `idp promote` against `git commit` of the same one-file change, at 50 and 5,000
apps; a report, not a test.

Run it through benches/promote.sh (which checks the idp binary and git), or directly:

    python3 benches/promote_compare.py

Measured (wall time of one command, process start to exit, setup outside the timed region),
on a prepared platform repo with N apps x 4 environments, put back to its prepared state
(untimed) before every command:
  idp pr      idp promote app0001 --to test --no-registry           (the default: a branch and a PR
                                                                     on the local forge; dev holds a
                                                                     digest set by `idp image set`)
  idp direct  idp promote app0001 --to test --no-registry --direct  (a commit on the checked-out main)
  git         git commit -q -a -m promote                           (in the same repo, after setup
                                                                     wrote the overlay idp's promotion
                                                                     writes: one digest line changed)

Targets: idp <= 2x the git CLI at every N, and idp's median grows <= 1.5x from the smallest to
the largest N (the cost must follow the change, not the size of the repo). The growth target is
judged on the default (a PR): a commit to a checked-out branch, by any tool, rewrites git's index,
which holds one entry per file of the repo, so `--direct` grows with the repo as `git commit` does
(both growths are printed).

Environment:
  IDP         the idp binary (default: target/release/idp under the repo root)
  BENCH_RUNS  timed runs per (N, tool), default 20
  BENCH_APPS  the app counts, comma-separated, default "50,5000"
  BENCH_KEEP  1 keeps the prepared repos (benches/.work/promote/repos/apps-N, as the last run
              left them; several hundred MB at 5,000 apps)
  BENCH_JSON  a file to also write the results to, as JSON

Exit status: 0 when every measurement ran (whether the targets are met or not: it is a report),
1 when a measurement could not run (its error is printed), 2 on a setup problem.
Only the Python standard library is used here.
"""

from __future__ import annotations

import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHES = ROOT / "benches"
WORK = BENCHES / ".work" / "promote"
REPOS = WORK / "repos"

APP = "app0001"          # the app idp new-app makes, the pattern of every other, and the one promoted
OWNER = "platform"
FROM, TO = "dev", "test"
DIGEST = "sha256:" + "5e" * 32
BUILD_SHA = "0123456789abcdef0123456789abcdef01234567"
CHANGED = f"apps/{APP}/{TO}/kustomization.yaml"
PR_BRANCH = f"idp/promote/{APP}-{TO}"
RECORDS = f".idp/records/promotions/{APP}/{TO}/"   # the promotion's own record file is below here
PIPELINE = f".idp/records/pipeline/{TO}/"          # and the run's, as a pipeline record (same commit)
TOOLS = ("idp pr", "idp direct", "git")
TARGET_RATIO = 2.0       # idp median / git median, at every N
TARGET_GROWTH = 1.5      # idp median at the largest N / at the smallest
MAX_APPS = 9999          # app names have four digits


def app_name(n: int) -> str:
    return f"app{n:04}"


class BenchError(Exception):
    """A measurement that cannot run; the message says why."""


# ----------------------------------------------------------------------------- helpers


def env_for_tools() -> dict[str, str]:
    """An environment that isolates the tools from the user's configuration.

    HOME points into benches/.work/promote so git's global config (identity, no signing, no
    automatic gc) is the benchmark's own, for the git CLI and for idp's libgit2 alike; IDP_* and
    GIT_* are dropped (an IDP_* variable could change how idp runs).
    """
    home = WORK / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IDP_", "GIT_"))}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        NO_COLOR="1",
        GIT_TERMINAL_PROMPT="0",
        GIT_AUTHOR_NAME="idp bench",
        GIT_AUTHOR_EMAIL="bench@example.invalid",
        GIT_COMMITTER_NAME="idp bench",
        GIT_COMMITTER_EMAIL="bench@example.invalid",
    )
    return env


ENV: dict[str, str] = {}


def run(cmd: list[str | Path], cwd: Path | None = None, what: str = "") -> subprocess.CompletedProcess:
    """Run a setup command; raise BenchError with its output when it fails."""
    argv = [str(c) for c in cmd]
    try:
        p = subprocess.run(argv, cwd=cwd or WORK, env=ENV, capture_output=True, text=True,
                           stdin=subprocess.DEVNULL)
    except OSError as e:
        raise BenchError(f"{what or argv[0]}: cannot run `{' '.join(argv)}`: {e}") from None
    if p.returncode != 0:
        raise BenchError(
            f"{what or argv[0]}: `{' '.join(argv)}` exited {p.returncode}\n" + indent((p.stderr + p.stdout).strip())
        )
    return p


def timed(cmd: list[str | Path], cwd: Path, what: str) -> float:
    """Wall time in ms of one command; raises BenchError if it fails."""
    argv = [str(c) for c in cmd]
    t0 = time.perf_counter_ns()
    try:
        p = subprocess.run(argv, cwd=cwd, env=ENV, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    except OSError as e:
        raise BenchError(f"{what}: cannot run `{' '.join(argv)}`: {e}") from None
    t1 = time.perf_counter_ns()
    if p.returncode != 0:
        raise BenchError(f"{what}: `{' '.join(argv)}` exited {p.returncode}\n" + indent((p.stderr + p.stdout).strip()))
    return (t1 - t0) / 1e6


def indent(text: str, n: int = 4, limit: int = 30) -> str:
    lines = text.splitlines() or ["(no output)"]
    if len(lines) > limit:
        lines = lines[:limit] + [f"... ({len(lines) - limit} more lines)"]
    return "\n".join(" " * n + line for line in lines)


def fresh(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def git_head(repo: Path) -> str:
    return run(["git", "rev-parse", "HEAD"], cwd=repo, what="git rev-parse").stdout.strip()


def git_show(repo: Path, rev_path: str) -> str | None:
    p = subprocess.run(["git", "show", rev_path], cwd=repo, env=ENV, capture_output=True, text=True)
    return p.stdout if p.returncode == 0 else None


def changed_files(repo: Path, old: str, new: str = "HEAD") -> list[str]:
    out = run(["git", "diff", "--name-only", "--no-renames", old, new], cwd=repo, what="git diff").stdout
    return sorted(out.split())


def same_files(got: list[str], want: list[str]) -> bool:
    """`got` is one file per entry of `want`: that file, or one record file (`*.json`) below a
    folder of records (an entry ending in `/`)."""
    if len(got) != len(want):
        return False
    rest = list(got)
    for w in want:
        hit = next((g for g in rest if g == w or (w.endswith("/") and g.startswith(w) and g.endswith(".json"))), None)
        if hit is None:
            return False
        rest.remove(hit)
    return True


def copy_repo(template: Path, dest: Path) -> None:
    """A copy of a repo (untimed); git's index is refreshed for the new inodes."""
    fresh(dest)
    run(["cp", "-a", template, dest], cwd=WORK, what="cp -a")
    run(["git", "update-index", "-q", "--refresh"], cwd=dest, what="git update-index")


# ----------------------------------------------------------------------------- the repos


class Prepared:
    """The platform repos (made once per report, untimed), and how to put one back after a run."""

    def __init__(self, idp: Path):
        self.idp = idp
        self.base = REPOS / "base"         # idp init + new-app app0001 + image set (dev)
        self.per_app: list[str] = []       # the files new-app added (each names the app)
        self.promoted = ""                 # apps/app0001/test/kustomization.yaml after the promotion
        self.repos: dict[int, Path] = {}
        self.heads: dict[int, str] = {}
        self.files: dict[int, int] = {}
        # Per repo: the files under .git other than the object store and the index, as prepared
        # (refs, reflogs, HEAD, config, ...), and the loose objects (none after `git gc`).
        self.git_files: dict[int, dict[str, bytes]] = {}
        self.loose: dict[int, set[str]] = {}

    def prepare_base(self) -> None:
        idp, base = self.idp, fresh(self.base)
        run([idp, "init", "-q", base], cwd=REPOS, what="idp init")
        before = git_head(base)
        run([idp, "new-app", APP, "--owner", OWNER, "--direct", "-q"], cwd=base, what="idp new-app")
        after = git_head(base)
        if before == after:
            raise BenchError("idp new-app --direct exited 0 but made no commit")
        out = run(["git", "diff", "--name-status", "--no-renames", before, after], cwd=base, what="git diff").stdout
        for line in out.splitlines():
            status, path = line.split("\t", 1)
            if status != "A" or APP not in path:
                # The generator only copies the app's own files; a shared file new-app edits
                # (a list of apps, say) would need to be written for every app too.
                raise BenchError(f"idp new-app changed `{path}` ({status}): the generator copies only new files "
                                 f"that name the app; update {Path(__file__).name}")
            self.per_app.append(path)
        for env in (FROM, TO):
            if f"apps/{APP}/{env}/kustomization.yaml" not in self.per_app:
                raise BenchError(f"idp new-app wrote no apps/{APP}/{env}/kustomization.yaml; it wrote:\n"
                                 + indent("\n".join(self.per_app)))
        # What CI writes back after a build: the digest (and the build's git SHA) in dev.
        run([idp, "image", "set", APP, "--env", FROM, "--digest", DIGEST, "--tag", BUILD_SHA, "--direct", "-q"],
            cwd=base, what="idp image set")
        # What the promotion writes, from a probe copy of the one-app repo: the git CLI commits
        # exactly this text (the warm-up checks that idp writes the same at every N).
        probe = REPOS / "probe"
        copy_repo(base, probe)
        run([idp, "promote", APP, "--to", TO, "--no-registry", "--direct", "-q"], cwd=probe,
            what="idp promote (probe, one app)")
        promoted = git_show(probe, f"HEAD:{CHANGED}")
        if promoted is None or DIGEST not in promoted:
            raise BenchError(f"idp promote (probe): HEAD:{CHANGED} does not hold the digest {DIGEST}")
        self.promoted = promoted
        shutil.rmtree(probe)

    def prepare(self, n: int) -> None:
        """The platform repo with n apps: the base, plus apps 2..n written from app0001's files
        (the name replaced in paths and contents), committed with the git CLI and packed."""
        repo = REPOS / f"apps-{n}"
        copy_repo(self.base, repo)
        texts = {p: (self.base / p).read_bytes() for p in self.per_app}
        for k in range(2, n + 1):
            name = app_name(k)
            for path, text in texts.items():
                f = repo / path.replace(APP, name)
                f.parent.mkdir(parents=True, exist_ok=True)
                f.write_bytes(text.replace(APP.encode(), name.encode()))
        run(["git", "add", "-A"], cwd=repo, what="git add")
        run(["git", "commit", "-q", "--no-verify", "-m", f"{n - 1} more apps (benchmark setup)"], cwd=repo,
            what="git commit")
        apps = run(["git", "ls-tree", "-d", "--name-only", "HEAD:apps"], cwd=repo, what="git ls-tree").stdout.split()
        if len(apps) != n:
            raise BenchError(f"the generated repo has {len(apps)} app directories, want {n}")
        # idp finds every app valid, as if new-app had made each.
        run([self.idp, "validate", "-q"], cwd=repo, what=f"idp validate ({n} apps)")
        run(["git", "gc", "-q", "--prune=now"], cwd=repo, what="git gc")
        run(["git", "update-index", "-q", "--refresh"], cwd=repo, what="git update-index")
        self.repos[n] = repo
        self.heads[n] = git_head(repo)
        self.files[n] = len(run(["git", "ls-files"], cwd=repo, what="git ls-files").stdout.splitlines())
        git = repo / ".git"
        self.git_files[n] = {p.relative_to(git).as_posix(): p.read_bytes() for p in self.git_state(git)}
        self.loose[n] = {p.relative_to(git).as_posix() for p in self.loose_objects(git)}

    @staticmethod
    def git_state(git: Path) -> list[Path]:
        return [p for top in git.iterdir() if top.name not in ("objects", "index")
                for p in ([top] if top.is_file() else sorted(top.rglob("*"))) if p.is_file()]

    @staticmethod
    def loose_objects(git: Path) -> list[Path]:
        objects = git / "objects"
        return [p for d in objects.iterdir() if len(d.name) == 2 and d.is_dir() for p in d.iterdir()] + \
               [p for p in objects.glob("tmp_*")]

    def restore(self, n: int) -> None:
        """Put repo n back as prepared (untimed): refs, reflogs and the other files under .git
        as they were, the loose objects a run wrote removed, then the index and work tree reset
        to HEAD's tree (`git read-tree --reset -u`: only the files a run changed are rewritten,
        and the index gets full stat data and cache tree again). Checked: HEAD is the prepared
        commit and `git status` is clean."""
        repo, git = self.repos[n], self.repos[n] / ".git"
        want = self.git_files[n]
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
            if p.relative_to(git).as_posix() not in self.loose[n]:
                p.unlink()
        for d in (git / "objects").iterdir():
            if len(d.name) == 2 and d.is_dir() and not any(d.iterdir()):
                d.rmdir()
        run(["git", "read-tree", "--reset", "-u", "HEAD"], cwd=repo, what="git read-tree (restore)")
        if git_head(repo) != self.heads[n]:
            raise BenchError(f"restore: HEAD of {repo} is not the prepared commit {self.heads[n]}")
        status = run(["git", "status", "--porcelain"], cwd=repo, what="git status (restore)").stdout
        if status.strip():
            raise BenchError(f"restore: {repo} is not clean:\n{indent(status)}")


# ----------------------------------------------------------------------------- the benchmarks


class Bench:
    """One (N, tool): `setup(i)` outside the timed region, then `measure(i)`. Both tools run in
    the same repo, put back as prepared before every command."""

    tool = ""

    def __init__(self, prep: Prepared, n: int):
        self.prep, self.n = prep, n

    def repo(self) -> Path:
        return self.prep.repos[self.n]

    def setup(self, i: int) -> None:
        self.prep.restore(self.n)

    def measure(self, i: int) -> float:
        raise NotImplementedError

    def check(self, i: int) -> None:
        """After the untimed warm-up run: raise BenchError if the result is not what we expect."""

    def check_commit(self, want_files: list[str]) -> None:
        repo, what = self.repo(), self.label()
        parent = run(["git", "rev-parse", "HEAD~1"], cwd=repo, what="git rev-parse").stdout.strip()
        if parent != self.prep.heads[self.n]:
            raise BenchError(f"{what} exited 0 but HEAD~1 is not the prepared commit (no single new commit on main)")
        got = changed_files(repo, "HEAD~1")
        if not same_files(got, want_files):
            raise BenchError(f"{what}: the commit changes {', '.join(got) or 'nothing'}; want {', '.join(want_files)}")
        if git_show(repo, f"HEAD:{CHANGED}") != self.prep.promoted:
            raise BenchError(f"{what}: the committed {CHANGED} is not the one idp promote wrote in the probe")
        status = run(["git", "status", "--porcelain"], cwd=repo, what="git status").stdout
        if status.strip():
            raise BenchError(f"{what}: the work tree or index is not clean after the commit:\n{indent(status)}")

    def label(self) -> str:
        return f"{self.tool} ({self.n} apps)"


class IdpPromote(Bench):
    """`--direct`: the commit lands on the checked-out main, so, like `git commit`, idp rewrites
    the index (one entry per file of the repo: git's format has no partial write)."""

    tool = "idp direct"

    def measure(self, i: int) -> float:
        return timed([self.prep.idp, "promote", APP, "--to", TO, "--no-registry", "--direct"], self.repo(),
                     "idp promote")

    def check(self, i: int) -> None:
        self.check_commit([CHANGED, RECORDS, PIPELINE])
        record = next(f for f in changed_files(self.repo(), "HEAD~1") if f.startswith(RECORDS))
        rec = json.loads(git_show(self.repo(), f"HEAD:{record}") or "{}")
        want = {"action": "promote", "app": APP, "from": FROM, "to": TO, "digest": DIGEST}
        if {k: rec.get(k) for k in want} != want:
            raise BenchError(f"idp promote: {record} is not the promotion record:\n{indent(str(rec))}")


class IdpPromotePr(Bench):
    """The default: the promotion as a pull request on the local forge (a branch and a PR record;
    main, its index and the work tree are not touched)."""

    tool = "idp pr"

    def measure(self, i: int) -> float:
        return timed([self.prep.idp, "promote", APP, "--to", TO, "--no-registry"], self.repo(), "idp promote (PR)")

    def check(self, i: int) -> None:
        repo = self.repo()
        if git_head(repo) != self.prep.heads[self.n]:
            raise BenchError("idp promote (PR) moved main; the default opens a pull request")
        branch = f"refs/heads/{PR_BRANCH}"
        parent = run(["git", "rev-parse", f"{branch}~1"], cwd=repo, what="git rev-parse").stdout.strip()
        if parent != self.prep.heads[self.n]:
            raise BenchError(f"idp promote (PR): {PR_BRANCH} is not one commit on top of main")
        got = changed_files(repo, f"{branch}~1", branch)
        if not same_files(got, [CHANGED, RECORDS, PIPELINE]):
            raise BenchError(f"idp promote (PR): the commit changes {', '.join(got) or 'nothing'}")
        if git_show(repo, f"{branch}:{CHANGED}") != self.prep.promoted:
            raise BenchError(f"idp promote (PR): {CHANGED} on {PR_BRANCH} is not the one idp promote wrote in the probe")
        status = run(["git", "status", "--porcelain"], cwd=repo, what="git status").stdout
        if status.strip():
            raise BenchError(f"idp promote (PR) changed the work tree:\n{indent(status)}")


class GitCommit(Bench):
    tool = "git"

    def setup(self, i: int) -> None:
        super().setup(i)
        (self.repo() / CHANGED).write_text(self.prep.promoted)

    def measure(self, i: int) -> float:
        return timed(["git", "commit", "-q", "-a", "-m", "promote"], self.repo(), "git commit")

    def check(self, i: int) -> None:
        self.check_commit([CHANGED])


# ----------------------------------------------------------------------------- report


def p90(xs: list[float]) -> float:
    s = sorted(xs)
    return s[max(0, math.ceil(0.9 * len(s)) - 1)]


def parse_apps(text: str) -> list[int]:
    ns = sorted({int(x) for x in text.replace(" ", "").split(",") if x})
    if not ns or not all(1 <= n <= MAX_APPS for n in ns):
        raise ValueError(f"want app counts between 1 and {MAX_APPS}")
    return ns


def main() -> int:
    global ENV
    try:
        runs = int(os.environ.get("BENCH_RUNS", "20"))
        counts = parse_apps(os.environ.get("BENCH_APPS", "50,5000"))
    except ValueError as e:
        print(f"promote_compare.py: BENCH_RUNS must be a whole number and BENCH_APPS a comma-separated list of "
              f"app counts ({e})", file=sys.stderr)
        return 2
    if runs < 1:
        print("promote_compare.py: BENCH_RUNS must be at least 1", file=sys.stderr)
        return 2
    idp = Path(os.environ.get("IDP", "target/release/idp"))
    if not idp.is_absolute():
        idp = (ROOT / idp).resolve()
    if not (idp.is_file() and os.access(idp, os.X_OK)):
        print(f"promote_compare.py: no idp binary at {idp}; run `cargo build --release` first (or set IDP=...)",
              file=sys.stderr)
        return 2
    for tool in ("git", "cp"):
        if not shutil.which(tool):
            print(f"promote_compare.py: `{tool}` is needed (git is the peer, and the benchmark repos are git repos)",
                  file=sys.stderr)
            return 2

    WORK.mkdir(parents=True, exist_ok=True)
    home = WORK / "home"
    home.mkdir(exist_ok=True)
    (home / ".gitconfig").write_text(
        "[user]\n\tname = idp bench\n\temail = bench@example.invalid\n"
        "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n[tag]\n\tgpgsign = false\n"
        "[gc]\n\tauto = 0\n"
    )
    ENV = env_for_tools()
    if REPOS.exists():
        print("  removing the repos of the last report ...", file=sys.stderr, flush=True)
    fresh(REPOS).mkdir()

    idp_version = subprocess.run([str(idp), "--version"], env=ENV, capture_output=True, text=True).stdout.strip()
    git_version = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.split()[-1]
    print(f"idp promote benchmark: {runs} timed runs per row (after one untimed warm-up run), wall time per command")
    print(f"  {idp_version or 'idp ?'} ({idp}); git {git_version}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs")
    print(f"  a platform repo with N apps x 4 environments, put back as prepared before each command; "
          f"{APP} promoted {FROM} -> {TO}")
    sys.stdout.flush()

    errors: dict[tuple[int, str], str] = {}
    prep = Prepared(idp)
    benches: list[Bench] = []
    try:
        print("  preparing the one-app platform repo ...", file=sys.stderr, flush=True)
        prep.prepare_base()
    except BenchError as e:
        for n in counts:
            for tool in TOOLS:
                errors[(n, tool)] = f"setup: {e}"
    else:
        for n in counts:
            t0 = time.monotonic()
            print(f"  preparing the platform repo with {n} apps ...", file=sys.stderr, flush=True)
            try:
                prep.prepare(n)
                benches += [IdpPromotePr(prep, n), IdpPromote(prep, n), GitCommit(prep, n)]
                print(f"  ... {prep.files[n]} files, {time.monotonic() - t0:.0f} s", file=sys.stderr, flush=True)
            except BenchError as e:
                for tool in TOOLS:
                    errors[(n, tool)] = f"setup: {e}"
    if prep.files:
        print("  " + "; ".join(f"{n:,} apps: {prep.files[n]:,} files in git" for n in sorted(prep.files)))
        sys.stdout.flush()

    # Warm-up run 0: untimed, checks each command does what it should; a failing row is dropped.
    active: list[Bench] = []
    for b in benches:
        try:
            b.setup(0)
            b.measure(0)
            b.check(0)
            active.append(b)
        except BenchError as e:
            errors[(b.n, b.tool)] = str(e)

    # Timed runs, interleaved so that background noise spreads over every row alike.
    times: dict[tuple[int, str], list[float]] = {(b.n, b.tool): [] for b in active}
    for i in range(1, runs + 1):
        for b in list(active):
            try:
                b.setup(i)
                # Flush the dirty pages of earlier runs and setup (untimed), so that no command
                # pays for another's writes: every command starts from the same quiet disk.
                os.sync()
                times[(b.n, b.tool)].append(b.measure(i))
            except BenchError as e:
                errors[(b.n, b.tool)] = f"run {i}: {e}"
                active.remove(b)
                del times[(b.n, b.tool)]
        print(f"\r  run {i}/{runs}", end="", file=sys.stderr, flush=True)
    print("\r" + " " * 20 + "\r", end="", file=sys.stderr, flush=True)

    # Table.
    def med(n: int, tool: str) -> float | None:
        xs = times.get((n, tool))
        return statistics.median(xs) if xs else None

    small, large = counts[0], counts[-1]
    rows, results = [], []
    verdicts: dict[str, list[bool | None]] = {"ratio": [], "growth": []}
    for n in counts:
        for tool in TOOLS:
            xs = times.get((n, tool))
            m = med(n, tool)
            idp = tool != "git"
            ratio = (m / med(n, "git")) if (idp and m is not None and med(n, "git")) else None
            growth = (m / med(small, tool)) if (n != small and m is not None and med(small, tool)) else None
            verdict = []
            if idp:
                ok = None if ratio is None else ratio <= TARGET_RATIO
                verdicts["ratio"].append(ok)
                verdict.append(f"<= {TARGET_RATIO:g}x git: " + ("not measured" if ok is None else
                                                                 "met" if ok else "NOT met"))
                if n == large and n != small:
                    gok = None if growth is None else growth <= TARGET_GROWTH
                    if tool == "idp pr":
                        verdicts["growth"].append(gok)
                    verdict.append(f"growth <= {TARGET_GROWTH:g}x: " + ("not measured" if gok is None else
                                                                         "met" if gok else "NOT met"))
            rows.append([
                f"{n:,}", tool,
                f"{m:.1f}" if m is not None else "n/a",
                f"{p90(xs):.1f}" if xs else "n/a",
                f"{ratio:.2f}x" if ratio is not None else ("" if tool == "git" else "n/a"),
                f"{growth:.2f}x" if growth is not None else ("" if n == small else "n/a"),
                "; ".join(verdict),
            ])
            results.append({"apps": n, "tool": tool, "files": prep.files.get(n), "runs_ms": xs or [],
                            "median_ms": m, "p90_ms": p90(xs) if xs else None,
                            "ratio_vs_git": ratio,
                            f"growth_vs_{small}_apps": growth, "error": errors.get((n, tool))})
    head = ["apps", "tool", "median ms", "p90 ms", "vs git", f"vs {small:,} apps", "target"]
    widths = [max(len(str(r[c])) for r in rows + [head]) for c in range(len(head))]
    align = [">", "<", ">", ">", ">", ">", "<"]
    print()
    for r in [head, ["-" * w for w in widths]] + rows:
        print("  ".join(f"{str(v):{a}{w}}" for v, a, w in zip(r, align, widths)).rstrip())
    print()

    def summary(oks: list[bool | None]) -> str:
        if oks and all(x is True for x in oks):
            return "met"
        if any(x is False for x in oks):
            return "NOT met"
        return "unknown (not every row measured)"

    print(f"ratio: idp promote (both modes) <= {TARGET_RATIO:g}x git commit at every N: {summary(verdicts['ratio'])}")
    if large != small:
        print(f"growth: idp promote (the default, a PR) from {small:,} to {large:,} apps <= {TARGET_GROWTH:g}x: "
              f"{summary(verdicts['growth'])}")
        print("  (--direct commits to the checked-out main, so it rewrites git's index, one entry per file of the\n"
              "   repo, as `git commit` does: its growth follows git's, shown in the git row)")
    if errors:
        print("\nnot measured:")
        for (n, tool), msg in errors.items():
            print(f"  {n}/{tool}: {msg.splitlines()[0]}")
            if len(msg.splitlines()) > 1:
                print("\n".join(msg.splitlines()[1:]))
    if os.environ.get("BENCH_JSON"):
        Path(os.environ["BENCH_JSON"]).write_text(json.dumps(
            {"runs": runs, "apps": counts, "idp": idp_version, "git": git_version,
             "python": platform.python_version(), "results": results}, indent=2) + "\n")
    if os.environ.get("BENCH_KEEP") != "1":
        print("  removing the repos (BENCH_KEEP=1 keeps them) ...", file=sys.stderr, flush=True)
        shutil.rmtree(REPOS, ignore_errors=True)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
