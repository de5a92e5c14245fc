-- Summary table (not a view): the disagreements v_indicator_conflicts lists (see that file for what counts
-- as one), with every statement, per kab/kota, indicator, reference year and scope. Rebuilt from
-- fact_indicator and dim_article each time sql/views runs (see agg_city_facts.sql).
CREATE OR REPLACE TABLE agg_indicator_conflicts AS
WITH disputed AS (
    -- the groups holding two or more different values, found first from the facts alone: most groups
    -- agree, and building their lists of statements only to drop them made the view slow
    SELECT city_key, indicator_key, reference_year, sentra_key
    FROM fact_indicator
    WHERE city_key IS NOT NULL AND reference_year IS NOT NULL
    GROUP BY city_key, indicator_key, reference_year, sentra_key
    HAVING min(value) < max(value)
), statements AS (
    SELECT f.city_key, f.indicator_key, f.reference_year, f.sentra_key, f.value, f.unit, f.fact_key,
           f.confidence, a.url AS article_url, a.source_kind, a.published_date
    FROM fact_indicator AS f
    JOIN disputed AS d ON f.city_key = d.city_key AND f.indicator_key = d.indicator_key
                      AND f.reference_year = d.reference_year AND f.sentra_key IS NOT DISTINCT FROM d.sentra_key
    JOIN dim_article AS a USING (article_key)
), grouped AS (
    -- every group here holds two or more distinct values (disputed), so n_values > 1 needs no HAVING
    SELECT city_key, indicator_key, reference_year, sentra_key,
           count(DISTINCT value) AS n_values,
           count(*) AS n_statements,
           count(DISTINCT article_url) AS n_articles,
           min(value) AS min_value,
           max(value) AS max_value,
           any_value(unit) AS unit,
           -- the statements by value, article_url, fact_key: list_sort orders structs field by field, so the
           -- fields it sorts on come first (fact_key is unique: the others never decide), then they are put
           -- in the published order. A third faster than list(... ORDER BY value, article_url, fact_key).
           [{'value': s.value, 'article_url': s.article_url, 'source_kind': s.source_kind,
             'published_date': s.published_date, 'confidence': s.confidence, 'fact_key': s.fact_key}
            FOR s IN list_sort(list({'value': value, 'article_url': article_url, 'fact_key': fact_key,
                                     'source_kind': source_kind, 'published_date': published_date,
                                     'confidence': confidence}))] AS statements
    FROM statements
    GROUP BY city_key, indicator_key, reference_year, sentra_key
)
SELECT city_key, indicator_key, reference_year, sentra_key, n_values, n_statements, n_articles, min_value,
       max_value, unit,
       -- the text string_agg(value || ' (' || url || ')', '; ' ORDER BY value, url, fact_key) would give, made
       -- from the list already in that order: a second ordered aggregate doubled the rebuild time
       array_to_string([CAST(s.value AS VARCHAR) || ' (' || s.article_url || ')' FOR s IN statements], '; ')
           AS values_with_urls,
       statements
FROM grouped
-- stored by kab/kota (city_key orders as kemendagri_code does): a dashboard reading one province or city
-- then skips the rest of the table instead of scanning every list of statements
ORDER BY city_key, indicator_key, reference_year, sentra_key;

COMMENT ON TABLE agg_indicator_conflicts IS 'Summary table, rebuilt from fact_indicator and dim_article on every refresh (sql/views): each kab/kota, indicator, reference year and scope stated with different values, with every statement. Read by v_indicator_conflicts; query that view instead.';
COMMENT ON COLUMN agg_indicator_conflicts.city_key IS 'The kab/kota (dim_city)';
COMMENT ON COLUMN agg_indicator_conflicts.indicator_key IS 'The indicator (dim_indicator)';
COMMENT ON COLUMN agg_indicator_conflicts.reference_year IS 'The year the disagreeing values refer to';
COMMENT ON COLUMN agg_indicator_conflicts.sentra_key IS 'The sentra the values are about (dim_sentra); NULL when they are about the whole kab/kota';
COMMENT ON COLUMN agg_indicator_conflicts.n_values IS 'How many distinct values are stated (at least 2)';
COMMENT ON COLUMN agg_indicator_conflicts.n_statements IS 'How many facts state one of them';
COMMENT ON COLUMN agg_indicator_conflicts.n_articles IS 'How many distinct articles state them';
COMMENT ON COLUMN agg_indicator_conflicts.min_value IS 'Smallest stated value, in unit';
COMMENT ON COLUMN agg_indicator_conflicts.max_value IS 'Largest stated value, in unit';
COMMENT ON COLUMN agg_indicator_conflicts.unit IS 'Unit of the values';
COMMENT ON COLUMN agg_indicator_conflicts.values_with_urls IS 'Every stated value with the URL of its article, ''value (url)'' joined by ''; '', by value';
COMMENT ON COLUMN agg_indicator_conflicts.statements IS 'The same as a list of structs: value, article_url, source_kind, published_date, confidence, fact_key';
