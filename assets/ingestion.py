"""raw_pages: crawl every source for the day and keep every response in the day's WARC archive.

A run killed midway and started again does not fetch twice what the archive already holds. Every
attempt, failed or not, is a line of the day's fetch log; the engineer sees the counts per source and
outcome in the materialization's metadata.

An article URL that the sitemap dates (``<lastmod>``) no later than our last successful fetch of it (state
file data/state/last_fetched.json: the time of the last 200 or 304) is not requested at all. It is no
attempt, so it gets no fetch_log line (the fetch_log table stays one row per request made, and its checks
judge requests); it is counted per source as ``unchanged_by_sitemap`` in the metadata, next to
``not_modified`` (a request answered 304), and listed in the day's lake file unchanged_by_sitemap.jsonl.
URLs without a lastmod keep the conditional GET. Like a 304, a skipped page adds no article to the day:
its facts stay with the day it was read.
"""

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import dagster as dg

from assets.lake import count_lines, read_json, write_json
from assets.partitions import daily_partitions
from orchestration.resources import SentraSettings


def fetch_log_row(result) -> dict:
    return {
        "url": result.url, "source": result.source, "kind": result.kind, "http_status": result.http_status,
        "outcome": result.outcome, "error": result.error, "fetched_at": result.fetched_at.isoformat(),
        "elapsed_s": round(result.elapsed_s, 4), "bytes": len(result.body) if result.body is not None else None,
    }


def outcome_table(tally: Counter, extra: Counter | None = None) -> str:
    """Markdown table of attempts per source and outcome, for the Dagster UI, from a tally of
    (source, outcome, kind); `extra` adds counts by (source, outcome) that are not attempts (URLs left
    alone as unchanged)."""
    counts: Counter = Counter()
    for (source, outcome, _kind), n in tally.items():
        counts[(source, outcome)] += n
    counts.update(extra or {})
    outcomes = sorted({o for _, o in counts})
    lines = ["| source | " + " | ".join(outcomes) + " |", "|---" * (len(outcomes) + 1) + "|"]
    for source in sorted({s for s, _ in counts}):
        lines.append(f"| {source} | " + " | ".join(str(counts[(source, o)]) for o in outcomes) + " |")
    return "\n".join(lines)


FETCH_OK = ("ok", "not_modified", "robots_disallowed")  # robots refusals are obeyed, not failures


def source_counts(tally: Counter) -> dict[str, dict[str, int]]:
    """Per source: article pages fetched, and attempts (article or discovery) that failed."""
    counts: dict[str, dict[str, int]] = {}
    for (source, outcome, kind), n in tally.items():
        c = counts.setdefault(source, {"fetched": 0, "failed": 0})
        c["fetched"] += n if outcome == "ok" and kind == "article" else 0
        c["failed"] += n if outcome not in FETCH_OK else 0
    return dict(sorted(counts.items()))


def _later(a: str, b: str) -> bool:
    try:
        return datetime.fromisoformat(a) > datetime.fromisoformat(b)
    except (TypeError, ValueError):
        return True


@dataclass(frozen=True)
class CrawlFiles:
    """Where one crawl writes: the day's files for the whole day (in-process), or one source's part of
    the day (a step of the spread job, assets.spread), merged into the day's files afterwards."""
    warc: Path
    fetch_log: Path
    unchanged: Path
    validators: Path
    last_fetched: Path

    @classmethod
    def for_day(cls, lake, day: str) -> "CrawlFiles":
        return cls(warc=lake.archive(day), fetch_log=lake.file(day, "fetch_log.jsonl"),
                   unchanged=lake.file(day, "unchanged_by_sitemap.jsonl"),
                   validators=lake.validators, last_fetched=lake.last_fetched)

    @classmethod
    def for_source(cls, lake, day: str, source: str) -> "CrawlFiles":
        """One source's part: its own archive, log and state, so that workers crawling other sources of
        the same day never write the same file."""
        part = lake.day_dir(day) / "sources" / source
        state = lake.root / "state" / "sources" / source
        return cls(warc=lake.root / "archive" / "parts" / day / f"{source}.warc.gz",
                   fetch_log=part / "fetch_log.jsonl", unchanged=part / "unchanged_by_sitemap.jsonl",
                   validators=state / "validators.json", last_fetched=state / "last_fetched.json")


