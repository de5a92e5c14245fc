-- Headline numbers of the report.
SELECT (SELECT count(*) FROM dim_article WHERE relevant) AS n_articles,
       (SELECT count(*) FROM fact_indicator) AS n_facts,
       (SELECT count(*) FROM dim_sentra) AS n_sentra,
       (SELECT count(DISTINCT city_key) FROM fact_indicator WHERE city_key IS NOT NULL) AS n_cities,
       (SELECT count(DISTINCT province_code) FROM dim_sentra JOIN dim_city USING (city_key)) AS n_provinces,
       (SELECT count(*) FROM v_indicator_conflicts) AS n_conflicts,
       (SELECT max(load_date) FROM dim_article) AS last_load_date
