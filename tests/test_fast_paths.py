"""Shortcuts give what the slow path they replace gives: canonical_url and host_of against urlsplit,
the anchored quantity search against QTY_RE tried at every character, the one-scan topic word counts
against a findall per pattern, the shared trafilatura Extractor against trafilatura's keyword options."""
from __future__ import annotations

import random
import re
import string

import pytest
import trafilatura

from orchestration.bench.pagegen import generate_site, page_paths
from scrapers.reading.numbers import QTY_RE, _quantity_matches
from scrapers.reading.page import TRAFILATURA_OPTIONS, trafilatura_extractor
from scrapers.reading.relevance import _TOPIC_PATTERNS, _topic_counts, _words_of, one_scan_counter
from scrapers.discover import _PLAIN_URL, _canonical, canonical_url
from scrapers.sources import _PLAIN_HOST, _host_by_urlsplit, host_of

pytestmark = pytest.mark.slow  # each compares a shortcut with its slow path over many inputs

ALPHA = string.ascii_letters + string.digits + "-._~%/:;=+,!$&'()*@[]?#\\ \t\x01\u00e9"
HOSTS = ["a.example", "amp.a.example", "A.example", "127.0.0.1", "x-y.id", "a.example.", "a_b.id", "a..b",
         "u@a.example", "[::1]", ""]
PORTS = ["", "", ":80", ":443", ":8080", ":0080", ":99999", ":1", ":", ":x"]


def _urls(seed: int, n: int):
    rnd = random.Random(seed)
    for _ in range(n):
        path = "".join(rnd.choice(ALPHA) for _ in range(rnd.randint(0, 25)))
        if rnd.random() < 0.8:
            path = "/" + path
        yield f"{rnd.choice(['http', 'https', 'HTTP', 'ftp'])}://{rnd.choice(HOSTS)}{rnd.choice(PORTS)}{path}"


def test_canonical_url_shortcut_agrees_with_the_full_path():
    plain = 0
    for url in _urls(1, 60_000):
        if _PLAIN_URL.match(url.strip()):
            plain += 1
            assert canonical_url(url) == _canonical(url.strip()), url
    assert plain > 1000
    assert canonical_url("https://a.example/berita/1.html") == "https://a.example/berita/1.html"
    assert canonical_url("http://a.example:80/x") == "http://a.example/x"
    assert canonical_url("https://a.example/x/amp") == "https://a.example/x"


def test_host_of_shortcut_agrees_with_the_full_path():
    plain = 0
    for url in _urls(2, 60_000):
        if _PLAIN_HOST.match(url.strip()):
            plain += 1
            assert host_of(url) == _host_by_urlsplit(url), url
    assert plain > 1000


QUANTITY_PIECES = ["Rp", "Rp.", "Rp ", "US$", "US$ ", "USD", "U$", "$", "R", "IDR", " ", "  ", ",", ".", "-", "s/d", "(",
                   "15", "1.250", "2,5", "10.000,50", "300-an", "Tahun", "2019", "KBLI", "x", "×", ":", "30",
                   "dua", "Dua", "DUA", "puluh", "lima", "sebelas", "seratus", "satu-satunya", "salah satu", "se",
                   "juta", "miliar", "M", "jt", "rb", "dolar AS", "perajin", "unit", "ribuan", "belas", "e", "sentra",
                   "ſatu", "lıma", "İKM", "\u212aBLI", "“", "–"]


def _sentences(seed: int, n: int):
    rnd = random.Random(seed)
    for _ in range(n):
        yield "".join(rnd.choice(QUANTITY_PIECES) + rnd.choice(["", " ", " ", "  "]) for _ in range(rnd.randint(1, 14)))


def test_anchored_quantity_search_agrees_with_qty_re_at_every_character():
    found = 0
    for s in [*_sentences(2, 30_000), "Omzet US$ 5 juta dan Rp. 15 miliar", "dua puluh lima perajin",
              "KBLI10 dan 2x11", "Rp15.000-Rp20.000 per potong", "SATU sentra, Sebelas IKM"]:
        slow = [(m.span(), m.groupdict()) for m in QTY_RE.finditer(s)]
        assert [(m.span(), m.groupdict()) for m in _quantity_matches(s)] == slow, s
        found += len(slow)
    assert found > 30_000  # the random sentences are mostly numbers: the comparison is not vacuous


def _topic_texts(seed: int, n: int):
    """Texts made of the topic patterns' own words, cut and glued: prefixes, suffixes, odd separators."""
    rnd = random.Random(seed)
    words = sorted(set().union(*map(_words_of, _TOPIC_PATTERNS))) + ["sentra", "sentra", "ikm", "industri", "kecil", "pande", "pandemi", "homeindustri",
                            "targetkan", "petani", "x", "123"]
    seps = [" ", " ", " ", "  ", "\n", ", ", "-", "_", ".", "é", ""]
    for _ in range(n):
        parts = []
        for _ in range(rnd.randint(1, 40)):
            w = rnd.choice(words)
            cut = rnd.random()
            if cut < 0.1:
                w = w[:rnd.randint(1, len(w))]
            elif cut < 0.2:
                w = w + rnd.choice(["nya", "an", "s", "kan"])
            parts.append(w + rnd.choice(seps))
        yield "".join(parts)


def test_one_scan_topic_counts_agree_with_a_findall_per_pattern():
    total = 0
    for text in _topic_texts(3, 20_000):
        slow = [len(re.findall(p.pattern, text)) for p in _TOPIC_PATTERNS]
        assert _topic_counts(text) == slow, text
        total += sum(slow)
    assert total > 100_000  # the texts are dense with topic words: the comparison is not vacuous


def test_one_scan_counter_tries_every_pattern_whose_word_starts_the_longer_word_found():
    # the scan finds 'pandemi' at the start: 'pande' starts it, so the first pattern must be tried too
    counts = one_scan_counter((re.compile(r"\bpande\w*"), re.compile(r"\bpandemi\b"), re.compile(r"\bdemi\b")))
    cases = [("pandemi", [1, 1, 0]), ("pande besi pandemi demi", [2, 1, 1]), ("pandemix", [1, 0, 0]),
             ("xpande demi", [0, 0, 1]), ("", [0, 0, 0])]
    for text, expected in cases:
        assert counts(text) == expected, text



def test_shared_trafilatura_extractor_gives_what_the_keyword_options_give(tmp_path):
    """read_page passes one Extractor built once: it must read pages as trafilatura.extract(**options)
    does, and no page may leave it changed for the next one."""
    generate_site(tmp_path, 60, seed=3)
    pages = [p.read_text(encoding="utf-8") for p in page_paths(tmp_path)]
    # a short text lost among links: most of the page is boilerplate
    pages.append("<html><body><p>Sentra batik di Kota Pekalongan berjumlah 12 unit.</p>"
                 + "".join(f"<div><a href='/x{i}'>tautan {i}</a> kategori berita lain</div>" for i in range(300))
                 + "</body></html>")
    shared = trafilatura_extractor()
    state = lambda: {k: getattr(shared, k, None) for k in type(shared).__slots__}  # noqa: E731
    before = state()
    for html in pages:
        assert trafilatura.extract(html, options=shared) == trafilatura.extract(html, **TRAFILATURA_OPTIONS)
    assert state() == before
