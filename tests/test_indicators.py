"""Which indicator a number in a sentence states."""
import pytest

from scrapers.reading.indicators import classify_sentence, find_period, find_year


def readings(sentence, year=2020, prev=None):
    return [(r.indicator, r.quantity.value, r.unit) for r in classify_sentence(sentence, year, prev)]


@pytest.mark.parametrize("sentence, expected", [
    ("Kabupaten itu memiliki 17 sentra industri kecil yang tersebar di lima kecamatan.",
     [("jumlah_sentra", 17, "sentra")]),
    ("Saat ini tercatat 2.450 IKM yang aktif berproduksi.", [("jumlah_ikm", 2450, "unit")]),
    ("Di desa itu terdapat 230 perajin gerabah.", [("jumlah_ikm", 230, "unit")]),
    ("Sebanyak 96 unit usaha konveksi bergabung dalam koperasi.", [("jumlah_ikm", 96, "unit")]),
    ("Sentra tersebut menyerap 1.300 tenaga kerja dari warga sekitar.", [("tenaga_kerja", 1300, "orang")]),
    ("Industri itu mempekerjakan 85 karyawan.", [("tenaga_kerja", 85, "orang")]),
    ("Usaha mebel di kecamatan itu menyerap tenaga kerja sebanyak 4.200 orang.", [("tenaga_kerja", 4200, "orang")]),
    ("Pelatihan itu diikuti 25 peserta dari berbagai desa.", [("peserta_pelatihan", 25, "orang")]),
    ("Sebanyak 30 perajin mengikuti pelatihan desain kemasan.", [("peserta_pelatihan", 30, "orang")]),
    ("Omzet perajin mencapai Rp 75 juta per bulan.", [("nilai_omzet", 75e6, "IDR")]),
    ("Penjualan sepatu di sentra itu menembus Rp 4 miliar setahun.", [("nilai_omzet", 4e9, "IDR")]),
    ("Nilai produksi sentra gula aren mencapai Rp 6,5 miliar.", [("nilai_produksi", 6.5e9, "IDR")]),
    ("Transaksi selama pameran tercatat Rp 820 juta.", [("nilai_transaksi", 820e6, "IDR")]),
    ("Nilai ekspor kerajinan rotan mencapai US$ 1,2 juta.", [("nilai_ekspor", 1.2e6, "USD")]),
    ("Investasi di kawasan industri kecil itu mencapai Rp 20 miliar.", [("nilai_investasi", 20e9, "IDR")]),
    ("Pemkab menargetkan transaksi pameran mencapai Rp 3 miliar.", [("target_penjualan", 3e9, "IDR")]),
    ("Kementerian memberikan bantuan mesin senilai Rp 450 juta.", [("bantuan", 450e6, "IDR")]),
    ("Kota itu mendapat DAK sebesar Rp 9 miliar untuk sentra.", [("bantuan", 9e9, "IDR")]),
    # trainees named by who they are, and Kemenperin's new entrepreneurs (WUB)
    ("Di balai itu ada 180 warga yang akan dilatih membatik.", [("peserta_pelatihan", 180, "orang")]),
    ("Dinas telah melatih sebanyak 420 WUB tahun ini.", [("peserta_pelatihan", 420, "orang")]),
    # the owners counted with 'orang' after a noun naming them
    ("Pengusaha industri kecil di kota itu sebanyak 96 orang.", [("jumlah_ikm", 96, "unit")]),
    # workers absorbed by IKM, named before the count
    ("Tahun ini tenaga kerja yang terserap di IKM sebanyak 8.300 orang.", [("tenaga_kerja", 8300, "orang")]),
    ("Penyerapan tenaga kerja pada IKM di kota itu mencapai 5.600.", [("tenaga_kerja", 5600, "orang")]),
    # counted nouns: factories, places of business, 'N buah' after the noun
    ("Di kecamatan itu ada 45 pabrik tahu.", [("jumlah_ikm", 45, "unit")]),
    ("Tercatat 120 tempat usaha bordir di desa itu.", [("jumlah_ikm", 120, "unit")]),
    ("Jumlah unit usaha anyaman mencapai 2.140 buah.", [("jumlah_ikm", 2140, "unit")]),
    # rupiah left unwritten after a money word
    ("Kota itu mendapat DAK sebesar 4,5 miliar untuk sentra.", [("bantuan", 4.5e9, "IDR")]),
    ("Omzet perajin mencapai 60 juta per bulan.", [("nilai_omzet", 60e6, "IDR")]),
    # not indicators
    ("Sebuah tas dijual Rp 120.000 per buah.", []),
    ("Anggaran penyelenggaraan pameran mencapai Rp 600 juta.", []),
    ("Pemkab mengajukan usulan DAK sebesar Rp 12 miliar.", []),
    ("Kontribusi industri ini mencapai 23 persen.", []),
    ("Lahan sentra seluas 4 hektare sudah disiapkan.", []),
    ("Produksi tahu mencapai 500 kilogram per hari.", []),
    ("Produk itu diekspor ke 14 negara.", []),
    ("Ratusan perajin mengikuti pameran.", []),
    ("Kementerian menyerahkan bantuan mesin jahit untuk 12 IKM.", []),
    ("Setiap stan bisa diisi empat hingga lima perajin.", []),
    ("Sebanyak 3 dari 10 IKM belum memiliki izin edar.", []),
    ("Satu dari sepuluh IKM belum memiliki izin edar.", []),
    ("Pak Warno kini satu dari 26 perajin lurik yang tersisa.", [("jumlah_ikm", 26, "unit")]),
    ("Angka itu menyusut dibanding beberapa tahun silam ketika ada 600 perajin.", []),
    ("Pelaku usaha mebel yang berorientasi ekspor mencapai 240 pelaku usaha.", []),
    ("Pada 2009 perajin yang aktif masih 1.400 orang perajin.", [("jumlah_ikm", 1400, "unit")]),
    ("Setiap IKM mendapat bantuan Rp 10 juta.", []),
    ("Pameran diikuti 120 peserta dari 34 provinsi.", []),
    ("Perajin itu berusia 45 tahun dan merintis usaha sejak 1998.", []),
    ("Aturan itu tertuang dalam Perda Nomor 5 Tahun 2019 tentang IKM.", []),
    ("Alamatnya di Jl. Merdeka No. 12 RT 03/RW 05.", []),
    ("Ia meminjam modal Rp 50 juta dari bank.", []),
    ("Jumlah itu terdiri dari 400 usaha mikro dan 35 usaha kecil.", []),
    ("Ia salah satu IKM yang sukses.", []),
    ("Di kabupaten itu terdapat 2000 perajin bambu.", [("jumlah_ikm", 2000, "unit")]),
    ("Omzet perajin berkisar Rp 5 juta hingga Rp 10 juta per bulan.", [("nilai_omzet", 5e6, "IDR")]),
    ("Bantuan Rp 25 juta diberikan untuk masing-masing kelompok perajin.", []),
    ("Dinas menargetkan 500 IKM ikut program digitalisasi.", []),
    ("Pameran itu diikuti 60 IKM dari berbagai daerah.", []),
    ("Dinas menggelar pelatihan teknik finishing bagi 40 perajin ukir.", [("peserta_pelatihan", 40, "orang")]),
    ("Dinas memberikan bimbingan teknis kepada 300 UKM di provinsi itu.", []),
    ("Sebanyak 25 penenun muda belajar menenun di bawah bimbingan perajin senior.", [("peserta_pelatihan", 25, "orang")]),
    ("Usaha itu mempekerjakan sekitar 1.500 pembatik.", [("tenaga_kerja", 1500, "orang")]),
    # makers named by their craft are counted as business units, unless employed or trained
    ("Di kampung itu kini ada 320 penyulam kerawang yang masih aktif.", [("jumlah_ikm", 320, "unit")]),
    ("Dinas mencatat 88 penganyam pandan di kecamatan tersebut.", [("jumlah_ikm", 88, "unit")]),
    ("Bengkel tenun itu merekrut 60 penenun dari desa sekitar.", [("tenaga_kerja", 60, "orang")]),
    ("Koperasi itu bekerja sama dengan 75 penenun di desa tersebut.", [("jumlah_ikm", 75, "unit")]),
    ("Tahun lalu balai melatih 42 pengolah susu kambing soal sanitasi.", [("peserta_pelatihan", 42, "orang")]),
    ("Sebanyak 18 pengasah akik ikut kursus desain cincin di ibu kota provinsi.", [("peserta_pelatihan", 18, "orang")]),
    ("Pada 2023 sebanyak 27 pengasap mengikuti pelatihan pengemasan.", [("peserta_pelatihan", 27, "orang")]),
    # workers: 'N orang bekerja', 'yang kerja ... N orang'
    ("Kini 740 orang bekerja di usaha anyaman itu.", [("tenaga_kerja", 740, "orang")]),
    ("Perajinnya sedikit, tapi yg kerja di bengkel-bengkel itu ada 90an orang.", [("tenaga_kerja", 90, "orang")]),
    # production units housed in a sentra
    ("Sentra kopi itu ditempati 58 unit penggilingan skala kecil.", [("jumlah_ikm", 58, "unit")]),
    ("Sentra tahu di sana berisi 37 unit pembuatan tahu.", [("jumlah_ikm", 37, "unit")]),
    ("Dinas menyerahkan 12 unit pengering jagung kepada kelompok.", []),
    ("Dinas menyalurkan bantuan 6 unit penggilingan kopi kepada IKM di desa itu.", []),
    # aid for production equipment is aid, not production value
    ("Pemprov menyalurkan bantuan alat produksi berupa mesin giling senilai Rp 260.000.000.", [("bantuan", 260e6, "IDR")]),
    ("Hibah sarana produksi untuk sentra itu bernilai Rp 1,2 miliar.", [("bantuan", 1.2e9, "IDR")]),
    ("Nilai produksi sentra itu mencapai Rp 3 miliar.", [("nilai_produksi", 3e9, "IDR")]),
    # colloquial rupiah: 'jt-an', 'rb', 'M-an'
    ("Katanya omzet sebulan bisa 450 jt-an kalau musim hajatan.", [("nilai_omzet", 450e6, "IDR")]),
    ("Omset para perajin per tahun 2 M-an.", [("nilai_omzet", 2e9, "IDR")]),
    # national UMKM programmes are not a place's training facts
    ("Kementerian menggelar pelatihan pemasaran daring yang diikuti 120 ribu pelaku UMKM di 34 provinsi.", []),
    ("Nilai bantuan yang bersumber dari anggaran provinsi mencapai Rp400 juta.", [("bantuan", 400e6, "IDR")]),
    ("Realisasi penanaman modal di sektor mebel tercatat Rp640 miliar.", [("nilai_investasi", 640e9, "IDR")]),
    ("Kalau mereka berkumpul dalam satu sentra, pembinaan lebih mudah.", []),
    ("Dari 400 perajin tahu, sekitar 60 sudah berhenti berproduksi.", [("jumlah_ikm", 400, "unit")]),
    ("Dana itu dipakai untuk pelatihan 2.000 pelaku usaha.", [("peserta_pelatihan", 2000, "orang")]),
    ("Sebanyak 120 orang mengikuti pelatihan pengemasan produk.", [("peserta_pelatihan", 120, "orang")]),
    ("Pameran itu dikunjungi 5.000 orang setiap hari.", []),
    ("Pemkot menganggarkan bantuan modal usaha Rp 2 miliar bagi perajin.", [("bantuan", 2e9, "IDR")]),
    ("Sentra IKM yang jumlahnya 15 itu tersebar di sembilan kecamatan.", [("jumlah_sentra", 15, "sentra")]),
    ("Jumlah IKM di kota itu sebanyak 3.210 dengan penyerapan tenaga kerja 9.800 orang.",
     [("jumlah_ikm", 3210, "unit"), ("tenaga_kerja", 9800, "orang")]),
    # fiscal year is not a cost; completion targets are not count targets; 'salah satu dari N' states N
    ("Hibah dari APBD tahun anggaran 2024 itu senilai Rp 320 juta, berupa mesin press.", [("bantuan", 320e6, "IDR")]),
    ("Gedung sentra ditargetkan rampung Juni dan akan diisi 35 IKM anyaman.", [("jumlah_ikm", 35, "unit")]),
    ("Desa itu termasuk salah satu dari tujuh sentra IKM di kabupaten tersebut.", [("jumlah_sentra", 7, "sentra")]),
    ("Menurut data per Maret 2024, ada 1.204 unit IKM di kota itu.", [("jumlah_ikm", 1204, "unit")]),
    # money per day and sales at a fair are transactions
    ("Pada akhir pekan perputaran uang di sentra kuliner olahan ikan itu mencapai Rp 40 juta per hari.",
     [("nilai_transaksi", 40e6, "IDR")]),
    ("Selama pameran dagang bulan lalu, penjualan gerabah dari desa itu menembus Rp 600 juta.",
     [("nilai_transaksi", 600e6, "IDR")]),
    ("Omzet para pedagang di stan pasar kerajinan itu mencapai Rp 50 juta per bulan.", [("nilai_omzet", 50e6, "IDR")]),
    ("Penjualan tenun dari kabupaten itu mencapai Rp 210 juta selama pameran berlangsung.", [("nilai_transaksi", 210e6, "IDR")]),
    # equipment, prices per item, one business's own staff, UMKM statistics
    ("Dinas menyerahkan 15 unit mesin jahit kepada kelompok perajin bordir.", []),
    ("Di kecamatan itu tercatat 640 unit rumah produksi keripik.", [("jumlah_ikm", 640, "unit")]),
    ("Kami biasa membeli kulit sendiri, satu lembar Rp 120 ribu.", []),
    ("Setiap hari saya menyelesaikan 12 pasang sepatu dibantu tiga karyawan.", []),
    ("Saya punya enam pegawai di bengkel ini.", []),
    ("Kementerian mencatat jumlah pelaku UMKM di seluruh Indonesia sekitar 64 juta unit.", []),
    ("Menurut Menteri UMKM, sektor itu menyerap 110 juta tenaga kerja secara nasional.", []),
    ("Dinas Koperasi dan UKM kabupaten itu mencatat 640 unit usaha anyaman.", [("jumlah_ikm", 640, "unit")]),
    ("Usaha milik Darto kini mempekerjakan 14 karyawan.", []),
    ("Bengkelnya mempekerjakan sembilan pegawai.", []),
    ("Kami memiliki 11 karyawan tetap.", []),
    ("Usaha konveksi di kecamatan itu menyerap 2.300 pekerja.", [("tenaga_kerja", 2300, "orang")]),
    ("Di tingkat nasional, tenaga kerja IKM tercatat 3,1 juta orang.", [("tenaga_kerja", 3.1e6, "orang")]),
])
def test_classify(sentence, expected):
    got = readings(sentence)
    assert [(i, pytest.approx(v), u) for i, v, u in expected] == got


