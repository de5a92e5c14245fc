"""Tests for scrapers/reading/places.py. All sentences here are written for the tests."""

from __future__ import annotations

import time

import pytest

from scrapers.reading import places
from scrapers.reading.places import all_cities, article_cities, city, find_mentions, province_name


def _cities_in(text: str) -> list[str]:
    return [m.city_code for m in find_mentions(text) if m.level in ('kabkota', 'kecamatan')]


# --------------------------------------------------------------------------------------------------
# Reference data


def test_all_cities_counts():
    cs = all_cities()
    assert len(cs) == 514
    assert [c.code for c in cs] == sorted(c.code for c in cs)
    assert sum(c.kind == 'kota' for c in cs) == 98
    assert sum(c.kind == 'kabupaten' for c in cs) == 416
    assert all(c.name.startswith(('Kota ', 'Kabupaten ')) for c in cs)
    assert all(c.province_name for c in cs)


@pytest.mark.parametrize(
    'code, name, kind, province',
    [
        ('32.73', 'Kota Bandung', 'kota', 'Jawa Barat'),
        ('32.04', 'Kabupaten Bandung', 'kabupaten', 'Jawa Barat'),
        ('36.74', 'Kota Tangerang Selatan', 'kota', 'Banten'),
        ('31.74', 'Kota Jakarta Selatan', 'kota', 'Daerah Khusus Ibukota Jakarta'),
        ('31.01', 'Kabupaten Kepulauan Seribu', 'kabupaten', 'Daerah Khusus Ibukota Jakarta'),
        ('34.02', 'Kabupaten Bantul', 'kabupaten', 'Daerah Istimewa Yogyakarta'),
    ],
)
def test_city(code, name, kind, province):
    c = city(code)
    assert c is not None
    assert (c.name, c.kind, c.province_code, c.province_name) == (name, kind, code[:2], province)


def test_city_and_province_unknown():
    assert city('99.99') is None
    assert city('32') is None
    assert province_name('32') == 'Jawa Barat'
    assert province_name('32.73') is None
    assert province_name('00') is None


# --------------------------------------------------------------------------------------------------
# find_mentions: kab/kota


@pytest.mark.parametrize(
    'text, code, explicit',
    [
        ('Pemkot Bekasi menggelar pameran produk IKM.', '32.75', True),
        ('Pemkab Bekasi menggelar pameran produk IKM.', '32.16', True),
        ('Bupati Malang meresmikan sentra keramik.', '35.07', True),
        ('Wali Kota Malang meresmikan sentra keramik.', '35.73', True),
        ('Walikota Blitar hadir dalam acara itu.', '35.72', True),
        ('Wakil Bupati Kediri membuka pelatihan.', '35.06', True),
        ('Disperindag Kota Tegal mendata perajin logam.', '33.76', True),
        ('DPRD Kabupaten Tegal menyetujui anggaran sentra.', '33.28', True),
        ('Pelatihan digelar di Kab. Bogor pekan lalu.', '32.01', True),
        ('Pelatihan digelar di Kab Bogor pekan lalu.', '32.01', True),
        ('Pemerintah Kota (Pemkot) Semarang menyiapkan lahan.', '33.74', True),
        ('Pemerintah Kabupaten Semarang menyiapkan lahan.', '33.22', True),
        ('Kota Administrasi Jakarta Timur punya sentra sepatu.', '31.75', True),
        ('Perajin di Kabupaten Bandung Barat terus bertambah.', '32.17', True),
        ('Perajin di Kota Tanjung Pinang terus bertambah.', '21.72', True),
        ('Perajin di Tanjungpinang terus bertambah.', '21.72', False),
        ('IKM di Palangkaraya mendapat bantuan.', '62.71', False),
        ('IKM di Palangka Raya mendapat bantuan.', '62.71', False),
        ('Sentra tenun di Kota Bau-Bau dikunjungi menteri.', '74.72', True),
        ('Sentra tenun di Baubau dikunjungi menteri.', '74.72', False),
        ('Perajin dari Lubuk Linggau ikut pameran.', '16.73', False),
        ('Produk Pangkal Pinang dipamerkan.', '19.71', False),
        ('Sentra kerupuk di Tebing Tinggi berkembang.', '12.76', False),
        ('Sentra ukir di Jepara menyerap ribuan pekerja.', '33.20', False),
        ('KABUPATEN SUMEDANG GELAR PAMERAN TAHU', '32.11', True),
    ],
)
def test_kabkota_prefixes_and_spelling(text, code, explicit):
    ms = [m for m in find_mentions(text) if m.level == 'kabkota']
    assert ms, text
    assert ms[0].city_code == code
    assert ms[0].province_code == code[:2]
    assert ms[0].explicit is explicit


