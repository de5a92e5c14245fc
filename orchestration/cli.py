"""The `sentra` command.

`sentra extract` is the quick path used to measure extraction quality: it imports only the reader, not
Dagster (whose import alone costs most of a second). `sentra run` materializes the daily job through
Dagster, so the run shows in the UI when DAGSTER_HOME is set.

Errors are one line on stderr: exit 2 when the command line is wrong (an option, a date, a file it names
that does not exist), 1 for anything else (a sources or corrections file that cannot be used, a bad
SENTRA_* variable, a failed day). SENTRA_DEBUG=1 adds the traceback. A new command is one more
`@main.command()` function; `_data_options` gives it --data-dir and --warehouse like the others.
"""
from __future__ import annotations

import dataclasses
import json
import os
import sys
import traceback
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from warehouse.settings import Settings, SettingsError, debug

JAKARTA = ZoneInfo("Asia/Jakarta")


def yesterday_in_jakarta() -> date:
    return datetime.now(JAKARTA).date() - timedelta(days=1)


class SentraCommands(click.Group):
    """Click's group, with every error as one line (see the module's docstring)."""

    def main(self, *args, **kwargs):
        kwargs["standalone_mode"] = False
        try:
            result = super().main(*args, **kwargs)
        except getattr(click.exceptions, "NoArgsIsHelpError", ()) as e:  # `sentra` alone: its help
            click.echo(e.format_message())
            sys.exit(0)
        except click.UsageError as e:
            where = e.ctx.command_path if e.ctx else "sentra"
            click.echo(f"{where}: {e.format_message()}", err=True)
            sys.exit(2)
        except click.Abort:
            click.echo("sentra: aborted", err=True)
            sys.exit(1)
        except click.ClickException as e:
            click.echo(f"sentra: {e.format_message()}", err=True)
            sys.exit(e.exit_code)
        except SettingsError as e:
            if debug():
                traceback.print_exc()
            click.echo(f"sentra: {e}", err=True)
            sys.exit(1)
        except Exception as e:  # noqa: BLE001 - one line for a person; the traceback on request
            if debug():
                raise
            message = " ".join(str(e).split()) or "(no message)"
            click.echo(f"sentra: {type(e).__name__}: {message} (SENTRA_DEBUG=1 shows the traceback)", err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


@click.group(cls=SentraCommands)
def main() -> None:
    """Sentra: facts about Indonesia's sentra IKM, read from regional news into a DuckDB warehouse."""


@main.command()
@click.argument("pages", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--text", "with_text", is_flag=True, help="Add the main text the reader took from each page.")
def extract(pages: tuple[str, ...], with_text: bool) -> None:
    """Read saved pages and print one JSON line each (the devset contract); exit 1 when a page could not
    be read (its line has `error`)."""
    from scrapers.reading.extract import extract_file

    failed = 0
    for page in pages:
        result = extract_file(page, with_text=with_text)
        failed += bool(result.get("error"))
        click.echo(json.dumps(result, ensure_ascii=False))
    if failed:
        sys.exit(1)


def _day(value: str, option: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a day: expected YYYY-MM-DD, such as 2026-11-22",
                                 param_hint=option) from None


def _days(day: str | None, first: str | None, last: str | None) -> list[str]:
    if day and (first or last):
        raise click.UsageError("use --date, or --from and --to, not both")
    if first or last:
        start = _day(first or last, "--from" if first else "--to")
        end = _day(last or first, "--to" if last else "--from")
        if end < start:
            raise click.UsageError("--to is before --from")
        days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    else:
        days = [_day(day, "--date") if day else yesterday_in_jakarta()]
    if days[-1] > yesterday_in_jakarta():
        raise click.UsageError(f"{days[-1]} has not ended yet in Asia/Jakarta: the latest day to fill is "
                               f"{yesterday_in_jakarta()}")
    return [d.isoformat() for d in days]


def _data_options(command):
    """--data-dir and --warehouse, which every command that reads or writes the data folder takes; each
    overrides its variable (SENTRA_DATA_DIR, SENTRA_WAREHOUSE)."""
    command = click.option("--warehouse", "warehouse_file", type=click.Path(dir_okay=False),
                           help="The published DuckDB file BI tools read (default: SENTRA_WAREHOUSE, else "
                                "DATA_DIR/warehouse.duckdb).")(command)
    return click.option("--data-dir", type=click.Path(file_okay=False),
                        help="Folder for the raw archive, the lake, the working warehouse and the state "
                             "(default: SENTRA_DATA_DIR, else data).")(command)


def _day_options(verb: str, date_default: str = ""):
    """--date, or --from and --to."""
    def decorate(command):
        for option in reversed([
            click.option("--date", "day", help=f"The day to {verb}, YYYY-MM-DD{date_default}."),
            click.option("--from", "first", help=f"First day of a range to {verb}."),
            click.option("--to", "last", help=f"Last day of a range to {verb}."),
        ]):
            command = option(command)
        return command
    return decorate


@main.command()
@click.option("--sources", "sources_file", type=click.Path(exists=True, dir_okay=False),
              help="YAML sources file (default: SENTRA_SOURCES, else the bundled sample site, served on 127.0.0.1).")
@_data_options
@_day_options("fill", " (default: yesterday in Asia/Jakarta)")
def run(sources_file, warehouse_file, data_dir, day, first, last) -> None:
    """Materialize the daily job for a day (or a range of days) and print what it did."""
    from assets.resources import check_configuration

    days = _days(day, first, last)
    settings = Settings.from_env(data_dir=data_dir, sources_file=sources_file, warehouse_file=warehouse_file)
    check_configuration(settings)
    from orchestration.runner import run_days

    _report(run_days(days, settings=settings))


@main.command()
@_data_options
@_day_options("re-read from its raw archive")
def reprocess(warehouse_file, data_dir, day, first, last) -> None:
    """Re-extract days from the raw archive with the current extractor, without the network."""
    from assets.resources import check_configuration

    if not (day or first or last):
        raise click.UsageError("give --date, or --from and --to")
    days = _days(day, first, last)
    settings = Settings.from_env(data_dir=data_dir, warehouse_file=warehouse_file)
    check_configuration(dataclasses.replace(settings, sources_file=None))  # re-reading fetches nothing
    missing = [d for d in days if not settings.lake.archive(d).exists()]
    for d in missing:
        click.echo(f"{d}: no raw archive in {settings.lake.archive(d).parent}, nothing to re-read", err=True)
    days = [d for d in days if d not in missing]
    if not days:
        sys.exit(1)
    from orchestration.runner import run_days

    _report(run_days(days, settings=settings, job_name="reprocess"))


def _report(summaries: list[dict]) -> None:
    """Print one line per day, the problems, where the warehouse is; exit 1 when a day failed."""
    ok = True
    for s in summaries:
        ok &= s["success"]
        click.echo(
            f"{s['day']}: {'succeeded' if s['success'] else 'FAILED'} - pages fetched {s['fetched']}, "
            f"not modified {s['not_modified']}, unchanged by sitemap {s.get('unchanged_by_sitemap', 0)}, "
            f"skipped {s['skipped']}, failed {s['failed']}; "
            f"articles {s['articles']} ({s['relevant']} about IKM), facts {s['facts']}, sentra {s['sentra']}")
        for problem in s["problems"]:
            click.echo(f"  ! {problem}")
    last_summary = summaries[-1]
    click.echo(f"Warehouse (open read-only in a BI tool): {Path(last_summary['warehouse']).resolve()}")
    click.echo(f"Totals: {last_summary['totals']}")
    click.echo(f"Dagster run ids: {', '.join(s['run_id'] for s in summaries)}"
               + ("" if os.environ.get("DAGSTER_HOME") else " (ephemeral: set DAGSTER_HOME to keep them for the UI)"))
    sys.exit(0 if ok else 1)


def _published(warehouse_file: str | None, data_dir: str | None) -> Path:
    """The published warehouse, which must exist: --warehouse, else SENTRA_WAREHOUSE, else
    DATA_DIR/warehouse.duckdb."""
    path = Settings.from_env(data_dir=data_dir, warehouse_file=warehouse_file).published_warehouse
    if not path.is_file():
        message = f"no warehouse at {path}: run `sentra run` first, or name one with --warehouse"
        if warehouse_file:
            raise click.BadParameter(message, param_hint="--warehouse")
        raise SettingsError(message)
    return path


@main.command("export")
@click.option("--parquet", "parquet_dir", required=True, type=click.Path(file_okay=False),
              help="Folder to write one Parquet file per table and view into (fact_indicator by year).")
@_data_options
def export_command(parquet_dir, warehouse_file, data_dir) -> None:
    """Export every table and view of the published warehouse as Parquet."""
    from warehouse.export import export_parquet

    manifest = export_parquet(_published(warehouse_file, data_dir), parquet_dir)
    for name, r in manifest["relations"].items():
        click.echo(f"{r['kind']:5} {name}: {r['rows']} rows -> {Path(parquet_dir) / r['path']}")


@main.command("docs")
@click.option("--out", "out_dir", default="docs", show_default=True, type=click.Path(file_okay=False),
              help="Folder for data_dictionary.md and erd.md.")
def docs_command(out_dir) -> None:
    """Write the data dictionary and the ERD (from the COMMENT ONs of sql/) into docs/."""
    from warehouse.docs import generate_docs

    for path in generate_docs(out_dir):
        click.echo(f"wrote {path}")


@main.command("report")
@_data_options
@click.option("--out", "out_file", default=None, type=click.Path(dir_okay=False),
              help="The HTML file to write (default: DATA_DIR/report.html).")
def report_command(warehouse_file, data_dir, out_file) -> None:
    """Write a one-page HTML report of the warehouse (self-contained: no network needed to view it)."""
    from warehouse.report import render_report

    report = out_file or Settings.from_env(data_dir=data_dir).lake.report
    path = render_report(_published(warehouse_file, data_dir), report)
    click.echo(f"wrote {Path(path).resolve()}")


@main.command("train")
@click.option("--corpus", type=click.Path(file_okay=False), default=None,
              help="Folder of labelled articles (*.json, the devset format) (default: SENTRA_CORPUS, else "
                   "../shared/devset).")
@click.option("--cv", "folds", type=click.IntRange(min=2), default=None,
              help="Also print out-of-fold scores over K folds grouped by outlet.")
@click.option("--out", "out_file", type=click.Path(dir_okay=False), default=None,
              help="Write the model here (default: the model file inside the package).")
@click.option("--corrections", "corrections_path", type=click.Path(dir_okay=False), default=None,
              help="Also learn from the facts analysts rejected or fixed in this corrections file.")
@click.option("--data-dir", default=None, help="Where the lake keeps the corrected articles, with --corrections "
                                              "(default: SENTRA_DATA_DIR, else data).")
def train_command(corpus, folds, out_file, corrections_path, data_dir) -> None:
    """Fit the reader's decisions on a labelled corpus and write the model file."""
    from scrapers.reading import training
    from scrapers.reading.decide import MODEL_FILE

    corpus = str(Settings.from_env(corpus_dir=corpus).corpus_dir)
    articles = training.load_corpus(corpus)
    if not articles:
        raise click.UsageError(f"{corpus}: no labelled articles (*.json) there; give --corpus DIR")
    extra = None
    if corrections_path:
        from orchestration.teach import corrections_as_labels

        extra = corrections_as_labels(corrections_path, Settings.from_env(data_dir=data_dir).data_dir, len(articles))
        click.echo(f"{len(extra.examples)} labels from {extra.used} corrections in {corrections_path}"
                   + (f"; {len(extra.skipped)} gave none:" if extra.skipped else ""))
        for line in extra.skipped:
            click.echo(f"  {line}")
    if folds:
        cv = training.cross_validate(articles, folds, extra=extra)
        click.echo(training.format_cv(cv))
    model = training.fit(articles, extra=extra)
    target = Path(out_file) if out_file else MODEL_FILE
    target.write_bytes(training.model_bytes(model))
    click.echo(f"wrote {target} ({model['version']}, {model['trained_on']['articles']} articles, "
               f"{model['trained_on']['facts']} labelled numbers of {model['trained_on']['candidates']} candidates)")


@main.command("bench")
@click.option("--pages", type=click.IntRange(min=1), default=1000, show_default=True,
              help="How many generated pages to read (and serve, crawl and load on day 1).")
@click.option("--facts-for-views", type=click.IntRange(min=1), default=1_000_000, show_default=True,
              help="Synthetic facts in the copy of the warehouse the views are timed on.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the page generator.")
@click.option("--workdir", type=click.Path(file_okay=False), default=None,
              help="Keep the generated site and data here (default: a temporary folder, removed).")
@click.option("--profile", "profile_dir", type=click.Path(file_okay=False), default=None,
              help="Write a pyinstrument profile of each stage here (needs pyinstrument installed).")
@click.option("--distributed", is_flag=True,
              help="Instead: the same pages as one day in-process and through the Celery deployment with 1 and "
                   "2 workers (needs `make distributed-check`'s installs): pages/s and the single-writer share.")
def bench_command(pages, facts_for_views, seed, workdir, profile_dir, distributed) -> None:
    """Measure how the pipeline's cost grows with the pages it reads, and print the figures."""
    if distributed:
        from orchestration.deploy.bench import run_distributed_bench

        fig = run_distributed_bench(pages, seed=seed, workdir=workdir, echo=click.echo)
        click.echo(json.dumps(fig, indent=1))
        return
    from orchestration.bench.measure import run_bench

    run_bench(pages, facts_for_views=facts_for_views, seed=seed, workdir=workdir, profile_dir=profile_dir,
              echo=click.echo)


if __name__ == "__main__":
    main()
