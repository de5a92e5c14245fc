"""Connect to the DuckDB warehouse and run the project's .sql files against it.

All SQL lives in `sql/`; this module only finds the files, splits them into statements and binds the
named parameters (`$load_date`, `$path`...) that each statement uses. Connections are opened on demand,
never at import time: DuckDB allows one writer, and an idle connection would block it.
"""
from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any, Iterator

import duckdb

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
_PARAM = re.compile(r"\$([a-z_]+)")


@contextlib.contextmanager
def connect(path: Path | str, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    try:
        yield con
    finally:
        con.close()


def sql_statements(relative: str) -> list[str]:
    """The statements of one file under sql/, comments stripped, in order."""
    text = (SQL_DIR / relative).read_text(encoding="utf-8")
    return [s.strip() for s in _split_statements(text) if s.strip()]


def _split_statements(text: str) -> Iterator[str]:
    """Split on semicolons and drop `--` comments, both only outside single-quoted strings."""
    buf: list[str] = []
    quoted = False
    i = 0
    while i < len(text):
        ch = text[i]
        if not quoted and text.startswith("--", i):
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        if ch == "'":
            quoted = not quoted
        if ch == ";" and not quoted:
            yield "".join(buf)
            buf = []
        else:
            buf.append(ch)
        i += 1
    yield "".join(buf)


def run_sql_file(con: duckdb.DuckDBPyConnection, relative: str, **params: Any) -> None:
    """Run every statement of a file, binding only the parameters each statement names."""
    for statement in sql_statements(relative):
        names = set(_PARAM.findall(statement))
        missing = names - params.keys()
        if missing:
            raise ValueError(f"{relative}: no value for ${', $'.join(sorted(missing))}")
        con.execute(statement, {k: params[k] for k in names} if names else None)


def view_files() -> list[str]:
    """The files of sql/views in name order, which is their dependency order: a file sorts after the files
    whose tables or views it reads.

    Running them (the bi_views asset after every day's load, the bench, the tests) creates the BI views and
    also (re)builds the summary tables the views read: each `agg_*.sql` is a `CREATE OR REPLACE TABLE agg_...`
    computed from fact_indicator and the dimensions, and sorts before the `v_*.sql` views that read it. The
    summaries are only as fresh as the last run of these files, so run all of them after changing facts."""
    return [f"views/{p.name}" for p in sorted((SQL_DIR / "views").glob("*.sql"))]


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    names = [r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY 1").fetchall()]
    return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
