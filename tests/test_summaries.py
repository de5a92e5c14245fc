"""The BI views read summary tables (sql/views/agg_*.sql) that view_files() rebuilds: on hand-made facts the
views give the answers their documentation promises, and after more facts are loaded (and sql/views run
again, as bi_views does after every load) they show the new facts, never the old summaries."""
import datetime

import pytest

from tests.test_warehouse_db import FACT, SENTRA, extraction, load_day
from warehouse.db import SQL_DIR, connect, run_sql_file, view_files

BANDUNG, BEKASI = "32.73", "32.16"


def article(url, facts, sentra=(), published="2026-11-19", kind="news"):
    record = extraction(url, facts, sentra, published=published)
    record["source_kind"] = kind
    return record


def fact(value, year=2026, indicator="jumlah_sentra", city=BANDUNG, sentra=None, confidence=0.9, evidence=None):
    return dict(FACT, value=value, year=year, indicator=indicator, city_code=city, sentra=sentra,
                confidence=confidence, evidence=evidence or f"{indicator} {value} {year} {city} {sentra}")


def rows(con, sql, *params):
    cur = con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def test_every_summary_file_builds_one_documented_table_before_the_views_that_read_it(db):
    names = [f.split("/")[-1][:-4] for f in view_files()]
    summaries = [n for n in names if n.startswith("agg_")]
    views = [n for n in names if n.startswith("v_")]
    assert summaries and set(summaries) | set(views) == set(names)
    assert max(names.index(n) for n in summaries) < min(names.index(n) for n in views)
    read = {n for v in views for n in summaries if n in (SQL_DIR / "views" / f"{v}.sql").read_text(encoding="utf-8")}
    assert read == set(summaries)  # every summary is read by a view
    with connect(db) as con:
        for f in view_files():
            run_sql_file(con, f)
        tables = dict(con.execute("SELECT table_name, comment FROM duckdb_tables() WHERE table_name LIKE 'agg\\_%' "
                                  "ESCAPE '\\'").fetchall())
        assert sorted(tables) == sorted(summaries)  # one table per file, named like it
        assert all(c.startswith("Summary table") for c in tables.values())
        undocumented = con.execute(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE table_name LIKE 'agg\\_%' ESCAPE '\\' "
            "AND comment IS NULL").fetchall()
        assert undocumented == []


def test_the_latest_pick_follows_the_documented_rule(tmp_path, db):
    load_day(tmp_path, db, [
        article("https://a.example/news-2026", [fact(28)], published="2026-11-01"),
        article("https://a.example/news-2026-later", [fact(29)], published="2026-11-10"),
        article("https://a.example/agency-2026", [fact(31)], published="2026-10-01", kind="agency"),
        article("https://a.example/news-2025", [fact(40, year=2025)], published="2026-11-18"),
        # a figure for one sentra never beats a figure for the whole city, even a later one
        article("https://a.example/sentra-2027", [fact(5, year=2027, sentra="sentra rajut")], [SENTRA]),
        article("https://a.example/bekasi", [fact(7, city=BEKASI)]),
    ])
    with connect(db, read_only=True) as con:
        latest = rows(con, "SELECT kemendagri_code, indicator_code, value, reference_year, article_url, source, "
                           "n_statements FROM v_city_indicator_latest ORDER BY kemendagri_code")
    assert latest == [
        {"kemendagri_code": BEKASI, "indicator_code": "jumlah_sentra", "value": 7.0, "reference_year": 2026,
         "article_url": "https://a.example/bekasi", "source": "uji", "n_statements": 1},
        {"kemendagri_code": BANDUNG, "indicator_code": "jumlah_sentra", "value": 31.0, "reference_year": 2026,
         "article_url": "https://a.example/agency-2026", "source": "uji", "n_statements": 5},  # agency over news
    ]


