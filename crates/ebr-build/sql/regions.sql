-- The regions of the network, in id order.
SELECT region_id, name FROM regions ORDER BY region_id
