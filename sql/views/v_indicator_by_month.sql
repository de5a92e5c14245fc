-- How many facts of each indicator were stated per month (by the article's date), over how many cities.
CREATE OR REPLACE VIEW v_indicator_by_month AS
-- Distinct cities and articles are counted from DISTINCT rows grouped again: cheaper than count(DISTINCT)
-- next to median() in one aggregate.
WITH f AS NOT MATERIALIZED (
    SELECT d.year, d.month, f.indicator_key, f.city_key, f.article_key, f.value, f.unit
    FROM fact_indicator AS f
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
), months AS (
    SELECT DISTINCT month, month_name_id FROM dim_date
)
SELECT n.year, n.month, m.month_name_id, i.code AS indicator_code, i.name_id AS indicator_name,
       n.n_facts, coalesce(c.n_cities, 0) AS n_cities, a.n_articles, n.median_value, n.unit
FROM counts AS n
JOIN months AS m USING (month)
JOIN dim_indicator AS i USING (indicator_key)
LEFT JOIN cities AS c USING (year, month, indicator_key)
JOIN articles AS a USING (year, month, indicator_key);

COMMENT ON VIEW v_indicator_by_month IS 'Facts per indicator and month of the article that stated them.';
COMMENT ON COLUMN v_indicator_by_month.year IS 'Year of the article date';
COMMENT ON COLUMN v_indicator_by_month.month IS 'Month number, 1 to 12';
COMMENT ON COLUMN v_indicator_by_month.month_name_id IS 'Indonesian month name';
COMMENT ON COLUMN v_indicator_by_month.indicator_code IS 'Indicator code';
COMMENT ON COLUMN v_indicator_by_month.indicator_name IS 'Indonesian name of the indicator';
COMMENT ON COLUMN v_indicator_by_month.n_facts IS 'Facts stated that month';
COMMENT ON COLUMN v_indicator_by_month.n_cities IS 'Distinct kab/kota they are about';
COMMENT ON COLUMN v_indicator_by_month.n_articles IS 'Distinct articles stating them';
COMMENT ON COLUMN v_indicator_by_month.median_value IS 'Median of the stated values';
COMMENT ON COLUMN v_indicator_by_month.unit IS 'Unit of the values';
