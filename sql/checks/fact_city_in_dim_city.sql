-- Facts whose city_key is not a kab/kota of dim_city.
SELECT f.fact_key, f.city_key FROM fact_indicator AS f
LEFT JOIN dim_city AS c USING (city_key)
WHERE f.city_key IS NOT NULL AND c.city_key IS NULL