@dataclass
class CrawlTally:
    attempts: Counter = field(default_factory=Counter)   # (source, outcome, kind) -> requests
    unchanged: Counter = field(default_factory=Counter)  # (source, UNCHANGED) -> URLs not requested
    already: int = 0                                      # URLs the archive held before this run

    def add(self, other: "CrawlTally") -> None:
        self.attempts.update(other.attempts)
        self.unchanged.update(other.unchanged)
        self.already += other.already


def crawl(log, settings: SentraSettings, sources: list, files: CrawlFiles) -> CrawlTally:
    """Crawl `sources`, archiving every response in files.warc and logging every attempt; the state
    (validators, last fetch per URL) is read from and written to files'."""
    from scrapers.archive import append_to_warc, archived_fetches
    from scrapers.crawl import UNCHANGED, crawl_sources
    from scrapers.fetch import Fetcher
    from scrapers.ratelimit import limiter_from_url

    warc, log_path = files.warc, files.fetch_log
    validators = read_json(files.validators, {})
    last_fetched: dict[str, str] = read_json(files.last_fetched, {})
    already: set[str] = set()
    recovered = False
    # A day run again (resumed after a kill, or repeated): what its archive holds is not fetched again, and
    # what it received counts as fetched even if the killed run could not save its state. Older state
    # never replaces newer (a past day may be run again).
    for f in archived_fetches(warc):
        if f.done:
            already.update(u for u in (f.url, f.final_url) if u)
        if f.kind == "article" and f.outcome in ("ok", "not_modified") and f.fetched_at is not None:
            when = f.fetched_at.isoformat()
            if f.url not in last_fetched or _later(when, last_fetched[f.url]):
                last_fetched[f.url] = when
                recovered = True
            if f.outcome == "ok" and (f.etag or f.last_modified) and f.url not in validators:
                validators[f.url] = [f.etag, f.last_modified]
                recovered = True
    fetcher = Fetcher(user_agent=settings.user_agent, respect_robots=settings.polite,
                      one_connection_per_host=settings.polite,
                      validators={u: tuple(v) for u, v in validators.items()},
                      host_limiter=limiter_from_url(settings.rate_limit_redis))
    # attempts counted by (source, outcome, kind), not kept: a day of 100k fetches held ~100 MB of rows
    tally = CrawlTally()
    attempts, unchanged = tally.attempts, tally.unchanged
    unchanged_path = files.unchanged
    unchanged_tmp = unchanged_path.with_suffix(".jsonl.tmp")
    seen: dict[str, str | None] = {}  # article URL -> time its content was received or confirmed; None: forget
    new_validators: dict[str, list] = {}
    log_path.parent.mkdir(parents=True, exist_ok=True)
    unchanged_path.parent.mkdir(parents=True, exist_ok=True)
    warc.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("a", encoding="utf-8") as log_file, \
            unchanged_tmp.open("w", encoding="utf-8") as unchanged_file:
        for result in crawl_sources(sources, fetcher, skip_urls=already, last_fetched=last_fetched):
            if result.outcome == UNCHANGED:
                unchanged[(result.source, UNCHANGED)] += 1
                unchanged_file.write(json.dumps({"url": result.url, "source": result.source,
                                                 "last_fetched": last_fetched.get(result.url)}) + "\n")
                continue
            row = fetch_log_row(result)
            log_file.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            log_file.flush()  # a killed run keeps every line written so far
            attempts[(row["source"], row["outcome"], row["kind"])] += 1
            append_to_warc(warc, result)  # every response that came back, failed or not
            if result.kind != "article":
                continue
            if result.outcome in ("ok", "not_modified"):
                seen[result.url] = result.fetched_at.isoformat()
            else:  # gone, failing or refused: the next run asks again whatever the sitemap says
                seen[result.url] = None
            if result.outcome == "ok" and (result.etag or result.last_modified):
                new_validators[result.url] = [result.etag, result.last_modified]
    if new_validators or recovered or not files.validators.exists():
        validators.update(new_validators)
        write_json(files.validators, validators, compact=True)
    if seen or recovered or not files.last_fetched.exists():
        for url, when in seen.items():
            if when is None:
                last_fetched.pop(url, None)
            else:
                last_fetched[url] = when
        write_json(files.last_fetched, last_fetched, compact=True)
    os.replace(unchanged_tmp, unchanged_path)
    tally.already = len(already)
    return tally


