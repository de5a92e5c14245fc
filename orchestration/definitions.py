"""The Dagster code location: assets, checks, the daily job, its 06:00 Asia/Jakarta schedule and the run
failure sensor. Importing this module opens no DuckDB connection (resources connect inside steps)."""
from __future__ import annotations

import dagster as dg

from assets import articles as articles_module
from assets import corrections, ingestion, warehouse_tables
from assets.resources import resources_for
from orchestration.checks import CheckSettings, all_checks, fact_checks  # noqa: F401  (fact_checks: blocking)
from orchestration.sensors import make_failure_sensor
from warehouse.settings import Settings

all_assets = dg.load_assets_from_modules([ingestion, articles_module, warehouse_tables, corrections])

daily_job = dg.define_asset_job(
    name="daily_refresh",
    selection=dg.AssetSelection.all(),
    description="Crawl the sources, read the articles and refresh the warehouse for one day.",
    # A failed run is started again from the failed step, at most twice (run_retries in .dagster/dagster.yaml).
    tags={"dagster/max_retries": "2", "dagster/retry_strategy": "FROM_FAILURE"},
)

reprocess_job = dg.define_asset_job(
    name="reprocess",
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets("raw_pages"),
    description="Re-read a day from its raw WARC archive with the current extractor, without the network.",
)

daily_schedule = dg.build_schedule_from_partitioned_job(
    daily_job, hour_of_day=6, minute_of_hour=0, name="daily_refresh_schedule",
    description="Every day at 06:00 Asia/Jakarta, fill the previous day.",
    default_status=dg.DefaultScheduleStatus.STOPPED,
)

failure_sensor = make_failure_sensor(
    name for a in all_assets for key in getattr(a, "keys", ()) for name in [key.path[-1]])


def make_resources(data_dir: str | None = None, sources_file: str | None = None,
                   warehouse_file: str | None = None, polite: bool = True,
                   check_settings: CheckSettings | None = None, sample_port: int | None = None,
                   settings: Settings | None = None) -> dict:
    """Every resource of the code location: `settings` (default: the environment, warehouse/settings.py)
    with the arguments given here overriding it, as the command line's flags do."""
    settings = settings or Settings.from_env(data_dir=data_dir, sources_file=sources_file,
                                             warehouse_file=warehouse_file)
    return {**resources_for(settings, polite=polite, sample_port=sample_port),
            "check_settings": check_settings or CheckSettings.from_settings(settings)}


def make_definitions(resources: dict) -> dg.Definitions:
    if "check_settings" not in resources:  # callers may leave it out
        resources = {**resources, "check_settings": CheckSettings.from_settings(Settings.from_env())}
    # In-process: the steps form one chain, and a run with one process per step spends most of its time
    # importing the reader again in every process (a minute instead of ~10 s on the sample site). The
    # duckdb_writer pool still holds across runs.
    return dg.Definitions(assets=all_assets, asset_checks=all_checks, jobs=[daily_job, reprocess_job],
                          schedules=[daily_schedule], sensors=[failure_sensor], resources=resources,
                          executor=dg.in_process_executor)


# What `dg dev` and `dg launch` load: the settings of the environment (SENTRA_DATA_DIR, SENTRA_SOURCES,
# SENTRA_WAREHOUSE... see warehouse/settings.py), as `sentra run` reads them.
defs = make_definitions(make_resources())
