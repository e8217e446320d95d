-- Each journey's funnel: customers enrolled in the period who reached each stage. Enrollments
-- are counted per furthest stage first, so the join meets a few rows per journey, not every
-- enrollment once per stage.
WITH reached AS (
  SELECT journey_id, furthest_stage, COUNT(*) AS enrolled
  FROM journey_enrollments
  WHERE enrolled_at >= :period_from AND enrolled_at < :period_until
  GROUP BY journey_id, furthest_stage
)
SELECT s.journey_id, s.position, s.stage,
       CAST(COALESCE(SUM(CASE WHEN r.furthest_stage >= s.position THEN r.enrolled ELSE 0 END), 0)
         AS BIGINT) AS count
FROM journey_stages s
LEFT JOIN reached r ON r.journey_id = s.journey_id
GROUP BY s.journey_id, s.position, s.stage
ORDER BY s.journey_id, s.position
