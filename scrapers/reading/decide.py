"""Decisions fitted on real labelled articles: which number frames are facts, and their indicator, place and year.

The rules (``indicators.frame_*``, the place rules of ``extract``) propose; this module decides. Every
number the rules can frame becomes a candidate with features: the rules' own verdicts (the indicator
they name, each veto, how the place was found) and the words around the number. Four small linear
models, fitted by ``sentra train`` (``training.py``) on the labelled corpus and stored in
``model.json`` beside this file, then choose:

- ``keep``: is the number a fact at all (its probability is the fact's ``confidence``);
- ``indicator``: which of the 11 indicators (only those that fit its unit: money or a count);
- ``place``: the place the rules found, the province only, the nation, or the article's primary city;
- ``year``: none, the year the text states, or the publication year.

Reading needs no numpy and no scikit-learn: a model is a table of feature weights, applied as a sparse
dot product. With no model file the rules decide alone: a frame with no veto is a fact.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .indicators import MONEY_INDICATORS, UNIT_OF, YEAR_EXPL, YEAR_REL, Frame, loose_year

MODEL_FILE = Path(__file__).with_name("model.json")

COUNT_INDICATORS = ("jumlah_sentra", "jumlah_ikm", "tenaga_kerja", "peserta_pelatihan")
PLACE_CHOICES = ("rules", "province", "nation", "primary")
YEAR_CHOICES = ("none", "stated", "context", "published")

_WORD = re.compile(r"[a-z]+")
_CHANGE = re.compile(r"\b(?:naik|meningkat|peningkatan|kenaikan|bertambah|tambahan|bertumbuh|tumbuh|pertumbuhan|turun|"
                     r"menurun|penurunan|berkurang|melonjak|lonjakan|merosot|anjlok)\b")
_FROM_LEVEL = re.compile(r"\b(?:dari|semula|sebelumnya|hanya)\s+(?:sekitar\s+|sebanyak\s+|mencapai\s+)?(?:rp\.?\s*)?$")
_PLAN = re.compile(r"\b(?:akan|rencana\w*|direncanakan|merencanakan|bakal|ditargetkan|menargetkan|target\w*|diharapkan|"
                   r"diproyeksikan|proyeksi|usulan|diusulkan|rancangan)\b")
_NOW = re.compile(r"\b(?:saat\s+ini|kini|sekarang|hingga\s+kini|sampai\s+kini|hingga\s+saat\s+ini|sampai\s+saat\s+ini|"
                  r"tercatat|terdapat|ada|memiliki|mempunyai)\b")
_NATION = re.compile(r"\b(?:nasional|indonesia|tanah\s+air|kementerian|kemenperin|menteri|menperin)\b")
_PROVINCE_WORD = re.compile(r"\b(?:provinsi|pemprov|gubernur|se-?provinsi|kabupaten\s*/\s*kota|kab\s*/\s*kota)\b")
_ISLAND = re.compile(r"\b(?:pulau|luar\s+jawa|luar\s+pulau)\b")
# an island named after the count ('7 sentra di Kalimantan dan 4 di Sumatera'); 'Sulawesi Selatan' is a province
_ISLAND_AFTER = re.compile(r"^[^.;,]{0,40}?\bdi\s+(?:jawa|sumatera|sumatra|kalimantan|sulawesi|nusa\s+tenggara|bali-nusra)\b"
                           r"(?!\s+(?:barat|timur|tengah|utara|selatan|tenggara|bagian)\b)")
_LARGE = re.compile(r"\b(?:industri\s+besar|besar\s+dan\s+menengah|seluruh\s+industri|sektor\s+industri|industri\s+pengolahan)\b")
_TOTAL_OF = re.compile(r"\b(?:dari|keseluruhan|total)\s+(?:total\s+|keseluruhan\s+|jumlah\s+)?$")
# what the labelling conventions never count as a fact, whatever the words around it: a change
# ('naik 27 unit'), a range ('Rp 200-300 juta'), a year read as a count
HARD_VETOES = frozenset({"change", "range_bound", "written_range", "small_range", "year", "sector_whole", "large_industry"})
# ... nor an island's share of a national count ('di pulau Jawa 4.443 sentra'): no kab/kota, no province
NEVER_BY_CONVENTION = frozenset({"cue=island"})
_DATED = re.compile(r"\b(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|kemarin|pekan\s+lalu)\b|"
                    r"\(\s*\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?\s*\)", re.I)
_PER = re.compile(r"\b(?:per|setiap|tiap|masing-masing|rata-rata)\b")


@dataclass
class Candidate:
    """One number the rules framed, with what the decision needs to know about where it stands."""
    frame: Frame
    sentence: str
    rule_city: str | None          # the place the rules found for it
    rule_province: str | None
    strength: int                  # 3 in its sentence, 2 the sentence before, 1 the article's default, 0 none
    primary: str | None            # the article's primary city
    published_year: int | None
    para_index: int                # its sentence's paragraph, from the top
    sent_index: int                # its sentence's place in the paragraph
    headline_like: bool
    n_cities: int                  # distinct kab/kota the article names
    context_year: int | None = None   # the latest year the article stated before this sentence
    article: dict[str, float] = field(default_factory=dict)   # what the whole article is like (article_features)
    features: dict[str, float] = field(default_factory=dict)
    prev_sentence: str | None = None   # the sentence before it in its paragraph
    ref_year: int | None = None        # the year of an earlier figure its sentence refers back to ('Dari 4.210 IKM, ...')
    stamped: bool = True               # the page states when it was published (else published_year is a dated event's)
    told_year: int | None = None       # the year carried into the sentence, passing over years compared with

    def stated_year(self) -> int | None:
        """The year the rules tie the number to from the text, or None when they only fell back on the
        publication year."""
        f = self.frame
        text = self.sentence
        if YEAR_EXPL.search(text) or (YEAR_REL.search(text) and self.published_year):
            return f.year
        if f.year is not None and f.year != self.published_year:
            return f.year  # a year carried from the sentence before
        return None

    def place(self, choice: str) -> tuple[str | None, str | None]:
        """(city_code, province_code) for a place choice."""
        prov = self.rule_province or (self.rule_city or self.primary or "").split(".")[0] or None
        if choice == "rules":
            return self.rule_city, self.rule_province or (self.rule_city.split(".")[0] if self.rule_city else None)
        if choice == "province":
            return None, prov
        if choice == "nation":
            return None, None
        return self.primary, (self.primary.split(".")[0] if self.primary else None)

    def year(self, choice: str) -> int | None:
        if choice == "stated":
            if self.ref_year is not None:
                return self.ref_year
            stated = self.stated_year()
            if stated is not None and self.told_year is not None and not _year_here(self.sentence):
                return self.told_year   # carried: not the year a sentence before only compared with
            return stated if stated is not None else loose_year(self.sentence)
        if choice == "published":
            return self.published_year
        if choice == "context":
            return self.context_year
        return None


def _year_here(sentence: str) -> bool:
    """The sentence states a year of its own, outright or relative ('pada 2021', 'tahun lalu')."""
    return bool(YEAR_EXPL.search(sentence) or YEAR_REL.search(sentence))


_UMKM_WORD = re.compile(r"\b(?:umkm|ukm|umk|usaha\s+mikro)\b")
_IKM_WORD = re.compile(r"\b(?:ikm|imk|industri\s+kecil|sentra|perajin|pengrajin)\b")


def article_features(text: str, n_city_mentions: int, n_province_mentions: int, n_cities: int) -> dict[str, float]:
    """What the whole article is like, the same for each of its numbers: a story about UMKM rather than
    IKM, about a province rather than a city, or about no place at all, has few facts of a kab/kota."""
    low = text.lower()
    umkm, ikm = len(_UMKM_WORD.findall(low)), len(_IKM_WORD.findall(low))
    per_100_words = 100.0 * ikm / max(50, len(low.split()))
    feats = {f"a:ikm_density={min(3, int(per_100_words))}": 1.0}   # IKM words per 100 words: 0, 1, 2, 3+
    if umkm > ikm:
        feats["a:umkm_story"] = 1.0
    if n_province_mentions > 2 * n_city_mentions:
        feats["a:province_story"] = 1.0
    if not n_cities:
        feats["a:no_city"] = 1.0
    if _NATION.search(low[:400]):
        feats["a:nation_lead"] = 1.0
    return feats


_LARGE_FIRMS = re.compile(r"\bindustri\s+besar\b")


def relevance_features(article: dict[str, float], text: str, counts: dict[str, int]) -> dict[str, float]:
    """What the relevance head weighs when the rules find an article relevant: the article's kind
    (``article``, from article_features) and what the reading found (``counts``: facts and sentra the text ties to a
    kab/kota, province-wide facts, kab/kota facts, cities, city mentions, strong IKM words). A national
    fair held in a city, a province's statistics read out in its capital, a story of large firms or of
    UMKM in general are not about IKM of a kab/kota, though the rules see a city and IKM words."""
    feats = {"bias": 1.0, **article}
    flags = {"r:placed_facts": counts["placed_facts"] > 0, "r:placed_sentra": counts["placed_sentra"] > 0,
             "r:province_facts": counts["province_facts"] > 0, "r:city_facts": counts["city_facts"] > 0,
             "r:province_facts_only": counts["province_facts"] > 0 and not counts["city_facts"],
             "r:one_city_mention": counts["city_mentions"] <= 1, "r:many_cities": counts["cities"] >= 4,
             "r:no_strong_word": counts["strong_words"] == 0,
             "r:large_firms": len(_LARGE_FIRMS.findall(text.lower())) >= 2}
    feats.update({k: 1.0 for k, on in flags.items() if on})
    feats.update(_place_of_story_features(counts))
    return feats


def _place_of_story_features(counts: dict[str, int]) -> dict[str, float]:
    """Whether the kab/kota the reading puts first is named at most twice in all (a dateline, a venue 'di
    Hotel X, Kota Y'), and whether no figure and no sentra is tied to a kab/kota by the text (with, beside
    it, the province named as often as the cities). A ministry's or a province's statement read out in a
    city names that city only in passing and places nothing there."""
    feats = {}
    if counts.get("primary_named", 3) <= 2:
        feats["r:city_barely_named"] = 1.0
    if not counts["placed_facts"] and not counts["placed_sentra"]:
        feats["r:nothing_placed"] = 1.0
        if counts["city_mentions"] <= counts.get("province_mentions", 0):
            feats["r:nothing_placed&province_named"] = 1.0
    return feats


def _window_words(sentence: str, start: int, end: int) -> tuple[list[str], list[str]]:
    left = _WORD.findall(sentence[max(0, start - 80):start].lower())[-6:]
    right = _WORD.findall(sentence[end:end + 50].lower())[:4]
    return left, right


def _add_year_features(c: Candidate, feats: dict[str, float]) -> None:
    """Which years the text offers for the number: stated in its sentence (explicit or relative), the
    article's year so far, the publication year, and how far apart they are."""
    stated = c.stated_year()
    feats["year=stated" if stated is not None else "year=unstated"] = 1.0
    if YEAR_EXPL.search(c.sentence):
        feats["year=explicit"] = 1.0
    if YEAR_REL.search(c.sentence):
        feats["year=relative"] = 1.0
    if stated is not None and c.published_year is not None:
        feats[f"year_gap={max(-2, min(3, c.published_year - stated))}"] = 1.0
    if c.context_year is not None:
        feats["year=context"] = 1.0
        if c.published_year is not None:
            feats[f"context_gap={max(-2, min(3, c.published_year - c.context_year))}"] = 1.0
    if c.published_year is None:
        feats["year=no_published"] = 1.0
    # whether a year is tied to a figure depends on what it counts: a training or an aid happens in a
    # year, a stock is 'now'
    ind = c.frame.indicator
    for k in [k for k in feats if k.startswith(("year=", "year_gap=", "context_gap="))]:
        feats[f"y:{ind}&{k}"] = 1.0
    if _DATED.search(c.sentence):
        feats["y:dated_event"] = feats[f"y:{ind}&dated_event"] = 1.0   # 'Selasa (12/3)': days around publication
    feats.update(_present_features(c))
    feats.update(_carried_year_features(c))
    if loose_year(c.sentence) is not None and c.stated_year() is None:
        feats["y:loose_year"] = 1.0   # 'data pertengahan 2016': a year only the year head reads
    if c.ref_year is not None:
        feats["y:refers_back"] = 1.0   # 'Dari 4.210 IKM, ...': the year of that earlier figure
    feats.update(_unstamped_features(c))