@pytest.mark.parametrize("sentence, prev, expected", [
    ("Angkanya bisa Rp 250 juta.", "Target kami sederhana.", [("target_penjualan", 250e6, "IDR")]),
    ("Pelaku usaha tahu di kelurahan itu saat ini ada 143.", None, [("jumlah_ikm", 143, "unit")]),
    ("Jumlah Unit Usaha : 245", None, [("jumlah_ikm", 245, "unit")]),
    ("IKM yang berjumlah 1.350 itu terus tumbuh.", None, [("jumlah_ikm", 1350, "unit")]),
    ("Sentra itu menyerap 30 ribu lebih tenaga kerja.", None, [("tenaga_kerja", 30000, "orang")]),
    ("Ada lima ribu perajin di sana.", None, [("jumlah_ikm", 5000, "unit")]),
    ("Tenaga Kerja : 980 orang", None, [("tenaga_kerja", 980, "orang")]),
    # 'Jumlah itu ... N unit' counts what the sentence before counted
    ("Jumlah itu naik dari tahun sebelumnya yang hanya 1.870 unit.", "Tahun ini tercatat 2.010 IKM mebel.",
     [("jumlah_ikm", 1870, "unit")]),
    ("Jumlah itu naik dari tahun sebelumnya yang hanya 1.870 unit.", "Harga kayu terus naik.", []),
])
def test_context(sentence, prev, expected):
    assert readings(sentence, prev=prev) == [(i, pytest.approx(v), u) for i, v, u in expected]


