"""Which indicator a number in a sentence is about.

``classify_sentence(sentence, published_year=None, prev_sentence=None)`` returns one ``Reading`` per
number that states one of the 11 indicators, with its unit, period, reference year and a confidence.

Rules, in short:
- a money amount needs a money word (omzet, ekspor, transaksi, target, bantuan...) in its sentence
  (or, with less confidence, in the sentence before it in the same paragraph);
- a count needs its counted noun right after it ('28 sentra', '300 IKM', '80 peserta',
  '1.250 orang tenaga kerja') or a clear 'jumlah X ... ada/sebanyak N' / 'X ... N orang' pattern;
- years, dates, percentages, measures, prices, phone numbers and vague amounts are never facts;
- subsets and beneficiaries ('terdiri dari ...', 'dari jumlah tersebut ...', 'bantuan untuk 7 IKM')
  are not the stock of a place and are left out.
"""
from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass

from .numbers import Quantity, find_quantities

__all__ = ["Reading", "Frame", "classify_sentence", "frame_sentence", "frame_quantity", "find_period", "find_year",
           "INDICATORS", "UNIT_OF"]

INDICATORS = ("jumlah_sentra", "jumlah_ikm", "tenaga_kerja", "nilai_produksi", "nilai_omzet",
              "nilai_transaksi", "nilai_ekspor", "nilai_investasi", "target_penjualan",
              "peserta_pelatihan", "bantuan")
UNIT_OF = {"jumlah_sentra": "sentra", "jumlah_ikm": "unit", "tenaga_kerja": "orang",
           "peserta_pelatihan": "orang"}
MONEY_INDICATORS = {"nilai_produksi", "nilai_omzet", "nilai_transaksi", "nilai_ekspor",
                    "nilai_investasi", "target_penjualan", "bantuan"}
FLOW_INDICATORS = {"nilai_produksi", "nilai_omzet", "nilai_transaksi", "nilai_ekspor", "target_penjualan"}


@dataclass
class Reading:
    quantity: Quantity
    indicator: str
    unit: str
    period: str | None
    year: int | None
    confidence: float
    how: str = ""


def _rx(p: str) -> re.Pattern:
    return re.compile(p, re.I)


# ---------------------------------------------------------------- counted nouns right after a number
# makers named by their craft ('penenun', 'penganyam', 'pengasap', 'penggosok', 'pengolah ikan')
CRAFT_NOUNS = (r"(?:pembatik|penenun|penjahit|pengukir|pemahat|penganyam|penyulam|perajut|pemintal|penempa|pande|pandai\s+besi|"
               r"penggosok|pengasah|pengasap|penyamak|pencelup|pembordir|pengolah(?!an)|pembuat|pemintal)")
# employment of those makers ('mempekerjakan 115 orang penenun'): workers, not business units
EMPLOY_BEFORE = _rx(r"\b(?:mempekerjakan|dipekerjakan|menyerap|diserap|terserap|merekrut|direkrut)\b[^.;]{0,40}$")
_SKIP_PAREN = _rx(r"^\s*\((?:[a-z\s]+|\d+)\)")  # '7 (tujuh) sentra', '1 (satu) desa'
NOUN_AFTER = [
    ("tenaga_kerja", _rx(r"^\s*(?:orang\s+)?(?:tenaga\s+kerja|naker\b|pekerja|karyawan|karyawati|buruh|"
                         r"pegawai|tk\b|pengrajin\s+dan\s+pekerja|sdm\b)")),
    ("peserta_pelatihan", _rx(r"^\s*(?:orang\s+)?(?:peserta|trainee|wub\b|"
                              r"(?:orang|warga|perajin|pengrajin|pelaku\s+usaha)\s+(?:yang\s+)?(?:akan\s+)?(?:dilatih|mengikuti))")),
    ("jumlah_sentra", _rx(r"^\s*(?:buah\s+|unit\s+|lokasi\s+|rintisan\s+|calon\s+)?sentra\b(?!\s+kuliner|\s+pkl|\s+ekonomi|\s+bisnis)")),
    ("craft", _rx(r"^\s*(?:orang\s+)?(?:" + CRAFT_NOUNS + r"|pengrajin\s+muda|perajin\s+muda|pekerja\s+seni)\b")),
    ("jumlah_ikm", _rx(r"^\s*(?:orang\s+|buah\s+|(?:unit|kegiatan)\s+(?=rumah|home|kelompok|pengusaha|perajin|pengrajin))?(?:unit\s+usaha|unit\s+(?:ikm|imk|umkm|ukm|industri)|pelaku\s+(?:usaha|ikm|imk|umkm|ukm|industri)|"
                       r"usaha\b|ikm\b|imk\b|umkm\b|ukm\b|umk\b|industri\s+(?:kecil|mikro|rumah|rumahan|kerajinan)|"
                       r"home\s*industr\w*|rumah\s+(?:produksi|industri|usaha)|perajin|pengrajin|para\s+perajin|"
                       r"pengusaha|produsen|wirausaha\s+(?:ikm|industri)|unit\s+industri|kelompok\s+usaha|"
                       r"usaha\s+kecil|usaha\s+mikro|industri\b(?!\s+(?:besar|sedang|menengah\s+besar))|"
                       r"pabrik\b|tempat\s+usaha|para\s+pelaku\s+(?:usaha|ikm|industri))")),
]
UNIT_AFTER = _rx(r"^\s*unit\b")
# 'N unit ATBM', 'N unit mesin jahit': units of equipment, not business units
EQUIPMENT_UNIT = _rx(r"^\s*unit\s+(?!(?:usaha|ikm|imk|umkm|ukm|umk|industri|perajin|pengrajin|rumah|home|kelompok|"
                     r"sentra|pelaku|bisnis|yang|dan|di|pada|atau|merupakan|adalah|termasuk|tergolong|"
                     r"serta|dengan|tersebar|tercatat|terdaftar|aktif|lebih|saja|itu|ini|tersebut|sudah|telah)\b)[A-Za-z]")
# 'mesin bordir sebanyak 12 unit': equipment named before its units
EQUIPMENT_NOUN = r"(?:mesin|peralatan|alat|perlengkapan|sarana|kendaraan|komputer|etalase)"
_EQUIPMENT_BEFORE = _rx(r"\b" + EQUIPMENT_NOUN + r"\b(?:\s+[\w-]+){0,3}\s+"
                        r"(?:sebanyak|sejumlah|berjumlah|ada|mencapai)?\s*$")
# 'Jumlah itu naik dari ... 3.190 unit': the count of the sentence before
# 'N unit pengolahan/pengasapan': production units (a business each), unlike 'N unit pengering'
PRODUCTION_UNIT = _rx(r"^\s*unit\s+(?!peralatan|perlengkapan|perangkat|pendingin|pengering\b)pe\w+an\b")
# 'menyerahkan 5 unit penggilingan': machines handed over, not businesses
AID_GIVEN = _rx(r"\b(?:bantuan|hibah|menyerahkan|diserahkan|menyalurkan|disalurkan|memberikan|diberikan|pengadaan|membeli|dibeli)\b")
# 'sentra itu dihuni/ditempati 40 unit': the businesses inside it
HOUSED_BEFORE = _rx(r"\b(?:dihuni|ditempati|diisi|berisi|menampung)\s+(?:oleh\s+)?(?:sekitar\s+|sebanyak\s+)?$")
ANAPHORA_COUNT = _rx(r"\b(?:jumlah|angka|total|capaian|data)\s+(?:itu|ini|tersebut)\b|\b(?:jumlahnya|totalnya)\b")
ORANG_AFTER = _rx(r"^\s*(?:orang|jiwa)\b")
IKM_WORDS = _rx(r"\b(?:ikm|imk|umkm|ukm|usaha|sentra|industri|perajin|pengrajin|kerajinan|mebel|konveksi)\b")

