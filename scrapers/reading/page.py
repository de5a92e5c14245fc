"""One HTML page -> url, title, main text (paragraphs as lines), JSON-LD blocks and tables.

Main text comes from trafilatura; when it finds nothing, the text of <article>/<main>/<body> is
taken with lxml. Broken markup is tolerated: every step falls back instead of raising.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field

from .dates import markup_date_candidates

__all__ = ["Page", "read_page", "html_to_tree", "trafilatura_extractor"]

_WS = re.compile(r"[ \t\u00a0\u200b]+")
_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
               "blockquote", "header", "footer", "ul", "ol", "table", "figcaption", "dd", "dt"}
_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
              "template", "button", "select")


@dataclass
class Page:
    """What the reader needs of a page. Plain data (see as_record), so a page read once for its main
    text (the `articles` asset) need not be parsed again to be extracted."""
    url: str | None
    title: str | None
    text: str
    jsonld: list = field(default_factory=list)
    tables: list = field(default_factory=list)   # each a list of rows, each a list of cell strings
    markup_dates: list = field(default_factory=list)  # see dates.markup_date_candidates

    def as_record(self) -> dict:
        return {"url": self.url, "title": self.title, "text": self.text, "jsonld": self.jsonld,
                "tables": self.tables, "markup_dates": [list(c) for c in self.markup_dates]}

    @classmethod
    def from_record(cls, record: dict) -> "Page":
        return cls(url=record.get("url"), title=record.get("title"), text=record.get("text") or "",
                   jsonld=record.get("jsonld") or [], tables=record.get("tables") or [],
                   markup_dates=[tuple(c) for c in record.get("markup_dates") or []])


def html_to_tree(html: str):
    import lxml.html
    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    html = html.lstrip("\ufeff")
    if re.match(r"^\s*<\?xml[^>]*encoding", html):
        html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    if not html.strip():
        raise ValueError("empty page")
    try:
        return lxml.html.fromstring(html)
    except Exception:
        parser = lxml.html.HTMLParser(recover=True, encoding="utf-8")
        return lxml.html.fromstring(html.encode("utf-8", "replace"), parser=parser)


def _clean(s: str | None) -> str:
    return _WS.sub(" ", s or "").strip()


def _meta(tree, *names: str) -> str | None:
    names_l = {n.lower() for n in names}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        if key in names_l:
            v = _clean(el.get("content"))
            if v:
                return v
    return None


def _url(tree) -> str | None:
    for el in tree.iter("link"):
        rel = (el.get("rel") or "").lower().split()
        if "canonical" in rel and _clean(el.get("href")):
            return _clean(el.get("href"))
    return _meta(tree, "og:url", "twitter:url")


_TITLE_SEP = re.compile(r"\s+(?:[|\-–—•»]|::)\s+")
_DOMAIN = re.compile(r"\b[\w-]+\.(?:com|co\.id|id|net|org|news|tv|info|web\.id|or\.id|go\.id)\b", re.I)
_OUTLET_WORDS = re.compile(
    r"\b(?:online|news|pos|post|times|tv|media|portal|berita\s+\w+|tribun\w*|antara\w*|okezone|detik\w*|liputan6|"
    r"kumparan|republika|tempo|kompas\w*|sindonews|suara\w*|radar\s+\w+|jawapos|jpnn|merdeka|viva|idn\s*times|"
    r"kapanlagi|bisnis\.com|cnn\s+indonesia|cnbc\s+indonesia|inews|rri|metro\w*|harian\s+\w+|koran\s+\w+|"
    r"mediaindonesia|grid\w*|pikiran\s+rakyat|ayo\w+|warta\w*|kabar\w*)\b", re.I)


def _outlet_like(segment: str, site_name: str | None, host_label: str | None) -> bool:
    """A title segment that names the outlet, not the story: its site name, a domain, the host's name, or
    a short name built from words outlets use ('Republika Online', 'Tribun Jogja')."""
    seg = segment.strip().lower()
    if not seg:
        return True
    if site_name and (seg == site_name.lower() or site_name.lower() in seg):
        return True
    if _DOMAIN.search(seg):
        return True
    if host_label and len(host_label) >= 4 and host_label in seg.replace(" ", ""):
        return True
    return len(seg.split()) <= 4 and bool(_OUTLET_WORDS.search(seg))


def headline(title: str | None, site_name: str | None = None, url: str | None = None) -> str | None:
    """The story's headline without the outlet's name around it: 'Judul - Kompas.com', 'Judul | Republika
    Online', 'KapanLagi.com: Judul' all give 'Judul'. A title that is all outlet is kept as it is."""
    if not title:
        return title
    host = re.sub(r"^www\.", "", (re.match(r"^[a-z]+://([^/:]+)", url or "") or [None, ""])[1].lower())
    host_label = host.split(".")[0] if host else None
    t = title.strip()
    m = re.match(r"^([\w.-]+\.(?:com|co\.id|id|net))\s*:\s+(.+)$", t, re.I)
    if m:
        t = m.group(2)  # 'KapanLagi.com: Judul'
    parts = _TITLE_SEP.split(t)
    if all(_outlet_like(p, site_name, host_label) for p in parts):
        return title.strip()  # a home or section page: all of it names the outlet
    while len(parts) > 1 and _outlet_like(parts[-1], site_name, host_label):
        parts.pop()
    while len(parts) > 1 and _outlet_like(parts[0], site_name, host_label):
        parts.pop(0)
    out = " - ".join(parts) if len(parts) > 1 else parts[0]
    return out if len(out) >= 10 else title.strip()


