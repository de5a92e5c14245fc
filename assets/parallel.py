"""Run the reader on many pages over all cores, in order (no Dagster here: worker processes stay light).

The reader is pure Python and holds the GIL, so a day of pages is read by a pool of worker processes
(one per core, at most SENTRA_READER_PROCESSES when set). A day of a few pages (the usual day after the
first, when most pages answer 304) is read in this process: starting workers would cost more than it
saves. Results come back in the order of the input, so the day's files are the same whichever path ran.
"""
from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
import re
from datetime import date
from typing import Iterable, Iterator

#: below this many pages the pool is not worth its start-up (each worker loads the gazetteer)
MIN_PAGES_FOR_POOL = 64
_SPACE = re.compile(r"\s+")


def processes() -> int:
    """Worker processes to use: SENTRA_READER_PROCESSES, else the cores this process may run on."""
    from warehouse.settings import read_variable

    wanted = read_variable("SENTRA_READER_PROCESSES")
    if wanted:
        return wanted
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def content_hash(text: str) -> str:
    """Hash of the main text with case and spacing normalised: the same story hashes the same."""
    return hashlib.sha1(_SPACE.sub(" ", text).strip().lower().encode("utf-8")).hexdigest()


def read_one(html: str) -> dict | None:
    """One page as the reader read it (scrapers.reading.page.Page.as_record) with the hash and the
    near-duplicate sketch of its main text (computed here, over all cores); None when it has no main
    text. The extractor later reads this record, not the HTML again."""
    from scrapers.reading.page import read_page

    page = read_page(html)
    if not page.text.strip():
        return None
    from assets.dedup import sketch

    return {**page.as_record(), "content_hash": content_hash(page.text), "sketch": list(sketch(page.text))}


def extract_one(job: tuple[dict, str | None, str]) -> tuple[dict | None, str | None]:
    """(extraction, None) or (None, 'ExceptionName: message') for one (page record, url, crawl day)."""
    from scrapers.reading.extract import extract_page
    from scrapers.reading.page import Page

    record, url, day = job
    try:
        return extract_page(None, url=url, crawl_date=date.fromisoformat(day), page=Page.from_record(record)), None
    except Exception as exc:  # noqa: BLE001 - one unreadable article must not stop the day
        return None, f"{type(exc).__name__}: {exc}"


def _run_chunk(fn, chunk: list) -> list:
    return [fn(x) for x in chunk]


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for x in items:
        chunk.append(x)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def ordered_map(fn, items: Iterable, n_items: int, chunksize: int = 8) -> Iterator:
    """fn over items in input order: in a pool of processes() workers when there are enough items.

    Items are read from `items` only a few chunks ahead of the results (a day's pages never all sit
    in memory at once), and results are yielded as soon as they are next in order.
    """
    from concurrent.futures import ProcessPoolExecutor
    from collections import deque

    workers = min(processes(), max(1, n_items // 16))
    if workers < 2 or n_items < MIN_PAGES_FOR_POOL:
        yield from map(fn, items)
        return
    # spawn, not fork: the calling process (Dagster) runs threads
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn")) as pool:
        pending: deque = deque()
        for chunk in _chunks(items, chunksize):
            pending.append(pool.submit(_run_chunk, fn, chunk))
            while len(pending) > 3 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
