"""Polite HTTP fetching: one call, one :class:`FetchResult`, never an exception.

Politeness rules applied by :class:`Fetcher` (one instance may be shared by
threads; :func:`scrapers.crawl.crawl_sources` does that):

* robots.txt per scheme+host+port, fetched once per Fetcher and cached: 2xx ->
  its rules (wildcards, longest match, Crawl-delay); 4xx -> allow all; 5xx, 429,
  timeout or network error -> disallow all for this run.
* one connection per host at a time (a lock per host:port held for the whole
  request, body included), and at least ``max(1/requests_per_second,
  Crawl-delay)`` seconds between the starts of two requests to a host.
* Retry-After on 429/503 (seconds or HTTP date; longer than ``max_retry_after``
  -> give up and leave the host alone for the rest of the run), exponential
  backoff with jitter on 5xx, timeouts and connection errors, ``max_retries``.
* conditional GET from ``validators`` (If-None-Match / If-Modified-Since) ->
  outcome ``not_modified``.
* timeouts: connect, read (per socket read) and total (a page that trickles is
  abandoned once ``total_timeout`` has passed, checked between chunks and by
  shrinking the socket timeout to the time left).
* size: Content-Length checked first, then the body is read raw and
  decompressed here in bounded steps, so a gzip bomb stops at ``max_bytes``
  of *decompressed* data.
* redirects followed by hand (``max_redirects``, loop detection, never to a host
  the source does not own, robots checked for every hop).
* content type: articles text/html or application/xhtml+xml (open-data sources
  also JSON/CSV); discovery fetches also XML/RSS/Atom/plain text and gzipped
  sitemaps; PDFs and images are refused before their body is read.
* text: charset from BOM, header, ``<meta>``/XML declaration, strict UTF-8,
  then charset-normalizer; ISO-8859-1/ASCII labels mean windows-1252, as
  browsers read them.
* empty bodies and soft-404 pages (title/h1 'tidak ditemukan', '404', 'not
  found' ..., or almost no visible text) are outcomes of their own.
"""
from __future__ import annotations

import codecs
import contextlib
import email.utils
import logging
import os
import random
import re
import socket
import threading
import time
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests
import urllib3

from .outcomes import TRANSIENT_OUTCOMES
from .robots import RobotsRules
from .sources import Source

log = logging.getLogger(__name__)

DEFAULT_USER_AGENT = "SentraBot/0.1 (+mailto:data@sentra.example)"

ARTICLE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
DISCOVERY_TYPES = ARTICLE_TYPES | frozenset({
    "text/xml", "application/xml", "application/rss+xml", "application/atom+xml",
    "application/rdf+xml", "text/rss+xml", "text/atom+xml", "text/plain",
    "application/json",  # open-data catalogue APIs (CKAN package_search ...)
})
GZIP_TYPES = frozenset({"application/x-gzip", "application/gzip", "application/octet-stream",
                        "application/x-gunzip", "binary/octet-stream"})
OPEN_DATA_TYPES = frozenset({"application/json", "text/csv", "application/csv",
                             "application/vnd.api+json", "text/plain"})

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504, 520, 521, 522, 523, 524})

# Titles/headings of error pages served with status 200.  Kept narrow on purpose:
# news titles say 'korban tidak ditemukan' and '404 pelaku IKM terima bantuan'.
SOFT_404_PATTERNS = re.compile(
    r"(halaman|laman|page|artikel|berita|konten|content|post|maaf|oops|ups)\b.{0,60}?"
    r"\b(tidak|tak)\s+(dapat\s+|bisa\s+)?(di)?temukan|"
    r"^\W*(tidak|tak)\s+ditemukan\W*$|"
    r"(halaman|laman|page)\s+(tidak|tak)\s+(ada|tersedia)|"
    r"\bnot\s+found\b|^\W*nothing\s+found\b|"
    r"^\W*(error\s*)?404\s*($|[-:|!.\u2013\u2014])|\berror\s*404\b|"
    r"\b404\s+(error|page|halaman)\b|\b(halaman|page)\s+404\b",
    re.I,
)

