//! Line breaks around keyword hits, remembered between hits.
//!
//! Each hit of a keyword looks for the line breaks around it to size its rules' windows (the
//! keyword's line and its neighbours, the block its line opens). On one long line, a flood of
//! hits would search the same few hundred bytes without a break again at every hit: the time
//! of a 2 MB line of `"auths" "auths" …` went mostly there. Remembering one stretch known to
//! hold no break on each side keeps that linear in the text, whatever the number of hits.
//! memchr has no such memory, hence this small wrapper.

use core::ops::Range;

/// The breaks searched before and after the hits of one text: hits come in order, so each
/// side's searches overlap the previous one's.
#[derive(Default)]
pub(crate) struct LineBreaks {
    before: Unbroken,
    after: Unbroken,
}

impl LineBreaks {
    /// The `n`-th last `\n` of `haystack[range]` (0: the last), a range ending at or before a
    /// hit. Only the nearest goes through the memory: the stretch without a break is next to
    /// the hit, farther lines are short or out of reach.
    pub(crate) fn last(&mut self, haystack: &[u8], range: Range<usize>, n: usize) -> Option<usize> {
        let nearest = self.before.last(haystack, range.clone())?;
        match n {
            0 => Some(nearest),
            _ => memchr::memrchr_iter(b'\n', &haystack[range.start..nearest]).nth(n - 1).map(|i| range.start + i),
        }
    }

    /// The `n`-th `\n` of `haystack[range]` (0: the first), a range starting at or after a hit.
    pub(crate) fn first(&mut self, haystack: &[u8], range: Range<usize>, n: usize) -> Option<usize> {
        let nearest = self.after.first(haystack, range.clone())?;
        match n {
            0 => Some(nearest),
            _ => memchr::memchr_iter(b'\n', &haystack[nearest + 1..range.end]).nth(n - 1).map(|i| nearest + 1 + i),
        }
    }
}

/// A stretch of the text known to hold no `\n` (empty when nothing is known).
#[derive(Default)]
struct Unbroken(Range<usize>);

impl Unbroken {
    /// Whether `range` overlaps or touches the stretch known clear, so that the two join.
    fn joins(&self, range: &Range<usize>) -> bool {
        !self.0.is_empty() && self.0.start <= range.end && range.start <= self.0.end
    }

    fn last(&mut self, haystack: &[u8], range: Range<usize>) -> Option<usize> {
        let known = self.0.clone();
        if !self.joins(&range) {
            let found = rfind(haystack, range.clone());
            self.0 = found.map_or(range.start, |at| at + 1)..range.end;
            return found;
        }
        // Only the parts of `range` outside the known stretch are read: right of it first.
        if let Some(at) = rfind(haystack, known.end.clamp(range.start, range.end)..range.end) {
            self.0 = at + 1..range.end;
            return Some(at);
        }
        let found = rfind(haystack, range.start..known.start.clamp(range.start, range.end));
        self.0 = found.map_or(range.start.min(known.start), |at| at + 1)..known.end.max(range.end);
        found
    }

    fn first(&mut self, haystack: &[u8], range: Range<usize>) -> Option<usize> {
        let known = self.0.clone();
        if !self.joins(&range) {
            let found = find(haystack, range.clone());
            self.0 = range.start..found.unwrap_or(range.end);
            return found;
        }
        if let Some(at) = find(haystack, range.start..known.start.clamp(range.start, range.end)) {
            self.0 = range.start..at;
            return Some(at);
        }
        let found = find(haystack, known.end.clamp(range.start, range.end)..range.end);
        self.0 = range.start.min(known.start)..found.unwrap_or(known.end.max(range.end));
        found
    }
}

/// The first `\n` of `haystack[range]`; an empty range (most searches here) costs no call.
fn find(haystack: &[u8], range: Range<usize>) -> Option<usize> {
    if range.is_empty() {
        return None;
    }
    memchr::memchr(b'\n', &haystack[range.clone()]).map(|i| range.start + i)
}

/// The last `\n` of `haystack[range]`.
fn rfind(haystack: &[u8], range: Range<usize>) -> Option<usize> {
    if range.is_empty() {
        return None;
    }
    memchr::memrchr(b'\n', &haystack[range.clone()]).map(|i| range.start + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    /// Any sequence of searches answers as memchr does, on texts with breaks far apart and
    /// close together, and ranges moving forward, backward and jumping.
    #[test]
    fn answers_as_memchr_does() {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |bound: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % bound as u64) as usize
        };
        for spacing in [3, 40, 400, 5000] {
            let text: Vec<u8> = (0..20_000).map(|_| if next(spacing) == 0 { b'\n' } else { b'a' }).collect();
            let mut breaks = LineBreaks::default();
            let mut at = 0;
            for _ in 0..20_000 {
                at = if next(10) == 0 { next(text.len()) } else { (at + next(50)).min(text.len()) };
                let reach = next(600);
                let before = at.saturating_sub(reach)..at;
                let after = at..text.len().min(at + reach);
                let n = next(3);
                let expected_last = memchr::memrchr_iter(b'\n', &text[before.clone()]).nth(n).map(|i| before.start + i);
                let expected_first = memchr::memchr_iter(b'\n', &text[after.clone()]).nth(n).map(|i| after.start + i);
                assert_eq!(breaks.last(&text, before.clone(), n), expected_last, "{before:?} {n}");
                assert_eq!(breaks.first(&text, after.clone(), n), expected_first, "{after:?} {n}");
            }
        }
    }
}
