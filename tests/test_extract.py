"""extract_page / extract_file: the JSON contract on whole pages."""
import json
from datetime import date

import pytest

from scrapers.reading.extract import extract_file, extract_page, split_sentences

CRAWL = date(2026, 11, 23)
KEYS = {"url", "title", "published", "relevant", "cities", "sentra", "facts", "reader"}
FACT_KEYS = {"city_code", "province_code", "indicator", "value", "unit", "period", "year", "sentra", "evidence",
             "confidence"}
SENTRA_KEYS = {"city_code", "name", "commodity", "commodity_group", "location", "status"}


def page(title, paragraphs, url="https://berita.contoh.id/ekonomi/sentra-ikm", head_extra="", layout="portal"):
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    head = (f'<head><meta charset="utf-8"><title>{title} - Berita Daerah</title><link rel="canonical" href="{url}">'
            f'<meta property="og:title" content="{title}">{head_extra}</head>')
    if layout == "portal":
        return (f"<!doctype html><html>{head}<body><header><nav><a href='/'>Beranda</a></nav></header><main><article>"
                f"<h1>{title}</h1><div class='detail'>{body}</div></article><aside><h3>Terpopuler</h3><ul>"
                "<li>Harga beras naik</li></ul></aside></main><footer>&copy; 2024 Redaksi</footer></body></html>")
    if layout == "wordpress":
        return (f"<!doctype html><html>{head}<body class='single'><div id='page'><article class='post'>"
                f"<h2 class='entry-title'>{title}</h2><div class='entry-content'>{body}</div></article>"
                "<div id='sidebar'><h4>Arsip</h4></div></div></body></html>")
    return f"<!doctype html><html>{head}<body><h1>{title}</h1>{body}</body></html>"


ARTICLE = page(
    "Sentra Tenun Ikat Kediri Serap 300 Tenaga Kerja",
    ["KEDIRI - Sentra tenun ikat di Kelurahan Bandar Kidul, Kota Kediri, Jawa Timur, terus berkembang. "
     "Kepala Dinas Perindustrian setempat mengatakan, di sentra itu terdapat 28 perajin tenun.",
     "\"Omzet para perajin mencapai Rp 450 juta per bulan,\" ujarnya, Selasa (12/3/2019).",
     "Pemkot juga akan membangun sentra IKM batik di Kecamatan Mojoroto tahun depan.",
     "Secara nasional, jumlah IKM tercatat 4,4 juta unit.",
     "Baca juga: Sentra kerupuk di kota lain raup Rp 9 miliar"],
)


@pytest.mark.parametrize("layout", ["portal", "wordpress", "plain"])
def test_contract_on_three_layouts(layout):
    html = ARTICLE.replace("<!doctype html>", "<!doctype html>") if layout == "portal" else page(
        "Sentra Tenun Ikat Kediri Serap 300 Tenaga Kerja",
        ["KEDIRI - Sentra tenun ikat di Kelurahan Bandar Kidul, Kota Kediri, Jawa Timur, terus berkembang. "
         "Kepala Dinas Perindustrian setempat mengatakan, di sentra itu terdapat 28 perajin tenun.",
         "\"Omzet para perajin mencapai Rp 450 juta per bulan,\" ujarnya, Selasa (12/3/2019)."], layout=layout)
    r = extract_page(html, crawl_date=CRAWL)
    assert set(r) == KEYS
    assert r["url"] == "https://berita.contoh.id/ekonomi/sentra-ikm"
    assert r["title"] == "Sentra Tenun Ikat Kediri Serap 300 Tenaga Kerja"
    assert r["published"] == "2019-03-12"
    assert r["relevant"] is True
    assert r["cities"][0] == {"code": "35.71", "name": "Kota Kediri", "province": "Jawa Timur"}
    for f in r["facts"]:
        assert set(f) == FACT_KEYS and 0 <= f["confidence"] <= 1
    for s in r["sentra"]:
        assert set(s) == SENTRA_KEYS
    facts = {(f["indicator"], f["value"], f["city_code"]) for f in r["facts"]}
    assert ("jumlah_ikm", 28, "35.71") in facts
    assert ("nilai_omzet", 450_000_000, "35.71") in facts
    json.dumps(r)  # serialisable


def test_facts_places_sentra_and_related_links():
    r = extract_page(ARTICLE, crawl_date=CRAWL)
    facts = {(f["indicator"], f["value"]): f for f in r["facts"]}
    assert facts[("nilai_omzet", 450_000_000)]["period"] == "bulan"
    nat = facts[("jumlah_ikm", 4_400_000)]
    assert nat["city_code"] is None and nat["province_code"] is None
    assert all(f["value"] != 9_000_000_000 for f in r["facts"])  # 'Baca juga' lines are not the article
    for f in r["facts"]:
        assert f["evidence"] in ARTICLE.replace("&quot;", '"')
    sentra = {(s["commodity"], s["status"]) for s in r["sentra"]}
    assert ("tenun ikat", "existing") in sentra
    assert ("batik", "planned") in sentra


