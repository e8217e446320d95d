//! From query results to a `Snapshot`: the SQL computes every figure, this module only puts
//! them where the model wants them (dealers keyed by id, enums parsed, lists in canonical order).

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use datafusion::prelude::SessionContext;
use ebr::model::{
    Actor, ActorId, Attribution, Channel, ConversionPath, CostToServe, Credit, DealStats, Dealer,
    DealerFacts, DealerGroup, DriverOutcome, Granularity, Handoff, Journey, PeriodId, PnlInputs,
    Productivity, Region, Snapshot, Source, Stage, Tool, ToolCost, Touch,
};
use futures::StreamExt;
use serde::de::DeserializeOwned;

use crate::frame::{Frame, FrameError, Row};
use crate::queries::{self, Query};
use crate::review::Review;

/// Why a period could not be assembled.
#[derive(Debug, thiserror::Error)]
pub enum AssembleError {
    /// The engine failed on a query.
    #[error("query {query}: {source}")]
    Engine {
        query: &'static str,
        #[source]
        source: datafusion::error::DataFusionError,
    },
    /// A result column could not be read.
    #[error(transparent)]
    Frame(#[from] FrameError),
    /// A value is not one the model knows.
    #[error("query {query}: column {column}: `{value}` is not {expected}")]
    Value {
        query: &'static str,
        column: &'static str,
        value: String,
        expected: &'static str,
    },
    /// Facts name a dealer that is not open in the period (or not in `dealers`).
    #[error(
        "query {query}: dealer `{dealer}` has facts in {period} but is not a dealer open in it (see dealers: opened_on, closed_on)"
    )]
    DealerNotOpen {
        query: &'static str,
        dealer: String,
        period: PeriodId,
    },
}

async fn run(ctx: &SessionContext, query: Query, period: PeriodId) -> Result<Frame, AssembleError> {
    query
        .run(ctx, period)
        .await
        .map_err(|source| AssembleError::Engine {
            query: query.name,
            source,
        })
}

/// Queries run side by side. Each query alone leaves cores idle in its serial steps (planning,
/// opening files, the final merge of an aggregate); a few at once keep them busy, and more
/// would only hold more intermediate results in memory together.
const QUERIES_AT_ONCE: usize = 4;

/// A period's query results, run ahead of need, [`QUERIES_AT_ONCE`] at a time, and taken as
/// the snapshot is assembled.
struct Results<'a> {
    ctx: &'a SessionContext,
    period: PeriodId,
    ready: HashMap<&'static str, Result<Frame, AssembleError>>,
    /// Each query's time from its start to its last row, in the order they finished.
    times: Vec<(&'static str, Duration)>,
}

impl<'a> Results<'a> {
    /// Runs `queries` for `period`, [`QUERIES_AT_ONCE`] at a time, keeping each one's result.
    async fn run_ahead(
        ctx: &'a SessionContext,
        period: PeriodId,
        queries: impl Iterator<Item = Query>,
    ) -> Self {
        let finished: Vec<_> = futures::stream::iter(queries)
            .map(|query| timed(ctx, query, period))
            .buffer_unordered(QUERIES_AT_ONCE)
            .collect()
            .await;
        let times = finished
            .iter()
            .map(|(name, _, elapsed)| (*name, *elapsed))
            .collect();
        let ready = finished
            .into_iter()
            .map(|(name, result, _)| (name, result))
            .collect();
        Results {
            ctx,
            period,
            ready,
            times,
        }
    }

    /// The result of `query`: run ahead, or run now if it was not.
    async fn frame(&mut self, query: Query) -> Result<Frame, AssembleError> {
        match self.ready.remove(query.name) {
            Some(result) => result,
            None => {
                let (name, result, elapsed) = timed(self.ctx, query, self.period).await;
                self.times.push((name, elapsed));
                result
            }
        }
    }
}

/// Runs `query`, timing it from its start to its last row.
async fn timed(
    ctx: &SessionContext,
    query: Query,
    period: PeriodId,
) -> (&'static str, Result<Frame, AssembleError>, Duration) {
    let started = Instant::now();
    let result = run(ctx, query, period).await;
    (query.name, result, started.elapsed())
}

