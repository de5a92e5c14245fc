"""Conflicting values (v_indicator_conflicts, v_indicator_conflict_statements, the rule of v_city_indicator_latest)
and analysts' corrections."""
import hashlib
import textwrap

import dagster as dg
import pytest

from tests.test_warehouse_db import FACT, SENTRA, extraction, load_day
from warehouse import rows as wr
from warehouse.corrections import apply_corrections, read_corrections
from warehouse.db import connect
from warehouse.settings import Settings

A1, A2, A3 = "https://a.example/1", "https://b.example/2", "https://dinas.example/3"


def ikm(value, evidence, **kw):
    return dict(FACT, indicator="jumlah_ikm", unit="unit", value=value, evidence=evidence, **kw)


def agency(record):
    record["source_kind"] = "agency"
    return record


def latest(con, indicator="jumlah_ikm"):
    return con.execute("SELECT value, article_url FROM v_city_indicator_latest WHERE indicator_code = ?",
                       [indicator]).fetchone()


def test_conflicts_list_every_value_with_its_article(tmp_path, db):
    load_day(tmp_path, db, [
        extraction(A1, [ikm(100, "Ada 100 IKM."), ikm(40, "Sentra rajut punya 40 IKM.", sentra="sentra rajut")],
                   [SENTRA]),
        extraction(A2, [ikm(120, "Kini 120 IKM.")]),
        extraction(A3, [ikm(100, "Tercatat 100 IKM."), ikm(90, "Tahun lalu 90 IKM.", year=2025)]),
    ])
    with connect(db, read_only=True) as con:
        rows = con.execute("SELECT kemendagri_code, indicator_code, reference_year, sentra_name, n_values, "
                           "n_statements, n_articles, min_value, max_value, values_stated "
                           "FROM v_indicator_conflicts").fetchall()
        statements = con.execute("SELECT s.kemendagri_code, s.indicator_code, s.reference_year, s.sentra_key, "
                                 "s.value, s.article_url, f.evidence FROM v_indicator_conflict_statements AS s "
                                 "JOIN fact_indicator AS f USING (fact_key)").fetchall()
    assert len(rows) == 1  # the sentra's own figure and the 2025 figure compete with nothing
    code, indicator, year, sentra, n_values, n_statements, n_articles, lo, hi, text = rows[0]
    assert (code, indicator, year, sentra, n_values, n_statements, n_articles, lo, hi) == (
        "32.73", "jumlah_ikm", 2026, None, 2, 3, 3, 100.0, 120.0)
    assert text == "100.0 x2; 120.0 x1"  # each distinct value once, with how many facts state it
    # the same three statements, one row each, with the sentence each came from (by fact_key); nothing else
    assert sorted(statements) == [("32.73", "jumlah_ikm", 2026, None, 100.0, A1, "Ada 100 IKM."),
                                  ("32.73", "jumlah_ikm", 2026, None, 100.0, A3, "Tercatat 100 IKM."),
                                  ("32.73", "jumlah_ikm", 2026, None, 120.0, A2, "Kini 120 IKM.")]


def test_latest_follows_the_documented_rule(tmp_path, db):
    # news published later beats news published earlier
    load_day(tmp_path, db, [extraction(A1, [ikm(100, "a")], published="2026-01-05"),
                            extraction(A2, [ikm(120, "b")], published="2026-03-01")])
    with connect(db, read_only=True) as con:
        assert latest(con) == (120.0, A2)
    # an agency page beats a later news article
    load_day(tmp_path, db, [extraction(A1, [ikm(100, "a")], published="2026-01-05"),
                            extraction(A2, [ikm(120, "b")], published="2026-03-01"),
                            agency(extraction(A3, [ikm(110, "c")], published="2025-12-01"))])
    with connect(db, read_only=True) as con:
        assert latest(con) == (110.0, A3)
    # same kind, same day: the exact figure (higher confidence) beats 'sekitar 130'
    load_day(tmp_path, db, [extraction(A1, [ikm(130, "sekitar 130", confidence=0.8)], published="2026-03-01"),
                            extraction(A2, [ikm(125, "tepat 125", confidence=0.9)], published="2026-03-01")])
    with connect(db, read_only=True) as con:
        assert latest(con) == (125.0, A2)
    # a figure for the whole city beats a newer figure for one of its sentra; a later year beats both
    load_day(tmp_path, db, [extraction(A1, [ikm(100, "a")], published="2026-01-05"),
                            extraction(A2, [ikm(40, "b", sentra="sentra rajut")], [SENTRA], published="2026-03-01")])
    with connect(db, read_only=True) as con:
        assert latest(con) == (100.0, A1)


def write(path, text):
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def facts(con):
    return sorted(con.execute("SELECT a.url, f.value, f.reference_year, f.sentra_key FROM fact_indicator f "
                              "JOIN dim_article a USING (article_key)").fetchall())


BATIK = {"city_code": "32.73", "name": "sentra batik", "commodity": "batik", "commodity_group": "sandang",
         "location": None, "status": "existing"}
