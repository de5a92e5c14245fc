-- Facts pointing at an article, indicator, date or sentra the star does not have.
SELECT f.fact_key, 'article' AS missing FROM fact_indicator f LEFT JOIN dim_article a USING (article_key) WHERE a.article_key IS NULL
UNION ALL
SELECT f.fact_key, 'indicator' FROM fact_indicator f LEFT JOIN dim_indicator i USING (indicator_key) WHERE i.indicator_key IS NULL
UNION ALL
SELECT f.fact_key, 'date' FROM fact_indicator f LEFT JOIN dim_date d USING (date_key) WHERE d.date_key IS NULL
UNION ALL
SELECT f.fact_key, 'sentra' FROM fact_indicator f LEFT JOIN dim_sentra s USING (sentra_key)
WHERE f.sentra_key IS NOT NULL AND s.sentra_key IS NULL