# an indicator noun earlier in the clause, for 'N orang' and 'ada N'
BACK_NOUNS = [
    ("tenaga_kerja", _rx(r"(?:tenaga\s+kerja|naker|pekerja|karyawan|buruh|menyerap|diserap|terserap|penyerapan|mempekerjakan|menampung|"
                         r"\bbekerja\b|\b(?:yang|yg)\s+kerja\b|"
                         r"pembatik|penenun|penjahit|pengukir|pemahat|penganyam)")),
    ("peserta_pelatihan", _rx(r"(?:peserta|dilatih|melatih|pelatihan|bimtek|bimbingan\s+teknis|diklat|workshop|lokakarya)")),
    ("jumlah_ikm", _rx(r"(?:unit\s+usaha|pelaku\s+(?:unit\s+)?(?:usaha|ikm|umkm|ukm)|jumlah\s+(?:ikm|imk|umkm|ukm|usaha|perajin|pengrajin)|"
                       r"\bikm\b|\bimk\b|perajin|pengrajin|home\s*industr\w*|pengusaha|industri\s+kecil)")),
    ("jumlah_sentra", _rx(r"(?:jumlah\s+sentra|sentra\s+(?:ikm|industri))")),
]
STATE_BEFORE = _rx(r"(?:\bada|\bsebanyak|\bmencapai|\bberjumlah|\bsejumlah|\btercatat|\bterdapat|\bsekitar|\bhingga|\bmenjadi|"
                   r"\bsebesar|\btotal|\bkini|\bsaat\s+ini|\bsekarang|\bjumlahnya|\btotalnya|[:=]|\bjumlah\s+(?:[\w-]+\s+){1,3}(?=$)|"
                   r"\b(?:penyerapan|serapan)\s+(?:tenaga\s+kerja|naker)(?=\s+(?:lebih\s+dari|sekitar|hampir|kurang\s+lebih)?\s*$))\s*(?:(?:sekitar|lebih\s+dari|hampir|kurang\s+lebih)\s*)?$")
CLAUSE_END_AFTER = _rx(r"^\s*(?:[.,;:!?)\"”’']|$|buah\b|merupakan\b|baik\b|yakni\b|yaitu\b|terdiri\b|meliputi\b|dan\b|yang\b|di\b|pada\b|saja\b|lebih\b|orang\b|pelaku\b|unit\b|dengan\b|serta\b|atau\b|sedangkan\b|sementara\b|itu\b|ini\b|tersebut\b|sudah\b|telah\b)")

# ---------------------------------------------------------------- money words
# what a budget pays when it is the cost of running something, not aid to IKM
_EVENT_COST = r"(?:penyelenggaraan|pelaksanaan|kegiatan|pameran|acara|operasional|sewa|belanja|gaji|honor\w*|perjalanan)"
MONEY_WORDS = [
    ("target_penjualan", _rx(r"\b(?:target\w*|ditarget\w*|menargetkan|mentargetkan|sasaran\s+(?:penjualan|transaksi|omzet))")),
    # foreign-exchange earnings are what exports earn: 'menghasilkan devisa X dari ekspor' is not production
    ("nilai_ekspor", _rx(r"\b(?:ekspor\w*|diekspor|mengekspor|export\w*|eksportir|devisa)")),
    ("nilai_investasi", _rx(r"\b(?:investasi|penanaman\s+modal|berinvestasi|menanamkan\s+modal|nilai\s+investasi)")),
    ("nilai_transaksi", _rx(r"\b(?:transaksi\w*|bertransaksi)")),
    ("nilai_omzet", _rx(r"\b(?:omzet\w*|omset\w*|beromzet|beromset|penjualan\w*|pendapatan\w*|perputaran\s+(?:uang|bisnis)|"
                        r"pemasukan|penghasilan|meraup|terjual|laku)")),
    ("nilai_produksi", _rx(r"\b(?:nilai\s+produksi|nilai\s+output|(?<!alat\s)(?<!peralatan\s)(?<!mesin\s)(?<!sarana\s)(?<!fasilitas\s)"
                           r"(?<!rumah\s)(?<!bahan\s)(?<!kapasitas\s)(?<!usaha\s)produksi\w*|memproduksi|diproduksi|menghasilkan)")),
    ("bantuan", _rx(r"\b(?:bantuan|hibah|dak\b|dana\s+alokasi\s+khusus|alokasi|dialokasikan|mengalokasikan|dikucurkan|"
                    r"mengucurkan|kucuran|disalurkan|menyalurkan|stimulan|dana\s+bergulir|anggaran\s+bantuan|"
                    # a budget the government sets aside for IKM or a sentra is aid ('mengalokasikan anggaran Rp51 miliar')
                    r"(?<!tahun\s)anggaran(?!\s+(?:untuk\s+)?" + _EVENT_COST + r"))")),
    ("nilai_transaksi", _rx(r"\b(?:pameran|ekspo|expo|bazar|bazaar|festival|gelaran)")),
]
MONEY_BLOCK = _rx(r"(?<!dari\s)(?<!melalui\s)(?<!sumber\s)\b(?:(?<!tahun\s)anggaran\s+(?:untuk\s+)?" + _EVENT_COST + r"|biaya|harga|(?<!penanaman\s)(?<!menanamkan\s)(?<!bantuan\s)(?<!hibah\s)modal\b|gaji|upah|utang|hutang|kredit|kur\b|pinjaman|pad\b|pajak|"
                  r"retribusi|pdrb|belanja|kerugian|rugi|sewa|tiket|iuran|tunggakan|denda|ongkos|tabungan|"
                  r"simpanan|aset|kekayaan|laba|keuntungan|untung|umr|ump|umk\b|nilai\s+kontrak|kontrak|proyek|tender)")
_TARGET_WITH_ITS_AMOUNT = _rx(r"\btarget\w*\s+(?:sebesar\s+|senilai\s+)?rp\.?\s*\d[^.;]*$")
PROPOSAL = _rx(r"\b(?:usulan|diusulkan|mengusulkan|diajukan|mengajukan|pengajuan|proposal)\b")

TRAINING = _rx(r"\b(?:pelatihan|bimtek|bimbingan|diklat|workshop|lokakarya|kursus|magang|training|dilatih|melatih|latih|belajar|"
               r"pendampingan\s+teknis|sekolah\s+lapang)\b")
PARTICIPATE = _rx(r"\b(?:mengikuti|diikuti|ikuti|peserta|dilatih|ikut\s+serta|ikut|berpartisipasi|mendapat\s+pelatihan|mendapatkan\s+pelatihan|"
                  r"menerima\s+pelatihan|belajar|berlatih|dibimbing|dibina\s+dalam)\b")

TARGET_COUNT = _rx(r"\b(?:menargetkan|mentargetkan|ditargetkan|target(?:nya)?|sasaran(?:nya)?|diharapkan|berharap)\b"
                   r"(?!\s+(?:bisa\s+|dapat\s+|akan\s+|sudah\s+)?(?:selesai|rampung|tuntas|beroperasi|dibuka|diresmikan|mulai|dimulai)\b)[^.;]*$")
EVENT_SALES = _rx(r"\b(?:pameran|ekspo|expo|bazar|bazaar|festival)\b[^.;]{0,80}\b(?:penjualan|terjual|laku|omzet|omset)\b|"
                  r"\b(?:penjualan|omzet|omset|terjual)\b[^.;]{0,90}\b(?:selama|pada|di|dalam)\s+(?:pameran|ekspo|expo|bazar|bazaar|festival)\b")
EVENT = _rx(r"\b(?:pameran|ekspo|expo|bazar|bazaar|festival|gelaran|stan|stand|booth|gerai)\b")
PARTICIPATE_EVENT = _rx(r"\b(?:peserta|diikuti|mengikuti|ikut|menampilkan|ditampilkan|melibatkan|dilibatkan|berpartisipasi|tampil)\b")

