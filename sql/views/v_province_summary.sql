-- Per province: coverage, sentra, and the sum over its kab/kota of the latest worker and unit counts.
-- Province-wide facts (no city) are shown beside the sums, never added to them.
CREATE OR REPLACE VIEW v_province_summary AS
WITH latest AS (
    -- both sums from one pass over v_city_indicator_latest (two correlated subqueries computed it twice)
    SELECT c.province_code,
           sum(l.value) FILTER (WHERE l.indicator_code = 'tenaga_kerja') AS tenaga_kerja_sum,
           sum(l.value) FILTER (WHERE l.indicator_code = 'jumlah_ikm') AS jumlah_ikm_sum
    FROM v_city_indicator_latest AS l JOIN dim_city AS c USING (kemendagri_code)
    GROUP BY c.province_code
), province_wide AS (
    -- from the summary table agg_province_facts (agg_province_facts.sql), rebuilt on every refresh
    SELECT province_code, n_province_wide_facts AS n_province_facts FROM agg_province_facts
)
SELECT p.province_code, p.province_name,
       count(DISTINCT p.kemendagri_code) FILTER (WHERE p.n_facts > 0) AS n_cities_covered,
       count(DISTINCT p.kemendagri_code) AS n_cities,
       sum(p.n_facts) AS n_facts,
       sum(p.n_sentra) AS n_sentra,
       any_value(l.tenaga_kerja_sum) AS tenaga_kerja_sum,
       any_value(l.jumlah_ikm_sum) AS jumlah_ikm_sum,
       coalesce(any_value(w.n_province_facts), 0) AS n_province_wide_facts
FROM v_coverage_by_city AS p
LEFT JOIN province_wide AS w USING (province_code)
LEFT JOIN latest AS l USING (province_code)
GROUP BY p.province_code, p.province_name;

COMMENT ON VIEW v_province_summary IS 'Coverage and headline numbers per province. Threshold: facts with confidence >= view_settings.min_confidence (facts_shown; default 0.5).';
COMMENT ON COLUMN v_province_summary.province_code IS 'Kemendagri province code, NN';
COMMENT ON COLUMN v_province_summary.province_name IS 'Province name';
COMMENT ON COLUMN v_province_summary.n_cities_covered IS 'Kab/kota with at least one fact';
COMMENT ON COLUMN v_province_summary.n_cities IS 'Kab/kota in the province';
COMMENT ON COLUMN v_province_summary.n_facts IS 'Facts about its kab/kota';
COMMENT ON COLUMN v_province_summary.n_sentra IS 'Sentra named in its kab/kota';
COMMENT ON COLUMN v_province_summary.tenaga_kerja_sum IS 'Sum over its kab/kota of the latest tenaga_kerja value';
COMMENT ON COLUMN v_province_summary.jumlah_ikm_sum IS 'Sum over its kab/kota of the latest jumlah_ikm value';
COMMENT ON COLUMN v_province_summary.n_province_wide_facts IS 'Facts about the province as a whole (no city)';