def test_mention_span_and_surface():
    text = 'Sebanyak 40 perajin di Kabupaten Bekasi dan Kota Bekasi ikut.'
    ms = find_mentions(text)
    assert [(m.surface, m.city_code) for m in ms] == [('Kabupaten Bekasi', '32.16'), ('Kota Bekasi', '32.75')]
    for m in ms:
        assert text[m.start:m.end] == m.surface


@pytest.mark.parametrize(
    'text, code',
    [
        # bare ambiguous name: the kota by default
        ('Sentra IKM Bandung menyerap banyak tenaga kerja.', '32.73'),
        ('Batik Semarang makin dikenal.', '33.74'),
        ('Perajin Bekasi ikut bazar akhir pekan.', '32.75'),
        # ... but an explicit mention of the same name elsewhere decides
        ('Dinas Perindustrian Kabupaten Bekasi membina perajin. Perajin Bekasi kini lebih maju.', '32.16'),
        ('Pemkab Malang menyiapkan sentra. Produk Malang dijual ke luar negeri.', '35.07'),
        # ... or a kecamatan of one of the two
        ('Perajin Bekasi di Cibarusah menambah mesin jahit.', '32.16'),
        ('Batik Semarang dari Gunungpati mulai diekspor.', '33.74'),
        ('Sentra sepatu Bogor di Ciomas kebanjiran pesanan.', '32.01'),
        # ... or the province (Banjar is a kota in Jawa Barat and a kabupaten in Kalimantan Selatan)
        ('Perajin intan Banjar, Kalimantan Selatan, kebanjiran pesanan.', '63.03'),
    ],
)
def test_ambiguous_bare_names(text, code):
    ms = [m for m in find_mentions(text) if m.level == 'kabkota']
    assert ms[-1].city_code == code, [(m.surface, m.city_code) for m in ms]


@pytest.mark.parametrize(
    'text, code',
    [
        ('IKM Tangsel terus bertambah.', '36.74'),
        ('Pelaku usaha di Jaksel mendapat pelatihan.', '31.74'),
        ('Perajin tenun Loteng ikut pameran.', '52.02'),
        ('Sentra rendang di Pessel diresmikan.', '13.01'),
        ('Batik Solo banyak diminati.', '33.72'),
        ('Kerajinan perak Jogja tembus pasar Eropa.', '34.71'),
        ('Produk kerajinan dari Kota Kembang dipamerkan di Jakarta.', '32.73'),
        ('Songket dari Bumi Sriwijaya dipamerkan.', '16.71'),
        ('Sentra IKM di Kota Pahlawan kebanjiran pesanan.', '35.78'),
        ('Ukiran dari Kota Ukir dikirim ke Eropa.', '33.20'),
        ('Pabrik rokok di Kota Kretek menyerap ribuan pekerja.', '33.19'),
        ('Perajin topeng di Gunkid kebanjiran pesanan.', '34.03'),
        ('Pelatihan batik bagi perajin Kulprog digelar pekan depan.', '34.01'),
    ],
)
def test_aliases(text, code):
    ms = [m for m in find_mentions(text) if m.level == 'kabkota']
    assert ms and ms[0].city_code == code, [(m.surface, m.city_code) for m in ms]


# --------------------------------------------------------------------------------------------------
# Kecamatan