def test_province_and_city_numbers():
    html = page("IKM Jawa Tengah Terus Tumbuh", [
        "SEMARANG - Jumlah IKM di Jawa Tengah pada 2021 mencapai 812.000 unit.",
        "Di Kabupaten Jepara terdapat 9.100 unit usaha mebel, sedangkan 4.300 unit usaha di Kabupaten Klaten.",
    ])
    r = extract_page(html, crawl_date=CRAWL)
    got = {(f["indicator"], f["value"]): (f["city_code"], f["province_code"]) for f in r["facts"]}
    assert got[("jumlah_ikm", 812_000)] == (None, "33")
    assert got[("jumlah_ikm", 9_100)] == ("33.20", "33")
    assert got[("jumlah_ikm", 4_300)] == ("33.10", "33")


def test_agency_table():
    table = ("<table><tr><th>No</th><th>Nama Sentra</th><th>Kecamatan</th><th>Produk</th><th>Jml IKM</th>"
             "<th>Jumlah Tenaga Kerja</th></tr>"
             "<tr><td>1</td><td>Sentra Lurik</td><td>Pedan</td><td>Tenun lurik</td><td>52</td><td>310</td></tr>"
             "<tr><td>2</td><td>Sentra Gerabah</td><td>Wedi</td><td>Gerabah</td><td>1.024</td><td>2.115</td></tr>"
             "</table>")
    html = page("Data Sentra IKM Kabupaten Klaten", ["Dinas Perindustrian Kabupaten Klaten merilis data sentra IKM."])
    table = table.replace("</table>", "<tr><th colspan=4>Jumlah</th><th>1.076</th><th>2.425</th></tr></table>")
    html = html.replace("</div></article>", table + "</div></article>")
    r = extract_page(html, crawl_date=CRAWL)
    facts = {(f["indicator"], f["value"], f["sentra"]) for f in r["facts"]}
    assert ("jumlah_ikm", 52, "Sentra Lurik") in facts
    assert ("tenaga_kerja", 2115, "Sentra Gerabah") in facts
    assert ("jumlah_ikm", 1076, None) in facts and ("tenaga_kerja", 2425, None) in facts  # the totals row
    assert all(f["evidence"].startswith("table: ") for f in r["facts"] if f["sentra"])
    assert {s["commodity"] for s in r["sentra"]} >= {"Tenun lurik", "Gerabah"}


@pytest.mark.parametrize("title, paragraphs, relevant", [
    ("Sentra Kuliner Baru Dibuka", ["Sentra kuliner di alun-alun Kota Madiun dibuka. Pedagang kaki lima menempati "
                                    "60 lapak. Wisata kuliner jadi andalan."], False),
    ("Panen Raya Bawang Merah", ["Petani bawang merah di Kabupaten Brebes panen raya. Produksi mencapai 12 ton per "
                                 "hektare. Dinas pertanian membagikan benih dan pupuk kepada petani."], False),
    ("Perajin Gerabah Pundong Bangkit", ["BANTUL - Perajin gerabah di Kabupaten Bantul kembali berproduksi. "
                                          "Tercatat 350 unit usaha gerabah aktif di sentra IKM itu."], True),
])
def test_relevance(title, paragraphs, relevant):
    assert extract_page(page(title, paragraphs), crawl_date=CRAWL)["relevant"] is relevant


@pytest.mark.parametrize("title, paragraphs, city", [
    ("Sentra Kuliner Baru Dibuka", ["Sentra kuliner di alun-alun Kota Madiun dibuka. Pedagang kaki lima menempati "
                                    "60 lapak. Wisata kuliner jadi andalan."], "35.77"),
    ("Panen Raya Bawang Merah", ["Petani bawang merah di Kabupaten Brebes panen raya. Produksi mencapai 12 ton per "
                                 "hektare dan omzet petani Rp 2 miliar. Dinas pertanian membagikan benih dan pupuk."],
     "33.29"),
])
def test_a_page_not_about_small_industry_keeps_its_city_and_states_no_facts(title, paragraphs, city):
    r = extract_page(page(title, paragraphs), crawl_date=CRAWL)
    assert (r["relevant"], [c["code"] for c in r["cities"]], r["facts"], r["sentra"]) == (False, [city], [], [])
    assert r["title"] == title


def test_no_date_stated_gives_null():
    html = page("Perajin Rotan Terus Berproduksi", ["Perajin rotan di Kabupaten Cirebon terus berproduksi."])
    assert extract_page(html, crawl_date=CRAWL)["published"] is None


def test_meta_date_wins():
    html = page("Perajin Rotan", ["Perajin rotan di Kabupaten Cirebon, Senin (4/3/2019), berproduksi."],
                head_extra='<meta property="article:published_time" content="2019-03-05T07:00:00+07:00">')
    assert extract_page(html, crawl_date=CRAWL)["published"] == "2019-03-05"


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02", b"<html><body><p>Sentra IKM tahu<div><p>", b"not html at all"])
def test_extract_file_never_raises(tmp_path, content):
    p = tmp_path / "page.html"
    p.write_bytes(content)
    r = extract_file(str(p))
    assert KEYS <= set(r)
    json.dumps(r)


