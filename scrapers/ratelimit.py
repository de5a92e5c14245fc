"""A per-host rate limit shared by every process that crawls: the Fetcher's own gate holds one process's
threads to a host's interval; with several workers (Celery, many machines) each would keep its own gate
and a host would see their sum. A :class:`RedisHostLimiter` hands out start times from one clock (Redis's
TIME) and one counter per host, so the host sees one request per interval however many workers run.

Each reservation is atomic (a Lua script): the next start is ``max(now, last + interval)``, and the
caller sleeps until then. A small guard (``GUARD`` of the interval) is added to each gap: a worker that
sends late by a few milliseconds (a busy process, the scheduler) would otherwise let the next worker's
on-time request fall inside the same one-second window at the host.
"""
from __future__ import annotations

import time

#: share of the interval added to each gap; over a second of requests the guards add up to GUARD seconds
#: of slack for a request sent late
GUARD = 0.03

_RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local interval = tonumber(ARGV[1])
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = math.max(now, last + interval)
redis.call('SET', KEYS[1], string.format('%.6f', slot), 'PX', math.ceil((slot - now + interval) * 1000) + 60000)
return string.format('%.6f', slot - now)
"""


class RedisHostLimiter:
    """Start times per host, shared through Redis at ``url`` (``redis://127.0.0.1:6379/0``)."""

    def __init__(self, url: str, prefix: str = "sentra:host:", guard: float = GUARD):
        import redis  # the [distributed] extra; the default in-process run never imports it

        self.url = url
        self.prefix = prefix
        self.guard = guard
        self._client = redis.Redis.from_url(url)
        self._reserve = self._client.register_script(_RESERVE)

    def reserve(self, host: str, interval: float) -> float:
        """Take the next start time for ``host``; returns the seconds to wait before starting."""
        return max(0.0, float(self._reserve(keys=[self.prefix + host], args=[interval * (1 + self.guard)])))

    def wait(self, host: str, interval: float) -> float:
        """Block until this process may start a request to ``host``; returns the seconds waited."""
        delay = self.reserve(host, interval)
        if delay > 0:
            time.sleep(delay)
        return delay


def limiter_from_url(url: str | None) -> RedisHostLimiter | None:
    return RedisHostLimiter(url) if url else None


def max_requests_per_window(times: list[float], window: float = 1.0) -> int:
    """The most requests that started within any ``window`` seconds ``[t, t + window)`` (times in seconds)."""
    times = sorted(times)
    best, j = 0, 0
    for i, t in enumerate(times):
        while times[j] <= t - window:
            j += 1
        best = max(best, i - j + 1)
    return best