@pytest.mark.parametrize("sentence, period", [
    ("Omzet mencapai Rp 5 juta per hari.", "hari"),
    ("Transaksi harian mencapai Rp 5 juta perhari.", "hari"),
    ("Omzetnya Rp 60 juta sebulan.", "bulan"),
    ("Nilai ekspor setiap bulan Rp 2 miliar.", "bulan"),
    ("Penjualan Rp 1 miliar setahun.", "tahun"),
    ("Nilai produksi Rp 3 miliar per tahun.", "tahun"),
    ("Omzet mencapai Rp 3 miliar.", None),
])
def test_period(sentence, period):
    assert find_period(sentence) == period


@pytest.mark.parametrize("sentence, published, year", [
    ("Pada tahun 2019 jumlahnya 300 IKM.", 2021, 2019),
    ("Hingga 2016 ada 500 unit usaha.", 2018, 2016),
    ("Tahun lalu tercatat 240 IKM.", 2013, 2012),
    ("Dibanding tahun sebelumnya, jumlahnya baru 200 IKM.", 2013, 2012),
    ("Tahun depan ditargetkan 50 IKM baru.", 2020, 2021),
    ("Tahun ini ada 80 peserta.", 2020, 2020),
    ("Ada 80 peserta.", 2020, 2020),
    ("Ada 80 peserta.", None, None),
    ("Sampai akhir Oktober 2019 terdata 640 unit usaha.", 2021, 2019),
    ("Pameran pada 3-7 Mei 2015 diikuti 45 perajin.", 2016, 2015),
    ("Ada 80 peserta pada 12 Mei.", 2020, 2020),
    ("Dana DAK Fisik 2021 untuk sentra itu Rp 650 juta.", 2023, 2021),
    ("Survei industri tahunan 2020 mencatat 900 usaha.", 2023, 2020),
    ("Transaksi Gianyar Expo 2014 mencapai Rp 2 miliar.", 2015, 2014),
    ("Transaksi Pekan Tenun 2016 mencapai Rp 3 miliar.", 2018, 2016),
    ("Perajin yang ikut 2016 lebih banyak, yakni 40 orang.", 2018, 2018),   # a lower-case word: no named event
])
def test_year(sentence, published, year):
    assert find_year(sentence, None, published) == year


