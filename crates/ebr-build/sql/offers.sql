-- Finance offers made in the period, per dealer, and how many of them were accepted.
SELECT
  dealer_id,
  COUNT(*) AS offers_made,
  SUM(CASE WHEN accepted_at IS NOT NULL THEN 1 ELSE 0 END) AS offers_accepted
FROM finance_offers
WHERE made_at >= :period_from AND made_at < :period_until
GROUP BY dealer_id
