"""Fetcher against the hostile server: one test per fault, outcome and error asserted."""
from __future__ import annotations

import os
import time
import tracemalloc
from datetime import timezone

import pytest

from scrapers.fetch import DEFAULT_USER_AGENT, Fetcher, _soft_404_reason, decode_body
from scrapers.sources import Source


def make_fetcher(**kw) -> Fetcher:
    opts = dict(connect_timeout=2, read_timeout=2, total_timeout=2, max_bytes=1_000_000,
                max_retries=2, backoff_base=0.01)
    opts.update(kw)
    return Fetcher(**opts)


def source_for(srv, **kw) -> Source:
    opts = dict(name="hostile", kind="news", sitemap=srv.url("/sitemap.xml"), requests_per_second=500.0)
    opts.update(kw)
    return Source(**opts)


def test_normal_page_ok_with_all_fields(hostile):
    f = make_fetcher()
    r = f.fetch(hostile.url("/artikel/sentra-batik"), source_for(hostile))
    assert r.outcome == "ok" and r.error is None
    assert r.http_status == 200 and r.final_url == hostile.url("/artikel/sentra-batik")
    assert r.content_type.startswith("text/html") and r.encoding == "utf-8"
    assert b"Sentra industri kecil" in r.body and "Pekalongan" in r.text
    assert r.last_modified == "Mon, 23 Nov 2026 00:00:00 GMT"
    assert r.fetched_at.tzinfo is not None and r.fetched_at.utcoffset().total_seconds() == 0
    assert r.elapsed_s >= 0 and r.kind == "article" and r.source == "hostile"
    # honest User-Agent, and robots.txt was asked for first
    reqs = hostile.requests
    assert [q.path for q in reqs] == ["/robots.txt", "/artikel/sentra-batik"]
    assert all(q.headers["User-Agent"] == DEFAULT_USER_AGENT for q in reqs)
    side = f.take_side_results()
    assert [s.url for s in side] == [hostile.url("/robots.txt")] and side[0].kind == "discovery"
    assert f.take_side_results() == []


def test_robots_disallow_and_wildcard_never_requested(hostile):
    f = make_fetcher()
    src = source_for(hostile)
    r = f.fetch(hostile.url("/private/laporan-sentra"), src)
    assert r.outcome == "robots_disallowed" and "robots.txt disallows" in r.error and r.http_status is None
    r = f.fetch(hostile.url("/artikel/x?print=1"), src)  # Disallow: /*?print=
    assert r.outcome == "robots_disallowed"
    r = f.fetch(hostile.url("/sentra/to-private"), src)  # a redirect into the disallowed path
    assert r.outcome == "robots_disallowed" and "/private/secret-page" in r.error
    paths = hostile.paths()
    assert not any(p.startswith("/private/") or "print=" in p for p in paths)
    assert paths.count("/robots.txt") == 1  # cached per host


def test_crawl_delay_is_honoured(hostile):
    hostile.state.crawl_delay = 0.3
    f = make_fetcher()
    src = source_for(hostile)  # 500 requests/s asked, robots says 0.3 s
    for i in range(3):
        assert f.fetch(hostile.url(f"/artikel/a{i}"), src).ok
    times = [q.t for q in hostile.requests if q.path.startswith("/artikel/")]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert len(gaps) == 2 and min(gaps) >= 0.25, gaps


def test_requests_per_second_is_honoured(hostile):
    f = make_fetcher()
    src = source_for(hostile, requests_per_second=8.0)  # 0.125 s apart (Crawl-delay 0.01 is smaller)
    for i in range(4):
        assert f.fetch(hostile.url(f"/artikel/r{i}"), src).ok
    times = [q.t for q in hostile.requests if q.path.startswith("/artikel/")]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= 0.1, gaps


def test_robots_404_allows_all(hostile):
    hostile.state.robots_mode = "404"
    r = make_fetcher().fetch(hostile.url("/private/anything"), source_for(hostile))
    assert r.outcome == "ok"


