//! Stage 1: every occurrence of every rule keyword where a rule could match, ASCII
//! case-insensitively, in about one SIMD pass over the input.
//!
//! Most keywords can only occur at a *word start* (see `blocks.rs`): a provider name that rules
//! accept only as a word of an identifier (`FIREWORKS_API_KEY`, `fireworksKey`), a prefix that
//! must start a token (`ghp_`), or a keyword that has a word start inside itself whatever
//! precedes it (`-----BEGIN`, `api.openai.com`: the `B` after `-`, the `o` after `.`). Each such
//! keyword gets one *anchor*: a word start inside it (the rarest of its possible ones) and the
//! 4 bytes from there. At each word start of the input (about one byte in seven in code) the 4
//! bytes there are hashed into a 64 Kibit set of anchors; on a hit, an exact table lists the
//! keywords with that anchor, compared in full.
//!
//! The few other keywords (found inside words: `key` in `apikey`, `T3BlbkFJ` inside a token,
//! and keywords with fewer than 4 bytes after their anchor, like `sk-`) are found by their
//! 3-byte fingerprints in the same pass (Teddy, in `blocks.rs`), then looked up in an exact
//! table and compared in full.
//!
//! Verification work per candidate is small but not constant (several keywords can share an
//! anchor). On inputs built to make it large (floods of near-misses), the remaining input is
//! searched by an Aho-Corasick automaton instead, one step per byte: stage 1 stays linear
//! with a small constant, whatever the input. Keywords shorter than 3 bytes (possible in custom
//! rules) also use the automaton.

use alloc::boxed::Box;
use alloc::vec::Vec;
use core::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use once_cell::race::OnceBox;

use crate::blocks::{self, Fingerprints, Masks};

/// Verification steps allowed per input byte before the rest of the input goes to the
/// automaton, plus a fixed allowance given to a scan's text (so short texts never switch) but
/// not to its decoded copies, however many: the linear bound has one floor.
const VERIFY_STEPS_PER_BYTE: usize = 4;
pub(crate) const VERIFY_STEPS_FLOOR: usize = 1 << 14;

/// A keyword and where it may occur.
#[derive(Debug, PartialEq)]
pub(crate) struct KeywordSpec<'a> {
    /// ASCII; matched case-insensitively.
    pub text: &'a str,
    /// Every rule using it accepts it only at a word start.
    pub at_word_start: bool,
}

/// One keyword occurrence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    /// Index into the keyword list the prefilter was built from.
    pub keyword: usize,
}

impl Hit {
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// One keyword: its bytes are `text[start..end]` of the prefilter, lower-case.
struct Keyword {
    start: u32,
    end: u32,
    at_word_start: bool,
    /// Offset of the bytes looked up first (anchor or fingerprint) from the keyword's start.
    lookup_offset: usize,
    /// Its first 8 bytes (fewer, masked) folded as [`fold`] does: most lookups that reach an
    /// exact table are near misses (`string` for the anchor `stri` of `stripo`), and one
    /// comparison of a word rejects them before a byte-by-byte compare.
    head: Head,
}

/// A keyword's first bytes as one folded word, and the mask of the bytes it has.
#[derive(Clone, Copy)]
struct Head {
    bytes: u64,
    mask: u64,
}

impl Keyword {
    fn bytes<'t>(&self, text: &'t [u8]) -> &'t [u8] {
        &text[self.start as usize..self.end as usize]
    }
}

impl Head {
    fn new(keyword: &[u8]) -> Head {
        let mut padded = [0u8; 8];
        let len = keyword.len().min(8);
        padded[..len].copy_from_slice(&keyword[..len]);
        let mask = if len == 8 { u64::MAX } else { (1u64 << (8 * len)) - 1 };
        Head { bytes: fold8(u64::from_le_bytes(padded)) & mask, mask }
    }

    /// False when the text at `start` cannot hold the keyword; true (a full compare decides)
    /// when it can, or when fewer than 8 bytes are left.
    fn may_match(self, haystack: &[u8], start: usize) -> bool {
        match haystack.get(start..start + 8) {
            Some(text) => fold8(u64::from_le_bytes(text.try_into().expect("8 bytes"))) & self.mask == self.bytes,
            None => true,
        }
    }
}

/// Keywords sharing a lookup key.
struct Table {
    /// Open addressing on the folded key; key 0 (never a folded key) marks an empty slot.
    slots: Box<[Slot]>,
    /// Each key's keywords, after their number.
    entries: Box<[u32]>,
}

/// 16 bytes (the built-in catalogue's table is 64 KiB, read at about one word start in six:
/// 24-byte slots made scanning source code 5 % slower).
#[derive(Clone, Copy)]
struct Slot {
    key: u32,
    follow: Follow,
    /// Where the key's keywords are in `entries`: their number first.
    first: u32,
}

impl Slot {
    const EMPTY: Slot = Slot { key: 0, follow: Follow { bytes: 0, mask: 0 }, first: 0 };
}

