"""Asset checks on the warehouse. Blocking checks stop the day's views and publish when they fail, so
BI users keep yesterday's good warehouse instead of today's broken one."""

import dagster as dg

from assets.warehouse_tables import fact_indicator
from orchestration.resources import WarehouseResource
from warehouse.db import sql_statements


def _violations(warehouse: WarehouseResource, check_file: str, limit: int = 5) -> tuple[int, list[tuple]]:
    (query,) = sql_statements(f"checks/{check_file}")
    with warehouse.get_connection() as con:
        n = con.execute(f"SELECT count(*) FROM ({query})").fetchone()[0]
        sample = con.execute(f"SELECT * FROM ({query}) LIMIT {limit}").fetchall()
    return n, sample


def _sql_check(name: str, check_file: str, description: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=fact_indicator, name=name, blocking=True, description=description)
    def _check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        n, sample = _violations(warehouse, check_file)
        return dg.AssetCheckResult(passed=n == 0, metadata={
            "violations": n, "sample": dg.MetadataValue.md("\n".join(f"- `{row}`" for row in sample) or "none")})
    return _check


fact_checks = [
    _sql_check("fact_city_in_dim_city", "fact_city_in_dim_city.sql", "Every fact's city exists in dim_city."),
    _sql_check("no_duplicate_facts", "duplicate_facts.sql", "No fact is stored twice."),
    _sql_check("values_positive_and_plausible", "implausible_values.sql",
               "Values are positive and below each indicator's plausible maximum."),
    _sql_check("star_references_resolve", "orphan_references.sql",
               "Every fact's article, indicator, date and sentra exist in their dimensions."),
]
