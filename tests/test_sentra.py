"""Named sentra IKM and commodity groups."""
from datetime import date

import pytest

from scrapers.reading.extract import extract_page
from scrapers.reading.sentra import commodity_group, find_sentra, is_ikm_commodity, processed_product, product_of_material


@pytest.mark.parametrize("commodity, group", [
    ("batik", "sandang"), ("konveksi", "sandang"), ("tenun ikat", "sandang"), ("bordir", "sandang"),
    ("sepatu", "sandang"), ("fesyen", "sandang"),
    ("tahu tempe", "pangan"), ("kerupuk", "pangan"), ("bandeng presto", "pangan"), ("kopi bubuk", "pangan"),
    ("keripik singkong", "pangan"), ("makanan ringan", "pangan"), ("hasil perikanan", "pangan"),
    ("pande besi", "logam, mesin, elektronika dan alat angkut"), ("bengkel las", "logam, mesin, elektronika dan alat angkut"),
    ("mebel", "furnitur"), ("furnitur kayu", "furnitur"),
    ("genteng", "kimia dan bahan bangunan"), ("batu bata", "kimia dan bahan bangunan"), ("keramik", "kimia dan bahan bangunan"),
    ("anyaman pandan", "kerajinan dan aneka"), ("boneka", "kerajinan dan aneka"), ("percetakan", "kerajinan dan aneka"),
    ("kerajinan kayu", "kerajinan dan aneka"),
    ("", None), (None, None), ("sesuatu yang tak dikenal", None),
])
def test_commodity_group(commodity, group):
    assert commodity_group(commodity) == group


@pytest.mark.parametrize("commodity, ok", [
    ("batik", True), ("kuliner", False), ("bawang merah", False), ("padi", False), ("produksi padi", False),
    ("kerupuk ikan", True),
    # the arts are not made in workshops, carving is: 'sentra seni ukir' is a craft
    ("seni budaya", False), ("seni ukir kayu", True), ("seni ukiran kayu jati", True), ("seni kriya", True),
])
def test_is_ikm_commodity(commodity, ok):
    assert is_ikm_commodity(commodity) is ok


def found(sentence):
    return [(m.commodity, m.location, m.planned) for m in find_sentra(sentence) if m.commodity]


