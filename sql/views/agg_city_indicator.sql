-- Summary table (not a view): for each kab/kota and indicator, the one statement v_city_indicator_latest
-- shows, picked by the rule documented in v_city_indicator_latest.sql, with the columns that view and
-- v_province_summary need. Rebuilt from fact_indicator and dim_article each time sql/views runs (see
-- agg_city_facts.sql), so that the views do not rank every statement on every read.
CREATE OR REPLACE TABLE agg_city_indicator AS
-- Computed without sorting every statement: rules 1-2 are one number per fact, and only the facts that
-- tie on its maximum (a few per city and indicator) are joined to their article and ranked on rules 3-6.
-- This picks exactly the row that ranking all statements by rules 1-6 would put first.
WITH facts AS NOT MATERIALIZED (
    SELECT f.fact_key, f.city_key, f.indicator_key, f.article_key, f.date_key, f.confidence,
           -- rule 1, then rule 2 (a fact without a reference year comes last)
           CAST(f.sentra_key IS NULL AS BIGINT) * 4294967296
               + coalesce(f.reference_year, -2147483648) + 2147483648 AS scope_year
    FROM facts_shown AS f
    WHERE f.city_key IS NOT NULL
), top AS (
    SELECT city_key, indicator_key, max(scope_year) AS scope_year, count(*) AS n_statements
    FROM facts
    GROUP BY city_key, indicator_key
), best AS (
    SELECT f.fact_key, t.n_statements,
           row_number() OVER (
               PARTITION BY f.city_key, f.indicator_key
               ORDER BY (coalesce(a.source_kind, '') = 'agency') DESC,   -- rule 3
                        a.published_date DESC NULLS LAST,                -- rule 4
                        f.date_key DESC,
                        f.confidence DESC,                               -- rule 5
                        f.fact_key) AS rn                                -- rule 6
    FROM facts AS f
    JOIN top AS t USING (city_key, indicator_key, scope_year)
    JOIN dim_article AS a USING (article_key)
)
SELECT f.city_key, f.indicator_key, f.fact_key, f.value, f.unit, f.period, f.reference_year,
       a.published_date, a.url AS article_url, a.source, f.evidence, f.confidence, b.n_statements
FROM best AS b
JOIN facts_shown AS f USING (fact_key)
JOIN dim_article AS a ON a.article_key = f.article_key
WHERE b.rn = 1
ORDER BY f.city_key, f.indicator_key;

COMMENT ON TABLE agg_city_indicator IS 'Summary table, rebuilt from fact_indicator and dim_article on every refresh (sql/views): the statement chosen for each kab/kota and indicator by the rule of v_city_indicator_latest. Read by v_city_indicator_latest and v_province_summary; query those views instead.';
COMMENT ON COLUMN agg_city_indicator.city_key IS 'The kab/kota (dim_city)';
COMMENT ON COLUMN agg_city_indicator.indicator_key IS 'The indicator (dim_indicator); one row per kab/kota and indicator with a fact';
COMMENT ON COLUMN agg_city_indicator.fact_key IS 'The chosen fact (fact_indicator)';
COMMENT ON COLUMN agg_city_indicator.value IS 'Its value, in unit';
COMMENT ON COLUMN agg_city_indicator.unit IS 'sentra, unit, orang, IDR or USD';
COMMENT ON COLUMN agg_city_indicator.period IS 'hari, bulan or tahun for a flow; NULL for a stock';
COMMENT ON COLUMN agg_city_indicator.reference_year IS 'The year the value refers to';
COMMENT ON COLUMN agg_city_indicator.published_date IS 'When the article stating it was published';
COMMENT ON COLUMN agg_city_indicator.article_url IS 'Canonical URL of the article stating it';
COMMENT ON COLUMN agg_city_indicator.source IS 'The source the article came from';
COMMENT ON COLUMN agg_city_indicator.evidence IS 'The sentence the value was read from, verbatim';
COMMENT ON COLUMN agg_city_indicator.confidence IS 'Extractor confidence, 0 to 1';
COMMENT ON COLUMN agg_city_indicator.n_statements IS 'How many facts state this indicator for this city (all years, city-wide and per sentra)';
