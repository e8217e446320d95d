-- Test drives and quotes a dealer logged in calendar months of the period in which it logged no
-- lead at all (a gap in the lead feed, such as a CRM outage), per dealer. A quarter's summed
-- leads hide such a month, so the quarter carries them; run for quarters only (a month with no
-- leads shows the gap in its own facts).
SELECT
  a.dealer_id,
  SUM(CASE WHEN a.kind = 'test_drive' THEN 1 ELSE 0 END) AS test_drives,
  SUM(CASE WHEN a.kind = 'quote' THEN 1 ELSE 0 END) AS quotes
FROM crm_activities a
LEFT JOIN (
  SELECT DISTINCT dealer_id, date_trunc('month', created_at) AS month
  FROM crm_leads
  WHERE created_at >= :period_from AND created_at < :period_until
) l ON l.dealer_id = a.dealer_id AND l.month = date_trunc('month', a.occurred_at)
WHERE a.occurred_at >= :period_from AND a.occurred_at < :period_until
  AND l.dealer_id IS NULL
GROUP BY a.dealer_id
