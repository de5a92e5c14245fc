-- Undo the previous refresh's corrections of facts: the loaded values come back (a fact reloaded since
-- then already has them). A rejected fact comes back only while its article is still loaded on the same
-- day; an article loaded again since then brought its own facts. dim_sentra is rebuilt by the loader
-- (load/dim_sentra.sql) right after this file, which undoes merges and commodity changes.
UPDATE fact_indicator AS f
SET city_key = o.city_key, province_code = o.province_code, sentra_key = o.sentra_key, value = o.value,
    unit = o.unit, period = o.period, reference_year = o.reference_year
FROM correction_fact_original AS o
WHERE f.fact_key = o.fact_key;

INSERT INTO fact_indicator
SELECT o.* FROM correction_fact_original AS o
WHERE o.fact_key NOT IN (SELECT fact_key FROM fact_indicator)
  AND EXISTS (SELECT 1 FROM dim_article AS a WHERE a.article_key = o.article_key AND a.load_date = o.load_date);

DELETE FROM correction_fact_original;
