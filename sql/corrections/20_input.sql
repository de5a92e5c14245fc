-- The corrections of the file, one row each, as warehouse/corrections.py normalised them ($path: JSON lines).
-- Sentra keys are computed by the loader from the natural key (city code + commodity), as in warehouse/rows.py.
CREATE OR REPLACE TEMP TABLE correction_input AS
SELECT * FROM read_json($path, format = 'newline_delimited', columns = {
    seq: 'INTEGER', correction_id: 'VARCHAR', action: 'VARCHAR', target: 'VARCHAR', reason: 'VARCHAR',
    fact_key: 'BIGINT', article_url: 'VARCHAR', indicator: 'VARCHAR', match_value: 'DOUBLE', city_key: 'INTEGER',
    sentra_key: 'BIGINT', into_sentra_key: 'BIGINT',
    new_value: 'DOUBLE', new_reference_year: 'INTEGER', new_period: 'VARCHAR', new_city_key: 'INTEGER',
    new_commodity: 'VARCHAR', new_commodity_group: 'VARCHAR'});
