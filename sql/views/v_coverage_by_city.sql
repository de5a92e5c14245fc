-- Every kab/kota, including those no article has covered yet: where the data is thin.
CREATE OR REPLACE VIEW v_coverage_by_city AS
-- The fact counts come from the summary table agg_city_facts (agg_city_facts.sql), rebuilt on every refresh.
WITH facts AS (
    SELECT city_key, n_facts, n_articles, n_indicators, last_date_key FROM agg_city_facts
), sentra AS (
    SELECT city_key, count(*) AS n_sentra FROM dim_sentra GROUP BY city_key
)
SELECT c.kemendagri_code, c.name AS city_name, c.kind, c.province_code, c.province_name,
       coalesce(f.n_articles, 0) AS n_articles,
       coalesce(f.n_facts, 0) AS n_facts,
       coalesce(f.n_indicators, 0) AS n_indicators,
       coalesce(s.n_sentra, 0) AS n_sentra,
       d.date AS last_fact_date
FROM dim_city AS c
LEFT JOIN facts AS f USING (city_key)
LEFT JOIN sentra AS s USING (city_key)
LEFT JOIN dim_date AS d ON d.date_key = f.last_date_key;

COMMENT ON VIEW v_coverage_by_city IS 'Coverage of every kab/kota: articles, facts, indicators and sentra. Threshold: facts with confidence >= view_settings.min_confidence (facts_shown; default 0.5).';
COMMENT ON COLUMN v_coverage_by_city.kemendagri_code IS 'Kemendagri code of the kab/kota, NN.NN';
COMMENT ON COLUMN v_coverage_by_city.city_name IS 'Kab/kota name';
COMMENT ON COLUMN v_coverage_by_city.kind IS 'kota or kabupaten';
COMMENT ON COLUMN v_coverage_by_city.province_code IS 'Kemendagri province code, NN';
COMMENT ON COLUMN v_coverage_by_city.province_name IS 'Province name';
COMMENT ON COLUMN v_coverage_by_city.n_articles IS 'Articles with at least one fact about it';
COMMENT ON COLUMN v_coverage_by_city.n_facts IS 'Facts about it';
COMMENT ON COLUMN v_coverage_by_city.n_indicators IS 'Distinct indicators with a fact about it';
COMMENT ON COLUMN v_coverage_by_city.n_sentra IS 'Distinct sentra named in it';
COMMENT ON COLUMN v_coverage_by_city.last_fact_date IS 'Date of the newest article with a fact about it';
