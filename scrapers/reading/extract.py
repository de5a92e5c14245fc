"""One HTML page -> the extraction contract (see shared/devset/README.md).

``extract_page(html, url=None, crawl_date=None) -> dict`` with exactly:
  url, title, published, relevant, cities[{code,name,province}],
  sentra[{city_code,name,commodity,commodity_group,location,status}],
  facts[{city_code,province_code,indicator,value,unit,period,year,sentra,evidence,confidence}],
  reader (the model file's version, or 'rules': what decided the facts; the warehouse keeps it per fact)
``extract_file(path) -> dict`` reads a file and never raises (an ``error`` key says what failed).

Fact city rule: a number stated about a place in its own sentence gets that place (a kab/kota
mention, or a kecamatan's kab/kota; a number followed by 'di <place>' takes that place first); a
province-wide number gets city_code null and the province; a national one gets both null; a
sentence without a place takes the place of the sentence before it in the same paragraph, else
the article's primary city. Datelines and the venue of a statement or event are not subjects.
"""
from __future__ import annotations

import bisect
import dataclasses
import functools
import math
import re
from dataclasses import dataclass
from datetime import date, datetime

from . import dates as _dates
from .decide import (Candidate, apply_decision, article_features, load_model, reader_version, relevance_features,
                     rules_decision, rules_relevance)
from .indicators import frame_sentence, stated_year, told_year
from .numbers import parse_number
from .page import Page, read_page
from .places import DATELINE, DATELINE_CAPS, DATELINE_FORMS
from .relevance import assess, is_ikm_topic, topic_score, umkm_dominant
from .sentra import SentraMention, commodity_group, find_sentra, same_commodity, normalize_commodity, product_of_material, \
    processed_product

__all__ = ["extract_page", "extract_file", "split_sentences", "EMPTY_RESULT"]

EMPTY_RESULT = {"url": None, "title": None, "published": None, "relevant": False, "cities": [],
                "sentra": [], "facts": []}

# ---------------------------------------------------------------- places (another module)
_places = None


class _NoPlaces:
    """Stand-in when the places module cannot load: no cities, no mentions, numbers still read."""

    @staticmethod
    def find_mentions(text):
        return []

    @staticmethod
    def article_cities(title, text):
        return []

    @staticmethod
    def city(code):
        return None


def _pl():
    global _places
    if _places is None:
        try:
            from . import places as p
            p.find_mentions("Kota Bandung")  # loads its data once
        except Exception:  # noqa: BLE001 - degrade, do not fail every page
            p = _NoPlaces()
        _places = p
    return _places


# ---------------------------------------------------------------- text handling
_RELATED = re.compile(r"^\s*(?:baca(?:\s+juga)?|lihat\s+juga|simak(?:\s+juga)?|berita\s+terkait|artikel\s+terkait|"
                      r"related|tonton\s+juga|klik\s+(?:dan\s+)?like|ikuti\s+(?:kami|berita)|cek\s+berita|"
                      r"dapatkan\s+(?:update|berita)|copyright|hak\s+cipta|©)\b[^\n]*", re.I)
_ABBREV = re.compile(r"(?:\b(?:prov|kab|kec|kel|ds|jl|jln|dra?|drs|hj|ir|st|no|rp|tbk|pt|cv|bpk|ny|sdr|prof|h|s|m|sh|"
                     r"se|mm|mt|msi|si|sp|spd|mpd|kol|letkol|brigjen|mayjen|kapt|aiptu|aipda|bripka|ipda|iptu|akp|"
                     r"kompol|sos|hum|ag|kh|tgh|ust|dll|dsb|dkk|vs|tel|telp|hp|wib|wita|wit|a\.n|u\.p|a\.md|m\.si|"
                     r"s\.e|s\.h|s\.pd|s\.sos|m\.m|sumut|sulsel|jateng|jatim|jabar|kaltim)|\b[A-Z])\.$", re.I)
_SENT_END = re.compile(r"[.!?]+[\"”’']?(?=\s+[\"“‘(]?[A-Z0-9])|[.!?]+[\"”’']?\s*$")
_VENUE_BEFORE = re.compile(
    r"(?:\b(?:kata|ujar|ucap|jelas|tutur|ungkap|papar|sebut|tegas|terang|imbuh|katanya|ujarnya|jelasnya|ungkapnya|"
    r"paparnya|tuturnya|tegasnya|mengatakan|menjelaskan|mengungkapkan|menyampaikan)\s+(?:[A-Z][\w.'’-]*,?\s+){0,6}"
    r"(?:(?:dia|ia|beliau|kepada\s+\w+)\s+)?|"
    r"\b(?:saat(?!\s+ini)|ketika|usai|seusai|selepas|dalam\s+acara|menghadiri|membuka|pembukaan|di\s+sela|disela|"
    r"digelar|berlangsung|diselenggarakan|bertempat|dilaksanakan|ditemui|dihubungi|pameran|ekspo|expo|bazar|bazaar|"
    r"festival|gelaran|acara|event|rapat|pertemuan|seminar|lokakarya|konferensi)\b[^.;,]{0,60}|"
    r"\b(?:hotel|gedung|pendopo|kantor|aula|balai|alun-alun|convention|hall|mall|plaza|lapangan|stadion|"
    r"rumah\s+jabatan|rumah\s+dinas)\b[^.;,]{0,40},?\s*)\bdi\s+$")
_VENUE_AFTER = re.compile(r"^\s*,\s*(?:Senin|Selasa|Rabu|Kamis|Jum'?at|Sabtu|Minggu|Ahad)\b", re.I)
_ORIGIN_BEFORE = re.compile(r"\b(?:asal|dari|ke|menuju)\s+(?:(?:kota|kabupaten|kab\.?)\s+)?$", re.I)
_REFERS_BACK = re.compile(r"^\W*dari\s+(?:total\s+|jumlah\s+|sebanyak\s+)?(\d[\d.,]*)", re.I)


def referred_year(sentence: str, frames: list, number_years: dict[float, int]) -> int | None:
    """The year of an earlier figure a sentence opens by referring back to ('Dari 4.210 IKM itu, sekitar
    2.500 ...'): its numbers are parts of that figure, of its year, not of a year stated in between."""
    m = _REFERS_BACK.match(sentence)
    if not m:
        return None
    for f in frames:
        if f.quantity.start == m.start(1) and f.quantity.value in number_years:
            return number_years[f.quantity.value]
    return None


def _remember_years(sentence: str, frames: list, number_years: dict[float, int]) -> None:
    """Each figure of a sentence that states a year, with the year the rules tie it to (the first mention
    wins), for a later sentence that refers back to it (referred_year)."""
    if stated_year(sentence) is None:
        return
    for f in frames:
        if f.year is not None and not f.vetoes:
            number_years.setdefault(f.quantity.value, f.year)


_ANAPHORA_SUBJECT = re.compile(r"^\W*(?:(?:para\s+)?(?:ikm|imk|usaha|industri|perajin|pengrajin|sentra|pelaku\s+usaha|jumlah|angka|total)"
                               r"\s+(?:tersebut|itu|ini)|mereka)\b", re.I)
_PROVINCE_WIDE = re.compile(r"\b(?:tersebar\s+di\s+(?:\w+\s+){1,2}kabupaten\s*(?:/|dan|atau)\s*kota|"
                            r"(?:di\s+)?seluruh\s+kabupaten\s*(?:/|dan|atau)\s*kota|se-?provinsi|tingkat\s+provinsi|provinsi\s+(?:ini|itu|tersebut)|"
                            r"se-?(?:jawa|sumatera|sumatra|kalimantan|sulawesi|bali|ntb|ntt|papua|maluku)\w*)\b", re.I)
