-- The confidence a fact needs to show in the BI views (facts_shown in schema.sql): SENTRA_MIN_CONFIDENCE,
-- written on every refresh before sql/views rebuilds the summary tables.
UPDATE view_settings SET min_confidence = $min_confidence;