@pytest.mark.parametrize(
    'text, city_code, explicit',
    [
        ('Sentra konveksi di Cibarusah terus tumbuh.', '32.16', False),
        ('Sentra konveksi di Kecamatan Cibarusah terus tumbuh.', '32.16', True),
        ('Sentra batik di Kec. Gunungpati dibina.', '33.74', True),
        ('Perajin gerabah di Kecamatan Kasihan, Bantul, bertambah.', '34.02', True),
        ('Perajin roti di Kecamatan Pamulang bertambah.', '36.74', True),
        ('Industri kulit di Kecamatan Sukaregang, Garut, maju.', None, False),  # not a kecamatan
    ],
)
def test_kecamatan(text, city_code, explicit):
    ms = [m for m in find_mentions(text) if m.level == 'kecamatan']
    if city_code is None:
        assert not ms
        return
    assert ms, text
    assert ms[0].city_code == city_code
    assert ms[0].province_code == city_code[:2]
    assert ms[0].explicit is explicit


def test_kecamatan_same_name_needs_context():
    # "Cibeber" is a kecamatan in several kab/kota; without a hint it is skipped, with one it is placed.
    assert not [m for m in find_mentions('Perajin di Cibeber sedang panen.') if m.level == 'kecamatan']
    ms = [m for m in find_mentions('Perajin di Cibeber, Kabupaten Cianjur, sedang panen.') if m.level == 'kecamatan']
    assert [m.city_code for m in ms] == ['32.03']


def test_kecamatan_common_words_are_not_places():
    assert _cities_in('Pasar baru itu ramai. Baru kali ini perajin untung. Tengah malam mereka bekerja.') == []


# --------------------------------------------------------------------------------------------------
# Province and national


@pytest.mark.parametrize(
    'text, province',
    [
        ('Jumlah IKM di Jawa Barat mencapai 100 ribu unit.', '32'),
        ('Jumlah IKM di Jabar mencapai 100 ribu unit.', '32'),
        ('Disperindag Jateng mencatat 5.000 IKM.', '33'),
        ('Dekranasda Jatim membina perajin batik.', '35'),
        ('Provinsi Sumatera Utara punya 3.000 sentra.', '12'),
        ('Pemprov Sulsel menyalurkan bantuan.', '73'),
        ('IKM di NTB dan NTT mendapat pelatihan.', '52'),
        ('Perajin di DIY kebanjiran pesanan.', '34'),
        ('Kepri menyiapkan kawasan industri.', '21'),
        ('Pemprov Babel membina perajin timah.', '19'),
        ('Gubernur Kalbar membuka pameran.', '61'),
        ('Kredit dari Bank Jateng disalurkan ke perajin.', '33'),
        ('Provinsi Jambi mencatat 2.000 IKM.', '15'),
        ('IKM Jambi terus bertambah.', '15'),  # bare name of a province and a kota: the province
    ],
)
def test_province_mentions(text, province):
    ms = find_mentions(text)
    assert ms and ms[0].level == 'province', [(m.surface, m.level) for m in ms]
    assert ms[0].province_code == province
    assert ms[0].city_code is None


def test_province_only_text_has_no_city():
    text = 'Jumlah IKM di Jawa Tengah naik menjadi 900 ribu unit, kata Kepala Disperindag Jateng.'
    assert _cities_in(text) == []
    assert article_cities('IKM Jateng Tumbuh', text) == []


def test_city_named_like_province_with_prefix():
    ms = find_mentions('Pemkot Jambi dan Kota Bengkulu meneken kerja sama.')
    assert [(m.level, m.city_code) for m in ms] == [('kabkota', '15.71'), ('kabkota', '17.71')]


@pytest.mark.parametrize(
    'text',
    [
        'Produk IKM dipasarkan ke seluruh Indonesia.',
        'Pameran tingkat nasional digelar bulan depan.',
        'Perajin se-Indonesia berkumpul di sana.',
    ],
)
def test_national(text):
    ms = find_mentions(text)
    assert [m.level for m in ms] == ['national']
    assert ms[0].city_code is None and ms[0].province_code is None


# --------------------------------------------------------------------------------------------------
# False positives


@pytest.mark.parametrize(
    'text',
    [
        'Toko itu berada di Jalan Bandung nomor 5.',  # a street
        'Kantor cabang di Jl. Surabaya sudah buka.',
        'Pameran di Hotel Malang Raya berlangsung meriah.',
        'Wali kota itu, Bima Arya, membuka acara.',  # a given name that is a kab/kota
        'Batu bata buatan perajin laris manis.',  # a common word that is a kab/kota
        'Hasil panen tahun ini kurang karena cuaca malang.',  # lower case common word
        'Para perajin melakukan solo karier.',
        'Kata Pak Tuban, hasil panen naik.',  # a title before a name
    ],
)
def test_not_a_city(text):
    assert _cities_in(text) == [], [(m.surface, m.city_code) for m in find_mentions(text)]


