//! Drawing functions for the view-model blocks: tables, cards, text, sparklines.

pub mod bigtext;
pub mod cards;
pub mod spark;
pub mod table;
pub mod text;
