//! Drawing functions for the view-model blocks: tables, cards, text.

pub mod bigtext;
pub mod cards;
pub mod table;
pub mod text;
