"""Every SENTRA_* environment variable, read here and nowhere else.

The `sentra` command and the code location that `dg dev` / `dg launch` load both build their `Settings`
with `Settings.from_env(...)`: the environment first, then what the command line says (a flag given
overrides its variable). This module sits on the lowest floor that needs a setting (the DuckDB door in
warehouse/db.py needs the memory limit), so every layer above may import it; it imports nothing of the
project but the data folder's map.

A bad value raises `SettingsError` with one line naming the variable and what it expects. The README's
table "Settings" lists the same variables; `tests/test_settings.py` checks that the two agree.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Callable, Mapping

from warehouse.lake import Lake

PACKAGE_DIR = Path(__file__).resolve().parent
#: where a built wheel puts the top-level sql/ folder and corrections.yaml (see setup.py)
PACKAGED_DIR = PACKAGE_DIR / "_packaged"
REPO_ROOT = PACKAGE_DIR.parent


class SettingsError(ValueError):
    """A setting (a variable, a flag, a file it names) that cannot be used; the message is one line."""


def packaged_path(relative: str) -> Path:
    """A file or folder that lives at the top of the repository (sql/, corrections.yaml): there in a
    checkout or an editable install, under warehouse/_packaged/ in an installed wheel."""
    installed = PACKAGED_DIR / relative
    return installed if installed.exists() else REPO_ROOT / relative


def _path(value: str) -> Path:
    return Path(value).expanduser()


def _positive_int(value: str) -> int:
    if not value.strip().isdigit() or int(value) < 1:
        raise ValueError("a whole number of at least 1")
    return int(value)


def _share(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ValueError("a number between 0 and 1, such as 0.5") from None
    if not 0 <= number <= 1:
        raise ValueError("a number between 0 and 1, such as 0.5")
    return number


_MEMORY = re.compile(r"\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)", re.I)


def _memory(value: str) -> str:
    if not _MEMORY.fullmatch(value.strip()):
        raise ValueError("a size DuckDB understands, such as 512MB or 2GB")
    return value.strip()


def _flag(value: str) -> bool:
    if value.strip().lower() in ("1", "true", "yes", "on"):
        return True
    if value.strip().lower() in ("", "0", "false", "no", "off"):
        return False
    raise ValueError("1 or 0")


@dataclass(frozen=True)
class Variable:
    name: str
    field: str
    parse: Callable[[str], Any]
    doc: str


#: name -> how it is read and what it does (the README's table says the same, with defaults)
VARIABLES = {v.name: v for v in [
    Variable("SENTRA_DATA_DIR", "data_dir", _path, "data folder: raw archive, lake, state, working warehouse"),
    Variable("SENTRA_SOURCES", "sources_file", _path, "YAML sources file (unset: the bundled sample site)"),
    Variable("SENTRA_WAREHOUSE", "warehouse_file", _path, "the published warehouse BI tools read"),
    Variable("SENTRA_CORRECTIONS", "corrections_file", _path, "the analysts' corrections file"),
    Variable("SENTRA_DUCKDB_MEMORY_LIMIT", "duckdb_memory_limit", _memory, "memory limit of every DuckDB connection"),
    Variable("SENTRA_READER_PROCESSES", "reader_processes", _positive_int, "worker processes that read pages"),
    Variable("SENTRA_SILENT_SOURCE_DAYS", "silent_source_days", _positive_int, "check sources_not_silent"),
    Variable("SENTRA_FACTS_MIN_RATIO", "facts_min_ratio", _share, "check facts_per_day_not_dropped"),
    Variable("SENTRA_FACTS_TRAILING_DAYS", "facts_trailing_days", _positive_int, "check facts_per_day_not_dropped"),
    Variable("SENTRA_FACTS_MIN_DAYS", "facts_min_days", _positive_int, "check facts_per_day_not_dropped"),
    Variable("SENTRA_FETCH_FAILURE_MAX_SHARE", "fetch_failure_max_share", _share, "check fetch_failure_share_low"),
    Variable("SENTRA_FETCH_FAILURE_MIN_ATTEMPTS", "fetch_failure_min_attempts", _positive_int,
             "check fetch_failure_share_low"),
    Variable("SENTRA_ALERT_WEBHOOK", "alert_webhook", str, "URL the failure sensor POSTs each alert to"),
    Variable("SENTRA_DEBUG", "debug", _flag, "1: errors print their Python traceback"),
    Variable("SENTRA_CORPUS", "corpus_dir", _path, "labelled articles `sentra train` fits the reader on"),
    Variable("SENTRA_MIN_CONFIDENCE", "min_confidence", _share, "confidence a fact needs to show in the BI views"),
    Variable("SENTRA_RATE_LIMIT_REDIS", "rate_limit_redis", str,
             "Redis URL of the per-host rate limit that every crawling process shares"),
    Variable("SENTRA_CELERY_BROKER", "celery_broker", str, "the Celery deployment's broker (and result backend)"),
    Variable("SENTRA_POLITE", "polite", _flag, "0: robots.txt and rate limits off (benchmarks on our own server)"),
]}


def read_variable(name: str, environ: Mapping[str, str] | None = None) -> Any:
    """One variable's value, parsed; None when it is unset or empty."""
    variable = VARIABLES[name]
    raw = (os.environ if environ is None else environ).get(name, "")
    if raw.strip() == "":
        return None
    try:
        return variable.parse(raw)
    except ValueError as e:
        raise SettingsError(f"{name}={raw!r}: expected {e}") from None


