"""Indonesian numbers: parsing and finding quantities in a sentence."""
import math

import pytest

from scrapers.reading.numbers import find_quantities, parse_money, parse_number, parse_rupiah, parse_words


@pytest.mark.parametrize("text, expected", [
    ("10.000", 10000),
    ("1.089.367", 1089367),
    ("1,5", 1.5),
    ("2,3 juta", 2_300_000),
    ("15.000-16.000", 15000),        # a range gives its lower bound
    ("300-an", 300),
    ("dua", 2),
    ("sebelas", 11),
    ("dua puluh lima", 25),
    ("seratus", 100),
    ("seribu lima ratus", 1500),
    ("tiga ribu", 3000),
    ("1O.000", 10000),               # letter O typed for zero
    ("1..500", 1500),                # doubled separator
    ("puluhan", None),               # vague: no figure is invented
    ("ratusan", None),
    ("ribuan", None),
    ("", None),
    ("abc", None),
])
def test_parse_number(text, expected):
    got = parse_number(text)
    if expected is None:
        assert got is None
    else:
        assert got == pytest.approx(expected)


@pytest.mark.parametrize("text, value, unit", [
    ("Rp15 miliar", 15e9, "IDR"),
    ("Rp 1,5 triliun", 1.5e12, "IDR"),
    ("Rp2,3 M", 2.3e9, "IDR"),
    ("R1,4 Miliyar", 1.4e9, "IDR"),
    ("Rp300 juta", 3e8, "IDR"),
    ("Rp. 750 ribu", 750_000, "IDR"),
    ("Rp 12.500.000", 12_500_000, "IDR"),
    ("US$2 juta", 2e6, "USD"),
    ("75 juta dolar AS", 7.5e7, "USD"),
    ("45 juta US dolar", 4.5e7, "USD"),
    ("USD 3,2 juta", 3.2e6, "USD"),
])
def test_parse_money(text, value, unit):
    v, u = parse_money(text)
    assert v == pytest.approx(value)
    assert u == unit
    assert parse_rupiah(text) == pytest.approx(value)


@pytest.mark.parametrize("words, value", [
    ("empat belas", 14), ("tujuh puluh", 70), ("dua ratus tiga puluh", 230), ("lima ribu", 5000),
    ("dua tiga", None),
])
def test_parse_words(words, value):
    assert parse_words(words) == value


def _kinds(sentence):
    return [(q.text, q.kind) for q in find_quantities(sentence)]


@pytest.mark.parametrize("sentence, text, kind", [
    ("Kontribusinya mencapai 12,5 persen terhadap PDRB kabupaten.", "12,5", "percent"),
    ("Pertumbuhan sektor ini mencapai 7% tahun ini.", "7", "percent"),
    ("Pada tahun 2021 pemerintah mulai membina perajin.", "2021", "year"),
    ("Kegiatan berlangsung Rabu (14/8/2019) di pendopo.", "14", "date"),
    ("Pameran digelar 20 Oktober di gedung serbaguna.", "20", "date"),
    ("Keterangan lebih lanjut di nomor 081398765432.", "081398765432", "phone"),
    ("Satu kain dijual Rp 250.000 per lembar.", "Rp 250.000", "price"),
    ("Harga sepasang sepatu berkisar Rp 150.000 di toko.", "Rp 150.000", "price"),
    ("Gedung berdiri pada tanah 2,5 hektare.", "2,5", "measure"),
    ("Produksi kedelai mencapai 300 kilogram per hari.", "300", "measure"),
    ("Setiap bulan terjual 12 ton keripik.", "12", "measure"),
    ("Pelatihan berlangsung selama lima hari.", "lima", "duration"),
    ("Omzet mencapai Rp 40 juta per bulan.", "Rp 40 juta", "money"),
    ("Terdapat 1.250 unit usaha di kawasan itu.", "1.250", "number"),
    ("Pukul 10.30 WIB acara dimulai.", "10.30", "time"),
    ("Bahan bakunya mahal, satu gulung Rp 60 ribu.", "Rp 60 ribu", "price"),
    ("Kain itu selembar Rp 300.000.", "Rp 300.000", "price"),
    ("Omzet satu sentra Rp 2 miliar.", "Rp 2 miliar", "money"),
    # colloquial rupiah without 'Rp' after a money word
    ("Penjualan bulan lalu katanya 250 jt-an.", "250 jt-an", "money"),
    ("Omzetnya tembus 3 M-an setahun.", "3 M-an", "money"),
    ("Pendapatan sehari cuma 80 rb.", "80 rb", "money"),
    ("Warga desa itu ada 2 jt orang.", "2 jt", "number"),
])
def test_kinds(sentence, text, kind):
    assert (text, kind) in _kinds(sentence)


@pytest.mark.parametrize("sentence, text, approx", [
    ("Ada sekitar 300 perajin di desa itu.", "300", True),
    ("Jumlahnya lebih dari 42.500 orang.", "42.500", True),
    ("Hampir 50 sentra sudah terbentuk.", "50", True),
    ("Transaksi menembus Rp4 miliar lebih.", "Rp4 miliar", True),
    ("Tercatat 412 unit usaha.", "412", False),
    ("Ada 300-an pelaku usaha.", "300-an", True),
    ("Omzet bisa 120 jt-an per bulan.", "120 jt-an", True),
])
def test_approximate(sentence, text, approx):
    q = [q for q in find_quantities(sentence) if q.text == text]
    assert q and q[0].approximate is approx


def test_spans_point_into_the_sentence():
    s = "Sebanyak 31 sentra menyerap 7.250 tenaga kerja dengan omzet Rp 5 miliar."
    for q in find_quantities(s):
        assert s[q.start:q.end] == q.text


def test_vague_amounts_are_reported_without_a_figure():
    qs = find_quantities("Ratusan perajin dan puluhan sentra ikut pameran.")
    assert qs and all(q.vague and math.isnan(q.value) for q in qs)


@pytest.mark.parametrize("sentence", [
    "Ia salah satu perajin tertua.",
    "Kode KBLI10 dipakai untuk makanan.",
    "Lokasinya di 2x11 Enam Lingkung.",
])
def test_not_numbers(sentence):
    assert all(q.kind != "number" or q.value not in (1.0,) for q in find_quantities(sentence))
    assert not [q for q in find_quantities(sentence) if q.kind == "number" and q.text in ("satu", "10", "11")]
