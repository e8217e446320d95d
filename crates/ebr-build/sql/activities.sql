-- Test drives and written quotes in the period, per dealer.
SELECT
  dealer_id,
  SUM(CASE WHEN kind = 'test_drive' THEN 1 ELSE 0 END) AS test_drives,
  SUM(CASE WHEN kind = 'quote' THEN 1 ELSE 0 END) AS quotes
FROM crm_activities
WHERE occurred_at >= :period_from AND occurred_at < :period_until
GROUP BY dealer_id
