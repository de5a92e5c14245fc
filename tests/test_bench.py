"""The page generator and `sentra bench` at a tiny size: the figures are produced and sane (no timing
thresholds: the benchmark prints figures, it is not a timed test)."""
from __future__ import annotations

from pathlib import Path

import pytest

from orchestration.bench.pagegen import add_pages, generate_site, page_paths
from scrapers.sources import load_sources
from warehouse.rows import fact_rows, sentra_rows

pytestmark = pytest.mark.slow  # whole days through Dagster, or many pages: see tests/conftest.py


def test_generator_is_deterministic_and_varied(tmp_path):
    a = generate_site(tmp_path / "a", 12, seed=3)
    b = generate_site(tmp_path / "b", 12, seed=3)
    pa, pb = page_paths(a), page_paths(b)
    assert len(pa) == 12
    assert [p.read_bytes() for p in pa] == [p.read_bytes() for p in pb]
    assert {p.parts[-4] for p in pa} == {"portal", "wp", "agency"}
    assert all(2_000 <= p.stat().st_size <= 82_000 for p in pa)
    assert any("application/ld+json" in p.read_text() for p in pa)
    sitemap = (a / "sitemap.xml").read_text()
    assert sitemap.count("${BASE_URL}/") == 12
    sources = load_sources(a / "sources.yaml", variables={"BASE_URL": "http://127.0.0.1:1"})
    assert len(sources) == 3 and all(s.max_articles >= 12 for s in sources)


def test_added_pages_leave_the_others_untouched(tmp_path):
    site = generate_site(tmp_path, 10, seed=1)
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in page_paths(site)}
    new = add_pages(site, 2, seed=1)
    assert len(new) == 2 and len(page_paths(site)) == 12
    assert all((p.stat().st_mtime_ns, p.read_bytes()) == v for p, v in before.items())
    assert (site / "sitemap.xml").read_text().count("<loc>") == 12


def test_a_fact_only_points_at_a_sentra_of_its_article():
    # two sentra share a name in two cities; the fact in a third city must not invent a sentra key
    record = {"article_key": 1, "crawl_date": "2026-11-21", "result": {
        "relevant": True, "published": "2026-11-20",
        "sentra": [{"city_code": "33.16", "name": "Sentra kerang", "commodity": "kerang"},
                   {"city_code": "18.01", "name": "Sentra kerang", "commodity": "kerajinan kerang"}],
        "facts": [{"indicator": "tenaga_kerja", "value": 10, "city_code": "33.16", "sentra": "Sentra kerang"},
                  {"indicator": "tenaga_kerja", "value": 20, "city_code": "18.01", "sentra": "Sentra kerang"},
                  {"indicator": "tenaga_kerja", "value": 30, "city_code": "35.04", "sentra": "Sentra kerang"}]}}
    own = {r["sentra_key"] for r in sentra_rows(record)}
    keys = [r["sentra_key"] for r in fact_rows(record)]
    assert keys[0] in own and keys[1] in own and keys[0] != keys[1]
    assert keys[2] is None


def test_bench_at_tiny_size_produces_sane_figures(tmp_path):
    from orchestration.bench.measure import run_bench

    lines: list[str] = []
    fig = run_bench(20, facts_for_views=10_000, workdir=str(tmp_path), echo=lines.append)
    s = fig["summary"]
    assert fig["pages"] == 20 and fig["new_pages"] == 1
    for key in ("extract_pages_s", "trafilatura_pages_s", "lxml_pages_s", "day1_seconds", "day2_seconds",
                "load_rows_s"):
        assert s[key] > 0, key
    assert s["ok"]["runs_succeeded"], fig["day1"]["failures"] + fig["day2"]["failures"]
    assert s["day1_fetched"] >= 20  # the pages (and the sitemap)
    # the 20 old pages are not asked for again: their sitemap lastmod is older than day 1's fetch
    assert fig["day2"]["meta"]["raw_pages"]["unchanged_by_sitemap"] == 20 and s["day2_fetched"] >= 1
    assert s["day2_not_modified"] == 0
    assert fig["day2"]["meta"]["extractions"]["articles"] <= 2
    views = fig["views"]["views"]
    assert fig["views"]["facts"] >= 10_000
    assert {"v_city_indicator_latest", "v_coverage_by_city", "v_province_summary"} <= set(views)
    assert all(v["median_ms"] > 0 and v["rows"] >= 0 for v in views.values())
    assert views["v_coverage_by_city"]["rows"] == 514
    assert s["e2e_100k"]["seconds"] > 0 and s["e2e_100k"]["peak_rss_mb"] > 0
    # the target's ratio, taking turns: each side's CPU time is spent on all 20 pages
    assert fig["ratio"]["pages"] == 20 and s["extract_vs_trafilatura"] == fig["ratio"]["ratio"] > 0
    assert fig["ratio"]["extract_cpu_seconds"] > 0 and fig["ratio"]["trafilatura_cpu_seconds"] > 0
    assert fig["small_pages"] == 5 and fig["small_day"]["success"]
    for stage in ("extract", "trafilatura", "lxml", "small_day", "day1", "day2", "views"):
        assert fig[stage]["peak_rss_mb"] > 0
    for day in ("small_day", "day1", "day2"):  # the process tree holds at least the run itself
        assert fig[day]["tree_peak_mb"] >= fig[day]["peak_rss_mb"] * 0.9
    assert any(line.startswith("| extract_page") for line in lines)
    assert any("100k pages" in line for line in lines)
    assert (Path(tmp_path) / "bench.json").exists()


def test_memory_at_100k_follows_whichever_peak_grows_with_the_day():
    """The tree's peak (reader pool running) and the run process's own (loading) are extrapolated apart:
    a run process that grows while the tree's peak stays flat still decides the figure."""
    from orchestration.bench.measure import extrapolate

    day = lambda seconds, tree, run: {"seconds": seconds, "tree_peak_mb": tree, "peak_rss_mb": run}  # noqa: E731
    cases = [  # small day, day 1 -> MB at 100k, KB per page
        (day(10, 300, 200), day(40, 300, 240), 240 + 40 / 3000 * 96_000, 40 / 3000 * 1024),  # the run grows
        (day(10, 300, 200), day(40, 330, 200), 330 + 30 / 3000 * 96_000, 30 / 3000 * 1024),  # the tree grows
        (day(10, 300, 200), day(40, 290, 190), 290, 0.0),  # neither: day 1's peak
    ]
    for small, day1, mb, kb in cases:
        e = extrapolate(day1, small, 4000, 1000)
        assert e["peak_rss_mb"] == pytest.approx(mb) and e["per_page_kb"] == pytest.approx(kb)
        assert e["seconds"] == pytest.approx(10 + 30 / 3000 * 100_000 - 30 / 3000 * 1000)
