//! A run of bytes every match of a pattern holds: `len` or more consecutive bytes of one class
//! (`ghp_[A-Za-z0-9]{36}` holds 40 bytes of `[0-9A-Z_a-z]`). A window without such a
//! run cannot hold a match, so the engine skips the rule's regex there, and does not compile it
//! for such a window. Read off the pattern's syntax tree; a necessary condition only: a run is
//! never claimed that a match could lack.
//!
//! Compiled into build.rs, and into the test `tests/mandatory_runs.rs`.

use regex_syntax::hir::{Class, Hir, HirKind};

/// The bytes of a class, as 256 bits.
pub type ByteSet = [u64; 4];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    pub class: ByteSet,
    pub len: usize,
}

const NONE: Run = Run { class: [0; 4], len: 0 };

/// The most telling run every match of `hir` holds: the one least likely in source code, among
/// the runs of its parts and of adjacent parts joined (`len` 0 when none is known).
pub fn mandatory_run(hir: &Hir) -> Run {
    summary(hir).best
}

/// How likely a run is to start at a position of source code, as a log probability (bytes taken
/// as independent, with the frequencies of [`frequency`]): lower is more telling.
fn rarity(run: &Run) -> f64 {
    let p: f64 = (0..=255u8).filter(|&b| run.class[usize::from(b >> 6)] >> (b & 63) & 1 == 1).map(frequency).sum();
    if run.len == 0 || p >= 1.0 {
        0.0
    } else {
        run.len as f64 * p.ln()
    }
}

/// A byte's frequency in source code, roughly (letters measured on vendored Rust and JavaScript,
/// as the prefilter's fingerprints are; a capital taken as a quarter as frequent as its small
/// letter).
fn frequency(b: u8) -> f64 {
    const LETTERS: [u8; 26] = [45, 11, 25, 19, 76, 17, 13, 15, 40, 2, 5, 26, 16, 40, 35, 17, 4, 41, 40, 57, 20, 7, 7, 5, 7, 2];
    let per_mille = match b {
        b'a'..=b'z' => f64::from(LETTERS[usize::from(b - b'a')]) * 0.8,
        b'A'..=b'Z' => f64::from(LETTERS[usize::from(b - b'A')]) * 0.2,
        b'0'..=b'9' => 4.0,
        b' ' => 158.0,
        b'.' => 16.0,
        b'\n' | b'\t' | b'!'..=b'~' => 8.0,
        _ => 0.5,
    };
    per_mille / 1000.0
}

/// What the matches of a part of a pattern hold.
struct Summary {
    /// When every match is made only of bytes of one class: that class and the least number of
    /// them (the run can go on into the parts around).
    whole: Option<Run>,
    /// The most telling run every match holds.
    best: Run,
}

fn within(run: Run) -> Summary {
    Summary { whole: Some(run), best: run }
}

fn summary(hir: &Hir) -> Summary {
    match hir.kind() {
        // Zero-width: the parts on either side are adjacent in the text.
        HirKind::Empty | HirKind::Look(_) => within(NONE),
        HirKind::Literal(literal) => within(Run { class: set(literal.0.iter().map(|&b| (b, b))), len: literal.0.len() }),
        HirKind::Class(Class::Bytes(class)) => within(Run { class: set(class.ranges().iter().map(|r| (r.start(), r.end()))), len: 1 }),
        HirKind::Class(Class::Unicode(class)) => match class.to_byte_class() {
            Some(class) => within(Run { class: set(class.ranges().iter().map(|r| (r.start(), r.end()))), len: 1 }),
            None => Summary { whole: None, best: NONE },
        },
        HirKind::Repetition(repetition) => {
            let sub = summary(&repetition.sub);
            let whole = sub.whole.map(|run| Run { len: run.len * repetition.min as usize, ..run });
            let best = if repetition.min == 0 { NONE } else { whole.map_or(sub.best, |whole| more_telling(sub.best, whole)) };
            Summary { whole, best }
        }
        HirKind::Capture(capture) => summary(&capture.sub),
        HirKind::Concat(parts) => {
            let parts: Vec<Summary> = parts.iter().map(summary).collect();
            let mut best = parts.iter().map(|p| p.best).fold(NONE, more_telling);
            // Adjacent parts made only of their classes: every stretch of them is a run.
            for start in 0..parts.len() {
                let mut joined = NONE;
                for part in &parts[start..] {
                    let Some(run) = part.whole else { break };
                    joined = Run { class: union(joined.class, run.class), len: joined.len + run.len };
                    best = more_telling(best, joined);
                }
            }
            let whole = parts.iter().try_fold(NONE, |joined, part| {
                part.whole.map(|run| Run { class: union(joined.class, run.class), len: joined.len + run.len })
            });
            Summary { whole, best }
        }
        HirKind::Alternation(branches) => {
            // Whichever branch matched holds its run: the shortest of them, in any branch's class.
            let branches: Vec<Summary> = branches.iter().map(summary).collect();
            let either = |a: Run, b: Run| Run { class: union(a.class, b.class), len: a.len.min(b.len) };
            let best = branches.iter().map(|b| b.best).reduce(either).unwrap_or(NONE);
            let whole = branches.iter().map(|b| b.whole).reduce(|a, b| Some(either(a?, b?))).flatten();
            Summary { whole, best }
        }
    }
}

pub fn set(ranges: impl Iterator<Item = (u8, u8)>) -> ByteSet {
    let mut set = [0u64; 4];
    for (start, end) in ranges {
        for b in start..=end {
            set[usize::from(b >> 6)] |= 1 << (b & 63);
        }
    }
    set
}

pub fn union(a: ByteSet, b: ByteSet) -> ByteSet {
    [a[0] | b[0], a[1] | b[1], a[2] | b[2], a[3] | b[3]]
}

fn more_telling(a: Run, b: Run) -> Run {
    if rarity(&b) < rarity(&a) {
        b
    } else {
        a
    }
}
