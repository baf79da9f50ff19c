//! The rules' keywords, each once (ASCII case folded), with the rules each one triggers and the
//! prefilter that finds them all.
//!
//! Building the prefilter is mostly choosing how to look up each keyword ([`prefilter::plan`]).
//! For the built-in catalogue those choices are made at compile time: build.rs compiles this file
//! and `prefilter.rs`, computes the [`Layout`] of the catalogue and writes it out as Rust source,
//! and [`KeywordIndex::builtin`] builds the index from it. A scanner with custom or disabled
//! rules computes its own.

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use crate::blocks::Fingerprints;
use crate::prefilter::{self, KeywordSpec, Lookup, Prefilter};

pub(crate) struct KeywordIndex {
    pub prefilter: Prefilter,
    /// Keyword `k` (the prefilter's `Hit::keyword`) triggers `rules[starts[k]..starts[k + 1]]`.
    starts: Box<[u32]>,
    rules: Box<[u32]>,
}

/// What an index is built from: the keywords in order, the prefilter's choices for them, and the
/// rules of each (as in [`KeywordIndex`]).
#[derive(Debug, PartialEq)]
struct Layout<'a> {
    keywords: &'a [KeywordSpec<'a>],
    lookups: &'a [Lookup],
    fingerprints: Fingerprints,
    starts: &'a [u32],
    rules: &'a [u32],
}

/// The built-in catalogue's layout, written by build.rs.
#[cfg(keyward_builtin_tables)]
static BUILTIN: Layout<'static> = {
    use Lookup::*;
    include!(concat!(env!("OUT_DIR"), "/builtin_keywords.rs"))
};

impl KeywordIndex {
    /// The index of `rules`: for each rule (by index), its keywords and whether it accepts them
    /// only at a word start.
    pub fn new<'a, K: AsRef<str> + 'a>(rules: impl IntoIterator<Item = (&'a [K], bool)>) -> KeywordIndex {
        with_layout(rules, KeywordIndex::from_layout)
    }

    /// The index of the whole built-in catalogue, from the layout build.rs computed.
    #[cfg(keyward_builtin_tables)]
    pub fn builtin() -> KeywordIndex {
        KeywordIndex::from_layout(&BUILTIN)
    }

    fn from_layout(layout: &Layout) -> KeywordIndex {
        KeywordIndex {
            prefilter: Prefilter::build(layout.keywords, layout.lookups, layout.fingerprints.clone()),
            starts: layout.starts.into(),
            rules: layout.rules.into(),
        }
    }

    /// The rules (indices) keyword `keyword` triggers.
    pub fn rules_of(&self, keyword: usize) -> &[u32] {
        &self.rules[self.starts[keyword] as usize..self.starts[keyword + 1] as usize]
    }

    /// The layout of `rules` as a Rust expression, for build.rs.
    #[cfg(not(keyward_builtin_tables))]
    pub fn layout_source<'a, K: AsRef<str> + 'a>(rules: impl IntoIterator<Item = (&'a [K], bool)>) -> String {
        with_layout(rules, |layout| {
            // The derived `Debug` of plain data is Rust syntax; slices need their `&`.
            let Layout { keywords, lookups, fingerprints, starts, rules } = layout;
            alloc::format!(
                "Layout {{ keywords: &{keywords:?}, lookups: &{lookups:?}, fingerprints: {fingerprints:?}, starts: &{starts:?}, rules: &{rules:?} }}"
            )
        })
    }

    /// True when the layout of `rules` is the one build.rs wrote.
    /// The built-in catalogue's keywords, as build.rs listed them.
    #[cfg(test)]
    pub fn builtin_keywords() -> &'static [KeywordSpec<'static>] {
        BUILTIN.keywords
    }

    #[cfg(test)]
    pub fn is_builtin<'a, K: AsRef<str> + 'a>(rules: impl IntoIterator<Item = (&'a [K], bool)>) -> bool {
        with_layout(rules, |layout| *layout == BUILTIN)
    }
}

/// Computes the layout of `rules` (see [`KeywordIndex::new`]) and hands it to `then`. A keyword
/// is looked for at word starts only when every rule using it takes it only there.
fn with_layout<'a, K: AsRef<str> + 'a, R>(rules: impl IntoIterator<Item = (&'a [K], bool)>, then: impl FnOnce(&Layout) -> R) -> R {
    let mut by_keyword: BTreeMap<String, (Vec<u32>, bool)> = BTreeMap::new();
    for (index, (keywords, at_word_start)) in rules.into_iter().enumerate() {
        for keyword in keywords {
            let (users, all_at_word_start) = by_keyword.entry(keyword.as_ref().to_ascii_lowercase()).or_insert((Vec::new(), true));
            users.push(index as u32);
            *all_at_word_start &= at_word_start;
        }
    }
    let mut starts = Vec::with_capacity(by_keyword.len() + 1);
    let mut rules = Vec::new();
    let mut keywords = Vec::with_capacity(by_keyword.len());
    for (text, (users, at_word_start)) in &by_keyword {
        starts.push(rules.len() as u32);
        rules.extend(users);
        keywords.push(KeywordSpec { text, at_word_start: *at_word_start });
    }
    starts.push(rules.len() as u32);
    let (lookups, fingerprints) = prefilter::plan(&keywords);
    then(&Layout { keywords: &keywords, lookups: &lookups, fingerprints, starts: &starts, rules: &rules })
}
