//! `review.toml`: what people write rather than systems: the ecosystem's names, the targets, and
//! per period (months and quarters) the commentary and the maturity assessment.

use std::path::Path;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{Ecosystem, Matrix, PeriodId, ReviewView};

use super::super::SampleError;
use super::{Ctx, RawFile};

#[derive(Serialize)]
struct Review<'a> {
    ecosystem: &'a Ecosystem,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    targets: Vec<Target<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    commentary: Vec<Note<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    maturity: Vec<Assessment<'a>>,
}

#[derive(Serialize)]
struct Target<'a> {
    metric: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    flat_threshold: Option<Decimal>,
}

#[derive(Serialize)]
struct Note<'a> {
    period: PeriodId,
    view: ReviewView,
    text: &'a str,
}

#[derive(Serialize)]
struct Assessment<'a> {
    period: PeriodId,
    matrix: Matrix,
    dimension: &'a str,
    current: u8,
    target: u8,
    evidence: &'a str,
    owner: &'a str,
}

const HEADER: &str = "# What people write rather than systems, beside the raw exports: the targets (every period),\n# the commentary and the maturity assessment of each period. Format: docs/raw-exports.md.\n\n";

pub fn write(ctx: &Ctx, dir: &Path) -> Result<Vec<RawFile>, SampleError> {
    let Some(latest) = ctx.latest() else {
        return Ok(Vec::new());
    };
    let review = Review {
        ecosystem: &latest.ecosystem,
        targets: latest
            .targets
            .iter()
            .map(|t| Target {
                metric: &t.metric,
                target: t.target,
                flat_threshold: t.flat_threshold,
            })
            .collect(),
        commentary: ctx
            .all
            .iter()
            .flat_map(|s| {
                s.commentary.iter().map(|c| Note {
                    period: s.period.id,
                    view: c.view,
                    text: &c.text,
                })
            })
            .collect(),
        maturity: ctx
            .all
            .iter()
            .flat_map(|s| {
                s.maturity.iter().map(|m| Assessment {
                    period: s.period.id,
                    matrix: m.matrix,
                    dimension: &m.dimension,
                    current: m.current,
                    target: m.target,
                    evidence: &m.evidence,
                    owner: &m.owner,
                })
            })
            .collect(),
    };
    let entries = review.targets.len() + review.commentary.len() + review.maturity.len();
    let name = "review.toml";
    let path = dir.join(name);
    let body = toml::to_string(&review).map_err(|e| SampleError::Encode {
        period: "review".to_owned(),
        format: "TOML",
        message: e.to_string(),
    })?;
    std::fs::write(&path, format!("{HEADER}{body}"))
        .map_err(|source| SampleError::Io { path, source })?;
    Ok(vec![RawFile {
        name: name.to_owned(),
        rows: entries as u64,
    }])
}
