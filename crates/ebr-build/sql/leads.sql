-- CRM leads created in the period, per dealer: leads by source, responses, SLA, response time.
SELECT
  dealer_id,
  SUM(CASE WHEN source = 'oem' THEN 1 ELSE 0 END) AS leads_oem,
  SUM(CASE WHEN source = 'dealer' THEN 1 ELSE 0 END) AS leads_dealer,
  SUM(CASE WHEN source = 'partner' THEN 1 ELSE 0 END) AS leads_partner,
  SUM(CASE WHEN first_response_at IS NOT NULL THEN 1 ELSE 0 END) AS leads_responded,
  SUM(CASE WHEN first_response_at <= sla_due_at THEN 1 ELSE 0 END) AS leads_answered_in_sla,
  SUM(CASE WHEN first_response_at IS NOT NULL THEN
        CAST(FLOOR((date_part('epoch', first_response_at) - date_part('epoch', created_at)) / 60) AS BIGINT)
      ELSE 0 END) AS response_minutes_sum
FROM crm_leads
WHERE created_at >= :period_from AND created_at < :period_until
GROUP BY dealer_id
