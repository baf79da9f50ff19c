//! Microsoft's Marvin32 hash and the two Azure key layouts checked with it.
//!
//! Written by hand: no maintained `no_std` crate implements Marvin32, and the whole algorithm is
//! the 20 lines below (as specified in Microsoft's SymCrypt and .NET sources).

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use base64::Engine as _;

use super::encode_base62;

/// Marvin32 of `data` with a 64-bit `seed`: the full 64-bit state, high half `p1`, low half `p0`.
fn marvin64(data: &[u8], seed: u64) -> u64 {
    let (mut p0, mut p1) = (seed as u32, (seed >> 32) as u32);
    let mut blocks = data.chunks_exact(4);
    for block in &mut blocks {
        p0 = p0.wrapping_add(u32::from_le_bytes([block[0], block[1], block[2], block[3]]));
        mix(&mut p0, &mut p1);
    }
    // The tail (0-3 bytes) is padded with a single 0x80 byte, then zeros.
    let mut last = [0u8; 4];
    let tail = blocks.remainder();
    last[..tail.len()].copy_from_slice(tail);
    last[tail.len()] = 0x80;
    p0 = p0.wrapping_add(u32::from_le_bytes(last));
    mix(&mut p0, &mut p1);
    mix(&mut p0, &mut p1);
    (u64::from(p1) << 32) | u64::from(p0)
}

fn mix(p0: &mut u32, p1: &mut u32) {
    *p1 ^= *p0;
    *p0 = p0.rotate_left(20);
    *p0 = p0.wrapping_add(*p1);
    *p1 = p1.rotate_left(9);
    *p1 ^= *p0;
    *p0 = p0.rotate_left(27);
    *p0 = p0.wrapping_add(*p1);
    *p1 = p1.rotate_left(19);
}

/// The 32-bit Marvin value Azure embeds: high XOR low half of the 64-bit state.
fn marvin32(data: &[u8], seed: &[u8; 8]) -> u32 {
    let state = marvin64(data, u64::from_be_bytes(*seed));
    (state >> 32) as u32 ^ state as u32
}

/// Seed of CASK keys and of identifiable Storage account keys: ASCII `Default0`.
const DEFAULT_SEED: &[u8; 8] = b"Default0";

/// Azure "Common Annotated Security Key", 84 alphanumeric characters (Azure OpenAI, AI
/// Services): the last 4 characters are derived from Marvin32 of the 60 bytes that the first 80
/// characters decode to (as standard base64). The 4 result bytes, little-endian, are encoded as
/// one big-endian number in base62 and cut to 4 characters. Microsoft's validators also accept
/// the base64 of those bytes; whether the base62 form is zero-padded is not documented, so both
/// the plain and the 6-digit padded form are accepted (the fixed `JQQJ99` signature already
/// makes a false accept very unlikely).
pub(super) fn azure_cask(token: &[u8]) -> bool {
    if token.len() != 84 {
        return false;
    }
    let mut data = [0u8; 60];
    if STANDARD_NO_PAD.decode_slice(&token[..80], &mut data) != Ok(60) {
        return false;
    }
    let bytes = marvin32(&data, DEFAULT_SEED).to_le_bytes();
    let check = &token[80..];
    let padded = encode_base62::<6>(u64::from(u32::from_be_bytes(bytes)));
    // The unpadded form: leading zeros dropped, as long as 4 digits remain.
    let skip = padded.iter().take_while(|&&d| d == b'0').count().min(2);
    let mut base64 = [0u8; 8];
    let base64_form = STANDARD.encode_slice(bytes, &mut base64).is_ok() && base64[..4] == *check;
    padded[skip..skip + 4] == *check || padded[..4] == *check || base64_form
}

/// Azure 64-byte identifiable keys (88 base64 characters ending `==`): a service signature at
/// characters 76-79, then the 4-byte little-endian Marvin32 of the first 60 decoded bytes.
/// The seed depends on the service and key kind; a key passes if any of `seeds` verifies.
pub(super) fn azure_identifiable(token: &[u8], seeds: &[&[u8; 8]]) -> bool {
    if token.len() != 88 || &token[86..] != b"==" {
        return false;
    }
    // Room for the decoder's length estimate (66); a valid key decodes to exactly 64 bytes.
    let mut data = [0u8; 66];
    if STANDARD.decode_slice(token, &mut data) != Ok(64) {
        return false;
    }
    let (body, check) = (&data[..60], &data[60..64]);
    seeds.iter().any(|seed| marvin32(body, seed).to_le_bytes() == *check)
}

