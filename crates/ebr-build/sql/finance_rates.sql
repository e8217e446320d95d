-- The rate card in force at the end of the period: the latest one dated inside it.
SELECT cost_per_hour, cost_to_serve_before, cost_to_serve_after
FROM finance_rates
WHERE as_of BETWEEN :period_start AND :period_end
ORDER BY as_of DESC
LIMIT 1
