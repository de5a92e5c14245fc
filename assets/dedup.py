"""Near-duplicate articles: the same wire story (Antara, a press release) republished by several outlets.

Exact copies share a content hash; republished copies differ by a dateline, a credit line or a
"Baca juga" link, so they are compared by their word 5-grams (shingles). Only pages that share one of
their smallest shingle hashes (a bottom-k sketch) are compared, so a day of many pages stays cheap.
"""
from __future__ import annotations

import heapq
import re
import zlib
from array import array
from collections import Counter
from collections.abc import Sequence

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
#: only an original's smallest INDEXED sketch hashes are looked up: a copy at the threshold holds about
#: 82% of them in its own sketch (6.6 of 8), and a day of 100k pages indexes 0.8M hashes, not 2.4M
#: (about 400 MB of dict and lists at 24 per page)
INDEXED = 8
#: a candidate shares at least this many of them (fewer than 3 of 8 at the threshold: p < 0.001)
MIN_SHARED = 3


def sketch(text: str) -> array:
    """The SKETCH smallest shingle hashes of a text (a bottom-k sketch), compact: 4 bytes each."""
    return array("I", heapq.nsmallest(SKETCH, shingles(text)))


def _sketch_estimate(a, b) -> float:
    """Jaccard estimated from two bottom-k sketches: the share of the union's k smallest hashes in both."""
    both = set(a) & set(b)
    union = sorted(set(a) | set(b))[:SKETCH]
    return sum(1 for h in union if h in both) / len(union) if union else 0.0


def near_duplicate_of(texts: Sequence[str], threshold: float = THRESHOLD,
                      sketches: Sequence[array] | None = None) -> list[int | None]:
    """For each text, the index of an earlier text it nearly duplicates, or None.

    With ``sketches`` (sketch() of each text, computed where the pages were read), a text is read
    again only to compare it in full with a candidate, which is rare. The index maps a hash to the
    one original holding it, or to a list once several do."""
    kept: list[array] = []
    index: dict[int, int | list[int]] = {}
    result: list[int | None] = []
    for i in range(len(texts)):
        sk = sketches[i] if sketches is not None else sketch(texts[i])
        kept.append(sk)
        hits: Counter = Counter()
        for h in sk:
            posting = index.get(h)
            if posting is None:
                continue
            if isinstance(posting, int):
                hits[posting] += 1
            elif len(posting) <= MAX_POSTING:
                hits.update(posting)
        need = min(MIN_SHARED, len(sk))
        candidates = sorted(j for j, n in hits.items() if n >= need)
        candidates = [j for j in candidates if _sketch_estimate(sk, kept[j]) >= threshold - SKETCH_SLACK]
        original = None
        if candidates:
            mine = shingles(texts[i])
            original = next((j for j in candidates if jaccard(mine, shingles(texts[j])) >= threshold), None)
        result.append(original)
        if original is None:
            for h in sk[:INDEXED]:
                posting = index.get(h)
                if posting is None:
                    index[h] = i
                elif isinstance(posting, int):
                    index[h] = [posting, i]
                elif len(posting) <= MAX_POSTING:
                    posting.append(i)
    return result
