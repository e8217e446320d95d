-- Customer satisfaction responses in the period, per dealer.
SELECT dealer_id, COUNT(*) AS csat_responses, SUM(score) AS csat_score_sum
FROM csat_responses
WHERE CAST(responded_at AS DATE) BETWEEN :period_start AND :period_end
GROUP BY dealer_id
