-- Parts and accessories invoiced in the period, per dealer.
SELECT
  dealer_id,
  SUM(revenue) AS accessory_revenue,
  SUM(owner_gross) AS owner_accessory_gross
FROM dms_parts_invoices
WHERE CAST(invoiced_at AS DATE) BETWEEN :period_start AND :period_end
GROUP BY dealer_id
