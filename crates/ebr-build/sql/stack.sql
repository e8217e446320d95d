-- The martech stack: tools with a usage report in the period, their latest seats, users and
-- adoption, and the annual cost of the contract lines in force on the period's last day.
WITH usage AS (
  SELECT tool_id, seats, active_users, dealers_adopted
  FROM (
    SELECT tool_id, seats, active_users, dealers_adopted,
           ROW_NUMBER() OVER (PARTITION BY tool_id ORDER BY as_of DESC) AS latest
    FROM tool_usage
    WHERE as_of BETWEEN :period_start AND :period_end
  ) AS reports
  WHERE latest = 1
),
costs AS (
  SELECT tool_id,
    SUM(CASE WHEN cost_kind = 'licences' THEN annual_amount ELSE CAST(0 AS DECIMAL(20, 4)) END) AS licences,
    SUM(CASE WHEN cost_kind = 'services' THEN annual_amount ELSE CAST(0 AS DECIMAL(20, 4)) END) AS services,
    SUM(CASE WHEN cost_kind = 'integration' THEN annual_amount ELSE CAST(0 AS DECIMAL(20, 4)) END) AS integration
  FROM tool_contracts
  WHERE valid_from <= :period_end AND (valid_to IS NULL OR valid_to >= :period_end)
  GROUP BY tool_id
)
SELECT t.tool_id, t.name, t.category, t.owner, t.value_drivers,
       c.licences, c.services, c.integration,
       u.seats, u.active_users, u.dealers_adopted
FROM tools t
JOIN usage u ON u.tool_id = t.tool_id
LEFT JOIN costs c ON c.tool_id = t.tool_id
ORDER BY t.tool_id
