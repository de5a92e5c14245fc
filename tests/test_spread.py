"""The spread job (raw_pages, articles and extractions as one step per source, assets.spread: what the Celery deployment runs) gives
the same warehouse as the in-process job, day after day: run here with the in-process executor (the
Celery run itself is `make distributed-check`)."""
from pathlib import Path

import dagster as dg
import pytest

from orchestration.definitions import make_definitions, make_resources
from assets.spread import spread_assets
from orchestration.deploy.compare import counts, differences
from tests.servers import free_port

DAYS = ["2026-11-21", "2026-11-22"]


def _run(defs: dg.Definitions, day: str, job: str = "daily_refresh") -> dg.ExecuteInProcessResult:
    result = defs.resolve_job_def(job).execute_in_process(partition_key=day, raise_on_error=False)
    assert result.success, [e.message for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
    return result


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    port = free_port()
    plain_dir, spread_dir = tmp_path_factory.mktemp("plain"), tmp_path_factory.mktemp("spread")
    plain = make_definitions(make_resources(data_dir=str(plain_dir), sample_port=port))
    spread = dg.Definitions(assets=spread_assets(), jobs=[
        dg.define_asset_job("daily_refresh", selection=dg.AssetSelection.all()),
        dg.define_asset_job("reprocess", selection=dg.AssetSelection.all() - dg.AssetSelection.assets("raw_pages"))],
        resources=make_resources(data_dir=str(spread_dir), sample_port=port), executor=dg.in_process_executor)
    out = {"plain": [], "spread": []}
    for day in DAYS:
        out["plain"].append(_run(plain, day))
        out["spread"].append(_run(spread, day))
    before = counts(str(spread_dir / "warehouse.duckdb"))
    out["reprocess"] = _run(spread, DAYS[0], "reprocess")  # re-read from the sources' archives
    out["after_reprocess"] = before, counts(str(spread_dir / "warehouse.duckdb"))
    return plain_dir, spread_dir, out


def test_spread_and_in_process_warehouses_hold_the_same_facts_and_keys(both):
    plain_dir, spread_dir, _ = both
    a, b = str(plain_dir / "warehouse.duckdb"), str(spread_dir / "warehouse.duckdb")
    assert counts(a)["fact_indicator"] > 50
    assert differences(a, b) == {}


def test_one_crawl_step_per_source(both):
    _, spread_dir, out = both
    steps = {e.step_key for e in out["spread"][0].all_events if e.event_type_value == "STEP_SUCCESS"}
    crawls = {s for s in steps if s.startswith("raw_pages.crawl_source_day[")}
    assert len(crawls) == 5  # the sample site's five sources
    reads = {s for s in steps if s.startswith("articles.read_source_day[")}
    assert len(reads) == 5
    assert len({s for s in steps if s.startswith("extractions.extract_source_day[")}) == 5
    meta = out["spread"][0].asset_materializations_for_node("raw_pages")[0].metadata
    plain_meta = out["plain"][0].asset_materializations_for_node("raw_pages")[0].metadata
    # "fetched" counts robots.txt too, which each source's step asks for once (the in-process run: once per host)
    for key in ("per_source_fetched_failed", "unchanged_by_sitemap", "robots_disallowed", "failed"):
        assert meta[key].value == plain_meta[key].value, key
    assert meta["fetched"].value == plain_meta["fetched"].value + 4
    # the second day: the sitemap's pages are left alone from each source's own crawl state
    day2 = out["spread"][1].asset_materializations_for_node("raw_pages")[0].metadata
    assert day2["unchanged_by_sitemap"].value > 0
    assert (Path(spread_dir) / "archive" / f"{DAYS[0]}.warc.gz").exists()
    arts = out["spread"][0].asset_materializations_for_node("articles")[0].metadata
    plain_arts = out["plain"][0].asset_materializations_for_node("articles")[0].metadata
    for key in ("articles", "duplicates_dropped", "pages_without_text"):
        assert arts[key].value == plain_arts[key].value, key
    ext = out["spread"][0].asset_materializations_for_node("extractions")[0].metadata
    plain_ext = out["plain"][0].asset_materializations_for_node("extractions")[0].metadata
    for key in ("articles", "relevant", "facts", "failures", "newest_facts"):
        assert ext[key].value == plain_ext[key].value, key
    assert (Path(spread_dir) / "lake" / DAYS[0] / "extractions.jsonl").read_bytes() == \
        (Path(both[0]) / "lake" / DAYS[0] / "extractions.jsonl").read_bytes()
    assert plain_arts["duplicates_dropped"].value >= 1  # the syndicated story, found across sources


def test_reprocess_fans_out_the_same_way_and_changes_nothing(both):
    plain_dir, spread_dir, out = both
    steps = {e.step_key for e in out["reprocess"].all_events if e.event_type_value == "STEP_SUCCESS"}
    assert len({s for s in steps if s.startswith("articles.read_source_day[")}) == 5
    assert not any(s.startswith("raw_pages") for s in steps)  # nothing fetched
    before, after = out["after_reprocess"]
    assert before == after
    assert differences(str(plain_dir / "warehouse.duckdb"), str(spread_dir / "warehouse.duckdb")) == {}
