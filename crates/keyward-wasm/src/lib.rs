//! keyward's JS API (DESIGN.md): `scan`, `new Scanner(config)`, `rules`, `redact`, over
//! keyward-core compiled to WebAssembly.
//!
//! Every bad argument is checked here and thrown as a JS `Error` whose message names the
//! argument, so callers never see a wasm trap and a scanner stays usable after an error.

mod args;
mod output;

use std::sync::{Once, OnceLock};

use keyward_core::Scanner as CoreScanner;
use wasm_bindgen::prelude::*;

use args::{config_from_js, options_from_js, string_from_js, text_from_js, ScanOptions};

/// Every scanner is built through here or `default_scanner`, so the hook is in place before any
/// code that could panic runs (a `#[wasm_bindgen(start)]` function would be exported to JS).
fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            console_error_panic_hook::hook(info);
            output::throw_internal_error(&info.to_string());
        }))
    });
}

/// The built-in catalogue, compiled on first use and shared by the free functions.
fn default_scanner() -> &'static CoreScanner {
    static SCANNER: OnceLock<CoreScanner> = OnceLock::new();
    SCANNER.get_or_init(|| {
        install_panic_hook();
        CoreScanner::default()
    })
}

fn scan_with(scanner: &CoreScanner, text: JsValue, options: JsValue, call: &str) -> Result<JsValue, JsError> {
    let text = text_from_js(&text, call)?;
    let ScanOptions { min_confidence, include_secret } = options_from_js(options, call)?;
    // Capped before `minConfidence` filters: past the cap, a filtered result may hold fewer.
    let (mut findings, stats) = scanner.scan_with_limit(&text, output::MAX_FINDINGS);
    if let Some(min) = min_confidence {
        findings.retain(|f| f.confidence >= min);
    }
    output::findings_to_js(&findings, &text, include_secret, stats.truncated)
}

/// `scan(text, {minConfidence?, includeSecret?}) -> Finding[]` with the built-in rules; `text` a
/// string or a `Uint8Array` of UTF-8.
#[wasm_bindgen]
pub fn scan(text: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    scan_with(default_scanner(), text, options, "scan")
}

/// `rules() -> RuleInfo[]`: the built-in catalogue.
#[wasm_bindgen]
pub fn rules() -> Result<JsValue, JsError> {
    output::rules_to_js(default_scanner().rules())
}

/// `precompile(from, count) -> number`: compiles `count` built-in rules from index `from` (of
/// `rules()`) now rather than on their first hit, so that a page or an editor can do it while
/// idle, in slices short enough to let a scan through. Returns the index after the last rule
/// compiled: `rules().length` once all are.
#[wasm_bindgen]
pub fn precompile(from: u32, count: u32) -> u32 {
    let scanner = default_scanner();
    let end = (from as usize).saturating_add(count as usize).min(scanner.rules().len());
    // Built-in patterns all compile (the catalogue test checks each one).
    let _ = scanner.compile_rules(from as usize..end);
    end as u32
}

/// `redact(text) -> string`: the text with every secret replaced by its redacted form.
#[wasm_bindgen]
pub fn redact(text: JsValue) -> Result<String, JsError> {
    Ok(default_scanner().redact(&string_from_js(&text, "redact")?))
}

/// A scanner with its own configuration (disabled rules, custom rules, allow patterns).
#[wasm_bindgen]
pub struct Scanner {
    inner: CoreScanner,
}

#[wasm_bindgen]
impl Scanner {
    /// `new Scanner({disable?, customRules?, allow?, allowFingerprints?, minConfidence?})`.
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue) -> Result<Scanner, JsError> {
        install_panic_hook();
        let inner = CoreScanner::new(config_from_js(config)?)
            .map_err(|e| JsError::new(&format!("keyward: new Scanner(): {e}")))?;
        Ok(Scanner { inner })
    }

    /// `scanner.scan(text, {minConfidence?, includeSecret?}) -> Finding[]`.
    pub fn scan(&self, text: JsValue, options: JsValue) -> Result<JsValue, JsError> {
        scan_with(&self.inner, text, options, "Scanner.scan")
    }

    /// The active rules: built-in minus disabled, then custom.
    pub fn rules(&self) -> Result<JsValue, JsError> {
        output::rules_to_js(self.inner.rules())
    }

    /// `scanner.redact(text) -> string`, with this scanner's rules.
    pub fn redact(&self, text: JsValue) -> Result<String, JsError> {
        Ok(self.inner.redact(&string_from_js(&text, "Scanner.redact")?))
    }
}
