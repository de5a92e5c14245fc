"""raw_pages, articles and extractions spread over workers: each is a graph asset whose ops are one step
per source of the day (Dagster dynamic outputs) and one step that joins the sources' parts into the
day's files. Same asset keys, same files, same metadata as assets.ingestion.raw_pages and
assets.articles, so the warehouse assets are unchanged and still run once per day, after every source of
that day has finished; near-duplicates are looked for across the whole day, in the order of the sources
file (articles' join). What the Celery code location (orchestration/deploy/definitions.py) runs.

Why a fan-out inside the daily job and not a day x source multi-partition: the warehouse assets load one
day at a time and must wait for all of that day's sources; with a multi-partition the daily assets would
be a second partitioned job started by a sensor or an automation condition once the day's source
partitions were all materialized, and `sentra run`, the schedule, the checks, the failure alerts and
reprocessing would all change. Here a day stays one run, its source-days are separate steps that any
Celery worker takes (a failed one is retried alone), and the in-process job is the same as before.

Each source writes its own part (assets.ingestion.CrawlFiles.for_source: archive, fetch log, unchanged
list and crawl state; then the pages it read, then its extractions), so workers never write the same
file; the joins put the parts together in the order of the sources file (WARC files are gzip members,
which concatenate) and, for the extractions, in the order of articles.jsonl.
"""

import os
import re
import shutil
from collections import Counter

import dagster as dg

from assets.ingestion import RAW_PAGES_RETRY, CrawlFiles, CrawlState, crawl, crawl_metadata, write_sources
from assets.partitions import daily_partitions
from assets.resources import SentraSettings, configuration_failure
from warehouse.settings import SettingsError


def mapping_key(name: str) -> str:
    """A source name as a Dagster mapping key (letters, digits, underscores)."""
    return re.sub(r"[^A-Za-z0-9_]", "_", name)


@dg.op(out=dg.DynamicOut(str), tags={"layer": "raw"})
def day_sources(context: dg.OpExecutionContext, settings: SentraSettings):
    """The day's sources, one output each: every one becomes a crawl step of its own."""
    day = context.partition_key
    try:
        with settings.open_sources() as sources:
            write_sources(settings.lake, day, sources)
            names = [s.name for s in sources]
    except SettingsError as e:  # a bad sources file: no retry can fix it
        raise configuration_failure(context, e) from None
    for name in names:
        yield dg.DynamicOutput(name, mapping_key=mapping_key(name))


@dg.op(retry_policy=RAW_PAGES_RETRY, tags={"layer": "raw"})
def crawl_source_day(context: dg.OpExecutionContext, settings: SentraSettings, source: str) -> dict:
    """One source's pages of the day into its own part of the archive, the fetch log and the crawl state."""
    day = context.partition_key
    files = CrawlFiles.for_source(settings.lake, day, source)
    state = CrawlState.load(files)
    with settings.open_sources() as sources:
        attempts, unchanged = crawl(settings, [s for s in sources if s.name == source], files, state)
    state.save(files)
    context.log.info(f"{day} {source}: {sum(attempts.values())} attempts")
    return {"source": source, "attempts": dict(attempts), "unchanged": dict(unchanged),
            "already": len(state.already)}


def _concat(parts: list, target) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    with open(tmp, "wb") as out:
        for part in parts:
            if part.exists():
                with open(part, "rb") as f:
                    shutil.copyfileobj(f, out, 1 << 20)
    os.replace(tmp, target)


@dg.op(tags={"layer": "raw"})
def join_source_days(context: dg.OpExecutionContext, settings: SentraSettings, parts: list[dict]):
    """The day's archive, fetch log and unchanged list, from the sources' parts in sources-file order."""
    from warehouse.lake import read_json

    day = context.partition_key
    lake = settings.lake
    order = read_json(lake.file(day, "source_order.json"), [])
    rank = {name: i for i, name in enumerate(order)}
    parts = sorted(parts, key=lambda p: rank.get(p["source"], len(rank)))
    files = [CrawlFiles.for_source(lake, day, p["source"]) for p in parts]
    whole = CrawlFiles.for_day(lake, day)
    _concat([f.warc for f in files], whole.warc)
    _concat([f.fetch_log for f in files], whole.fetch_log)
    _concat([f.unchanged for f in files], whole.unchanged)
    attempts: Counter = Counter()
    unchanged: Counter = Counter()
    for p in parts:
        attempts.update(p["attempts"])
        unchanged.update(p["unchanged"])
    metadata = crawl_metadata(context.log, day, attempts, unchanged, sum(p["already"] for p in parts), whole)
    metadata["sources_crawled_apart"] = len(parts)
    return dg.Output(None, metadata=metadata)


