"""Named sentra IKM in a text: commodity, location as written, status; and commodity groups.

- ``commodity_group(commodity)``: one of Kemenperin's six groups, or None when unknown.
- ``find_sentra(sentence)``: the sentra IKM named in one sentence (``SentraMention``), with the
  commodity, the location after 'di' as written, and whether it is planned.
- ``is_ikm_commodity(commodity)``: False for food courts ('sentra kuliner') and farm produce
  ('sentra bawang merah', 'sentra padi'), which are not sentra IKM.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["GROUPS", "commodity_group", "find_sentra", "product_of_material", "processed_product", "SentraMention",
           "is_ikm_commodity", "planned_status", "normalize_commodity", "same_commodity"]

PANGAN = "pangan"
SANDANG = "sandang"
KERAJINAN = "kerajinan dan aneka"
KIMIA = "kimia dan bahan bangunan"
FURNITUR = "furnitur"
LOGAM = "logam, mesin, elektronika dan alat angkut"
GROUPS = (PANGAN, SANDANG, KERAJINAN, KIMIA, FURNITUR, LOGAM)

# keyword -> group; the first keyword found in the commodity (longest keywords first) decides
_GROUP_WORDS: dict[str, str] = {}
for _g, _words in {
    SANDANG: "batik konveksi tenun tenunan songket jumputan tajung ulos bordir sulaman sulam sepatu sandal alas kaki "
             "fesyen fashion busana pakaian garmen garment tekstil kain rajut rajutan jahit penjahit kaos jaket "
             "tas kulit sarung mukena kerudung jilbab hijab sutra sutera lurik gedog tapis sasirangan jeans denim "
             "seragam topi songkok peci kopiah",
    PANGAN: "tahu tempe kerupuk krupuk keripik kripik bandeng makanan minuman kopi kue roti dodol jenang wajik "
            "rendang abon sambal kecap tape tapai gula aren kelapa cokelat coklat kakao madu ikan asin "
            "pindang terasi petis emping opak rengginang lumpia bakpia pia getuk gethuk pangan kuliner olahan "
            "susu yoghurt keju nata sirup jamu herbal teh rumput laut jagung kacang mete singkong ubi sagu "
            "mi mie bihun soun tepung minyak kelapa vco garam beras ketan wingko brem lempok amplang bolu "
            "camilan cemilan snack bakso nugget sosis dendeng frozen durian pisang nanas salak "
            "tembakau rokok kretek udang kerang cumi bawang goreng perikanan",
    KERAJINAN: "kerajinan anyaman anyam boneka percetakan sablon gerabah tembikar cenderamata "
               "souvenir suvenir aksesoris aksesori perhiasan emas perak kuningan batu akik mutiara bambu rotan "
               "pandan mendong purun eceng gondok lidi tempurung batok wayang topeng lukisan lukis ukir ukiran "
               "patung pahat mainan kaligrafi bunga kertas daur ulang limbah kriya handicraft alat musik gamelan "
               "gitar angklung kaca manik aneka kulit kerang kain perca alat rumah tangga sapu payung lampion "
               "layang-layang kemasan",
    KIMIA: "genteng genting batu bata bata batako paving keramik marmer batu alam kapur semen tegel "
           "sabun lilin pupuk arang briket karet plastik cat parfum kosmetik minyak atsiri atsiri "
           "obat kimia bahan bangunan asbes gypsum gips tanah liat",
    FURNITUR: "mebel mebeler meubel meubeler meubeleur mebelair meubelair furnitur furniture kayu kusen almari lemari kursi meja kasur spring bed "
              "interior",
    LOGAM: "logam pande besi pandai besi besi bengkel las pengelasan mesin elektronik elektronika alat angkut "
           "kendaraan karoseri perahu kapal pisau golok parang cangkul alat pertanian kuningan cor "
           "pengecoran baja aluminium alumunium tembaga knalpot onderdil suku cadang sparepart sepeda "
           "perkakas",
}.items():
    for _w in _words.split():
        _GROUP_WORDS.setdefault(_w, _g)
for _phrase, _g in {"pande besi": LOGAM, "pandai besi": LOGAM, "alat angkut": LOGAM, "alat pertanian": LOGAM,
                    "batu bata": KIMIA, "batu alam": KIMIA, "bahan bangunan": KIMIA, "tanah liat": KIMIA,
                    "minyak atsiri": KIMIA, "minyak kelapa": PANGAN, "rumput laut": PANGAN, "gula aren": PANGAN,
                    "alat rumah tangga": KERAJINAN, "alat musik": KERAJINAN, "daur ulang": KERAJINAN,
                    "alas kaki": SANDANG, "spring bed": FURNITUR, "ikan asin": PANGAN, "kulit lumpia": PANGAN,
                    "suku cadang": LOGAM, "kain perca": KERAJINAN, "eceng gondok": KERAJINAN,
                    "tas kulit": SANDANG, "olahan pangan": PANGAN, "kerupuk kulit": PANGAN,
                    "kelapa dalam": PANGAN, "hasil kelautan": PANGAN, "komoditas pertanian": PANGAN}.items():
    _GROUP_WORDS[_phrase] = _g
_GROUP_KEYS = sorted(_GROUP_WORDS, key=len, reverse=True)
_GROUP_RE = re.compile(r"\b(" + "|".join(re.escape(k) for k in _GROUP_KEYS) + r")\b", re.I)
# generic words that do not decide a group when a more specific word is present
_WEAK = {"kerajinan", "aneka", "olahan", "kulit", "kain", "kayu", "minyak", "kemasan", "kuliner", "bunga"}


def commodity_group(commodity: str | None) -> str | None:
    """Kemenperin's group of a commodity ('batik' -> 'sandang', 'tahu tempe' -> 'pangan')."""
    if not commodity:
        return None
    c = commodity.lower()
    hits = [m.group(1).lower() for m in _GROUP_RE.finditer(c)]
    if not hits:
        return None
    strong = [h for h in hits if h not in _WEAK]
    if strong:
        return _GROUP_WORDS[strong[0]]
    if "kayu" in hits and "kerajinan" not in hits:
        return FURNITUR
    return _GROUP_WORDS[hits[0]]


