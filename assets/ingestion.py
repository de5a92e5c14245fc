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

from assets.partitions import daily_partitions
from assets.resources import SentraSettings, configuration_failure
from scrapers.outcomes import CONTENT_CONFIRMED, NOT_MODIFIED, OK, ROBOTS_DISALLOWED, UNCHANGED, is_failure
from warehouse.lake import Lake, count_lines, read_json, write_json
from warehouse.settings import SettingsError


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


def source_counts(tally: Counter) -> dict[str, dict[str, int]]:
    """Per source: article pages fetched, and attempts (article or discovery) that failed."""
    counts: dict[str, dict[str, int]] = {}
    for (source, outcome, kind), n in tally.items():
        c = counts.setdefault(source, {"fetched": 0, "failed": 0})
        c["fetched"] += n if outcome == OK and kind == "article" else 0
        c["failed"] += n if is_failure(outcome) else 0
    return dict(sorted(counts.items()))


def _later(a: str, b: str) -> bool:
    try:
        return datetime.fromisoformat(a) > datetime.fromisoformat(b)
    except (TypeError, ValueError):
        return True


@dataclass(frozen=True)
class CrawlFiles:
    """Where one crawl reads and writes: the day's files (in-process), or one source's part of the day (a
    step of the spread job, assets.spread, joined into the day's files afterwards), with its own state."""
    warc: Path
    fetch_log: Path
    unchanged: Path
    validators: Path
    last_fetched: Path

    @classmethod
    def for_day(cls, lake: Lake, day: str) -> "CrawlFiles":
        return cls(warc=lake.archive(day), fetch_log=lake.file(day, "fetch_log.jsonl"),
                   unchanged=lake.file(day, "unchanged_by_sitemap.jsonl"),
                   validators=lake.validators, last_fetched=lake.last_fetched)

    @classmethod
    def for_source(cls, lake: Lake, day: str, source: str) -> "CrawlFiles":
        """One source's part: its own archive, log and state, so that workers crawling other sources of
        the same day never write the same file."""
        part = lake.day_dir(day) / "sources" / source
        state = lake.root / "state" / "sources" / source
        return cls(warc=lake.root / "archive" / "parts" / day / f"{source}.warc.gz",
                   fetch_log=part / "fetch_log.jsonl", unchanged=part / "unchanged_by_sitemap.jsonl",
                   validators=state / "validators.json", last_fetched=state / "last_fetched.json")


@dataclass
class CrawlState:
    """What the data folder remembers across days (validators for conditional GETs, when each article
    was last fetched), what the day's archive already holds, and what this crawl learns."""

    validators: dict
    last_fetched: dict
    already: set = field(default_factory=set)      # URLs the day's archive holds: not fetched again
    recovered: bool = False                        # the archive knew something the state files did not
    seen: dict = field(default_factory=dict)       # article URL -> time received or confirmed; None: forget
    new_validators: dict = field(default_factory=dict)

    @classmethod
    def load(cls, files: CrawlFiles) -> "CrawlState":
        """The state files, brought up to date from the day's archive: a day run again (resumed after a
        kill, or repeated) does not fetch again what its archive holds, and what it received counts as
        fetched even if the killed run could not save its state. Older state never replaces newer (a past
        day may be run again)."""
        from scrapers.archive import archived_fetches

        state = cls(validators=read_json(files.validators, {}), last_fetched=read_json(files.last_fetched, {}))
        for f in archived_fetches(files.warc):
            if f.done:
                state.already.update(u for u in (f.url, f.final_url) if u)
            if f.kind == "article" and f.outcome in CONTENT_CONFIRMED and f.fetched_at is not None:
                when = f.fetched_at.isoformat()
                if f.url not in state.last_fetched or _later(when, state.last_fetched[f.url]):
                    state.last_fetched[f.url] = when
                    state.recovered = True
                if f.outcome == OK and (f.etag or f.last_modified) and f.url not in state.validators:
                    state.validators[f.url] = [f.etag, f.last_modified]
                    state.recovered = True
        return state

    def note(self, result) -> None:
        """Remember an article fetch: gone, failing or refused pages are asked again whatever the sitemap says."""
        if result.kind != "article":
            return
        self.seen[result.url] = result.fetched_at.isoformat() if result.outcome in CONTENT_CONFIRMED else None
        if result.outcome == OK and (result.etag or result.last_modified):
            self.new_validators[result.url] = [result.etag, result.last_modified]

    def save(self, files: CrawlFiles) -> None:
        if self.new_validators or self.recovered or not files.validators.exists():
            self.validators.update(self.new_validators)
            write_json(files.validators, self.validators, compact=True)
        if self.seen or self.recovered or not files.last_fetched.exists():
            for url, when in self.seen.items():
                if when is None:
                    self.last_fetched.pop(url, None)
                else:
                    self.last_fetched[url] = when
            write_json(files.last_fetched, self.last_fetched, compact=True)