@pytest.mark.parametrize("sentence, years", [
    ("Pada 2018, jumlah IKM 1.200, pada 2019 naik menjadi 1.350.", [2018, 2019]),
    ("Tahun 2022 tercatat 2.100 IKM, naik dari 1.900 IKM pada 2021.", [2022, 2021]),
    # a year after the next conjunction or comparison belongs to the next figure
    ("Tahun 2016 ada 1.480 IKM sedangkan tahun 2017 ada 1.530 IKM.", [2016, 2017]),
    # 'the year before' counts from the year the sentence tells about, not from publication
    ("Pada 2015 tercatat 640 IKM, sedangkan tahun sebelumnya 610 IKM.", [2015, 2014]),
    # a year after a comparison is the year of the figure compared with, not of this one
    ("Omzet sentra itu Rp 3 miliar, naik dibandingkan tahun 2019 yang Rp 2 miliar.", [2023, 2019]),
])
def test_year_of_each_number(sentence, years):
    assert [r.year for r in classify_sentence(sentence, 2023)] == years


def test_confidence_is_lower_for_approximate_and_distant():
    exact = classify_sentence("Tercatat 412 unit usaha.", 2020)[0].confidence
    approx = classify_sentence("Tercatat sekitar 412 unit usaha.", 2020)[0].confidence
    pattern = classify_sentence("Pelaku usaha tahu di kelurahan itu saat ini ada 143.", 2020)[0].confidence
    assert 0 <= pattern < approx < exact <= 1


