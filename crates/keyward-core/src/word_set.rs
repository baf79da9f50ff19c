//! Fixed lists of words looked for anywhere in a value, ignoring ASCII case (placeholder words,
//! demo words, references to secret stores). These checks run on every candidate, so each list
//! is one Aho-Corasick automaton built on first use, not a compare of every word at every byte
//! (which was most of the scan time on a flood of assignments).

use core::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};
use once_cell::race::OnceBox;

pub(crate) struct WordSet {
    words: &'static [&'static [u8]],
    /// Words shorter than this are left out of the automaton.
    min_len: usize,
    /// The longest word's length.
    longest: usize,
    automaton: OnceBox<AhoCorasick>,
}

impl WordSet {
    pub(crate) const fn new(words: &'static [&'static [u8]], min_len: usize) -> Self {
        let (mut longest, mut i) = (0, 0);
        while i < words.len() {
            if words[i].len() > longest {
                longest = words[i].len();
            }
            i += 1;
        }
        WordSet { words, min_len, longest, automaton: OnceBox::new() }
    }

    /// True if any word of the set occurs in `haystack`, ignoring ASCII case.
    pub(crate) fn occurs_in(&self, haystack: &[u8]) -> bool {
        self.automaton().is_match(haystack)
    }

    /// The first position of `starts` where a word of the set begins in `haystack` (running past
    /// `starts.end` or not), ignoring ASCII case.
    pub(crate) fn first_start(&self, haystack: &[u8], starts: Range<usize>) -> Option<usize> {
        let end = haystack.len().min(starts.end.saturating_add(self.longest));
        if starts.start >= end {
            return None;
        }
        let found = self.automaton().find(Input::new(haystack).span(starts.start..end))?;
        (found.start() < starts.end).then_some(found.start())
    }

    /// Leftmost-first, so that a search reports the word that starts first.
    fn automaton(&self) -> &AhoCorasick {
        self.automaton.get_or_init(|| {
            let words = self.words.iter().filter(|w| !w.is_empty() && w.len() >= self.min_len);
            let automaton = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostFirst)
                .kind(Some(AhoCorasickKind::DFA))
                .build(words);
            alloc::boxed::Box::new(automaton.expect("a small list of literal words builds"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static SET: WordSet = WordSet::new(&[b"example", b"your", b"xx"], 3);

    #[test]
    fn finds_words_anywhere_ignoring_case_and_skips_short_ones() {
        assert!(SET.occurs_in(b"my-EXAMPLE-key"));
        assert!(SET.occurs_in(b"YourKey"));
        assert!(!SET.occurs_in(b"xx-xx"), "`xx` is below the minimum length");
        assert!(!SET.occurs_in(b"exampl"));
        assert!(!SET.occurs_in(b""));
    }

    #[test]
    fn the_first_start_in_a_range_may_end_past_it() {
        let text = b"..your..EXAMPLE";
        assert_eq!(SET.first_start(text, 0..text.len()), Some(2));
        assert_eq!(SET.first_start(text, 3..9), Some(8));
        assert_eq!(SET.first_start(text, 3..8), None);
        assert_eq!(SET.first_start(text, 9..100), None);
        assert_eq!(SET.first_start(text, 20..30), None);
    }
}
