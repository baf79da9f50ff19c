//! Offline checksums that providers embed in their tokens. A token whose checksum verifies is
//! reported as `high` confidence; one with the right prefix and a wrong checksum is dropped,
//! because a real token always verifies (a failing one is a typo, a truncation or made up).
//! (A checksummed rule therefore never reports an unverified token with its prefix; where a
//! legacy context rule exists, e.g. Azure `AccountKey=`, that rule can still report it.)

mod bech32;
mod marvin;

/// A checksum scheme, named in a rule's `checksum` field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Checksum {
    /// GitHub classic tokens and npm tokens: 4-char prefix + 30 base62 + CRC32 of those 30
    /// characters in base62 (`0-9A-Za-z`), 6 digits, most significant first.
    GithubCrc32,
    /// GitLab routable tokens (`glpat-`, `glrt-t1_`): `<prefix><payload>.<version>.<len><crc>`,
    /// or `<prefix><payload>.<len><crc>` from the first rollout. `<len>` is the payload length
    /// in base36 (2 chars); `<crc>` is the CRC32 of everything before it in base36 (7 chars).
    GitlabRoutable,
    /// Grafana service-account tokens: `glsa_` + 32 alnum + `_` + 8 hex, the hex being the CRC32
    /// of everything before the last `_`, its 4 bytes least-significant first.
    GrafanaCrc32,
    /// Azure 84-char Common Annotated Security Keys (Azure OpenAI, AI Services): Marvin32.
    AzureCask,
    /// Azure identifiable Storage account keys (`+ASt`): Marvin32 with the storage seed.
    AzureStorageMarvin32,
    /// Azure identifiable Cosmos DB keys (`ACDb`): Marvin32 with a per-key-kind seed.
    AzureCosmosMarvin32,
    /// Bech32 (BIP-173) strings such as age secret keys (`AGE-SECRET-KEY-1…`).
    Bech32,
}

const BASE62: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE36: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

impl Checksum {
    /// True when `token` (the whole matched secret) carries a valid checksum.
    pub fn verify(self, token: &[u8]) -> bool {
        match self {
            Checksum::GithubCrc32 => github_crc32(token),
            Checksum::GitlabRoutable => gitlab_routable(token),
            Checksum::GrafanaCrc32 => grafana_crc32(token),
            Checksum::AzureCask => marvin::azure_cask(token),
            Checksum::AzureStorageMarvin32 => marvin::azure_identifiable(token, marvin::STORAGE_SEEDS),
            Checksum::AzureCosmosMarvin32 => marvin::azure_identifiable(token, marvin::COSMOS_SEEDS),
            Checksum::Bech32 => bech32::verify(token),
        }
    }
}

fn grafana_crc32(token: &[u8]) -> bool {
    if token.len() != 46 || token[37] != b'_' {
        return false;
    }
    // The 4 CRC bytes least-significant first, as lowercase hex.
    let crc = crc32fast::hash(&token[..37]).swap_bytes();
    encode_digits::<8>(u64::from(crc), b"0123456789abcdef") == token[38..]
}

fn github_crc32(token: &[u8]) -> bool {
    if token.len() != 40 {
        return false;
    }
    let (random, check) = (&token[4..34], &token[34..]);
    encode_base62::<6>(crc32fast::hash(random) as u64) == *check
}

/// `value` in base62 (`0-9A-Za-z`), most significant digit first, left-padded with `0`.
fn encode_base62<const N: usize>(value: u64) -> [u8; N] {
    encode_digits(value, BASE62)
}

/// `value` written with `digits` (its length is the base), most significant digit first,
/// left-padded with the zero digit.
fn encode_digits<const N: usize>(mut value: u64, digits: &[u8]) -> [u8; N] {
    let base = digits.len() as u64;
    let mut out = [digits[0]; N];
    for slot in out.iter_mut().rev() {
        *slot = digits[(value % base) as usize];
        value /= base;
    }
    out
}

/// Checks both the CRC and the payload-length field, so a truncated payload whose tail happens
/// to look right is still refused. The prefix (`glpat-`, `glrt-t1_`, or a self-managed
/// instance's custom prefix) is whatever precedes the payload; it ends with `-` or `_`.
fn gitlab_routable(token: &[u8]) -> bool {
    const LEN_DIGITS: usize = 2;
    const CRC_DIGITS: usize = 7;
    const VERSION_DIGITS: usize = 2;
    let Some(last_dot) = token.iter().rposition(|&b| b == b'.') else { return false };
    let tail = &token[last_dot + 1..];
    if tail.len() != LEN_DIGITS + CRC_DIGITS {
        return false;
    }
    let (length_field, crc) = tail.split_at(LEN_DIGITS);
    let signed = &token[..token.len() - CRC_DIGITS];
    if encode_digits::<CRC_DIGITS>(u64::from(crc32fast::hash(signed)), BASE36) != *crc {
        return false;
    }
    let head = &token[..last_dot];
    let payload_end = match head.iter().rposition(|&b| b == b'.') {
        Some(dot) if head.len() - dot - 1 == VERSION_DIGITS => dot,
        Some(_) => return false,
        None => head.len(),
    };
    let Some(payload_len) = decode_base36(length_field) else { return false };
    payload_len > 0
        && payload_len < payload_end
        && matches!(token[payload_end - payload_len - 1], b'-' | b'_')
}

