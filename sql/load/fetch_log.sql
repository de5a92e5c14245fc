-- Replace one day's fetch attempts, keeping the latest attempt per URL (a resumed run retries some). $load_date: the daily partition; $path: that day's fetch_log.jsonl.
DELETE FROM fetch_log WHERE load_date = $load_date;
INSERT INTO fetch_log
SELECT $load_date, url, source, kind, http_status, outcome, error, fetched_at, elapsed_s, bytes
FROM read_json($path, format = 'newline_delimited', columns = {
    url: 'VARCHAR', source: 'VARCHAR', kind: 'VARCHAR', http_status: 'INTEGER', outcome: 'VARCHAR',
    error: 'VARCHAR', fetched_at: 'TIMESTAMPTZ', elapsed_s: 'DOUBLE', bytes: 'BIGINT'})
QUALIFY row_number() OVER (PARTITION BY url ORDER BY fetched_at DESC) = 1;
