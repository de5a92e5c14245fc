"""Asset checks on the warehouse.

Blocking checks (the star's integrity, duplicates, implausible values) stop the day's views and publish
when they fail, so BI users keep yesterday's good warehouse instead of today's broken one. Warning checks
(a silent source, a sudden drop in facts, many failed fetches) never stop a run: they say that something
upstream (a site, the crawler, the reader) probably changed and a person should look.

Every check's SQL lives in sql/checks/*.sql; the thresholds of the warning checks are the
`check_settings` resource (SENTRA_SILENT_SOURCE_DAYS etc. in the environment: warehouse/settings.py).
"""

import dagster as dg
from pydantic import Field

from assets.resources import WarehouseResource
from assets.warehouse_tables import fact_indicator, fetch_log
from scrapers.outcomes import NOT_FAILURES
from warehouse.db import bind, query_file
from warehouse.db import query_rows as query_file_rows
from warehouse.settings import Settings


_THRESHOLDS = {
    "silent_source_days": "Warn when a source crawled today has had no successful article fetch for this many days.",
    "facts_trailing_days": "How many earlier loaded days the facts-per-day median is taken over.",
    "facts_min_days": "No facts-drop warning until this many earlier days are loaded.",
    "facts_min_ratio": "Warn when the day's facts are below this share of the trailing median.",
    "fetch_failure_max_share": "Warn when more than this share of a source's fetch attempts of the day failed.",
    "fetch_failure_min_attempts": "Sources with fewer attempts of the day are not judged on their failure share.",
}


class CheckSettings(dg.ConfigurableResource):
    """Thresholds of the warning (non-blocking) checks; the defaults are Settings' (warehouse/settings.py),
    where the SENTRA_* variables are read."""

    silent_source_days: int = Field(Settings.silent_source_days, description=_THRESHOLDS["silent_source_days"])
    facts_trailing_days: int = Field(Settings.facts_trailing_days, description=_THRESHOLDS["facts_trailing_days"])
    facts_min_days: int = Field(Settings.facts_min_days, description=_THRESHOLDS["facts_min_days"])
    facts_min_ratio: float = Field(Settings.facts_min_ratio, description=_THRESHOLDS["facts_min_ratio"])
    fetch_failure_max_share: float = Field(Settings.fetch_failure_max_share,
                                           description=_THRESHOLDS["fetch_failure_max_share"])
    fetch_failure_min_attempts: int = Field(Settings.fetch_failure_min_attempts,
                                            description=_THRESHOLDS["fetch_failure_min_attempts"])

    @classmethod
    def from_settings(cls, settings: Settings) -> "CheckSettings":
        return cls(**{name: getattr(settings, name) for name in cls.model_fields})


def query_rows(con, check_file: str, **params) -> tuple[list[str], list[tuple]]:
    """Column names and rows of a check file (sql/checks/), with its named parameters bound."""
    return query_file_rows(con, f"checks/{check_file}", **params)


def _violations(warehouse: WarehouseResource, check_file: str, limit: int = 5, **params) -> tuple[int, list[tuple]]:
    query = query_file(f"checks/{check_file}")
    bound = bind(query, params, check_file)
    with warehouse.get_connection() as con:
        n = con.execute(f"SELECT count(*) FROM ({query})", bound).fetchone()[0]
        sample = con.execute(f"SELECT * FROM ({query}) LIMIT {limit}", bound).fetchall()
    return n, sample


