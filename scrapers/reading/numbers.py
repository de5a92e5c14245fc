"""Indonesian numbers in news text.

Pure Python, no heavy imports. The public functions:

- ``parse_number(s)``: one written number -> float or None
  ('10.000' -> 10000, '1,5' -> 1.5, 'dua puluh lima' -> 25, '15.000-16.000' -> 15000).
- ``parse_money(s)``: a money expression -> (value, 'IDR'|'USD') or None.
- ``parse_rupiah(s)``: the value of a money expression (any currency) or None.
- ``find_quantities(sentence)``: every number expression in a sentence with its span,
  value, currency, an approximate flag and a ``kind`` telling indicators from years,
  dates, percentages, measures, prices and phone numbers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Quantity", "parse_number", "parse_money", "parse_rupiah", "parse_words",
           "find_quantities", "MULTIPLIERS"]

# --------------------------------------------------------------------------- words

UNITS = {
    "nol": 0, "satu": 1, "se": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6,
    "tujuh": 7, "delapan": 8, "sembilan": 9,
}
TEENS = {"sepuluh": 10, "sebelas": 11}
SCALES_SMALL = {"belas": None, "puluh": 10, "ratus": 100}
SCALES_BIG = {"ribu": 1e3, "juta": 1e6, "miliar": 1e9, "milyar": 1e9, "triliun": 1e12}
SE_WORDS = {"seratus": 100, "seribu": 1000, "sepuluh": 10, "sebelas": 11, "sejuta": 1e6,
            "semiliar": 1e9}

# words that state a rough amount without a figure: never turned into a number
VAGUE_WORDS = ("puluhan", "ratusan", "ribuan", "jutaan", "miliaran", "belasan", "triliunan")

MULTIPLIERS = {
    "ribu": 1e3, "rb": 1e3, "rbu": 1e3, "k": 1e3,
    "juta": 1e6, "jt": 1e6, "jta": 1e6,
    "miliar": 1e9, "milyar": 1e9, "miliyar": 1e9, "milliar": 1e9, "milyard": 1e9,
    "miliard": 1e9, "milar": 1e9, "millyar": 1e9, "m": 1e9, "b": 1e9, "billion": 1e9,
    "triliun": 1e12, "trilyun": 1e12, "trilliun": 1e12, "t": 1e12, "trillion": 1e12,
    "million": 1e6,
}

_WORD_TOKENS = (list(SE_WORDS) + list(TEENS) + list(UNITS) + ["belas", "puluh", "ratus", "ribu"])
_WORD_ALT = "|".join(sorted({w for w in _WORD_TOKENS if w != "se"}, key=len, reverse=True))
WORDNUM_RE = re.compile(rf"\b(?:{_WORD_ALT})(?:\s+(?:{_WORD_ALT}))*\b", re.I)


def parse_words(s: str) -> float | None:
    """'dua puluh lima' -> 25, 'seratus' -> 100, 'tiga ribu lima ratus' -> 3500."""
    toks = s.lower().split()
    if not toks:
        return None
    total = 0.0   # completed thousands groups
    group = 0.0   # current group below one thousand
    cur = None    # last unit digit waiting for a scale
    seen = False
    for t in toks:
        if t in UNITS and t != "se":
            if cur is not None:
                return None  # 'dua tiga' is not a number
            cur = UNITS[t]
        elif t in TEENS:
            group += TEENS[t]
            seen = True
        elif t in SE_WORDS:
            v = SE_WORDS[t]
            if v >= 1000:
                if group or cur is not None:
                    return None
                total += v
            else:
                if cur is not None:
                    return None
                group += v
            seen = True
        elif t == "belas":
            if cur is None:
                return None
            group += 10 + cur
            cur = None
        elif t in ("puluh", "ratus"):
            if cur is None:
                return None
            group += cur * SCALES_SMALL[t]
            cur = None
        elif t in SCALES_BIG:
            g = group + (cur or 0)
            if g == 0:
                return None
            total += g * SCALES_BIG[t]
            group, cur = 0.0, None
        else:
            return None
        seen = True
    value = total + group + (cur or 0)
    return value if seen else None


# --------------------------------------------------------------------------- digits

_DIGIT_CLEAN_O = re.compile(r"(?<=\d)[oO](?=[\d.,oO])|(?<=[.,])[oO](?=[\doO])")
_SPACE_IN_GROUP = re.compile(r"(?<=\d)([.,])\s+(?=\d{3}\b)")
_DOUBLE_SEP = re.compile(r"([.,])\1+")


def _parse_digits(s: str, *, prefer_thousands: bool = False) -> float | None:
    """One digit string with Indonesian separators: '.' thousands, ',' decimals."""
    s = s.strip()
    s = _DIGIT_CLEAN_O.sub("0", s)
    s = _SPACE_IN_GROUP.sub(r"\1", s)
    s = _DOUBLE_SEP.sub(r"\1", s)
    s = s.strip(".,")
    if not s or not re.fullmatch(r"\d[\d.,]*", s):
        return None
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        # whichever comes last is the decimal mark
        if s.rfind(",") > s.rfind("."):
            s = s.replace(".", "").replace(",", ".")
        else:
            s = s.replace(",", "")
    elif dots:
        parts = s.split(".")
        if dots > 1:
            s = s.replace(".", "")  # 1.089.367 (also 1.0000.000 typos)
        elif len(parts[1]) == 3:
            s = s.replace(".", "")  # 10.000
        else:
            pass                     # 1.5 written the English way
    elif commas:
        parts = s.split(",")
        if commas > 1:
            s = s.replace(",", "")   # 1,089,367
        elif len(parts[1]) == 3 and prefer_thousands:
            s = s.replace(",", "")   # 2,250 people
        else:
            s = s.replace(",", ".")  # 1,5
    try:
        return float(s)
    except ValueError:
        return None


RANGE_RE = re.compile(r"^\s*([\d.,]+)\s*(?:-|–|—|s/d|s\.d\.?|hingga|sampai|sampai dengan|to)\s*([\d.,]+)\s*$", re.I)


def parse_number(s: str) -> float | None:
    """Parse one written number: digits with Indonesian separators, a range (its lower
    bound), '300-an', digits with a multiplier word ('2,3 juta'), or number words.
    Vague words ('puluhan', 'ratusan') give None: no figure is invented."""
    if s is None:
        return None
    t = str(s).strip().lower()
    if not t:
        return None
    if any(t.startswith(v) for v in VAGUE_WORDS):
        return None
    t = re.sub(r"^(?:rp\.?|idr|us\$|usd|\$)\s*", "", t)
    t = _DIGIT_CLEAN_O.sub("0", t)
    t = re.sub(r"\s*-?\s*an$", "", t) if re.search(r"\d\s*-?\s*an$", t) else t
    m = RANGE_RE.match(t)
    if m:
        return _parse_digits(m.group(1))
    m = re.match(r"^([\d.,\s]*\d)\s*([a-z]+)?$", t)
    if m:
        base = _parse_digits(m.group(1))
        mult = m.group(2)
        if base is None:
            return None
        if mult:
            if mult not in MULTIPLIERS:
                return None
            return base * MULTIPLIERS[mult]
        return base
    # digits followed by a number word multiplier, e.g. '15 ribu'
    m = re.match(r"^([\d.,]+)\s+(.+)$", t)
    if m:
        base = _parse_digits(m.group(1))
        rest = parse_words(m.group(2))
        if base is not None and rest and rest >= 1000:
            return base * rest
        return None
    return parse_words(t)


# --------------------------------------------------------------------------- quantities

@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    value: float
    unit: str | None          # 'IDR', 'USD' or None
    approximate: bool
    text: str
    kind: str = "number"      # number money percent year date time measure price phone duration ordinal code
    vague: bool = False       # 'puluhan', 'ratusan': no figure, never a fact

    @property
    def is_indicator_candidate(self) -> bool:
        return self.kind in ("number", "money") and not self.vague


_MULT_ALT = (r"ribu|rb|juta|jt|miliyar|milliar|miliar|milyar|milyard|miliard|millyar|triliun|trilyun|trilliun"
             r"|billion|million|trillion")
_CUR_PRE = r"(?<![A-Za-z])(?:Rp\.?|IDR|US\$|USD|U\$|\$|R(?=\s?\d))"
_DIG = r"\d{1,3}(?:[.,]\s?\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_USD_POST = (r"(?:dolar|dollar)\s+(?:AS|Amerika(?:\s+Serikat)?|US)\b|US\s?(?:dolar|dollar)\b"
             r"|(?:dolar|dollar)\b|USD\b|US\$")

QTY_RE = re.compile(
    rf"(?P<cur>{_CUR_PRE})?\s?"
    rf"(?:(?P<dig>(?:{_DIG})(?:\s*(?:-|–|s/d|hingga|sampai)\s*(?:{_DIG}))?)(?P<an>\s?-?an\b)?"
    rf"|(?P<word>\b{WORDNUM_RE.pattern[2:-2]}\b))"
    rf"(?:\s?(?P<mult>{_MULT_ALT})\b|(?<=\d)\s?(?P<mshort>M|T|Jt|jt|rb|K)\b)?"
    rf"(?:\s?(?P<usd>{_USD_POST}))?",
    re.I,
)

APPROX_BEFORE = re.compile(
    r"(?:sekitar|sekira|kira-kira|kurang\s+lebih|lebih\s+dari|lebih\s+kurang|hampir|sedikitnya|"
    r"setidaknya|setidak-tidaknya|minimal|maksimal|paling\s+sedikit|paling\s+banyak|kurang\s+dari|"
    r"mendekati|lebih|tak\s+kurang\s+dari|tidak\s+kurang\s+dari|di\s+atas|diatas|\+/-|±|rata-rata|"
    r"ditaksir|diperkirakan|diperkiraan|estimasi|berkisar(?:\s+antara)?|antara)\s*$",
    re.I,
)
APPROX_AFTER = re.compile(r"^\s*(?:lebih|an\b|-an\b|lebih\s+banyak|\+)", re.I)
VAGUE_RE = re.compile(r"\b(?:puluhan|ratusan|ribuan|jutaan|belasan|miliaran|triliunan)\b", re.I)

MONTHS_ALT = (r"januari|jan|februari|pebruari|feb|peb|maret|mar|april|apr|mei|juni|jun|juli|jul|agustus|agust|agu|ags|"
              r"aug|september|sept|sep|oktober|okt|oct|november|nopember|nov|desember|des|dec")
DATE_AFTER = re.compile(rf"^\s*(?:(?:-|–|hingga|sampai|s/d|dan)\s*\d{{1,2}}\s+)?(?:{MONTHS_ALT})\b", re.I)
DATE_SLASH = re.compile(r"^\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?")
TIME_AFTER = re.compile(r"^[:.]\d{2}\b")
PERCENT_AFTER = re.compile(r"^\s*(?:%|persen\b|per\s?sen\b|pct\b)", re.I)
MEASURE_AFTER = re.compile(
    r"^\s*(?:ton|kg|kilogram|kilo|gram|gr|kuintal|kwintal|liter|ltr|l\b|meter|m2|m²|m3|m\b|cm|mm|km|kilometer|"
    r"hektare|hektar|ha\b|are\b|mil\b|kilowatt|kw|kwh|mw|watt|volt|derajat|°|ons|karat|inci|inch|meter\s+persegi|"
    r"meter\s+kubik|barel|mega\s?watt)",
    re.I,
)
DURATION_AFTER = re.compile(r"^\s*(?:hari|bulan|tahun|minggu|pekan|jam|menit|detik|dekade|abad|windu|semester|triwulan|kali)\b", re.I)
PER_ITEM_AFTER = re.compile(
    r"^\s*(?:/|per\s*|se)(?!\s*(?:hari|harinya|bulan|bulannya|tahun|tahunnya|minggu|pekan|triwulan|semester)\b)"
    r"(?:potong|buah|biji|pcs|piece|lembar|helai|unit|pasang|kodi|kg|kilo|kilogram|gram|ons|liter|bungkus|"
    r"pak|paket|botol|kotak|porsi|meter|ekor|batang|set|lusin|dus|karton|toples|bks|item|produk|orang|tiket|kamar|"
    r"malam|jam|m2|ton|kuintal|kelompok|ikm|umkm|ukm|perajin|pengrajin|pelaku|peserta|desa|sentra|kk|keluarga|penerima|"
    r"koperasi|usaha)\b",
    re.I,
)
PRICE_BEFORE = re.compile(
    r"\b(?:satu|se)[\s-]?(?:ikat|potong|buah|biji|lembar|helai|kain|pasang|kodi|kilo|kg|bungkus|botol|kotak|porsi|meter|"
    r"lusin|set|unit|gulung|tas|stel|setel|bal)(?:nya)?\s*(?:dijual\s+|harganya\s+|seharga\s+)?[:,(]?\s*$|"
    r"\b(?:harga(?:nya)?|seharga|dijual|dibanderol|dibandrol|tarif(?:nya)?|ongkos|biaya\s+per|per\s+(?:potong|buah|unit|pcs|kg))\b[^.;]{0,40}$",
    re.I,
)
ORDINAL_BEFORE = re.compile(r"(?:\bke-?|\bno\.?|\bnomor|\bnomer|\bpasal|\bayat|\bkbli|\bjl\.?|\bjalan|\brt\.?|\brw\.?|\buu|\bperda|\bpp|\bperpres|\bpermen\w*|\bkm\.?|\bblok|\bgang|\bgg\.?|\bhal\.?|\bhalaman|\bedisi|\bversi|\bjilid|\bbab|\bperaturan\s+\w+|\bkode|#)\s*$", re.I)
YEAR_BEFORE = re.compile(r"(?:\btahun|\bthn\.?|\bth\.?|\bta\.?|\bsejak|\bpada|\bhingga|\bsampai|\bakhir|\bawal|\bpertengahan|\bmedio|\bsepanjang|\bselama|\bdi|\bapbn|\bapbd|\bdak|\bperiode|\bsemester\s+\w+|\btriwulan\s+\w+|\b(?:" + MONTHS_ALT + r")|/|-|–)\s*$", re.I)
COUNT_NOUN_AFTER = re.compile(r"^\s*(?:orang|unit|ikm|imk|umkm|ukm|perajin|pengrajin|pekerja|tenaga|karyawan|peserta|sentra|"
                              r"usaha|pelaku|buruh|warga|anggota|pengusaha|home)\b", re.I)
MONEY_CONTEXT = re.compile(r"\b(?:omzet\w*|omset\w*|penjualan\w*|pendapatan\w*|penghasilan\w*|untung\w*|laba|transaksi\w*|"
                           r"bantuan|hibah|dana|modal|investasi|nilai|ekspor|duit|uang|rupiah|meraup|terjual|laku)\b", re.I)
SALAH_SATU = re.compile(r"\b(?:salah|satu-satunya)\s*$", re.I)


def _usd(mt: re.Match) -> bool:
    cur = (mt.group("cur") or "").upper()
    return bool(mt.group("usd")) or cur in ("US$", "USD", "U$", "$")


# every quantity has a digit or a number word, and every vague amount a number-word root: a sentence
# with neither is answered without running QTY_RE (most sentences of an article have no number)
_DIGIT = re.compile(r"\d")
_NUMBER_ROOTS = tuple(sorted({w for w in _WORD_TOKENS if w != "se"} | {"juta", "miliar", "triliun", "belas"}))


_NUMBER_ROOT_RE = re.compile("|".join(_NUMBER_ROOTS))


def might_have_quantity(sentence: str) -> bool:
    # _quantity_matches would find the same, but its set-up costs more than this early answer for the
    # many sentences without a number (measured: find_quantities 1.19 ms per page with it, 1.51 without)
    return bool(_DIGIT.search(sentence) or _NUMBER_ROOT_RE.search(sentence.lower()))


# where a QTY_RE match may begin: its digits or number word start at a digit or a number-word root
# (QTY_RE matches them case-insensitively), and at most a currency sign and a space ('US$ ', 'Rp. ')
# come before them
_QTY_ANCHOR_I = re.compile(r"\d|" + _NUMBER_ROOT_RE.pattern, re.I)
_QTY_LEAD = 6
# the only characters re.I takes for an ASCII letter although their lower case is not that letter
_CASE_ODD = ("\u0130", "\u0131", "\u017f")  # İ ı ſ


def _quantity_matches(s: str):
    """What QTY_RE.finditer(s) gives, searching only from a few characters before each digit or number
    word: QTY_RE tried at every character was most of the cost of a sentence with a number in it.
    The next digit and the next number-word root (in the lowered sentence) are looked for apart:
    one re.I alternation of both was several times slower."""
    if any(c in s for c in _CASE_ODD):  # rare: the case-insensitive anchor, on the sentence itself
        text, digit_at, root_at = s, (lambda pos: _QTY_ANCHOR_I.search(s, pos)), (lambda pos: None)
    else:
        text = s.lower()
        digit_at, root_at = (lambda pos: _DIGIT.search(s, pos)), (lambda pos: _NUMBER_ROOT_RE.search(text, pos))
    pos = 0
    digit, root = digit_at(0), root_at(0)
    while digit is not None or root is not None:
        anchor = min(m.start() for m in (digit, root) if m is not None)
        mt = QTY_RE.search(s, max(pos, anchor - _QTY_LEAD))
        if mt is None:
            return
        yield mt
        pos = max(mt.end(), mt.start() + 1)
        if digit is not None and digit.start() < pos:
            digit = digit_at(pos)
        if root is not None and root.start() < pos:
            root = root_at(pos)


def find_quantities(sentence: str) -> list[Quantity]:
    """All number expressions in one sentence, left to right, with spans into it."""
    out: list[Quantity] = []
    s = sentence
    if not might_have_quantity(s):
        return out
    for mt in _quantity_matches(s):
        q = _quantity_of_match(s, mt)
        if q is not None:
            out.append(q)
    # vague amounts ('ratusan pelaku usaha'): reported so callers can skip them knowingly
    for mv in VAGUE_RE.finditer(s):
        if not any(q.start <= mv.start() < q.end for q in out):
            out.append(Quantity(mv.start(), mv.end(), float("nan"), None, True, mv.group(0), "vague", True))
    out.sort(key=lambda q: q.start)
    return out


def _quantity_of_match(s: str, mt: re.Match) -> Quantity | None:
    """One QTY_RE match in sentence ``s`` read as a Quantity, or None when it is not an amount: digits
    inside a code or a dimension ('KBLI10', '2x11'), number words that count nothing ('salah satu',
    'satu-satunya'), or a figure that does not parse. The steps are find_quantities' loop, in its order."""
    dig, word = mt.group("dig"), mt.group("word")
    if not dig and not word:
        return None
    start, end = mt.start(), mt.end()
    # trim leading space picked by the optional currency group
    while start < end and s[start].isspace():
        start += 1
    text = s[start:end].rstrip()
    end = start + len(text)
    before = s[max(0, start - 60):start]
    after = s[end:end + 40]
    prev_char = s[start - 1] if start > 0 else " "
    if dig and (prev_char.isalnum() and not mt.group("cur")):
        return None  # part of a code like 'KBLI10', 'A3', '2x11'
    if dig and prev_char == ":" and start >= 2 and s[start - 2].isdigit():
        return Quantity(start, end, 0.0, None, False, text, "time")
    if dig and prev_char in "x×" and start >= 2 and s[start - 2].isdigit():
        return None
    if dig and re.match(r"^[x×]\d", after):
        return None
    if word and _number_word_counts_nothing(word, before, after):
        return None
    usd, has_money, mult, approx, end, text, after = _money_of_match(s, mt, start, end, text, after)
    value, approx = _figure_of_match(dig, word, mult, has_money, mt.group("an"), approx)
    if value is None:
        return None
    if mult:
        value = value * MULTIPLIERS.get(mult, 1.0)
    if re.match(r"^\s*rupiah\b", after, re.I):
        m2 = re.match(r"^\s*rupiah\b", after, re.I)
        end += m2.end()
        text = s[start:end]
        after = s[end:end + 40]
    if APPROX_BEFORE.search(before) or APPROX_AFTER.match(after):
        approx = True
    unit = "USD" if usd else ("IDR" if has_money else None)
    if unit:
        kind = "money"
        if PER_ITEM_AFTER.match(after) or PRICE_BEFORE.search(before):
            kind = "price"
    else:
        kind = _kind_of_plain_number(s, dig, value, mult, start, end, before, after, prev_char)
    return Quantity(start, end, float(value), unit, approx, text, kind)


