//! Hostile inputs built from the catalogue itself: whatever rules are added, their keywords,
//! prefixes and examples become floods, near-misses and glued runs here. Shared by the
//! counted-work test (`tests/work_bounds.rs`) and the speed measurement (`examples/hostile.rs`).
//!
//! Each generator returns inputs of about `size` bytes (never less), deterministically.

// Each user (test, example) takes the generators it needs.
#![allow(dead_code)]

use std::collections::BTreeSet;

use keyward_core::{Scanner, CATALOGUE_EXAMPLES};

/// A named hostile input.
pub struct Hostile {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Hostile {
    fn new(name: impl Into<String>, bytes: Vec<u8>) -> Hostile {
        Hostile { name: name.into(), bytes }
    }
}

/// `unit` repeated until the result holds at least `size` bytes (a single line when `unit` has
/// no newline).
pub fn repeat_to(unit: &[u8], size: usize) -> Vec<u8> {
    assert!(!unit.is_empty());
    let mut out = Vec::with_capacity(size + unit.len());
    while out.len() < size {
        out.extend_from_slice(unit);
    }
    out
}

/// A small deterministic generator (the same inputs on every run and on every machine).
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    pub fn pick(&mut self, alphabet: &[u8], len: usize) -> Vec<u8> {
        (0..len).map(|_| alphabet[self.next() as usize % alphabet.len()]).collect()
    }
}

const BASE64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const HEX: &[u8] = b"0123456789abcdef";
const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/// Every distinct keyword of the scanner's rules (ASCII case folded), in a stable order.
pub fn keywords(scanner: &Scanner) -> Vec<String> {
    let set: BTreeSet<String> =
        scanner.rules().iter().flat_map(|r| r.keywords().iter().map(|k| k.to_ascii_lowercase())).collect();
    set.into_iter().collect()
}

/// Each keyword flooded three ways: separated by spaces, glued without separators, and
/// assigned a near-value on one line (`kw=AAAA… kw=AAAA…`), which wakes context rules.
pub fn keyword_floods(scanner: &Scanner, size: usize) -> Vec<Hostile> {
    let mut out = Vec::new();
    for keyword in keywords(scanner) {
        let k = keyword.as_bytes();
        out.push(Hostile::new(format!("keyword spaced {keyword:?}"), repeat_to(&[k, b" "].concat(), size)));
        out.push(Hostile::new(format!("keyword glued {keyword:?}"), repeat_to(k, size)));
        let assigned = [k, b"=\"", &[b'A'; 40], b"\" "].concat();
        out.push(Hostile::new(format!("keyword assigned {keyword:?}"), repeat_to(&assigned, size)));
    }
    out
}

/// A rule's example texts changed by one character so that they (most likely) no longer match:
/// the last letter or digit dropped, and the last letter or digit replaced by a `!`.
fn near_misses(example: &str) -> Vec<Vec<u8>> {
    let bytes = example.as_bytes();
    let Some(last) = bytes.iter().rposition(u8::is_ascii_alphanumeric) else { return Vec::new() };
    let mut dropped = bytes.to_vec();
    dropped.remove(last);
    let mut replaced = bytes.to_vec();
    replaced[last] = b'!';
    vec![dropped, replaced]
}

/// Per rule: its examples glued without separators (findings packed on one line), and its
/// examples near-missed by one character, glued and one per line.
pub fn example_floods(size: usize) -> Vec<Hostile> {
    let mut out = Vec::new();
    for rule in CATALOGUE_EXAMPLES {
        let glued: Vec<u8> = rule.examples.concat().into_bytes();
        if !glued.is_empty() {
            out.push(Hostile::new(format!("examples glued {}", rule.id), repeat_to(&glued, size)));
        }
        let missed: Vec<Vec<u8>> = rule.examples.iter().flat_map(|e| near_misses(e)).collect();
        if !missed.is_empty() {
            out.push(Hostile::new(format!("near-misses glued {}", rule.id), repeat_to(&missed.concat(), size)));
            let lines: Vec<u8> = missed.iter().flat_map(|m| [&m[..], b"\n"].concat()).collect();
            out.push(Hostile::new(format!("near-misses lines {}", rule.id), repeat_to(&lines, size)));
        }
    }
    out
}

