-- Credit for each dealer's deals per actor and role, from the PRM's credit lines.
SELECT dealer_id, actor_id, role, SUM(pipeline) AS pipeline, SUM(revenue) AS revenue
FROM prm_credits
WHERE credited_on BETWEEN :period_start AND :period_end
GROUP BY dealer_id, actor_id, role
ORDER BY dealer_id, actor_id, role
