-- fix_fact and reject_fact. A fact is found by fact_key, or by its natural key: the article's canonical URL,
-- the indicator code and the value as loaded (optionally the city, when one sentence names several).
CREATE OR REPLACE TEMP TABLE correction_fact_match AS
SELECT c.seq, c.correction_id, c.action, f.fact_key
FROM correction_input AS c
JOIN fact_indicator AS f
  ON f.fact_key = c.fact_key
  OR (c.fact_key IS NULL
      AND f.article_key IN (SELECT a.article_key FROM dim_article AS a WHERE a.url = c.article_url)
      AND f.indicator_key IN (SELECT i.indicator_key FROM dim_indicator AS i WHERE i.code = c.indicator)
      AND f.value = c.match_value
      AND (c.city_key IS NULL OR f.city_key = c.city_key))
WHERE c.action IN ('fix_fact', 'reject_fact')
  -- a fix to a city dim_city does not have would fail the next refresh's blocking check: not applied
  AND (c.new_city_key IS NULL OR c.new_city_key IN (SELECT city_key FROM dim_city));

INSERT INTO correction_fact_original
SELECT * FROM fact_indicator
WHERE fact_key IN (SELECT fact_key FROM correction_fact_match)
  AND fact_key NOT IN (SELECT fact_key FROM correction_fact_original);

-- Several fixes of one fact: the last in the file wins.
UPDATE fact_indicator AS f
SET value = coalesce(c.new_value, f.value),
    reference_year = coalesce(c.new_reference_year, f.reference_year),
    period = coalesce(c.new_period, f.period),
    city_key = coalesce(c.new_city_key, f.city_key),
    province_code = CASE WHEN c.new_city_key IS NULL THEN f.province_code
                         ELSE lpad(CAST(c.new_city_key // 100 AS VARCHAR), 2, '0') END
FROM (SELECT m.fact_key, arg_max(ci, ci.seq) AS c
      FROM correction_fact_match AS m JOIN correction_input AS ci USING (seq)
      WHERE m.action = 'fix_fact' GROUP BY m.fact_key) AS x(fact_key, c)
WHERE f.fact_key = x.fact_key;

DELETE FROM fact_indicator
WHERE fact_key IN (SELECT fact_key FROM correction_fact_match WHERE action = 'reject_fact');
