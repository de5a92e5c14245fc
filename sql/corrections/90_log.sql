-- What each correction of the file did. $invalid_path: corrections the loader could not read (JSON lines).
DELETE FROM correction_log;
INSERT INTO correction_log
SELECT c.correction_id, c.action, c.target, n.n_matched,
       CASE WHEN n.n_matched > 0 THEN 'applied' ELSE 'unmatched' END,
       CASE WHEN n.n_matched > 0 THEN NULL
            WHEN c.new_city_key IS NOT NULL AND c.new_city_key NOT IN (SELECT city_key FROM dim_city)
                THEN 'set.city_code is not a kab/kota of dim_city'
            WHEN c.action IN ('fix_fact', 'reject_fact') THEN 'no fact has this key (reloaded with another value, or rejected by an earlier correction?)'
            WHEN c.action = 'merge_sentra' THEN 'the from or the into sentra is not in dim_sentra (merged already, or renamed?)'
            ELSE 'no sentra has this key (merged into another one?)' END,
       c.reason, now()
FROM correction_input AS c
JOIN (SELECT ci.seq,
             CAST(CASE ci.action
                 WHEN 'merge_sentra' THEN (SELECT CASE WHEN count(*) = 0 THEN 0 ELSE greatest(1, max(m.n_facts)) END
                                           FROM correction_merge AS m WHERE m.seq = ci.seq)
                 WHEN 'set_commodity' THEN (SELECT count(*) FROM correction_sentra_match AS m WHERE m.seq = ci.seq)
                 ELSE (SELECT count(*) FROM correction_fact_match AS m WHERE m.seq = ci.seq) END AS INTEGER) AS n_matched
      FROM correction_input AS ci) AS n USING (seq);

INSERT INTO correction_log
SELECT correction_id, action, target, 0, 'invalid', message, reason, now()
FROM read_json($invalid_path, format = 'newline_delimited', columns = {
    correction_id: 'VARCHAR', action: 'VARCHAR', target: 'VARCHAR', message: 'VARCHAR', reason: 'VARCHAR'});
