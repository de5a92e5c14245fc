"""articles and extractions: from the day's raw archive to what the extractor read in each article.

`articles` keeps one record per distinct story: pages whose canonical URL, main text or nearly the same
text was already seen (the same story syndicated by a second outlet, an amp variant) are dropped and
counted, and the record keeps where else the story was published. `extractions`
runs the Indonesian reader (scrapers.reading) on each article.
"""

import json
import os
from array import array
from collections.abc import Sequence

import dagster as dg

from assets.dedup import near_duplicate_of
from warehouse.lake import Lake, count_lines, read_json, read_jsonl, write_jsonl
from assets.partitions import daily_partitions
from assets.resources import SentraSettings
from scrapers.outcomes import OK
from warehouse.rows import stable_key



class StoredTexts(Sequence):
    """The main texts of the day's pages, read back from the working file when asked: a day of 100k
    pages would hold about 500 MB of text in memory, and dedup reads each text once in order and
    only a few again (the candidates of a near-duplicate)."""

    def __init__(self, path, offsets: list[int]):
        self.offsets = offsets
        self.file = open(path, "rb")

    def __len__(self) -> int:
        return len(self.offsets)

    def __getitem__(self, i: int) -> str:  # type: ignore[override]
        self.file.seek(self.offsets[i])
        return json.loads(self.file.readline())["text"]

    def __iter__(self):  # by offset, so that a look back at a candidate does not move the iteration
        for i in range(len(self.offsets)):
            yield self[i]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.file.close()


def distinct_articles(pages: list[dict], texts: Sequence[str],
                      sketches: Sequence[array] | None = None) -> tuple[list[dict], int]:
    """One record per story: drop pages whose canonical URL, content hash or near-identical text was
    seen earlier; each kept record lists where else it was published (`also_published`)."""
    near = near_duplicate_of(texts, sketches=sketches)
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


EXTRACTION = dict(partitions_def=daily_partitions, group_name="extraction", kinds={"python"},
                  owners=["team:data-engineering"])


def read_day_pages(lake: Lake, day: str, read_path) -> tuple[list[dict], list[array], list[int], int]:
    """Read the day's archived article pages (see read_pages)."""
    return read_pages(lake.archive(day), read_json(lake.file(day, "sources.json"), {}), day, read_path,
                      expected=articles_fetched(lake.file(day, "fetch_log.jsonl")))


def articles_fetched(fetch_log) -> int:
    return sum(1 for r in read_jsonl(fetch_log) if r.get("outcome") == OK and r.get("kind") == "article")


def read_pages(warc, kinds: dict, day: str, read_path, expected: int) -> tuple[list[dict], list[array], list[int], int]:
    """Read the article pages of the archive `warc` over all cores (assets.parallel), each once: what the
    reader found (main text, title, tables, dates in the markup) goes to `read_path`, one line per page,
    and only what dedup needs stays in memory. Returns the pages' records, their near-duplicate sketches,
    the offset of each page's line, and how many pages had no main text."""
    from assets.parallel import ordered_map, read_one
    from scrapers.archive import read_warc

    fetched: list[tuple[str, str] | None] = []

    def htmls():
        """The day's archived article pages with a body, in archive order."""
        for archived in (read_warc(warc, outcomes={OK}, kinds={"article"}) if warc.exists() else []):
            if archived.text:
                fetched.append((archived.url, archived.source))
                yield archived.text

    pages, sketches, offsets, unreadable = [], [], [], 0
    read_path.parent.mkdir(parents=True, exist_ok=True)
    with read_path.open("wb") as f:
        for i, page in enumerate(ordered_map(read_one, htmls(), expected)):
            fetched_url, source = fetched[i]
            fetched[i] = None
            if page is None:
                unreadable += 1
                continue
            url = page["url"] or fetched_url
            pages.append({
                "index": len(pages), "article_key": stable_key("article", url), "url": url, "fetched_url": fetched_url,
                "source": source, "source_kind": kinds.get(source), "crawl_date": day,
                "title": page["title"], "content_hash": page.pop("content_hash"),
            })
            sketches.append(array("I", page.pop("sketch")))
            offsets.append(f.tell())
            f.write((json.dumps(page, ensure_ascii=False, default=str) + "\n").encode("utf-8"))
    return pages, sketches, offsets, unreadable


def write_articles(path, kept: list[dict], read_path, offsets: list[int]) -> int:
    """Each kept record with its page, spliced in as the line the reader wrote (the page's text is not
    decoded and encoded again); written atomically. Returns the count."""
    n = 0
    tmp = path.with_suffix(".jsonl.tmp")
    with read_path.open("rb") as src, tmp.open("wb") as dst:
        for rec in kept:
            src.seek(offsets[rec.pop("index")])
            page_line = src.readline().rstrip(b"\n")
            head = json.dumps(rec, ensure_ascii=False, default=str)[:-1].encode("utf-8")
            dst.write(head + b', "page": ' + page_line + b"}\n")
            n += 1
    os.replace(tmp, path)
    return n


