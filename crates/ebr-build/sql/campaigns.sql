-- OEM campaigns offered to each dealer in the period, and how many it joined.
SELECT
  dealer_id,
  COUNT(*) AS campaigns_offered,
  SUM(CASE WHEN joined_on IS NOT NULL THEN 1 ELSE 0 END) AS campaigns_joined
FROM campaign_participation
WHERE offered_on BETWEEN :period_start AND :period_end
GROUP BY dealer_id
