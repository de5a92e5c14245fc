-- Replace one day's articles. An article loaded again on another day moves to that day (latest load wins).
DELETE FROM dim_article WHERE load_date = $load_date;
INSERT OR REPLACE INTO dim_article
SELECT article_key, url, fetched_url, source, source_kind, title, published_date, date_key, content_hash,
       relevant, primary_city_key, n_facts, $load_date
FROM read_json($path, format = 'newline_delimited', columns = {
    article_key: 'BIGINT', url: 'VARCHAR', fetched_url: 'VARCHAR', source: 'VARCHAR', source_kind: 'VARCHAR',
    title: 'VARCHAR', published_date: 'DATE', date_key: 'INTEGER', content_hash: 'VARCHAR',
    relevant: 'BOOLEAN', primary_city_key: 'INTEGER', n_facts: 'INTEGER'});