def test_conflicts_list_every_statement_of_groups_that_disagree(tmp_path, db):
    load_day(tmp_path, db, [
        article("https://a.example/1", [fact(28), fact(12, year=2025)]),
        article("https://a.example/2", [fact(30)], published="2026-11-05"),
        article("https://a.example/3", [fact(28, evidence="lagi 28"), fact(3, sentra="sentra rajut")], [SENTRA]),
        article("https://a.example/4", [fact(4, sentra="sentra rajut")], [SENTRA]),  # a sentra's own conflict
    ])
    with connect(db, read_only=True) as con:
        conflicts = rows(con, "SELECT * FROM v_indicator_conflicts")
    assert [(c["reference_year"], c["sentra_name"], c["n_values"], c["n_statements"], c["n_articles"],
             c["min_value"], c["max_value"]) for c in conflicts] == [
        (2026, None, 2, 3, 3, 28.0, 30.0),             # the whole city first (NULLS FIRST)...
        (2026, "sentra rajut", 2, 2, 2, 3.0, 4.0)]     # ...then the sentra; 2025 has one value: no conflict
    city = conflicts[0]
    assert city["kemendagri_code"] == BANDUNG and city["indicator_code"] == "jumlah_sentra"
    assert city["max_to_min_ratio"] == pytest.approx(30 / 28) and city["unit"] == "sentra"
    assert city["values_stated"] == "28.0 x2; 30.0 x1" and conflicts[1]["values_stated"] == "3.0 x1; 4.0 x1"
    assert "statements" not in city  # flat: no nested list for a BI tool to show as a blob
    with connect(db, read_only=True) as con:
        statements = rows(con, "SELECT * FROM v_indicator_conflict_statements WHERE kemendagri_code = ? "
                               "AND indicator_code = ? AND reference_year = ? AND sentra_key IS NULL",
                          BANDUNG, "jumlah_sentra", 2026)
        evidence_of = dict(con.execute("SELECT fact_key, evidence FROM fact_indicator").fetchall())
    nov = lambda d: datetime.date(2026, 11, d)  # noqa: E731
    # fact_key leads to the fact itself: each of these facts has its own sentence
    assert [(s["value"], s["unit"], s["article_url"], s["source_kind"], s["published_date"], evidence_of[s["fact_key"]])
            for s in statements] == [  # by value, then article
        (28.0, "sentra", "https://a.example/1", "news", nov(19), "jumlah_sentra 28 2026 32.73 None"),
        (28.0, "sentra", "https://a.example/3", "news", nov(19), "lagi 28"),
        (30.0, "sentra", "https://a.example/2", "news", nov(5), "jumlah_sentra 30 2026 32.73 None")]
    assert all(s["confidence"] == 0.9 for s in statements)