def crawl_metadata(log, day: str, tally: CrawlTally, warc: Path, log_path: Path) -> dict:
    """raw_pages' materialization metadata, from the tally of one crawl or of all a day's source parts."""
    attempts, unchanged = tally.attempts, tally.unchanged
    outcomes: Counter = Counter()
    for (_source, outcome, _kind), n in attempts.items():
        outcomes[outcome] += n
    skipped = outcomes.get("robots_disallowed", 0)
    failed = sum(n for o, n in outcomes.items() if o not in ("ok", "not_modified", "robots_disallowed"))
    n_unchanged = sum(unchanged.values())
    n_attempts = sum(attempts.values())
    log.info(f"{day}: {n_attempts} attempts, {dict(outcomes)}, {tally.already} already archived, "
             f"{n_unchanged} unchanged by sitemap (not requested)")
    return {
        "attempts": n_attempts,
        "fetched": outcomes.get("ok", 0),
        "not_modified": outcomes.get("not_modified", 0),
        "unchanged_by_sitemap": n_unchanged,
        "already_archived": tally.already,
        "robots_disallowed": skipped,
        "failed": failed,
        "per_source": dg.MetadataValue.md(outcome_table(attempts, unchanged)
                                          if attempts or unchanged else "no attempts"),
        "per_source_fetched_failed": dg.MetadataValue.json(source_counts(attempts)),
        "sources_with_failures": sum(1 for c in source_counts(attempts).values() if c["failed"]),
        "archive": dg.MetadataValue.path(str(warc)),
        "fetch_log_lines_today": count_lines(log_path),
    }


RAW_PAGES_SPEC = dict(
    partitions_def=daily_partitions,
    group_name="ingestion",
    kinds={"python", "warc"},
    owners=["team:data-engineering"],
    tags={"layer": "raw"},
)
RAW_PAGES_RETRY = dg.RetryPolicy(max_retries=2, delay=30, backoff=dg.Backoff.EXPONENTIAL, jitter=dg.Jitter.PLUS_MINUS)


@dg.asset(**RAW_PAGES_SPEC, retry_policy=RAW_PAGES_RETRY)
def raw_pages(context: dg.AssetExecutionContext, settings: SentraSettings) -> dg.MaterializeResult:
    """Every page fetched for the day from every source, archived as WARC, each attempt logged. Pages the
    sitemap dates no later than their last fetch are not requested (metadata: unchanged_by_sitemap)."""
    day = context.partition_key
    lake = settings.lake
    files = CrawlFiles.for_day(lake, day)
    with settings.open_sources() as sources:
        write_json(lake.file(day, "sources.json"), {s.name: s.kind for s in sources})
        write_json(lake.file(day, "source_order.json"), [s.name for s in sources])
        tally = crawl(context.log, settings, sources, files)
    return dg.MaterializeResult(metadata=crawl_metadata(context.log, day, tally, files.warc, files.fetch_log))
