"""Indonesian dates and a page's publication date."""
from datetime import date

import pytest

from scrapers.reading.dates import parse_indonesian_date, published_date

CRAWL = date(2026, 11, 23)


@pytest.mark.parametrize("text, expected", [
    ("Kamis (19/6/2014)", date(2014, 6, 19)),
    ("Selasa, 7 Maret 2017 - 09:15 WIB", date(2017, 3, 7)),
    ("Jum'at, 3 Nopember 2017", date(2017, 11, 3)),
    ("Jumat, 3 Nov 2017", date(2017, 11, 3)),
    ("15 Mei 2013", date(2013, 5, 15)),
    ("2013-04-26", date(2013, 4, 26)),
    ("5 Pebruari 2016", date(2016, 2, 5)),
    ("17 Agust 2020", date(2020, 8, 17)),
    ("17 Agustus 2020", date(2020, 8, 17)),
    ("1 Des 2021", date(2021, 12, 1)),
    ("9 Okt 2019", date(2019, 10, 9)),
    ("Kamis, 07/03/2019 14:20", date(2019, 3, 7)),
    ("Sabtu 10 September", date(2022, 9, 10)),     # no year: latest year whose weekday fits
    ("Sabtu (26/8)", date(2023, 8, 26)),
    ("tidak ada tanggal di sini", None),
    ("", None),
    ("31 Februari 2019", None),
])
def test_parse_indonesian_date(text, expected):
    assert parse_indonesian_date(text, CRAWL) == expected


def test_year_hint_beats_latest_weekday_year():
    # 14 May is a Tuesday in 2013, 2019 and 2024: a year named in the text decides
    assert parse_indonesian_date("Selasa (14/5)", CRAWL, hints=[2013, 2013]) == date(2013, 5, 14)


def test_no_date_after_crawl_date():
    assert parse_indonesian_date("Senin, 5 Januari 2099", CRAWL) is None


@pytest.mark.parametrize("html, text, expected", [
    ('<html><head><meta property="article:published_time" content="2021-07-02T09:00:00+07:00"></head><body></body></html>',
     "Isi tanpa tanggal.", date(2021, 7, 2)),
    ('<html><head><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2019-12-30T08:00:00"}</script></head></html>',
     "", date(2019, 12, 30)),
    ('<html><body><time datetime="2018-05-21">21 Mei</time></body></html>', "", date(2018, 5, 21)),
    # no date stated: the footer's copyright year is not a publication date
    ('<html><body><p>Perajin rotan terus berproduksi.</p><footer>&copy; 2020 Redaksi</footer></body></html>',
     "Perajin rotan terus berproduksi.\n© 2020 Redaksi", None),
    # a banner with today's date loses to the article's own timestamp
    ("<html></html>", "KAMIS, 9 MEI 2019\nJudul\nSelasa, 07 Mei 2019 13:45\nIsi berita.", date(2019, 5, 7)),
    ("<html></html>", "Perajin di desa itu, Rabu (6/3/2019), memamerkan produknya.", date(2019, 3, 6)),
    # the page's own date on a line of its own wins over the date of a statement inside a sentence
    ("<html></html>", "Oleh Redaksi\n14 November 2024\nPerajin mengatakan, Rabu (13/11/2024), omzet naik.",
     date(2024, 11, 14)),
])
def test_published_date(html, text, expected):
    assert published_date(html, text, CRAWL) == expected


def test_year_from_url_date_path():
    from scrapers.reading.dates import date_from_text
    assert date_from_text("Ketua paguyuban, Selasa (18/3), menjelaskan.", CRAWL,
                          url="https://berita.contoh.id/14/03/18/judul") == date(2014, 3, 18)


@pytest.mark.parametrize("text, expected", [
    # a byline stamp with dashes around the month
    ("Penulis\nTim Redaksi\n7 - Jun - 2019, 11:05\nDinas di kota itu mendukung para perajin.", date(2019, 6, 7)),
    ("Editor: Budi\n3-Agu-2021 10:15 WIB\nSentra tenun di desa itu ramai.", date(2021, 8, 3)),
    # an agency's stamp closing the story, after a dateline with no year
    ("Sintang, 21/3 (Antara) - Perajin tenun mengembangkan motif baru.\nLorem ipsum.\n(A123/B456) 21-03-2016 08:14:05",
     date(2016, 3, 21)),
    # numbers that only look like dates stay none
    ("Sebanyak 11-15 perajin ikut, dengan 1.5 ton bahan.", None),
])
def test_byline_stamps_in_other_shapes(text, expected):
    assert published_date(None, text, date(2026, 12, 1)) == expected


@pytest.mark.parametrize("text", [
    "Jakarta, Senin (12/6/2023) pukul 10.00 WIB. Lalu Rabu, 14 Juni 2023.",
    "Kamis, 3 Maret 2022 13:45 WIB | Jumat (4/3) dan Sabtu 5-3-2022",
    "Rp 1.200 per 12/6 dan 1.5 kg; Minggu,  7 Agustus 2016, 08.15",
    "Selasa Selasa (1/2/2021) Rabu(2/2/2021)",
    "Diposting 21 - Jan - 2019, 07:12 oleh admin; 11-03-2016 09:41:05",
])
def test_the_weekday_look_back_finds_what_the_full_patterns_find(text):
    from scrapers.reading import dates
    for core, full in ((dates._DMY_CORE, dates.DMY_RE), (dates._NUM_CORE, dates.NUM_RE)):
        fast = [(m.start(), m.end(), m.group("wd"), m.group(0)) for m in dates._with_weekday(core, text)]
        assert fast == [(m.start(), m.end(), m.group("wd"), m.group(0)) for m in full.finditer(text)]