@pytest.mark.parametrize("sentence, expected", [
    ("Sentra kerajinan rotan di Desa Trangsan terus berkembang.", [("rotan", "Desa Trangsan", False)]),
    # a word of rank before the product, a conjunction or 'IKM' after it, are not the product
    ("Sentra ekselen pala di Desa Lolak dikunjungi menteri.", [("pala", "Desa Lolak", False)]),
    ("Sentra andalan gerabah di Desa Melikan terus berkembang.", [("gerabah", "Desa Melikan", False)]),
    ("Sentra sulam dan IKM lain di kota itu ikut pameran.", [("sulam", None, False)]),
    # a place has a name: 'di kabupaten itu' names none, and 'sebab' ends the product
    ("Sentra tenun di kabupaten itu bertahan sebab bahan mudah didapat.", [("tenun", None, False)]),
    # a capitalised product is a product, not a place; a short 'di-' verb ends the name
    ("Sentra IKM Meubeleur di Kelurahan Puuwatu diresmikan.", [("meubeleur", "Kelurahan Puuwatu", False)]),
    ("Sentra IKM songket dibuka bupati pekan lalu.", [("songket", None, False)]),
    # 'lokasi' ends the product; a product written as a name is stored as a product
    ("Sentra Olahan Rotan dan Pandan lokasi di Desa Sukarame.", [("rotan dan pandan", "Desa Sukarame", False)]),
    ("Pemkab akan membangun sentra IKM bordir di Kecamatan Tarogong.", [("bordir", "Kecamatan Tarogong", True)]),
    ("Pada 2026 Pemkab merencanakan sentra industri kecil logam di Kecamatan Ceper.", [("logam", "Kecamatan Ceper", True)]),
    ("Di kota itu ada sentra sepatu, tas, dan jaket kulit.", [("sepatu", None, False), ("tas", None, False),
                                                               ("jaket kulit", None, False)]),
    ("Beberapa sentra unggulan, seperti sentra keripik di Lowokwaru, tempe di Sanan dan Purwantoro.",
     [("keripik", "Lowokwaru", False), ("tempe", "Sanan", False), ("tempe", "Purwantoro", False)]),
    ("Kampung Industri Kerupuk di Kelurahan Tambak menjadi tujuan wisata.", [("kerupuk", "Kelurahan Tambak", False)]),
    ("Sentra batik di Kelurahan Sondakan sudah lama dikenal, sementara itu pemkot juga menyiapkan anggaran untuk "
     "membangun gedung parkir baru di pusat kota.", [("batik", "Kelurahan Sondakan", False)]),
    ("Sentra kerajinan perak khas Kotagede dikunjungi wisatawan.", [("perak", None, False)]),
    ("Bazar diikuti IKM tenun dari sentra Lowok, Ngadi, dan Jetis, serta perajin anyaman dari kampung lain.",
     [("tenun", "Lowok", False), ("tenun", "Ngadi", False), ("tenun", "Jetis", False)]),
    ("Produk datang dari sentra fesyen, boneka, hingga peralatan rumah tangga.",
     [("fesyen", None, False), ("boneka", None, False), ("peralatan rumah tangga", None, False)]),
    # an everyday spelling is stored in its standard form
    ("Sentra kripik di Jalan Merdeka ramai pembeli.", [("keripik", "Jalan Merdeka", False)]),
    # not sentra IKM
    ("Sentra kuliner di alun-alun ramai pengunjung.", []),
    ("Kabupaten itu dikenal sebagai sentra bawang merah.", []),
    ("Daerah itu menjadi sentra produksi padi.", []),
    ("Sentra IKM yang dibina dinas terus bertambah.", []),
    ("Sentra-sentra IKM dibina secara rutin.", []),
    ("Sentra Wedoro pernah berjaya pada dekade lalu.", []),
    ("Di Kabupaten Rembang, sentra batik tulis Lasem menyerap 900 tenaga kerja.", [("batik tulis", "Lasem", False)]),
    ("Pemkab berencana membangun sentra IKM gula kelapa kedua di Kecamatan Somagede.",
     [("gula kelapa", "Kecamatan Somagede", True)]),
    ("Dinas memetakan sentra produksi kain khas daerah setempat menurut jenisnya.", []),
    ("Kota itu memiliki 18 sentra kerajinan.", []),
    ("Sentra tersebut hendaknya dikelola dengan baik.", []),
    # 'kampung <product>' as a sentra: with a place after 'di', or in apposition to a place name
    ("Kami singgah di kampung gerabah di Kabupaten Lombok Barat.", [("gerabah", "Kabupaten Lombok Barat", False)]),
    ("Kami mampir ke Kasongan, kampung gerabah yang terkenal itu.", [("gerabah", None, False)]),
    ("Ia pulang ke kampung halaman setiap Lebaran.", []),
    ("Warga kampung tenun itu ramah.", []),
    # one sentra over several places is one sentra, unless the sentence counts several
    ("Sentra kerajinan bambu di Desa Sumber dan Desa Rejo, Kecamatan Kali, terus dibina.",
     [("bambu", "Desa Sumber dan Desa Rejo, Kecamatan Kali", False)]),
    ("Ada dua sentra tenun yang masing-masing terletak di Desa Sumber dan Desa Rejo.",
     [("tenun", "Desa Sumber", False), ("tenun", "Desa Rejo", False)]),
    # the kind of a planned sentra ('terpadu') is not its commodity
    ("Pemkot merencanakan pembangunan sentra IKM mebel terpadu di Kecamatan Timur.", [("mebel", "Kecamatan Timur", True)]),
    # 'telah membangun' and rebuilding are about a sentra that exists
    ("Pemkab telah membangun gedung sentra IKM gerabah di Desa Lor.", [("gerabah", "Desa Lor", False)]),
    ("Pemkot sedang menata ulang sentra tahu di Kelurahan Barat yang rusak akibat banjir.",
     [("tahu", "Kelurahan Barat", False)]),
    # processed farm produce is an IKM commodity
    ("Dinas membina sentra bawang goreng di Kelurahan Utara.", [("bawang goreng", "Kelurahan Utara", False)]),
    # 'sentra dan <something>': the sentra and another item, not a sentra named after it
    ("Dana itu untuk merenovasi gedung sentra dan pengadaan mesin jahit.", []),
    # '7 sentra, semuanya berbasis X' counts sentra of a kind
    ("Kota itu punya 7 sentra, semuanya berbasis olahan ikan.", []),
    # a plan to form sentra is a plan ('akan membentuk'), and it holds for the sentra listed on after the first
    ("Bulan depan dinas akan membentuk sentra gerabah dan sentra anyaman.", [("gerabah", None, True),
                                                                         ("anyaman", None, True)]),
    # the sentra counted first and listed after 'yakni' / 'yaitu'
    ("Ada dua sentra yang sudah berdiri yakni, gerabah di Desa Kidul, dan rotan di Desa Pojok.",
     [("gerabah", "Desa Kidul", False), ("rotan", "Desa Pojok", False)]),
    ("Sentra tersebut yaitu pengembangan industri pengolahan hasil hutan di Kabupaten Jauh.",
     [("hasil hutan", "Kabupaten Jauh", False)]),
    ("Tiga sentra itu meliputi sentra tenun di Desa Atas dan sentra kopi di Desa Bawah.",
     [("tenun", "Desa Atas", False), ("kopi", "Desa Bawah", False)]),
    # a capitalised product word is a product, not a place
    ("Desa itu punya Sentra Pengolahan Perikanan di Kecamatan Pantai.", [("perikanan", "Kecamatan Pantai", False)]),
    # 'olahan' alone names no product; processed farm produce is made by IKM
    ("Desa itu ingin membangun sentra olahan berbahan dasar jagung.", []),
    ("Dana itu dipakai membangun Sentra IKM Olahan Jagung di Desa Tengah.", [("jagung", "Desa Tengah", True)]),
])
def test_find_sentra(sentence, expected):
    assert found(sentence) == expected


