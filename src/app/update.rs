//! `App::update`: the one place where state changes.

use super::action::Action;
use super::effect::Effect;
use crate::metrics::Level;

use super::nav::{Nav, Sort};
use super::periods::PickerKind;
use super::state::App;
use super::tab::Tab;

impl App {
    /// Applies one user intent. No terminal, no files, no clock; afterwards the view model is
    /// up to date and the selection is within the rows.
    pub fn update(&mut self, action: Action) {
        let len = self.visible_rows().len();
        let page = self.page();
        let tab = self.tab.index();
        // A status line stays until the user does something (the presenter's clock is not
        // the user).
        if !matches!(
            action,
            Action::Idle
                | Action::Tick(_)
                | Action::Resize(..)
                | Action::Status(_)
                | Action::Reloaded(_)
                | Action::ReloadFailed(_)
                | Action::Loading(_)
        ) {
            self.status = None;
        }
        match action {
            Action::Quit => self.running = false,
            Action::OpenExport => self.exporting = true,
            Action::CloseExport => self.exporting = false,
            Action::Request(effect) => {
                self.exporting = false;
                self.effects.push(effect);
            }
            Action::Status(text) => self.status = Some(text),
            Action::Reload => self.effects.push(Effect::Reload),
            Action::Reloaded(fresh) => self.swap_library(fresh),
            Action::ReloadFailed(stale) => {
                self.stop_loading();
                self.stale = Some(stale);
            }
            Action::Loading(progress) => self.loading = Some(progress),
            Action::NextTab => self.switch_tab(self.tab.next()),
            Action::PrevTab => self.switch_tab(self.tab.prev()),
            Action::GoTab(target) => self.switch_tab(target),
            Action::Up => self.navs[tab].step(-1, len, page),
            Action::Down => self.navs[tab].step(1, len, page),
            Action::PageUp => self.navs[tab].step(-signed(page), len, page),
            Action::PageDown => self.navs[tab].step(signed(page), len, page),
            Action::Top => self.navs[tab].select(0, len, page),
            Action::Bottom => self.navs[tab].select(len.saturating_sub(1), len, page),
            Action::Drill => self.drill_down(),
            Action::DrillTo(level) => self.drill_to(level),
            Action::Back => self.go_up(),
            Action::Cancel => self.cancel(),
            Action::StartFilter => self.filtering = self.table().is_some(),
            Action::FilterChar(c) => {
                if self.filtering && !c.is_control() {
                    self.edit_filter(|filter| filter.push(c));
                }
            }
            Action::FilterBackspace => {
                if self.filtering {
                    self.edit_filter(|filter| {
                        filter.pop();
                    });
                } else {
                    self.go_up();
                }
            }
            Action::AcceptFilter => self.filtering = false,
            Action::NextMatch => self.navs[tab].wrap(true, len, page),
            Action::PrevMatch => self.navs[tab].wrap(false, len, page),
            Action::CycleSort => self.cycle_sort(),
            Action::ReverseSort => self.reverse_sort(),
            Action::NextDimension => match self.tab {
                Tab::Segments => {
                    self.dimension = self.dimension.next();
                    self.navs[tab] = Nav::default();
                }
                Tab::Attribution => {
                    self.breakdown = self.breakdown.next();
                    self.navs[tab] = Nav::default();
                }
                Tab::Overview | Tab::Journeys | Tab::Dealers | Tab::Maturity | Tab::Pnl => {}
            },
            Action::NextModel => self.model = self.model.next(),
            Action::ToggleHelp => self.help = !self.help,
            Action::Resize(cols, rows) => self.size = (cols, rows),
            Action::PickPeriod => self.open_picker(PickerKind::Current),
            Action::PickCompared => self.open_picker(PickerKind::Compared),
            Action::PickerUp => self.move_picker(-1),
            Action::PickerDown => self.move_picker(1),
            Action::PickerChoose => self.choose_picked(),
            Action::PickerClose => self.picker = None,
            Action::SetPeriod(period) => self.set_period(period),
            Action::SetCompared(period) => self.set_compared(period),
            Action::ToggleSplit => self.toggle_split(),
            Action::Idle => self.prepare_next(),
            Action::NextItem => self.step_item(1),
            Action::PrevItem => self.step_item(-1),
            Action::JumpDigit(digit) => self.type_jump(digit),
            Action::JumpBackspace => self.untype_jump(),
            Action::JumpGo => self.finish_jump(),
            Action::JumpCancel => self.cancel_jump(),
            Action::BackToItem => self.back_to_item(),
            Action::Tick(now) => self.tick(now),
            Action::Show(mark) => self.apply_bookmark(&mark),
        }
        self.refresh();
    }

    fn switch_tab(&mut self, target: Tab) {
        self.filtering = false;
        self.tab = target;
    }

