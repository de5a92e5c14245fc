-- Sources crawled on $day that have gone $silent_days days or more without one successful ('ok') article
-- fetch: the site may have moved its articles, changed its sitemap, or started blocking the crawler.
-- A source never fetched successfully counts as silent since the day before its first attempt.
-- Only sources attempted on $day are judged, so a source removed from the sources file stops warning.
WITH per_source AS (
    SELECT source,
           max(load_date) FILTER (WHERE outcome = 'ok' AND kind = 'article') AS last_ok_article,
           min(load_date)                                                   AS first_attempt,
           bool_or(load_date = CAST($day AS DATE))                          AS crawled_on_day,
           count(*) FILTER (WHERE load_date = CAST($day AS DATE))           AS attempts_on_day
    FROM fetch_log
    WHERE load_date <= CAST($day AS DATE)
    GROUP BY source
)
SELECT source, last_ok_article, first_attempt, attempts_on_day,
       CAST($day AS DATE) - coalesce(last_ok_article, first_attempt - 1) AS days_silent
FROM per_source
WHERE crawled_on_day
  AND CAST($day AS DATE) - coalesce(last_ok_article, first_attempt - 1) >= $silent_days
ORDER BY days_silent DESC, source