_PROVINCE_WIDE_AFTER = re.compile(
    r"^[^.;]{0,20}?\b(?:di\s+)?(?:(?:seluruh|berbagai|sejumlah|beberapa|\w+)\s+)?(?:kabupaten\s*(?:/|dan|atau)\s*kota|"
    r"(?:kab|kabupaten)/kota)\b|^[^.;]{0,20}?\bse-?(?:provinsi\b|(?-i:[A-Z])\w+)", re.I)
_FOLLOW_DI = re.compile(r"^[^,.;0-9]{0,30}?\bdi\s+(?:(?:kota|kabupaten|kab\.|kecamatan|kec\.|provinsi|prov\.)\s+)?$", re.I)


@dataclass
class Sent:
    text: str
    start: int          # offset in the article text
    para: int
    index: int          # index within its paragraph
    dateline_end: int = 0   # characters at its start that are a dateline


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph (abbreviations such as 'Prov.' and 'Dra.' do not end one)."""
    spans = []
    start = 0
    for m in _SENT_END.finditer(paragraph):
        end = m.end()
        # a dot after an abbreviation or a single capital letter is not a sentence end
        head = paragraph[start:m.start() + 1]
        if m.group(0).startswith(".") and _ABBREV.search(head[-12:]):
            continue
        # a dot inside a number is not a sentence end ('Rp. 5')
        if spans and end - start < 3:
            continue
        seg = paragraph[start:end]
        if seg.strip():
            lead = len(seg) - len(seg.lstrip())
            spans.append((start + lead, end if not paragraph[end - 1].isspace() else end - 1))
        start = end
    if paragraph[start:].strip():
        seg = paragraph[start:]
        lead = len(seg) - len(seg.lstrip())
        spans.append((start + lead, len(paragraph.rstrip())))
    return [(a, b) for a, b in spans if b > a]


def _norm_line(s: str) -> str:
    return " ".join(re.findall(r"\w+", (s or "").lower()))


def _clean_lines(text: str, title: str | None) -> list[str]:
    tnorm = _norm_line(title) if title else ""
    first_word = tnorm.split(" ", 1)[0]  # a line without it cannot repeat the headline: no need to normalise it
    out = []
    for ln in text.splitlines():
        ln = ln.strip()
        if not ln:
            continue
        if _RELATED.match(ln):
            continue
        if tnorm and first_word in ln.lower() and _norm_line(ln) == tnorm:
            continue  # the headline repeated in the body
        out.append(ln)
    return out


def _dateline_len(par: str) -> int:
    for rx in DATELINE_FORMS:
        m = rx.match(par)
        if m and len(m.group(0)) <= 70:
            place = m.group("place")
            # a dateline's place is a capitalised name, not the first words of a sentence
            if rx is DATELINE and not (place.isupper() or re.search(r"\(|[-–—|]\s*$|\.\w+\s*,", m.group(0))):
                if not re.match(r"^\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s*[-–—]\s", par):
                    continue
            return m.end() if rx is not DATELINE_CAPS else m.end("place")
    return 0


# ---------------------------------------------------------------- places per sentence
@dataclass
class Placed:
    city_code: str | None
    province_code: str | None
    strength: int          # 3 in the sentence, 2 previous sentence, 1 article default, 0 none


def _usable_mentions(sent: Sent, mentions: list) -> list:
    out, dropped = [], []
    for m in mentions:
        if m.start < sent.dateline_end or _qualifies_dropped(sent.text, m, dropped):
            continue
        if _unusable(sent, m):
            dropped.append(m)
            continue
        out.append(m)
    return out


_QUALIFIER_GAP = re.compile(r"\s*,\s*(?:(?:provinsi|prov\.?)\s+)?", re.I)


def _qualifies(text: str, local, prov) -> bool:
    """'Kabupaten Sleman, Provinsi DI Yogyakarta', 'Kudus, Jawa Tengah': the province only says where the kab/kota
    named just before it lies; the two are one place."""
    return (local.level in _LOCAL_LEVELS and prov.level == "province" and local.end <= prov.start
            and _QUALIFIER_GAP.fullmatch(text[local.end:prov.start]) is not None)


def _qualifies_dropped(text: str, m, dropped: list) -> bool:
    """A province that qualifies a kab/kota dropped as an origin, a speaker's office or an event ('penenun
    dari Kudus, Jawa Tengah', 'Kepala Dinas ... Kabupaten X, Jawa Tengah') is dropped with it: it is not the
    place of the figures either."""
    return bool(dropped) and _qualifies(text, dropped[-1], m)


def _unusable(sent: Sent, m) -> bool:
    """A mention that names where the figures are not from: a venue, an origin, an aid giver, an event's or
    an institution's name."""
    before = sent.text[max(0, m.start - 120):m.start]
    if _VENUE_BEFORE.search(before) or _VENUE_AFTER.match(sent.text[m.end:m.end + 12]):
        return True
    if _ORIGIN_BEFORE.search(before[-20:]) and not _MAKER_FROM(before):
        return True
    if m.level in ("province", "kabkota") and _AID_GIVER_BEFORE.search(before[-60:]):
        return True  # 'bantuan dari Pemda DIY Rp 200 juta': the giver, not the place that gets it
    if _RANKED_AFTER_BEFORE.search(before[-80:]):
        return True  # 'terbesar di provinsi itu setelah Kabupaten X': the place ranked above, not the subject
    if m.level in ("province", "kabkota") and not m.explicit and (
            _P_EVENT_AFTER.match(sent.text, m.end) or _P_EVENT_BEFORE.search(before[-60:])
            or _P_INSTITUTION_BEFORE.search(before[-90:])):
        return True  # 'Lampung Fair', 'Pekan Raya Jakarta', 'Balai Besar ... Makassar': names, not places of the figures
    return False


from .places import _EVENT_NAME_AFTER as _P_EVENT_AFTER, EVENT_NAME_BEFORE as _P_EVENT_BEFORE, \
    INSTITUTION_BEFORE as _P_INSTITUTION_BEFORE  # noqa: E402

_RANKED_AFTER_BEFORE = re.compile(r"\b(?:terbesar|terbanyak|tertinggi|terluas|kedua|ketiga|peringkat\s+\w+|urutan\s+\w+)\b"
                                  r"[^.;]{0,50}\b(?:setelah|sesudah|di\s+bawah)[ \t]+(?:(?:kota|kabupaten|kab\.?)[ \t]+)?$", re.I)
_AID_GIVER_BEFORE = re.compile(r"\b(?:bantuan|hibah|dana|kucuran|stimulan)\b[^.;]{0,25}\b(?:dari|oleh)[ \t]+"
                               r"(?:pemda|pemprov|pemkab|pemkot|pemerintah(?:[ \t]+(?:provinsi|daerah|kabupaten|kota))?|gubernur|"
                               r"dinas[ \t]+\w+|disperindag)?[ \t]*$", re.I)
_MAKER_BEFORE = re.compile(r"\b(?:perajin|pengrajin|ikm|imk|umkm|ukm|pelaku\s+(?:usaha|ikm)|pengusaha|produk\w*|kerajinan|"
                           r"stan|stand|booth|peserta|kontingen|delegasi|utusan|industri|sentra)\s+(?:(\w+)\s+){0,2}dari\s+"
                           r"(?:(?:kota|kabupaten|kab\.?|kecamatan|desa|kelurahan)\s+)?$", re.I)
_PRODUCT_FROM = re.compile(r"\b(\w+)\s+(?:(\w+)\s+)?dari\s+(?:(?:kota|kabupaten|kab\.?|kecamatan|desa|kelurahan)\s+)?$", re.I)


