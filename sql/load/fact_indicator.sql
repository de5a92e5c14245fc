-- Replace one day's facts, and any earlier facts from the articles loaded today.
DELETE FROM fact_indicator
WHERE load_date = $load_date
   OR article_key IN (SELECT article_key FROM dim_article WHERE load_date = $load_date);
INSERT INTO fact_indicator
SELECT f.fact_key, f.date_key, f.city_key, f.province_code, f.sentra_key, i.indicator_key, f.article_key,
       f.value, f.unit, f.period, f.reference_year, f.evidence, f.confidence, $load_date, f.model_version
FROM read_json($path, format = 'newline_delimited', columns = {
    fact_key: 'BIGINT', date_key: 'INTEGER', city_key: 'INTEGER', province_code: 'VARCHAR',
    sentra_key: 'BIGINT', indicator: 'VARCHAR', article_key: 'BIGINT', value: 'DOUBLE', unit: 'VARCHAR',
    period: 'VARCHAR', reference_year: 'INTEGER', evidence: 'VARCHAR', confidence: 'DOUBLE',
    model_version: 'VARCHAR'}) AS f
JOIN dim_indicator AS i ON i.code = f.indicator;
