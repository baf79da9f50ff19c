//! What a rule's match needs right after its keyword. A generic pattern starts at the
//! secret-ish word and goes on through the rest of the name to an operator:
//! `(?:key|token)[a-z0-9_.-]*(?:=|:|…)…`. So a keyword hit can only start a match when, past the
//! name's bytes, a byte that can begin the operator part follows (`key=`, `apiKey:`), not a
//! bracket, a dot call or the end of the word (`keyCode)`, `Object.keys(`, which are most of the
//! hits in bundled JavaScript). Many prefix tokens have the same shape, a run then a separator
//! (`pat[A-Za-z0-9]{14}\.…` needs a `.` after the run: not `path` or `pattern`). The engine
//! drops the other hits before opening a window for them.
//!
//! Read off the pattern's syntax tree; a necessary condition only (a gate never turns away a hit
//! a match could start at): every match is `L N X…`, with `L` one of the keyword alternatives,
//! `N` a repetition of a class (the name, any number of times) and `X` the first part that cannot
//! be empty, so it reaches `X`'s first byte through bytes of `L` and `N` only, and that byte is
//! in `X`'s first set. Zero-width assertions before `L` are left to the regex.
//!
//! Compiled into build.rs, and into the test `tests/keyword_gates.rs` (with `runs.rs`).

use regex_syntax::hir::{Class, Hir, HirKind};

use super::runs::{set, union, ByteSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Gate {
    /// Bytes a match may hold between its start and its first byte after the name: the
    /// keywords' and the name's.
    pub name: ByteSet,
    /// Bytes that may come first after the name.
    pub first: ByteSet,
    /// The shortest keyword: the first byte after the name is at least this far from the start.
    pub skip: usize,
}

/// The gate of a pattern that starts at its keyword, when it has the shape above (each branch of a top-level
/// alternation may have it; then their union).
pub fn keyword_gate(hir: &Hir) -> Option<Gate> {
    match hir.kind() {
        HirKind::Capture(capture) => keyword_gate(&capture.sub),
        HirKind::Alternation(branches) => branches.iter().map(keyword_gate).reduce(|a, b| Some(either(a?, b?)))?,
        // `x(?:a|b)y` is `xay|xby`, for an alternation before the name: each branch gets its own
        // keyword, name and operator (the parser lifts common prefixes out of alternations).
        HirKind::Concat(parts) if parts.iter().take_while(|part| !is_name(part)).any(|part| matches!(part.kind(), HirKind::Alternation(_))) => {
            let at = parts.iter().position(|part| matches!(part.kind(), HirKind::Alternation(_)))?;
            let HirKind::Alternation(branches) = parts[at].kind() else { unreachable!() };
            let with = |branch: &Hir| Hir::concat(parts[..at].iter().chain([branch]).chain(&parts[at + 1..]).cloned().collect());
            branches.iter().map(|branch| keyword_gate(&with(branch))).reduce(|a, b| Some(either(a?, b?)))?
        }
        // Zero-width assertions before the keyword (a bare token's word boundary) are left to
        // the regex.
        HirKind::Concat(parts) if matches!(parts[0].kind(), HirKind::Look(_)) => {
            let rest: Vec<Hir> = parts.iter().skip_while(|part| matches!(part.kind(), HirKind::Look(_))).cloned().collect();
            keyword_gate(&Hir::concat(rest))
        }
        HirKind::Concat(parts) => {
            // The keyword is what comes before the name (`(?i)pass` is four one-byte parts).
            let (keyword, mut rest) = parts.split_at(parts.iter().position(is_name).unwrap_or(1).max(1));
            let mut name = keyword.iter().try_fold([0; 4], |all, part| Some(union(all, bytes(part)?)))?;
            if let Some(HirKind::Repetition(repetition)) = rest.first().filter(|part| is_name(part)).map(Hir::kind) {
                name = union(name, bytes(&repetition.sub)?);
                rest = &rest[1..];
            }
            let (first, nullable) = first_of_sequence(rest);
            let skip = keyword.iter().map(|part| part.properties().minimum_len()).sum::<Option<usize>>()?;
            (!nullable && skip > 0).then_some(Gate { name, first, skip })
        }
        _ => None,
    }
}

/// The name part: a repetition of bytes (`[a-z0-9_.-]*`, a host's `[A-Za-z0-9.-]{1,64}`).
fn is_name(part: &Hir) -> bool {
    matches!(part.kind(), HirKind::Repetition(r) if bytes(&r.sub).is_some())
}

/// A gate for matches of either of two shapes.
fn either(a: Gate, b: Gate) -> Gate {
    Gate { name: union(a.name, b.name), first: union(a.first, b.first), skip: a.skip.min(b.skip) }
}

/// Every byte `hir` can match, when it matches only bytes (no zero-width assertion).
fn bytes(hir: &Hir) -> Option<ByteSet> {
    match hir.kind() {
        HirKind::Literal(literal) => Some(set(literal.0.iter().map(|&b| (b, b)))),
        HirKind::Class(class) => class_bytes(class),
        HirKind::Repetition(repetition) => bytes(&repetition.sub),
        HirKind::Capture(capture) => bytes(&capture.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => parts.iter().try_fold([0; 4], |all, part| Some(union(all, bytes(part)?))),
        HirKind::Empty | HirKind::Look(_) => None,
    }
}

/// The bytes a match of `hir` can start with, and whether it can be empty.
fn first(hir: &Hir) -> (ByteSet, bool) {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => ([0; 4], true),
        HirKind::Literal(literal) => (set(literal.0.first().map(|&b| (b, b)).into_iter()), literal.0.is_empty()),
        // A class the ASCII-only parser cannot produce: any byte, to stay on the safe side.
        HirKind::Class(class) => (class_bytes(class).unwrap_or([u64::MAX; 4]), false),
        HirKind::Repetition(repetition) => {
            let (set, nullable) = first(&repetition.sub);
            (set, nullable || repetition.min == 0)
        }
        HirKind::Capture(capture) => first(&capture.sub),
        HirKind::Concat(parts) => first_of_sequence(parts),
        HirKind::Alternation(branches) => branches.iter().map(first).fold(([0; 4], false), |(all, any_empty), (set, empty)| {
            (union(all, set), any_empty || empty)
        }),
    }
}

/// [`first`] of parts matched one after the other.
fn first_of_sequence(parts: &[Hir]) -> (ByteSet, bool) {
    let mut all = [0; 4];
    for part in parts {
        let (set, nullable) = first(part);
        all = union(all, set);
        if !nullable {
            return (all, false);
        }
    }
    (all, true)
}

fn class_bytes(class: &Class) -> Option<ByteSet> {
    match class {
        Class::Bytes(class) => Some(set(class.ranges().iter().map(|r| (r.start(), r.end())))),
        Class::Unicode(class) => class.to_byte_class().map(|class| set(class.ranges().iter().map(|r| (r.start(), r.end())))),
    }
}
