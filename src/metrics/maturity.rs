//! The maturity stage a snapshot's own data indicates, to set beside the stage declared in it:
//! Data Coverage from the source systems that feed it, Attribution from whether conversion paths
//! and partner roles exist, Financial View from whether costs, revenue, margins and productivity
//! are present. The other dimensions are judgements the data cannot make.

use crate::model::{Matrix, Snapshot, SourceKind};

/// A stage the data indicates, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Indication {
    /// Stage 1-3.
    pub stage: u8,
    /// What in the snapshot says so.
    pub reason: String,
}

/// A dimension's name as letters and digits only, lowercase ("Dealer & Partner Role" →
/// "dealerpartnerrole").
fn key(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The stage the snapshot's data indicates for a dimension of the automotive matrix; `None`
/// for a dimension the data cannot speak to.
pub fn indicated(snapshot: &Snapshot, matrix: Matrix, dimension: &str) -> Option<Indication> {
    if matrix != Matrix::Automotive {
        return None;
    }
    match key(dimension).as_str() {
        "datacoverage" => Some(data_coverage(snapshot)),
        "attribution" => Some(attribution(snapshot)),
        "financialview" => Some(financial_view(snapshot)),
        _ => None,
    }
}

fn kind_label(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Crm => "CRM",
        SourceKind::Dms => "DMS",
        SourceKind::Map => "MAP",
        SourceKind::Cdp => "CDP",
        SourceKind::AdPlatform => "ads",
        SourceKind::Analytics => "analytics",
        SourceKind::Prm => "PRM",
        SourceKind::Other => "other",
    }
}

/// 3: CRM, DMS and external media feed it; 2: the CRM does; 1: marketing platforms only.
fn data_coverage(snapshot: &Snapshot) -> Indication {
    let has = |kind: SourceKind| snapshot.provenance.sources.iter().any(|s| s.kind == kind);
    let names: Vec<String> = snapshot
        .provenance
        .sources
        .iter()
        .map(|s| kind_label(s.kind).to_owned())
        .collect();
    let fed = if names.is_empty() {
        "no source system is listed".to_owned()
    } else {
        format!("fed by {}", names.join(", "))
    };
    let stage = if has(SourceKind::Crm) && has(SourceKind::Dms) && has(SourceKind::AdPlatform) {
        3
    } else if has(SourceKind::Crm) {
        2
    } else {
        1
    };
    Indication { stage, reason: fed }
}

/// 3: conversion paths and dealers' deals credited to actors by role; 2: paths only;
/// 1: neither (last touch or channel totals at most).
fn attribution(snapshot: &Snapshot) -> Indication {
    let paths = snapshot.attribution.paths.len();
    let credited = snapshot
        .dealers
        .iter()
        .filter(|d| !d.credits.is_empty())
        .count();
    let stage = match (paths > 0, credited > 0) {
        (true, true) => 3,
        (true, false) => 2,
        (false, _) => 1,
    };
    Indication {
        stage,
        reason: format!(
            "{paths} conversion paths; {credited} of {} dealers with deals credited by role",
            snapshot.dealers.len()
        ),
    }
}

/// 3: martech cost, revenue, margin and productivity gains; 2: cost and revenue;
/// 1: tool cost only.
fn financial_view(snapshot: &Snapshot) -> Indication {
    let p = &snapshot.pnl;
    let cost = !snapshot.stack.is_empty();
    let revenue = p.drivers.iter().any(|d| !d.revenue.amount().is_zero());
    let margin = p.drivers.iter().any(|d| !d.gross_margin.amount().is_zero());
    let productivity = p.productivity.hours_saved > 0;
    let stage = if cost && revenue && margin && productivity {
        3
    } else if cost && revenue {
        2
    } else {
        1
    };
    let yes = |b: bool| if b { "yes" } else { "no" };
    Indication {
        stage,
        reason: format!(
            "martech cost {}, revenue {}, margin {}, productivity gains {}",
            yes(cost),
            yes(revenue),
            yes(margin),
            yes(productivity)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::test_support::empty_snapshot;
    use crate::model::Source;

    fn source(kind: SourceKind) -> Source {
        Source {
            name: format!("{kind:?}"),
            kind,
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 10, 31).unwrap_or_default(),
        }
    }

    #[test]
    fn the_data_indicates_a_stage_for_three_dimensions_only() {
        let mut s = empty_snapshot("2026-10");
        let stage = |s: &Snapshot, d: &str| indicated(s, Matrix::Automotive, d).map(|i| i.stage);
        assert_eq!(stage(&s, "Data Coverage"), Some(1));
        assert_eq!(stage(&s, "Attribution"), Some(1));
        assert_eq!(stage(&s, "Financial View"), Some(1));
        assert_eq!(stage(&s, "Governance"), None);
        assert_eq!(
            indicated(&s, Matrix::EcosystemMarketing, "Attribution"),
            None
        );
        s.provenance.sources = vec![source(SourceKind::Map), source(SourceKind::Crm)];
        assert_eq!(stage(&s, "Data Coverage"), Some(2));
        s.provenance.sources.push(source(SourceKind::Dms));
        s.provenance.sources.push(source(SourceKind::AdPlatform));
        let coverage = indicated(&s, Matrix::Automotive, "data coverage");
        assert_eq!(
            coverage,
            Some(Indication {
                stage: 3,
                reason: "fed by MAP, CRM, DMS, ads".to_owned()
            })
        );
    }
}
