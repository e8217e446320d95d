-- Conversion paths from the touchpoints: each customer path ending in the period is the ordered
-- list of its touches (channel, days before the outcome); equal paths are counted together. A
-- time's day is its seconds since 1970 divided by 86,400, rounded down: casting every touch's
-- time to a date costs more.
-- A touch is written `step|days_before|channel`, the step zero-padded, so that sorting a path's
-- touches as text puts them in step order: an aggregate ordered by step is several times slower
-- (DataFusion keeps it row by row). The build reads each touch back and adds up the paths whose
-- steps are numbered differently but touch the same channels on the same days.
WITH outcomes AS (
  SELECT journey_instance_id, outcome_at, converted, value
  FROM path_outcomes
  WHERE outcome_at >= :period_from AND outcome_at < :period_until
),
instances AS (
  -- An instance has one outcome (path_outcomes is keyed by it): every touch carries the same
  -- converted and value, so one join is enough.
  SELECT t.journey_instance_id,
         array_sort(array_agg(
           lpad(CAST(t.step AS VARCHAR), 19, '0') || '|'
           || COALESCE(CAST(CAST(FLOOR(date_part('epoch', o.outcome_at) / 86400)
               - FLOOR(date_part('epoch', t.touched_at) / 86400) AS BIGINT) AS VARCHAR), '')
           || '|' || t.channel_id)) AS touches,
         bool_and(o.converted) AS converted,
         MAX(o.value) AS value
  -- The outcomes first: the engine holds the join's first side in memory, and there are more
  -- touches than outcomes.
  FROM outcomes o JOIN touchpoints t ON t.journey_instance_id = o.journey_instance_id
  GROUP BY t.journey_instance_id
)
SELECT touches,
       SUM(CASE WHEN converted THEN 1 ELSE 0 END) AS conversions,
       SUM(CASE WHEN converted THEN value ELSE CAST(0 AS DECIMAL(20, 4)) END) AS value,
       SUM(CASE WHEN converted THEN 0 ELSE 1 END) AS nulls
FROM instances
GROUP BY touches
