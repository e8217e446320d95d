-- Ecosystem revenue, gross margin and the margin attributed to martech per value driver.
SELECT driver, SUM(revenue) AS revenue, SUM(gross_margin) AS gross_margin,
       SUM(attributed_margin) AS attributed_margin
FROM value_driver_ledger
WHERE booked_on BETWEEN :period_start AND :period_end
GROUP BY driver
