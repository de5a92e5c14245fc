"""WARC archive: write then read back; appends; damaged tails; what resume counts as done."""
from __future__ import annotations

import gzip
from datetime import datetime, timezone

from warcio.archiveiterator import ArchiveIterator

from scrapers.archive import append_to_warc, archived_urls, read_warc
from scrapers.fetch import Fetcher, FetchResult
from scrapers.sources import Source

WHEN = datetime(2026, 11, 23, 7, 30, 1, 250000, tzinfo=timezone.utc)


def result(url: str, outcome: str = "ok", status: int | None = 200, body: bytes | None = b"<html>x</html>",
           **kw) -> FetchResult:
    return FetchResult(url=url, source="src", final_url=kw.pop("final_url", url), http_status=status,
                       outcome=outcome, error=None if outcome == "ok" else kw.pop("error", outcome),
                       content_type=kw.pop("content_type", "text/html; charset=utf-8"),
                       encoding=kw.pop("encoding", "utf-8"), body=body,
                       text=body.decode("utf-8", "replace") if body else None,
                       headers=kw.pop("headers", {"Content-Type": "text/html; charset=utf-8"}),
                       fetched_at=WHEN, kind=kw.pop("kind", "article"), **kw)


def test_roundtrip_with_headers_and_custom_fields(tmp_path):
    warc = tmp_path / "a.warc.gz"
    body = "<html><title>Sentra IKM</title>caf\u00e9 \u201cRp\u201d</html>".encode("cp1252")
    r = result("http://a.example/berita/1", body=body, encoding="windows-1252",
               final_url="http://a.example/berita/1/", content_type="text/html",
               headers={"Content-Type": "text/html", "Content-Encoding": "gzip", "Content-Length": "12",
                        "ETag": '"abc"', "Server": "nginx"})
    assert append_to_warc(warc, r) is True
    (page,) = list(read_warc(warc))
    assert page.url == "http://a.example/berita/1" and page.final_url == "http://a.example/berita/1/"
    assert page.source == "src" and page.kind == "article" and page.outcome == "ok"
    assert page.http_status == 200 and page.body == body
    assert page.text == "<html><title>Sentra IKM</title>caf\u00e9 \u201cRp\u201d</html>"
    assert page.encoding == "windows-1252" and page.content_type == "text/html"
    assert page.fetched_at == WHEN
    assert page.headers["ETag"] == '"abc"' and page.headers["Server"] == "nginx"
    # payload stored decoded: no Content-Encoding, a true Content-Length
    assert "Content-Encoding" not in page.headers and page.headers["Content-Length"] == str(len(body))
    # a valid WARC for other tools too: warcinfo + response, each its own gzip member
    with open(warc, "rb") as fh:
        recs = [(rec.rec_type, rec.rec_headers.get_header("WARC-Target-URI"),
                 rec.rec_headers.get_header("WARC-Sentra-Outcome")) for rec in ArchiveIterator(fh)]
    assert recs == [("warcinfo", None, None), ("response", "http://a.example/berita/1/", "ok")]
    raw = warc.read_bytes()
    assert raw.count(b"\x1f\x8b\x08") >= 2
    assert gzip.decompress(raw).startswith(b"WARC/1.1")


def test_results_without_a_response_are_not_archived(tmp_path):
    warc = tmp_path / "b.warc.gz"
    for outcome in ("timeout", "connection_error", "robots_disallowed", "redirect_offsite", "redirect_loop"):
        assert append_to_warc(warc, result(f"http://a.example/{outcome}", outcome, None, None)) is False
    assert not warc.exists()
    assert list(read_warc(warc)) == [] and archived_urls(warc) == set()