def _unstamped_features(c: Candidate) -> dict[str, float]:
    """Whether the page has no publication stamp, its 'now' only guessed from a dated event it reports: the
    conventions tie a figure to the publication year only in a dated text, so with no stamp a figure with
    no year phrase of its own more often has none; the year head learns how often, per indicator."""
    if c.stamped or c.published_year is None:
        return {}
    ind = c.frame.indicator
    feats = {"y:unstamped": 1.0, f"y:{ind}&unstamped": 1.0}
    if not _year_here(c.sentence):
        feats["y:unstamped&no_year_here"] = 1.0
    return feats


def _carried_year_features(c: Candidate) -> dict[str, float]:
    """Whether the year the rules offer as stated was carried into a sentence that states none ('Pada 2021
    ... . Jumlah itu menyerap ...'): the year head learns apart how often such a year holds for the number."""
    ind = c.frame.indicator
    feats: dict[str, float] = {}
    if c.stated_year() is not None and not _year_here(c.sentence):
        feats["y:stated_carried"] = feats[f"y:{ind}&stated_carried"] = 1.0
    return feats


_PRESENT = re.compile(r"\b(?:saat\s+ini|(?<!masa\s)kini|sekarang|dewasa\s+ini|selama\s+ini|sejauh\s+ini|hingga\s+kini|sampai\s+kini)\b")


