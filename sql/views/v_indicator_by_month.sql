-- How many facts of each indicator were stated per month (by the article's date), over how many cities.
CREATE OR REPLACE VIEW v_indicator_by_month AS
-- The counts and medians come from the summary table agg_indicator_month (agg_indicator_month.sql), rebuilt on
-- every refresh; this adds the month and indicator names.
WITH months AS (
    SELECT DISTINCT month, month_name_id FROM dim_date
)
SELECT n.year, n.month, m.month_name_id, i.code AS indicator_code, i.name_id AS indicator_name,
       n.n_facts, n.n_cities, n.n_articles, n.median_value, n.unit
FROM agg_indicator_month AS n
JOIN months AS m USING (month)
JOIN dim_indicator AS i USING (indicator_key);

COMMENT ON VIEW v_indicator_by_month IS 'Facts per indicator and month of the article that stated them. Threshold: facts with confidence >= view_settings.min_confidence (facts_shown; default 0.5).';
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