def test_extract_file_missing_file():
    r = extract_file("/nonexistent/page.html")
    assert r["url"] is None and r["facts"] == [] and "error" in r


@pytest.mark.parametrize("paragraph, n", [
    ("Wakil Ketua Dekranasda Prov. Jabar Ir. H. Budi datang. Ia menutup bazar.", 2),
    ("Omzetnya Rp. 5 juta. Itu cukup.", 2),
    ("Satu kalimat saja tanpa titik", 1),
    ('"Kami senang," katanya. Lalu ia pergi!', 2),
])
def test_split_sentences(paragraph, n):
    assert len(split_sentences(paragraph)) == n


@pytest.mark.parametrize("paragraphs, value, city", [
    # the venue of a fair is not the subject of its numbers
    (["Bupati Sleman membuka pameran produk IKM Sleman di Jakarta Convention Center.",
      "Transaksi pameran yang digelar di Kota Bandung itu mencapai Rp 2 miliar."], 2_000_000_000, "34.04"),
    # 'saat ini di X' names the place itself
    (["Perajin di Kabupaten Sleman terus bertambah.", "Saat ini di Kabupaten Bantul tercatat 4.100 unit usaha kerajinan."],
     4100, "34.02"),
    # a sentence without a place takes the place of the sentence before it in the paragraph
    (["Perajin di Kabupaten Sleman terus bertambah. Perkembangan IKM di Jawa Tengah juga baik. Kini ada 9.000 unit usaha."],
     9000, None),
    # a province's total with its biggest contributor named after the number
    (["Sentra perak di Kabupaten Sleman terus tumbuh.",
      "Secara keseluruhan, ekspor kerajinan kulit Jawa Tengah mencapai 4,2 juta dolar AS, dengan Kabupaten Sleman "
      "sebagai penyumbang utama."], 4_200_000, None),
    # ... but aid from the province to a kabupaten's perajin is the kabupaten's
    (["Sentra lurik di Kecamatan Pedan, Kabupaten Klaten terus tumbuh.",
      "Pemerintah Provinsi Jawa Tengah menyalurkan bantuan Rp 450 juta kepada perajin Kabupaten Klaten."], 450e6, "33.10"),
    # 'tersebar di N kabupaten/kota' is a province-wide total, even in an article about one kabupaten
    (["Sentra gerabah di Kabupaten Klaten terus tumbuh.",
      "Data Dinas Perindustrian Jawa Tengah mencatat 41.300 unit IKM yang tersebar di 35 kabupaten/kota."], 41300, None),
    # 'di provinsi ini': the province of the article, not its kabupaten
    (["Sentra gerabah di Kabupaten Klaten terus tumbuh.",
      "Menurut Disperindag Jateng, total IKM di provinsi ini menyerap 1,4 juta tenaga kerja."], 1_400_000, None),
    # 'IKM tersebut ...' opening a paragraph is about what the paragraph before counted
    (["Sentra gerabah di Kabupaten Klaten terus tumbuh.",
      "Di Jawa Tengah kini tercatat 41.300 unit IKM yang tersebar di 35 kabupaten/kota.",
      "IKM tersebut menyerap tenaga kerja sebanyak 96.500 orang."], 96500, None),
    # a village introduced with its kabupaten places a later bare mention of it
    (["Sentra tenun di Desa Tanjungsari, Kecamatan Sukoharjo, Kabupaten Sukoharjo terus tumbuh. Sentra batik di Kota "
      "Surakarta juga ramai.",
      "Dinas Perindustrian Jawa Tengah menyerahkan bantuan senilai Rp 310 juta untuk kelompok penenun Tanjungsari."], 310e6, "33.11"),
    (["Kawasan Laweyan Kota Surakarta dikenal sebagai kampung batik. Sentra tenun di Kabupaten Sukoharjo juga ramai.",
      "Pada pameran di Jakarta, penjualan batik dari Laweyan mencapai Rp 900 juta."], 900e6, "33.72"),
    # makers and their product 'dari <place>' at a fair elsewhere: the place they come from
    (["Pameran kerajinan digelar di Kota Semarang pekan lalu.",
      "Penjualan batik dari Kabupaten Pekalongan mencapai Rp 430 juta selama pameran."], 430e6, "33.26"),
    (["Pameran kerajinan digelar di Kota Semarang pekan lalu.",
      "Perajin dari Kabupaten Batang membukukan transaksi Rp 170 juta."], 170e6, "33.25"),
    # an event named after a province or city is a name, not the place of the figure
    (["Sentra keramik di Kota Malang terus tumbuh. Dinas menargetkan transaksi perajin keramik di Jatim Fair mencapai Rp 750 juta."], 750e6, "35.73"),
    # the giver of aid is not the place that gets it
    (["Sentra gerabah di Kabupaten Klaten terus tumbuh. Tahun 2022 ada hibah dari Pemprov Jateng sebesar Rp 350 juta untuk membangun galeri bersama."], 350e6, "33.10"),
    # the seat of the institution that trains is not the place of the trainees
    (["Sentra rotan di Kabupaten Cirebon terus tumbuh. Tahun lalu Balai Besar Kerajinan dan Batik Yogyakarta melatih 40 perajin rotan."], 40, "32.09"),
    # a kecamatan named once with its prefix: its bare mentions are that kecamatan, not a city on the road to it
    (["Kalau lewat jalan raya menuju Surabaya, mampirlah ke sentra tas Tanggulangin.",
      "Kerajinan tas di Kecamatan Tanggulangin sudah ada sejak lama.",
      "Saat ini ada 350 perajin tas di Tanggulangin."], 350, "35.15"),
])
def test_fact_city_rule(paragraphs, value, city):
    r = extract_page(page("Perajin IKM Sleman", paragraphs), crawl_date=CRAWL)
    f = [f for f in r["facts"] if f["value"] == value]
    assert f and f[0]["city_code"] == city


