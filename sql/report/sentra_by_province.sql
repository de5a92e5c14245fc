-- Sentra per province and commodity group (a sentra without a group counts as 'lainnya'), provinces with
-- the most sentra first.
WITH counts AS (
    SELECT c.province_name, coalesce(s.commodity_group, 'lainnya') AS commodity_group, count(*) AS n_sentra
    FROM dim_sentra AS s
    JOIN dim_city AS c USING (city_key)
    GROUP BY ALL
)
SELECT province_name, commodity_group, n_sentra
FROM counts
ORDER BY sum(n_sentra) OVER (PARTITION BY province_name) DESC, province_name, n_sentra DESC, commodity_group