BATIK_KEY = wr.sentra_key("32.73", "batik", None)
RAJUT_KEY = wr.sentra_key("32.73", "rajut", None)


@pytest.fixture
def loaded(tmp_path, db):
    load_day(tmp_path, db, [
        extraction(A1, [ikm(100, "Ada 100 IKM."), ikm(7, "Sentra batik punya 7 IKM.", sentra="sentra batik")],
                   [SENTRA, BATIK]),
        extraction(A2, [ikm(1200, "Kini 1200 IKM.")]),
    ])
    return db


CORRECTIONS = f"""
    # analysts' notes stay as written
    corrections:
      - id: typo-1200
        action: fix_fact
        fact: {{article_url: "{A2}", indicator: jumlah_ikm, value: 1200}}
        set: {{value: 120, reference_year: 2025}}
        reason: typo
      - id: drop-100
        action: reject_fact
        fact: {{fact_key: {wr.stable_key("fact", wr.stable_key("article", A1), "jumlah_ikm", 100.0, "32.73", "Ada 100 IKM.")}}}
      - id: batik-is-rajut
        action: merge_sentra
        from: {{city_code: '32.73', commodity: Sentra Batik}}
        into: {{city_code: '32.73', commodity: rajut}}
      - id: rajut-commodity
        action: set_commodity
        sentra: {{sentra_key: {RAJUT_KEY}}}
        commodity: rajut dan sulam
        commodity_group: sandang
      - id: gone
        action: reject_fact
        fact: {{article_url: "{A2}", indicator: jumlah_ikm, value: 999}}
      - id: no-such-city
        action: fix_fact
        fact: {{article_url: "{A2}", indicator: jumlah_ikm, value: 1200}}
        set: {{city_code: '99.99'}}
      - id: broken
        action: fix_fact
        fact: {{article_url: "{A2}", indicator: jumlah_ikm}}
        set: {{value: 1}}
    """


def test_corrections_are_applied_logged_and_idempotent(tmp_path, loaded):
    path = write(tmp_path / "corrections.yaml", CORRECTIONS)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with connect(loaded) as con:
        original = facts(con)
        summary = apply_corrections(con, path)
        once = facts(con), con.execute("SELECT * FROM dim_sentra ORDER BY sentra_key").fetchall()
        apply_corrections(con, path)
        twice = facts(con), con.execute("SELECT * FROM dim_sentra ORDER BY sentra_key").fetchall()
        log = {r[0]: r[1:] for r in con.execute(
            "SELECT correction_id, status, n_matched FROM correction_log").fetchall()}
        sentra = con.execute("SELECT sentra_key, commodity, n_articles FROM dim_sentra").fetchall()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before  # the file is never rewritten
    assert once == twice
    assert (summary["applied"], summary["unmatched"], summary["invalid"]) == (4, 2, 1)
    assert log == {"typo-1200": ("applied", 1), "drop-100": ("applied", 1), "batik-is-rajut": ("applied", 1),
                   "rajut-commodity": ("applied", 1), "gone": ("unmatched", 0), "broken": ("invalid", 0),
                   "no-such-city": ("unmatched", 0)}
    assert len(original) == 3
    assert once[0] == [(A1, 7.0, 2026, RAJUT_KEY), (A2, 120.0, 2025, None)]
    assert sentra == [(RAJUT_KEY, "rajut dan sulam", 1)]


def test_a_correction_taken_out_is_undone(tmp_path, loaded):
    path = write(tmp_path / "corrections.yaml", CORRECTIONS)
    with connect(loaded) as con:
        original = facts(con), con.execute("SELECT * FROM dim_sentra ORDER BY sentra_key").fetchall()
        apply_corrections(con, path)
        apply_corrections(con, write(tmp_path / "none.yaml", "corrections: []\n"))
        assert (facts(con), con.execute("SELECT * FROM dim_sentra ORDER BY sentra_key").fetchall()) == original
        assert con.execute("SELECT count(*) FROM correction_log").fetchone()[0] == 0


def test_a_reloaded_day_is_corrected_again(tmp_path, loaded):
    path = write(tmp_path / "corrections.yaml", CORRECTIONS)
    with connect(loaded) as con:
        apply_corrections(con, path)
        once = facts(con)
    load_day(tmp_path, loaded, [  # the same day loaded again: facts come back as read
        extraction(A1, [ikm(100, "Ada 100 IKM."), ikm(7, "Sentra batik punya 7 IKM.", sentra="sentra batik")],
                   [SENTRA, BATIK]),
        extraction(A2, [ikm(1200, "Kini 1200 IKM.")])])
    with connect(loaded) as con:
        assert len(facts(con)) == 3
        apply_corrections(con, path)
        assert facts(con) == once


