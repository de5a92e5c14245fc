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
-- The pick is made once per refresh, in the summary table agg_city_indicator (agg_city_indicator.sql): ranking
-- every statement on each read took a quarter of a second at a million facts.
SELECT c.kemendagri_code, c.name AS city_name, c.province_name, i.code AS indicator_code,
       i.name_id AS indicator_name, l.value, l.unit, l.period, l.reference_year, l.published_date,
       l.article_url, l.source, l.evidence, l.confidence, l.n_statements
FROM agg_city_indicator AS l
JOIN dim_city AS c ON c.city_key = l.city_key
JOIN dim_indicator AS i ON i.indicator_key = l.indicator_key;

COMMENT ON VIEW v_city_indicator_latest IS 'The value to show for each city and indicator, chosen among all statements by a documented rule: whole city over one sentra, latest reference year, agency over news, later publication, exact over approximate. Threshold: facts with confidence >= view_settings.min_confidence (facts_shown; default 0.5).';
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
