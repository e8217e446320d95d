-- Conversion paths from the touchpoints: each customer path ending in the period is the ordered
-- list of its touches (channel, days before the outcome); equal paths are counted together.
-- A touch is written `step|days_before|channel`, the step zero-padded, so that sorting a path's
-- touches as text puts them in step order: an aggregate ordered by step is several times slower
-- (DataFusion keeps it row by row). The build reads each touch back and adds up the paths whose
-- steps are numbered differently but touch the same channels on the same days.
WITH outcomes AS (
  SELECT journey_instance_id, outcome_at, converted, value
  FROM path_outcomes
  WHERE CAST(outcome_at AS DATE) BETWEEN :period_start AND :period_end
),
touches AS (
  SELECT t.journey_instance_id,
         lpad(CAST(t.step AS VARCHAR), 19, '0') || '|'
           || COALESCE(CAST(CAST((date_part('epoch', CAST(CAST(o.outcome_at AS DATE) AS TIMESTAMP))
               - date_part('epoch', CAST(CAST(t.touched_at AS DATE) AS TIMESTAMP))) / 86400 AS BIGINT)
               AS VARCHAR), '')
           || '|' || t.channel_id AS touch
  FROM touchpoints t JOIN outcomes o ON t.journey_instance_id = o.journey_instance_id
),
instances AS (
  SELECT journey_instance_id, array_sort(array_agg(touch)) AS touches
  FROM touches
  GROUP BY journey_instance_id
)
SELECT i.touches,
       SUM(CASE WHEN o.converted THEN 1 ELSE 0 END) AS conversions,
       SUM(CASE WHEN o.converted THEN o.value ELSE CAST(0 AS DECIMAL(20, 4)) END) AS value,
       SUM(CASE WHEN o.converted THEN 0 ELSE 1 END) AS nulls
FROM instances i JOIN outcomes o ON i.journey_instance_id = o.journey_instance_id
GROUP BY i.touches
