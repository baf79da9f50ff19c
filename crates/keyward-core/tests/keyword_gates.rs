//! build/gates.rs: what a generic pattern needs after its keyword (the engine drops the keyword
//! hits that lack it before opening a window). Tested here against the regex engine: no match
//! ever starts where the gate says none can, and the gate does turn away the words of code.
#[path = "../build/gates.rs"]
mod gates;
#[path = "../build/runs.rs"]
#[allow(dead_code)]
mod runs;

use gates::{keyword_gate, Gate};
use runs::ByteSet;

fn parse(pattern: &str) -> regex_syntax::hir::Hir {
    regex_syntax::ParserBuilder::new().unicode(false).utf8(false).build().parse(pattern).unwrap()
}

fn within(set: &ByteSet, b: u8) -> bool {
    set[usize::from(b >> 6)] >> (b & 63) & 1 == 1
}

/// The gate's test as the engine makes it (`rule::Gate::admits`), without its reach.
fn admits(gate: &Gate, text: &[u8], start: usize) -> bool {
    let rest = text.get(start + gate.skip..).unwrap_or_default();
    rest.iter().find(|&&b| within(&gate.first, b) || !within(&gate.name, b)).is_some_and(|&b| within(&gate.first, b))
}

/// Generic patterns shaped like the catalogue's (a keyword, a name, an operator, a value), one
/// with a top-level alternation and a case-insensitive keyword split into one-byte parts.
const PATTERNS: [&str; 6] = [
    r#"(?i)(?:key|token)[a-z0-9_.-]*(?:["'\]]{0,2}[ \t]*(?:=|:)|["']?[ \t]*,?[ \t]*["']?value["']?[ \t]*[:=]|["']?[ \t]+)[ \t]*["']?(?P<secret>[A-Za-z0-9][A-Za-z0-9+/_.=-]{5,})"#,
    r#"(?i)(?:(?:passw|pwd)[a-z0-9_.-]*(?:[ \t]*[:=]|>)|pass[a-z0-9_]*[ \t]*=)[ \t]*(?P<secret>[^\s"'`]{4,})"#,
    r"(?i)secret[ \t]*=[ \t]*([a-z0-9]{6,})",
    r#"(?i)(?:(?:passw|pwd)[a-z0-9_.-]*(?:[ \t]*[:=]|>)|pass[a-z0-9_]*[ \t]*=[ \t]*["']?)(?P<secret>[^\s"'`]{4,})"#,
    // Prefix tokens, as the engine wraps them: a bounded name, then a fixed separator.
    r"\b{start-half}(?:pat[A-Za-z0-9]{3,6}\.[0-9a-f]{4})\b{end-half}",
    r"\b{start-half}(?:sk-(?:proj|key)-[A-Za-z0-9_-]{2,8}T3Bl[A-Za-z0-9]{2})\b{end-half}",
];

#[test]
fn no_match_starts_where_the_gate_turns_a_hit_away() {
    // Texts glued from pieces of the patterns, so that matches are frequent.
    let pieces: &[&str] = &[
        "key", "KEY", "token", "pass", "pwd", "PWD", "secret", "value", "_", ".", "-", "=", ":", " ", "\t", "\"", "'", "]", ">",
        ",", "\n", "x", "Z", "0", "9", "(", ")", "{", "pat", "patAb9", ".0af1", "sk-", "proj-", "T3Bl", "0af1", "abc", "Ab", "Secret9Value", "sk-key-Ab_T3BlZ9",
    ];
    let mut seed = 11u64;
    for pattern in PATTERNS {
        let gate = keyword_gate(&parse(pattern)).unwrap_or_else(|| panic!("{pattern}: a gate"));
        let regex = regex_automata::meta::Regex::builder()
            .syntax(regex_automata::util::syntax::Config::new().unicode(false).utf8(false))
            .build(pattern)
            .unwrap();
        let (mut admitted, mut refused, mut matches) = (0, 0, 0);
        for _ in 0..20_000 {
            let text: Vec<u8> = (0..4 + (seed >> 60))
                .flat_map(|_| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    pieces[(seed >> 33) as usize % pieces.len()].bytes()
                })
                .collect();
            for start in 0..text.len() {
                let input = regex_automata::Input::new(&text).range(start..).anchored(regex_automata::Anchored::Yes);
                let matched = regex.search(&input).is_some();
                matches += usize::from(matched);
                if admits(&gate, &text, start) {
                    admitted += 1;
                } else {
                    refused += 1;
                    assert!(!matched, "{pattern}: a match starts at {start} of {:?}, which the gate refuses", String::from_utf8_lossy(&text));
                }
            }
        }
        assert!(matches >= 20, "{pattern}: the texts hold matches ({matches})");
        eprintln!("{pattern}: {matches} matches, {refused} starts refused, {admitted} admitted");
        assert!(refused * 5 > refused + admitted, "{pattern}: the gate refuses a fifth of random starts or more ({refused} refused, {admitted} admitted)");
    }
}

#[test]
fn the_words_of_code_are_turned_away_and_assignments_let_through() {
    let gate = keyword_gate(&parse(PATTERNS[0])).unwrap();
    for word in ["keyCode)", "keys(obj)", "key;", "token}", "tokens.push(", "key"] {
        assert!(!admits(&gate, word.as_bytes(), 0), "{word}");
    }
    // A space may separate a name and its value (`X-Api-Key abc…`).
    assert!(admits(&gate, b"keyof T", 0));
    for assignment in ["API_KEY=x", "key: x", "token = x", "apiKey\": x", "key value", "key_value: x", "tokenValue=x"] {
        let start = assignment.to_ascii_lowercase().find(['k', 't']).unwrap();
        assert!(admits(&gate, assignment.as_bytes(), start), "{assignment}");
    }
}

#[test]
fn patterns_without_the_shape_get_no_gate() {
    // No operator after the name (the match may end there), or nothing before the name.
    assert_eq!(keyword_gate(&parse(r"key[a-z]*")), None);
    assert_eq!(keyword_gate(&parse(r"[a-z]*=x")), None);
    // A zero-width assertion inside the keyword (one before it is left to the regex).
    assert_eq!(keyword_gate(&parse(r"key\b[a-z]*=x")), None);
    assert!(keyword_gate(&parse(r"\bkey[a-z]*=x")).is_some());
}

#[test]
fn case_insensitive_keywords_and_alternatives_join_their_bytes() {
    let gate = keyword_gate(&parse(PATTERNS[1])).unwrap();
    let bytes = |set: &ByteSet| (0..=255u8).filter(|&b| within(set, b)).map(char::from).collect::<String>();
    assert_eq!(gate.skip, 3, "the shortest keyword, pwd");
    assert!(b"PASWDpaswd_.-09".iter().all(|&b| within(&gate.name, b)) && !b" :=".iter().any(|&b| within(&gate.name, b)), "{}", bytes(&gate.name));
    assert_eq!(bytes(&gate.first), "\t :=>");
}
