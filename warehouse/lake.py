"""The data folder's map: where each day's files, the state, the warehouses and the alerts live, and how
the day's files are read and written. Every path under the data folder is computed here, and only here.

Each asset of the daily job writes its output for the day as files under the data folder, so that any
day can be inspected by hand, re-extracted from the raw archive, and replaced as a whole:

    data/warehouse.duckdb                  the published warehouse BI tools read (unless --warehouse)
    data/work/warehouse.duckdb             the working warehouse the job writes
    data/work/warehouse.duckdb.lock        held by a run from its start to its end (assets.resources)
    data/alerts.jsonl                      one line per failed run (the failure sensor)

    data/archive/2026-11-23.warc.gz        every fetched response (raw)
    data/lake/2026-11-23/fetch_log.jsonl   every fetch attempt
    data/lake/2026-11-23/articles.jsonl    one line per distinct article
    data/lake/2026-11-23/extractions.jsonl what the extractor read from each article
    data/lake/2026-11-23/rows/*.jsonl      warehouse rows, loaded by the SQL in sql/load/
    data/lake/2026-11-23/unchanged_by_sitemap.jsonl
                                           article URLs not requested: the sitemap says unchanged
    data/state/validators.json             ETag / Last-Modified per article URL (conditional GET)
    data/state/last_fetched.json           when each article URL's content was last received or
                                           confirmed by a 304 (compared with the sitemap lastmod)
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator


@dataclass(frozen=True)
class Lake:
    root: Path

    def archive(self, day: str) -> Path:
        return self.root / "archive" / f"{day}.warc.gz"

    def day_dir(self, day: str) -> Path:
        return self.root / "lake" / day

    def file(self, day: str, name: str) -> Path:
        return self.day_dir(day) / name

    def rows(self, day: str, table: str) -> Path:
        return self.day_dir(day) / "rows" / f"{table}.jsonl"

    def state(self, name: str) -> Path:
        return self.root / "state" / name

    @property
    def validators(self) -> Path:
        return self.state("validators.json")

    @property
    def last_fetched(self) -> Path:
        return self.state("last_fetched.json")

    @property
    def work_warehouse(self) -> Path:
        return self.root / "work" / "warehouse.duckdb"

    @property
    def published_warehouse(self) -> Path:
        """Where the published warehouse goes when no other file is named (--warehouse, SENTRA_WAREHOUSE)."""
        return self.root / "warehouse.duckdb"

    @property
    def alerts(self) -> Path:
        return self.root / "alerts.jsonl"

    @property
    def report(self) -> Path:
        return self.root / "report.html"


def write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> int:
    """Write all rows to path atomically (a reader never sees half a file); returns the count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    n = 0
    with tmp.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            n += 1
    os.replace(tmp, path)
    return n


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    if not path.exists():
        return
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def read_json(path: Path, default: Any) -> Any:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else default


def write_json(path: Path, value: Any, compact: bool = False) -> None:
    """Write value to path atomically; compact (one line, keys unsorted) for big state files."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":")) if compact else \
        json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def count_lines(path: Path) -> int:
    """Non-empty lines of a JSONL file, without parsing them."""
    if not path.exists():
        return 0
    with path.open("rb") as f:
        return sum(1 for line in f if line.strip())
