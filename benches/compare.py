#!/usr/bin/env python3
"""Benchmark idp against cookiecutter and copier; a report, not a test.

Run it through benches/run.sh (which makes the venv with the pinned peers), or directly with
the venv's python so that `cookiecutter` and `copier` are found next to it:

    benches/.venv/bin/python benches/compare.py

Measured (wall time of one command, process start to exit, setup outside the timed region):
  render  idp golden-path render stateless-app --out DIR --set name=payments --set owner=team-payments
          cookiecutter --no-input -o DIR benches/peers/cookiecutter name=payments owner=team-payments
          copier copy --defaults --trust -d name=payments -d owner=team-payments benches/peers/copier DIR
  update  idp --platform P upgrade CLONE --direct    (P overrides stateless-app: minor version bump
                                                       plus one changed template file, the Dockerfile)
          copier update --defaults --trust           (template repo: v<old> -> v<new>, same change)

Environment:
  IDP         the idp binary (default: target/release/idp under the repo root)
  BENCH_RUNS  timed runs per (task, tool), default 20
  BENCH_KEEP  1 keeps benches/.work/runs for inspection
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
import re
import shutil
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHES = ROOT / "benches"
PEERS = BENCHES / "peers"
WORK = BENCHES / ".work"
RUNS_DIR = WORK / "runs"
GOLDEN = ROOT / "golden-paths" / "stateless-app"
# The venv's bin dir (sys.executable is not resolved: it is the venv's own `python`).
VENV_BIN = Path(sys.executable).parent

APP_NAME = "payments"
APP_OWNER = "team-payments"
# The one template file the newer version changes (in the idp override and the copier tag).
CHANGED_FILE = "Dockerfile"
TARGETS = {"render": 50.0, "update": 100.0}


class BenchError(Exception):
    """A measurement that cannot run; the message says why."""


# ----------------------------------------------------------------------------- helpers


def env_for_tools() -> dict[str, str]:
    """An environment that isolates the tools from the user's configuration.

    HOME points into benches/.work so cookiecutter's replay files, copier's settings and git's
    global config (identity, no signing) are the benchmark's own.
    """
    home = WORK / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IDP_", "COPIER_", "COOKIECUTTER_", "GIT_"))}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
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
        p = subprocess.run(argv, cwd=cwd or WORK, env=ENV, capture_output=True, text=True, stdin=subprocess.DEVNULL)
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
    p = subprocess.run(argv, cwd=cwd, env=ENV, capture_output=True, text=True, stdin=subprocess.DEVNULL)
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


def golden_version() -> str:
    m = re.search(r"^version:\s*['\"]?([0-9]+)\.([0-9]+)\.([0-9]+)", (GOLDEN / "golden-path.yaml").read_text(), re.M)
    if not m:
        raise BenchError(f"{GOLDEN}/golden-path.yaml: no `version: X.Y.Z` line")
    return ".".join(m.groups())


def bump(version: str) -> str:
    major, minor, _ = (int(x) for x in version.split("."))
    return f"{major}.{minor + 1}.0"


def change_template(text: str) -> str:
    """The one change of the newer version, applied to the same template file for every tool."""
    if "python:3.12-slim" in text:
        return text.replace("python:3.12-slim", "python:3.13-slim", 1)
    return text + "# Changed in the newer golden path version (benchmark).\n"


def change_marker() -> str:
    """A string that only the changed file of the newer version holds."""
    if "python:3.12-slim" in (GOLDEN / "app" / CHANGED_FILE).read_text():
        return "python:3.13-slim"
    return "# Changed in the newer golden path version (benchmark)."


def set_manifest_version(path: Path, version: str) -> None:
    text = path.read_text()
    new = re.sub(r"^version:.*$", f"version: {version}", text, count=1, flags=re.M)
    path.write_text(new)


def git_commit_all(repo: Path, message: str) -> None:
    run(["git", "add", "-A"], cwd=repo, what="git add")
    run(["git", "commit", "-q", "--no-verify", "-m", message], cwd=repo, what="git commit")


def tree(root: Path, skip: tuple[str, ...] = (".copier-answers.yml", ".idp/", ".git/")) -> dict[str, bytes]:
    out = {}
    for p in sorted(root.rglob("*")):
        if p.is_file():
            rel = p.relative_to(root).as_posix()
            if not rel.startswith(skip):
                out[rel] = p.read_bytes()
    return out


# ----------------------------------------------------------------------------- the benchmarks


class Bench:
    """One (task, tool): `setup(i)` outside the timed region, `measure(i)`, then `teardown(i)`."""

    task = ""
    tool = ""

    def setup(self, i: int) -> None: ...

    def measure(self, i: int) -> float:
        raise NotImplementedError

    def check(self, i: int) -> None:
        """After the untimed warm-up run: raise BenchError if the result is not what we expect."""

    def teardown(self, i: int) -> None:
        d = RUNS_DIR / f"{self.task}-{self.tool}-{i}"
        if d.exists() and os.environ.get("BENCH_KEEP") != "1":
            shutil.rmtree(d)

    def dir(self, i: int) -> Path:
        return RUNS_DIR / f"{self.task}-{self.tool}-{i}"


class IdpRender(Bench):
    task, tool = "render", "idp"

    def __init__(self, idp: Path):
        self.idp = idp
        self.extra: list[str] = []  # `--platform P` only if render turns out to need one

    def out(self, i: int) -> Path:
        return self.dir(i) / "out"

    def setup(self, i: int) -> None:
        fresh(self.dir(i)).mkdir()

    def cmd(self, i: int) -> list:
        return [self.idp, *self.extra, "golden-path", "render", "stateless-app", "--out", self.out(i),
                "--set", f"name={APP_NAME}", "--set", f"owner={APP_OWNER}"]

    def measure(self, i: int) -> float:
        return timed(self.cmd(i), self.dir(i), "idp golden-path render")

    def check(self, i: int) -> None:
        if not (self.out(i) / CHANGED_FILE).is_file():
            raise BenchError(f"idp golden-path render exited 0 but wrote no {CHANGED_FILE} under {self.out(i)}")


class CookiecutterRender(Bench):
    task, tool = "render", "cookiecutter"

    def out(self, i: int) -> Path:
        return self.dir(i) / "out"

    def setup(self, i: int) -> None:
        fresh(self.dir(i)).mkdir()

    def measure(self, i: int) -> float:
        cmd = ["cookiecutter", "--no-input", "-o", self.out(i), PEERS / "cookiecutter",
               f"name={APP_NAME}", f"owner={APP_OWNER}"]
        return timed(cmd, self.dir(i), "cookiecutter")

    def check(self, i: int) -> None:
        if not (self.out(i) / APP_NAME / CHANGED_FILE).is_file():
            raise BenchError(f"cookiecutter exited 0 but wrote no {APP_NAME}/{CHANGED_FILE} under {self.out(i)}")


class CopierRender(Bench):
    task, tool = "render", "copier"

    def out(self, i: int) -> Path:
        return self.dir(i) / "out"

    def setup(self, i: int) -> None:
        fresh(self.dir(i)).mkdir()

    def measure(self, i: int) -> float:
        cmd = ["copier", "copy", "--defaults", "--trust", "-d", f"name={APP_NAME}", "-d", f"owner={APP_OWNER}",
               PEERS / "copier", self.out(i)]
        return timed(cmd, self.dir(i), "copier copy")

    def check(self, i: int) -> None:
        if not (self.out(i) / CHANGED_FILE).is_file():
            raise BenchError(f"copier copy exited 0 but wrote no {CHANGED_FILE} under {self.out(i)}")


class CopierUpdate(Bench):
    """copier update of a project made from v<old>, with the template repo at v<new>."""

    task, tool = "update", "copier"

    def __init__(self, old: str, new: str):
        self.old, self.new = old, new
        self.template = WORK / "copier-template"

    def prepare(self) -> None:
        """A git copy of the copier peer with tags v<old> and v<new> (one changed file + version)."""
        fresh(self.template)
        shutil.copytree(PEERS / "copier", self.template)
        cfg = self.template / "copier.yml"
        cfg_text = cfg.read_text()
        if not re.search(r"^golden_path_version:\n(?:  .*\n)*?  default: .*$", cfg_text, re.M):
            raise BenchError(f"{PEERS}/copier/copier.yml: no `golden_path_version` question with a default")

        def set_version(v: str) -> None:
            cfg.write_text(re.sub(r"^(golden_path_version:\n(?:  .*\n)*?  default: ).*$",
                                  lambda m: f'{m.group(1)}"{v}"', cfg.read_text(), count=1, flags=re.M))

        set_version(self.old)
        run(["git", "init", "-q", "-b", "main"], cwd=self.template, what="git init (copier template)")
        git_commit_all(self.template, f"v{self.old}")
        run(["git", "tag", f"v{self.old}"], cwd=self.template, what="git tag")
        set_version(self.new)
        f = self.template / "template" / CHANGED_FILE
        f.write_text(change_template(f.read_text()))
        git_commit_all(self.template, f"v{self.new}: change {CHANGED_FILE}")
        run(["git", "tag", f"v{self.new}"], cwd=self.template, what="git tag")

    def proj(self, i: int) -> Path:
        return self.dir(i) / APP_NAME

    def setup(self, i: int) -> None:
        fresh(self.dir(i)).mkdir()
        run(["copier", "copy", "-q", "--defaults", "--trust", "--vcs-ref", f"v{self.old}",
             "-d", f"name={APP_NAME}", "-d", f"owner={APP_OWNER}", self.template, self.proj(i)],
            cwd=self.dir(i), what="copier copy (update setup)")
        run(["git", "init", "-q", "-b", "main"], cwd=self.proj(i), what="git init (copier project)")
        git_commit_all(self.proj(i), f"{APP_NAME} from the copier template v{self.old}")

    def measure(self, i: int) -> float:
        return timed(["copier", "update", "--defaults", "--trust"], self.proj(i), "copier update")

    def check(self, i: int) -> None:
        answers = (self.proj(i) / ".copier-answers.yml").read_text()
        if f"_commit: v{self.new}" not in answers:
            raise BenchError(f"copier update exited 0 but the project is not at v{self.new}:\n{indent(answers)}")
        if change_marker() not in (self.proj(i) / CHANGED_FILE).read_text():
            raise BenchError(f"copier update exited 0 but {CHANGED_FILE} does not have the v{self.new} change")


class IdpUpgrade(Bench):
    """idp upgrade --direct of a fresh app repo after the platform repo bumps the golden path."""

    task, tool = "update", "idp"

    def __init__(self, idp: Path, new: str):
        self.idp, self.new = idp, new

    def platform(self, i: int) -> Path:
        return self.dir(i) / "platform"

    def clone(self, i: int) -> Path:
        return self.dir(i) / APP_NAME

    def setup(self, i: int) -> None:
        d = fresh(self.dir(i))
        d.mkdir()
        p = self.platform(i)
        run([self.idp, "init", p], cwd=d, what="idp init (upgrade setup)")
        run([self.idp, "--platform", p, "new-app", APP_NAME, "--template", "stateless-app", "--owner", APP_OWNER],
            cwd=d, what="idp new-app (upgrade setup)")
        bare = p / ".idp" / "repos" / f"{APP_NAME}.git"
        if not bare.is_dir():
            raise BenchError(f"idp new-app exited 0 but made no app repo at {bare}")
        run(["git", "clone", "-q", bare, self.clone(i)], cwd=d, what="git clone (app repo)")
        # The platform repo's copy of the golden path wins whole: the embedded one, bumped,
        # with the one changed file, committed on the platform's main.
        over = p / "golden-paths" / "stateless-app"
        if over.exists():
            shutil.rmtree(over)
        shutil.copytree(GOLDEN, over)
        set_manifest_version(over / "golden-path.yaml", self.new)
        f = over / "app" / CHANGED_FILE
        f.write_text(change_template(f.read_text()))
        # Committed through a scratch index so that only these files go in, whatever state idp
        # left the platform's worktree in (it commits in memory); then the index is synced to HEAD.
        index = {**ENV, "GIT_INDEX_FILE": str(d / "override.index")}
        for cmd in (["git", "read-tree", "HEAD"], ["git", "add", "golden-paths/stateless-app"],
                    ["git", "commit", "-q", "--no-verify", "-m", f"stateless-app {self.new}: change {CHANGED_FILE}"]):
            p_ = subprocess.run(cmd, cwd=p, env=index, capture_output=True, text=True)
            if p_.returncode != 0:
                raise BenchError(f"override commit: `{' '.join(cmd)}` exited {p_.returncode}\n{indent(p_.stderr)}")
        run(["git", "reset", "-q"], cwd=p, what="git reset (platform index)")

    def measure(self, i: int) -> float:
        return timed([self.idp, "--platform", self.platform(i), "upgrade", self.clone(i), "--direct"],
                     self.dir(i), "idp upgrade")

    def check(self, i: int) -> None:
        marker = change_marker()
        c = self.clone(i)
        candidates = [(c / CHANGED_FILE).read_text() if (c / CHANGED_FILE).exists() else ""]
        for repo, ref in ((c, "HEAD"), (c, "refs/heads/main"),
                          (self.platform(i) / ".idp" / "repos" / f"{APP_NAME}.git", "refs/heads/main")):
            p = subprocess.run(["git", "show", f"{ref}:{CHANGED_FILE}"], cwd=repo, env=ENV, capture_output=True, text=True)
            candidates.append(p.stdout if p.returncode == 0 else "")
        if not any(marker in text for text in candidates):
            raise BenchError(f"idp upgrade exited 0 but no {CHANGED_FILE} on the app repo's main (worktree, clone "
                             f"or bare repo) has the {self.new} change ({marker.strip()!r})")


# ----------------------------------------------------------------------------- report


def p90(xs: list[float]) -> float:
    s = sorted(xs)
    return s[max(0, math.ceil(0.9 * len(s)) - 1)]


def equivalence(render: dict[str, Bench]) -> list[str]:
    """Compare the three rendered trees of the warm-up run (not timed)."""
    trees = {}
    if "idp" in render:
        trees["idp"] = tree(render["idp"].out(0))
    if "cookiecutter" in render:
        trees["cookiecutter"] = tree(render["cookiecutter"].out(0) / APP_NAME)
    if "copier" in render:
        trees["copier"] = tree(render["copier"].out(0))
    if len(trees) < 2:
        return []
    lines = []
    base_name = "idp" if "idp" in trees else "cookiecutter"
    base = trees[base_name]
    for name, t in trees.items():
        if name == base_name:
            continue
        only_base = sorted(set(base) - set(t))
        only_other = sorted(set(t) - set(base))
        differ = sorted(k for k in set(base) & set(t) if base[k] != t[k])
        same = len(set(base) & set(t)) - len(differ)
        line = f"  {name} vs {base_name}: {same} identical files"
        if differ:
            line += f", {len(differ)} differ ({', '.join(differ)})"
        if only_base:
            line += f", only {base_name}: {', '.join(only_base)}"
        if only_other:
            line += f", only {name}: {', '.join(only_other)}"
        lines.append(line)
    return lines


def version_of(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


def main() -> int:
    global ENV
    runs = int(os.environ.get("BENCH_RUNS", "20"))
    if runs < 1:
        print("compare.py: BENCH_RUNS must be at least 1", file=sys.stderr)
        return 2
    idp = Path(os.environ.get("IDP", "target/release/idp"))
    if not idp.is_absolute():
        idp = (ROOT / idp).resolve()
    if not (idp.is_file() and os.access(idp, os.X_OK)):
        print(f"compare.py: no idp binary at {idp}; run `cargo build --release` first (or set IDP=...)",
              file=sys.stderr)
        return 2
    for tool in ("cookiecutter", "copier"):
        if not (VENV_BIN / tool).exists():
            print(f"compare.py: no `{tool}` in {VENV_BIN}; run benches/run.sh (it installs "
                  f"benches/peers/requirements.txt into benches/.venv)", file=sys.stderr)
            return 2
    if not shutil.which("git"):
        print("compare.py: git is needed (copier update and idp use git repositories)", file=sys.stderr)
        return 2

    WORK.mkdir(parents=True, exist_ok=True)
    home = WORK / "home"
    home.mkdir(exist_ok=True)
    (home / ".gitconfig").write_text(
        "[user]\n\tname = idp bench\n\temail = bench@example.invalid\n"
        "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n[tag]\n\tgpgsign = false\n"
    )
    ENV = env_for_tools()
    fresh(RUNS_DIR).mkdir()
    shutil.rmtree(WORK / "render-platform", ignore_errors=True)

    old = golden_version()
    new = bump(old)
    idp_version = subprocess.run([str(idp), "--version"], env=ENV, capture_output=True, text=True).stdout.strip()
    print(f"idp benchmark: {runs} timed runs per row (after one untimed warm-up run), wall time per command")
    print(f"  {idp_version or 'idp ?'} ({idp}); cookiecutter {version_of('cookiecutter')}, "
          f"copier {version_of('copier')}, Python {platform.python_version()}, git "
          f"{subprocess.run(['git', '--version'], capture_output=True, text=True).stdout.split()[-1]}, "
          f"{os.cpu_count()} CPUs")
    print(f"  update: stateless-app {old} -> {new}, one changed template file ({CHANGED_FILE})")
    sys.stdout.flush()

    errors: dict[tuple[str, str], str] = {}
    benches: list[Bench] = [IdpRender(idp), CookiecutterRender(), CopierRender(), IdpUpgrade(idp, new)]
    copier_update = CopierUpdate(old, new)
    try:
        copier_update.prepare()
        benches.append(copier_update)
    except BenchError as e:
        errors[("update", "copier")] = str(e)

    # Warm-up run 0: untimed, checks each command does what it should; a failing row is dropped.
    active: list[Bench] = []
    for b in benches:
        try:
            b.setup(0)
            try:
                b.measure(0)
            except BenchError as e:
                if not isinstance(b, IdpRender):
                    raise
                # Render outside a platform repo failed: try once inside a scratch one.
                p = WORK / "render-platform"
                try:
                    fresh(p)
                    run([idp, "init", p], what="idp init (render platform)")
                    b.extra = ["--platform", str(p)]
                    b.setup(0)
                    b.measure(0)
                    print(f"  note: `idp golden-path render` failed outside a platform repo, so it is timed with "
                          f"`--platform {p.relative_to(ROOT)}` (an `idp init` repo); the error was:\n{indent(str(e), 8)}")
                except BenchError:
                    b.extra = []
                    raise e from None
            b.check(0)
            active.append(b)
        except BenchError as e:
            errors[(b.task, b.tool)] = str(e)
    render = {b.tool: b for b in active if b.task == "render"}
    eq = equivalence(render)
    for b in active:
        b.teardown(0)

    # Timed runs, interleaved so that background noise spreads over every tool alike.
    times: dict[tuple[str, str], list[float]] = {(b.task, b.tool): [] for b in active}
    for i in range(1, runs + 1):
        for b in list(active):
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
    order = [("render", "idp"), ("render", "cookiecutter"), ("render", "copier"), ("update", "idp"),
             ("update", "copier")]
    verdicts = {}
    for task, tool in order:
        xs = times.get((task, tool))
        idp_xs = times.get((task, "idp"))
        med = statistics.median(xs) if xs else None
        ratio = (med / statistics.median(idp_xs)) if (xs and idp_xs) else None
        target = TARGETS[task]
        if tool == "idp":
            verdict = ""
        elif ratio is None:
            verdict = "not measured"
        else:
            verdict = f">= {target:g}x: {'met' if ratio >= target else 'NOT met'}"
            verdicts.setdefault(task, []).append(ratio >= target)
        if ratio is None and tool != "idp":
            verdicts.setdefault(task, []).append(None)
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
                        "met": None if (tool == "idp" or ratio is None) else ratio >= target,
                        "error": errors.get((task, tool))})
    head = ["task", "tool", "median ms", "p90 ms", "ratio vs idp", "target (peer/idp)"]
    widths = [max(len(str(r[c])) for r in rows + [head]) for c in range(len(head))]
    align = ["<", "<", ">", ">", ">", "<"]
    print()
    for r in [head, ["-" * w for w in widths]] + rows:
        print("  ".join(f"{str(v):{a}{w}}" for v, a, w in zip(r, align, widths)).rstrip())
    print()
    for task in ("render", "update"):
        v = verdicts.get(task, [])
        if v and all(x is True for x in v):
            s = "met"
        elif any(x is False for x in v):
            s = "NOT met"
        else:
            s = "unknown (not every row measured)"
        peers = [statistics.median(xs) for (t, tool), xs in times.items() if t == task and tool != "idp"]
        need = f" (needs an idp median <= {min(peers) / TARGETS[task]:.1f} ms)" if peers else ""
        print(f"{task}: idp >= {TARGETS[task]:g}x faster than every peer: {s}{need}")
    if eq:
        print("rendered trees (warm-up run; .copier-answers.yml and .idp/ left out):")
        print("\n".join(eq))
    if errors:
        print("\nnot measured:")
        for (task, tool), msg in errors.items():
            print(f"  {task}/{tool}: {msg.splitlines()[0]}")
            if len(msg.splitlines()) > 1:
                print("\n".join(msg.splitlines()[1:]))
    if os.environ.get("BENCH_JSON"):
        Path(os.environ["BENCH_JSON"]).write_text(json.dumps(
            {"runs": runs, "idp": idp_version, "cookiecutter": version_of("cookiecutter"),
             "copier": version_of("copier"), "python": platform.python_version(), "results": results}, indent=2) + "\n")
    if os.environ.get("BENCH_KEEP") != "1":
        shutil.rmtree(RUNS_DIR, ignore_errors=True)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