# ---- frames: what the rules say against a number is a named veto (or a cue), weighed by the fitted decision
from scrapers.reading.indicators import frame_sentence  # noqa: E402


@pytest.mark.parametrize("sentence, value, indicator, vetoes, cues", [
    ("Tercatat 412 unit usaha kerajinan di kota itu.", 412, "jumlah_ikm", (), ()),
    ("Kabupaten itu mencatat 812 unit perajin anyaman.", 812, "jumlah_ikm", (), ()),
    ("Jumlah IKM bertambah 27 unit usaha dibanding tahun lalu.", 27, "jumlah_ikm", ("change",), ()),
    # the part of a whole counts what the whole counts
    ("Kini hanya 45 dari total 310 perajin gerabah yang masih berproduksi.", 45, "jumlah_ikm", (), ()),
    ("Dinas itu membina 6 rintisan sentra di kota tersebut.", 6, "jumlah_sentra", (), ()),
    ("Di kabupaten itu tercatat sekitar 2.400 kegiatan home industry pengolahan ikan.", 2400, "jumlah_ikm", (), ()),
    # a count named by 'jumlah usaha' before it, followed by what it is
    ("Industri tenun dengan jumlah usaha sebanyak 1.204 merupakan yang terbesar di provinsi itu.", 1204, "jumlah_ikm",
     (), ()),
    ("Kini jumlah IKM di kota itu sebanyak 860 baik pangan maupun kerajinan.", 860, "jumlah_ikm", (), ()),
    ("Industri pangan di kota itu menyerap tenaga kerja sebanyak 3.940 jiwa.", 3940, "tenaga_kerja", (), ()),
    # the value of equipment handed over is aid; the value of a machine nobody hands over is no figure
    ("Mesin bordir komputer itu bernilai Rp 85 juta.", 85_000_000, "bantuan", ("unnamed",), ()),
    # one part picked out of the whole ('khusus ...') is not the place's stock; an office's special care is no part
    ("Khusus di kecamatan itu tercatat 210 perajin anyaman.", 210, "jumlah_ikm", ("singled_out",), ()),
    ("Dinas itu khusus membina 40 IKM logam.", 40, "jumlah_ikm", (), ()),
    ("Khusus untuk IKM rotan, saat ini tercatat 64 IKM.", 64, "jumlah_ikm", (), ()),
    ("Khusus kerupuk yang sudah dipasarkan ke luar daerah ada 31 IKM.", 31, "jumlah_ikm", ("singled_out",), ()),
    # units of equipment named before them are no firms; an owner's staff is one firm's
    ("Sentra itu dilengkapi galeri dan mesin jahit sebanyak 14 unit.", 14, "jumlah_ikm", ("unnamed",), ()),
    ("Pemilik usaha keripik itu kini mempekerjakan 26 karyawan.", 26, "tenaga_kerja", ("own_staff",), ()),
    ("Tercatat sebanyak 75 yakni perajin batik dan tenun.", 75, "jumlah_ikm", ("unnamed",), ()),
    # the change word far before the figure, the comparison right after it: still a change
    ("Ada kenaikan omzet di sentra itu kira-kira Rp 410 juta dibanding tahun sebelumnya.", 410_000_000, "nilai_omzet",
     ("change",), ()),
    ("Pertumbuhan jumlah perajin di kota itu mencapai 36 orang dibandingkan tahun lalu.", 36, "jumlah_ikm",
     ("change",), ()),
    ("Nilai ekspor naik menjadi Rp 8 miliar dibanding 2021.", 8_000_000_000, "nilai_ekspor", (), ()),
    # the growth of an amount as the subject of the clause
    ("Tahun lalu penambahan jumlah perajin di kota itu sebanyak 85 orang.", 85, "jumlah_ikm", ("change",), ()),
    ("Bantuan diberikan Rp 5 juta hingga Rp 10 juta bagi perajin.", 10_000_000, "bantuan", ("range_bound",), ()),
    ("Saat ini ada sekitar 20 dapur tahu di desa itu.", 20, "jumlah_ikm", ("unnamed",), ()),
    ("Usaha kelas menengah mempekerjakan 20-30 orang karyawan.", 20, "tenaga_kerja", ("written_range",), ()),
    ("Sebanyak 64 perajin rotan di kota itu menerima bantuan mesin.", 64, "jumlah_ikm", ("receives_aid",), ()),
    ("Sebuah sentra harus beranggotakan paling sedikit 8 unit usaha sejenis.", 8, "jumlah_ikm", ("minimum",), ()),
    ("Omzet perajin naik menjadi Rp 400–600 juta.", 400_000_000, "nilai_omzet", ("range_bound",), ()),
    # a budget set aside is aid; the budget of running an event is its cost
    ("Pemkot menyediakan anggaran Rp 2,6 miliar guna pelatihan itu.", 2_600_000_000, "bantuan", (), ()),
    ("Pemprov mengalokasikan anggaran Rp 51 miliar untuk empat sentra.", 51_000_000_000, "bantuan", (), ()),
    ("Anggaran untuk penyelenggaraan pameran itu mencapai Rp 700 juta.", 700_000_000, "nilai_transaksi",
     ("cost_word",), ()),
    # a target with its own amount does not make the amount reached a target
    ("Panitia memasang target Rp 5 miliar, dan hingga hari terakhir transaksi yang dibukukan Rp 3,2 miliar.",
     3_200_000_000, "nilai_transaksi", (), ()),
    ("Panitia memasang target Rp 5 miliar, dan hingga hari terakhir transaksi yang dibukukan Rp 3,2 miliar.",
     5_000_000_000, "target_penjualan", (), ()),
    # 'usaha produksi' is a production business: the amount is its turnover
    ("Omzet usaha produksi tenun di desa itu sekitar Rp 730 juta setiap bulan.", 730_000_000, "nilai_omzet", (), ()),
    # 'ikuti', the headline form of 'mengikuti'
    ("Sebanyak 20 pelaku usaha ikuti pelatihan pembuatan biskuit.", 20, "peserta_pelatihan", (), ()),
    # foreign-exchange earnings are exports, whatever verb comes before them
    ("Provinsi itu menghasilkan devisa 12,5 juta dolar AS dari kerajinan perak.", 12_500_000, "nilai_ekspor", (), ()),
    ("Dinas menargetkan 500 IKM ikut program tersebut.", 500, "jumlah_ikm", ("target",), ()),
    ("Bantuan mesin diserahkan untuk 7 IKM di kecamatan itu.", 7, "jumlah_ikm", ("recipient",), ()),
    ("Sejak 2019 program itu mencatat total penerima 120 perajin tenun.", 120, "jumlah_ikm", ("recipient",), ()),
    # a whole that counts large industry too, beside the part named small: only the part is an IKM figure
    ("Dari 4.210 unit usaha industri di kabupaten itu, 96 persen atau 4.040 unit merupakan industri kecil.",
     4210, "jumlah_ikm", ("sector_whole",), ()),
    ("Dari 4.210 unit usaha industri di kabupaten itu, 96 persen atau 4.040 unit merupakan industri kecil.",
     4040, "jumlah_ikm", (), ()),
    ("Industri kecil itu menyerap 9.800 pekerja dari keseluruhan 15.400 tenaga kerja di sektor industri.",
     15_400, "tenaga_kerja", ("sector_whole",), ()),
    ("Selebihnya, 170 unit usaha tergolong industri besar.", 170, "jumlah_ikm",
     ("large_industry",), ()),
    # workers named just before the number, with no verb of stating between
    ("Dengan industri itu, penyerapan tenaga kerja lebih dari 41.000.", 41_000, "tenaga_kerja", (), ()),
    ("Di desa itu, lebih dari 1.200 jiwa bergantung pada kerajinan anyaman.", 1200, "tenaga_kerja", (), ()),
    # numbers still to come, one batch of a count, who teaches, an amount each recipient gets
    ("Dari 200 peserta, nantinya akan diseleksi menjadi 25 orang peserta terbaik.", 25, "peserta_pelatihan",
     ("future",), ()),
    ("Pelatihan diikuti 45 peserta, dengan 15 peserta per angkatan.", 15, "peserta_pelatihan", ("per_unit",), ()),
    ("Pelatihan diikuti 45 peserta, dengan 15 peserta per angkatan.", 45, "peserta_pelatihan", (), ()),
    ("Setiap gerai di pasar itu diisi tiga pelaku usaha kerajinan.", 3, "jumlah_ikm", ("per_unit",), ()),
    # a rate of another quantity before the count ('ton per hari') says nothing of who is counted
    ("Produksi keripik mencapai 3 ton per hari dari 450 perajin di kabupaten itu.", 450, "jumlah_ikm", (), ()),
    ("Jumlah peserta bimtek 18 orang dengan dua orang narasumber dari provinsi.", 2, "peserta_pelatihan",
     ("trainers",), ()),
    ("Omzet pekan raya itu ditarget menembus Rp 10 miliar.", 10_000_000_000, "target_penjualan", (), ()),
    # the items of a breakdown are parts, not the place's stock
    ("Perinciannya, 20 kelompok IKM gerabah, 5 perajin tenun, dan 3 IKM makanan.", 5, "jumlah_ikm", ("subset",), ()),
    ("Peserta itu terdiri dari 12 orang asal Desa Atas dan 18 orang asal Desa Bawah.", 12, "peserta_pelatihan",
     ("subset",), ()),
    # a whole told by what it is made of, with no parts after it, is the whole
    ("Peserta pelatihan anyaman tahun ini terdiri dari 25 (dua puluh lima) orang perajin.", 25, "peserta_pelatihan",
     (), ()),
    # the whole that the subject is a share of; the share itself stays
    ("Anyaman pandan menyumbang 6 persen dari total nilai ekspor provinsi senilai 900 juta dolar AS.",
     900_000_000, "nilai_ekspor", ("share_whole",), ()),
    ("Kota itu punya 33 persen dari total usaha IKM provinsi atau 1.450 usaha.", 1450, "jumlah_ikm", (), ()),
    # the ones just told of ('these two'), not the place's stock
    ("Dinas masih fokus membina tiga IKM ini.", 3, "jumlah_ikm", ("these",), ()),
    # a whole of IKM stays a figure
    ("Dari total 52 IKM keripik di kota itu, baru 12 di antaranya yang sudah bersertifikat.", 52, "jumlah_ikm", (), ()),
])
def test_a_frame_names_what_speaks_against_a_number(sentence, value, indicator, vetoes, cues):
    frame = next(f for f in frame_sentence(sentence, 2024) if f.quantity.value == value)
    assert (frame.indicator, frame.vetoes, frame.cues) == (indicator, vetoes, cues)


