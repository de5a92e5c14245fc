-- Replace one day's story-to-outlet links: a wire story republished by several outlets is one article
-- with several sources.
DELETE FROM article_source
WHERE load_date = $load_date
   OR article_key IN (SELECT article_key FROM dim_article WHERE load_date = $load_date);
INSERT INTO article_source
SELECT article_key, source, url, is_original, $load_date
FROM read_json($path, format = 'newline_delimited', columns = {
    article_key: 'BIGINT', source: 'VARCHAR', url: 'VARCHAR', is_original: 'BOOLEAN'});