def test_risky_name_with_place_word():
    assert _cities_in('Perajin tenun di Bima kebanjiran pesanan.') == ['52.72']
    assert _cities_in('Perajin tenun Kabupaten Bima kebanjiran pesanan.') == ['52.06']
    assert _cities_in('Sentra apel di Kota Batu dikunjungi wisatawan.') == ['35.79']


# --------------------------------------------------------------------------------------------------
# article_cities


@pytest.mark.parametrize(
    'title, text, expected',
    [
        (None, 'BANDUNG - Dinas Perdagangan mencatat 30 sentra IKM. Selain itu ada perajin dari Garut.',
         ['32.73']),
        (None, 'BANDUNG, KOMPAS.com - Sentra rajut di Binong terus bertahan.', ['32.73']),
        (None, 'Semarang (ANTARA) - Sentra bandeng presto makin ramai.', ['33.74']),
        (None, 'Bisnis.com, BEKASI - Perajin sepatu mengikuti pelatihan pemasaran daring.', ['32.75']),
        (None, 'SERPONG,SNOL—Perajin kue kering di kawasan ini kebanjiran pesanan Lebaran.', ['36.74']),
        ('Penjahit Cibarusah Dapat Mesin Baru',
         'Pemkab Bekasi menyerahkan mesin jahit kepada perajin pakaian di Cibarusah.', ['32.16']),
        ('Pemkot Bekasi Gelar Bazar Produk Lokal', 'Perajin Bekasi memajang kerajinan bambu.', ['32.75']),
        ('Pelatihan Kemasan untuk Perajin Tangsel', 'Sebanyak 40 perajin dari Kota Tangerang Selatan ikut.', ['36.74']),
        ('Jateng Punya 900 Ribu IKM', 'Disperindag Jawa Tengah mencatat 900 ribu IKM di provinsi itu.', []),
        # the primary place wins over a city named as the origin of a visitor
        ('Sentra Ukir Jepara Dikunjungi Rombongan',
         'Sentra ukir di Kabupaten Jepara dikunjungi rombongan dari Kota Surabaya. '
         'Perajin Jepara menjual mebel ke Eropa.', ['33.20']),
        # several kabupaten in a provincial report, in order of weight then position
        (None, 'Sentra IKM di Sulawesi Barat tersebar di Kabupaten Majene, Kabupaten Mamuju dan '
               'Kabupaten Majene lagi.', ['76.05', '76.02']),
        # related-article lines do not count
        (None, 'JEPARA - Perajin ukir menambah pekerja.\nBaca juga: Sentra batik di Solo ramai', ['33.20']),
        # the venue of a statement counts less than the subject
        (None, 'Sentra tenun di Kabupaten Sambas berkembang, kata kepala dinas di Pontianak, Senin.',
         ['61.01']),
        # another kab/kota named once in passing (a market, a gallery, a contrast) is not listed
        (None, 'Sentra gerabah di Kabupaten Klaten makin ramai. Perajin di Kabupaten Klaten menambah tungku. '
               'Gerabahnya dipasarkan hingga ke Kota Surakarta.', ['33.10']),
        (None, 'Sentra batik di Kabupaten Klaten makin ramai. Perajin di Kabupaten Klaten menambah canting. '
               'Berbeda dengan Kabupaten Klaten, Kabupaten Boyolali lebih dikenal dengan susu sapi.', ['33.10']),
        (None, 'Sentra batik di Kabupaten Klaten makin ramai. Perajin di Kabupaten Klaten menambah canting. '
               'Batik itu juga dijual di Kabupaten Boyolali dan sering dibawa ke Kabupaten Boyolali.', ['33.10']),
        (None, 'Sentra tenun di Kabupaten Klaten makin ramai. Perajin di Kabupaten Klaten menambah alat tenun. '
               'Kainnya dipasarkan hingga ke Kota Semarang, Kota Surakarta, Kabupaten Kudus dan Kabupaten Pati.',
         ['33.10']),
        # ... but one that is the subject of a sentence, or where a sentra stands, is
        (None, 'Sentra batik di Kabupaten Klaten makin ramai. Perajin di Kabupaten Klaten menambah canting. '
               'Kabupaten Boyolali juga punya 40 perajin batik.', ['33.10', '33.09']),
        (None, 'Sentra batik di Kabupaten Klaten makin ramai. Perajin di Kabupaten Klaten menambah canting. '
               'Tahun depan dibangun sentra tenun lurik di Kabupaten Boyolali.', ['33.10', '33.09']),
        # a word of a title-case headline that the body writes in lower case is not a place
        ('Kerajinan Kuningan Juwana Tetap Berkilau', 'Kerajinan kuningan di Kecamatan Juwana masih bertahan. '
                                                     'Perajin kuningan di Juwana menambah produksi.', ['33.18']),
        # the venue of a fair and an event's name do not make another city listed
        (None, 'Stan Kabupaten Bantul meraup Rp 90 juta dalam pameran di Kota Yogyakarta. Perajin Kabupaten Bantul '
               'senang. Pada Jogja Expo di Kota Yogyakarta tahun lalu, perajin Kabupaten Bantul juga laris.', ['34.02']),
        # a fair in the city the story is about still makes it the subject
        (None, 'Bazar produk IKM di Kota Kediri diikuti 80 perajin tenun.', ['35.71']),
        # a city on the road to the subject is not the subject
        ('Sentra Tas Tanggulangin', 'Kalau lewat jalan raya menuju Surabaya, mampirlah ke toko tas Tanggulangin. '
                                    'Perajin di Kecamatan Tanggulangin menjahit tas kulit.', ['35.15']),
        # a dateline city that the story never names again is not listed next to the subject
        (None, 'SEMARANG - Dinas Perindustrian Jawa Tengah membina sentra tenun di Kabupaten Klaten. '
               'Perajin Kabupaten Klaten mendapat alat tenun.', ['33.10']),
        # a village named like a kabupaten elsewhere: its bare name later is still the village
        (None, 'Sentra kerupuk udang di Desa Sleman, Kabupaten Indramayu terus tumbuh. Kini perajin Sleman menambah '
               'produksi, dan kerupuk Sleman dikirim ke pasar.', ['32.12']),
        # ... but not when the article names that kabupaten itself
        (None, 'Perajin dari Desa Sleman, Kabupaten Indramayu berguru ke Kabupaten Sleman. Di Sleman mereka belajar '
               'membatik, dan sentra batik Sleman menyambut mereka.', ['34.04']),
        # a kecamatan and a village in it, with no kab/kota named (a blog): the kab/kota that holds them
        ('Jalan-jalan ke Kampung Lurik', 'Akhir pekan lalu kami jalan-jalan ke Desa Kajen, Kecamatan Pedan. Perajin lurik '
                                         'di sana ramah-ramah dan kainnya murah.', ['33.10']),
        # a kecamatan alone is not enough
        (None, 'Perajin di Kecamatan Pedan menambah motif baru.', []),
        # an event named after a city is not that city
        ('Perajin Tas Sidoarjo Ikut Pameran', 'Perajin tas Kabupaten Sidoarjo ikut Pekan Raya Surabaya. Di Pekan Raya '
                                              'Surabaya, stan tas Sidoarjo paling ramai.', ['35.15']),
        # the seat of an institution is not a place the story is about
        ('Perajin Rotan Dilatih Desain', 'Perajin rotan di Kabupaten Cirebon dilatih Balai Besar Kerajinan dan Batik '
                                         'Yogyakarta. Instruktur Balai Besar Kerajinan dan Batik Yogyakarta memuji hasilnya.',
         ['32.09']),
        # an explicit kabupaten in a fair's name is still that kabupaten
        (None, 'Pameran IKM Kabupaten Bantul digelar di alun-alun. Perajin Kabupaten Bantul memajang gerabah.', ['34.02']),
        (None, 'Perajin bordir di Kabupaten Agam menerima mesin jahit. Penyerahan digelar bersamaan wisuda SMTI Padang. '
               'Lulusan SMKN Padang juga hadir. Perajin Kabupaten Agam senang.', ['13.06']),
        # a title name that the body uses only as a street name
        ('Sentra Bordir Tasikmalaya Jelang Lebaran', 'Deretan toko bordir berjajar di Jalan Tasikmalaya, Kota Bandung. '
                                                     'Dinas Perindustrian Kota Bandung mencatat 90 perajin bordir di sana.',
         ['32.73']),
    ],
)
def test_article_cities(title, text, expected):
    assert article_cities(title, text) == expected


