//! Engine behaviour through the public API: positions, suppression, configuration, bad input,
//! and bounded work on adversarial input.

use keyward_core::{Confidence, ConfigError, CustomRule, Scanner, ScannerConfig};

/// A GitHub classic token built from the reference vector in formats.md (valid CRC32).
const GITHUB: &str = concat!("ghp_", "zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ", "0mLq17");

fn scanner() -> Scanner {
    Scanner::default()
}

#[test]
fn finding_carries_every_field() {
    let text = format!("# config\ntoken = \"{GITHUB}\"\n");
    let scanner = scanner();
    let findings = scanner.scan(text.as_bytes());
    assert_eq!(findings.len(), 1);
    let f = &findings[0];
    assert_eq!(f.rule.id, "github-pat-classic");
    assert_eq!(f.rule.provider, "GitHub");
    assert_eq!(f.confidence, Confidence::High);
    assert_eq!(&text[f.start..f.end], GITHUB);
    assert_eq!((f.line, f.column, f.end_line, f.end_column), (2, 10, 2, 50));
    assert_eq!(f.redacted, "ghp_…Lq17");
    assert_eq!(f.fingerprint.len(), 32);
    assert!(!f.fingerprint.contains(&GITHUB[4..12]));
    assert!(f.rule.revoke_url.starts_with("https://"));
}

#[test]
fn columns_are_utf16_after_emoji_and_cjk() {
    // 😀 is two UTF-16 units (4 UTF-8 bytes), 中文 one each (3 bytes each).
    let text = format!("ok\n😀 中文 = {GITHUB}\n");
    let scanner = scanner();
    let f = &scanner.scan(text.as_bytes())[0];
    assert_eq!((f.line, f.column), (2, 9));
    assert_eq!(f.end_column, 9 + 40);
    let utf16: Vec<u16> = text.encode_utf16().collect();
    assert_eq!(String::from_utf16(&utf16[f.start_utf16..f.end_utf16]).unwrap(), GITHUB);
    assert_eq!(f.start, text.find(GITHUB).unwrap());
}

#[test]
fn fingerprint_is_stable_and_depends_on_rule_and_secret() {
    let scanner = scanner();
    let a = scanner.scan(GITHUB.as_bytes())[0].fingerprint.clone();
    let b = scanner.scan(format!("x {GITHUB}").as_bytes())[0].fingerprint.clone();
    assert_eq!(a, b);
    assert_eq!(a, keyward_core::fingerprint("github-pat-classic", GITHUB.as_bytes()));
    assert_ne!(a, keyward_core::fingerprint("npm-access-token", GITHUB.as_bytes()));
}

#[test]
fn inline_markers_suppress() {
    let scanner = scanner();
    for text in [
        format!("t = {GITHUB} # keyward:allow"),
        format!("t = {GITHUB} // gitleaks:allow"),
        format!("t = {GITHUB} # pragma: allowlist secret"),
        format!("# keyward:allow-next-line\nt = {GITHUB}"),
        format!("// secretlint-disable-next-line\nt = {GITHUB}"),
        format!("t = {GITHUB} // secretlint-disable-line"),
    ] {
        assert!(scanner.scan(text.as_bytes()).is_empty(), "{text}");
    }
    assert_eq!(scanner.scan(format!("# keyward:allow\nt = {GITHUB}").as_bytes()).len(), 1);
}

#[test]
fn config_disables_allows_and_filters() {
    let text = format!("t = {GITHUB}");
    let disabled = Scanner::new(ScannerConfig { disable: vec!["github-pat-classic".into()], ..Default::default() }).unwrap();
    assert!(disabled.scan(text.as_bytes()).iter().all(|f| f.rule.id != "github-pat-classic"));

    let allowed = Scanner::new(ScannerConfig { allow: vec!["^ghp_zQWB".into()], ..Default::default() }).unwrap();
    assert!(allowed.scan(text.as_bytes()).is_empty());

    let fingerprint = keyward_core::fingerprint("github-pat-classic", GITHUB.as_bytes());
    let baseline = Scanner::new(ScannerConfig { allow_fingerprints: vec![fingerprint], ..Default::default() }).unwrap();
    assert!(baseline.scan(text.as_bytes()).is_empty());

    let generic = "API_KEY=Zq8vR2mT7kLp4xWc9bNd3hFs";
    let strict = Scanner::new(ScannerConfig { min_confidence: Some(Confidence::Medium), ..Default::default() }).unwrap();
    assert!(scanner().scan(generic.as_bytes()).iter().any(|f| f.confidence == Confidence::Low));
    assert!(strict.scan(generic.as_bytes()).is_empty());
}

