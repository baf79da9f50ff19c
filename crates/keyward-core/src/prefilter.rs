//! Stage 1: every occurrence of every rule keyword, ASCII case-insensitively.
//!
//! An Aho-Corasick automaton stepping through every byte of the input was most of the scan
//! (about 16 instructions per byte over ~450 keywords). Here a cheaper per-byte test comes first:
//! a bit set of the keywords' first three bytes (case-folded, hashed to 15 bits). Only where the
//! last three bytes are in the set does the automaton run, anchored at that position; that is a
//! few percent of positions in source code. Every keyword occurrence still starts with one of
//! the set's trigrams, so nothing is missed. Keywords shorter than three bytes (possible in
//! custom rules) fall back to the plain automaton.

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Match, MatchKind, StartKind};
use alloc::boxed::Box;

/// Bits in the trigram set: three 5-bit folded codes.
const TRIGRAM_BITS: usize = 1 << 15;

/// Each byte's 5-bit code: letters case-folded to 1..=26, all digits 27, `-` 28, `_` 29, `.` 30,
/// other punctuation 31, the rest 0. Keywords are letters, digits and a little punctuation, so
/// text trigrams rarely collide with keyword trigrams (a collision only costs a verification).
const FOLD: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = match b {
            b'a'..=b'z' => b - b'a' + 1,
            b'A'..=b'Z' => b - b'A' + 1,
            b'0'..=b'9' => 27,
            b'-' => 28,
            b'_' => 29,
            b'.' => 30,
            b'!'..=b'~' => 31,
            _ => 0,
        };
        byte += 1;
    }
    table
};

fn fold(byte: u8) -> usize {
    FOLD[byte as usize] as usize
}

pub(crate) enum Prefilter {
    /// Keywords of three bytes or more: the trigram set, then an anchored DFA at each candidate.
    Trigrams { set: Box<[u64; TRIGRAM_BITS / 64]>, anchored: Box<DFA> },
    /// A keyword shorter than three bytes: the unanchored automaton over every byte.
    Automaton(AhoCorasick),
}

impl Prefilter {
    pub fn new(keywords: &[alloc::string::String]) -> Prefilter {
        if keywords.iter().any(|k| k.len() < 3) {
            let automaton = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(keywords)
                .expect("keywords are non-empty ASCII literals");
            return Prefilter::Automaton(automaton);
        }
        let anchored = DFA::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .start_kind(StartKind::Anchored)
            .build(keywords)
            .expect("keywords are non-empty ASCII literals");
        let mut set = Box::new([0u64; TRIGRAM_BITS / 64]);
        for keyword in keywords {
            let k = keyword.as_bytes();
            let hash = fold(k[0]) << 10 | fold(k[1]) << 5 | fold(k[2]);
            set[hash / 64] |= 1 << (hash % 64);
        }
        Prefilter::Trigrams { set, anchored: Box::new(anchored) }
    }

    /// Calls `each` with every keyword occurrence (overlapping ones included); returns the
    /// work done (bytes stepped plus automaton steps at candidates).
    pub fn for_each_hit(&self, haystack: &[u8], mut each: impl FnMut(Match)) -> usize {
        let (set, anchored) = match self {
            Prefilter::Automaton(automaton) => {
                automaton.find_overlapping_iter(haystack).for_each(each);
                return haystack.len();
            }
            Prefilter::Trigrams { set, anchored } => (set, anchored),
        };
        if haystack.len() < 3 {
            return haystack.len();
        }
        let mut steps = haystack.len();
        let mut hash = fold(haystack[0]) << 5 | fold(haystack[1]);
        let mut end = 2;
        while let Some(found) = next_candidate(set, haystack, end, &mut hash) {
            steps += every_keyword_at(anchored, haystack, found - 2, &mut each);
            end = found + 1;
        }
        steps
    }
}

/// The next `end >= from` where `haystack[end-2..=end]` is in the trigram set, carrying the
/// rolling hash. A separate, small loop so the hot state stays in registers.
#[inline(never)]
fn next_candidate(set: &[u64; TRIGRAM_BITS / 64], haystack: &[u8], from: usize, hash: &mut usize) -> Option<usize> {
    let mut h = *hash;
    for (end, &byte) in haystack.iter().enumerate().skip(from) {
        h = (h << 5 | fold(byte)) & (TRIGRAM_BITS - 1);
        if set[h / 64] & (1 << (h % 64)) != 0 {
            *hash = h;
            return Some(end);
        }
    }
    None
}

/// Steps the anchored DFA from `start` and reports each keyword that starts there. The
/// automaton is walked by hand because aho-corasick's overlapping iterator refuses anchored
/// searches, and several keywords can start at one place (`sk-` and `sk-proj-`). Returns the
/// number of steps.
fn every_keyword_at(dfa: &DFA, haystack: &[u8], start: usize, each: &mut impl FnMut(Match)) -> usize {
    let Ok(mut state) = dfa.start_state(Anchored::Yes) else { return 0 };
    for (offset, &byte) in haystack[start..].iter().enumerate() {
        state = dfa.next_state(Anchored::Yes, state, byte);
        if dfa.is_special(state) {
            if dfa.is_dead(state) {
                return offset + 1;
            }
            for index in 0..dfa.match_len(state) {
                // A match state also holds the keywords that end here but start later (`box`
                // after `scraperbox`): those are reported by the search anchored at their start.
                let pattern = dfa.match_pattern(state, index);
                if dfa.pattern_len(pattern) == offset + 1 {
                    each(Match::new(pattern, start..start + offset + 1));
                }
            }
        }
    }
    haystack.len() - start
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use alloc::vec::Vec;

    fn hits(keywords: &[&str], text: &str) -> Vec<(usize, usize)> {
        let keywords: Vec<_> = keywords.iter().map(|k| k.to_string()).collect();
        let mut found = Vec::new();
        Prefilter::new(&keywords).for_each_hit(text.as_bytes(), |m| found.push((m.pattern().as_usize(), m.start())));
        found.sort();
        found
    }

    #[test]
    fn finds_every_occurrence_ignoring_case_including_overlaps() {
        let text = "x SK-PROJ-abc sk-ant key=1 monkey";
        assert_eq!(hits(&["sk-", "sk-proj-", "key"], text), [(0, 2), (0, 14), (1, 2), (2, 21), (2, 30)]);
    }

    #[test]
    fn short_keywords_fall_back_to_the_automaton() {
        assert_eq!(hits(&["ab", "key"], "abkey"), [(0, 0), (1, 2)]);
        assert_eq!(hits(&["key"], "ke"), []);
    }
}