def _MAKER_FROM(before: str) -> bool:
    """'perajin dari Kabupaten Batang', 'penjualan batik dari Pekalongan': the makers or their product come from
    that place, which is then the subject; 'rombongan dari Surabaya' is not."""
    if _MAKER_BEFORE.search(before[-60:]):
        return True
    m = _PRODUCT_FROM.search(before[-50:])
    if m:
        from .sentra import commodity_group
        return any(w and commodity_group(w) for w in m.groups())
    return False


_ORG_BEFORE = re.compile(
    r"\b(?:dinas|disperindag|disperin|diskoperindag|dinkop\w*|dindag\w*|pemprov|pemerintah\s+provinsi|gubernur|wagub|"
    r"wakil\s+gubernur|sekda|kadis|kabid|kanwil|dekranasda|dprd|bank\s+indonesia|bps|badan\s+pusat\s+statistik|kadin|"
    r"balai|upt|kantor\s+wilayah|perwakilan)\b[^,.;:\"“”]{0,60}$", re.I)
_NATIONAL = re.compile(r"\b(?:secara\s+nasional|skala\s+nasional|tingkat\s+nasional|nasional|se-?indonesia|seluruh\s+indonesia|"
                       r"di\s+indonesia|tanah\s+air|seluruh\s+provinsi)\b", re.I)


def _place_for(sent: Sent, pos: int, end: int, mentions: list, claimed: set[int]) -> Placed | None:
    """The place a number at [pos, end) in the sentence is about, from the sentence alone."""
    local = [m for m in mentions if m.level in ("kabkota", "kecamatan", "kelurahan") and m.city_code]
    # 'secara nasional jumlah IKM mencapai 4,4 juta unit': a national figure, whatever the speaker's office
    nat = None
    for m in _NATIONAL.finditer(sent.text[max(0, pos - 90):pos]):
        nat = max(0, pos - 90) + m.start()
    if nat is not None and not any(nat < m.start < pos for m in mentions if m.level != "national"):
        if not any(m.start >= end and _FOLLOW_DI.match(sent.text[end:m.start]) for m in local):
            return Placed(None, None, 3)
    # 'N usaha di Kabupaten X'
    for m in local:
        if m.start >= end and _FOLLOW_DI.match(sent.text[end:m.start]):
            return Placed(m.city_code, m.province_code, 3)
    before = [m for m in local if m.end <= pos and id(m) not in claimed]
    if before:
        m = before[-1]
        return Placed(m.city_code, m.province_code, 3)
    after = [m for m in local if m.start >= end and m.start - end <= 40 and id(m) not in claimed]
    prov_before = [m for m in mentions if m.level == "province" and m.province_code and m.end <= pos]
    if after and prov_before and not [m for m in local if m.end <= pos] and \
            re.search(r",|\b(?:dengan|terutama|terbanyak|sebagian|paling|khususnya)\b", sent.text[end:after[0].start], re.I):
        # 'ekspor perak Bali tercatat 9,6 juta dolar, dengan Gianyar sebagai penyumbang terbesar': the
        # province total, its biggest contributor named after it
        return Placed(None, prov_before[-1].province_code, 3)
    if after:
        m = after[0]
        return Placed(m.city_code, m.province_code, 3)
    prov = [m for m in mentions if m.level == "province" and m.province_code]
    if prov:
        pb = [m for m in prov if m.end <= pos]
        m = pb[-1] if pb else prov[0]
        qualified = [lm for lm in local if _qualifies(sent.text, lm, m) and id(lm) not in claimed]
        if qualified:   # 'IKM di Kabupaten X, Provinsi Y': the kab/kota, its province only says where it lies
            return Placed(qualified[-1].city_code, qualified[-1].province_code, 3)
        return Placed(None, m.province_code, 3)
    if any(m.level == "national" for m in mentions):
        return Placed(None, None, 3)
    return None


_DI_PLACE = re.compile(r"\b[Dd]i\s+(?:(?:kawasan|desa|kelurahan|kampung|dusun|wilayah)\s+)?([A-Z][a-z'’]+(?:\s+[A-Z][a-z'’]+)?)")


def _unknown_local_place(text: str, mentions: list) -> bool:
    """'Di Sukaregang saja ...': a place named after 'di' that is no kab/kota or province we know,
    so a village or neighbourhood: the number is local, not the province's."""
    for m in _DI_PLACE.finditer(text):
        if any(x.start <= m.start(1) < x.end for x in mentions):
            continue
        if re.match(r"(?:Senin|Selasa|Rabu|Kamis|Jum|Sabtu|Minggu|Ahad|Indonesia|Jawa|Sumatera|Kalimantan|Sulawesi|"
                    r"Papua|Bali|Hotel|Gedung|Kantor|Jalan|Jl)", m.group(1)):
            continue
        return True
    return False


def _claims(sent: Sent, mentions: list, qspans: list[tuple[int, int]]) -> set[int]:
    """Mentions bound to a number by 'N ... di <place>': not available to other numbers."""
    out = set()
    for m in mentions:
        if m.level not in ("kabkota", "kecamatan", "kelurahan"):
            continue
        for a, b in qspans:
            if m.start >= b and _FOLLOW_DI.match(sent.text[b:m.start]):
                out.add(id(m))
    return out


_LOCAL_INTRO = re.compile(
    r"\b(?:[Kk]awasan|[Kk]ampung|[Dd]usun|[Dd]esa|[Kk]elurahan|[Nn]agari|[Gg]ampong|[Ll]ingkungan|[Pp]adukuhan|[Kk]ampong)\s+"
    r"(?P<name>(?!(?:Kota|Kabupaten|Kab|Kecamatan|Kec|Distrik|Provinsi)\b)[A-Z][\w'’-]{2,}"
    r"(?:\s+(?!(?:Kota|Kabupaten|Kab|Kecamatan|Kec|Distrik|Provinsi)\b)[A-Z][\w'’-]+)?)")
_NOT_LOCAL_NAME = {"Industri", "Sentra", "Baru", "Lama", "Indah", "Jaya", "Tengah", "Utara", "Selatan", "Barat", "Timur",
                   "Kerajinan", "Wisata", "Tenun", "Batik", "Adat", "Budaya", "Kreatif", "Kecil", "Pemkot", "Pemkab",
                   "Pemprov", "Pemerintah", "Dinas", "Kantor", "Balai", "Gedung", "Jalan", "Jl", "Pasar", "Masjid",
                   "Sekolah", "Universitas", "Kampus", "Rumah", "Hotel", "Pusat", "Sekitar", "Bank", "Koperasi", "Kelompok",
                   "Dekranasda", "Disperindag", "Bupati", "Wali", "Gubernur", "Kepala", "Lurah", "Camat", "Polsek", "Polres"}


def _add_local_names(sents: list[Sent], per_sent: list[list]) -> None:
    """'Desa Sukarara, Kecamatan Jonggat, Lombok Tengah' or 'Kawasan Seberang Kota Jambi' once: a later bare
    'penenun Sukarara' or 'batik dari Seberang' in the same article is that village or area, in that kab/kota."""
    from .places import Mention
    names: dict[str, tuple[str, str | None]] = {}
    for s, ms in zip(sents, per_sent):
        local = [m for m in ms if m.city_code and m.level in ("kabkota", "kecamatan", "kelurahan")]
        if not local:
            continue
        for m in _LOCAL_INTRO.finditer(s.text):
            name = m.group("name")
            if name.split()[0] in _NOT_LOCAL_NAME or len(name) < 4:
                continue
            # the village itself resolved, or the next kab/kota / kecamatan named right after it
            own = [x for x in local if x.start <= m.start("name") < x.end]
            nxt = [x for x in local if 0 <= x.start - m.end() <= 30 and not re.search(r"[.;]", s.text[m.end():x.start])]
            pick = (own or nxt)[:1]
            if pick and name not in names:
                names[name] = (pick[0].city_code, pick[0].province_code)
    if not names:
        return
    rx = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")
    for i, (s, ms) in enumerate(zip(sents, per_sent)):
        extra = []
        for m in rx.finditer(s.text):
            if m.start() < s.dateline_end or any(x.start <= m.start() < x.end for x in ms):
                continue
            code, prov = names[m.group(0)]
            extra.append(Mention(m.start(), m.end(), m.group(0), "kelurahan", code, prov, False))
        if extra:
            per_sent[i] = sorted(ms + extra, key=lambda x: x.start)


