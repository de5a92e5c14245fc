"""The one door to DuckDB: connect (with the memory limit), and run the project's .sql files.

All SQL lives in `sql/`; this module finds the files, splits them into statements and binds the named
parameters (`$load_date`, `$path`...) that each statement uses. Connections are opened on demand, never
at import time: DuckDB allows one writer, and an idle connection would block it. Every connection of the
project is opened here, so every one has the memory limit (SENTRA_DUCKDB_MEMORY_LIMIT, 512MB).
"""
from __future__ import annotations

import contextlib
import re
import time
from pathlib import Path
from typing import Any, Iterator

import duckdb

from warehouse.settings import duckdb_memory_limit, packaged_path

SQL_DIR = packaged_path("sql")
_PARAM = re.compile(r"\$([a-z_]+)")


def open_connection(path: Path | str | None = None, read_only: bool = False,
                    memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    """A connection to the file at `path` (None: a database in memory), with the memory limit. Another
    process that holds the file for writing is waited for a few seconds, as dagster-duckdb did.

    The limit is SET once connected, not passed as a config: a connection to a file this process already
    has open (a BI reader in the same process, a test) must have the same config as the first one."""
    con = _connect_waiting(path, read_only)
    con.execute("SET memory_limit = ?", [memory_limit or duckdb_memory_limit()])
    return con


def _connect_waiting(path: Path | str | None, read_only: bool) -> duckdb.DuckDBPyConnection:
    if path is None:
        return duckdb.connect()
    path = Path(path)
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    target = reader_path(path) if read_only else str(path)
    for attempt in range(10):
        try:
            return duckdb.connect(target, read_only=read_only)
        except duckdb.IOException as e:
            if "lock" not in str(e).lower() or attempt == 9:
                raise
            time.sleep(0.2 * 2 ** min(attempt, 4))
    raise AssertionError("unreachable")


def reader_path(path: Path | str) -> str:
    """The path to open a file read-only with: `duckdb:PATH` where DuckDB (1.5 and later) accepts the prefix.

    Without it, DuckDB 2.0 opens the file three times to connect: the second open (the file-type probe)
    reads the database headers, the third reads the blocks they point to. A publish renaming a new file
    over the path in between gives old headers and new blocks: "Failed to load metadata pointer". With the
    type named, DuckDB opens the file once and reads headers and blocks from it, old or new. DuckDB 1.2
    reads both through one open anyway, and takes the prefix for an extension's name."""
    return f"duckdb:{path}" if _version(duckdb.__version__) >= (1, 5) else str(path)


def _version(text: str) -> tuple[int, int]:
    major, minor = text.split(".")[:2]
    return int(major), int(re.match(r"\d+", minor).group())


@contextlib.contextmanager
def connect(path: Path | str | None = None, read_only: bool = False,
            memory_limit: str | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """`open_connection` as a block: the connection is closed when the block ends."""
    con = open_connection(path, read_only=read_only, memory_limit=memory_limit)
    try:
        yield con
    finally:
        con.close()


def sql_statements(relative: str) -> list[str]:
    """The statements of one file under sql/, comments stripped, in order."""
    text = (SQL_DIR / relative).read_text(encoding="utf-8")
    return [s.strip() for s in split_statements(text) if s.strip()]


def split_statements(text: str) -> Iterator[str]:
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


def bind(statement: str, params: dict[str, Any], where: str = "") -> dict[str, Any] | None:
    """The parameters `statement` names ($name), taken from `params`; None when it names none."""
    names = set(_PARAM.findall(statement))
    missing = names - params.keys()
    if missing:
        raise ValueError(f"{where or 'statement'}: no value for ${', $'.join(sorted(missing))}")
    return {k: params[k] for k in names} or None


def run_sql_file(con: duckdb.DuckDBPyConnection, relative: str, **params: Any) -> None:
    """Run every statement of a file, binding only the parameters each statement names."""
    for statement in sql_statements(relative):
        con.execute(statement, bind(statement, params, relative))


def query_file(relative: str) -> str:
    """The one statement of a query file under sql/ (checks/, report/)."""
    (statement,) = sql_statements(relative)
    return statement


def query_rows(con: duckdb.DuckDBPyConnection, relative: str, **params: Any) -> tuple[list[str], list[tuple]]:
    """Column names and rows of a query file, with its named parameters bound."""
    statement = query_file(relative)
    cur = con.execute(statement, bind(statement, params, relative))
    return [d[0] for d in cur.description], cur.fetchall()


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
