//! The per-byte part of stage 1: one pass over the input in 64-byte blocks that marks two kinds
//! of positions, with SIMD where the target has it.
//!
//! - **Word starts**: an ASCII letter or digit after a byte that is neither (`_key`, `"key`,
//!   ` key`), or a capital after a small letter or digit (the `K` of `apiKey`). Almost every
//!   keyword can only begin at one (see `prefilter.rs`), and code has about one per 7 bytes.
//! - **Fingerprint hits**: positions where four bytes match one of up to eight groups of
//!   3- or 4-byte fingerprints, ASCII-case-insensitively (the few keywords that may begin anywhere,
//!   like `key` in `apikey`). This is the "Teddy" technique of Hyperscan and the aho-corasick
//!   crate: each of the four bytes is looked up by its two nibbles in 16-entry tables of group
//!   bits (one `pshufb`/`swizzle` each), and a position is a hit when a group bit survives the
//!   AND of all eight lookups. Matching is then verified exactly by the caller.
//!
//! The aho-corasick crate's own Teddy has no wasm build and no case-insensitive mode, which is
//! why this one is written here; memchr has neither multi-pattern search nor a word-start scan.
//!
//! Four implementations compute the same masks: AVX2 or SSSE3 on x86-64 (detected at run time
//! with the `std` feature; SSSE3 also when enabled at compile time), simd128 on wasm32 (enabled
//! at compile time, as in the npm build), and a portable one used elsewhere and as the tests'
//! reference.

/// True when `haystack[at]` is a word start (the definition the block scan computes in bulk).
pub(crate) fn is_word_start(haystack: &[u8], at: usize) -> bool {
    let b = haystack[at];
    b.is_ascii_alphanumeric()
        && match at.checked_sub(1).map(|i| haystack[i]) {
            Some(p) if p.is_ascii_alphanumeric() => b.is_ascii_uppercase() && (p.is_ascii_lowercase() || p.is_ascii_digit()),
            _ => true,
        }
}

/// Bytes per block: one bit per byte in a `u64` mask.
pub(crate) const BLOCK: usize = 64;
/// Bytes a block reads past its end (a fingerprint's last three bytes, and up to four bytes of
/// a word start's 4-gram read by the caller from the same block buffer).
pub(crate) const OVERREAD: usize = 16;

/// Up to eight groups of 3- or 4-byte fingerprints, as nibble tables: bit `g` of `low[k][n]`
/// is set when a fingerprint of group `g` has a byte `k` whose low nibble is `n` (any byte, for
/// the 4th byte of a 3-byte fingerprint), and likewise `high`.
/// Fields visible to the crate: build.rs writes the built-in catalogue's groups as Rust source
/// (see `keyword_index.rs`).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Fingerprints {
    pub(crate) low: [[u8; 16]; 4],
    pub(crate) high: [[u8; 16]; 4],
}

impl Fingerprints {
    /// Adds `fingerprint` (3 or 4 bytes, ASCII-case-insensitively: both cases of each letter)
    /// to `group` (0..8).
    pub fn add(&mut self, group: usize, fingerprint: &[u8]) {
        let bit = 1u8 << group;
        for k in 0..4 {
            match fingerprint.get(k) {
                Some(&byte) => {
                    for b in [byte.to_ascii_lowercase(), byte.to_ascii_uppercase()] {
                        self.low[k][usize::from(b & 15)] |= bit;
                        self.high[k][usize::from(b >> 4)] |= bit;
                    }
                }
                None => {
                    self.low[k].iter_mut().for_each(|t| *t |= bit);
                    self.high[k].iter_mut().for_each(|t| *t |= bit);
                }
            }
        }
    }

    /// The low and the high nibbles that pass `group` at fingerprint index `k`, as bit sets:
    /// byte `b` passes when both of its nibbles do.
    pub fn nibbles(&self, group: usize, k: usize) -> (u16, u16) {
        let set = |table: &[u8; 16]| (0..16).filter(|&n| table[n] >> group & 1 == 1).fold(0u16, |set, n| set | 1 << n);
        (set(&self.low[k]), set(&self.high[k]))
    }

    /// The group bits of byte `b` at fingerprint index `k` (the scalar form of the lookup).
    fn lookup(&self, k: usize, b: u8) -> u8 {
        self.low[k][usize::from(b & 15)] & self.high[k][usize::from(b >> 4)]
    }
}

/// Masks of one block: bit `i` stands for the byte at `base + i`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Masks {
    pub word_starts: u64,
    pub fingerprints: u64,
}

