"""The asset checks, judged on real Dagster materializations of the warehouse assets over real DuckDB.

Each day is prepared as the crawl and the reader would leave it in the lake (fetch_log.jsonl,
extractions.jsonl), then the warehouse assets and their checks are materialized for that partition.
"""
from datetime import date, datetime, timedelta, timezone

import dagster as dg
import duckdb
import pytest

from assets import warehouse_tables
from warehouse.lake import Lake, write_jsonl
from orchestration.checks import CheckSettings, all_checks, query_rows
from orchestration.definitions import make_resources
from warehouse import rows as wr

pytestmark = pytest.mark.slow  # whole days through Dagster, or many pages: see tests/conftest.py

WAREHOUSE_ASSETS = [warehouse_tables.static_dimensions, warehouse_tables.fetch_log, warehouse_tables.dim_article,
                    warehouse_tables.dim_sentra, warehouse_tables.fact_indicator, warehouse_tables.bi_views,
                    warehouse_tables.published_warehouse]
DAYS = ["2026-11-18", "2026-11-19", "2026-11-20", "2026-11-21", "2026-11-22"]


def fact(value: int, day: str) -> dict:
    return {"city_code": "32.73", "province_code": "32", "indicator": "jumlah_ikm", "value": value,
            "unit": "unit", "period": None, "year": 2026, "sentra": None,
            "evidence": f"Pada {day} tercatat {value} IKM di Kota Bandung.", "confidence": 0.9}


def extraction(day: str, n: int, value: int | None = None) -> dict:
    url = f"https://kabar.example/berita/{day}"
    return {"article_key": wr.stable_key("article", url), "url": url, "fetched_url": url, "source": "kabar",
            "source_kind": "news", "crawl_date": day, "content_hash": url,
            "result": {"title": "t", "published": day, "relevant": True,
                       "cities": [{"code": "32.73", "name": "Kota Bandung", "province": "Jawa Barat"}],
                       "sentra": [], "facts": [fact(value or 100 + i, day) for i in range(n)]}}


def attempt(day: str, source: str, outcome: str = "ok", kind: str = "article", i: int = 0) -> dict:
    at = datetime.fromisoformat(day).replace(hour=1, tzinfo=timezone.utc) + timedelta(seconds=i)
    return {"url": f"https://{source}.example/{kind}/{day}/{i}", "source": source, "kind": kind,
            "http_status": 200 if outcome == "ok" else (None if outcome == "timeout" else 503),
            "outcome": outcome, "error": None if outcome == "ok" else f"{outcome} on purpose",
            "fetched_at": at.isoformat(), "elapsed_s": 0.1, "bytes": 100}


def materialize_day(data_dir, day: str, attempts: list[dict], records: list[dict],
                    settings: CheckSettings | None = None, publish: bool = True,
                    instance: dg.DagsterInstance | None = None) -> dg.ExecuteInProcessResult:
    """The warehouse assets and their checks for one day (static dimensions only the first time, and the
    views and publish only when asked, to keep the tests quick)."""
    lake = Lake(data_dir)
    write_jsonl(lake.file(day, "fetch_log.jsonl"), attempts)
    write_jsonl(lake.file(day, "extractions.jsonl"), records)
    resources = make_resources(data_dir=str(data_dir), check_settings=settings or CheckSettings())
    skip = set() if publish else {"bi_views", "published_warehouse"}
    if (data_dir / "work" / "warehouse.duckdb").exists():
        skip.add("static_dimensions")
    selection = dg.AssetSelection.assets(*(a.key for a in WAREHOUSE_ASSETS if a.key.path[-1] not in skip))
    return dg.materialize(WAREHOUSE_ASSETS + all_checks, partition_key=day, resources=resources, selection=selection,
                          instance=instance or dg.DagsterInstance.ephemeral(), raise_on_error=False)


def evaluations(result) -> dict[str, dg.AssetCheckEvaluation]:
    return {e.check_name: e for e in result.get_asset_check_evaluations()}


def healthy_attempts(day: str) -> list[dict]:
    return [attempt(day, "kabar", i=i) for i in range(6)] + [attempt(day, "kabar", kind="discovery", i=9)]


