"""Raw archive of every fetched response, as gzip WARC (warcio).

One ``response`` record per fetch that got an HTTP response (``ok``,
``not_modified``, ``http_error``, ``soft_404``, ``empty``, ``decode_error`` ...),
each record its own gzip member, so appending to an existing file is safe and
a record cut short by a killed run only loses that record.  Fetches without a
response (timeout, connection error, robots-disallowed, offsite redirect) are
not archived: there are no bytes to keep.  Bodies that were refused
(too large, wrong content type) are recorded with an empty payload.

Custom WARC headers carry what the pipeline needs back::

    WARC-Sentra-Source, WARC-Sentra-Kind, WARC-Sentra-Outcome,
    WARC-Sentra-Fetched-At (ISO 8601 UTC), WARC-Sentra-Requested-URL,
    WARC-Sentra-Encoding, WARC-Sentra-Error

The stored HTTP headers are those received, less Content-Encoding /
Transfer-Encoding (the payload is stored decompressed) and with a matching
Content-Length.
"""
from __future__ import annotations

import fcntl
import functools
import io
import logging
import os
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http import HTTPStatus
from pathlib import Path
from typing import Iterable, Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .fetch import FetchResult, decode_body, _mime
from .outcomes import DONE_OUTCOMES

log = logging.getLogger(__name__)

H_SOURCE = "WARC-Sentra-Source"
H_KIND = "WARC-Sentra-Kind"
H_OUTCOME = "WARC-Sentra-Outcome"
H_FETCHED_AT = "WARC-Sentra-Fetched-At"
H_REQUESTED = "WARC-Sentra-Requested-URL"
H_ENCODING = "WARC-Sentra-Encoding"
H_ERROR = "WARC-Sentra-Error"

_DROP_HEADERS = {"content-encoding", "transfer-encoding", "content-length", "connection", "keep-alive"}

_locks: dict[str, threading.Lock] = {}
_locks_lock = threading.Lock()
_checked_size: dict[str, int] = {}  # path -> size after our last append (no need to check again)


@dataclass
class ArchivedPage:
    url: str  # the URL that was asked for (canonical article URL)
    source: str
    kind: str  # 'article' | 'discovery'
    http_status: int | None
    headers: dict[str, str]
    body: bytes
    text: str
    fetched_at: datetime | None
    content_type: str | None
    encoding: str | None
    # extras
    outcome: str = "ok"
    final_url: str | None = None
    error: str | None = None
    record_id: str | None = field(default=None, repr=False)


@functools.lru_cache(maxsize=256)
def _key(path: Path) -> str:
    """The resolved path (cached: resolving it for every appended record cost as much as writing it)."""
    return str(path.resolve())


def _lock_for(path: Path) -> threading.Lock:
    key = _key(path)
    with _locks_lock:
        return _locks.setdefault(key, threading.Lock())


def _good_end(path: Path) -> int:
    """Offset just after the last complete record of the WARC at *path*."""
    end = 0
    with open(path, "rb") as fh:
        it = ArchiveIterator(fh)
        try:
            for rec in it:
                off = it.get_record_offset()
                it.read_to_end(rec)
                end = off + it.get_record_length()
        except Exception as e:
            log.warning("%s: damaged record after offset %d: %s", path, end, e)
    return end


def _repair_tail(path: Path, fh) -> None:
    """Cut a record left half-written by a killed run off the end of the file.

    Without this, records appended by the next run would sit behind a broken
    gzip member and no reader would get to them.  The cut bytes are kept in
    ``<path>.damaged``.
    """
    size = os.fstat(fh.fileno()).st_size
    key = _key(path)
    if size == 0 or _checked_size.get(key) == size:
        return
    good = _good_end(path)
    if good < size:
        with open(path, "rb") as src:
            src.seek(good)
            tail = src.read()
        with open(str(path) + ".damaged", "ab") as side:
            side.write(tail)
        os.ftruncate(fh.fileno(), good)
        log.warning("%s: cut %d bytes of a half-written record (kept in %s.damaged)", path, size - good, path.name)