# ---------------------------------------------------------------- tables
_H_SENTRA = re.compile(r"sentra|nama\s+(?:kelompok|sentra|usaha|ikm)|kelompok|^\s*nama\s*$", re.I)
_H_LOC = re.compile(r"kecamatan|kelurahan|desa|lokasi|alamat|wilayah|\bkec\b|daerah", re.I)
_H_COM = re.compile(r"komoditas|komoditi|produk|jenis|bidang|cabang\s+industri|kbli|sektor", re.I)
_H_TK = re.compile(r"tenaga\s+kerja|\btk\b|naker|pekerja|karyawan", re.I)
_H_IKM = re.compile(r"jumlah|jml|banyaknya|unit\s+usaha|\bikm\b|\bumkm\b|\bukm\b|pelaku|perajin|pengrajin|\bunit\b", re.I)
_H_PROD = re.compile(r"nilai\s+produksi|produksi\s*\(\s*rp", re.I)
_H_INV = re.compile(r"investasi", re.I)
_H_OMZ = re.compile(r"omzet|omset|penjualan", re.I)


def _header_multiplier(h: str) -> float:
    h = h.lower()
    if re.search(r"miliar|milyar|\bm\b", h):
        return 1e9
    if re.search(r"juta|jt", h):
        return 1e6
    if re.search(r"000|ribu|rb", h):
        return 1e3
    return 1.0


def _table_rows(table: list[list[str]]):
    """Yield dicts (name, loc, com, ikm, tk, money...) from a table whose header names a sentra or a
    commodity and a count of units or workers, in any order and wording."""
    if not table:
        return
    hdr_i = None
    for i, row in enumerate(table[:3]):
        joined = " | ".join(row)
        if (_H_IKM.search(joined) or _H_TK.search(joined)) and (_H_SENTRA.search(joined) or _H_COM.search(joined)):
            hdr_i = i
            break
    if hdr_i is None:
        return
    hdr = table[hdr_i]
    cols: dict[str, int] = {}
    mult: dict[str, float] = {}
    for j, h in enumerate(hdr):
        h2 = h.lower().strip()
        if re.fullmatch(r"no\.?|nomor|#", h2):
            continue
        if _H_TK.search(h2):
            cols.setdefault("tk", j)
        elif _H_PROD.search(h2):
            cols.setdefault("prod", j); mult["prod"] = _header_multiplier(h2)
        elif _H_INV.search(h2):
            cols.setdefault("inv", j); mult["inv"] = _header_multiplier(h2)
        elif _H_OMZ.search(h2):
            cols.setdefault("omz", j); mult["omz"] = _header_multiplier(h2)
        elif _H_SENTRA.search(h2) and not re.search(r"jumlah|jml", h2):
            cols.setdefault("sentra", j)
        elif _H_LOC.search(h2):
            cols.setdefault("loc", j)
        elif _H_COM.search(h2) and not re.search(r"jumlah|jml|nilai", h2):
            cols.setdefault("com", j)
        elif _H_IKM.search(h2):
            cols.setdefault("ikm", j)
    if "ikm" not in cols and "tk" not in cols:
        return
    periods = {}
    for k in ("prod", "inv", "omz"):
        if k in cols:
            h = hdr[cols[k]].lower()
            periods[k] = ("tahun" if re.search(r"tahun|thn", h) else "bulan" if "bulan" in h else
                          "hari" if "hari" in h else None)
    for row in table[hdr_i + 1:]:
        if len(row) < len(hdr) - 1 or not any(row):
            continue

        def get(k):
            return row[cols[k]].strip() if k in cols and cols[k] < len(row) else None

        name, loc, com = get("sentra"), get("loc"), get("com")
        first = next((c for c in row if c), "").lower()
        total = bool(re.match(r"^(?:jumlah|total|sub\s*total|grand\s+total)\b", first))
        if total:
            name = loc = com = None  # the totals row: figures for the whole city, no sentra
        out = {"name": name, "loc": loc, "com": com, "total": total,
               "evidence": "table: " + " | ".join(c for c in row if c), "periods": periods}
        for k in ("ikm", "tk"):
            out[k] = parse_number(get(k)) if get(k) else None
        for k in ("prod", "inv", "omz"):
            raw = get(k)
            v = None
            if raw:
                from .numbers import parse_money
                pm = parse_money(raw)
                v = pm[0] if pm else None
                if v is not None and not re.search(r"(?i)juta|miliar|milyar|triliun|ribu", raw):
                    v *= mult.get(k, 1.0)
            out[k] = v
        yield out


# ---------------------------------------------------------------- main
def _city_obj(code: str) -> dict | None:
    c = _pl().city(code)
    if c is None:
        return None
    return {"code": c.code, "name": c.name, "province": c.province_name}


_WEAK_WORDS = {"kain", "minyak", "kulit", "kayu", "tradisional", "khas", "hias", "alam", "rumah", "tangga", "alat", "bahan", "hasil"}
_GENERIC_COMMODITIES = {"pangan", "makanan", "makanan minuman", "makanan ringan", "kuliner", "sandang", "aneka"}
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[a-e][.)]|[-•*·])\s+")
_LIST_INTRO = re.compile(r"(?:\bsebagai\s+berikut|\bberikut\s+ini|\bantara\s+lain|\byaitu|\byakni|\brinciannya)?\s*:\s*$", re.I)
_LOC_INTRO_WORDS = re.compile(r"\b(?:kawasan|wilayah|daerah|desa|kelurahan|kecamatan|kampung|dusun|kec\.|kel\.|ds\.)\s+", re.I)


