-- Handoffs per journey in the period: attempted and met, for every handoff a journey tracks.
SELECT t.journey_id, t.name, t.from_actor, t.to_actor,
       CAST(COUNT(h.handoff_id) AS BIGINT) AS total,
       CAST(COALESCE(SUM(CASE WHEN h.met THEN 1 ELSE 0 END), 0) AS BIGINT) AS met
FROM journey_handoffs t
LEFT JOIN (
  SELECT handoff_id, journey_id, name, from_actor, to_actor, met FROM handoffs
  WHERE occurred_at >= :period_from AND occurred_at < :period_until
) AS h ON h.journey_id = t.journey_id AND h.name = t.name
      AND h.from_actor = t.from_actor AND h.to_actor = t.to_actor
GROUP BY t.journey_id, t.name, t.from_actor, t.to_actor
ORDER BY t.journey_id, t.name, t.from_actor, t.to_actor
