"""The daily schedule, the job's retry and concurrency settings, and a code location that connects to
nothing when it is imported."""
import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import dagster as dg
import pytest
import yaml

from orchestration.definitions import all_assets, daily_job, defs

# Dagster's own partitioned schedule calls a deprecated helper of its own; nothing to fix on our side.
pytestmark = pytest.mark.filterwarnings("ignore:Function `JobDefinition.run_request_for_partition`")

ROOT = Path(__file__).resolve().parent.parent
JAKARTA = ZoneInfo("Asia/Jakarta")
# The schedule as the code location resolves it (daily_schedule is built from the unresolved asset job).
daily_schedule = defs.get_repository_def().get_schedule_def("daily_refresh_schedule")


def tick(at: datetime) -> list[dg.RunRequest]:
    context = dg.build_schedule_context(scheduled_execution_time=at)
    return list(daily_schedule.evaluate_tick(context).run_requests or [])


def test_the_schedule_runs_at_six_in_jakarta():
    assert daily_schedule.cron_schedule == "0 6 * * *"
    assert daily_schedule.execution_timezone == "Asia/Jakarta"
    assert daily_schedule.job_name == daily_job.name == "daily_refresh"


@pytest.mark.parametrize("at, day", [
    (datetime(2026, 11, 23, 6, 0, tzinfo=JAKARTA), "2026-11-22"),
    # 23:00 UTC is already 06:00 of the next day in Jakarta (UTC+7): the UTC date would be a day off
    (datetime(2026, 11, 22, 23, 0, tzinfo=timezone.utc), "2026-11-22"),
    (datetime(2027, 1, 1, 6, 0, tzinfo=JAKARTA), "2026-12-31"),
    (datetime(2028, 3, 1, 6, 0, tzinfo=JAKARTA), "2028-02-29"),
])
def test_a_tick_fills_the_previous_jakarta_day(at, day):
    (request,) = tick(at)
    assert request.partition_key == day
    assert request.tags["dagster/partition"] == day


def test_retries_and_one_duckdb_writer_are_configured():
    config = yaml.safe_load((ROOT / ".dagster" / "dagster.yaml").read_text())
    assert config["telemetry"]["enabled"] is False
    assert config["run_retries"] == {"enabled": True, "max_retries": 2}
    assert config["concurrency"]["pools"]["default_limit"] == 1
    assert daily_job.tags["dagster/max_retries"] == "2"
    assert daily_job.tags["dagster/retry_strategy"] == "FROM_FAILURE"

    by_name = {key.path[-1]: a for a in all_assets for key in a.keys}
    writers = {name for name, a in by_name.items() if a.op.pool == "duckdb_writer"}
    assert writers >= {"static_dimensions", "fetch_log", "dim_article", "dim_sentra", "fact_indicator",
                       "bi_views", "published_warehouse"}
    # whatever touches DuckDB waits for the one writer's slot
    assert writers == {name for name, a in by_name.items() if "duckdb" in a.specs_by_key[a.key].kinds}
    assert by_name["raw_pages"].op.retry_policy.max_retries == 2

    # the instance Dagster builds from that file really has the pool at 1 and run retries on
    with dg.DagsterInstance.from_config(str(ROOT / ".dagster")) as instance:
        assert instance.run_retries_enabled and instance.run_retries_max_retries == 2
        assert instance.get_concurrency_config().pool_config.default_pool_limit == 1


def test_every_asset_says_what_it_is_and_who_owns_it():
    groups = {}
    for a in all_assets:
        for key in a.keys:
            spec = a.specs_by_key[key]
            assert spec.description, key
            assert spec.owners == ["team:data-engineering"], key
            assert spec.kinds, key
            assert spec.tags.get("layer"), key
            groups.setdefault(spec.group_name, set()).add(key.path[-1])
    assert set(groups) == {"ingestion", "extraction", "warehouse", "bi"}
    assert groups["bi"] >= {"bi_views", "published_warehouse"} and groups["ingestion"] >= {"raw_pages"}


def test_the_code_location_loads():
    repo = defs.get_repository_def()
    assert {s.name for s in repo.schedule_defs} == {"daily_refresh_schedule"}
    assert {s.name for s in repo.sensor_defs} == {"sentra_failure_alert"}
    assert "daily_refresh" in {j.name for j in repo.get_all_jobs()}


def test_importing_the_code_location_opens_no_duckdb(tmp_path):
    """DuckDB allows one writer: a connection opened at import (by `dg dev`, the daemon, a run worker)
    would hold the file. Import the module in a fresh interpreter, in an empty folder, and look."""
    data = tmp_path / "data"
    probe = (
        "import duckdb\n"
        "calls = []\n"
        "real_connect = duckdb.connect\n"
        "duckdb.connect = lambda *a, **k: calls.append(a) or real_connect(*a, **k)\n"
        "import orchestration.definitions as d\n"
        "assert d.defs.get_repository_def().get_all_jobs()\n"
        "print('connects', len(calls))\n"
    )
    env = {**os.environ, "SENTRA_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}
    env.pop("DAGSTER_HOME", None)
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert "connects 0" in out.stdout
    assert not list(tmp_path.rglob("*.duckdb*")), list(tmp_path.rglob("*"))
    assert not data.exists()


@pytest.mark.slow
def test_dg_launch_fills_one_day_from_the_repository_root(tmp_path):
    """The README's command, as is: `dg launch --assets '*' --partition 2026-11-22` from the repository root,
    with SENTRA_DATA_DIR and DAGSTER_HOME pointing at temporary folders."""
    import duckdb

    home = tmp_path / "dagster_home"
    home.mkdir()
    (home / "dagster.yaml").write_text((ROOT / ".dagster" / "dagster.yaml").read_text())
    env = {**os.environ, "DAGSTER_HOME": str(home), "SENTRA_DATA_DIR": str(tmp_path / "data")}
    for name in ("SENTRA_SOURCES", "SENTRA_WAREHOUSE", "SENTRA_ALERT_WEBHOOK"):
        env.pop(name, None)
    dg_bin = Path(sys.executable).with_name("dg")
    out = subprocess.run([str(dg_bin), "launch", "--assets", "*", "--partition", "2026-11-22"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-3000:]

    with dg.DagsterInstance.from_config(str(home)) as instance:
        (run,) = instance.get_runs()
        assert run.status == dg.DagsterRunStatus.SUCCESS
        assert run.tags["dagster/partition"] == "2026-11-22"
        checks = instance.get_records_for_run(run.run_id, of_type=dg.DagsterEventType.ASSET_CHECK_EVALUATION).records
        assert len(checks) >= 7  # the checks of fact_indicator and fetch_log, at least
    con = duckdb.connect(str(tmp_path / "data" / "warehouse.duckdb"), read_only=True)
    try:
        facts, days = con.execute("SELECT count(*), count(DISTINCT load_date) FROM fact_indicator").fetchone()
    finally:
        con.close()
    assert facts > 0 and days == 1
