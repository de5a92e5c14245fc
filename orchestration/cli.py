"""The `sentra` command.

`sentra extract` is the quick path used to measure extraction quality: it imports only the reader, not
Dagster (whose import alone costs most of a second). `sentra run` materializes the daily job through
Dagster, so the run shows in the UI when DAGSTER_HOME is set.
"""
from __future__ import annotations

import json
import os
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import click

JAKARTA = ZoneInfo("Asia/Jakarta")


def yesterday_in_jakarta() -> date:
    return datetime.now(JAKARTA).date() - timedelta(days=1)


@click.group()
def main() -> None:
    """Sentra: facts about Indonesia's sentra IKM, read from regional news into a DuckDB warehouse."""


@main.command()
@click.argument("pages", nargs=-1, required=True, type=click.Path(dir_okay=False))
def extract(pages: tuple[str, ...]) -> None:
    """Read saved pages and print one JSON line each (the devset contract)."""
    from assets.reading.extract import extract_file

    for page in pages:
        click.echo(json.dumps(extract_file(page), ensure_ascii=False))


def _days(day: str | None, first: str | None, last: str | None) -> list[str]:
    if day and (first or last):
        raise click.UsageError("use --date, or --from and --to, not both")
    if first or last:
        start = date.fromisoformat(first or last)
        end = date.fromisoformat(last or first)
        if end < start:
            raise click.UsageError("--to is before --from")
        days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    else:
        days = [date.fromisoformat(day) if day else yesterday_in_jakarta()]
    if days[-1] > yesterday_in_jakarta():
        raise click.UsageError(f"{days[-1]} has not ended yet in Asia/Jakarta: the latest day to fill is "
                               f"{yesterday_in_jakarta()}")
    return [d.isoformat() for d in days]


@main.command()
@click.option("--sources", "sources_file", type=click.Path(exists=True, dir_okay=False),
              help="YAML sources file (default: the bundled sample site, served on 127.0.0.1).")
@click.option("--warehouse", "warehouse_file", type=click.Path(dir_okay=False),
              help="The published DuckDB file BI tools read (default: DATA_DIR/warehouse.duckdb).")
@click.option("--data-dir", default=lambda: os.environ.get("SENTRA_DATA_DIR", "data"), show_default="data",
              help="Folder for the raw archive, the lake, the working warehouse and the state.")
@click.option("--date", "day", help="The day to fill, YYYY-MM-DD (default: yesterday in Asia/Jakarta).")
@click.option("--from", "first", help="First day of a range to fill (backfill).")
@click.option("--to", "last", help="Last day of a range to fill.")
def run(sources_file, warehouse_file, data_dir, day, first, last) -> None:
    """Materialize the daily job for a day (or a range of days) and print what it did."""
    from orchestration.runner import run_days

    days = _days(day, first, last)
    _report(run_days(days, data_dir=data_dir, sources_file=sources_file, warehouse_file=warehouse_file))


@main.command()
@click.option("--warehouse", "warehouse_file", type=click.Path(dir_okay=False),
              help="The published DuckDB file BI tools read (default: DATA_DIR/warehouse.duckdb).")
@click.option("--data-dir", default=lambda: os.environ.get("SENTRA_DATA_DIR", "data"), show_default="data",
              help="Folder holding the raw archive (DATA_DIR/archive/DAY.warc.gz).")
@click.option("--date", "day", help="The day to re-read, YYYY-MM-DD.")
@click.option("--from", "first", help="First day of a range to re-read.")
@click.option("--to", "last", help="Last day of a range to re-read.")
def reprocess(warehouse_file, data_dir, day, first, last) -> None:
    """Re-extract days from the raw archive with the current extractor, without the network."""
    from orchestration.runner import run_days

    if not (day or first or last):
        raise click.UsageError("give --date, or --from and --to")
    days = _days(day, first, last)
    archive = Path(data_dir) / "archive"
    missing = [d for d in days if not (archive / f"{d}.warc.gz").exists()]
    for d in missing:
        click.echo(f"{d}: no raw archive in {archive}, nothing to re-read", err=True)
    days = [d for d in days if d not in missing]
    if not days:
        sys.exit(1)
    _report(run_days(days, data_dir=data_dir, warehouse_file=warehouse_file, job_name="reprocess"))


def _report(summaries: list[dict]) -> None:
    """Print one line per day, the problems, where the warehouse is; exit 1 when a day failed."""
    ok = True
    for s in summaries:
        ok &= s["success"]
        click.echo(
            f"{s['day']}: {'succeeded' if s['success'] else 'FAILED'} - pages fetched {s['fetched']}, "
            f"not modified {s['not_modified']}, skipped {s['skipped']}, failed {s['failed']}; "
            f"articles {s['articles']} ({s['relevant']} about IKM), facts {s['facts']}, sentra {s['sentra']}")
        for problem in s["problems"]:
            click.echo(f"  ! {problem}")
    last_summary = summaries[-1]
    click.echo(f"Warehouse (open read-only in a BI tool): {Path(last_summary['warehouse']).resolve()}")
    click.echo(f"Totals: {last_summary['totals']}")
    click.echo(f"Dagster run ids: {', '.join(s['run_id'] for s in summaries)}"
               + ("" if os.environ.get("DAGSTER_HOME") else " (ephemeral: set DAGSTER_HOME to keep them for the UI)"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
