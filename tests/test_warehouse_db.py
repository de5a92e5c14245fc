"""The warehouse SQL on a real DuckDB file: day loads are idempotent, views work, publish is atomic."""
import duckdb
import pytest

from warehouse.lake import write_jsonl
from scrapers.reading.places import all_cities
from warehouse import rows as wr
from warehouse.db import connect, reader_path, run_sql_file, table_counts, view_files
from warehouse.publish import publish

DAY = "2026-11-20"


def extraction(url, facts, sentra=(), published="2026-11-19", relevant=True):
    return {"article_key": wr.stable_key("article", url), "url": url, "fetched_url": url, "source": "uji",
            "source_kind": "news", "crawl_date": DAY, "content_hash": url,
            "result": {"title": "t", "published": published, "relevant": relevant,
                       "cities": [{"code": "32.73", "name": "Kota Bandung", "province": "Jawa Barat"}],
                       "sentra": list(sentra), "facts": facts}}


FACT = {"city_code": "32.73", "province_code": "32", "indicator": "jumlah_sentra", "value": 28, "unit": "sentra",
        "period": None, "year": 2026, "sentra": None, "evidence": "Ada 28 sentra di kota ini.", "confidence": 0.9}
SENTRA = {"city_code": "32.73", "name": "sentra rajut", "commodity": "rajut", "commodity_group": "sandang",
          "location": "Binong", "status": "existing"}


def load_day(tmp_path, db, records, day=DAY):
    files = {}
    for table, fn in (("dim_article", lambda r: [wr.article_row(r)]), ("sentra_mention", wr.sentra_rows),
                      ("fact_indicator", wr.fact_rows)):
        files[table] = tmp_path / f"{day}-{table}.jsonl"
        write_jsonl(files[table], [row for r in records for row in fn(r)])
    with connect(db) as con:
        run_sql_file(con, "load/dim_article.sql", load_date=day, path=str(files["dim_article"]))
        run_sql_file(con, "load/sentra_mention.sql", load_date=day, path=str(files["sentra_mention"]))
        run_sql_file(con, "load/dim_sentra.sql")
        run_sql_file(con, "load/fact_indicator.sql", load_date=day, path=str(files["fact_indicator"]))
        for f in view_files():
            run_sql_file(con, f)
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("dim_article", "dim_sentra", "sentra_mention", "fact_indicator")}


def test_static_dimensions(db):
    with connect(db, read_only=True) as con:
        assert con.execute("SELECT count(*), count(*) FILTER (kind = 'kota') FROM dim_city").fetchone()[0] == 514
        assert con.execute("SELECT name, kind FROM dim_city WHERE kemendagri_code = '32.16'").fetchone() == (
            "Kabupaten Bekasi", "kabupaten")
        assert con.execute("SELECT count(*) FROM dim_indicator").fetchone()[0] == 11
        assert con.execute("SELECT month_name_id, weekday_name_id FROM dim_date WHERE date_key = 20170301"
                           ).fetchone() is None  # outside the loaded range
        assert con.execute("SELECT month_name_id, weekday_name_id FROM dim_date WHERE date_key = 20251117"
                           ).fetchone() == ("November", "Senin")


def test_reloading_a_day_replaces_its_rows(tmp_path, db):
    records = [extraction("https://a.example/1", [FACT], [SENTRA]),
               extraction("https://a.example/2", [dict(FACT, value=30, evidence="Kini 30 sentra.")])]
    first = load_day(tmp_path, db, records)
    second = load_day(tmp_path, db, records)
    assert first == second == {"dim_article": 2, "dim_sentra": 1, "sentra_mention": 1, "fact_indicator": 2}


def test_another_day_adds_and_an_article_seen_again_moves(tmp_path, db):
    load_day(tmp_path, db, [extraction("https://a.example/1", [FACT], [SENTRA])])
    counts = load_day(tmp_path, db, [extraction("https://a.example/1", [FACT], [SENTRA]),
                                     extraction("https://a.example/3", [dict(FACT, value=5)])], day="2026-11-21")
    assert counts == {"dim_article": 2, "dim_sentra": 1, "sentra_mention": 1, "fact_indicator": 2}


def test_irrelevant_article_loads_no_facts(tmp_path, db):
    counts = load_day(tmp_path, db, [extraction("https://a.example/9", [FACT], [SENTRA], relevant=False)])
    assert counts["fact_indicator"] == 0 and counts["dim_article"] == 1