def _same_loc(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    a2 = _LOC_INTRO_WORDS.sub("", a).lower().strip()
    b2 = _LOC_INTRO_WORDS.sub("", b).lower().strip()
    return a2 in b2 or b2 in a2


_IKM_OF = re.compile(r"\b(?:ikm|imk|usaha|industri|perajin|pengrajin|kerajinan|produk)\s+([a-z]+)\b", re.I)


def _article_commodity(text: str, named: list) -> str | None:
    """The commodity most IKM in the article make ('unit usaha logam', 'IKM logam'), if one stands out."""
    from .sentra import commodity_group
    counts: dict[str, int] = {}
    for c in named:
        counts[c.lower()] = counts.get(c.lower(), 0) + 2
    for m in _IKM_OF.finditer(text):
        w = m.group(1).lower()
        if commodity_group(w) and w not in ("kerajinan", "aneka", "olahan", "kemasan", "kuliner"):
            counts[w] = counts.get(w, 0) + 1
    if not counts:
        return None
    best = sorted(counts.items(), key=lambda kv: -kv[1])
    if best[0][1] < 2 or (len(best) > 1 and best[1][1] == best[0][1]):
        return None
    return best[0][0]


def _as_date(d) -> date | None:
    """A crawl date given as date, datetime or 'YYYY-MM-DD'."""
    if d is None:
        return None
    if isinstance(d, datetime):
        return d.date()
    if isinstance(d, date):
        return d
    try:
        return date.fromisoformat(str(d)[:10])
    except ValueError:
        return None


def _headline_like(line: str) -> bool:
    """'Sentra Cor Logam Serap 2.400 Tenaga Kerja': no closing stop, most words capitalised."""
    if re.search(r"[.!?\"”]\s*$", line) or line.startswith("table: "):
        return False
    words = re.findall(r"[A-Za-z][\w'-]*", line)
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _province_of(code: str | None) -> str | None:
    return code.split(".")[0] if code else None


def _default_decider():
    model = load_model()
    return model.decide if model is not None else rules_decision


def _default_judge():
    model = load_model()
    return model.relevant if model is not None else rules_relevance


_EVENT_DATE = re.compile(r"\(\s*\d{1,2}\s*/\s*\d{1,2}\s*/\s*((?:19|20)\d{2})\s*\)|"
                         r"\b\d{1,2}\s+(?:januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|"
                         r"november|desember)\s+((?:19|20)\d{2})\b", re.I)


@dataclass
class _Article:
    """One page being read: what the stages of extract_page share."""
    page: Page
    url: str | None
    title: str | None
    lines: list[str]
    text: str
    pub: date | None
    places: object
    score: object
    sents: list[Sent] = dataclasses.field(default_factory=list)
    all_mentions: list = dataclasses.field(default_factory=list)
    per_sent: list[list] = dataclasses.field(default_factory=list)
    cities: list[str] = dataclasses.field(default_factory=list)
    article_codes: set = dataclasses.field(default_factory=set)
    primary: str | None = None
    n_city: int = 0
    n_prov: int = 0
    default_prov: str | None = None
    raw_facts: list[tuple[dict, int]] = dataclasses.field(default_factory=list)
    sentra_mentions: list[tuple[SentraMention, str | None, int]] = dataclasses.field(default_factory=list)
    sent_place: dict[int, Placed] = dataclasses.field(default_factory=dict)
    features: dict[str, float] = dataclasses.field(default_factory=dict)   # decide.article_features
    number_years: dict[float, int] = dataclasses.field(default_factory=dict)   # a figure -> the year stated with it
    placed_levels: set[str] = dataclasses.field(default_factory=set)   # levels of the figures placed in their sentence

    @property
    def pub_year(self) -> int | None:
        return self.pub.year if self.pub else None

    @functools.cached_property
    def time_year(self) -> int | None:
        """The year the article's 'now' is in: its publication year, else the year of the first dated event
        it reports ('Rabu (22/9/2021)', '31 Desember 2019'): an excerpt often has no publication stamp."""
        if self.pub:
            return self.pub.year
        m = _EVENT_DATE.search(self.text)
        return int(m.group(1) or m.group(2)) if m else None


def extract_page(html: str | None, url: str | None = None, crawl_date: date | None = None,
                 page: Page | None = None, decider=None, judge=None) -> dict:
    """Read one page. ``page``: the page as read_page already read it (then ``html`` is not needed).
    ``decider``: Candidate -> Decision for each number the rules framed; ``judge``: (relevance features,
    the rules' answer) -> relevant, for an article about IKM that names a city (defaults: the fitted
    model in the package, else the rules alone).

    The stages: the text and its date; the sentences and the places each names; the article's places;
    each sentence's numbers (framed, placed, decided) and sentra; the agency tables; one fact per
    repeated number; one sentra per repeated sentra; relevance."""
    a = _start(page if page is not None else read_page(html), url, _as_date(crawl_date) or date.today())
    if not is_ikm_topic(a.title, a.text, a.score):
        # not about small industry: its facts and sentra would be dropped below, and only its cities are
        # kept. They are read from the numbers and sentra only when no city stands out in the text.
        cities = list(a.places.article_cities(a.title, a.text))
        if cities:
            return _output(a.url, a.title, a.pub, cities=cities, sentra=[], facts=[], relevant=False,
                           province_only=False)
    a.sents = _sentences(a.lines)
    a.all_mentions, a.per_sent = _mentions_per_sentence(a.places, a.text, a.sents)
    _article_places(a)
    _read_sentences(a, decider or _default_decider())
    _table_facts(a)
    facts = _one_fact_per_number(a.raw_facts)
    merged = _merged_sentra(a)
    return _judge_and_output(a, facts, merged, judge or _default_judge())


def _start(page: Page, url: str | None, crawl: date) -> _Article:
    lines = _clean_lines(page.text, page.title)
    text = "\n".join(lines)
    pub = _dates.published_date(None, page.text, crawl, url=page.url or url, jsonld=page.jsonld,
                                markup=page.markup_dates)
    return _Article(page, page.url or url, page.title, lines, text, pub, _pl(), topic_score(page.title, text))


def _sentences(lines: list[str]) -> list[Sent]:
    """The sentences of the cleaned lines, with their offsets in the joined text and their datelines."""
    sents: list[Sent] = []
    off = 0
    for pi, par in enumerate(lines):
        dl = _dateline_len(par)
        for si, (a, b) in enumerate(split_sentences(par)):
            sents.append(Sent(par[a:b], off + a, pi, si, max(0, dl - a) if si == 0 else 0))
        off += len(par) + 1
    return sents


def _mentions_per_sentence(places, text: str, sents: list[Sent]) -> tuple[list, list[list]]:
    """Every place mention in the text, and those of each sentence that can be a subject (offsets in it)."""
    all_mentions = sorted(places.find_mentions(text) if text else [], key=lambda m: m.start)
    per_sent: list[list] = []
    starts = [m.start for m in all_mentions]
    for s in sents:
        ms = []
        k = bisect.bisect_left(starts, s.start)
        while k < len(all_mentions) and all_mentions[k].start < s.start + len(s.text):
            m = all_mentions[k]
            if m.end <= s.start + len(s.text):
                ms.append(dataclasses.replace(m, start=m.start - s.start, end=m.end - s.start))
            k += 1
        per_sent.append(_usable_mentions(s, ms))
    _add_local_names(sents, per_sent)
    return all_mentions, per_sent


def _article_places(a: _Article) -> None:
    """The article's cities and primary city, its most named province, and (in a story about a place)
    province mentions that only name a speaker's office taken out."""
    a.cities = list(a.places.article_cities(a.title, a.text))
    a.article_codes = {m.city_code for m in a.all_mentions if m.city_code}
    a.primary = a.cities[0] if a.cities else None
    a.n_city = sum(1 for ms in a.per_sent for m in ms if m.city_code)
    a.n_prov = sum(1 for ms in a.per_sent for m in ms if m.level == "province")
    prov_counts: dict[str, int] = {}
    for ms in a.per_sent:
        for m in ms:
            if m.level == "province" and m.province_code:
                prov_counts[m.province_code] = prov_counts.get(m.province_code, 0) + 1
    a.default_prov = max(prov_counts, key=prov_counts.get) if prov_counts else None
    if a.primary and a.n_prov <= a.n_city:
        # an article about a place: 'Kepala Disperindag Jatim' names the speaker's office, not the
        # subject of the figures he gives
        a.per_sent = [[m for m in ms if not (m.level == "province" and
                                             _ORG_BEFORE.search(s.text[max(0, m.start - 70):m.start]))]
                      for s, ms in zip(a.sents, a.per_sent)]


def _read_sentences(a: _Article, decide) -> None:
    """Each sentence in order: its numbers framed, placed and decided; its sentra found and placed. The
    year stated last in the paragraph (and in the article) carries to the sentences after it."""
    para_year = None
    a.features = article_features(a.text, a.n_city, a.n_prov, len(a.article_codes))
    article_year = stated_year(a.title or "")   # the latest year the article has stated so far
    told_para, told_article = None, told_year(a.title or "")   # the same, passing over years compared with
    for i, s in enumerate(a.sents):
        prev = a.sents[i - 1] if i > 0 and a.sents[i - 1].para == s.para else None
        if prev is None:
            para_year = told_para = None
        prev_text = _sentence_before(a, i, prev)
        frames = frame_sentence(s.text, a.time_year, prev_text, para_year or article_year)
        year_before = article_year
        told = (told_para or told_article) if (para_year or article_year) is not None else None
        stated_here, told_here = stated_year(s.text), told_year(s.text)
        para_year = stated_here or para_year
        article_year = stated_here or article_year
        told_para = told_here or told_para
        told_article = told_here or told_article
        smentions = find_sentra(s.text)
        if smentions and _LIST_INTRO.search(s.text) and i + 1 < len(a.sents) and \
                _LIST_ITEM.match(a.lines[a.sents[i + 1].para]):
            smentions = []  # 'rincian sentra olahan pala di X sebagai berikut:' introduces the sentra listed next
        named = [m for m in smentions if m.commodity]
        _read_numbers(a, i, prev, frames, named[0].name if named else None, year_before, told, decide)
        _remember_years(s.text, frames, a.number_years)
        for m in smentions:
            placed_sentra = _sentra_place(a, s, a.per_sent[i], m)
            if placed_sentra is not False:
                a.sentra_mentions.append((m, placed_sentra, i))


def _read_numbers(a: _Article, i: int, prev: Sent | None, frames: list, sentra_name: str | None,
                  year_before: int | None, told: int | None, decide) -> None:
    """The numbers of sentence ``i``: each placed, made a candidate and decided; the kept ones are facts.
    ``year_before``: the year the article stated before it; ``told``: the year carried into it, passing
    over years only compared with."""
    s, ms = a.sents[i], a.per_sent[i]
    sentence_before = _sentence_before(a, i, prev)
    ref_year = referred_year(s.text, frames, a.number_years)
    claimed = _claims(s, ms, [(r.quantity.start, r.quantity.end) for r in frames if not r.vetoes])
    levels_here: set[str] = set()
    for r in frames:
        if r.quantity.start < s.dateline_end:
            continue
        placed = _place_number(a, i, prev, r, ms, claimed)
        if not r.vetoes:
            a.sent_place[i] = placed
            if placed.strength == 3:
                levels_here.add(_level_of(placed))
        cand = Candidate(r, s.text, placed.city_code, placed.province_code, placed.strength, a.primary, a.time_year,
                         s.para, s.index, _headline_like(s.text), len(a.article_codes), year_before,
                         a.features, prev_sentence=sentence_before, ref_year=ref_year,
                         stamped=a.pub is not None, told_year=told)
        d = decide(cand)
        if not d.keep:
            continue
        fact = apply_decision(cand, d)
        fact["sentra"] = sentra_name
        fact["_approximate"] = r.quantity.approximate
        a.raw_facts.append((fact, placed.strength if d.place == "rules" else 2))
    a.placed_levels |= levels_here


def _level_of(pl: Placed) -> str:
    """The level of a place: a figure of a kab/kota, of a whole province, or of the nation."""
    return "city" if pl.city_code else "province" if pl.province_code else "nation"


def _story_level(levels: set[str]) -> str | None:
    """The level of a story's figures so far, when they were all at one level: 'province' for a story
    that placed figures only in its province, None when it placed none or placed some in a kab/kota."""
    return next(iter(levels)) if len(levels) == 1 and "city" not in levels else None


_ANAPHORA_OPENING = re.compile(r"^\W*(?:jumlah|angka|total|capaian)\s+(?:sebanyak\s+|sebesar\s+)?(?:itu|ini|tersebut)\b", re.I)


def _sentence_before(a: _Article, i: int, prev: Sent | None) -> str | None:
    """The sentence a number's sentence follows on from: the one before it in its paragraph, or, for a
    paragraph opening on 'Jumlah sebanyak itu ...', the last one of the paragraph before."""
    if prev is not None:
        return prev.text
    if i > 0 and _ANAPHORA_OPENING.match(a.sents[i].text):
        return a.sents[i - 1].text
    return None


def _place_number(a: _Article, i: int, prev: Sent | None, r, ms: list, claimed: set[int]) -> Placed:
    """The place of one number: its sentence's, a province-wide phrase's, the sentence before's (for an
    anaphora or a sentence with no place), else the article's primary city or most named province."""
    s = a.sents[i]
    placed = _place_for(s, r.quantity.start, r.quantity.end, ms, claimed)
    if (placed is None or placed.city_code is None) and _PROVINCE_WIDE.search(s.text) and \
            not any(m.city_code for m in ms if m.level in ("kabkota", "kecamatan", "kelurahan")):
        # '98.450 unit IKM yang tersebar di sepuluh kabupaten/kota': the province's total
        prov = (placed.province_code if placed else None) or a.default_prov or _province_of(a.primary)
        if prov:
            placed = Placed(None, prov, 3)
    if placed is None and prev is None and i > 0 and i - 1 in a.sent_place and _ANAPHORA_SUBJECT.match(s.text):
        placed = dataclasses.replace(a.sent_place[i - 1], strength=2)  # 'IKM tersebut menyerap ...'
    if placed is None and prev is not None:
        placed = _total_of_listed(s.text, prev, a.per_sent[i - 1])
    if placed is None and prev is not None:
        pl = _place_for(prev, len(prev.text), len(prev.text), a.per_sent[i - 1], set())
        if pl is not None and not (pl.city_code is None and (pl.province_code is None or
                                                             _unknown_local_place(s.text, ms))):
            placed = Placed(pl.city_code, pl.province_code, 2)
    if placed is None and a.default_prov and _story_level(a.placed_levels) == "province":
        placed = Placed(None, a.default_prov, 1)   # a province story: its unplaced figures are the province's
    if placed is None:
        placed = Placed(a.primary, _province_of(a.primary), 1) if a.primary else Placed(None, a.default_prov, 1)
    return placed


_LOCAL_LEVELS = ("kabkota", "kecamatan", "kelurahan")
_TOTAL_WORD = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:seluruh|semua|total|keseluruhan|secara\s+keseluruhan)\b", re.I)


