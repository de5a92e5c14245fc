-- Summary table (not a view): the disagreements v_indicator_conflicts lists (see that file for what counts
-- as one), one row per kab/kota, indicator, reference year and scope. Rebuilt each time sql/views runs (see
-- agg_city_facts.sql) from agg_indicator_conflict_statements, which holds their statements one row each and
-- is built just before (its file name sorts first).
CREATE OR REPLACE TABLE agg_indicator_conflicts AS
SELECT city_key, indicator_key, reference_year, sentra_key,
       count(DISTINCT value) AS n_values,  -- at least 2: every group there holds two or more distinct values
       count(*) AS n_statements,
       count(DISTINCT article_url) AS n_articles,
       min(value) AS min_value,
       max(value) AS max_value,
       -- a group can mix units (IDR and USD figures of one indicator, say): min() picks the same one on every
       -- run, where any_value() picked whichever came first; each statement's own unit is in
       -- v_indicator_conflict_statements
       min(unit) AS unit,
       -- each distinct value once, with how many facts state it: bounded by n_values, not n_statements. The
       -- former values_with_urls ('value (url)' for every statement) was 32 of the view's 37 MB at a million
       -- facts, more than half its read time, unreadable in a table cell at twenty statements, and the same as
       -- the rows of v_indicator_conflict_statements. histogram() counts in the same pass as the rest.
       array_to_string([CAST(e.key AS VARCHAR) || ' x' || e.value FOR e IN list_sort(map_entries(histogram(value)))],
                       '; ') AS values_stated
FROM agg_indicator_conflict_statements
GROUP BY city_key, indicator_key, reference_year, sentra_key
-- stored by kab/kota (city_key orders as kemendagri_code does): a dashboard reading one province or city
-- then skips the rest of the table
ORDER BY city_key, indicator_key, reference_year, sentra_key;

COMMENT ON TABLE agg_indicator_conflicts IS 'Summary table, rebuilt from agg_indicator_conflict_statements on every refresh (sql/views): each kab/kota, indicator, reference year and scope stated with different values, one row each. Read by v_indicator_conflicts; query that view instead.';
COMMENT ON COLUMN agg_indicator_conflicts.city_key IS 'The kab/kota (dim_city)';
COMMENT ON COLUMN agg_indicator_conflicts.indicator_key IS 'The indicator (dim_indicator)';
COMMENT ON COLUMN agg_indicator_conflicts.reference_year IS 'The year the disagreeing values refer to';
COMMENT ON COLUMN agg_indicator_conflicts.sentra_key IS 'The sentra the values are about (dim_sentra); NULL when they are about the whole kab/kota';
COMMENT ON COLUMN agg_indicator_conflicts.n_values IS 'How many distinct values are stated (at least 2)';
COMMENT ON COLUMN agg_indicator_conflicts.n_statements IS 'How many facts state one of them';
COMMENT ON COLUMN agg_indicator_conflicts.n_articles IS 'How many distinct articles state them';
COMMENT ON COLUMN agg_indicator_conflicts.min_value IS 'Smallest stated value, in unit';
COMMENT ON COLUMN agg_indicator_conflicts.max_value IS 'Largest stated value, in unit';
COMMENT ON COLUMN agg_indicator_conflicts.unit IS 'Unit of the values (when they are stated in several units, the first by name)';
COMMENT ON COLUMN agg_indicator_conflicts.values_stated IS 'Each distinct value with how many facts state it, ''value xN'' joined by ''; '', by value: ''28.0 x2; 30.0 x1''';
