//! build/runs.rs: the run every match of a pattern holds (the engine skips windows without it).
#[path = "../build/runs.rs"]
mod runs;

use runs::{mandatory_run, Run};

fn run_of(pattern: &str) -> Run {
    let hir = regex_syntax::ParserBuilder::new().unicode(false).utf8(false).build().parse(pattern).unwrap();
    mandatory_run(&hir)
}

fn bytes_of(run: &Run) -> String {
    (0..=255u8).filter(|&b| run.class[usize::from(b >> 6)] >> (b & 63) & 1 == 1).map(char::from).collect()
}

/// True when `text` holds `run.len` consecutive bytes of `run.class`.
fn holds(run: &Run, text: &[u8]) -> bool {
    text.split(|&b| run.class[usize::from(b >> 6)] >> (b & 63) & 1 == 0).any(|part| part.len() >= run.len)
}

#[test]
fn a_prefix_joins_the_token_that_follows_it() {
    let run = run_of(r"\bghp_[A-Za-z0-9]{36}\b");
    assert_eq!(run.len, 40);
    assert_eq!(bytes_of(&run), "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");
}

#[test]
fn the_run_least_likely_in_code_is_kept() {
    // Spaces and small letters are common, a run of 20 capitals is not.
    let run = run_of(r"key=[a-f0-9]{8} token:[A-Z]{20}");
    assert_eq!((run.len, bytes_of(&run).as_str()), (20, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
    // Parts that may be empty still join the runs around them, with their bytes.
    let run = run_of(r"[a-z]{10}(?:-x)?[a-z]{10}");
    assert_eq!((run.len, bytes_of(&run).as_str()), (20, "-abcdefghijklmnopqrstuvwxyz"));
    // Joining through common bytes is less telling than a rare part alone.
    let run = run_of(r"[A-Z]{10}[a-z ]*[A-Z]{10}");
    assert_eq!((run.len, bytes_of(&run).as_str()), (10, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
}

#[test]
fn alternatives_give_their_shortest_run_in_any_of_their_classes() {
    let run = run_of(r"(?:sk-[a-z]{20}|pk_[0-9]{30})");
    assert_eq!(run.len, 23);
    assert!(holds(&run, b"sk-abcdefghijabcdefghij") && holds(&run, b"pk_012345678901234567890123456789"));
    // A branch without a run: nothing is claimed.
    assert_eq!(run_of(r"(?:[a-z]{20}|x)").len, 1);
    assert_eq!(run_of(r"(?:[a-z]{20}|)").len, 0);
}

#[test]
fn case_insensitive_letters_count_both_cases() {
    let run = run_of(r"(?i)xyz[0-9]{5}");
    assert_eq!((run.len, bytes_of(&run).as_str()), (8, "0123456789XYZxyz"));
}

/// Every match holds the run, whichever way the pattern matched (the regex engine decides).
#[test]
fn every_match_holds_the_run() {
    let cases: [(&str, &[&str]); 5] = [
        (r"(?i)(?:key|token)[a-z_]*\s*[:=]\s*([A-Za-z0-9+/=]{12,})", &["API_KEY = abcdefghijkl", "tokenX:0123456789+/=="]),
        (r"(?:AKIA|ASIA)[0-9A-Z]{16}", &["AKIAABCDEFGHIJKLMNOP", "ASIA0123456789012345"]),
        (r"[a-z]{3}(?:\.[a-z]{3}){2,}", &["abc.def.ghi", "abc.def.ghi.jkl.mno"]),
        (r"x(?:[a-f]{4}|[0-9]{6})+y", &["xabcdy", "x012345y", "xabcd012345feedy"]),
        (r"(?:\r?\n[ \t]*)*value\s*=\s*[A-Za-z0-9]{10}", &["value=0123456789", "\r\n  \n\tvalue = abcdefghij"]),
    ];
    for (pattern, texts) in cases {
        let regex = regex_automata::meta::Regex::builder()
            .syntax(regex_automata::util::syntax::Config::new().unicode(false).utf8(false))
            .build(pattern)
            .unwrap();
        let run = run_of(pattern);
        assert!(run.len > 0, "{pattern}: some run");
        for text in texts {
            let found = regex.find(text.as_bytes()).unwrap_or_else(|| panic!("{pattern} matches {text:?}"));
            assert!(holds(&run, &text.as_bytes()[found.range()]), "{pattern:?} matched {text:?} without its run {run:?}");
        }
    }
}