def _title(tree) -> str | None:
    t = _meta(tree, "og:title", "twitter:title")
    if t:
        return t
    for tag in ("h1",):
        for el in tree.iter(tag):
            v = _clean(el.text_content())
            if v:
                return v
    for el in tree.iter("title"):
        v = _clean(el.text_content())
        if v:
            # 'Judul - Nama Situs'
            parts = re.split(r"\s+[|\-–—]\s+", v)
            return parts[0] if len(parts[0]) >= 15 else v
    return None


def _jsonld(tree) -> list:
    out = []
    for el in tree.iter("script"):
        if (el.get("type") or "").lower().strip() == "application/ld+json":
            raw = (el.text or "").strip()
            if not raw:
                continue
            try:
                out.append(json.loads(raw))
            except Exception:
                try:
                    out.append(json.loads(re.sub(r"[\x00-\x1f]", " ", raw)))
                except Exception:
                    pass
    return out


def _jsonld_url(blocks: list) -> str | None:
    stack = list(blocks)
    while stack:
        node = stack.pop(0)
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            if str(node.get("@type", "")).lower().endswith("article") or "headline" in node:
                me = node.get("mainEntityOfPage")
                if isinstance(me, dict) and isinstance(me.get("@id"), str) and me["@id"].startswith("http"):
                    return me["@id"]
                if isinstance(me, str) and me.startswith("http"):
                    return me
                if isinstance(node.get("url"), str) and node["url"].startswith("http"):
                    return node["url"]
            stack.extend(v for v in node.values() if isinstance(v, (dict, list)))
    return None


def _tables(tree) -> list[list[list[str]]]:
    out = []
    for t in tree.iter("table"):
        rows = []
        for tr in t.iter("tr"):
            cells = []
            for c in tr:
                if not (isinstance(c.tag, str) and c.tag.lower() in ("td", "th")):
                    continue
                cells.append(_clean(c.text_content()))
                try:
                    span = min(int(c.get("colspan") or 1), 20)
                except ValueError:
                    span = 1
                cells.extend([""] * (span - 1))  # keep later cells under their header
            if any(cells):
                rows.append(cells)
        if len(rows) >= 2:
            out.append(rows)
    return out


