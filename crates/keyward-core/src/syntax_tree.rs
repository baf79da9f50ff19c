//! A regex's syntax tree as bytes: build.rs parses each built-in rule's pattern and writes its
//! tree, so the engine compiles a built-in rule without parsing it. Parsing was two thirds of
//! compiling a rule natively, and in the npm package most of the first scan of a file with a key
//! (the parser's code, run for the first time). build.rs checks that every tree decodes to the
//! tree it parsed.
//!
//! The format is the tree in prefix order, one tag byte per node, numbers as LEB128. The nodes
//! are rebuilt with `Hir`'s own constructors, as the parser builds them.

use alloc::boxed::Box;
use alloc::vec::Vec;

use regex_syntax::hir::{Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition};

const EMPTY: u8 = 0;
const LITERAL: u8 = 1;
const BYTE_CLASS: u8 = 2;
const CHAR_CLASS: u8 = 3;
const LOOK: u8 = 4;
const REPETITION: u8 = 5;
const CAPTURE: u8 = 6;
const CONCAT: u8 = 7;
const ALTERNATION: u8 = 8;

/// Appends the tree of `hir` to `out` (build.rs writes the built-in rules' trees; the library
/// itself only reads them).
#[cfg_attr(keyward_builtin_tables, allow(dead_code))]
pub(crate) fn encode(hir: &Hir, out: &mut Vec<u8>) {
    match hir.kind() {
        HirKind::Empty => out.push(EMPTY),
        HirKind::Literal(literal) => {
            out.push(LITERAL);
            number(literal.0.len() as u32, out);
            out.extend_from_slice(&literal.0);
        }
        HirKind::Class(Class::Bytes(class)) => {
            out.push(BYTE_CLASS);
            number(class.ranges().len() as u32, out);
            class.ranges().iter().for_each(|range| out.extend_from_slice(&[range.start(), range.end()]));
        }
        HirKind::Class(Class::Unicode(class)) => {
            out.push(CHAR_CLASS);
            number(class.ranges().len() as u32, out);
            class.ranges().iter().for_each(|range| [range.start(), range.end()].into_iter().for_each(|c| number(c.into(), out)));
        }
        HirKind::Look(look) => {
            out.push(LOOK);
            number(look.as_repr(), out);
        }
        HirKind::Repetition(repetition) => {
            out.push(REPETITION);
            number(repetition.min, out);
            number(repetition.max.map_or(0, |max| max + 1), out);
            out.push(u8::from(repetition.greedy));
            encode(&repetition.sub, out);
        }
        HirKind::Capture(capture) => {
            out.push(CAPTURE);
            number(capture.index, out);
            let name = capture.name.as_deref().unwrap_or("");
            number(name.len() as u32, out);
            out.extend_from_slice(name.as_bytes());
            encode(&capture.sub, out);
        }
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            out.push(if matches!(hir.kind(), HirKind::Concat(_)) { CONCAT } else { ALTERNATION });
            number(subs.len() as u32, out);
            subs.iter().for_each(|sub| encode(sub, out));
        }
    }
}

#[cfg_attr(keyward_builtin_tables, allow(dead_code))]
fn number(mut n: u32, out: &mut Vec<u8>) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The tree written by [`encode`].
pub(crate) fn decode(tree: &[u8]) -> Hir {
    Reader { tree, at: 0 }.hir()
}

struct Reader<'a> {
    tree: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> u8 {
        self.at += 1;
        self.tree[self.at - 1]
    }

    fn bytes(&mut self, len: usize) -> &[u8] {
        self.at += len;
        &self.tree[self.at - len..self.at]
    }

    fn number(&mut self) -> u32 {
        let (mut n, mut shift) = (0, 0);
        loop {
            let byte = self.byte();
            n |= u32::from(byte & 0x7F) << shift;
            if byte < 0x80 {
                return n;
            }
            shift += 7;
        }
    }

    fn char(&mut self) -> char {
        char::from_u32(self.number()).expect("build.rs writes characters")
    }

    fn subs(&mut self) -> Vec<Hir> {
        (0..self.number()).map(|_| self.hir()).collect()
    }

    /// A small dispatcher, each kind of node built out of line: V8 charges a wasm function its
    /// whole size on each return towards recompiling it, and one function holding every
    /// constructor, called for each node, was recompiled during the npm package's first scan.
    fn hir(&mut self) -> Hir {
        match self.byte() {
            EMPTY => Hir::empty(),
            LITERAL => self.literal(),
            BYTE_CLASS => self.byte_class(),
            CHAR_CLASS => self.char_class(),
            LOOK => Hir::look(Look::from_repr(self.number()).expect("build.rs writes looks")),
            REPETITION => self.repetition(),
            CAPTURE => self.capture(),
            CONCAT => self.concat(),
            ALTERNATION => self.alternation(),
            tag => unreachable!("build.rs writes no tag {tag}"),
        }
    }

    #[inline(never)]
    fn literal(&mut self) -> Hir {
        let len = self.number() as usize;
        Hir::literal(self.bytes(len))
    }

    #[inline(never)]
    fn byte_class(&mut self) -> Hir {
        let ranges: Vec<_> = (0..self.number()).map(|_| ClassBytesRange::new(self.byte(), self.byte())).collect();
        Hir::class(Class::Bytes(ClassBytes::new(ranges)))
    }

    #[inline(never)]
    fn char_class(&mut self) -> Hir {
        let ranges: Vec<_> = (0..self.number()).map(|_| ClassUnicodeRange::new(self.char(), self.char())).collect();
        Hir::class(Class::Unicode(ClassUnicode::new(ranges)))
    }

    #[inline(never)]
    fn repetition(&mut self) -> Hir {
        let (min, max, greedy) = (self.number(), self.number().checked_sub(1), self.byte() == 1);
        Hir::repetition(Repetition { min, max, greedy, sub: Box::new(self.hir()) })
    }

    #[inline(never)]
    fn capture(&mut self) -> Hir {
        let index = self.number();
        let len = self.number() as usize;
        let name = (len > 0).then(|| core::str::from_utf8(self.bytes(len)).expect("build.rs writes names").into());
        Hir::capture(Capture { index, name, sub: Box::new(self.hir()) })
    }

    #[inline(never)]
    fn concat(&mut self) -> Hir {
        Hir::concat(self.subs())
    }

    #[inline(never)]
    fn alternation(&mut self) -> Hir {
        Hir::alternation(self.subs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(pattern: &str, unicode: bool) {
        let hir = regex_syntax::ParserBuilder::new().unicode(unicode).utf8(unicode).build().parse(pattern).unwrap();
        let mut tree = Vec::new();
        encode(&hir, &mut tree);
        assert_eq!(decode(&tree), hir, "{pattern}");
    }

    #[test]
    fn every_kind_of_node_decodes_to_the_parsed_tree() {
        for pattern in [
            "",
            "abc",
            r"(?i)sk-[a-z0-9]{20,}",
            r"\b{start-half}(?:ghp_[A-Za-z0-9]{36})\b{end-half}",
            r"(?:(?m:^)|[^\x23\x2D])(?P<secret>[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12})(?:(?m:$)|[^\x2D])",
            r"x{2,5}?y*?z+|a|b|c|[\x00-\xFF]|(a)(?P<name>b)",
            r"(?i)(?:key|token|secret)[a-z0-9_.-]*[ \t]*(?::=|=>|=)\s*(?P<secret>\w{11,})",
        ] {
            round_trip(pattern, false);
        }
        round_trip(r"\w+é[α-ω]\p{Greek}", true);
    }
}
