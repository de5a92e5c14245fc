"""Discovery: sitemaps (index, Google News, gz), feeds (RSS, Atom), listing pages, JSON catalogues."""
from __future__ import annotations

import pytest

from scrapers.discover import canonical_url, discover_article_urls, keyword_hit, parse_feed, parse_sitemap
from scrapers.fetch import Fetcher
from scrapers.sources import Source

KW = ("ikm", "sentra", "industri kecil")


def fetcher() -> Fetcher:
    return Fetcher(total_timeout=2, read_timeout=2, max_retries=1, backoff_base=0.01)


@pytest.mark.parametrize("url,canon", [
    ("HTTPS://Example.COM:443/a?utm_source=x&utm_medium=y&id=7#top", "https://example.com/a?id=7"),
    ("http://example.com:80", "http://example.com/"),
    ("http://example.com:8080/a", "http://example.com:8080/a"),
    ("https://x.id/berita/1?fbclid=abc&gclid=def", "https://x.id/berita/1"),
    ("https://x.id/berita/sentra-ikm/amp", "https://x.id/berita/sentra-ikm"),
    ("https://x.id/berita/sentra-ikm/amp/", "https://x.id/berita/sentra-ikm/"),
    ("https://x.id/berita/sentra-ikm?amp=1", "https://x.id/berita/sentra-ikm"),
    ("https://x.id/berita/sentra-ikm?amp", "https://x.id/berita/sentra-ikm"),
    ("https://amp.kompas.example/read/1", "https://kompas.example/read/1"),
    ("https://jateng.tribunnews.com/amp/2026/11/23/sentra", "https://jateng.tribunnews.com/2026/11/23/sentra"),
    ("https://x.id/?p=123", "https://x.id/?p=123"),
    ("https://x.id/a?b=2&a=1", "https://x.id/a?b=2&a=1"),  # order kept
    ("https://x.id/cari?q=sentra%20ikm&flag&utm_term=z", "https://x.id/cari?q=sentra%20ikm&flag"),  # byte for byte
])
def test_canonical_url(url, canon):
    assert canonical_url(url) == canon
    assert canonical_url(canon) == canon  # idempotent


def test_keywords_are_whole_words():
    s = Source(name="s", kind="news", feed="http://x.example/f", keywords=KW)
    assert keyword_hit(s, "http://x.example/berita/sentra-ikm-batik")
    assert keyword_hit(s, "http://x.example/berita/1", "Bantuan untuk Industri Kecil di Solo")
    assert keyword_hit(s, "http://x.example/industri_kecil_rotan")
    assert not keyword_hit(s, "http://x.example/warga-menikmati-libur")  # 'ikm' inside a word
    assert not keyword_hit(s, "https://sentra.example.go.id/berita/harga-cabai")  # the host does not count
    assert keyword_hit(Source(name="t", kind="news", feed="http://x.example/f"), "anything")


def test_sitemap_index_news_sitemap_and_filters(hostile):
    src = Source(name="h", kind="news", sitemap=hostile.url("/sitemap.xml"), keywords=KW,
                 requests_per_second=500)
    urls, results = discover_article_urls(src, fetcher())
    b = hostile.base
    # the news sitemap (newest child) is read first; keywords on URL or news:title; utm_* and /amp/ folded
    assert urls[:3] == [f"{b}/artikel/sentra-batik-pekalongan", f"{b}/artikel/ikm-logam-tegal",
                        f"{b}/artikel/industri-kecil-rotan"]
    assert f"{b}/artikel/harga-cabai" not in urls
    assert f"{b}/sentra/flaky" in urls and f"{b}/sentra/missing" in urls
    assert not any("localhost" in u for u in urls)  # offsite entry and offsite child sitemap ignored
    assert [r.url for r in results] == [hostile.url(p) for p in
                                        ("/robots.txt", "/sitemap.xml", "/sitemap-news.xml", "/sitemap-pages.xml")]
    assert all(r.kind == "discovery" and r.ok for r in results)
    assert "/foreign-sitemap.xml" not in hostile.paths()


def test_link_pattern_applies_to_sitemaps_and_feeds_too(hostile):
    src = Source(name="h", kind="news", sitemap=hostile.url("/sitemap.xml"), feed=hostile.url("/feed.xml"),
                 link_pattern="/artikel/", keywords=KW, requests_per_second=500)
    urls, _ = discover_article_urls(src, fetcher())
    assert urls and all("/artikel/" in u for u in urls)
    assert hostile.url("/artikel/tahu-kediri") in urls and hostile.url("/artikel/ikm-logam-tegal") in urls


def test_rss_feed(hostile):
    src = Source(name="h", kind="news", feed=hostile.url("/feed.xml"), keywords=KW, requests_per_second=500)
    urls, results = discover_article_urls(src, fetcher())
    b = hostile.base
    # fragment dropped, fbclid dropped, guid used when there is no <link>, other host dropped, 'bola' filtered
    assert urls == [f"{b}/artikel/tahu-kediri", f"{b}/artikel/bantuan"]
    assert results[-1].url == hostile.url("/feed.xml") and results[-1].ok


def test_atom_feed_newest_first(hostile):
    src = Source(name="h", kind="news", feed=hostile.url("/atom.xml"), keywords=KW, requests_per_second=500)
    urls, _ = discover_article_urls(src, fetcher())
    assert urls == [hostile.url("/artikel/mebel"), hostile.url("/artikel/tenun")]


