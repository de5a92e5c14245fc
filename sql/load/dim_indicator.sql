-- The eleven indicators the extractor reads. plausible_max bounds one value for one city (checks use it).
INSERT OR REPLACE INTO dim_indicator VALUES
    (1,  'jumlah_sentra',     'Jumlah sentra IKM',          'Number of IKM clusters',       'sentra', false, 5e3),
    (2,  'jumlah_ikm',        'Jumlah IKM / unit usaha',    'Number of small industries',   'unit',   false, 2e6),
    (3,  'tenaga_kerja',      'Tenaga kerja',               'Workers employed',             'orang',  false, 5e6),
    (4,  'nilai_produksi',    'Nilai produksi',             'Production value',             'IDR',    true,  5e15),
    (5,  'nilai_omzet',       'Nilai omzet / penjualan',    'Turnover (sales)',             'IDR',    true,  5e15),
    (6,  'nilai_transaksi',   'Nilai transaksi',            'Transaction value',            'IDR',    true,  5e15),
    (7,  'nilai_ekspor',      'Nilai ekspor',               'Export value',                 'IDR',    true,  5e15),
    (8,  'nilai_investasi',   'Nilai investasi',            'Investment value',             'IDR',    true,  5e15),
    (9,  'target_penjualan',  'Target penjualan/transaksi', 'Sales or transaction target',  'IDR',    true,  5e15),
    (10, 'peserta_pelatihan', 'Peserta pelatihan',          'Training participants',        'orang',  false, 1e6),
    (11, 'bantuan',           'Nilai bantuan / hibah / DAK','Value of aid, grants or DAK',  'IDR',    true,  5e15);
