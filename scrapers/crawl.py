"""Crawl sources: discovery, then the articles, yielding every attempt as it happens.

Callers archive/log each :class:`~scrapers.fetch.FetchResult` as it comes, so a
killed run can resume: pass the URLs already fetched today as ``skip_urls``
(for example :func:`scrapers.archive.archived_urls` of today's WARC file).
Nothing here raises for network or HTTP trouble.

Pass ``last_fetched`` (canonical URL -> when its content was last received or
confirmed by a 304) to leave alone the pages whose sitemap ``<lastmod>`` is not
later than that: no request is made, and the crawl yields a result with outcome
``unchanged_by_sitemap`` (no HTTP status, no body) so the caller can count it.
URLs without a stated modification date keep the conditional GET. A sitemap can fail to bump a
lastmod when a page is corrected, so a skipped page is still asked for (conditionally) once our last
fetch of it is older than its source's ``recheck_days`` (:func:`recheck_due`).
"""
from __future__ import annotations

import logging
import queue
import threading
import traceback
import zlib
from collections import OrderedDict
from datetime import datetime, timedelta, timezone
from typing import Iterable, Iterator, Mapping

from .discover import canonical_url, iter_discovery
from .fetch import Fetcher, FetchResult
from .outcomes import TRANSIENT_OUTCOMES, UNCHANGED
from .sources import Source

log = logging.getLogger(__name__)

#: a source whose host fails this many article fetches in a row (timeouts,
#: connection errors, 5xx, deferred) is given up for this run
MAX_CONSECUTIVE_FAILURES = 8

#: a page is taken as unchanged only when its lastmod is this much older than our last fetch, for clocks
#: that disagree (ours stamps the fetch, the site's the lastmod)
LASTMOD_SLACK = timedelta(minutes=10)


def _as_datetime(value) -> datetime | None:
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def unchanged_since_fetch(lastmod: datetime | None, fetched) -> bool:
    """True when a page stated to have changed last at *lastmod* (a :func:`~scrapers.discover.lastmod_bound`)
    cannot have changed after *fetched* (a datetime or ISO string; aware)."""
    if lastmod is None:
        return False
    when = _as_datetime(fetched)
    if when is None or when.tzinfo is None:
        return False
    return lastmod + LASTMOD_SLACK <= when


def recheck_due(url: str, fetched, recheck_days: int, now: datetime) -> bool:
    """True when a page skipped by its sitemap lastmod should be asked for anyway: our last fetch of it
    (a datetime or ISO string; aware) is older than a share of *recheck_days* between a half and the whole,
    fixed per URL, so the pages first fetched on one big day are not all asked for again on one day."""
    if recheck_days <= 0:
        return True
    when = _as_datetime(fetched)
    if when is None or when.tzinfo is None:
        return True
    share = 0.5 + 0.5 * (zlib.crc32(url.encode("utf-8")) % 1000) / 1000
    return now - when >= timedelta(days=recheck_days * share)


def _error_result(source: Source, url: str, kind: str, e: BaseException) -> FetchResult:
    return FetchResult(url=url, source=source.name, outcome="error", kind=kind,
                       error=f"unexpected {type(e).__name__}: {e}")