def test_listing_page_links(hostile):
    src = Source(name="h", kind="news", listing=hostile.url("/listing"), link_pattern=r"/berita/\d{4}/",
                 keywords=KW, requests_per_second=500)
    urls, _ = discover_article_urls(src, fetcher())
    b = hostile.base
    assert urls == [f"{b}/berita/2026/11/sentra-kulit-magetan",  # once, though linked twice
                    f"{b}/berita/2026/11/ikm-bordir",           # relative to <base href>
                    f"{b}/berita/2026/11/tanpa-kata-kunci"]     # keyword in the link's title attribute


def test_listing_substring_pattern_and_max_articles(hostile):
    src = Source(name="h", kind="news", listing=hostile.url("/listing"), link_pattern="2026/11",
                 requests_per_second=500, max_articles=2)
    urls, _ = discover_article_urls(src, fetcher())
    assert len(urls) == 2
    src = Source(name="h", kind="news", listing=hostile.url("/listing"), link_pattern="/berita/2026/11/[",
                 requests_per_second=500)  # not a valid regex: used as a substring
    urls, _ = discover_article_urls(src, fetcher())
    assert urls == []


def test_gzipped_sitemap(hostile):
    src = Source(name="h", kind="news", sitemap=hostile.url("/sitemap.xml.gz"), requests_per_second=500)
    urls, results = discover_article_urls(src, fetcher())
    assert urls == [hostile.url("/artikel/sentra-gz")] and results[-1].ok


def test_open_data_json_catalogue(hostile):
    src = Source(name="od", kind="open_data", listing=hostile.url("/api/package_search"), keywords=KW,
                 requests_per_second=500)
    urls, _ = discover_article_urls(src, fetcher())
    assert urls == [hostile.url("/dataset/sentra-ikm.csv")]


def test_failed_discovery_returns_results_not_exceptions(hostile):
    src = Source(name="broken", kind="news", sitemap=hostile.url("/discovery-broken/sitemap.xml"),
                 feed=hostile.url("/nothing-here.xml"), requests_per_second=500)
    urls, results = discover_article_urls(src, fetcher())
    assert urls == []
    assert [(r.outcome, r.http_status) for r in results[1:]] == [("http_error", 500), ("http_error", 404)]


def test_discovery_obeys_robots(hostile):
    src = Source(name="h", kind="news", sitemap=hostile.url("/private/sitemap.xml"), requests_per_second=500)
    urls, results = discover_article_urls(src, fetcher())
    assert urls == [] and results[-1].outcome == "robots_disallowed"
    assert "/private/sitemap.xml" not in hostile.paths()


def test_parsers_survive_garbage():
    assert parse_sitemap(b"<urlset><url><loc>http://a.example/1</loc></url><url><loc>") [1][0].url == \
        "http://a.example/1"
    assert parse_sitemap(b"http://a.example/1\nhttp://a.example/2\n")[1][1].url == "http://a.example/2"
    assert parse_feed(b"\x00\x01 not xml") == []
    assert parse_feed(b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><rss><channel><item>'
                      b'<link>http://a.example/&e;</link></item></channel></rss>')[0].url.find("root:") == -1


def test_sitemap_index_listing_itself_is_read_once(hostile):
    src = Source(name="h", kind="news", sitemap=hostile.url("/sitemap-self.xml"), keywords=KW,
                 requests_per_second=500)
    urls, results = discover_article_urls(src, fetcher())
    assert hostile.count("/sitemap-self.xml") == 1 and hostile.count("/sitemap-news.xml") == 1
    assert hostile.url("/artikel/sentra-batik-pekalongan") in urls


def test_entry_points_parsed_by_what_they_are(hostile):
    # a sitemap given as the feed, a feed given as the sitemap, a feed given as the listing
    b = hostile.base
    s1 = Source(name="a", kind="news", feed=hostile.url("/sitemap-news.xml"), keywords=KW, requests_per_second=500)
    assert discover_article_urls(s1, fetcher())[0][0] == f"{b}/artikel/sentra-batik-pekalongan"
    s2 = Source(name="b", kind="news", sitemap=hostile.url("/feed.xml"), keywords=KW, requests_per_second=500)
    assert discover_article_urls(s2, fetcher())[0] == [f"{b}/artikel/tahu-kediri", f"{b}/artikel/bantuan"]
    s3 = Source(name="c", kind="news", listing=hostile.url("/atom.xml"), keywords=KW, requests_per_second=500)
    assert set(discover_article_urls(s3, fetcher())[0]) == {f"{b}/artikel/tenun", f"{b}/artikel/mebel"}


def test_big_sitemap_index_reads_the_newest_children_only(hostile):
    from scrapers.discover import MAX_CHILD_SITEMAPS
    src = Source(name="h", kind="news", sitemap=hostile.url("/sitemap-many.xml"), requests_per_second=500)
    urls, results = discover_article_urls(src, fetcher())
    parts = [p for p in hostile.paths() if p.startswith("/sitemap-part-")]
    assert len(parts) == MAX_CHILD_SITEMAPS == len(urls)
    # lastmod month = (i % 12) + 1: December (i=11) first, then November (i=10), ...
    assert parts[:2] == ["/sitemap-part-11.xml", "/sitemap-part-10.xml"]
