#!/usr/bin/env python3
"""Benchmark `idp image set` in a platform repo with 50,000 past promotion records against one
with none; a report, not a test.

Run it through benches/records-scale.sh (which checks the idp binary and git), or directly:

    python3 benches/records_scale.py

Measured (wall time of one command, process start to exit, setup outside the timed region):

    idp image set app0001 --env dev --digest sha256:<new> --tag <sha>

in PR mode (the default: a branch `idp/image/app0001-dev-<digest>` and a pull request on the
local forge; main, its index and the work tree are not touched), in two repos made from the same
pattern (`idp init`, `idp new-app app0001`, one `idp image set --direct`):

  none     no other record
  history  BENCH_RECORDS past promotion records (default 50,000) written by this script into
           idp's layout (one file each, `.idp/records/promotions/<app>/<env>/<yyyy>/<mm>/<dd>/`):
           half of them of app0001 in dev (the folder `image set` reads), the rest spread over
           49 other apps and the four environments, over the two years before today; committed
           with git in one commit and packed with `git gc`, as a clone would be.

Every run sets a digest no run set before, so each run makes a new branch and pull request on
top of the same main; both repos get the same number of them, interleaved (none, history, none,
...). The warm-up run of each repo checks the result: main unmoved, the branch one commit on top
of it changing exactly the overlay and one new record file of app0001 in dev, whose record says
so. The report also prints the objects and bytes each change added (its commit, trees and
blobs), which must not grow with the history either.

Target: the median with history <= 1.2x the median with none.

Environment:
  IDP            the idp binary (default: target/release/idp under the repo root)
  BENCH_RUNS     timed runs per repo, default 20
  BENCH_RECORDS  past records in the history repo, default 50000
  BENCH_KEEP     1 keeps the repos (benches/.work/records/repos/)
  BENCH_JSON     a file to also write the results to, as JSON

Exit status: 0 when every measurement ran (whether the target is met or not: it is a report),
1 when a measurement could not run (its error is printed), 2 on a setup problem.
Only the Python standard library is used here.
"""

from __future__ import annotations

import datetime
import hashlib
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
WORK = ROOT / "benches" / ".work" / "records"
REPOS = WORK / "repos"

APP = "app0001"
ENV_ = "dev"
ENVS = ("dev", "test", "staging", "prod")
OVERLAY = f"apps/{APP}/{ENV_}/kustomization.yaml"
RECORDS = f".idp/records/promotions/{APP}/{ENV_}/"
TARGET = 1.2


class BenchError(Exception):
    """A measurement that cannot run; the message says why."""


def env_for_tools() -> dict[str, str]:
    """HOME of the benchmark's own (git identity, no signing, no automatic gc); IDP_* and GIT_*
    dropped."""
    home = WORK / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IDP_", "GIT_"))}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), NO_COLOR="1",
               GIT_TERMINAL_PROMPT="0")
    return env


ENV: dict[str, str] = {}


def indent(text: str, n: int = 4, limit: int = 30) -> str:
    lines = text.splitlines()
    if len(lines) > limit:
        lines = lines[:limit] + [f"... ({len(lines) - limit} more lines)"]
    return "\n".join(" " * n + line for line in lines)


def run(cmd: list, cwd: Path, what: str = "", stdin: str | None = None) -> str:
    argv = [str(c) for c in cmd]
    p = subprocess.run(argv, cwd=cwd, env=ENV, capture_output=True, text=True, input=stdin)
    if p.returncode != 0:
        raise BenchError(f"{what or argv[0]}: `{' '.join(argv)}` exited {p.returncode}\n"
                         + indent((p.stderr + p.stdout).strip()))
    return p.stdout


