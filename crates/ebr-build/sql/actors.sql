-- Who can take credit, in id order.
SELECT actor_id, name, kind FROM actors ORDER BY actor_id
