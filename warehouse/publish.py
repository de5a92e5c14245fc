"""Publish the working warehouse to the file BI tools read, by an atomic swap.

The daily refresh writes only to a working database. Publishing copies it into a new file next to the
published one (in a storage format DuckDB clients from 1.2 on can open too) and renames it over the old file.
A BI client that holds the old file open keeps reading a complete old warehouse; new connections see
the new one; the refresh never waits for, or fails because of, a reader. New connections must open the
path once (`warehouse.db.reader_path`, the README's `duckdb:` prefix): DuckDB 2.0 otherwise opens it three
times and can take the headers of the old file and the blocks of the new one, whatever the writer does.
"""
from __future__ import annotations

import os
from pathlib import Path

from warehouse.db import open_connection

# Oldest storage format the published file is written in, so that DuckDB clients from 1.2 on can open it
# (1.0 cannot read the catalog entries DuckDB 2.0 writes, whatever the storage version).
STORAGE_VERSION = "v1.0.0"


def publish(work_db: Path | str, published_db: Path | str) -> Path:
    work_db, published_db = Path(work_db), Path(published_db)
    published_db.parent.mkdir(parents=True, exist_ok=True)
    tmp = published_db.with_name(f".{published_db.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    con = open_connection()
    try:
        con.execute(f"ATTACH '{work_db}' AS work (READ_ONLY)")
        con.execute(f"ATTACH '{tmp}' AS published (STORAGE_VERSION '{STORAGE_VERSION}')")
        con.execute("COPY FROM DATABASE work TO published")
        con.execute("DETACH published")
        con.execute("DETACH work")
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        con.close()
    os.replace(tmp, published_db)
    return published_db