/// The 4 bytes after a lookup key, folded, where every keyword of its bucket has the same byte
/// (`mask` 0xFF there). Checked against the text before the bucket's keywords are read, it
/// turns away most near misses (`strin` at the anchor `stri` of `stripe`), which were two in
/// three lookups on real source.
///
/// A bucket whose keywords differ in the first byte after the key (`form` has `form.io`,
/// `formbucket`, `formcraft`…, and every `format` reached it) keeps instead the set of those
/// bytes, folded, by their low 5 bits: `mask` 0 and `bytes` the set (every bit when a keyword
/// ends at the key). On 33.6 MB of source code, 228 K lookups passed the shared bytes alone,
/// 146 K pass now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Follow {
    bytes: u32,
    mask: u32,
}

impl Follow {
    /// What follows the key in a keyword: `rest`, the keyword's bytes after its lookup key.
    fn of(rest: &[u8]) -> Follow {
        let len = rest.len().min(4);
        let mut padded = [0u8; 4];
        padded[..len].copy_from_slice(&rest[..len]);
        let mask = if len == 4 { u32::MAX } else { (1u32 << (8 * len)) - 1 };
        Follow { bytes: fold(u32::from_le_bytes(padded)) & mask, mask }
    }

    /// The bytes two keywords of a bucket have in common.
    fn common(self, other: Follow) -> Follow {
        let differ = self.bytes ^ other.bytes;
        let same = (0..4).map(|i| 0xFFu32 << (8 * i)).filter(|byte| differ & byte == 0).fold(0, |set, byte| set | byte);
        let mask = self.mask & other.mask & same;
        Follow { bytes: self.bytes & mask, mask }
    }

    /// What follows the key in a bucket of keywords: the bytes they share, or when they do not
    /// share the first, the set of their first bytes.
    fn bucket(follows: impl Iterator<Item = Follow> + Clone) -> Follow {
        let shared = follows.clone().reduce(Follow::common).expect("buckets are not empty");
        if shared.mask & 0xFF != 0 {
            return shared;
        }
        let firsts = follows.fold(0u32, |set, f| set | if f.mask & 0xFF == 0 { u32::MAX } else { 1 << (f.bytes & 31) });
        Follow { bytes: firsts, mask: 0 }
    }

    /// True when `text` (the 4 bytes after the key in the text) may start what follows.
    fn admits(self, text: u32) -> bool {
        if self.mask == 0 {
            self.bytes >> (fold(text) & 31) & 1 == 1
        } else {
            fold(text) & self.mask == self.bytes
        }
    }
}

impl Table {
    fn new(mut keyed: Vec<(u32, u32, Follow)>) -> Table {
        keyed.sort_unstable_by_key(|&(key, keyword, _)| (key, keyword));
        keyed.dedup_by_key(|&mut (key, keyword, _)| (key, keyword));
        let size = (keyed.len() * 2).next_power_of_two().max(16);
        let mut slots = alloc::vec![Slot::EMPTY; size].into_boxed_slice();
        let mut entries = Vec::with_capacity(2 * keyed.len());
        for group in keyed.chunk_by(|a, b| a.0 == b.0) {
            let first = entries.len() as u32;
            entries.push(group.len() as u32);
            entries.extend(group.iter().map(|&(_, keyword, _)| keyword));
            let follow = Follow::bucket(group.iter().map(|&(_, _, follow)| follow));
            let mut slot = Self::home(group[0].0, size);
            while slots[slot].key != 0 {
                slot = (slot + 1) & (size - 1);
            }
            slots[slot] = Slot { key: group[0].0, follow, first };
        }
        Table { slots, entries: entries.into_boxed_slice() }
    }

    /// The next-byte set of the 4-byte keys (see [`next_bit`]).
    fn next_set(&self) -> Box<[u64; ANCHOR_BITS / 64]> {
        let mut set = Box::new([0u64; ANCHOR_BITS / 64]);
        for slot in self.slots.iter().filter(|slot| slot.key >> 24 != 0) {
            let follow = slot.follow;
            let mut classes = if follow.mask == 0 { follow.bytes } else { 1 << (follow.bytes & 31) };
            while classes != 0 {
                let bit = next_bit(slot.key, classes.trailing_zeros() as u8);
                classes &= classes - 1;
                set[bit / 64] |= 1 << (bit % 64);
            }
        }
        set
    }

    /// Every key with what follows it in its bucket.
    fn buckets(&self) -> impl Iterator<Item = (u32, Follow)> + '_ {
        self.slots.iter().filter(|slot| slot.key != 0).map(|slot| (slot.key, slot.follow))
    }

    fn home(key: u32, size: usize) -> usize {
        (key.wrapping_mul(0x9E37_79B1) >> 8) as usize & (size - 1)
    }

    /// The keywords looked up by `key`, unless `follow` (the text's 4 bytes after the key)
    /// cannot start what follows the key in all of them.
    fn get(&self, key: u32, follow: u32) -> &[u32] {
        let mut slot = Self::home(key, self.slots.len());
        loop {
            let found = self.slots[slot];
            if found.key == key {
                if !found.follow.admits(follow) {
                    return &[];
                }
                let first = found.first as usize + 1;
                return &self.entries[first..first + self.entries[first - 1] as usize];
            }
            if found.key == 0 {
                return &[];
            }
            slot = (slot + 1) & (self.slots.len() - 1);
        }
    }
}