def crawl(settings: SentraSettings, sources: list, files: CrawlFiles, state: CrawlState) -> tuple[Counter, Counter]:
    """Crawl `sources`: each response goes to files.warc and each attempt to files.fetch_log as it comes (a
    killed run keeps both). Returns the attempts counted by (source, outcome, kind), not kept (a day of
    100k fetches held ~100 MB of rows), and the URLs left alone as unchanged by (source, UNCHANGED); those
    URLs are listed in files.unchanged."""
    from scrapers.archive import append_to_warc
    from scrapers.crawl import crawl_sources
    from scrapers.fetch import Fetcher
    from scrapers.ratelimit import limiter_from_url

    warc, log_path = files.warc, files.fetch_log
    unchanged_path = files.unchanged
    unchanged_tmp = unchanged_path.with_suffix(".jsonl.tmp")
    fetcher = Fetcher(user_agent=settings.user_agent, respect_robots=settings.polite,
                      one_connection_per_host=settings.polite,
                      validators={u: tuple(v) for u, v in state.validators.items()},
                      host_limiter=limiter_from_url(settings.rate_limit_redis))
    attempts: Counter = Counter()
    unchanged: Counter = Counter()
    for folder in {log_path.parent, unchanged_path.parent, warc.parent}:
        folder.mkdir(parents=True, exist_ok=True)
    with log_path.open("a", encoding="utf-8") as log_file, \
            unchanged_tmp.open("w", encoding="utf-8") as unchanged_file:
        for result in crawl_sources(sources, fetcher, skip_urls=state.already, last_fetched=state.last_fetched):
            if result.outcome == UNCHANGED:
                unchanged[(result.source, UNCHANGED)] += 1
                unchanged_file.write(json.dumps({"url": result.url, "source": result.source,
                                                 "last_fetched": state.last_fetched.get(result.url)}) + "\n")
                continue
            row = fetch_log_row(result)
            log_file.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            log_file.flush()  # a killed run keeps every line written so far
            attempts[(row["source"], row["outcome"], row["kind"])] += 1
            append_to_warc(warc, result)  # every response that came back, failed or not
            state.note(result)
    os.replace(unchanged_tmp, unchanged_path)
    return attempts, unchanged


def crawl_day(settings: SentraSettings, day: str, state: CrawlState) -> tuple[Counter, Counter]:
    """Crawl every source for the day into the day's files (see crawl); the day's sources are noted in
    sources.json (name -> kind) and source_order.json (the sources file's order)."""
    lake = settings.lake
    with settings.open_sources() as sources:
        write_sources(lake, day, sources)
        return crawl(settings, sources, CrawlFiles.for_day(lake, day), state)


def write_sources(lake: Lake, day: str, sources: list) -> None:
    write_json(lake.file(day, "sources.json"), {s.name: s.kind for s in sources})
    write_json(lake.file(day, "source_order.json"), [s.name for s in sources])


def crawl_metadata(log, day: str, attempts: Counter, unchanged: Counter, already: int, files: CrawlFiles) -> dict:
    """raw_pages' materialization metadata, from one crawl of the day or from all its sources' parts."""
    outcomes: Counter = Counter()
    for (_source, outcome, _kind), n in attempts.items():
        outcomes[outcome] += n
    n_unchanged = sum(unchanged.values())
    n_attempts = sum(attempts.values())
    log.info(f"{day}: {n_attempts} attempts, {dict(outcomes)}, {already} already archived, "
             f"{n_unchanged} unchanged by sitemap (not requested)")
    per_source = source_counts(attempts)
    return {
        "attempts": n_attempts,
        "fetched": outcomes.get(OK, 0),
        "not_modified": outcomes.get(NOT_MODIFIED, 0),
        "unchanged_by_sitemap": n_unchanged,
        "already_archived": already,
        "robots_disallowed": outcomes.get(ROBOTS_DISALLOWED, 0),
        "failed": sum(n for o, n in outcomes.items() if is_failure(o)),
        "per_source": dg.MetadataValue.md(outcome_table(attempts, unchanged)
                                          if attempts or unchanged else "no attempts"),
        "per_source_fetched_failed": dg.MetadataValue.json(per_source),
        "sources_with_failures": sum(1 for c in per_source.values() if c["failed"]),
        "archive": dg.MetadataValue.path(str(files.warc)),
        "fetch_log_lines_today": count_lines(files.fetch_log),
    }


RAW_PAGES_RETRY = dg.RetryPolicy(max_retries=2, delay=30, backoff=dg.Backoff.EXPONENTIAL, jitter=dg.Jitter.PLUS_MINUS)


@dg.asset(
    partitions_def=daily_partitions,
    group_name="ingestion",
    kinds={"python", "warc"},
    owners=["team:data-engineering"],
    tags={"layer": "raw"},
    retry_policy=RAW_PAGES_RETRY,
)
def raw_pages(context: dg.AssetExecutionContext, settings: SentraSettings) -> dg.MaterializeResult:
    """Every page fetched for the day from every source, archived as WARC, each attempt logged. Pages the
    sitemap dates no later than their last fetch are not requested (metadata: unchanged_by_sitemap)."""
    day = context.partition_key
    files = CrawlFiles.for_day(settings.lake, day)
    state = CrawlState.load(files)
    try:
        attempts, unchanged = crawl_day(settings, day, state)
    except SettingsError as e:  # a bad sources file: no retry can fix it
        raise configuration_failure(context, e) from None
    state.save(files)
    return dg.MaterializeResult(metadata=crawl_metadata(context.log, day, attempts, unchanged,
                                                        len(state.already), files))
