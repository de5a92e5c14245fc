"""Write N realistic Indonesian article pages into a folder, for benchmarks (deterministic from a seed).

    generate_site(folder, n, seed=0)      pages 0..n-1, sitemap.xml and sources.yaml
    add_pages(folder, k, seed=0)          k more pages (n..n+k-1) and a new sitemap.xml; the pages
                                          already there are not rewritten, so they answer 304 to a
                                          conditional GET, and keep their sitemap <lastmod>

Three layouts, one source each, all listed in one sitemap.xml (URLs with ${BASE_URL}, which
scrapers.local_site.serve_folder fills in): a news portal (OpenGraph + JSON-LD NewsArticle, a
sidebar of related links), a WordPress blog (entry-content, comments) and a regional agency
(Disperindag) page with a data table of sentra per kecamatan. Each page is about one kab/kota of
scrapers.reading.places.all_cities() and states a few indicators (sentra, units, workers, production,
turnover, exports, investment, training, aid); about one page in six is about something else.
Page sizes run from 2 to 80 KB (most between 6 and 25 KB), the article's text 0.6 to 12 KB of it. The sentences are written for this module.

Page i depends only on (seed, i), so the same seed always gives the same site. The sitemap gives each page
a <lastmod>: its publication morning (Jakarta time) for the pages of generate_site, the time add_pages ran
for the pages it adds (as a news site stamps a new article), so a crawler that trusts lastmod need not ask
again for the pages it already has.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

__all__ = ["generate_site", "add_pages", "page_paths", "SOURCES"]

LAYOUTS = ("portal", "wp", "agency")
SOURCES = {"portal": "warta-kabupaten", "wp": "blog-umkm-daerah", "agency": "disperindag-daerah"}
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]
WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
COMMODITIES = [
    "batik tulis", "tenun ikat", "gerabah", "mebel kayu jati", "kerupuk udang", "tahu tempe", "bordir",
    "anyaman bambu", "konveksi", "sepatu kulit", "tas kulit", "keripik singkong", "dodol", "gula aren",
    "kopi bubuk", "kerajinan logam", "kerajinan perak", "rotan", "genteng", "batu bata", "ikan asin",
    "terasi", "emping melinjo", "jamu tradisional", "wayang kulit", "songket", "kain sasirangan",
    "kerajinan kerang", "ukiran kayu", "pandai besi", "minyak kayu putih", "abon ikan", "bakpia",
]
KECAMATAN_WORDS = ["Sukamaju", "Karangrejo", "Tanjungsari", "Sidomulyo", "Mekarsari", "Sumberagung",
                   "Wonosari", "Purwodadi", "Margahayu", "Cilimus", "Bojongsari", "Pasirjaya", "Tegalrejo",
                   "Banjarsari", "Kedungwaru", "Sukorejo", "Rawamerta", "Jatimulya", "Gunungsari", "Kalijaga"]
PEOPLE = ["Rina Kartikasari", "Agus Setiawan", "Dewi Lestari Putri", "Bambang Hermawan", "Siti Nurhaliza",
          "Yusuf Maulana", "Hendra Wijaya", "Lusiana Pratiwi", "Made Suarjana", "Fitriani Hasan"]
OFFICES = ["Dinas Perindustrian dan Perdagangan", "Dinas Koperasi, UKM, Perindustrian dan Perdagangan",
           "Dinas Perindustrian dan Tenaga Kerja", "Dinas Perdagangan dan Perindustrian"]
OTHER_TOPICS = [
    ("Jalan Lingkar {short} Mulai Diperbaiki Pekan Depan",
     ["Perbaikan jalan lingkar {short} sepanjang {km} kilometer dijadwalkan mulai pekan depan.",
      "Kepala Dinas Pekerjaan Umum menyebut pekerjaan ditargetkan rampung dalam {days} hari kerja.",
      "Pengendara diminta memakai jalur alternatif selama pengerjaan berlangsung.",
      "Warga sekitar berharap perbaikan itu mengurangi kemacetan pada jam berangkat sekolah."]),
    ("Tim Sepak Bola {short} Lolos ke Babak Delapan Besar",
     ["Kesebelasan {short} memastikan tiket babak delapan besar setelah menang {goals}-1 di kandang.",
      "Pelatih mengaku puas dengan disiplin pemain sepanjang laga.",
      "Laga berikutnya akan digelar di stadion utama pada akhir bulan.",
      "Suporter memadati tribun sejak sore meski hujan turun."]),
    ("Pemkab Gelar Vaksinasi Hewan Ternak di {short}",
     ["Petugas kesehatan hewan menyuntik {n} ekor sapi dan kambing dalam kegiatan vaksinasi massal.",
      "Peternak diminta melapor bila menemukan gejala penyakit pada ternaknya.",
      "Kegiatan serupa akan berlanjut ke desa-desa lain secara bergiliran.",
      "Obat dan vaksin disediakan tanpa biaya bagi peternak."]),
]

# ---- fact sentences: {place} is the kab/kota, {com} the commodity; each states one indicator
FACT_TEMPLATES = [
    "Saat ini terdapat {n_sentra} sentra IKM yang tersebar di {place}, sebagian besar bergerak di bidang {com}.",
    "{office} {place} mencatat jumlah IKM {com} mencapai {n_ikm} unit usaha pada {year}.",
    "Sentra {com} di {place} menyerap {n_tk} tenaga kerja yang sebagian besar berasal dari desa sekitar.",
    "Nilai produksi sentra {com} di {place} sepanjang {year} ditaksir {money_prod} per tahun.",
    "Omzet para perajin {com} di {place} rata-rata mencapai {money_omzet} setiap bulan.",
    "Selama pameran tiga hari itu, transaksi produk IKM {place} tercatat {money_trx}.",
    "Produk {com} asal {place} telah diekspor dengan nilai {money_ekspor} sepanjang {year}.",
    "Investor menanamkan modal sebesar {money_inv} untuk membangun pabrik pengolahan {com} di {place}.",
    "Sebanyak {n_latih} perajin {com} di {place} mengikuti pelatihan desain dan pemasaran daring.",
    "Pemerintah menyalurkan bantuan peralatan senilai {money_bantuan} bagi sentra {com} di {place}.",
    "Tahun depan, pemerintah daerah menargetkan penjualan produk {com} {place} sebesar {money_target}.",
    "Di {place}, jumlah pekerja pada sentra {com} bertambah menjadi {n_tk} orang.",
]
BACKGROUND = [
    "Usaha {com} di daerah ini sudah dijalankan turun-temurun sejak puluhan tahun lalu.",
    "Sebagian besar perajin masih mengandalkan pesanan dari pedagang pengumpul di kota besar.",
    "Bahan baku umumnya didatangkan dari kabupaten tetangga, sehingga harga kerap naik turun.",
    "Pemasaran lewat lokapasar dinilai membantu perajin menjangkau pembeli di luar pulau.",
    "Menurut {person}, kendala utama yang dihadapi perajin adalah permodalan dan kemasan produk.",
    "Pemerintah daerah berencana menata kawasan sentra agar lebih mudah dikunjungi wisatawan.",
    "Beberapa perajin muda mulai memadukan motif lama dengan desain yang lebih sederhana.",
    "Koperasi perajin membantu anggotanya membeli bahan baku secara bersama-sama.",
    "Kegiatan pendampingan dilakukan bersama perguruan tinggi setempat selama enam bulan.",
    "Sertifikasi halal dan merek dagang juga difasilitasi secara gratis bagi pelaku usaha.",
    "\"Kami ingin produk lokal bisa bersaing di pasar modern,\" kata {person} kepada wartawan.",
    "Pengunjung yang datang pada akhir pekan biasanya membeli oleh-oleh langsung dari bengkel perajin.",
    "Musim hujan membuat proses pengeringan berjalan lebih lama dari biasanya.",
    "Harga jual produk bervariasi tergantung ukuran, bahan dan tingkat kerumitan pengerjaan.",
    "Dinas terkait juga mendorong perajin memanfaatkan kredit usaha rakyat dengan bunga ringan.",
    "Para pelaku usaha berharap ada pameran rutin di pusat kota setiap tiga bulan sekali.",
]
GENERAL = [
    "Warga berharap pemerintah daerah menambah lampu penerangan di ruas jalan yang gelap.",
    "Camat setempat mengimbau masyarakat menjaga kebersihan lingkungan menjelang musim hujan.",
    "Kegiatan itu dihadiri perangkat desa, tokoh masyarakat dan perwakilan pemuda.",
    "Petugas gabungan berjaga di sejumlah titik untuk memastikan acara berjalan tertib.",
    "Menurut {person}, persiapan sudah dilakukan sejak dua bulan sebelumnya.",
    "Informasi lebih lanjut dapat diperoleh melalui kantor kelurahan pada jam kerja.",
    "Cuaca cerah sejak pagi membuat jumlah pengunjung lebih banyak dari perkiraan panitia.",
    "Pihak sekolah menyambut baik kegiatan tersebut karena melibatkan para siswa.",
]
# background sentences are put together from parts, so that two pages rarely share a run of five words
# (as two real articles rarely do): subject, verb, object, predicate, tail
PARTS_IKM = (
    ["Para perajin", "Sebagian pelaku usaha", "Kelompok perajin muda", "Pengurus koperasi", "Warga {kec}",
     "Pemilik bengkel produksi", "Ibu-ibu pekerja rumahan", "Pedagang pengumpul", "Pendamping lapangan", "{person}"],
    ["mengaku", "menyebut", "berharap", "mengatakan", "menilai", "menuturkan", "mengeluhkan", "yakin",
     "memperkirakan", "mencatat"],
    ["harga bahan baku", "permintaan pasar", "ongkos kirim", "pesanan luar daerah", "biaya kemasan",
     "penjualan daring", "jumlah pembeli", "pasokan kayu", "upah harian", "mutu produk", "stok pewarna",
     "pesanan hotel"],
    ["naik sejak {month}", "turun menjelang {month}", "stabil belakangan ini", "meningkat pelan-pelan",
     "belum pulih seperti dulu", "berubah setelah musim hujan", "bergantung pada cuaca",
     "lebih baik dibanding tahun lalu", "sulit diperkirakan", "tertahan biaya angkut", "ikut terdongkrak"],
    ["", ", terutama untuk produk {com2}", " sehingga jam kerja dikurangi", ", kata dia", " menurut catatan kelompok",
     " di wilayah {kec}", " pada pekan ketiga {month}", ", meski pesanan tetap datang", " karena pameran {month}",
     " sejak pandemi berakhir", " bagi anggota paguyuban", " ketika musim hajatan tiba"],
)
PARTS_GENERAL = (
    ["Warga {kec}", "Pengendara", "Petugas kelurahan", "Para orang tua", "Sejumlah pedagang pasar", "{person}",
     "Ketua RT setempat", "Relawan", "Pengurus masjid", "Sopir angkutan"],
    ["mengaku", "menyebut", "berharap", "mengatakan", "menilai", "menuturkan", "mengeluhkan", "meminta"],
    ["antrean kendaraan", "genangan air", "harga cabai", "jadwal sekolah", "lampu jalan", "jaringan internet",
     "saluran drainase", "tarif parkir", "pasokan air bersih", "jadwal ronda"],
    ["memburuk sejak {month}", "membaik menjelang {month}", "perlu segera ditangani", "masih dikeluhkan",
     "sudah dibahas di musyawarah", "berubah sejak awal tahun", "jadi perhatian bersama", "belum ada kepastian"],
    ["", ", terutama pada malam hari", " di sekitar {kec}", ", kata dia", " menurut pengurus kampung",
     " pada pekan ketiga {month}", " selama musim hujan", " sejak jalan diperbaiki"],
)
FILLER_RELATED = ["Harga Cabai Rawit di Pasar Induk Turun Jelang Akhir Pekan",
                  "Festival Kuliner Nusantara Digelar di Alun-alun", "Bupati Resmikan Gedung Perpustakaan Baru",
                  "Sekolah Diminta Siapkan Jalur Evakuasi Bencana", "Antrean Pembuatan KTP Elektronik Mengular",
                  "Debit Air Sungai Naik, Warga Bantaran Diminta Waspada", "Pasar Murah Digelar di Lima Kecamatan",
                  "Ratusan Pelari Ikut Lomba Lari Sepuluh Kilometer", "Musim Tanam Padi Dimulai Lebih Awal"]


@dataclass
class _Ctx:
    i: int
    rnd: random.Random
    city: object
    short: str
    com: str
    pub: date
    layout: str
    relevant: bool


def _cities():
    from scrapers.reading.places import all_cities
    return all_cities()


def _short(city) -> str:
    for prefix in ("Kabupaten ", "Kota "):
        if city.name.startswith(prefix):
            return city.name[len(prefix):]
    return city.name


def _money(rnd: random.Random, low: float, high: float) -> str:
    v = rnd.uniform(low, high)
    if v >= 1e12:
        return f"Rp{v / 1e12:.1f} triliun".replace(".", ",")
    if v >= 1e9:
        return f"Rp{v / 1e9:.1f} miliar".replace(".", ",").replace(",0 ", " ")
    return f"Rp{int(v / 1e6)} juta"


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _fill(template: str, c: _Ctx) -> str:
    r = c.rnd
    return template.format(
        place=c.city.name if r.random() < 0.6 else c.short, short=c.short, com=c.com,
        office=r.choice(OFFICES), person=r.choice(PEOPLE), year=c.pub.year - r.choice((0, 0, 1)),
        n_sentra=r.randint(3, 60), n_ikm=_thousands(r.randint(40, 9000)), n_tk=_thousands(r.randint(25, 20000)),
        n_latih=r.randint(15, 120), money_prod=_money(r, 2e8, 9e10), money_omzet=_money(r, 5e6, 9e8),
        money_trx=_money(r, 5e7, 5e9), money_ekspor=_money(r, 5e8, 2e11), money_inv=_money(r, 1e9, 3e11),
        money_bantuan=_money(r, 5e7, 3e9), money_target=_money(r, 1e9, 5e10),
        km=r.randint(2, 14), days=r.randint(30, 120), goals=r.randint(2, 4), n=r.randint(150, 2000))


def _ctx(seed: int, i: int, cities) -> _Ctx:
    rnd = random.Random(f"{seed}:{i}")
    city = rnd.choice(cities)
    pub = date(2024, 1, 1) + timedelta(days=rnd.randrange(0, 1050))
    return _Ctx(i=i, rnd=rnd, city=city, short=_short(city), com=rnd.choice(COMMODITIES), pub=pub,
                layout=LAYOUTS[i % 3], relevant=rnd.random() >= 1 / 6)


def _target_bytes(rnd: random.Random) -> int:
    return int(min(80_000, max(2_000, rnd.lognormvariate(9.6, 0.7))))  # median ~15 KB


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())[:80]


def _title(c: _Ctx) -> str:
    r = c.rnd
    if not c.relevant:
        return r.choice(OTHER_TOPICS)[0].format(short=c.short)
    return r.choice([
        "Sentra {com} {short} Bertahan di Tengah Naiknya Harga Bahan Baku",
        "Perajin {com} {short} Bidik Pasar Ekspor",
        "Pemkab Dorong Sentra IKM {com} di {short} Naik Kelas",
        "Geliat Sentra {com} di {short}, Pesanan Terus Mengalir",
        "Disperindag Data Ulang Sentra IKM di {short}",
    ]).format(com=c.com.title(), short=c.short)


def _paragraphs(c: _Ctx, target: int) -> list[str]:
    """The article's paragraphs: a lead with a dateline, fact sentences, then background up to the size."""
    r = c.rnd
    dateline = c.short.upper()
    if not c.relevant:
        _, sents = r.choice(OTHER_TOPICS)
        paras = [f"{dateline} - " + " ".join(_fill(s, c) for s in sents[:2])] + [_fill(s, c) for s in sents[2:]]
    else:
        facts = r.sample(FACT_TEMPLATES, k=r.randint(2, 6))
        paras = [f"{dateline} - " + _fill(facts[0], c) + " " + _fill(r.choice(BACKGROUND), c)]
        for f in facts[1:]:
            paras.append(_fill(f, c) + " " + _fill(r.choice(BACKGROUND), c))
    budget = min(target * 3 // 10, 12_000)  # most of a page is markup (menus, widgets, scripts) around the text
    while sum(len(p) for p in paras) < budget:
        paras.append(" ".join(_composed(c) for _ in range(r.randint(2, 4))))
    return paras


def _composed(c: _Ctx) -> str:
    """One background sentence put together from parts (or, now and then, a whole stock sentence)."""
    r = c.rnd
    if r.random() < 0.15:
        return _fill(r.choice(BACKGROUND if c.relevant else GENERAL), c)
    subj, verb, obj, pred, tail = (r.choice(part) for part in (PARTS_IKM if c.relevant else PARTS_GENERAL))
    text = f"{subj} {verb} {obj} {pred}{tail}.".format(
        kec=r.choice(KECAMATAN_WORDS), person=r.choice(PEOPLE), month=r.choice(MONTHS), com2=r.choice(COMMODITIES))
    return text[0].upper() + text[1:]


def _long_date(d: date) -> str:
    return f"{WEEKDAYS[d.weekday()]}, {d.day} {MONTHS[d.month - 1]} {d.year}"


def _related(c: _Ctx, n: int) -> str:
    items = c.rnd.sample(FILLER_RELATED, k=min(n, len(FILLER_RELATED)))
    return "".join(f'<li><a href="/{c.layout}/berita/{_slug(t)}.html">{t}</a></li>' for t in items)


def _pad(c: _Ctx, html_len: int, target: int) -> str:
    """Markup that is not the article (menus, widgets, scripts), to reach the page's size."""
    out, n = [], html_len
    k = 0
    while n < target:
        k += 1
        block = (f'<div class="widget widget-{k}"><h4>Terpopuler</h4><ul>{_related(c, 5)}</ul></div>'
                 f'<script>window.dataLayer=window.dataLayer||[];dataLayer.push({{"slot":"w{k}","id":{c.i}}});</script>')
        out.append(block)
        n += len(block)
    return "".join(out)


def _portal(c: _Ctx, url: str, title: str, paras: list[str], target: int) -> str:
    body = "".join(f"<p>{p}</p>" for p in paras)
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                     "mainEntityOfPage": {"@type": "WebPage", "@id": url}, "headline": title,
                     "datePublished": f"{c.pub.isoformat()}T{8 + c.i % 10:02d}:15:00+07:00",
                     "author": {"@type": "Person", "name": c.rnd.choice(PEOPLE)},
                     "publisher": {"@type": "Organization", "name": "Warta Kabupaten"}}, ensure_ascii=False)
    head = (f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{title} - Warta Kabupaten</title>'
            f'<link rel="canonical" href="{url}"><meta property="og:title" content="{title}">'
            f'<meta property="og:url" content="{url}"><meta property="og:type" content="article">'
            f'<meta property="article:published_time" content="{c.pub.isoformat()}T09:00:00+07:00">'
            f'<script type="application/ld+json">{ld}</script></head><body>'
            '<header class="site-header"><nav><ul><li><a href="/">Beranda</a></li><li><a href="/ekonomi">Ekonomi'
            '</a></li><li><a href="/daerah">Daerah</a></li><li><a href="/olahraga">Olahraga</a></li></ul></nav>'
            '</header><main><div class="read__header">'
            f'<h1 class="read__title">{title}</h1><div class="read__time">{_long_date(c.pub)} 09:00 WIB</div>'
            f'</div><div class="read__content">{body}</div>'
            f'<div class="read__related"><h3>Baca juga</h3><ul>{_related(c, 4)}</ul></div></main><aside>')
    tail = '</aside><footer><p>Hak cipta Warta Kabupaten. Dilarang mengutip tanpa izin.</p></footer></body></html>'
    return head + _pad(c, len(head) + len(tail), target) + tail


