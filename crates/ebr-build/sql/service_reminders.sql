-- Owners due for service in the period, per dealer, and how many were serviced at the dealer.
SELECT
  dealer_id,
  COUNT(*) AS service_customers_due,
  SUM(CASE WHEN serviced THEN 1 ELSE 0 END) AS service_customers_retained
FROM service_reminders
WHERE due_on BETWEEN :period_start AND :period_end
GROUP BY dealer_id
