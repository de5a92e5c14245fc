"""A deliberately hostile news site on 127.0.0.1 for the scraper tests.

``HostileServer`` is a ThreadingHTTPServer on port 0 with one route per fault
a real site throws at a crawler.  It records every request (path, headers,
Host, time) so tests can assert what was - and was never - asked for, and the
highest number of requests in flight at once per Host header.

Use the ``hostile`` fixture (tests/conftest.py offers it to every test module).
"""
from __future__ import annotations

import gzip
import threading
import zlib
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

ARTICLE_TEXT = (
    "Sentra industri kecil menengah (IKM) batik di Kabupaten Pekalongan kembali bergeliat. "
    "Dinas Perindustrian dan Perdagangan mencatat 120 unit usaha dengan 850 tenaga kerja "
    "di sentra tersebut, dengan nilai produksi mencapai Rp 12 miliar per tahun. "
)


def article_html(title: str, paragraphs: int = 3) -> bytes:
    body = "".join(f"<p>{ARTICLE_TEXT}</p>" for _ in range(paragraphs))
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>"
            f"<body><h1>{title}</h1>{body}</body></html>").encode("utf-8")


CP1252_PAGE = (
    "<html><head><title>Sentra IKM gerabah</title></head><body><h1>Sentra IKM gerabah</h1>"
    "<p>Harga kerajinan naik menjadi Rp 25.000 per buah, kata pengelola \u201cSentra Gerabah\u201d "
    "di caf\u00e9 desa. " + ARTICLE_TEXT + "</p></body></html>"
).encode("cp1252")

LATIN1_META_PAGE = (
    "<html><head><meta charset=\"iso-8859-1\"><title>Sentra IKM tenun</title></head><body>"
    "<h1>Sentra IKM tenun</h1><p>Kain tenun d\u00e9cor \u201cikat\u201d dijual Rp 300.000. "
    + ARTICLE_TEXT + "</p></body></html>"
).encode("cp1252")

WRONG_UTF8_HEADER_PAGE = (
    "<html><head><title>Sentra IKM kopi</title></head><body><h1>Sentra IKM kopi</h1>"
    "<p>Kopi \u201carabika\u201d caf\u00e9 Rp 80.000 per kilogram. " + ARTICLE_TEXT + "</p></body></html>"
).encode("cp1252")

SOFT_404_PAGE = (b"<html><head><title>Halaman tidak ditemukan - Berita Daerah</title></head><body>"
                 b"<h1>Maaf, halaman yang Anda cari tidak ditemukan</h1>"
                 + ARTICLE_TEXT.encode() + b"</body></html>")
TINY_PAGE = b"<html><head><title>Berita</title></head><body><p>Loading...</p></body></html>"

PDF_BODY = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JPEG_BODY = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 200


ABANDONED_ROUTES = frozenset({"/stall", "/trickle", "/stall-headers"})


@dataclass
class Req:
    method: str
    path: str
    host: str
    headers: dict[str, str]
    t: float


