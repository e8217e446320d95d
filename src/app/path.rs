//! Drill paths written as text (`ebr render --drill north/g-03/d-017`): each step names a child
//! of the step before by id or by name (case-insensitive); the first step may also name any
//! dealer group or dealer directly (`g-03/d-017`, `d-017`).

use crate::metrics::{Level, LevelKind, Node, Scorecard};

/// A step of a drill path that names nothing at its level.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("--drill: `{step}` is not {what} of {parent}; expected one of: {candidates}")]
pub struct DrillError {
    /// The step that did not match.
    pub step: String,
    /// What was expected there, e.g. `a region`.
    pub what: &'static str,
    /// The level it was looked for in.
    pub parent: String,
    /// Some ids that would have matched.
    pub candidates: String,
}

/// The level a drill path leads to. An empty path (or `/`) is the ecosystem.
pub fn resolve(card: &Scorecard, text: &str) -> Result<Level, DrillError> {
    let mut steps: Vec<&str> = text
        .split('/')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let mut level = Level::Ecosystem;
    // The first step may skip ahead: any dealer group or dealer, when it is not a region.
    if let Some(first) = steps.first() {
        let is_region = find(&card.children(&Level::Ecosystem), first).is_some();
        let anywhere = find(&card.groups().collect::<Vec<_>>(), first)
            .or_else(|| find(&card.dealers().collect::<Vec<_>>(), first));
        if let (false, Some(found)) = (is_region, anywhere) {
            level = found;
            steps.remove(0);
        }
    }
    for step in steps {
        let children = card.children(&level);
        match find(&children, step) {
            Some(next) => level = next,
            None => {
                let what = match level.kind() {
                    LevelKind::Ecosystem => "a region (or any dealer group or dealer)",
                    LevelKind::Region => "a dealer group",
                    LevelKind::Group => "a dealer",
                    LevelKind::Dealer => "anything: a dealer is the deepest level",
                };
                let mut ids: Vec<&str> = children.iter().take(8).map(|n| n.id).collect();
                if children.len() > 8 {
                    ids.push("...");
                }
                return Err(DrillError {
                    step: step.to_owned(),
                    what,
                    parent: match level {
                        Level::Ecosystem => "the ecosystem".to_owned(),
                        _ => card.name(&level).unwrap_or("the ecosystem").to_owned(),
                    },
                    candidates: if ids.is_empty() {
                        "(none)".to_owned()
                    } else {
                        ids.join(", ")
                    },
                });
            }
        }
    }
    Ok(level)
}

/// The row named `step`: by id first, then by name ignoring case.
fn find(nodes: &[Node<'_>], step: &str) -> Option<Level> {
    nodes
        .iter()
        .find(|n| n.id == step)
        .or_else(|| nodes.iter().find(|n| n.name.eq_ignore_ascii_case(step)))
        .map(Node::level)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn card() -> Scorecard {
        Scorecard::new(Arc::new(crate::app::fixture::snapshot()))
    }

    #[test]
    fn steps_match_ids_or_names_under_the_previous_step() {
        let card = card();
        assert_eq!(resolve(&card, ""), Ok(Level::Ecosystem));
        assert_eq!(resolve(&card, "/"), Ok(Level::Ecosystem));
        assert_eq!(resolve(&card, "west"), Ok(Level::Region("west".into())));
        assert_eq!(resolve(&card, "west/g1/d2"), Ok(Level::Dealer("d2".into())));
        assert_eq!(
            resolve(&card, "East/harbor group"),
            Ok(Level::Group("g3".into()))
        );
        assert_eq!(
            resolve(&card, "g2"),
            Ok(Level::Group("g2".into())),
            "a lone group"
        );
        assert_eq!(resolve(&card, "Harbor Two"), Ok(Level::Dealer("d5".into())));
        assert_eq!(
            resolve(&card, "g1/d2"),
            Ok(Level::Dealer("d2".into())),
            "from a group"
        );
    }

    #[test]
    fn a_wrong_step_names_what_was_expected() {
        let err = resolve(&card(), "west/g3").unwrap_err();
        assert_eq!(
            err.to_string(),
            "--drill: `g3` is not a dealer group of West; expected one of: g1, g2"
        );
        let err = resolve(&card(), "nowhere").unwrap_err();
        assert!(
            err.to_string().contains("expected one of: west, east"),
            "{err}"
        );
    }
}
