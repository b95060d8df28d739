"""Tests for {{ app.name }}: run with `python -m unittest`."""

import json
import threading
import unittest
import urllib.error
import urllib.request

from service import main


class ServiceTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = main.make_server(0)
        cls.port = cls.server.server_address[1]
        cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        cls.thread.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.shutdown()

    def get(self, path):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}") as r:
                return r.status, json.loads(r.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read())

    def test_health_is_always_ok(self):
        self.assertEqual(self.get("/health"), (200, {"status": "ok"}))

    def test_ready_only_after_start(self):
        main._ready.clear()
        self.assertEqual(self.get("/ready")[0], 503)
        main._ready.set()
        self.assertEqual(self.get("/ready"), (200, {"status": "ready"}))

    def test_unknown_path_is_404(self):
        self.assertEqual(self.get("/nope")[0], 404)

    def test_metrics_carry_the_red_signals_and_the_label_contract(self):
        self.get("/health")
        self.get("/nope")
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/metrics") as r:
            self.assertTrue(r.headers["Content-Type"].startswith("text/plain"))
            text = r.read().decode()
        served = [
            line
            for line in text.splitlines()
            if line.startswith("http_requests_total{")
            and 'path="/health"' in line
            and 'code="200"' in line
        ]
        self.assertEqual(len(served), 1, text)
        for key, value in main.CONTRACT.items():
            self.assertIn(f'{key}="{value}"', served[0])
        self.assertIn('code="404"', text)
        self.assertIn('path="other"', text)
        self.assertIn("http_request_duration_seconds_bucket{", text)
        self.assertIn('build_info{build_id="', text)
        # The build id labels only the info metric.
        for line in text.splitlines():
            if "build_id=" in line and not line.startswith("#"):
                self.assertTrue(line.startswith("build_info{"), line)


if __name__ == "__main__":
    unittest.main()
