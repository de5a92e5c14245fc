"""The Dagster code location: assets, checks, the daily job, its 06:00 Asia/Jakarta schedule and the run
failure sensor. Importing this module opens no DuckDB connection (resources connect inside steps)."""
from __future__ import annotations

import os

import dagster as dg

from assets import articles as articles_module
from assets import corrections, ingestion, warehouse_tables
from orchestration.checks import CheckSettings, all_checks, fact_checks  # noqa: F401  (fact_checks: blocking)
from orchestration.resources import SentraSettings, WarehouseResource
from orchestration.sensors import make_failure_sensor

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


def _env_number(name: str, default, kind=int):
    value = os.environ.get(name)
    return kind(value) if value not in (None, "") else default


def check_settings_from_env() -> CheckSettings:
    """Thresholds of the warning checks; each can be set in the environment."""
    defaults = CheckSettings()
    return CheckSettings(
        silent_source_days=_env_number("SENTRA_SILENT_SOURCE_DAYS", defaults.silent_source_days),
        facts_trailing_days=_env_number("SENTRA_FACTS_TRAILING_DAYS", defaults.facts_trailing_days),
        facts_min_days=_env_number("SENTRA_FACTS_MIN_DAYS", defaults.facts_min_days),
        facts_min_ratio=_env_number("SENTRA_FACTS_MIN_RATIO", defaults.facts_min_ratio, float),
        fetch_failure_max_share=_env_number("SENTRA_FETCH_FAILURE_MAX_SHARE", defaults.fetch_failure_max_share, float),
        fetch_failure_min_attempts=_env_number("SENTRA_FETCH_FAILURE_MIN_ATTEMPTS",
                                               defaults.fetch_failure_min_attempts),
    )


#: DuckDB's own default is 80% of the machine's memory, and it keeps what it read cached up to that: a
#: warehouse of millions of facts made the daily run grow with its history. Above the limit DuckDB
#: spills to a temporary folder next to the file.
DUCKDB_MEMORY_LIMIT = "512MB"


def duckdb_memory_limit() -> str:
    return os.environ.get("SENTRA_DUCKDB_MEMORY_LIMIT") or DUCKDB_MEMORY_LIMIT


def make_resources(data_dir: str = "data", sources_file: str | None = None,
                   warehouse_file: str | None = None, polite: bool = True,
                   check_settings: CheckSettings | None = None, sample_port: int | None = None) -> dict:
    return {
        "settings": SentraSettings(data_dir=data_dir, sources_file=sources_file, polite=polite,
                                   sample_port=sample_port),
        "warehouse": WarehouseResource(database=os.path.join(data_dir, "work", "warehouse.duckdb"),
                                       published_database=warehouse_file or os.path.join(data_dir, "warehouse.duckdb"),
                                       connection_config={"memory_limit": duckdb_memory_limit()}),
        "check_settings": check_settings or check_settings_from_env(),
    }


def make_definitions(resources: dict) -> dg.Definitions:
    resources = {"check_settings": check_settings_from_env(), **resources}  # callers may leave it out
    # In-process: the steps form one chain, and a run with one process per step spends most of its time
    # importing the reader again in every process (a minute instead of ~10 s on the sample site). The
    # duckdb_writer pool still holds across runs.
    return dg.Definitions(assets=all_assets, asset_checks=all_checks, jobs=[daily_job, reprocess_job],
                          schedules=[daily_schedule], sensors=[failure_sensor], resources=resources,
                          executor=dg.in_process_executor)


# What `dg dev` and `dg launch` load. SENTRA_DATA_DIR, SENTRA_SOURCES and SENTRA_WAREHOUSE point it elsewhere.
defs = make_definitions(make_resources(
    data_dir=os.environ.get("SENTRA_DATA_DIR", "data"),
    sources_file=os.environ.get("SENTRA_SOURCES") or None,
    warehouse_file=os.environ.get("SENTRA_WAREHOUSE") or None,
))
