-- Sentra per kab/kota, with their commodities and Kemenperin commodity groups.
CREATE OR REPLACE VIEW v_sentra_by_city AS
SELECT c.kemendagri_code, c.name AS city_name, c.province_name,
       count(*) AS n_sentra,
       count(*) FILTER (WHERE s.status = 'existing') AS n_existing,
       count(*) FILTER (WHERE s.status = 'planned') AS n_planned,
       string_agg(DISTINCT s.commodity, ', ' ORDER BY s.commodity) AS commodities,
       string_agg(DISTINCT s.commodity_group, '; ' ORDER BY s.commodity_group) AS commodity_groups,
       max(s.last_seen) AS last_seen
FROM dim_sentra AS s
JOIN dim_city AS c USING (city_key)
GROUP BY ALL;

COMMENT ON VIEW v_sentra_by_city IS 'Sentra IKM named in articles, counted per kab/kota. Threshold: none (sentra carry no confidence; facts_shown does not apply).';
COMMENT ON COLUMN v_sentra_by_city.kemendagri_code IS 'Kemendagri code of the kab/kota, NN.NN';
COMMENT ON COLUMN v_sentra_by_city.city_name IS 'Kab/kota name';
COMMENT ON COLUMN v_sentra_by_city.province_name IS 'Province of the kab/kota';
COMMENT ON COLUMN v_sentra_by_city.n_sentra IS 'Distinct sentra named in the kab/kota';
COMMENT ON COLUMN v_sentra_by_city.n_existing IS 'Sentra reported as operating';
COMMENT ON COLUMN v_sentra_by_city.n_planned IS 'Sentra reported as planned or being built';
COMMENT ON COLUMN v_sentra_by_city.commodities IS 'Their commodities, comma separated';
COMMENT ON COLUMN v_sentra_by_city.commodity_groups IS 'Their Kemenperin commodity groups';
COMMENT ON COLUMN v_sentra_by_city.last_seen IS 'Date of the latest article naming one of them';