def _present_features(c: Candidate) -> dict[str, float]:
    """Whether the number is told as a stock of today ('saat ini tercatat 300 IKM', 'hingga kini'; not 'masa
    kini', contemporary), in its own sentence or in the sentence before one that states no year ('Jumlah
    itu menyerap ...'): the conventions give such a stock no year, even in a dated text or after a year
    stated earlier."""
    ind = c.frame.indicator
    feats: dict[str, float] = {}
    low = c.sentence.lower()
    if _PRESENT.search(low):
        where = "here"
    elif c.prev_sentence and _PRESENT.search(c.prev_sentence.lower()) and not YEAR_EXPL.search(c.sentence):
        where = "before"
    else:
        return feats
    feats[f"y:now_{where}"] = feats[f"y:{ind}&now_{where}"] = 1.0
    if _year_here(c.sentence):
        feats[f"y:now_{where}&year_here"] = 1.0   # 'saat ini ... pada 2023': the year may still be the figure's
    return feats


def present_stock(feats: dict[str, float]) -> bool:
    """A number told as of today with no year phrase in its sentence ('saat ini ada 420 IKM') has no year,
    as the conventions have it, whatever year the article stated before or was published in."""
    return any(k in feats and f"{k}&year_here" not in feats for k in ("y:now_here", "y:now_before"))