/// Storage account keys (`+ASt`).
pub(super) const STORAGE_SEEDS: &[&[u8; 8]] = &[DEFAULT_SEED];
/// Cosmos DB keys (`ACDb`): master read-write (`MastRW00`, verified against the catalogue's
/// example) and the read-only and resource-token kinds named the same way.
pub(super) const COSMOS_SEEDS: &[&[u8; 8]] = &[b"MastRW00", b"MastRO00", b"ResoRW00", b"ResoRO00"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marvin_reproduces_the_symcrypt_test_vector() {
        // SymCrypt's Marvin32 test vector, quoted in formats.md.
        assert_eq!(marvin64(b"abc", 0xd53c_d9ce_cd08_93b7), 0x22c7_4339_4927_69bf);
    }

    const OPENAI_CASK: &[u8] = b"jtDCVAx0thosDKXy5DF1HPIVmHBBK6Al1Etop1atOlszvNGfslx4JQQJ99CE6vKcf7jQTw3IAAABACOGgkFQ";
    const AI_SERVICES_CASK: &[u8] = b"7qpwwk0m5DknvwBrbZ4RWoYncCCHQss5FQi7OF7g9Nr62yQRTIUIJQQJ99CE6fISnV0oqzEBAAAAACOG22dW";
    const STORAGE: &[u8] = b"q5yY47NW9RZc5xUN4imW8Axt1OhmnvVQ5UlbYm4FFXKlKgL2xFoyRoCAY6Uhu8+9KjaTgjbpiYVk+AStsqd2hg==";
    const COSMOS: &[u8] = b"o+ah0gb4cHTYW7fiQGo+8j7uyvXLY/6vYJ9J7fqtYkq/2Q4ZF3cNS8m5/gOH9SUIOC88YoRfBCdNACDb7o1gXg==";

    /// `token` with the byte at `index` replaced by another character of the same alphabet.
    fn corrupt(token: &[u8], index: usize) -> alloc::vec::Vec<u8> {
        let mut out = token.to_vec();
        out[index] = if out[index] == b'A' { b'B' } else { b'A' };
        out
    }

    #[test]
    fn cask_keys_verify_and_corruptions_fail() {
        for key in [OPENAI_CASK, AI_SERVICES_CASK] {
            assert!(azure_cask(key));
            for index in [0, 30, 79, 80, 83] {
                assert!(!azure_cask(&corrupt(key, index)), "corrupted at {index}");
            }
            assert!(!azure_cask(&key[..83]));
        }
        // The base62 number is 0gkFQL: the example carries the unpadded form. For this body
        // (first character changed) it is 0LuJzD: both LuJz and 0LuJ are accepted.
        let body = b"0tDCVAx0thosDKXy5DF1HPIVmHBBK6Al1Etop1atOlszvNGfslx4JQQJ99CE6vKcf7jQTw3IAAABACOG";
        for check in [b"LuJz", b"0LuJ"] {
            assert!(azure_cask(&[&body[..], check].concat()));
        }
        assert!(!azure_cask(&[&body[..], b"uJzD"].concat()));
        // The same checksum bytes written in base64 (`JaXizQ==`) instead of base62.
        let mut base64_form = OPENAI_CASK[..80].to_vec();
        base64_form.extend_from_slice(b"JaXi");
        assert!(azure_cask(&base64_form));
    }

    #[test]
    fn identifiable_keys_verify_with_their_service_seed_only() {
        assert!(azure_identifiable(STORAGE, STORAGE_SEEDS));
        assert!(azure_identifiable(COSMOS, COSMOS_SEEDS));
        assert!(!azure_identifiable(COSMOS, STORAGE_SEEDS), "Cosmos keys use their own seeds");
        for index in [0, 40, 75, 81, 84] {
            assert!(!azure_identifiable(&corrupt(STORAGE, index), STORAGE_SEEDS), "corrupted at {index}");
        }
        assert!(!azure_identifiable(&STORAGE[..87], STORAGE_SEEDS));
    }
}
