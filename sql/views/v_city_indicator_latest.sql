-- One value per city and indicator: the one to show on a dashboard. Every statement stays in fact_indicator
-- (v_indicator_conflicts lists the disagreements); this view picks one by this rule, in this order:
--   1. a figure for the whole kab/kota over a figure for one of its sentra (sentra_key IS NULL first);
--   2. the latest reference year;
--   3. an agency page (dim_article.source_kind = 'agency') over a news article;
--   4. the later publication (published_date; an article that states no date comes last);
--   5. the exact figure over an approximate one ('sekitar', 'lebih dari'...: the extractor lowers the
--      confidence of an approximate figure, so the higher confidence wins);
--   6. fact_key, so that the choice is the same on every run.
CREATE OR REPLACE VIEW v_city_indicator_latest AS
-- Computed without sorting every statement: rules 1-2 are one number per fact, and only the facts that
-- tie on its maximum (a few per city and indicator) are joined to their article and ranked on rules 3-6.
-- This picks exactly the row that ranking all statements by rules 1-6 would put first.
WITH facts AS NOT MATERIALIZED (
    SELECT f.fact_key, f.city_key, f.indicator_key, f.article_key, f.date_key, f.confidence,
           -- rule 1, then rule 2 (a fact without a reference year comes last)
           CAST(f.sentra_key IS NULL AS BIGINT) * 4294967296
               + coalesce(f.reference_year, -2147483648) + 2147483648 AS scope_year
    FROM fact_indicator AS f
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
SELECT c.kemendagri_code, c.name AS city_name, c.province_name, i.code AS indicator_code,
       i.name_id AS indicator_name, f.value, f.unit, f.period, f.reference_year, a.published_date,
       a.url AS article_url, a.source, f.evidence, f.confidence, b.n_statements
FROM best AS b
JOIN fact_indicator AS f USING (fact_key)
JOIN dim_article AS a ON a.article_key = f.article_key
JOIN dim_city AS c ON c.city_key = f.city_key
JOIN dim_indicator AS i ON i.indicator_key = f.indicator_key
WHERE b.rn = 1;

COMMENT ON VIEW v_city_indicator_latest IS 'The value to show for each city and indicator, chosen among all statements by a documented rule: whole city over one sentra, latest reference year, agency over news, later publication, exact over approximate.';
COMMENT ON COLUMN v_city_indicator_latest.kemendagri_code IS 'Kemendagri code of the kab/kota, NN.NN';
COMMENT ON COLUMN v_city_indicator_latest.city_name IS 'Kab/kota name, e.g. Kota Bandung';
COMMENT ON COLUMN v_city_indicator_latest.province_name IS 'Province of the kab/kota';
COMMENT ON COLUMN v_city_indicator_latest.indicator_code IS 'One of the eleven indicator codes in dim_indicator';
COMMENT ON COLUMN v_city_indicator_latest.indicator_name IS 'Indonesian name of the indicator';
COMMENT ON COLUMN v_city_indicator_latest.value IS 'The chosen value, in unit';
COMMENT ON COLUMN v_city_indicator_latest.unit IS 'sentra, unit, orang, IDR or USD';
COMMENT ON COLUMN v_city_indicator_latest.period IS 'hari, bulan or tahun for a flow; NULL for a stock';
COMMENT ON COLUMN v_city_indicator_latest.reference_year IS 'The year the value refers to';
COMMENT ON COLUMN v_city_indicator_latest.published_date IS 'When the article stating it was published';
COMMENT ON COLUMN v_city_indicator_latest.article_url IS 'Canonical URL of the article stating it';
COMMENT ON COLUMN v_city_indicator_latest.source IS 'The source the article came from';
COMMENT ON COLUMN v_city_indicator_latest.evidence IS 'The sentence the value was read from, verbatim';
COMMENT ON COLUMN v_city_indicator_latest.confidence IS 'Extractor confidence, 0 to 1 (an approximate figure scores lower)';
COMMENT ON COLUMN v_city_indicator_latest.n_statements IS 'How many facts state this indicator for this city (all years, city-wide and per sentra)';