def test_robots_5xx_disallows_all_for_the_run(hostile):
    hostile.state.robots_mode = "500"
    f = make_fetcher(max_retries=1)
    src = source_for(hostile)
    r1 = f.fetch(hostile.url("/artikel/a"), src)
    r2 = f.fetch(hostile.url("/artikel/b"), src)
    assert r1.outcome == r2.outcome == "robots_disallowed"
    assert "unavailable" in r1.error and "disallow all" in r1.error
    assert hostile.paths() == ["/robots.txt", "/robots.txt"]  # one retry, then cached; no page asked for
    side = f.take_side_results()
    assert len(side) == 1 and side[0].outcome == "http_error" and side[0].http_status == 500


def test_robots_for_our_agent_group(hostile):
    hostile.state.robots_mode = "custom"
    hostile.state.robots_text = ("User-agent: *\nDisallow: /\n\n"
                                 "User-agent: SentraBot\nAllow: /artikel/\nDisallow: /\n")
    f = make_fetcher()
    src = source_for(hostile)
    assert f.fetch(hostile.url("/artikel/boleh"), src).ok
    assert f.fetch(hostile.url("/berita/tidak"), src).outcome == "robots_disallowed"
    f2 = make_fetcher(user_agent="OtherBot/1.0")
    assert f2.fetch(hostile.url("/artikel/boleh"), src).outcome == "robots_disallowed"


def test_500_then_200_is_retried(hostile):
    r = make_fetcher().fetch(hostile.url("/sentra/flaky"), source_for(hostile))
    assert r.outcome == "ok" and r.attempts == 2 and "flaky berhasil" in r.text
    assert hostile.count("/sentra/flaky") == 2


def test_429_waits_for_retry_after(hostile):
    t0 = time.monotonic()
    r = make_fetcher().fetch(hostile.url("/sentra/ratelimited"), source_for(hostile))
    took = time.monotonic() - t0
    assert r.outcome == "ok" and r.attempts == 2
    assert took >= 0.95  # Retry-After: 1
    times = [q.t for q in hostile.requests if q.path == "/sentra/ratelimited"]
    assert times[1] - times[0] >= 0.95


def test_429_with_long_retry_after_gives_up_and_defers_host(hostile):
    f = make_fetcher(max_retry_after=5)
    src = source_for(hostile)
    t0 = time.monotonic()
    r = f.fetch(hostile.url("/sentra/ratelimited-long"), src)
    assert time.monotonic() - t0 < 1
    assert r.outcome == "http_error" and r.http_status == 429 and "Retry-After 3600s" in r.error
    r2 = f.fetch(hostile.url("/artikel/next"), src)
    assert r2.outcome == "deferred" and "/artikel/next" not in hostile.paths()


def test_503_retried_with_backoff_then_http_error(hostile):
    r = make_fetcher(max_retries=3).fetch(hostile.url("/sentra/unavailable"), source_for(hostile))
    assert r.outcome == "http_error" and r.http_status == 503
    assert "503" in r.error and "after 4 attempts" in r.error
    assert hostile.count("/sentra/unavailable") == 4
    times = [q.t for q in hostile.requests if q.path == "/sentra/unavailable"]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert gaps[2] > gaps[0]  # exponential: 0.01*(1,2,4) with +-50 % jitter


def test_404_is_not_retried(hostile):
    r = make_fetcher().fetch(hostile.url("/sentra/missing"), source_for(hostile))
    assert r.outcome == "http_error" and r.http_status == 404 and r.error == "HTTP 404 Not Found"
    assert hostile.count("/sentra/missing") == 1


def test_stalled_body_abandoned_after_total_timeout(hostile):
    f = make_fetcher(read_timeout=10, total_timeout=0.5, max_retries=0)
    t0 = time.monotonic()
    r = f.fetch(hostile.url("/sentra/stall"), source_for(hostile))
    assert time.monotonic() - t0 < 1.5
    assert r.outcome == "timeout" and "total timeout" in r.error and r.body is None