_LAST_YEARS = re.compile(r"\b(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|beberapa|\d{1,2})\s+tahun\s+"
                         r"(?:terakhir|belakangan)\b", re.I)
_YEAR_SPAN = re.compile(r"\b((?:19|20)\d{2})\s*(?:-|–|s/?d|sampai(?:\s+dengan)?|hingga)\s*(?:tahun\s+)?((?:19|20)\d{2})\b", re.I)


def spans_years(sentence: str) -> bool:
    """A figure of several years ('selama dua tahun terakhir kami membentuk 7 sentra', 'dibangun 2017 sampai
    2019 dengan DAK Rp 4 miliar') is tied to no one year: no year, as the conventions have it."""
    if _LAST_YEARS.search(sentence):
        return True
    return any(m.group(1) != m.group(2) for m in _YEAR_SPAN.finditer(sentence))


def refers_back(c: Candidate) -> bool:
    """A sentence that opens by referring back to an earlier figure ('Dari 4.210 IKM itu, 2.500 ...') and
    states no year of its own tells parts of that figure: they take its year (``ref_year``), not a year
    stated in between, which the year head, seeing few such sentences, would not learn."""
    return c.ref_year is not None and not _year_here(c.sentence)


def habitual_flow(feats: dict[str, float]) -> bool:
    """An amount per year, month or day ('omzet Rp 2 miliar per tahun', 'dalam setahun') with no year phrase
    in its sentence is a usual rate, not a figure of one year: no year, as the conventions have it."""
    return "period=None" not in feats and any(k.startswith("period=") for k in feats) and \
        "year=explicit" not in feats and "year=relative" not in feats


