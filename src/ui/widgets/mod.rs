//! Drawing functions for the view-model blocks: tables, cards, text.

pub mod cards;
pub mod table;
pub mod text;
