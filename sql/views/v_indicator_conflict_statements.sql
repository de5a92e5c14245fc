-- Every statement of every disagreement of v_indicator_conflicts, one row each (flat, for BI tools: a
-- dashboard lists the disagreements from v_indicator_conflicts and drills down here by filtering on
-- kemendagri_code, indicator_code, reference_year and sentra_key, NULL for the whole kab/kota). The rows of one
-- disagreement are exactly the n_statements facts that v_indicator_conflicts counts.
CREATE OR REPLACE VIEW v_indicator_conflict_statements AS
-- The rows come from the summary table agg_indicator_conflict_statements (agg_indicator_conflict_statements.sql),
-- rebuilt on every refresh with the codes already in it, so this is a plain read: no join, no sort. The rows
-- come in the order the table is stored in (DuckDB keeps it for a query without ORDER BY, as long as
-- preserve_insertion_order is on, the default): the disagreements in v_indicator_conflicts' order, then by
-- value, article_url and fact_key. An ORDER BY here doubled a full read at a million facts (636k rows); a BI
-- tool that sorts adds its own. A filter on kemendagri_code skips the rest of the table.
-- The sentence each value was read from is fact_indicator.evidence, one join on fact_key away: carried here,
-- it doubled the view (a full read at a million facts took 116-280 ms instead of 57-91).
SELECT kemendagri_code, indicator_code, reference_year, sentra_key, value, unit, article_url, source_kind,
       published_date, confidence, fact_key
FROM agg_indicator_conflict_statements;

COMMENT ON VIEW v_indicator_conflict_statements IS 'Every statement of each disagreement listed by v_indicator_conflicts (same kab/kota, indicator, reference year and scope, different values), one row each: the value and the article stating it (the sentence it came from: fact_indicator.evidence, by fact_key). Threshold: facts with confidence >= view_settings.min_confidence (facts_shown; default 0.5).';
COMMENT ON COLUMN v_indicator_conflict_statements.kemendagri_code IS 'Kemendagri code of the kab/kota, NN.NN (v_indicator_conflicts.kemendagri_code)';
COMMENT ON COLUMN v_indicator_conflict_statements.indicator_code IS 'Indicator code (v_indicator_conflicts.indicator_code)';
COMMENT ON COLUMN v_indicator_conflict_statements.reference_year IS 'The year the disagreeing values refer to';
COMMENT ON COLUMN v_indicator_conflict_statements.sentra_key IS 'The sentra the values are about (v_indicator_conflicts.sentra_key); NULL when they are about the whole kab/kota';
COMMENT ON COLUMN v_indicator_conflict_statements.value IS 'The value this fact states, in unit';
COMMENT ON COLUMN v_indicator_conflict_statements.unit IS 'Unit of this value';
COMMENT ON COLUMN v_indicator_conflict_statements.article_url IS 'Canonical URL of the article stating it';
COMMENT ON COLUMN v_indicator_conflict_statements.source_kind IS 'news, agency or open_data: the kind of source the article came from';
COMMENT ON COLUMN v_indicator_conflict_statements.published_date IS 'When the article was published; NULL when it states no date';
COMMENT ON COLUMN v_indicator_conflict_statements.confidence IS 'Extractor confidence, 0 to 1 (an approximate figure scores lower)';
COMMENT ON COLUMN v_indicator_conflict_statements.fact_key IS 'The fact (fact_indicator.fact_key): join fact_indicator on it for the sentence the value was read from (evidence)';
