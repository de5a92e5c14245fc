"""The code location of the Celery deployment (orchestration/deploy/dagster.yaml): the same assets,
checks, jobs, schedule and sensor as orchestration.definitions, with raw_pages, articles and extractions
spread into one step per source (assets.spread) and the Celery executor, so every step is a Celery task
that any worker takes.

Its settings are read where the code server and the workers run, by warehouse/settings.py like every
SENTRA_* variable: SENTRA_CELERY_BROKER (the broker and result backend; the workers use the same),
SENTRA_RATE_LIMIT_REDIS (the per-host rate limit every worker shares; default: the broker's Redis,
database 1), SENTRA_POLITE (0 only for benchmarks on our own server), and SENTRA_DATA_DIR, the storage
root every worker reads and writes (a shared filesystem), SENTRA_SOURCES, SENTRA_WAREHOUSE as for
orchestration.definitions. The warehouse steps keep the duckdb_writer pool (one writer at a time,
whichever worker takes them).
"""
import dataclasses

import dagster as dg
from dagster_celery import celery_executor

from assets.spread import spread_assets
from orchestration.checks import all_checks
from orchestration.definitions import daily_job, daily_schedule, failure_sensor, make_resources, reprocess_job
from warehouse.settings import Settings


def make_spread_definitions(resources: dict, broker: str) -> dg.Definitions:
    executor = celery_executor.configured({"broker": broker, "backend": broker})
    return dg.Definitions(assets=spread_assets(), asset_checks=all_checks, jobs=[daily_job, reprocess_job],
                          schedules=[daily_schedule], sensors=[failure_sensor], resources=resources,
                          executor=executor)


def broker_database(url: str, database: int) -> str:
    """The same Redis as `url`, another database: the limiter's keys stay apart from Celery's."""
    base, _, last = url.rstrip("/").rpartition("/")
    return f"{base}/{database}" if base.startswith("redis") and last.isdigit() else url


def spread_resources(settings: Settings) -> dict:
    limiter = settings.rate_limit_redis or broker_database(settings.celery_broker, 1)
    return make_resources(settings=dataclasses.replace(settings, rate_limit_redis=limiter),
                          polite=settings.polite)


_settings = Settings.from_env()
defs = make_spread_definitions(spread_resources(_settings), _settings.celery_broker)
