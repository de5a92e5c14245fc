"""One connection per host when polite; with politeness off (our own server, the bench) the sources of
one server are crawled side by side. Checked at a real local server that counts requests in flight."""
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from scrapers.crawl import crawl_sources
from scrapers.fetch import Fetcher
from scrapers.sources import Source

ARTICLE = ("<html><head><title>Perajin tenun {n}</title></head><body><article><p>"
           + "Perajin tenun di desa ini menjual kain ke pasar kabupaten setiap pekan. " * 4
           + "</p></article></body></html>")


class _Slow(BaseHTTPRequestHandler):
    inflight = 0
    max_inflight = 0
    lock = threading.Lock()

    def log_message(self, *args):
        pass

    def do_GET(self):
        cls = type(self)
        with cls.lock:
            cls.inflight += 1
            cls.max_inflight = max(cls.max_inflight, cls.inflight)
        try:
            if self.path.startswith("/list-"):
                part = self.path[len("/list-"):]
                links = "".join(f'<a href="/{part}/{i}">berita {i}</a>' for i in range(4))
                body = f"<html><body>{links}</body></html>"
            elif self.path == "/robots.txt":
                body = "User-agent: *\nAllow: /\n"
            else:
                time.sleep(0.15)  # a slow article: requests overlap only if the client lets them
                body = ARTICLE.format(n=self.path)
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain" if self.path == "/robots.txt" else "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        finally:
            with cls.lock:
                cls.inflight -= 1


@pytest.fixture
def slow_server():
    handler = type("Handler", (_Slow,), {"inflight": 0, "max_inflight": 0, "lock": threading.Lock()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", handler
    server.shutdown()
    server.server_close()


def _sources(base: str) -> list[Source]:
    return [Source(name=part, kind="news", listing=f"{base}/list-{part}", link_pattern=f"/{part}/",
                   requests_per_second=1000) for part in ("a", "b", "c")]


@pytest.mark.slow
@pytest.mark.parametrize("polite", [True, False])
def test_requests_in_flight_at_one_server(slow_server, polite):
    base, handler = slow_server
    fetcher = Fetcher(respect_robots=polite, one_connection_per_host=polite, connect_timeout=2, read_timeout=2,
                      total_timeout=5, max_retries=1)
    results = list(crawl_sources(_sources(base), fetcher, max_workers=4))
    articles = [r for r in results if r.kind == "article"]
    assert len(articles) == 12 and all(r.ok for r in articles), [(r.url, r.outcome, r.error) for r in articles]
    if polite:
        assert handler.max_inflight == 1
    else:
        assert handler.max_inflight >= 2  # the three sources' slow pages overlapped
