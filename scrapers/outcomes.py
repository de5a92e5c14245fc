"""The outcomes of a fetch, named once: the crawler sets them, the archive, raw_pages, the checks' SQL
and the failure sensor read them.

Every attempt logged in fetch_log has one of OUTCOMES. A page the sitemap dates no later than our last
fetch is not requested at all: UNCHANGED is not an attempt and gets no fetch_log line.
"""
from __future__ import annotations

OK = "ok"
NOT_MODIFIED = "not_modified"            # a conditional GET answered 304
ROBOTS_DISALLOWED = "robots_disallowed"  # robots.txt says no: obeyed, not a failure
UNCHANGED = "unchanged_by_sitemap"       # not requested: the sitemap's lastmod is not later than our fetch

OUTCOMES = (OK, NOT_MODIFIED, ROBOTS_DISALLOWED, "http_error", "timeout", "connection_error", "too_large",
            "bad_content_type", "redirect_offsite", "redirect_loop", "too_many_redirects", "offsite",
            "bad_url", "deferred", "empty", "soft_404", "decode_error", "error")

#: what is not a failure when failures are counted (raw_pages' metadata, the failure-share check, alerts)
NOT_FAILURES = frozenset({OK, NOT_MODIFIED, ROBOTS_DISALLOWED})
#: the page's content was received (200) or confirmed unchanged (304)
CONTENT_CONFIRMED = frozenset({OK, NOT_MODIFIED})
#: outcomes that can change on a later try
TRANSIENT_OUTCOMES = frozenset({"timeout", "connection_error", "deferred"})
#: outcomes of a fetch that need not be repeated the same day (see scrapers.archive.archived_fetches)
DONE_OUTCOMES = frozenset({OK, NOT_MODIFIED, "soft_404", "empty", "bad_content_type", "too_large", "decode_error"})


def is_failure(outcome: str) -> bool:
    return outcome not in NOT_FAILURES