def _total_of_listed(text: str, prev: Sent, prev_mentions: list) -> Placed | None:
    """'Perajin anyaman terbanyak di Kabupaten A ... ada juga di Kota B, Kabupaten C. Seluruhnya 2.100 unit':
    a total opening the sentence after one that lists several kab/kota of one province is the province's,
    not the last-named city's."""
    if not _TOTAL_WORD.match(text):
        return None
    codes = {m.city_code for m in prev_mentions if m.level in _LOCAL_LEVELS and m.city_code}
    provs = {c.split(".")[0] for c in codes}
    if len(codes) < 3 or len(provs) != 1:
        return None
    return Placed(None, provs.pop(), 2)


# 'di A akan dibangun sentra X dan di B akan ...': a place after 'dan di' is the next clause's, not the sentra's
_NEW_CLAUSE = re.compile(r"\b(?:dan|serta)\s+di\s+[^,.;]{0,40}$", re.I)
_SPREAD = re.compile(r"^[^.;]{0,30}?\btersebar\s+di\s+", re.I)


def _spread_over_cities(s: Sent, ms: list, m: SentraMention) -> bool:
    """'sentra anyaman ... yang tersebar di kabupaten A, B dan C': a kind of sentra spread over several
    kab/kota, named for a province, not one sentra of one city."""
    sp = _SPREAD.match(s.text[m.end:])
    if not sp:
        return False
    at = m.end + sp.end()
    near = {x.city_code for x in ms if x.city_code and x.level == "kabkota" and at <= x.start < at + 60}
    return len(near) >= 2


