-- Hours saved in the period.
SELECT CAST(COALESCE(SUM(hours_saved), 0) AS BIGINT) AS hours_saved
FROM productivity_log
WHERE logged_on BETWEEN :period_start AND :period_end
