-- Summary table (not a view): the fact counts of every kab/kota that has facts, read by v_coverage_by_city
-- (and through it v_province_summary). Summary tables are rebuilt from fact_indicator each time sql/views
-- runs (the bi_views asset, after every day's load and corrections), so that the views answer in
-- milliseconds at a million facts instead of aggregating every fact on every read. Their file names sort
-- before the views that read them (warehouse.db.view_files runs sql/views in name order).
CREATE OR REPLACE TABLE agg_city_facts AS
SELECT city_key, count(*) AS n_facts, count(DISTINCT article_key) AS n_articles,
       count(DISTINCT indicator_key) AS n_indicators, max(date_key) AS last_date_key
FROM facts_shown
WHERE city_key IS NOT NULL
GROUP BY city_key
ORDER BY city_key;

COMMENT ON TABLE agg_city_facts IS 'Summary table, rebuilt from fact_indicator on every refresh (sql/views): facts, articles and indicators per kab/kota with at least one fact. Read by v_coverage_by_city; query that view instead.';
COMMENT ON COLUMN agg_city_facts.city_key IS 'The kab/kota (dim_city); one row each';
COMMENT ON COLUMN agg_city_facts.n_facts IS 'Facts about it';
COMMENT ON COLUMN agg_city_facts.n_articles IS 'Distinct articles with at least one fact about it';
COMMENT ON COLUMN agg_city_facts.n_indicators IS 'Distinct indicators with a fact about it';
COMMENT ON COLUMN agg_city_facts.last_date_key IS 'date_key (YYYYMMDD) of the newest article with a fact about it';
