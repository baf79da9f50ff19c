//! The catalogue test: every rule's examples must be reported by that rule (by the full
//! scanner, as users run it), its negatives must not, and every bare-token example must also be
//! found, with the exact same span, in the places keys really appear.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::catalogue::{natural_line, rules_markdown, NATURAL_LINES};
use crate::{Scanner, CATALOGUE_EXAMPLES};

/// Ways a token is written: (template, where `{}` is the token).
const SURROUNDINGS: &[&str] = &[
    "{}",
    "KEY={}\n",
    "export TOKEN=\"{}\"\n",
    "api_key = '{}'",
    "{\"key\": \"{}\", \"n\": 1}",
    "credentials:\n  token: {}\n",
    "curl -H \"Authorization: Bearer {}\" https://api.example.com",
    "https://api.example.com/v1?key={}&page=2",
    "({})",
    "[{}]",
    "`{}`;",
    "value: {},",
    "# 😀 中文 {}",
];

fn describe(text: &str, findings: &[crate::Finding<'_>]) -> String {
    let list: Vec<String> = findings
        .iter()
        .map(|f| format!("{}@{}..{} {:?}", f.rule.id, f.start, f.end, &text.as_bytes()[f.start..f.end]))
        .collect();
    format!("findings: {list:?}")
}

#[test]
fn every_rule_has_examples_and_they_are_found_by_that_rule() {
    let scanner = Scanner::default();
    assert_eq!(CATALOGUE_EXAMPLES.len(), scanner.rules().len());
    let mut failures = Vec::new();
    for rule in CATALOGUE_EXAMPLES {
        for example in rule.examples {
            let findings = scanner.scan(example.as_bytes());
            if !findings.iter().any(|f| f.rule.id == rule.id) {
                failures.push(format!("{}: example not found: {example:?}; {}", rule.id, describe(example, &findings)));
            }
        }
        for negative in rule.negatives {
            let findings = scanner.scan(negative.as_bytes());
            if findings.iter().any(|f| f.rule.id == rule.id) {
                failures.push(format!("{}: negative matched: {negative:?}; {}", rule.id, describe(negative, &findings)));
            }
        }
    }
    assert!(failures.is_empty(), "{} catalogue failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn bare_token_examples_are_found_with_exact_spans_in_every_surrounding() {
    let scanner = Scanner::default();
    let mut failures = Vec::new();
    for rule in CATALOGUE_EXAMPLES {
        for token in rule.examples {
            let bare = scanner.scan(token.as_bytes());
            let is_bare_token = bare.iter().any(|f| f.rule.id == rule.id && f.start == 0 && f.end == token.len());
            if !is_bare_token || token.contains('\n') {
                continue;
            }
            for template in SURROUNDINGS {
                let text = template.replacen("{}", token, 1);
                let offset = template.find("{}").unwrap();
                let findings = scanner.scan(text.as_bytes());
                let found = findings.iter().any(|f| {
                    f.rule.id == rule.id && f.start == offset && f.end == offset + token.len()
                });
                if !found {
                    failures.push(format!("{}: not found exactly in {text:?}; {}", rule.id, describe(&text, &findings)));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} surrounding failures:\n{}", failures.len(), failures.join("\n"));
}

/// The values a rule must find in natural lines: a context entry's values, and the examples of
/// other rules that are bare tokens (found alone, whole, by the rule).
fn natural_values(scanner: &Scanner, rule: &crate::RuleExamples) -> Vec<&'static str> {
    let mut values: Vec<&'static str> = rule.values.to_vec();
    for &token in rule.examples {
        let bare = scanner.scan(token.as_bytes());
        if !token.contains('\n') && bare.iter().any(|f| f.rule.id == rule.id && f.start == 0 && f.end == token.len()) {
            values.push(token);
        }
    }
    values
}

#[test]
fn every_value_is_found_by_its_rule_in_natural_lines_naming_the_provider() {
    let scanner = Scanner::default();
    let mut failures = Vec::new();
    let mut tried = 0;
    for rule in CATALOGUE_EXAMPLES {
        for value in natural_values(&scanner, rule) {
            for template in NATURAL_LINES {
                let (text, offset) = natural_line(template, rule.name, value);
                tried += 1;
                let findings = scanner.scan(text.as_bytes());
                if !findings.iter().any(|f| f.rule.id == rule.id && f.start == offset && f.end == offset + value.len()) {
                    failures.push(format!("{}: not found exactly in {text:?}; {}", rule.id, describe(&text, &findings)));
                }
            }
        }
    }
    assert!(tried > 0);
    assert!(failures.is_empty(), "{} natural-line failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn catalogue_is_consistent() {
    let scanner = Scanner::default();
    scanner.compile_all().expect("every built-in pattern compiles in the shipped configuration");
    for rule in scanner.rules() {
        assert!(!rule.title.is_empty() && !rule.provider.is_empty(), "{}", rule.id);
        // build.rs refuses anything else; front ends render it as a link.
        let url = &rule.revoke_url;
        assert!(url.is_empty() || (url.starts_with("https://") && !url.contains(' ')), "{}: revoke_url {url}", rule.id);
    }
}

/// Severity follows what a live key risks (rule.rs, `Severity`), checked on the data.
#[test]
fn severities_follow_the_stakes() {
    use crate::{Anchor, Confidence, Severity};
    let scanner = Scanner::default();
    let has_word = |text: &str, word: &str| {
        text.to_ascii_lowercase().split(|c: char| !c.is_ascii_alphanumeric()).any(|w| w == word)
    };
    for rule in scanner.rules() {
        let (id, title) = (&rule.id, &rule.title);
        // test-mode and sandbox keys cannot move money or touch production data
        if has_word(title, "test") || has_word(title, "sandbox") || has_word(id, "test") || has_word(id, "sandbox") {
            assert_eq!(rule.severity, Severity::Medium, "{id}: a test or sandbox key");
        }
        if has_word(title, "publishable") || has_word(title, "public") {
            assert_eq!(rule.severity, Severity::Low, "{id}: public by design");
        }
        if rule.severity == Severity::Critical {
            assert!(["ai", "cloud", "payments"].contains(&rule.category.as_ref()), "{id}: critical outside ai/cloud/payments");
        }
        // a confident finding needs a shape of its own, not just a keyword nearby
        if rule.confidence == Confidence::High {
            assert!(matches!(rule.anchor, Anchor::Prefix | Anchor::Inside | Anchor::Context), "{id}");
        }
    }
    let severity = |id: &str| scanner.rules().iter().find(|r| r.id == id).unwrap().severity;
    // one half of a credential pair
    assert_eq!(severity("aws-access-key-id"), Severity::Medium);
    assert_eq!(severity("aws-secret-access-key"), Severity::Critical);
    assert_eq!(severity("stripe-secret-key"), Severity::Critical);
    assert_eq!(severity("github-pat-classic"), Severity::High);
}

#[test]
fn covered_formats_name_rules_and_skipped_ones_say_why() {
    use crate::rule::{COVERED_FORMATS, SKIPPED_FORMATS};
    let scanner = Scanner::default();
    for (format, rule) in COVERED_FORMATS {
        assert!(scanner.rules().iter().any(|r| r.id == *rule), "{format}: covered by unknown rule {rule}");
    }
    for (format, reason) in SKIPPED_FORMATS {
        assert!(reason.len() > 20, "{format}: say why it has no rule");
        assert!(!COVERED_FORMATS.iter().any(|(f, _)| f == format), "{format}: skipped and covered");
    }
}

#[test]
fn the_generated_rule_list_is_up_to_date() {
    let committed = include_str!("../../../docs/rules.md");
    assert!(
        committed == rules_markdown(),
        "docs/rules.md is out of date: cargo run -p keyward-core --features catalogue-examples --example rules_doc > docs/rules.md"
    );
}
