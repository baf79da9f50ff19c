//! Bech32 (BIP-173) checksum verification, for age secret keys.
//!
//! Written by hand instead of using the `bech32` crate: verification alone is the 15-line
//! polymod below, needs no allocation, and keeps the wasm build free of another dependency.

const CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const GENERATOR: [u32; 5] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3];

fn polymod_step(checksum: u32, value: u8) -> u32 {
    let top = checksum >> 25;
    let mut next = ((checksum & 0x01ff_ffff) << 5) ^ u32::from(value);
    for (bit, generator) in GENERATOR.iter().enumerate() {
        if (top >> bit) & 1 == 1 {
            next ^= generator;
        }
    }
    next
}

/// True when `text` is valid Bech32 (original constant 1, not Bech32m), compared
/// case-insensitively but not mixed-case: human-readable part, the separator `1` (the last one),
/// data characters whose last 6 are the BCH checksum.
pub(super) fn verify(text: &[u8]) -> bool {
    let lower = text.iter().all(|b| !b.is_ascii_uppercase());
    let upper = text.iter().all(|b| !b.is_ascii_lowercase());
    let Some(separator) = text.iter().rposition(|&b| b == b'1') else { return false };
    let (hrp, data) = (&text[..separator], &text[separator + 1..]);
    if !(lower || upper) || hrp.is_empty() || data.len() < 6 || text.len() > 90 {
        return false;
    }
    let mut checksum = 1;
    for &c in hrp {
        checksum = polymod_step(checksum, c.to_ascii_lowercase() >> 5);
    }
    checksum = polymod_step(checksum, 0);
    for &c in hrp {
        checksum = polymod_step(checksum, c.to_ascii_lowercase() & 31);
    }
    for &c in data {
        let Some(value) = CHARSET.iter().position(|&x| x == c.to_ascii_lowercase()) else { return false };
        checksum = polymod_step(checksum, value as u8);
    }
    checksum == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const AGE_KEY: &[u8] = b"AGE-SECRET-KEY-1EZA9TYSRQ0RH3PES2KP8HPQCGWKH7ANFFFFY2R99V74GDHERVLJQEA6QTX";

    #[test]
    fn bip173_vectors_and_age_key_verify() {
        // Valid strings from BIP-173's test vectors.
        assert!(verify(b"A12UEL5L"));
        assert!(verify(b"abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw"));
        assert!(verify(AGE_KEY));
        assert!(verify(&AGE_KEY.to_ascii_lowercase()));
    }

    #[test]
    fn corrupted_mixed_case_and_bech32m_fail() {
        let mut corrupted = AGE_KEY.to_vec();
        corrupted[40] = if corrupted[40] == b'Q' { b'P' } else { b'Q' };
        assert!(!verify(&corrupted));
        assert!(!verify(&AGE_KEY[..AGE_KEY.len() - 1]));
        let mut mixed = AGE_KEY.to_vec();
        mixed[20] = mixed[20].to_ascii_lowercase();
        assert!(!verify(&mixed));
        // A valid Bech32m string (BIP-350 vector) is not valid Bech32.
        assert!(!verify(b"a1lqfn3a"));
        assert!(!verify(b"AGE-SECRET-KEY-1"));
    }
}
