-- What every table and column of sql/schema.sql means, for BI tools and for `sentra docs` (the data
-- dictionary is generated from these). Applied after schema.sql; idempotent. Views carry their own
-- COMMENT ONs in sql/views/, the corrections tables in sql/corrections/00_tables.sql.

COMMENT ON TABLE dim_city IS 'Every kab/kota of Indonesia (514) from Kemendagri data, whether or not an article has named it yet.';
COMMENT ON COLUMN dim_city.city_key IS 'The Kemendagri code without the dot: 32.73 -> 3273';
COMMENT ON COLUMN dim_city.kemendagri_code IS 'Kemendagri code of the kab/kota, NN.NN; unique';
COMMENT ON COLUMN dim_city.name IS 'Kab/kota name, e.g. Kota Bandung, Kabupaten Bekasi';
COMMENT ON COLUMN dim_city.kind IS 'kota or kabupaten';
COMMENT ON COLUMN dim_city.province_code IS 'Kemendagri province code, NN';
COMMENT ON COLUMN dim_city.province_name IS 'Province name';

COMMENT ON TABLE dim_indicator IS 'The eleven indicators the extractor reads, with their unit and plausible maximum.';
COMMENT ON COLUMN dim_indicator.indicator_key IS 'Surrogate key, 1 to 11';
COMMENT ON COLUMN dim_indicator.code IS 'Indicator code, e.g. jumlah_ikm, tenaga_kerja; unique';
COMMENT ON COLUMN dim_indicator.name_id IS 'Indonesian name';
COMMENT ON COLUMN dim_indicator.name_en IS 'English name';
COMMENT ON COLUMN dim_indicator.unit IS 'Unit of its values: sentra, unit, orang or IDR';
COMMENT ON COLUMN dim_indicator.is_money IS 'True for an amount of money';
COMMENT ON COLUMN dim_indicator.plausible_max IS 'A value above this for one city is almost surely misread (checks use it)';

COMMENT ON TABLE dim_date IS 'Every day from 2000 to 2035, with Indonesian month and weekday names.';
COMMENT ON COLUMN dim_date.date_key IS 'The date as YYYYMMDD';
COMMENT ON COLUMN dim_date.date IS 'The date';
COMMENT ON COLUMN dim_date.year IS 'Year';
COMMENT ON COLUMN dim_date.quarter IS 'Quarter, 1 to 4';
COMMENT ON COLUMN dim_date.month IS 'Month number, 1 to 12';
COMMENT ON COLUMN dim_date.day IS 'Day of the month';
COMMENT ON COLUMN dim_date.month_name_id IS 'Indonesian month name, e.g. Januari';
COMMENT ON COLUMN dim_date.weekday_name_id IS 'Indonesian weekday name, e.g. Senin';
COMMENT ON COLUMN dim_date.is_weekend IS 'Saturday or Sunday';

COMMENT ON TABLE dim_article IS 'One row per article (canonical URL) ever loaded, relevant or not.';
COMMENT ON COLUMN dim_article.article_key IS 'Stable key: a hash of the canonical URL';
COMMENT ON COLUMN dim_article.url IS 'Canonical URL of the article';
COMMENT ON COLUMN dim_article.fetched_url IS 'The URL that was fetched (before canonicalisation)';
COMMENT ON COLUMN dim_article.source IS 'Name of the source in the sources file';
COMMENT ON COLUMN dim_article.source_kind IS 'news, agency or open_data';
COMMENT ON COLUMN dim_article.title IS 'Title of the article';
COMMENT ON COLUMN dim_article.published_date IS 'Published date as stated by the page; NULL when it states none';
COMMENT ON COLUMN dim_article.date_key IS 'Published date, else the day it was crawled (YYYYMMDD, dim_date)';
COMMENT ON COLUMN dim_article.content_hash IS 'Hash of the main text (duplicates under other URLs are dropped)';
COMMENT ON COLUMN dim_article.relevant IS 'True when the article is about sentra IKM (only those give facts)';
COMMENT ON COLUMN dim_article.primary_city_key IS 'The kab/kota the article is mainly about (dim_city)';
COMMENT ON COLUMN dim_article.n_facts IS 'Facts read from it';
COMMENT ON COLUMN dim_article.load_date IS 'The daily partition that loaded it';