/// Folds ASCII letters to lower case in each byte of `x` (other bytes change too, the same way
/// in text and keywords, so equal text always has equal keys).
fn fold(x: u32) -> u32 {
    x | 0x2020_2020
}

/// [`fold`] on eight bytes.
fn fold8(x: u64) -> u64 {
    x | 0x2020_2020_2020_2020
}

fn key4(bytes: &[u8]) -> u32 {
    fold(word(bytes))
}

/// The 4 bytes at the start of `bytes`, unfolded.
fn word(bytes: &[u8]) -> u32 {
    u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
}

fn key3(bytes: &[u8]) -> u32 {
    fold(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], 0])) & 0x00FF_FFFF
}

/// The lookup key of an anchor: its 4 bytes, or 3 when the keyword ends there (`sk-`); the two
/// kinds of keys never collide (a folded 4th byte is never 0).
fn anchor_key(bytes: &[u8]) -> u32 {
    if bytes.len() >= 4 {
        key4(bytes)
    } else {
        key3(bytes)
    }
}

/// Bits of the anchor set (a 64 Kibit set: 8 KiB, in L1 cache).
const ANCHOR_BITS: usize = 1 << 16;

fn anchor_bit(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

/// The bit of a 4-byte anchor key followed by a byte of `class` (its low 5 bits, folded) in the
/// next-byte set: 64 Kibit like the anchor set. Of the word starts whose 4 bytes are in the
/// anchor set, about two in three are real anchors at the start of an ordinary word (`asse` of
/// `assemblyai` in `assert`, `stri` of `stripo` in `string`): the byte after tells most apart
/// before the table is read.
fn next_bit(key: u32, class: u8) -> usize {
    ((key ^ u32::from(class) << 27).wrapping_mul(0x85EB_CA6B) >> 16) as usize
}

/// [`fold`] on one byte.
fn fold_byte(b: u8) -> u8 {
    b | 0x20
}

/// Adds an anchor's key to the set. A 3-byte key goes in also followed by every folded 4th
/// byte, so that one lookup of a word start's 4 bytes answers for both kinds of anchors (a
/// second lookup at each word start, by 3 bytes, was a fifth of the work per word start; it is
/// now made only where the first one hits).
fn add_anchor(set: &mut [u64; ANCHOR_BITS / 64], key: u32) {
    let mut insert = |key: u32| set[anchor_bit(key) / 64] |= 1 << (anchor_bit(key) % 64);
    insert(key);
    if key >> 24 == 0 {
        (0..=255u32).for_each(|fourth| insert(fold(key | fourth << 24)));
    }
}

/// How often a byte occurs in source code (per mille, letters case-folded), to pick the
/// rarest fingerprint of a keyword. Measured on vendored Rust and JavaScript.
fn frequency(b: u8) -> u32 {
    const LETTERS: [u8; 26] = [45, 11, 25, 19, 76, 17, 13, 15, 40, 2, 5, 26, 16, 40, 35, 17, 4, 41, 40, 57, 20, 7, 7, 5, 7, 2];
    match b.to_ascii_lowercase() {
        l @ b'a'..=b'z' => u32::from(LETTERS[usize::from(l - b'a')]),
        b'0'..=b'9' => 4,
        b' ' => 158,
        b'.' => 16,
        _ => 8,
    }
}

/// Groups of the block scan for `fingerprints`. A group's nibble tables pass every cross of its
/// members' nibbles, so each fingerprint goes, most frequent first, to the group whose estimated
/// pass rate it raises least: the frequent ones (`key`, `oken`) get groups of their own, the rare
/// ones (`jqqj`) share. Simulated on 8 MB of real source with the catalogue's 23 fingerprints,
/// about 1 position in 750 passes, where groups of consecutive sorted fingerprints passed 1 in
/// 17 (each then looked up in the exact table).
fn group_fingerprints<'a>(fingerprints: impl Iterator<Item = &'a [u8]>) -> Fingerprints {
    const GROUPS: usize = 8;
    let weights: [u16; 256] = core::array::from_fn(|b| frequency(b as u8) as u16);
    let pass_rate = |tables: &Fingerprints, group: usize| pass_rate(tables, group, &weights);
    let mut by_rate: Vec<(u64, &[u8])> = fingerprints
        .map(|f| {
            let mut alone = Fingerprints::default();
            alone.add(0, f);
            (pass_rate(&alone, 0), f)
        })
        .collect();
    by_rate.sort_unstable_by(|a, b| b.cmp(a));
    let mut tables = Fingerprints::default();
    let mut rates = [0u64; GROUPS];
    for (_, fingerprint) in by_rate {
        let (group, rate) = (0..GROUPS)
            .map(|group| {
                let mut trial = tables.clone();
                trial.add(group, fingerprint);
                (group, pass_rate(&trial, group))
            })
            .min_by_key(|&(group, rate)| (rate - rates[group], group))
            .expect("there are groups");
        tables.add(group, fingerprint);
        rates[group] = rate;
    }
    tables
}