def test_appends_across_runs_and_resume_set(tmp_path):
    warc = tmp_path / "day" / "c.warc.gz"  # folder made on demand
    append_to_warc(warc, result("http://a.example/1"))
    append_to_warc(warc, result("http://a.example/2", "http_error", 503, None))
    # a second run appends to the same file
    append_to_warc(warc, result("http://a.example/3", "not_modified", 304, None))
    append_to_warc(warc, result("http://a.example/4", "http_error", 404, None))
    append_to_warc(warc, result("http://a.example/5", "soft_404", 200))
    append_to_warc(warc, result("http://a.example/6", "http_error", 429, None))
    pages = list(read_warc(warc))
    assert [p.url.rsplit("/", 1)[-1] for p in pages] == ["1", "2", "3", "4", "5", "6"]
    assert [p.http_status for p in pages] == [200, 503, 304, 404, 200, 429]
    assert pages[1].body == b"" and pages[1].text == "" and pages[1].error == "http_error"
    assert archived_urls(warc) == {"http://a.example/1", "http://a.example/3", "http://a.example/4",
                                   "http://a.example/5"}  # 503 and 429 are tried again
    assert archived_urls(warc, outcomes={"ok"}) == {"http://a.example/1"}
    assert [p.url for p in read_warc(warc, outcomes={"ok", "soft_404"})] == ["http://a.example/1",
                                                                             "http://a.example/5"]


def test_damaged_tail_loses_only_the_last_record(tmp_path):
    warc = tmp_path / "d.warc.gz"
    append_to_warc(warc, result("http://a.example/1"))
    append_to_warc(warc, result("http://a.example/2"))
    size = warc.stat().st_size
    append_to_warc(warc, result("http://a.example/3", body=b"<html>" + b"y" * 5000 + b"</html>"))
    data = warc.read_bytes()
    warc.write_bytes(data[: size + (len(data) - size) // 2])  # killed mid-write
    urls = [p.url for p in read_warc(warc)]
    assert urls == ["http://a.example/1", "http://a.example/2"]
    assert archived_urls(warc) == {"http://a.example/1", "http://a.example/2"}
    # the next run appends: the half record is cut off (kept aside), the new one is readable
    from scrapers import archive
    archive._checked_size.clear()  # a new process
    append_to_warc(warc, result("http://a.example/4"))
    assert [p.url for p in read_warc(warc)] == ["http://a.example/1", "http://a.example/2", "http://a.example/4"]
    assert (tmp_path / "d.warc.gz.damaged").stat().st_size > 0
    with open(warc, "rb") as fh:  # and the file is a clean WARC for other tools
        assert [r.rec_type for r in ArchiveIterator(fh)] == ["warcinfo", "response", "response", "response"]


def test_fetched_pages_archive_and_read_back(hostile, tmp_path):
    warc = tmp_path / "e.warc.gz"
    f = Fetcher(max_retries=0, backoff_base=0.01, total_timeout=2)
    src = Source(name="hostile", kind="news", sitemap=hostile.url("/sitemap.xml"), requests_per_second=500)
    for path in ("/sentra/latin1-meta", "/sentra/gzipped", "/sentra/empty", "/sentra/doc.pdf", "/sentra/missing"):
        r = f.fetch(hostile.url(path), src)
        append_to_warc(warc, r)
        for side in f.take_side_results():
            append_to_warc(warc, side)
    pages = {p.url[len(hostile.base):]: p for p in read_warc(warc)}
    assert set(pages) == {"/sentra/latin1-meta", "/robots.txt", "/sentra/gzipped", "/sentra/empty",
                          "/sentra/doc.pdf", "/sentra/missing"}
    latin = pages["/sentra/latin1-meta"]
    assert "d\u00e9cor \u201cikat\u201d" in latin.text and latin.encoding == "windows-1252"
    gz = pages["/sentra/gzipped"]
    assert "Sentra IKM gzip" in gz.text and "Content-Encoding" not in gz.headers  # stored decompressed
    assert pages["/sentra/empty"].outcome == "empty"
    assert pages["/sentra/doc.pdf"].outcome == "bad_content_type" and pages["/sentra/doc.pdf"].body == b""
    assert pages["/sentra/missing"].http_status == 404
    assert pages["/robots.txt"].kind == "discovery"
