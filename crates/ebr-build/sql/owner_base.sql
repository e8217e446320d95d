-- The owner base per dealer: a stock, from the latest report inside the period.
SELECT dealer_id, active_owners, serviced_12m
FROM (
  SELECT dealer_id, active_owners, serviced_12m,
         ROW_NUMBER() OVER (PARTITION BY dealer_id ORDER BY as_of DESC) AS latest
  FROM owner_base
  WHERE as_of BETWEEN :period_start AND :period_end
) AS reports
WHERE latest = 1