def test_a_healthy_day_passes_every_check(tmp_path):
    result = materialize_day(tmp_path, DAYS[0], healthy_attempts(DAYS[0]), [extraction(DAYS[0], 10)])
    assert result.success
    checks = evaluations(result)
    assert set(checks) == {"fact_city_in_dim_city", "no_duplicate_facts", "values_positive_and_plausible",
                           "star_references_resolve", "sources_not_silent", "facts_per_day_not_dropped",
                           "fetch_failure_share_low"}
    assert all(c.passed for c in checks.values()), {n: c.metadata for n, c in checks.items() if not c.passed}
    # the facts-drop check says what it compared, even with no history yet
    drop = checks["facts_per_day_not_dropped"].metadata
    assert drop["facts_on_day"].value == 10 and drop["trailing_days"].value == 0
    # per-materialization metadata of the fact table: counts, new vs updated, schema, preview
    fact_meta = next(e for e in result.asset_materializations_for_node("fact_indicator")).metadata
    assert fact_meta["dagster/row_count"].value == 10
    assert fact_meta["new_rows"].value == 10 and fact_meta["updated_rows"].value == 0
    assert "evidence" in {c.name for c in fact_meta["dagster/column_schema"].value.columns}
    assert "Kota Bandung" in fact_meta["newest_facts"].value

    # the same day again: the rows are replaced by equal rows, nothing new, nothing duplicated
    again = materialize_day(tmp_path, DAYS[0], healthy_attempts(DAYS[0]), [extraction(DAYS[0], 10)], publish=False)
    meta = next(e for e in again.asset_materializations_for_node("fact_indicator")).metadata
    assert (meta["new_rows"].value, meta["updated_rows"].value, meta["removed_rows"].value) == (0, 0, 0)
    assert meta["dagster/row_count"].value == 10
    assert evaluations(again)["no_duplicate_facts"].passed
    # one fact fewer and one changed: counted as removed and new (a fact's key includes its value)
    changed = extraction(DAYS[0], 10)
    changed["result"]["facts"] = changed["result"]["facts"][:8] + [dict(changed["result"]["facts"][8], value=999)]
    third = materialize_day(tmp_path, DAYS[0], healthy_attempts(DAYS[0]), [changed], publish=False)
    meta = next(e for e in third.asset_materializations_for_node("fact_indicator")).metadata
    assert (meta["new_rows"].value, meta["removed_rows"].value, meta["dagster/row_count"].value) == (1, 2, 9)
    article_meta = next(e for e in third.asset_materializations_for_node("dim_article")).metadata
    assert (article_meta["new_rows"].value, article_meta["updated_rows"].value) == (0, 1)  # n_facts changed


def test_a_sudden_drop_in_facts_warns_without_blocking(tmp_path):
    settings = CheckSettings(facts_min_days=2, facts_min_ratio=0.5)
    for day, n in ((DAYS[0], 10), (DAYS[1], 12)):
        assert materialize_day(tmp_path, day, healthy_attempts(day), [extraction(day, n)], settings, False).success
    normal = materialize_day(tmp_path, DAYS[2], healthy_attempts(DAYS[2]), [extraction(DAYS[2], 8)], settings, False)
    assert evaluations(normal)["facts_per_day_not_dropped"].passed

    result = materialize_day(tmp_path, DAYS[3], healthy_attempts(DAYS[3]), [extraction(DAYS[3], 2)], settings)
    assert result.success  # a warning never fails the run ...
    check = evaluations(result)["facts_per_day_not_dropped"]
    assert not check.passed and check.severity == dg.AssetCheckSeverity.WARN
    assert check.metadata["facts_on_day"].value == 2
    assert check.metadata["trailing_median"].value == 10.0 and check.metadata["trailing_days"].value == 3
    assert "below 0.5 x the median 10" in check.description
    # ... and the day is still published
    assert result.asset_materializations_for_node("published_warehouse")