def test_article_cities_dateline_beats_count():
    text = ('MAGELANG - Perajin gerabah mendapat pelatihan. Peserta datang dari Kabupaten Temanggung '
            'dan Kabupaten Temanggung bagian utara.')
    assert article_cities(None, text)[0] == '33.71'


def test_article_cities_province_article_dateline_is_not_primary():
    text = ('PONTIANAK - Dinas Koperasi Kalbar menggelar lokakarya kemasan. IKM Kalbar tumbuh. Kalbar punya '
            '5.000 IKM. Dinas Provinsi Kalbar mencatat sentra di Kabupaten Sambas.')
    assert article_cities(None, text) == ['61.01']


# --------------------------------------------------------------------------------------------------
# Speed


def test_find_mentions_is_fast():
    text = ('Dinas Perindustrian Kabupaten Bekasi membina 300 IKM di Cibarusah, Jawa Barat. '
            'Pemkot Semarang dan Tangsel ikut pameran nasional di Jakarta. ') * 40
    find_mentions(text)
    t0 = time.perf_counter()
    for _ in range(10):
        find_mentions(text)
    assert (time.perf_counter() - t0) / 10 < 0.02
    assert len(text) > 5000


def test_import_is_lazy():
    assert places.__name__ == 'scrapers.reading.places'


