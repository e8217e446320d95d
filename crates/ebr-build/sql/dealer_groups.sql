-- The dealer groups, in id order.
SELECT group_id, name, region_id, tier FROM dealer_groups ORDER BY group_id
