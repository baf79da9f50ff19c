//! Fixed lists of words looked for anywhere in a value, ignoring ASCII case (placeholder words,
//! demo words, references to secret stores). These checks run on every candidate, so each list
//! is one Aho-Corasick automaton built on first use, not a compare of every word at every byte
//! (which was most of the scan time on a flood of assignments).

use aho_corasick::AhoCorasick;
use once_cell::race::OnceBox;

pub(crate) struct WordSet {
    words: &'static [&'static [u8]],
    /// Words shorter than this are left out of the automaton.
    min_len: usize,
    automaton: OnceBox<AhoCorasick>,
}

impl WordSet {
    pub(crate) const fn new(words: &'static [&'static [u8]], min_len: usize) -> Self {
        WordSet { words, min_len, automaton: OnceBox::new() }
    }

    /// True if any word of the set occurs in `haystack`, ignoring ASCII case.
    pub(crate) fn occurs_in(&self, haystack: &[u8]) -> bool {
        self.automaton
            .get_or_init(|| {
                let words = self.words.iter().filter(|w| !w.is_empty() && w.len() >= self.min_len);
                let automaton = AhoCorasick::builder().ascii_case_insensitive(true).build(words);
                alloc::boxed::Box::new(automaton.expect("a small list of literal words builds"))
            })
            .is_match(haystack)
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
}