def _number_word_counts_nothing(word: str, before: str, after: str) -> bool:
    """A number word that is not an amount: a bare 'se', the 'satu' of 'salah satu', and the first
    half of a doubled word ('satu-satunya', 'dua-duanya')."""
    low = word.lower()
    if low in ("se",):
        return True
    if low == "satu" and SALAH_SATU.search(before):
        return True
    if after.startswith("-"):
        return True  # 'satu-satunya', 'dua-duanya'
    return False


def _money_of_match(s: str, mt: re.Match, start: int, end: int, text: str,
                    after: str) -> tuple[bool, bool, str, bool, int, str, str]:
    """Whether the match is money (and in US dollars), and its multiplier word, as
    (usd, has_money, mult, approx, end, text, after). Colloquial rupiah after a money word ('omzet 300
    jt-an') is money, and its '-an' joins the span as an approximate amount; a bare 'M' or 'T' without a
    currency is no multiplier and leaves the span. end, text and after are the span as it then is."""
    cur = mt.group("cur")
    usd = _usd(mt)
    mult = (mt.group("mult") or mt.group("mshort") or "").lower()
    has_money = bool(cur) or usd or bool(re.match(r"^\s*rupiah\b", after, re.I))
    approx = False
    short_money = (mt.group("mshort") or mt.group("mult") or "").lower() in ("jt", "rb", "m", "t") and (
        bool(re.match(r"^-?an\b", s[mt.end():], re.I)) or (mt.group("mshort") or mt.group("mult") or "").lower() in ("jt", "rb"))
    if short_money and not cur and not COUNT_NOUN_AFTER.match(re.sub(r"^-?an\b", "", s[mt.end():mt.end() + 40])) \
            and MONEY_CONTEXT.search(s[max(0, start - 80):start]):
        # '300 jt-an', '2 M-an', '50 rb sehari' after omzet/penjualan: colloquial rupiah
        has_money = True
        if re.match(r"^-?an\b", s[mt.end():], re.I):
            approx = True
            end = mt.end() + re.match(r"^-?an\b", s[mt.end():], re.I).end()
            text = s[start:end]
            after = s[end:end + 40]
    elif mt.group("mshort") and not cur and mt.group("mshort") not in ("Jt", "jt", "rb"):
        # a bare 'M' or 'T' after a number is a unit only with a currency
        mult = ""
        text = s[start:mt.start("mshort")].rstrip()
        end = start + len(text)
        after = s[end:end + 40]
    return usd, has_money, mult, approx, end, text, after