def crawl_source(source: Source, fetcher: Fetcher, skip_urls: Iterable[str] = frozenset(),
                 max_consecutive_failures: int = MAX_CONSECUTIVE_FAILURES,
                 last_fetched: Mapping[str, object] | None = None) -> Iterator[FetchResult]:
    """Yield every fetch made for *source*: discovery first, then articles.

    URLs in *skip_urls* (compared canonically) are not fetched again.  If
    discovery finds nothing and none of its fetches succeeded, the failed
    discovery results are yielded and the crawl of this source stops.  With
    *last_fetched*, a URL whose stated modification date is not later than
    its entry there is not requested, unless a re-check is due (:func:`recheck_due`):
    an ``unchanged_by_sitemap`` result is yielded for it instead.
    """
    skip = {canonical_url(u) for u in skip_urls}
    started = datetime.now(timezone.utc)
    urls: list[str] = []
    lastmods: dict[str, datetime] | None = {} if last_fetched else None
    discovery_ok = False
    try:
        for res in iter_discovery(source, fetcher, urls, lastmods):
            if res.ok and not res.url.endswith("/robots.txt"):
                discovery_ok = True
            yield res
    except GeneratorExit:
        raise
    except Exception as e:  # a bug in parsing: report it as a result, go on with what we have
        log.error("%s: discovery failed: %s", source.name, traceback.format_exc())
        yield _error_result(source, source.entry_urls()[0] if source.entry_urls() else "", "discovery", e)
    if not urls:
        if not discovery_ok:
            log.warning("%s: discovery failed entirely, source skipped", source.name)
        else:
            log.info("%s: no article URLs found", source.name)
        return
    failures = 0
    for url in urls:
        if url in skip:
            continue
        if lastmods and url in lastmods and unchanged_since_fetch(lastmods[url], last_fetched.get(url)) \
                and not recheck_due(url, last_fetched.get(url), source.recheck_days, started):
            yield FetchResult(url=url, source=source.name, outcome=UNCHANGED, kind="article")
            continue
        try:
            res = fetcher.fetch(url, source, kind="article")
        except Exception as e:  # Fetcher.fetch does not raise; be safe anyway
            res = _error_result(source, url, "article", e)
        try:
            side = fetcher.take_side_results()
        except Exception:
            side = []
        yield from side
        yield res
        if res.outcome in TRANSIENT_OUTCOMES or (res.outcome == "http_error" and (res.http_status or 0) >= 500):
            failures += 1
            if failures >= max_consecutive_failures:
                log.warning("%s: %d failures in a row (last: %s), giving up the source for this run",
                            source.name, failures, res.error)
                return
        else:
            failures = 0


_DONE = object()


def crawl_sources(sources: Iterable[Source], fetcher: Fetcher, skip_urls: Iterable[str] = frozenset(),
                  max_workers: int = 4, last_fetched: Mapping[str, object] | None = None) -> Iterator[FetchResult]:
    """Crawl many sources: different hosts in parallel threads, sources that share
    a host one after another in the same thread (and the Fetcher keeps one
    connection per host at a time anyway).  Results are yielded in the order
    they happen; closing the generator early stops the workers after their
    current fetch.
    """
    skip = frozenset(canonical_url(u) for u in skip_urls)
    groups: "OrderedDict[str, list[Source]]" = OrderedDict()
    for s in sources:
        host = s.host or s.name
        if host.startswith("www."):
            host = host[4:]  # www.x and x are one server: one worker, one connection
        if not getattr(fetcher, "one_connection_per_host", True):
            host = s.name  # politeness off: sources of one server crawl side by side
        groups.setdefault(host, []).append(s)
    if not groups:
        return
    jobs: "queue.Queue[list[Source]]" = queue.Queue()
    for g in groups.values():
        jobs.put(g)
    out: "queue.Queue[object]" = queue.Queue(maxsize=256)
    stop = threading.Event()
    n_workers = max(1, min(max_workers, len(groups)))

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                out.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def worker() -> None:
        try:
            while not stop.is_set():
                try:
                    group = jobs.get_nowait()
                except queue.Empty:
                    return
                for source in group:
                    if stop.is_set():
                        return
                    try:
                        for res in crawl_source(source, fetcher, skip, last_fetched=last_fetched):
                            if not put(res):
                                return
                    except Exception as e:  # crawl_source should not raise; never kill the run
                        log.error("%s: crawl failed: %s", source.name, traceback.format_exc())
                        if not put(_error_result(source, "", "discovery", e)):
                            return
        finally:
            put(_DONE) if not stop.is_set() else None

    threads = [threading.Thread(target=worker, name=f"crawl-{i}", daemon=True) for i in range(n_workers)]
    for t in threads:
        t.start()
    done = 0
    try:
        while done < n_workers:
            item = out.get()
            if item is _DONE:
                done += 1
                continue
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=0.1)