_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:sedangkan|sementara|serta|dan\s+(?=\d))\b")
_LARGE_CLASS = re.compile(r"\bindustri\s+(?:besar|sedang)\b|\bbesar\s+dan\s+menengah\b|\bindustri\s+menengah\b(?!\s+(?:dan\s+)?kecil)")
_ALL_INDUSTRY = re.compile(r"\b(?:sektor\s+industri|industri\s+pengolahan|seluruh\s+industri|keseluruhan)\b")


def _clause_scope(low: str, start: int, end: int) -> dict[str, float]:
    """Whether the number's own clause (not its sentence) speaks of large industry or of all industry: a
    total with large firms in it, or one class of a split, is not a figure of IKM."""
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(low, max(0, start - 120), start)), default=max(0, start - 120))
    m = _CLAUSE_BREAK.search(low, end, end + 100)
    clause = low[left:m.start() if m else end + 100]
    feats = {}
    if _LARGE_CLASS.search(clause):
        feats["clause=large_industry"] = 1.0
    if _ALL_INDUSTRY.search(clause):
        feats["clause=all_industry"] = 1.0
    return feats


def candidate_features(c: Candidate) -> dict[str, float]:
    """The features of a candidate: names of the rules' verdicts and of the words near the number.
    Names, not text: a word becomes a feature only if training saw it in several articles."""
    f = c.frame
    q = f.quantity
    s = c.sentence
    low = s.lower()
    feats: dict[str, float] = {"bias": 1.0, f"ind={f.indicator}": 1.0, f"how={f.how}": 1.0,
                               f"kind={'money' if q.kind == 'money' else 'count'}": 1.0,
                               f"unit={f.unit}": 1.0, f"period={f.period}": 1.0, "rule_conf": f.confidence}
    for v in f.vetoes:
        feats[f"veto={v}"] = 1.0
        feats[f"{f.indicator}&veto={v}"] = 1.0   # a veto weighs differently for each indicator
    feats["n_vetoes"] = float(len(f.vetoes))
    if not f.vetoes:
        feats["rules_keep"] = 1.0
    if q.approximate:
        feats["approx"] = 1.0
    feats[f"log10={min(12, int(math.log10(max(q.value, 1))))}"] = 1.0
    feats[f"strength={c.strength}"] = 1.0
    level = "city" if c.rule_city else "province" if c.rule_province else "none"
    feats[f"rule_level={level}"] = 1.0
    if c.rule_city and c.rule_city == c.primary:
        feats["rule_is_primary"] = 1.0
    if not c.primary:
        feats["no_primary"] = 1.0
    feats[f"n_cities={min(c.n_cities, 3)}"] = 1.0
    if c.headline_like:
        feats["headline"] = 1.0
    feats[f"para={min(c.para_index, 4)}"] = 1.0
    feats[f"sent={min(c.sent_index, 2)}"] = 1.0
    if _CHANGE.search(low[max(0, q.start - 60):q.start]):
        feats["cue=change_near"] = 1.0   # 'meningkat ... dari 240': often the level before a change
    if _FROM_LEVEL.search(low[max(0, q.start - 30):q.start]):
        feats["cue=from_level"] = 1.0
    if _PLAN.search(low[max(0, q.start - 100):q.start]):
        feats["cue=plan"] = 1.0
    if _NOW.search(low):
        feats["cue=now"] = 1.0
    if _NATION.search(low):
        feats["cue=nation"] = 1.0
    if _PROVINCE_WORD.search(low):
        feats["cue=province"] = 1.0
    if _PER.search(low[max(0, q.start - 40):q.end + 30]):
        feats["cue=per"] = 1.0
    if "%" in s or "persen" in low:
        feats["cue=percent"] = 1.0
    _add_year_features(c, feats)
    feats.update(c.article)
    for cue in f.cues:
        feats[f"cue={cue}"] = 1.0
    if 1945 <= q.value <= 2035 and q.value == int(q.value) and q.kind != "money":
        feats["yearlike"] = 1.0
    if _ISLAND.search(low[max(0, q.start - 60):q.start]) or _ISLAND_AFTER.match(low[q.end:]):
        feats["cue=island"] = 1.0
    if _LARGE.search(low):
        feats["cue=large_industry"] = 1.0
    if _TOTAL_OF.search(low[max(0, q.start - 40):q.start]):
        feats["cue=total_of"] = 1.0
    feats.update(_clause_scope(low, q.start, q.end))
    left, right = _window_words(s, q.start, q.end)
    if left:
        feats[f"L1:{left[-1]}"] = 1.0
    if right:
        feats[f"R1:{right[0]}"] = 1.0
    for w in left:
        feats[f"L:{w}"] = 1.0
    for w in right:
        feats[f"R:{w}"] = 1.0
    return feats


