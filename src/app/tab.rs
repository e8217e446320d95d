//! The tabs of the dashboard, in the order of the review.

use std::fmt;
use std::str::FromStr;

/// One tab of the dashboard. Closed on purpose: a new tab is a compile error until every match
/// (title, command-line name, view builder, renderer) handles it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tab {
    /// Headline outcomes as cards, with the commentary.
    #[default]
    Overview,
    /// ROI and funnel by journey.
    Journeys,
    /// The scorecard by region and by each segment attribute.
    Segments,
    /// The shared OEM/dealer/partner scorecard per dealer group, drilling to dealers.
    Dealers,
    /// The maturity matrices.
    Maturity,
    /// Martech cost against ecosystem revenue and margin.
    Pnl,
    /// Sourced, influenced and attached credit; multi-touch models.
    Attribution,
}

impl Tab {
    /// How many tabs there are.
    pub const COUNT: usize = 7;

    /// Every tab, in display order (the digits 1-7 pick them in this order).
    pub const ALL: [Tab; Tab::COUNT] = [
        Tab::Overview,
        Tab::Journeys,
        Tab::Segments,
        Tab::Dealers,
        Tab::Maturity,
        Tab::Pnl,
        Tab::Attribution,
    ];

    /// Position in [`Tab::ALL`], 0-based.
    pub fn index(self) -> usize {
        match self {
            Tab::Overview => 0,
            Tab::Journeys => 1,
            Tab::Segments => 2,
            Tab::Dealers => 3,
            Tab::Maturity => 4,
            Tab::Pnl => 5,
            Tab::Attribution => 6,
        }
    }

    /// The tab at a 0-based position, if any.
    pub fn from_index(index: usize) -> Option<Tab> {
        Tab::ALL.get(index).copied()
    }

    /// Whether the tab shows what the attribution model in use (`m`) credits: the Attribution
    /// tab, and the Overview's partner card.
    pub fn shows_model(self) -> bool {
        match self {
            Tab::Overview | Tab::Attribution => true,
            Tab::Journeys | Tab::Segments | Tab::Dealers | Tab::Maturity | Tab::Pnl => false,
        }
    }

    /// The tab to the right, wrapping around.
    pub fn next(self) -> Tab {
        Tab::ALL[(self.index() + 1) % Tab::COUNT]
    }

    /// The tab to the left, wrapping around.
    pub fn prev(self) -> Tab {
        Tab::ALL[(self.index() + Tab::COUNT - 1) % Tab::COUNT]
    }

    /// The title on the tab bar.
    pub fn title(self) -> &'static str {
        match self {
            Tab::Overview => "Overview",
            Tab::Journeys => "Journeys",
            Tab::Segments => "Segments",
            Tab::Dealers => "Dealers",
            Tab::Maturity => "Maturity",
            Tab::Pnl => "P&L",
            Tab::Attribution => "Attribution",
        }
    }

    /// The name on the command line (`ebr render --tab pnl`).
    pub fn cli_name(self) -> &'static str {
        match self {
            Tab::Overview => "overview",
            Tab::Journeys => "journeys",
            Tab::Segments => "segments",
            Tab::Dealers => "dealers",
            Tab::Maturity => "maturity",
            Tab::Pnl => "pnl",
            Tab::Attribution => "attribution",
        }
    }
}

impl fmt::Display for Tab {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.cli_name())
    }
}

/// A text that names no tab.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a tab: expected overview, journeys, segments, dealers, maturity, pnl or attribution"
)]
pub struct ParseTabError(pub String);

impl FromStr for Tab {
    type Err = ParseTabError;

    fn from_str(text: &str) -> Result<Tab, ParseTabError> {
        let wanted = text.trim().to_ascii_lowercase();
        Tab::ALL
            .into_iter()
            .find(|tab| tab.cli_name() == wanted || tab.title().to_ascii_lowercase() == wanted)
            .ok_or_else(|| ParseTabError(text.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_and_prev_walk_every_tab_and_wrap() {
        let mut seen = vec![Tab::Overview];
        let mut tab = Tab::Overview.next();
        while tab != Tab::Overview {
            seen.push(tab);
            tab = tab.next();
        }
        assert_eq!(seen, Tab::ALL);
        assert_eq!(Tab::Overview.prev(), Tab::Attribution);
        for tab in Tab::ALL {
            assert_eq!(tab.next().prev(), tab);
            assert_eq!(Tab::from_index(tab.index()), Some(tab));
        }
    }

    #[test]
    fn parses_command_line_names_and_titles() {
        for tab in Tab::ALL {
            assert_eq!(tab.cli_name().parse::<Tab>(), Ok(tab));
        }
        assert_eq!("P&L".parse::<Tab>(), Ok(Tab::Pnl));
        assert_eq!(" Dealers ".parse::<Tab>(), Ok(Tab::Dealers));
        let err = "dealer".parse::<Tab>().unwrap_err();
        assert!(err.to_string().contains("`dealer` is not a tab"), "{err}");
    }
}