@dataclass
class State:
    robots_mode: str = "normal"  # normal | 404 | 500 | custom
    robots_text: str = ""
    crawl_delay: float = 0.01
    requests: list[Req] = field(default_factory=list)
    counters: dict[str, int] = field(default_factory=dict)
    inflight: dict[str, int] = field(default_factory=dict)
    max_inflight: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)
    bomb: bytes = b""
    stall_s: float = 3.0
    retry_after: str = "1"  # what /sentra/ratelimited says first


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def handle_error(self, request, client_address):  # broken pipes from abandoned reads are expected
        pass


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "HostileNews/1.0"
    state: State  # set on the subclass made per server

    def log_message(self, fmt, *args):  # keep pytest output clean
        pass

    # ------------------------------------------------------------------ helpers
    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def send(self, status: int, body: bytes = b"", ctype: str | None = "text/html; charset=utf-8",
             headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self._done_in_flight()  # before the client can have the whole answer and ask again
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _done_in_flight(self) -> None:
        """This request stops counting as in flight (once): called as its answer goes out, so that a
        client which reads it and sends its next request at once is not seen with two open."""
        if getattr(self, "_in_flight_host", None) is not None:
            with self.state.lock:
                self.state.inflight[self._in_flight_host] -= 1
            self._in_flight_host = None

    def redirect(self, location: str, status: int = 302) -> None:
        self.send(status, b"", None, {"Location": location})

    def count(self, key: str) -> int:
        with self.state.lock:
            n = self.state.counters.get(key, 0) + 1
            self.state.counters[key] = n
            return n

    # ------------------------------------------------------------------ dispatch
    def do_GET(self) -> None:
        st = self.state
        host = self.headers.get("Host", "")
        path = urlsplit(self.path).path
        # The client abandons the stalling routes by design while this handler still sleeps: they are left
        # out of the in-flight count, which measures how many requests the client has open at once.
        counted = path not in ABANDONED_ROUTES
        with st.lock:
            st.requests.append(Req("GET", self.path, host, dict(self.headers.items()), time.monotonic()))
            if counted:
                st.inflight[host] = st.inflight.get(host, 0) + 1
                st.max_inflight[host] = max(st.max_inflight.get(host, 0), st.inflight[host])
        self._in_flight_host = host if counted else None
        try:
            self.route(path)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            self._done_in_flight()

    def route(self, path: str) -> None:
        st = self.state
        b = self.base
        if path == "/robots.txt":
            if st.robots_mode == "404":
                return self.send(404, b"<html><title>404</title></html>")
            if st.robots_mode == "500":
                return self.send(500, b"oops", "text/plain")
            if st.robots_mode == "custom":
                return self.send(200, st.robots_text.encode(), "text/plain")
            text = (f"User-agent: *\nDisallow: /private/\nDisallow: /*?print=\nCrawl-delay: {st.crawl_delay}\n\n"
                    f"User-agent: EvilBot\nDisallow: /\n\nSitemap: {b}/sitemap.xml\n")
            return self.send(200, text.encode(), "text/plain")
        if path == "/sitemap.xml":
            xml = (f'<?xml version="1.0" encoding="UTF-8"?>'
                   f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                   f'<sitemap><loc>{b}/sitemap-pages.xml</loc><lastmod>2026-11-01</lastmod></sitemap>'
                   f'<sitemap><loc>{b}/sitemap-news.xml</loc><lastmod>2026-11-23</lastmod></sitemap>'
                   f'<sitemap><loc>http://localhost:{self.server.server_address[1]}/foreign-sitemap.xml</loc></sitemap>'
                   f'</sitemapindex>').encode()
            return self.send(200, xml, "application/xml")
        if path == "/sitemap-news.xml":
            items = [("artikel/sentra-batik-pekalongan", "Sentra batik Pekalongan bergeliat", "2026-11-23T08:00:00+07:00"),
                     ("artikel/harga-cabai", "Harga cabai naik", "2026-11-22T08:00:00+07:00"),
                     ("artikel/ikm-logam-tegal?utm_source=rss&utm_medium=x", "Logam Tegal", "2026-11-21T08:00:00+07:00"),
                     ("amp/artikel/industri-kecil-rotan", "Rotan Cirebon", "2026-11-20T08:00:00+07:00")]
            urls = "".join(
                f"<url><loc>{b}/{p.replace('&', '&amp;')}</loc><news:news><news:publication><news:name>Hostile</news:name>"
                f"<news:language>id</news:language></news:publication><news:publication_date>{d}</news:publication_date>"
                f"<news:title>{t}</news:title></news:news></url>" for p, t, d in items)
            xml = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                   'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + urls + "</urlset>").encode()
            return self.send(200, xml, "text/xml; charset=utf-8")
        if path == "/sitemap-pages.xml":
            paths = ["sentra/flaky", "sentra/ratelimited", "sentra/unavailable", "sentra/huge", "sentra/bomb",
                     "sentra/loop/a", "sentra/chain/9", "sentra/offsite", "sentra/doc.pdf", "sentra/image.jpg",
                     "sentra/empty", "sentra/soft404", "sentra/cp1252", "sentra/latin1-meta", "private/sentra-rahasia",
                     "sentra/to-private", "sentra/moved", "sentra/missing"]
            urls = "".join(f"<url><loc>{b}/{p}</loc></url>" for p in paths)
            urls += f"<url><loc>http://localhost:{self.server.server_address[1]}/sentra/foreign</loc></url>"
            xml = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                   + urls + "</urlset>").encode()
            return self.send(200, xml, "application/xml")
        if path == "/sitemap.xml.gz":
            xml = (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                   f'<url><loc>{b}/artikel/sentra-gz</loc></url></urlset>').encode()
            return self.send(200, gzip.compress(xml), "application/x-gzip")
        if path == "/feed.xml":
            xml = (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Hostile</title>'
                   f'<item><title>Sentra IKM tahu Kediri</title><link>{b}/artikel/tahu-kediri#comments</link>'
                   f'<pubDate>Mon, 23 Nov 2026 01:00:00 +0000</pubDate></item>'
                   f'<item><title>Pertandingan sepak bola</title><link>{b}/artikel/bola</link></item>'
                   f'<item><title>Bantuan industri kecil</title><guid>{b}/artikel/bantuan?fbclid=abc</guid></item>'
                   f'<item><title>Sentra di luar</title><link>https://other.example/sentra</link></item>'
                   f'</channel></rss>').encode()
            return self.send(200, xml, "application/rss+xml")
        if path == "/atom.xml":
            xml = (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>H</title>'
                   f'<entry><title>Sentra tenun</title><link rel="alternate" href="{b}/artikel/tenun"/>'
                   f'<updated>2026-11-20T00:00:00Z</updated></entry>'
                   f'<entry><title>IKM mebel</title><link href="{b}/artikel/mebel"/><link rel="enclosure" href="{b}/x.jpg"/>'
                   f'<updated>2026-11-21T00:00:00Z</updated></entry></feed>').encode()
            return self.send(200, xml, "application/atom+xml")
        if path == "/listing":
            html = (f'<html><head><title>Berita ekonomi</title><base href="{b}/berita/"></head><body>'
                    f'<a href="/berita/2026/11/sentra-kulit-magetan">Sentra kulit Magetan</a>'
                    f'<a href="2026/11/ikm-bordir">Bordir tasik</a>'
                    f'<a href="{b}/berita/2026/11/harga-emas">Harga emas</a>'
                    f'<a href="/berita/2026/11/tanpa-kata-kunci" title="Industri kecil jamu">Jamu</a>'
                    f'<a href="/tag/sentra">Tag sentra</a>'
                    f'<a href="http://localhost:{self.server.server_address[1]}/berita/2026/11/sentra-luar">Sentra luar</a>'
                    f'<a href="javascript:void(0)">sentra js</a><a href="mailto:x@y">sentra</a>'
                    f'<a href="/berita/2026/11/sentra-kulit-magetan?utm_campaign=x#top">Sentra kulit lagi</a>'
                    f'</body></html>').encode()
            return self.send(200, html)
        if path == "/listing-down":  # a listing whose every article is down
            links = "".join(f'<a href="/sentra/unavailable/{i}">Sentra {i}</a>' for i in range(20))
            return self.send(200, f"<html><body>{links}</body></html>".encode())
        if path == "/api/package_search":
            doc = ('{"success": true, "result": {"results": [{"title": "Data sentra IKM Jawa Barat", '
                   f'"resources": [{{"name": "sentra ikm 2025", "url": "{b}/dataset/sentra-ikm.csv"}}]}},'
                   '{"title": "Data curah hujan", "resources": [{"name": "hujan", '
                   f'"url": "{b}/dataset/hujan.csv"}}]}}]}}}}')
            return self.send(200, doc.encode(), "application/json")
        if path.startswith("/dataset/"):
            return self.send(200, b"kabupaten,sentra,unit\nBandung,IKM rajut,120\n", "text/csv")
        if path == "/discovery-broken/sitemap.xml":
            return self.send(500, b"down")
        if path.startswith("/artikel/") or path.startswith("/berita/") or path.startswith("/private/"):
            slug = path.rsplit("/", 1)[-1]
            return self.send(200, article_html(f"Berita {slug}"), headers={"Last-Modified": "Mon, 23 Nov 2026 00:00:00 GMT"})
        if path.startswith("/sentra/"):
            return self.fault(path[len("/sentra"):])
        if path == "/":
            return self.send(200, article_html("Beranda Hostile News"))
        if path == "/sitemap-self.xml":  # an index that lists itself and a child
            xml = (f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                   f'<sitemap><loc>{b}/sitemap-self.xml</loc></sitemap>'
                   f'<sitemap><loc>{b}/sitemap-news.xml</loc></sitemap></sitemapindex>').encode()
            return self.send(200, xml, "application/xml")
        if path == "/sitemap-many.xml":  # a big index: 15 monthly children, oldest first
            kids = "".join(f"<sitemap><loc>{b}/sitemap-part-{i}.xml</loc><lastmod>2026-{(i % 12) + 1:02d}-01"
                           f"</lastmod></sitemap>" for i in range(15))
            xml = ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                   + kids + "</sitemapindex>").encode()
            return self.send(200, xml, "application/xml")
        if path.startswith("/sitemap-part-"):
            i = path[len("/sitemap-part-"):-len(".xml")]
            xml = (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                   f'<url><loc>{b}/artikel/sentra-part-{i}</loc></url></urlset>').encode()
            return self.send(200, xml, "application/xml")
        if path.startswith("/tag/"):
            return self.send(200, article_html("Tag"))
        return self.send(404, b"<html><title>404 Not Found</title></html>")

    def fault(self, p: str) -> None:
        st = self.state
        b = self.base
        if p == "/flaky":
            if self.count(p) == 1:
                return self.send(500, b"<h1>Internal Server Error</h1>")
            return self.send(200, article_html("Sentra IKM flaky berhasil"))
        if p == "/ratelimited":
            if self.count(p) == 1:
                return self.send(429, b"slow down", "text/plain", {"Retry-After": st.retry_after})
            return self.send(200, article_html("Sentra IKM sabar"))
        if p == "/ratelimited-long":
            return self.send(429, b"go away", "text/plain", {"Retry-After": "3600"})
        if p == "/unavailable" or p.startswith("/unavailable/"):
            self.count(p)
            return self.send(503, b"<h1>Service Unavailable</h1>")
        if p == "/stall":  # headers and a little body, then silence
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"<html><head><title>Sentra lambat</title></head><body>")
            self.wfile.flush()
            st.stop.wait(st.stall_s)
            self.close_connection = True
            return
        if p == "/trickle":  # one byte every 50 ms: no read timeout ever fires
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            for _ in range(200):
                if st.stop.wait(0.05):
                    break
                self.wfile.write(b"x")
                self.wfile.flush()
            self.close_connection = True
            return
        if p == "/stall-headers":  # nothing at all for a long time
            st.stop.wait(st.stall_s)
            return self.send(200, article_html("too late"))
        if p == "/huge":
            body = b"<html><body>" + b"<p>sentra ikm</p>" * 200_000 + b"</body></html>"
            return self.send(200, body)
        if p == "/huge-nolength":  # no Content-Length: ends when the connection closes
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>sentra ikm</p>" * 1000
            for _ in range(200):
                if st.stop.is_set():
                    break
                self.wfile.write(chunk)
            self.close_connection = True
            return
        if p == "/bomb":
            return self.send(200, st.bomb, "text/html; charset=utf-8", {"Content-Encoding": "gzip"})
        if p == "/gzipped":
            return self.send(200, gzip.compress(article_html("Sentra IKM gzip")), "text/html; charset=utf-8",
                             {"Content-Encoding": "gzip"})
        if p.startswith("/loop/"):
            return self.redirect(f"{b}/sentra/loop/{'b' if p.endswith('a') else 'a'}")
        if p.startswith("/chain/"):
            n = int(p.rsplit("/", 1)[-1])
            if n <= 0:
                return self.send(200, article_html("Sentra IKM ujung rantai"))
            return self.redirect(f"/sentra/chain/{n - 1}", 301)
        if p == "/offsite":
            return self.redirect(f"http://localhost:{self.server.server_address[1]}/landing")
        if p == "/moved":
            return self.redirect("/artikel/sentra-pindah", 301)
        if p == "/to-private":
            return self.redirect("/private/secret-page")
        if p == "/doc.pdf":
            return self.send(200, PDF_BODY, "application/pdf")
        if p == "/image.jpg":
            return self.send(200, JPEG_BODY, "image/jpeg")
        if p == "/pdf-as-html":
            return self.send(200, PDF_BODY, "text/html")
        if p == "/empty":
            return self.send(200, b"")
        if p == "/soft404":
            return self.send(200, SOFT_404_PAGE)
        if p == "/tiny":
            return self.send(200, TINY_PAGE)
        if p == "/cp1252":
            return self.send(200, CP1252_PAGE, "text/html")
        if p == "/latin1-meta":
            return self.send(200, LATIN1_META_PAGE, "text/html")
        if p == "/wrong-utf8-header":
            return self.send(200, WRONG_UTF8_HEADER_PAGE, "text/html; charset=utf-8")
        if p == "/etag":
            etag = '"v1-sentra"'
            lm = "Sun, 22 Nov 2026 10:00:00 GMT"
            if self.headers.get("If-None-Match") == etag or self.headers.get("If-Modified-Since") == lm:
                return self.send(304, b"", None, {"ETag": etag})
            return self.send(200, article_html("Sentra IKM etag"), headers={"ETag": etag, "Last-Modified": lm})
        if p == "/gone":  # a removed article sent to the home page
            return self.redirect("/", 301)
        if p == "/broken-markup":
            return self.send(200, b"<html><head><title>Sentra IKM <b>rusak</title><body><div><p>"
                             + ARTICLE_TEXT.encode() + b"<table><tr><td>IKM<td>120</p></div></span></html")
        if p == "/chunked":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            body = article_html("Sentra IKM chunked")
            for i in range(0, len(body), 100):
                part = body[i:i + 100]
                self.wfile.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
            return
        if p == "/deflate":
            return self.send(200, zlib.compress(article_html("Sentra IKM deflate")), "text/html; charset=utf-8",
                             {"Content-Encoding": "deflate"})
        if p == "/raw-deflate":
            c = zlib.compressobj(wbits=-15)
            data = c.compress(article_html("Sentra IKM raw deflate")) + c.flush()
            return self.send(200, data, "text/html; charset=utf-8", {"Content-Encoding": "deflate"})
        if p == "/brotli":  # never asked for: we only accept gzip and deflate
            return self.send(200, b"\x1b\x00\x00", "text/html", {"Content-Encoding": "br"})
        if p == "/reset":  # promises 10000 bytes, sends 50, hangs up
            self.count(p)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", "10000")
            self.end_headers()
            self.wfile.write(b"<html><head><title>Sentra putus</title></head><body><p>")
            self.wfile.flush()
            self.close_connection = True
            return
        if p == "/missing":
            return self.send(404, b"<html><title>Not Found</title></html>")
        return self.send(404, b"<html><title>404</title></html>")


