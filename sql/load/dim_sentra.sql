-- dim_sentra is derived from every mention ever loaded, so re-running a day can neither duplicate nor lose
-- a sentra. The most recent mention gives the name, location and status; a planned sentra that a later
-- article reports as existing becomes existing.
DELETE FROM dim_sentra;
INSERT INTO dim_sentra
SELECT sentra_key,
       any_value(city_key),
       arg_max(name, seen_date),
       arg_max(commodity, seen_date),
       arg_max(commodity_group, seen_date),
       arg_max(location, seen_date) FILTER (WHERE location IS NOT NULL),
       arg_max(status, seen_date),
       min(seen_date),
       max(seen_date),
       count(DISTINCT article_key)
FROM sentra_mention
GROUP BY sentra_key;