/// How often `group` of `tables` passes a position of source code, estimated from byte
/// frequencies (`weights`, per mille) as if bytes were independent.
fn pass_rate(tables: &Fingerprints, group: usize, weights: &[u16; 256]) -> u64 {
    let members = |mask: u16| (0..16).filter(move |n| mask >> n & 1 == 1);
    let at = |k| {
        let (low, high) = tables.nibbles(group, k);
        members(high).flat_map(|h| members(low).map(move |l| u64::from(weights[h << 4 | l]))).sum::<u64>()
    };
    (0..4).map(|k| at(k).min(1000)).product()
}

/// The most frequent 4-grams at word starts in source code (`this`, `retu`, `func`...): anchors
/// there would be verified at every other word, so any other anchor of the keyword is better.
const COMMON_ANCHORS: &[&[u8; 4]] = &[
    b"this", b"the ", b"self", b"retu", b"func", b"let ", b"name", b"valu", b"cons", b"type", b"mut ", b"for ",
    b"var ", b"stri", b"use ", b"erro", b"asse", b"stat", b"iter", b"from", b"matc", b"cont", b"desc", b"with",
    b"base", b"impl", b"leng", b"and ", b"requ", b"prop", b"comm", b"hash", b"byte", b"defa", b"new ", b"mapp",
    b"pars", b"obje", b"inde", b"null", b"test", b"opti", b"pub ", b"text", b"that", b"path", b"void", b"stre",
    b"size", b"elem", b"item", b"some", b"star", b"resu", b"data", b"http", b"api.", b"www.", b"com/", b"get_",
    b"set_", b"key_", b"toke", b"auth", b"user", b"pass", b"secr", b"conf", b"acce", b"clie",
];

pub(crate) struct Prefilter {
    /// Every keyword's bytes, lower-case, one after the other.
    text: Box<[u8]>,
    keywords: Box<[Keyword]>,
    /// Word-start anchors: the set of their hashed 4-grams, and the exact table.
    anchor_set: Box<[u64; ANCHOR_BITS / 64]>,
    anchors: Table,
    /// The 4-byte anchor keys with the byte a keyword of theirs may have next (see [`next_bit`]).
    next_set: Box<[u64; ANCHOR_BITS / 64]>,
    /// Keywords found by their 3-byte fingerprints.
    fingerprints: Fingerprints,
    fingerprinted: Table,
    /// Every keyword (for floods, and for keywords shorter than 3 bytes), built on first use.
    automaton: OnceBox<AhoCorasick>,
    /// Some keyword is shorter than 3 bytes: the automaton does all the work.
    automaton_only: bool,
    /// Some anchor has only 3 bytes: word starts whose 4 bytes are in the set are also looked
    /// up by their first 3.
    short_anchors: bool,
    longest_offset: usize,
}

/// How a keyword is looked up: by the anchor or the fingerprint at this offset in it, or only by
/// the automaton (keywords shorter than 3 bytes).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Lookup {
    Anchor(usize),
    Fingerprint(usize),
    Automaton,
}

/// The choices a prefilter is built on: each keyword's lookup (its rarest anchor, counting those
/// already taken by earlier keywords) and the fingerprint groups (by estimated pass rates). They
/// are most of the time of building one, so build.rs makes them for the built-in catalogue.
pub(crate) fn plan(specs: &[KeywordSpec]) -> (Vec<Lookup>, Fingerprints) {
    let mut crowding: alloc::collections::BTreeMap<u32, usize> = Default::default();
    let lookups: Vec<Lookup> = specs
        .iter()
        .map(|spec| {
            let bytes = spec.text.as_bytes();
            match best_anchor(bytes, spec.anchored_at_word_start(), &crowding) {
                Some(offset) => {
                    *crowding.entry(anchor_key(&bytes[offset..])).or_default() += 1;
                    Lookup::Anchor(offset)
                }
                None if bytes.len() >= 3 => Lookup::Fingerprint(best_fingerprint(bytes)),
                None => Lookup::Automaton,
            }
        })
        .collect();
    let fingerprints = group_fingerprints(specs.iter().zip(&lookups).filter_map(|(spec, lookup)| match *lookup {
        Lookup::Fingerprint(offset) => {
            let bytes = &spec.text.as_bytes()[offset..];
            Some(&bytes[..bytes.len().min(4)])
        }
        _ => None,
    }));
    (lookups, fingerprints)
}

impl KeywordSpec<'_> {
    /// A keyword that starts with punctuation carries its own boundary.
    fn anchored_at_word_start(&self) -> bool {
        self.at_word_start && self.text.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric)
    }
}

impl Prefilter {
    #[cfg(test)]
    pub fn new(specs: &[KeywordSpec]) -> Prefilter {
        let (lookups, fingerprints) = plan(specs);
        Prefilter::build(specs, &lookups, fingerprints)
    }