def test_invalid_entries_are_reported_not_fatal(tmp_path):
    rows, invalid = read_corrections(write(tmp_path / "c.yaml", """
        corrections:
          - {id: a, action: delete_everything}
          - {action: reject_fact, fact: {fact_key: 1}}
          - {id: b, action: fix_fact, fact: {fact_key: 1}, set: {value: -3}}
          - {id: c, action: set_commodity, sentra: {city_code: '3273', commodity: x}, commodity: y}
          - {id: d, action: reject_fact, fact: {fact_key: 1}}
          - {id: d, action: reject_fact, fact: {fact_key: 2}}
        """))
    assert [r["correction_id"] for r in rows] == ["d"]
    assert [i["correction_id"] for i in invalid] == ["a", "#2", "b", "c", "d"]
    assert read_corrections(tmp_path / "missing.yaml") == ([], [])


def test_the_repo_corrections_file_reads():
    rows, invalid = read_corrections(Settings().corrections)
    assert invalid == [] and rows


def test_asset_reports_unmatched_in_metadata(tmp_path, loaded, monkeypatch):
    from assets.corrections import corrections_applied
    from assets.resources import WarehouseResource

    monkeypatch.setenv("SENTRA_CORRECTIONS", str(write(tmp_path / "corrections.yaml", CORRECTIONS)))
    result = dg.materialize([corrections_applied], partition_key="2026-11-20",
                            resources={"warehouse": WarehouseResource(database=str(loaded))})
    assert result.success
    (event,) = result.asset_materializations_for_node("corrections_applied")
    meta = {k: v.value for k, v in event.metadata.items()}
    assert (meta["applied"], meta["unmatched"], meta["invalid"], meta["unmatched_ids"]) == (
        4, 2, 1, "gone, no-such-city")


@pytest.mark.slow
def test_the_daily_job_applies_corrections_before_publishing(tmp_path, monkeypatch):
    """The sample site through the daily job with corrections_applied in it: the published file has them."""
    from assets.corrections import corrections_applied
    from orchestration import definitions

    monkeypatch.setenv("SENTRA_CORRECTIONS", str(write(tmp_path / "corrections.yaml", """
        corrections:
          - id: mulyoharjo
            action: merge_sentra
            from: {city_code: '33.20', commodity: Patung dan Ukir Mulyoharjo}
            into: {city_code: '33.20', commodity: Patung dan ukiran kayu}
          - id: nothing-here
            action: reject_fact
            fact: {article_url: "https://nowhere.example/x", indicator: jumlah_ikm, value: 1}
        """)))
    assets = list(definitions.all_assets)
    if not any("corrections_applied" in [k.path[-1] for k in getattr(a, "keys", ())] for a in assets):
        assets.append(corrections_applied)  # until orchestration/definitions.py registers assets.corrections
    defs = dg.Definitions(assets=assets, asset_checks=definitions.fact_checks, jobs=[definitions.daily_job],
                          resources=definitions.make_resources(data_dir=str(tmp_path / "data")))
    with dg.DagsterInstance.ephemeral() as instance:
        result = defs.resolve_job_def("daily_refresh").execute_in_process(
            partition_key="2026-11-22", instance=instance, raise_on_error=False)
    assert result.success
    (event,) = result.asset_materializations_for_node("corrections_applied")
    assert event.metadata["unmatched_ids"].value == "nothing-here"
    with connect(tmp_path / "data" / "warehouse.duckdb", read_only=True) as con:
        log = dict(con.execute("SELECT correction_id, status FROM correction_log").fetchall())
        merged = con.execute("SELECT count(*) FROM dim_sentra WHERE sentra_key = ?",
                             [wr.sentra_key("33.20", "Patung dan Ukir Mulyoharjo", None)]).fetchone()[0]
        documented = con.execute("SELECT comment FROM duckdb_tables() WHERE table_name = 'fact_indicator'"
                                 ).fetchone()[0]
    if log.get("mulyoharjo") == "applied":  # the extractor still reads the sample page that way
        assert merged == 0
    assert log["nothing-here"] == "unmatched"
    assert documented  # sql/comments.sql reached the published file


def test_merge_chains_resolve_and_cycles_are_invalid(tmp_path):
    rows, invalid = read_corrections(write(tmp_path / "c.yaml", """
        corrections:
          - {id: a-b, action: merge_sentra, from: {sentra_key: 1}, into: {sentra_key: 2}}
          - {id: b-c, action: merge_sentra, from: {sentra_key: 2}, into: {sentra_key: 3}}
          - {id: c-a, action: merge_sentra, from: {sentra_key: 3}, into: {sentra_key: 1}}
          - {id: a-d, action: merge_sentra, from: {sentra_key: 1}, into: {sentra_key: 4}}
        """))
    assert [(r["correction_id"], r["sentra_key"], r["into_sentra_key"]) for r in rows] == [
        ("a-b", 1, 3), ("b-c", 2, 3)]
    assert {i["correction_id"]: i["message"] for i in invalid} == {
        "c-a": "merging would go round in a circle", "a-d": "this sentra is already merged by a-b"}