#[test]
fn custom_rules_with_and_without_keywords() {
    let config = ScannerConfig {
        custom_rules: vec![
            CustomRule {
                id: "acme-token".into(),
                pattern: r"acme_[a-z0-9]{24}".into(),
                keywords: vec!["acme_".into()],
                confidence: Some(Confidence::High),
                ..Default::default()
            },
            CustomRule {
                id: "internal-id".into(),
                pattern: r"INT-(?P<secret>[0-9]{6}[A-Z]{4})".into(),
                ..Default::default()
            },
        ],
        ..Default::default()
    };
    let scanner = Scanner::new(config).unwrap();
    let text = "a = acme_k3j9x8c7v6b5n4m2l1p0q9w8\nb = INT-492817QWZX\n";
    let findings = scanner.scan(text.as_bytes());
    let ids: Vec<&str> = findings.iter().map(|f| &*f.rule.id).collect();
    assert_eq!(ids, ["acme-token", "internal-id"]);
    assert_eq!(&text[findings[1].start..findings[1].end], "492817QWZX");
    assert!(scanner.rules().iter().any(|r| r.id == "acme-token" && r.is_custom()));
}

#[test]
fn bad_configuration_is_a_clear_error() {
    let bad_regex = ScannerConfig {
        custom_rules: vec![CustomRule { id: "x".into(), pattern: "ab(".into(), ..Default::default() }],
        ..Default::default()
    };
    let err = Scanner::new(bad_regex).err().unwrap();
    assert!(matches!(err, ConfigError::InvalidPattern { .. }));
    assert!(err.to_string().contains("rule `x`: invalid regex"), "{err}");

    let empty = ScannerConfig {
        custom_rules: vec![CustomRule { id: "e".into(), pattern: "a*".into(), ..Default::default() }],
        ..Default::default()
    };
    assert_eq!(Scanner::new(empty).err(), Some(ConfigError::EmptyMatch { rule: "e".into() }));

    let unknown = ScannerConfig { disable: vec!["no-such-rule".into()], ..Default::default() };
    assert!(Scanner::new(unknown).err().unwrap().to_string().contains("no-such-rule"));

    let clash = ScannerConfig {
        custom_rules: vec![CustomRule { id: "github-pat-classic".into(), pattern: "x".into(), ..Default::default() }],
        ..Default::default()
    };
    assert_eq!(Scanner::new(clash).err(), Some(ConfigError::DuplicateRule("github-pat-classic".into())));
    let custom = |id: &str| CustomRule { id: id.into(), pattern: "x[0-9]{8}".into(), ..Default::default() };
    let twice = ScannerConfig { custom_rules: vec![custom("mine"), custom("mine")], ..Default::default() };
    assert_eq!(Scanner::new(twice).err(), Some(ConfigError::DuplicateRule("mine".into())));
    // A disabled built-in's id stays reserved: findings and baselines name rules by id.
    let reused =
        ScannerConfig { disable: vec!["github-pat-classic".into()], custom_rules: vec![custom("github-pat-classic")], ..Default::default() };
    assert_eq!(Scanner::new(reused).err(), Some(ConfigError::DuplicateRule("github-pat-classic".into())));
    let all: Vec<String> = Scanner::default().rules().iter().map(|r| r.id.to_string()).collect();
    let only_mine = Scanner::new(ScannerConfig { disable: all, custom_rules: vec![custom("mine")], ..Default::default() }).unwrap();
    assert_eq!(only_mine.rules().iter().map(|r| &*r.id).collect::<Vec<_>>(), ["mine"]);

    let allow = ScannerConfig { allow: vec!["[".into()], ..Default::default() };
    assert!(matches!(Scanner::new(allow).err(), Some(ConfigError::InvalidAllow { .. })));
}

#[test]
fn bad_input_never_panics() {
    let scanner = scanner();
    assert!(scanner.scan(b"").is_empty());
    // Invalid UTF-8 around a key: still found, positions still sensible.
    let mut bytes = vec![0xff, 0xfe, b'\n', 0xc3];
    bytes.extend_from_slice(b" t=");
    bytes.extend_from_slice(GITHUB.as_bytes());
    bytes.extend_from_slice(&[0x80, 0xed, 0xa0, 0x80, b'\n']);
    let findings = scanner.scan(&bytes);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].line, 2);
    // Binary noise.
    let noise: Vec<u8> = (0..200_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let _ = scanner.scan(&noise);
    assert_eq!(scanner.redact("no secrets here"), "no secrets here");
}

#[test]
fn scan_with_limit_keeps_the_first_findings_and_says_truncated() {
    let text = format!("a = {GITHUB}\nb = {GITHUB}\nc = {GITHUB}\n");
    let scanner = scanner();
    let (all, stats) = scanner.scan_with_stats(text.as_bytes());
    assert_eq!((all.len(), stats.truncated), (3, false));
    let (first, stats) = scanner.scan_with_limit(text.as_bytes(), 2);
    assert_eq!(first.iter().map(|f| f.line).collect::<Vec<_>>(), [1, 2]);
    assert!(stats.truncated);
    let (exact, stats) = scanner.scan_with_limit(text.as_bytes(), 3);
    assert_eq!((exact.len(), stats.truncated), (3, false));
}