def test_trickling_body_abandoned_after_total_timeout(hostile):
    # one byte every 50 ms: the read timeout never fires, the total timeout does
    f = make_fetcher(read_timeout=10, total_timeout=0.6, max_retries=0)
    t0 = time.monotonic()
    r = f.fetch(hostile.url("/sentra/trickle"), source_for(hostile))
    assert time.monotonic() - t0 < 1.5
    assert r.outcome == "timeout" and "total timeout" in r.error


def test_no_headers_times_out_and_is_retried(hostile):
    f = make_fetcher(read_timeout=0.3, total_timeout=5, max_retries=1)
    r = f.fetch(hostile.url("/sentra/stall-headers"), source_for(hostile))
    assert r.outcome == "timeout" and r.attempts == 2 and r.http_status is None
    assert hostile.count("/sentra/stall-headers") == 2


def test_huge_body_with_content_length_is_refused_unread(hostile):
    r = make_fetcher(max_bytes=100_000).fetch(hostile.url("/sentra/huge"), source_for(hostile))
    assert r.outcome == "too_large" and "Content-Length" in r.error and r.body is None


def test_huge_body_without_content_length_stops_at_the_limit(hostile):
    r = make_fetcher(max_bytes=100_000).fetch(hostile.url("/sentra/huge-nolength"), source_for(hostile))
    assert r.outcome == "too_large" and "larger than the limit of 100000" in r.error


def test_gzip_bomb_stops_at_the_limit_without_filling_memory(hostile):
    f = make_fetcher(max_bytes=1_000_000)
    src = source_for(hostile)
    f.fetch(hostile.url("/artikel/warmup"), src)  # robots, session, imports
    tracemalloc.start()
    try:
        r = f.fetch(hostile.url("/sentra/bomb"), src)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert r.outcome == "too_large" and "decompressed body is larger" in r.error
    assert peak < 8_000_000, peak  # 40 MB inflated would show here


def test_gzip_page_is_decompressed(hostile):
    r = make_fetcher().fetch(hostile.url("/sentra/gzipped"), source_for(hostile))
    assert r.outcome == "ok" and "Sentra IKM gzip" in r.text


def test_redirect_followed_and_final_url_kept(hostile):
    r = make_fetcher().fetch(hostile.url("/sentra/moved"), source_for(hostile))
    assert r.outcome == "ok" and r.final_url == hostile.url("/artikel/sentra-pindah")
    assert r.redirects == [hostile.url("/artikel/sentra-pindah")]


def test_redirect_loop(hostile):
    r = make_fetcher().fetch(hostile.url("/sentra/loop/a"), source_for(hostile))
    assert r.outcome == "redirect_loop" and "redirect loop" in r.error
    assert hostile.count("/sentra/loop/a") == 1 and hostile.count("/sentra/loop/b") == 1


def test_redirect_chain_too_long(hostile):
    f = make_fetcher(max_redirects=5)
    r = f.fetch(hostile.url("/sentra/chain/9"), source_for(hostile))
    assert r.outcome == "too_many_redirects" and "more than 5 redirects" in r.error
    assert sum(1 for p in hostile.paths() if p.startswith("/sentra/chain/")) == 6
    assert f.fetch(hostile.url("/sentra/chain/3"), source_for(hostile)).ok


def test_redirect_to_another_host_is_not_followed(hostile):
    r = make_fetcher().fetch(hostile.url("/sentra/offsite"), source_for(hostile))
    assert r.outcome == "redirect_offsite" and "localhost" in r.error
    assert "/landing" not in hostile.paths()
    assert not any(q.host.startswith("localhost") for q in hostile.requests)


def test_url_on_a_host_the_source_does_not_own_is_not_fetched(hostile):
    r = make_fetcher().fetch(hostile.other_base + "/artikel/x", source_for(hostile))
    assert r.outcome == "offsite" and hostile.paths() == []