COMMENT ON TABLE sentra_mention IS 'Every naming of a sentra in an article, as read; dim_sentra is derived from it.';
COMMENT ON COLUMN sentra_mention.sentra_key IS 'Stable key of the sentra: a hash of city code and commodity';
COMMENT ON COLUMN sentra_mention.article_key IS 'The article naming it (dim_article)';
COMMENT ON COLUMN sentra_mention.city_key IS 'Its kab/kota (dim_city)';
COMMENT ON COLUMN sentra_mention.name IS 'Name as written in the article';
COMMENT ON COLUMN sentra_mention.commodity IS 'What it makes, as written';
COMMENT ON COLUMN sentra_mention.commodity_group IS 'Kemenperin commodity group';
COMMENT ON COLUMN sentra_mention.location IS 'Desa, kelurahan or kecamatan, when stated';
COMMENT ON COLUMN sentra_mention.status IS 'existing or planned, as the article reports it';
COMMENT ON COLUMN sentra_mention.seen_date IS 'Published date of the article, else its crawl date';
COMMENT ON COLUMN sentra_mention.load_date IS 'The daily partition that loaded it';

COMMENT ON TABLE dim_sentra IS 'One sentra IKM per kab/kota and commodity, from all its mentions, with analysts'' corrections applied.';
COMMENT ON COLUMN dim_sentra.sentra_key IS 'Stable key: a hash of city code and commodity';
COMMENT ON COLUMN dim_sentra.city_key IS 'Its kab/kota (dim_city)';
COMMENT ON COLUMN dim_sentra.name IS 'Name in the latest article naming it';
COMMENT ON COLUMN dim_sentra.commodity IS 'What it makes (an analyst may have set it: corrections.yaml)';
COMMENT ON COLUMN dim_sentra.commodity_group IS 'Kemenperin commodity group, e.g. sandang, pangan, furnitur';
COMMENT ON COLUMN dim_sentra.location IS 'Desa, kelurahan or kecamatan in the latest article stating one';
COMMENT ON COLUMN dim_sentra.status IS 'existing or planned, in the latest article';
COMMENT ON COLUMN dim_sentra.first_seen IS 'Date of the first article naming it';
COMMENT ON COLUMN dim_sentra.last_seen IS 'Date of the latest article naming it';
COMMENT ON COLUMN dim_sentra.n_articles IS 'Articles naming it';

COMMENT ON TABLE fact_indicator IS 'One value of one indicator for one kab/kota (or province, optionally one sentra) stated in one article, with the sentence it came from.';
COMMENT ON COLUMN fact_indicator.fact_key IS 'Stable key: a hash of article, indicator, value as read, city and sentence';
COMMENT ON COLUMN fact_indicator.date_key IS 'The article''s date, published else crawled (dim_date)';
COMMENT ON COLUMN fact_indicator.city_key IS 'The kab/kota (dim_city); NULL for a province-wide or national number';
COMMENT ON COLUMN fact_indicator.province_code IS 'Kemendagri province code, NN; NULL for a national number';
COMMENT ON COLUMN fact_indicator.sentra_key IS 'The sentra the value is about (dim_sentra); NULL for the whole city';
COMMENT ON COLUMN fact_indicator.indicator_key IS 'The indicator (dim_indicator)';
COMMENT ON COLUMN fact_indicator.article_key IS 'The article stating it (dim_article)';
COMMENT ON COLUMN fact_indicator.value IS 'The value, in unit (an analyst may have fixed it: corrections.yaml)';
COMMENT ON COLUMN fact_indicator.unit IS 'sentra, unit, orang, IDR or USD';
COMMENT ON COLUMN fact_indicator.period IS 'hari, bulan or tahun for a flow; NULL for a stock';
COMMENT ON COLUMN fact_indicator.reference_year IS 'The year the value refers to';
COMMENT ON COLUMN fact_indicator.evidence IS 'The sentence the value was read from, verbatim';
COMMENT ON COLUMN fact_indicator.confidence IS 'The reader''s probability that the fact is right, 0 to 1, fitted on labelled articles (README, Quality: of facts at 0.8 about 80% are right)';
COMMENT ON COLUMN fact_indicator.model_version IS 'The reader that read the fact: the version of its model file (reader-...), or rules; NULL for facts loaded before it was recorded';
COMMENT ON TABLE view_settings IS 'One row: the confidence a fact needs to show in the BI views (facts_shown). Set by SENTRA_MIN_CONFIDENCE on each refresh, else 0.5.';
COMMENT ON COLUMN view_settings.min_confidence IS 'Facts with a lower confidence stay in fact_indicator but not in the v_ views';
COMMENT ON COLUMN fact_indicator.load_date IS 'The daily partition that loaded it';

