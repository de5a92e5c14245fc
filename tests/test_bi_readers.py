"""A BI client (SQLAlchemy + duckdb-engine, read-only, as the README tells BI users to connect) reading the
views in a loop while the warehouse is published again and again: no errors, and every read sees one whole
warehouse, never a mix of two refreshes or a half-copied file."""
import shutil
import threading
import time

import pytest

from tests.test_warehouse_db import FACT, extraction, load_day
from warehouse.db import reader_path
from warehouse.publish import publish

pytestmark = pytest.mark.slow  # whole days through Dagster, or many pages: see tests/conftest.py

sqlalchemy = pytest.importorskip("sqlalchemy", reason="pip install -e '.[test]' (sqlalchemy, duckdb-engine)")
pytest.importorskip("duckdb_engine", reason="pip install -e '.[test]' (sqlalchemy, duckdb-engine)")

VERSIONS = 4


def versions(tmp_path, db):
    """Working warehouses 1..VERSIONS: version k has k articles of one fact each, values 100*k + i."""
    paths = {}
    for k in range(1, VERSIONS + 1):
        load_day(tmp_path, db, [extraction(f"https://a.example/{k}/{i}", [
            dict(FACT, value=100 * k + i, evidence=f"Ada {100 * k + i} sentra.")]) for i in range(k)])
        paths[k] = shutil.copy(db, tmp_path / f"work-{k}.duckdb")
    return paths


def read_whole(conn) -> int:
    """Read the views and tables in one connection; returns the version seen, asserting it is whole."""
    q = lambda sql: conn.execute(sqlalchemy.text(sql)).scalar_one()  # noqa: E731
    n_articles = q("SELECT count(*) FROM dim_article")
    k = n_articles
    assert q("SELECT count(*) FROM fact_indicator") == k
    assert q("SELECT min(value) FROM fact_indicator") == 100 * k
    assert q("SELECT sum(n_facts) FROM v_indicator_by_month") == k
    assert q("SELECT sum(n_facts) FROM v_coverage_by_city") == k
    assert q("SELECT n_statements FROM v_city_indicator_latest WHERE kemendagri_code = '32.73'") == k
    assert q("SELECT n_facts FROM v_province_summary WHERE province_code = '32'") == k
    assert q("SELECT count(*) FROM v_indicator_conflicts") == (1 if k > 1 else 0)
    assert q("SELECT count(*) FROM dim_city") == 514
    return k


def test_readers_never_see_a_half_built_warehouse(tmp_path, db):
    works = versions(tmp_path, db)
    published = tmp_path / "bi" / "warehouse.duckdb"
    publish(works[1], published)
    # The README's connection string for Superset and other SQLAlchemy clients; NullPool: each read is a new
    # connection, as a dashboard refresh would open.
    engine = sqlalchemy.create_engine(f"duckdb:///{reader_path(published)}?access_mode=read_only",
                                      poolclass=sqlalchemy.pool.NullPool)
    # swaps counts publish() calls begun and ended (odd while one runs); shown[i]: the version after i of them.
    swaps, shown = [0], [1]
    reads: list[tuple[int, int, int]] = []  # (swaps when the connection opened, swaps after the read, version)
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            try:
                before = swaps[0]
                with engine.connect() as conn:
                    reads.append((before, swaps[0], read_whole(conn)))
            except BaseException as e:  # noqa: BLE001 - every failure is reported by the test
                errors.append(e)
                return

    def clean_reads(state: int) -> int:
        return sum(1 for r in reads if r[0] == r[1] == state)

    def wait_for_a_clean_read():
        """Let the reader open and read at least once between two swaps (no publish overlapping it)."""
        deadline = time.monotonic() + 10
        while not clean_reads(swaps[0]) and not errors and time.monotonic() < deadline:
            time.sleep(0.005)

    thread = threading.Thread(target=reader, name="bi-reader", daemon=True)
    thread.start()
    try:
        wait_for_a_clean_read()
        for round_ in range(3):
            for k in list(range(2, VERSIONS + 1)) + [1]:
                swaps[0] += 1
                publish(works[k], published)
                shown.append(k)
                swaps[0] += 1
                wait_for_a_clean_read()
    finally:
        stop.set()
        thread.join(timeout=30)
        engine.dispose()
    assert errors == [], repr(errors[:1])
    assert not thread.is_alive()
    for before, after, k in reads:  # a read during a swap sees the old or the new file, else the current one
        assert k in shown[before // 2:(after + 1) // 2 + 1], (before, after, k)
    assert all(clean_reads(2 * i) for i in range(len(shown))), "a refresh was never read between two swaps"
    assert not list(published.parent.glob(".*.tmp"))


def test_an_open_sqlalchemy_connection_keeps_its_snapshot(tmp_path, db):
    works = versions(tmp_path, db)
    published = tmp_path / "bi" / "warehouse.duckdb"
    publish(works[1], published)
    engine = sqlalchemy.create_engine(f"duckdb:///{published}?access_mode=read_only")
    with engine.connect() as conn:
        assert read_whole(conn) == 1
        for k in range(2, VERSIONS + 1):
            publish(works[k], published)  # never blocked by the open reader
            assert read_whole(conn) == 1  # the reader keeps the whole old warehouse
    engine.dispose()
    fresh = sqlalchemy.create_engine(f"duckdb:///{published}?access_mode=read_only")
    with fresh.connect() as conn:
        assert read_whole(conn) == VERSIONS
    fresh.dispose()