    /// The prefilter of `specs` with the choices of [`plan`] (one sort, no searching).
    pub fn build(specs: &[KeywordSpec], lookups: &[Lookup], fingerprints: Fingerprints) -> Prefilter {
        let mut keywords = Vec::with_capacity(specs.len());
        let mut text = Vec::new();
        let mut anchored = Vec::new();
        let mut fingerprinted = Vec::new();
        let mut anchor_set = Box::new([0u64; ANCHOR_BITS / 64]);
        for (index, (spec, lookup)) in specs.iter().zip(lookups).enumerate() {
            let start = text.len();
            text.extend(spec.text.bytes().map(|b| b.to_ascii_lowercase()));
            let bytes = &text[start..];
            let lookup_offset = match *lookup {
                Lookup::Anchor(offset) => {
                    let key = anchor_key(&bytes[offset..]);
                    add_anchor(&mut anchor_set, key);
                    let width = (bytes.len() - offset).min(4);
                    anchored.push((key, index as u32, Follow::of(&bytes[offset + width..])));
                    offset
                }
                Lookup::Fingerprint(offset) => {
                    fingerprinted.push((key3(&bytes[offset..]), index as u32, Follow::of(&bytes[offset + 3..])));
                    offset
                }
                Lookup::Automaton => 0,
            };
            let head = Head::new(bytes);
            let at_word_start = spec.anchored_at_word_start();
            keywords.push(Keyword { start: start as u32, end: text.len() as u32, at_word_start, lookup_offset, head });
        }
        let anchors = Table::new(anchored);
        let next_set = anchors.next_set();
        let short_anchors = anchors.buckets().any(|(key, _)| key >> 24 == 0);
        Prefilter {
            short_anchors,
            automaton_only: keywords.iter().any(|k| k.end - k.start < 3),
            longest_offset: keywords.iter().map(|k| k.lookup_offset).max().unwrap_or(0),
            text: text.into(),
            keywords: keywords.into(),
            anchor_set,
            next_set,
            anchors,
            fingerprints,
            fingerprinted: Table::new(fingerprinted),
            automaton: OnceBox::new(),
        }
    }

    /// Calls `each` with every keyword occurrence (overlapping ones included) that starts
    /// where its rules accept it, in order of start give or take a keyword's length. Returns
    /// the work done: bytes stepped over, word starts and fingerprint hits looked up, bytes
    /// compared, automaton steps.
    /// `floor`: verification steps allowed beyond [`VERIFY_STEPS_PER_BYTE`] (see there).
    pub fn for_each_hit(&self, haystack: &[u8], floor: usize, mut each: impl FnMut(Hit)) -> usize {
        if self.automaton_only {
            return self.automaton_hits(haystack, 0, 0, &mut each);
        }
        let mut work = haystack.len();
        let mut block_hits: Vec<Hit> = Vec::new();
        let mut flooded_at = None;
        blocks::for_each_block(haystack, &self.fingerprints, |base, block, masks| {
            if flooded_at.is_some() {
                return;
            }
            // The allowance includes this block's own bytes: a decoded copy (no floor) must not
            // switch at its first lookup.
            let allowance = (VERIFY_STEPS_PER_BYTE * (base + block.len()) + floor + haystack.len()).saturating_sub(work);
            let (done, flooded) = self.block_hits(haystack, base, block, masks, allowance, &mut block_hits);
            work += done;
            if flooded {
                // The automaton reports this block again, whole.
                block_hits.clear();
                flooded_at = Some(base);
                return;
            }
            block_hits.sort_unstable();
            block_hits.drain(..).for_each(&mut each);
        });
        if let Some(base) = flooded_at {
            work += self.automaton_hits(haystack, base.saturating_sub(self.longest_offset), base, &mut each);
        }
        work
    }

    /// The verified hits whose lookup position is in the block at `base`; returns the work, and
    /// whether it went past `allowance` (checked after each lookup: a block of a keyword flood
    /// holds up to 64 of them, each comparing every keyword of its bucket).
    fn block_hits(
        &self,
        haystack: &[u8],
        base: usize,
        block: &[u8],
        masks: Masks,
        allowance: usize,
        out: &mut Vec<Hit>,
    ) -> (usize, bool) {
        let mut work = masks.word_starts.count_ones() as usize;
        // Word starts outside the set add no work: checking the allowance at those in it only
        // switches to the automaton at the same point.
        let mut starts = self.in_anchor_set_at(block, masks.word_starts);
        while starts != 0 {
            if work > allowance {
                return (work, true);
            }
            let at = (starts.trailing_zeros() & 63) as usize;
            starts &= starts - 1;
            let key = key4(&block[at..]);
            if self.may_follow(key, block[at + 4]) {
                work += self.verify(haystack, base + at, self.anchors.get(key, word(&block[at + 4..])), out);
            }
            if self.short_anchors && self.in_anchor_set(key & 0x00FF_FFFF) {
                work += self.verify(haystack, base + at, self.anchors.get(key & 0x00FF_FFFF, word(&block[at + 3..])), out);
            }
        }
        let mut found = masks.fingerprints;
        while found != 0 {
            if work > allowance {
                return (work, true);
            }
            let at = (found.trailing_zeros() & 63) as usize;
            found &= found - 1;
            work += 1 + self.verify(haystack, base + at, self.fingerprinted.get(key3(&block[at..]), word(&block[at + 3..])), out);
        }
        (work, work > allowance)
    }

