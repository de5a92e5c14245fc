"""The daily job end to end: the bundled sample site served on 127.0.0.1, crawled and loaded through real
Dagster materializations into a real DuckDB warehouse, then run again for the same day."""
import socket
from pathlib import Path

import duckdb
import pytest
import yaml

from orchestration.runner import run_days

pytestmark = pytest.mark.slow  # whole days through Dagster, or many pages: see tests/conftest.py

EXPECTED = yaml.safe_load((Path(__file__).parent / "fixtures" / "sample_expected.yaml").read_text())
DAY = "2026-11-22"
TABLES = ("dim_city", "dim_sentra", "dim_indicator", "dim_date", "dim_article", "fact_indicator", "fetch_log")
VIEWS = ("v_city_indicator_latest", "v_sentra_by_city", "v_indicator_by_month", "v_coverage_by_city",
         "v_province_summary")


def counts(path: Path) -> dict[str, int]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES + VIEWS}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PORT = free_port()  # the same site address for every run of this module, whatever else uses 8765


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    data = tmp_path_factory.mktemp("data")
    first = run_days([DAY], data_dir=str(data), sample_port=PORT)[0]
    after_first = counts(Path(first["warehouse"]))
    second = run_days([DAY], data_dir=str(data), sample_port=PORT)[0]
    return data, first, after_first, second


@pytest.fixture(scope="module")
def con(runs):
    data, first, _, _ = runs
    c = duckdb.connect(first["warehouse"], read_only=True)
    yield c
    c.close()


def test_both_runs_succeed(runs):
    _, first, _, second = runs
    assert first["success"], first["problems"]
    assert second["success"], second["problems"]
    assert first["fetched"] >= EXPECTED["summary"]["crawlable_pages"]
    assert first["failed"] == 0


def test_every_table_and_view_is_filled(runs):
    _, _, after_first, _ = runs
    empty = [name for name, n in after_first.items() if n == 0]
    assert empty == []
    assert after_first["dim_city"] == 514
    assert after_first["dim_indicator"] == 11


def test_rerunning_the_day_leaves_identical_row_counts(runs):
    _, first, after_first, second = runs
    assert counts(Path(second["warehouse"])) == after_first
    assert second["fetched"] < first["fetched"]  # what the archive already holds is not fetched again


def test_the_seed_facts_are_in_the_warehouse(con):
    seeds = [p for p in EXPECTED["pages"] if p.get("seed")]
    assert len(seeds) == 5
    missing = []
    for page in seeds:
        stored = con.execute(
            "SELECT i.code, f.value, c.kemendagri_code FROM fact_indicator f JOIN dim_indicator i USING "
            "(indicator_key) JOIN dim_article a USING (article_key) LEFT JOIN dim_city c USING (city_key) "
            "WHERE a.url = ?", [page["url"]]).fetchall()
        for fact in page["facts"]:
            if not any(code == fact["indicator"] and abs(value - fact["value"]) <= 0.01 * fact["value"]
                       and city == fact["city_code"] for code, value, city in stored):
                missing.append((page["seed"], fact["indicator"], fact["value"]))
    assert missing == []


def test_facts_recall_on_the_sample_site(con):
    """Most hand-labelled facts of the sample pages reach fact_indicator with the right city."""
    found = total = 0
    for page in EXPECTED["pages"]:
        if page.get("skip"):
            continue
        stored = con.execute(
            "SELECT i.code, f.value, c.kemendagri_code FROM fact_indicator f JOIN dim_indicator i USING "
            "(indicator_key) JOIN dim_article a USING (article_key) LEFT JOIN dim_city c USING (city_key) "
            "WHERE a.url = ?", [page["url"]]).fetchall()
        for fact in page["facts"]:
            total += 1
            found += any(code == fact["indicator"] and abs(value - fact["value"]) <= 0.01 * fact["value"]
                         and city == fact.get("city_code") for code, value, city in stored)
    assert total >= 80
    assert found / total >= 0.85


