"""{{ app.name }}: a minimal HTTP service with liveness (/health), readiness (/ready) and
Prometheus metrics (/metrics).

Generated from the {{ golden_path.name }} golden path {{ golden_path.version }}. Logs go to
stdout as JSON lines with the platform's label contract (service, env, version, team); the
metrics carry the same labels: the RED signals (`http_requests_total` by code,
`http_request_duration_seconds`) and `build_info`, whose `build_id` is a label of that metric
only (a label on the others would make a new series per build).
"""

import json
import logging
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    Info,
    generate_latest,
)

SERVICE = "{{ app.name }}"
TEAM = "{{ app.owner }}"
VERSION = os.environ.get("APP_VERSION", "dev")
ENV = os.environ.get("APP_ENV", "local")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "info").upper()
BUILD_ID = os.environ.get("BUILD_ID", "unknown")

# The platform's label contract, on every series.
CONTRACT = {"service": SERVICE, "env": ENV, "version": VERSION, "team": TEAM}
# Paths as the service routes them: anything else is `other` (bounded cardinality).
ROUTES = ("/", "/health", "/ready", "/metrics")

REGISTRY = CollectorRegistry()
REQUESTS = Counter(
    "http_requests",
    "HTTP requests served, by method, route and status code.",
    [*CONTRACT, "method", "path", "code"],
    registry=REGISTRY,
)
DURATION = Histogram(
    "http_request_duration_seconds",
    "Time to serve an HTTP request, by method and route.",
    [*CONTRACT, "method", "path"],
    registry=REGISTRY,
)
BUILD = Info("build", "The build this process runs.", registry=REGISTRY)
BUILD.info({**CONTRACT, "build_id": BUILD_ID})

_ready = threading.Event()


class JsonFormatter(logging.Formatter):
    def format(self, record):
        return json.dumps(
            {
                "level": record.levelname.lower(),
                "msg": record.getMessage(),
                "service": SERVICE,
                "env": ENV,
                "version": VERSION,
                "team": TEAM,
            }
        )


log = logging.getLogger(SERVICE)


class Handler(BaseHTTPRequestHandler):
    server_version = SERVICE

    def _send(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        started = time.perf_counter()
        route = self.path if self.path in ROUTES else "other"
        try:
            self._route()
        finally:
            DURATION.labels(**CONTRACT, method="GET", path=route).observe(
                time.perf_counter() - started
            )

    def send_response(self, code, message=None):
        route = self.path if self.path in ROUTES else "other"
        REQUESTS.labels(**CONTRACT, method=self.command, path=route, code=str(code)).inc()
        super().send_response(code, message)

    def _route(self):
        if self.path == "/metrics":
            data = generate_latest(REGISTRY)
            self.send_response(200)
            self.send_header("Content-Type", CONTENT_TYPE_LATEST)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        elif self.path == "/health":
            self._send(200, {"status": "ok"})
        elif self.path == "/ready":
            if _ready.is_set():
                self._send(200, {"status": "ready"})
            else:
                self._send(503, {"status": "starting"})
        elif self.path == "/":
            self._send(200, {"service": SERVICE, "version": VERSION, "env": ENV})
        else:
            self._send(404, {"error": "not found"})

    def log_message(self, fmt, *args):
        log.debug(fmt, *args)


def make_server(port):
    return ThreadingHTTPServer(("0.0.0.0", port), Handler)


def main():
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    log.addHandler(handler)
    log.setLevel(LOG_LEVEL)
    server = make_server(int(os.environ.get("PORT", "{{ app.port }}")))
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    _ready.set()
    log.info("listening on port %s", server.server_address[1])
    server.serve_forever()


if __name__ == "__main__":
    main()
