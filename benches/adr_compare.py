#!/usr/bin/env python3
"""Benchmark `idp adr` against Debian's adr-tools on a repo with 1,000 ADRs; a report, not a test.

Run it through benches/adr.sh (which checks the idp binary and that `adr` is installed), or
directly:

    python3 benches/adr_compare.py

Measured (wall time of one command, process start to exit, setup outside the timed region), each
run on a fresh copy of a prepared repo that already holds 1,000 ADRs:
  new    idp adr new "Use Kafka for events" --direct       (in an `idp init` platform repo)
         adr new Use Kafka for events                       (in a git repo with doc/adr)
  index  idp adr index --direct                             (after setup emptied the index table
                                                             between its markers and committed)
         adr generate toc > doc/adr/README.md

Two more peer rows for `new` do the work `idp adr new --direct` does, which plain `adr new`
does not; they are reported beside the target row and are not targets themselves:
  adr-tools+git      sh -c 'adr new T && git add doc/adr && git commit'   (the ADR committed)
  adr-tools+toc+git  sh -c 'adr new T && adr generate toc > README && git add && git commit'
                     (committed with an up-to-date index, as idp does; BENCH_FULL_RUNS runs)

Environment:
  IDP         the idp binary (default: target/release/idp under the repo root)
  BENCH_RUNS  timed runs per (task, tool), default 20
  BENCH_ADRS  ADRs in the generated repos, default 1000
  BENCH_FULL_RUNS  timed runs of the adr-tools+toc+git row (about 40 s each for 1,000 ADRs),
              default 3, at most BENCH_RUNS; 0 skips the row
  BENCH_KEEP  1 keeps benches/.work/adr/runs for inspection
  BENCH_JSON  a file to also write the results to, as JSON

Exit status: 0 when every measurement ran (whether the targets are met or not: it is a report),
1 when a measurement could not run (its error is printed), 2 on a setup problem.
Only the Python standard library is used here.
"""

from __future__ import annotations

import datetime
import json
import math
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
BENCHES = ROOT / "benches"
WORK = BENCHES / ".work" / "adr"
RUNS_DIR = WORK / "runs"
TEMPLATES = WORK / "templates"

NEW_TITLE = "Use Kafka for events"
# adr-tools' `adr init` writes ADR 1 with this title; the idp repo gets the same one.
FIRST_TITLE = "Record architecture decisions"
TARGETS = {"new": 10.0, "index": 10.0}
# Peer rows measured for context: the same work as idp's command, with no target of their own.
SAME_WORK = {"adr-tools+git": "context: also commits (no index)",
             "adr-tools+toc+git": "context: the same work as idp"}
START = "<!-- idp:adr-index:start -->"
END = "<!-- idp:adr-index:end -->"

TECH = ["Postgres", "Kafka", "Redis", "gRPC", "Terraform", "Argo CD", "OpenTelemetry", "Vault",
        "Envoy", "Karpenter", "Temporal", "DuckDB", "Flyway", "Renovate", "Trivy", "Cilium", "NATS"]
AREA = ["billing", "search", "payments", "identity", "the data platform", "audit logs", "the edge",
        "batch jobs", "feature flags", "the catalogue", "notifications", "reporting", "onboarding"]


class BenchError(Exception):
    """A measurement that cannot run; the message says why."""


# ----------------------------------------------------------------------------- helpers


def env_for_tools() -> dict[str, str]:
    """An environment that isolates the tools from the user's configuration.

    HOME points into benches/.work/adr so git's global config (identity, no signing) is the
    benchmark's own; VISUAL and EDITOR are dropped so `adr new` opens no editor (it runs `true`);
    ADR_* (adr-tools' template and date) and IDP_* are dropped too.
    """
    home = WORK / "home"
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("IDP_", "GIT_", "ADR_")) and k not in ("VISUAL", "EDITOR")}
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


