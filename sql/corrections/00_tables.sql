-- Tables of the corrections step (warehouse/corrections.py runs the files of sql/corrections/ in name order).
-- correction_log: one row per correction of the current corrections file, replaced on every refresh.
CREATE TABLE IF NOT EXISTS correction_log (
    correction_id VARCHAR NOT NULL,           -- the id written in the corrections file
    action        VARCHAR NOT NULL,           -- fix_fact | reject_fact | merge_sentra | set_commodity
    target        VARCHAR,                    -- what it is keyed on, as written
    n_matched     INTEGER NOT NULL,           -- facts (fix/reject/merge) or sentra (set_commodity) it changed
    status        VARCHAR NOT NULL,           -- applied | unmatched | invalid
    message       VARCHAR,                    -- why it is unmatched or invalid
    reason        VARCHAR,                    -- the analyst's reason, as written
    applied_at    TIMESTAMPTZ NOT NULL
);
-- The facts as loaded, before a correction changed or removed them: the next refresh puts them back first,
-- so that a correction taken out of the file is undone and one that stays is applied to the loaded value.
CREATE TABLE IF NOT EXISTS correction_fact_original AS SELECT * FROM fact_indicator WITH NO DATA;