    /// False when no keyword anchored at the 4-byte `key` can have `next` after it: the anchor
    /// table, a cache miss away, is not read then.
    fn may_follow(&self, key: u32, next: u8) -> bool {
        let bit = next_bit(key, fold_byte(next) & 31);
        self.next_set[bit / 64] >> (bit % 64) & 1 == 1
    }

    fn in_anchor_set(&self, key: u32) -> bool {
        self.anchor_set_bit(key) != 0
    }

    /// 1 when `key` is in the anchor set, else 0.
    fn anchor_set_bit(&self, key: u32) -> u64 {
        let bit = anchor_bit(key);
        self.anchor_set[bit / 64] >> (bit % 64) & 1
    }

    /// The word starts of `starts` (bit `i`: `block[i]`) whose 4 bytes are in the anchor set,
    /// without a branch per word start: about one in ten is, unpredictably (a mispredicted
    /// branch cost more than the lookup).
    fn in_anchor_set_at(&self, block: &[u8], mut starts: u64) -> u64 {
        let mut found = 0;
        while starts != 0 {
            let at = starts.trailing_zeros() & 63;
            starts &= starts - 1;
            found |= self.anchor_set_bit(key4(&block[at as usize..])) << at;
        }
        found
    }

    /// Compares the keywords looked up at `at` with the text; returns the bytes compared.
    /// Inlined: most lookups find nothing to compare, and a call cost more than that.
    #[inline(always)]
    fn verify(&self, haystack: &[u8], at: usize, candidates: &[u32], out: &mut Vec<Hit>) -> usize {
        let mut compared = 0;
        for &index in candidates {
            let keyword = &self.keywords[index as usize];
            let Some(start) = at.checked_sub(keyword.lookup_offset) else { continue };
            let bytes = keyword.bytes(&self.text);
            let end = start + bytes.len();
            compared += bytes.len();
            if end <= haystack.len()
                && keyword.head.may_match(haystack, start)
                && haystack[start..end].eq_ignore_ascii_case(bytes)
                && (!keyword.at_word_start || blocks::is_word_start(haystack, start))
            {
                out.push(Hit { start, end, keyword: index as usize });
            }
        }
        compared
    }

    /// Every accepted occurrence starting at or after `from` by the automaton, skipping those
    /// whose lookup position is before `seen` (already reported by the block scan).
    fn automaton_hits(&self, haystack: &[u8], from: usize, seen: usize, each: &mut impl FnMut(Hit)) -> usize {
        let automaton = self.automaton.get_or_init(|| {
            let patterns = self.keywords.iter().map(|k| k.bytes(&self.text));
            let automaton = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(patterns)
                .expect("keywords are non-empty ASCII literals");
            Box::new(automaton)
        });
        let input = aho_corasick::Input::new(haystack).span(from..haystack.len());
        for found in automaton.try_find_overlapping_iter(input).expect("a contiguous NFA supports overlapping search") {
            let keyword = &self.keywords[found.pattern().as_usize()];
            if found.start() + keyword.lookup_offset < seen {
                continue;
            }
            if !keyword.at_word_start || blocks::is_word_start(haystack, found.start()) {
                each(Hit { start: found.start(), end: found.end(), keyword: found.pattern().as_usize() });
            }
        }
        haystack.len() - from
    }
}

/// The offset of the keyword's rarest word-start anchor with at least 3 bytes from there (4
/// preferred), if it has one: its first byte when it is accepted only at a word start, and
/// every letter or digit that follows another byte inside it (a word start wherever the
/// keyword occurs).
fn best_anchor(bytes: &[u8], at_word_start: bool, crowding: &alloc::collections::BTreeMap<u32, usize>) -> Option<usize> {
    let starts = (0..bytes.len()).filter(|&j| {
        bytes[j].is_ascii_alphanumeric()
            && if j == 0 { at_word_start } else { !bytes[j - 1].is_ascii_alphanumeric() }
    });
    starts.filter(|&j| bytes.len() - j >= 3).min_by_key(|&j| {
        let key = anchor_key(&bytes[j..]);
        let common = COMMON_ANCHORS.iter().any(|c| key4(&c[..]) == key);
        (bytes.len() - j < 4, common, crowding.get(&key).copied().unwrap_or(0), j)
    })
}

