//! The one Finding shape (DESIGN.md), its redacted form and its fingerprint.

use alloc::string::String;

use sha2::{Digest, Sha256};

use crate::rule::{Anchor, Confidence, Rule};

/// A secret found in the input. The secret itself is not stored: `input[start..end]` is it.
#[derive(Clone, Debug)]
pub struct Finding<'r> {
    pub rule: &'r Rule,
    pub confidence: Confidence,
    /// Byte offsets of the secret in the input.
    pub start: usize,
    pub end: usize,
    /// 1-based line of the first byte.
    pub line: usize,
    /// 1-based column of the first byte, in UTF-16 code units.
    pub column: usize,
    pub end_line: usize,
    /// Column just after the secret (exclusive), in UTF-16 code units.
    pub end_column: usize,
    /// The secret's span as UTF-16 indices of the whole input (JS `String.slice` indices).
    pub start_utf16: usize,
    pub end_utf16: usize,
    /// Safe to print: the rule's prefix, an ellipsis and at most four trailing characters.
    pub redacted: String,
    /// Hex SHA-256 of the rule id and the secret, truncated to 128 bits; stable across runs.
    pub fingerprint: String,
}

impl Finding<'_> {
    /// The secret's bytes in the scanned input.
    pub fn secret<'h>(&self, input: &'h [u8]) -> &'h [u8] {
        &input[self.start..self.end]
    }
}

/// Hex of the first 16 bytes of SHA-256(rule id, NUL, secret).
pub fn fingerprint(rule_id: &str, secret: &[u8]) -> String {
    let digest = Sha256::new().chain_update(rule_id.as_bytes()).chain_update([0]).chain_update(secret).finalize();
    const HEX: &[u8; 16] = b"0123456789abcdef";
    digest[..16].iter().flat_map(|&byte| [HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 15)]]).map(char::from).collect()
}

/// `sk-proj-…9xQa`: the rule's own prefix (public knowledge), an ellipsis, and a short tail
/// that lets the owner recognise which key it is. Multi-line secrets (key blocks) show no tail.
pub fn redact(rule: &Rule, secret: &[u8]) -> String {
    let prefix_len = if rule.anchor == Anchor::Prefix {
        rule.keywords
            .iter()
            .map(|k| k.as_bytes())
            .filter(|k| k.len() < secret.len() && secret[..k.len()].eq_ignore_ascii_case(k))
            .map(|k| k.len())
            .max()
            .unwrap_or(0)
            .min(40)
    } else {
        0
    };
    let body = secret.len() - prefix_len;
    let tail = match body {
        _ if secret.contains(&b'\n') => 0,
        24.. => 4,
        12.. => 2,
        _ => 0,
    };
    let mut out = String::new();
    out.push_str(&String::from_utf8_lossy(&secret[..prefix_len]));
    out.push('…');
    out.push_str(&String::from_utf8_lossy(&secret[secret.len() - tail..]));
    out
}

#[cfg(feature = "serde")]
impl serde::Serialize for Finding<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Finding", 14)?;
        s.serialize_field("ruleId", &*self.rule.id)?;
        s.serialize_field("provider", &*self.rule.provider)?;
        s.serialize_field("title", &*self.rule.title)?;
        s.serialize_field("confidence", &self.confidence)?;
        s.serialize_field("severity", &self.rule.severity)?;
        s.serialize_field("start", &self.start)?;
        s.serialize_field("end", &self.end)?;
        s.serialize_field("line", &self.line)?;
        s.serialize_field("column", &self.column)?;
        s.serialize_field("endLine", &self.end_line)?;
        s.serialize_field("endColumn", &self.end_column)?;
        s.serialize_field("redacted", &self.redacted)?;
        s.serialize_field("fingerprint", &self.fingerprint)?;
        // `null` when no key-management page is known: front ends then name the provider.
        let revoke_url = Some(&*self.rule.revoke_url).filter(|url| !url.is_empty());
        s.serialize_field("revokeUrl", &revoke_url)?;
        s.end()
    }
}
