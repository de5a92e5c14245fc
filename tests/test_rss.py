"""orchestration.bench.rss: the bench's peak memory counts the reader pool's workers, not only the run."""
import multiprocessing as mp
import time

import pytest

from orchestration.bench.rss import TreePeak, tree_rss_mb

pytestmark = pytest.mark.slow  # processes holding memory for seconds


def _hold(mb: int, seconds: float) -> None:
    block = bytearray(mb * 2**20)
    for i in range(0, len(block), 4096):
        block[i] = 1  # touch every page: resident, not only reserved
    time.sleep(seconds)


def test_peak_includes_a_child_process_holding_memory():
    before = tree_rss_mb()
    with TreePeak(interval=0.05) as peak:
        child = mp.get_context("spawn").Process(target=_hold, args=(120, 1.0))
        child.start()
        child.join()
    assert child.exitcode == 0
    assert peak.mb >= before + 120
    assert tree_rss_mb() < before + 60  # and the child's memory is gone once it has exited


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def test_a_forked_child_sharing_its_parents_pages_is_not_counted_twice():
    block = bytearray(200 * 2**20)
    for i in range(0, len(block), 4096):
        block[i] = 1
    alone = tree_rss_mb()
    child = mp.get_context("fork").Process(target=_sleep, args=(1.5,))
    child.start()
    try:
        time.sleep(0.5)
        together = tree_rss_mb()
    finally:
        child.join()
    # the child maps the parent's 200 MB but holds none of its own: RSS would count them twice
    assert together < alone + 60, (alone, together)
    del block
