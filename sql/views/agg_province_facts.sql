-- Summary table (not a view): province-wide facts (a province, no kab/kota) per province, read by
-- v_province_summary. Rebuilt from fact_indicator each time sql/views runs (see agg_city_facts.sql).
CREATE OR REPLACE TABLE agg_province_facts AS
SELECT province_code, count(*) AS n_province_wide_facts
FROM facts_shown
WHERE city_key IS NULL AND province_code IS NOT NULL
GROUP BY province_code
ORDER BY province_code;

COMMENT ON TABLE agg_province_facts IS 'Summary table, rebuilt from fact_indicator on every refresh (sql/views): facts about a province as a whole (no kab/kota), per province. Read by v_province_summary; query that view instead.';
COMMENT ON COLUMN agg_province_facts.province_code IS 'Kemendagri province code, NN; one row per province with such facts';
COMMENT ON COLUMN agg_province_facts.n_province_wide_facts IS 'Facts about the province as a whole (city_key NULL)';
