-- Disagreements: two or more different values of the same indicator for the same kab/kota, the same
-- reference year and the same scope (the whole city, or one sentra of it: a figure for one sentra is not a
-- competing figure for the city). All of them stay in fact_indicator; v_city_indicator_latest picks one.
-- Facts without a city or a reference year cannot disagree with anything and are left out.
CREATE OR REPLACE VIEW v_indicator_conflicts AS
-- The groups come from the summary table agg_indicator_conflicts (agg_indicator_conflicts.sql), rebuilt on
-- every refresh; this adds the names and the order. One row per disagreement, no nested list: their
-- statements are rows of v_indicator_conflict_statements (filter it on kemendagri_code, indicator_code,
-- reference_year and sentra_key). A STRUCT[] column of them made this view move ~83 MB at a million facts
-- (300 ms through Arrow) and BI tools show such a column as a blob; a text cell of every value with its URL
-- (values_with_urls) still moved 37 MB, so the one-cell summary is now the distinct values (values_stated).
SELECT c.kemendagri_code, c.name AS city_name, c.province_name, i.code AS indicator_code,
       i.name_id AS indicator_name, g.reference_year, g.sentra_key, s.name AS sentra_name,
       g.n_values, g.n_statements, g.n_articles, g.min_value, g.max_value,
       g.max_value / nullif(g.min_value, 0) AS max_to_min_ratio, g.unit, g.values_stated
FROM agg_indicator_conflicts AS g
JOIN dim_city AS c USING (city_key)
JOIN dim_indicator AS i USING (indicator_key)
LEFT JOIN dim_sentra AS s USING (sentra_key)
ORDER BY c.kemendagri_code, i.code, g.reference_year, s.name NULLS FIRST;

COMMENT ON VIEW v_indicator_conflicts IS 'Indicators stated with different values for the same kab/kota, reference year and scope (whole city or one sentra), one row each, with the distinct values stated and how often; v_indicator_conflict_statements has each statement and its article as a row (its sentence: fact_indicator.evidence, by fact_key). Threshold: facts with confidence >= view_settings.min_confidence (facts_shown; default 0.5).';
COMMENT ON COLUMN v_indicator_conflicts.kemendagri_code IS 'Kemendagri code of the kab/kota, NN.NN';
COMMENT ON COLUMN v_indicator_conflicts.city_name IS 'Kab/kota name';
COMMENT ON COLUMN v_indicator_conflicts.province_name IS 'Province of the kab/kota';
COMMENT ON COLUMN v_indicator_conflicts.indicator_code IS 'Indicator code (dim_indicator.code)';
COMMENT ON COLUMN v_indicator_conflicts.indicator_name IS 'Indonesian name of the indicator';
COMMENT ON COLUMN v_indicator_conflicts.reference_year IS 'The year the disagreeing values refer to';
COMMENT ON COLUMN v_indicator_conflicts.sentra_key IS 'The sentra the values are about; NULL when they are about the whole kab/kota';
COMMENT ON COLUMN v_indicator_conflicts.sentra_name IS 'Name of that sentra; NULL for the whole kab/kota';
COMMENT ON COLUMN v_indicator_conflicts.n_values IS 'How many distinct values are stated (at least 2)';
COMMENT ON COLUMN v_indicator_conflicts.n_statements IS 'How many facts state one of them';
COMMENT ON COLUMN v_indicator_conflicts.n_articles IS 'How many distinct articles state them';
COMMENT ON COLUMN v_indicator_conflicts.min_value IS 'Smallest stated value, in unit';
COMMENT ON COLUMN v_indicator_conflicts.max_value IS 'Largest stated value, in unit';
COMMENT ON COLUMN v_indicator_conflicts.max_to_min_ratio IS 'max_value / min_value: how far apart the values are';
COMMENT ON COLUMN v_indicator_conflicts.unit IS 'Unit of the values (when they are stated in several units, the first by name)';
COMMENT ON COLUMN v_indicator_conflicts.values_stated IS 'Each distinct value with how many facts state it, ''value xN'' joined by ''; '', by value: ''28.0 x2; 30.0 x1''. The article of each statement is in v_indicator_conflict_statements, its sentence in fact_indicator (by fact_key)';
