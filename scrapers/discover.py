"""Find article URLs of a source: sitemap (index, Google News), feed, listing page.

``link_pattern`` (regex, or substring when it is not a valid regex) picks the
article URLs among the sitemap entries, feed items and listing links alike;
``keywords`` (whole words, case-insensitive) must appear in the URL, the
sitemap/feed title or the link text.

Every discovery fetch goes through the :class:`~scrapers.fetch.Fetcher` (so
robots.txt, rate limits and size limits apply) with ``kind='discovery'``.
URLs found are canonicalized (:func:`canonical_url`), kept only on the
source's own hosts, filtered by the source's keywords, newest first where
dates are known, deduplicated and cut at ``max_articles``.

Where the source says when a page last changed (a sitemap's ``<lastmod>``, an
Atom entry's ``<updated>``), :func:`iter_discovery` also reports the latest
instant that date can mean (:func:`lastmod_bound`), so the crawl can leave a
page alone that has not changed since it was last fetched.  Publication dates
(RSS ``pubDate``, ``news:publication_date``, Atom ``<published>``) order the
URLs but say nothing about later corrections, so they are not used for that.
"""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Callable, Iterator
from urllib.parse import unquote, unquote_plus, urljoin, urlsplit, urlunsplit

from .fetch import Fetcher, FetchResult
from .sources import Source

log = logging.getLogger(__name__)

#: how many child sitemaps of a sitemap index are read (newest first)
MAX_CHILD_SITEMAPS = 10
MAX_SITEMAP_DEPTH = 3

_TRACKING_PARAMS = {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "mc_cid", "mc_eid",
                    "_ga", "_gl", "igshid", "amp", "outputtype", "ref_src", "spm"}


# lower-case http(s), a lower-case host that does not end in a dot, an optional port, a path; no query,
# fragment, user info or white space
_PLAIN_URL = re.compile(r"(https?)://([a-z0-9-]+(?:\.[a-z0-9-]+)*)(:[1-9][0-9]{0,4})?(/[^?#\s]*)\Z")


def canonical_url(url: str) -> str:
    """A stable form of an article URL.

    Lower-cases scheme and host, drops default ports, fragments, ``utm_*``,
    ``fbclid``, ``gclid`` and similar tracking parameters, and AMP variants
    (``amp.`` host prefix, ``/amp`` or ``/amp/`` path suffix or prefix,
    ``?amp=1``, ``?amp``, ``outputType=amp``).  The rest of the query is kept
    in order (``?p=123`` is an article id on WordPress sites).
    """
    url = (url or "").strip()
    m = _PLAIN_URL.match(url)
    if m and m.group(3) not in (":80", ":443") and "amp" not in url.lower():
        return url  # already canonical: _canonical would give it back unchanged (most sitemap URLs)
    return _canonical(url)


def _canonical(url: str) -> str:
    try:
        p = urlsplit(url)
    except ValueError:
        return url
    scheme = p.scheme.lower()
    host = (p.hostname or "").lower().rstrip(".")
    if host.startswith("amp."):
        host = host[4:]
    try:
        port = p.port
    except ValueError:  # a port that is not a number: leave the URL alone
        return url
    netloc = host
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        netloc = f"{host}:{port}"
    if p.username or p.password:
        netloc = p.netloc.rsplit("@", 1)[0] + "@" + netloc
    path = p.path or "/"
    # AMP: /amp, /amp/ at the end, /amp/ at the start (tribunnews), .amp before the extension
    path = re.sub(r"/amp/?$", "/", path, flags=re.I)
    path = re.sub(r"^/amp/", "/", path, flags=re.I)
    path = re.sub(r"\.amp(\.html?)$", r"\1", path, flags=re.I)
    if path != "/" and p.path and not p.path.endswith("/") and path.endswith("/") and \
            re.search(r"/amp/?$", p.path, flags=re.I):
        path = path.rstrip("/") or "/"
    kept = []
    for seg in p.query.split("&"):  # raw segments: the rest of the query stays byte for byte
        if not seg:
            continue
        key = unquote_plus(seg.split("=", 1)[0]).strip().lower()
        if key.startswith("utm_") or key in _TRACKING_PARAMS:
            continue
        kept.append(seg)
    return urlunsplit((scheme, netloc, path, "&".join(kept), ""))


@dataclass
class _Candidate:
    url: str
    title: str = ""
    date: datetime | None = None
    lastmod: datetime | None = None  # latest instant the page's stated modification date can mean


