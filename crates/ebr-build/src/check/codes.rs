//! What the checks know of the values: which table an id column points into, and the codes a
//! coded column may take.

/// The reference tables a column points into, by the column's name.
pub(super) fn referenced_table(table: &str, column: &str) -> Option<&'static str> {
    let target = match column {
        "dealer_id" => "dealers",
        "group_id" => "dealer_groups",
        "region_id" => "regions",
        "actor_id" | "partner_id" | "from_actor" | "to_actor" => "actors",
        "channel_id" => "channels",
        "journey_id" => "journeys",
        "tool_id" => "tools",
        _ => return None,
    };
    (target != table).then_some(target)
}

/// The values a coded column may take.
pub(super) fn allowed(table: &str, column: &str) -> Option<&'static [&'static str]> {
    Some(match (table, column) {
        ("dealer_groups", "tier") => &["platinum", "gold", "silver"],
        ("dealers", "locale") => &["metro", "rural"],
        ("dealers", "size_band") => &["small", "medium", "large"],
        ("actors", "kind") => &["oem", "dealer", "finance_partner", "other_partner"],
        ("journeys", "kind") => &[
            "ev_launch",
            "service_retention",
            "fleet",
            "conquest",
            "loyalty",
            "certified_pre_owned",
            "other",
        ],
        ("tools", "category") => &[
            "crm",
            "marketing_automation",
            "cdp",
            "ad_platform",
            "analytics",
            "prm",
            "dms",
            "other",
        ],
        ("tools", "owner") => &["oem", "dealer", "shared"],
        ("extracts", "kind") => &[
            "crm",
            "dms",
            "map",
            "cdp",
            "ad_platform",
            "analytics",
            "prm",
            "other",
        ],
        ("crm_leads", "source") => &["oem", "dealer", "partner"],
        ("crm_activities", "kind") => &["test_drive", "quote"],
        ("crm_opportunity_history", "partner_role") => &["sourced", "influenced", "none"],
        ("crm_opportunity_history", "event") => &["opened", "won", "lost"],
        ("dms_deals", "condition") => &["new", "used"],
        ("marketing_spend", "program") => &["local", "coop"],
        ("marketing_spend", "audience") => &["conquest", "loyalty"],
        ("prm_credits", "role") => &["sourced", "influenced", "attached"],
        ("tool_contracts", "cost_kind") => &["licences", "services", "integration"],
        ("value_driver_ledger", "driver") => &[
            "incremental_sales",
            "accessory_revenue",
            "service_retention",
            "ev_adoption",
            "dealer_productivity",
            "cost_to_serve",
        ],
        _ => return None,
    })
}
