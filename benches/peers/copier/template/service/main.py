"""{{ name }}: a minimal HTTP service with liveness (/health) and readiness (/ready).

Generated from the {{ golden_path_name }} golden path {{ golden_path_version }}. Logs go to
stdout as JSON lines with the platform's label contract (service, env, version, team).
"""

import json
import logging
import os
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SERVICE = "{{ name }}"
TEAM = "{{ owner }}"
VERSION = os.environ.get("APP_VERSION", "dev")
ENV = os.environ.get("APP_ENV", "local")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "info").upper()

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
        if self.path == "/health":
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
    server = make_server(int(os.environ.get("PORT", "{{ port }}")))
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    _ready.set()
    log.info("listening on port %s", server.server_address[1])
    server.serve_forever()


if __name__ == "__main__":
    main()