def test_pages_to_skip_are_skipped(con):
    for page in EXPECTED["pages"]:
        rows = con.execute("SELECT relevant, n_facts FROM dim_article WHERE url = ?", [page["url"]]).fetchall()
        if page.get("skip") == "not_ikm":
            assert rows == [(False, 0)], page["path"]
        elif page.get("skip") == "duplicate":
            assert rows == [], page["path"]  # dropped by content hash, kept as a second source of the story
            (original,) = con.execute("SELECT a.url FROM article_source s JOIN dim_article a USING (article_key) "
                                      "WHERE NOT s.is_original AND s.url = ?", [page["url"]]).fetchone()
            assert original != page["url"]
        elif page.get("skip") == "robots":
            assert rows == [], page["path"]  # dropped by content hash / never fetched
        else:
            assert rows and rows[0][0], page["path"]


def test_robots_disallowed_page_is_logged_and_never_fetched(con):
    rows = con.execute("SELECT outcome, http_status FROM fetch_log WHERE url LIKE '%/admin/%'").fetchall()
    assert rows == [("robots_disallowed", None)]


def test_every_fact_carries_its_sentence_and_a_known_city(con):
    assert con.execute("SELECT count(*) FROM fact_indicator WHERE evidence IS NULL OR length(evidence) < 10"
                       ).fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM fact_indicator f LEFT JOIN dim_city c USING (city_key) "
                       "WHERE f.city_key IS NOT NULL AND c.city_key IS NULL").fetchone()[0] == 0


def test_published_dates_are_read(con):
    wrong = []
    for page in EXPECTED["pages"]:
        if page.get("skip") or not page.get("published"):
            continue
        (got,) = con.execute("SELECT CAST(published_date AS VARCHAR) FROM dim_article WHERE url = ?",
                             [page["url"]]).fetchone()
        if got != page["published"]:
            wrong.append((page["path"], got, page["published"]))
    assert len(wrong) <= 2, wrong


def test_reprocess_rereads_the_archive_without_fetching(runs):
    data, _, after_first, _ = runs
    (again,) = run_days([DAY], data_dir=str(data), job_name="reprocess", sample_port=PORT)
    assert again["success"], again["problems"]
    assert again["fetched"] == 0 and again["articles"] > 0
    assert counts(Path(again["warehouse"])) == after_first


def test_a_full_rebuild_from_the_archive_gives_the_same_warehouse(runs, tmp_path):
    """A fresh working warehouse, the day re-read from its raw archive: same tables, same surrogate keys."""
    import shutil

    data, first, after_first, _ = runs
    rebuilt = tmp_path / "data"
    shutil.copytree(data / "archive", rebuilt / "archive")
    shutil.copytree(data / "lake", rebuilt / "lake", ignore=shutil.ignore_patterns("rows", "articles.jsonl",
                                                                                  "extractions.jsonl"))
    (again,) = run_days([DAY], data_dir=str(rebuilt), job_name="reprocess", sample_port=PORT)
    assert again["success"], again["problems"]
    assert counts(rebuilt / "warehouse.duckdb") == after_first
    keys = "SELECT list(fact_key ORDER BY fact_key), list(DISTINCT sentra_key ORDER BY sentra_key) FROM fact_indicator"
    with duckdb.connect(first["warehouse"], read_only=True) as a, \
            duckdb.connect(str(rebuilt / "warehouse.duckdb"), read_only=True) as b:
        assert a.execute(keys).fetchone() == b.execute(keys).fetchone()


def test_a_later_day_fetches_nothing_unchanged(runs):
    data, first, after_first, _ = runs
    later = run_days(["2026-11-21"], data_dir=str(data), sample_port=PORT)[0]
    assert later["success"]
    # pages the sitemap dates before our fetch are not asked for again; the others answer 304
    unchanged = sum(1 for _ in open(data / "lake" / "2026-11-21" / "unchanged_by_sitemap.jsonl"))
    assert unchanged > 0 and later["not_modified"] > 0
    assert later["unchanged_by_sitemap"] == unchanged  # as `sentra run` prints it
    assert later["not_modified"] + unchanged >= EXPECTED["summary"]["crawlable_pages"] - 1
    assert later["articles"] == 0
    assert counts(Path(later["warehouse"]))["fact_indicator"] == after_first["fact_indicator"]