/// Calls `each(base, block, masks)` for every 64-byte block of `haystack` in order, where
/// `block` holds the block's bytes followed by [`OVERREAD`] more (zeros past the end of the
/// input) and bits past the end of the input are clear.
pub(crate) fn for_each_block(haystack: &[u8], fingerprints: &Fingerprints, each: impl FnMut(usize, &[u8], Masks)) {
    #[cfg(all(target_arch = "x86_64", feature = "std"))]
    if std::is_x86_feature_detected!("ssse3") {
        return x86::run_detected(haystack, fingerprints, each);
    }
    #[cfg(all(target_arch = "x86_64", not(feature = "std"), target_feature = "ssse3"))]
    return x86::run_enabled(haystack, fingerprints, each);
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    return run(haystack, fingerprints, each, wasm::masks);
    #[allow(unreachable_code)]
    run(haystack, fingerprints, each, portable_masks)
}

/// A block loop the tests call directly (`for_each_block` runs only the best one).
#[cfg(test)]
type Implementation = fn(&[u8], &Fingerprints, &mut dyn FnMut(usize, &[u8], Masks));

/// The block loop shared by every implementation: full blocks straight from the input, the
/// tail from a zero-padded copy. `carry` holds what a block needs of the byte before it.
#[inline(always)]
fn run(
    haystack: &[u8],
    fingerprints: &Fingerprints,
    mut each: impl FnMut(usize, &[u8], Masks),
    masks: impl Fn(&[u8], &Fingerprints, &mut Carry) -> Masks,
) {
    let mut carry = Carry::default();
    let mut base = 0;
    while base + BLOCK + OVERREAD <= haystack.len() {
        let block = &haystack[base..base + BLOCK + OVERREAD];
        each(base, block, masks(block, fingerprints, &mut carry));
        base += BLOCK;
    }
    let mut tail = [0u8; 2 * BLOCK + OVERREAD];
    let rest = &haystack[base..];
    tail[..rest.len()].copy_from_slice(rest);
    for (start, bits) in [(0, rest.len().min(BLOCK)), (BLOCK, rest.len().saturating_sub(BLOCK))] {
        if bits == 0 {
            break;
        }
        let block = &tail[start..start + BLOCK + OVERREAD];
        let mut found = masks(block, fingerprints, &mut carry);
        let keep = if bits == BLOCK { u64::MAX } else { (1u64 << bits) - 1 };
        found.word_starts &= keep;
        found.fingerprints &= keep;
        each(base + start, block, found);
    }
}

/// The previous block's last byte, as the word-start rule needs it.
#[derive(Clone, Copy, Default)]
struct Carry {
    /// Bit 0: the byte before the block is a letter or digit; bit 1: a small letter or digit.
    previous: u64,
}

/// Word starts from the bit masks of letters-or-digits and capitals of a block.
#[inline(always)]
fn word_starts(alnum: u64, upper: u64, carry: &mut Carry) -> u64 {
    let small = alnum & !upper;
    let before_alnum = alnum << 1 | (carry.previous & 1);
    let before_small = small << 1 | (carry.previous >> 1 & 1);
    carry.previous = (alnum >> 63) | (small >> 63) << 1;
    (alnum & !before_alnum) | (upper & before_small)
}

/// The portable implementation, one byte at a time.
fn portable_masks(block: &[u8], fingerprints: &Fingerprints, carry: &mut Carry) -> Masks {
    let (mut alnum, mut upper, mut hits) = (0u64, 0u64, 0u64);
    for i in 0..BLOCK {
        let b = block[i];
        alnum |= u64::from(b.is_ascii_alphanumeric()) << i;
        upper |= u64::from(b.is_ascii_uppercase()) << i;
        let groups = fingerprints.lookup(0, b)
            & fingerprints.lookup(1, block[i + 1])
            & fingerprints.lookup(2, block[i + 2])
            & fingerprints.lookup(3, block[i + 3]);
        hits |= u64::from(groups != 0) << i;
    }
    Masks { word_starts: word_starts(alnum, upper, carry), fingerprints: hits }
}

#[cfg(all(target_arch = "x86_64", any(feature = "std", target_feature = "ssse3")))]
mod x86 {
    use super::{Fingerprints, Masks};