@dg.graph_asset(
    name="raw_pages",
    partitions_def=daily_partitions,
    group_name="ingestion",
    kinds={"python", "warc"},
    owners=["team:data-engineering"],
    tags={"layer": "raw"},
    description="Every page fetched for the day, one step per source (any worker takes it), joined into "
                "the day's WARC archive and fetch log in sources-file order.",
)
def raw_pages_spread():
    return join_source_days(day_sources().map(crawl_source_day).collect())


# ------------------------------------------------------------------ articles: read per source, dedup per day
def _source_part(lake, day: str, source: str):
    return lake.day_dir(day) / "sources" / source


@dg.op(ins={"crawled": dg.In(dg.Nothing)}, out=dg.DynamicOut(str), tags={"layer": "clean"})
def sources_to_read(context: dg.OpExecutionContext, settings: SentraSettings):
    """The day's sources, one output each: every one becomes a read step of its own."""
    from warehouse.lake import read_json

    for name in read_json(settings.lake.file(context.partition_key, "source_order.json"), []):
        yield dg.DynamicOutput(name, mapping_key=mapping_key(name))


@dg.op(tags={"layer": "clean"})
def read_source_day(context: dg.OpExecutionContext, settings: SentraSettings, source: str) -> dict:
    """One source's archived pages of the day, read (over the worker's cores) into the source's part:
    the pages as read, and what dedup needs of each (record, sketch, offset)."""
    import json

    from assets.articles import articles_fetched, read_pages
    from warehouse.lake import read_json

    day = context.partition_key
    lake = settings.lake
    part = _source_part(lake, day, source)
    files = CrawlFiles.for_source(lake, day, source)
    pages, sketches, offsets, unreadable = read_pages(files.warc, read_json(lake.file(day, "sources.json"), {}), day,
                                                      part / "pages_read.jsonl", articles_fetched(files.fetch_log))
    meta = part / "pages_meta.jsonl"
    with open(meta.with_suffix(".jsonl.tmp"), "w", encoding="utf-8") as f:
        for page, sk in zip(pages, sketches):
            f.write(json.dumps(dict(page, sketch=list(sk), offset=offsets[page["index"]]),
                               ensure_ascii=False, default=str) + "\n")
    os.replace(meta.with_suffix(".jsonl.tmp"), meta)
    context.log.info(f"{day} {source}: {len(pages)} pages read, {unreadable} without text")
    return {"source": source, "unreadable": unreadable}


@dg.op(tags={"layer": "clean"})
def dedup_day(context: dg.OpExecutionContext, settings: SentraSettings, parts: list[dict]):
    """The sources' pages joined in sources-file order, near-duplicates looked for across the whole day,
    the day's articles.jsonl written: the same file the in-process `articles` writes."""
    from array import array

    from assets.articles import write_distinct
    from warehouse.lake import read_json, read_jsonl

    day = context.partition_key
    lake = settings.lake
    rank = {name: i for i, name in enumerate(read_json(lake.file(day, "source_order.json"), []))}
    parts = sorted(parts, key=lambda p: rank.get(p["source"], len(rank)))
    read_path = lake.file(day, "pages_read.jsonl")
    pages, sketches, offsets = [], [], []
    base = 0
    read_path.parent.mkdir(parents=True, exist_ok=True)
    with open(read_path, "wb") as out:
        for p in parts:
            part = _source_part(lake, day, p["source"])
            for rec in read_jsonl(part / "pages_meta.jsonl"):
                sketches.append(array("I", rec.pop("sketch")))
                offsets.append(base + rec.pop("offset"))
                rec["index"] = len(pages)
                pages.append(rec)
            if (part / "pages_read.jsonl").exists():
                with open(part / "pages_read.jsonl", "rb") as f:
                    shutil.copyfileobj(f, out, 1 << 20)
            base = out.tell()
    path, n, duplicates = write_distinct(lake, day, pages, sketches, offsets, read_path)
    for p in parts:
        part = _source_part(lake, day, p["source"])
        (part / "pages_read.jsonl").unlink(missing_ok=True)
        (part / "pages_meta.jsonl").unlink(missing_ok=True)
    return dg.Output(None, metadata={
        "articles": n, "duplicates_dropped": duplicates,
        "pages_without_text": sum(p["unreadable"] for p in parts),
        "path": dg.MetadataValue.path(str(path)), "sources_read_apart": len(parts),
    })


