-- All 514 kab/kota from the Kemendagri data, whether or not an article has named them yet.
INSERT OR REPLACE INTO dim_city
SELECT city_key, kemendagri_code, name, kind, province_code, province_name
FROM read_json($path, format = 'newline_delimited', columns = {
    city_key: 'INTEGER', kemendagri_code: 'VARCHAR', name: 'VARCHAR', kind: 'VARCHAR',
    province_code: 'VARCHAR', province_name: 'VARCHAR'});
