"""Crawl sources: what to read and how politely.

A source is one site section (a regional news site, an agency's news page, an
open-data catalogue) with one or more discovery entry points: a sitemap (or
sitemap index / Google News sitemap), an RSS/Atom feed and/or a listing page.

Sources are kept in YAML files::

    sources:
      - name: antara-jateng
        kind: news                    # news | agency | open_data
        feed: https://jateng.antaranews.com/rss/terkini.xml
        keywords: [ikm, sentra, industri kecil]
        requests_per_second: 1

``${NAME}`` placeholders anywhere in a string value are replaced from the
``variables`` mapping given to :func:`load_sources` (the bundled sample file uses
``${BASE_URL}``).  Plain Python only: nothing here knows about DuckDB or Dagster.
"""
from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlsplit

import yaml

log = logging.getLogger(__name__)

KINDS = ("news", "agency", "open_data")
URL_KEYS = ("sitemap", "feed", "listing")
# Keys a source entry may carry.  Unknown keys are logged and ignored (files are
# also written by tools outside the project), known keys are validated strictly.
KNOWN_KEYS = {
    "name", "kind", "sitemap", "feed", "listing", "link_pattern", "keywords",
    "requests_per_second", "max_articles", "allowed_hosts", "extra_hosts", "recheck_days",
    # free-form metadata, accepted and ignored
    "notes", "note", "region", "province", "description", "enabled", "language",
}
_PLACEHOLDER = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


_PLAIN_HOST = re.compile(r"https?://([a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::[0-9]*)?(?=[/?#]|\Z)")


def host_of(url: str | None) -> str | None:
    """Lower-cased host name of an absolute http(s) URL (no port), else None."""
    if not url:
        return None
    m = _PLAIN_HOST.match(url.strip())
    if m:  # the common case, without urlsplit (discovery asks this of every URL a sitemap lists)
        return m.group(1)
    return _host_by_urlsplit(url)


def _host_by_urlsplit(url: str) -> str | None:
    """host_of the long way, for any URL (the shortcut above must agree with it: tests/test_fast_paths.py)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return parts.hostname.lower().rstrip(".")


def _www_variants(host: str) -> set[str]:
    """A host and its www./bare twin (one owner; sites redirect between them)."""
    if re.fullmatch(r"[0-9.]+", host) or ":" in host or host == "localhost":
        return {host}
    if host.startswith("www."):
        return {host, host[4:]}
    return {host, "www." + host}


@dataclass(frozen=True)
class Source:
    name: str
    kind: str  # 'news' | 'agency' | 'open_data'
    sitemap: str | None = None
    feed: str | None = None
    listing: str | None = None
    link_pattern: str | None = None  # regex or substring: which listing links are articles
    keywords: tuple[str, ...] = ()  # if set, only URLs/titles/link texts with one of them
    requests_per_second: float = 2.0
    max_articles: int = 200
    # a page the sitemap says is unchanged is still asked for (conditionally) once our last fetch of it
    # is older than this many days (spread over the second half of the period); 0: lastmod is not trusted
    recheck_days: int = 30
    # Derived from the source's own URLs (plus their www./bare twins).  Hosts
    # given here explicitly are *added* to the derived ones.
    allowed_hosts: frozenset[str] = field(default=frozenset())

    def __post_init__(self) -> None:
        if isinstance(self.keywords, str):
            object.__setattr__(self, "keywords", (self.keywords,))
        else:
            object.__setattr__(self, "keywords", tuple(self.keywords or ()))
        hosts: set[str] = set()
        for h in self.allowed_hosts or ():
            hosts |= _www_variants(str(h).lower().strip())
        for u in self.entry_urls():
            h = host_of(u)
            if h:
                hosts |= _www_variants(h)
        object.__setattr__(self, "allowed_hosts", frozenset(hosts))

    def entry_urls(self) -> list[str]:
        """The discovery URLs this source has, in order sitemap, feed, listing."""
        return [u for u in (self.sitemap, self.feed, self.listing) if u]

    def owns(self, url: str) -> bool:
        """True if *url* is http(s) on one of this source's hosts."""
        h = host_of(url)
        return h is not None and h in self.allowed_hosts

    @property
    def host(self) -> str | None:
        """The host of the first entry URL (used to group sources per host)."""
        for u in self.entry_urls():
            h = host_of(u)
            if h:
                return h
        return None


def _substitute(value: Any, variables: dict[str, str], where: str) -> Any:
    if isinstance(value, str):
        def repl(m: re.Match) -> str:
            key = m.group(1)
            if key not in variables:
                raise ValueError(f"{where}: placeholder ${{{key}}} has no value "
                                 f"(variables given: {sorted(variables) or 'none'})")
            return str(variables[key])
        return _PLACEHOLDER.sub(repl, value)
    if isinstance(value, list):
        return [_substitute(v, variables, where) for v in value]
    if isinstance(value, dict):
        return {k: _substitute(v, variables, where) for k, v in value.items()}
    return value


def _check_url(value: Any, where: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"{where}: expected a URL string, got {type(value).__name__}")
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{where}: not an absolute http(s) URL: {value!r}")
    return value


