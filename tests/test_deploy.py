"""Pieces of `make distributed-check` that run without the deployment: stopping what was started (no
orphans), and the comparison of two warehouses."""
import os
import subprocess
import time

import duckdb

from orchestration.deploy.check import Processes
from orchestration.deploy.compare import differences


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as f:
        return f.read().split(")")[1].split()[0] != "Z"  # a zombie has ended


def test_stop_ends_each_group_with_the_children_a_process_started(tmp_path):
    procs = Processes(tmp_path)
    # a leader that ignores SIGTERM and has a child in the background: both must go
    leader = procs.start("stubborn", ["bash", "-c", "trap '' TERM; sleep 300 & echo $! > child.pid; wait"],
                         cwd=tmp_path)
    deadline = time.monotonic() + 10
    while not (tmp_path / "child.pid").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    child = int((tmp_path / "child.pid").read_text())
    assert _alive(leader.pid) and _alive(child)
    t0 = time.monotonic()
    procs.stop(grace=1)
    assert not _alive(leader.pid)
    time.sleep(0.2)
    assert not _alive(child)
    assert time.monotonic() - t0 < 20


def _warehouse(path, facts):
    with duckdb.connect(str(path)) as con:
        for t in ("dim_article", "article_source", "dim_sentra", "sentra_mention"):
            con.execute(f"CREATE TABLE {t} (k BIGINT)")
        con.execute("CREATE TABLE fact_indicator (fact_key BIGINT, value DOUBLE, loaded_at TIMESTAMP)")
        for key, value in facts:
            con.execute("INSERT INTO fact_indicator VALUES (?, ?, now())", [key, value])
    return str(path)


def test_differences_ignore_clock_columns_and_find_a_changed_value(tmp_path):
    a = _warehouse(tmp_path / "a.duckdb", [(1, 2.0), (2, 3.0)])
    b = _warehouse(tmp_path / "b.duckdb", [(2, 3.0), (1, 2.0)])
    c = _warehouse(tmp_path / "c.duckdb", [(1, 2.0), (2, 4.0)])
    assert differences(a, b) == {}
    diff = differences(a, c)
    assert list(diff) == ["fact_indicator"] and diff["fact_indicator"]["rows"] == [2, 2]
