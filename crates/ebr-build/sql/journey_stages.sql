-- Each journey's funnel: customers enrolled in the period who reached each stage.
SELECT s.journey_id, s.position, s.stage,
       CAST(COALESCE(SUM(CASE WHEN e.furthest_stage >= s.position THEN 1 ELSE 0 END), 0) AS BIGINT) AS count
FROM journey_stages s
LEFT JOIN (
  SELECT journey_id, furthest_stage FROM journey_enrollments
  WHERE CAST(enrolled_at AS DATE) BETWEEN :period_start AND :period_end
) AS e ON e.journey_id = s.journey_id
GROUP BY s.journey_id, s.position, s.stage
ORDER BY s.journey_id, s.position
