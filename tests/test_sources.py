"""Source files: the YAML outside tools write, placeholders, clear errors, the live list."""
from __future__ import annotations

import logging
from pathlib import Path

import pytest

from scrapers.sources import Source, load_sources

LIVE = Path(__file__).resolve().parent.parent / "scrapers" / "live_sources.yaml"


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "sources.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_minimal_keys_written_by_outside_tools(tmp_path):
    p = write(tmp_path, """
sources:
  - name: contoh
    kind: news
    sitemap: ${BASE_URL}/sitemap.xml
    feed: null
    listing: ${BASE_URL}/berita
    link_pattern: /berita/\\d+
    requests_per_second: 5
""")
    (s,) = load_sources(p, {"BASE_URL": "http://127.0.0.1:8123"})
    assert s == Source(name="contoh", kind="news", sitemap="http://127.0.0.1:8123/sitemap.xml",
                       listing="http://127.0.0.1:8123/berita", link_pattern="/berita/\\d+",
                       requests_per_second=5.0)
    assert s.feed is None and s.keywords == () and s.max_articles == 200
    assert s.allowed_hosts == frozenset({"127.0.0.1"})
    assert s.owns("http://127.0.0.1:9999/x") and not s.owns("http://localhost:8123/x")


def test_all_keys_and_derived_hosts(tmp_path):
    p = write(tmp_path, """
sources:
  - name: antara
    kind: news
    feed: https://Jateng.AntaraNews.com/rss/terkini.xml
    sitemap: https://www.example.go.id/sitemap.xml
    keywords: [IKM, Sentra, industri kecil]
    max_articles: 50
    recheck_days: 7
    allowed_hosts: [cdn.example.go.id]
    notes: anything
  - name: csv-keywords
    kind: agency
    listing: https://disperindag.example.go.id/berita
    keywords: "ikm, sentra"
""")
    a, b = load_sources(p)
    assert a.keywords == ("ikm", "sentra", "industri kecil") and a.max_articles == 50
    assert a.recheck_days == 7 and b.recheck_days == 30
    assert a.allowed_hosts == {"jateng.antaranews.com", "www.jateng.antaranews.com", "www.example.go.id",
                               "example.go.id", "cdn.example.go.id", "www.cdn.example.go.id"}
    assert b.keywords == ("ikm", "sentra")
    assert a.entry_urls() == ["https://www.example.go.id/sitemap.xml", "https://Jateng.AntaraNews.com/rss/terkini.xml"]


def test_source_is_frozen_and_hashable():
    s = Source(name="x", kind="news", feed="http://a.example/feed", keywords=["ikm"])
    assert s.keywords == ("ikm",)
    with pytest.raises(Exception):
        s.name = "y"  # type: ignore[misc]
    assert len({s, s}) == 1


@pytest.mark.parametrize("body,needle", [
    ("sources:\n  - name: a\n    kind: blog\n    feed: http://x.example/f\n", "source 'a': key 'kind'"),
    ("sources:\n  - name: a\n    kind: news\n", "source 'a': needs at least one"),
    ("sources:\n  - name: a\n    kind: news\n    feed: ftp://x.example/f\n", "source 'a': key 'feed'"),
    ("sources:\n  - name: a\n    kind: news\n    feed: /relative\n", "source 'a': key 'feed'"),
    ("sources:\n  - name: a\n    kind: news\n    feed: http://x.example/f\n    requests_per_second: 0\n",
     "source 'a': key 'requests_per_second'"),
    ("sources:\n  - name: a\n    kind: news\n    feed: http://x.example/f\n    requests_per_second: fast\n",
     "source 'a': key 'requests_per_second'"),
    ("sources:\n  - name: a\n    kind: news\n    feed: http://x.example/f\n    max_articles: -1\n",
     "source 'a': key 'max_articles'"),
    ("sources:\n  - name: a\n    kind: news\n    feed: http://x.example/f\n    recheck_days: -1\n",
     "source 'a': key 'recheck_days'"),
    ("sources:\n  - name: a\n    kind: news\n    feed: http://x.example/f\n    recheck_days: 2.5\n",
     "source 'a': key 'recheck_days'"),
    ("sources:\n  - name: a\n    kind: news\n    feed: http://x.example/f\n    link_pattern: [1]\n",
     "source 'a': key 'link_pattern'"),
    ("sources:\n  - kind: news\n    feed: http://x.example/f\n", "sources[0]: key 'name'"),
    ("sources:\n  - name: a\n    kind: news\n    feed: ${BASE_URL}/f\n", "source 'a': key 'feed': placeholder ${BASE_URL}"),
    ("sources:\n  - name: a\n    kind: news\n    feed: http://x.example/f\n"
     "  - name: a\n    kind: news\n    feed: http://x.example/g\n", "source 'a': key 'name' is used twice"),
    ("feeds: []\n", "top-level key 'sources:'"),
    ("sources: {a: 1}\n", "key 'sources' must be a list"),
    ("sources:\n  - just a string\n", "sources[0]: expected a mapping"),
    ("sources: [\n", "not valid YAML"),
])
def test_bad_files_raise_clear_value_errors(tmp_path, body, needle):
    p = write(tmp_path, body)
    with pytest.raises(ValueError) as e:
        load_sources(p)
    assert needle in str(e.value)
    assert str(p) in str(e.value)


def test_missing_file_is_a_value_error(tmp_path):
    with pytest.raises(ValueError, match="cannot read"):
        load_sources(tmp_path / "nope.yaml")


def test_unknown_keys_are_logged_not_fatal(tmp_path, caplog):
    p = write(tmp_path, "sources:\n  - name: a\n    kind: news\n    feed: http://x.example/f\n    colour: red\n")
    with caplog.at_level(logging.WARNING):
        (s,) = load_sources(p)
    assert s.name == "a" and "colour" in caplog.text


def test_disabled_and_empty(tmp_path):
    p = write(tmp_path, "sources:\n  - name: a\n    kind: news\n    feed: http://x.example/f\n    enabled: false\n")
    assert load_sources(p) == []
    assert load_sources(write(tmp_path, "sources:\n")) == []


def test_live_sources_file():
    sources = load_sources(LIVE)
    assert len(sources) >= 15
    names = [s.name for s in sources]
    assert len(names) == len(set(names))
    kinds = {s.kind for s in sources}
    assert kinds == {"news", "agency", "open_data"}
    for s in sources:
        assert s.entry_urls(), s.name
        assert all(u.startswith("https://") for u in s.entry_urls()), s.name
        assert 0 < s.requests_per_second <= 2, s.name  # polite defaults for real sites
        assert s.allowed_hosts and all(s.owns(u) for u in s.entry_urls())
        # every source is narrowed to IKM: by keywords or by an IKM tag page
        assert s.keywords or "ikm" in (s.listing or "").lower(), s.name
    hosts = " ".join(sorted(h for s in sources for h in s.allowed_hosts))
    for expected in ("jateng.antaranews.com", "jabar.antaranews.com", "bisnis.com", "tribunnews.com",
                     "solopos.com", "jawapos.com", "kemenperin.go.id", "disperindag", "opendata.jabarprov.go.id"):
        assert expected in hosts, expected
