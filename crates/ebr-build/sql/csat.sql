-- Customer satisfaction responses in the period, per dealer.
SELECT dealer_id, COUNT(*) AS csat_responses, SUM(score) AS csat_score_sum
FROM csat_responses
WHERE responded_at >= :period_from AND responded_at < :period_until
GROUP BY dealer_id