# ---------------------------------------------------------------- applying a fitted model
def _dot(weights: dict[str, float], feats: dict[str, float]) -> float:
    return sum(weights.get(k, 0.0) * v for k, v in feats.items())


def _sigmoid(z: float) -> float:
    if z < -35:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def _by_feature(head: dict) -> tuple[list[str], list[float], dict[str, list[float]]]:
    """A multi-class head turned around: its classes, their intercepts, and each feature's weight for every
    class, so that scoring a candidate is one pass over its features instead of one per class."""
    classes = sorted(head.get("weights") or {})
    intercepts = [head.get("intercept", {}).get(c, 0.0) for c in classes]
    rows: dict[str, list[float]] = {}
    for j, c in enumerate(classes):
        for k, w in head["weights"][c].items():
            rows.setdefault(k, [0.0] * len(classes))[j] = w
    return classes, intercepts, rows


def _softmax(head: tuple[list[str], list[float], dict[str, list[float]]], feats: dict[str, float],
             allowed: tuple[str, ...] | None = None) -> dict[str, float]:
    """Class probabilities of a multi-class head (as _by_feature gives it), over the allowed classes only."""
    classes, intercepts, rows = head
    if not classes:
        return {}
    scores = list(intercepts)
    for k, v in feats.items():
        row = rows.get(k)
        if row is not None:
            for j, w in enumerate(row):
                scores[j] += w * v
    keep = [j for j, c in enumerate(classes) if allowed is None or c in allowed]
    if not keep:
        return {}
    top = max(scores[j] for j in keep)
    exp = {classes[j]: math.exp(scores[j] - top) for j in keep}
    z = sum(exp.values())
    return {k: v / z for k, v in exp.items()}


def _override(probs: dict[str, float], rule_choice: str, margin: float) -> str:
    """The model's choice where it beats the rules' own by ``margin``, else the rules'."""
    if not probs:
        return rule_choice
    best = max(sorted(probs), key=lambda k: probs[k])
    if best != rule_choice and probs[best] - probs.get(rule_choice, 0.0) >= margin:
        return best
    return rule_choice


@dataclass
class Decision:
    keep: bool
    confidence: float
    indicator: str
    place: str
    year: str


