"""Failure alerts: the pure alert builder, and the run failure sensor on a real failed materialization,
posting to a real HTTP server on 127.0.0.1."""
import json
import threading
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import dagster as dg
import pytest

from assets import warehouse_tables
from warehouse.lake import Lake, write_json, write_jsonl
from orchestration.alerts import WEBHOOK_ENV, build_alert, find_sources, step_failure
from orchestration.definitions import failure_sensor, make_resources
from assets.resources import WarehouseResource

DAY = "2026-11-22"


def test_an_alert_names_the_step_the_asset_the_source_and_the_error():
    step = step_failure(
        "raw_pages", 'Error occurred while executing op "raw_pages":', "DagsterExecutionStepExecutionError",
        cause_message="HTTPSConnectionPool(host='kabar-priangan.example'): source kabar-priangan: read timed out\n",
        cause_cls_name="ReadTimeout", stack='  File "scrapers/fetch.py", line 10, in get\n')
    alert = build_alert(job="daily_refresh", run_id="r1", steps=[step], run_message="Execution of run failed.",
                        partition=DAY, asset_names=["raw_pages", "articles"],
                        known_sources=["kabar-priangan", "kabar", "warta-pesisir"], retry_number=0, max_retries=2,
                        failed_fetches={"kabar-priangan": 3, "warta-pesisir": 0},
                        now=datetime(2026, 11, 23, 6, 1, tzinfo=timezone.utc))
    assert alert["at"] == "2026-11-23T06:01:00+00:00"
    assert alert["job"] == "daily_refresh" and alert["partition"] == DAY and alert["run_id"] == "r1"
    assert alert["failed_assets"] == ["raw_pages"]
    assert alert["sources"] == ["kabar-priangan"]  # not 'kabar', which only appears inside the longer name
    assert alert["failed_fetches_by_source"] == {"kabar-priangan": 3}
    (failed,) = alert["failed_steps"]
    assert failed["error_type"] == "ReadTimeout" and "read timed out" in failed["error"]
    assert "\n" not in failed["error"]
    assert alert["will_retry"] is True
    assert alert["summary"] == (
        "Sentra run of daily_refresh for 2026-11-22 failed in raw_pages (source kabar-priangan): ReadTimeout: "
        "HTTPSConnectionPool(host='kabar-priangan.example'): source kabar-priangan: read timed out "
        "[attempt 1 of 3, will be retried]")
    json.dumps(alert)  # one JSON line


def test_an_alert_without_failed_steps_uses_the_run_message():
    alert = build_alert(job="daily_refresh", run_id="r2", steps=[], run_message="Run worker crashed",
                        retry_number=2, max_retries=2)
    assert alert["failed_steps"] == [] and alert["sources"] == [] and alert["will_retry"] is False
    assert alert["summary"] == "Sentra run of daily_refresh failed in the run itself: Run worker crashed"


def test_an_alert_for_a_failed_check_step_names_the_check():
    step = step_failure("fact_indicator_no_duplicate_facts",
                        "dagster._core.errors.DagsterAssetCheckFailedError: 1 blocking asset check failed",
                        "DagsterAssetCheckFailedError")
    assert step["error"] == "1 blocking asset check failed"  # the qualified class name is not repeated
    warn = {"asset": "fetch_log", "check": "sources_not_silent", "severity": "WARN", "blocking": False,
            "details": {"silent_sources": "1"}}
    dup = {"asset": "fact_indicator", "check": "no_duplicate_facts", "severity": "ERROR", "blocking": True,
           "details": {"violations": "4"}}
    alert = build_alert(job="daily_refresh", run_id="r3", steps=[step], partition=DAY,
                        asset_names=["fact_indicator"], failed_checks=[warn, dup])
    assert alert["failed_steps"][0]["check"] == "fact_indicator:no_duplicate_facts"
    assert alert["failed_assets"] == ["fact_indicator"]
    assert alert["failed_checks"] == [warn, dup]  # the warning is context, not the cause
    assert alert["summary"] == ("Sentra run of daily_refresh for 2026-11-22 failed in check "
                                "fact_indicator:no_duplicate_facts: blocking check failed (4 violations)")


def test_sources_are_matched_as_whole_names():
    assert find_sources(["fetch of warta-pesisir-2 failed"], ["warta-pesisir", "warta-pesisir-2"]) == [
        "warta-pesisir-2"]
    assert find_sources(["nothing here"], ["warta"]) == []
    assert find_sources(["a: warta; b: kabar"], ["kabar", "warta"]) == ["kabar", "warta"]