# ---------------------------------------------------------------- left out
SUBSET = _rx(r"(?:\bterdiri\s+(?:dari|atas)\b|\bkbli\b|\b(?:perinciannya|rinciannya|dengan\s+rincian|secara\s+rinci)\b|^\W*(?:\w+\s+){0,3}dari\s+(?:jumlah|total)\s+(?:tersebut|itu|ini)|\bdi\s+antaranya\b|\bdiantaranya\b)")
VAGUE_PAST = _rx(r"\b(?:beberapa\s+tahun\s+(?:lalu|silam|sebelumnya|terakhir)|dulu(?:nya)?|dahulu|sebelum\s+(?:krisis|pandemi|covid\S*|"
                 r"masa)|masa\s+lalu|(?:puluhan|belasan)\s+tahun\s+(?:lalu|silam)|masa\s+jaya(?:nya)?)\b")
QUALIFIED = _rx(r"\byang\s+(?:sudah\s+|telah\s+)?(?:berorientasi\s+ekspor|mengekspor|ekspor|bersertifikat\w*|tersertifikasi\w*|"
                r"memiliki\s+(?:nib|izin|sertifikat|merek|haki|sni)|terdampak|belum\s+memiliki|tidak\s+memiliki|go\s+digital|"
                r"masuk\s+(?:e-?katalog|marketplace|pasar\s+digital))\b")
OWN_STAFF_BEFORE = _rx(r"\b(?:dibantu|dibantu\s+oleh|ditemani|bersama)\s+(?:sekitar\s+|sebanyak\s+)?$")
FIRST_PERSON = _rx(r"\b(?:saya|aku)\b|\b\w+ku\s+(?:punya|memiliki)\b|\bkami\s+(?:kini\s+|sudah\s+|telah\s+)?(?:punya|memiliki|mempekerjakan)\b")
# 'Usaha milik Budi mempekerjakan 12 karyawan', 'Tokonya kini punya delapan pegawai': one business
ONE_BUSINESS = _rx(r"(?<!para\s)\bpemilik\b|\b(?:(?:usaha|toko|bengkel|pabrik|perusahaan|workshop|galeri|butik|kios|gerai|rumah\s+produksi|"
                   r"konveksi|home\s+industry)(?:nya\b|\s+(?:milik|miliknya|keluarga)\b)|miliknya\b|"
                   r"(?:usaha|toko|bengkel|pabrik|perusahaan|workshop|galeri|butik|konveksi)\s+(?-i:[A-Z])\w+\s+(?:milik\s+)?)")
RECIPIENT_BEFORE = _rx(r"\b(?:kepada|untuk|bagi|terhadap|pada|penerima(?:nya)?(?:\s+(?:bantuan|hibah|manfaat))?)\s+"
                       r"(?:sebanyak\s+|sekitar\s+|mencapai\s+|berjumlah\s+)?$")
RECEIVES_AFTER = _rx(r"^[^.;]{0,100}?\b(?:menerima|mendapat(?:kan)?|memperoleh|diberi(?:kan)?|dibantu)\s+(?:\w+\s+){0,2}?"
                     r"(?:bantuan|hibah|paket|fasilitasi|mesin|peralatan|alat)\b")
RANGE_BEFORE = _rx(r"(?:\d|\b(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|\w+puluh|\w+belas))\s*(?:hingga|sampai|s/d|-|–|atau|dan)\s*$")
WRITTEN_RANGE = re.compile(r"\d\s*(?:-|–|—|s/d|hingga|sampai)\s*\d", re.I)   # '200–300', read as its lower bound
RANGE_AFTER = _rx(r"^\s*(?:hingga|sampai|s/d|-|–|atau)\s*(?:\d|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh)")
MONEY_RANGE_BEFORE = _rx(r"(?:rp\.?|us\$|usd)\s*[\d.,]+\s*(?:ribu|juta|miliar|milyar|triliun|m|jt)?\s*(?:hingga|sampai|s/d|-|–|atau)\s*$")

# ---------------------------------------------------------------- period and year
PERIODS = [
    ("hari", _rx(r"\b(?:per\s*hari(?:nya)?|perhari(?:nya)?|sehari(?:nya)?|setiap\s+hari|tiap\s+hari|harian|/\s*hari)\b")),
    ("bulan", _rx(r"\b(?:per\s*bulan(?:nya)?|perbulan(?:nya)?|sebulan(?:nya)?|setiap\s+bulan(?:nya)?|tiap\s+bulan(?:nya)?|bulanan|/\s*bulan)\b")),
    ("tahun", _rx(r"\b(?:per\s*tahun(?:nya)?|pertahun(?:nya)?|setahun(?:nya)?|setiap\s+tahun(?:nya)?|tiap\s+tahun(?:nya)?|tahunan|/\s*tahun|"
                  r"sepanjang\s+(?:tahun\s+)?(?:19|20)\d{2}|sepanjang\s+tahun|selama\s+tahun|selama\s+(?:19|20)\d{2})\b")),
]
YEAR_EXPL = _rx(r"\b(?:tahunan|anggaran|ta\.?|dak|nonfisik|fisik|fair|expo|ekspo|festival|tahun|thn\.?|th\.?|pada|hingga|sampai|sejak|sepanjang|selama|per|akhir|awal|medio|di|apbn|apbd|periode|dari)\s+(?:tahun\s+)?((?:19|20)\d{2})\b(?![.,]\d)|\(\s*(?:[A-Z]{2,}\s*,\s*)?((?:19|20)\d{2})\s*\)|"
                r"\b(?:januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|nopember|november|desember)\s+((?:19|20)\d{2})\b(?![.,]\d)|"
                r"\b(?-i:[A-Z][a-z]+)\s+((?:19|20)\d{2})\b(?![.,/]\d)")   # a named event of a year: 'Pekan Batik 2019'


def year_of(m: re.Match) -> int:
    """The year a YEAR_EXPL match names, whichever of its forms matched ('pada 2018', '(2018)', 'Mei 2018')."""
    return int(next(g for g in m.groups() if g))


_YEARISH = re.compile(r"(?:19|20)\d{2}")


@functools.lru_cache(maxsize=512)
def explicit_years(sentence: str) -> tuple[tuple[int, int, int], ...]:
    """(start, end, year) of each year phrase of a sentence. Cached: every number of a sentence asks, and
    a sentence with no four-digit number (most) is answered without running YEAR_EXPL."""
    if not _YEARISH.search(sentence):
        return ()
    return tuple((m.start(), m.end(), year_of(m)) for m in YEAR_EXPL.finditer(sentence))
# a year told loosely ('sejak sekitar 2005', 'data pertengahan 2016', 'survei 2019'): the year head's
# alone, for the keep head reads YEAR_EXPL and these words tell no more about keeping the number
YEAR_LOOSE = _rx(r"\b(?:sekitar|kira-kira|kurang\s+lebih|pertengahan|penghujung|data|sensus|survei|semester\s+\w+|"
                 r"triwulan\s+\w+|kuartal\s+\w+)\s+(?:tahun\s+)?((?:19|20)\d{2})\b(?![.,]\d)")


def loose_year(sentence: str) -> int | None:
    """The year a sentence that states none in YEAR_EXPL's forms tells loosely ('didata sejak sekitar
    2005', '(data pertengahan 2016)'): writers give a figure's year so, and the conventions keep it."""
    if not _YEARISH.search(sentence) or explicit_years(sentence):
        return None
    m = YEAR_LOOSE.search(sentence)
    return int(m.group(1)) if m else None


