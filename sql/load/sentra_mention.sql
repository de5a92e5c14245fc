-- Replace one day's sentra mentions, and any earlier mentions from the articles loaded today.
DELETE FROM sentra_mention
WHERE load_date = $load_date
   OR article_key IN (SELECT article_key FROM dim_article WHERE load_date = $load_date);
INSERT INTO sentra_mention
SELECT sentra_key, article_key, city_key, name, commodity, commodity_group, location, status, seen_date, $load_date
FROM read_json($path, format = 'newline_delimited', columns = {
    sentra_key: 'BIGINT', article_key: 'BIGINT', city_key: 'INTEGER', name: 'VARCHAR', commodity: 'VARCHAR',
    commodity_group: 'VARCHAR', location: 'VARCHAR', status: 'VARCHAR', seen_date: 'DATE'});
