-- Journeys with a ledger line in the period: revenue, cost and gross margin.
SELECT j.journey_id, j.name, j.kind,
       SUM(f.revenue) AS revenue, SUM(f.cost) AS cost, SUM(f.gross_margin) AS gross_margin
FROM journey_finance f JOIN journeys j ON f.journey_id = j.journey_id
WHERE f.booked_on BETWEEN :period_start AND :period_end
GROUP BY j.journey_id, j.name, j.kind
ORDER BY j.journey_id
