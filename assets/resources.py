"""The resources the assets use: where data lives and what to crawl (`settings`), and the warehouse.

They are built from `warehouse.settings.Settings` by `resources_for`, so the `sentra` command and the
code location that `dg` loads point at the same files for the same environment. `check_configuration`
reads what a run will read (the sources file, the corrections file, the folders) before the run starts,
so a mistake there is one line before any step, not a failed step retried twice.
"""
from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Iterator, Optional

import dagster as dg
from pydantic import Field, PrivateAttr

from warehouse.lake import Lake
from warehouse.settings import Settings, SettingsError

#: a run tag that tells Dagster's run retries (run_retries in dagster.yaml) to leave this run alone
NO_RUN_RETRY_TAG = "dagster/retry_on_asset_or_op_failure"


class SentraSettings(dg.ConfigurableResource):
    """Where the day's files go and which sources are crawled."""

    data_dir: str = Field(default="data", description="Folder for the raw archive, the lake and the state.")
    sources_file: Optional[str] = Field(
        default=None, description="YAML sources file; empty means the bundled sample site, served on 127.0.0.1.")
    user_agent: str = Field(default="SentraBot/0.1 (+mailto:data@sentra.example)",
                            description="Honest User-Agent with a contact address.")
    polite: bool = Field(default=True, description="Obey robots.txt and rate limits (off only for local benchmarks).")
    rate_limit_redis: Optional[str] = Field(
        default=None, description="Redis URL (redis://host:6379/1) of the per-host rate limit that every worker "
                                  "shares; empty: each process keeps its own (enough for one process).")
    sample_port: Optional[int] = Field(
        default=None, description="Port for the bundled sample site (default 8765 when free). A re-run of a day "
                                  "recognises what it fetched only when the site has the same address.")

    @property
    def lake(self) -> Lake:
        return Lake(Path(self.data_dir))

    @contextlib.contextmanager
    def open_sources(self) -> Iterator[list]:
        """The sources to crawl; the bundled sample site is served for as long as the block runs. A sources
        file that cannot be read raises SettingsError (one line: the file, the source, the key)."""
        from scrapers.local_site import SAMPLE_SOURCES, serve_folder
        from scrapers.sources import load_sources

        if self.sources_file:
            try:
                sources = load_sources(self.sources_file)
            except ValueError as e:
                raise SettingsError(str(e)) from None
            yield sources
            return
        with serve_folder(port=self.sample_port) as base_url:
            yield load_sources(SAMPLE_SOURCES, variables={"BASE_URL": base_url})


class WarehouseResource(dg.ConfigurableResource):
    """The working DuckDB file the job writes (one writer), and the published file BI tools read.

    A run that uses it holds a lock on the working file (`DATA_DIR/work/warehouse.duckdb.lock`) from its
    start to its end: two runs on one data folder (two `sentra run`, or runs of two Dagster instances,
    which the duckdb_writer pool cannot see) would otherwise interleave their loads. The lock is taken
    before any step, not by the first step that writes: a step that waited for it would hold a
    duckdb_writer pool slot that the other run needs to finish."""

    database: str = Field(description="The working DuckDB file the job writes.")
    published_database: str = Field(default="data/warehouse.duckdb",
                                    description="The file BI tools open read-only; replaced atomically.")
    memory_limit: Optional[str] = Field(default=None, description="DuckDB memory limit (default: "
                                        "SENTRA_DUCKDB_MEMORY_LIMIT, else 512MB).")
    min_confidence: float = Field(default=0.5, description="The confidence a fact needs to show in the BI views "
                                  "(SENTRA_MIN_CONFIDENCE); every fact stays in fact_indicator.")
    _lock = PrivateAttr(default=None)

    @property
    def lock_path(self) -> Path:
        return Path(self.database).with_name(Path(self.database).name + ".lock")

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        from filelock import FileLock, Timeout

        try:
            self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError:  # no folder for the warehouse either: the first step that writes says so
            return
        self._lock = FileLock(str(self.lock_path))
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            message = f"waiting for another run that writes {self.database} to finish (lock {self.lock_path})"
            if context.log:
                context.log.info(message)  # the run's log in the UI
            print(message, file=sys.stderr, flush=True)  # the one line `sentra run` shows
            self._lock.acquire()

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    @contextlib.contextmanager
    def get_connection(self):
        from warehouse.db import connect

        with connect(self.database, memory_limit=self.memory_limit) as con:
            yield con


def configuration_failure(context, error: Exception) -> dg.Failure:
    """A step's error that no retry can fix (a bad sources file): the step is not retried, and neither is
    the run (run_retries): the run is tagged so."""
    context.instance.add_run_tags(context.run.run_id, {NO_RUN_RETRY_TAG: "false"})
    return dg.Failure(description=str(error), allow_retries=False)


def resources_for(settings: Settings, polite: bool = True, sample_port: int | None = None) -> dict:
    """The assets' resources for these settings."""
    return {
        "settings": SentraSettings(data_dir=str(settings.data_dir),
                                   sources_file=str(settings.sources_file) if settings.sources_file else None,
                                   polite=polite, sample_port=sample_port,
                                   rate_limit_redis=settings.rate_limit_redis),
        "warehouse": WarehouseResource(database=str(settings.work_warehouse),
                                       published_database=str(settings.published_warehouse),
                                       memory_limit=settings.duckdb_memory_limit,
                                       min_confidence=settings.min_confidence),
    }


def _writable_folder(path: Path, what: str) -> None:
    for folder in [path, *path.parents]:
        if folder.exists():
            if not folder.is_dir():
                raise SettingsError(f"{what} {path}: {folder} is a file, not a folder")
            return


def check_configuration(settings: Settings) -> None:
    """Read what a run will read, before it starts: raises SettingsError with one line on the first
    problem (the sources file, the corrections file, a data folder or warehouse path that is a file)."""
    from scrapers.sources import load_sources
    from warehouse.corrections import check_corrections_file

    _writable_folder(Path(settings.data_dir), "data folder")
    _writable_folder(settings.published_warehouse.parent, "folder of the published warehouse")
    if settings.published_warehouse.is_dir():
        raise SettingsError(f"published warehouse {settings.published_warehouse}: is a folder, expected a file")
    if settings.sources_file:
        if not Path(settings.sources_file).is_file():
            raise SettingsError(f"{settings.sources_file}: no such sources file")
        try:
            load_sources(settings.sources_file)
        except ValueError as e:
            raise SettingsError(" ".join(str(e).split())) from None
    check_corrections_file(settings.corrections)
