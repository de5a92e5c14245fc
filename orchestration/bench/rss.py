"""Peak memory of a process and everything it started (the reader pool's workers included).

ru_maxrss only knows one process: the daily run's own, or its largest child. What a machine must
hold is the sum over the process tree at the same moment, so a thread samples /proc a few times a
second and keeps the largest sum. Linux only; elsewhere the peak stays 0.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return out


def _rss_bytes(pid: int) -> int:
    """The process's proportional share of memory (PSS): a page two processes share counts half to each.
    Plain RSS counted a child between fork and exec (multiprocessing's spawn starts that way) as a
    second copy of its parent, a ~170 MB spike that no page actually took."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    try:  # no smaps_rollup (kernel < 4.14): resident pages, shared ones counted in full
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss_mb(pid: int | None = None) -> float:
    """Memory held by pid (default: this process) and all its descendants now, in MB (their PSS summed)."""
    total, todo, seen = 0, [pid or os.getpid()], set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        total += _rss_bytes(p)
        todo += _children(p)
    return total / 2**20


class TreePeak:
    """``with TreePeak() as peak: ...`` then ``peak.mb``: the largest tree_rss_mb seen meanwhile."""

    def __init__(self, interval: float = 0.2):
        self.interval, self.mb = interval, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="tree-rss", daemon=True)

    def _run(self) -> None:
        while True:
            self.mb = max(self.mb, tree_rss_mb())
            if self._stop.wait(self.interval):
                return

    def __enter__(self) -> "TreePeak":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.mb = max(self.mb, tree_rss_mb())
