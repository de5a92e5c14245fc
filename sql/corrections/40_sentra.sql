-- merge_sentra: the facts of the `from` sentra move to the `into` sentra, which takes the earliest first
-- sighting, the latest last sighting and the articles of both; the `from` row leaves dim_sentra. Both must
-- exist. The loader resolves chains (a -> b, b -> c becomes a -> c). sentra_mention keeps what was read.
CREATE OR REPLACE TEMP TABLE correction_merge AS
SELECT c.seq, c.correction_id, c.sentra_key AS from_key, c.into_sentra_key AS into_key,
       (SELECT count(*) FROM fact_indicator AS f WHERE f.sentra_key = c.sentra_key) AS n_facts
FROM correction_input AS c
WHERE c.action = 'merge_sentra'
  AND c.sentra_key IN (SELECT sentra_key FROM dim_sentra)
  AND c.into_sentra_key IN (SELECT sentra_key FROM dim_sentra)
  AND c.sentra_key <> c.into_sentra_key;

INSERT INTO correction_fact_original
SELECT * FROM fact_indicator
WHERE sentra_key IN (SELECT from_key FROM correction_merge)
  AND fact_key NOT IN (SELECT fact_key FROM correction_fact_original);

UPDATE fact_indicator AS f SET sentra_key = m.into_key
FROM correction_merge AS m WHERE f.sentra_key = m.from_key;

UPDATE dim_sentra AS s
SET first_seen = x.first_seen, last_seen = x.last_seen, n_articles = x.n_articles
FROM (SELECT m.into_key, min(sm.seen_date) AS first_seen, max(sm.seen_date) AS last_seen,
             count(DISTINCT sm.article_key) AS n_articles
      FROM (SELECT into_key, into_key AS k FROM correction_merge
            UNION SELECT into_key, from_key FROM correction_merge) AS m
      JOIN sentra_mention AS sm ON sm.sentra_key = m.k
      GROUP BY m.into_key) AS x
WHERE s.sentra_key = x.into_key;

DELETE FROM dim_sentra WHERE sentra_key IN (SELECT from_key FROM correction_merge);

-- set_commodity: a sentra (found by key, after the merges) gets the analyst's commodity and, if given,
-- commodity group. Its sentra_key stays: keys never change.
CREATE OR REPLACE TEMP TABLE correction_sentra_match AS
SELECT c.seq, c.correction_id, c.sentra_key
FROM correction_input AS c
WHERE c.action = 'set_commodity' AND c.sentra_key IN (SELECT sentra_key FROM dim_sentra);

UPDATE dim_sentra AS s
SET commodity = c.new_commodity, commodity_group = coalesce(c.new_commodity_group, s.commodity_group)
FROM (SELECT sentra_key, arg_max(ci, ci.seq) AS c
      FROM correction_sentra_match AS m JOIN correction_input AS ci USING (seq, sentra_key)
      GROUP BY sentra_key) AS x(sentra_key, c)
WHERE s.sentra_key = x.sentra_key;