class HostileServer:
    def __init__(self, bomb: bytes | None = None) -> None:
        self.state = State(bomb=bomb if bomb is not None else _bomb())
        handler = type("BoundHandler", (Handler,), {"state": self.state})
        self.httpd = _Server(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.other_base = f"http://localhost:{self.port}"  # same server, a host no source owns
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    def start(self) -> "HostileServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.state.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=2)

    def url(self, path: str) -> str:
        return self.base + path

    # ------------------------------------------------------------------ what happened
    @property
    def requests(self) -> list[Req]:
        with self.state.lock:
            return list(self.state.requests)

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]

    def count(self, path: str) -> int:
        return sum(1 for p in self.paths() if p == path)

    def max_inflight(self) -> dict[str, int]:
        with self.state.lock:
            return dict(self.state.max_inflight)


_BOMB_CACHE: dict[str, bytes] = {}


def _bomb() -> bytes:
    """40 MB of spaces, gzipped to about 40 KB (made once per test session)."""
    if "bomb" not in _BOMB_CACHE:
        _BOMB_CACHE["bomb"] = gzip.compress(b" " * 40_000_000, compresslevel=9)
    return _BOMB_CACHE["bomb"]


@pytest.fixture
def hostile():
    srv = HostileServer().start()
    try:
        yield srv
    finally:
        srv.stop()
