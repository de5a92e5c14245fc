"""Run the daily job for some days from Python (what `sentra run` does), and summarise each run."""
from __future__ import annotations

import os
from pathlib import Path

import dagster as dg

from orchestration.definitions import make_definitions, make_resources
from warehouse.db import connect
from warehouse.settings import Settings


def _instance() -> dg.DagsterInstance:
    """The persistent instance when DAGSTER_HOME is set (runs show in the UI), else a throwaway one."""
    if os.environ.get("DAGSTER_HOME"):
        return dg.DagsterInstance.get()
    return dg.DagsterInstance.ephemeral()


def _metadata(result, asset: str) -> dict:
    for event in result.asset_materializations_for_node(asset):
        return {k: v.value for k, v in event.metadata.items()}
    return {}


def _totals(warehouse: Path) -> dict:
    if not warehouse.exists():
        return {}
    with connect(warehouse, read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("dim_city", "dim_article", "dim_sentra", "fact_indicator", "fetch_log")}


def _step_error(event) -> str:
    """A failed step in one line: the innermost error (the user's exception, not Dagster's wrapper), the
    first line of its message."""
    error = event.event_specific_data.error
    while error.cause is not None:
        error = error.cause
    first_line = (error.message.strip().splitlines() or [""])[0]
    return f"{event.step_key}: {first_line}"


def _summary(day: str, result, published: Path) -> dict:
    """What `sentra run` prints of one day's run."""
    raw, arts, ext = (_metadata(result, a) for a in ("raw_pages", "articles", "extractions"))
    problems = [_step_error(e) for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
    problems += [f"check {e.event_specific_data.check_name} failed"
                 for e in result.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"
                 and not e.event_specific_data.passed]
    totals = _totals(published)
    return {
        "day": day, "success": result.success, "run_id": result.run_id,
        "fetched": raw.get("fetched", 0), "not_modified": raw.get("not_modified", 0),
        "unchanged_by_sitemap": raw.get("unchanged_by_sitemap", 0),
        "skipped": (raw.get("already_archived", 0) + raw.get("robots_disallowed", 0)
                    + arts.get("duplicates_dropped", 0)),
        "failed": raw.get("failed", 0), "articles": ext.get("articles", 0),
        "relevant": ext.get("relevant", 0), "facts": ext.get("facts", 0),
        "sentra": totals.get("dim_sentra", 0),
        "problems": problems, "warehouse": str(published), "totals": totals,
    }


def run_days(days: list[str], data_dir: str | None = None, sources_file: str | None = None,
             warehouse_file: str | None = None, polite: bool = True, log_level: str | None = None,
             job_name: str = "daily_refresh", sample_port: int | None = None,
             settings: Settings | None = None) -> list[dict]:
    """Run `job_name` for each day in turn; `reprocess` re-reads the days' archives without fetching.
    `settings` (default: the environment) with the arguments given here overriding it. Dagster's own
    console log is silent (each failure is one line of the summary) unless SENTRA_DEBUG=1 or a
    `log_level` is given; the Dagster UI keeps the full log of runs on a DAGSTER_HOME instance."""
    settings = settings or Settings.from_env(data_dir=data_dir, sources_file=sources_file,
                                             warehouse_file=warehouse_file)
    log_level = log_level or ("INFO" if settings.debug else "CRITICAL")
    resources = make_resources(settings=settings, polite=polite, sample_port=sample_port)
    job = make_definitions(resources).resolve_job_def(job_name)
    summaries = []
    with _instance() as instance:
        for day in days:
            result = job.execute_in_process(partition_key=day, instance=instance, raise_on_error=False,
                                            run_config={"loggers": {"console": {"config": {"log_level": log_level}}}})
            summaries.append(_summary(day, result, settings.published_warehouse))
    return summaries
