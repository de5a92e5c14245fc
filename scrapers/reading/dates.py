"""Indonesian dates: parsing one expression and finding an article's publication date.

- ``parse_indonesian_date(s, crawl_date=None)``: 'Kamis (19/6/2014)', 'Selasa, 7 Maret 2017 - 09:15 WIB',
  "Jum'at, 10 Nopember 2017", '15 Mei 2013', '2013-05-15', 'Sabtu 10 September' (no year: the
  latest year, not after the crawl date, whose weekday matches).
- ``find_dates(text, crawl_date=None)``: every date expression in a text with its span and cues.
- ``published_date(html, text, crawl_date=None, url=None)``: from page metadata first
  (JSON-LD datePublished, article:published_time, <time datetime>), else from the text.
  No guess is made when no date is stated: the footer's copyright year is not a date.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime

__all__ = ["parse_indonesian_date", "find_dates", "published_date", "MONTHS", "WEEKDAYS", "FoundDate"]

MONTHS = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "febuari": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4, "april.": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agust": 8, "agu": 8, "ags": 8, "agt": 8, "aug": 8, "august": 8, "agus": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}
# Monday = 0 as in date.weekday()
WEEKDAYS = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "jum’at": 4, "juma'at": 4,
    "sabtu": 5, "minggu": 6, "ahad": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}

_MON_ALT = "|".join(sorted(MONTHS, key=len, reverse=True)).replace(".", r"\.")
_WD_ALT = "|".join(sorted((re.escape(w) for w in WEEKDAYS), key=len, reverse=True))
_WD = rf"(?P<wd>{_WD_ALT})\b\.?\s*,?\s*"
_TIME = r"(?P<time>[\s,\-–|/]*(?:pukul\s*)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:WIB|WITA|WIT|GMT|am|pm)?)?"

# day month [year]
DMY_RE = re.compile(
    rf"(?:{_WD})?(?:\(\s*)?(?P<d>\d{{1,2}})\s*(?:-|\s)\s*(?P<m>{_MON_ALT})\.?\b(?:\s*[,\-–]?\s*(?P<y>(?:19|20)\d{{2}}))?\)?{_TIME}",
    re.I,
)
# d/m[/y] possibly in parentheses after a weekday
NUM_RE = re.compile(
    rf"(?:{_WD})?\(?\s*(?P<d>\d{{1,2}})\s*[/.-]\s*(?P<m>\d{{1,2}})(?:\s*[/.-]\s*(?P<y>(?:19|20)?\d{{2}}))?\s*\)?{_TIME}",
    re.I,
)
# the same two patterns without their leading weekday, for scanning: a pattern that may start with any of
# the weekday names is tried at every character of a page; these start at a digit or '(' only, and the
# weekday before a match is found by looking back (_with_weekday)
_DMY_CORE = re.compile(DMY_RE.pattern.replace(f"(?:{_WD})?", "", 1), re.I)
_NUM_CORE = re.compile(NUM_RE.pattern.replace(f"(?:{_WD})?", "", 1), re.I)
_WD_TAIL = re.compile(_WD + "$", re.I)


class _Match:
    """A core match with the weekday written before it, as the full pattern would have matched it."""
    __slots__ = ("_m", "_start", "_wd")

    def __init__(self, m: re.Match, start: int, wd: str | None):
        self._m, self._start, self._wd = m, start, wd

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._m.end()

    def group(self, name=0):
        if name == "wd":
            return self._wd
        if name == 0:
            return self._m.string[self._start:self._m.end()]
        return self._m.group(name)


def _with_weekday(core: re.Pattern, text: str):
    """finditer of the full pattern (weekday, then core), done as a scan for the core and a look back."""
    free = 0   # where the previous match ended: a weekday inside it is not this match's
    for m in core.finditer(text):
        lo = max(free, m.start() - 40)
        w = _WD_TAIL.search(text, lo, m.start())
        if w:
            yield _Match(m, w.start(), w.group("wd"))
        else:
            yield _Match(m, m.start(), None)
        free = m.end()


ISO_RE = re.compile(r"\b(?P<y>(?:19|20)\d{2})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})(?:[T\s](?P<time>\d{2}:\d{2}))?")
MONTH_FIRST_RE = re.compile(rf"\b(?P<m>{_MON_ALT})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>(?:19|20)\d{{2}})", re.I)
YEAR_RE = re.compile(r"(?<![\d.,/])(?:19[9]\d|20[0-3]\d)(?![\d.,/])")
URL_DATE_RE = re.compile(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])?(?=[/\-_]|\d{2,}|$)")


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    value: date
    has_time: bool
    has_weekday: bool
    year_stated: bool


def _mk(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _infer_year(m: int, d: int, weekday: int | None, crawl: date, hints: list[int] | None = None) -> int | None:
    """Year for a day and month written without one."""
    hints = [h for h in (hints or []) if 1990 <= h <= crawl.year]
    if weekday is not None:
        ok = [y for y in range(crawl.year, crawl.year - 40, -1)
              if (dt := _mk(y, m, d)) and dt <= crawl and dt.weekday() == weekday]
        for h in sorted(set(hints), key=lambda y: (-hints.count(y), -y)):
            if h in ok:
                return h
        return ok[0] if ok else None
    if hints:
        # the most often mentioned year, the later on a tie
        best = sorted(set(hints), key=lambda y: (-hints.count(y), -y))[0]
        if (dt := _mk(best, m, d)) and dt <= crawl:
            return best
    return None


def _year2(y: str | None) -> int | None:
    if not y:
        return None
    v = int(y)
    if len(y) == 2:
        v += 2000 if v < 70 else 1900
    return v


def _weekday(s: str | None) -> int | None:
    if not s:
        return None
    return WEEKDAYS.get(s.lower().replace("’", "'"))


def find_dates(text: str, crawl_date: date | None = None, hints: list[int] | None = None) -> list[FoundDate]:
    """Every date expression in ``text`` (left to right)."""
    crawl = crawl_date or date.today()
    out: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def add(mt, y, m, d, wd, has_time):
        if any(a < mt.end() and mt.start() < b for a, b in taken):
            return
        stated = y is not None
        if y is None:
            y = _infer_year(m, d, wd, crawl, hints)
            if y is None:
                return
        dt = _mk(y, m, d)
        if dt is None or dt > crawl or dt.year < 1990:
            return
        taken.append((mt.start(), mt.end()))
        out.append(FoundDate(mt.start(), mt.end(), dt, has_time, wd is not None, stated))

    for mt in ISO_RE.finditer(text):
        add(mt, int(mt.group("y")), int(mt.group("m")), int(mt.group("d")), None, bool(mt.group("time")))
    for mt in _with_weekday(_DMY_CORE, text):
        m = MONTHS.get(mt.group("m").lower().rstrip("."))
        if not m:
            continue
        add(mt, _year2(mt.group("y")), m, int(mt.group("d")), _weekday(mt.group("wd")), bool(mt.group("time")))
    for mt in MONTH_FIRST_RE.finditer(text):
        m = MONTHS.get(mt.group("m").lower().rstrip("."))
        if m:
            add(mt, int(mt.group("y")), m, int(mt.group("d")), None, False)
    for mt in _with_weekday(_NUM_CORE, text):
        wd = _weekday(mt.group("wd"))
        raw = mt.group(0)
        y = _year2(mt.group("y"))
        # a bare 'd/m' is a date only after a weekday or in parentheses '(14/5)'
        if y is None and wd is None and "(" not in raw:
            continue
        if y is None and "." in raw and wd is None:
            continue
        if wd is None and "(" not in raw and "/" not in raw and not (mt.group("y") and len(mt.group("y")) == 4):
            continue  # '11-15' or '1.5' are not dates; '10-12-2014' is
        add(mt, y, int(mt.group("m")), int(mt.group("d")), wd, bool(mt.group("time")))
    out.sort(key=lambda f: f.start)
    return out


def parse_indonesian_date(s: str, crawl_date: date | None = None, hints: list[int] | None = None) -> date | None:
    """The first date expressed in ``s``; None when there is none."""
    if not s:
        return None
    if isinstance(s, (date, datetime)):
        return s if isinstance(s, date) and not isinstance(s, datetime) else s.date()
    found = find_dates(str(s), crawl_date, hints)
    return found[0].value if found else None


# --------------------------------------------------------------------------- metadata

_META_NAMES = ("article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
               "publish-date", "publish_date", "date", "dc.date.issued", "dc.date", "dcterms.created",
               "sailthru.date", "parsely-pub-date", "content_publishedtime", "article.published")


def _iso_prefix(v: str) -> date | None:
    if not v:
        return None
    m = ISO_RE.search(v)
    if m:
        return _mk(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return parse_indonesian_date(v)


def _walk_jsonld(obj):
    if isinstance(obj, dict):
        yield obj
        for v in obj.values():
            yield from _walk_jsonld(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _walk_jsonld(v)


def markup_date_candidates(tree) -> list[tuple[str, str]]:
    """Where the page's markup states its date, in the order date_from_markup trusts them:
    ('iso', value) for published-time meta tags, <time datetime> and itemprop=datePublished, then
    ('box', text) for a short byline box ('<div class="post-info">Diposting 10 Februari 2025</div>').

    Read in one walk over the tree, so a page can be read once and its tree dropped (the pipeline
    keeps what read_page found, not the tree)."""
    metas: list[tuple[str, str]] = []
    times: list[tuple[str, str]] = []
    props: list[tuple[str, str]] = []
    boxes: list[tuple[str, str]] = []
    if tree is None:
        return []
    try:
        # XPath and tag filters run in lxml's C code: far cheaper than visiting every element in Python
        for el in tree.iter("meta"):
            name = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
            if name in _META_NAMES:
                metas.append(("iso", el.get("content") or ""))
        for el in tree.iter("time"):
            dt = el.get("datetime") or el.get("pubdate")
            if dt:
                times.append(("iso", dt))
        for el in tree.xpath('//*[@itemprop="datePublished"]'):
            props.append(("iso", el.get("content") or el.get("datetime") or (el.text or "")))
        for el in tree.xpath("//*[@class or @id]"):
            key = f"{el.get('class') or ''} {el.get('id') or ''}"
            if key.strip() and _DATE_BOX.search(key):
                txt = " ".join((el.text_content() or "").split())
                if txt and len(txt) <= 200:
                    boxes.append(("box", txt))
    except Exception:
        return metas + times + props
    return metas + times + props + boxes


def date_from_markup(tree=None, jsonld: list | None = None, crawl_date: date | None = None,
                     candidates: list[tuple[str, str]] | None = None) -> date | None:
    """datePublished from JSON-LD, published-time meta tags, <time datetime>, then a byline box.
    ``candidates`` (from markup_date_candidates) stands in for the tree."""
    crawl = crawl_date or date.today()

    def ok(d):
        return d if d and date(1990, 1, 1) <= d <= crawl else None

    for block in jsonld or []:
        for node in _walk_jsonld(block):
            for key in ("datePublished", "dateCreated", "uploadDate"):
                if isinstance(node.get(key), str) and (d := ok(_iso_prefix(node[key]))):
                    return d
    if candidates is None:
        candidates = markup_date_candidates(tree)
    try:
        for kind, value in candidates:
            if kind == "iso":
                if d := ok(_iso_prefix(value)):
                    return d
            else:
                found = [f for f in find_dates(value, crawl) if f.year_stated or f.has_weekday]
                if found:
                    return found[0].value
    except Exception:
        return None
    return None


_DATE_BOX = re.compile(r"(?i)(?:^|[\s_-])(?:date|time|tanggal|tgl|waktu|post-info|post-meta|postmeta|entry-meta|entry-date|"
                       r"byline|posted-on|posted|published|pubdate|dateline|meta-date|article-date|news-date|"
                       r"detail-date|post-date|info-date|date-time|datetime)(?:$|[\s_-])")


URL_YY_RE = re.compile(r"/(\d{2})/(0[1-9]|1[0-2])/(0[1-9]|[12]\d|3[01])/")


def year_hints(text: str, url: str | None = None) -> list[int]:
    """Years named in the text (and the URL's date path, weighted more) to place a date written without one."""
    hints = [int(y) for y in YEAR_RE.findall(text or "")]
    if url and (m := URL_DATE_RE.search(url)):
        hints += [int(m.group(1))] * 3
    elif url and (m := URL_YY_RE.search(url)):
        hints += [2000 + int(m.group(1))] * 3
    return hints


def date_from_text(text: str, crawl_date: date | None = None, url: str | None = None) -> date | None:
    """The date an article states for itself: a date with a clock time (a byline stamp) near the
    top wins, then the first date named with its weekday, then a full date near the top."""
    if not text:
        return None
    crawl = crawl_date or date.today()
    hints = year_hints(text, url)
    found = find_dates(text[:6000], crawl, hints)  # an article states its date near the top
    if not found:
        return None
    top = 1500
    timed = [f for f in found if f.has_time and f.start < top]
    if timed:
        return timed[0].value
    def byline(f: FoundDate) -> bool:
        ls = text.rfind("\n", 0, f.start) + 1
        le = text.find("\n", f.end)
        le = len(text) if le < 0 else le
        lead = text[ls:f.start]
        return not lead.strip(" \t|-–—:,") or le - ls <= 80 or bool(re.match(r"^[A-Z][A-Za-z .]{1,30},\s*$", lead)) or \
            bool(re.search(r"(?i)(?:diterbitkan|dipublikasikan|terbit|posted|published|diposting|tanggal|update|diperbarui)\W*$",
                           text[max(ls, f.start - 30):f.start]))

    # a date on its own line near the top (a byline) is the page's own date; a date inside a sentence
    # ('kata X, Rabu (21/8/2024)') is when something was said, used only when the page shows no byline
    early = [f for f in found if f.start < 600 and f.year_stated and byline(f)]
    if early:
        return early[0].value
    weekday = [f for f in found if f.has_weekday]
    if weekday:
        return weekday[0].value
    # a stamp with its year and clock time anywhere ('21-03-2016 08:14:05' closing an agency's story)
    stamped = [f for f in found if f.has_time and f.year_stated]
    return stamped[0].value if stamped else None


def published_date(html: str | None, text: str | None, crawl_date: date | None = None,
                   url: str | None = None, tree=None, jsonld: list | None = None,
                   markup: list[tuple[str, str]] | None = None) -> date | None:
    """Publication date of a page, or None when the page does not state one."""
    if tree is None and html:
        try:
            import lxml.html
            tree = lxml.html.fromstring(html)
        except Exception:
            tree = None
    if jsonld is None and tree is not None:
        jsonld = []
        for el in tree.iter("script"):
            if (el.get("type") or "").lower() == "application/ld+json" and el.text:
                try:
                    jsonld.append(json.loads(el.text))
                except Exception:
                    pass
    d = date_from_markup(tree, jsonld, crawl_date, candidates=markup)
    if d:
        return d
    return date_from_text(text or "", crawl_date, url)