_MAGIC_BINARY = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"PK\x03\x04",
                 b"RIFF", b"\x00\x00\x01\x00", b"ID3", b"OggS")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class FetchResult:
    url: str
    source: str
    final_url: str | None = None
    http_status: int | None = None
    outcome: str = "error"  # one of scrapers.outcomes.OUTCOMES
    error: str | None = None
    content_type: str | None = None
    encoding: str | None = None
    body: bytes | None = None
    text: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: datetime = field(default_factory=utcnow)
    elapsed_s: float = 0.0
    kind: str = "article"
    # extras (not required by callers)
    attempts: int = 1
    redirects: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"

    @property
    def transient(self) -> bool:
        """True if a later run might get something else (worth retrying tomorrow)."""
        return self.outcome in TRANSIENT_OUTCOMES or (
            self.outcome == "http_error" and self.http_status in RETRY_STATUSES)


def _not_the_sources(url: str, parts, source: Source, hop: int) -> tuple[str, str] | None:
    """(outcome, error) when `url` is not an http(s) URL on one of the source's hosts; hop 0 is the URL
    asked for, a later hop a redirect."""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return "bad_url", f"not an http(s) URL: {url!r}"
    if source.owns(url):
        return None
    if hop == 0:
        return "offsite", f"host {parts.hostname!r} is not one of source {source.name!r}'s hosts"
    return "redirect_offsite", f"redirect to {url} leaves the source's hosts ({', '.join(sorted(source.allowed_hosts))})"


def _request_failure(e: requests.exceptions.RequestException) -> tuple[str, str]:
    """(outcome, error) of a request that got no response."""
    if isinstance(e, requests.exceptions.ConnectTimeout):
        return "timeout", f"connect timeout: {_short(e)}"
    if isinstance(e, requests.exceptions.ReadTimeout):
        return "timeout", f"no response within the read timeout: {_short(e)}"
    if isinstance(e, (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema,
                      requests.exceptions.MissingSchema, requests.exceptions.InvalidHeader)):
        return "bad_url", f"{type(e).__name__}: {_short(e)}"
    return "connection_error", f"{type(e).__name__}: {_short(e)}"


class _Fail(Exception):
    def __init__(self, outcome: str, error: str):
        super().__init__(error)
        self.outcome = outcome
        self.error = error


# ----------------------------------------------------------------------------- text
_LATIN1_LABELS = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "cp819", "ibm819",
                  "iso_8859-1", "iso-ir-100", "us-ascii", "ascii", "ansi_x3.4-1968", "8859-1", "iso88591"}
_SINGLE_BYTE_LATIN = re.compile(r"^(cp125\d|windows-125\d|latin|iso8859|iso-8859|mac_|cp850|cp437|ascii)", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.\-]+)["']""", re.I)