#[test]
fn redact_replaces_every_secret() {
    let text = format!("a={GITHUB}\nb = 1\n");
    let redacted = scanner().redact(&text);
    assert_eq!(redacted, "a=ghp_…Lq17\nb = 1\n");
}

/// Work must stay linear in the input whatever it holds: bytes handed to regexes are bounded by
/// (rules triggered) × (input length), and regex searches by the number of merged windows.
#[test]
fn adversarial_inputs_do_bounded_work() {
    let scanner = scanner();
    let rules = scanner.rules().len();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("one keyword repeated", "token".repeat(1_000_000).into_bytes()),
        ("prefix repeated", "ghp_".repeat(1_000_000).into_bytes()),
        ("10 MB single line", vec![b'a'; 10_000_000]),
        ("near-misses", format!("{} ", &GITHUB[..39]).repeat(100_000).into_bytes()),
        ("assignments", "api_key = 'abcdefghijklmnop' ".repeat(100_000).into_bytes()),
        ("key block headers", "-----BEGIN RSA PRIVATE KEY-----\n".repeat(100_000).into_bytes()),
    ];
    for (name, input) in cases {
        let (_, stats) = scanner.scan_with_stats(&input);
        let n = input.len();
        assert!(
            stats.bytes_searched <= rules * n,
            "{name}: {} bytes searched for {n} bytes of input",
            stats.bytes_searched
        );
        // Merged windows: at most one search per rule per separate window; never one per hit
        // when hits are packed together.
        assert!(stats.regex_searches <= stats.prefilter_hits * rules + rules, "{name}");
        eprintln!("{name}: {n} bytes, {stats:?}");
    }
    // Packed hits merge into one window per rule.
    let (_, packed) = scanner.scan_with_stats("ghp_".repeat(100_000).as_bytes());
    assert!(packed.regex_searches <= rules, "{packed:?}");
}

#[test]
fn redact_replaces_copies_of_a_reported_secret() {
    // The second copy has no secret-ish name: the scan reports only the first one.
    let value = "d5c1638329bfe27967ae29c9e3b7Xq";
    let text = format!("API_KEY={value}\nlabel: {value}\n");
    let scanner = scanner();
    assert_eq!(scanner.scan(text.as_bytes()).len(), 1);
    let redacted = scanner.redact(&text);
    assert!(!redacted.contains(value), "{redacted}");
    assert_eq!(redacted.matches('…').count(), 2, "{redacted}");
}

/// A window holding several hits of a rule whose pattern starts at its keyword (here the
/// generic assignment rule on one line of minified code) is searched at each hit: the key after
/// the fourth hit is found, once, and a hit inside a match (`token` of `secret_token`) starts
/// no second one.
#[test]
fn a_window_of_several_hits_is_searched_at_each() {
    let scanner = scanner();
    let key = "Zq8vR2mT7kLp4xWc9bNd3hFs";
    for line in [
        format!("cfg={{key_id:1,token_type:\"bearer\",auth_mode:2,api_key:\"{key}\",secret_ref:x}}\n"),
        format!("a=1;secret_token=\"{key}\";b=auth(token);\n"),
    ] {
        let found: Vec<(&str, &str)> =
            scanner.scan(line.as_bytes()).iter().map(|f| (&*f.rule.id, &line[f.start..f.end])).collect();
        assert_eq!(found, [("generic-secret-assignment", key)], "{line}");
    }
}

/// Searching at each hit reads at most about what one search over the whole window would: on
/// an identifier made of `key_` repeated, every hit's search reads to the end of the name (the
/// gate lets names longer than 64 bytes through), so once the searches have read as much as
/// the window holds, its rest is searched in one go.
#[test]
fn searches_at_each_hit_read_about_the_window() {
    let scanner = scanner();
    for repeats in [50, 400, 4_000] {
        let line = format!("x = {}end;\n", "key_".repeat(repeats));
        let (_, stats) = scanner.scan_with_stats(line.as_bytes());
        assert!(stats.bytes_searched <= 4 * line.len(), "{repeats}: {stats:?}");
    }
}

/// A custom pattern that matches only empty strings where the text is not empty (`\b`, found by
/// the `custom_rules` fuzz target: it underflowed a length after a line break) finds nothing.
#[test]
fn a_custom_pattern_matching_empty_strings_finds_nothing() {
    for keywords in [vec![], vec![String::from("token")]] {
        let rule = CustomRule { id: String::from("boundaries"), pattern: String::from(r"\b"), keywords, ..CustomRule::default() };
        let scanner = Scanner::new(ScannerConfig { custom_rules: vec![rule], ..ScannerConfig::default() }).unwrap();
        let findings = scanner.scan(b"token\nx = 1\n\ntoken y\n");
        assert!(findings.iter().all(|f| f.rule.id != "boundaries"), "{findings:?}");
    }
}
