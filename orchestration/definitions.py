"""The Dagster code location: assets, checks, the daily job and its 06:00 Asia/Jakarta schedule."""
from __future__ import annotations

import os

import dagster as dg

from assets import articles as articles_module
from assets import ingestion, warehouse_tables
from orchestration.checks import fact_checks
from orchestration.resources import SentraSettings, WarehouseResource

all_assets = dg.load_assets_from_modules([ingestion, articles_module, warehouse_tables])

daily_job = dg.define_asset_job(
    name="daily_refresh",
    selection=dg.AssetSelection.all(),
    description="Crawl the sources, read the articles and refresh the warehouse for one day.",
    tags={"dagster/max_retries": "2", "dagster/retry_strategy": "FROM_FAILURE"},
)

daily_schedule = dg.build_schedule_from_partitioned_job(
    daily_job, hour_of_day=6, minute_of_hour=0, name="daily_refresh_schedule",
    description="Every day at 06:00 Asia/Jakarta, fill the previous day.",
)


def make_resources(data_dir: str = "data", sources_file: str | None = None,
                   warehouse_file: str | None = None, polite: bool = True) -> dict:
    return {
        "settings": SentraSettings(data_dir=data_dir, sources_file=sources_file, polite=polite),
        "warehouse": WarehouseResource(database=os.path.join(data_dir, "work", "warehouse.duckdb"),
                                       published_database=warehouse_file or os.path.join(data_dir, "warehouse.duckdb")),
    }


def make_definitions(resources: dict) -> dg.Definitions:
    return dg.Definitions(assets=all_assets, asset_checks=fact_checks, jobs=[daily_job],
                          schedules=[daily_schedule], resources=resources)


# What `dg dev` and `dg launch` load. SENTRA_DATA_DIR, SENTRA_SOURCES and SENTRA_WAREHOUSE point it elsewhere.
defs = make_definitions(make_resources(
    data_dir=os.environ.get("SENTRA_DATA_DIR", "data"),
    sources_file=os.environ.get("SENTRA_SOURCES") or None,
    warehouse_file=os.environ.get("SENTRA_WAREHOUSE") or None,
))