def _sentra_place(a: _Article, s: Sent, ms: list, m: SentraMention):
    """The kab/kota of a sentra mention (None when the sentence does not say), or False for a kind of
    sentra across a province ('sentra IKM sutra di kabupaten/kota se-Sulsel'), which is no sentra."""
    if m.commodity and (_PROVINCE_WIDE_AFTER.match(s.text[m.end:m.end + 80]) or m.location and (
            lambda lm: lm and all(x.level in ("province", "national") for x in lm))(a.places.find_mentions(m.location))):
        return False
    if _spread_over_cities(s, ms, m):
        return False
    city = _sentra_location_city(a, s, ms, m) if m.location else None
    if city is None:
        local = [x for x in ms if x.city_code and x.level in _LOCAL_LEVELS]
        after = [x for x in local if x.start >= m.end and x.start - m.end <= 40 and
                 not _NEW_CLAUSE.search(s.text[m.start:x.start])]
        before = [x for x in local if x.end <= m.start]
        if after:
            city = after[0].city_code
        elif before:
            city = before[-1].city_code
    return city


def _sentra_location_city(a: _Article, s: Sent, ms: list, m: SentraMention) -> str | None:
    """The kab/kota of a sentra's location as written, resolved in the whole text ('Cirebon' next to
    'Kabupaten Cirebon' is the kabupaten); a location that is just the kab/kota is dropped."""
    at = s.text.find(m.location, m.start)
    lm = [x for x in ms if at >= 0 and x.city_code and x.level in _LOCAL_LEVELS and at <= x.start < at + len(m.location)]
    if lm:
        lm = [dataclasses.replace(x, start=x.start - at, end=x.end - at) for x in lm]
    else:
        lm = [x for x in a.places.find_mentions(m.location) if x.city_code and x.level in _LOCAL_LEVELS]
        if lm and lm[0].city_code not in a.article_codes:
            # read the bare name with the article around it ('Batur' next to 'Kabupaten Klaten')
            lm = [x for x in a.places.find_mentions(m.location, context=a.text)
                  if x.city_code and x.level in _LOCAL_LEVELS]
        if lm and lm[0].city_code not in a.article_codes and any(
                x.city_code in a.article_codes for x in ms if x.start >= m.start):
            lm = []  # a bare name that is a kecamatan elsewhere; the sentence names the place
    if not lm:
        return None
    if lm[0].level == "kabkota" and lm[0].start == 0 and lm[0].end >= len(m.location) - 1:
        m.location = None
    return lm[0].city_code


def _table_facts(a: _Article) -> None:
    """Facts and sentra of agency tables (a row per sentra, columns of units, workers, money)."""
    for table in a.page.tables:
        for row in _table_rows(table):
            city = None
            if row["loc"]:
                lm = [x for x in a.places.find_mentions(row["loc"]) if x.city_code]
                city = lm[0].city_code if lm else None
            city = city or a.primary
            com = row["com"] or (row["name"] or "")
            com_clean = re.sub(r"^(?:sentra\s+(?:ikm\s+|industri\s+)?)", "", com, flags=re.I).strip() or None
            sname = row["name"] or (f"sentra {com_clean}" if com_clean else None)
            if (com_clean or row["name"]) and not row.get("total"):
                a.sentra_mentions.append((SentraMention(0, 0, sname or "", com_clean, row["loc"], False), city, -1))
            for key, ind, unit in (("ikm", "jumlah_ikm", "unit"), ("tk", "tenaga_kerja", "orang"),
                                   ("prod", "nilai_produksi", "IDR"), ("inv", "nilai_investasi", "IDR"),
                                   ("omz", "nilai_omzet", "IDR")):
                v = row.get(key)
                if v is None or v <= 0 or math.isnan(v):
                    continue
                a.raw_facts.append(({
                    "city_code": city, "province_code": _province_of(city), "indicator": ind,
                    "value": int(v) if v == int(v) else v, "unit": unit,
                    "period": row.get("periods", {}).get(key) if unit == "IDR" else None, "year": a.pub_year,
                    "sentra": sname, "evidence": row["evidence"], "confidence": 0.85,
                }, 3 if city else 1))


def _one_fact_per_number(raw_facts: list[tuple[dict, int]]) -> list[dict]:
    """The same number again (a quote repeating the lead) is one fact per place; a body sentence states
    it better than a headline-like line, which keeps its figure only when the body gives none for that
    indicator (it is often rounded: 'Serap 3 Ribu Pekerja'), and a sentence that gives its year
    better than one that does not (the lead's summary, then 'Pada tahun 2022 ... mencapai' the same figure)."""
    facts: list[dict] = []
    groups: dict[tuple, list[tuple[dict, int]]] = {}
    raw_facts = _rounded_restatements_dropped(raw_facts)
    for f, st in raw_facts:
        groups.setdefault((f["indicator"], round(float(f["value"]), 2)), []).append((f, st))
    for items in groups.values():
        # a body sentence before a headline-like line, and one that dates the figure before one that does not
        items = sorted(items, key=lambda x: (_headline_like(x[0]["evidence"]), x[0]["year"] is None))
        strong = [x for x in items if x[1] >= 2]
        seen = set()
        chosen = []
        for f, st in (strong if strong else items[:1]):
            ck = (f["city_code"], f["province_code"])
            if ck not in seen:
                seen.add(ck)
                chosen.append(f)
        facts.extend(_wider_place_wins(chosen))
    body_inds = {f["indicator"] for f in facts if not _headline_like(f["evidence"])}
    kept = []
    for f in facts:
        if _headline_like(f["evidence"]):
            if f["indicator"] in body_inds:
                continue
            f["confidence"] = round(max(0.05, f["confidence"] - 0.2), 2)
        kept.append(f)
    return kept


def _rounded_restatements_dropped(raw_facts: list[tuple[dict, int]]) -> list[tuple[dict, int]]:
    """A round figure given as about so much ('lebih dari Rp7 miliar') beside a precise one of the same
    indicator and place within a tenth of it ('tepatnya Rp7,411 miliar') is that figure rounded, not a
    second fact: the precise one is kept."""
    precise = [f for f, _ in raw_facts if not f.get("_approximate")]
    out = []
    for f, st in raw_facts:
        v = float(f["value"])
        approximate = f.pop("_approximate", False)   # the flag is the reader's own: it never leaves the reader
        if approximate and any(
                p["indicator"] == f["indicator"] and p["city_code"] == f["city_code"] and float(p["value"]) != v
                and abs(float(p["value"]) - v) <= 0.1 * v for p in precise):
            continue
        out.append((f, st))
    return out


def _wider_place_wins(same_number: list[dict]) -> list[dict]:
    """One number of one indicator placed both in a city and in the province around it (or in the
    nation) is one figure, and the wider place's: a province's or the nation's total read near the
    dateline or the venue city is not also that city's."""
    wider = [f for f in same_number if not f["city_code"]]
    if not wider:
        return same_number
    return [f for f in same_number if not f["city_code"] or not any(
        w["province_code"] in (None, f["city_code"].split(".")[0]) for w in wider)]


