//! Rust values to plain JS objects: findings (with JS string indices), rule descriptions, and
//! panics turned into thrown errors.

use std::borrow::Cow;

use keyward_core::{Finding, Rule};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// At most this many findings come back from one call, so a hostile text (a dump with a
/// million keys) cannot grow the wasm memory and the JS heap per key; the array then says
/// `truncated`.
pub const MAX_FINDINGS: usize = 10_000;

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
    /// `null` when no key-management page is known, as in the Finding.
    revoke_url: Option<&'a str>,
    env_var: &'a str,
    confidence: &'a str,
    severity: &'a str,
    custom: bool,
}

/// Plain objects and arrays through one JSON text and one `JSON.parse`: building each object
/// field by field across the wasm boundary (serde-wasm-bindgen) took ~30 µs a finding.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    let json = serde_json::to_string(value)
        .map_err(|e| JsError::new(&format!("keyward: internal error converting a result: {e}")))?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("keyward: internal error parsing a result"))
}

/// The findings as a JS array carrying a non-enumerable boolean `truncated` (the scan hit a cap:
/// findings may be missing).
pub fn findings_to_js(findings: &[Finding], text: &[u8], include_secret: bool, truncated: bool) -> Result<JsValue, JsError> {
    let out: Vec<JsFinding> = findings
        .iter()
        .map(|finding| JsFinding {
            finding,
            start_index: finding.start_utf16,
            end_index: finding.end_utf16,
            secret: include_secret.then(|| String::from_utf8_lossy(finding.secret(text))),
        })
        .collect();
    let array = to_js(&out)?;
    let descriptor = js_sys::Object::new();
    js_sys::Reflect::set(&descriptor, &JsValue::from_str("value"), &JsValue::from_bool(truncated)).ok();
    js_sys::Object::define_property(array.unchecked_ref::<js_sys::Object>(), &JsValue::from_str("truncated"), &descriptor);
    Ok(array)
}

pub fn rules_to_js(rules: &[Rule]) -> Result<JsValue, JsError> {
    let out: Vec<RuleInfo> = rules
        .iter()
        .map(|rule| RuleInfo {
            id: &rule.id,
            provider: &rule.provider,
            title: &rule.title,
            category: &rule.category,
            revoke_url: Some(&*rule.revoke_url).filter(|url| !url.is_empty()),
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