def timed(cmd: list, cwd: Path, what: str) -> float:
    argv = [str(c) for c in cmd]
    t0 = time.perf_counter_ns()
    p = subprocess.run(argv, cwd=cwd, env=ENV, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    t1 = time.perf_counter_ns()
    if p.returncode != 0:
        raise BenchError(f"{what}: `{' '.join(argv)}` exited {p.returncode}\n" + indent((p.stderr + p.stdout).strip()))
    return (t1 - t0) / 1e6


def digest(i: int, salt: str) -> str:
    return "sha256:" + hashlib.sha256(f"{salt}-{i}".encode()).hexdigest()


def pattern(idp: Path) -> Path:
    """The one-app platform repo both repos start from."""
    base = REPOS / "pattern"
    run([idp, "init", "-q", base], cwd=REPOS, what="idp init")
    run([idp, "new-app", APP, "--owner", "platform", "--direct", "-q"], cwd=base, what="idp new-app")
    run([idp, "image", "set", APP, "--env", ENV_, "--digest", digest(0, "pattern"), "--tag",
         "0123456789abcdef", "--direct", "-q"], cwd=base, what="idp image set (pattern)")
    return base


def write_history(repo: Path, n: int) -> None:
    """n past promotion records in idp's layout, one file each, committed with git."""
    today = datetime.date.today()
    for i in range(n):
        if i % 2 == 0:
            app, env = APP, ENV_
        else:
            app, env = f"app{2 + (i // 2) % 49:04}", ENVS[(i // 98) % 4]
        day = today - datetime.timedelta(days=1 + (i * 730) // max(n, 1))
        stamp = f"{day:%Y%m%d}T{(i // 3600) % 24:02}{(i // 60) % 60:02}{i % 60:02}.{i % 1000:03}Z"
        rid = f"P-{stamp}-{i:06x}"[:len("P-20261206T013512.483Z-3f9a1c")]
        record = {
            "id": rid, "action": "image-set", "app": app, "from": None, "to": env, "image": app,
            "digest": digest(i, "history"), "previous": digest(i - 1, "history"), "tag": f"{i:040x}",
            "actor": "ci@example.com", "time": f"{day:%Y-%m-%d}T12:00:00Z",
        }
        path = repo / f".idp/records/promotions/{app}/{env}/{day:%Y/%m/%d}/{rid}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(record, indent=2) + "\n")
    run(["git", "add", "-A", ".idp/records"], cwd=repo, what="git add")
    run(["git", "commit", "-q", "-m", f"{n} past promotion records"], cwd=repo, what="git commit")


def prepare(idp: Path, base: Path, name: str, n: int) -> Path:
    repo = REPOS / name
    run(["cp", "-a", base, repo], cwd=REPOS, what="cp")
    if n:
        write_history(repo, n)
    run(["git", "gc", "-q"], cwd=repo, what="git gc")
    listed = run(["git", "ls-tree", "-r", "--name-only", "HEAD", "--", ".idp/records/promotions/"], cwd=repo)
    got = len(listed.splitlines())
    if got != n + 1:
        raise BenchError(f"{name}: {got} promotion records on main, want {n + 1}")
    return repo


def new_objects(repo: Path, commit: str) -> tuple[int, int]:
    ids = [l.split()[0] for l in run(["git", "rev-list", "--objects", commit, "--not", f"{commit}^"],
                                     cwd=repo).splitlines() if l.strip()]
    sizes = run(["git", "cat-file", "--batch-check=%(objectsize)"], cwd=repo, stdin="\n".join(ids) + "\n")
    return len(ids), sum(int(s) for s in sizes.split())


def check(repo: Path, main: str, d: str, what: str) -> tuple[int, int]:
    """After the warm-up: main unmoved, the branch one commit on it with the overlay and one
    record of app0001 in dev; the objects it added."""
    if run(["git", "rev-parse", "main"], cwd=repo).strip() != main:
        raise BenchError(f"{what}: main moved; the default opens a pull request")
    branch = f"idp/image/{APP}-{ENV_}-{d[len('sha256:'):][:12]}"
    tip = run(["git", "rev-parse", f"refs/heads/{branch}"], cwd=repo, what=f"{what}: no branch {branch}").strip()
    if run(["git", "rev-parse", f"{tip}~1"], cwd=repo).strip() != main:
        raise BenchError(f"{what}: {branch} is not one commit on top of main")
    files = run(["git", "diff", "--name-only", f"{tip}~1", tip], cwd=repo).split()
    records = [f for f in files if f.startswith(RECORDS) and f.endswith(".json")]
    if sorted(files) != sorted([OVERLAY] + records) or len(records) != 1:
        raise BenchError(f"{what}: the change writes {', '.join(files)}; want {OVERLAY} and one record in {RECORDS}")
    rec = json.loads(run(["git", "show", f"{tip}:{records[0]}"], cwd=repo))
    if (rec.get("action"), rec.get("app"), rec.get("to"), rec.get("digest")) != ("image-set", APP, ENV_, d):
        raise BenchError(f"{what}: {records[0]} is not the image-set record:\n{indent(json.dumps(rec))}")
    return new_objects(repo, tip)


def p90(xs: list[float]) -> float:
    s = sorted(xs)
    return s[max(0, math.ceil(0.9 * len(s)) - 1)]


def main() -> int:
    global ENV
    try:
        runs = int(os.environ.get("BENCH_RUNS", "20"))
        n = int(os.environ.get("BENCH_RECORDS", "50000"))
    except ValueError:
        print("records_scale.py: BENCH_RUNS and BENCH_RECORDS must be whole numbers", file=sys.stderr)
        return 2
    if runs < 1 or n < 1:
        print("records_scale.py: BENCH_RUNS and BENCH_RECORDS must be at least 1", file=sys.stderr)
        return 2
    idp = Path(os.environ.get("IDP", "target/release/idp"))
    if not idp.is_absolute():
        idp = (ROOT / idp).resolve()
    if not (idp.is_file() and os.access(idp, os.X_OK)):
        print(f"records_scale.py: no idp binary at {idp}; run `cargo build --release` first (or set IDP=...)",
              file=sys.stderr)
        return 2
    WORK.mkdir(parents=True, exist_ok=True)
    home = WORK / "home"
    home.mkdir(exist_ok=True)
    (home / ".gitconfig").write_text(
        "[user]\n\tname = idp bench\n\temail = bench@example.invalid\n"
        "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n[gc]\n\tauto = 0\n")
    ENV = env_for_tools()
    shutil.rmtree(REPOS, ignore_errors=True)
    REPOS.mkdir(parents=True)
    idp_version = run([idp, "--version"], cwd=WORK).strip()
    git_version = run(["git", "--version"], cwd=WORK).strip()
    print(f"{idp_version}; {git_version}; {runs} runs per repo, interleaved; {n:,} past records",
          file=sys.stderr)

    labels = {"none": 0, "history": n}
    repos: dict[str, Path] = {}
    mains: dict[str, str] = {}
    objects: dict[str, tuple[int, int]] = {}
    times: dict[str, list[float]] = {k: [] for k in labels}
    try:
        t0 = time.monotonic()
        base = pattern(idp)
        for label, count in labels.items():
            print(f"  preparing `{label}` ({count:,} past records) ...", file=sys.stderr, flush=True)
            repos[label] = prepare(idp, base, label, count)
            mains[label] = run(["git", "rev-parse", "main"], cwd=repos[label]).strip()
        print(f"  prepared in {time.monotonic() - t0:.0f} s", file=sys.stderr, flush=True)
        cmd = lambda d: [idp, "image", "set", APP, "--env", ENV_, "--digest", d, "--tag", "9f8e7d6c5b4a3928"]
        for label in labels:  # warm-up, checked
            d = digest(-1, label)
            run(cmd(d), cwd=repos[label], what=f"idp image set ({label})")
            objects[label] = check(repos[label], mains[label], d, f"idp image set ({label})")
        for i in range(runs):
            for label in labels:
                os.sync()
                times[label].append(timed(cmd(digest(i, f"run-{label}")), repos[label], f"idp image set ({label})"))
    except BenchError as e:
        print(f"records_scale.py: {e}", file=sys.stderr)
        return 1

    med = {k: statistics.median(v) for k, v in times.items()}
    ratio = med["history"] / med["none"]
    rows = [["past records", "median ms", "p90 ms", "objects", "bytes", "ratio"]]
    for label, count in labels.items():
        rows.append([f"{count:,}", f"{med[label]:.1f}", f"{p90(times[label]):.1f}", str(objects[label][0]),
                     f"{objects[label][1]:,}", "" if label == "none" else f"{ratio:.2f}x"])
    widths = [max(len(r[c]) for r in rows) for c in range(len(rows[0]))]
    print()
    for j, r in enumerate(rows):
        print("  ".join(v.rjust(w) for v, w in zip(r, widths)))
        if j == 0:
            print("  ".join("-" * w for w in widths))
    print()
    print(f"target: idp image set with {n:,} past records <= {TARGET:g}x with none: "
          + ("met" if ratio <= TARGET else "NOT met") + f" ({ratio:.2f}x)")
    print(f"objects a change adds: {objects['none'][0]} ({objects['none'][1]:,} bytes) with none, "
          f"{objects['history'][0]} ({objects['history'][1]:,} bytes) with {n:,}")
    if os.environ.get("BENCH_JSON"):
        Path(os.environ["BENCH_JSON"]).write_text(json.dumps({
            "runs": runs, "records": n, "idp": idp_version, "git": git_version,
            "python": platform.python_version(), "median_ms": med, "runs_ms": times, "ratio": ratio,
            "objects": {k: {"count": v[0], "bytes": v[1]} for k, v in objects.items()}}, indent=2) + "\n")
    if os.environ.get("BENCH_KEEP") != "1":
        shutil.rmtree(REPOS, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
