-- The dealers open on any day of the period, in id order; closed_on when a dealer closed before
-- the period's last day (it is then not among the dealers open at the period's end).
SELECT dealer_id, name, group_id, locale, size_band, ev_certified,
       CASE WHEN closed_on < :period_end THEN closed_on END AS closed_on
FROM dealers
WHERE (opened_on IS NULL OR opened_on <= :period_end)
  AND (closed_on IS NULL OR closed_on >= :period_start)
ORDER BY dealer_id