def _wp(c: _Ctx, url: str, title: str, paras: list[str], target: int) -> str:
    body = "".join(f"<p>{p}</p>" for p in paras)
    head = (f'<!DOCTYPE html><html lang="id-ID"><head><meta charset="UTF-8"><title>{title} &#8211; Blog UMKM Daerah'
            f'</title><link rel="canonical" href="{url}"><meta name="generator" content="WordPress 6.4">'
            "<link rel='stylesheet' id='theme-css' href='/wp-content/themes/umkm/style.css' media='all' />"
            '</head><body class="post-template-default single single-post"><div id="page" class="site">'
            '<header id="masthead"><p class="site-title">Blog UMKM Daerah</p></header><div id="content">'
            f'<article id="post-{c.i}" class="post type-post status-publish"><header class="entry-header">'
            f'<h1 class="entry-title">{title}</h1><div class="entry-meta"><time class="entry-date published" '
            f'datetime="{c.pub.isoformat()}T10:00:00+07:00">{c.pub.day} {MONTHS[c.pub.month - 1]} {c.pub.year}'
            f'</time> oleh {c.rnd.choice(PEOPLE)}</div></header><div class="entry-content">{body}</div>'
            '</article><div id="comments" class="comments-area"><h2>2 Komentar</h2><ol class="comment-list">'
            '<li class="comment"><p>Semoga makin maju usaha perajin di daerah kami.</p></li>'
            '<li class="comment"><p>Mohon info alamat sentranya, mau berkunjung.</p></li></ol></div>'
            '</div><aside id="secondary" class="widget-area">')
    tail = '</aside><footer id="colophon"><p>Dibuat dengan WordPress</p></footer></div></body></html>'
    return head + _pad(c, len(head) + len(tail), target) + tail


