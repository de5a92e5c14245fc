"""Do two warehouses hold the same facts and keys? Used by `make distributed-check` (in-process against
the Celery deployment) and by the tests of the spread job. Clock columns (TIMESTAMP: when a row was
loaded or fetched) differ between any two runs and are left out; everything else is compared row by
row, in key order."""
from __future__ import annotations

import duckdb

#: the star's facts and keys; fetch_log is left out (one row per request: times, and robots.txt fetched
#: once per worker's step instead of once per run)
TABLES = ("dim_article", "article_source", "dim_sentra", "sentra_mention", "fact_indicator")


def table_rows(con, table: str) -> list[tuple]:
    cols = [name for name, kind in con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
        "ORDER BY ordinal_position", [table]).fetchall() if not kind.startswith("TIMESTAMP")]
    listed = ", ".join(f'"{c}"' for c in cols)
    return con.execute(f"SELECT {listed} FROM {table} ORDER BY ALL").fetchall()


def differences(a: str, b: str, tables=TABLES) -> dict[str, dict]:
    """Per table that differs: row counts and a few rows only in one of the two."""
    out = {}
    with duckdb.connect(a, read_only=True) as ca, duckdb.connect(b, read_only=True) as cb:
        for t in tables:
            ra, rb = table_rows(ca, t), table_rows(cb, t)
            if ra != rb:
                sa, sb = set(ra), set(rb)
                out[t] = {"rows": [len(ra), len(rb)], "only_first": [repr(r) for r in list(sa - sb)[:3]],
                          "only_second": [repr(r) for r in list(sb - sa)[:3]]}
    return out


def counts(path: str, tables=TABLES) -> dict[str, int]:
    with duckdb.connect(path, read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
