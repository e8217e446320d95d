-- Sales consultants per dealer: a stock, from the latest report inside the period.
SELECT dealer_id, sales_consultants
FROM (
  SELECT dealer_id, sales_consultants,
         ROW_NUMBER() OVER (PARTITION BY dealer_id ORDER BY as_of DESC) AS latest
  FROM dealer_headcount
  WHERE as_of BETWEEN :period_start AND :period_end
) AS reports
WHERE latest = 1