YEAR_REL = _rx(r"\btahun\s+(ini|lalu|sebelumnya|kemarin|depan|mendatang|berikutnya)\b|\b(setahun\s+lalu)\b")
REL_DELTA = {"ini": 0, "lalu": -1, "sebelumnya": -1, "kemarin": -1, "depan": 1, "mendatang": 1, "berikutnya": 1,
             "setahun lalu": -1}


def find_period(sentence: str, pos: int | None = None) -> str | None:
    best, bestd = None, 10 ** 9
    for name, rx in PERIODS:
        for m in rx.finditer(sentence):
            d = 0 if pos is None else abs(m.start() - pos)
            if d < bestd:
                best, bestd = name, d
    return best


# a year after these words is the year of the figure compared with: 'Rp 7 miliar, naik dibanding 2018'
_COMPARED_WORDS = r"dibanding\w*|daripada|sedangkan|sementara"
_COMPARED = _rx(r"\b(?:" + _COMPARED_WORDS + r")\b")
# ... and with these too, a year right after the number is not its own: '3.128 IKM sedangkan tahun 2020 ...',
# 'Rp 5 miliar, naik dari tahun sebelumnya'
_NOT_ITS_YEAR = _rx(r"[,;:]|\b(?:" + _COMPARED_WORDS + r"|meningkat|naik|menurun|turun|menjadi)\b")


def _relative_base(key: str, at: int, explicit: list[tuple[int, int]], published_year: int | None,
                   default_year: int | None) -> int | None:
    """The year a relative phrase counts from: 'tahun lalu' from publication; 'tahun sebelumnya' and
    'tahun berikutnya' from the year the text is telling about (stated in the sentence, else carried from
    before), else from publication."""
    if key in ("sebelumnya", "berikutnya"):
        if explicit:
            return min(explicit, key=lambda e: abs(e[0] - at))[1]
        if default_year is not None:
            return default_year
    return published_year


def find_year(sentence: str, pos: int | None = None, published_year: int | None = None,
              default_year: int | None = None) -> int | None:
    """Reference year of a number at ``pos``: the closest year phrase before it ('pada 2018, jumlah IKM
    1.200'), else the closest after it; relative phrases count from the published year; default that year."""
    of_number = pos is not None   # the year of one number, not of the whole sentence
    pos = pos or 0
    before: list[tuple[int, int]] = []
    after: list[tuple[int, int]] = []
    close: list[tuple[int, int]] = []
    explicit: list[tuple[int, int]] = []
    for start, end, y in explicit_years(sentence):
        explicit.append((start, y))
        if end <= pos:
            before.append((pos - start, y))
        elif not (of_number and _COMPARED.search(sentence[pos:start])):
            after.append((start - pos, y))
        if start > pos and start - pos <= 22 and not _NOT_ITS_YEAR.search(sentence[pos:start]):
            close.append((start - pos, y))  # '1.900 IKM pada 2021
    for m in YEAR_REL.finditer(sentence):
        key = (m.group(1) or m.group(2)).lower()
        base = _relative_base(key, m.start(), explicit, published_year, default_year)
        if base is None:
            continue
        y = base + REL_DELTA[key]
        if m.end() <= pos:
            before.append((pos - m.start(), y))
        elif not (of_number and _COMPARED.search(sentence[pos:m.start()])):
            after.append((m.start() - pos, y))
        if m.start() > pos and m.start() - pos <= 30 and not _NOT_ITS_YEAR.search(sentence[pos:m.start()]):
            close.append((m.start() - pos, y))  # '240 IKM pada tahun sebelumnya'
    if default_year is not None:
        published_year = default_year
    if close:
        return min(close)[1]
    if before:
        return min(before)[1]
    if after:
        return min(after)[1]
    return published_year


def _money_indicator(text: str) -> tuple[str | None, int, bool]:
    """The indicator of the money word closest to the end of ``text``, its position, and whether a cost
    word ('anggaran', 'biaya', 'harga') after it speaks against it (the rules then drop the amount)."""
    best, bestpos = None, -1
    for name, rx in MONEY_WORDS:
        for m in rx.finditer(text):
            if m.start() > bestpos or (m.start() == bestpos and best == "nilai_transaksi"):
                best, bestpos = name, m.start()
    blk = -1
    for m in MONEY_BLOCK.finditer(text):
        blk = max(blk, m.start())
    if best is None:
        return None, -1, False
    if best == "nilai_transaksi" and blk >= 0 and not re.search(r"transaksi", text, re.I):
        return best, bestpos, True  # 'anggaran ... pameran ... Rp700 juta': the event's cost
    if blk > bestpos:
        # 'anggaran sewa tenda pameran ... Rp90 juta': a cost, not an indicator,
        # unless the money word names aid ('anggaran bantuan', 'pagu DAK')
        return best, bestpos, True
    return best, bestpos, False


def _nearest_back_noun(seg: str) -> str | None:
    """The indicator of the indicator noun closest before a number ('sentra IKM' beats its 'IKM')."""
    best, key = None, (-1, 0)
    for name, rx in BACK_NOUNS:
        for m in rx.finditer(seg):
            if re.search(r"\d\s*$", seg[:m.start()]):
                continue  # '400 perajin': that noun is counted by its own number
            k = (m.end(), m.end() - m.start())
            if k > key:
                best, key = name, k
    return best


_UMKM = _rx(r"\b(?:umkm|ukm|umk)\b")
_UMKM_OFFICE = _rx(r"\b(?:koperasi|dinas|dinkop\w*|diskop\w*|disdagkop\w*|kementerian|kemenkop\w*|menteri|kadis|kepala)"
                   r"(?:\s*[,&]?\s*(?:dan|usaha|mikro|kecil|menengah|perindustrian|perdagangan|tenaga|kerja|koperasi))*\s*[,&(]?\s*$")
_IKM_PROPER = _rx(r"\b(?:ikm|imk|industri|perajin|pengrajin|kerajinan|sentra|mebel|konveksi|pembatik|penenun)\b")
NATIONWIDE_SPREAD = _rx(r"\b(?:nasional|se-?indonesia|seluruh\s+indonesia|tanah\s+air|\d+\s+provinsi|seluruh\s+provinsi|"
                        r"berbagai\s+provinsi|kementerian|menteri)\b")
_NATIONWIDE = _rx(r"\b(?:nasional|indonesia|menteri|kementerian|tanah\s+air)\b")


def _umkm_not_ikm(sentence: str, ind: str) -> bool:
    """'jumlah pelaku UMKM mencapai 65 juta unit', 'Menteri UMKM: sektor itu menyerap 117 juta tenaga kerja':
    figures about UMKM as a whole, with no word for industry in the sentence. An office's name
    ('Dinas Koperasi dan UKM') does not make a sentence about UMKM."""
    if _IKM_PROPER.search(sentence):
        return False
    about = [m for m in _UMKM.finditer(sentence) if not _UMKM_OFFICE.search(sentence[max(0, m.start() - 60):m.start()])]
    if ind == "jumlah_ikm":
        return bool(about)
    return bool(about or _UMKM.search(sentence)) and bool(_NATIONWIDE.search(sentence))


@dataclass
class Frame:
    """A number as the rules frame it before anything is decided: the indicator its words point to, with
    its unit, period and year, and every rule that speaks against keeping it (``vetoes``). The rules alone
    keep a frame with no veto; the fitted decision (``decide``) weighs the vetoes with everything else."""
    quantity: Quantity
    indicator: str
    unit: str
    period: str | None
    year: int | None
    confidence: float
    how: str = ""
    vetoes: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()      # what the rules noticed without vetoing: a range, a change

    def reading(self) -> Reading:
        return Reading(self.quantity, self.indicator, self.unit, self.period, self.year, self.confidence, self.how)