_DATE_ONLY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
#: a time without a zone may be local time anywhere: at UTC-12 it is 12 hours later than read as UTC
_LATEST_OFFSET = timedelta(hours=12)


def lastmod_bound(s: str | None) -> datetime | None:
    """The latest instant (UTC) a W3C datetime such as a sitemap ``<lastmod>`` can mean, or None.

    '2026-11-22' means some time that day in the site's zone, so the bound is the end of that day at
    UTC-12 (2026-11-23T12:00Z); '2026-11' and '2026' likewise for the month and the year; a time without a
    zone gets 12 hours.  Reading the earliest instant instead would let a page corrected later that day
    look unchanged.  Unreadable values give None (the page is then fetched as usual).
    """
    if not s:
        return None
    s = s.strip()
    m = _DATE_ONLY.match(s)
    if m:
        try:
            y, mo, d = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
            if d:
                end = datetime(y, mo, d, tzinfo=timezone.utc) + timedelta(days=1)
            elif mo:
                end = datetime(y + (mo == 12), mo % 12 + 1, 1, tzinfo=timezone.utc)
            else:
                end = datetime(y + 1, 1, 1, tzinfo=timezone.utc)
        except (ValueError, OverflowError):
            return None
        return end + _LATEST_OFFSET
    d = _parse_stamp(s)
    if d is None:
        return None
    if d.tzinfo is None:
        return d.replace(tzinfo=timezone.utc) + _LATEST_OFFSET
    return d.astimezone(timezone.utc)


def _parse_stamp(s: str) -> datetime | None:
    """An ISO 8601 or RFC 2822 (RSS) date-time as written: naive when it states no zone; None if unreadable."""
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        try:
            return parsedate_to_datetime(s)
        except (TypeError, ValueError, IndexError):
            return None


def _parse_date(s: str | None) -> datetime | None:
    if not s:
        return None
    d = _parse_stamp(s.strip())
    if d is not None and d.tzinfo is None:
        d = d.replace(tzinfo=timezone.utc)
    return d


_KW_CACHE: dict[tuple[str, ...], re.Pattern] = {}


def _keyword_regex(keywords: tuple[str, ...]) -> re.Pattern:
    rx = _KW_CACHE.get(keywords)
    if rx is None:
        # whole words (so 'ikm' does not hit 'menikmati'), an optional -nya suffix,
        # and any run of separators where the keyword has a space
        alts = []
        for k in keywords:
            words = [re.escape(w) for w in k.lower().split()]
            if words:
                alts.append(r"[\s\-_+/.,:;]+".join(words))
        rx = re.compile(r"(?<![a-z0-9])(?:" + "|".join(alts) + r")(?:nya)?(?![a-z0-9])") if alts \
            else re.compile(r"(?!)")
        _KW_CACHE[keywords] = rx
    return rx


def keyword_hit(source: Source, *texts: str) -> bool:
    """True if the source has no keywords or one of them is in one of *texts*
    (case-insensitive, whole words; '-', '_', '+' and '/' count as spaces)."""
    if not source.keywords:
        return True
    parts = []
    for t in texts:
        t = t or ""
        if t.lower().startswith(("http://", "https://")):
            p = urlsplit(t)  # the host does not count: sentra.example.go.id is not about a sentra
            t = p.path + ("?" + p.query if p.query else "")
        parts.append(t)
    hay = unquote(" ".join(parts)).lower()
    return bool(_keyword_regex(tuple(source.keywords)).search(hay))


def _link_matcher(pattern: str | None) -> Callable[[str], bool]:
    if not pattern:
        return lambda u: True
    try:
        rx = re.compile(pattern)
    except re.error:
        return lambda u: pattern in u
    return lambda u: bool(rx.search(u)) or pattern in u


def _local(tag) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def _xml_root(body: bytes):
    from lxml import etree
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body.lstrip(), parser)
    except Exception:
        return None
    return root


def _child(el, name: str):
    for c in el:
        if _local(c.tag) == name:
            return c
    return None


_SITEMAP_FIELDS = frozenset({"lastmod", "publication_date", "title", "keywords"})