def _figure_of_match(dig: str | None, word: str | None, mult: str, has_money: bool, an: str | None,
                     approx: bool) -> tuple[float | None, bool]:
    """The figure as written, before its multiplier word, and ``approx`` made True by a range
    ('15.000-16.000' is read as its lower bound) or an '-an' ('300-an'). A lone '2,250' is read as
    thousands only when no multiplier or currency says it is a decimal."""
    value: float | None
    if dig:
        rng = re.split(r"\s*(?:-|–|s/d|hingga|sampai)\s*", dig)
        is_range = len(rng) > 1 and rng[0] and rng[1]
        first = rng[0] if is_range else dig
        prefer_k = not mult and not has_money
        value = _parse_digits(first, prefer_thousands=prefer_k)
        if is_range:
            approx = True
            # '11-15 Oktober' is a date range; '2013-2014' a span of years
        if an:
            approx = True
    else:
        value = parse_words(word)
    return value, approx


def _kind_of_plain_number(s: str, dig: str | None, value: float, mult: str, start: int, end: int,
                          before: str, after: str, prev_char: str) -> str:
    """What a number that is not money counts, from the words around it: percent, time, date, year,
    phone, measure, duration, ordinal, price, or a plain 'number' (the only kind an indicator may be).
    The first rule that fits decides."""
    kind = "number"
    raw = dig or ""
    plain = raw.replace(" ", "")
    if PERCENT_AFTER.match(after):
        kind = "percent"
    elif dig and (TIME_AFTER.match(s[end:end + 4]) or re.search(r"\b(?:pukul|jam|pkl\.?)\s*$", before, re.I)
                  or re.match(r"^\s*(?:WIB|WITA|WIT)\b", after)):
        kind = "time"
    elif dig and (DATE_SLASH.match(after) or (prev_char == "/" and re.match(r"\d", s[start]))):
        kind = "date"
    elif DATE_AFTER.match(after) and value is not None and value <= 31 and not mult:
        kind = "date"
    elif dig and re.fullmatch(r"\d{4}", plain) and 1945 <= value <= 2035 and not mult and not COUNT_NOUN_AFTER.match(after):
        kind = "year"
    elif dig and re.fullmatch(r"\d{4}\s*[-–]\s*\d{2,4}", plain) and not mult:
        kind = "year"
    elif dig and (re.fullmatch(r"(?:\+?62|0)\d{8,13}", plain) or re.match(r"^[-\s]\d{3,4}[-\s]\d{3,4}", after)):
        kind = "phone"
    elif MEASURE_AFTER.match(after):
        kind = "measure"
    elif DURATION_AFTER.match(after):
        kind = "duration"
    elif ORDINAL_BEFORE.search(before):
        kind = "ordinal"
    elif PER_ITEM_AFTER.match(after) and PRICE_BEFORE.search(before):
        kind = "price"
    return kind


def parse_money(s: str) -> tuple[float, str] | None:
    """'Rp15 miliar' -> (15e9, 'IDR'); 'US$2 juta' -> (2e6, 'USD'); '75 juta dolar AS' -> USD."""
    if not s:
        return None
    t = str(s).strip()
    t = re.sub(r"^R(?=\s?\d)", "Rp", t)
    for q in find_quantities(t):
        if q.unit:
            return q.value, q.unit
    # a bare amount with a multiplier ('1,5 triliun') is read as rupiah
    v = parse_number(t)
    if v is not None:
        return v, "IDR"
    return None


def parse_rupiah(s: str) -> float | None:
    """Value of a money expression ('Rp 1,5 triliun' -> 1.5e12, 'Rp2,3 M' -> 2.3e9)."""
    r = parse_money(s)
    return r[0] if r else None
