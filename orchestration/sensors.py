"""The run failure sensor: every failed run on the instance becomes an alert in DATA_DIR/alerts.jsonl,
an ERROR line in the sensor's Dagster log and, when SENTRA_ALERT_WEBHOOK is set, a POST to that URL.

The sensor runs in the Dagster daemon (`dg dev` starts one); it is on by default.
"""
from __future__ import annotations

from pathlib import Path

import dagster as dg

from warehouse.lake import read_json, read_jsonl
from orchestration.alerts import WEBHOOK_ENV, build_alert, post_alert, step_failure, write_alert
from assets.resources import SentraSettings
from scrapers.outcomes import is_failure
from warehouse.settings import read_variable


def alerts_path(settings: SentraSettings) -> Path:
    return settings.lake.alerts


def _step(event: dg.DagsterEvent) -> dict:
    error = event.event_specific_data.error
    cause = error
    while cause.cause is not None:  # the user's exception is the innermost cause
        cause = cause.cause
    stack = "".join(cause.stack[-2:]) if cause.stack else None
    return step_failure(event.step_key or "?", error.message, error.cls_name,
                        cause.message if cause is not error else None,
                        cause.cls_name if cause is not error else None, stack)


def failed_checks(instance: dg.DagsterInstance, run_id: str) -> list[dict]:
    """The run's asset checks that did not pass, with their metadata (violations, a sample...)."""
    checks = []
    for record in instance.get_records_for_run(run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION).records:
        evaluation = record.event_log_entry.dagster_event.event_specific_data
        if not evaluation.passed:
            checks.append({"asset": evaluation.asset_key.to_user_string(), "check": evaluation.check_name,
                           "severity": evaluation.severity.value, "blocking": bool(evaluation.blocking),
                           "details": {k: str(v.value)[:500] for k, v in evaluation.metadata.items()}})
    return checks


def alert_for(context: dg.RunFailureSensorContext, settings: SentraSettings, asset_names=()) -> dict:
    run = context.dagster_run
    partition = run.tags.get("dagster/partition")
    sources = read_json(settings.lake.file(partition, "sources.json"), {}) if partition else {}
    failed_fetches: dict[str, int] = {}
    for row in read_jsonl(settings.lake.file(partition, "fetch_log.jsonl")) if partition else ():
        if is_failure(row.get("outcome")):
            failed_fetches[row.get("source")] = failed_fetches.get(row.get("source"), 0) + 1
    return build_alert(
        job=run.job_name, run_id=run.run_id, partition=partition,
        steps=[_step(e) for e in context.get_step_failure_events()],
        run_message=context.failure_event.message,
        asset_names={*asset_names, *(k.path[-1] for k in (run.asset_selection or ()))},
        known_sources=sources.keys(),
        retry_number=int(run.tags.get("dagster/retry_number", 0)),
        max_retries=int(run.tags.get("dagster/max_retries", 0)),
        failed_fetches=failed_fetches,
        failed_checks=failed_checks(context.instance, run.run_id),
    )


def make_failure_sensor(asset_names=()) -> dg.SensorDefinition:
    """The sensor; `asset_names` (the code location's assets) let an alert name the asset a failed step is."""
    asset_names = frozenset(asset_names)

    # monitor_all_code_locations: runs started in-process (`sentra run` with DAGSTER_HOME, tests) carry no
    # code location of their own and would otherwise be passed over; this instance serves only Sentra.
    @dg.run_failure_sensor(name="sentra_failure_alert", default_status=dg.DefaultSensorStatus.RUNNING,
                           minimum_interval_seconds=30, monitor_all_code_locations=True,
                           description="Writes an alert for every failed run to DATA_DIR/alerts.jsonl and the "
                                       f"Dagster log, and POSTs it to ${WEBHOOK_ENV} when that is set.")
    def sentra_failure_alert(context: dg.RunFailureSensorContext, settings: SentraSettings) -> None:
        alert = alert_for(context, settings, asset_names)
        path = write_alert(alerts_path(settings), alert)
        context.log.error(f"{alert['summary']} (alert written to {path})")
        url = read_variable(WEBHOOK_ENV)
        if url:
            try:
                status = post_alert(url, alert)
                context.log.info(f"alert posted to the webhook: HTTP {status}")
            except Exception as exc:  # the file and the log already hold the alert
                context.log.warning(f"alert webhook failed: {type(exc).__name__}: {exc}")

    return sentra_failure_alert