@pytest.mark.parametrize("commodity, text, product", [
    ("tanah liat", "Gerabah desa itu laku. Perajin gerabah menjual ke kota.", "gerabah"),
    ("kerajinan tanah liat", "Tembikar dan tembikar hias dijual di pasar.", "tembikar"),
    ("tanah liat", "Tanah liat diambil dari sawah.", None),
    ("batik", "Gerabah dan gerabah.", None),
])
def test_product_of_material(commodity, text, product):
    assert product_of_material(commodity, text) == product


def test_industrial_estate_named_after_its_place():
    ms = find_sentra("Lingkungan Industri Kecil (LIK) Sukamulya di Kecamatan Cikupa menjadi pusat pelatihan.")
    assert ms and ms[0].place_named and ms[0].commodity is None


def test_generic_sentra_is_reported_as_generic():
    ms = find_sentra("Pemkab berniat membangun sentra IKM di pusat kota.")
    assert ms and ms[0].generic and ms[0].planned and ms[0].commodity is None


@pytest.mark.parametrize("phrase, valid", [
    ("batik warna alam", True), ("tenun songket", True), ("kerupuk", True),
    ("unggulan lokal", False), ("binaan", False), ("baik", False), ("sektor", False), ("potensi lokal", False),
])
def test_words_of_praise_status_or_kind_are_no_commodity(phrase, valid):
    from scrapers.reading.sentra import valid_commodity
    assert valid_commodity(phrase) == valid


@pytest.mark.parametrize("text, product", [
    ("Gedung sentra IKM dibangun. IKM Olahan Kopi di sana dibina. Peluncuran IKM Olahan Kopi digelar.", "olahan kopi"),
    ("Pelaku IKM (IKM) Olahan Susu ikut. Produk olahan susu dijual ke kota.", "olahan susu"),
    # named once, or two products as often as each other: none stands out
    ("Kelompok membuat produk olahan kopi.", None),
    ("Produk olahan kopi dan produk olahan susu. Lalu produk olahan susu dan produk olahan kopi.", None),
    ("Sentra IKM akan dibangun tahun depan.", None),
])
def test_processed_product_of_a_sentra_named_without_one(text, product):
    assert processed_product(text) == product


@pytest.mark.parametrize("sentence, expected", [
    # a plan said before a list of sentra holds for every sentra listed on after a comma
    ("Rencananya, sentra tahu di Desa Kulon, sentra batik di Desa Wetan, dan sentra kopi di Desa Lor.",
     {("tahu", "Desa Kulon", True), ("batik", "Desa Wetan", True), ("kopi", "Desa Lor", True)}),
    ("Sentra tahu di Desa Kulon, sentra batik di Desa Wetan, dan sentra kopi di Desa Lor.",
     {("tahu", "Desa Kulon", False), ("batik", "Desa Wetan", False), ("kopi", "Desa Lor", False)}),
])
def test_a_plan_holds_for_the_sentra_listed_on(sentence, expected):
    assert set(found(sentence)) == expected


def page_of(title, paragraphs):
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!doctype html><html><head><meta charset="utf-8"><title>{title}</title></head><body><article>'
            f"<h1>{title}</h1>{body}</article></body></html>")


@pytest.mark.parametrize("paragraphs, expected", [
    # a kind of sentra spread over several kab/kota is the province's, not a sentra of one city
    (["Dinas Perindustrian Kabupaten Klaten membina IKM logam di Kecamatan Ceper.",
      "Jawa Tengah memiliki 30 sentra IKM yang meliputi sentra gerabah, logam dan tenun yang tersebar di Klaten, "
      "Boyolali dan Sragen."], []),
    # spread over places of one city it is still that city's sentra
    (["Dinas Perindustrian Kabupaten Klaten membina sentra IKM tenun yang tersebar di Kecamatan Pedan dan "
      "Kecamatan Cawas, Kabupaten Klaten."], [("33.10", "tenun")]),
    # 'sentra X dan di B akan ...': the place after 'dan di' is the next clause's
    (["Kemenperin menyiapkan sentra IKM baru. Di Kabupaten Klaten akan dibangun sentra IKM olahan susu dan di "
      "Kabupaten Boyolali akan dikembangkan IKM pengolahan kopi."], [("33.10", "susu")]),
])
def test_the_city_of_a_sentra(paragraphs, expected):
    r = extract_page(page_of("Sentra IKM", paragraphs), crawl_date=date(2026, 11, 23))
    assert [(s["city_code"], s["commodity"]) for s in r["sentra"]] == expected
