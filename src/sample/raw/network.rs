//! The reference files: the network (regions, groups, dealers with their open and close dates),
//! actors and channels, the journey and tool catalogues, and the extract manifest.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Dealer, Journey, Tool};

use super::super::SampleError;
use super::table::Table;
use super::{Ctx, RawFile};

/// An enum's name as the snapshot files spell it (`finance_partner`, `ev_launch`...).
pub fn snake<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        _ => String::new(),
    }
}

pub fn write(ctx: &Ctx, dir: &Path) -> Result<Vec<RawFile>, SampleError> {
    let Some(latest) = ctx.latest() else {
        return Ok(Vec::new());
    };
    let mut files = Vec::new();

    let mut t = Table::create(dir, "regions", &["region_id", "name"])?;
    for r in &latest.regions {
        t.row().str(r.id.as_str()).str(&r.name).end();
    }
    files.push(t.finish()?);

    let mut t = Table::create(
        dir,
        "dealer_groups",
        &["group_id", "name", "region_id", "tier"],
    )?;
    for g in &latest.dealer_groups {
        t.row()
            .str(g.id.as_str())
            .str(&g.name)
            .str(g.region.as_str())
            .str(&snake(&g.tier))
            .end();
    }
    files.push(t.finish()?);

    files.push(dealers(ctx, dir)?);

    let mut t = Table::create(dir, "actors", &["actor_id", "name", "kind"])?;
    for a in &latest.actors {
        t.row()
            .str(a.id.as_str())
            .str(&a.name)
            .str(&snake(&a.kind))
            .end();
    }
    files.push(t.finish()?);

    let mut t = Table::create(dir, "channels", &["channel_id", "name", "actor_id"])?;
    for c in &latest.channels {
        t.row()
            .str(c.id.as_str())
            .str(&c.name)
            .str(c.actor.as_str())
            .end();
    }
    files.push(t.finish()?);

    files.extend(journeys(ctx, dir)?);
    files.push(tools(ctx, dir)?);
    files.push(extracts(ctx, dir)?);
    Ok(files)
}

/// Every dealer of the sample, with the days it opened and closed: the first day of the first
/// month it reports (none when that is the sample's first month) and the last day of the last
/// (none when that is the sample's last month).
fn dealers(ctx: &Ctx, dir: &Path) -> Result<RawFile, SampleError> {
    struct Life<'a> {
        dealer: &'a Dealer,
        opened_on: Option<NaiveDate>,
        closed_on: Option<NaiveDate>,
    }
    let last = ctx.months.len().saturating_sub(1);
    let mut lives: BTreeMap<&str, Life> = BTreeMap::new();
    for (t, month) in ctx.months.iter().enumerate() {
        let period = month.period.id;
        for dealer in &month.dealers {
            let life = lives.entry(dealer.id.as_str()).or_insert(Life {
                dealer,
                opened_on: (t > 0).then(|| period.start()),
                closed_on: None,
            });
            life.dealer = dealer;
            life.closed_on = (t < last).then(|| period.end());
        }
    }
    let mut t = Table::create(
        dir,
        "dealers",
        &[
            "dealer_id",
            "name",
            "group_id",
            "locale",
            "size_band",
            "ev_certified",
            "opened_on",
            "closed_on",
        ],
    )?;
    for life in lives.values() {
        let d = life.dealer;
        t.row()
            .str(d.id.as_str())
            .str(&d.name)
            .str(d.group.as_str())
            .str(&snake(&d.locale))
            .str(&snake(&d.size_band))
            .flag(d.ev_certified)
            .opt_date(life.opened_on)
            .opt_date(life.closed_on)
            .end();
    }
    t.finish()
}

/// The journeys of any month, by id (the latest month's names win).
fn journey_catalogue<'a>(ctx: &Ctx<'a>) -> BTreeMap<&'a str, &'a Journey> {
    ctx.months
        .iter()
        .flat_map(|m| &m.journeys)
        .map(|j| (j.id.as_str(), j))
        .collect()
}

