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
-- made before fact_indicator had model_version: the same columns in the same order again
ALTER TABLE correction_fact_original ADD COLUMN IF NOT EXISTS model_version VARCHAR;

COMMENT ON TABLE correction_log IS 'What each correction of corrections.yaml did on the latest refresh: applied, unmatched or invalid.';
COMMENT ON COLUMN correction_log.correction_id IS 'The id written in corrections.yaml';
COMMENT ON COLUMN correction_log.action IS 'fix_fact, reject_fact, merge_sentra or set_commodity';
COMMENT ON COLUMN correction_log.target IS 'The fact or sentra it is keyed on, as written';
COMMENT ON COLUMN correction_log.n_matched IS 'Facts it fixed, rejected or moved, or sentra it changed; 0 when unmatched';
COMMENT ON COLUMN correction_log.status IS 'applied, unmatched (matches nothing any more) or invalid (cannot be read)';
COMMENT ON COLUMN correction_log.message IS 'Why it is unmatched or invalid';
COMMENT ON COLUMN correction_log.reason IS 'The analyst''s reason, as written';
COMMENT ON COLUMN correction_log.applied_at IS 'When the refresh applied it';
COMMENT ON TABLE correction_fact_original IS 'Facts as loaded, before a correction changed or removed them (the next refresh restores them first).';
