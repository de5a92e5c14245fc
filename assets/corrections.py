"""The analysts' corrections (corrections.yaml) applied to the working warehouse after each day's load.

Runs after fact_indicator and dim_sentra and before the warehouse is published; the logic and the SQL are
in warehouse/corrections.py and sql/corrections/. A correction that no longer matches anything does not
fail the run: it is listed in the metadata and in the table `correction_log`.
"""
import dagster as dg

from assets.partitions import daily_partitions
from assets.resources import WarehouseResource, configuration_failure


@dg.asset(partitions_def=daily_partitions, deps=["fact_indicator", "dim_sentra"], group_name="warehouse",
          kinds={"duckdb"}, owners=["team:data-engineering"], pool="duckdb_writer", tags={"layer": "corrections"})
def corrections_applied(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Fixes, rejections, sentra merges and commodities from corrections.yaml; outcome in correction_log."""
    from warehouse.corrections import CorrectionError, apply_corrections

    with warehouse.get_connection() as con:
        try:
            summary = apply_corrections(con)
        except CorrectionError as e:  # the file is not YAML, or not a list of corrections: no retry fixes it
            raise configuration_failure(context, e) from None
    problems = [r for r in summary["log"] if r["status"] != "applied"]
    for r in problems:
        context.log.warning(f"correction {r['correction_id']} ({r['action']}) {r['status']}: {r['message']}")
    table = ["| id | action | status | matched | target / message |", "|---|---|---|---|---|"] + [
        f"| {r['correction_id']} | {r['action']} | {r['status']} | {r['n_matched']} | "
        f"{(r['message'] or r['target'] or '').replace('|', '/')} |" for r in summary["log"]]
    return dg.MaterializeResult(metadata={
        "corrections_file": dg.MetadataValue.path(summary["file"]),
        "corrections": summary["corrections"], "applied": summary["applied"],
        "unmatched": summary["unmatched"], "invalid": summary["invalid"],
        "unmatched_ids": ", ".join(r["correction_id"] for r in problems if r["status"] == "unmatched") or "none",
        "correction_log": dg.MetadataValue.md("\n".join(table)),
    })
