//! Seeds and a dictionary for the fuzz targets (`fuzz/run.sh`), from the catalogue as it is
//! now: every rule's examples and negatives, also JSON-escaped, percent-encoded and inside a
//! Kubernetes Secret (for the decoders), and every keyword as a libFuzzer dictionary entry.
//! Usage: fuzz_seeds SEEDS_DIR DICT_FILE
use std::fmt::Write as _;
use std::path::Path;

use base64::Engine as _;
use keyward_core::{Scanner, CATALOGUE_EXAMPLES};

/// Strings the decoders and the engine treat specially, beyond the rules' keywords.
const TOKENS: &[&str] = &[
    "\\\"", "\\n", "\\u00", "\\\\", "%3D", "%2F", "%", "kind: Secret\n", "data:\n  ", "-----BEGIN ", "-----END ",
    "PRIVATE KEY-----", "keyward:allow", "keyward:allow-next-line", "\u{FEFF}", "=", "\"", "'", ": ", "\n",
    // .keyward.toml (the config target)
    "disable = [", "allow = [", "exclude = [", "minConfidence = ", "maxFileSize = ", "[[rules]]\n", "id = ",
    "pattern = ", "keywords = [", "severity = ", "confidence = ", "revokeUrl = ", "\"medium\"", "**/", "!", "/",
];

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(seeds), Some(dict)) = (args.next(), args.next()) else { panic!("usage: fuzz_seeds SEEDS_DIR DICT_FILE") };
    let seeds = Path::new(&seeds);
    std::fs::create_dir_all(seeds).expect("seeds folder");
    let mut count = 0;
    let mut write = |bytes: &[u8]| {
        std::fs::write(seeds.join(format!("{count:05}")), bytes).expect("write seed");
        count += 1;
    };
    for rule in CATALOGUE_EXAMPLES {
        for text in rule.examples.iter().chain(rule.negatives) {
            write(text.as_bytes());
        }
        for example in rule.examples {
            let json = example.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
            write(format!("{{\"cell\": \"{json}\"}}\n").as_bytes());
            let percent: String = example.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect();
            write(format!("GET /?q={percent} HTTP/1.1\n").as_bytes());
            let encoded = base64::engine::general_purpose::STANDARD.encode(example);
            write(format!("apiVersion: v1\nkind: Secret\ndata:\n  value: {encoded}\n").as_bytes());
        }
    }

    let mut entries = String::new();
    let keywords = Scanner::default().rules().iter().flat_map(|r| r.keywords().to_vec()).collect::<std::collections::BTreeSet<_>>();
    for token in keywords.iter().map(|k| k.as_ref()).chain(TOKENS.iter().copied()) {
        entries.push('"');
        for byte in token.bytes() {
            match byte {
                b'"' | b'\\' => write!(entries, "\\{}", byte as char),
                0x20..=0x7e => write!(entries, "{}", byte as char),
                _ => write!(entries, "\\x{byte:02X}"),
            }
            .expect("write to a String");
        }
        entries.push_str("\"\n");
    }
    std::fs::write(dict, entries).expect("write dictionary");
}
