//! Sparklines: one bar per period in eight heights (▁▂▃▄▅▆▇█, ASCII `_.:-=+*#`), a gap where
//! the figure is "n/a", the current period drawn in reverse video and the compared one
//! underlined, so the marks read without colour.

use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

use crate::app::screen::Spark;
use crate::ui::theme::Skin;

/// Bar heights 0..=7 in Unicode.
pub const BARS: [&str; 8] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
/// Bar heights 0..=7 in ASCII.
pub const ASCII_BARS: [&str; 8] = ["_", ".", ":", "-", "=", "+", "*", "#"];

/// Which points fit in `width` columns: the latest ones, moved back to keep the current
/// period in view, and the compared one too when both fit.
pub fn window(spark: &Spark, width: usize) -> std::ops::Range<usize> {
    let len = spark.levels.len();
    let mut start = len.saturating_sub(width);
    if let Some(current) = spark.current
        && current < start
    {
        start = (current + 1).saturating_sub(width);
    }
    if let Some(compared) = spark.compared
        && compared < start
        && spark.current.is_none_or(|c| c < compared + width)
    {
        start = compared;
    }
    start..(start + width).min(len)
}

/// Draws the sparkline at (x, y) in at most `width` columns; returns the columns used.
pub fn render(spark: &Spark, x: u16, y: u16, width: usize, buf: &mut Buffer, skin: &Skin) -> u16 {
    let t = &skin.theme;
    let bars = if skin.glyphs.bar == "#" {
        &ASCII_BARS
    } else {
        &BARS
    };
    let mut used = 0u16;
    for i in window(spark, width) {
        let cx = x.saturating_add(used);
        if cx >= buf.area.right() || y >= buf.area.bottom() {
            break;
        }
        let glyph = spark.levels[i].map_or(" ", |l| bars[usize::from(l.min(7))]);
        let style = if Some(i) == spark.current {
            t.text.add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else if Some(i) == spark.compared {
            t.text.add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        } else {
            t.text
        };
        buf.set_string(cx, y, glyph, style);
        used += 1;
    }
    used
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Display;
    use ratatui::layout::Rect;

    fn spark(levels: &[Option<u8>], current: usize, compared: usize) -> Spark {
        Spark {
            levels: levels.to_vec(),
            current: Some(current),
            compared: Some(compared),
        }
    }

    #[test]
    fn bars_gaps_and_marks() {
        let s = spark(&[Some(0), None, Some(3), Some(7)], 3, 2);
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        let skin = Skin::new(Display::default());
        assert_eq!(render(&s, 0, 0, 6, &mut buf, &skin), 4);
        assert_eq!(buf[(0, 0)].symbol(), "▁");
        assert_eq!(buf[(1, 0)].symbol(), " ");
        assert!(buf[(3, 0)].modifier.contains(Modifier::REVERSED), "current");
        assert!(
            buf[(2, 0)].modifier.contains(Modifier::UNDERLINED),
            "compared"
        );
        assert!(!buf[(0, 0)].modifier.contains(Modifier::REVERSED));
        let ascii = Skin::new(Display {
            colour: false,
            ascii: true,
        });
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        render(&s, 0, 0, 4, &mut buf, &ascii);
        let text: String = (0..4).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
        assert_eq!(text, "_ -#");
    }

    #[test]
    fn a_narrow_window_keeps_the_latest_points_and_the_compared_period() {
        let levels: Vec<Option<u8>> = (0..36).map(|i| Some((i % 8) as u8)).collect();
        // Month over month: the last 10 points.
        assert_eq!(window(&spark(&levels, 35, 34), 10), 26..36);
        // An older current period compared a year back: the window moves back to show both.
        assert_eq!(window(&spark(&levels, 20, 8), 16), 8..24);
        // Too far apart to show both: the latest points win.
        assert_eq!(window(&spark(&levels, 35, 2), 10), 26..36);
        assert_eq!(window(&spark(&levels[..3], 2, 1), 10), 0..3);
        // An early current period stays in view.
        assert_eq!(window(&spark(&levels, 5, 4), 10), 0..10);
    }
}
