//! Offline checksums that providers embed in their tokens. A token whose checksum verifies is
//! reported as `high` confidence; one with the right prefix and a wrong checksum is dropped,
//! because a real token always verifies (a failing one is a typo, a truncation or made up).

/// A checksum scheme, named in a rule's `checksum` field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Checksum {
    /// GitHub classic tokens and npm tokens: 4-char prefix + 30 base62 + CRC32 of those 30
    /// characters in base62 (`0-9A-Za-z`), 6 digits, most significant first.
    GithubCrc32,
}

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

impl Checksum {
    /// True when `token` (the whole matched secret) carries a valid checksum.
    pub fn verify(self, token: &[u8]) -> bool {
        match self {
            Checksum::GithubCrc32 => github_crc32(token),
        }
    }
}

fn github_crc32(token: &[u8]) -> bool {
    if token.len() != 40 {
        return false;
    }
    let (random, check) = (&token[4..34], &token[34..]);
    encode_base62::<6>(crc32fast::hash(random) as u64) == *check
}

/// `value` in base62 (`0-9A-Za-z`), most significant digit first, left-padded with `0`.
fn encode_base62<const N: usize>(mut value: u64) -> [u8; N] {
    let mut out = [b'0'; N];
    for slot in out.iter_mut().rev() {
        *slot = BASE62[(value % 62) as usize];
        value /= 62;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base62_matches_published_reference_vector() {
        // From formats.md: the 30 random characters `zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ` -> `0mLq17`.
        let crc = crc32fast::hash(b"zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ");
        assert_eq!(&encode_base62::<6>(crc as u64), b"0mLq17");
    }

    #[test]
    fn github_checksum_accepts_valid_and_rejects_corrupted() {
        let valid = b"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";
        assert!(Checksum::GithubCrc32.verify(valid));
        let mut corrupted = *valid;
        corrupted[10] ^= 1;
        assert!(!Checksum::GithubCrc32.verify(&corrupted));
        assert!(!Checksum::GithubCrc32.verify(&valid[..39]));
    }
}
