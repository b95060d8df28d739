#!/usr/bin/env python3
"""16 CI-like jobs promoting 16 different apps of one platform repo at once, all against one
bare remote; a report, not a test.

Run it through benches/concurrency.sh (which checks the idp binary and git), or directly:

    python3 benches/concurrency_report.py

Each job is what a delivery pipeline does after a build: a clone of the remote (made once,
then put back as a fresh clone would be before each round, untimed), then, timed, `idp promote appNNNN --to test --no-registry` with `CI=true` (the default,
a branch and a pull request on the local forge) or with `--direct` (a commit on main). The 16
jobs start together; the report says how many landed (exit 0 and on the remote: the overlay on
main holds the digest for `--direct`; the branch and a pull request record naming it for a PR),
the time from the first start to the last exit against one job alone, and how many times each
job lost a race and made its change again (the "moved on while this change was made" warnings
on its stderr).

Targets: 16/16 landed, and all 16 land within 4x the time of one job alone.

Environment:
  IDP         the idp binary (default: target/release/idp under the repo root)
  BENCH_APPS  apps in the platform repo, default 500
  BENCH_JOBS  concurrent jobs, default 16 (each promotes its own app)
  BENCH_RUNS  rounds of the concurrent jobs per mode, and timed runs of one job alone, default 3
  BENCH_MODES comma-separated, default "pr,direct"
  BENCH_KEEP  1 keeps benches/.work/concurrency/ as the last round left it
  BENCH_JSON  a file to also write the results to, as JSON

Exit status: 0 when every measurement ran (whether the targets are met or not: it is a report),
1 when a measurement could not run (its error is printed), 2 on a setup problem.
Only the Python standard library is used here.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benches" / ".work" / "concurrency"
APP = "app0001"
DIGEST = "sha256:" + "5e" * 32
BUILD_SHA = "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b"
RETRY = "moved on while this change was made"
TARGET_RATIO = 4.0


class BenchError(Exception):
    pass


def env() -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if not k.startswith(("IDP_", "GIT_", "GITHUB_"))}
    home = WORK / "home"
    e.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), GIT_CONFIG_NOSYSTEM="1",
             IDP_ACTOR="ci@example.com", CI="true", NO_COLOR="1", AWS_EC2_METADATA_DISABLED="true")
    return e


def run(args, cwd: Path, what: str, check: bool = True) -> subprocess.CompletedProcess:
    p = subprocess.run([str(a) for a in args], cwd=cwd, env=env(), capture_output=True, text=True)
    if check and p.returncode != 0:
        raise BenchError(f"{what} exited {p.returncode}:\n{p.stderr.strip()}")
    return p


def app_name(k: int) -> str:
    return f"app{k:04d}"


def prepare(idp: Path, apps: int) -> Path:
    """The platform repo with `apps` apps (app0001 made by idp, the others written from its
    files), pushed to a bare repository kept as prepared. Returns that repository."""
    shutil.rmtree(WORK, ignore_errors=True)
    home = WORK / "home"
    home.mkdir(parents=True)
    (home / ".gitconfig").write_text(
        "[user]\n\tname = CI\n\temail = ci@example.com\n[init]\n\tdefaultBranch = main\n"
        "[gc]\n\tauto = 0\n[commit]\n\tgpgsign = false\n")
    base = WORK / "platform"
    run([idp, "init", "-q", base], cwd=WORK, what="idp init")
    before = run(["git", "rev-parse", "HEAD"], cwd=base, what="git rev-parse").stdout.strip()
    run([idp, "new-app", APP, "--owner", "platform", "--direct", "-q"], cwd=base, what="idp new-app")
    names = run(["git", "diff", "--name-status", "--no-renames", before, "HEAD"], cwd=base,
                what="git diff").stdout.splitlines()
    per_app = []
    for line in names:
        status, path = line.split("\t", 1)
        if status != "A" or APP not in path:
            raise BenchError(f"idp new-app changed `{path}` ({status}): the generator copies only new "
                             f"files that name the app; update {Path(__file__).name}")
        per_app.append(path)
    # What CI writes back after a build: a digest in dev (every copy gets it too).
    run([idp, "image", "set", APP, "--env", "dev", "--digest", DIGEST, "--tag", BUILD_SHA, "--direct", "-q"],
        cwd=base, what="idp image set")
    texts = {p: (base / p).read_bytes() for p in per_app}
    for k in range(2, apps + 1):
        name = app_name(k)
        for path, text in texts.items():
            f = base / path.replace(APP, name)
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_bytes(text.replace(APP.encode(), name.encode()))
    run(["git", "add", "-A"], cwd=base, what="git add")
    run(["git", "commit", "-q", "--no-verify", "-m", f"{apps - 1} more apps (benchmark setup)"], cwd=base,
        what="git commit")
    run([idp, "validate", "-q"], cwd=base, what=f"idp validate ({apps} apps)")
    prepared = WORK / "prepared.git"
    run(["git", "init", "-q", "--bare", prepared], cwd=WORK, what="git init --bare")
    run(["git", "push", "-q", prepared, "main"], cwd=base, what="git push")
    run(["git", "gc", "-q", "--prune=now"], cwd=prepared, what="git gc")
    return prepared


def fresh_remote(prepared: Path) -> Path:
    remote = WORK / "remote.git"
    shutil.rmtree(remote, ignore_errors=True)
    shutil.copytree(prepared, remote, symlinks=True)
    return remote


def clones(remote: Path, n: int) -> list[Path]:
    """n fresh clones of `remote` (made two at a time), as n CI jobs check the repo out."""
    dirs = [WORK / "jobs" / f"job{i:02d}" for i in range(n)]
    shutil.rmtree(WORK / "jobs", ignore_errors=True)
    (WORK / "jobs").mkdir(parents=True)
    for pair in range(0, n, 2):
        procs = [subprocess.Popen(["git", "clone", "-q", str(remote), str(d)], env=env(),
                                  stderr=subprocess.PIPE) for d in dirs[pair:pair + 2]]
        for p in procs:
            if p.wait() != 0:
                raise BenchError(f"git clone failed: {p.stderr.read().decode()}")
    os.sync()
    return dirs


def reset(dirs: list[Path], head: str) -> None:
    """Put each job's clone back as a fresh clone of the prepared remote has it: `main` and
    `origin/main` at `head`, no other branch or idp ref, the work tree as committed (only the
    files a round changed are rewritten; a new clone of 11,500 files costs seconds)."""
    for d in dirs:
        refs = run(["git", "for-each-ref", "--format=%(refname)"], cwd=d, what="git for-each-ref").stdout.split()
        stale = [r for r in refs if r not in ("refs/heads/main", "refs/remotes/origin/main",
                                              "refs/remotes/origin/HEAD")]
        if stale:
            subprocess.run(["git", "update-ref", "--stdin"], cwd=d, env=env(), check=True, text=True,
                           input="".join(f"delete {r}\n" for r in stale))
        run(["git", "update-ref", "refs/remotes/origin/main", head], cwd=d, what="git update-ref")
        run(["git", "reset", "-q", "--hard", head], cwd=d, what="git reset")
    os.sync()


def job_args(idp: Path, app: str, mode: str) -> list[str]:
    args = [str(idp), "promote", app, "--to", "test", "--no-registry"]
    if mode == "direct":
        args.append("--direct")
    return args


def landed(remote: Path, app: str, mode: str) -> bool:
    """Is the promotion of `app` on the remote?"""
    if mode == "direct":
        p = run(["git", "show", f"main:apps/{app}/test/kustomization.yaml"], cwd=remote, what="git show",
                check=False)
        return p.returncode == 0 and DIGEST in p.stdout
    branch = f"idp/promote/{app}-test"
    if run(["git", "rev-parse", "-q", "--verify", f"refs/heads/{branch}"], cwd=remote, what="git rev-parse",
           check=False).returncode != 0:
        return False
    pulls = run(["git", "for-each-ref", "--format=%(refname)", "refs/idp/pulls/"], cwd=remote,
                what="git for-each-ref").stdout.split()
    for ref in pulls:
        record = run(["git", "show", f"{ref}:pull.json"], cwd=remote, what="git show", check=False).stdout
        if record and json.loads(record).get("head") == branch:
            return True
    return False


def alone(idp: Path, prepared: Path, d: Path, head: str, mode: str, runs: int) -> list[float]:
    times = []
    for r in range(runs):
        remote = fresh_remote(prepared)
        reset([d], head)
        app = app_name(2 + r)
        start = time.monotonic()
        p = subprocess.run(job_args(idp, app, mode), cwd=d, env=env(), capture_output=True, text=True)
        times.append(time.monotonic() - start)
        if p.returncode != 0 or not landed(remote, app, mode):
            raise BenchError(f"one job alone ({mode}, {app}) did not land: exit {p.returncode}\n{p.stderr}")
    return times


def together(idp: Path, prepared: Path, dirs: list[Path], head: str, mode: str) -> dict:
    remote = fresh_remote(prepared)
    reset(dirs, head)
    apps = [app_name(2 + i) for i in range(len(dirs))]
    procs = []
    for d, app in zip(dirs, apps):
        procs.append((time.monotonic(), subprocess.Popen(job_args(idp, app, mode), cwd=d, env=env(),
                                                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                                         text=True)))
    first = procs[0][0]
    results = []
    for (start, p), app in zip(procs, apps):
        out, err = p.communicate()
        end = time.monotonic()
        results.append({"app": app, "exit": p.returncode, "seconds": end - start, "end": end,
                        "retries": err.count(RETRY), "stderr": err if p.returncode else ""})
    last = max(r["end"] for r in results)
    for r in results:
        r["landed"] = r["exit"] == 0 and landed(remote, r["app"], mode)
        del r["end"]
    return {"total": last - first, "jobs": results}


def main() -> int:
    idp = Path(os.environ.get("IDP", ROOT / "target" / "release" / "idp"))
    apps = int(os.environ.get("BENCH_APPS", "500"))
    jobs = int(os.environ.get("BENCH_JOBS", "16"))
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    modes = [m for m in os.environ.get("BENCH_MODES", "pr,direct").split(",") if m]
    if jobs + 1 > apps:
        print(f"concurrency: BENCH_APPS ({apps}) must be above BENCH_JOBS ({jobs})", file=sys.stderr)
        return 2
    version = run([idp, "--version"], cwd=ROOT, what="idp --version").stdout.strip()
    print(f"concurrency: {jobs} CI-like jobs promoting {jobs} different apps at once, one bare remote, "
          f"{apps}-app platform repo ({version}, {os.cpu_count()} cores)")
    try:
        t0 = time.monotonic()
        prepared = prepare(idp, apps)
        print(f"  prepared the {apps}-app repo in {time.monotonic() - t0:.1f} s (untimed)")
        head = run(["git", "rev-parse", "main"], cwd=prepared, what="git rev-parse").stdout.strip()
        dirs = clones(fresh_remote(prepared), jobs)
        report = []
        for mode in modes:
            one = alone(idp, prepared, dirs[0], head, mode, runs)
            rounds = [together(idp, prepared, dirs, head, mode) for _ in range(runs)]
            report.append({"mode": mode, "alone": one, "rounds": rounds})
    except BenchError as e:
        print(f"concurrency: {e}", file=sys.stderr)
        return 1
    finally:
        if os.environ.get("BENCH_KEEP") != "1":
            shutil.rmtree(WORK, ignore_errors=True)

    print()
    head = ("mode", "round", "landed", "exit 7", "total s", "alone s", "ratio", "retries/job (min med max)",
            "job s (med max)", "target")
    rows = []
    for m in report:
        one = statistics.median(m["alone"])
        for i, r in enumerate(m["rounds"], 1):
            js = r["jobs"]
            retries = sorted(j["retries"] for j in js)
            secs = sorted(j["seconds"] for j in js)
            ok = sum(j["landed"] for j in js)
            ratio = r["total"] / one
            met = ok == len(js) and ratio <= TARGET_RATIO
            rows.append((m["mode"], str(i), f"{ok}/{len(js)}", str(sum(j["exit"] == 7 for j in js)),
                         f"{r['total']:.2f}", f"{one:.2f}", f"{ratio:.1f}x",
                         f"{retries[0]} {statistics.median(retries):g} {retries[-1]}",
                         f"{statistics.median(secs):.2f} {secs[-1]:.2f}", "met" if met else "NOT met"))
            for j in js:
                if not j["landed"]:
                    print(f"  {m['mode']} round {i}: {j['app']} did not land (exit {j['exit']}):\n"
                          + "\n".join("    " + l for l in j["stderr"].strip().splitlines()[-5:]))
    widths = [max(len(h), *(len(r[c]) for r in rows)) for c, h in enumerate(head)]
    for r in [head, *rows]:
        print("  " + "  ".join(v.ljust(w) for v, w in zip(r, widths)))
    print(f"\n  targets: {jobs}/{jobs} landed, and the time from the first start to the last exit "
          f"<= {TARGET_RATIO:g}x one job alone (median of {runs}); retries = lost races made again")
    if os.environ.get("BENCH_JSON"):
        Path(os.environ["BENCH_JSON"]).write_text(json.dumps(
            {"apps": apps, "jobs": jobs, "idp": version, "modes": report}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
