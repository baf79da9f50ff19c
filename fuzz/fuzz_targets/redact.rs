//! `Scanner::redact` on arbitrary text: the findings' spans replaced by their redacted forms,
//! and no reported secret left anywhere in the output.
#![no_main]

#[path = "../../crates/keyward-core/tests/invariants/mod.rs"]
mod invariants;

use std::sync::LazyLock;

use keyward_core::Scanner;
use libfuzzer_sys::fuzz_target;

static SCANNER: LazyLock<Scanner> = LazyLock::new(Scanner::default);

fuzz_target!(|text: &str| {
    invariants::check_redact(&SCANNER, text);
});
