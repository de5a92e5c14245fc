-- The same value of the same indicator for the same city from the same sentence of the same article.
SELECT article_key, indicator_key, city_key, value, evidence, count(*) AS n
FROM fact_indicator
GROUP BY ALL
HAVING count(*) > 1
