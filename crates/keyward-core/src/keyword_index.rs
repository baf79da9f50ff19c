//! The rules' keywords, each once (ASCII case folded), with the rules each one triggers and the
//! prefilter that finds them all.
//!
//! For the built-in catalogue the index is built at compile time: build.rs compiles this file
//! and `prefilter.rs`, runs [`KeywordIndex::new`] on the catalogue and writes the result out as
//! Rust source, and [`KeywordIndex::builtin`] copies it. A scanner with custom rules or disabled
//! ones builds its own.

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use crate::prefilter::{KeywordSpec, Prefilter};

pub(crate) struct KeywordIndex {
    pub prefilter: Prefilter,
    /// Keyword `k` (the prefilter's `Hit::keyword`) triggers `rules[starts[k]..starts[k + 1]]`.
    starts: Box<[u32]>,
    rules: Box<[u32]>,
}

/// The rule lists of the built-in catalogue's index: `(starts, rules)`, written by build.rs.
#[cfg(keyward_builtin_tables)]
static BUILTIN_RULES_OF: (&[u32], &[u32]) = include!(concat!(env!("OUT_DIR"), "/builtin_keyword_rules.rs"));

impl KeywordIndex {
    /// The index of `rules`: for each rule (by index), its keywords and whether it accepts them
    /// only at a word start. A keyword is looked for at word starts only when every rule using
    /// it does.
    pub fn new<'a, K: AsRef<str> + 'a>(rules: impl IntoIterator<Item = (&'a [K], bool)>) -> KeywordIndex {
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
        let mut specs = Vec::with_capacity(by_keyword.len());
        for (text, (users, at_word_start)) in by_keyword {
            starts.push(rules.len() as u32);
            rules.extend(users);
            specs.push(KeywordSpec { text, at_word_start });
        }
        starts.push(rules.len() as u32);
        KeywordIndex { prefilter: Prefilter::new(&specs), starts: starts.into(), rules: rules.into() }
    }

    /// The index of the whole built-in catalogue, as build.rs computed it.
    #[cfg(keyward_builtin_tables)]
    pub fn builtin() -> KeywordIndex {
        let (starts, rules) = BUILTIN_RULES_OF;
        KeywordIndex { prefilter: Prefilter::thaw(&crate::prefilter::BUILTIN), starts: starts.into(), rules: rules.into() }
    }

    /// The rules (indices) keyword `keyword` triggers.
    pub fn rules_of(&self, keyword: usize) -> &[u32] {
        &self.rules[self.starts[keyword] as usize..self.starts[keyword + 1] as usize]
    }

    /// The index as Rust source, for build.rs: the prefilter's tables (for
    /// `prefilter::BUILTIN`) and the rule lists (for `BUILTIN_RULES_OF`).
    #[cfg(not(keyward_builtin_tables))]
    pub fn to_source(&self) -> [String; 2] {
        [self.prefilter.freeze().to_source(), alloc::format!("(&{:?}, &{:?})", self.starts, self.rules)]
    }

    /// True when both indexes have the same keywords, rules and prefilter tables.
    #[cfg(test)]
    pub fn same_as(&self, other: &KeywordIndex) -> bool {
        self.starts == other.starts && self.rules == other.rules && self.prefilter.freeze() == other.prefilter.freeze()
    }
}
