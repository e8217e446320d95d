-- Vehicles retailed in the period, per dealer: new, used, EV, fleet, from leads, repeat buyers.
SELECT
  dealer_id,
  SUM(CASE WHEN condition = 'new' THEN 1 ELSE 0 END) AS sales_new,
  SUM(CASE WHEN condition = 'used' THEN 1 ELSE 0 END) AS sales_used,
  SUM(CASE WHEN condition = 'new' AND ev THEN 1 ELSE 0 END) AS sales_ev,
  SUM(CASE WHEN condition = 'new' AND fleet THEN 1 ELSE 0 END) AS sales_fleet,
  SUM(CASE WHEN lead_id IS NOT NULL AND lead_id <> '' THEN 1 ELSE 0 END) AS sales_from_leads,
  SUM(CASE WHEN repeat_customer THEN 1 ELSE 0 END) AS repeat_purchasers,
  SUM(CASE WHEN repeat_customer THEN 0 ELSE 1 END) AS new_customers
FROM dms_deals
WHERE sold_at >= :period_from AND sold_at < :period_until
GROUP BY dealer_id
