-- Conversion paths from the touchpoints: each customer path ending in the period is the ordered
-- list of its touches (channel, days before the outcome); equal paths are counted together.
WITH outcomes AS (
  SELECT journey_instance_id, outcome_at, converted, value
  FROM path_outcomes
  WHERE CAST(outcome_at AS DATE) BETWEEN :period_start AND :period_end
),
touches AS (
  SELECT t.journey_instance_id, t.step, t.channel_id,
         CAST((date_part('epoch', CAST(CAST(o.outcome_at AS DATE) AS TIMESTAMP))
               - date_part('epoch', CAST(CAST(t.touched_at AS DATE) AS TIMESTAMP))) / 86400 AS BIGINT)
           AS days_before
  FROM touchpoints t JOIN outcomes o ON t.journey_instance_id = o.journey_instance_id
),
instances AS (
  SELECT journey_instance_id,
         array_agg(channel_id ORDER BY step) AS channels,
         array_agg(days_before ORDER BY step) AS days
  FROM touches
  GROUP BY journey_instance_id
)
SELECT i.channels, i.days,
       SUM(CASE WHEN o.converted THEN 1 ELSE 0 END) AS conversions,
       SUM(CASE WHEN o.converted THEN o.value ELSE CAST(0 AS DECIMAL(20, 4)) END) AS value,
       SUM(CASE WHEN o.converted THEN 0 ELSE 1 END) AS nulls
FROM instances i JOIN outcomes o ON i.journey_instance_id = o.journey_instance_id
GROUP BY i.channels, i.days