# --------------------------------------------------------------------------------------------------
# More rules


@pytest.mark.parametrize(
    'text, expected',
    [
        # a kab/kota name that is also a kecamatan of the only kab/kota named nearby
        ('Perajin perak di Depok, Sleman, menambah produksi.', [('kecamatan', '34.04'), ('kabkota', '34.04')]),
        ('Pemkot Depok membuka sentra IKM baru.', [('kabkota', '32.76')]),
        ('Perajin di Depok, Jawa Barat, menambah produksi.', [('kabkota', '32.76'), ('province', None)]),
        # rivers, media and brand names
        ('Sungai Kapuas meluap dan merendam sentra kerajinan.', []),
        ('Menurut Radar Bogor, sentra itu sudah berdiri.', []),
        ('Metro TV melaporkan pameran itu.', []),
        ('Pemerintah Kota Metro membina perajin.', [('kabkota', '18.72')]),
        # multi-word names need every word capitalised
        ('Hasil tenun di Bandung barat laku keras.', [('kabkota', '32.73')]),
        ('Hasil tenun di Bandung Barat laku keras.', [('kabkota', '32.17')]),
        # national idioms
        ('Dari Sabang sampai Merauke produk IKM dipasarkan.', [('national', None)]),
        # towns that are not kab/kota: aliases to their kabupaten
        ('Sentra getuk di Purwokerto ramai.', [('kabkota', '33.02')]),
        ('Kawasan industri Cikarang menyerap pekerja.', [('kabkota', '32.16')]),
        # an ambiguous kecamatan is placed by the kab/kota named next to it
        ('Di Kabupaten Tangerang, sentra sepatu di Cikupa berkembang.', [('kabkota', '36.03'), ('kecamatan', '36.03')]),
        ('Warga Kebayoran Baru, Jakarta Selatan, membuat batik.', [('kecamatan', '31.74'), ('kabkota', '31.74')]),
        # a word used in lower case in the same text is not a kecamatan
        ('Tempe buatan perajin di Wajo laris. Harga tempe naik.', [('kabkota', '73.13')]),
        # a kecamatan named once with its prefix makes its bare mentions in the same text that kecamatan
        ('Toko tas Tanggulangin berjajar. Sentra itu ada di Kecamatan Tanggulangin.',
         [('kecamatan', '35.15'), ('kecamatan', '35.15')]),
    ],
)
def test_more_rules(text, expected):
    got = [(m.level, m.city_code) for m in find_mentions(text)]
    assert got == expected, [(m.surface, m.level, m.city_code) for m in find_mentions(text)]


