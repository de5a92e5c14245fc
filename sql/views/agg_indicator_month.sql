-- Summary table (not a view): facts per indicator and month of the article's date, read by
-- v_indicator_by_month. Rebuilt from fact_indicator and dim_date each time sql/views runs (see
-- agg_city_facts.sql).
CREATE OR REPLACE TABLE agg_indicator_month AS
-- Distinct cities and articles are counted from DISTINCT rows grouped again: cheaper than count(DISTINCT)
-- next to median() in one aggregate.
WITH f AS NOT MATERIALIZED (
    SELECT d.year, d.month, f.indicator_key, f.city_key, f.article_key, f.value, f.unit
    FROM facts_shown AS f
    JOIN dim_date AS d USING (date_key)
), counts AS (
    SELECT year, month, indicator_key, count(*) AS n_facts, median(value) AS median_value,
           any_value(unit) AS unit
    FROM f
    GROUP BY year, month, indicator_key
), cities AS (
    SELECT year, month, indicator_key, count(*) AS n_cities
    FROM (SELECT DISTINCT year, month, indicator_key, city_key FROM f WHERE city_key IS NOT NULL)
    GROUP BY year, month, indicator_key
), articles AS (
    SELECT year, month, indicator_key, count(*) AS n_articles
    FROM (SELECT DISTINCT year, month, indicator_key, article_key FROM f)
    GROUP BY year, month, indicator_key
)
SELECT n.year, n.month, n.indicator_key, n.n_facts, coalesce(c.n_cities, 0) AS n_cities, a.n_articles,
       n.median_value, n.unit
FROM counts AS n
LEFT JOIN cities AS c USING (year, month, indicator_key)
JOIN articles AS a USING (year, month, indicator_key)
ORDER BY n.year, n.month, n.indicator_key;

COMMENT ON TABLE agg_indicator_month IS 'Summary table, rebuilt from fact_indicator on every refresh (sql/views): facts per indicator and month of the article that stated them. Read by v_indicator_by_month; query that view instead.';
COMMENT ON COLUMN agg_indicator_month.year IS 'Year of the article date';
COMMENT ON COLUMN agg_indicator_month.month IS 'Month number, 1 to 12';
COMMENT ON COLUMN agg_indicator_month.indicator_key IS 'The indicator (dim_indicator); one row per year, month and indicator with a fact';
COMMENT ON COLUMN agg_indicator_month.n_facts IS 'Facts stated that month';
COMMENT ON COLUMN agg_indicator_month.n_cities IS 'Distinct kab/kota they are about';
COMMENT ON COLUMN agg_indicator_month.n_articles IS 'Distinct articles stating them';
COMMENT ON COLUMN agg_indicator_month.median_value IS 'Median of the stated values';
COMMENT ON COLUMN agg_indicator_month.unit IS 'Unit of the values';