def run(cmd: list[str | Path], cwd: Path | None = None, what: str = "",
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run a setup command; raise BenchError with its output when it fails."""
    argv = [str(c) for c in cmd]
    try:
        p = subprocess.run(argv, cwd=cwd or WORK, env=env or ENV, capture_output=True, text=True,
                           stdin=subprocess.DEVNULL)
    except OSError as e:
        raise BenchError(f"{what or argv[0]}: cannot run `{' '.join(argv)}`: {e}") from None
    if p.returncode != 0:
        raise BenchError(
            f"{what or argv[0]}: `{' '.join(argv)}` exited {p.returncode}\n" + indent((p.stderr + p.stdout).strip())
        )
    return p


def timed(cmd: list[str | Path], cwd: Path, what: str, stdout: Path | None = None) -> float:
    """Wall time in ms of one command; raises BenchError if it fails.

    With `stdout`, the command's standard output goes to that file (truncated first, as the
    shell's `> FILE` does; opening it is inside the timed region, like the redirection is).
    """
    argv = [str(c) for c in cmd]
    t0 = time.perf_counter_ns()
    try:
        if stdout is None:
            p = subprocess.run(argv, cwd=cwd, env=ENV, capture_output=True, text=True, stdin=subprocess.DEVNULL)
        else:
            with open(stdout, "wb") as out:
                p = subprocess.run(argv, cwd=cwd, env=ENV, stdout=out, stderr=subprocess.PIPE, text=True,
                                   stdin=subprocess.DEVNULL)
    except OSError as e:
        raise BenchError(f"{what}: cannot run `{' '.join(argv)}`: {e}") from None
    t1 = time.perf_counter_ns()
    if p.returncode != 0:
        raise BenchError(f"{what}: `{' '.join(argv)}` exited {p.returncode}\n"
                         + indent(((p.stderr or "") + (p.stdout or "")).strip()))
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


def git_commit_all(repo: Path, message: str) -> None:
    run(["git", "add", "-A"], cwd=repo, what="git add")
    run(["git", "commit", "-q", "--no-verify", "-m", message], cwd=repo, what="git commit")


def git_head(repo: Path) -> str:
    return run(["git", "rev-parse", "HEAD"], cwd=repo, what="git rev-parse").stdout.strip()


def git_show(repo: Path, rev_path: str) -> str | None:
    p = subprocess.run(["git", "show", rev_path], cwd=repo, env=ENV, capture_output=True, text=True)
    return p.stdout if p.returncode == 0 else None


def copy_repo(template: Path, dest: Path) -> None:
    """A fresh copy of a prepared repo (untimed); git's index is refreshed for the new inodes so
    the first git operation in the timed command does not pay for rehashing the work tree."""
    fresh(dest)
    run(["cp", "-a", template, dest], cwd=WORK, what="cp -a (run setup)")
    run(["git", "update-index", "-q", "--refresh"], cwd=dest, what="git update-index (run setup)")


# ----------------------------------------------------------------------------- the ADRs


def title(n: int) -> str:
    """The title of generated ADR n: letters, digits and spaces only (plain YAML, same slug in
    both tools), unique through the number."""
    if n == 1:
        return FIRST_TITLE
    return f"Use {TECH[n % len(TECH)]} for {AREA[(n // len(TECH)) % len(AREA)]} {n}"


def date(n: int) -> str:
    """One decision a day from 2021-01-01 (1,000 ADRs end in 2023, no 29 February on the way)."""
    return (datetime.date(2021, 1, 1) + datetime.timedelta(days=n - 1)).isoformat()


def slug(t: str) -> str:
    """idp's slug (src/docs/adr.rs) and adr-tools' alike for titles of letters, digits, spaces."""
    s = re.sub(r"[^a-z0-9]+", "-", t.lower()).strip("-")
    return s[:60].rstrip("-")


def sub_once(pattern: str, repl: str, text: str, what: str) -> str:
    new, n = re.subn(pattern, lambda _m: repl, text, count=1, flags=re.M)
    if n != 1:
        raise BenchError(f"{what}: no line matching `{pattern}` in the ADR the tool wrote; its format changed, "
                         f"update {Path(__file__).name}")
    return new


def idp_adr_text(pattern: str, n: int) -> str:
    """ADR n in idp's format, from the text `idp adr new` wrote for ADR 1 (FIRST_TITLE)."""
    what = "idp ADR template"
    t, d = title(n), date(n)
    s = pattern
    s = sub_once(r"^id: ADR-0001$", f"id: ADR-{n:04}", s, what)
    s = sub_once(r"^title: .*$", f"title: {t}", s, what)
    s = sub_once(r"^status: .*$", "status: accepted", s, what)
    s = sub_once(r"^supported_until: .*$", f"supported_until: {int(d[:4]) + 2}{d[4:]}", s, what)
    s = sub_once(r"^date: .*$", f"date: {d}", s, what)
    s = sub_once(r"^# ADR-0001: .*$", f"# ADR-{n:04}: {t}", s, what)
    return s


def adr_tools_text(pattern: str, n: int) -> str:
    """ADR n in adr-tools' format, from the text `adr new` wrote for ADR 2."""
    what = "adr-tools ADR template"
    s = sub_once(r"^# 2\. .*$", f"# {n}. {title(n)}", pattern, what)
    return sub_once(r"^Date: .*$", f"Date: {date(n)}", s, what)


# ----------------------------------------------------------------------------- prepared repos


class Prepared:
    """The template repos every run copies (made once, untimed)."""

    def __init__(self, idp: Path, count: int):
        self.idp, self.count = idp, count
        self.idp_full = TEMPLATES / "idp-full"        # 1,000 ADRs, index up to date
        self.idp_stale = TEMPLATES / "idp-stale"      # same, index table emptied and committed
        self.adr_repo = TEMPLATES / "adr-tools"       # 1,000 ADRs under doc/adr, README stale

    def prepare_idp(self) -> None:
        idp = self.idp
        # What `idp adr new` writes, in a scratch platform repo: the pattern for all 1,000.
        probe = fresh(TEMPLATES / "idp-probe")
        run([idp, "init", "-q", probe], cwd=TEMPLATES, what="idp init (probe)")
        out = run([idp, "adr", "new", FIRST_TITLE, "--direct", "-q"], cwd=probe, what="idp adr new (probe)")
        written = probe / "adrs" / f"ADR-0001-{slug(FIRST_TITLE)}.md"
        if not written.is_file():
            raise BenchError(f"idp adr new exited 0 but wrote no {written.relative_to(probe)}; it wrote:\n"
                             + indent("\n".join(p.name for p in (probe / "adrs").iterdir())) + "\n"
                             + indent(out.stdout))
        pattern = written.read_text()
        shutil.rmtree(probe)

        repo = fresh(self.idp_full)
        run([idp, "init", "-q", repo], cwd=TEMPLATES, what="idp init")
        adrs = repo / "adrs"
        for n in range(1, self.count + 1):
            (adrs / f"ADR-{n:04}-{slug(title(n))}.md").write_text(idp_adr_text(pattern, n))
        git_commit_all(repo, f"{self.count} ADRs (benchmark setup)")
        run([idp, "adr", "index", "--direct", "-q"], cwd=repo, what="idp adr index (setup)")
        # idp reads them all back with the titles they were given, lints them clean and finds
        # the index up to date.
        listed = json.loads(run([idp, "adr", "list", "-o", "json"], cwd=repo, what="idp adr list (setup)").stdout)
        got = [(a.get("number"), a.get("title"), a.get("status")) for a in listed]
        want = [(n, title(n), "accepted") for n in range(1, self.count + 1)]
        if got != want:
            bad = next((g, w) for g, w in zip(got + [None] * len(want), want) if g != w)
            raise BenchError(f"idp adr list does not read back the {self.count} generated ADRs "
                             f"({len(got)} listed; first difference: got {bad[0]}, want {bad[1]})")
        run([idp, "adr", "lint"], cwd=repo, what="idp adr lint (setup)")
        run([idp, "adr", "index", "--check"], cwd=repo, what="idp adr index --check (setup)")
        run(["git", "gc", "-q", "--prune=now"], cwd=repo, what="git gc")

        # The stale copy: the rows between the index markers removed (the header kept), committed.
        stale = fresh(self.idp_stale)
        run(["cp", "-a", repo, stale], cwd=TEMPLATES, what="cp -a")
        readme = stale / "adrs" / "README.md"
        text = readme.read_text()
        m = re.search(re.escape(START) + r"\n(.*?)" + re.escape(END), text, re.S)
        if not m:
            raise BenchError(f"{readme}: no `{START}` ... `{END}` markers")
        kept = "".join(line for line in m.group(1).splitlines(keepends=True) if not line.startswith("| ["))
        readme.write_text(text[:m.start(1)] + kept + text[m.end(1):])
        git_commit_all(stale, "Empty the ADR index (benchmark setup)")
        p = subprocess.run([str(idp), "adr", "index", "--check"], cwd=stale, env=ENV, capture_output=True, text=True)
        if p.returncode == 0:
            raise BenchError("idp adr index --check finds the emptied index up to date; `index` would time a no-op")
        run(["git", "gc", "-q", "--prune=now"], cwd=stale, what="git gc")

    def prepare_adr_tools(self) -> None:
        repo = fresh(self.adr_repo)
        repo.mkdir()
        run(["git", "init", "-q", "-b", "main"], cwd=repo, what="git init (adr-tools repo)")
        # ADR 1 and 2 by adr-tools itself; 2 is the pattern for the rest.
        env1 = dict(ENV, ADR_DATE=date(1))
        run(["adr", "init", "doc/adr"], cwd=repo, what="adr init", env=env1)
        env2 = dict(ENV, ADR_DATE=date(2))
        out = run(["adr", "new", *title(2).split()], cwd=repo, what="adr new (setup)", env=env2).stdout.strip()
        adr_dir = repo / "doc" / "adr"
        for n in (1, 2):
            f = adr_dir / f"{n:04}-{slug(title(n))}.md"
            if not f.is_file():
                raise BenchError(f"adr-tools did not write {f.relative_to(repo)} (it wrote "
                                 f"{', '.join(sorted(p.name for p in adr_dir.iterdir()))}; `adr new` printed {out!r})")
        pattern = (adr_dir / f"0002-{slug(title(2))}.md").read_text()
        for n in range(3, self.count + 1):
            (adr_dir / f"{n:04}-{slug(title(n))}.md").write_text(adr_tools_text(pattern, n))
        # A stale table of contents, as the idp repo's index is for `index`.
        (adr_dir / "README.md").write_text("# Architecture Decision Records\n\n")
        git_commit_all(repo, f"{self.count} ADRs (benchmark setup)")
        run(["git", "gc", "-q", "--prune=now"], cwd=repo, what="git gc")


# ----------------------------------------------------------------------------- the benchmarks


class Bench:
    """One (task, tool): `setup(i)` outside the timed region, `measure(i)`, then `teardown(i)`."""

    task = ""
    tool = ""
    template: Path
    max_runs: int | None = None  # None: every timed run

    def __init__(self, prep: Prepared):
        self.prep = prep
        self.count = prep.count

    def dir(self, i: int) -> Path:
        return RUNS_DIR / f"{self.task}-{self.tool}-{i}"

    def setup(self, i: int) -> None:
        copy_repo(self.template, self.dir(i))

    def measure(self, i: int) -> float:
        raise NotImplementedError

    def check(self, i: int) -> None:
        """After the untimed warm-up run: raise BenchError if the result is not what we expect."""

    def teardown(self, i: int) -> None:
        d = self.dir(i)
        if d.exists() and os.environ.get("BENCH_KEEP") != "1":
            shutil.rmtree(d)


def idp_index_rows(readme: str) -> list[tuple[str, str]]:
    """(file, title) of each row of the index table between the markers."""
    m = re.search(re.escape(START) + r"\n(.*?)" + re.escape(END), readme, re.S)
    if not m:
        return []
    return re.findall(r"^\| \[ADR-\d{4}\]\(([^)]+)\) \| (.*?) \| [^|]* \| [^|]* \|$", m.group(1), re.M)


class IdpNew(Bench):
    task, tool = "new", "idp"

    def __init__(self, prep: Prepared):
        super().__init__(prep)
        self.template = prep.idp_full

    def measure(self, i: int) -> float:
        return timed([self.prep.idp, "adr", "new", NEW_TITLE, "--direct"], self.dir(i), "idp adr new")

    def check(self, i: int) -> None:
        repo, n = self.dir(i), self.count + 1
        name = f"ADR-{n:04}-{slug(NEW_TITLE)}.md"
        if not (repo / "adrs" / name).is_file():
            raise BenchError(f"idp adr new exited 0 but wrote no adrs/{name}")
        if git_show(repo, f"HEAD:adrs/{name}") is None:
            raise BenchError(f"idp adr new exited 0 but HEAD has no adrs/{name} (not committed with --direct)")
        rows = idp_index_rows(git_show(repo, "HEAD:adrs/README.md") or "")
        if len(rows) != n or rows[-1] != (name, NEW_TITLE):
            raise BenchError(f"idp adr new: the committed index has {len(rows)} rows (want {n}), "
                             f"the last {rows[-1] if rows else None} (want {(name, NEW_TITLE)})")


class AdrToolsNew(Bench):
    task, tool = "new", "adr-tools"

    def __init__(self, prep: Prepared):
        super().__init__(prep)
        self.template = prep.adr_repo

    def measure(self, i: int) -> float:
        return timed(["adr", "new", *NEW_TITLE.split()], self.dir(i), "adr new")

    def check(self, i: int) -> None:
        n = self.count + 1
        f = self.dir(i) / "doc" / "adr" / f"{n:04}-{slug(NEW_TITLE)}.md"
        if not f.is_file():
            raise BenchError(f"adr new exited 0 but wrote no doc/adr/{f.name}")
        first = f.read_text().splitlines()[:1]
        if first != [f"# {n}. {NEW_TITLE}"]:
            raise BenchError(f"adr new: doc/adr/{f.name} starts with {first!r}, want '# {n}. {NEW_TITLE}'")


class AdrToolsNewCommitted(AdrToolsNew):
    """`adr new`, then what idp's `--direct` also does: commit the ADR (and, with `toc`, first
    regenerate the table of contents, as idp regenerates its index). One `sh -c`, timed whole."""

    tool = "adr-tools+git"
    toc = False

    def measure(self, i: int) -> float:
        toc = 'adr generate toc > doc/adr/README.md && ' if self.toc else ""
        script = f'adr new "$@" && {toc}git add doc/adr && git commit -q --no-verify -m "ADR: $*"'
        return timed(["sh", "-c", script, "sh", *NEW_TITLE.split()], self.dir(i), f"{self.tool} new")

    def check(self, i: int) -> None:
        super().check(i)
        name = f"doc/adr/{self.count + 1:04}-{slug(NEW_TITLE)}.md"
        if git_show(self.dir(i), f"HEAD:{name}") is None:
            raise BenchError(f"{self.tool}: HEAD has no {name} (not committed)")
        if self.toc and f"({self.count + 1:04}-{slug(NEW_TITLE)}.md)" not in (git_show(self.dir(i), "HEAD:doc/adr/README.md") or ""):
            raise BenchError(f"{self.tool}: the committed doc/adr/README.md does not list ADR {self.count + 1}")


class AdrToolsNewIndexedCommitted(AdrToolsNewCommitted):
    tool = "adr-tools+toc+git"
    toc = True


class IdpIndex(Bench):
    task, tool = "index", "idp"

    def __init__(self, prep: Prepared):
        super().__init__(prep)
        self.template = prep.idp_stale
        self.before = ""

    def setup(self, i: int) -> None:
        super().setup(i)
        if i == 0:
            self.before = git_head(self.dir(i))

    def measure(self, i: int) -> float:
        return timed([self.prep.idp, "adr", "index", "--direct"], self.dir(i), "idp adr index")

    def rows(self, i: int) -> list[tuple[str, str]]:
        return idp_index_rows((self.dir(i) / "adrs" / "README.md").read_text())

    def check(self, i: int) -> None:
        repo = self.dir(i)
        if git_head(repo) == self.before:
            raise BenchError("idp adr index --direct exited 0 but made no commit")
        committed = git_show(repo, "HEAD:adrs/README.md")
        if committed != (repo / "adrs" / "README.md").read_text():
            raise BenchError("idp adr index --direct: adrs/README.md in the work tree differs from HEAD's")
        want = [(f"ADR-{n:04}-{slug(title(n))}.md", title(n)) for n in range(1, self.count + 1)]
        got = self.rows(i)
        if got != want:
            raise BenchError(f"idp adr index: the index has {len(got)} rows, want the {self.count} ADRs in order")


class AdrToolsToc(Bench):
    task, tool = "index", "adr-tools"

    def __init__(self, prep: Prepared):
        super().__init__(prep)
        self.template = prep.adr_repo

    def toc(self, i: int) -> Path:
        return self.dir(i) / "doc" / "adr" / "README.md"

    def measure(self, i: int) -> float:
        return timed(["adr", "generate", "toc"], self.dir(i), "adr generate toc", stdout=self.toc(i))

    def titles(self, i: int) -> list[tuple[str, str]]:
        return [(f, t) for t, f in re.findall(r"^\* \[(.*)\]\(([^)]+)\)$", self.toc(i).read_text(), re.M)]

    def check(self, i: int) -> None:
        want = [(f"{n:04}-{slug(title(n))}.md", f"{n}. {title(n)}") for n in range(1, self.count + 1)]
        got = self.titles(i)
        if got != want:
            raise BenchError(f"adr generate toc: doc/adr/README.md lists {len(got)} ADRs, want the {self.count} "
                             f"in order")


# ----------------------------------------------------------------------------- report


def p90(xs: list[float]) -> float:
    s = sorted(xs)
    return s[max(0, math.ceil(0.9 * len(s)) - 1)]


def adr_tools_version() -> str:
    if shutil.which("dpkg-query"):
        p = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "adr-tools"], capture_output=True, text=True)
        if p.returncode == 0 and p.stdout.strip():
            return p.stdout.strip()
    return "?"


