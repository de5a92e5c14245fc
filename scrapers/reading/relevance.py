"""Is a page about IKM / sentra IKM in a specific place?

``topic_score(title, text)`` counts IKM words against farm, food-court and unrelated words;
``is_ikm_topic`` says whether the page is about small industry at all; ``assess`` adds the place
condition: a page is relevant when it is about IKM and about at least one kab/kota (a number or a
sentra placed there, or a city named more than the province around it). National or
province-only statistics, food courts ('sentra kuliner'), farm produce ('sentra bawang merah') and
unrelated news are not relevant.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["TopicScore", "topic_score", "is_ikm_topic", "assess", "umkm_dominant"]

IKM_RE = re.compile(
    r"\b(?:ikm|imk|industri\s+kecil|industri\s+mikro|industri\s+rumahan|industri\s+rumah\s+tangga|home\s*industr\w*|"
    r"sentra\s+(?:ikm|industri|kerajinan|produksi\s+(?:kain|batik|sepatu|tenun|mebel|gerabah|kerupuk|tahu|tempe))|"
    r"kampung\s+(?:industri|ikm)|perajin|pengrajin|kerajinan|umkm|ukm|disperindag|disperin|diskoperindag|"
    r"dinas\s+perindustrian|perindustrian|kemenperin|kementerian\s+perindustrian|dekranas\w*|mebel|furnitur|"
    r"konveksi|batik|tenun|songket|gerabah|anyaman|bordir|pande\s+besi|unit\s+usaha|pelaku\s+usaha|"
    r"industri\s+pengolahan|produk\s+unggulan|ovop|bimtek|wirausaha\s+industri|wira\s*usaha\s+baru|wub)\b",
    re.I,
)
STRONG_RE = re.compile(r"\b(?:ikm|imk|industri\s+kecil|sentra\s+ikm|sentra\s+industri|perajin|pengrajin|penenun|pembatik|"
                       r"penganyam|pengukir|pemahat|pandai\s+besi|pande\s+besi|"
                       r"home\s*industr\w*|industri\s+rumahan|kampung\s+industri|"
                       r"wira\s*usaha\s+baru|wub|diklat\s+industri)\b", re.I)   # Kemenperin's new-entrepreneur training
AGRI_RE = re.compile(
    r"\b(?:petani|panen|gabah|padi|bawang\s+merah|cabai|hortikultura|kementan|kementerian\s+pertanian|"
    r"dinas\s+pertanian|luas\s+tanam|luas\s+panen|produktivitas\s+lahan|benih|bibit|pupuk|ton|kuintal|sawah|"
    r"ternak|peternak|nelayan|tambak)\b", re.I)
FOOD_COURT_RE = re.compile(r"\b(?:sentra\s+kuliner|pujasera|food\s*court|pedagang\s+kaki\s+lima|pkl|"
                           r"wisata\s+kuliner|sentra\s+pkl|jajanan)\b", re.I)

# a crime story set among perajin ('pembobol gudang perajin sepatu diringkus') is police news
CRIME_RE = re.compile(
    r"\b(?:pencurian|pembobol\w*|dibobol|membobol|curian|mencuri|dicuri|tersangka|diringkus|meringkus|ditangkap|"
    r"menangkap|polsek|polres|polresta|polda|polisi|kapolsek|kapolres|kapolresta|reskrim|kuhp|maling|perampokan|"
    r"dirampok|begal|penipuan|pembunuhan|penganiayaan|narkoba|penggerebekan|digerebek)\b", re.I)


@dataclass
class TopicScore:
    ikm: int
    strong: int
    agri: int
    food_court: int
    crime: int = 0


SENTRA_RE = re.compile(r"\bsentra\b(?!\s+(?:kuliner|pkl|ekonomi|bisnis|pelayanan|vaksin\w*|gakkumdu|bawang|padi|beras|"
                       r"jagung|cabai|sayur\w*|ternak|produksi\s+(?:padi|bawang|cabai|jagung|beras|sayur\w*)|utama\s+produksi))", re.I)


# Kemensos 'Sentra <Name>' are social rehabilitation centres, not sentra IKM
SOCIAL_RE = re.compile(r"\b(?:kementerian\s+sosial|kemensos|mensos|menteri\s+sosial|dinas\s+sosial|dinsos|rehabilitasi\s+sosial|"
                       r"penerima\s+manfaat|disabilitas|lanjut\s+usia|lansia|anak\s+terlantar|pekerja\s+sosial|atensi)\b", re.I)


def _words_of(pattern: re.Pattern) -> set[str]:
    # escapes go first: r'\bsentra' holds the word 'sentra', not 'bsentra'
    return set(re.findall(r"[a-z]+", re.sub(r"\\.", " ", pattern.pattern)))


def one_scan_counter(patterns: tuple[re.Pattern, ...]):
    """A function giving len(p.findall(text)) for each of ``patterns`` (lower-case words, each
    alternative starting with \\b and a word) in one scan of a lowered text, instead of one per pattern.

    Every match starts at a word boundary with one of the patterns' literal words, so one scan for all
    those words finds every place a match can start. The scan takes the longest word there; each
    pattern holding that word or a word it starts with is tried, and its matches are counted as findall
    counts them: left to right, not overlapping. test_fast_paths checks the counts are the same."""
    lower = [re.compile(p.pattern) for p in patterns]  # without re.I: several times faster on lowered text
    words = sorted(set().union(*(_words_of(p) for p in patterns)), key=len, reverse=True)
    anchor = re.compile(r"\b(?:" + "|".join(words) + ")")
    candidates = {w: tuple(i for i, p in enumerate(patterns) if any(w.startswith(v) for v in _words_of(p)))
                  for w in words}

    def counts(lowered: str) -> list[int]:
        n = [0] * len(lower)
        free_from = [0] * len(lower)  # where each pattern's next match may start
        for hit in anchor.finditer(lowered):
            at = hit.start()
            for i in candidates[hit.group()]:
                if at >= free_from[i]:
                    m = lower[i].match(lowered, at)
                    if m:
                        n[i] += 1
                        free_from[i] = max(m.end(), at + 1)
        return n

    return counts


_TOPIC_PATTERNS = (IKM_RE, STRONG_RE, AGRI_RE, FOOD_COURT_RE, CRIME_RE, SENTRA_RE, SOCIAL_RE)
_topic_counts = one_scan_counter(_TOPIC_PATTERNS)


def topic_score(title: str | None, text: str) -> TopicScore:
    # the text is lowered once and matched case-sensitively: Python's re is several times slower with re.I
    ikm, strong, agri, food_court, crime, sentra, social = _topic_counts(f"{title or ''}\n{text or ''}".lower())
    # in a social-service story 'sentra' is a Kemensos centre: it says nothing about industry
    return TopicScore(ikm + (0 if social >= 3 else sentra), strong, agri, food_court, crime)


def is_ikm_topic(title: str | None, text: str, score: TopicScore | None = None) -> bool:
    """About small industry: a strong IKM word ('IKM', 'perajin', 'industri kecil') with another IKM
    word, or several IKM words; and farm or food-court words do not dominate."""
    sc = score or topic_score(title, text)
    if not ((sc.strong >= 1 and sc.ikm >= 2) or sc.ikm >= 4):
        return False
    if sc.agri > 3 * max(sc.ikm, 1) and sc.strong < 2:
        return False
    if sc.food_court > sc.ikm and sc.strong < 2:
        return False
    if sc.crime >= 4 and sc.crime >= sc.ikm:
        return False  # police news that happens among perajin
    return True


def assess(title: str | None, text: str, *, cities: list[str], placed_facts: int, placed_sentra: int,
           city_mentions: int, province_mentions: int, province_facts: int = 1,
           score: TopicScore | None = None) -> tuple[bool, bool]:
    """(about IKM at all, relevant). ``placed_*`` count facts/sentra tied to a kab/kota by the text;
    ``province_facts`` counts province-wide figures; ``city_mentions``/``province_mentions`` count
    place mentions outside datelines. A piece whose figures are all province-wide and which names
    the province far more than any city is about the province, not a specific place; one that ties
    nothing to a city and names its cities only as a dateline or a venue is a story filed or held
    there (a ministry's national figures told at a workshop in the city)."""
    topic = is_ikm_topic(title, text, score)
    if not topic:
        return False, False
    if not cities:
        return True, False
    if placed_facts or placed_sentra:
        return True, True
    if not city_mentions:
        return True, False   # its cities are named only as a dateline or a venue: a story filed or held there
    if province_facts and city_mentions * 2 < province_mentions:
        return True, False
    return True, True


_UMKM_WORDS = re.compile(r"\b(?:umkm|ukm|umk|usaha\s+mikro)\b")
_IKM_WORDS = re.compile(r"\b(?:ikm|imk|industri\s+kecil|sentra|perajin|pengrajin)\b")


def umkm_dominant(text: str) -> bool:
    """A story about UMKM in general (or a cooperative agency's UKM programme): UMKM/UKM written many times
    (six or more) and at least three times as often as any IKM word. Small industry is a part of UMKM
    such a story may name in passing; it is not the subject."""
    low = text.lower()
    umkm = len(_UMKM_WORDS.findall(low))
    return umkm >= 6 and umkm >= 3 * len(_IKM_WORDS.findall(low))
