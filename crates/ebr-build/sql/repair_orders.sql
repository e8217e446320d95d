-- Repair orders closed in the period, per dealer, and the service gross from existing owners.
SELECT
  dealer_id,
  COUNT(*) AS service_repair_orders,
  SUM(CASE WHEN existing_owner THEN gross ELSE CAST(0 AS DECIMAL(20, 4)) END) AS owner_service_gross
FROM dms_repair_orders
WHERE CAST(closed_at AS DATE) BETWEEN :period_start AND :period_end
GROUP BY dealer_id
