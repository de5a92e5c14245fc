"""raw_pages: crawl every source for the day and keep every response in the day's WARC archive.

A run killed midway and started again does not fetch twice what the archive already holds. Every
attempt, failed or not, is a line of the day's fetch log; the engineer sees the counts per source and
outcome in the materialization's metadata.
"""

from collections import Counter

import dagster as dg

from assets.lake import append_jsonl, read_json, read_jsonl, write_json
from assets.partitions import daily_partitions
from orchestration.resources import SentraSettings


def fetch_log_row(result) -> dict:
    return {
        "url": result.url, "source": result.source, "kind": result.kind, "http_status": result.http_status,
        "outcome": result.outcome, "error": result.error, "fetched_at": result.fetched_at.isoformat(),
        "elapsed_s": round(result.elapsed_s, 4), "bytes": len(result.body) if result.body is not None else None,
    }


def outcome_table(rows: list[dict]) -> str:
    """Markdown table of attempts per source and outcome, for the Dagster UI."""
    counts = Counter((r["source"], r["outcome"]) for r in rows)
    outcomes = sorted({o for _, o in counts})
    lines = ["| source | " + " | ".join(outcomes) + " |", "|---" * (len(outcomes) + 1) + "|"]
    for source in sorted({s for s, _ in counts}):
        lines.append(f"| {source} | " + " | ".join(str(counts[(source, o)]) for o in outcomes) + " |")
    return "\n".join(lines)


FETCH_OK = ("ok", "not_modified", "robots_disallowed")  # robots refusals are obeyed, not failures


def source_counts(rows: list[dict]) -> dict[str, dict[str, int]]:
    """Per source: article pages fetched, and attempts (article or discovery) that failed."""
    counts: dict[str, dict[str, int]] = {}
    for r in rows:
        c = counts.setdefault(r["source"], {"fetched": 0, "failed": 0})
        c["fetched"] += r["outcome"] == "ok" and r["kind"] == "article"
        c["failed"] += r["outcome"] not in FETCH_OK
    return dict(sorted(counts.items()))


@dg.asset(
    partitions_def=daily_partitions,
    group_name="ingestion",
    kinds={"python", "warc"},
    owners=["team:data-engineering"],
    tags={"layer": "raw"},
    retry_policy=dg.RetryPolicy(max_retries=2, delay=30, backoff=dg.Backoff.EXPONENTIAL, jitter=dg.Jitter.PLUS_MINUS),
)
def raw_pages(context: dg.AssetExecutionContext, settings: SentraSettings) -> dg.MaterializeResult:
    """Every page fetched for the day from every source, archived as WARC, each attempt logged."""
    from scrapers.archive import append_to_warc, archived_urls
    from scrapers.crawl import crawl_sources
    from scrapers.fetch import Fetcher

    day = context.partition_key
    lake = settings.lake
    warc = lake.archive(day)
    log_path = lake.file(day, "fetch_log.jsonl")
    already = archived_urls(warc) if warc.exists() else set()
    validators = read_json(lake.validators, {})
    fetcher = Fetcher(user_agent=settings.user_agent, respect_robots=settings.polite,
                      validators={u: tuple(v) for u, v in validators.items()})
    attempts: list[dict] = []
    with settings.open_sources() as sources:
        write_json(lake.file(day, "sources.json"), {s.name: s.kind for s in sources})
        for result in crawl_sources(sources, fetcher, skip_urls=already):
            row = fetch_log_row(result)
            append_jsonl(log_path, row)
            attempts.append(row)
            append_to_warc(warc, result)  # every response that came back, failed or not
            if result.outcome == "ok" and result.kind == "article" and (result.etag or result.last_modified):
                validators[result.url] = [result.etag, result.last_modified]
    write_json(lake.validators, validators)

    outcomes = Counter(r["outcome"] for r in attempts)
    skipped = outcomes.get("robots_disallowed", 0)
    failed = sum(n for o, n in outcomes.items() if o not in ("ok", "not_modified", "robots_disallowed"))
    context.log.info(f"{day}: {len(attempts)} attempts, {dict(outcomes)}, {len(already)} already archived")
    return dg.MaterializeResult(metadata={
        "attempts": len(attempts),
        "fetched": outcomes.get("ok", 0),
        "not_modified": outcomes.get("not_modified", 0),
        "already_archived": len(already),
        "robots_disallowed": skipped,
        "failed": failed,
        "per_source": dg.MetadataValue.md(outcome_table(attempts) if attempts else "no attempts"),
        "per_source_fetched_failed": dg.MetadataValue.json(source_counts(attempts)),
        "sources_with_failures": sum(1 for c in source_counts(attempts).values() if c["failed"]),
        "archive": dg.MetadataValue.path(str(warc)),
        "fetch_log_lines_today": sum(1 for _ in read_jsonl(log_path)),
    })
