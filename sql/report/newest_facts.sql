-- The newest facts (by the article's date), with the article they were read from.
SELECT d.date, i.code AS indicator_code, i.name_id AS indicator_name, f.value, f.unit, f.reference_year,
       coalesce(c.name, 'Provinsi ' || f.province_code, 'Nasional') AS place, s.name AS sentra_name,
       a.url AS article_url, a.title, a.source, f.evidence
FROM fact_indicator AS f
JOIN dim_article AS a USING (article_key)
JOIN dim_indicator AS i USING (indicator_key)
JOIN dim_date AS d ON d.date_key = f.date_key
LEFT JOIN dim_city AS c USING (city_key)
LEFT JOIN dim_sentra AS s USING (sentra_key)
ORDER BY f.date_key DESC, a.url, i.code, f.value DESC
LIMIT $limit
