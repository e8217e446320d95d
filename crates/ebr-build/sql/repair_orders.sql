-- Repair orders closed in the period, per dealer, and the service gross from existing owners.
SELECT
  dealer_id,
  COUNT(*) AS service_repair_orders,
  SUM(CASE WHEN existing_owner THEN gross ELSE CAST(0 AS DECIMAL(20, 4)) END) AS owner_service_gross
FROM dms_repair_orders
WHERE closed_at >= :period_from AND closed_at < :period_until
GROUP BY dealer_id