def test_the_rules_keep_exactly_the_frames_with_no_veto():
    sentence = "Bantuan diberikan Rp 5 juta hingga Rp 10 juta bagi perajin, dan 500 IKM ditargetkan ikut."
    kept = [(r.indicator, r.quantity.value) for r in classify_sentence(sentence, 2024)]
    unvetoed = [(f.indicator, f.quantity.value) for f in frame_sentence(sentence, 2024) if not f.vetoes]
    assert kept == unvetoed


@pytest.mark.parametrize("sentence, vetoed", [
    ("Menurut catatan dinas, pada tahun 2019 IKM kota itu paling banyak menjual kain.", True),
    ("Sejak 2019 perajin di desa itu menjual ke luar negeri.", True),
    ("Di kabupaten itu ada 2019 IKM yang terdaftar.", False),
])
def test_a_year_before_a_counted_noun_is_vetoed_as_a_year(sentence, vetoed):
    [frame] = [f for f in frame_sentence(sentence, 2024) if f.quantity.value == 2019]
    assert ("year" in frame.vetoes) == vetoed


@pytest.mark.parametrize("sentence, year", [
    ("Nilai itu naik dibanding pameran Expo 2016 yang Rp 5 miliar.", None),   # only a year compared with
    ("Pada 2022 ada 5 sentra, naik dibanding 2021.", 2022),
    ("Jumlahnya lebih banyak daripada tahun 2019.", None),
    ("Sepanjang 2020 tercatat 90 IKM.", 2020),
    ("Tercatat 90 IKM.", None),
])
def test_a_year_compared_with_is_not_the_year_told(sentence, year):
    from scrapers.reading.indicators import told_year
    assert told_year(sentence) == year