CHANGE_BEFORE = _rx(r"\b(?:naik|meningkat|peningkatan|kenaikan|bertambah|penambahan|tambahan|tumbuh|pertumbuhan|turun|menurun|"
                    r"penurunan|berkurang|melonjak|selisih)\s+(?:sebesar\s+|sebanyak\s+|sekitar\s+|hingga\s+|lagi\s+)?"
                    r"(?:rp\.?\s*|us\$\s*)?$")
# 'omzet sentra itu mengalami kenaikan kira-kira Rp 1,2 miliar dibanding tahun sebelumnya': the change
# word stands far before the amount, the comparison right after it says it is a change
_CHANGE_WORD = _rx(r"\b(?:naik|meningkat|peningkatan|kenaikan|bertambah|penambahan|tumbuh|pertumbuhan|turun|menurun|"
                   r"penurunan|berkurang|melonjak|lonjakan)\b")
_COMPARED_AFTER = _rx(r"^\s*(?:(?!atau\b)\S+\s+){0,2}(?:dibanding|dibandingkan|ketimbang|daripada)\b")


# 'kenaikan jumlah pekerja sebanyak 310 orang': the growth of an amount is the subject
_CHANGE_OF_AMOUNT = _rx(r"\b(?:pertumbuhan|peningkatan|kenaikan|penambahan|penurunan|pengurangan)\s+(?:jumlah|nilai|total)\b"
                        r"(?:(?!\b(?:dari|menjadi|jadi)\b)[^.;,])*?\b(?:sebanyak|sebesar|mencapai|sejumlah|yaitu|adalah)\s+$")


def is_change(before: str, after: str) -> bool:
    """A change, not a level: a change word right before the figure ('naik 229 IKM'), or one earlier in
    the clause with a comparison right after it, and no 'menjadi' (the new level) in between."""
    if CHANGE_BEFORE.search(before[-40:]) or _CHANGE_OF_AMOUNT.search(before[-100:]):
        return True
    if not _COMPARED_AFTER.match(after):
        return False
    clause = re.split(r"[.;]", before[-150:])[-1]
    last = None
    for last in _CHANGE_WORD.finditer(clause):
        pass
    return last is not None and not re.search(r"\b(?:menjadi|jadi)\b", clause[last.end():], re.I)


_PER_WHO = (r"(?:masing-masing|setiap|tiap|per)\s+(?:kelompok|ikm|umkm|ukm|perajin|pengrajin|pelaku|peserta|desa|"
            r"sentra|unit|orang|kk|keluarga|penerima|koperasi|usaha|stan|gerai)\b")
_PER_WHO_AFTER = _rx(r"^[^.;]{0,40}?\b(?:untuk\s+)?" + _PER_WHO)
_PER_WHO_BEFORE = _rx(r"\b" + _PER_WHO + r"[^.;]{0,50}$|"
                      r"\bmasing-masing\b[^.;]{0,30}\b(?:mendapat\w*|menerima|memperoleh|diberi\w*|dibantu)\b[^.;]{0,20}$")

_MONEY_NEXT = _rx(r"^[^.;]{0,30}?(?:\bRp\.?\s?\d|\d[\d.,]*\s*(?:juta|miliar|milyar)\b)")


def _per_recipient_after(after: str) -> bool:
    """'Rp 15 juta untuk setiap kelompok': the amount is per recipient, unless the recipient's own amount
    follows ('Rp 300 juta, yang bila dibagi ... setiap IKM menerima Rp 12 juta': the whole, then each one's part)."""
    m = _PER_WHO_AFTER.match(after)
    return bool(m) and not ("," in after[:m.end()] and _MONEY_NEXT.match(after[m.end():]))


# 'peralatan itu senilai Rp 900 juta', 'mesin jahit dengan nilai Rp 40 juta' beside a word of handing over: the
# value of the aid
_EQUIPMENT_VALUE = _rx(r"\b" + EQUIPMENT_NOUN + r"\b[^.;]{0,60}\b(?:senilai|bernilai|nilai(?:nya)?)\s+"
                       r"(?:total\s+|sekitar\s+|sebesar\s+|mencapai\s+)?$")

_EQUIPMENT_GIVEN = _rx(AID_GIVEN.pattern + r"|\b(?:mendapat|mendapatkan|menerima|diterima|hadiah|bantu)\b")


def _conf(c: float) -> float:
    return round(max(0.05, min(c, 1.0)), 2)


def frame_money(sentence: str, q: Quantity, published_year: int | None = None, prev_sentence: str | None = None,
                context_year: int | None = None) -> Frame | None:
    """An amount of money: the money word before it (else right after it, else in the sentence before)
    names the indicator; a range bound, an amount per recipient, a cost or a proposal are vetoes."""
    if q.value <= 0:
        return None
    before, after = sentence[:q.start], sentence[q.end:]
    vetoes = []
    conf = 0.9 - (0.1 if q.approximate else 0.0)
    if MONEY_RANGE_BEFORE.search(before[-40:]) or WRITTEN_RANGE.search(q.text):
        vetoes.append("range_bound")  # 'Rp 5 juta hingga Rp 10 juta', 'Rp 200–300 juta': a range, no total
    if _per_recipient_after(after) or _PER_WHO_BEFORE.search(before[-70:]):
        vetoes.append("per_recipient")  # an amount per recipient, not a total
    if SHARE_OF_WHOLE.search(before[-90:]):
        vetoes.append("share_whole")
    seg = before[-200:]
    ind, kpos, cost = _money_indicator(seg)
    how = "money word before"
    if ind is None or cost:
        # a money word right after the amount in the same clause ('Rp 2 miliar dari ekspor')
        m = re.match(r"^[^.;]{0,60}", after)
        ind2, _, cost2 = _money_indicator(m.group(0)) if m else (None, -1, False)
        if ind2 and not cost2 and not MONEY_BLOCK.search(seg[-40:]):
            ind, cost, how, conf = ind2, False, "money word after", conf - 0.1
    if (ind is None or cost) and prev_sentence:
        ind2, _, cost2 = _money_indicator(prev_sentence)
        if ind2 and not cost2:
            ind, cost, how, conf = ind2, False, "money word in previous sentence", conf - 0.25
    if ind is None and _EQUIPMENT_VALUE.search(before[-120:]) and (
            _EQUIPMENT_GIVEN.search(sentence) or prev_sentence and _EQUIPMENT_GIVEN.search(prev_sentence)):
        ind, how, conf = "bantuan", "value of equipment handed over", conf - 0.2
    if ind is None:
        return _unnamed(q, _money_guess(sentence), q.unit, sentence, published_year, context_year, conf)
    if cost:
        vetoes.append("cost_word")
    # a target anywhere before the amount wins over the flow it targets, unless the target has its own
    # amount first ('target Rp 5 miliar, ... dibukukan Rp 3,2 miliar': the second is what was reached)
    if ind != "target_penjualan" and MONEY_WORDS[0][1].search(seg) and not MONEY_BLOCK.search(seg) and \
            not _TARGET_WITH_ITS_AMOUNT.search(seg):
        if ind in ("nilai_transaksi", "nilai_omzet", "nilai_ekspor", "nilai_produksi") or how.endswith("previous sentence"):
            ind = "target_penjualan"
    if ind == "bantuan" and PROPOSAL.search(sentence):
        vetoes.append("proposal")
    if kpos >= 0 and len(seg) - kpos > 120:
        conf -= 0.1
    period = find_period(sentence, q.start) if ind in FLOW_INDICATORS else None
    if ind == "nilai_omzet" and (period == "hari" or EVENT_SALES.search(sentence)):
        ind = "nilai_transaksi"  # money turning over per day, sales at a fair: transactions
    cues = ()
    if is_change(before, after):
        vetoes.append("change")  # 'meningkat 4,6 juta dolar': a change, not a level
    year = find_year(sentence, q.start, published_year, context_year)
    return Frame(q, ind, q.unit, period, year, _conf(conf), how, tuple(vetoes), cues)


