-- Sources whose share of failed fetch attempts on $day is above $max_share (with at least $min_attempts
-- attempts, so one failed page of a two-page source does not warn). Failed: any outcome not in
-- $not_failures (scrapers.outcomes.NOT_FAILURES: ok, not_modified (304) and robots_disallowed, a refusal
-- we obey).
SELECT source,
       count(*)                                                                  AS attempts,
       count(*) FILTER (WHERE NOT list_contains($not_failures, outcome))         AS failed,
       round(failed / count(*), 3)                                               AS failed_share,
       string_agg(DISTINCT outcome, ', ' ORDER BY outcome)
           FILTER (WHERE NOT list_contains($not_failures, outcome))              AS failure_kinds
FROM fetch_log
WHERE load_date = CAST($day AS DATE)
GROUP BY source
HAVING count(*) >= $min_attempts AND failed_share > $max_share
ORDER BY failed_share DESC, source
