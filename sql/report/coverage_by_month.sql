-- Coverage over time, every month from the first to the last article (by the article's date): relevant
-- articles and facts that month, and the kab/kota with at least one fact so far (cumulative).
WITH bounds AS (
    SELECT min(d.date) AS first_day, max(d.date) AS last_day
    FROM dim_article AS a JOIN dim_date AS d USING (date_key) WHERE a.relevant
), months AS (
    SELECT year(m) AS year, month(m) AS month
    FROM bounds, generate_series(date_trunc('month', first_day), date_trunc('month', last_day), INTERVAL 1 MONTH) AS g(m)
), facts AS (
    SELECT d.year, d.month, count(*) AS n_facts FROM fact_indicator AS f JOIN dim_date AS d USING (date_key)
    GROUP BY ALL
), articles AS (
    SELECT d.year, d.month, count(*) AS n_articles FROM dim_article AS a JOIN dim_date AS d USING (date_key)
    WHERE a.relevant GROUP BY ALL
), first_city AS (
    SELECT city_key, min(date_key) AS first_key FROM fact_indicator WHERE city_key IS NOT NULL GROUP BY city_key
), new_cities AS (
    SELECT d.year, d.month, count(*) AS n_new FROM first_city AS f JOIN dim_date AS d ON d.date_key = f.first_key
    GROUP BY ALL
)
SELECT m.year, m.month, coalesce(a.n_articles, 0) AS n_articles, coalesce(f.n_facts, 0) AS n_facts,
       sum(coalesce(n.n_new, 0)) OVER (ORDER BY m.year, m.month) AS n_cities_covered
FROM months AS m
LEFT JOIN articles AS a USING (year, month)
LEFT JOIN facts AS f USING (year, month)
LEFT JOIN new_cities AS n USING (year, month)
ORDER BY m.year, m.month