def _agency(c: _Ctx, url: str, title: str, paras: list[str], target: int) -> str:
    r = c.rnd
    body = "".join(f"<p>{p}</p>" for p in paras)
    table = ""
    if c.relevant and r.random() < 0.7:
        rows = []
        for k in range(r.randint(3, 8)):
            kec = r.choice(KECAMATAN_WORDS)
            rows.append(f"<tr><td>{k + 1}</td><td>Sentra {r.choice(COMMODITIES)}</td><td>{kec}</td>"
                        f"<td>{r.randint(5, 400)}</td><td>{r.randint(20, 2500)}</td>"
                        f"<td>{_thousands(r.randint(100, 90000))}</td></tr>")
        table = ('<table class="table table-bordered"><thead><tr><th>No</th><th>Nama Sentra</th><th>Kecamatan</th>'
                 '<th>Jumlah IKM</th><th>Tenaga Kerja</th><th>Nilai Produksi (Rp juta)</th></tr></thead><tbody>'
                 + "".join(rows) + "</tbody></table>")
    head = (f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{title} | {OFFICES[c.i % 4]}'
            f'</title><link rel="canonical" href="{url}"><meta property="og:title" content="{title}"></head><body>'
            f'<div class="topbar">Pemerintah {c.city.name}</div><nav class="navbar"><ul class="nav">'
            '<li><a href="/agency/">Beranda</a></li><li><a href="/agency/profil.html">Profil</a></li>'
            '<li><a href="/agency/ppid.html">PPID</a></li></ul></nav><div class="container main"><div class="row">'
            f'<div class="col-md-8 content"><h1 class="page-title">{title}</h1><div class="post-info">'
            f'<span>Diposting {c.pub.day} {MONTHS[c.pub.month - 1]} {c.pub.year}</span> | <span>Admin</span></div>'
            f'<div class="page-content">{body}{table}</div></div><div class="col-md-4 sidebar">')
    tail = ('</div></div></div><footer><p>' + OFFICES[c.i % 4] + f' {c.city.name}</p></footer></body></html>')
    return head + _pad(c, len(head) + len(tail), target) + tail


