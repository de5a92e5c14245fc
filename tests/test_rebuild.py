"""A full rebuild (a fresh working DB, every day re-loaded from the lake files in order) gives the same
tables, with the same surrogate keys, as the days run one by one through Dagster (`sentra run`)."""
import contextlib
from pathlib import Path

import duckdb
import pytest
import yaml
from click.testing import CliRunner

from orchestration.cli import main
from orchestration.runner import run_days
from scrapers.local_site import SAMPLE_SOURCES, serve_folder
from warehouse.corrections import apply_corrections
from warehouse.db import connect, run_sql_file, view_files

pytestmark = pytest.mark.slow  # whole days through Dagster, or many pages: see tests/conftest.py

DAY1, DAY2, DAY3 = "2026-11-19", "2026-11-20", "2026-11-21"
KEYS = {"dim_article": "article_key", "dim_sentra": "sentra_key", "fact_indicator": "fact_key",
        "dim_city": "city_key"}


def rebuild_from_lake(data_dir: Path, target: Path) -> None:
    """What the daily job's warehouse assets do, day after day, from the files they left in the lake."""
    lake = data_dir / "lake"
    days = sorted(p.name for p in lake.iterdir() if p.is_dir())
    rows = lambda day, table: str(lake / day / "rows" / f"{table}.jsonl")  # noqa: E731
    with connect(target) as con:
        run_sql_file(con, "schema.sql")
        run_sql_file(con, "load/dim_city.sql", path=str(data_dir / "state" / "dim_city.jsonl"))
        run_sql_file(con, "load/dim_indicator.sql")
        run_sql_file(con, "load/dim_date.sql", first="2000-01-01", last="2035-12-31")
        for day in days:
            run_sql_file(con, "load/fetch_log.sql", load_date=day, path=str(lake / day / "fetch_log.jsonl"))
            run_sql_file(con, "load/dim_article.sql", load_date=day, path=rows(day, "dim_article"))
            if Path(rows(day, "article_source")).exists():
                run_sql_file(con, "load/article_source.sql", load_date=day, path=rows(day, "article_source"))
            run_sql_file(con, "load/sentra_mention.sql", load_date=day, path=rows(day, "sentra_mention"))
            run_sql_file(con, "load/dim_sentra.sql")
            run_sql_file(con, "load/fact_indicator.sql", load_date=day, path=rows(day, "fact_indicator"))
        apply_corrections(con)  # the corrections_applied asset does this after every day's load
        for f in view_files():
            run_sql_file(con, f)


def differences(incremental: Path, rebuilt: Path) -> dict[str, int]:
    con = duckdb.connect()
    con.execute(f"ATTACH '{incremental}' AS inc (READ_ONLY)")
    con.execute(f"ATTACH '{rebuilt}' AS reb (READ_ONLY)")
    names = lambda db: {r[0] for r in con.execute(  # noqa: E731
        "SELECT table_name FROM duckdb_tables() WHERE database_name = ? UNION "
        "SELECT view_name FROM duckdb_views() WHERE database_name = ? AND NOT internal", [db, db]).fetchall()}
    common = names("inc") & names("reb")
    assert {"dim_article", "dim_sentra", "fact_indicator", "fetch_log", "sentra_mention", "dim_city",
            "v_city_indicator_latest", "v_indicator_conflicts"} <= common
    out = {}
    for name in sorted(common):
        cols = [r[0] for r in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE database_name = 'inc' AND table_name = ? "
            "AND column_name NOT IN ('applied_at') ORDER BY column_index", [name]).fetchall()]
        select = ", ".join(f'"{c}"' for c in cols)
        out[name] = con.execute(
            f'SELECT (SELECT count(*) FROM (SELECT {select} FROM inc."{name}" EXCEPT ALL SELECT {select} FROM reb."{name}"))'
            f' + (SELECT count(*) FROM (SELECT {select} FROM reb."{name}" EXCEPT ALL SELECT {select} FROM inc."{name}"))'
        ).fetchone()[0]
    con.close()
    return {k: v for k, v in out.items() if v}


@contextlib.contextmanager
def split_sources(tmp_path):
    """The sample site, with its sources split in two files: a day with some, a later day with all."""
    with serve_folder(port=0) as base_url:
        doc = yaml.safe_load(SAMPLE_SOURCES.read_text(encoding="utf-8").replace("${BASE_URL}", base_url))
        first = tmp_path / "first.yaml"
        first.write_text(yaml.safe_dump({"sources": doc["sources"][:2]}), encoding="utf-8")
        every = tmp_path / "all.yaml"
        every.write_text(yaml.safe_dump(doc), encoding="utf-8")
        yield str(first), str(every)


@pytest.fixture(scope="module")
def incremental(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("incremental")
    data = tmp_path / "data"
    with split_sources(tmp_path) as (first, every):
        summaries = run_days([DAY1], data_dir=str(data), sources_file=first, polite=False)
        summaries += run_days([DAY2, DAY3], data_dir=str(data), sources_file=every, polite=False)
    assert [s["success"] for s in summaries] == [True, True, True], [s["problems"] for s in summaries]
    return data, summaries


def test_days_add_up(incremental):
    data, summaries = incremental
    assert summaries[0]["articles"] > 0 and summaries[1]["articles"] > 0  # both days brought articles
    with connect(data / "warehouse.duckdb", read_only=True) as con:
        loads = dict(con.execute("SELECT load_date::VARCHAR, count(*) FROM dim_article GROUP BY 1").fetchall())
    assert set(loads) >= {DAY1, DAY2}


def test_full_rebuild_equals_incremental_days(incremental, tmp_path):
    data, _ = incremental
    rebuilt = tmp_path / "rebuilt.duckdb"
    rebuild_from_lake(data, rebuilt)
    assert differences(data / "warehouse.duckdb", rebuilt) == {}
    with connect(data / "warehouse.duckdb", read_only=True) as inc, connect(rebuilt, read_only=True) as reb:
        for table, key in KEYS.items():
            q = f"SELECT list({key} ORDER BY {key}) FROM {table}"
            assert inc.execute(q).fetchone() == reb.execute(q).fetchone(), table


def test_rebuild_twice_is_the_same(incremental, tmp_path):
    data, _ = incremental
    rebuild_from_lake(data, tmp_path / "a.duckdb")
    rebuild_from_lake(data, tmp_path / "b.duckdb")
    assert differences(tmp_path / "a.duckdb", tmp_path / "b.duckdb") == {}


def test_sentra_run_takes_a_range(tmp_path):
    result = CliRunner().invoke(main, ["run", "--from", DAY2, "--to", DAY3, "--data-dir", str(tmp_path / "d")])
    lines = [l for l in result.output.splitlines() if l[:10] in (DAY2, DAY3)]
    assert result.exit_code == 0, result.output
    assert [l[:21] for l in lines] == [f"{DAY2}: succeeded", f"{DAY3}: succeeded"]
    rebuilt = tmp_path / "rebuilt.duckdb"
    rebuild_from_lake(tmp_path / "d", rebuilt)
    assert differences(tmp_path / "d" / "warehouse.duckdb", rebuilt) == {}
    bad = CliRunner().invoke(main, ["run", "--from", DAY3, "--to", DAY2, "--data-dir", str(tmp_path / "e")])
    assert bad.exit_code != 0 and "before" in bad.output
