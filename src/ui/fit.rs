//! Fitting text into a number of terminal columns.

use std::borrow::Cow;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width of `text` in terminal columns.
pub fn width(text: &str) -> usize {
    text.width()
}

/// `text` cut to at most `max` columns, ending with `ellipsis` when it was cut.
pub fn truncate<'a>(text: &'a str, max: usize, ellipsis: &str) -> Cow<'a, str> {
    if text.width() <= max {
        return Cow::Borrowed(text);
    }
    let room = max.saturating_sub(ellipsis.width());
    if room == 0 {
        return Cow::Owned(take_columns(ellipsis, max).to_owned());
    }
    let mut out = take_columns(text, room).trim_end().to_owned();
    out.push_str(ellipsis);
    Cow::Owned(out)
}

/// The longest prefix of `text` that fits in `max` columns.
pub fn take_columns(text: &str, max: usize) -> &str {
    let mut used = 0;
    for (at, c) in text.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > max {
            return &text[..at];
        }
        used += w;
    }
    text
}

/// Words of `text` wrapped into lines of at most `max` columns (long words are cut).
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines = Vec::new();
    if max == 0 {
        return lines;
    }
    let mut line = String::new();
    for word in text.split_whitespace() {
        let word = take_columns(word, max);
        let needed = if line.is_empty() {
            word.width()
        } else {
            line.width() + 1 + word.width()
        };
        if needed > max && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_by_columns_with_an_ellipsis() {
        assert_eq!(truncate("Northeast", 9, "…"), "Northeast");
        assert_eq!(truncate("Northeast", 6, "…"), "North…");
        assert_eq!(truncate("Northeast", 6, "~"), "North~");
        assert_eq!(truncate("Northeast", 1, "…"), "…");
        assert_eq!(truncate("Northeast", 0, "…"), "");
        assert_eq!(truncate("日本語テキスト", 5, "…"), "日本…");
    }

    #[test]
    fn wraps_words_and_cuts_long_ones() {
        assert_eq!(wrap("a bb ccc dddd", 6), vec!["a bb", "ccc", "dddd"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd"]);
        assert!(wrap("anything", 0).is_empty());
        assert!(wrap("   ", 10).is_empty());
    }
}