_YEAR_WORD_BEFORE = _rx(r"\b(?:tahun|thn|pada|akhir|awal|sejak|hingga|sampai|periode|semester|triwulan)\s+$")


_MINIMUM_BEFORE = _rx(r"\b(?:paling\s+sedikit|sekurang-kurangnya|minimal|maksimal|paling\s+banyak)\s+$")


# 'menyumbang 6 persen dari total nilai ekspor provinsi senilai 900 juta dolar': the whole the subject is a share of
# ('sepertiga ... 33 persen dari total IKM provinsi atau 1.450 usaha' is the share itself)
SHARE_OF_WHOLE = _rx(r"(?:\bpersen|%)\s+(?:dari|terhadap)\s+(?:total|keseluruhan|seluruh|jumlah)\b(?:(?!\batau\b)[^.;]){0,50}$")
# 'Dari 4.210 unit usaha industri ..., 96 persen atau 4.040 unit tergolong industri kecil': the whole counts
# large industry too; only the part named small is an IKM figure
_SECTOR_WHOLE_AFTER = _rx(r"^\s*(?:unit\s+usaha|usaha|perusahaan|tenaga\s+kerja|pekerja)\s+(?:(?:pada|di|dalam)\s+)?"
                          r"(?:sektor\s+)?industri\b(?!\s+(?:kecil|mikro|rumah|rumahan|kerajinan))")
_SMALL_PART = _rx(r"\bindustri\s+kecil\b|\bikm\b")
# 'sisanya 170 unit usaha tergolong industri besar': the firms that are not IKM
_LARGE_PART_AFTER = _rx(r"^[^.;,]{0,30}?\b(?:merupakan|adalah|termasuk|tergolong)\s+(?:usaha\s+|unit\s+)?industri\s+"
                        r"(?:besar|menengah|sedang)\b")


# one part picked out of the whole: a smaller area ('khusus di kecamatan itu') or a qualified group ('khusus makanan
# yang sudah masuk swalayan'); 'khusus untuk IKM kopi' is a part by product, which is stated for the place
_SINGLED_OUT = _rx(r"(?:^|[,;]\s*)\W*(?:untuk\s+)?khusus(?:nya)?\s+(?:(?:untuk\s+)?di\b|[^.;,]*?\byang\b)[^.;]*$")


_MADE_OF_BEFORE = _rx(r"\bterdiri\s+(?:dari|atas)\s+(?:sekitar\s+|sebanyak\s+)?$")


def _made_of_one(before: str, after: str) -> bool:
    """'peserta pelatihan ini terdiri dari 30 orang peserta.': the whole told by what it is made of, with no
    parts after it, is the whole; 'terdiri dari 12 orang asal A dan 18 orang asal B' lists parts."""
    return bool(_MADE_OF_BEFORE.search(before)) and not SUBSET.search(before[:-30]) and \
        not re.search(r"\d", re.sub(r"\([^)]*\)", "", after))


def _count_scope_vetoes(before: str, after: str, q: Quantity) -> list[str]:
    """What the words before a count say against it being a place's stock, whatever it counts."""
    vetoes = []
    if SHARE_OF_WHOLE.search(before[-90:]):
        vetoes.append("share_whole")
    if _SECTOR_WHOLE_AFTER.match(after) and (_SMALL_PART.search(before) or _SMALL_PART.search(after[30:])):
        vetoes.append("sector_whole")
    if _LARGE_PART_AFTER.match(after):
        vetoes.append("large_industry")
    if 1945 <= q.value <= 2035 and q.value == int(q.value) and _YEAR_WORD_BEFORE.search(before[-20:]):
        vetoes.append("year")  # 'pada tahun 2019 IKM kota itu ...': a year, not 2019 IKM
    if SUBSET.search(before) and not _made_of_one(before, after):
        vetoes.append("subset")
    if _SINGLED_OUT.search(before[-120:]):
        vetoes.append("singled_out")  # 'khusus di kecamatan itu ada 350 perajin': one part picked out of a whole
    if _MINIMUM_BEFORE.search(before[-40:]):
        vetoes.append("minimum")  # 'terdiri paling sedikit lima unit usaha': a rule's threshold, not a count
    if VAGUE_PAST.search(before[-90:]):
        vetoes.append("vague_past")  # 'beberapa tahun lalu ... 581 unit': no year to state it for
    if QUALIFIED.search(before[-110:]) or QUALIFIED.match(after[:80].lstrip(" ,")) and \
            re.match(r"^\s*\S+\s+(?:\S+\s+)?yang\b", after):
        vetoes.append("qualified")  # 'pelaku usaha yang berorientasi ekspor': a subset, not the stock
    if re.search(r"(?:\d|\b(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan))\s+(?:dari|per|banding)\s+$", before[-25:], re.I) \
            and not re.search(r"\b(?:salah\s+satu|(?:adalah|merupakan|menjadi|termasuk|ia|dia|beliau|kini|tinggal)\s+satu)"
                              r"\s+dari\s+$", before[-40:], re.I):
        vetoes.append("ratio")  # '3 dari 10 IKM'
    return vetoes


# workers of IKM named before the count: 'tenaga kerja IKM', 'tenaga kerja yang terserap di IKM',
# 'penyerapan tenaga kerja IKM'
_WORKERS_OF_IKM = _rx(r"\b(?:tenaga\s+kerja|pekerja|karyawan)\s+(?:(?:di\s+)?sektor\s+|bidang\s+)?(?:ikm|imk|industri|perajin|pengrajin)\b|"
                      r"\b(?:tenaga\s+kerja|naker)\b[^.;]{0,40}\b(?:diserap|terserap|menyerap|penyerapan|serapan)\b|"
                      r"\b(?:penyerapan|serapan|keterserapan)\s+(?:tenaga\s+kerja|naker)\b")


# 'Jumlahnya 1.400 unit.': the sentence before is itself an item of the list of counts
_UNITS_END = _rx(r"\d\s+unit\s*[.!]?\s*$")


def _list_goes_on(sentence: str, rest: str) -> bool:
    """'Menyusul Kota B dengan 1.229 unit.': a list of places and their counts that goes on from the
    sentence before, the counted noun left out; nothing is handed over in it."""
    return bool(re.match(r"^\s*unit\s*(?:[.,;]|$)", rest)) and not AID_GIVEN.search(sentence)


def _count_indicator(sentence: str, q: Quantity, before: str, rest: str,
                     prev_sentence: str | None) -> tuple[str | None, str, float]:
    """What a count counts, from the noun right after it or the noun before it: (indicator, how, confidence
    change). 'craft' stands for makers ('penenun') whose role the caller settles."""
    for name, rx in NOUN_AFTER:
        if rx.match(rest):
            return name, "noun after", 0.0
    if UNIT_AFTER.match(rest) and _EQUIPMENT_BEFORE.search(before[-50:]):
        return None, "", 0.0  # units of the equipment named before them
    if UNIT_AFTER.match(rest) and (not EQUIPMENT_UNIT.match(rest) or HOUSED_BEFORE.search(before[-40:]) or
                                   PRODUCTION_UNIT.match(rest) and not AID_GIVEN.search(before[-100:])) and (
            IKM_WORDS.search(sentence) or prev_sentence and (IKM_WORDS.search(prev_sentence) or _UNITS_END.search(prev_sentence))
            and (ANAPHORA_COUNT.search(before) or _list_goes_on(sentence, rest))):
        return "jumlah_ikm", "unit after", 0.0
    if re.match(r"^\s*(?:orang|jiwa)\s+(?:yang\s+|yg\s+)?(?:bekerja|dipekerjakan|menggantungkan\s+hidup|bergantung|menggantungkan)\b",
                rest, re.I):
        return "tenaga_kerja", "orang bekerja", 0.0  # 'tercatat 560 orang bekerja di sektor itu'
    if ORANG_AFTER.match(rest):
        best = _nearest_back_noun(before[-120:])
        if best == "jumlah_ikm" and _WORKERS_OF_IKM.search(before[-120:]):
            best = "tenaga_kerja"  # 'tenaga kerja IKM tercatat 1,9 juta orang': people working in IKM
        if best in ("tenaga_kerja", "peserta_pelatihan"):
            return best, "orang after, noun before", -0.05
        if best == "jumlah_ikm":
            return "jumlah_ikm", "orang after, noun before", -0.15
        if TRAINING.search(sentence) and PARTICIPATE.search(sentence[max(0, q.start - 60):q.end + 80]):
            return "peserta_pelatihan", "orang in a training", -0.1  # 'sebanyak 100 orang mengikuti pelatihan'
    if CLAUSE_END_AFTER.match(rest) and STATE_BEFORE.search(before[-40:]):
        best = _nearest_back_noun(before[-120:])
        if best == "jumlah_ikm" and _WORKERS_OF_IKM.search(before[-120:]):
            best = "tenaga_kerja"
        if best:
            return best, "jumlah X ... N", -0.25
    return None, "", 0.0


