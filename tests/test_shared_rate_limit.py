"""Politeness across workers: two processes crawl one host on 127.0.0.1 through the Redis limiter, and
the host sees no more requests in any one-second window than its source's requests_per_second. Without
the limiter the same two processes send twice that (so the test can tell)."""
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from scrapers.ratelimit import max_requests_per_window
from tests.servers import redis_server

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server (apt-get)")]

LIMIT = 8        # requests per second for the host
PER_WORKER = 14  # pages each worker fetches

WORKER = textwrap.dedent("""
    import sys
    from scrapers.fetch import Fetcher
    from scrapers.ratelimit import limiter_from_url
    from scrapers.sources import Source
    base, redis_url, name, limit, n = sys.argv[1], sys.argv[2] or None, sys.argv[3], float(sys.argv[4]), int(sys.argv[5])
    source = Source(name="one-host", kind="news", listing=base + "/", requests_per_second=limit)
    with Fetcher(respect_robots=False, host_limiter=limiter_from_url(redis_url)) as f:
        for i in range(n):
            r = f.fetch(f"{base}/{name}/{i}", source)
            assert r.outcome == "ok", (r.outcome, r.error)
""")


class _Counting(BaseHTTPRequestHandler):
    times: list = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        type(self).times.append((time.monotonic(), self.path.split("/")[1]))
        body = ("<html><body><article><p>" + "Perajin tenun menjual kain ke pasar kabupaten. " * 5
                + "</p></article></body></html>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _two_workers(redis_url: str | None) -> list:
    handler = type("H", (_Counting,), {"times": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        procs = [subprocess.Popen([sys.executable, "-c", WORKER, base, redis_url or "", name, str(LIMIT),
                                   str(PER_WORKER)]) for name in ("w1", "w2")]
        for p in procs:
            assert p.wait(timeout=60) == 0
    finally:
        server.shutdown()
        server.server_close()
    return handler.times


def test_two_workers_hold_one_hosts_rate_through_redis():
    with redis_server() as url:
        times = _two_workers(url)
    assert len(times) == 2 * PER_WORKER
    assert {w for _, w in times} == {"w1", "w2"}  # both workers fetched, side by side
    observed = max_requests_per_window([t for t, _ in times])
    assert observed <= LIMIT, f"{observed} requests in one second, limit {LIMIT}"
    span = max(t for t, _ in times) - min(t for t, _ in times)
    assert span >= (2 * PER_WORKER - 1) / LIMIT * 0.97  # the limit, not much slower either


def test_without_the_shared_limiter_two_workers_exceed_it():
    times = _two_workers(None)
    assert max_requests_per_window([t for t, _ in times]) > LIMIT


def test_max_requests_per_window():
    assert max_requests_per_window([0.0, 0.5, 0.99, 1.0, 1.5]) == 3
    assert max_requests_per_window([]) == 0
