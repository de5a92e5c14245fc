"""Resources of the daily job: where data lives, what to crawl, and the warehouse."""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Iterator, Optional

from dagster import ConfigurableResource
from dagster_duckdb import DuckDBResource
from pydantic import Field

from assets.lake import Lake


class SentraSettings(ConfigurableResource):
    """Where the day's files go and which sources are crawled."""

    data_dir: str = Field(default="data", description="Folder for the raw archive, the lake and the state.")
    sources_file: Optional[str] = Field(
        default=None, description="YAML sources file; empty means the bundled sample site, served on 127.0.0.1.")
    user_agent: str = Field(default="SentraBot/0.1 (+mailto:data@sentra.example)",
                            description="Honest User-Agent with a contact address.")
    polite: bool = Field(default=True, description="Obey robots.txt and rate limits (off only for local benchmarks).")
    rate_limit_redis: Optional[str] = Field(
        default=None, description="Redis URL (redis://host:6379/0) of the per-host rate limit that every worker "
                                  "shares; empty: each process keeps its own (enough for one process).")
    sample_port: Optional[int] = Field(
        default=None, description="Port for the bundled sample site (default 8765 when free). A re-run of a day "
                                  "recognises what it fetched only when the site has the same address.")

    @property
    def lake(self) -> Lake:
        return Lake(Path(self.data_dir))

    @contextlib.contextmanager
    def open_sources(self) -> Iterator[list]:
        """The sources to crawl; the bundled sample site is served for as long as the block runs."""
        from scrapers.local_site import SAMPLE_SOURCES, serve_folder
        from scrapers.sources import load_sources

        if self.sources_file:
            yield load_sources(self.sources_file)
            return
        with serve_folder(port=self.sample_port) as base_url:
            yield load_sources(SAMPLE_SOURCES, variables={"BASE_URL": base_url})


class WarehouseResource(DuckDBResource):
    """The working DuckDB file the job writes (one writer), and the published file BI tools read."""

    published_database: str = Field(default="data/warehouse.duckdb",
                                    description="The file BI tools open read-only; replaced atomically.")

    @contextlib.contextmanager
    def get_connection(self):
        Path(self.database).parent.mkdir(parents=True, exist_ok=True)  # a fresh data folder
        with super().get_connection() as con:
            yield con
