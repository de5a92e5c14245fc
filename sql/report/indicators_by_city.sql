-- The value shown for each city and indicator (v_city_indicator_latest), for the $max_cities cities with the
-- most indicators stated.
WITH ranked AS (
    SELECT kemendagri_code, count(*) AS n_indicators, sum(n_statements) AS n_statements
    FROM v_city_indicator_latest GROUP BY kemendagri_code
    ORDER BY n_indicators DESC, n_statements DESC, kemendagri_code
    LIMIT $max_cities
)
SELECT l.kemendagri_code, l.city_name, l.province_name, l.indicator_code, l.value, l.unit, l.reference_year,
       l.article_url, l.n_statements
FROM v_city_indicator_latest AS l
JOIN ranked AS r USING (kemendagri_code)
ORDER BY r.n_indicators DESC, r.n_statements DESC, l.kemendagri_code, l.indicator_code
