//! Byte offsets to lines, UTF-16 columns and indices (`keyward_core::position`) on arbitrary
//! bytes, against a naive count: the first bytes of the input pick the offsets asked for.
#![no_main]

#[path = "../../crates/keyward-core/tests/invariants/mod.rs"]
mod invariants;

use keyward_core::position::{utf16_len, PositionCursor};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (Vec<u16>, &[u8])| {
    let (picks, text) = input;
    let mut offsets: Vec<usize> = picks.iter().map(|&p| usize::from(p) % (text.len() + 1)).collect();
    offsets.sort_unstable();
    let mut cursor = PositionCursor::new(text);
    for offset in offsets {
        let position = cursor.position(offset);
        let line = 1 + text[..offset].iter().filter(|&&b| b == b'\n').count();
        assert_eq!(position.line, line, "line at {offset}");
        assert_eq!(position.utf16_index, utf16_len(&text[..offset]), "UTF-16 index at {offset}");
        if let Some(naive) = invariants::naive_position(text, offset) {
            assert_eq!((position.line, position.column, position.utf16_index), naive, "at {offset}");
        }
    }
});
