"""Turn one article's extraction (the `sentra extract` contract) into warehouse rows.

Pure functions, so the mapping from what the extractor read to what the star schema stores can be
tested without a database. Surrogate keys are hashes of natural keys, so they are the same on every
rebuild and on every machine.
"""
from __future__ import annotations

import hashlib
import re
from datetime import date
from typing import Any, Iterable

_NOT_WORD = re.compile(r"[^a-z0-9]+")
_GENERIC_WORDS = {"sentra", "industri", "ikm", "kecil", "menengah", "produk", "pembuatan", "usaha", "dan"}


def stable_key(*parts: Any) -> int:
    """A positive BIGINT from the parts: equal parts give equal keys, on every rebuild."""
    digest = hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") & 0x7FFF_FFFF_FFFF_FFFF


def city_key(code: str | None) -> int | None:
    """'32.73' -> 3273: readable in a BI tool and stable."""
    return int(code.replace(".", "")) if code else None


def date_key(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def commodity_slug(text: str | None) -> str:
    """'Sentra Industri Batik Warna Alam' and 'batik warna alam' name the same thing."""
    words = [w for w in _NOT_WORD.split((text or "").lower()) if w and w not in _GENERIC_WORDS]
    return " ".join(words)


def sentra_key(city_code: str, commodity: str | None, name: str | None) -> int:
    return stable_key("sentra", city_code, commodity_slug(commodity) or commodity_slug(name))


def article_day(result: dict, crawl_date: date) -> date:
    published = result.get("published")
    return date.fromisoformat(published) if published else crawl_date


def article_row(record: dict) -> dict:
    result = record["result"]
    cities = result.get("cities") or []
    crawl_date = date.fromisoformat(record["crawl_date"])
    return {
        "article_key": record["article_key"],
        "url": record["url"],
        "fetched_url": record["fetched_url"],
        "source": record["source"],
        "source_kind": record.get("source_kind"),
        "title": result.get("title"),
        "published_date": result.get("published"),
        "date_key": date_key(article_day(result, crawl_date)),
        "content_hash": record["content_hash"],
        "relevant": bool(result.get("relevant")),
        "primary_city_key": city_key(cities[0]["code"]) if cities else None,
        "n_facts": len(fact_rows(record)),
    }


def sentra_rows(record: dict) -> list[dict]:
    result = record["result"]
    if not result.get("relevant"):
        return []
    seen = article_day(result, date.fromisoformat(record["crawl_date"])).isoformat()
    rows: dict[int, dict] = {}
    for s in result.get("sentra") or []:
        if not s.get("city_code"):
            continue
        key = sentra_key(s["city_code"], s.get("commodity"), s.get("name"))
        rows.setdefault(key, {
            "sentra_key": key,
            "article_key": record["article_key"],
            "city_key": city_key(s["city_code"]),
            "name": s.get("name") or s.get("commodity") or "sentra",
            "commodity": s.get("commodity"),
            "commodity_group": s.get("commodity_group"),
            "location": s.get("location"),
            "status": s.get("status") if s.get("status") in ("existing", "planned") else "existing",
            "seen_date": seen,
        })
    return list(rows.values())


def fact_rows(record: dict) -> list[dict]:
    """Facts of a relevant article; one row per distinct (indicator, value, city, sentence)."""
    result = record["result"]
    if not result.get("relevant"):
        return []
    day = date_key(article_day(result, date.fromisoformat(record["crawl_date"])))
    # a fact names its sentra; two sentra of one article may share a name in different cities, so the
    # one in the fact's city is taken, and a key is kept only when that sentra is one of the article's rows
    sentra_by_name = {(s.get("name") or "").lower(): s for s in result.get("sentra") or []}
    sentra_by_name_city = {((s.get("name") or "").lower(), s.get("city_code")): s for s in result.get("sentra") or []}
    own_sentra = {row["sentra_key"] for row in sentra_rows(record)}
    rows: dict[int, dict] = {}
    for f in result.get("facts") or []:
        value = f.get("value")
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            continue
        city_code = f.get("city_code")
        province_code = f.get("province_code") or (city_code.split(".")[0] if city_code else None)
        name = (f.get("sentra") or "").lower()
        sentra = (sentra_by_name_city.get((name, city_code)) or sentra_by_name.get(name)) if name else None
        skey = sentra_key(city_code, sentra.get("commodity"), sentra.get("name")) if sentra and city_code else None
        key = stable_key("fact", record["article_key"], f.get("indicator"), float(value), city_code,
                         f.get("evidence"))
        rows.setdefault(key, {
            "fact_key": key,
            "date_key": day,
            "city_key": city_key(city_code),
            "province_code": province_code,
            "sentra_key": skey if skey in own_sentra else None,
            "indicator": f.get("indicator"),
            "article_key": record["article_key"],
            "value": float(value),
            "unit": f.get("unit") or "",
            "period": f.get("period"),
            "reference_year": f.get("year"),
            "evidence": f.get("evidence") or "",
            "confidence": float(f.get("confidence") if f.get("confidence") is not None else 0.5),
            "model_version": result.get("reader"),
        })
    return list(rows.values())


def city_rows(cities: Iterable) -> list[dict]:
    """dim_city rows from the place gazetteer's City objects."""
    return [{"city_key": city_key(c.code), "kemendagri_code": c.code, "name": c.name, "kind": c.kind,
             "province_code": c.province_code, "province_name": c.province_name} for c in cities]


def article_source_rows(record: dict) -> list[dict]:
    """The outlets that published the story: the copy that was read, then the republished ones."""
    rows = [{"article_key": record["article_key"], "source": record["source"], "url": record["url"],
             "is_original": True}]
    rows += [{"article_key": record["article_key"], "source": other["source"], "url": other["url"],
              "is_original": False} for other in record.get("also_published") or []]
    return rows
