//! Searches a window holding several keyword hits of a rule whose pattern starts at its keyword
//! (prefix tokens, generic assignments) anchored at each hit, as a window of one hit is
//! searched, instead of once over the whole merged window. In minified code and long lines the
//! windows of `key`, `token` or `secret` hits chain over most of the line: the unanchored search
//! ran the regex over every byte between the hits (84 MB of windows for the generic rule on the
//! 638 MB benchmark corpus), where an anchored search stops a few bytes past a hit that starts
//! no match.
//!
//! A hit inside a match is not searched again (the unanchored search went on after each match
//! too). The work stays bounded by the window: the lazy DFA says how many bytes each search
//! read (regex-automata's meta regex, which searches everything else, does not), and once the
//! searches at the hits have read as much as the window holds, its rest is searched in one go.

use alloc::boxed::Box;
use core::ops::Range;

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::pool::{Pool, PoolGuard};
use regex_automata::{Anchored, Input, MatchError};
use regex_syntax::hir::Hir;

type NewCache = Box<dyn Fn() -> Cache + Send + Sync>;

/// The lazy DFA of one rule's pattern, for anchored searches that count the bytes they read.
pub(crate) struct HitSearch {
    dfa: DFA,
    /// One cache per thread searching at once (the scanner is shared between threads).
    caches: Pool<Cache, NewCache>,
}

/// What an anchored search found.
pub(crate) struct Searched {
    /// Where the match starting at the search's start ends (leftmost-first, as the meta regex
    /// finds it), if there is one.
    pub end: Option<usize>,
    /// Bytes the search read.
    pub read: usize,
}

impl HitSearch {
    /// Compiled from the same syntax tree as the rule's regex, without capture groups (the
    /// groups of a match are resolved by the rule's regex, on the match alone).
    pub fn new(hir: &Hir) -> Result<HitSearch, alloc::string::String> {
        let nfa = thompson::Compiler::new()
            .configure(thompson::Config::new().utf8(false).which_captures(WhichCaptures::None))
            .build_from_hir(hir)
            .map_err(|e| alloc::string::ToString::to_string(&e))?;
        let dfa = DFA::builder().build_from_nfa(nfa).map_err(|e| alloc::string::ToString::to_string(&e))?;
        let for_caches = dfa.clone();
        let caches = Pool::new(Box::new(move || Cache::new(&for_caches)) as NewCache);
        Ok(HitSearch { dfa, caches })
    }

    /// A searcher with a cache of its own, for the searches of one window.
    pub fn searcher(&self) -> Searcher<'_> {
        Searcher { dfa: &self.dfa, cache: self.caches.get() }
    }
}

/// Searches at the hits of one window, with one of the caches.
pub(crate) struct Searcher<'a> {
    dfa: &'a DFA,
    cache: PoolGuard<'a, Cache, NewCache>,
}

impl Searcher<'_> {
    /// The match starting at `span.start` and ending by `span.end`, and the bytes read to find
    /// it; an error when the lazy DFA gave up (the caller then uses the rule's regex).
    pub fn at(&mut self, haystack: &[u8], span: Range<usize>) -> Result<Searched, MatchError> {
        let (before, clears) = (self.cache.search_total_len(), self.cache.clear_count());
        let input = Input::new(haystack).range(span.clone()).anchored(Anchored::Yes);
        let end = self.dfa.try_search_fwd(&mut self.cache, &input)?.map(|found| found.offset());
        // A cache cleared during the search restarted its count: charge all it may have read.
        let read = if self.cache.clear_count() == clears { self.cache.search_total_len() - before } else { span.len() };
        Ok(Searched { end, read })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn search(pattern: &str) -> HitSearch {
        let hir = regex_syntax::ParserBuilder::new().unicode(false).utf8(false).build().parse(pattern).unwrap();
        HitSearch::new(&hir).unwrap()
    }

    #[test]
    fn a_search_ends_where_the_match_does_and_counts_what_it_read() {
        let hit_search = search(r"(?i)key[a-z_]*=[0-9]{3,}");
        let mut search = hit_search.searcher();
        let text = b"x; key=12345; api_key_name_that_goes_on_and_on; KEY=9";
        // A match: read up to the byte that ends it.
        let found = search.at(text, 3..text.len()).unwrap();
        assert_eq!(found.end, Some(12));
        assert!((9..=11).contains(&found.read), "{}", found.read);
        // No match: read the name, up to the `;` where the DFA dies, not the rest of the range.
        let missed = search.at(text, 18..text.len()).unwrap();
        assert_eq!(missed.end, None);
        assert_eq!(missed.read, "key_name_that_goes_on_and_on".len());
        // Anchored: a match further on is not this hit's.
        assert_eq!(search.at(text, 0..text.len()).unwrap().end, None);
    }
}
