-- Opportunities per dealer and partner role: opened with their value, won with their revenue
-- and days from lead to close, lost.
SELECT
  dealer_id,
  partner_role,
  SUM(CASE WHEN event = 'opened' THEN 1 ELSE 0 END) AS opened,
  SUM(CASE WHEN event = 'opened' THEN amount ELSE CAST(0 AS DECIMAL(20, 4)) END) AS pipeline_value,
  SUM(CASE WHEN event = 'won' THEN 1 ELSE 0 END) AS won,
  SUM(CASE WHEN event = 'lost' THEN 1 ELSE 0 END) AS lost,
  SUM(CASE WHEN event = 'won' THEN amount ELSE CAST(0 AS DECIMAL(20, 4)) END) AS won_revenue,
  SUM(CASE WHEN event = 'won' THEN
        CAST(FLOOR(date_part('epoch', occurred_at) / 86400)
             - date_part('epoch', CAST(lead_created_on AS TIMESTAMP)) / 86400 AS BIGINT)
      ELSE 0 END) AS days_to_close_sum
FROM crm_opportunity_history
WHERE occurred_at >= :period_from AND occurred_at < :period_until
GROUP BY dealer_id, partner_role