@pytest.mark.parametrize("path,why", [("/sentra/doc.pdf", "application/pdf"),
                                      ("/sentra/image.jpg", "image/jpeg"),
                                      ("/sentra/pdf-as-html", "binary")])
def test_pdf_and_images_refused(hostile, path, why):
    r = make_fetcher().fetch(hostile.url(path), source_for(hostile))
    assert r.outcome == "bad_content_type" and why in r.error and r.body is None


def test_empty_200(hostile):
    r = make_fetcher().fetch(hostile.url("/sentra/empty"), source_for(hostile))
    assert r.outcome == "empty" and r.http_status == 200 and r.error == "the body is empty"


@pytest.mark.parametrize("path,why", [("/sentra/soft404", "tidak ditemukan"),
                                      ("/sentra/tiny", "visible text")])
def test_soft_404(hostile, path, why):
    r = make_fetcher().fetch(hostile.url(path), source_for(hostile))
    assert r.outcome == "soft_404" and r.http_status == 200 and why in r.error
    assert r.text  # kept, for the archive


def test_windows_1252_page_without_any_charset(hostile):
    r = make_fetcher().fetch(hostile.url("/sentra/cp1252"), source_for(hostile))
    assert r.outcome == "ok" and r.encoding == "windows-1252"
    assert "Rp 25.000" in r.text and "\u201cSentra Gerabah\u201d" in r.text and "caf\u00e9" in r.text


def test_meta_iso_8859_1_is_read_as_windows_1252(hostile):
    r = make_fetcher().fetch(hostile.url("/sentra/latin1-meta"), source_for(hostile))
    assert r.outcome == "ok" and r.encoding == "windows-1252"
    assert "d\u00e9cor \u201cikat\u201d" in r.text


def test_header_says_utf8_but_body_is_windows_1252(hostile):
    r = make_fetcher().fetch(hostile.url("/sentra/wrong-utf8-header"), source_for(hostile))
    assert r.outcome == "ok" and "\u201carabika\u201d caf\u00e9" in r.text


def test_decode_body_order():
    assert decode_body("caf\u00e9".encode("utf-8"))[:2] == ("caf\u00e9", "utf-8")
    assert decode_body(b"\xef\xbb\xbfhi")[:2] == ("hi", "utf-8")
    assert decode_body(b'<meta charset="iso-8859-1">\x93x\x94')[:2] == (
        '<meta charset="iso-8859-1">\u201cx\u201d', "windows-1252")
    assert decode_body("\u00e9".encode("cp1252"), "ISO-8859-1")[:2] == ("\u00e9", "windows-1252")
    assert decode_body("\u00e9".encode("utf-8"), "utf8mb4")[:2] == ("\u00e9", "utf-8")
    assert decode_body("\u201c".encode("cp1252"), "win-1252")[:2] == ("\u201c", "windows-1252")
    assert decode_body(b"plain", "no-such-charset")[:2] == ("plain", "utf-8")


def test_etag_conditional_get(hostile):
    url = hostile.url("/sentra/etag")
    first = make_fetcher().fetch(url, source_for(hostile))
    assert first.outcome == "ok" and first.etag == '"v1-sentra"' and first.last_modified
    again = make_fetcher(validators={url: (first.etag, first.last_modified)}).fetch(url, source_for(hostile))
    assert again.outcome == "not_modified" and again.http_status == 304 and again.body is None
    assert again.etag == '"v1-sentra"' and again.error is None
    sent = [q.headers for q in hostile.requests if q.path == "/sentra/etag"]
    assert "If-None-Match" not in sent[0] and sent[1]["If-None-Match"] == '"v1-sentra"'
    assert sent[1]["If-Modified-Since"] == first.last_modified


