-- Every day from $first to $last, with Indonesian month and weekday names for Indonesian dashboards.
INSERT OR REPLACE INTO dim_date
SELECT CAST(strftime(d, '%Y%m%d') AS INTEGER),
       CAST(d AS DATE),
       year(d), quarter(d), month(d), day(d),
       ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus',
        'September', 'Oktober', 'November', 'Desember'][month(d)],
       ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'][dayofweek(d) + 1],
       dayofweek(d) IN (0, 6)
FROM generate_series(CAST($first AS DATE), CAST($last AS DATE), INTERVAL 1 DAY) AS g(d);
