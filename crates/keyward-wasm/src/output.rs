//! Rust values to plain JS objects: findings (with JS string indices), rule descriptions, and
//! panics turned into thrown errors.

use std::borrow::Cow;

use keyward_core::{Finding, Rule};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// DESIGN.md's Finding plus its span as JS string indices and, on request, the secret.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JsFinding<'a> {
    #[serde(flatten)]
    finding: &'a Finding<'a>,
    start_index: usize,
    end_index: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    secret: Option<Cow<'a, str>>,
}

/// What `rules()` tells about a rule (never its pattern).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleInfo<'a> {
    id: &'a str,
    provider: &'a str,
    title: &'a str,
    category: &'a str,
    revoke_url: &'a str,
    env_var: &'a str,
    confidence: &'a str,
    severity: &'a str,
    custom: bool,
}

/// Plain objects and arrays (not `Map`s), numbers as numbers.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("keyward: internal error converting a result: {e}")))
}

pub fn findings_to_js<'a>(
    findings: impl Iterator<Item = &'a Finding<'a>>,
    text: &str,
    include_secret: bool,
) -> Result<JsValue, JsError> {
    let out: Vec<JsFinding> = findings
        .map(|finding| JsFinding {
            finding,
            start_index: finding.start_utf16,
            end_index: finding.end_utf16,
            secret: include_secret.then(|| String::from_utf8_lossy(finding.secret(text.as_bytes()))),
        })
        .collect();
    to_js(&out)
}

pub fn rules_to_js(rules: &[Rule]) -> Result<JsValue, JsError> {
    let out: Vec<RuleInfo> = rules
        .iter()
        .map(|rule| RuleInfo {
            id: &rule.id,
            provider: &rule.provider,
            title: &rule.title,
            category: &rule.category,
            revoke_url: &rule.revoke_url,
            env_var: &rule.env_var,
            confidence: rule.confidence.as_str(),
            severity: rule.severity.as_str(),
            custom: rule.is_custom(),
        })
        .collect();
    to_js(&out)
}

/// Called by the panic hook after logging: throws a JS `Error` instead of letting the abort
/// surface as a bare `RuntimeError: unreachable`.
pub fn throw_internal_error(panic: &str) -> ! {
    wasm_bindgen::throw_str(&format!("keyward: internal error (please report): {panic}"))
}