def test_connection_refused_is_a_result_not_an_exception(hostile):
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    src = Source(name="dead", kind="news", feed=f"http://127.0.0.1:{port}/feed", requests_per_second=500)
    r = make_fetcher(respect_robots=False, max_retries=1).fetch(f"http://127.0.0.1:{port}/x", src)
    assert r.outcome == "connection_error" and r.attempts == 2 and r.error
    # with robots respected, an unreachable robots.txt means: disallow all
    r = make_fetcher(max_retries=0).fetch(f"http://127.0.0.1:{port}/x", src)
    assert r.outcome == "robots_disallowed" and "connection_error" in r.error


def test_discovery_accepts_xml_articles_do_not(hostile):
    f = make_fetcher()
    src = source_for(hostile)
    assert f.fetch(hostile.url("/feed.xml"), src, kind="discovery").ok
    r = f.fetch(hostile.url("/feed.xml"), src, kind="article")
    assert r.outcome == "bad_content_type" and "application/rss+xml" in r.error


def test_open_data_source_may_fetch_csv(hostile):
    f = make_fetcher()
    od = source_for(hostile, kind="open_data")
    assert f.fetch(hostile.url("/dataset/sentra-ikm.csv"), od).ok
    assert f.fetch(hostile.url("/dataset/sentra-ikm.csv"), source_for(hostile)).outcome == "bad_content_type"


def test_fetched_at_is_utc(hostile):
    r = make_fetcher().fetch(hostile.url("/artikel/x"), source_for(hostile))
    assert r.fetched_at.tzinfo == timezone.utc


@pytest.mark.parametrize("title,soft", [
    ("Halaman tidak ditemukan", True), ("404 Not Found", True), ("Error 404", True), ("404", True),
    ("Page not found \u2013 Solopos", True), ("Maaf, halaman yang Anda cari tidak ditemukan", True),
    ("Oops! Halaman tidak tersedia", True), ("Nothing Found", True), ("Artikel Tidak Ditemukan", True),
    # real news titles that must stay articles
    ("Nelayan hilang tidak ditemukan", False), ("404 Pelaku IKM Terima Bantuan", False),
    ("Tercatat 404 IKM di Klaten", False), ("Sentra IKM: korban tak ditemukan", False),
])
def test_soft_404_titles(title, soft):
    body = "<p>" + "Sentra IKM batik di Pekalongan bergeliat lagi tahun ini. " * 5 + "</p>"
    why = _soft_404_reason(f"<html><title>{title}</title><body><h1>{title}</h1>{body}</body></html>", 60)
    assert (why is not None) == soft, why


def test_article_redirected_to_home_page_is_soft_404(hostile):
    r = make_fetcher().fetch(hostile.url("/sentra/gone"), source_for(hostile))
    assert r.outcome == "soft_404" and "home page" in r.error and r.final_url == hostile.url("/")


def test_broken_markup_is_fine(hostile):
    r = make_fetcher().fetch(hostile.url("/sentra/broken-markup"), source_for(hostile))
    assert r.outcome == "ok" and "Pekalongan" in r.text


@pytest.mark.parametrize("path,title", [("/sentra/chunked", "Sentra IKM chunked"),
                                        ("/sentra/deflate", "Sentra IKM deflate"),
                                        ("/sentra/raw-deflate", "Sentra IKM raw deflate")])
def test_transfer_and_content_encodings(hostile, path, title):
    r = make_fetcher().fetch(hostile.url(path), source_for(hostile))
    assert r.outcome == "ok" and title in r.text
    assert hostile.requests[-1].headers["Accept-Encoding"] == "gzip, deflate"


def test_unasked_content_encoding_is_a_decode_error(hostile):
    r = make_fetcher().fetch(hostile.url("/sentra/brotli"), source_for(hostile))
    assert r.outcome == "decode_error" and "'br'" in r.error


def test_connection_cut_mid_body_is_retried_then_reported(hostile):
    r = make_fetcher(max_retries=1).fetch(hostile.url("/sentra/reset"), source_for(hostile))
    assert r.outcome == "connection_error" and "connection broke" in r.error and r.attempts == 2
    assert hostile.count("/sentra/reset") == 2