def test_br_separated_page_with_jsonld():
    html = ('<html><head><title>Perajin Tenun Ikat Sikka Tembus Ekspor | Portal</title>'
            '<script type="application/ld+json">{"@type":"NewsArticle","headline":"x","datePublished":"2021-09-14T08:12:00+08:00",'
            '"mainEntityOfPage":{"@id":"https://portal.contoh/ekonomi/tenun"}}</script></head><body>'
            '<div class="content"><b>MAUMERE</b> - Sentra tenun ikat di Desa Nita, Kabupaten Sikka, kini menembus ekspor.<br><br>'
            'Ada 85 perajin tenun di desa itu. Omzet kelompok mencapai Rp 40 juta per bulan.<br><br></div>'
            '<div class="footer">Copyright &copy; 2021 Portal.</div></body></html>')
    r = extract_page(html, crawl_date=CRAWL)
    assert r["url"] == "https://portal.contoh/ekonomi/tenun"
    assert r["title"] == "Perajin Tenun Ikat Sikka Tembus Ekspor"
    assert r["published"] == "2021-09-14"
    assert r["cities"][0]["code"] == "53.07"
    assert {(f["indicator"], f["value"]) for f in r["facts"]} == {("jumlah_ikm", 85), ("nilai_omzet", 40_000_000)}


def test_province_wide_piece_is_not_relevant_but_keeps_its_numbers():
    html = page("IKM Kalimantan Barat Terus Tumbuh", [
        "PONTIANAK - Dinas Perindustrian Provinsi Kalimantan Barat mencatat 6.200 unit IKM di Kalimantan Barat.",
        "Pemprov Kalimantan Barat terus membina IKM. Gubernur Kalimantan Barat meminta IKM naik kelas.",
        "Kalimantan Barat juga mendorong IKM masuk pasar digital.",
    ])
    r = extract_page(html, crawl_date=CRAWL)
    assert r["relevant"] is False
    assert [(f["indicator"], f["value"], f["city_code"], f["province_code"]) for f in r["facts"]] == [
        ("jumlah_ikm", 6200, None, "61")]


@pytest.mark.parametrize("dateline", ["KABARKITA.CO., PONTIANAK –", "PONTIANAK.WARTA.ID –",
                                      "PONTIANAK, kabarkita.com |"])
def test_a_dateline_city_is_not_the_place_of_a_province_figure(dateline):
    # datelines written with an outlet's domain or a bar: the city is where the story was filed
    html = page("IKM Kalimantan Barat Terus Tumbuh", [
        f"{dateline} Dinas Perindustrian Provinsi Kalimantan Barat mencatat 6.200 unit IKM di daerahnya.",
        "Pemprov Kalimantan Barat terus membina IKM. Gubernur Kalimantan Barat meminta IKM naik kelas.",
    ])
    r = extract_page(html, crawl_date=CRAWL)
    assert [(f["value"], f["city_code"], f["province_code"]) for f in r["facts"]] == [(6200, None, "61")]


def test_byline_box_date():
    html = page("Data Sentra IKM", ["Dinas Perindustrian Kabupaten Klaten merilis data sentra IKM."])
    html = html.replace("<div class='detail'>", "<div class='post-info'><span>Diposting 10 Februari 2025</span> | "
                                                 "<span>Dilihat 240 kali</span></div><div class='detail'>")
    assert extract_page(html, crawl_date=CRAWL)["published"] == "2025-02-10"


def test_year_stated_earlier_in_the_paragraph_carries():
    html = page("IKM Kalteng", ["PALANGKA RAYA - Pada tahun 2022 Kabupaten Katingan punya 1.700 usaha IKM. "
                                "Di Kabupaten Kotawaringin Barat ada 1.100 usaha IKM."])
    r = extract_page(html, crawl_date=CRAWL)
    assert {(f["value"], f["year"]) for f in r["facts"]} == {(1700, 2022), (1100, 2022)}


def test_speakers_office_is_not_the_subject():
    html = page("Perajin Batik Tuban Kebanjiran Pesanan", [
        "TUBAN - Perajin batik gedog di Kabupaten Tuban kebanjiran pesanan. Sentra batik di Kecamatan Kerek ramai.",
        "Kepala Dinas Perindustrian dan Perdagangan Provinsi Jawa Timur mengatakan omzet perajin mencapai Rp 3 miliar per bulan.",
    ])
    r = extract_page(html, crawl_date=CRAWL)
    f = [f for f in r["facts"] if f["indicator"] == "nilai_omzet"]
    assert f and f[0]["city_code"] == "35.23"