def _codec(label: str | None) -> str | None:
    """Python codec name for a charset label (WHATWG: latin-1/ascii -> windows-1252)."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _LATIN1_LABELS:
        label = "windows-1252"
    if label in ("utf8", "unicode-1-1-utf-8", "utf8mb4", "utf8mb3", "utf-8mb4"):  # MySQL names leak into pages
        label = "utf-8"
    m = re.fullmatch(r"(?:windows|win|cp|ms)[-_]?(125\d)", label)
    if m:
        label = "windows-" + m.group(1)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in ("utf-16", "utf-32") or name.startswith(("utf-16", "utf-32")):
        # a page cannot really be utf-16 when its ASCII <meta> was readable
        return None if label.startswith("utf-16") or label.startswith("utf-32") else name
    return name


def _label(codec_name: str) -> str:
    return {"cp1252": "windows-1252", "utf-8": "utf-8", "utf-8-sig": "utf-8"}.get(codec_name, codec_name)


def decode_body(body: bytes, header_charset: str | None = None) -> tuple[str, str, bool]:
    """Decode *body*: returns (text, encoding label, clean).

    Order: BOM, Content-Type charset, <meta>/XML declaration, strict UTF-8,
    charset-normalizer (a Latin single-byte guess becomes windows-1252 when
    that decodes cleanly).  ``clean`` is False when bytes had to be replaced.
    """
    if body.startswith(codecs.BOM_UTF8):
        return body[3:].decode("utf-8", "replace"), "utf-8", True
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return body.decode("utf-16", "replace"), "utf-16", True
    declared: list[str] = []
    hc = _codec(header_charset)
    if hc:
        declared.append(hc)
    head = body[:4096]
    m = _XML_DECL.search(head) or _META_CHARSET.search(head)
    if m:
        mc = _codec(m.group(1).decode("ascii", "ignore"))
        if mc and mc not in declared:
            declared.append(mc)
    for enc in declared:
        try:
            return body.decode(enc), _label(enc), True
        except UnicodeDecodeError:
            continue
    try:
        return body.decode("utf-8"), "utf-8", True
    except UnicodeDecodeError:
        pass
    guess = None
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(body).best()
        if best is not None:
            guess = _codec(best.encoding)
    except Exception:  # pragma: no cover - detector trouble is not fatal
        guess = None
    if guess is None or _SINGLE_BYTE_LATIN.match(guess):
        # Indonesian legacy pages are windows-1252 far more often than anything else.
        try:
            return body.decode("cp1252"), "windows-1252", True
        except UnicodeDecodeError:
            pass
    if guess:
        try:
            return body.decode(guess), _label(guess), True
        except UnicodeDecodeError:
            pass
    enc = declared[0] if declared else "utf-8"
    return body.decode(enc, "replace"), _label(enc), False


def _soft_404_reason(text: str, min_text_chars: int) -> str | None:
    """Why a 200 HTML page looks like an error page, or None."""
    try:
        import lxml.html
        doc = lxml.html.document_fromstring(text)
    except Exception:
        return None
    titles = []
    for xp in ("//title", "//h1"):
        for el in doc.xpath(xp)[:3]:
            t = " ".join(el.text_content().split())
            if t:
                titles.append(t)
    for t in titles:
        if len(t) <= 160 and SOFT_404_PATTERNS.search(t):
            return f"page title/heading says {t[:80]!r}"
    for bad in doc.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    visible = " ".join(doc.text_content().split())
    if len(visible) < min_text_chars:
        return f"page has only {len(visible)} characters of visible text"
    return None


# ----------------------------------------------------------------------------- body reading
class _Decompressor:
    """Incremental Content-Encoding decoder that never produces more than asked."""

    def __init__(self, coding: str):
        coding = coding.strip().lower()
        self.coding = coding
        if coding in ("", "identity", "none"):
            self._d = None
        elif coding in ("gzip", "x-gzip"):
            self._d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif coding == "deflate":
            self._d = zlib.decompressobj(zlib.MAX_WBITS)
            self._first = True
        else:
            raise _Fail("decode_error", f"unsupported Content-Encoding {coding!r}")

    def feed(self, data: bytes, room: int) -> bytes:
        """Decompress *data*, returning at most room+1 bytes (the +1 tells 'too large')."""
        if self._d is None:
            return data
        if self.coding == "deflate" and getattr(self, "_first", False):
            self._first = False
            try:
                return self._feed(data, room)
            except zlib.error:
                self._d = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, as some servers send
        return self._feed(data, room)

    def _feed(self, data: bytes, room: int) -> bytes:
        out = bytearray()
        pending = data
        while pending:
            d = self._d
            chunk = d.decompress(pending, max(1, room + 1 - len(out)))
            out += chunk
            if len(out) > room:
                return bytes(out)
            if d.eof:
                rest = d.unused_data
                if rest and self.coding in ("gzip", "x-gzip") and rest.lstrip(b"\0"):
                    self._d = zlib.decompressobj(16 + zlib.MAX_WBITS)  # next gzip member
                    pending = rest.lstrip(b"\0")
                    continue
                break
            pending = d.unconsumed_tail
            if not chunk and not pending:
                break
        return bytes(out)


def _gunzip_bounded(data: bytes, limit: int) -> bytes:
    d = _Decompressor("gzip")
    try:
        out = d.feed(data, limit)
    except zlib.error as e:
        raise _Fail("decode_error", f"bad gzip data: {e}") from None
    if len(out) > limit:
        raise _Fail("too_large", f"gzipped body is larger than {limit} bytes when decompressed")
    return out


def _socket_of(resp: requests.Response):
    raw = resp.raw
    for getter in (lambda: raw._connection.sock, lambda: raw._fp.fp.raw._sock):
        try:
            s = getter()
            if s is not None:
                return s
        except Exception:
            continue
    return None


def _environment_matters() -> bool:
    """Does the environment set a proxy or a .netrc, which requests reads per request? When not,
    requests' trust_env only costs time: it walks every environment variable for proxies on each
    request (about a fifth of a local fetch's CPU). A CA bundle named in the environment is set on
    the session once instead (see _session), as requests would use it."""
    names = {k.lower() for k in os.environ}
    if any(k.endswith("_proxy") for k in names) or "netrc" in names:
        return True
    return any(os.path.exists(os.path.expanduser(f)) for f in ("~/.netrc", "~/_netrc"))


# ----------------------------------------------------------------------------- per-host gate
class _HostGate:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.last_start = 0.0
        self.not_before = 0.0  # set by Retry-After / backoff
        self.deferred_until = 0.0  # host asked us to go away for longer than we wait


def _parse_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        dt = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return max(0.0, (dt - utcnow()).total_seconds())


def _mime(content_type: str | None) -> tuple[str | None, str | None]:
    if not content_type:
        return None, None
    parts = content_type.split(";")
    mime = parts[0].strip().lower() or None
    charset = None
    for p in parts[1:]:
        k, _, v = p.partition("=")
        if k.strip().lower() == "charset":
            charset = v.strip().strip("\"'") or None
    return mime, charset


def _strip_fragment(url: str) -> str:
    p = urlsplit(url)
    return urlunsplit((p.scheme.lower(), p.netloc.lower(), p.path or "/", p.query, ""))


class Fetcher:
    def __init__(self, user_agent: str = DEFAULT_USER_AGENT, connect_timeout: float = 10,
                 read_timeout: float = 20, total_timeout: float = 30, max_bytes: int = 5_000_000,
                 max_redirects: int = 5, max_retries: int = 3, backoff_base: float = 1.0,
                 respect_robots: bool = True,
                 validators: dict[str, tuple[str | None, str | None]] | None = None,
                 *, max_backoff: float = 60.0, max_retry_after: float = 120.0,
                 max_crawl_delay: float = 60.0, min_text_chars: int = 60,
                 robots_max_bytes: int = 512_000, max_discovery_bytes: int = 50_000_000,
                 one_connection_per_host: bool = True, host_limiter=None) -> None:
        self.user_agent = user_agent
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.total_timeout = total_timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.max_retries = max_retries
        self.backoff_base = backoff_base
        self.respect_robots = respect_robots
        # polite crawling holds a host's gate through each request (one connection per host); a crawl
        # with politeness off (our own server, a benchmark) may have several requests in flight
        self.one_connection_per_host = one_connection_per_host
        # shared by every process that crawls (scrapers.ratelimit.RedisHostLimiter): the host's interval
        # holds across workers, not only across this process's threads
        self.host_limiter = host_limiter
        self.validators: dict[str, tuple[str | None, str | None]] = dict(validators or {})
        self.max_backoff = max_backoff
        self.max_retry_after = max_retry_after
        self.max_crawl_delay = max_crawl_delay
        self.min_text_chars = min_text_chars
        self.robots_max_bytes = robots_max_bytes
        # sitemaps may be 50 MB uncompressed (sitemaps.org); pages are held to max_bytes
        self.max_discovery_bytes = max(max_bytes, max_discovery_bytes)
        self._sessions: list[requests.Session] = []
        self._local = threading.local()
        self._lock = threading.Lock()
        self._gates: dict[str, _HostGate] = {}
        self._robots: dict[str, RobotsRules] = {}
        self._robots_locks: dict[str, threading.Lock] = {}

    # ------------------------------------------------------------------ public
    def fetch(self, url: str, source: Source, kind: str = "article") -> FetchResult:
        """Fetch *url* for *source*.  Never raises for network/HTTP problems."""
        t0 = time.monotonic()
        fetched_at = utcnow()
        if kind not in ("article", "discovery", "robots"):
            raise ValueError(f"kind must be 'article' or 'discovery', not {kind!r}")
        try:
            res = self._fetch_with_retries(url, source, kind)
        except Exception as e:  # a bug or an exotic library error: report, don't raise
            log.exception("unexpected error fetching %s", url)
            res = FetchResult(url=url, source=source.name, outcome="error",
                              error=f"unexpected {type(e).__name__}: {e}")
        res.kind = "discovery" if kind == "robots" else kind
        res.fetched_at = fetched_at
        res.elapsed_s = time.monotonic() - t0
        log.debug("%s %s -> %s %s", source.name, url, res.outcome, res.http_status)
        return res

    def close(self) -> None:
        """Close the HTTP sessions (connections) of all threads."""
        with self._lock:
            sessions, self._sessions = self._sessions, []
        for s in sessions:
            try:
                s.close()
            except Exception:
                pass
        self._local = threading.local()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def take_side_results(self) -> list[FetchResult]:
        """robots.txt fetches this thread made since the last call (kind 'discovery')."""
        out = getattr(self._local, "side", None) or []
        self._local.side = []
        return out

    def robots_for(self, url: str, source: Source) -> RobotsRules:
        """The robots rules for *url*'s scheme/host/port (fetched once, then cached)."""
        p = urlsplit(url)
        key = f"{p.scheme.lower()}://{p.netloc.lower()}"
        with self._lock:
            rules = self._robots.get(key)
            if rules is not None:
                return rules
            lock = self._robots_locks.setdefault(key, threading.Lock())
        with lock:
            with self._lock:
                rules = self._robots.get(key)
            if rules is not None:
                return rules
            robots_url = key + "/robots.txt"
            res = self.fetch(robots_url, source, kind="robots")
            rules = self._rules_from(res)
            if not hasattr(self._local, "side"):
                self._local.side = []
            self._local.side.append(res)
            with self._lock:
                self._robots[key] = rules
            log.info("robots.txt %s: %s", robots_url, rules.reason)
            return rules

    # ------------------------------------------------------------------ internals
    def _rules_from(self, res: FetchResult) -> RobotsRules:
        if res.outcome in ("ok", "soft_404", "decode_error") and res.text is not None:
            r = RobotsRules(res.text)
            r.reason = f"rules from HTTP {res.http_status}"
            return r
        if res.outcome == "empty":
            return RobotsRules.allowing_all("empty robots.txt: allow all")
        if res.outcome == "http_error" and res.http_status is not None and 400 <= res.http_status < 500 \
                and res.http_status != 429:
            return RobotsRules.allowing_all(f"robots.txt HTTP {res.http_status}: allow all")
        if res.outcome in ("redirect_offsite", "redirect_loop", "too_many_redirects", "bad_content_type"):
            return RobotsRules.allowing_all(f"robots.txt {res.outcome}: treated as absent, allow all")
        return RobotsRules.disallowing_all(
            f"robots.txt unavailable ({res.outcome}: {res.error}): disallow all for this run")

    def _session(self) -> requests.Session:
        s = getattr(self._local, "session", None)
        if s is None:
            s = requests.Session()
            s.headers.clear()
            s.max_redirects = self.max_redirects
            s.trust_env = _environment_matters()
            if not s.trust_env:
                s.verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
            self._local.session = s
            with self._lock:
                self._sessions.append(s)
        return s

    def _gate(self, hostkey: str) -> _HostGate:
        with self._lock:
            g = self._gates.get(hostkey)
            if g is None:
                g = self._gates[hostkey] = _HostGate()
            return g

    def _wait_turn(self, gate: _HostGate, hostkey: str, interval: float) -> float:
        """Sleep until this process may start a request to the host (its own gate: `interval` after its
        last start, or later if the host asked), then, with a shared limiter, until the host's turn among
        all workers. Returns the seconds slept."""
        wait = max(gate.last_start + interval, gate.not_before) - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        waited = max(wait, 0.0)
        if self.host_limiter is not None:
            waited += self.host_limiter.wait(hostkey, interval)
        return waited

    def _fetch_with_retries(self, url: str, source: Source, kind: str) -> FetchResult:
        attempt = 0
        while True:
            res, retry_after, hostkey = self._fetch_chain(url, source, kind)
            res.attempts = attempt + 1
            retryable = res.outcome in ("timeout", "connection_error") or (
                res.outcome == "http_error" and res.http_status in RETRY_STATUSES)
            if not retryable:
                return res
            gate = self._gate(hostkey) if hostkey else None
            if retry_after is not None and retry_after > self.max_retry_after:
                if gate:
                    gate.deferred_until = time.monotonic() + retry_after
                res.error = (f"{res.error}; Retry-After {retry_after:.0f}s is longer than "
                             f"{self.max_retry_after:.0f}s: host left alone for this run")
                return res
            if attempt >= self.max_retries:
                if attempt:
                    res.error = f"{res.error} (after {attempt + 1} attempts)"
                return res
            if retry_after is not None:
                delay = retry_after
            else:
                delay = min(self.max_backoff, self.backoff_base * (2 ** attempt))
                delay *= 0.5 + random.random()  # jitter
            if gate:
                with self._lock:
                    gate.not_before = max(gate.not_before, time.monotonic() + delay)
            else:
                time.sleep(delay)
            log.info("%s: %s (%s), retry %d in %.2fs", source.name, url, res.error, attempt + 1, delay)
            attempt += 1

    def _fetch_chain(self, url: str, source: Source, kind: str
                     ) -> tuple[FetchResult, float | None, str | None]:
        """One attempt including redirects. Returns (result, retry_after, hostkey)."""
        current = url.strip()
        visited: list[str] = []
        redirects: list[str] = []
        deadline: float | None = None
        hostkey = None

        def result(outcome: str, error: str | None, **kw) -> FetchResult:
            r = FetchResult(url=url, source=source.name, outcome=outcome, error=error, kind=kind,
                            redirects=list(redirects), **kw)
            if r.final_url is None and redirects:
                r.final_url = current
            return r

        for hop in range(self.max_redirects + 1):
            parts = urlsplit(current)
            refused = _not_the_sources(current, parts, source, hop)
            if refused:
                return result(*refused), None, None
            key = _strip_fragment(current)
            if key in visited:
                return result("redirect_loop", f"redirect loop: {' -> '.join(visited + [key])}"), None, None
            visited.append(key)
            hostkey = parts.netloc.lower()
            crawl_delay = 0.0
            if kind != "robots" and self.respect_robots:
                rules = self.robots_for(current, source)
                if not rules.can_fetch(self.user_agent, current):
                    return result("robots_disallowed",
                                  f"robots.txt disallows {current}"
                                  + (f" ({rules.reason})" if rules.disallow_all else "")), None, hostkey
                crawl_delay = min(rules.crawl_delay(self.user_agent) or 0.0, self.max_crawl_delay)
            gate = self._gate(hostkey)
            now = time.monotonic()
            if gate.deferred_until > now:
                return result("deferred", f"host {hostkey} asked for a pause until "
                                          f"{gate.deferred_until - now:.0f}s from now"), None, hostkey
            headers, etag, lm = self._request_headers(current, kind)
            interval = max(1.0 / max(source.requests_per_second, 1e-6), crawl_delay)
            with gate.lock if self.one_connection_per_host else contextlib.nullcontext():
                waited = self._wait_turn(gate, hostkey, interval)
                if deadline is not None:
                    deadline += waited  # our own politeness pause is not the server's slowness
                if deadline is None:  # the total timeout runs from the first request on
                    deadline = time.monotonic() + self.total_timeout
                gate.last_start = time.monotonic()
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return result("timeout", f"total timeout {self.total_timeout}s passed during redirects"), None, hostkey
                try:
                    resp = self._session().get(
                        current, headers=headers, stream=True, allow_redirects=False,
                        timeout=(min(self.connect_timeout, remaining), min(self.read_timeout, remaining)))
                except requests.exceptions.RequestException as e:
                    return result(*_request_failure(e)), None, hostkey
                try:
                    status = resp.status_code
                    if 300 <= status < 400 and status != 304:
                        loc = resp.headers.get("Location")
                        if not loc:
                            return result("http_error", f"HTTP {status} redirect without Location",
                                          http_status=status, final_url=current,
                                          headers=dict(resp.headers)), None, hostkey
                        nxt = urljoin(current, loc.strip())
                        redirects.append(nxt)
                        current = nxt
                        continue
                    res = self._response(resp, url, current, source, kind, deadline, (etag, lm))
                    res.redirects = list(redirects)
                    waits = res.http_status in (429, 503)
                    return res, _parse_retry_after(resp.headers.get("Retry-After")) if waits else None, hostkey
                finally:
                    resp.close()
        return result("too_many_redirects",
                      f"more than {self.max_redirects} redirects: {' -> '.join(visited + [current])}",
                      final_url=current), None, hostkey

    def _request_headers(self, url: str, kind: str) -> tuple[dict, str | None, str | None]:
        """The headers of a request, with the validators of a conditional GET; returns (headers, etag,
        last_modified) as sent."""
        headers = {
            "User-Agent": self.user_agent,
            "Accept": ("text/html,application/xhtml+xml;q=0.9,*/*;q=0.5" if kind == "article" else
                       "application/xml,text/xml,application/rss+xml,application/atom+xml,"
                       "text/html;q=0.9,text/plain;q=0.8,*/*;q=0.5"),
            "Accept-Encoding": "gzip, deflate",
            "Accept-Language": "id,en;q=0.8",
        }
        etag = lm = None
        if kind != "robots":
            etag, lm = self.validators.get(url) or (None, None)
            if etag:
                headers["If-None-Match"] = etag
            if lm:
                headers["If-Modified-Since"] = lm
        return headers, etag, lm

    def _response(self, resp: requests.Response, url: str, current: str, source: Source, kind: str,
                  deadline: float, sent: tuple[str | None, str | None]) -> FetchResult:
        status = resp.status_code
        headers = dict(resp.headers)
        ctype = resp.headers.get("Content-Type")
        mime, charset = _mime(ctype)
        r = FetchResult(url=url, source=source.name, final_url=current, http_status=status, outcome="ok",
                        kind=kind, headers=headers, content_type=ctype,
                        etag=resp.headers.get("ETag"), last_modified=resp.headers.get("Last-Modified"))
        if status == 304:
            r.outcome = "not_modified"
            r.etag = r.etag or sent[0]
            r.last_modified = r.last_modified or sent[1]
            return r
        if status < 200 or status >= 300:
            r.outcome = "http_error"
            try:
                phrase = HTTPStatus(status).phrase
            except ValueError:
                phrase = resp.reason or ""
            r.error = f"HTTP {status} {phrase}".strip()
            return r
        if status == 204:
            r.outcome, r.error = "empty", "HTTP 204 No Content"
            return r
        limit = {"robots": self.robots_max_bytes, "discovery": self.max_discovery_bytes}.get(kind, self.max_bytes)
        clen = resp.headers.get("Content-Length")
        if clen and clen.strip().isdigit() and int(clen) > limit and \
                not resp.headers.get("Content-Encoding", "").strip():
            r.outcome, r.error = "too_large", f"Content-Length {int(clen)} is over the limit of {limit} bytes"
            return r
        if kind != "robots" and mime is not None and not self._type_ok(mime, kind, source, current):
            r.outcome, r.error = "bad_content_type", f"content type {mime} is not wanted for a {kind} fetch"
            return r
        try:
            body = self._read_body(resp, deadline, limit)
        except _Fail as f:
            r.outcome, r.error = f.outcome, f.error
            return r
        if kind == "discovery" and body[:2] == b"\x1f\x8b":
            try:
                body = _gunzip_bounded(body, limit)  # sitemap.xml.gz
            except _Fail as f:
                r.outcome, r.error = f.outcome, f.error
                return r
            if mime in GZIP_TYPES or mime is None:
                mime = "application/xml"
        elif kind != "robots" and mime in GZIP_TYPES:
            r.outcome, r.error = "bad_content_type", f"content type {mime} is not wanted for a {kind} fetch"
            return r
        if not body.strip():
            r.outcome, r.error = "empty", "the body is empty"
            r.body, r.text = body, ""
            return r
        if body.lstrip()[:8].startswith(_MAGIC_BINARY) and kind != "robots":
            r.outcome, r.error = "bad_content_type", f"body is binary (starts {body[:4]!r}) though typed {mime}"
            return r
        if mime is None and kind != "robots" and not body.lstrip()[:1] in (b"<", b"{", b"["):
            r.outcome, r.error = "bad_content_type", "no Content-Type and the body does not look like markup"
            return r
        r.body = body
        text, enc, clean = decode_body(body, charset)
        r.text, r.encoding = text, enc
        if not clean or body.count(b"\x00") > max(8, len(body) // 100):
            bad = text.count("\ufffd")
            if body.count(b"\x00") > max(8, len(body) // 100) or bad > max(8, len(text) // 100):
                r.outcome, r.error = "decode_error", f"text does not decode as {enc} ({bad} bad characters)"
                return r
        if kind == "article" and (mime in ARTICLE_TYPES or (mime is None and body.lstrip()[:1] == b"<")):
            why = _soft_404_reason(text, self.min_text_chars)
            if why is None and current != url and urlsplit(current).path in ("", "/") \
                    and urlsplit(url).path not in ("", "/") and not urlsplit(current).query:
                why = "the article URL redirects to the home page"
            if why:
                r.outcome, r.error = "soft_404", f"soft 404: {why}"
        return r

    def _type_ok(self, mime: str, kind: str, source: Source, url: str) -> bool:
        if mime in ARTICLE_TYPES:
            return True
        if kind == "discovery":
            if mime in DISCOVERY_TYPES or mime.endswith("+xml"):
                return True
            if mime in GZIP_TYPES and urlsplit(url).path.lower().endswith(".gz"):
                return True
            return False
        if source.kind == "open_data" and (mime in OPEN_DATA_TYPES or mime.endswith("+json")):
            return True
        return False

    def _read_body(self, resp: requests.Response, deadline: float, limit: int) -> bytes:
        dec = _Decompressor(resp.headers.get("Content-Encoding", "").split(",")[-1])
        sock = _socket_of(resp)
        raw = resp.raw
        buf = bytearray()
        read = getattr(raw, "read1", None)
        try:
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise _Fail("timeout", f"body not complete after the total timeout of {self.total_timeout}s "
                                           f"({len(buf)} bytes read)")
                if sock is not None:
                    try:
                        sock.settimeout(max(0.01, min(self.read_timeout, remaining)))
                    except OSError:
                        pass
                chunk = read(65536, decode_content=False) if read else raw.read(8192, decode_content=False)
                if not chunk:
                    break
                try:
                    out = dec.feed(chunk, limit - len(buf))
                except zlib.error as e:
                    raise _Fail("decode_error", f"bad {dec.coding} data: {e}") from None
                buf += out
                if len(buf) > limit:
                    what = "decompressed " if dec.coding not in ("", "identity") else ""
                    raise _Fail("too_large", f"{what}body is larger than the limit of {limit} bytes")
        except (socket.timeout, TimeoutError, urllib3.exceptions.ReadTimeoutError) as e:
            if time.monotonic() >= deadline - 0.05:
                raise _Fail("timeout", f"page abandoned after the total timeout of {self.total_timeout}s "
                                       f"({len(buf)} bytes read)") from None
            raise _Fail("timeout", f"read stalled for {self.read_timeout}s: {_short(e)} "
                                   f"({len(buf)} bytes read)") from None
        except (urllib3.exceptions.HTTPError, requests.exceptions.RequestException, OSError) as e:
            if time.monotonic() >= deadline:
                raise _Fail("timeout", f"body not complete after the total timeout of {self.total_timeout}s") from None
            raise _Fail("connection_error", f"connection broke while reading: {_short(e)}") from None
        if time.monotonic() > deadline:
            raise _Fail("timeout", f"body not complete after the total timeout of {self.total_timeout}s")
        return bytes(buf)


def _short(e: BaseException) -> str:
    s = str(e)
    return s if len(s) < 300 else s[:297] + "..."
