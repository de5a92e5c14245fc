-- Values that cannot be right: not positive, or above the indicator's plausible maximum for one city.
SELECT f.fact_key, i.code, f.value, f.evidence
FROM fact_indicator AS f JOIN dim_indicator AS i USING (indicator_key)
WHERE f.value <= 0 OR f.value > i.plausible_max
   OR (i.code = 'tenaga_kerja' AND f.sentra_key IS NOT NULL AND f.value > 100000)