COMMENT ON TABLE fetch_log IS 'Every fetch attempt of a day (the latest per URL): status, outcome and error.';
COMMENT ON COLUMN fetch_log.load_date IS 'The daily partition of the crawl';
COMMENT ON COLUMN fetch_log.url IS 'The URL fetched';
COMMENT ON COLUMN fetch_log.source IS 'Name of the source in the sources file';
COMMENT ON COLUMN fetch_log.kind IS 'article or discovery (sitemap, feed, listing)';
COMMENT ON COLUMN fetch_log.http_status IS 'HTTP status; NULL when no response came';
COMMENT ON COLUMN fetch_log.outcome IS 'ok, not_modified, http_error, timeout, robots_disallowed...';
COMMENT ON COLUMN fetch_log.error IS 'The error, when it failed';
COMMENT ON COLUMN fetch_log.fetched_at IS 'When it was fetched';
COMMENT ON COLUMN fetch_log.elapsed_s IS 'Seconds it took';
COMMENT ON COLUMN fetch_log.bytes IS 'Bytes received';

COMMENT ON TABLE article_source IS 'Every outlet that published an article: a wire story republished by several outlets is one article with several sources.';
COMMENT ON COLUMN article_source.article_key IS 'The story (dim_article)';
COMMENT ON COLUMN article_source.source IS 'An outlet that published it';
COMMENT ON COLUMN article_source.url IS 'Its URL at that outlet';
COMMENT ON COLUMN article_source.is_original IS 'True for the copy the facts were read from';
COMMENT ON COLUMN article_source.load_date IS 'The daily partition that loaded it';

-- facts_shown (schema.sql) is fact_indicator above the view threshold: its columns mean the same
COMMENT ON VIEW facts_shown IS 'fact_indicator rows with confidence >= view_settings.min_confidence (default 0.5, setting SENTRA_MIN_CONFIDENCE): the facts every v_ view and agg_ table reads.';
COMMENT ON COLUMN facts_shown.fact_key IS 'As fact_indicator.fact_key';
COMMENT ON COLUMN facts_shown.date_key IS 'As fact_indicator.date_key';
COMMENT ON COLUMN facts_shown.city_key IS 'As fact_indicator.city_key';
COMMENT ON COLUMN facts_shown.province_code IS 'As fact_indicator.province_code';
COMMENT ON COLUMN facts_shown.sentra_key IS 'As fact_indicator.sentra_key';
COMMENT ON COLUMN facts_shown.indicator_key IS 'As fact_indicator.indicator_key';
COMMENT ON COLUMN facts_shown.article_key IS 'As fact_indicator.article_key';
COMMENT ON COLUMN facts_shown.value IS 'As fact_indicator.value';
COMMENT ON COLUMN facts_shown.unit IS 'As fact_indicator.unit';
COMMENT ON COLUMN facts_shown.period IS 'As fact_indicator.period';
COMMENT ON COLUMN facts_shown.reference_year IS 'As fact_indicator.reference_year';
COMMENT ON COLUMN facts_shown.evidence IS 'As fact_indicator.evidence';
COMMENT ON COLUMN facts_shown.confidence IS 'As fact_indicator.confidence';
COMMENT ON COLUMN facts_shown.load_date IS 'As fact_indicator.load_date';
COMMENT ON COLUMN facts_shown.model_version IS 'As fact_indicator.model_version';
