"""Export the published warehouse as Parquet files, for tools that read files rather than DuckDB.

`sentra export --parquet DIR` writes one file per table and view, by DuckDB's COPY, from the published
file opened read-only (a refresh that swaps the file meanwhile does not disturb the export, which keeps
reading the warehouse it opened):

    DIR/<table or view>.parquet
    DIR/fact_indicator/year=YYYY/*.parquet   fact_indicator, hive-partitioned by `year`
    DIR/_manifest.json                       source file, time, rows of each export

`year` of fact_indicator is the fact's reference_year (the year the value is about); a fact without one
gets the year of its article date (date_key: published, else crawled). Readers that understand hive
partitioning (DuckDB, pyarrow, Spark, Polars) get `year` back as a column.

The new export is written next to DIR's old files and then moved over them, one entry at a time, so a
half-written export never replaces a complete one; other files in DIR are left alone.
"""
from __future__ import annotations

import json
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from warehouse.db import connect

FACT_YEAR = "coalesce(reference_year, date_key // 10000)"
PARTITIONED = {"fact_indicator": FACT_YEAR}


def relations(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(name, 'table' | 'view') of the warehouse's own tables and views, tables first."""
    tables = con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
                         "AND NOT internal ORDER BY 1").fetchall()
    views = con.execute("SELECT view_name FROM duckdb_views() WHERE database_name = current_database() "
                        "AND NOT internal ORDER BY 1").fetchall()
    return [(t, "table") for (t,) in tables] + [(v, "view") for (v,) in views]


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def export_parquet(warehouse: Path | str, out_dir: Path | str) -> dict:
    """Write every table and view of `warehouse` (opened read-only) to out_dir; returns the manifest."""
    warehouse, out_dir = Path(warehouse), Path(out_dir)
    if not warehouse.exists():
        raise FileNotFoundError(f"no warehouse at {warehouse}: run `sentra run` first")
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = out_dir / f".export-{os.getpid()}.tmp"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    manifest = {"warehouse": str(warehouse.resolve()), "exported_at": datetime.now(timezone.utc).isoformat(),
                "fact_indicator_partitioning": f"year = {FACT_YEAR}", "relations": {}}
    try:
        with connect(warehouse, read_only=True) as con:
            for name, kind in relations(con):
                rows = con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
                if name in PARTITIONED:
                    target = staging / name
                    con.execute(f'COPY (SELECT *, {PARTITIONED[name]} AS year FROM "{name}") TO {_literal(target)} '
                                "(FORMAT parquet, PARTITION_BY (year), COMPRESSION zstd)")
                    if rows == 0:
                        target.mkdir(exist_ok=True)
                    entry = f"{name}/"
                else:
                    target = staging / f"{name}.parquet"
                    con.execute(f'COPY (SELECT * FROM "{name}") TO {_literal(target)} (FORMAT parquet, COMPRESSION zstd)')
                    entry = f"{name}.parquet"
                manifest["relations"][name] = {"kind": kind, "rows": rows, "path": entry}
        (staging / "_manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        for item in sorted(staging.iterdir()):
            final = out_dir / item.name
            if final.is_dir() and not final.is_symlink():
                old = out_dir / f".{item.name}.{os.getpid()}.old"
                final.rename(old)
                item.rename(final)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(item, final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest
