"""articles and extractions: from the day's raw archive to what the extractor read in each article.

`articles` keeps one record per distinct story: pages whose canonical URL, main text or nearly the same
text was already seen (the same story syndicated by a second outlet, an amp variant) are dropped and
counted, and the record keeps where else the story was published. `extractions`
runs the Indonesian reader (assets.reading) on each article.
"""

import hashlib
import re
from datetime import date

import dagster as dg

from assets.dedup import near_duplicate_of
from assets.lake import read_json, read_jsonl, write_jsonl
from assets.partitions import daily_partitions
from orchestration.resources import SentraSettings
from warehouse.rows import stable_key

_SPACE = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """Hash of the main text with case and spacing normalised: the same story hashes the same."""
    return hashlib.sha1(_SPACE.sub(" ", text).strip().lower().encode("utf-8")).hexdigest()


def distinct_articles(pages: list[dict], texts: list[str]) -> tuple[list[dict], int]:
    """One record per story: drop pages whose canonical URL, content hash or near-identical text was
    seen earlier; each kept record lists where else it was published (`also_published`)."""
    near = near_duplicate_of(texts)
    first_by_url: dict[str, int] = {}
    first_by_hash: dict[str, int] = {}
    original_of: list[int] = []
    for i, page in enumerate(pages):
        j = first_by_url.get(page["url"], first_by_hash.get(page["content_hash"]))
        if j is None and near[i] is not None:
            j = original_of[near[i]]
        original_of.append(i if j is None else j)
        if j is None:
            first_by_url[page["url"]] = first_by_hash[page["content_hash"]] = i
    kept = {i: dict(page, also_published=[]) for i, page in enumerate(pages) if original_of[i] == i}
    for i, page in enumerate(pages):
        if original_of[i] != i:
            kept[original_of[i]]["also_published"].append({"source": page["source"], "url": page["url"],
                                                            "fetched_url": page["fetched_url"]})
    return list(kept.values()), len(pages) - len(kept)


@dg.asset(
    partitions_def=daily_partitions,
    deps=["raw_pages"],
    group_name="extraction",
    kinds={"python"},
    owners=["team:data-engineering"],
    tags={"layer": "clean"},
)
def articles(context: dg.AssetExecutionContext, settings: SentraSettings) -> dg.MaterializeResult:
    """The day's distinct articles: canonical URL, title, main text, content hash, raw HTML."""
    from assets.reading.page import read_page
    from scrapers.archive import read_warc

    day = context.partition_key
    lake = settings.lake
    kinds = read_json(lake.file(day, "sources.json"), {})
    pages, texts, unreadable = [], [], 0
    warc = lake.archive(day)
    for archived in (read_warc(warc, outcomes={"ok"}, kinds={"article"}) if warc.exists() else []):
        if not archived.text:
            continue
        page = read_page(archived.text)
        if not page.text.strip():
            unreadable += 1
            continue
        url = page.url or archived.url
        pages.append({
            "article_key": stable_key("article", url), "url": url, "fetched_url": archived.url,
            "source": archived.source, "source_kind": kinds.get(archived.source), "crawl_date": day,
            "title": page.title, "content_hash": content_hash(page.text), "html": archived.text,
        })
        texts.append(page.text)
    kept, duplicates = distinct_articles(pages, texts)
    n = write_jsonl(lake.file(day, "articles.jsonl"), kept)
    return dg.MaterializeResult(metadata={
        "articles": n, "duplicates_dropped": duplicates, "pages_without_text": unreadable,
        "path": dg.MetadataValue.path(str(lake.file(day, "articles.jsonl"))),
    })


def preview_facts(records: list[dict], limit: int = 10) -> str:
    rows = [(r["url"], f) for r in records for f in (r["result"].get("facts") or [])][:limit]
    lines = ["| indicator | value | city | evidence |", "|---|---|---|---|"]
    for _, f in rows:
        evidence = (f.get("evidence") or "").replace("|", "/")[:120]
        lines.append(f"| {f.get('indicator')} | {f.get('value')} | {f.get('city_code')} | {evidence} |")
    return "\n".join(lines)


@dg.asset(
    partitions_def=daily_partitions,
    deps=[articles],
    group_name="extraction",
    kinds={"python"},
    owners=["team:data-engineering"],
    tags={"layer": "extracted"},
)
def extractions(context: dg.AssetExecutionContext, settings: SentraSettings) -> dg.MaterializeResult:
    """What the Indonesian reader found in each article: relevance, cities, sentra, facts with evidence."""
    from assets.reading.extract import extract_page

    day = context.partition_key
    lake = settings.lake
    records, failures = [], []
    for art in read_jsonl(lake.file(day, "articles.jsonl")):
        try:
            result = extract_page(art["html"], url=art["url"], crawl_date=date.fromisoformat(day))
        except Exception as exc:  # one unreadable article must not stop the day
            failures.append(f"{art['url']}: {type(exc).__name__}: {exc}")
            continue
        record = {k: v for k, v in art.items() if k != "html"}
        record["result"] = result
        records.append(record)
    write_jsonl(lake.file(day, "extractions.jsonl"), records)
    relevant = [r for r in records if r["result"].get("relevant")]
    with_city = [r for r in relevant if r["result"].get("cities")]
    with_fact = [r for r in relevant if r["result"].get("facts")]
    for failure in failures:
        context.log.warning(f"extraction failed: {failure}")
    return dg.MaterializeResult(metadata={
        "articles": len(records),
        "relevant": len(relevant),
        "share_relevant_with_city": round(len(with_city) / len(relevant), 3) if relevant else 0.0,
        "share_relevant_with_fact": round(len(with_fact) / len(relevant), 3) if relevant else 0.0,
        "facts": sum(len(r["result"].get("facts") or []) for r in relevant),
        "failures": len(failures),
        "failure_details": dg.MetadataValue.md("\n".join(f"- {f}" for f in failures) or "none"),
        "newest_facts": dg.MetadataValue.md(preview_facts(relevant)),
    })