/// A period's snapshot and what its queries took.
pub struct Assembled {
    /// The snapshot, before validation.
    pub snapshot: Snapshot,
    /// Each query's time from its start to its last row (queries run several at a time, so
    /// these add up to more than the period took), in the order they finished.
    pub query_times: Vec<(&'static str, Duration)>,
}

/// Parses a text column into a model enum through its serde names (`snake_case`).
fn parse<T: DeserializeOwned>(
    row: &Row<'_>,
    query: &'static str,
    column: &'static str,
    expected: &'static str,
) -> Result<T, AssembleError> {
    let value = row.text(column)?;
    serde_json::from_value(serde_json::Value::String(value.clone())).map_err(|_| {
        AssembleError::Value {
            query,
            column,
            value,
            expected,
        }
    })
}

/// The snapshot of `period` from the tables registered on `ctx`, and its queries' times.
pub async fn snapshot(
    ctx: &SessionContext,
    review: &Review,
    period: PeriodId,
    generated_at: DateTime<Utc>,
) -> Result<Assembled, AssembleError> {
    let mut snapshot = Snapshot::empty(review.ecosystem(), period, generated_at);
    snapshot.period.fiscal_year_start_month = review.ecosystem.fiscal_year_start_month;
    snapshot.commentary = review.commentary(period);
    snapshot.maturity = review.maturity(period);
    snapshot.targets = review.targets.clone();
    let quarter = period.granularity() == Granularity::Quarter;
    let needed = queries::ALL
        .iter()
        .copied()
        .filter(|q| quarter || q.name != queries::WITHOUT_LEADS.name);
    let mut r = Results::run_ahead(ctx, period, needed).await;
    snapshot.provenance.sources = sources(&r.frame(queries::SOURCES).await?)?;
    snapshot.regions = regions(&r.frame(queries::REGIONS).await?)?;
    snapshot.dealer_groups = groups(&r.frame(queries::DEALER_GROUPS).await?)?;
    snapshot.actors = actors(&r.frame(queries::ACTORS).await?)?;
    snapshot.channels = channels(&r.frame(queries::CHANNELS).await?)?;
    snapshot.dealers = dealers(&mut r).await?;
    snapshot.journeys = journeys(&mut r).await?;
    snapshot.attribution = paths(&r.frame(queries::PATHS).await?)?;
    snapshot.stack = stack(&r.frame(queries::STACK).await?)?;
    snapshot.pnl = pnl(&mut r).await?;
    canonical_order(&mut snapshot);
    Ok(Assembled {
        snapshot,
        query_times: r.times,
    })
}

/// Puts the lists whose order carries no meaning in the order a build writes them (see
/// `docs/raw-exports.md`), so snapshots from anywhere compare equal when their content is.
pub fn canonical_order(s: &mut Snapshot) {
    s.regions.sort_by(|a, b| a.id.cmp(&b.id));
    s.dealer_groups.sort_by(|a, b| a.id.cmp(&b.id));
    s.dealers.sort_by(|a, b| a.id.cmp(&b.id));
    for dealer in &mut s.dealers {
        dealer
            .credits
            .sort_by(|a, b| (&a.actor, a.role).cmp(&(&b.actor, b.role)));
    }
    s.actors.sort_by(|a, b| a.id.cmp(&b.id));
    s.channels.sort_by(|a, b| a.id.cmp(&b.id));
    s.journeys.sort_by(|a, b| a.id.cmp(&b.id));
    for journey in &mut s.journeys {
        journey
            .handoffs
            .sort_by(|a, b| (&a.name, &a.from, &a.to).cmp(&(&b.name, &b.from, &b.to)));
    }
    s.attribution
        .paths
        .sort_by(|a, b| path_key(a).cmp(&path_key(b)));
    s.stack.sort_by(|a, b| a.id.cmp(&b.id));
    s.pnl.drivers.sort_by_key(|d| d.driver);
    s.provenance
        .sources
        .sort_by(|a, b| (a.kind, &a.name).cmp(&(b.kind, &b.name)));
}

fn path_key(path: &ConversionPath) -> Vec<(&str, Option<u32>)> {
    path.touches
        .iter()
        .map(|t| (t.channel.as_str(), t.days_before))
        .collect()
}

fn sources(frame: &Frame) -> Result<Vec<Source>, AssembleError> {
    let q = queries::SOURCES.name;
    frame
        .rows()
        .map(|row| {
            Ok(Source {
                name: row.text("source")?,
                kind: parse(&row, q, "kind", "a source kind")?,
                as_of: row.date("as_of")?,
            })
        })
        .collect()
}

fn regions(frame: &Frame) -> Result<Vec<Region>, AssembleError> {
    frame
        .rows()
        .map(|row| {
            Ok(Region {
                id: row.text("region_id")?.as_str().into(),
                name: row.text("name")?,
            })
        })
        .collect()
}

fn groups(frame: &Frame) -> Result<Vec<DealerGroup>, AssembleError> {
    let q = queries::DEALER_GROUPS.name;
    frame
        .rows()
        .map(|row| {
            Ok(DealerGroup {
                id: row.text("group_id")?.as_str().into(),
                name: row.text("name")?,
                region: row.text("region_id")?.as_str().into(),
                tier: parse(&row, q, "tier", "a tier (platinum, gold, silver)")?,
            })
        })
        .collect()
}

fn actors(frame: &Frame) -> Result<Vec<Actor>, AssembleError> {
    let q = queries::ACTORS.name;
    frame
        .rows()
        .map(|row| {
            Ok(Actor {
                id: row.text("actor_id")?.as_str().into(),
                name: row.text("name")?,
                kind: parse(&row, q, "kind", "an actor kind")?,
            })
        })
        .collect()
}

fn channels(frame: &Frame) -> Result<Vec<Channel>, AssembleError> {
    frame
        .rows()
        .map(|row| {
            Ok(Channel {
                id: row.text("channel_id")?.as_str().into(),
                name: row.text("name")?,
                actor: row.text("actor_id")?.as_str().into(),
            })
        })
        .collect()
}

/// Applies each row of a per-dealer query to its dealer.
fn per_dealer(
    dealers: &mut BTreeMap<String, Dealer>,
    frame: &Frame,
    query: &'static str,
    period: PeriodId,
    mut apply: impl FnMut(&mut Dealer, &Row<'_>) -> Result<(), AssembleError>,
) -> Result<(), AssembleError> {
    for row in frame.rows() {
        let id = row.text("dealer_id")?;
        let dealer = dealers.get_mut(&id).ok_or(AssembleError::DealerNotOpen {
            query,
            dealer: id.clone(),
            period,
        })?;
        apply(dealer, &row)?;
    }
    Ok(())
}

async fn dealers(r: &mut Results<'_>) -> Result<Vec<Dealer>, AssembleError> {
    let period = r.period;
    let q = queries::DEALERS.name;
    let mut dealers = BTreeMap::new();
    for row in r.frame(queries::DEALERS).await?.rows() {
        let id = row.text("dealer_id")?;
        let dealer = Dealer {
            id: id.as_str().into(),
            name: row.text("name")?,
            group: row.text("group_id")?.as_str().into(),
            locale: parse(&row, q, "locale", "a locale (metro, rural)")?,
            size_band: parse(&row, q, "size_band", "a size band (small, medium, large)")?,
            ev_certified: row.flag("ev_certified")?,
            facts: DealerFacts::default(),
            pipeline: Default::default(),
            customers: Default::default(),
            credits: Vec::new(),
            closed_on: row.opt_date("closed_on")?,
        };
        dealers.insert(id, dealer);
    }
    let d = &mut dealers;
    let frame = r.frame(queries::LEADS).await?;
    per_dealer(d, &frame, queries::LEADS.name, period, |dealer, row| {
        let f = &mut dealer.facts;
        f.leads.oem = row.count("leads_oem")?;
        f.leads.dealer = row.count("leads_dealer")?;
        f.leads.partner = row.count("leads_partner")?;
        f.leads_responded = row.count("leads_responded")?;
        f.leads_answered_in_sla = row.count("leads_answered_in_sla")?;
        f.response_minutes_sum = row.count("response_minutes_sum")?;
        Ok(())
    })?;
    let frame = r.frame(queries::ACTIVITIES).await?;
    per_dealer(
        d,
        &frame,
        queries::ACTIVITIES.name,
        period,
        |dealer, row| {
            dealer.facts.test_drives = row.count("test_drives")?;
            dealer.facts.quotes = row.count("quotes")?;
            Ok(())
        },
    )?;
    if period.granularity() == Granularity::Quarter {
        let frame = r.frame(queries::WITHOUT_LEADS).await?;
        per_dealer(
            d,
            &frame,
            queries::WITHOUT_LEADS.name,
            period,
            |dealer, row| {
                dealer.facts.without_leads.test_drives = row.count("test_drives")?;
                dealer.facts.without_leads.quotes = row.count("quotes")?;
                Ok(())
            },
        )?;
    }
    let frame = r.frame(queries::OFFERS).await?;
    per_dealer(d, &frame, queries::OFFERS.name, period, |dealer, row| {
        dealer.facts.offers_made = row.count("offers_made")?;
        dealer.facts.offers_accepted = row.count("offers_accepted")?;
        Ok(())
    })?;
    let frame = r.frame(queries::DEALS).await?;
    per_dealer(d, &frame, queries::DEALS.name, period, |dealer, row| {
        let s = &mut dealer.facts.sales;
        s.new = row.count("sales_new")?;
        s.used = row.count("sales_used")?;
        s.ev = row.count("sales_ev")?;
        s.fleet = row.count("sales_fleet")?;
        dealer.facts.sales_from_leads = row.count("sales_from_leads")?;
        dealer.customers.repeat_purchasers = row.count("repeat_purchasers")?;
        dealer.customers.new_customers = row.count("new_customers")?;
        Ok(())
    })?;
    let frame = r.frame(queries::REPAIR_ORDERS).await?;
    per_dealer(
        d,
        &frame,
        queries::REPAIR_ORDERS.name,
        period,
        |dealer, row| {
            dealer.facts.service_repair_orders = row.count("service_repair_orders")?;
            dealer.customers.owner_service_gross = row.money("owner_service_gross")?;
            Ok(())
        },
    )?;
    let frame = r.frame(queries::PARTS).await?;
    per_dealer(d, &frame, queries::PARTS.name, period, |dealer, row| {
        dealer.facts.accessory_revenue = row.money("accessory_revenue")?;
        dealer.customers.owner_accessory_gross = row.money("owner_accessory_gross")?;
        Ok(())
    })?;
    let frame = r.frame(queries::SERVICE_REMINDERS).await?;
    per_dealer(
        d,
        &frame,
        queries::SERVICE_REMINDERS.name,
        period,
        |dealer, row| {
            dealer.facts.service_customers_due = row.count("service_customers_due")?;
            dealer.facts.service_customers_retained = row.count("service_customers_retained")?;
            Ok(())
        },
    )?;
    let frame = r.frame(queries::OWNER_BASE).await?;
    per_dealer(
        d,
        &frame,
        queries::OWNER_BASE.name,
        period,
        |dealer, row| {
            dealer.customers.active_owners = row.count("active_owners")?;
            dealer.customers.owners_serviced_12m = row.count("serviced_12m")?;
            Ok(())
        },
    )?;
    let frame = r.frame(queries::HEADCOUNT).await?;
    per_dealer(d, &frame, queries::HEADCOUNT.name, period, |dealer, row| {
        dealer.facts.sales_consultants = row.count("sales_consultants")?;
        Ok(())
    })?;
    let frame = r.frame(queries::CAMPAIGNS).await?;
    per_dealer(d, &frame, queries::CAMPAIGNS.name, period, |dealer, row| {
        dealer.facts.campaigns_offered = row.count("campaigns_offered")?;
        dealer.facts.campaigns_joined = row.count("campaigns_joined")?;
        Ok(())
    })?;
    let frame = r.frame(queries::CSAT).await?;
    per_dealer(d, &frame, queries::CSAT.name, period, |dealer, row| {
        dealer.facts.csat_responses = row.count("csat_responses")?;
        dealer.facts.csat_score_sum = row.count("csat_score_sum")?;
        Ok(())
    })?;
    let frame = r.frame(queries::MARKETING_SPEND).await?;
    per_dealer(
        d,
        &frame,
        queries::MARKETING_SPEND.name,
        period,
        |dealer, row| {
            dealer.facts.marketing_spend.local = row.money("spend_local")?;
            dealer.facts.marketing_spend.coop = row.money("spend_coop")?;
            dealer.customers.conquest_spend = row.money("conquest_spend")?;
            dealer.customers.loyalty_spend = row.money("loyalty_spend")?;
            Ok(())
        },
    )?;
    let q = queries::PIPELINE.name;
    let frame = r.frame(queries::PIPELINE).await?;
    per_dealer(d, &frame, q, period, |dealer, row| {
        let stats = DealStats {
            opened: row.count("opened")?,
            pipeline_value: row.money("pipeline_value")?,
            won: row.count("won")?,
            lost: row.count("lost")?,
            won_revenue: row.money("won_revenue")?,
            days_to_close_sum: row.count("days_to_close_sum")?,
        };
        let role = row.text("partner_role")?;
        let slot = match role.as_str() {
            "sourced" => &mut dealer.pipeline.partner_sourced,
            "influenced" => &mut dealer.pipeline.partner_influenced,
            "none" => &mut dealer.pipeline.no_partner,
            _ => {
                return Err(AssembleError::Value {
                    query: q,
                    column: "partner_role",
                    value: role,
                    expected: "a partner role (sourced, influenced, none)",
                });
            }
        };
        *slot = stats;
        Ok(())
    })?;
    let q = queries::CREDITS.name;
    let frame = r.frame(queries::CREDITS).await?;
    per_dealer(d, &frame, q, period, |dealer, row| {
        dealer.credits.push(Credit {
            actor: ActorId::from(row.text("actor_id")?.as_str()),
            role: parse(
                row,
                q,
                "role",
                "a credit role (sourced, influenced, attached)",
            )?,
            pipeline: row.money("pipeline")?,
            revenue: row.money("revenue")?,
        });
        Ok(())
    })?;
    Ok(dealers.into_values().collect())
}

async fn journeys(r: &mut Results<'_>) -> Result<Vec<Journey>, AssembleError> {
    let q = queries::JOURNEYS.name;
    let mut journeys = BTreeMap::new();
    for row in r.frame(queries::JOURNEYS).await?.rows() {
        let id = row.text("journey_id")?;
        journeys.insert(
            id.clone(),
            Journey {
                id: id.as_str().into(),
                name: row.text("name")?,
                kind: parse(&row, q, "kind", "a journey kind")?,
                stages: Vec::new(),
                revenue: row.money("revenue")?,
                cost: row.money("cost")?,
                gross_margin: row.money("gross_margin")?,
                handoffs: Vec::new(),
            },
        );
    }
    for row in r.frame(queries::JOURNEY_STAGES).await?.rows() {
        if let Some(journey) = journeys.get_mut(&row.text("journey_id")?) {
            journey.stages.push(Stage {
                name: row.text("stage")?,
                count: row.count("count")?,
            });
        }
    }
    for row in r.frame(queries::HANDOFFS).await?.rows() {
        if let Some(journey) = journeys.get_mut(&row.text("journey_id")?) {
            journey.handoffs.push(Handoff {
                name: row.text("name")?,
                from: row.text("from_actor")?.as_str().into(),
                to: row.text("to_actor")?.as_str().into(),
                total: row.count("total")?,
                met: row.count("met")?,
            });
        }
    }
    Ok(journeys.into_values().collect())
}

fn paths(frame: &Frame) -> Result<Attribution, AssembleError> {
    // Paths equal once their steps' numbers are set aside are one path: the query groups by
    // the touches with their steps (see sql/paths.sql).
    let mut merged: BTreeMap<Vec<(String, Option<u32>)>, ConversionPath> = BTreeMap::new();
    for row in frame.rows() {
        let touches = row
            .text_list("touches")?
            .iter()
            .map(|touch| read_touch(touch))
            .collect::<Result<Vec<_>, AssembleError>>()?;
        let key = touches
            .iter()
            .map(|t| (t.channel.as_str().to_owned(), t.days_before))
            .collect();
        let path = merged.entry(key).or_insert_with(|| ConversionPath {
            touches,
            conversions: 0,
            value: ebr::model::Money::ZERO,
            nulls: 0,
        });
        path.conversions += row.count("conversions")?;
        path.value += row.money("value")?;
        path.nulls += row.count("nulls")?;
    }
    Ok(Attribution {
        paths: merged.into_values().collect(),
    })
}

/// One touch as the paths query writes it: `step|days_before|channel`, days empty when the
/// touch has no time.
fn read_touch(touch: &str) -> Result<Touch, AssembleError> {
    let wrong = |expected| AssembleError::Value {
        query: queries::PATHS.name,
        column: "touches",
        value: touch.to_owned(),
        expected,
    };
    let mut parts = touch.splitn(3, '|');
    let (Some(_step), Some(days), Some(channel)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(wrong("step|days_before|channel"));
    };
    let days_before = match days {
        "" => None,
        days => Some(
            days.parse::<u32>()
                .map_err(|_| wrong("a touch before its outcome (days_before >= 0)"))?,
        ),
    };
    Ok(Touch {
        channel: channel.into(),
        days_before,
    })
}

fn stack(frame: &Frame) -> Result<Vec<Tool>, AssembleError> {
    let q = queries::STACK.name;
    frame
        .rows()
        .map(|row| {
            let drivers = row.opt_text("value_drivers")?.unwrap_or_default();
            let value_drivers = drivers
                .split(';')
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(|d| {
                    serde_json::from_value(serde_json::Value::String(d.to_owned())).map_err(|_| {
                        AssembleError::Value {
                            query: q,
                            column: "value_drivers",
                            value: d.to_owned(),
                            expected: "a value driver",
                        }
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Tool {
                id: row.text("tool_id")?.as_str().into(),
                name: row.text("name")?,
                category: parse(&row, q, "category", "a tool category")?,
                owner: parse(&row, q, "owner", "a tool owner (oem, dealer, shared)")?,
                annual_cost: ToolCost {
                    licences: row.money("licences")?,
                    services: row.money("services")?,
                    integration: row.money("integration")?,
                },
                seats: row.count("seats")?,
                active_users: row.count("active_users")?,
                dealers_adopted: row.count("dealers_adopted")?,
                value_drivers,
            })
        })
        .collect()
}

async fn pnl(r: &mut Results<'_>) -> Result<PnlInputs, AssembleError> {
    let q = queries::PNL_DRIVERS.name;
    let drivers = r
        .frame(queries::PNL_DRIVERS)
        .await?
        .rows()
        .map(|row| {
            Ok(DriverOutcome {
                driver: parse(&row, q, "driver", "a value driver")?,
                revenue: row.money("revenue")?,
                gross_margin: row.money("gross_margin")?,
                attributed_margin: row.money("attributed_margin")?,
            })
        })
        .collect::<Result<Vec<_>, AssembleError>>()?;
    let hours = r.frame(queries::PRODUCTIVITY).await?;
    let hours_saved = match hours.rows().next() {
        Some(row) => row.count("hours_saved")?,
        None => 0,
    };
    let rates = r.frame(queries::FINANCE_RATES).await?;
    let (cost_per_hour, cost_to_serve) = match rates.rows().next() {
        Some(row) => (
            row.money("cost_per_hour")?,
            CostToServe {
                before: row.money("cost_to_serve_before")?,
                after: row.money("cost_to_serve_after")?,
            },
        ),
        None => Default::default(),
    };
    Ok(PnlInputs {
        drivers,
        productivity: Productivity {
            hours_saved,
            cost_per_hour,
        },
        cost_to_serve,
    })
}