fn journeys(ctx: &Ctx, dir: &Path) -> Result<Vec<RawFile>, SampleError> {
    let catalogue = journey_catalogue(ctx);
    let mut list = Table::create(dir, "journeys", &["journey_id", "name", "kind"])?;
    let mut stages = Table::create(dir, "journey_stages", &["journey_id", "position", "stage"])?;
    let mut handoffs = Table::create(
        dir,
        "journey_handoffs",
        &["journey_id", "name", "from_actor", "to_actor"],
    )?;
    for (id, j) in &catalogue {
        list.row().str(id).str(&j.name).str(&snake(&j.kind)).end();
        for (k, stage) in j.stages.iter().enumerate() {
            stages
                .row()
                .str(id)
                .num(k as u64 + 1)
                .str(&stage.name)
                .end();
        }
        for h in &j.handoffs {
            handoffs
                .row()
                .str(id)
                .str(&h.name)
                .str(h.from.as_str())
                .str(h.to.as_str())
                .end();
        }
    }
    Ok(vec![list.finish()?, stages.finish()?, handoffs.finish()?])
}

/// The tools of any month, by id (the latest month's names win).
pub fn tool_catalogue<'a>(ctx: &Ctx<'a>) -> BTreeMap<&'a str, &'a Tool> {
    ctx.months
        .iter()
        .flat_map(|m| &m.stack)
        .map(|t| (t.id.as_str(), t))
        .collect()
}

fn tools(ctx: &Ctx, dir: &Path) -> Result<RawFile, SampleError> {
    let mut t = Table::create(
        dir,
        "tools",
        &["tool_id", "name", "category", "owner", "value_drivers"],
    )?;
    for (id, tool) in tool_catalogue(ctx) {
        let drivers: Vec<String> = tool.value_drivers.iter().map(snake).collect();
        t.row()
            .str(id)
            .str(&tool.name)
            .str(&snake(&tool.category))
            .str(&snake(&tool.owner))
            .str(&drivers.join(";"))
            .end();
    }
    t.finish()
}

/// Which extract of which system fed each period, months and quarters.
fn extracts(ctx: &Ctx, dir: &Path) -> Result<RawFile, SampleError> {
    let mut t = Table::create(dir, "extracts", &["period", "source", "kind", "as_of"])?;
    for snapshot in ctx.all {
        let period = snapshot.period.id.to_string();
        for source in &snapshot.provenance.sources {
            t.row()
                .str(&period)
                .str(&source.name)
                .str(&snake(&source.kind))
                .date(source.as_of)
                .end();
        }
    }
    t.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PeriodId;
    use crate::sample::{Format, SampleSpec, generate};

    #[test]
    fn dealers_open_on_their_first_month_and_close_on_their_last() {
        let spec = SampleSpec {
            dealers: 3,
            months: 3,
            seed: 1,
            end: PeriodId::month(2026, 3).unwrap(),
            format: Format::Json,
        };
        let mut snapshots = generate(&spec);
        snapshots.retain(|s| s.period.id.granularity() == crate::model::Granularity::Month);
        // d001 opens in February; d002 closes at the end of February; d003 reports throughout.
        snapshots[0].dealers.retain(|d| d.id.as_str() != "d001");
        snapshots[2].dealers.retain(|d| d.id.as_str() != "d002");
        let dir = tempfile::tempdir().unwrap();
        let file = dealers(&Ctx::new(&snapshots), dir.path()).unwrap();
        assert_eq!(file.rows, 3);
        let text = std::fs::read_to_string(dir.path().join("dealers.csv")).unwrap();
        let dates: Vec<String> = text
            .lines()
            .skip(1)
            .map(|l| l.split(',').skip(6).collect::<Vec<_>>().join(","))
            .collect();
        assert_eq!(dates, vec!["2026-02-01,", ",2026-02-28", ","]);
    }
}