    /// Runs the AVX2 block loop when this CPU has it, else the SSSE3 one: the only entry point
    /// into `#[target_feature]` code.
    #[cfg(feature = "std")]
    #[allow(unsafe_code)]
    pub(super) fn run_detected(haystack: &[u8], fingerprints: &Fingerprints, each: impl FnMut(usize, &[u8], Masks)) {
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: this CPU has AVX2 (checked just above), the only feature `avx2::run_blocks`
            // enables beyond those AVX2 implies.
            return unsafe { avx2::run_blocks(haystack, fingerprints, each) };
        }
        // SAFETY: the caller checked with `is_x86_feature_detected!("ssse3")` that this CPU
        // has SSSE3 (and so SSE2), the only features `ssse3::run_blocks` enables.
        unsafe { ssse3::run_blocks(haystack, fingerprints, each) }
    }

    /// Every implementation this CPU can run, by name.
    #[cfg(all(test, feature = "std"))]
    #[allow(unsafe_code)]
    pub(super) fn detected() -> alloc::vec::Vec<(&'static str, super::Implementation)> {
        let mut found: alloc::vec::Vec<(&'static str, super::Implementation)> = alloc::vec::Vec::new();
        if std::is_x86_feature_detected!("ssse3") {
            // SAFETY: this CPU has SSSE3 (checked just above).
            found.push(("ssse3", |h, f, each| unsafe { ssse3::run_blocks(h, f, each) }));
        }
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: this CPU has AVX2 (checked just above).
            found.push(("avx2", |h, f, each| unsafe { avx2::run_blocks(h, f, each) }));
        }
        found
    }

    #[cfg(all(not(feature = "std"), target_feature = "ssse3"))]
    #[allow(unsafe_code)]
    pub(super) fn run_enabled(haystack: &[u8], fingerprints: &Fingerprints, each: impl FnMut(usize, &[u8], Masks)) {
        // SAFETY: SSSE3 is enabled for the whole build (a build-wide feature still does not make
        // the call safe from a function without the attribute).
        unsafe { ssse3::run_blocks(haystack, fingerprints, each) }
    }

    /// The block masks with vectors of `$width` bytes: SSSE3 and AVX2 run the same code on 16 or
    /// 32 bytes at a time (with AVX2 half the instructions per block; `pshufb` looks bytes up
    /// within each 16-byte half, so AVX2 tables hold each 16-entry table twice). The module's
    /// `$helpers` define `load` (a vector from the first bytes of a slice) and `table`.
    macro_rules! vector_masks {
        (
            $module:ident, $feature:literal, $vector:ty, $width:literal,
            [$splat:ident, $and:ident, $or:ident, $add:ident, $greater:ident, $equal:ident, $shift16:ident, $shuffle:ident, $movemask:ident, $zero:ident],
            $($helpers:item)*
        ) => {
            pub(super) mod $module {
                use super::super::{run, word_starts, Carry, Fingerprints, Masks, BLOCK};
                use core::arch::x86_64::*;

                $($helpers)*

                /// The bits of a lane's bytes in a `movemask` result.
                const LANE: u64 = u64::MAX >> (64 - $width);

                #[target_feature(enable = $feature)]
                pub(in super::super) fn run_blocks(haystack: &[u8], fingerprints: &Fingerprints, each: impl FnMut(usize, &[u8], Masks)) {
                    let tables = Tables::new(fingerprints);
                    run(haystack, fingerprints, each, |block, _, carry| masks(block, &tables, carry));
                }

                struct Tables {
                    low: [$vector; 4],
                    high: [$vector; 4],
                }

                impl Tables {
                    #[target_feature(enable = $feature)]
                    fn new(f: &Fingerprints) -> Tables {
                        Tables { low: f.low.map(|t| table(&t)), high: f.high.map(|t| table(&t)) }
                    }
                }

                /// Lanes whose byte is in `low..=high`, by one signed comparison after a shift of
                /// the range.
                #[target_feature(enable = $feature)]
                fn in_range(v: $vector, low: u8, high: u8) -> $vector {
                    let shifted = $add(v, $splat(0x80u8.wrapping_sub(low) as i8));
                    $greater($splat(0x80u8.wrapping_add(high - low + 1) as i8), shifted)
                }

                #[target_feature(enable = $feature)]
                fn group_bits(v: $vector, low: $vector, high: $vector) -> $vector {
                    let nibble = $splat(0x0f);
                    $and($shuffle(low, $and(v, nibble)), $shuffle(high, $and($shift16::<4>(v), nibble)))
                }

                #[target_feature(enable = $feature)]
                fn bits(mask: $vector) -> u64 {
                    u64::from($movemask(mask) as u32) & LANE
                }

                #[target_feature(enable = $feature)]
                fn masks(block: &[u8], tables: &Tables, carry: &mut Carry) -> Masks {
                    let (mut alnum, mut upper, mut hits) = (0u64, 0u64, 0u64);
                    for lane in 0..BLOCK / $width {
                        let at = lane * $width;
                        let v = load(&block[at..]);
                        let letter = in_range($or(v, $splat(0x20)), b'a', b'z');
                        let digit = in_range(v, b'0', b'9');
                        let capital = in_range(v, b'A', b'Z');
                        alnum |= bits($or(letter, digit)) << at;
                        upper |= bits(capital) << at;
                        let groups = $and(
                            $and(group_bits(v, tables.low[0], tables.high[0]), group_bits(load(&block[at + 1..]), tables.low[1], tables.high[1])),
                            $and(
                                group_bits(load(&block[at + 2..]), tables.low[2], tables.high[2]),
                                group_bits(load(&block[at + 3..]), tables.low[3], tables.high[3]),
                            ),
                        );
                        hits |= (!bits($equal(groups, $zero())) & LANE) << at;
                    }
                    Masks { word_starts: word_starts(alnum, upper, carry), fingerprints: hits }
                }
            }
        };
    }

    vector_masks!(
        ssse3, "ssse3", __m128i, 16,
        [_mm_set1_epi8, _mm_and_si128, _mm_or_si128, _mm_add_epi8, _mm_cmpgt_epi8, _mm_cmpeq_epi8, _mm_srli_epi16, _mm_shuffle_epi8, _mm_movemask_epi8, _mm_setzero_si128],
        /// 16 bytes into a register without a pointer (which would need `unsafe`); this
        /// compiles to one unaligned load.
        #[target_feature(enable = "ssse3")]
        fn load(bytes: &[u8]) -> __m128i {
            let word = |i: usize| i64::from_le_bytes(bytes[8 * i..8 * i + 8].try_into().unwrap());
            _mm_set_epi64x(word(1), word(0))
        }
        #[target_feature(enable = "ssse3")]
        fn table(t: &[u8; 16]) -> __m128i {
            load(t)
        }
    );

    #[cfg(feature = "std")]
    vector_masks!(
        avx2, "avx2", __m256i, 32,
        [_mm256_set1_epi8, _mm256_and_si256, _mm256_or_si256, _mm256_add_epi8, _mm256_cmpgt_epi8, _mm256_cmpeq_epi8, _mm256_srli_epi16, _mm256_shuffle_epi8, _mm256_movemask_epi8, _mm256_setzero_si256],
        /// 32 bytes into a register without a pointer; one unaligned load.
        #[target_feature(enable = "avx2")]
        fn load(bytes: &[u8]) -> __m256i {
            let word = |i: usize| i64::from_le_bytes(bytes[8 * i..8 * i + 8].try_into().unwrap());
            _mm256_set_epi64x(word(3), word(2), word(1), word(0))
        }
        /// A 16-entry table in both halves.
        #[target_feature(enable = "avx2")]
        fn table(t: &[u8; 16]) -> __m256i {
            let word = |i: usize| i64::from_le_bytes(t[8 * i..8 * i + 8].try_into().unwrap());
            _mm256_set_epi64x(word(1), word(0), word(1), word(0))
        }
    );
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod wasm {
    use super::{word_starts, Carry, Fingerprints, Masks, BLOCK};
    use core::arch::wasm32::*;

    /// 16 bytes into a register without a pointer; compiles to one `v128.load`.
    fn load(bytes: &[u8]) -> v128 {
        u64x2(u64::from_le_bytes(bytes[..8].try_into().unwrap()), u64::from_le_bytes(bytes[8..16].try_into().unwrap()))
    }

    fn group_bits(v: v128, low: v128, high: v128) -> v128 {
        let nibble = u8x16_splat(0x0f);
        v128_and(i8x16_swizzle(low, v128_and(v, nibble)), i8x16_swizzle(high, u8x16_shr(v, 4)))
    }

    pub(super) fn masks(block: &[u8], f: &Fingerprints, carry: &mut Carry) -> Masks {
        let low = f.low.map(|t| load(&t));
        let high = f.high.map(|t| load(&t));
        let (mut alnum, mut upper, mut hits) = (0u64, 0u64, 0u64);
        for lane in 0..BLOCK / 16 {
            let at = lane * 16;
            let v = load(&block[at..]);
            let folded = v128_or(v, u8x16_splat(0x20));
            let letter = u8x16_lt(u8x16_sub(folded, u8x16_splat(b'a')), u8x16_splat(26));
            let digit = u8x16_lt(u8x16_sub(v, u8x16_splat(b'0')), u8x16_splat(10));
            let capital = u8x16_lt(u8x16_sub(v, u8x16_splat(b'A')), u8x16_splat(26));
            alnum |= u64::from(u8x16_bitmask(v128_or(letter, digit))) << at;
            upper |= u64::from(u8x16_bitmask(capital)) << at;
            let groups = v128_and(
                v128_and(group_bits(v, low[0], high[0]), group_bits(load(&block[at + 1..]), low[1], high[1])),
                v128_and(group_bits(load(&block[at + 2..]), low[2], high[2]), group_bits(load(&block[at + 3..]), low[3], high[3])),
            );
            hits |= u64::from(u8x16_bitmask(u8x16_ne(groups, u8x16_splat(0)))) << at;
        }
        Masks { word_starts: word_starts(alnum, upper, carry), fingerprints: hits }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    fn reference(haystack: &[u8], f: &Fingerprints) -> Vec<(usize, bool, bool)> {
        (0..haystack.len())
            .map(|i| {
                let b = haystack[i];
                let start = is_word_start(haystack, i);
                let at = |k: usize| haystack.get(i + k).copied().unwrap_or(0);
                let hit = f.lookup(0, b) & f.lookup(1, at(1)) & f.lookup(2, at(2)) & f.lookup(3, at(3)) != 0;
                (i, start, hit)
            })
            .collect()
    }

    fn computed(haystack: &[u8], f: &Fingerprints, implementation: Option<Implementation>) -> Vec<(usize, bool, bool)> {
        let mut out = Vec::new();
        let mut visit = |base: usize, _: &[u8], m: Masks| {
            for i in 0..BLOCK {
                if base + i < haystack.len() {
                    out.push((base + i, m.word_starts >> i & 1 == 1, m.fingerprints >> i & 1 == 1));
                } else {
                    assert_eq!((m.word_starts >> i, m.fingerprints >> i), (0, 0));
                }
            }
        };
        match implementation {
            Some(run_blocks) => run_blocks(haystack, f, &mut visit),
            None => for_each_block(haystack, f, &mut visit),
        }
        out
    }

    /// The portable implementation, then each SIMD one this CPU has (`None`: the dispatched one).
    fn implementations() -> Vec<(&'static str, Option<Implementation>)> {
        let portable: Implementation = |h, f, each| run(h, f, each, portable_masks);
        let mut all = alloc::vec![("portable", Some(portable)), ("dispatched", None)];
        #[cfg(all(target_arch = "x86_64", feature = "std"))]
        all.extend(x86::detected().into_iter().map(|(name, run_blocks)| (name, Some(run_blocks))));
        all
    }

    #[test]
    fn every_implementation_agrees_with_the_definition() {
        let mut f = Fingerprints::default();
        f.add(0, b"key");
        f.add(1, b"t3bl");
        f.add(7, b"~ab");
        let mut seed = 7u64;
        let alphabet = b"aAkKeEyY_ -.tT3bB~z9\n\x80\xff0";
        for len in [0, 1, 2, 3, 63, 64, 65, 79, 80, 81, 127, 128, 129, 200, 1000] {
            let text: Vec<u8> = (0..len)
                .map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    alphabet[(seed >> 33) as usize % alphabet.len()]
                })
                .collect();
            let want = reference(&text, &f);
            for (name, implementation) in implementations() {
                assert_eq!(computed(&text, &f, implementation), want, "{name}, len {len}");
            }
        }
    }

    #[test]
    fn word_starts_of_identifiers() {
        let text = b"apiKey = FIREWORKS_API_KEY2x + x-fireworks-token; v2Token";
        let starts: Vec<usize> = reference(text, &Fingerprints::default()).into_iter().filter(|r| r.1).map(|r| r.0).collect();
        let words: Vec<&str> = starts
            .iter()
            .map(|&s| {
                let rest = &text[s..];
                let len = rest.iter().skip(1).position(|b| !b.is_ascii_lowercase()).map_or(rest.len(), |n| n + 1);
                core::str::from_utf8(&rest[..len]).unwrap()
            })
            .collect();
        assert_eq!(words, ["api", "Key", "F", "A", "K", "x", "fireworks", "token", "v", "Token"]);
    }
}
