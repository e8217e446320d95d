-- Dealer marketing spent in the period: by programme (local, co-op) and by audience.
SELECT
  dealer_id,
  SUM(CASE WHEN program = 'local' THEN amount ELSE CAST(0 AS DECIMAL(20, 4)) END) AS spend_local,
  SUM(CASE WHEN program = 'coop' THEN amount ELSE CAST(0 AS DECIMAL(20, 4)) END) AS spend_coop,
  SUM(CASE WHEN audience = 'conquest' THEN amount ELSE CAST(0 AS DECIMAL(20, 4)) END) AS conquest_spend,
  SUM(CASE WHEN audience = 'loyalty' THEN amount ELSE CAST(0 AS DECIMAL(20, 4)) END) AS loyalty_spend
FROM marketing_spend
WHERE spent_on BETWEEN :period_start AND :period_end
GROUP BY dealer_id