def test_find_mentions_with_article_context():
    article = 'Dinas Perindustrian Kabupaten Bekasi membina perajin. Perajin Bekasi kini lebih maju.'
    sentence = 'Perajin Bekasi kini lebih maju.'
    assert [m.city_code for m in find_mentions(sentence)] == ['32.75']
    ms = find_mentions(sentence, context=article)
    assert [m.city_code for m in ms] == ['32.16']
    assert sentence[ms[0].start:ms[0].end] == 'Bekasi'
    ms = find_mentions('Batik Semarang laku.', context='Sentra batik di Gunungpati. Batik Semarang laku.')
    assert [m.city_code for m in ms] == ['33.74']


@pytest.mark.parametrize(
    'text, code',
    [
        ('TEMPO.CO, Bandung - Sentra rajut bertahan. Kabupaten Garut juga.', '32.73'),
        ('Purwokerto, Jawa Tengah (ANTARA) - Sentra getuk goreng ramai. Kota Tegal ikut.', '33.02'),
        ('KUDUS, Senin (12/3) - Sentra bordir ramai. Pembeli datang dari Kabupaten Pati.', '33.19'),
        ('SEMARANG (Suaramerdeka.com) - Sentra bandeng ramai. Pembeli dari Kabupaten Demak.', '33.74'),
        ('Kabar Daerah\nBATU - Sentra apel ramai. Pembeli datang dari Kabupaten Malang.', '35.79'),
        ('Jakarta - Kemenperin membina sentra tenun di Kabupaten Garut.', '32.05'),
    ],
)
def test_dateline_variants(text, code):
    assert article_cities(None, text)[0] == code


def test_list_lines_are_not_datelines():
    text = ('Sentra IKM di Jawa Barat per kabupaten/kota:\nKota Bogor - 12 sentra\nKabupaten Garut - 30 sentra\n'
            'Sentra kulit di Kabupaten Garut paling besar, disusul sentra kulit Kabupaten Garut lainnya.')
    assert places._dateline_span(text) is None
    assert article_cities(None, text)[0] == '32.05'


@pytest.mark.parametrize(
    'text, expected',
    [
        ('Perajin tahu di Kelurahan Kedaung, Kecamatan Pamulang, menambah produksi.',
         [('kelurahan', '36.74'), ('kecamatan', '36.74')]),
        ('Sentra sepatu di Kelurahan Cibaduyut Kidul, Bandung.', [('kelurahan', '32.73'), ('kabkota', '32.73')]),
        ('Perajin amplang di Kelurahan Teritip mendapat pelatihan.', [('kelurahan', '64.71')]),
        # a village name shared by several kab/kota and no hint: skipped
        ('Desa Kedaung punya banyak perajin.', []),
        # a village named like a kab/kota is the village
        ('Kerajinan di Desa Banyumas, Kabupaten Pringsewu.', [('kelurahan', '18.10'), ('kabkota', '18.10')]),
    ],
)
def test_villages(text, expected):
    ms = find_mentions(text)
    assert [(m.level, m.city_code) for m in ms] == expected
    assert all(m.explicit for m in ms if m.level == 'kelurahan')
    assert all(text[m.start:m.end] == m.surface for m in ms)


def test_kepulauan_short_names_and_old_names():
    got = [(m.surface, m.city_code) for m in find_mentions('Perajin di Mentawai, Anambas dan Toba Samosir.')]
    assert got == [('Mentawai', '13.09'), ('Anambas', '21.05'), ('Toba Samosir', '12.12')]


@pytest.mark.parametrize(
    'text, expected',
    [
        ('Perumahan di Kota Baru Parahyangan ramai pembeli.', []),
        ('Sentra rotan di Kotabaru, Kalimantan Selatan, tumbuh.', [('kabkota', '63.02'), ('province', None)]),
        ('Wisata Kota Lama Semarang dipadati pengunjung.', [('kabkota', '33.74')]),
    ],
)
def test_not_places(text, expected):
    assert [(m.level, m.city_code) for m in find_mentions(text)] == expected


