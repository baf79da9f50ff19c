//! Reading JS arguments: type checks and option objects, each failure a clear message that
//! names the function and the argument.

use keyward_core::{Confidence, CustomRule, ScannerConfig};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

/// Options of `scan()` and `Scanner.scan()`.
#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScanOptions {
    #[serde(default)]
    pub min_confidence: Option<Confidence>,
    #[serde(default)]
    pub include_secret: bool,
}

/// The `new Scanner(config)` object: keyward-core's `ScannerConfig` in camelCase.
#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JsScannerConfig {
    #[serde(default)]
    disable: Vec<String>,
    #[serde(default)]
    custom_rules: Vec<CustomRule>,
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default)]
    allow_fingerprints: Vec<String>,
    #[serde(default)]
    min_confidence: Option<Confidence>,
}

/// `typeof value`, with `null` and arrays told apart, for error messages.
fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(value) {
        "array".into()
    } else if js_sys::ArrayBuffer::is_view(value) || value.is_instance_of::<js_sys::ArrayBuffer>() {
        // `Uint16Array`, `DataView`, `ArrayBuffer`: say which, "object" would not help.
        js_sys::Reflect::get(value, &"constructor".into())
            .and_then(|c| js_sys::Reflect::get(&c, &"name".into()))
            .ok()
            .and_then(|name| name.as_string())
            .unwrap_or_else(|| "object".into())
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

/// The bytes to scan: a string's UTF-8, or the bytes given as a `Uint8Array` (Node's `Buffer`
/// is one), scanned as they are, as the CLI scans a file. Bytes skip V8's conversion of a
/// string to UTF-8, a fifth of a wasm scan for a text with any character beyond Latin-1, and the
/// decoding that made them a string (bench/wasm-bench.mjs).
pub fn text_from_js(text: &JsValue, call: &str) -> Result<Vec<u8>, JsError> {
    if let Some(text) = text.as_string() {
        return Ok(text.into_bytes());
    }
    match text.dyn_ref::<js_sys::Uint8Array>() {
        // A detached buffer's view has length 0 and cannot be copied from: it is an empty text.
        Some(bytes) if bytes.length() == 0 => Ok(Vec::new()),
        Some(bytes) => Ok(bytes.to_vec()),
        None => Err(JsError::new(&format!("keyward: {call}(): `text` must be a string or a Uint8Array, got {}", type_name(text)))),
    }
}

/// [`text_from_js`] as a string, for calls that return the text: bytes read as UTF-8 the way
/// `new TextDecoder('utf-8', { ignoreBOM: true })` reads them (invalid sequences replaced by U+FFFD).
pub fn string_from_js(text: &JsValue, call: &str) -> Result<String, JsError> {
    let bytes = text_from_js(text, call)?;
    Ok(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

const SCAN_OPTIONS: &[&str] = &["minConfidence", "includeSecret"];
const SCANNER_CONFIG: &[&str] = &["disable", "customRules", "allow", "allowFingerprints", "minConfidence"];
const CUSTOM_RULE: &[&str] = &[
    "id",
    "pattern",
    "regex",
    "keywords",
    "title",
    "provider",
    "confidence",
    "severity",
    "revokeUrl",
    "reportPlaceholders",
];

/// serde-wasm-bindgen reads only the fields it knows, so a misspelt option would be silently
/// ignored; this refuses it instead.
fn check_keys(object: &JsValue, allowed: &[&str], what: &str) -> Result<(), JsError> {
    let keys = js_sys::Object::keys(object.unchecked_ref::<js_sys::Object>());
    match keys.iter().filter_map(|k| k.as_string()).find(|k| !allowed.contains(&k.as_str())) {
        Some(unknown) => Err(JsError::new(&format!(
            "keyward: unknown {what} `{unknown}` (expected one of: {})",
            allowed.join(", ")
        ))),
        None => Ok(()),
    }
}

fn is_plain_object(value: &JsValue) -> bool {
    value.is_object() && !js_sys::Array::is_array(value)
}

/// Deserializes an optional plain-object argument; `undefined` and `null` mean the defaults.
fn object_from_js<T: Default + for<'de> Deserialize<'de>>(
    value: JsValue,
    allowed: &[&str],
    what: &str,
) -> Result<T, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    if !is_plain_object(&value) {
        return Err(JsError::new(&format!("keyward: {what} must be an object, got {}", type_name(&value))));
    }
    check_keys(&value, allowed, &format!("{what} field"))?;
    serde_wasm_bindgen::from_value(value).map_err(|e| {
        let message = e.to_string();
        JsError::new(&format!("keyward: invalid {what}: {}", message.trim_start_matches("Error: ")))
    })
}

pub fn options_from_js(options: JsValue, call: &str) -> Result<ScanOptions, JsError> {
    object_from_js(options, SCAN_OPTIONS, &format!("{call}() options"))
}

fn field(object: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// serde-wasm-bindgen's message for a non-array list is a bare `TypeError`; say what was meant.
fn check_lists(object: &JsValue, names: &[&str], what: &str) -> Result<(), JsError> {
    for name in names {
        let value = field(object, name);
        if !value.is_undefined() && !js_sys::Array::is_array(&value) {
            return Err(JsError::new(&format!("keyward: {what}: `{name}` must be an array, got {}", type_name(&value))));
        }
    }
    Ok(())
}

/// The config's lists, and each `customRules` entry, have the right shape (checked before serde reads them).
fn check_config_shape(config: &JsValue) -> Result<(), JsError> {
    let what = "new Scanner() config";
    check_lists(config, &["disable", "customRules", "allow", "allowFingerprints"], what)?;
    let rules = field(config, "customRules");
    if rules.is_undefined() {
        return Ok(());
    }
    for (index, rule) in js_sys::Array::from(&rules).iter().enumerate() {
        let what = format!("{what}: customRules[{index}]");
        if !is_plain_object(&rule) {
            return Err(JsError::new(&format!("keyward: {what} must be an object, got {}", type_name(&rule))));
        }
        check_keys(&rule, CUSTOM_RULE, &format!("{what} field"))?;
        check_lists(&rule, &["keywords"], &what)?;
    }
    Ok(())
}

pub fn config_from_js(config: JsValue) -> Result<ScannerConfig, JsError> {
    if is_plain_object(&config) {
        check_config_shape(&config)?;
    }
    let JsScannerConfig { disable, custom_rules, allow, allow_fingerprints, min_confidence } =
        object_from_js(config, SCANNER_CONFIG, "new Scanner() config")?;
    Ok(ScannerConfig { disable, custom_rules, allow, allow_fingerprints, min_confidence })
}
