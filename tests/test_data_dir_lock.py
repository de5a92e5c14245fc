"""Two runs on one data folder at once, without a shared Dagster instance (so no duckdb_writer pool
between them): the second waits for the first, says so in one line, then goes on; both days are
published."""
import os
import subprocess
import sys

import duckdb
import pytest

DAYS = ("2026-11-21", "2026-11-22")


@pytest.mark.slow
def test_two_runs_on_one_data_dir_wait_for_each_other(tmp_path):
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SENTRA_", "DAGSTER_HOME"))}
    sentra = [sys.executable, "-m", "orchestration.cli", "run", "--data-dir", str(data)]
    runs = [subprocess.Popen([*sentra, "--date", day], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for day in DAYS]
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (out, err) in zip(runs, outputs):
        assert run.returncode == 0, out + err
        assert "succeeded" in out and "check star_references_resolve failed" not in out

    waited = [line for _, err in outputs for line in err.splitlines() if "waiting for another run" in line]
    assert len(waited) == 1, [err for _, err in outputs]  # one of the two waited, and said it once
    assert str(data / "work" / "warehouse.duckdb") in waited[0]

    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as con:
        days = {str(d) for (d,) in con.execute("SELECT DISTINCT load_date FROM fetch_log").fetchall()}
        facts = dict(con.execute("SELECT CAST(load_date AS VARCHAR), count(*) FROM dim_article GROUP BY 1").fetchall())
    assert days == set(DAYS)
    assert sum(facts.values()) > 0