    /// Esc closes the innermost thing open: help, the filter being typed, an applied filter;
    /// with nothing open it goes up a level.
    fn cancel(&mut self) {
        let has_filter = !self.navs[self.tab.index()].filter.is_empty();
        if self.help {
            self.help = false;
        } else if self.filtering || has_filter {
            self.filtering = false;
            let anchor = self.selected_id();
            let nav = &mut self.navs[self.tab.index()];
            nav.filter.clear();
            nav.anchor = anchor;
        } else {
            self.go_up();
        }
    }

    fn edit_filter(&mut self, edit: impl FnOnce(&mut String)) {
        let anchor = self.selected_id();
        let nav = &mut self.navs[self.tab.index()];
        edit(&mut nav.filter);
        nav.anchor = anchor;
    }

    pub(super) fn selected_id(&self) -> Option<String> {
        let table = self.table()?;
        self.selected_row().map(|i| table.rows[i].id.clone())
    }

    /// Enter: one level down into the selected row. Drilling past a level (from the list of
    /// every dealer group straight into one) pushes the levels in between, each remembering the
    /// row it leads to, so going up walks back through them.
    fn drill_down(&mut self) {
        let target = self
            .selected_row()
            .and_then(|i| self.table().and_then(|t| t.rows[i].drill.clone()));
        if let Some(target) = target {
            self.drill_to(target);
        }
    }

    /// Goes down to `target` through every level between here and it; a target outside the
    /// current level starts again from the ecosystem. Each level passed through remembers the
    /// row it leads to, on the tab on screen.
    pub(super) fn drill_to(&mut self, target: Level) {
        let lineage = self.lineage(&target);
        let steps: Vec<Level> = loop {
            let here = self.drill.level().clone();
            match lineage.iter().position(|l| *l == here) {
                Some(at) => break lineage[at + 1..].to_vec(),
                None => self.go_up(),
            }
            if self.drill.is_empty() && !lineage.contains(&Level::Ecosystem) {
                break vec![target.clone()];
            }
        };
        let tab = self.tab.index();
        // Coming back up, the row that led here is selected: the selected row when it is on the
        // way (Enter), else the first level passed through.
        let on_the_way = self
            .selected_row()
            .and_then(|i| self.table().and_then(|t| t.rows[i].drill.clone()))
            .is_some_and(|l| lineage.contains(&l));
        let anchor_here = if on_the_way {
            self.selected_id()
        } else {
            steps.first().map(|l| l.id().to_owned())
        };
        for (i, level) in steps.iter().enumerate() {
            let mut saved = std::mem::take(&mut self.navs);
            if i == 0 {
                saved[tab].anchor = anchor_here.clone();
            }
            self.drill.push(level.clone(), saved);
            if let Some(next) = steps.get(i + 1) {
                self.navs[tab].anchor = Some(next.id().to_owned());
            }
        }
        self.filtering = false;
    }

    /// Esc/Backspace: one level up, restoring every tab's selection, scroll and filter there.
    pub(super) fn go_up(&mut self) {
        if let Some(frame) = self.drill.pop() {
            self.navs = frame.saved;
            self.filtering = false;
        }
    }

    /// `s`: sort by the next sortable column, each first in its natural direction (numbers
    /// largest first, names A to Z); after the last column, back to the builder's order.
    fn cycle_sort(&mut self) {
        let Some(table) = self.table() else {
            return;
        };
        let sortable: Vec<(String, bool)> = table
            .columns
            .iter()
            .filter_map(|c| c.first_sort_descending.map(|d| (c.key.clone(), d)))
            .collect();
        let tab = self.tab.index();
        let current = self.sorts[tab]
            .as_ref()
            .and_then(|s| sortable.iter().position(|(key, _)| *key == s.column));
        let next = match current {
            None => sortable.first(),
            Some(at) => sortable.get(at + 1),
        };
        let anchor = self.selected_id();
        self.sorts[tab] = next.map(|(column, descending)| Sort {
            column: column.clone(),
            descending: *descending,
        });
        self.navs[tab].anchor = anchor;
    }

    /// `S`: reverse the sort; with no sort, sort by the first sortable column reversed.
    fn reverse_sort(&mut self) {
        let tab = self.tab.index();
        let anchor = self.selected_id();
        match &mut self.sorts[tab] {
            Some(sort) => sort.descending = !sort.descending,
            None => {
                let first = self.table().and_then(|t| {
                    t.columns
                        .iter()
                        .find_map(|c| c.first_sort_descending.map(|d| (c.key.clone(), d)))
                });
                self.sorts[tab] = first.map(|(column, descending)| Sort {
                    column,
                    descending: !descending,
                });
            }
        }
        self.navs[tab].anchor = anchor;
    }
}

fn signed(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}