def _clean(value: str | None) -> str:
    """A value safe for one WARC header line."""
    return " ".join(str(value or "").split())[:2000]


def append_to_warc(path, result: FetchResult) -> bool:
    """Append one response record for *result* to the gzip WARC at *path*.

    Returns True if a record was written, False for results without an HTTP
    response (nothing to archive).  Creates the file (and a warcinfo record)
    when it does not exist.
    """
    if result.http_status is None:
        return False
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = result.body or b""
    try:
        phrase = HTTPStatus(result.http_status).phrase
    except ValueError:
        phrase = "Unknown"
    hdrs = [(k, _clean(v)) for k, v in (result.headers or {}).items() if k.lower() not in _DROP_HEADERS]
    hdrs.append(("Content-Length", str(len(body))))
    http_headers = StatusAndHeaders(f"{result.http_status} {phrase}", hdrs, protocol="HTTP/1.1")
    fetched_at = result.fetched_at or datetime.now(timezone.utc)
    if fetched_at.tzinfo is None:
        fetched_at = fetched_at.replace(tzinfo=timezone.utc)
    fetched_at = fetched_at.astimezone(timezone.utc)
    warc_headers = {
        "WARC-Date": fetched_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        H_SOURCE: _clean(result.source),
        H_KIND: _clean(result.kind),
        H_OUTCOME: _clean(result.outcome),
        H_FETCHED_AT: fetched_at.isoformat(),
        H_REQUESTED: _clean(result.url),
    }
    if result.encoding:
        warc_headers[H_ENCODING] = _clean(result.encoding)
    if result.error:
        warc_headers[H_ERROR] = _clean(result.error)
    target = result.final_url or result.url
    lock = _lock_for(path)
    with lock, open(path, "ab") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            _repair_tail(path, fh)
            fh.seek(0, os.SEEK_END)
            writer = WARCWriter(fh, gzip=True, warc_version="1.1")
            if fh.tell() == 0:
                info = writer.create_warcinfo_record(path.name, {
                    "software": "sentra scrapers (warcio)",
                    "format": "WARC File Format 1.1",
                    "description": "raw pages fetched by the Sentra crawler",
                })
                writer.write_record(info)
            rec = writer.create_warc_record(
                target, "response", payload=io.BytesIO(body), length=len(body),
                warc_headers_dict=warc_headers, http_headers=http_headers)
            writer.write_record(rec)
            fh.flush()
            _checked_size[_key(path)] = os.fstat(fh.fileno()).st_size
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
    return True