/// Lowercase base36 digits to a number; `None` for any other byte.
fn decode_base36(digits: &[u8]) -> Option<usize> {
    digits.iter().try_fold(0usize, |value, &d| {
        let digit = BASE36.iter().position(|&b| b == d)?;
        Some(value * 36 + digit)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    #[test]
    fn base62_matches_published_reference_vector() {
        // From formats.md: the 30 random characters `zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ` -> `0mLq17`.
        let crc = crc32fast::hash(b"zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ");
        assert_eq!(&encode_base62::<6>(crc as u64), b"0mLq17");
    }

    #[test]
    fn grafana_checksum_accepts_valid_and_rejects_corrupted() {
        // formats.json's example (checksum-valid).
        let valid = b"glsa_jnO7j8EaYJS8u0gv5rifq3IAlySoK4yV_452eb04a";
        assert!(Checksum::GrafanaCrc32.verify(valid));
        for index in [5, 20, 36, 40, 45] {
            let mut corrupted = *valid;
            corrupted[index] = if corrupted[index] == b'a' { b'b' } else { b'a' };
            assert!(!Checksum::GrafanaCrc32.verify(&corrupted), "corrupted at {index}");
        }
        let upper_hex = b"glsa_jnO7j8EaYJS8u0gv5rifq3IAlySoK4yV_452EB04A";
        assert!(!Checksum::GrafanaCrc32.verify(upper_hex), "Grafana writes lowercase hex");
        assert!(!Checksum::GrafanaCrc32.verify(&valid[..45]));
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

    /// Example token from GitLab's own detection rule (first rollout, no version segment).
    const GITLAB_UNVERSIONED: &str = "glpat-bzox79Of-KE9FD2LjoXXF4CvyxA.0r03gxo7s";
    /// formats.json's generated example in the current form (version `01`).
    const GITLAB_VERSIONED: &str =
        "glpat-Yzo5NTlqazhuMgpvOjM5ZGR2agp1Ojh6YWZoZgpzZqiEpULV6McSXGszXW9t.01.1o1wjvtms";

    /// `token` with the byte at `index` replaced by another byte (`a`, or `b` where it was `a`).
    fn flipped(token: &str, index: usize) -> Vec<u8> {
        let mut bytes = token.as_bytes().to_vec();
        bytes[index] = if bytes[index] == b'a' { b'b' } else { b'a' };
        bytes
    }

    #[test]
    fn gitlab_routable_accepts_both_published_forms() {
        assert!(Checksum::GitlabRoutable.verify(GITLAB_UNVERSIONED.as_bytes()));
        assert!(Checksum::GitlabRoutable.verify(GITLAB_VERSIONED.as_bytes()));
    }

    /// Runner tokens use the scheme with a `glrt-t<N>_` prefix, which the CRC covers.
    #[test]
    fn gitlab_routable_covers_runner_tokens_and_their_prefix() {
        let runner = "glrt-t1_YzoxCm86OWYyawp1OnQ3cQqOP6HEe5DSXmoT-MTXsukKXGHzuNSn.01.1g0ib8xgn";
        assert!(Checksum::GitlabRoutable.verify(runner.as_bytes()));
        assert!(!Checksum::GitlabRoutable.verify(runner.replace("glrt-t1_", "glrt-t2_").as_bytes()));
    }

    #[test]
    fn gitlab_routable_rejects_any_single_changed_character() {
        for token in [GITLAB_UNVERSIONED, GITLAB_VERSIONED] {
            for index in 0..token.len() {
                assert!(!Checksum::GitlabRoutable.verify(&flipped(token, index)), "{token} @ {index}");
            }
        }
    }

    #[test]
    fn gitlab_routable_rejects_truncated_and_extended_tokens() {
        for token in [GITLAB_UNVERSIONED, GITLAB_VERSIONED] {
            let bytes = token.as_bytes();
            for cut in 0..bytes.len() {
                assert!(!Checksum::GitlabRoutable.verify(&bytes[..cut]), "{token} cut at {cut}");
                assert!(!Checksum::GitlabRoutable.verify(&bytes[cut + 1..]), "{token} from {}", cut + 1);
            }
            let mut longer = bytes.to_vec();
            longer.push(b'0');
            assert!(!Checksum::GitlabRoutable.verify(&longer));
        }
    }

    /// A payload cut short with a freshly computed CRC passes the CRC but not the length field.
    #[test]
    fn gitlab_routable_checks_the_length_field() {
        let signed = "glpat-bzox79Of-KE9FD2LjoXXF4Cvyx.0r";
        let crc = encode_digits::<7>(u64::from(crc32fast::hash(signed.as_bytes())), BASE36);
        let mut forged = signed.as_bytes().to_vec();
        forged.extend_from_slice(&crc);
        assert!(!Checksum::GitlabRoutable.verify(&forged));
        // The same construction with the right length field does verify.
        let signed = "glpat-bzox79Of-KE9FD2LjoXXF4Cvyx.0q";
        let crc = encode_digits::<7>(u64::from(crc32fast::hash(signed.as_bytes())), BASE36);
        let mut fixed = signed.as_bytes().to_vec();
        fixed.extend_from_slice(&crc);
        assert!(Checksum::GitlabRoutable.verify(&fixed));
    }
}