def _is_data_table(t) -> bool:
    """A table of figures (short cells, several columns), not a layout table holding the article."""
    if any(True for _ in t.iter("p", "article", "h1", "h2")):
        return False
    rows = [tr for tr in t.iter("tr")]
    if len(rows) < 2:
        return False
    cells = [c for c in rows[0] if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
    if len(cells) < 2:
        return False
    return all(len((c.text_content() or "").strip()) <= 60 for c in cells)


def _fallback_text(tree) -> str:
    import copy
    root = None
    for tag in ("article", "main"):
        found = list(tree.iter(tag))
        if found:
            root = max(found, key=lambda e: len(e.text_content() or ""))
            break
    if root is None:
        bodies = list(tree.iter("body"))
        root = bodies[0] if bodies else tree
    root = copy.deepcopy(root)
    for bad in list(root.iter(*_DROP_TAGS)):
        if bad is not root and bad.getparent() is not None:
            bad.drop_tree()
    for t in list(root.iter("table")):
        if t is not root and t.getparent() is not None and _is_data_table(t):
            t.drop_tree()  # figures are read from the table rows, not as running text
    lines: list[str] = []
    buf: list[str] = []

    def flush():
        s = _clean("".join(buf))
        if s:
            lines.append(s)
        buf.clear()

    def walk(el):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _BLOCK_TAGS:
            flush()
        if el.text and tag:
            buf.append(el.text)
        for ch in el:
            walk(ch)
            if ch.tail:
                buf.append(ch.tail)
        if tag in _BLOCK_TAGS:
            flush()

    walk(root)
    flush()
    return "\n".join(lines)


#: how the reader calls trafilatura.extract (the bench times trafilatura alone with the same options)
TRAFILATURA_OPTIONS = dict(output_format="txt", include_comments=False, include_tables=False, include_links=False,
                           include_images=False, favor_recall=True, deduplicate=False, with_metadata=False)


@functools.cache
def trafilatura_extractor():
    """TRAFILATURA_OPTIONS as one trafilatura Extractor, built once per process and passed as
    ``options=``: trafilatura.extract otherwise builds it again on every call (~0.3 ms of its ~4 ms a
    page). Extraction reads it and leaves it as it was (tests/test_fast_paths.py checks)."""
    from trafilatura.settings import Extractor
    o = TRAFILATURA_OPTIONS
    return Extractor(output_format=o["output_format"], comments=o["include_comments"], tables=o["include_tables"],
                     links=o["include_links"], images=o["include_images"], recall=o["favor_recall"],
                     dedup=o["deduplicate"], with_metadata=o["with_metadata"])


def _trafilatura_text(tree) -> str:
    """trafilatura works on a copy of the tree we parsed: the page is parsed once, not twice."""
    try:
        import trafilatura
        txt = trafilatura.extract(tree, options=trafilatura_extractor())
        return txt or ""
    except Exception:
        return ""


def read_page(html: str) -> Page:
    """Parse one page. Raises ValueError on an empty page; anything else degrades gracefully."""
    tree = html_to_tree(html)
    url = _url(tree)
    title = headline(_title(tree), _meta(tree, "og:site_name"), url)
    jsonld = _jsonld(tree)
    if not url:
        url = _jsonld_url(jsonld)
    tables = _tables(tree)
    markup_dates = markup_date_candidates(tree)
    src = tree
    data_tables = [t for t in tree.iter("table") if _is_data_table(t)]
    if data_tables:
        # data tables are read as rows; their cells would only garble the running text
        import copy
        t2 = copy.deepcopy(tree)
        for t in [t for t in t2.iter("table") if _is_data_table(t)]:
            if t.getparent() is not None:
                t.drop_tree()
        src = t2
    text = _trafilatura_text(src)
    fb = None
    garbled = sum(1 for ln in text.splitlines() if ln.lstrip().startswith("|")) >= 1
    if len(text.strip()) < 200 or garbled:
        fb = _fallback_text(tree)
        if len(fb) > len(text) or (garbled and len(fb) >= 0.5 * len(text)):
            text = fb
    lines = [_clean(ln) for ln in text.splitlines()]
    text = "\n".join(ln for ln in lines if ln)
    return Page(url=url, title=title, text=text, jsonld=jsonld, tables=tables, markup_dates=markup_dates)