def parse_sitemap(body: bytes) -> tuple[list[_Candidate], list[_Candidate]]:
    """(child sitemaps, page URLs) of a sitemap or sitemap index (or a plain-text sitemap)."""
    root = _xml_root(body)
    if root is None:
        text = body.decode("utf-8", "replace")
        urls = [line.strip() for line in text.splitlines() if line.strip().startswith(("http://", "https://"))]
        return [], [_Candidate(u) for u in urls]
    children, pages = [], []
    kind = _local(root.tag)
    for el in root:
        name = _local(el.tag)
        if name not in ("sitemap", "url"):
            continue
        loc = _child(el, "loc")
        if loc is None or not (loc.text or "").strip():
            continue
        c = _Candidate(loc.text.strip())
        texts: dict[str, str] = {}  # the first of each wanted descendant, in one pass (sitemaps are long)
        for d in el.iter():
            name = _local(d.tag)
            if name in _SITEMAP_FIELDS and name not in texts:
                texts[name] = (d.text or "").strip()
        lastmod = texts.get("lastmod", "")
        c.date = _parse_date(texts.get("publication_date") or lastmod)
        c.lastmod = lastmod_bound(lastmod)
        c.title = texts.get("title", "")  # news:title (Google News sitemap)
        kw = texts.get("keywords", "")
        if kw:
            c.title = f"{c.title} {kw}".strip()
        (children if (name == "sitemap" or kind == "sitemapindex") else pages).append(c)
    return children, pages


def parse_feed(body: bytes) -> list[_Candidate]:
    """Items of an RSS 2.0, RSS 1.0 (RDF) or Atom feed."""
    root = _xml_root(body)
    if root is None:
        return []
    out = []
    for el in root.iter():
        name = _local(el.tag)
        if name == "item":
            link = _child(el, "link")
            url = (link.text or "").strip() if link is not None else ""
            if not url:
                guid = _child(el, "guid")
                if guid is not None and (guid.get("isPermaLink", "true").lower() != "false"):
                    url = (guid.text or "").strip()
            if not url:
                url = (el.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about") or "").strip()
            t = _child(el, "title")
            d = _child(el, "pubdate")  # tags are compared lower-cased (_local)
            if d is None:
                d = _child(el, "date")
            if url:
                out.append(_Candidate(url, (t.text or "").strip() if t is not None else "",
                                      _parse_date(d.text if d is not None else None)))
        elif name == "entry":
            url = ""
            for link in el:
                if _local(link.tag) == "link" and link.get("href") and \
                        link.get("rel", "alternate") == "alternate":
                    url = link.get("href").strip()
                    break
            t = _child(el, "title")
            d = _child(el, "published")
            u = _child(el, "updated")
            if d is None:
                d = u
            if url:
                out.append(_Candidate(url, (t.text or "").strip() if t is not None else "",
                                      _parse_date(d.text if d is not None else None),
                                      lastmod_bound(u.text if u is not None else None)))
    return out


def parse_listing(text: str, base_url: str) -> list[_Candidate]:
    """All <a href> links of an HTML page, absolute, with their link texts."""
    import lxml.html
    try:
        doc = lxml.html.document_fromstring(text)
    except Exception:
        return []
    base = base_url
    for b in doc.xpath("//base[@href]")[:1]:
        base = urljoin(base_url, b.get("href").strip())
    out = []
    for a in doc.xpath("//a[@href]"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "whatsapp:")):
            continue
        url = urljoin(base, href)
        label = " ".join(a.text_content().split())
        label = f"{label} {a.get('title') or ''}".strip()
        out.append(_Candidate(url, label))
    return out


def parse_json_listing(body: bytes) -> list[_Candidate]:
    """URLs in a JSON document (CKAN package_search / package_show and similar)."""
    try:
        doc = json.loads(body.decode("utf-8", "replace"))
    except ValueError:
        return []
    out: list[_Candidate] = []

    def walk(node, context: str) -> None:
        if isinstance(node, dict):
            title = " ".join(str(node.get(k, "")) for k in ("title", "name", "notes", "description")
                             if isinstance(node.get(k), str))
            for k, v in node.items():
                if isinstance(v, str) and k.lower() in ("url", "link", "href", "download_url", "landing_page") \
                        and v.startswith(("http://", "https://")):
                    out.append(_Candidate(v, f"{context} {title}".strip()))
                elif isinstance(v, (dict, list)):
                    walk(v, f"{context} {title}".strip()[:500])
        elif isinstance(node, list):
            for v in node:
                walk(v, context)

    walk(doc, "")
    return out


