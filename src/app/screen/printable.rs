//! The view model's text as a terminal may draw it. Every string of a [`Screen`] comes from a
//! builder that copies names from the data; terminals disagree on how wide some characters are
//! (an emoji family joined by U+200D is two columns to one terminal and six to another, U+FE0F
//! widens a heart in some), so a row drawn the same everywhere needs them gone before anything
//! measures a column. The rules are [`crate::export::printable`]'s: one set for every text
//! that leaves ebr for a person, the TUI included.

use super::{Block, Card, Cell, Details, Row, Screen, Table, TextBlock, Waterfall};
use crate::export::printable;

/// `text` through [`printable`], in place, allocating only when something changes.
fn clean(text: &mut String) {
    if let std::borrow::Cow::Owned(shown) = printable(text) {
        *text = shown;
    }
}

fn clean_all(texts: &mut [String]) {
    texts.iter_mut().for_each(clean);
}

fn cell(cell: &mut Cell) {
    clean(&mut cell.text);
}

fn card(card: &mut Card) {
    clean(&mut card.title);
    clean(&mut card.value);
    clean_all(&mut card.detail);
    card.delta
        .iter_mut()
        .chain(card.status.iter_mut())
        .for_each(cell);
}

fn row(row: &mut Row) {
    row.cells.iter_mut().for_each(cell);
}

fn table(table: &mut Table) {
    clean(&mut table.title);
    clean(&mut table.empty);
    for column in &mut table.columns {
        clean(&mut column.title);
        clean(&mut column.short);
    }
    table.pinned.iter_mut().chain(&mut table.rows).for_each(row);
    // Widths were measured on the text before.
    table.refit();
}

fn text(block: &mut TextBlock) {
    clean(&mut block.title);
    clean_all(&mut block.paragraphs);
}

fn details(details: &mut Details) {
    clean(&mut details.empty);
    for detail in &mut details.items {
        clean(&mut detail.title);
        clean_all(&mut detail.lines);
        for bar in &mut detail.bars {
            clean(&mut bar.label);
            clean(&mut bar.text);
            clean(&mut bar.note);
        }
    }
}

fn waterfall(w: &mut Waterfall) {
    clean(&mut w.title);
    clean_all(&mut w.lines);
    for fall in &mut w.falls {
        clean(&mut fall.label);
        clean(&mut fall.text);
        clean(&mut fall.note);
    }
}

impl Screen {
    /// Every text the screen shows through [`printable`]: controls and noncharacters shown as
    /// `\u{..}`, joiners and selectors dropped. Ids (what the selection follows) are kept.
    pub fn make_printable(&mut self) {
        clean(&mut self.title);
        for block in &mut self.blocks {
            match block {
                Block::Cards(cards) => cards.iter_mut().for_each(card),
                Block::Table(t) => table(t),
                Block::Text(t) => text(t),
                Block::Detail(d) => details(d),
                Block::Waterfall(w) => waterfall(w),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::screen::{Align, Column};

    #[test]
    fn names_are_measured_as_drawn() {
        let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
        let name = format!("{family} \u{2764}\u{fe0f}\u{fffe}\u{1b}");
        let columns = vec![Column::new("name", "Name", "Name", Align::Left, 0)];
        let rows = vec![Row::new("d-1", &name, vec![Cell::text(name.clone())])];
        let mut screen = Screen {
            title: name.clone(),
            blocks: vec![Block::Table(Table::new("T", columns, vec![], rows))],
        };
        screen.make_printable();
        let shown = "\u{1f468}\u{1f469}\u{1f467} \u{2764}\\u{fffe}\\u{1b}";
        assert_eq!(screen.title, shown);
        let Block::Table(t) = &screen.blocks[0] else {
            panic!("a table")
        };
        assert_eq!(t.rows[0].cells[0].text, shown);
        assert_eq!(t.rows[0].id, "d-1");
        // Three emoji of two columns, a space, a heart, eight and six for the escapes.
        assert_eq!(t.columns[0].width, 6 + 1 + 1 + 8 + 6);
    }
}
