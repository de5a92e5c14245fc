-- Summary table (not a view): every statement of every disagreement v_indicator_conflicts lists (see that
-- file for what counts as one), one row each, read by v_indicator_conflict_statements. Rebuilt from
-- fact_indicator and the dimensions each time sql/views runs (see agg_city_facts.sql); its file name sorts
-- before agg_indicator_conflicts.sql, which sums it up per disagreement.
CREATE OR REPLACE TABLE agg_indicator_conflict_statements AS
WITH disputed AS (
    -- the groups holding two or more different values, found first from the facts alone: most groups
    -- agree, and joining their statements to the articles only to drop them is wasted work
    SELECT city_key, indicator_key, reference_year, sentra_key
    FROM facts_shown
    WHERE city_key IS NOT NULL AND reference_year IS NOT NULL
    GROUP BY city_key, indicator_key, reference_year, sentra_key
    HAVING min(value) < max(value)
)
SELECT f.city_key, f.indicator_key, f.reference_year, f.sentra_key, c.kemendagri_code, i.code AS indicator_code,
       f.value, f.unit, a.url AS article_url, a.source_kind, a.published_date, f.confidence, f.fact_key
FROM facts_shown AS f
JOIN disputed AS d ON f.city_key = d.city_key AND f.indicator_key = d.indicator_key
                  AND f.reference_year = d.reference_year AND f.sentra_key IS NOT DISTINCT FROM d.sentra_key
JOIN dim_article AS a USING (article_key)
JOIN dim_city AS c ON c.city_key = f.city_key
JOIN dim_indicator AS i ON i.indicator_key = f.indicator_key
LEFT JOIN dim_sentra AS s ON s.sentra_key = f.sentra_key
-- stored in the order v_indicator_conflict_statements returns (that view reads the table as it lies, without
-- an ORDER BY of its own: sorting 636k rows on every read doubled its time at a million facts): by
-- disagreement as v_indicator_conflicts orders them, then by value, article and fact. Stored by kab/kota, a
-- dashboard reading one province or city skips the rest of the table.
ORDER BY c.kemendagri_code, i.code, f.reference_year, s.name NULLS FIRST, f.sentra_key, f.value, a.url, f.fact_key;

COMMENT ON TABLE agg_indicator_conflict_statements IS 'Summary table, rebuilt from fact_indicator and the dimensions on every refresh (sql/views): every statement of each kab/kota, indicator, reference year and scope stated with different values, one row each. Read by v_indicator_conflict_statements and agg_indicator_conflicts; query v_indicator_conflict_statements instead.';
COMMENT ON COLUMN agg_indicator_conflict_statements.city_key IS 'The kab/kota (dim_city)';
COMMENT ON COLUMN agg_indicator_conflict_statements.indicator_key IS 'The indicator (dim_indicator)';
COMMENT ON COLUMN agg_indicator_conflict_statements.reference_year IS 'The year the disagreeing values refer to';
COMMENT ON COLUMN agg_indicator_conflict_statements.sentra_key IS 'The sentra the values are about (dim_sentra); NULL when they are about the whole kab/kota';
COMMENT ON COLUMN agg_indicator_conflict_statements.kemendagri_code IS 'Kemendagri code of the kab/kota (dim_city.kemendagri_code), stored so that the view needs no join';
COMMENT ON COLUMN agg_indicator_conflict_statements.indicator_code IS 'Indicator code (dim_indicator.code), stored so that the view needs no join';
COMMENT ON COLUMN agg_indicator_conflict_statements.value IS 'The value this fact states, in unit';
COMMENT ON COLUMN agg_indicator_conflict_statements.unit IS 'Unit of this fact''s value';
COMMENT ON COLUMN agg_indicator_conflict_statements.article_url IS 'Canonical URL of the article stating it';
COMMENT ON COLUMN agg_indicator_conflict_statements.source_kind IS 'news, agency or open_data (dim_article.source_kind)';
COMMENT ON COLUMN agg_indicator_conflict_statements.published_date IS 'When that article was published; NULL when it states no date';
COMMENT ON COLUMN agg_indicator_conflict_statements.confidence IS 'Extractor confidence, 0 to 1';
COMMENT ON COLUMN agg_indicator_conflict_statements.fact_key IS 'The fact (fact_indicator.fact_key)';
