//! Every user intent the app understands. The keymap (in `ui`) turns keys into these; tests and
//! the headless renderer send them directly.

use std::time::Duration;

use crate::metrics::Level;

use super::effect::Effect;
use super::reload::{Fresh, Loading, Stale};
use super::tab::Tab;
use crate::model::PeriodId;

/// One user intent. [`crate::app::App::update`] handles each variant explicitly (no catch-all
/// arm), so a new action is a compile error until it does something.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave the app.
    Quit,
    /// The tab to the right (wraps).
    NextTab,
    /// The tab to the left (wraps).
    PrevTab,
    /// A given tab.
    GoTab(Tab),
    /// Selection one row up.
    Up,
    /// Selection one row down.
    Down,
    /// Selection one page up.
    PageUp,
    /// Selection one page down.
    PageDown,
    /// Selection on the first row.
    Top,
    /// Selection on the last row.
    Bottom,
    /// One level down into the selected row (region, dealer group, dealer).
    Drill,
    /// One level up, restoring the selection and scroll left there.
    Back,
    /// Straight to a level (`--drill`), through the levels above it, as if drilled by hand.
    DrillTo(Level),
    /// Esc: closes what is open (help, filter input, an applied filter), else goes up a level.
    Cancel,
    /// Start typing a filter (`/`).
    StartFilter,
    /// A character typed into the filter.
    FilterChar(char),
    /// Delete the last character of the filter.
    FilterBackspace,
    /// Keep the filter and go back to moving around (Enter while typing).
    AcceptFilter,
    /// Next row matching the filter (wraps).
    NextMatch,
    /// Previous row matching the filter (wraps).
    PrevMatch,
    /// Sort by the next column (`s`): the first sort of a column is its natural direction.
    CycleSort,
    /// Reverse the sort direction (`S`).
    ReverseSort,
    /// Segments: break the scorecard down by the next attribute (hierarchy, tier, size...);
    /// Attribution: the next table (ledger, credit by channel, credit by actor).
    NextDimension,
    /// The next attribution model (first touch ... Markov 3rd order), app-wide.
    NextModel,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// The terminal now has this size (columns, rows).
    Resize(u16, u16),
    /// Open the picker of the period under review (`p`).
    PickPeriod,
    /// Open the picker of the compared period (`c`), "none" included.
    PickCompared,
    /// Picker: cursor one period up.
    PickerUp,
    /// Picker: cursor one period down.
    PickerDown,
    /// Picker: put the period under the cursor on screen and close.
    PickerChoose,
    /// Picker: close without changing anything.
    PickerClose,
    /// Review this period (`--period`), keeping how the compared period follows it.
    SetPeriod(PeriodId),
    /// Compare with this period, or with none (`--compare`).
    SetCompared(Option<PeriodId>),
    /// The split view on or off (`v`): both periods side by side, rows matched by id.
    ToggleSplit,
    /// Open the export menu (`e`): a format, then a file or the clipboard.
    OpenExport,
    /// Close the export menu without exporting.
    CloseExport,
    /// Ask the runtime to copy or save the view on screen (`y`, or a key of the export menu).
    Request(Effect),
    /// The runtime's word on what it did (shown on the last line until the next key).
    Status(String),
    /// Read the data files again now (Ctrl-R), whether or not they changed.
    Reload,
    /// The runtime loaded the data files again and every one is valid: put the new data on
    /// screen, keeping the view.
    Reloaded(Fresh),
    /// The runtime loaded the data files again and one is not valid (or half written): keep
    /// the data on screen and say what is wrong, where, and how old the data shown is.
    ReloadFailed(Box<Stale>),
    /// The runtime is loading the periods not on screen in the background (a big folder
    /// opens on the periods under review first): how far it got. Its outcome comes as
    /// [`Action::Reloaded`] or [`Action::ReloadFailed`].
    Loading(Loading),
    /// Nothing happened for a moment: build one screen the user may open next (another tab at
    /// the level on screen), so that its first frame costs no more than any other. Changes
    /// nothing on screen; see [`App::has_idle_work`](crate::app::App::has_idle_work).
    Idle,
    /// Presenter mode: the next agenda item (Space, PgDn, →).
    NextItem,
    /// Presenter mode: the previous agenda item (PgUp, ←).
    PrevItem,
    /// Presenter mode: a digit of the item number to jump to.
    JumpDigit(u8),
    /// Presenter mode: delete the last digit typed.
    JumpBackspace,
    /// Presenter mode: go to the item whose number was typed (Enter).
    JumpGo,
    /// Presenter mode: stop typing a number.
    JumpCancel,
    /// Presenter mode: back to the exact view of the item on screen after a detour (`r`).
    BackToItem,
    /// Put this view on screen, exactly (an agenda item, a view kept earlier).
    Show(Box<super::bookmark::Bookmark>),
    /// The runtime's clock: time since presenting started. Time is data, so `update` reads
    /// no clock.
    Tick(Duration),
}
