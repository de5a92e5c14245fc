"""Analysts' corrections teach the reader: `sentra train --corrections` turns the facts analysts rejected
or fixed in corrections.yaml into labels, reading each corrected article again from the lake.

The corrections name facts as the warehouse loaded them (article URL, indicator, value); the lake keeps
every article as the reader read it (`lake/DAY/articles.jsonl`, its `page`), so the reader frames the
same numbers again and the correction says which of them are facts. Plain files only: no Dagster, no
warehouse connection.
"""
from __future__ import annotations

import json
from pathlib import Path

from scrapers.reading.training import CorrectionLabels, correction_labels
from warehouse.corrections import read_corrections


def lake_pages(data_dir: Path | str, urls: set[str]) -> dict[str, tuple[dict, str]]:
    """url -> (page record, crawl day) for the wanted URLs, from the newest day that holds each."""
    pages: dict[str, tuple[dict, str]] = {}
    if not urls:
        return pages
    for path in sorted(Path(data_dir, "lake").glob("*/articles.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if not any(u in line for u in urls):
                    continue  # most lines are other articles: no need to parse them
                record = json.loads(line)
                if record.get("url") in urls and record.get("page"):
                    pages[record["url"]] = (record["page"], path.parent.name)
    return pages


def corrections_as_labels(corrections_path: Path | str, data_dir: Path | str, first_index: int) -> CorrectionLabels:
    """Labels from the fact corrections of a corrections file; an invalid entry is reported, not used."""
    rows, invalid = read_corrections(corrections_path)
    urls = {r["article_url"] for r in rows if r.get("article_url") and r["action"] in ("fix_fact", "reject_fact")}
    labels = correction_labels(rows, lake_pages(data_dir, urls), first_index)
    labels.skipped += [f"{row.get('correction_id', '?')}: invalid ({row.get('message', '')})" for row in invalid]
    return labels
