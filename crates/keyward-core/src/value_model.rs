//! Does a value read like identifier/word text or like a random token?
//!
//! Two character trigram models were trained offline over the same 31-symbol alphabet: one on
//! identifiers and string literals of third-party code plus dictionary words (English, German,
//! French) and names built from them, the other on random tokens of the alphabets keys use
//! (hex, base64, base62, passwords...). The generated table (`value_model_table.rs`, written by
//! `scripts/train-value-model.py`, which also says how to retrain) holds the difference of their
//! log-probabilities for every trigram; a value's score is the sum over its symbols, in bits: how
//! much likelier the value is as text than as a random draw. No crate does this job, and the
//! table is 30 KB of static data, so it is written here.
//!
//! The alphabet folds case but keeps word boundaries: a capital that starts a word
//! (`getUser`, `X509Key`, the `S` of `HTTPServer`) and `_ - space` are one BREAK symbol, so
//! `userAccount`, `user_account` and `USER-ACCOUNT` read alike, while the case flips of
//! `Zq8vR2mT` become a string of one-letter words that text almost never has.

#[path = "value_model_table.rs"]
mod table;

use table::{SCALE, SYMBOLS, TRIGRAM_LOG_ODDS};

const BOUNDARY: u8 = 0;
const DIGIT: u8 = 27;
const BREAK: u8 = 28;
const PUNCT: u8 = 29;
const SPECIAL: u8 = 30;

/// Calls `emit` with each symbol of `value` (see the module doc), as the training script does.
fn for_each_symbol(value: &[u8], mut emit: impl FnMut(u8)) {
    for (i, &b) in value.iter().enumerate() {
        match b {
            b'a'..=b'z' => emit(b - b'a' + 1),
            b'A'..=b'Z' => {
                let prev = if i > 0 { value[i - 1] } else { 0 };
                let next = value.get(i + 1).copied().unwrap_or(0);
                if prev.is_ascii_lowercase() || prev.is_ascii_digit() || (prev.is_ascii_uppercase() && next.is_ascii_lowercase())
                {
                    emit(BREAK);
                }
                emit(b - b'A' + 1);
            }
            b'0'..=b'9' => emit(DIGIT),
            b'_' | b'-' | b' ' | b'\t' => emit(BREAK),
            b'.' | b'/' | b':' | b'+' | b'@' | b'\\' | b',' => emit(PUNCT),
            _ => emit(SPECIAL),
        }
    }
}

/// log2 P(value | text) - log2 P(value | random token), in bits. Positive: word-like.
pub fn text_log_odds(value: &[u8]) -> f32 {
    let (mut a, mut b) = (BOUNDARY, BOUNDARY);
    let mut total: i32 = 0;
    let mut step = |c: u8| {
        total += i32::from(TRIGRAM_LOG_ODDS[(usize::from(a) * SYMBOLS + usize::from(b)) * SYMBOLS + usize::from(c)]);
        (a, b) = (b, c);
    };
    for_each_symbol(value, &mut step);
    step(BOUNDARY);
    total as f32 / SCALE
}

/// True when `value` is likelier text than a random token, with a margin of half a bit per
/// character in text's favour. Random tokens score far lower (a random 12-character base62
/// token about -68 bits, a 32-character one about -180); held-out identifiers mostly score above 0.
/// The margin keeps abbreviation-heavy names (`PrivatePkcs8KeyDer`) on the text side while
/// 99.9 % of random tokens of 12 characters or more stay below it (figures in docs/confidence.md).
pub fn reads_as_text(value: &[u8]) -> bool {
    text_log_odds(value) > -(value.len() as f32) / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_fold_case_and_mark_word_starts() {
        let mut seen = alloc::vec::Vec::new();
        for_each_symbol(b"getHTTPServer_v2.x!", |s| seen.push(s));
        let l = |c: u8| c - b'a' + 1;
        assert_eq!(
            seen,
            [
                l(b'g'), l(b'e'), l(b't'), BREAK, l(b'h'), l(b't'), l(b't'), l(b'p'), BREAK, l(b's'), l(b'e'), l(b'r'),
                l(b'v'), l(b'e'), l(b'r'), BREAK, l(b'v'), DIGIT, PUNCT, l(b'x'), SPECIAL
            ]
        );
    }

    #[test]
    fn the_table_matches_the_alphabet() {
        assert_eq!(TRIGRAM_LOG_ODDS.len(), SYMBOLS * SYMBOLS * SYMBOLS);
        assert_eq!(usize::from(SPECIAL) + 1, SYMBOLS);
    }

    #[test]
    fn word_like_values_read_as_text() {
        for text in [
            &b"DOC_Vector_5_32"[..], b"NEXUS-GPT4-API-KEY", b"ctrl+shift+down", b"Befaehigung_P2",
            b"getUserAccountSettings", b"my_database_password", b"X509KeyUsageFlags", b"PrivatePkcs8KeyDer",
            b"AuthMethodSelectionRequiredStateV2", b"correcthorsebatterystaple", b"oauth2AuthenticationPolicy",
            b"Wohnungseinrichtung", b"mot_de_passe_oublie", b"application/x-www-form-urlencoded",
        ] {
            assert!(reads_as_text(text), "{} scored {}", core::str::from_utf8(text).unwrap(), text_log_odds(text));
        }
    }

    #[test]
    fn random_tokens_do_not() {
        for token in [
            &b"Zq8vR2mT7kLp4xWc9bNd3hFs"[..], b"9f86d081884c7d659a2feaa0c55ad015", b"Tq9%mWz#4LbX2vPe",
            b"Vq7#Lp2!xR9zKm", b"AKIAZ4QH8DHBKQ2RLX7M", b"q8R-2mT7kLp4xWc9bNd3h", b"xoxb2931kfq0zmvt8as",
            b"OeoYmlbz8IrnCEBWZIU0", b"11l4ipCOHRGVnoZN",
        ] {
            assert!(!reads_as_text(token), "{} scored {}", core::str::from_utf8(token).unwrap(), text_log_odds(token));
        }
    }

    #[test]
    fn empty_and_binary_values_are_scored_without_panicking() {
        assert!(text_log_odds(b"").is_finite());
        assert!(!reads_as_text(&[0xff, 0xfe, 0x00, 0x81, 0x9c, 0x10, 0xee, 0x02, 0xc3, 0x28, 0x07, 0xf0]));
    }
}
