//! A bookmark: everything that decides what a view shows (tab, drill level, periods, breakdown,
//! model, sort, filter, split), absolute, so putting it back gives the exact same screen
//! whatever was on screen before. Agenda items are bookmarks; `r` in presenter mode puts the
//! item's one back after a detour.

use crate::attribution::Model;
use crate::metrics::Level;
use crate::model::PeriodId;

use super::nav::{Nav, Sort};
use super::state::App;
use super::tab::Tab;
use super::views::{Breakdown, Dimension};

/// What a view shows, in full.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Bookmark {
    /// The tab.
    pub tab: Tab,
    /// The drill level.
    pub level: Level,
    /// The period under review.
    pub period: PeriodId,
    /// The compared period, if any.
    pub compared: Option<PeriodId>,
    /// The Segments tab's breakdown.
    pub dimension: Dimension,
    /// The Attribution tab's table.
    pub breakdown: Breakdown,
    /// The attribution model in use.
    pub model: Model,
    /// The sort of the tab's table.
    pub sort: Option<Sort>,
    /// The filter of the tab's table.
    pub filter: String,
    /// The split view.
    pub split: bool,
}

impl App {
    /// The view on screen as a bookmark.
    pub fn bookmark(&self) -> Bookmark {
        Bookmark {
            tab: self.tab,
            level: self.drill.level().clone(),
            period: self.pair.current,
            compared: self.pair.compared,
            dimension: self.dimension,
            breakdown: self.breakdown,
            model: self.model,
            sort: self.sorts[self.tab.index()].clone(),
            filter: self.nav().filter.clone(),
            split: self.split,
        }
    }

    /// Puts a bookmark on screen: the periods, then the drill level walked from the
    /// ecosystem (as if drilled by hand, so going up works), then the tab and its table's
    /// sort and filter, with the selection on the first row. Closes help, pickers and filter
    /// input. A period or level the library lacks leaves that part as it was.
    pub(super) fn apply_bookmark(&mut self, mark: &Bookmark) {
        self.help = false;
        self.picker = None;
        self.filtering = false;
        self.set_period(mark.period);
        self.set_compared(mark.compared);
        self.drill = super::drill::Drill::default();
        self.navs = Default::default();
        self.sorts = Default::default();
        self.tab = mark.tab;
        if mark.level != Level::Ecosystem {
            self.drill_to(mark.level.clone());
        }
        self.dimension = mark.dimension;
        self.breakdown = mark.breakdown;
        self.model = mark.model;
        self.split = mark.split;
        let tab = mark.tab.index();
        self.sorts[tab] = mark.sort.clone();
        self.navs[tab] = Nav {
            filter: mark.filter.clone(),
            ..Nav::default()
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, Display};

    #[test]
    fn a_bookmark_put_back_after_a_detour_gives_the_same_screen() {
        let mut app =
            App::new(crate::app::fixture::library(), Display::default()).expect("fixture");
        app.update(Action::GoTab(Tab::Dealers));
        app.update(Action::DrillTo(Level::Region("west".into())));
        app.update(Action::CycleSort);
        let mark = app.bookmark();
        let screen = app.screen().clone();
        app.update(Action::Back);
        app.update(Action::GoTab(Tab::Segments));
        app.update(Action::NextDimension);
        app.update(Action::StartFilter);
        app.update(Action::FilterChar('x'));
        assert_ne!(app.bookmark(), mark);
        app.update(Action::Show(Box::new(mark.clone())));
        assert_eq!(app.bookmark(), mark);
        assert_eq!(*app.screen(), screen);
        assert_eq!(app.breadcrumb(), ["Ecosystem", "West"]);
        app.update(Action::Back);
        assert_eq!(
            app.level(),
            &Level::Ecosystem,
            "going up works after a jump"
        );
    }
}