# ---------------------------------------------------------------- not sentra IKM
_NOT_IKM_FIRST = re.compile(
    r"^(?:kuliner|pkl|pedagang|jajanan|wisata|ekonomi|bisnis|pelayanan|vaksinasi|vaksin|gakkumdu|pendidikan|kesehatan|"
    r"pemerintahan|perdagangan|perbelanjaan|belanja|pasar|niaga|grosir|ternak|peternakan|pertanian|perkebunan|"
    r"perikanan\s+budidaya|budidaya|tanaman|hortikultura|sayur\w*|buah-buahan|padi|beras|gabah|bawang|cabai|cabe|"
    r"kentang|tomat|kubis|wortel|kedelai|sapi|kambing|domba|ayam\s+(?:petelur|pedaging|broiler)|itik|bebek|ikan\s+(?:air|nila|lele|mas|patin|gurame)|"
    r"lele|nila|udang\s+vaname|tambak|benih|bibit|jagung|tebu|sawit|kelapa\s+sawit|karet\s+alam|tembakau|cengkeh|"
    r"kopi\s+arabika|produksi\s+(?:padi|beras|bawang|cabai|jagung|kedelai|sayur)|penghasil|pangan\s+pokok|"
    r"informasi|data|layanan|komando|krisis|olahraga|seni(?!\s+(?:ukir\w*|kriya|pahat))|budaya|kreatif|hiburan|penjualan|pemasaran|promosi|"
    r"oleh-oleh|cinderamata|kerajinan\s+dan\s+oleh-oleh)\b(?!\s+(?:goreng|olahan|kering|bubuk))", re.I)


# a sentra named by its raw material ('sentra kerajinan tanah liat') makes the product the article names
_MATERIAL_PRODUCTS = {"tanah liat": ("gerabah", "tembikar", "keramik"), "lempung": ("gerabah", "tembikar", "keramik")}


def product_of_material(commodity: str | None, text: str) -> str | None:
    """'tanah liat' in a story about 'gerabah' -> 'gerabah' (the product named most often); else None."""
    c = (commodity or "").lower().strip()
    c = re.sub(r"^(?:kerajinan|olahan|produk)\s+", "", c)
    products = _MATERIAL_PRODUCTS.get(c)
    if not products:
        return None
    counts = {p: len(re.findall(r"\b" + p + r"\b", text, re.I)) for p in products}
    best = max(counts, key=counts.get)
    return best if counts[best] >= 2 else None


_PROCESSED_OF_IKM = re.compile(r"\b(?:ikm\)?|produk)\s+(olahan\s+[a-z]+)\b", re.I)