def main() -> int:
    global ENV
    try:
        runs = int(os.environ.get("BENCH_RUNS", "20"))
        count = int(os.environ.get("BENCH_ADRS", "1000"))
        full_runs = min(runs, int(os.environ.get("BENCH_FULL_RUNS", "3")))
    except ValueError as e:
        print(f"adr_compare.py: BENCH_RUNS and BENCH_ADRS must be whole numbers ({e})", file=sys.stderr)
        return 2
    if runs < 1:
        print("adr_compare.py: BENCH_RUNS must be at least 1", file=sys.stderr)
        return 2
    if not 3 <= count <= 9998:
        print("adr_compare.py: BENCH_ADRS must be between 3 and 9998 (four-digit ADR numbers)", file=sys.stderr)
        return 2
    idp = Path(os.environ.get("IDP", "target/release/idp"))
    if not idp.is_absolute():
        idp = (ROOT / idp).resolve()
    if not (idp.is_file() and os.access(idp, os.X_OK)):
        print(f"adr_compare.py: no idp binary at {idp}; run `cargo build --release` first (or set IDP=...)",
              file=sys.stderr)
        return 2
    if not shutil.which("adr"):
        print("adr_compare.py: adr-tools' `adr` is not on PATH; install it: sudo apt-get install -y adr-tools "
              "(or run benches/adr.sh as root, which installs it)", file=sys.stderr)
        return 2
    for tool in ("git", "cp"):
        if not shutil.which(tool):
            print(f"adr_compare.py: `{tool}` is needed (the benchmark repos are git repos, copied per run)",
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
    fresh(RUNS_DIR).mkdir()
    TEMPLATES.mkdir(parents=True, exist_ok=True)

    idp_version = subprocess.run([str(idp), "--version"], env=ENV, capture_output=True, text=True).stdout.strip()
    git_version = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.split()[-1]
    print(f"idp adr benchmark: {runs} timed runs per row (after one untimed warm-up run), wall time per command")
    print(f"  {idp_version or 'idp ?'} ({idp}); adr-tools {adr_tools_version()} ({shutil.which('adr')}), "
          f"git {git_version}, Python {platform.python_version()}, {os.cpu_count()} CPUs")
    print(f"  each run on a fresh copy of a repo with {count} ADRs; new: \"{NEW_TITLE}\" as ADR {count + 1}")
    sys.stdout.flush()

    errors: dict[tuple[str, str], str] = {}
    prep = Prepared(idp, count)
    benches: list[Bench] = []
    print(f"  preparing the idp and adr-tools repos ({count} ADRs each) ...", file=sys.stderr, flush=True)
    try:
        prep.prepare_idp()
        benches += [IdpNew(prep), IdpIndex(prep)]
    except BenchError as e:
        errors[("new", "idp")] = errors[("index", "idp")] = f"setup: {e}"
    try:
        prep.prepare_adr_tools()
        benches += [AdrToolsNew(prep), AdrToolsNewCommitted(prep), AdrToolsToc(prep)]
        if full_runs > 0:
            full = AdrToolsNewIndexedCommitted(prep)
            full.max_runs = full_runs
            benches.append(full)
    except BenchError as e:
        errors[("new", "adr-tools")] = errors[("index", "adr-tools")] = f"setup: {e}"
    benches.sort(key=lambda b: (b.task != "new", b.tool != "idp"))

    # Warm-up run 0: untimed, checks each command does what it should; a failing row is dropped.
    active: list[Bench] = []
    same_titles = None
    for b in benches:
        try:
            b.setup(0)
            b.measure(0)
            b.check(0)
            active.append(b)
        except BenchError as e:
            errors[(b.task, b.tool)] = str(e)
    index = {b.tool: b for b in active if b.task == "index"}
    if "idp" in index and "adr-tools" in index:
        idp_titles = [t for _, t in index["idp"].rows(0)]
        toc_titles = [t.split(". ", 1)[-1] for _, t in index["adr-tools"].titles(0)]
        same_titles = idp_titles == toc_titles
    for b in active:
        b.teardown(0)

    # Timed runs, interleaved so that background noise spreads over every tool alike.
    times: dict[tuple[str, str], list[float]] = {(b.task, b.tool): [] for b in active}
    for i in range(1, runs + 1):
        for b in list(active):
            if b.max_runs is not None and i > b.max_runs:
                continue
            try:
                b.setup(i)
                # Flush the dirty pages of earlier runs and setup (untimed), so that no tool
                # pays for another's writes: every command starts from the same quiet disk.
                os.sync()
                times[(b.task, b.tool)].append(b.measure(i))
                b.teardown(i)
            except BenchError as e:
                errors[(b.task, b.tool)] = f"run {i}: {e}"
                active.remove(b)
                del times[(b.task, b.tool)]
        print(f"\r  run {i}/{runs}", end="", file=sys.stderr, flush=True)
    print("\r" + " " * 20 + "\r", end="", file=sys.stderr, flush=True)

    # Table.
    rows = []
    results = []
    order = [("new", "idp"), ("new", "adr-tools"), ("new", "adr-tools+git"), ("new", "adr-tools+toc+git"),
             ("index", "idp"), ("index", "adr-tools")]
    verdicts: dict[str, list[bool | None]] = {}
    for task, tool in order:
        xs = times.get((task, tool))
        idp_xs = times.get((task, "idp"))
        med = statistics.median(xs) if xs else None
        ratio = (med / statistics.median(idp_xs)) if (xs and idp_xs) else None
        target = None if tool in SAME_WORK else TARGETS[task]
        if tool == "idp":
            verdict = ""
        elif target is None:
            if not xs and (task, tool) not in errors:
                continue  # not asked for (BENCH_FULL_RUNS=0)
            verdict = f"{SAME_WORK[tool]}, {len(xs)} runs" if xs else "not measured"
        elif ratio is None:
            verdict = "not measured"
            verdicts.setdefault(task, []).append(None)
        else:
            verdict = f">= {target:g}x: {'met' if ratio >= target else 'NOT met'}"
            verdicts.setdefault(task, []).append(ratio >= target)
        rows.append([
            task, tool,
            f"{med:.1f}" if med is not None else "n/a",
            f"{p90(xs):.1f}" if xs else "n/a",
            (f"{ratio:.1f}x" if ratio is not None else "n/a"),
            verdict if xs or tool != "idp" else "not measured",
        ])
        results.append({"task": task, "tool": tool, "runs_ms": xs or [], "median_ms": med,
                        "p90_ms": p90(xs) if xs else None, "ratio_vs_idp": ratio,
                        "target": None if tool == "idp" else target,
                        "met": None if (target is None or tool == "idp" or ratio is None) else ratio >= target,
                        "error": errors.get((task, tool))})
    head = ["task", "tool", "median ms", "p90 ms", "ratio vs idp", "target (peer/idp)"]
    widths = [max(len(str(r[c])) for r in rows + [head]) for c in range(len(head))]
    align = ["<", "<", ">", ">", ">", "<"]
    print()
    for r in [head, ["-" * w for w in widths]] + rows:
        print("  ".join(f"{str(v):{a}{w}}" for v, a, w in zip(r, align, widths)).rstrip())
    print()
    for task in ("new", "index"):
        v = verdicts.get(task, [])
        if v and all(x is True for x in v):
            s = "met"
        elif any(x is False for x in v):
            s = "NOT met"
        else:
            s = "unknown (not every row measured)"
        peers = [statistics.median(xs) for (t, tool), xs in times.items()
                 if t == task and tool != "idp" and tool not in SAME_WORK]
        need = f" (needs an idp median <= {min(peers) / TARGETS[task]:.1f} ms)" if peers else ""
        print(f"{task}: idp >= {TARGETS[task]:g}x faster than adr-tools: {s}{need}")
    if same_titles is not None:
        print(f"index (warm-up run): idp's index and adr-tools' table of contents list "
              f"{'the same' if same_titles else 'DIFFERENT'} {count} titles in the same order")
    if errors:
        print("\nnot measured:")
        for (task, tool), msg in errors.items():
            print(f"  {task}/{tool}: {msg.splitlines()[0]}")
            if len(msg.splitlines()) > 1:
                print("\n".join(msg.splitlines()[1:]))
    if os.environ.get("BENCH_JSON"):
        Path(os.environ["BENCH_JSON"]).write_text(json.dumps(
            {"runs": runs, "adrs": count, "idp": idp_version, "adr_tools": adr_tools_version(),
             "python": platform.python_version(), "results": results}, indent=2) + "\n")
    if os.environ.get("BENCH_KEEP") != "1":
        shutil.rmtree(RUNS_DIR, ignore_errors=True)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