def write_distinct(lake: Lake, day: str, pages: list[dict], sketches: list, offsets: list[int], read_path):
    """Drop the day's duplicates and write articles.jsonl; the working file read_path is removed.
    Returns (path, articles written, duplicates dropped).

    Near-duplicates are looked for in the order of the sources file, then of the archive: the first
    outlet listed keeps a syndicated story whichever thread or worker fetched first (sources on different
    hosts crawl side by side, and a spread run archives each source apart)."""
    rank = {name: i for i, name in enumerate(read_json(lake.file(day, "source_order.json"), []))}
    order = sorted(range(len(pages)), key=lambda i: (rank.get(pages[i]["source"], len(rank)), i))
    pages, sketches = [pages[i] for i in order], [sketches[i] for i in order]
    with StoredTexts(read_path, [offsets[p["index"]] for p in pages]) as texts:
        kept, duplicates = distinct_articles(pages, texts, sketches)
    del pages, sketches
    path = lake.file(day, "articles.jsonl")
    n = write_articles(path, kept, read_path, offsets)
    read_path.unlink(missing_ok=True)
    return path, n, duplicates


@dg.asset(**EXTRACTION, deps=["raw_pages"], tags={"layer": "clean"})
def articles(context: dg.AssetExecutionContext, settings: SentraSettings) -> dg.MaterializeResult:
    """The day's distinct articles: canonical URL, title, content hash, and the page as the reader read it."""
    day = context.partition_key
    lake = settings.lake
    read_path = lake.file(day, "pages_read.jsonl")
    pages, sketches, offsets, unreadable = read_day_pages(lake, day, read_path)
    path, n, duplicates = write_distinct(lake, day, pages, sketches, offsets, read_path)
    return dg.MaterializeResult(metadata={
        "articles": n, "duplicates_dropped": duplicates, "pages_without_text": unreadable,
        "path": dg.MetadataValue.path(str(path)),
    })


def preview_facts(records: list[dict], limit: int = 10) -> str:
    rows = [(r["url"], f) for r in records for f in (r["result"].get("facts") or [])][:limit]
    lines = ["| indicator | value | city | evidence |", "|---|---|---|---|"]
    for _, f in rows:
        evidence = (f.get("evidence") or "").replace("|", "/")[:120]
        lines.append(f"| {f.get('indicator')} | {f.get('value')} | {f.get('city_code')} | {evidence} |")
    return "\n".join(lines)


@dg.asset(**EXTRACTION, deps=[articles], tags={"layer": "extracted"})
def extractions(context: dg.AssetExecutionContext, settings: SentraSettings) -> dg.MaterializeResult:
    """What the Indonesian reader found in each article: relevance, cities, sentra, facts with evidence."""
    day = context.partition_key
    lake = settings.lake
    tally = ExtractionTally()
    write_jsonl(lake.file(day, "extractions.jsonl"),
                tally.records(extract_articles(lake.file(day, "articles.jsonl"), day)))
    return dg.MaterializeResult(metadata=tally.metadata(context.log))


def extract_articles(path, day: str, source: str | None = None):
    """(line, article, error) for each article of articles.jsonl (only `source`'s, when given), in order,
    with the reader's result in article["result"]; the articles are read over all cores."""
    from collections import deque

    from assets.parallel import extract_one, ordered_map

    waiting: deque = deque()

    def selected():
        for i, art in enumerate(read_jsonl(path)):
            if source is None or art.get("source") == source:
                yield i, art

    def jobs():
        for i, art in selected():
            page = art.pop("page")
            waiting.append((i, art))
            yield page, art["url"], day

    expected = sum(1 for _ in selected()) if source is not None else count_lines(path)
    for result, error in ordered_map(extract_one, jobs(), expected, chunksize=4):
        i, art = waiting.popleft()
        if error is None:
            art["result"] = result
        yield i, art, error


class ExtractionTally:
    """Counts, failures and a preview of the facts over a day's extractions, as they are written."""

    def __init__(self):
        self.failures: list[str] = []
        self.counts = {"articles": 0, "relevant": 0, "with_city": 0, "with_fact": 0, "facts": 0}
        self.preview: list[dict] = []  # the first relevant records, up to 10 facts

    def records(self, extracted):
        """The articles with their extraction, in order, counted; failures left out and noted."""
        counts, preview = self.counts, self.preview
        for _i, art, error in extracted:
            if error is not None:  # one unreadable article must not stop the day
                self.failures.append(f"{art['url']}: {error}")
                continue
            result = art["result"]
            counts["articles"] += 1
            if result.get("relevant"):
                n_facts = len(result.get("facts") or [])
                counts["relevant"] += 1
                counts["with_city"] += bool(result.get("cities"))
                counts["with_fact"] += bool(n_facts)
                counts["facts"] += n_facts
                if n_facts and sum(len(r["result"]["facts"]) for r in preview) < 10:
                    preview.append(art)
            yield art

    def metadata(self, log) -> dict:
        counts = self.counts
        relevant = counts["relevant"]
        for failure in self.failures:
            log.warning(f"extraction failed: {failure}")
        return {
            "articles": counts["articles"],
            "relevant": relevant,
            "share_relevant_with_city": round(counts["with_city"] / relevant, 3) if relevant else 0.0,
            "share_relevant_with_fact": round(counts["with_fact"] / relevant, 3) if relevant else 0.0,
            "facts": counts["facts"],
            "failures": len(self.failures),
            "failure_details": dg.MetadataValue.md("\n".join(f"- {f}" for f in self.failures) or "none"),
            "newest_facts": dg.MetadataValue.md(preview_facts(self.preview)),
        }