/// Inputs shaped against the engine as a whole rather than one rule.
pub fn shapes(scanner: &Scanner, size: usize) -> Vec<Hostile> {
    let mut out = Vec::new();
    let mut rng = Lcg(0x6b65797761726400);

    // Runs of one character of each class the rules and decoders care about.
    for (label, unit) in [
        ("a", &b"a"[..]),
        ("A", b"A"),
        ("0", b"0"),
        ("f", b"f"),
        ("-", b"-"),
        ("_", b"_"),
        (".", b"."),
        ("=", b"="),
        ("/", b"/"),
        ("+", b"+"),
        ("space", b" "),
        ("newline", b"\n"),
        ("tab", b"\t"),
        ("quote", b"\""),
        ("backslash", b"\\"),
        ("percent", b"%"),
        ("NUL", b"\0"),
        ("0xff", b"\xff"),
        ("é", "é".as_bytes()),
        ("😀", "😀".as_bytes()),
    ] {
        out.push(Hostile::new(format!("run of {label}"), repeat_to(unit, size)));
    }

    // Random text of each alphabet on one line: every window is full of token-shaped bytes.
    for (label, alphabet) in [("base64", BASE64), ("hex", HEX), ("alnum", ALNUM)] {
        out.push(Hostile::new(format!("{label} line"), rng.pick(alphabet, size)));
    }
    let mut wrapped = Vec::with_capacity(size + 80);
    while wrapped.len() < size {
        wrapped.extend(rng.pick(BASE64, 76));
        wrapped.push(b'\n');
    }
    out.push(Hostile::new("base64 lines of 76", wrapped));

    // JWT-like fragment chains on one line: every `eyJ` starts a candidate token.
    out.push(Hostile::new("JWT fragment chain", repeat_to(b"eyJhbGciOiJIUzI1NiJ9.", size)));
    out.push(Hostile::new("JWT header+payload chain", repeat_to(b"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.", size)));

    // Key block headers that never end, with and without a base64 body.
    out.push(Hostile::new("PEM headers", repeat_to(b"-----BEGIN RSA PRIVATE KEY-----\n", size)));
    out.push(Hostile::new("PEM headers glued", repeat_to(b"-----BEGIN PRIVATE KEY-----", size)));
    let mut pem = b"-----BEGIN OPENSSH PRIVATE KEY-----\n".to_vec();
    while pem.len() < size {
        pem.extend(rng.pick(BASE64, 70));
        pem.push(b'\n');
    }
    out.push(Hostile::new("PEM header, endless body", pem));
    let mut pem_chain = Vec::new();
    while pem_chain.len() < size {
        pem_chain.extend_from_slice(b"-----BEGIN PRIVATE KEY-----\n");
        pem_chain.extend(rng.pick(BASE64, 64));
        pem_chain.push(b'\n');
    }
    out.push(Hostile::new("PEM headers with one body line each", pem_chain));

    // Every keyword of the catalogue in turn, with and without separators.
    let all = keywords(scanner);
    out.push(Hostile::new("all keywords spaced", repeat_to(all.join(" ").as_bytes(), size)));
    out.push(Hostile::new("all keywords glued", repeat_to(all.concat().as_bytes(), size)));
    out.push(Hostile::new("all keywords one per line", repeat_to(all.join("\n").as_bytes(), size)));

    // Every example of every rule glued, and every near-miss glued.
    let examples: String = CATALOGUE_EXAMPLES.iter().flat_map(|r| r.examples.iter().copied()).collect();
    out.push(Hostile::new("all examples glued", repeat_to(examples.as_bytes(), size)));
    let missed: Vec<u8> =
        CATALOGUE_EXAMPLES.iter().flat_map(|r| r.examples.iter()).flat_map(|e| near_misses(e)).flatten().collect();
    out.push(Hostile::new("all near-misses glued", repeat_to(&missed, size)));

    // Decoder floods: escapes everywhere, on one line and on many.
    out.push(Hostile::new("JSON \\u0041 escapes", repeat_to(b"\\u0041", size)));
    out.push(Hostile::new("JSON \\\" escapes", repeat_to(b"\\\"", size)));
    out.push(Hostile::new("JSON escaped lines", repeat_to(b"{\"k\": \"token=\\\"ab\\\"\"}\n", size)));
    out.push(Hostile::new("percent escapes", repeat_to(b"%41", size)));
    out.push(Hostile::new("percent escapes of a keyword", repeat_to(b"token%3D%41%42", size)));
    let mut secret = b"apiVersion: v1\nkind: Secret\ndata:\n".to_vec();
    while secret.len() < size {
        secret.extend_from_slice(b"  api_key: ");
        secret.extend(rng.pick(BASE64, 4 * 200));
        secret.push(b'\n');
    }
    out.push(Hostile::new("Kubernetes Secret data lines", secret));
    let mut long_secret = b"apiVersion: v1\nkind: Secret\ndata:\n  token: ".to_vec();
    long_secret.extend(rng.pick(BASE64, size / 4 * 4));
    out.push(Hostile::new("Kubernetes Secret, one long value", long_secret));

    // Generic assignments everywhere.
    out.push(Hostile::new("generic assignments", repeat_to(b"api_key = 'Zq8vR2mT7kLp4xWc9bNd3hFs' ", size)));
    out.push(Hostile::new("suppression markers", repeat_to(b"# keyward:allow-next-line\n", size)));
    out
}

/// Every hostile input at `size` (per-keyword and per-rule ones at `per_item_size`).
pub fn all(scanner: &Scanner, size: usize, per_item_size: usize) -> Vec<Hostile> {
    let mut out = shapes(scanner, size);
    out.extend(keyword_floods(scanner, per_item_size));
    out.extend(example_floods(per_item_size));
    out
}