@pytest.mark.parametrize("sentence, prev, indicator, vetoes", [
    # a list of places and their counts going on from the sentence before, the noun left out
    ("Menyusul Kota Garut dengan 1.100 unit.", "Kabupaten Tasikmalaya punya usaha bordir terbanyak.", "jumlah_ikm", ()),
    ("Berikutnya Kota Banjar dengan 640 unit.", "Jumlahnya 2.310 unit.", "jumlah_ikm", ()),
    # what each one gets is not a total
    ("Masing-masing akan mendapatkan Rp15 juta.", "Produksi kerupuk di desa itu bernilai Rp 2 miliar setahun.",
     "nilai_produksi", ("per_recipient",)),
    # units handed over are machines, not firms
    ("Tahun ini diserahkan 5 unit.", "Bantuan mesin jahit untuk perajin.", "jumlah_ikm", ("unnamed",)),
    # the value of equipment a place was given is aid
    ("Peralatan itu senilai Rp 640 juta.", "Koperasi perajin itu mendapat seperangkat mesin penyamak.", "bantuan", ()),
])
def test_a_number_whose_noun_is_in_the_sentence_before(sentence, prev, indicator, vetoes):
    frame = frame_sentence(sentence, 2024, prev)[0]
    assert (frame.indicator, frame.vetoes) == (indicator, vetoes)


