//! Fixed lists of words looked for anywhere in a value, ignoring ASCII case (placeholder words,
//! demo words, references to secret stores). These checks run on every candidate, so each list
//! is a set of its words' first four bytes, hashed into bits at compile time: a position whose
//! four bytes are not in the set is passed over with one lookup, and the few others compare the
//! words sharing those bytes.
//!
//! Written here rather than with an Aho-Corasick automaton (which these sets were before): the
//! automaton is built on first use, and in the npm package that first build, with the code it
//! runs for the first time, was a quarter of the first scan of a file with a key. A set costs
//! nothing to build, and stays linear: at most the few words sharing a position's four bytes are
//! compared there, each up to its length.

use core::ops::Range;

/// Bits of a set: ~25 words in 1,024 bits pass about one position in 40 of other text.
const BITS: usize = 1024;

pub(crate) struct WordSet {
    words: &'static [&'static [u8]],
    /// Words shorter than this are left out.
    min_len: usize,
    /// Bit [`bit`] of each word's first four bytes, folded.
    starts: [u64; BITS / 64],
}

impl WordSet {
    /// Every word must have at least four bytes (checked when the set is built, at compile time).
    pub(crate) const fn new(words: &'static [&'static [u8]], min_len: usize) -> Self {
        let mut starts = [0u64; BITS / 64];
        let mut i = 0;
        while i < words.len() {
            let word = words[i];
            assert!(word.len() >= 4, "a word set looks words up by their first four bytes");
            if word.len() >= min_len {
                let bit = bit(key(word));
                starts[bit / 64] |= 1 << (bit % 64);
            }
            i += 1;
        }
        WordSet { words, min_len, starts }
    }

    /// True if any word of the set occurs in `haystack`, ignoring ASCII case.
    pub(crate) fn occurs_in(&self, haystack: &[u8]) -> bool {
        self.first_start(haystack, 0..haystack.len()).is_some()
    }

    /// The first position of `starts` where a word of the set begins in `haystack` (running past
    /// `starts.end` or not), ignoring ASCII case.
    pub(crate) fn first_start(&self, haystack: &[u8], starts: Range<usize>) -> Option<usize> {
        let last = starts.end.min(haystack.len().saturating_sub(3));
        (starts.start..last).find(|&at| {
            let key = key(&haystack[at..]);
            let bit = bit(key);
            self.starts[bit / 64] >> (bit % 64) & 1 == 1 && self.words.iter().any(|word| self.begins_at(word, key, &haystack[at..]))
        })
    }

    /// `word` is in the set and `text` (whose first four bytes fold to `key`) starts with it.
    fn begins_at(&self, word: &[u8], key: u32, text: &[u8]) -> bool {
        word.len() >= self.min_len
            && self::key(word) == key
            && text.len() >= word.len()
            && text[..word.len()].eq_ignore_ascii_case(word)
    }
}

/// The first four bytes of `bytes` with ASCII letters folded to lower case (other bytes change
/// too, alike in words and text: a false pass costs a compare, never a miss).
const fn key(bytes: &[u8]) -> u32 {
    u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) | 0x2020_2020
}

const fn bit(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> (32 - BITS.trailing_zeros())) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    static SET: WordSet = WordSet::new(&[b"example", b"your", b"xxxx", b"not_real", b"not_a_real"], 5);

    #[test]
    fn finds_words_anywhere_ignoring_case_and_skips_short_ones() {
        assert!(SET.occurs_in(b"my-EXAMPLE-key"));
        assert!(SET.occurs_in(b"NOT_A_REAL"));
        assert!(SET.occurs_in(b"xnot_realx"));
        assert!(!SET.occurs_in(b"YourKey"), "`your` is below the minimum length");
        assert!(!SET.occurs_in(b"xxxxxxxx"));
        assert!(!SET.occurs_in(b"exampl"));
        assert!(!SET.occurs_in(b"not_a_rea"));
        assert!(!SET.occurs_in(b""));
        assert!(!SET.occurs_in(b"ex"));
        static ALL: WordSet = WordSet::new(&[b"your"], 0);
        assert!(ALL.occurs_in(b"is it YOUR"), "a word that ends the text");
        assert!(ALL.occurs_in(b"your"));
        assert!(!ALL.occurs_in(b"you"));
    }

    #[test]
    fn the_first_start_in_a_range_may_end_past_it() {
        let text = b"..not_real..EXAMPLE";
        assert_eq!(SET.first_start(text, 0..text.len()), Some(2));
        assert_eq!(SET.first_start(text, 3..13), Some(12));
        assert_eq!(SET.first_start(text, 3..12), None);
        assert_eq!(SET.first_start(text, 13..100), None);
        assert_eq!(SET.first_start(text, 30..40), None);
    }

    /// The set agrees with a plain search on random texts over the words' own bytes, where
    /// near misses and overlaps are common.
    #[test]
    fn agrees_with_a_plain_search() {
        let words: &[&[u8]] = &[b"example", b"not_real", b"not_a_real", b"op://", b"xxxx"];
        let set = WordSet::new(
            &[b"example", b"your", b"xxxx", b"not_real", b"not_a_real", b"op://"],
            5,
        );
        let pieces: &[&[u8]] = &[b"exam", b"ple", b"EXAMPLE", b"not_", b"a_", b"REAL", b"real", b"op:/", b"/", b"x", b"OP://"];
        let mut seed = 11u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        let mut matched = 0;
        for _ in 0..2000 {
            let mut text = alloc::vec::Vec::new();
            for _ in 0..next() % 12 {
                text.extend_from_slice(pieces[next() % pieces.len()]);
            }
            let plain = (0..text.len()).find(|&at| {
                words.iter().filter(|w| w.len() >= 5).any(|w| text.len() - at >= w.len() && text[at..at + w.len()].eq_ignore_ascii_case(w))
            });
            assert_eq!(set.first_start(&text, 0..text.len()), plain, "{}", core::str::from_utf8(&text).unwrap());
            matched += usize::from(plain.is_some());
        }
        assert!((200..1800).contains(&matched), "{matched} of 2000 texts hold a word: too few cases of one kind");
    }
}
