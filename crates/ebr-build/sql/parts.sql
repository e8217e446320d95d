-- Parts and accessories invoiced in the period, per dealer.
SELECT
  dealer_id,
  SUM(revenue) AS accessory_revenue,
  SUM(owner_gross) AS owner_accessory_gross
FROM dms_parts_invoices
WHERE invoiced_at >= :period_from AND invoiced_at < :period_until
GROUP BY dealer_id