def _count_role_vetoes(sentence: str, q: Quantity, ind: str, how: str, before: str, rest: str,
                       trained: bool, prev_sentence: str | None) -> list[str]:
    """What speaks against a count of ``ind`` being a stock: one firm's staff, UMKM rather than IKM,
    recipients, per-unit figures, goals, a fair's exhibitors."""
    vetoes = []
    if ind == "tenaga_kerja" and (OWN_STAFF_BEFORE.search(before[-40:]) or (
            FIRST_PERSON.search(sentence) or ONE_BUSINESS.search(before[-80:]))
            and re.match(r"^\s*(?:orang\s+)?(?:karyawan|karyawati|pegawai|pekerja|buruh)", rest, re.I)):
        vetoes.append("own_staff")  # 'dibantu lima karyawan', 'saya punya 4 pegawai'
    if ind == "peserta_pelatihan" and not _IKM_PROPER.search(sentence) and re.search(
            r"\b(?:umkm|ukm|umk|usaha\s+(?:mikro|kecil|ultra\s+mikro))\b", sentence, re.I) and NATIONWIDE_SPREAD.search(sentence):
        vetoes.append("umkm_programme")  # a national UMKM programme
    if ind == "jumlah_ikm" and re.match(r"^\s*(?:orang\s+|buah\s+|unit\s+)?(?:pelaku\s+)?(?:umkm|ukm|umk)\b", rest, re.I):
        vetoes.append("umkm")  # UMKM (mostly trade and services) are not IKM
    if ind in ("jumlah_ikm", "tenaga_kerja") and _umkm_not_ikm(sentence, ind):
        vetoes.append("umkm_sentence")
    if ind == "jumlah_ikm" and RECIPIENT_BEFORE.search(before[-30:]):
        vetoes.append("recipient")  # beneficiaries: 'bantuan mesin untuk 7 IKM'
    if ind == "jumlah_ikm" and RECEIVES_AFTER.match(rest):
        vetoes.append("receives_aid")  # '120 perajin menerima bantuan alat': recipients, not the stock
    if ind in ("jumlah_ikm", "tenaga_kerja", "peserta_pelatihan") and _PER_UNIT_BEFORE.search(before[-80:]):
        vetoes.append("per_unit")  # 'setiap gerai ... tiga pelaku usaha'
    if ind == "peserta_pelatihan" and how == "noun after" and not trained and \
            not (prev_sentence and TRAINING.search(prev_sentence)) and EVENT.search(sentence):
        vetoes.append("fair_participants")
    if ind != "peserta_pelatihan" and TARGET_COUNT.search(before[-100:]):
        vetoes.append("target")  # 'menargetkan 1.500 IKM ikut program': a goal, not a count
    if ind == "jumlah_ikm" and EVENT.search(sentence) and not trained and \
            PARTICIPATE_EVENT.search(sentence[max(0, q.start - 50):q.end + 40]):
        vetoes.append("exhibitors")  # exhibitors at a fair are not the place's stock of IKM
    if _PER_BATCH_AFTER.match(rest):
        vetoes.append("per_unit")  # '20 peserta per kegiatan': one batch of a larger count
    if _THESE_AFTER.match(rest):
        vetoes.append("these")  # 'dua IKM ini', 'dari 15 IKM tersebut': the ones just told of, not a stock
    if _TEACHERS_AFTER.match(rest):
        vetoes.append("trainers")  # 'dua orang narasumber': who teaches, not who is taught
    if _FUTURE_BEFORE.search(before[-70:]):
        vetoes.append("future")  # 'akan dikurasi menjadi 30 peserta': a number still to come
    if q.value < 2:
        vetoes.append("one")
    return vetoes


_PER_BATCH_AFTER = _rx(r"^\s*(?:orang\s+)?(?:peserta\s+|perajin\s+|pengrajin\s+|pelaku\s+usaha\s+|ikm\s+)?(?:per|setiap|tiap)\s+"
                       r"(?:kegiatan|angkatan|kelas|gelombang|sesi|kelompok|batch|desa|kecamatan|bidang|hari)\b")
_THESE_AFTER = _rx(r"^\s*(?:orang\s+)?(?:ikm|perajin|pengrajin|pelaku\s+usaha|pelaku\s+ikm|unit\s+usaha|usaha)\s+(?:ini|itu|tersebut)\b")
_TEACHERS_AFTER = _rx(r"^\s*(?:orang\s+)?(?:narasumber|nara\s+sumber|pemateri|instruktur|pelatih|fasilitator|juri|mentor|tutor)\b")
_FUTURE_BEFORE = _rx(r"\b(?:akan|nantinya|bakal)\b[^.;,]{0,30}\bmenjadi\s+(?:sekitar\s+|sebanyak\s+)?$")


_PER_UNIT_BEFORE = _rx(r"\b(?:setiap|tiap|masing-masing|per)\s+(?!(?:januari|februari|pebruari|maret|april|mei|juni|juli|"
                       r"agustus|september|oktober|november|nopember|desember|akhir|awal|tanggal|tahun|(?:19|20)\d\d|"
                       # a rate of another quantity ('3 ton per hari dari 450 perajin') says nothing of who is counted
                       r"hari|harinya|bulan|bulannya|minggu|pekan|jam|kg|kilogram|kilo|ton|liter|meter|lembar|potong|pcs)\b)\w+")


def _trainees(sentence: str, q: Quantity, before: str, rest: str) -> bool:
    """A count of people or firms in a training ('pelatihan bagi 40 perajin') counts its participants."""
    near = sentence[max(0, q.start - 60):min(len(sentence), q.end + 130)]
    people = bool(re.match(r"^\s*(?:orang\b|perajin|pengrajin|pelaku|peserta|pekerja|karyawan|tenaga|" + CRAFT_NOUNS + ")",
                           rest, re.I))
    return bool(PARTICIPATE.search(near) or re.search(
        r"\b(?:pelatihan|melatih|dilatih|bimtek|diklat)\s+(?:sebanyak\s+|sekitar\s+|bagi\s+)?$", before[-40:], re.I)
        or people and re.search(r"\b(?:pelatihan|bimtek|bimbingan\s+teknis|diklat|workshop|kursus)\b[^.;]{0,60}"
                                r"\b(?:bagi|kepada|untuk|terhadap)\s+(?:sebanyak\s+|sekitar\s+)?$", before[-110:], re.I))