def test_headline_line_restating_the_body_is_not_a_second_fact():
    html = ("<html><head><title>Dinas Perindustrian</title></head><body><table><tr><td>"
            "<h2>Sentra Cor Logam Serap 2 Ribu Tenaga Kerja</h2>"
            "<p>Sentra cor logam di Kecamatan Ceper, Kabupaten Klaten, menyerap 2.140 tenaga kerja.</p>"
            "<p>Para perajin logam di sentra IKM itu dibina Dinas Perindustrian.</p>"
            "</td></tr></table></body></html>")
    r = extract_page(html, crawl_date=CRAWL)
    assert [(f["indicator"], f["value"]) for f in r["facts"]] == [("tenaga_kerja", 2140)]


def test_fair_venue_in_another_city():
    html = page("Mebel Jepara Laris di Pameran", [
        "JEPARA - Perajin mebel dan ukir Kabupaten Jepara kembali ikut pameran kerajinan nasional. IKM mebel Jepara dikenal luas.",
        "Selama pameran di Jakarta, transaksi mencapai Rp 3 miliar.",
    ])
    r = extract_page(html, crawl_date=CRAWL)
    assert [(f["indicator"], f["city_code"]) for f in r["facts"]] == [("nilai_transaksi", "33.20")]


def test_sentra_across_a_province_is_not_a_named_sentra():
    r = extract_page(page("Pemetaan Sentra Tenun", [
        "Dinas Perindustrian Jawa Tengah memetakan sentra IKM tenun di kabupaten/kota se-Jawa Tengah.",
        "Hasilnya, ada 19 sentra IKM tenun. Sentra tenun lurik di Kecamatan Pedan, Kabupaten Klaten paling besar."]),
        crawl_date=CRAWL)
    assert [(s["city_code"], s["commodity"]) for s in r["sentra"]] == [("33.10", "tenun lurik")]


def test_estate_named_after_its_place_takes_the_articles_commodity():
    r = extract_page(page("IKM Logam Kabupaten Klaten Tumbuh", [
        "Kabupaten Klaten memiliki 1.200 unit usaha logam yang menyerap 6.000 tenaga kerja.",
        "Produk IKM logam dari Klaten dipasarkan ke berbagai daerah.",
        "Lingkungan Industri Kecil (LIK) Batur di Kecamatan Ceper menjadi pusat pembinaan IKM logam."]),
        crawl_date=CRAWL)
    assert [(s["city_code"], s["commodity"]) for s in r["sentra"]] == [("33.10", "logam")]


def test_numbered_list_of_sentra_are_separate_and_the_intro_is_not_one_more():
    r = extract_page(page("Sentra Olahan Ikan di Kabupaten Klaten", [
        "Dinas Perindustrian Kabupaten Klaten merinci sentra olahan ikan di Klaten sebagai berikut:",
        "1. Sentra abon ikan di Kecamatan Pedan, 12 IKM;",
        "2. Sentra kerupuk ikan di Kecamatan Ceper, 9 IKM;",
        "3. Sentra ikan asap di Kecamatan Wedi, 7 IKM."]),
        crawl_date=CRAWL)
    assert sorted(s["commodity"] for s in r["sentra"]) == ["abon ikan", "ikan asap", "kerupuk ikan"]


def test_a_planned_sentra_elsewhere_is_not_the_existing_one():
    r = extract_page(page("Perajin Tas Kabupaten Klaten", [
        "Perajin tas di Kabupaten Klaten menjadi tulang punggung sentra tas kabupaten itu.",
        "Pemkab juga merencanakan pembangunan sentra IKM tas terpadu di Kecamatan Wedi."]),
        crawl_date=CRAWL)
    assert sorted((s["commodity"], s["status"]) for s in r["sentra"]) == [("tas", "existing"), ("tas", "planned")]


def test_sentra_named_by_its_material_takes_the_product():
    r = extract_page(page("Gerabah Desa Melikan Dilirik", [
        "Sentra kerajinan tanah liat di Desa Melikan, Kecamatan Wedi, Kabupaten Klaten kembali dilirik.",
        "Perajin gerabah di desa itu kini berjumlah 120 orang.",
        "Gerabah Melikan dijual sampai ke Bali."]),
        crawl_date=CRAWL)
    assert [s["commodity"] for s in r["sentra"]] == ["gerabah"]


def test_a_page_read_once_and_stored_extracts_like_its_html():
    """The pipeline stores what read_page found (articles.jsonl) and extracts from that record: the
    result must be the one extract_page gives for the HTML itself."""
    import json
    from datetime import date
    from pathlib import Path

    from scrapers.reading.extract import extract_page
    from scrapers.reading.page import Page, read_page

    site = Path(__file__).resolve().parents[1] / "scrapers" / "sample_site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        record = json.loads(json.dumps(read_page(html).as_record()))
        stored = Page.from_record(record)
        assert extract_page(None, crawl_date=date(2026, 11, 22), page=stored) == \
            extract_page(html, crawl_date=date(2026, 11, 22)), path.name


