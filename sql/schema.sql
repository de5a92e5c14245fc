-- The warehouse: a star schema around fact_indicator. Table and column names are a contract that
-- BI dashboards and outside checks use; change them only with a migration note in the README.
-- Every statement is idempotent, so the schema can be applied at the start of every run.

CREATE TABLE IF NOT EXISTS dim_city (
    city_key        INTEGER PRIMARY KEY,      -- the Kemendagri code without the dot: 32.73 -> 3273
    kemendagri_code VARCHAR NOT NULL,         -- unique; 'NN.NN'
    name            VARCHAR NOT NULL,         -- 'Kota Bandung', 'Kabupaten Bekasi'
    kind            VARCHAR NOT NULL CHECK (kind IN ('kota', 'kabupaten')),
    province_code   VARCHAR NOT NULL,         -- 'NN'
    province_name   VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS dim_indicator (
    indicator_key INTEGER PRIMARY KEY,
    code          VARCHAR NOT NULL,           -- unique
    name_id       VARCHAR NOT NULL,
    name_en       VARCHAR NOT NULL,
    unit          VARCHAR NOT NULL,           -- sentra | unit | orang | IDR
    is_money      BOOLEAN NOT NULL,
    plausible_max DOUBLE NOT NULL             -- a value above this for one city is almost surely misread
);

CREATE TABLE IF NOT EXISTS dim_date (
    date_key        INTEGER PRIMARY KEY,      -- YYYYMMDD
    date            DATE NOT NULL,
    year            INTEGER NOT NULL,
    quarter         INTEGER NOT NULL,
    month           INTEGER NOT NULL,
    day             INTEGER NOT NULL,
    month_name_id   VARCHAR NOT NULL,         -- 'Januari'
    weekday_name_id VARCHAR NOT NULL,         -- 'Senin'
    is_weekend      BOOLEAN NOT NULL
);

CREATE TABLE IF NOT EXISTS dim_article (
    article_key       BIGINT PRIMARY KEY,     -- stable: derived from the canonical URL
    url               VARCHAR NOT NULL,       -- canonical URL (article_key is its hash)
    fetched_url       VARCHAR NOT NULL,
    source            VARCHAR NOT NULL,
    source_kind       VARCHAR,                -- news | agency | open_data
    title             VARCHAR,
    published_date    DATE,                   -- as stated by the page; NULL when it states none
    date_key          INTEGER NOT NULL,       -- published date, else the day it was crawled
    content_hash      VARCHAR NOT NULL,
    relevant          BOOLEAN NOT NULL,
    primary_city_key  INTEGER,
    n_facts           INTEGER NOT NULL,
    load_date         DATE NOT NULL           -- the daily partition that loaded it
);

CREATE TABLE IF NOT EXISTS sentra_mention (
    sentra_key   BIGINT NOT NULL,
    article_key  BIGINT NOT NULL,
    city_key     INTEGER NOT NULL,
    name         VARCHAR NOT NULL,            -- as written
    commodity    VARCHAR,
    commodity_group VARCHAR,
    location     VARCHAR,
    status       VARCHAR NOT NULL,
    seen_date    DATE NOT NULL,               -- published date, else crawl date
    load_date    DATE NOT NULL
);

CREATE TABLE IF NOT EXISTS dim_sentra (
    sentra_key      BIGINT PRIMARY KEY,       -- stable: derived from city and commodity
    city_key        INTEGER NOT NULL,
    name            VARCHAR NOT NULL,
    commodity       VARCHAR,
    commodity_group VARCHAR,
    location        VARCHAR,
    status          VARCHAR NOT NULL CHECK (status IN ('existing', 'planned')),
    first_seen      DATE NOT NULL,
    last_seen       DATE NOT NULL,
    n_articles      INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS fact_indicator (
    fact_key       BIGINT PRIMARY KEY,        -- stable: article, indicator, value, evidence
    date_key       INTEGER NOT NULL,          -- the article's date (published, else crawled)
    city_key       INTEGER,                   -- NULL for a province-wide or national number
    province_code  VARCHAR,                   -- NULL for a national number
    sentra_key     BIGINT,
    indicator_key  INTEGER NOT NULL,
    article_key    BIGINT NOT NULL,
    value          DOUBLE NOT NULL,
    unit           VARCHAR NOT NULL,
    period         VARCHAR CHECK (period IN ('hari', 'bulan', 'tahun')),
    reference_year INTEGER,
    evidence       VARCHAR NOT NULL,          -- the sentence the number was read from, verbatim
    confidence     DOUBLE NOT NULL,           -- the reader's probability that the fact is right (see README, Quality)
    load_date      DATE NOT NULL,
    model_version  VARCHAR                    -- the reader that read it: model.json's version, or 'rules'
);
-- warehouses made before model_version existed get the column (NULL for the facts they hold)
ALTER TABLE fact_indicator ADD COLUMN IF NOT EXISTS model_version VARCHAR;

-- The confidence a fact needs to show in the BI views (facts_shown, below). Every fact stays in
-- fact_indicator whatever its confidence; one row, 0.5 unless SENTRA_MIN_CONFIDENCE (or an UPDATE) says otherwise.
CREATE TABLE IF NOT EXISTS view_settings (
    min_confidence DOUBLE NOT NULL CHECK (min_confidence BETWEEN 0 AND 1)
);
INSERT INTO view_settings SELECT 0.5 WHERE NOT EXISTS (SELECT 1 FROM view_settings);

-- The facts the BI views show: those whose confidence reaches view_settings.min_confidence (0.5 unless
-- SENTRA_MIN_CONFIDENCE says otherwise). The reader's confidence is its fitted probability that the fact is
-- right: out of fold, about half of the facts it reads below 0.5 are wrong (README, Quality). Every fact
-- stays in fact_indicator; this view only chooses what dashboards see. Every agg_ table and v_ view reads
-- facts through it, so one number sets the threshold for all of them. It is made here, with the tables, so that it exists before sql/views runs.
CREATE OR REPLACE VIEW facts_shown AS
SELECT f.*
FROM fact_indicator AS f
WHERE f.confidence >= (SELECT min(min_confidence) FROM view_settings);


CREATE TABLE IF NOT EXISTS fetch_log (
    load_date    DATE NOT NULL,
    url          VARCHAR NOT NULL,
    source       VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL,            -- article | discovery
    http_status  INTEGER,
    outcome      VARCHAR NOT NULL,            -- ok | not_modified | http_error | timeout | robots_disallowed | ...
    error        VARCHAR,
    fetched_at   TIMESTAMPTZ NOT NULL,
    elapsed_s    DOUBLE,
    bytes        BIGINT
);

CREATE TABLE IF NOT EXISTS article_source (
    article_key BIGINT NOT NULL,              -- the story (dim_article)
    source      VARCHAR NOT NULL,             -- an outlet that published it
    url         VARCHAR NOT NULL,             -- its URL at that outlet
    is_original BOOLEAN NOT NULL,             -- the copy the facts were read from
    load_date   DATE NOT NULL
);