def test_retry_after_forms():
    from email.utils import format_datetime
    from datetime import datetime, timedelta, timezone as tz
    from scrapers.fetch import _parse_retry_after
    assert _parse_retry_after("7") == 7.0
    assert _parse_retry_after(None) is None and _parse_retry_after("soon") is None
    later = format_datetime(datetime.now(tz.utc) + timedelta(seconds=30), usegmt=True)
    assert 25 <= _parse_retry_after(later) <= 31
    assert _parse_retry_after("Mon, 01 Jan 2001 00:00:00 GMT") == 0.0


def test_fetcher_shared_by_threads_keeps_one_connection_per_host(hostile):
    import threading
    f = make_fetcher()
    src = source_for(hostile, requests_per_second=1000)
    out = []
    threads = [threading.Thread(target=lambda i=i: out.append(f.fetch(hostile.url(f"/artikel/t{i}"), src)))
               for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    f.close()
    assert len(out) == 8 and all(r.ok for r in out)
    assert hostile.count("/robots.txt") == 1
    assert max(hostile.max_inflight().values()) == 1


def test_crawl_delay_longer_than_total_timeout_does_not_break_redirects(hostile):
    hostile.state.crawl_delay = 0.4
    r = make_fetcher(total_timeout=0.3).fetch(hostile.url("/sentra/moved"), source_for(hostile))
    assert r.outcome == "ok" and r.final_url == hostile.url("/artikel/sentra-pindah")
    t = [q.t for q in hostile.requests]
    assert t[2] - t[1] >= 0.35  # the redirect hop waited for the Crawl-delay too


def test_robots_rules_parser():
    from scrapers.robots import RobotsRules
    ua = DEFAULT_USER_AGENT
    r = RobotsRules("""
# comment
User-agent: Googlebot
Disallow: /

User-agent: *
User-agent: sentrabot
Disallow: /search
Disallow: /*.pdf$
Allow: /search/about
Disallow: /tmp/
Crawl-delay: 2.5
Sitemap: https://x.example/sitemap.xml
""")
    assert r.can_fetch(ua, "https://x.example/berita/1")
    assert not r.can_fetch(ua, "https://x.example/search?q=ikm")
    assert r.can_fetch(ua, "https://x.example/search/about")  # longer Allow wins
    assert not r.can_fetch(ua, "https://x.example/files/laporan.pdf")
    assert r.can_fetch(ua, "https://x.example/files/laporan.pdf?download=1")  # $ anchors the end
    assert not r.can_fetch(ua, "https://x.example/tmp%2Fx".replace("%2F", "/"))
    assert r.can_fetch(ua, "https://x.example/robots.txt")
    assert r.crawl_delay(ua) == 2.5 and r.sitemaps == ["https://x.example/sitemap.xml"]
    assert not r.can_fetch("Googlebot/2.1", "https://x.example/berita/1")
    assert RobotsRules("User-agent: *\nDisallow:\n").can_fetch(ua, "https://x.example/a")
    assert RobotsRules("Disallow: /\n").can_fetch(ua, "https://x.example/a")  # no group: ignored
    assert RobotsRules.disallowing_all().can_fetch(ua, "https://x.example/") is False
    assert RobotsRules.allowing_all().can_fetch(ua, "https://x.example/private") is True


def test_session_reads_the_environment_only_when_it_sets_a_proxy(monkeypatch, tmp_path):
    """requests walks every environment variable on each request when trust_env is on: the session
    turns it off unless a proxy or .netrc is set, keeping a CA bundle named in the environment."""
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.netrc
    for name in list(os.environ):
        if name.lower().endswith("_proxy") or name.lower() == "netrc":
            monkeypatch.delenv(name)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")
    plain = Fetcher()._session()
    assert plain.trust_env is False and plain.verify == "/etc/ssl/certs/ca-certificates.crt"
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.invalid:3128")
    proxied = Fetcher()._session()
    assert proxied.trust_env is True
