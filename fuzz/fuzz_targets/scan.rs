//! The built-in catalogue on arbitrary bytes: counted work within the linear bound, every
//! finding's span, line, column and UTF-16 range consistent (`scan_checked`), and appending an
//! unrelated line changes nothing.
#![no_main]

#[path = "../../crates/keyward-core/tests/invariants/mod.rs"]
mod invariants;

use std::sync::LazyLock;

use keyward_core::Scanner;
use libfuzzer_sys::fuzz_target;

static SCANNER: LazyLock<Scanner> = LazyLock::new(Scanner::default);

fuzz_target!(|text: &[u8]| {
    invariants::scan_checked(&SCANNER, text);
    invariants::check_append_is_unrelated(&SCANNER, text);
});
