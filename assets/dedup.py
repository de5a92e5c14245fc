"""Near-duplicate articles: the same wire story (Antara, a press release) republished by several outlets.

Exact copies share a content hash; republished copies differ by a dateline, a credit line or a
"Baca juga" link, so they are compared by their word 5-grams (shingles). Only pages that share one of
their smallest shingle hashes (a bottom-k sketch) are compared, so a day of many pages stays cheap.
"""
from __future__ import annotations

import re
import zlib

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


def near_duplicate_of(texts: list[str], threshold: float = THRESHOLD) -> list[int | None]:
    """For each text, the index of an earlier text it nearly duplicates, or None."""
    sets = [shingles(t) for t in texts]
    index: dict[int, list[int]] = {}
    result: list[int | None] = []
    for i, s in enumerate(sets):
        sketch = sorted(s)[:SKETCH]
        candidates = {j for h in sketch for j in index.get(h, ())}
        original = next((j for j in sorted(candidates) if result[j] is None and jaccard(s, sets[j]) >= threshold),
                        None)
        result.append(original)
        if original is None:
            for h in sketch:
                index.setdefault(h, []).append(i)
    return result