@pytest.mark.parametrize("title, site_name, url, expected", [
    ("Sentra Batik Bangkit Lagi - Kompas.com", None, "https://regional.kompas.com/read/1", "Sentra Batik Bangkit Lagi"),
    ("Perajin Tenun Raup Omzet Besar | Republika Online", None, None, "Perajin Tenun Raup Omzet Besar"),
    ("KapanLagi.com: Omzet Perajin Rotan Naik", None, None, "Omzet Perajin Rotan Naik"),
    ("IKM Logam Tegal Tembus Ekspor - Antara News", None, "https://jateng.antaranews.com/x", "IKM Logam Tegal Tembus Ekspor"),
    ("Tribun Jogja - Pelatihan Batik untuk 40 Perajin", None, None, "Pelatihan Batik untuk 40 Perajin"),
    ("Pameran Kriya Dibuka | Kabar Pesisir", "Kabar Pesisir", None, "Pameran Kriya Dibuka"),
    # a dash inside the headline stays; a page whose title is all outlet keeps it
    ("Sentra Gerabah Kasongan - Kabupaten Bantul Bangkit", None, None, "Sentra Gerabah Kasongan - Kabupaten Bantul Bangkit"),
    ("Warta Pesisir - Kabar dari Pesisir Nusantara", None, None, "Warta Pesisir - Kabar dari Pesisir Nusantara"),
])
def test_the_stored_title_is_the_headline_without_the_outlet(title, site_name, url, expected):
    from scrapers.reading.page import headline
    assert headline(title, site_name, url) == expected


def test_extract_text_adds_the_main_text_the_reader_saw(tmp_path):
    import json as _json

    from click.testing import CliRunner

    from orchestration.cli import main
    page = tmp_path / "p.html"
    page.write_text("<html><head><title>Perajin Anyaman Kota Kediri</title></head><body>"
                    "<article><h1>Perajin Anyaman Kota Kediri</h1><p>Di Kota Kediri ada 85 unit usaha anyaman "
                    "yang masih aktif.</p></article></body></html>", encoding="utf-8")
    plain = CliRunner().invoke(main, ["extract", str(page)])
    with_text = CliRunner().invoke(main, ["extract", "--text", str(page)])
    assert "text" not in _json.loads(plain.output)
    record = _json.loads(with_text.output)
    assert "Di Kota Kediri ada 85 unit usaha anyaman yang masih aktif." in record["text"].splitlines()