/// The offset of the keyword's fingerprint (its 4 rarest consecutive bytes, or its 3 bytes).
fn best_fingerprint(bytes: &[u8]) -> usize {
    let width = bytes.len().min(4);
    (0..=bytes.len() - width).min_by_key(|&o| bytes[o..o + width].iter().map(|&b| frequency(b)).sum::<u32>()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(text: &str, at_word_start: bool) -> KeywordSpec<'_> {
        KeywordSpec { text, at_word_start }
    }

    /// Every occurrence by brute force, with the word-start rule.
    fn brute_force(specs: &[KeywordSpec], text: &[u8]) -> Vec<Hit> {
        let mut hits = Vec::new();
        for (keyword, spec) in specs.iter().enumerate() {
            let k = spec.text.as_bytes();
            for start in 0..text.len() {
                let end = start + k.len();
                if end <= text.len()
                    && text[start..end].eq_ignore_ascii_case(k)
                    && (!spec.at_word_start || !k[0].is_ascii_alphanumeric() || blocks::is_word_start(text, start))
                {
                    hits.push(Hit { start, end, keyword });
                }
            }
        }
        hits.sort();
        hits
    }

    fn hits(specs: &[KeywordSpec], text: &[u8]) -> Vec<Hit> {
        let mut found = Vec::new();
        Prefilter::new(specs).for_each_hit(text, VERIFY_STEPS_FLOOR, |hit| found.push(hit));
        found.sort();
        found
    }

    #[test]
    fn finds_every_occurrence_ignoring_case_including_overlaps() {
        let specs = [spec("sk-", true), spec("sk-proj-", true), spec("key", false), spec("fireworks", true)];
        let text = b"x SK-PROJ-abc sk-ant key=1 monkey FireworksKey myFireworks checkfireworks xsk-1";
        let found = hits(&specs, text);
        assert_eq!(found, brute_force(&specs, text));
        let words: Vec<&str> = found.iter().map(|h| core::str::from_utf8(&text[h.range()]).unwrap()).collect();
        assert_eq!(words, ["SK-", "SK-PROJ-", "sk-", "key", "key", "Fireworks", "Key", "Fireworks"]);
    }

    #[test]
    fn anchors_inside_keywords_and_the_automaton_agree_with_brute_force() {
        let specs = [
            spec("-----begin rsa private key", false),
            spec("api.openai.com", true),
            spec("datadog_api_key", true),
            spec("t3blbkfj", false),
            spec("secret", false),
            spec("7q~", false),
            spec("azure_openai_key", true),
            spec("azure", true),
        ];
        let mut seed = 3u64;
        let pieces: [&[u8]; 14] = [
            b"-----BEGIN RSA PRIVATE KEY", b"api.openai.com", b"Datadog_Api_Key", b"T3BlbkFJ", b"SECRET", b"7Q~", b"azure",
            b"_OPENAI_KEY", b" ", b"x", b"-", b"\n", b"API.", b"Azure",
        ];
        for round in 0..200 {
            let mut text = Vec::new();
            for _ in 0..round * 3 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                text.extend_from_slice(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            assert_eq!(hits(&specs, &text), brute_force(&specs, &text), "round {round}");
        }
    }

    #[test]
    fn floods_switch_to_the_automaton_and_still_find_everything() {
        let specs = [spec("abcdefgh", true), spec("abcdefgi", true), spec("abcd", false)];
        let text = "abcdefgh-abcdefgX ".repeat(5000);
        let mut found = Vec::new();
        let work = Prefilter::new(&specs).for_each_hit(text.as_bytes(), VERIFY_STEPS_FLOOR, |hit| found.push(hit));
        found.sort();
        assert_eq!(found, brute_force(&specs, text.as_bytes()));
        assert!(work <= (VERIFY_STEPS_PER_BYTE + 3) * text.len() + VERIFY_STEPS_FLOOR, "{work}");
    }

    #[test]
    fn heads_reject_only_what_cannot_match() {
        let head = Head::new(b"stripe_k");
        assert!(head.may_match(b"xx STRIPE_Key", 3));
        assert!(!head.may_match(b"xx string_k", 3));
        // Fewer than 8 bytes left: the full compare decides.
        assert!(head.may_match(b"xx strin", 3));
        // Folding is a necessary condition only (`\r` folds to `-`), never a sufficient one.
        let specs = [spec("k-y", false), spec("a-b-c-d-e", true)];
        for text in [&b"k\ry a\rb-c-d-e k-y A-B-C-D-E"[..], b"a-b-c-d-\x05", b"k-"] {
            assert_eq!(hits(&specs, text), brute_force(&specs, text));
        }
    }

    #[test]
    fn three_byte_anchors_are_found_whatever_byte_follows() {
        let specs = [spec("eaa", true), spec("pat", true), spec("patch", true)];
        let text: Vec<u8> = (0..=255u8).flat_map(|b| [b' ', b'E', b'a', b'A', b, b' ', b'p', b'a', b't', b'c', b'h', b]).collect();
        assert_eq!(hits(&specs, &text), brute_force(&specs, &text));
        assert!(hits(&specs, &text).len() >= 3 * 256, "{}", hits(&specs, &text).len());
    }

    #[test]
    fn frequent_fingerprints_get_groups_of_their_own() {
        let frequent: [&[u8]; 5] = [b"key", b"oken", b"pass", b"secr", b"auth"];
        let rare: [&[u8]; 10] = [b"jqqj", b"zzxj", b"7q~", b"8q~", b"azca", b"azdo", b"azeg", b"ffff", b"jzv9", b"bkfj"];
        let tables = group_fingerprints(rare.iter().chain(&frequent).copied());
        let holds = |group: usize, fingerprint: &[u8]| {
            fingerprint.iter().enumerate().all(|(k, &b)| {
                let (low, high) = tables.nibbles(group, k);
                low >> (b & 15) & 1 == 1 && high >> (b >> 4) & 1 == 1
            })
        };
        for fingerprint in frequent {
            let group = (0..8).find(|&g| holds(g, fingerprint)).expect("every fingerprint is in a group");
            let shared: Vec<&[u8]> = frequent.iter().copied().filter(|&other| other != fingerprint && holds(group, other)).collect();
            assert!(shared.is_empty(), "{:?} shares a group with {shared:?}", core::str::from_utf8(fingerprint));
        }
    }

    #[test]
    fn what_follows_a_key_keeps_the_bytes_a_bucket_shares() {
        let stripe = Follow::of(b"pe");
        assert_eq!(stripe, Follow { bytes: u32::from_le_bytes(*b"pe\0\0"), mask: 0xFFFF });
        let bucket = stripe.common(Follow::of(b"po_key"));
        assert_eq!(bucket, Follow { bytes: u32::from(b'p'), mask: 0xFF });
        assert!(bucket.admits(word(b"Po_x")) && !bucket.admits(word(b"ng x")));
        assert_eq!(Follow::of(b"").common(stripe), Follow { bytes: 0, mask: 0 });
        let specs = [spec("stripe", true), spec("stripo", true), spec("strin", true), spec("stri", true)];
        let text = b"string STRIPE stripo_x strinG stri Stripped x";
        assert_eq!(hits(&specs, text), brute_force(&specs, text));
    }

    #[test]
    fn a_bucket_without_a_shared_next_byte_keeps_the_set_of_its_first_bytes() {
        let form = Follow::bucket([Follow::of(b".io"), Follow::of(b"bucket"), Follow::of(b"Craft")].into_iter());
        assert_eq!(form.mask, 0);
        for admitted in [b".IO ", b"BUCK", b"craf", b"b   "] {
            assert!(form.admits(word(admitted)), "{:?}", core::str::from_utf8(admitted));
        }
        assert!(!form.admits(word(b"at(x")) && !form.admits(word(b"s = ")));
        // A keyword that ends at the key admits whatever follows.
        let ends = Follow::bucket([Follow::of(b""), Follow::of(b"bucket")].into_iter());
        assert!(ends.admits(word(b"at(x")) && ends.admits(word(b"\0\0\0\0")));
        let specs = [spec("form.io", true), spec("formbucket", true), spec("formcraft", true), spec("formcrafts", true), spec("formio", true)];
        let text = b"format FORMAT form.io Form.IO formbucket_x formcrafts formio formi formatted form";
        assert_eq!(hits(&specs, text), brute_force(&specs, text));
        assert_eq!(hits(&specs, text).len(), 6);
    }

    /// The catalogue's own keywords (anchors shared by several, 3-byte anchors, fingerprints,
    /// buckets told apart by their next byte) on texts glued from them, from their prefixes cut
    /// at any byte and followed by another (near misses), and from ordinary words.
    #[test]
    fn the_catalogue_keywords_are_found_as_by_brute_force() {
        let specs = crate::keyword_index::KeywordIndex::builtin_keywords();
        let prefilter = Prefilter::new(specs);
        let mut seed = 17u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        let words = [" ", "_", "-", ".", "=", "\n", "format", "string", "assert", "timestamp", "x", "Key", "ID"];
        let mut found = 0;
        for round in 0..20 {
            let mut text = Vec::new();
            while text.len() < 3000 {
                let keyword = specs[next() % specs.len()].text.as_bytes();
                match next() % 4 {
                    0 => text.extend_from_slice(keyword),
                    1 => {
                        text.extend_from_slice(&keyword[..1 + next() % keyword.len()]);
                        text.push(b"aZ9_-.x "[next() % 8]);
                    }
                    2 => text.extend(keyword.iter().map(u8::to_ascii_uppercase)),
                    _ => text.extend_from_slice(words[next() % words.len()].as_bytes()),
                }
            }
            let mut hits = Vec::new();
            prefilter.for_each_hit(&text, VERIFY_STEPS_FLOOR, |hit| hits.push(hit));
            hits.sort();
            assert_eq!(hits, brute_force(specs, &text), "round {round}: {:?}", alloc::string::String::from_utf8_lossy(&text));
            found += hits.len();
        }
        assert!(found > 20 * 100, "{found} hits");
    }

    #[test]
    fn short_keywords_fall_back_to_the_automaton() {
        let specs = [spec("ab", false), spec("key", false)];
        assert_eq!(hits(&specs, b"abkey"), brute_force(&specs, b"abkey"));
        assert_eq!(hits(&specs[1..], b"ke"), []);
    }
}