def _str_list(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        items: Iterable[Any] = [v for v in value.split(",")]
    elif isinstance(value, (list, tuple)):
        items = value
    else:
        raise ValueError(f"{where}: expected a list of strings")
    out = []
    for v in items:
        if not isinstance(v, (str, int, float)):
            raise ValueError(f"{where}: expected a list of strings, found {v!r}")
        s = str(v).strip()
        if s:
            out.append(s)
    return tuple(out)


def source_from_dict(entry: dict, index: int = 0) -> Source:
    """Build and validate one :class:`Source` from a (substituted) mapping."""
    if not isinstance(entry, dict):
        raise ValueError(f"sources[{index}]: expected a mapping, got {type(entry).__name__}")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"sources[{index}]: key 'name' is missing or not a string")
    name = name.strip()
    w = f"source {name!r}"
    unknown = set(entry) - KNOWN_KEYS
    if unknown:
        log.warning("%s: ignoring unknown key(s) %s", w, ", ".join(sorted(map(str, unknown))))

    kind = entry.get("kind")
    if kind not in KINDS:
        raise ValueError(f"{w}: key 'kind' must be one of {', '.join(KINDS)}, got {kind!r}")
    urls = {k: _check_url(entry.get(k), f"{w}: key {k!r}") for k in URL_KEYS}
    if not any(urls.values()):
        raise ValueError(f"{w}: needs at least one of the keys 'sitemap', 'feed', 'listing'")

    link_pattern = entry.get("link_pattern")
    if link_pattern is not None:
        if not isinstance(link_pattern, str):
            raise ValueError(f"{w}: key 'link_pattern' must be a string (regex or substring)")
        link_pattern = link_pattern or None

    rps = entry.get("requests_per_second", 2.0)
    if rps is None:
        rps = 2.0
    if isinstance(rps, bool) or not isinstance(rps, (int, float)) or not math.isfinite(rps) or rps <= 0:
        raise ValueError(f"{w}: key 'requests_per_second' must be a positive number, got {rps!r}")

    max_articles = entry.get("max_articles", 200)
    if max_articles is None:
        max_articles = 200
    if isinstance(max_articles, bool) or not isinstance(max_articles, int) or max_articles < 0:
        raise ValueError(f"{w}: key 'max_articles' must be a non-negative integer, got {max_articles!r}")

    recheck_days = entry.get("recheck_days", 30)
    if recheck_days is None:
        recheck_days = 30
    if isinstance(recheck_days, bool) or not isinstance(recheck_days, int) or recheck_days < 0:
        raise ValueError(f"{w}: key 'recheck_days' must be a non-negative integer, got {recheck_days!r}")

    keywords = tuple(k.lower() for k in _str_list(entry.get("keywords"), f"{w}: key 'keywords'"))
    extra = _str_list(entry.get("allowed_hosts"), f"{w}: key 'allowed_hosts'") + \
        _str_list(entry.get("extra_hosts"), f"{w}: key 'extra_hosts'")
    for h in extra:
        if "/" in h or " " in h:
            raise ValueError(f"{w}: key 'allowed_hosts' wants host names, got {h!r}")

    return Source(
        name=name, kind=kind, sitemap=urls["sitemap"], feed=urls["feed"], listing=urls["listing"],
        link_pattern=link_pattern, keywords=keywords, requests_per_second=float(rps),
        max_articles=max_articles, allowed_hosts=frozenset(h.lower() for h in extra), recheck_days=recheck_days,
    )


def load_sources(path, variables: dict[str, str] | None = None) -> list[Source]:
    """Read a YAML sources file (top-level key ``sources:``, a list of mappings).

    ``${NAME}`` placeholders are replaced from *variables*.  Raises ValueError
    naming the source and the key for anything malformed.  Entries with
    ``enabled: false`` are skipped.
    """
    path = Path(path)
    variables = dict(variables or {})
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ValueError(f"{path}: cannot read sources file: {e}") from e
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ValueError(f"{path}: not valid YAML{where}: {getattr(e, 'problem', None) or e}") from None
    if not isinstance(doc, dict) or "sources" not in doc:
        raise ValueError(f"{path}: expected a top-level key 'sources:' holding a list")
    entries = doc["sources"]
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise ValueError(f"{path}: key 'sources' must be a list")
    out: list[Source] = []
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict):
            raise ValueError(f"{path}: sources[{i}]: expected a mapping, got {type(entry).__name__}")
        label = entry.get("name") if isinstance(entry.get("name"), str) else f"sources[{i}]"
        subst = {}
        for k, v in entry.items():
            subst[k] = _substitute(v, variables, f"{path}: source {label!r}: key {k!r}")
        if subst.get("enabled") is False:
            continue
        try:
            src = source_from_dict(subst, i)
        except ValueError as e:
            raise ValueError(f"{path}: {e}") from None
        if src.name in seen:
            raise ValueError(f"{path}: source {src.name!r}: key 'name' is used twice")
        seen.add(src.name)
        out.append(src)
    return out
