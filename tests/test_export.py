"""`sentra export --parquet DIR`: every table and view as Parquet, fact_indicator partitioned by year."""
import hashlib

import duckdb
from click.testing import CliRunner

from orchestration.cli import main
from tests.test_warehouse_db import FACT, SENTRA, extraction, load_day
from warehouse.export import export_parquet, relations
from warehouse.publish import publish


def published(tmp_path, db):
    load_day(tmp_path, db, [extraction("https://a.example/1", [FACT, dict(FACT, value=5, evidence="x", year=None)],
                                       [SENTRA], published="2024-03-01"),
                            extraction("https://a.example/2", [dict(FACT, value=30, evidence="y", year=2025)])])
    return publish(db, tmp_path / "bi" / "warehouse.duckdb")


def test_every_table_and_view_round_trips(tmp_path, db):
    path = published(tmp_path, db)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    reader = duckdb.connect(str(path), read_only=True)  # a BI client holding the file open
    out = tmp_path / "parquet"
    result = CliRunner().invoke(main, ["export", "--parquet", str(out), "--warehouse", str(path)])
    assert result.exit_code == 0, result.output
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest  # read-only
    names = {n for n, _ in relations(reader)}
    assert {"fact_indicator", "dim_city", "v_city_indicator_latest", "v_indicator_conflicts"} <= names
    con = duckdb.connect()
    for name in names - {"fact_indicator"}:
        exported = con.execute(f"SELECT count(*) FROM '{out}/{name}.parquet'").fetchone()[0]
        assert exported == reader.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0], name
    con.execute(f"ATTACH '{path}' AS w (READ_ONLY)")
    for name in ("dim_sentra", "dim_article", "v_city_indicator_latest"):
        assert con.execute(f"SELECT count(*) FROM (SELECT * FROM '{out}/{name}.parquet' EXCEPT ALL "
                           f"SELECT * FROM w.{name})").fetchone()[0] == 0, name
    years = sorted(p.name for p in (out / "fact_indicator").iterdir())
    assert years == ["year=2024", "year=2025", "year=2026"]  # reference_year, else the article's year
    facts = con.execute(f"SELECT * EXCLUDE (year) FROM read_parquet('{out}/fact_indicator/*/*.parquet', "
                        "hive_partitioning = true) EXCEPT ALL SELECT * FROM w.fact_indicator").fetchall()
    assert facts == []
    assert con.execute(f"SELECT year, count(*) FROM read_parquet('{out}/fact_indicator/*/*.parquet', "
                       "hive_partitioning = true) GROUP BY 1 ORDER BY 1").fetchall() == [
        (2024, 1), (2025, 1), (2026, 1)]
    reader.close()


def test_a_second_export_replaces_the_first(tmp_path, db):
    path = published(tmp_path, db)
    out = tmp_path / "parquet"
    export_parquet(path, out)
    (out / "notes.txt").write_text("mine")
    manifest = export_parquet(path, out)
    assert (out / "notes.txt").read_text() == "mine"
    assert not list(out.glob(".*"))
    assert manifest["relations"]["fact_indicator"]["rows"] == 3
    assert sorted(p.name for p in (out / "fact_indicator").iterdir()) == ["year=2024", "year=2025", "year=2026"]


def test_no_warehouse_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(main, ["export", "--parquet", str(tmp_path / "o"),
                                       "--warehouse", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2  # the file named on the command line is not there
    (line,) = result.output.strip().splitlines()
    assert "none.duckdb" in line and "sentra run" in line