def parse_discovery(res: FetchResult, role: str) -> tuple[list[_Candidate], list[_Candidate]]:
    """(child sitemaps, candidate URLs) of one discovery response, whatever it turned out to be.

    The parser follows what the body *is* (a sitemap given as 'feed', an RSS
    feed given as 'sitemap', a JSON catalogue given as 'listing' all work),
    with *role* as the tie-breaker for plain HTML/text.
    """
    body = res.body or b""
    head = body.lstrip()[:1]
    ctype = (res.content_type or "").lower()
    base = res.final_url or res.url
    if "json" in ctype or head in (b"{", b"["):
        return [], parse_json_listing(body)
    is_html = "html" in ctype or re.search(rb"<html|<body|<a\s", body[:4096], re.I) is not None
    if head == b"<" and not (is_html and role == "listing"):
        root = _xml_root(body)
        tag = _local(root.tag) if root is not None else ""
        if tag in ("urlset", "sitemapindex"):
            return parse_sitemap(body)
        if tag in ("rss", "feed", "rdf", "channel"):
            return [], parse_feed(body)
    if is_html or role == "listing":
        found = parse_listing(res.text or body.decode("utf-8", "replace"), base)
        here = canonical_url(base)
        return [], [c for c in found if canonical_url(c.url) != here]
    return parse_sitemap(body)  # plain-text sitemap: one URL a line


def iter_discovery(source: Source, fetcher: Fetcher, urls_out: list[str],
                   lastmods: dict[str, datetime] | None = None) -> Iterator[FetchResult]:
    """Yield each discovery FetchResult as it happens; fill *urls_out* at the end.

    With a *lastmods* dict, also fill it with canonical URL -> :func:`lastmod_bound` of its stated
    modification date, for the URLs that have one (the latest, if several entries give one).

    Entry points in order sitemap, feed, listing; a sitemap index (wherever it
    turns up) is followed to its children on the source's hosts, newest and
    news sitemaps first, at most MAX_CHILD_SITEMAPS of them and
    MAX_SITEMAP_DEPTH levels deep.
    """
    candidates: list[_Candidate] = []
    seen: set[str] = set()
    budget = MAX_CHILD_SITEMAPS

    for role, entry in (("sitemap", source.sitemap), ("feed", source.feed), ("listing", source.listing)):
        if not entry:
            continue
        queue = [(entry, 0)]
        while queue:
            url, depth = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            res = fetcher.fetch(url, source, kind="discovery")
            yield from fetcher.take_side_results()
            yield res
            if not res.ok or not res.body:
                continue
            try:
                children, found = parse_discovery(res, role)
            except Exception as e:  # a parser bug must not end the crawl
                log.warning("%s: cannot parse %s: %s", source.name, url, e)
                continue
            candidates.extend(found)
            if depth >= MAX_SITEMAP_DEPTH:
                continue
            children = [c for c in children if source.owns(c.url) and c.url not in seen]
            children.sort(key=lambda c: c.date or datetime.min.replace(tzinfo=timezone.utc), reverse=True)
            # news sitemaps first: they hold the newest articles
            children.sort(key=lambda c: 0 if re.search(r"news|berita", c.url, re.I) else 1)
            take = children[:max(0, budget)]
            budget -= len(take)
            if len(children) > len(take):
                log.info("%s: %d child sitemaps of %s not read (limit %d)", source.name,
                         len(children) - len(take), url, MAX_CHILD_SITEMAPS)
            queue.extend((c.url, depth + 1) for c in take)

    # --- filter, order, dedupe
    dated = [c for c in candidates if c.date is not None]
    if dated and len(dated) == len(candidates):
        candidates.sort(key=lambda c: c.date, reverse=True)  # type: ignore[arg-type,return-value]
    matches = _link_matcher(source.link_pattern)  # applies to sitemap, feed and listing URLs alike
    seen_urls: set[str] = set()
    for c in candidates:
        if len(urls_out) >= source.max_articles:
            break
        if not c.url.lower().startswith(("http://", "https://")):
            continue
        u = canonical_url(c.url)
        if lastmods is not None and c.lastmod is not None:
            known = lastmods.get(u)
            if known is None or c.lastmod > known:
                lastmods[u] = c.lastmod
        if u in seen_urls or not source.owns(u) or not (matches(c.url) or matches(u)):
            continue
        if not keyword_hit(source, u, c.title):
            continue
        seen_urls.add(u)
        urls_out.append(u)
    log.info("%s: %d article URLs discovered", source.name, len(urls_out))


def discover_article_urls(source: Source, fetcher: Fetcher) -> tuple[list[str], list[FetchResult]]:
    """Article URLs of *source* (canonical, deduped, at most max_articles) and the
    FetchResults of the discovery fetches (robots.txt, sitemaps, feed, listing)."""
    urls: list[str] = []
    results = list(iter_discovery(source, fetcher, urls))
    return urls, results