@dg.graph_asset(
    name="articles",
    ins={"raw_pages": dg.AssetIn(dagster_type=dg.Nothing)},
    partitions_def=daily_partitions,
    group_name="extraction",
    kinds={"python"},
    owners=["team:data-engineering"],
    tags={"layer": "clean"},
    description="The day's distinct articles: each source's pages read in a step of its own (any worker), "
                "then near-duplicates looked for across the whole day.",
)
def articles_spread(raw_pages):
    return dedup_day(sources_to_read(crawled=raw_pages).map(read_source_day).collect())


# ------------------------------------------------------------------ extractions: per source, joined in order
@dg.op(ins={"deduplicated": dg.In(dg.Nothing)}, out=dg.DynamicOut(str), tags={"layer": "extracted"})
def sources_to_extract(context: dg.OpExecutionContext, settings: SentraSettings):
    """The day's sources, one output each: every one becomes an extraction step of its own."""
    from warehouse.lake import read_json

    for name in read_json(settings.lake.file(context.partition_key, "source_order.json"), []):
        yield dg.DynamicOutput(name, mapping_key=mapping_key(name))


@dg.op(tags={"layer": "extracted"})
def extract_source_day(context: dg.OpExecutionContext, settings: SentraSettings, source: str) -> str:
    """The reader over one source's articles of the day (those the source keeps after dedup), each line
    numbered as in articles.jsonl so that the join restores the day's order."""
    from assets.articles import extract_articles
    from warehouse.lake import write_jsonl

    day = context.partition_key
    lake = settings.lake
    n = write_jsonl(_source_part(lake, day, source) / "extractions.jsonl",
                    ({"line": i, "article": art, "error": error}
                     for i, art, error in extract_articles(lake.file(day, "articles.jsonl"), day, source)))
    context.log.info(f"{day} {source}: {n} articles read by the extractor")
    return source


@dg.op(tags={"layer": "extracted"})
def join_extractions(context: dg.OpExecutionContext, settings: SentraSettings, sources: list[str]):
    """The sources' extractions merged back into the order of articles.jsonl: the same extractions.jsonl
    and metadata as the in-process `extractions`."""
    import heapq

    from assets.articles import ExtractionTally
    from warehouse.lake import read_jsonl, write_jsonl

    day = context.partition_key
    lake = settings.lake
    parts = [_source_part(lake, day, s) / "extractions.jsonl" for s in sources]
    merged = heapq.merge(*(((r["line"], r["article"], r["error"]) for r in read_jsonl(p)) for p in parts),
                         key=lambda t: t[0])
    tally = ExtractionTally()
    write_jsonl(lake.file(day, "extractions.jsonl"), tally.records(merged))
    for p in parts:
        p.unlink(missing_ok=True)
    metadata = tally.metadata(context.log)
    metadata["sources_extracted_apart"] = len(sources)
    return dg.Output(None, metadata=metadata)


@dg.graph_asset(
    name="extractions",
    ins={"articles": dg.AssetIn(dagster_type=dg.Nothing)},
    partitions_def=daily_partitions,
    group_name="extraction",
    kinds={"python"},
    owners=["team:data-engineering"],
    tags={"layer": "extracted"},
    description="What the Indonesian reader found in each article, one step per source (any worker), "
                "joined in the order of articles.jsonl.",
)
def extractions_spread(articles):
    return join_extractions(sources_to_extract(deduplicated=articles).map(extract_source_day).collect())


def spread_assets() -> list:
    """Every asset of the daily job, with raw_pages, articles and extractions spread per source."""
    from assets import articles as articles_module
    from assets import corrections, warehouse_tables

    spread_keys = {dg.AssetKey("articles"), dg.AssetKey("extractions")}
    others = [a for a in dg.load_assets_from_modules([articles_module, warehouse_tables, corrections])
              if not (spread_keys & set(a.keys))]
    return [raw_pages_spread, articles_spread, extractions_spread, *others]