@pytest.mark.parametrize("sentence, value, per_recipient", [
    ("Dinas menyalurkan bantuan Rp 15 juta untuk setiap kelompok perajin.", 15_000_000, True),
    ("Dinas memberi bantuan Rp 10 juta untuk masing-masing kelompok, dan Rp 5 juta untuk setiap perajin.", 10_000_000, True),
    # the whole, then each recipient's part: only the part is per recipient
    ("Bantuan DAK itu bernilai Rp 300 juta, yang bila dibagi maka setiap IKM menerima Rp 12 juta.", 300_000_000, False),
    ("Bantuan DAK itu bernilai Rp 300 juta, yang bila dibagi maka setiap IKM menerima Rp 12 juta.", 12_000_000, True),
])
def test_an_amount_per_recipient(sentence, value, per_recipient):
    [frame] = [f for f in frame_sentence(sentence, 2024) if f.quantity.value == value]
    assert ("per_recipient" in frame.vetoes) == per_recipient


def test_a_veto_is_named_once_however_many_words_say_it():
    # 'setiap desa' before and 'per angkatan' after both say per_unit: one veto, so n_vetoes counts reasons
    [frame] = [f for f in frame_sentence("Setiap desa mengirim 15 peserta per angkatan pelatihan.", 2024)
               if f.quantity.value == 15]
    assert frame.vetoes.count("per_unit") == 1
