"""The code location of the Celery deployment (orchestration/deploy/dagster.yaml): the same assets,
checks, jobs, schedule and sensor as orchestration.definitions, with raw_pages spread into one step per
source (assets.spread) and the Celery executor, so every step is a Celery task that any worker takes.

Read from the environment where the code server and the workers run:
  SENTRA_CELERY_BROKER     the broker, e.g. redis://127.0.0.1:6379/0 (the workers must use the same)
  SENTRA_CELERY_BACKEND    the result backend (default: the broker)
  SENTRA_RATE_LIMIT_REDIS  the per-host rate limit shared by every worker (default: the broker)
  SENTRA_POLITE            0 turns robots.txt and rate limits off (benchmarks on our own server only)
  SENTRA_DATA_DIR, SENTRA_SOURCES, SENTRA_WAREHOUSE  as for orchestration.definitions; SENTRA_DATA_DIR is
                           the storage root every worker reads and writes (a shared filesystem)
The warehouse steps keep the duckdb_writer pool (one writer at a time, whichever worker takes them).
"""
import os

import dagster as dg
from dagster_celery import celery_executor

from assets.spread import spread_assets
from orchestration.checks import all_checks
from orchestration.definitions import daily_job, daily_schedule, failure_sensor, make_resources, reprocess_job
from orchestration.resources import SentraSettings


def make_spread_definitions(resources: dict, broker: str, backend: str | None = None) -> dg.Definitions:
    executor = celery_executor.configured({"broker": broker, "backend": backend or broker})
    return dg.Definitions(assets=spread_assets(), asset_checks=all_checks, jobs=[daily_job, reprocess_job],
                          schedules=[daily_schedule], sensors=[failure_sensor], resources=resources,
                          executor=executor)


_broker = os.environ.get("SENTRA_CELERY_BROKER", "redis://127.0.0.1:6379/0")
_resources = make_resources(
    data_dir=os.environ.get("SENTRA_DATA_DIR", "data"),
    sources_file=os.environ.get("SENTRA_SOURCES") or None,
    warehouse_file=os.environ.get("SENTRA_WAREHOUSE") or None,
)
# a new resource, not model_copy(update=...): Dagster builds a resource for a step from the config it was
# constructed with, so an attribute changed afterwards never reaches the step
_settings = _resources["settings"]
_resources["settings"] = SentraSettings(
    data_dir=_settings.data_dir, sources_file=_settings.sources_file,
    polite=os.environ.get("SENTRA_POLITE", "1") != "0",  # 0 only for benchmarks on our own server
    sample_port=_settings.sample_port, rate_limit_redis=os.environ.get("SENTRA_RATE_LIMIT_REDIS") or _broker)
defs = make_spread_definitions(_resources, _broker, os.environ.get("SENTRA_CELERY_BACKEND") or None)