def _page(seed: int, i: int, cities) -> tuple[str, str, date]:
    """(path relative to the folder, html, published date) of page i."""
    c = _ctx(seed, i, cities)
    title = _title(c)
    path = f"{c.layout}/berita/{c.pub.year}/{i:06d}-{_slug(title)}.html"
    url = f"https://{SOURCES[c.layout]}.example/berita/{c.pub.year}/{i:06d}-{_slug(title)}"
    target = _target_bytes(c.rnd)
    paras = _paragraphs(c, target)
    html = {"portal": _portal, "wp": _wp, "agency": _agency}[c.layout](c, url, title, paras, target)
    return path, html, c.pub


def page_paths(folder: Path | str) -> list[Path]:
    """The generated pages in the folder, in page order."""
    return sorted(Path(folder).glob("*/berita/*/*.html"), key=lambda p: p.name)


def _lastmod(pub: date) -> str:
    """A page's sitemap lastmod: the morning it was published, Jakarta time."""
    return f"{pub.isoformat()}T08:00:00+07:00"


def _write_pages(folder: Path, first: int, count: int, seed: int) -> list[tuple[str, date]]:
    cities = _cities()
    out = []
    for i in range(first, first + count):
        rel, html, pub = _page(seed, i, cities)
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        out.append((rel, pub))
    return out