def test_views_answer_and_every_column_is_documented(tmp_path, db):
    load_day(tmp_path, db, [extraction("https://a.example/1", [FACT], [SENTRA]),
                            extraction("https://a.example/2", [dict(FACT, value=30, evidence="x", year=2025)])])
    with connect(db, read_only=True) as con:
        latest = con.execute("SELECT city_name, indicator_code, value, n_statements FROM v_city_indicator_latest"
                             ).fetchall()
        assert latest == [("Kota Bandung", "jumlah_sentra", 28.0, 2)]  # 2026 beats 2025
        assert con.execute("SELECT n_sentra FROM v_sentra_by_city").fetchall() == [(1,)]
        assert con.execute("SELECT count(*) FROM v_coverage_by_city").fetchone()[0] == 514
        assert con.execute("SELECT n_cities_covered FROM v_province_summary WHERE province_code = '32'"
                           ).fetchone()[0] == 1
        assert con.execute("SELECT sum(n_facts) FROM v_indicator_by_month").fetchone()[0] == 2
        undocumented = con.execute(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE table_name LIKE 'v\\_%' ESCAPE '\\' "
            "AND comment IS NULL").fetchall()
        assert undocumented == []
        assert len(view_files()) >= 5


@pytest.mark.slow
def test_publish_swaps_under_an_open_reader(tmp_path, db):
    published = tmp_path / "bi" / "warehouse.duckdb"
    load_day(tmp_path, db, [extraction("https://a.example/1", [FACT])])
    publish(db, published)
    reader = duckdb.connect(str(published), read_only=True)
    assert reader.execute("SELECT count(*) FROM fact_indicator").fetchone()[0] == 1

    load_day(tmp_path, db, [extraction("https://a.example/1", [FACT]),
                            extraction("https://a.example/2", [dict(FACT, value=7)])])
    publish(db, published)  # must not fail although the reader holds the old file
    assert reader.execute("SELECT count(*) FROM v_city_indicator_latest").fetchone()[0] == 1  # still whole
    assert reader.execute("SELECT count(*) FROM fact_indicator").fetchone()[0] == 1  # the old snapshot
    reader.close()
    with connect(published, read_only=True) as fresh:
        assert fresh.execute("SELECT count(*) FROM fact_indicator").fetchone()[0] == 2
    assert not list(published.parent.glob(".*.tmp"))


def test_a_read_only_connection_names_the_type_and_keeps_the_database_name(db):
    """Read-only connections open `duckdb:PATH` (one open of the file: see reader_path); the database is
    still called after the file, as the views and table_counts expect."""
    assert reader_path(db) in (f"duckdb:{db}", str(db))
    with connect(db, read_only=True) as con:
        assert con.execute("SELECT current_database()").fetchone()[0] == db.stem
        assert table_counts(con)["dim_city"] == 514


def test_every_fact_stays_but_the_views_show_those_at_the_threshold(tmp_path, db):
    """fact_indicator keeps a fact whatever its confidence, with the reader that read it; the BI views
    show only facts at or above view_settings.min_confidence (SENTRA_MIN_CONFIDENCE, 0.5 by default)."""
    sure = dict(FACT, confidence=0.9)
    doubtful = dict(FACT, indicator="tenaga_kerja", value=640, unit="orang", confidence=0.3,
                    evidence="Sekitar 640 orang bekerja di sana.")
    record = extraction("https://uji.example/yakin", [sure, doubtful])
    record["result"]["reader"] = "reader-0123456789ab"
    load_day(tmp_path, db, [record])
    with connect(db) as con:
        stored = con.execute("SELECT value, confidence, model_version FROM fact_indicator ORDER BY value").fetchall()
        shown = con.execute("SELECT indicator_code FROM v_city_indicator_latest ORDER BY 1").fetchall()
        assert stored == [(28.0, 0.9, "reader-0123456789ab"), (640.0, 0.3, "reader-0123456789ab")]
        assert shown == [("jumlah_sentra",)]
        run_sql_file(con, "load/view_settings.sql", min_confidence=0.2)
        for f in view_files():
            run_sql_file(con, f)
        shown = con.execute("SELECT indicator_code FROM v_city_indicator_latest ORDER BY 1").fetchall()
        assert shown == [("jumlah_sentra",), ("tenaga_kerja",)]
