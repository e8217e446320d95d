-- Marketing channels and their owners, in id order.
SELECT channel_id, name, actor_id FROM channels ORDER BY channel_id
