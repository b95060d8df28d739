#!/usr/bin/env python3
"""A Kubernetes API server stand-in for tests and benchmarks: recorded responses, paginated.

    kube_api_server.py --fixtures DIR [--token TOKEN] [--tls WORKDIR] [--generate NODES,PODS]

No kube-apiserver can be installed where the tests run, so this serves what `idp health` (and
kubectl, to prove the shapes are real) read from one, the way the API server serves it:

- `/version`, `/readyz`, `/livez`; discovery (`/api`, `/api/v1`, `/apis`, `/apis/<group>/<version>`)
  for the built-in and custom resources below, so kubectl can map names to resources;
- lists of nodes, pods, events, ingresses, Argo CD applications and ExternalSecrets, cluster-wide
  or per namespace, and single objects; `labelSelector` and `fieldSelector` (`=`, `==`, `!=`),
  `limit` and `continue` (an opaque token) exactly like the real API: a page of at most
  `limit` items and `metadata.continue` while more remain;
- errors as `Status` objects (401 without the bearer token, 404 for an unknown resource or name,
  410 for a bad continue token).

Objects come from DIR, read on every request (a test may change a file while idp polls):
`nodes.json`, `pods.json`, `applications.json`, `externalsecrets.json`, `ingresses.json` (list
responses as `kubectl get -o json` records them), `version.json`, and `probes.json` for the
second, plain-HTTP listener that plays the load balancer in front of Kong: `{path: {status,
contentType, body}}`. A resource whose file is missing is not served (404, like a CRD that is
not installed). The string `"__INGRESS_PORT__"` (quotes included) in any file is replaced by the
load balancer's port, as a number.

`--generate NODES,PODS` serves that many generated nodes and pods instead of the files' (for the
benchmark): pods are made page by page, never all at once. Two per node run in `kube-system`
(`kube-proxy`, `aws-node`), plus two CoreDNS pods; the rest are spread over `argocd`, `kong`,
`external-secrets` and `team-NN` namespaces.

With `--tls WORKDIR` the API is served over TLS with a CA and certificate for 127.0.0.1 made in
WORKDIR (openssl CLI). Prints one line: `API_PORT LB_PORT CA_FILE` (CA_FILE is `-` without TLS).
Each API request is appended to DIR/requests.log as `METHOD PATH?QUERY AUTH` (AUTH: `bearer`,
`other` or `none`; never the credential).
"""

import argparse
import base64
import http.server
import json
import ssl
import subprocess
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

# (group, version, plural) → (kind, namespaced, file)
RESOURCES = {
    ("", "v1", "nodes"): ("Node", False, "nodes.json"),
    ("", "v1", "pods"): ("Pod", True, "pods.json"),
    ("", "v1", "events"): ("Event", True, None),
    ("", "v1", "namespaces"): ("Namespace", False, None),
    ("networking.k8s.io", "v1", "ingresses"): ("Ingress", True, "ingresses.json"),
    ("argoproj.io", "v1alpha1", "applications"): ("Application", True, "applications.json"),
    ("external-secrets.io", "v1", "externalsecrets"): ("ExternalSecret", True, "externalsecrets.json"),
}
SHORT = {"nodes": ["no"], "pods": ["po"], "events": ["ev"], "namespaces": ["ns"], "ingresses": ["ing"],
         "applications": ["app", "apps"], "externalsecrets": ["es"]}
VERBS = ["get", "list", "watch"]
RESOURCE_VERSION = "884301"


def status(code: int, reason: str, message: str) -> dict:
    return {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
            "message": message, "reason": reason, "code": code}


def lookup(obj, path: str):
    for part in path.split("."):
        if not isinstance(obj, dict):
            return None
        obj = obj.get(part)
    return obj


def parse_selector(text: str) -> list:
    """`a=b,c!=d` → [(path, op, value)]; `a` alone means the label exists."""
    out = []
    for term in filter(None, (t.strip() for t in text.split(","))):
        if "!=" in term:
            k, v = term.split("!=", 1)
            out.append((k.strip(), "!=", v.strip()))
        elif "=" in term:
            k, v = term.split("==", 1) if "==" in term else term.split("=", 1)
            out.append((k.strip(), "=", v.strip()))
        else:
            out.append((term, "exists", None))
    return out


