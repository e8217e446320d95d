-- The source systems that fed the period and the last day each covers.
SELECT source, kind, MAX(as_of) AS as_of
FROM extracts
WHERE period = :period_id
GROUP BY source, kind