# ('3 dari 10 IKM' without 'total' is a proportion, and vetoed as one)
_PART_OF_WHOLE_AFTER = _rx(r"^\s*dari\s+(?:total|jumlah|keseluruhan|seluruh)\s+(?:sebanyak\s+|sekitar\s+)?\d[\d.,]*(?=\s+[a-z])")


def frame_count(sentence: str, q: Quantity, published_year: int | None = None, prev_sentence: str | None = None,
                context_year: int | None = None) -> Frame | None:
    """A count: the noun after it (or before it) names the indicator; scope and role rules are vetoes."""
    if q.value != q.value or q.value <= 0:  # NaN or zero
        return None
    if q.value != int(q.value) and q.value < 1000:
        return None  # 1,5 persons is not a count
    before, after = sentence[:q.start], sentence[q.end:]
    if RANGE_BEFORE.search(before[-80:]) and not q.unit:
        return None  # the second half of 'empat hingga lima perajin'
    conf = 0.9 - (0.1 if q.approximate else 0.0)
    vetoes = _count_scope_vetoes(before, after, q)
    rest = after
    mp = _SKIP_PAREN.match(rest)
    if mp:
        rest = rest[mp.end():]
    rest = re.sub(r"^\s*(?:lebih|-?an)\b", "", rest, flags=re.I)  # '30 ribu lebih tenaga kerja'
    rest = _PART_OF_WHOLE_AFTER.sub("", rest)  # '45 dari total 310 perajin': the part counts what the whole counts
    if WRITTEN_RANGE.search(q.text):
        vetoes.append("written_range")   # '25-40 orang' per firm, '12.000- 13.000' as an estimate: no figure stated
    elif RANGE_AFTER.match(rest):
        if q.value < 10:
            vetoes.append("small_range")  # 'empat hingga lima perajin' per stand: no stock figure
        vetoes.append("range")
        conf -= 0.25
        rest = re.sub(r"^\s*(?:hingga|sampai|s/d|-|–|atau)\s*\S+", "", rest, flags=re.I)
    ind, how, dconf = _count_indicator(sentence, q, before, rest, prev_sentence)
    if ind is None:
        guess = _nearest_back_noun(sentence) or "jumlah_ikm"
        return _unnamed(q, guess, UNIT_OF[guess], sentence, published_year, context_year, conf)
    conf += dconf
    trained = bool(TRAINING.search(sentence))
    if ind == "craft":
        # 'terdapat 1.870 penenun': makers, counted as business units; 'mempekerjakan 1.500 pembatik': workers
        ind = "tenaga_kerja" if EMPLOY_BEFORE.search(before[-60:]) else "jumlah_ikm"
        conf -= 0.1
    if ind in ("jumlah_ikm", "tenaga_kerja") and trained and _trainees(sentence, q, before, rest):
        ind, how = "peserta_pelatihan", how + ", trained"
    if ind == "peserta_pelatihan" and how == "noun after" and not trained and \
            not (prev_sentence and TRAINING.search(prev_sentence)) and not EVENT.search(sentence):
        conf -= 0.2
    vetoes += _count_role_vetoes(sentence, q, ind, how, before, rest, trained, prev_sentence)
    cues = []
    if "range" in vetoes and "small_range" not in vetoes:
        vetoes.remove("range")  # the rules keep a range of counts, with less confidence
        cues.append("range")
    if is_change(before, rest):
        vetoes.append("change")  # 'bertambah 27 unit', 'naik 229 IKM': a change, not a level
    year = find_year(sentence, q.start, published_year, context_year)
    # a veto said by two phrases ('setiap desa ... 15 peserta per angkatan') is one reason: n_vetoes counts reasons
    return Frame(q, ind, UNIT_OF[ind], None, year, _conf(conf), how, tuple(dict.fromkeys(vetoes)), tuple(cues))


_AID_WORDS = _rx(r"\b(?:bantuan|hibah|dak|dana|anggaran|alokasi|senilai|bernilai|peralatan|mesin|alat|program|proyek)\b")


def _money_guess(sentence: str) -> str:
    """For an amount no money word names: the indicator of any money word in the sentence, else aid-like
    words ('senilai', 'anggaran', 'mesin') point to aid, else turnover."""
    ind, _, _ = _money_indicator(sentence)
    if ind:
        return ind
    return "bantuan" if _AID_WORDS.search(sentence) else "nilai_omzet"


def _unnamed(q: Quantity, guess: str, unit: str | None, sentence: str, published_year: int | None,
             context_year: int | None, conf: float) -> Frame:
    """A number no rule names an indicator for: a candidate all the same, with a guessed indicator and
    the veto 'unnamed', so the fitted decision can still take it ('sekitar 40 pabrik', 'senilai Rp 90 juta')."""
    period = find_period(sentence, q.start) if guess in FLOW_INDICATORS else None
    year = find_year(sentence, q.start, published_year, context_year)
    return Frame(q, guess, unit or "IDR", period, year, _conf(conf - 0.4), "unnamed", ("unnamed",))


_UNMARKED_RUPIAH = _rx(r"\b(?:senilai|sebesar|bernilai|seharga|anggaran|dana|pagu|nilai|omzet|omset|transaksi|investasi|"
                       r"devisa)\s+(?:[\w()-]+\s+){0,3}?(?:sekitar\s+|mencapai\s+|hingga\s+|lebih\s+dari\s+)?$")
_MULTIPLIER = _rx(r"\b(?:juta|jt|miliar|milyar|miliyar|triliun|trilyun)\b")


def frame_quantity(sentence: str, q: Quantity, published_year: int | None = None,
                   prev_sentence: str | None = None, context_year: int | None = None) -> Frame | None:
    """The frame of one number, or None when it can state no indicator (a year, a price, no counted noun)."""
    if not q.is_indicator_candidate:
        return None
    if q.kind == "number" and _UNMARKED_RUPIAH.search(sentence[max(0, q.start - 40):q.start]) and \
            _MULTIPLIER.search(q.text) and q.value >= 1_000_000:
        q = dataclasses.replace(q, kind="money", unit="IDR")   # 'dana sebesar 4,5 miliar': rupiah unwritten
    if q.kind == "money":
        return frame_money(sentence, q, published_year, prev_sentence, context_year)
    return frame_count(sentence, q, published_year, prev_sentence, context_year)


def stated_year(sentence: str) -> int | None:
    """An explicit year the sentence states its figures for ('pada tahun 2023', 'sepanjang 2018')."""
    years = explicit_years(sentence)
    return years[0][2] if years else None


_COMPARED_WITH = _rx(r"\b(?:dibanding\w*|daripada|ketimbang)\b")


def told_year(sentence: str) -> int | None:
    """The year a sentence tells its figures for, passing over a year told only as the one compared with
    ('naik dibanding pameran 2016'): the text goes on telling about the year before it, not that one. For
    the year choice only (``stated_year`` carries years into the frames the keep head reads)."""
    last = 0
    for start, end, year in explicit_years(sentence):
        if not _COMPARED_WITH.search(sentence[last:start]):
            return year
        last = end
    return None


def classify_sentence(sentence: str, published_year: int | None = None,
                      prev_sentence: str | None = None, context_year: int | None = None) -> list[Reading]:
    """Indicator readings of every number in one sentence. ``context_year``: a year stated just before
    (same paragraph), used when the sentence names none."""
    return [f.reading() for f in frame_sentence(sentence, published_year, prev_sentence, context_year) if not f.vetoes]


def frame_sentence(sentence: str, published_year: int | None = None,
                   prev_sentence: str | None = None, context_year: int | None = None) -> list[Frame]:
    """The frame of every number in one sentence that could state an indicator, vetoed or not."""
    qs = find_quantities(sentence)
    out = []
    for q in qs:
        f = frame_quantity(sentence, q, published_year, prev_sentence, context_year)
        if f is not None:
            out.append(f)
    return out