_ENTRY = re.compile(r"<loc>\$\{BASE_URL\}/([^<]+)</loc><lastmod>([^<]+)</lastmod>")


def _write_sitemap(folder: Path, lastmods: dict[str, str]) -> None:
    """sitemap.xml listing every page, with the lastmod of `lastmods` (by relative path) or, for pages
    the sitemap there already lists, the lastmod it gives (a page not rewritten keeps its date)."""
    old = folder / "sitemap.xml"
    kept = dict(_ENTRY.findall(old.read_text(encoding="utf-8"))) if old.exists() else {}
    entries = []
    for p in page_paths(folder):
        rel = p.relative_to(folder).as_posix()
        lastmod = lastmods.get(rel) or kept.get(rel)
        entries.append(f"<url><loc>${{BASE_URL}}/{rel}</loc>" + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "")
                       + "</url>")
    (folder / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(entries) + "\n</urlset>\n", encoding="utf-8")


def _write_sources(folder: Path, n: int) -> None:
    lines = ["# Generated by orchestration.bench.pagegen: one source per layout, all from the one sitemap.", "sources:"]
    for layout in LAYOUTS:
        lines += [f"  - name: {SOURCES[layout]}", f"    kind: {'agency' if layout == 'agency' else 'news'}",
                  "    sitemap: ${BASE_URL}/sitemap.xml", f'    link_pattern: "/{layout}/berita/"',
                  "    requests_per_second: 100000", f"    max_articles: {max(1000, 4 * n)}"]
    (folder / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def generate_site(folder: Path | str, n: int, seed: int = 0) -> Path:
    """Write pages 0..n-1, sitemap.xml and sources.yaml into folder (created); returns the folder."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = _write_pages(folder, 0, n, seed)
    (folder / "sitemap.xml").unlink(missing_ok=True)
    _write_sitemap(folder, {rel: _lastmod(pub) for rel, pub in written})
    _write_sources(folder, n)
    return folder


def add_pages(folder: Path | str, count: int, seed: int = 0) -> list[Path]:
    """Add `count` new pages after the ones there, and rewrite sitemap.xml; returns the new pages."""
    folder = Path(folder)
    first = len(page_paths(folder))
    written = _write_pages(folder, first, count, seed)
    now = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(seconds=1)  # not before the write
    _write_sitemap(folder, {rel: now.isoformat() for rel, _ in written})
    _write_sources(folder, first + count)
    return [folder / rel for rel, _ in written]
