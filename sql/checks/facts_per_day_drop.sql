-- Facts loaded on $day against the median of the $trailing_days loaded days before it (a day counts as
-- loaded when its fetch_log has rows, so a day with zero facts still counts). One row, always:
-- `dropped` is true when at least $min_days earlier days exist and today has fewer than
-- $min_ratio x their median: the extractor, a source or the crawl may have broken.
WITH earlier_days AS (
    SELECT DISTINCT load_date FROM fetch_log
    WHERE load_date < CAST($day AS DATE)
    ORDER BY load_date DESC
    LIMIT $trailing_days
), per_day AS (
    SELECT d.load_date, count(f.fact_key) AS facts
    FROM earlier_days AS d LEFT JOIN fact_indicator AS f USING (load_date)
    GROUP BY d.load_date
), summary AS (
    SELECT (SELECT count(*) FROM fact_indicator WHERE load_date = CAST($day AS DATE)) AS facts_on_day,
           (SELECT median(facts) FROM per_day)                                       AS trailing_median,
           (SELECT count(*) FROM per_day)                                            AS trailing_days,
           (SELECT string_agg(strftime(load_date, '%Y-%m-%d') || ': ' || facts, ', ' ORDER BY load_date)
            FROM per_day)                                                            AS trailing_counts
)
SELECT facts_on_day, trailing_median, trailing_days, trailing_counts,
       coalesce(trailing_days >= $min_days AND facts_on_day < trailing_median * $min_ratio, false) AS dropped
FROM summary
