-- Handoffs per journey in the period: attempted and met, for every handoff a journey tracks.
-- The handoffs are counted first, so the join meets one row per handoff kind, not every handoff
-- (journey_handoffs has one row per kind: it is keyed by these four columns).
WITH h AS (
  SELECT journey_id, name, from_actor, to_actor,
         COUNT(*) AS total,
         SUM(CASE WHEN met THEN 1 ELSE 0 END) AS met
  FROM handoffs
  WHERE occurred_at >= :period_from AND occurred_at < :period_until
  GROUP BY journey_id, name, from_actor, to_actor
)
SELECT t.journey_id, t.name, t.from_actor, t.to_actor,
       CAST(COALESCE(h.total, 0) AS BIGINT) AS total,
       CAST(COALESCE(h.met, 0) AS BIGINT) AS met
FROM journey_handoffs t
LEFT JOIN h ON h.journey_id = t.journey_id AND h.name = t.name
      AND h.from_actor = t.from_actor AND h.to_actor = t.to_actor
ORDER BY t.journey_id, t.name, t.from_actor, t.to_actor