def test_a_silent_source_warns_after_n_days(tmp_path):
    settings = CheckSettings(silent_source_days=2)
    for i, day in enumerate(DAYS[:3]):
        # 'sepi' answers its sitemap every day but only the first day's articles came back
        sepi = [attempt(day, "sepi", kind="discovery", i=50)] + (
            [attempt(day, "sepi", i=51)] if i == 0 else [attempt(day, "sepi", "http_error", i=51)])
        result = materialize_day(tmp_path, day, healthy_attempts(day) + sepi, [extraction(day, 10)], settings,
                                 publish=False)
        check = evaluations(result)["sources_not_silent"]
        assert result.success
        if i < 2:
            assert check.passed, (day, check.metadata)
    assert not check.passed and check.severity == dg.AssetCheckSeverity.WARN
    assert check.metadata["silent_sources"].value == 1
    assert "sepi" in check.metadata["sources"].value and "kabar" not in check.metadata["sources"].value
    assert "sepi" in check.description
    assert "| sepi | 2026-11-18 | 2026-11-18 | 2 | 2 |" in check.metadata["sources"].value


def test_many_failed_fetches_of_a_source_warn(tmp_path):
    day = DAYS[0]
    flaky = [attempt(day, "goyah", "timeout", i=i) for i in range(4)] + [attempt(day, "goyah", i=9)]
    result = materialize_day(tmp_path, day, healthy_attempts(day) + flaky, [extraction(day, 10)], publish=False)
    assert result.success
    check = evaluations(result)["fetch_failure_share_low"]
    assert not check.passed and check.severity == dg.AssetCheckSeverity.WARN
    assert check.metadata["sources_over"].value == 1
    assert "goyah" in check.metadata["sources"].value and "timeout" in check.metadata["sources"].value


def test_an_implausible_value_blocks_the_publish(tmp_path):
    day = DAYS[0]
    result = materialize_day(tmp_path, day, healthy_attempts(day), [extraction(day, 1, value=10 ** 13)])
    assert not result.success
    check = evaluations(result)["values_positive_and_plausible"]
    assert not check.passed and check.severity == dg.AssetCheckSeverity.ERROR
    assert check.metadata["violations"].value == 1
    assert not result.asset_materializations_for_node("published_warehouse")
    assert not (tmp_path / "warehouse.duckdb").exists()


def test_check_sql_takes_parameters_by_name(tmp_path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        from warehouse.db import run_sql_file
        run_sql_file(con, "schema.sql")
        columns, rows = query_rows(con, "facts_per_day_drop.sql", day=date(2026, 11, 22).isoformat(),
                                   trailing_days=7, min_days=3, min_ratio=0.5, unused="ignored")
        assert columns[-1] == "dropped" and rows == [(0, None, 0, None, False)]
        with pytest.raises(ValueError, match=r"\$silent_days"):
            query_rows(con, "silent_sources.sql", day="2026-11-22")


def test_the_daily_job_on_the_sample_site_passes_its_checks_and_reports_what_it_did(tmp_path):
    """The whole daily job (crawl of the bundled sample site included), as the schedule would run it."""
    from orchestration.definitions import make_definitions

    job = make_definitions(make_resources(data_dir=str(tmp_path))).resolve_job_def("daily_refresh")
    result = job.execute_in_process(partition_key=DAYS[-1], instance=dg.DagsterInstance.ephemeral(),
                                    raise_on_error=False)
    assert result.success
    failed = {e.check_name: e.metadata for e in result.get_asset_check_evaluations() if not e.passed}
    assert not failed, failed

    def meta(asset):
        return {k: v.value for k, v in next(iter(result.asset_materializations_for_node(asset))).metadata.items()}

    raw = meta("raw_pages")
    per_source = raw["per_source_fetched_failed"]
    assert len(per_source) >= 3 and all(c["fetched"] > 0 for c in per_source.values())
    assert sum(c["fetched"] for c in per_source.values()) <= raw["fetched"]
    assert raw["sources_with_failures"] == 0
    ext = meta("extractions")
    assert 0 < ext["share_relevant_with_city"] <= 1 and 0 < ext["share_relevant_with_fact"] <= 1
    facts = meta("fact_indicator")
    assert facts["new_rows"] == facts["dagster/row_count"] > 0 and facts["updated_rows"] == 0
    assert {c.name for c in facts["dagster/column_schema"].columns} >= {"fact_key", "city_key", "evidence"}
    assert facts["newest_facts"].count("\n") >= 3