@dataclass(frozen=True)
class Settings:
    """What a run (or a quick command) is pointed at, and the thresholds of the warning checks."""

    data_dir: Path = Path("data")
    sources_file: Path | None = None          # None: the bundled sample site
    warehouse_file: Path | None = None        # None: DATA_DIR/warehouse.duckdb
    corrections_file: Path | None = None      # None: corrections.yaml of the repository / the package
    #: DuckDB's own default is 80% of the machine's memory, and it keeps what it read cached up to that: a
    #: warehouse of millions of facts made the daily run grow with its history. Above the limit DuckDB
    #: spills to a temporary folder next to the file.
    duckdb_memory_limit: str = "512MB"
    reader_processes: int | None = None       # None: one per core
    silent_source_days: int = 3
    facts_min_ratio: float = 0.5
    facts_trailing_days: int = 7
    facts_min_days: int = 3
    fetch_failure_max_share: float = 0.3
    fetch_failure_min_attempts: int = 5
    alert_webhook: str | None = None
    debug: bool = False
    corpus_dir: Path = Path("..") / "shared" / "devset"
    #: out of fold, about half of the facts the reader reads below 0.5 are wrong (README, Quality)
    min_confidence: float = 0.5
    rate_limit_redis: str | None = None       # None: each process keeps its own per-host gate
    celery_broker: str = "redis://127.0.0.1:6379/0"
    polite: bool = True

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> "Settings":
        """The environment's values, then `overrides` (command-line flags; None means not given)."""
        values: dict[str, Any] = {}
        for variable in VARIABLES.values():
            value = read_variable(variable.name, environ)
            if value is not None:
                values[variable.field] = value
        names = {f.name for f in fields(cls)}
        for key, value in overrides.items():
            if key not in names:
                raise TypeError(f"no setting {key!r}")
            if value is not None:
                values[key] = _path(value) if key.endswith(("_dir", "_file")) else value
        return cls(**values)

    @property
    def lake(self) -> Lake:
        return Lake(Path(self.data_dir))

    @property
    def published_warehouse(self) -> Path:
        return Path(self.warehouse_file) if self.warehouse_file else self.lake.published_warehouse

    @property
    def work_warehouse(self) -> Path:
        return self.lake.work_warehouse

    @property
    def corrections(self) -> Path:
        return Path(self.corrections_file) if self.corrections_file else packaged_path("corrections.yaml")


def duckdb_memory_limit() -> str:
    """The memory limit of a DuckDB connection: SENTRA_DUCKDB_MEMORY_LIMIT, else 512MB."""
    return read_variable("SENTRA_DUCKDB_MEMORY_LIMIT") or Settings.duckdb_memory_limit


def debug() -> bool:
    """SENTRA_DEBUG=1: errors print their traceback. A bad value counts as off (it is asked while
    another error is being reported)."""
    try:
        return bool(read_variable("SENTRA_DEBUG"))
    except SettingsError:
        return False
