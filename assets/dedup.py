"""Near-duplicate articles: the same wire story (Antara, a press release) republished by several outlets.

Exact copies share a content hash; republished copies differ by a dateline, a credit line or a
"Baca juga" link, so they are compared by their word 5-grams (shingles). Only pages that share one of
their smallest shingle hashes (a bottom-k sketch) are compared, so a day of many pages stays cheap.
"""
from __future__ import annotations

import heapq
import re
import zlib
from collections import Counter

_WORD = re.compile(r"\w+", re.UNICODE)
SHINGLE = 5
SKETCH = 24
THRESHOLD = 0.7


def shingles(text: str, size: int = SHINGLE) -> frozenset[int]:
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return frozenset([zlib.crc32(" ".join(words).encode())]) if words else frozenset()
    return frozenset(zlib.crc32(" ".join(words[i:i + size]).encode()) for i in range(len(words) - size + 1))


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


#: a sketch hash shared by more originals than this is boilerplate (a footer, a stock phrase): it finds
#: no candidates, or every page would be compared with every other one (quadratic in the day's pages)
MAX_POSTING = 32
#: a candidate whose sketches estimate a Jaccard this far below the threshold is not compared in full
SKETCH_SLACK = 0.3


#: a candidate shares at least this many sketch hashes (two copies at the threshold share about 20 of 24)
MIN_SHARED = 4


def _postings(index: dict[int, list[int]], h: int) -> list[int]:
    posting = index.get(h)
    return posting if posting is not None and len(posting) <= MAX_POSTING else []


def _sketch_estimate(a: list[int], b: list[int]) -> float:
    """Jaccard estimated from two bottom-k sketches: the share of the union's k smallest hashes in both."""
    both = set(a) & set(b)
    union = sorted(set(a) | set(b))[:SKETCH]
    return sum(1 for h in union if h in both) / len(union) if union else 0.0


def near_duplicate_of(texts: list[str], threshold: float = THRESHOLD) -> list[int | None]:
    """For each text, the index of an earlier text it nearly duplicates, or None.

    Only each text's sketch is kept (a day's shingle sets would weigh several times its texts); an
    earlier text's shingles are computed again when it is a candidate, which is rare."""
    sketches: list[list[int]] = []
    index: dict[int, list[int]] = {}
    result: list[int | None] = []
    for i, text in enumerate(texts):
        s = shingles(text)
        sketch = heapq.nsmallest(SKETCH, s)
        sketches.append(sketch)
        hits = Counter(j for h in sketch for j in _postings(index, h))
        need = min(MIN_SHARED, len(sketch))
        candidates = [j for j, n in hits.items() if n >= need]
        original = next((j for j in sorted(candidates)
                         if _sketch_estimate(sketch, sketches[j]) >= threshold - SKETCH_SLACK
                         and jaccard(s, shingles(texts[j])) >= threshold), None)
        result.append(original)
        if original is None:
            for h in sketch:
                posting = index.setdefault(h, [])
                if len(posting) <= MAX_POSTING:
                    posting.append(i)
    return result