def markdown_table(columns: list[str], rows: list[tuple]) -> str:
    if not rows:
        return "none"
    lines = ["| " + " | ".join(columns) + " |", "|---" * len(columns) + "|"]
    lines += ["| " + " | ".join(str(v).replace("|", "/") for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _partition_day(context: dg.AssetCheckExecutionContext) -> str:
    if context.has_partition_key:
        return context.partition_key
    day = context.run.tags.get("dagster/partition")
    if not day:
        raise dg.Failure("this check judges one day: run it in a partitioned run (one daily partition)")
    return day


def _rows_of_the_day(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource, check_file: str,
                     **params) -> tuple[str, list[str], list[tuple]]:
    """The run's day, and the columns and rows of a warning check's SQL for that day."""
    day = _partition_day(context)
    with warehouse.get_connection() as con:
        columns, rows = query_rows(con, check_file, day=day, **params)
    return day, columns, rows


def _warning_check(asset, name: str):
    """A check that warns and never blocks: it says that something upstream probably changed. Its
    docstring is its description in the UI."""
    return dg.asset_check(asset=asset, name=name, blocking=False)


def _warning(passed: bool, description: str | None, metadata: dict) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(passed=passed, severity=dg.AssetCheckSeverity.WARN, description=description,
                               metadata=metadata)


def _sql_check(name: str, check_file: str, description: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=fact_indicator, name=name, blocking=True, description=description)
    def _check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        n, sample = _violations(warehouse, check_file)
        return dg.AssetCheckResult(passed=n == 0, metadata={
            "violations": n, "sample": dg.MetadataValue.md("\n".join(f"- `{row}`" for row in sample) or "none")})
    return _check


@_warning_check(fetch_log, "sources_not_silent")
def sources_not_silent(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource,
                       check_settings: CheckSettings) -> dg.AssetCheckResult:
    """Warns (never blocks) when a source crawled on the day has had no successful article fetch for
    check_settings.silent_source_days days (default 3). SQL: sql/checks/silent_sources.sql."""
    day, columns, rows = _rows_of_the_day(context, warehouse, "silent_sources.sql",
                                          silent_days=check_settings.silent_source_days)
    return _warning(
        passed=not rows,
        description=(f"{len(rows)} source(s) silent for {check_settings.silent_source_days}+ days: "
                     + ", ".join(r[0] for r in rows)) if rows else None,
        metadata={"day": day, "silent_source_days": check_settings.silent_source_days, "silent_sources": len(rows),
                  "sources": dg.MetadataValue.md(markdown_table(columns, rows))})


@_warning_check(fact_indicator, "facts_per_day_not_dropped")
def facts_per_day_not_dropped(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource,
                              check_settings: CheckSettings) -> dg.AssetCheckResult:
    """Warns (never blocks) when the day's facts fall below check_settings.facts_min_ratio (default 0.5)
    of the median of the previous loaded days (up to 7; needs 3). SQL:
    sql/checks/facts_per_day_drop.sql."""
    day, _, rows = _rows_of_the_day(context, warehouse, "facts_per_day_drop.sql",
                                    trailing_days=check_settings.facts_trailing_days,
                                    min_days=check_settings.facts_min_days, min_ratio=check_settings.facts_min_ratio)
    facts, median, n_days, counts, dropped = rows[0]
    return _warning(
        passed=not dropped,
        description=(f"{facts} facts on {day}, below {check_settings.facts_min_ratio:g} x the median {median:g} "
                     f"of the previous {n_days} loaded days") if dropped else None,
        metadata={"day": day, "facts_on_day": facts,
                  "trailing_median": float(median) if median is not None else None,
                  "trailing_days": n_days, "trailing_counts": counts or "none",
                  "min_ratio": check_settings.facts_min_ratio})


@_warning_check(fetch_log, "fetch_failure_share_low")
def fetch_failure_share_low(context: dg.AssetCheckExecutionContext, warehouse: WarehouseResource,
                            check_settings: CheckSettings) -> dg.AssetCheckResult:
    """Warns (never blocks) when more than check_settings.fetch_failure_max_share (default 0.3) of a
    source's fetch attempts of the day failed. SQL: sql/checks/fetch_failure_share.sql."""
    day, columns, rows = _rows_of_the_day(context, warehouse, "fetch_failure_share.sql",
                                          max_share=check_settings.fetch_failure_max_share,
                                          min_attempts=check_settings.fetch_failure_min_attempts,
                                          not_failures=sorted(NOT_FAILURES))
    return _warning(
        passed=not rows,
        description=("sources with many failed fetches: "
                     + ", ".join(f"{r[0]} ({r[3]:.0%} of {r[1]})" for r in rows)) if rows else None,
        metadata={"day": day, "max_share": check_settings.fetch_failure_max_share, "sources_over": len(rows),
                  "sources": dg.MetadataValue.md(markdown_table(columns, rows))})


fact_checks = [
    _sql_check("fact_city_in_dim_city", "fact_city_in_dim_city.sql", "Every fact's city exists in dim_city."),
    _sql_check("no_duplicate_facts", "duplicate_facts.sql", "No fact is stored twice."),
    _sql_check("values_positive_and_plausible", "implausible_values.sql",
               "Values are positive and below each indicator's plausible maximum."),
    _sql_check("star_references_resolve", "orphan_references.sql",
               "Every fact's article, indicator, date and sentra exist in their dimensions."),
]
warning_checks = [sources_not_silent, facts_per_day_not_dropped, fetch_failure_share_low]
all_checks = fact_checks + warning_checks
