//! The built-in catalogue on arbitrary bytes: every finding's span, line, column and UTF-16
//! range are consistent (`check_findings`), and appending an unrelated line changes nothing.
#![no_main]

#[path = "../../crates/keyward-core/tests/invariants/mod.rs"]
mod invariants;

use std::sync::LazyLock;

use keyward_core::Scanner;
use libfuzzer_sys::fuzz_target;

static SCANNER: LazyLock<Scanner> = LazyLock::new(Scanner::default);

fuzz_target!(|text: &[u8]| {
    let findings = SCANNER.scan(text);
    invariants::check_findings(text, &findings);
    invariants::check_append_is_unrelated(&SCANNER, text);
});
