-- How many facts of each indicator were stated per month (by the article's date), over how many cities.
CREATE OR REPLACE VIEW v_indicator_by_month AS
SELECT d.year, d.month, d.month_name_id, i.code AS indicator_code, i.name_id AS indicator_name,
       count(*) AS n_facts,
       count(DISTINCT f.city_key) AS n_cities,
       count(DISTINCT f.article_key) AS n_articles,
       median(f.value) AS median_value,
       any_value(f.unit) AS unit
FROM fact_indicator AS f
JOIN dim_date AS d USING (date_key)
JOIN dim_indicator AS i USING (indicator_key)
GROUP BY ALL;

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
