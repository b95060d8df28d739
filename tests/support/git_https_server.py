#!/usr/bin/env python3
"""A git smart-HTTP server over TLS, for tests: `git http-backend` behind http.server + ssl.

    git_https_server.py ROOT WORKDIR [TOKEN]

Serves the bare repositories under ROOT at https://127.0.0.1:PORT/<name>.git. It makes a CA and
a server certificate for 127.0.0.1 in WORKDIR (with the openssl CLI), then prints one line:
`PORT CA_FILE`. With TOKEN, every request must carry HTTP Basic `x-access-token:TOKEN` (GitHub's
form), else 401. Each request is logged to WORKDIR/requests.log as `METHOD PATH AUTH` where
AUTH is `token`, `other` or `none` — never the credential itself.
"""

import base64
import http.server
import os
import ssl
import subprocess
import sys
from pathlib import Path


def make_certificates(work: Path) -> tuple[Path, Path, Path]:
    ca_key, ca, key, csr, cert = (work / n for n in ("ca.key", "ca.pem", "server.key", "server.csr", "server.pem"))
    ext = work / "server.ext"
    ext.write_text("basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n"
                   "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n")
    steps = [
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca_key, "-out", ca,
         "-days", "2", "-subj", "/CN=idp test CA", "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
        ["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr, "-subj", "/CN=127.0.0.1"],
        ["openssl", "x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial", "-out", cert,
         "-days", "2", "-extfile", ext],
    ]
    for step in steps:
        subprocess.run([str(s) for s in step], check=True, capture_output=True)
    return ca, cert, key


def main() -> None:
    root, work = Path(sys.argv[1]), Path(sys.argv[2])
    token = sys.argv[3] if len(sys.argv) > 3 else ""
    work.mkdir(parents=True, exist_ok=True)
    ca, cert, key = make_certificates(work)
    log = open(work / "requests.log", "a", buffering=1)
    expected = "Basic " + base64.b64encode(f"x-access-token:{token}".encode()).decode()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet: the log file says what was asked
            pass

        def do_GET(self) -> None:
            self.backend()

        def do_POST(self) -> None:
            self.backend()

        def backend(self) -> None:
            auth = self.headers.get("Authorization", "")
            scheme, _, credentials = auth.partition(" ")
            # The scheme is case-insensitive (actions/checkout sends `basic`).
            given = f"{scheme.capitalize()} {credentials.strip()}"
            kind = "none" if not auth else ("token" if token and given == expected else "other")
            log.write(f"{self.command} {self.path} {kind}\n")
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            if token and kind != "token":
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="git"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            path, _, query = self.path.partition("?")
            env = dict(os.environ, GIT_PROJECT_ROOT=str(root), GIT_HTTP_EXPORT_ALL="1",
                       PATH_INFO=path, QUERY_STRING=query, REQUEST_METHOD=self.command,
                       CONTENT_TYPE=self.headers.get("Content-Type", ""),
                       CONTENT_LENGTH=str(len(body)), REMOTE_USER="tester", REMOTE_ADDR="127.0.0.1")
            out = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True).stdout
            head, _, payload = out.partition(b"\r\n\r\n")
            status, headers = 200, []
            for line in head.decode("latin-1").split("\r\n"):
                name, _, value = line.partition(":")
                if name.lower() == "status":
                    status = int(value.strip().split()[0])
                elif name:
                    headers.append((name, value.strip()))
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    print(f"{server.server_address[1]} {ca}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