def test_conflict_statements_are_exactly_the_facts_of_each_disagreement(tmp_path, db):
    load_day(tmp_path, db, [
        article("https://a.example/1", [fact(28), fact(12, year=2025), fact(9, city=BEKASI),
                                        fact(100, indicator="tenaga_kerja"), fact(3, sentra="sentra rajut")],
                [SENTRA]),
        article("https://a.example/2", [fact(30), fact(12, year=2025), fact(11, city=BEKASI),
                                        fact(100, indicator="tenaga_kerja"), fact(4, sentra="sentra rajut")],
                [SENTRA], published="2026-11-05", kind="agency"),
        article("https://a.example/3", [fact(31), fact(13, city=BEKASI, evidence="Bekasi 13"),
                                        fact(120, indicator="tenaga_kerja", year=2024)]),
    ])
    with connect(db, read_only=True) as con:
        conflicts = rows(con, "SELECT kemendagri_code, indicator_code, reference_year, sentra_key, n_statements "
                              "FROM v_indicator_conflicts")
        statements = rows(con, "SELECT * FROM v_indicator_conflict_statements")
        # the facts of every group stated with two or more values, straight from the star
        expected = con.execute("""
            SELECT f.fact_key FROM fact_indicator AS f
            WHERE (f.city_key, f.indicator_key, f.reference_year, coalesce(f.sentra_key, -1)) IN (
                SELECT (city_key, indicator_key, reference_year, coalesce(sentra_key, -1)) FROM fact_indicator
                GROUP BY ALL HAVING count(DISTINCT value) > 1)""").fetchall()
        # a dashboard's drill-down: the statements of one disagreement, by a filter on the view
        # (with the sentence each value was read from, one join away)
        bekasi = con.execute("SELECT s.value, s.article_url, s.source_kind, f.evidence "
                             "FROM v_indicator_conflict_statements AS s JOIN fact_indicator AS f USING (fact_key) "
                             "WHERE s.kemendagri_code = ? AND s.indicator_code = 'jumlah_sentra' "
                             "AND s.reference_year = 2026 ORDER BY s.value", [BEKASI]).fetchall()
        view_columns = {r[0] for r in con.execute("SELECT column_name FROM duckdb_columns() "
                                                  "WHERE table_name = 'v_indicator_conflict_statements'").fetchall()}
    # Bandung 2026 city-wide (28/30/31), Bandung's sentra (3/4), Bekasi (9/11/13); not the agreeing 2025 and
    # tenaga_kerja groups, nor the lone 2024 figure
    assert [(c["kemendagri_code"], c["reference_year"], c["sentra_key"] is None, c["n_statements"])
            for c in conflicts] == [(BEKASI, 2026, True, 3), (BANDUNG, 2026, True, 3), (BANDUNG, 2026, False, 2)]
    key = lambda r: (r["kemendagri_code"], r["indicator_code"], r["reference_year"], r["sentra_key"])  # noqa: E731
    per_dispute = {}
    for s in statements:
        per_dispute[key(s)] = per_dispute.get(key(s), 0) + 1
    assert per_dispute == {key(c): c["n_statements"] for c in conflicts}
    assert sorted(s["fact_key"] for s in statements) == sorted(k for (k,) in expected) and len(expected) == 8
    # stored and read in the order of v_indicator_conflicts, then by value within each disagreement
    order = [key(c) for c in conflicts]
    assert [(order.index(key(s)), s["value"]) for s in statements] == sorted(
        (order.index(key(s)), s["value"]) for s in statements)
    assert bekasi == [(9.0, "https://a.example/1", "news", "jumlah_sentra 9 2026 32.16 None"),
                      (11.0, "https://a.example/2", "agency", "jumlah_sentra 11 2026 32.16 None"),
                      (13.0, "https://a.example/3", "news", "Bekasi 13")]
    assert not any(isinstance(s[c], (list, dict)) for s in statements for c in s)
    assert view_columns == {"kemendagri_code", "indicator_code", "reference_year", "sentra_key", "value", "unit",
                            "article_url", "source_kind", "published_date", "confidence", "fact_key"}