def test_sentra_extract_imports_neither_dagster_nor_the_training_library(tmp_path):
    """`sentra extract` is the quick path: Dagster's import alone costs most of a second, and the fitted
    model is read as a table of weights, without scikit-learn."""
    import subprocess
    import sys
    page = tmp_path / "p.html"
    page.write_text("<html><body><p>Di Kota Kediri ada 85 unit usaha anyaman.</p></body></html>", encoding="utf-8")
    probe = ("import sys\nfrom click.testing import CliRunner\nfrom orchestration.cli import main\n"
             f"r = CliRunner().invoke(main, ['extract', {str(page)!r}])\nassert r.exit_code == 0, r.output\n"
             "print(sorted(m for m in ('dagster', 'sklearn', 'scipy', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_an_undated_page_tells_its_year_by_the_dated_event_it_reports():
    from scrapers.reading.decide import rules_decision
    html = page("Pelatihan Perajin Anyaman", [
        "Dinas Perindustrian Kabupaten Sleman menggelar pelatihan anyaman bagi perajin desa.",
        "Anyaman bambu dari desa-desa di lereng gunung itu sudah lama dikenal pembeli dari luar daerah.",
        "Selama ini perajin menjual produknya lewat pengepul di pasar kecamatan dengan harga rendah.",
        "Dinas ingin perajin bisa membuat produk baru yang lebih laku, seperti tas dan kap lampu.",
        "\"Kami ingin anyaman desa ini naik kelas,\" kata kepala dinas saat membuka pelatihan pada 15 September 2022 itu.",
        "Pelatihan itu diikuti 35 peserta dari empat desa."])
    r = extract_page(html, crawl_date=CRAWL, decider=rules_decision)
    assert r["published"] is None
    assert [(f["indicator"], f["value"], f["year"]) for f in r["facts"]] == [("peserta_pelatihan", 35, 2022)]


def test_the_year_before_counts_from_the_year_the_article_tells_about():
    from scrapers.reading.decide import rules_decision
    html = page("Pekan Tenun Ditutup", [
        "Pekan Tenun 2016 di Kabupaten Sleman ditutup dengan pawai perajin.",
        "Transaksi pameran tenun itu Rp 3 miliar, naik dibandingkan tahun sebelumnya yang Rp 2 miliar."],
        head_extra='<meta property="article:published_time" content="2019-03-01T08:00:00+07:00">')
    r = extract_page(html, crawl_date=CRAWL, decider=rules_decision)
    assert r["published"] == "2019-03-01"
    assert {(f["value"], f["year"]) for f in r["facts"]} >= {(2_000_000_000, 2015)}


def test_a_judge_that_finds_the_story_off_topic_keeps_its_city_and_is_asked_only_when_the_rules_say_relevant():
    html = page("Sentra Batik Tumbuh", ["Di Kota Pekalongan ada 120 IKM batik di sentra batik Kauman.",
                                        "Dinas Perindustrian Kota Pekalongan membina para perajin batik itu."])
    asked = []

    def off_topic(feats, rule_relevant):
        asked.append(rule_relevant)
        return False

    r = extract_page(html, crawl_date=CRAWL, judge=off_topic)
    assert asked == [True] and r["relevant"] is False
    assert [c["code"] for c in r["cities"]] == ["33.75"]
    assert extract_page(html, crawl_date=CRAWL, judge=lambda feats, rule: rule)["relevant"] is True


def _placed(city, province):
    return {"city_code": city, "province_code": province}


@pytest.mark.parametrize("same_number, kept", [
    # a province's total also read in its capital: the province's
    ([_placed("74.71", "74"), _placed(None, "74")], [_placed(None, "74")]),
    # the nation's total also read in the venue city: the nation's
    ([_placed("35.78", "35"), _placed(None, None)], [_placed(None, None)]),
    # another province's figure says nothing of this city
    ([_placed("74.71", "74"), _placed(None, "73")], [_placed("74.71", "74"), _placed(None, "73")]),
    # two cities with the same count stay two facts
    ([_placed("74.71", "74"), _placed("74.72", "74")], [_placed("74.71", "74"), _placed("74.72", "74")]),
])
def test_one_number_in_a_city_and_around_it_is_the_wider_places(same_number, kept):
    from scrapers.reading.extract import _wider_place_wins
    assert _wider_place_wins(same_number) == kept


@pytest.mark.parametrize("paragraphs, number, before", [
    (["Saat ini tercatat 420 IKM di Kota Bogor.", "Jumlah sebanyak itu menyerap 1.300 tenaga kerja."], 1300,
     "Saat ini tercatat 420 IKM di Kota Bogor."),     # a paragraph opening on 'Jumlah sebanyak itu' follows on
    (["Saat ini tercatat 420 IKM di Kota Bogor.", "Usaha batik menyerap 1.300 tenaga kerja."], 1300, None),
    (["Saat ini tercatat 420 IKM di Kota Bogor. Usaha itu menyerap 1.300 tenaga kerja."], 1300,
     "Saat ini tercatat 420 IKM di Kota Bogor."),
])
def test_a_number_knows_the_sentence_it_follows_on_from(paragraphs, number, before):
    from scrapers.reading.decide import rules_decision
    seen = {}

    def record(c):
        seen[c.frame.quantity.value] = c.prev_sentence
        return rules_decision(c)

    extract_page(page("Sentra IKM Kota Bogor", paragraphs), crawl_date=CRAWL, decider=record)
    assert seen[number] == before


@pytest.mark.parametrize("earlier, sentence, year", [
    ("Pada 2020 tercatat 4.210 IKM di kota itu.", "Dari 4.210 IKM itu, sekitar 2.500 IKM bergerak di bidang pangan.", 2020),
    ("Pada 2020 tercatat 4.210 IKM di kota itu.", "Dari jumlah 4.210 IKM, 2.500 IKM bergerak di bidang pangan.", 2020),
    ("Pada 2020 tercatat 4.210 IKM di kota itu.", "Sebanyak 2.500 IKM bergerak di bidang pangan.", None),   # no referring back
    ("Tercatat 4.210 IKM di kota itu.", "Dari 4.210 IKM itu, sekitar 2.500 IKM bergerak di bidang pangan.", None),  # no year stated
    ("Pada 2020 tercatat 4.210 IKM di kota itu.", "Dari 3.000 IKM itu, 2.500 IKM bergerak di bidang pangan.", None),  # another figure
])
def test_a_sentence_referring_back_to_a_figure_takes_its_year(earlier, sentence, year):
    from scrapers.reading.extract import _remember_years, referred_year
    from scrapers.reading.indicators import frame_sentence
    years: dict[float, int] = {}
    _remember_years(earlier, frame_sentence(earlier, 2023), years)
    assert referred_year(sentence, frame_sentence(sentence, 2023, None, 2021), years) == year


def _rule_places(paragraphs, title="Sentra IKM"):
    """(city, province, strength) the rules gave each number of a page."""
    from scrapers.reading.decide import rules_decision
    seen = {}

    def record(c):
        seen[c.frame.quantity.value] = (c.rule_city, c.rule_province, c.strength)
        return rules_decision(c)

    extract_page(page(title, paragraphs), crawl_date=CRAWL, decider=record)
    return seen


@pytest.mark.parametrize("paragraphs, number, place", [
    # a province that only says where a dropped origin lies is dropped with it: the sentence before's city
    (["Dinas meresmikan rumah produksi tenun di Kota Makassar. Selama sebulan 60 warga dilatih oleh penenun dari "
      "Kudus, Jawa Tengah."], 60, ("73.71", "73", 2)),
    # a kab/kota qualified by its province, far after the number: the kab/kota, not the province
    (["Sebanyak 30 pelaku industri kecil dan menengah yang berusaha di Kabupaten Sleman, Provinsi DI Yogyakarta, "
      "ikut pelatihan."], 30, ("34.04", "34", 3)),
    # the province alone stays the province
    (["Sebanyak 30 pelaku industri kecil dan menengah di Provinsi DI Yogyakarta ikut pelatihan."], 30,
     (None, "34", 3)),
])
def test_a_province_naming_where_a_kab_kota_lies_is_no_place_of_its_own(paragraphs, number, place):
    assert _rule_places(paragraphs)[number] == place


@pytest.mark.parametrize("paragraphs, number, place", [
    # a total after a sentence listing several kab/kota of one province: the province's
    (["Usaha tenun terbanyak ada di Kabupaten Jepara. Jumlahnya 900 unit. Usaha serupa juga ada di Kabupaten "
      "Kudus, Kabupaten Pati dan Kota Semarang. Seluruh usaha tenun itu berjumlah 2.100 unit."], 2100,
     (None, "33", 2)),
    # no total word: the last city named before, as before
    (["Usaha tenun terbanyak ada di Kabupaten Jepara. Jumlahnya 900 unit. Usaha serupa juga ada di Kabupaten "
      "Kudus, Kabupaten Pati dan Kota Semarang. Usaha itu berjumlah 2.100 unit."], 2100, ("33.74", "33", 2)),
    # a total after a single city: that city's
    (["Usaha tenun banyak ada di Kabupaten Jepara. Seluruh usaha tenun itu berjumlah 2.100 unit."], 2100,
     ("33.20", "33", 2)),
])
def test_a_total_after_a_list_of_kab_kota_is_the_provinces(paragraphs, number, place):
    assert _rule_places(paragraphs)[number] == place


@pytest.mark.parametrize("paragraphs, number, place", [
    # a story that so far placed figures only in its province: a figure with no place of its own is the
    # province's, not the dateline city's
    (["MATARAM - Dinas Perindustrian Provinsi NTB mendata 9.000 IKM di NTB tahun lalu.",
      "Perajin yang bekerja di usaha itu mencapai 40.000 orang."], 40000, (None, "52", 1)),
    # a city's figure before: the article's city, as before
    (["MATARAM - Dinas Perindustrian mendata 2.000 IKM di Kota Mataram tahun lalu.",
      "Perajin yang bekerja di usaha itu mencapai 40.000 orang."], 40000, ("52.71", "52", 1)),
    # nothing placed before
    (["MATARAM - Perajin di Kota Mataram terus bertambah.", "Perajin yang bekerja di usaha itu mencapai 40.000 orang."],
     40000, ("52.71", "52", 1)),
])
def test_in_a_province_story_a_figure_with_no_place_of_its_own_is_the_provinces(paragraphs, number, place):
    assert _rule_places(paragraphs, "IKM Tumbuh")[number] == place


def test_a_figure_repeated_keeps_the_sentence_that_dates_it():
    html = page("Dinas Perindustrian Bina Perajin Kota Madiun", [
        "MADIUN - Dinas Perindustrian Kota Madiun terus membina 1.720 IKM di kota itu.",
        "Kepala dinas mengatakan, perkembangan IKM terus naik. Pada tahun 2023 jumlah IKM di Kota Madiun "
        "mencapai 1.720 unit usaha, naik dibandingkan tahun 2022.",
    ])
    r = extract_page(html, crawl_date=CRAWL)
    [fact] = [f for f in r["facts"] if f["value"] == 1720]
    assert fact["year"] == 2023 and fact["evidence"].startswith("Pada tahun 2023")


def test_a_round_figure_beside_the_precise_one_is_the_same_fact():
    html = page("Pameran Tenun Kota Kupang Ramai", [
        "KUPANG - Pameran tenun ikat yang digelar Dinas Perindustrian Kota Kupang mencatat nilai transaksi "
        "lebih dari Rp3 miliar.",
        "Kepala dinas mengatakan, nilai transaksi pameran tahun ini tepatnya Rp3,24 miliar dari 60 stan IKM tenun.",
    ])
    r = extract_page(html, crawl_date=CRAWL)
    assert [f["value"] for f in r["facts"] if f["indicator"] == "nilai_transaksi"] == [3_240_000_000]
    assert not any("_approximate" in f for f in r["facts"])


@pytest.mark.parametrize("paragraphs, place", [
    # the place ranked above the subject ('terbesar ... setelah Kabupaten X') is not the figure's place
    (["Produksi kopi bubuk di Kabupaten Temanggung terbesar di Jawa Tengah setelah Kabupaten Wonosobo. "
      "Usaha kopi bubuk itu dijalankan 1.400 perajin."], ("33.23", "33")),
    # 'setelah' with no ranking is no comparison
    (["Pameran itu digelar setelah Kabupaten Wonosobo menetapkan sentra kopi. Usaha kopi bubuk itu dijalankan "
      "1.400 perajin."], ("33.07", "33")),
])
def test_the_place_ranked_above_the_subject_is_not_the_figures(paragraphs, place):
    assert _rule_places(paragraphs)[1400][:2] == place
