#!/usr/bin/env python3
"""Benchmark `idp health` against `kubectl get nodes` + `kubectl get pods -A` on a cluster of
5,000 nodes and 50,000 pods; a report, not a test.

Run it through benches/health.sh (which checks the idp binary and kubectl), or directly:

    python3 benches/health_compare.py

The cluster is tests/support/kube_api_server.py in `--generate` mode (over TLS, with a bearer
token, pages of at most 500 items with `continue`, objects made page by page), the same server
the integration tests use; Argo CD applications, ExternalSecrets, ingresses and the HTTP
endpoints come from tests/fixtures/kube/healthy/. The environment's `health.systemNamespaces`
names every namespace that holds pods, so `idp health` reads every node and every pod, like the
two kubectl commands together. Measured in one run, one after the other (one untimed warm-up
of each first): wall time and peak memory (maximum resident set size from `/usr/bin/time -v`)
of

  idp      idp health --env dev --kubeconfig K --tier 3        (all four tiers)
  kubectl  kubectl get nodes  and  kubectl get pods -A         (the sum of the two runs' wall
                                                                time, the larger peak memory)

Target: idp's peak memory under 100 MB.

Environment:
  IDP          the idp binary (default: target/release/idp under the repo root)
  KUBECTL      the kubectl binary (default: kubectl on PATH, else .ci/.venv/bin/kubectl)
  BENCH_NODES  default 5000
  BENCH_PODS   default 50000
  BENCH_JSON   a file to also write the results to, as JSON

Exit status: 0 when every measurement ran (whether the target is met or not), 1 when a
measurement could not run (its error is printed), 2 on a setup problem.
Only the Python standard library is used here.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benches" / ".work" / "health"
SERVER = ROOT / "tests" / "support" / "kube_api_server.py"
FIXTURES = ROOT / "tests" / "fixtures" / "kube" / "healthy"
TOKEN = "k8s-aws-v1.bench-token"
TARGET_MB = 100.0


def fail(msg: str, code: int = 1) -> None:
    print(f"health_compare: {msg}", file=sys.stderr)
    sys.exit(code)


def measure(cmd: list, env: dict, cwd: Path, ok=(0,)) -> tuple[float, float, str]:
    """Run `cmd` under /usr/bin/time -v: (wall seconds, max RSS in MB, stdout)."""
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v", *cmd], env=env, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if p.returncode not in ok:
        fail(f"`{' '.join(map(str, cmd))}` exited {p.returncode}:\n{p.stderr[-3000:]}")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    if not m:
        fail(f"no maximum resident set size from /usr/bin/time for {cmd[0]}")
    return wall, int(m.group(1)) / 1024, p.stdout


def main() -> None:
    idp = Path(os.environ.get("IDP") or ROOT / "target" / "release" / "idp")
    kubectl = os.environ.get("KUBECTL") or shutil.which("kubectl") or str(ROOT / ".ci" / ".venv" / "bin" / "kubectl")
    if not idp.is_file():
        fail(f"no idp binary at {idp}: cargo build --release", 2)
    if not Path(kubectl).is_file():
        fail("no kubectl (on PATH or .ci/.venv/bin/kubectl; set KUBECTL=...)", 2)
    if not Path("/usr/bin/time").is_file():
        fail("GNU time is needed for peak memory: apt-get install time", 2)
    nodes = int(os.environ.get("BENCH_NODES", "5000"))
    pods = int(os.environ.get("BENCH_PODS", "50000"))

    shutil.rmtree(WORK, ignore_errors=True)
    fixtures = WORK / "fixtures"
    fixtures.mkdir(parents=True)
    for f in FIXTURES.iterdir():
        if f.name not in ("nodes.json", "pods.json"):
            shutil.copy(f, fixtures / f.name)
    home = WORK / "home"
    home.mkdir()
    (home / ".gitconfig").write_text("[user]\n\tname = Bench\n\temail = bench@example.com\n[init]\n\tdefaultBranch = main\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IDP_", "GITHUB_", "KUBECONFIG"))}
    env.update(HOME=str(home), NO_COLOR="1", CI="true", IDP_ACTOR="bench@example.com")

    server = subprocess.Popen([sys.executable, str(SERVER), "--fixtures", str(fixtures), "--token", TOKEN,
                               "--tls", str(WORK / "tls"), "--generate", f"{nodes},{pods}"],
                              stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline().split()
        if len(line) != 3:
            fail(f"the API stand-in did not start (said {line!r})", 2)
        api, lb, ca = line
        kubeconfig = WORK / "kubeconfig"
        kubeconfig.write_text(
            f"apiVersion: v1\nkind: Config\nclusters:\n- name: bench\n  cluster:\n    server: https://127.0.0.1:{api}\n"
            f"    certificate-authority: {ca}\nusers:\n- name: bench\n  user:\n    token: {TOKEN}\n"
            "contexts:\n- name: bench\n  context:\n    cluster: bench\n    user: bench\ncurrent-context: bench\n")
        platform_dir = WORK / "platform"
        subprocess.run([str(idp), "init", str(platform_dir)], env=env, check=True, capture_output=True)
        namespaces = ["argocd", "kong", "external-secrets"] + [f"team-{i:02d}" for i in range(40)]
        dev = platform_dir / "environments" / "dev.yaml"
        dev.write_text(dev.read_text() + (
            "health:\n  retries: 0\n  systemNamespaces: [" + ", ".join(namespaces) + "]\n"
            f"  backstage: {{url: 'http://127.0.0.1:{lb}/backstage/api/health'}}\n"
            f"  grafana: {{url: 'http://127.0.0.1:{lb}/grafana/api/health'}}\n"
            f"  keycloak: {{url: 'http://127.0.0.1:{lb}', realm: platform}}\n"))
        subprocess.run(["git", "commit", "-qam", "bench: health endpoints"], cwd=platform_dir, env=env, check=True)

        idp_cmd = [str(idp), "health", "--env", "dev", "--kubeconfig", str(kubeconfig), "--tier", "3", "-o", "json"]
        kube = [kubectl, "--kubeconfig", str(kubeconfig), "--cache-dir", str(WORK / "kube-cache")]
        rows = {}
        for name, cmd in (("idp health --tier 3", idp_cmd),
                          ("kubectl get nodes", kube + ["get", "nodes"]),
                          ("kubectl get pods -A", kube + ["get", "pods", "-A"])):
            measure(cmd, env, platform_dir)  # warm-up (and discovery cache for kubectl)
            wall, rss, out = measure(cmd, env, platform_dir)
            if name.startswith("idp"):
                report = json.loads(out)
                if report["result"] != "healthy":
                    fail(f"idp health did not pass on the generated cluster: {json.dumps(report['checks'])[:2000]}")
                # What idp says it read: the counts in the details of its checks.
                count = {c["check"]: int(c["detail"].split()[0]) for c in report["checks"]
                         if c["check"] in ("nodes", "kube-system pods", "system pods")}
                read = f"{count['nodes']} nodes, {count['kube-system pods'] + count['system pods']} pods"
            else:
                lines = out.count("\n") - 1
                read = f"{lines} rows"
            rows[name] = (wall, rss, read)
    finally:
        server.terminate()
        server.wait()

    idp_wall, idp_rss, idp_read = rows["idp health --tier 3"]
    k_wall = rows["kubectl get nodes"][0] + rows["kubectl get pods -A"][0]
    k_rss = max(rows["kubectl get nodes"][1], rows["kubectl get pods -A"][1])
    print(f"idp health vs kubectl: {nodes} nodes, {pods} pods, pages of 500, TLS + bearer token "
          f"({platform.machine()}, {os.cpu_count()} cpu)\n")
    print(f"{'command':<34}{'wall s':>9}{'peak MB':>10}  read")
    for name, (wall, rss, read) in rows.items():
        print(f"{name:<34}{wall:>9.2f}{rss:>10.1f}  {read}")
    print(f"{'kubectl, both commands':<34}{k_wall:>9.2f}{k_rss:>10.1f}  (sum of wall times, larger peak)")
    print(f"\nkubectl / idp: wall {k_wall / idp_wall:.2f}x, peak memory {k_rss / idp_rss:.2f}x")
    met = "met" if idp_rss < TARGET_MB else "NOT met"
    print(f"target: idp peak memory under {TARGET_MB:.0f} MB: {idp_rss:.1f} MB, {met}")
    if os.environ.get("BENCH_JSON"):
        Path(os.environ["BENCH_JSON"]).write_text(json.dumps({
            "nodes": nodes, "pods": pods,
            "rows": {k: {"wall_s": v[0], "peak_mb": v[1]} for k, v in rows.items()},
            "kubectl_total": {"wall_s": k_wall, "peak_mb": k_rss},
            "target_met": idp_rss < TARGET_MB}, indent=2))


if __name__ == "__main__":
    main()
