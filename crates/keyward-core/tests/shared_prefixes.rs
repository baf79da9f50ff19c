//! Formats that share a prefix or a shape (formats.md "Ambiguous formats"): which rule reports
//! what, decided on purpose and checked through the public API, whole-scanner, as users run it.

use keyward_core::{Confidence, Scanner};

/// Stripe's current secret-key length: `sk_live_` + 99.
const STRIPE_CURRENT: &str = concat!(
    "sk_live_",
    "51rOq1NhEHUICKUwuYAQ4Bp1lVdCNwqJEnaIwdapZ4eTbBXGmczjCprmLXimfIC9R5A8ze8p0bsKoL4g4d73y6zh4918MChrrLy"
);
/// Clerk's length: `sk_live_` + 32, neither of Stripe's lengths (24, 99).
const CLERK: &str = concat!("sk_live_", "vUwHl8MbKryd660WKE4hV4r4oqduzk2s");

/// (rule id, secret) of every finding, in order.
fn findings(text: &str) -> Vec<(String, String)> {
    Scanner::default()
        .scan(text.as_bytes())
        .iter()
        .map(|f| (f.rule.id.to_string(), text[f.start..f.end].to_string()))
        .collect()
}

fn only(text: &str, rule: &str, secret: &str) {
    assert_eq!(findings(text), vec![(rule.to_string(), secret.to_string())], "in {text:?}");
}

#[test]
fn stripe_lengths_are_stripe_even_next_to_clerk_names() {
    only(&format!("STRIPE_SECRET_KEY={STRIPE_CURRENT}\n"), "stripe-secret-key", STRIPE_CURRENT);
    only(&format!("CLERK_SECRET_KEY={STRIPE_CURRENT}\n"), "stripe-secret-key", STRIPE_CURRENT);
}

#[test]
fn clerk_keys_need_clerk_context() {
    only(&format!("CLERK_SECRET_KEY={CLERK}\n"), "clerk-secret-key", CLERK);
    // Without context no provider rule claims it: at most the generic rule, at low confidence.
    let scanner = Scanner::default();
    let bare = format!("const k = \"{CLERK}\";\n");
    assert!(scanner.scan(bare.as_bytes()).is_empty());
    let assigned = format!("SECRET_KEY={CLERK}\n");
    let found = scanner.scan(assigned.as_bytes());
    assert!(found.iter().all(|f| f.rule.id == "generic-secret-assignment" && f.confidence == Confidence::Low));
}

#[test]
fn publishable_keys_are_never_reported() {
    let publishable = STRIPE_CURRENT.replacen("sk_", "pk_", 1);
    for text in [
        format!("STRIPE_PUBLISHABLE_KEY={publishable}\n"),
        format!("stripe_key: {publishable}\n"),
        format!("Stripe('{publishable}')\n"),
        "NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_Y2xlcmsuZXhhbXBsZS1hcHAuY29tJA\n".to_string(),
        "MAPBOX_TOKEN=pk.eyJ1IjoiYWNtZS1tYXBzIiwiYSI6Im8wMGNteW9qcTVkYXFjcDBzN28xNzBqaHgifQ.gwEvD6vdd0VJh3swSClM8z\n"
            .to_string(),
    ] {
        assert_eq!(findings(&text), vec![], "in {text:?}");
    }
}

#[test]
fn square_and_meta_share_eaa_but_not_length() {
    let square = concat!("EAAA", "UczWEXrnbZCF51cchKXOF1ZWN8lB6YJsaW3lteaFYNIkY1yI56dO5cL64eDY");
    only(&format!("SQUARE_ACCESS_TOKEN={square}\n"), "square-access-token", square);
    let meta = concat!(
        "EAAG",
        "mwJEdhAj3ET1zWSzYPR28wwcIeWYt5WzYpzArpFEUgvwbZ6Oe46M7u7fWFK24GxlSjQ1jWcm2RrVzRbjQRDdiUK357eYCJByBbxC0So"
    );
    only(&format!("FACEBOOK_ACCESS_TOKEN={meta}\n"), "facebook-access-token", meta);
}

#[test]
fn gitlab_legacy_and_routable_tokens_get_one_rule_each() {
    let legacy = concat!("glpat-", "jrO0xFOJ178MZw8Fiw8K");
    only(&format!("GITLAB_TOKEN={legacy}\n"), "gitlab-pat", legacy);
    let routable = concat!("glpat-", "bzox79Of-KE9FD2LjoXXF4CvyxA", ".0r03gxo7s");
    only(&format!("GITLAB_TOKEN={routable}\n"), "gitlab-pat-routable", routable);
    // A routable token with a broken CRC is dropped, not demoted to the legacy rule (only the
    // generic rule may still see a random value assigned to a token name).
    let broken = routable.replace("03gxo7s", "03gxo7t");
    assert!(findings(&format!("GITLAB_TOKEN={broken}\n")).iter().all(|(rule, _)| !rule.starts_with("gitlab")));
    assert_eq!(findings(&format!("found {broken} in the log\n")), vec![]);
}