class Model:
    """A fitted model as stored in model.json: a version, the threshold, and one weight table per head."""

    def __init__(self, data: dict):
        self.data = data
        self.version: str = data["version"]
        self.threshold: float = data["threshold"]
        self.heads: dict = data["heads"]
        self._multi = {name: _by_feature(self.heads.get(name) or {}) for name in ("indicator", "place", "year")}
        self.never_facts = frozenset(data.get("never_facts") or ()) | NEVER_BY_CONVENTION

    def keep_probability(self, feats: dict[str, float]) -> float:
        keep = self.heads["keep"]
        return _sigmoid(_dot(keep["weights"], feats) + keep["intercept"])

    def choose(self, feats: dict[str, float], rule_indicator: str, money: bool, unnamed: bool):
        """(keep probability, indicator, its probability, place, its probability, year) for one candidate."""
        p = self.keep_probability(feats)
        allowed = tuple(sorted(MONEY_INDICATORS)) if money else COUNT_INDICATORS
        margins = self.data.get("margins", {})
        # the rules' indicator stands unless the model is much surer; for a number the rules could not
        # name ('unnamed'), the model names it
        ind_probs = _softmax(self._multi["indicator"], feats, allowed)
        ind = _override(ind_probs, rule_indicator, 0.0 if unnamed else margins.get("indicator", 0.0))
        place_probs = _softmax(self._multi["place"], feats)
        place = _override(place_probs, "rules", margins.get("place", 0.0))
        year_probs = _softmax(self._multi["year"], feats)
        year = max(sorted(year_probs), key=lambda k: year_probs[k]) if year_probs else "rules"
        return (p, ind, ind_probs.get(ind, 1.0 if not ind_probs else 0.0),
                place, place_probs.get(place, 1.0 if not place_probs else 0.0), year)

    def confidence(self, p_keep: float, p_indicator: float, p_place: float) -> float:
        """The probability that the fact is right (a fact, of that indicator, in that place): the three
        heads' probabilities through a calibration fitted out of fold (``calibration`` in the file)."""
        cal = self.data.get("calibration")
        if not cal:
            return p_keep
        z = (cal["keep"] * logit(p_keep) + cal["indicator"] * math.log(max(p_indicator, 1e-6))
             + cal["place"] * math.log(max(p_place, 1e-6)) + cal["intercept"])
        return _sigmoid(z)

    def relevant(self, feats: dict[str, float], rule_relevant: bool) -> bool:
        """The relevance head's answer for an article about IKM that names a city; the rules' answer
        when the model file has no such head."""
        head = self.heads.get("relevance")
        if not head:
            return rule_relevant
        return _dot(head["weights"], feats) + head["intercept"] >= 0.0

    def year_with_a_year(self, feats: dict[str, float], c: Candidate, chosen: str) -> str:
        """A choice that finds no year for this number ('stated' where nothing is stated, 'context' before
        any year) gives way to the likeliest choice that finds one, when that is likelier than 'none': the
        head chose a kind of year, not the absence of one."""
        if chosen == "none" or c.year(chosen) is not None:
            return chosen
        probs = _softmax(self._multi["year"], feats)
        found = [k for k in sorted(probs) if k != "none" and c.year(k) is not None]
        if not found:
            return chosen
        best = max(found, key=lambda k: probs[k])
        return best if probs[best] > probs.get("none", 0.0) else chosen

    def decide(self, c: Candidate) -> Decision:
        if HARD_VETOES.intersection(c.frame.vetoes):
            return _DROPPED
        feats = c.features or candidate_features(c)
        if self.never_facts.intersection(feats) or self.keep_probability(feats) < self.threshold:
            return _DROPPED  # most numbers are no fact: the other heads are not needed for them
        p, ind, p_ind, place, p_place, year = self.choose(
            feats, c.frame.indicator, c.frame.quantity.kind == "money", "unnamed" in c.frame.vetoes)
        if present_stock(feats) or habitual_flow(feats) or spans_years(c.sentence):
            year = "none"
        elif refers_back(c):
            year = "stated"
        else:
            year = self.year_with_a_year(feats, c, year)
        return Decision(p >= self.threshold, round(self.confidence(p, p_ind, p_place), 3), ind, place, year)


_DROPPED = Decision(False, 0.0, "", "rules", "rules")


def logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


@cache
def load_model(path: str | None = None) -> Model | None:
    """The model file in the package (or at ``path``), read once per process; None when there is none."""
    p = Path(path) if path else MODEL_FILE
    if not p.exists():
        return None
    return Model(json.loads(p.read_text(encoding="utf-8")))


def reader_version() -> str:
    """What reads the facts: the model file's version, or 'rules' when the package has none."""
    model = load_model()
    return model.version if model is not None else "rules"


def rules_decision(c: Candidate) -> Decision:
    """The rules alone: a frame with no veto is a fact, as the rules framed it."""
    return Decision(not c.frame.vetoes, c.frame.confidence, c.frame.indicator, "rules", "rules")


def rules_relevance(feats: dict[str, float], rule_relevant: bool) -> bool:
    """The rules alone: their answer stands."""
    return rule_relevant


def apply_decision(c: Candidate, d: Decision) -> dict:
    """The fact a candidate becomes under a decision."""
    f = c.frame
    value = f.quantity.value
    if value == int(value):
        value = int(value)
    if d.year == "rules":
        year = f.year
    else:
        year = c.year(d.year)
    city, prov = c.place(d.place)
    ind = d.indicator
    unit = f.unit if ind in MONEY_INDICATORS else UNIT_OF.get(ind, f.unit)
    if ind == "jumlah_ikm" and f.unit == "orang":
        unit = "orang"
    period = f.period if ind in ("nilai_produksi", "nilai_omzet", "nilai_transaksi", "nilai_ekspor",
                                 "target_penjualan") else None
    return {"city_code": city, "province_code": prov or (city.split(".")[0] if city else None),
            "indicator": ind, "value": value, "unit": unit, "period": period, "year": year,
            "sentra": None, "evidence": c.sentence, "confidence": d.confidence}