def test_coverage_months_and_provinces_count_the_facts(tmp_path, db):
    load_day(tmp_path, db, [
        article("https://a.example/1", [fact(28), fact(100, indicator="tenaga_kerja"),
                                        fact(9, indicator="jumlah_ikm", city=BEKASI)], [SENTRA]),
        article("https://a.example/2", [fact(30, year=2025), fact(50, indicator="tenaga_kerja", year=2025)],
                published="2026-10-02"),
        article("https://a.example/3", [dict(fact(5000, indicator="tenaga_kerja"), city_code=None,
                                             province_code="32")]),  # the province as a whole
    ])
    with connect(db, read_only=True) as con:
        cover = {r["kemendagri_code"]: r for r in rows(con, "SELECT * FROM v_coverage_by_city")}
        months = rows(con, "SELECT year, month, month_name_id, indicator_code, n_facts, n_cities, n_articles, "
                           "median_value FROM v_indicator_by_month ORDER BY year, month, indicator_code")
        province = rows(con, "SELECT * FROM v_province_summary WHERE province_code = '32'")
    assert len(cover) == 514
    assert {k: cover[BANDUNG][k] for k in ("n_articles", "n_facts", "n_indicators", "n_sentra", "last_fact_date")} == {
        "n_articles": 2, "n_facts": 4, "n_indicators": 2, "n_sentra": 1, "last_fact_date": datetime.date(2026, 11, 19)}
    assert (cover[BEKASI]["n_facts"], cover[BEKASI]["n_sentra"]) == (1, 0)
    assert {k: cover["11.01"][k] for k in ("n_articles", "n_facts", "n_indicators", "n_sentra", "last_fact_date")} == {
        "n_articles": 0, "n_facts": 0, "n_indicators": 0, "n_sentra": 0, "last_fact_date": None}
    assert months == [
        {"year": 2026, "month": 10, "month_name_id": "Oktober", "indicator_code": "jumlah_sentra", "n_facts": 1,
         "n_cities": 1, "n_articles": 1, "median_value": 30.0},
        {"year": 2026, "month": 10, "month_name_id": "Oktober", "indicator_code": "tenaga_kerja", "n_facts": 1,
         "n_cities": 1, "n_articles": 1, "median_value": 50.0},
        {"year": 2026, "month": 11, "month_name_id": "November", "indicator_code": "jumlah_ikm", "n_facts": 1,
         "n_cities": 1, "n_articles": 1, "median_value": 9.0},
        {"year": 2026, "month": 11, "month_name_id": "November", "indicator_code": "jumlah_sentra", "n_facts": 1,
         "n_cities": 1, "n_articles": 1, "median_value": 28.0},
        {"year": 2026, "month": 11, "month_name_id": "November", "indicator_code": "tenaga_kerja", "n_facts": 2,
         "n_cities": 1, "n_articles": 2, "median_value": 2550.0},  # one is province-wide: one city
    ]
    assert province == [{"province_code": "32", "province_name": "Jawa Barat", "n_cities_covered": 2,
                         "n_cities": 27, "n_facts": 5, "n_sentra": 1,
                         "tenaga_kerja_sum": 100.0,  # Bandung's latest (2026); the province-wide 5000 is apart
                         "jumlah_ikm_sum": 9.0, "n_province_wide_facts": 1}]


def test_views_show_new_facts_once_sql_views_has_run_again(tmp_path, db):
    first = [article("https://a.example/1", [fact(28)])]
    load_day(tmp_path, db, first)
    with connect(db, read_only=True) as con:
        assert con.execute("SELECT value, n_statements FROM v_city_indicator_latest").fetchall() == [(28.0, 1)]
        assert con.execute("SELECT count(*) FROM v_indicator_conflicts").fetchone()[0] == 0
        assert con.execute("SELECT n_facts FROM v_coverage_by_city WHERE kemendagri_code = ?", [BANDUNG]
                           ).fetchone()[0] == 1

    # the next day: load_day loads the facts, then runs view_files() as the bi_views asset does
    load_day(tmp_path, db, first + [article("https://a.example/2", [fact(35), fact(8, city=BEKASI)],
                                            published="2026-11-20")], day="2026-11-21")
    with connect(db, read_only=True) as con:
        assert con.execute("SELECT kemendagri_code, value, n_statements FROM v_city_indicator_latest "
                           "ORDER BY 1").fetchall() == [(BEKASI, 8.0, 1), (BANDUNG, 35.0, 2)]
        assert con.execute("SELECT values_stated FROM v_indicator_conflicts").fetchall() == [("28.0 x1; 35.0 x1",)]
        assert con.execute("SELECT value, article_url FROM v_indicator_conflict_statements").fetchall() == [
            (28.0, "https://a.example/1"), (35.0, "https://a.example/2")]
        assert con.execute("SELECT sum(n_facts) FROM v_coverage_by_city").fetchone()[0] == 3
        assert con.execute("SELECT sum(n_facts) FROM v_indicator_by_month").fetchone()[0] == 3
        assert con.execute("SELECT n_facts, n_cities_covered FROM v_province_summary WHERE province_code = '32'"
                           ).fetchone() == (3, 2)
        # every summary holds exactly what its source tables give now
        assert con.execute("SELECT sum(n_facts) FROM agg_city_facts").fetchone()[0] == \
            con.execute("SELECT count(*) FROM fact_indicator WHERE city_key IS NOT NULL").fetchone()[0]