class Webhook(BaseHTTPRequestHandler):
    received: list = []
    status = 200

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append((self.headers["Content-Type"], json.loads(body)))
        self.send_response(type(self).status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def webhook():
    Webhook.received, Webhook.status = [], 200
    server = ThreadingHTTPServer(("127.0.0.1", 0), Webhook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hooks/sentra", Webhook
    server.shutdown()
    server.server_close()
    thread.join(5)


def failed_run(tmp_path):
    """Materialize the warehouse assets for a day with a warehouse that cannot be opened (its folder is a
    file): a real failing run on a real instance. Returns the instance, the run and its failure event."""
    data = tmp_path / "data"
    lake = Lake(data)
    write_json(lake.file(DAY, "sources.json"), {"kabar-priangan": "news", "warta-pesisir": "news"})
    write_jsonl(lake.file(DAY, "fetch_log.jsonl"), [
        {"url": "https://warta.example/1", "source": "warta-pesisir", "kind": "article", "outcome": "timeout"},
        {"url": "https://warta.example/2", "source": "warta-pesisir", "kind": "article", "outcome": "ok"},
        {"url": "https://kabar.example/1", "source": "kabar-priangan", "kind": "article", "outcome": "ok"}])
    write_jsonl(lake.file(DAY, "extractions.jsonl"), [])
    (tmp_path / "not-a-folder").write_text("a file where the warehouse folder should be")
    resources = make_resources(data_dir=str(data))
    resources["warehouse"] = WarehouseResource(database=str(tmp_path / "not-a-folder" / "work.duckdb"),
                                               published_database=str(data / "warehouse.duckdb"))
    instance = dg.DagsterInstance.ephemeral()
    result = dg.materialize([warehouse_tables.static_dimensions, warehouse_tables.fetch_log], partition_key=DAY,
                            resources=resources, instance=instance, raise_on_error=False)
    assert not result.success
    run = instance.get_run_by_id(result.run_id)
    (record,) = instance.get_records_for_run(run.run_id, of_type=dg.DagsterEventType.RUN_FAILURE).records
    return instance, run, record.event_log_entry.dagster_event, resources


def evaluate_sensor(instance, run, event, resources):
    context = dg.build_run_status_sensor_context(
        sensor_name=failure_sensor.name, dagster_instance=instance, dagster_run=run, dagster_event=event,
        resources={"settings": resources["settings"]})
    return failure_sensor(context.for_run_failure())


def test_a_failed_run_writes_an_alert_and_posts_it(tmp_path, webhook, monkeypatch, capfd):
    url, server = webhook
    monkeypatch.setenv(WEBHOOK_ENV, url)
    instance, run, event, resources = failed_run(tmp_path)
    capfd.readouterr()
    evaluate_sensor(instance, run, event, resources)
    log = capfd.readouterr().err  # the sensor's Dagster log

    lines = (tmp_path / "data" / "alerts.jsonl").read_text().splitlines()
    assert len(lines) == 1
    alert = json.loads(lines[0])
    assert alert["run_id"] == run.run_id and alert["partition"] == DAY
    assert [s["step"] for s in alert["failed_steps"]] == ["static_dimensions"]
    assert alert["failed_assets"] == ["static_dimensions"]
    assert alert["failed_steps"][0]["error_type"] in ("NotADirectoryError", "FileExistsError")
    assert "not-a-folder" in alert["failed_steps"][0]["error"]
    assert alert["sources"] == []  # the failure names no source ...
    assert alert["failed_fetches_by_source"] == {"warta-pesisir": 1}  # ... but the day's fetch log had one
    assert alert["summary"].startswith(f"Sentra run of {run.job_name} for {DAY} failed in static_dimensions: ")

    (content_type, posted), = server.received
    assert content_type == "application/json"
    assert posted["run_id"] == run.run_id and posted["text"] == alert["summary"]
    assert f"ERROR - {alert['summary']} (alert written to" in log
    assert "alert posted to the webhook: HTTP 200" in log


def test_without_a_webhook_only_the_file_and_a_failing_webhook_does_not_lose_the_alert(
        tmp_path, webhook, monkeypatch, capfd):
    url, server = webhook
    instance, run, event, resources = failed_run(tmp_path)
    monkeypatch.delenv(WEBHOOK_ENV, raising=False)
    evaluate_sensor(instance, run, event, resources)
    assert server.received == []

    server.status = 500
    monkeypatch.setenv(WEBHOOK_ENV, url)
    capfd.readouterr()
    evaluate_sensor(instance, run, event, resources)  # must not raise
    assert len(server.received) == 1
    assert len((tmp_path / "data" / "alerts.jsonl").read_text().splitlines()) == 2
    assert "WARNING - alert webhook failed: HTTPError: 500" in capfd.readouterr().err



@pytest.mark.slow
def test_a_blocking_check_that_fails_is_named_with_its_violations(tmp_path):
    """A misread value (10^13 IKM in one city) fails values_positive_and_plausible: the run fails before
    the publish, and the alert names the check, its asset and a sample of the offending rows."""
    from tests.test_checks import extraction, healthy_attempts, materialize_day

    instance = dg.DagsterInstance.ephemeral()
    result = materialize_day(tmp_path, DAY, healthy_attempts(DAY), [extraction(DAY, 1, value=10 ** 13)],
                             instance=instance)
    assert not result.success
    run = instance.get_run_by_id(result.run_id)
    (record,) = instance.get_records_for_run(run.run_id, of_type=dg.DagsterEventType.RUN_FAILURE).records
    evaluate_sensor(instance, run, record.event_log_entry.dagster_event, {"settings": make_resources(
        data_dir=str(tmp_path))["settings"]})

    (line,) = (tmp_path / "alerts.jsonl").read_text().splitlines()
    alert = json.loads(line)
    (step,) = alert["failed_steps"]
    assert step["check"] == "fact_indicator:values_positive_and_plausible" and step["asset"] == "fact_indicator"
    (check,) = alert["failed_checks"]
    assert check["severity"] == "ERROR" and check["blocking"] is True
    assert check["details"]["violations"] == "1" and "10000000000000" in check["details"]["sample"]
    assert alert["summary"].endswith(
        "failed in check fact_indicator:values_positive_and_plausible: blocking check failed (1 violations)")