def processed_product(text: str) -> str | None:
    """The processed product the article's IKM make ('IKM Olahan Pangan', 'produk olahan ikan'), when it is
    named at least twice and more often than any other: the commodity of a 'sentra IKM' named without one."""
    counts: dict[str, int] = {}
    for m in _PROCESSED_OF_IKM.finditer(text):
        k = m.group(1).lower()
        counts[k] = counts.get(k, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2 or len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


def is_ikm_commodity(commodity: str | None) -> bool:
    if not commodity:
        return False
    return not _NOT_IKM_FIRST.match(commodity.strip())


# ---------------------------------------------------------------- finding sentra in a sentence
_KAMPUNG_PRODUCTS = ("batik|tenun|tenun ikat|songket|kerajinan|gerabah|keramik|anyaman|bordir|sepatu|tas|konveksi|rajut|"
                     "tahu|tempe|kerupuk|keripik|kripik|emping|bandeng|logam|pande besi|mebel|ukir|perak|emas|kuningan|"
                     "genteng|batu bata|boneka|wayang|topeng|kulit|jamu|kopi|dodol|jenang|lurik|sarung|tapis|ulos")
_HEAD = re.compile(
    r"\b(?P<head>sentra(?:-sentra)?|kampung\s+(?:industri|ikm|ukm|umkm|produksi)|kampoeng\s+(?:industri|ikm)|"
    r"klaster\s+industri|kawasan\s+sentra|lingkungan\s+industri\s+kecil|"
    r"(?:kampung|kampoeng|desa\s+wisata|desa\s+sentra)(?=\s+(?:" + _KAMPUNG_PRODUCTS + r")"
    r"\s+(?:(?-i:[A-Z][a-z])|di\s+(?:(?:kota|kabupaten|kab\.|desa|kelurahan|kecamatan)\s+)?(?-i:[A-Z])))|"
    r"(?<=[a-z], )(?:kampung|kampoeng)(?=\s+(?:" + _KAMPUNG_PRODUCTS + r")\b))\b", re.I)
# every _HEAD match contains one of these words
_HEAD_WORDS = ("sentra", "kampung", "kampoeng", "klaster", "lingkungan", "desa")
_HEAD_KAMPUNG_PLACE = re.compile(r"\s+(?:" + _KAMPUNG_PRODUCTS + r")\s+(?:(?-i:[A-Z][a-z])|di\s+)", re.I)
_GENERIC_AFTER = re.compile(
    r"^(?:\s*\([^)]{0,60}\))?\s*(?:(?:ikm|imk|ukm|umkm|industri\s+kecil(?:\s+dan)?(?:\s+menengah)?|industri|usaha|"
    r"produksi(?:nya)?|pengembangan|unggulan|binaan|khusus|terpadu|baru|utama|yang\s+memproduksi|"
    r"ekselen|excellent|andalan|percontohan|rintisan|prioritas|"
    r"pembuatan|pengolahan|penghasil)\b\s*(?:\([^)]{0,60}\))?\s*)*", re.I)
_STOP = re.compile(
    r"\b(?:di|yang|dengan|untuk|ini|itu|tersebut|telah|sudah|akan|agar|sebagai|berlokasi|lokasi|terletak|berada|seluas|"
    r"milik|binaan|mampu|memiliki|menjadi|adalah|merupakan|kini|saat|pada|ke|dari|oleh|bisa|dapat|juga|sangat|atau|"
    r"dipusatkan|berpusat|terpusat|tersebar|dikenal|sehingga|karena|sebab|lantaran|namun|tetapi|tapi|bagi|dalam\s+rangka|(?<!,\s)hingga|(?<!,\s)sampai|"
    r"mulai|terus|masih|belum|tidak|bukan|setempat|nantinya|diharapkan|dibangun|dibiayai|penerima|dak|lainnya|"
    r"lain|baru|seperti|antara|antaranya|meliputi|kata|ujar|ungkap|jelas|papar|tutur|sebut|kemudian|lalu|"
    r"selain|sejak|tahun|bulan|kepada|kecamatan|kabupaten|kota|desa|kelurahan|ada|terdapat|mencapai|sebanyak|"
    r"tampil|tampilkan|menampilkan|mengikuti|diikuti|dibina|didorong|digelar|berjumlah|serta\s+sentra|yakni|yaitu|misalnya|"
    r"contohnya|termasuk|maupun|pertama|kedua|ketiga|keempat|kelima|tadi|pun|sendiri|hendaknya|sebaiknya|perlu|harus|"
    r"wajib|nanti|kelak|sekarang|kemarin|dulu|dahulu|lagi|pula|dan\s+sentra|dan\s+(?:ikm|umkm|ukm))\b|"
    r"[.;:!?\"“”()\u2013\u2014]|\s[-–—]\s|"
    # verbs end the name: 'sentra batik tulis Lasem menyerap 900 pekerja'
    r"\b(?:mem|men|meng|meny)[a-z]{4,}\b|\bter[a-z]{5,}\b|\bdi[a-z]{4,}\b|\bber[a-z]{4,}\b", re.I)
_LIST_SPLIT = re.compile(r"\s*,\s*(?:dan\s+|serta\s+|hingga\s+|sampai\s+)?|\s+serta\s+", re.I)
_KHAS = re.compile(r"\s+khas\b.*$", re.I)
_LEADING_GENERIC = re.compile(r"^(?:kerajinan|industri|produksi|pembuatan|pengolahan|olahan|usaha|produk|ikm|home\s+industri|"
                              r"(?:para\s+)?(?:perajin|pengrajin|pembuat|produsen|pengusaha))\s+(?=\S)", re.I)
_PLACE_WORD = re.compile(r"^[A-Z][a-z'’]+$|^[IVX]+$|^\d+$")
_LOC_INTRO = re.compile(
    r"^\s*(?:(?:kedua|ketiga|keempat|baru|lainnya|lain|tersebut|itu|ini)\s+)?"
    r"(?:yang\s+(?:\S+\s+){0,3}?(?:terletak|berada|berlokasi|ada|dipusatkan|berpusat)\s+)?"
    r"(?:dipusatkan\s+|berpusat\s+|berlokasi\s+|(?:dengan\s+)?lokasi(?:nya)?\s+|terletak\s+|berada\s+)?di\s+", re.I)
PLANNED = re.compile(
    r"\b(?:akan\s+(?:di)?(?:bangun|membangun|dibangun|mendirikan|didirikan|dijadikan|menjadi|dikembangkan|membentuk|dibentuk)|"
    r"segera\s+(?:di)?(?:bangun|membangun)|direncanakan|rencana\w*|berencana|merencanakan|pembangunan|"
    r"(?<!telah\s)(?<!sudah\s)dibangun|(?<!telah\s)(?<!sudah\s)membangun|usulan|diusulkan|calon|akan\s+ada|tahun\s+depan|mulai\s+tahun\s+depan|"
    r"sedang\s+dibangun|tengah\s+dibangun|masih\s+dibangun)\b", re.I)
EXISTING_OVERRIDE = re.compile(r"\b(?:telah\s+dibangun|sudah\s+dibangun|sudah\s+ada|telah\s+ada|sejak\s+lama|selama\s+ini|"
                               r"(?:di|mem)?bangun\s+ulang|(?:di|me)nata\s+ulang|(?:di)?revitalisasi|merevitalisasi|(?:di)?renovasi|"
                               r"merenovasi|masih\s+beroperasi)\b", re.I)


@dataclass
class SentraMention:
    start: int
    end: int
    name: str            # as written: 'sentra tenun ikat'
    commodity: str | None
    location: str | None
    planned: bool
    generic: bool = False   # 'sentra IKM' without a commodity
    place_named: bool = False   # 'Sentra IKM Sukamaju': named after its place
    extra: dict = field(default_factory=dict)


def planned_status(sentence: str) -> bool:
    return bool(PLANNED.search(sentence)) and not EXISTING_OVERRIDE.search(sentence)


# everyday spellings of a product and the standard (KBBI) one the warehouse keeps, so that one product is one
# commodity whichever way a reporter wrote it
STANDARD_SPELLING = {"coklat": "cokelat", "krupuk": "kerupuk", "kripik": "keripik"}
_SPELLING_RE = re.compile(r"\b(" + "|".join(STANDARD_SPELLING) + r")\b", re.I)


def standard_spelling(c: str) -> str:
    return _SPELLING_RE.sub(lambda m: STANDARD_SPELLING[m.group(1).lower()], c)


def normalize_commodity(c: str | None) -> str:
    c = standard_spelling((c or "").lower())
    c = re.sub(r"\b(?:sentra|industri|ikm|kecil|menengah|produk|pembuatan|pengolahan|olahan|produksi|kerajinan|dan|serta|aneka)\b", " ", c)
    return " ".join(re.findall(r"[a-z0-9]+", c))


def same_commodity(a: str | None, b: str | None) -> bool:
    a, b = normalize_commodity(a), normalize_commodity(b)
    return bool(a and b) and words_overlap(a, b)


def words_overlap(a: str, b: str) -> bool:
    """Two normalised commodity names name the same thing: one holds the other, or they share half their words."""
    if a in b or b in a:
        return True
    ta, tb = set(a.split()), set(b.split())
    return len(ta & tb) / len(ta | tb) >= 0.5


def _split_item(item: str) -> tuple[str | None, str | None, bool]:
    """'gerabah Sitiwinangun' -> ('gerabah', 'Sitiwinangun'); 'Olahan Ikan' -> ('Olahan Ikan', None);
    'Sukamaju' -> (None, 'Sukamaju') as a place-named sentra."""
    item = _KHAS.sub("", item).strip(" ,")
    if not item:
        return None, None, False
    toks = item.split()
    caps = [bool(_PLACE_WORD.match(t)) for t in toks]
    if all(caps):
        if _GROUP_RE.search(item):
            return item, None, False
        return None, item, True
    # leading lowercase commodity, trailing capitalised place
    i = len(toks)
    while i > 0 and caps[i - 1]:
        i -= 1
    if 0 < i < len(toks) and not _GROUP_RE.search(" ".join(toks[i:])):
        return " ".join(toks[:i]), " ".join(toks[i:]), False
    return item, None, False


# words that say a sentra makes something but not what: 'sentra olahan berbahan kedelai' names no product yet
_BARE_GENERIC = {"olahan", "pengolahan", "produk", "produksi", "industri", "usaha", "pembuatan"}
# a processed farm product is made by IKM: 'sentra IKM olahan hortikultura' is a sentra, 'sentra hortikultura'
# a farm area
_PROCESSED = re.compile(r"^(?:produk\s+)?(?:olahan|pengolahan)\s+\S", re.I)


def _clean_commodity(c: str | None) -> str | None:
    if not c:
        return None
    c = c.strip(" ,-")
    c2 = _LEADING_GENERIC.sub("", c)
    c2 = _LEADING_GENERIC.sub("", c2)
    c = c2 or c
    c = re.sub(r"\s+", " ", c).strip()
    c = re.sub(r"\s+(?:terpadu|modern|bersama|percontohan|mini)$", "", c, flags=re.I)  # 'alas kaki terpadu': the kind of sentra
    c = re.sub(r"(?:\s+(?:dan|serta|atau))+$", "", c, flags=re.I)   # a name cut after its conjunction: 'hasil laut dan'
    if c.isupper() or all(w[:1].isupper() or w.lower() in ("dan", "serta", "atau", "&") for w in c.split()):
        c = c.lower()  # 'Olahan Rotan dan Pandan' written as a name: the product is 'rotan dan pandan'
    if not c or len(c) < 3 or c.lower() in _BARE_GENERIC:
        return None
    return standard_spelling(c)


_LOC_WORDS = {"kawasan", "wilayah", "daerah", "desa", "kelurahan", "kecamatan", "kampung", "dusun", "jalan", "jl.", "jl",
              "kota", "kabupaten", "kab.", "kec.", "kel.", "ds.", "rt", "rw", "gang", "gg.", "blok", "komplek", "kompleks",
              "perumahan", "nagari", "gampong", "pekon", "lingkungan", "kp.", "dukuh", "banjar", "jorong", "lorong"}
_NOT_PLACE = re.compile(r"^(?:Senin|Selasa|Rabu|Kamis|Jum'?at|Sabtu|Minggu|Ahad|Januari|Februari|Maret|April|Mei|Juni|Juli|"
                        r"Agustus|September|Oktober|November|Desember|Sentra|IKM|UMKM|Kepala|Dinas|Pemkot|Pemkab|Pemprov|"
                        r"Kementerian|Bupati|Wali\s*kota|Walikota|Gubernur|Menteri|Ketua|Pak|Bu|Ibu|Bapak)\b")


def _loc_span(rest: str) -> str:
    """Place words from the start of ``rest``: capitalised words, digits, 'kawasan', 'Kecamatan', list 'dan'."""
    toks = re.finditer(r"[^\s,]+|,", rest)
    end = 0
    prev_comma = False
    for t in toks:
        w = t.group(0)
        wl = w.lower().rstrip(".;:!?\"”")
        if w == ",":
            prev_comma = True
            continue
        clean = w.rstrip(".;:!?\"”)")
        if clean != w and clean and (clean[:1].isupper() or clean[:1].isdigit()):
            if _NOT_PLACE.match(clean):
                break
            end = t.start() + len(clean)
            break
        if w[:1].isupper() or w[:1].isdigit() or wl in _LOC_WORDS or re.fullmatch(r"[IVX]+", w):
            if _NOT_PLACE.match(w) or re.match(r"^\d+/\d+", w):
                break
            end = t.end()
            prev_comma = False
            continue
        if wl in ("dan", "serta") and not prev_comma or (wl in ("dan", "serta") and prev_comma):
            nxt = rest[t.end():].lstrip()
            if nxt[:1].isupper() and not _NOT_PLACE.match(nxt) and not re.match(r"(?i)sentra\b", nxt):
                continue
        break
    return rest[:end].strip(" ,")


_DIRECT_LOC = re.compile(r"^\s*,?\s*(?=(?:Desa|Kelurahan|Kecamatan|Kampung|Dusun|Kawasan|Nagari|Gampong|Kel\.|Kec\.|Ds\.)\s+[A-Z])")


_SEVERAL_SENTRA = re.compile(r"\b(?:masing-masing|sentra-sentra|(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|\d+)"
                             r"\s+(?:\([a-z ]+\)\s+)?(?:buah\s+|unit\s+|lokasi\s+)?sentra)\b", re.I)


def _locations(after: str, split: bool = True) -> tuple[list[str], int]:
    """Location list right after a commodity: 'di Mlati dan Gamping' -> ['Mlati', 'Gamping']."""
    m = _LOC_INTRO.match(after) or _DIRECT_LOC.match(after)
    if not m:
        return [], 0
    rest = after[m.end():]
    span = _loc_span(rest)
    if not span:
        return [], 0
    if re.search(r"\s(?:dan|serta)\s", span) and split:
        parts = [p.strip() for p in re.split(r"\s*,\s*(?:dan\s+|serta\s+)?|\s+(?:dan|serta)\s+", span) if p.strip()]
    elif re.search(r"\s(?:dan|serta)\s", span):
        # 'di Kelurahan A dan B, Kecamatan C': one sentra spread over those places, written as one location
        parts = [span.strip()]
    else:
        parts = [span.split(",")[0].strip()]
    # a place has a name: 'di kabupaten itu' names none
    out = [p for p in parts if (p[:1].isupper() or p.split()[0].lower() in _LOC_WORDS) and
           any(w[:1].isupper() or w[:1].isdigit() for w in p.split())]
    return out, m.end() + len(span)


_FUNC = re.compile(r"^(?:yang|ini|itu|tersebut|pihak\w*|kami|kita|mereka|dia|ia|beliau|anda|akan|telah|sudah|masih|"
                   r"belum|juga|lebih|paling|sangat|agar|supaya|karena|namun|tetapi|maka|jika|kalau|bila|apabila|untuk|"
                   r"dengan|pada|dari|oleh|secara|bagi|hanya|saja|lain|lainnya|baru|lama|besar|kecil|menengah|ada|"
                   r"tidak|bukan|bisa|dapat|harus|perlu|mampu|sama|semua|seluruh|setiap|tiap|beberapa|banyak|para|"
                   r"sejumlah|tahun|bulan|hari|kini|saat|nya|hal|cara|upaya|program|kegiatan|sebagai|atau|pun|pernah|sempat|sedang|"
                   r"bahkan|tetap|terus|selalu|sering|jarang|segera|lalu|kemudian|dulu|dahulu|sekarang|"
                   # words of praise, status or kind that name no product ('sentra unggulan lokal', 'sentra binaan')
                   r"baik|bagus|unggul|unggulan|potensi|potensial|lokal|prioritas|percontohan|binaan|mandiri|produktif|"
                   r"selesai|lanjut|peserta|sektor|bidang|jenis|wilayah|daerah|budaya)$", re.I)
_VERBISH = re.compile(r"^(?:di|me|mem|men|meng|meny|ber|ter|per)\w{3,}(?:kan|i|nya)$|\w+nya$", re.I)


def valid_commodity(c: str | None) -> bool:
    """A commodity phrase, not the rest of a sentence: a known product word, or 1-3 plain words."""
    if not c:
        return False
    if re.search(r"\d", c):
        return False
    raw = c.split()
    if len(raw) > 1 and raw[0][:1].isupper() and not _GROUP_RE.search(raw[0]) and any(w[:1].islower() for w in raw[1:]):
        return False  # 'Tanggulangin pernah': a place and the sentence going on
    words = c.lower().split()
    if _GROUP_RE.search(c):
        return not any(_FUNC.match(w) for w in words[:1])
    if len(words) > 3:
        return False
    return not any(_FUNC.match(w) or _VERBISH.match(w) for w in words)


_PRODUCES = re.compile(r"\b(?:konsentrasi\s+produksi|memproduksi|penghasil|berbasis(?:\s+komoditas)?|khusus\s+memproduksi|"
                       r"fokus\s+(?:pada\s+)?produksi|produksinya)\s+([a-z][a-z ]{2,50}?)(?=\s*[.,;]|\s+(?:yang|untuk|dengan|di|bagi|sebagai|guna)\b|\s*$)", re.I)


def _entries_from_span(span: str) -> list[tuple[str | None, str | None, bool, str]]:
    items = [p for p in _LIST_SPLIT.split(span) if p.strip()]
    entries = []
    for n, it in enumerate(items):
        it = re.sub(r"^(?:dan|serta|juga)\s+", "", it.strip(), flags=re.I)
        com, loc, place_named = _split_item(it)
        if entries and entries[0][2] != place_named:
            break  # 'sentra Lowok, Ngadi, dan Jetis, serta perajin anyaman': a list of places ends
        com = _clean_commodity(com)
        if n == 0 and com and not is_ikm_commodity(com) and not _PROCESSED.match(it):
            return []
        if com and not valid_commodity(com):
            if n == 0:
                return []
            break
        if place_named and (not loc or _NOT_PLACE.match(loc) or not valid_place(loc)):
            if n == 0:
                return []
            break
        entries.append((com, loc, place_named, it))
    return entries


def valid_place(p: str) -> bool:
    words = p.split()
    return 0 < len(words) <= 4 and all(w[:1].isupper() or w[:1].isdigit() for w in words) and not _NOT_PLACE.match(p)


_INDUSTRI_LIST = re.compile(r"\b(?:industri|usaha|kerajinan)\s+(?=[a-z])", re.I)


def find_sentra(sentence: str) -> list[SentraMention]:
    """Sentra named in one sentence, one mention per (commodity, location)."""
    out: list[SentraMention] = []
    s = sentence
    low = s.lower()
    if not any(w in low for w in _HEAD_WORDS):
        return out  # most sentences name no sentra: skip _HEAD and the rest
    heads = list(_HEAD.finditer(s))
    if not heads:
        return out
    planned = False
    for hm in heads:
        # a plan counts for the sentra it is said of: the words just before or after its name
        planned = planned_status(s[max(0, hm.start() - 70):hm.end() + 60]) or \
            (planned and listed_on(s[:hm.start()]))
        out.extend(_sentra_at_head(s, hm, planned))
    # 'industri dodol, wingko, pande besi di kawasan X, serta sentra emping': an enumeration of
    # industries next to a named sentra in the same sentence names sentra too
    if any(m.commodity for m in out):
        # ``planned`` is the last head's, as it always was here
        out.extend(_industry_list_sentra(s, heads, planned))
    return out


_LIST_INTRO_AFTER = re.compile(r"^\s*(?:(?:ini|itu|tersebut)\s+|yang\s+(?:[a-z]+\s+){0,3}?)?"
                               r"(?:yakni|yaitu|meliputi|antara\s+lain|di\s?antaranya)\s*[,:]?\s+", re.I)


def _list_intro_len(s: str, pos: int) -> int:
    """Length of the words between a head and the list naming its sentra ('dua sentra yang sudah berdiri yaitu, gerabah
    di A, keripik di B'; 'Sentra itu yaitu pengolahan ikan di C'), 0 when there are none or the list
    names each sentra with a head of its own ('sentra itu meliputi sentra X di A')."""
    m = _LIST_INTRO_AFTER.match(s[pos:])
    if not m or _HEAD.match(s[pos + m.end():]):
        return 0
    return m.end()


_LISTED_ON = re.compile(r",\s*(?:dan\s+|serta\s+)?$", re.I)


def listed_on(before: str) -> bool:
    """A head right after a list comma ('..., dan sentra logam di B') goes on with the list before it, so it
    shares the plan said of the list's first sentra ('Rencananya, sentra tahu di A, ..., dan sentra logam di B')."""
    return bool(_LISTED_ON.search(before))


# items ending in a conjunction ('hasil laut dan'): what follows is the next clause, not the sentra's place
_ENDS_IN_CONJUNCTION = re.compile(r"\s(?:dan|serta|atau)$", re.I)


def _sentra_at_head(s: str, hm: re.Match, planned: bool) -> list[SentraMention]:
    """The sentra named by one _HEAD match in sentence ``s``: its items ('sentra batik di A, tahu tempe di
    B'), or a commodity named around it, or a generic sentra ('sentra IKM', '18 sentra kerajinan')."""
    out: list[SentraMention] = []
    head = hm.group("head")
    if _head_names_no_sentra(s, hm, head):
        return out
    counted = bool(re.search(r"(?:\d|\b(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|puluh|belas|"
                             r"ratus|puluhan|ratusan|beberapa|sejumlah|banyak|berbagai))\s*(?:\([a-z ]+\)\s*)?(?:buah\s+|unit\s+)?$",
                             s[max(0, hm.start() - 25):hm.start()], re.I))
    pos = hm.end() + _list_intro_len(s, hm.end())
    g = _GENERIC_AFTER.match(s[pos:])
    gen_text = g.group(0) if g else ""
    body_start = pos + len(gen_text)
    body = s[body_start:]
    stop = _STOP.search(body)
    span = _items_span(s, pos, body, stop)
    name0 = (head + gen_text).strip()
    entries = _items_of_span(span, body, stop)
    if not entries:
        return _sentra_without_items(s, hm, gen_text, body_start, name0, counted, planned)
    if entries and all(pn for _, _, pn, _ in entries):
        entries = _with_product_named_before(s, hm, entries)
    end_of_items = body_start + len(span)
    # places are separate sentra only when the sentence says so ('tiga sentra ... masing-masing di A, B dan C',
    # 'sentra-sentra ... tahu tempe di A dan B')
    locs, consumed = _locations(s[end_of_items:], split=bool(_SEVERAL_SENTRA.search(s)))
    if _ENDS_IN_CONJUNCTION.search(span):
        locs, consumed = [], 0  # 'sentra hasil laut dan di B akan ...': 'di B' begins the next clause
    if counted and not locs and not any(loc for _, loc, _, _ in entries):
        # '18 sentra kerajinan': a count of sentra, not a named one
        out.append(SentraMention(hm.start(), body_start, name0, None, None, planned, generic=True))
        return out
    for k, (com, loc, place_named, it) in enumerate(entries):
        name = (name0 + " " + it).strip() if k == 0 else it.strip()
        loc_list = [loc] if loc else (locs if k == len(entries) - 1 and locs else [None])
        for L in loc_list:
            out.append(SentraMention(hm.start(), end_of_items, re.sub(r"\s+", " ", name), com, L, planned,
                                     generic=False, place_named=place_named and not com))
    # a continued list: 'sentra batik di A, tahu tempe di B dan C'
    if entries and locs:
        out.extend(_continued_list(s, end_of_items + consumed, planned))
    return out


def _head_names_no_sentra(s: str, hm: re.Match, head: str) -> bool:
    """Heads that name no sentra of their own: 'sentra-sentra' (the sentra are named elsewhere), a head
    right after a hyphen, and ', kampung songket' that is not in apposition to a place name."""
    if head.lower().startswith("sentra-sentra"):
        return True
    if hm.start() > 0 and s[hm.start() - 1] == "-":
        return True
    if head.lower().startswith("kampo") and s[max(0, hm.start() - 2):hm.start()] == ", " and \
            not re.search(r"(?<![\w])[A-Z][\w'’-]*,\s$", s[max(0, hm.start() - 40):hm.start()]) and \
            not _HEAD_KAMPUNG_PLACE.match(s[hm.end():]):
        return True  # ', kampung songket': only in apposition to a place name ('Silungkang, kampung songket')
    return False


def _items_span(s: str, pos: int, body: str, stop: re.Match | None) -> str:
    """The text naming the sentra's items: ``body`` (the sentence after the head and its generic words)
    up to the first _STOP word, or '' when the head is followed by a list of other things or by a kind
    of sentra ('khas daerah')."""
    span = body[:stop.start()] if stop else body
    if re.match(r"^\s*[,;:.]", body) or re.match(r"^\s*(?:dan|serta|atau)\s", s[pos:]):
        span = ""  # 'gedung sentra dan pengadaan mesin': the sentra and something else
    span = span.rstrip(" ,")
    if re.search(r"\bkhas\s+(?:kota|daerah|kabupaten|desa|wilayah|setempat)\b", body[:len(span) + 25], re.I):
        span = ""  # 'sentra produksi kain khas daerah setempat': a kind of sentra, not a named one
    return span


def _items_of_span(span: str, body: str, stop: re.Match | None) -> list:
    """The (commodity, location, place_named, item) entries of the span; none for a sentra pointed back
    to ('sentra kerajinan tersebut')."""
    entries: list = []
    if span.strip():
        entries = _entries_from_span(span)
        if entries and stop is not None and len(entries) == 1 and entries[0][0] and \
                re.fullmatch(r"(?:kerajinan|industri|usaha|produksi)", entries[0][0], re.I) and \
                re.match(r"\s*(?:ini|itu|tersebut)\b", body[stop.start():], re.I):
            entries = []  # 'sentra kerajinan tersebut' points back
    return entries


def _sentra_without_items(s: str, hm: re.Match, gen_text: str, body_start: int, name0: str, counted: bool,
                          planned: bool) -> list[SentraMention]:
    """A head with no items after it: the commodity is named before it ('perajin anyaman pandan sentra
    produksinya di ...') or later in the sentence ('Sentra kedua ... dengan konsentrasi produksi keripik'),
    with the places after 'di'; without one it is a generic sentra."""
    out: list[SentraMention] = []
    # 'perajin anyaman pandan sentra produksinya di ...'
    back = re.search(r"\b(?:perajin|pengrajin|industri|usaha)\s+((?:[a-z]+\s+){0,3}[a-z]+)\s*$",
                     s[max(0, hm.start() - 60):hm.start()], re.I)
    com = None
    if back and re.search(r"nya\b", gen_text) and valid_commodity(back.group(1)):
        com = back.group(1)
    else:
        # 'Sentra kedua berlokasi di Karangrejo dengan konsentrasi produksi keripik'
        tail = s[body_start:]
        if not _HEAD.search(tail[:200]) and not counted:  # '5 sentra, seluruhnya berbasis X': a kind
            mp = _PRODUCES.search(tail[:200])
            if mp and valid_commodity(mp.group(1)):
                com = mp.group(1).strip()
    if com:
        lm = re.search(r"\b(?:berlokasi|terletak|berada|dipusatkan|berpusat)?\s*di\s+", s[body_start:body_start + 80])
        locs = []
        if lm:
            locs, _ = _locations(s[body_start + lm.start():])
        for L in (locs or [None]):
            out.append(SentraMention(hm.start(), body_start, name0, com, L, planned))
    else:
        out.append(SentraMention(hm.start(), body_start, name0, None, None, planned, generic=True))
    return out


def _with_product_named_before(s: str, hm: re.Match, entries: list) -> list:
    """Entries that are all places get the product named before the head as their commodity."""
    # 'IKM tenun dari sentra Lowok, Ngadi, dan Jetis': the product is named before the places
    back = re.search(r"\b(?:ikm|umkm|perajin|pengrajin|pelaku\s+usaha|industri|usaha|pengusaha)\s+"
                     r"((?:[a-z]+\s+){0,2}[a-z]+)\s+(?:dari|di)\s+(?:berbagai\s+|beberapa\s+)?$",
                     s[max(0, hm.start() - 60):hm.start()], re.I)
    if back and valid_commodity(back.group(1)) and _GROUP_RE.search(back.group(1)):
        com_b = back.group(1).lower()
        entries = [(com_b, loc, False, it) for _, loc, _, it in entries]
    return entries


def _continued_list(s: str, tail_start: int, planned: bool) -> list[SentraMention]:
    """The sentra of a list going on after the first items' places: 'sentra batik di A, tahu tempe di B
    dan C' gives tahu tempe in B and in C."""
    out: list[SentraMention] = []
    tail = s[tail_start:]
    while True:
        m = re.match(r"\s*,\s*(?:dan\s+|serta\s+)?([a-z][a-z ]{2,40}?)\s+(?=di\s)", tail)
        if not m:
            break
        com = _clean_commodity(re.sub(r"^sentra\s+(?:ikm\s+|industri\s+)?", "", m.group(1), flags=re.I))
        locs2, used = _locations(tail[m.end():])
        if not com or not locs2 or not is_ikm_commodity(com) or not valid_commodity(com):
            break
        for L in locs2:
            out.append(SentraMention(tail_start + m.start(1), tail_start + m.end(), m.group(1), com, L, planned))
        tail_start += m.end() + used
        tail = s[tail_start:]
    return out


def _industry_list_sentra(s: str, heads: list[re.Match], planned: bool) -> list[SentraMention]:
    """The first enumeration of industries before the first head ('industri dodol, wingko, pande besi di
    kawasan X'), each item a sentra; find_sentra asks only when a head named a commodity."""
    out: list[SentraMention] = []
    first_head = heads[0].start() if heads else len(s)
    for im in _INDUSTRI_LIST.finditer(s[:first_head]):
        body = s[im.end():first_head]
        stop = _STOP.search(body)
        span = (body[:stop.start()] if stop else body).rstrip(" ,")
        if "," not in span:
            continue
        entries = [e for e in _entries_from_span(span) if e[0]]
        if len(entries) < 2:
            continue
        locs, _ = _locations(body[len(span):] if not stop else body[stop.start():])
        for k, (com, loc, _pn, it) in enumerate(entries):
            L = loc or (locs[0] if locs and k == len(entries) - 1 else None)
            out.append(SentraMention(im.start(), im.end() + len(span), it.strip(), com, L, planned))
        break
    return out