def matches(item: dict, labels: list, fields: list) -> bool:
    have = (item.get("metadata") or {}).get("labels") or {}
    for k, op, v in labels:
        if op == "exists" and k not in have:
            return False
        if op == "=" and have.get(k) != v:
            return False
        if op == "!=" and have.get(k) == v:
            return False
    for k, op, v in fields:
        got = lookup(item, k)
        got = "" if got is None else str(got)
        if op == "=" and got != v:
            return False
        if op == "!=" and got == v:
            return False
    return True


class Generated:
    """Nodes and pods of a big cluster, made on demand from their index."""

    def __init__(self, nodes: int, pods: int) -> None:
        self.nodes = nodes
        system = 2 * nodes + 2
        rest = max(pods - system, 0)
        spread = ["argocd", "kong", "external-secrets"] + [f"team-{i:02d}" for i in range(40)]
        self.segments = [("kube-system", system)]  # (namespace, count), in list order
        share, extra = divmod(rest, len(spread))
        for i, ns in enumerate(spread):
            self.segments.append((ns, share + (1 if i < extra else 0)))

    def node_name(self, i: int) -> str:
        return f"ip-10-{(i >> 16) & 255}-{(i >> 8) & 255}-{i & 255}.eu-west-1.compute.internal"

    def node(self, i: int) -> dict:
        name = self.node_name(i)
        c = lambda t, s, r, m: {"type": t, "status": s, "lastHeartbeatTime": "2026-11-25T09:41:17Z",
                                "lastTransitionTime": "2026-11-20T08:14:02Z", "reason": r, "message": m}
        return {"metadata": {"name": name, "uid": f"00000000-0000-4000-8000-{i:012d}", "resourceVersion": RESOURCE_VERSION,
                             "creationTimestamp": "2026-11-20T08:14:02Z",
                             "labels": {"kubernetes.io/hostname": name, "kubernetes.io/os": "linux",
                                        "node.kubernetes.io/instance-type": "m6i.large",
                                        "topology.kubernetes.io/zone": "eu-west-1" + "abc"[i % 3]}},
                "spec": {"providerID": f"aws:///eu-west-1{'abc'[i % 3]}/i-{i:017x}"},
                "status": {"capacity": {"cpu": "2", "memory": "7941080Ki", "pods": "29"},
                           "allocatable": {"cpu": "1930m", "memory": "7251928Ki", "pods": "29"},
                           "conditions": [c("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                                          c("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                                          c("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                                          c("Ready", "True", "KubeletReady", "kubelet is posting ready status")],
                           "addresses": [{"type": "InternalIP", "address": f"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}"},
                                         {"type": "Hostname", "address": name}],
                           "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
                           "nodeInfo": {"machineID": f"{i:032x}", "systemUUID": f"ec2{i:029x}", "bootID": f"{i:032x}",
                                        "kernelVersion": "6.1.115-126.197.amzn2023.x86_64", "osImage": "Amazon Linux 2023.6.20241111",
                                        "containerRuntimeVersion": "containerd://1.7.23", "kubeletVersion": "v1.31.2-eks-7f9249a",
                                        "kubeProxyVersion": "v1.31.2-eks-7f9249a", "operatingSystem": "linux", "architecture": "amd64"}}}

    def pod(self, ns: str, j: int, i: int) -> dict:
        """The j-th pod of namespace `ns`, the i-th overall."""
        if ns == "kube-system":
            app = ["kube-proxy", "aws-node"][j % 2] if j < 2 * self.nodes else "kube-dns"
            node = self.node_name((j // 2) % max(self.nodes, 1))
        else:
            app = f"svc-{j % 50:02d}"
            node = self.node_name(i % max(self.nodes, 1))
        name = f"{app}-{i:08x}"
        image = "602401143452.dkr.ecr.eu-west-1.amazonaws.com/eks/" + app + ":v1.31.2"
        t = "2026-11-20T08:16:40Z"
        cond = lambda k: {"type": k, "status": "True", "lastProbeTime": None, "lastTransitionTime": t}
        return {"metadata": {"name": name, "namespace": ns, "uid": f"00000000-0000-4000-9000-{i:012d}",
                             "resourceVersion": RESOURCE_VERSION, "creationTimestamp": t,
                             "labels": {"k8s-app" if ns == "kube-system" else "app.kubernetes.io/name": app}},
                "spec": {"containers": [{"name": app, "image": image,
                                         "resources": {"requests": {"cpu": "100m", "memory": "70Mi"}}}],
                         "nodeName": node, "restartPolicy": "Always", "serviceAccountName": "default"},
                "status": {"phase": "Running", "hostIP": "10.0.0.1", "podIP": f"10.1.{(i >> 8) & 255}.{i & 255}", "startTime": t,
                           "conditions": [cond("Initialized"), cond("Ready"), cond("ContainersReady"), cond("PodScheduled")],
                           "containerStatuses": [{"name": app, "ready": True, "started": True, "restartCount": 0,
                                                  "state": {"running": {"startedAt": t}}, "image": image,
                                                  "imageID": image + "@sha256:" + "0" * 64,
                                                  "containerID": f"containerd://{i:064x}"}],
                           "qosClass": "Burstable"}}

    def items(self, plural: str, namespace, start: int, labels: list, fields: list):
        """Yield (position, item) from `start` on, filtered; positions are stable across pages."""
        if plural == "nodes":
            for i in range(start, self.nodes):
                item = self.node(i)
                if matches(item, labels, fields):
                    yield i, item
            return
        base = 0
        for ns, count in self.segments:
            if namespace not in (None, ns) or start >= base + count:
                base += count
                continue
            for j in range(max(start - base, 0), count):
                item = self.pod(ns, j, base + j)
                if matches(item, labels, fields):
                    yield base + j, item
            base += count


def make_certificates(work: Path) -> Path:
    ca_key, ca, key, csr, cert = (work / n for n in ("ca.key", "ca.pem", "server.key", "server.csr", "server.pem"))
    ext = work / "server.ext"
    ext.write_text("basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n"
                   "keyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    for step in (
        ["openssl", "req", "-x509", *ec, "-keyout", ca_key, "-out", ca, "-days", "2", "-subj", "/CN=idp test cluster CA",
         "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
        ["openssl", "req", *ec, "-keyout", key, "-out", csr, "-subj", "/CN=kube-apiserver"],
        ["openssl", "x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial", "-out", cert,
         "-days", "2", "-extfile", ext],
    ):
        subprocess.run([str(s) for s in step], check=True, capture_output=True)
    return ca


def discovery() -> dict:
    """`path → document` for the discovery endpoints."""
    docs = {"/api": {"kind": "APIVersions", "versions": ["v1"],
                     "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1:443"}]}}
    groups: dict = {}
    for (group, version, plural), (kind, namespaced, _) in RESOURCES.items():
        path = "/api/v1" if not group else f"/apis/{group}/{version}"
        doc = docs.setdefault(path, {"kind": "APIResourceList", "apiVersion": "v1",
                                     "groupVersion": f"{group}/{version}" if group else version, "resources": []})
        doc["resources"].append({"name": plural, "singularName": kind.lower(), "namespaced": namespaced, "kind": kind,
                                 "verbs": VERBS, "shortNames": SHORT.get(plural, [])})
        if group:
            gv = {"groupVersion": f"{group}/{version}", "version": version}
            groups[group] = {"name": group, "versions": [gv], "preferredVersion": gv}
    docs["/apis"] = {"kind": "APIGroupList", "apiVersion": "v1", "groups": list(groups.values())}
    return docs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--fixtures", type=Path, required=True)
    ap.add_argument("--token")
    ap.add_argument("--tls", type=Path)
    ap.add_argument("--generate")
    args = ap.parse_args()
    fixtures: Path = args.fixtures
    fixtures.mkdir(parents=True, exist_ok=True)
    generated = None
    if args.generate:
        n, p = (int(x) for x in args.generate.split(","))
        generated = Generated(n, p)
    docs = discovery()
    log = open(fixtures / "requests.log", "a", buffering=1)
    log_lock = threading.Lock()
    lb_port = [0]

    def load(name: str):
        try:
            text = (fixtures / name).read_text()
        except FileNotFoundError:
            return None
        return json.loads(text.replace('"__INGRESS_PORT__"', str(lb_port[0])))

    class Base(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a) -> None:
            pass

        def send(self, code: int, body, content_type: str = "application/json") -> None:
            data = body if isinstance(body, bytes) else (
                body.encode() if isinstance(body, str) else json.dumps(body, separators=(",", ":")).encode())
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    class Api(Base):
        def do_GET(self) -> None:
            auth = self.headers.get("Authorization", "")
            kind = "none" if not auth else ("bearer" if args.token and auth == f"Bearer {args.token}" else "other")
            with log_lock:
                log.write(f"GET {self.path} {kind}\n")
            if args.token and kind != "bearer":
                return self.send(401, status(401, "Unauthorized", "Unauthorized"))
            url = urlsplit(self.path)
            query = {k: v[-1] for k, v in parse_qs(url.query).items()}
            path = url.path.rstrip("/") or "/"
            if path in ("/readyz", "/livez", "/healthz"):
                return self.send(200, "ok", "text/plain; charset=utf-8")
            if path == "/version":
                return self.send(200, load("version.json") or {"major": "1", "minor": "31", "gitVersion": "v1.31.2"})
            if path in docs:
                return self.send(200, docs[path])
            return self.resource(path, query)

        def resource(self, path: str, query: dict) -> None:
            parts = path.strip("/").split("/")
            if parts[0] == "api" and len(parts) >= 3:
                group, version, rest = "", parts[1], parts[2:]
            elif parts[0] == "apis" and len(parts) >= 4:
                group, version, rest = parts[1], parts[2], parts[3:]
            else:
                return self.send(404, status(404, "NotFound", "the server could not find the requested resource"))
            namespace = None
            if len(rest) >= 3 and rest[0] == "namespaces":
                namespace, rest = rest[1], rest[2:]
            plural, name = rest[0], (rest[1] if len(rest) > 1 else None)
            spec = RESOURCES.get((group, version, plural))
            if spec is None or (spec[2] is None and plural not in ("events", "namespaces")):
                return self.send(404, status(404, "NotFound", "the server could not find the requested resource"))
            kind, namespaced, file = spec
            api_version = f"{group}/{version}" if group else version
            if generated is not None and plural in ("nodes", "pods"):
                source = None
            elif file is None:
                source = {"items": []}
            else:
                source = load(file)
                if source is None:
                    return self.send(404, status(404, "NotFound", "the server could not find the requested resource"))
            labels = parse_selector(query.get("labelSelector", ""))
            fields = parse_selector(query.get("fieldSelector", ""))
            if namespace is not None:
                fields.append(("metadata.namespace", "=", namespace))
            if name is not None:
                fields.append(("metadata.name", "=", name))
            try:
                start = int(json.loads(base64.b64decode(query["continue"]))["start"]) if query.get("continue") else 0
            except (ValueError, KeyError, TypeError):
                return self.send(410, status(410, "Expired", "The provided continue parameter is too old to display a consistent list result."))
            limit = int(query.get("limit") or 0)
            if source is None:
                found = generated.items(plural, namespace, start, labels, fields)
            else:
                found = ((i, it) for i, it in enumerate(source.get("items", [])) if i >= start and matches(it, labels, fields))
            page, more = [], None
            for pos, item in found:
                if limit and len(page) == limit:
                    more = pos
                    break
                page.append(item)
            if name is not None:
                if not page:
                    return self.send(404, status(404, "NotFound", f'{plural} "{name}" not found'))
                obj = dict(page[0])
                obj.setdefault("kind", kind)
                obj.setdefault("apiVersion", api_version)
                return self.send(200, obj)
            meta = {"resourceVersion": RESOURCE_VERSION}
            if more is not None:
                meta["continue"] = base64.b64encode(json.dumps({"start": more, "rv": RESOURCE_VERSION}).encode()).decode()
            self.send(200, {"kind": f"{kind}List", "apiVersion": api_version, "metadata": meta, "items": page})

    class Lb(Base):
        def do_GET(self) -> None:
            probes = load("probes.json") or {}
            answer = probes.get(urlsplit(self.path).path)
            if answer is None:
                return self.send(404, {"message": "no Route matched with those values"})
            body = answer.get("body", "")
            if not isinstance(body, str):
                body = json.dumps(body)
            self.send(answer.get("status", 200), body, answer.get("contentType", "text/plain"))

    http.server.ThreadingHTTPServer.daemon_threads = True
    lb = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Lb)
    lb_port[0] = lb.server_address[1]
    api = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Api)
    ca = "-"
    if args.tls:
        args.tls.mkdir(parents=True, exist_ok=True)
        ca = str(make_certificates(args.tls))
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls / "server.pem", args.tls / "server.key")
        api.socket = context.wrap_socket(api.socket, server_side=True)
    threading.Thread(target=lb.serve_forever, daemon=True).start()
    print(f"{api.server_address[1]} {lb_port[0]} {ca}", flush=True)
    api.serve_forever()


if __name__ == "__main__":
    main()