def _merged_sentra(a: _Article) -> list[dict]:
    """One entry per sentra named (perhaps several times, in other words) in the article."""
    mentions = a.sentra_mentions
    # 'Lingkungan Industri Kecil (LIK) Takaru' in a story about metal IKM: named after its place, its commodity
    # is the one the article's IKM make (only when no sentra in the article names its product)
    unnamed = [m for m, _, _ in mentions if m.place_named and not m.commodity]
    if unnamed and not any(m.commodity for m, _, _ in mentions):
        com = _article_commodity(a.text, [])
        for m in unnamed:
            m.commodity = com
    merged: list[dict] = []
    for m, city, si in mentions:
        if not m.commodity:
            continue
        city = city or a.primary
        dup = next((e for e in merged if e["city_code"] == city and _same_sentra(a, e, m, si)), None)
        if dup:
            if m.planned:
                dup["status"] = "planned"
            if not dup["location"] and m.location:
                dup["location"] = m.location
            dup["_surf"][m.commodity] = dup["_surf"].get(m.commodity, 0) + 1
            continue
        merged.append({"city_code": city, "name": m.name, "commodity": m.commodity,
                       "commodity_group": commodity_group(m.commodity), "location": m.location,
                       "status": "planned" if m.planned else "existing", "_sent": si, "_surf": {m.commodity: 1}})
    for e in merged:
        _settle_commodity(e, a.text)
    # a sentra IKM (no single commodity) the city plans to build: commodity null, as the labels have it
    generic_planned = [(m, c) for m, c, _ in mentions if m.generic and m.planned]
    if generic_planned and not merged:
        # ... unless the article names the one processed product its IKM make ('produk olahan ikan')
        com = processed_product(a.text)
        merged.append({"city_code": generic_planned[0][1] or a.primary, "name": generic_planned[0][0].name,
                       "commodity": com, "commodity_group": commodity_group(com), "location": None,
                       "status": "planned"})
    return merged


def _same_sentra(a: _Article, e: dict, m: SentraMention, si: int) -> bool:
    """Is mention ``m`` (of sentence ``si``) the already merged sentra ``e`` of the same city?"""
    com = m.commodity
    if m.planned != (e["status"] == "planned") and m.location and not e["location"]:
        return False  # 'pembangunan sentra alas kaki terpadu di Kecamatan X' next to the existing sentra: a new one
    if same_commodity(e["commodity"], com) and _same_loc(e["location"], m.location):
        return True
    both_listed = si >= 0 and e["_sent"] >= 0 and _LIST_ITEM.match(a.lines[a.sents[si].para]) and \
        _LIST_ITEM.match(a.lines[a.sents[e["_sent"]].para])
    return bool(e["_sent"] != si and commodity_group(e["commodity"]) == commodity_group(com) and
                _same_loc(e["location"], m.location) and not both_listed and (
                    (set(normalize_commodity(e["commodity"]).split()) & set(normalize_commodity(com).split()))
                    - _WEAK_WORDS
                    or normalize_commodity(com) in _GENERIC_COMMODITIES
                    or normalize_commodity(e["commodity"]) in _GENERIC_COMMODITIES))


def _settle_commodity(e: dict, text: str) -> None:
    """A merged sentra's commodity: the product of its material ('rotan' -> 'mebel rotan') if the text
    says so, else the spelling written most often ('Cokelat' x4 over 'coklat' x1)."""
    prod = product_of_material(e["commodity"], text)
    if prod:
        e["commodity"], e["commodity_group"] = prod, commodity_group(prod)
        e["_surf"] = {prod: 1}
    best = max(e["_surf"].items(), key=lambda kv: kv[1])[0]
    if normalize_commodity(best) == normalize_commodity(e["commodity"]):
        e["commodity"] = best
    e.pop("_sent", None)
    e.pop("_surf", None)


def _judge_and_output(a: _Article, facts: list[dict], merged: list[dict], judge) -> dict:
    """Relevance from the places the facts and sentra were tied to by the text (the rules' answer, which
    ``judge`` weighs with what else the reading found), then the record."""
    cities = a.cities
    if not cities:
        # no city stood out in the article, but numbers or sentra are placed in one: that is its subject
        for code in [e["city_code"] for e in merged] + [f["city_code"] for f in facts if f["confidence"] >= 0.6]:
            if code and code not in cities:
                cities.append(code)
    # numbers placed in a city by the text itself (not by falling back on the primary city)
    placed_facts = sum(1 for f, st in a.raw_facts if f["city_code"] and st >= 2)
    placed_sentra = sum(1 for e in merged if e["city_code"])
    province_facts = sum(1 for f, st in a.raw_facts if not f["city_code"] and f["province_code"] and st >= 2)
    topic, rule_relevant = assess(a.title, a.text, cities=cities, placed_facts=placed_facts,
                                  placed_sentra=placed_sentra, city_mentions=a.n_city, province_mentions=a.n_prov,
                                  province_facts=province_facts, score=a.score)
    relevant = rule_relevant
    if rule_relevant:
        counts = {"placed_facts": placed_facts, "placed_sentra": placed_sentra, "province_facts": province_facts,
                  "city_facts": sum(1 for f in facts if f["city_code"]), "cities": len(cities),
                  "city_mentions": a.n_city, "strong_words": a.score.strong, **_primary_counts(a)}
        # a story about UMKM in general stays off-topic whatever the head says, and keeps its cities
        relevant = judge(relevance_features(a.features, a.text, counts), rule_relevant) and not umkm_dominant(a.text)
    if not topic:
        facts, merged = [], []
    # a story the rules find province-wide names no city; one the model finds off-topic keeps its place
    return _output(a.url, a.title, a.pub, cities=cities, sentra=merged, facts=facts, relevant=relevant,
                   province_only=topic and not rule_relevant)


def _primary_counts(a: _Article) -> dict[str, int]:
    """How often the article's first city is named anywhere (its dateline and venues too), and how often a
    province is where it can be a subject: a city named only where the story was filed or held is not
    what the story is about."""
    return {"primary_named": sum(1 for m in a.all_mentions if a.primary and m.city_code == a.primary),
            "province_mentions": a.n_prov}


def _output(url: str | None, title: str | None, pub: date | None, *, cities: list[str], sentra: list[dict],
            facts: list[dict], relevant: bool, province_only: bool) -> dict:
    """The contract's record. A piece about the province as a whole names no city; a relevant one also
    names the cities its confident facts are placed in."""
    out_cities = []
    if not province_only:
        for c in cities:
            o = _city_obj(c)
            if o:
                out_cities.append(o)
        have = {c["code"] for c in out_cities}
        for f in facts:
            if relevant and f["city_code"] and f["city_code"] not in have and f["confidence"] >= 0.6:
                o = _city_obj(f["city_code"])
                if o:
                    out_cities.append(o)
                    have.add(o["code"])
    return {
        "url": url,
        "title": title,
        "published": pub.isoformat() if pub else None,
        "relevant": bool(relevant),
        "cities": out_cities,
        "sentra": [e for e in sentra if e["city_code"]],
        "facts": facts,
        "reader": reader_version(),
    }


def extract_file(path, crawl_date: date | None = None, with_text: bool = False) -> dict:
    """Extract one saved page; never raises. ``with_text``: add the main text the reader read."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
        try:
            html = raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                from charset_normalizer import from_bytes
                best = from_bytes(raw).best()
                html = str(best) if best is not None else raw.decode("latin-1")
            except Exception:
                html = raw.decode("latin-1")
        if not with_text:
            return extract_page(html, None, crawl_date)
        page = read_page(html)
        out = extract_page(None, None, crawl_date, page=page)
        out["text"] = "\n".join(_clean_lines(page.text, page.title))
        return out
    except Exception as e:  # noqa: BLE001 - the contract: one line per page, always
        out = dict(EMPTY_RESULT)
        out["cities"], out["sentra"], out["facts"] = [], [], []
        out["error"] = f"{type(e).__name__}: {e}"
        out["reader"] = reader_version()
        return out