def _parse_dt(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        d = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return d if d.tzinfo else d.replace(tzinfo=timezone.utc)


def _responses(path: Path) -> Iterator:
    """The response records of the WARC at *path*, in file order; a damaged tail (a run killed mid-write)
    ends the iteration with a warning instead of an exception."""
    if not path.exists():
        return
    with open(path, "rb") as fh:
        it = iter(ArchiveIterator(fh, arc2warc=False))
        while True:
            try:
                rec = next(it)
            except StopIteration:
                return
            except Exception as e:
                log.warning("%s: stopped reading at a damaged record: %s", path, e)
                return
            if rec.rec_type == "response":
                yield rec


def read_warc(path, outcomes: Iterable[str] | None = None, kinds: Iterable[str] | None = None
              ) -> Iterator[ArchivedPage]:
    """Every response record of the WARC at *path*, in file order.

    *outcomes* / *kinds* optionally filter (e.g. ``outcomes={'ok'}``,
    ``kinds={'article'}``).  A damaged tail (a run killed mid-write) ends the
    iteration with a warning instead of an exception.
    """
    path = Path(path)
    want_outcomes = set(outcomes) if outcomes is not None else None
    want_kinds = set(kinds) if kinds is not None else None
    for rec in _responses(path):
        h = rec.rec_headers
        outcome = h.get_header(H_OUTCOME) or "ok"
        kind = h.get_header(H_KIND) or "article"
        if want_outcomes is not None and outcome not in want_outcomes:
            continue
        if want_kinds is not None and kind not in want_kinds:
            continue
        try:
            body = rec.raw_stream.read()
        except Exception as e:
            log.warning("%s: stopped reading at a damaged record: %s", path, e)
            return
        http = rec.http_headers
        headers: dict[str, str] = {}
        status = None
        if http is not None:
            headers = {k: v for k, v in http.headers}
            try:
                status = int(http.get_statuscode())
            except (TypeError, ValueError):
                status = None
        ctype = next((v for k, v in headers.items() if k.lower() == "content-type"), None)
        encoding = h.get_header(H_ENCODING)
        if body:
            if encoding:
                try:
                    text = body.decode(encoding, "replace")
                except LookupError:
                    text, encoding, _ = decode_body(body, _mime(ctype)[1])
            else:
                text, encoding, _ = decode_body(body, _mime(ctype)[1])
        else:
            text = ""
        target = h.get_header("WARC-Target-URI")
        yield ArchivedPage(
            url=h.get_header(H_REQUESTED) or target, source=h.get_header(H_SOURCE) or "",
            kind=kind, http_status=status, headers=headers, body=body, text=text,
            fetched_at=_parse_dt(h.get_header(H_FETCHED_AT) or h.get_header("WARC-Date")),
            content_type=ctype, encoding=encoding, outcome=outcome, final_url=target,
            error=h.get_header(H_ERROR), record_id=h.get_header("WARC-Record-ID"))


@dataclass
class ArchivedFetch:
    """What the headers of one response record say (no payload): for resuming a day."""
    url: str  # requested
    final_url: str | None
    kind: str
    outcome: str
    http_status: int | None
    fetched_at: datetime | None
    etag: str | None
    last_modified: str | None

    @property
    def done(self) -> bool:
        """Needs no repeat the same day: ``DONE_OUTCOMES`` and 4xx errors other than 429."""
        return self.outcome in DONE_OUTCOMES or (
            self.outcome == "http_error" and self.http_status is not None and 400 <= self.http_status < 500
            and self.http_status != 429)


def archived_fetches(path) -> Iterator[ArchivedFetch]:
    """The response records of the WARC at *path*, headers only (payloads are skipped, not read)."""
    for rec in _responses(Path(path)):
        h = rec.rec_headers
        status = etag = last_modified = None
        if rec.http_headers is not None:
            try:
                status = int(rec.http_headers.get_statuscode())
            except (TypeError, ValueError):
                status = None
            etag = rec.http_headers.get_header("ETag")
            last_modified = rec.http_headers.get_header("Last-Modified")
        target = h.get_header("WARC-Target-URI")
        yield ArchivedFetch(
            url=h.get_header(H_REQUESTED) or target, final_url=target, kind=h.get_header(H_KIND) or "article",
            outcome=h.get_header(H_OUTCOME) or "ok", http_status=status,
            fetched_at=_parse_dt(h.get_header(H_FETCHED_AT) or h.get_header("WARC-Date")),
            etag=etag, last_modified=last_modified)


def archived_urls(path, outcomes: Iterable[str] | None = None) -> set[str]:
    """URLs (requested and final) already fetched into the WARC at *path*, for resume.

    By default only fetches that need no repeat today count (``DONE_OUTCOMES``
    and 4xx errors other than 429); 5xx and 429 responses are fetched again.
    """
    out: set[str] = set()
    want = set(outcomes) if outcomes is not None else None
    for f in archived_fetches(path):
        if (f.outcome in want) if want is not None else f.done:
            out.add(f.url)
            if f.final_url:
                out.add(f.final_url)
    return out