def test_dateline_city_not_named_again_counts_less():
    text = ('Mataram (ANTARA) - Pemprov NTB membina sentra tenun di Desa Sukarara, Kabupaten Lombok Tengah. '
            'Perajin tenun Lombok Tengah kini mengekspor kain ke Jepang.')
    assert article_cities(None, text)[0] == '52.02'
    text = 'Mataram (ANTARA) - Sentra mutiara di Kota Mataram ramai. Perajin dari Kabupaten Lombok Barat ikut.'
    assert article_cities(None, text)[0] == '52.71'


@pytest.mark.parametrize(
    'text, level, code',
    [
        # a text that is only a name (a location column or field) is a place
        ('Gunungpati', 'kecamatan', '33.74'),
        ('Kec. Tahunan', 'kecamatan', '33.20'),
        ('Cibarusah', 'kecamatan', '32.16'),
        ('Batu', 'kabkota', '35.79'),
        ('Kelurahan Teritip', 'kelurahan', '64.71'),
        ('Ciomas', None, None),  # in two kabupaten: unknown without context
    ],
)
def test_location_fields(text, level, code):
    ms = find_mentions(text)
    if level is None:
        assert ms == []
    else:
        assert [(m.level, m.city_code) for m in ms] == [(level, code)]


def test_location_field_with_article_context():
    ms = find_mentions('Ciomas', context='Pemerintah Kabupaten Bogor membina sentra sepatu di Ciomas.')
    assert [(m.level, m.city_code) for m in ms] == [('kecamatan', '32.01')]


def test_source_line_is_not_a_dateline():
    text = 'Tabel sentra IKM di Kabupaten Jepara.\nSumber: Bidang Perindustrian, data olahan tahun 2025 dan tahun sebelumnya.'
    assert places._dateline_span(text) is None
    assert [m.city_code for m in find_mentions(text) if m.city_code] == ['33.20']


def test_neighbourhood_named_like_a_kecamatan_elsewhere():
    # Cihampelas is a kecamatan of Kabupaten Bandung Barat, and a shopping street in Kota Bandung
    text = 'Pemkot Bandung menata sentra jins. Toko di kawasan Cihampelas ramai.'
    assert [m.city_code for m in find_mentions(text) if m.city_code] == ['32.73']
    assert [m.city_code for m in find_mentions('Sentra tenun di kawasan Cihampelas ramai.')] == ['32.17']


def test_repeated_lines_count_once():
    line = 'Terpopuler: Produk kulit Garut tembus pasar ekspor tahun ini'
    text = f'BEKASI - Pemkab Bekasi membangun sentra konveksi di Cibarusah.\n{line}\n{line}'
    assert article_cities(None, text) == ['32.16']


@pytest.mark.parametrize(
    'text, code',
    [
        ('SENGKANG - Penenun sutra di kota ini menambah alat tenun bukan mesin.', '73.13'),
        ('PURWODADI - Perajin tahu menambah produksi menjelang hari raya tahun ini.', '33.15'),
        ('Singaraja (ANTARA) - Perajin tenun endek mendapat pelatihan pewarnaan alami.', '51.08'),
    ],
)
def test_seat_datelines(text, code):
    assert article_cities(None, text) == [code]


@pytest.mark.parametrize("text, word", [
    ("Batik Kuningan dan kuningan", "kuningan"), ("Bandung Barat", "Bandung"), ("Bandungan", "Bandung"),
    ("_Solo_ Solo", "Solo"), ("Bau-Bau kota", "Bau-Bau"), ("xBau-Bau", "Bau-Bau"), ("", "Solo"),
    ("Solo", ""), ("Tegal, Tegal2 Tegalé", "Tegal"), ("Jalan Pagar Alam", "Pagar Alam"),
])
def test_word_search_without_regex_finds_what_the_regex_finds(text, word):
    import re

    from scrapers.reading.places import _after_street_word, _word_starts

    assert bool(_word_starts(text, word)) == bool(word and re.search(r"\b" + re.escape(word) + r"\b", text))
    street = r"\b(?:Jalan|Jln?\.?|Gang|Gg\.?)[ \t]+"
    assert any(_after_street_word(text, i) for i in _word_starts(text, word, end_only=True)) == \
        bool(word and re.search(street + re.escape(word) + r"\b", text))
