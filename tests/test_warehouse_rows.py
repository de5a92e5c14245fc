"""The mapping from an extraction to warehouse rows: keys, dates, relevance, duplicates."""
import pytest

from warehouse import rows as wr


def record(**result):
    base = {"title": "Judul", "published": "2025-03-04", "relevant": True,
            "cities": [{"code": "33.74", "name": "Kota Semarang", "province": "Jawa Tengah"}],
            "sentra": [], "facts": []}
    base.update(result)
    return {"article_key": wr.stable_key("article", "https://x.example/a"), "url": "https://x.example/a",
            "fetched_url": "http://127.0.0.1:1/a", "source": "s", "source_kind": "news",
            "crawl_date": "2026-11-22", "content_hash": "h", "result": base}


def fact(**kw):
    f = {"city_code": "33.74", "province_code": "33", "indicator": "tenaga_kerja", "value": 1200,
         "unit": "orang", "period": None, "year": 2025, "sentra": None, "evidence": "Ada 1.200 pekerja.",
         "confidence": 0.9}
    f.update(kw)
    return f


@pytest.mark.parametrize("code, key", [("32.73", 3273), ("36.74", 3674), ("11.01", 1101), (None, None)])
def test_city_key_is_the_code_without_dot(code, key):
    assert wr.city_key(code) == key


def test_stable_key_is_deterministic_and_positive():
    assert wr.stable_key("a", 1) == wr.stable_key("a", 1)
    assert wr.stable_key("a", 1) != wr.stable_key("a", 2)
    assert 0 < wr.stable_key("x") < 2**63


@pytest.mark.parametrize("a, b", [
    ("Sentra Industri Batik", "batik"),
    ("sentra IKM konveksi", "Konveksi"),
    ("Tahu Tempe", "sentra tahu  tempe"),
])
def test_same_sentra_written_differently_gets_one_key(a, b):
    assert wr.sentra_key("33.74", a, None) == wr.sentra_key("33.74", b, None)


def test_same_commodity_in_another_city_is_another_sentra():
    assert wr.sentra_key("33.74", "batik", None) != wr.sentra_key("33.75", "batik", None)


def test_fact_rows_dedupe_and_carry_evidence():
    rows = wr.fact_rows(record(facts=[fact(), fact(), fact(value=15, indicator="jumlah_sentra", unit="sentra")]))
    assert len(rows) == 2
    assert {r["indicator"] for r in rows} == {"tenaga_kerja", "jumlah_sentra"}
    assert all(r["evidence"] for r in rows)
    assert rows[0]["date_key"] == 20250304


def test_irrelevant_article_has_no_facts_but_an_article_row():
    rec = record(relevant=False, facts=[fact()])
    assert wr.fact_rows(rec) == []
    assert wr.article_row(rec)["relevant"] is False


def test_article_without_published_date_uses_crawl_date():
    rec = record(published=None, facts=[fact()])
    assert wr.article_row(rec)["date_key"] == 20261122
    assert wr.fact_rows(rec)[0]["date_key"] == 20261122


def test_province_fact_keeps_province_and_no_city():
    (row,) = wr.fact_rows(record(facts=[fact(city_code=None, province_code="33")]))
    assert row["city_key"] is None and row["province_code"] == "33"


@pytest.mark.parametrize("bad", [None, "banyak", True])
def test_non_numeric_values_are_dropped(bad):
    assert wr.fact_rows(record(facts=[fact(value=bad)])) == []


def test_fact_links_to_its_named_sentra():
    sentra = [{"city_code": "33.74", "name": "sentra batik", "commodity": "batik",
               "commodity_group": "sandang", "location": "Gunungpati", "status": "existing"}]
    (row,) = wr.fact_rows(record(sentra=sentra, facts=[fact(sentra="sentra batik")]))
    (mention,) = wr.sentra_rows(record(sentra=sentra))
    assert row["sentra_key"] == mention["sentra_key"]
