//! The catalogue test: every rule's examples must be reported by that rule (by the full
//! scanner, as users run it), its negatives must not, and every bare-token example must also be
//! found, with the exact same span, in the places keys really appear.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

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

#[test]
fn catalogue_is_consistent() {
    let scanner = Scanner::default();
    scanner.compile_all().expect("every built-in pattern compiles in the shipped configuration");
    for rule in scanner.rules() {
        assert!(!rule.title.is_empty() && !rule.provider.is_empty(), "{}", rule.id);
        assert!(!rule.revoke_url.is_empty(), "{}: revoke_url", rule.id);
    }
}
