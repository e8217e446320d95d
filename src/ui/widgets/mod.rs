//! Drawing functions for the view-model blocks: tables, cards, text, sparklines, the selected
//! row's detail, waterfalls.

pub mod bigtext;
pub mod cards;
pub mod detail;
pub mod spark;
pub mod table;
pub mod text;
pub mod waterfall;
