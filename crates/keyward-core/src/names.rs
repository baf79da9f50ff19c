//! What the name a value is assigned to says about the value: `DB_PASSWORD`, `clientSecret`,
//! `x-api-key` hold secrets; `public_key`, `tokenizer`, `api_version`, `client_id`, `key_id`,
//! `cache_key`, `token_url` do not.
//!
//! A name is split into lower-case words (`_ - . " [ ]` and spaces, camelCase humps, digit runs;
//! glued forms like `apikey`, `dbpassword`, `csrftoken` are split at a known secret word). Its
//! *head* is the last word that names a secret (`password`, `secret`, `token`, `key`, `auth`,
//! `credentials`, `dsn`...). The name holds a secret when the head is followed only by words
//! that describe the same value (`_value`, `_b64`, `_prod`, `_confirmation`, a version digit)
//! and preceded by no word that makes it public or a mere identifier (`public`, `cache`, `sort`,
//! `primary`, `idempotency`, `csrf`, `next`, `max`...). Anything after the head that is not such a
//! word (`_url`, `_path`, `_name`, `_id`, `_type`, `_hash`, `_length`, `_header`) names
//! something else about the secret, not the secret.

use alloc::vec::Vec;
use core::ops::Range;

/// What a name says about the value assigned to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameKind {
    /// A password or passphrase (`DB_PASSWORD`, `passwd`, `smtp_pass`, `pwd`).
    Password,
    /// Another secret: a token, a key, a client secret, credentials, a DSN.
    Secret,
    /// Contains a secret word, but names something that is not secret (`public_key`,
    /// `token_url`, `key_id`, `cache_key`, `password_hash`).
    NotSecret,
    /// No secret word at all (`client_id`, `tokenizer`, `keyboard`, `username`).
    Unrelated,
}

impl NameKind {
    /// True for [`NameKind::Password`] and [`NameKind::Secret`].
    pub fn is_secret(self) -> bool {
        matches!(self, NameKind::Password | NameKind::Secret)
    }
}

const PASSWORD_WORDS: &[&str] = &["password", "passwords", "passwd", "pwd", "pass", "passphrase", "passcode", "requirepass"];
const SECRET_WORDS: &[&str] = &[
    "secret", "secrets", "token", "tokens", "key", "keys", "apikey", "auth", "authorization", "credential", "credentials", "cred", "creds", "dsn",
    "masterauth", "bearer",
];
/// Glued forms split at their secret word: `dbpassword`, `authtoken`, `apikey` (a bare
/// trailing `key` is not one: `monkey`, `hotkey`, `turkey`).
const GLUED_HEADS: &[&str] = &["password", "passwd", "secret", "token", "credentials", "credential"];
/// Words that `key` glues to in names of secrets: `apikey`, `secretkey`, `privatekey`.
const KEY_GLUED_TO: &[&str] = &[
    "api", "secret", "access", "private", "auth", "signing", "master", "encryption", "license", "client", "app",
    "service", "session", "shared", "webhook", "deploy", "sub", "subscription",
];
/// Words after the head that still describe the secret itself.
const SAME_VALUE: &[&str] = &[
    "value", "val", "str", "string", "b64", "base64", "hex", "raw", "enc", "encoded", "plain", "plaintext", "text",
    "data", "bytes", "bin", "base", "old", "new", "prod", "production", "dev", "development", "live", "test",
    "staging", "stage", "local", "confirmation", "confirm", "again", "repeat", "current", "v", "pem",
];
/// Words before the head that make the value public or a mere identifier.
const NOT_SECRET_QUALIFIERS: &[&str] = &[
    "public", "pub", "publishable", "cache", "cached", "sort", "primary", "foreign", "partition", "range", "unique",
    "idempotency", "idempotent", "lookup", "i18n", "translation", "label", "query", "route", "element", "item",
    "list", "field", "column", "index", "group", "cursor", "page", "next", "prev", "previous", "continuation",
    "csrf", "xsrf", "sync", "cancellation", "lexer", "parser", "eof", "bos", "eos", "pad", "unk", "mask", "sep",
    "cls", "special", "max", "min", "num", "total", "input", "output", "prompt", "completion", "object", "registry",
    "composite", "shard", "routing", "dedup", "correlation", "trace", "sha", "md5", "sha1", "sha256", "sha512",
    "etag", "nonce", "host", "fingerprint", "checksum", "digest", "integrity", "react", "hot", "shortcut",
    "keyboard", "jwks", "dynamo", "dynamodb", "placeholder", "example", "dummy", "fake", "mock", "sample",
];

/// Words before a `key` head that make it a public key or a key id (`GPG key: <fingerprint>`).
const KEY_ID_QUALIFIERS: &[&str] = &["gpg", "pgp", "release", "signing_key_id"];

/// Splits `name` into lower-case words (see the module doc); at most 16, the last ones.
fn words(name: &[u8]) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = Vec::new();
    let mut current: Vec<u8> = Vec::new();
    let flush = |current: &mut Vec<u8>, out: &mut Vec<Vec<u8>>| {
        if !current.is_empty() {
            out.push(core::mem::take(current));
        }
    };
    for (i, &b) in name.iter().enumerate() {
        let prev = if i > 0 { name[i - 1] } else { 0 };
        let next = name.get(i + 1).copied().unwrap_or(0);
        let starts_word = match b {
            b'A'..=b'Z' => {
                prev.is_ascii_lowercase() || prev.is_ascii_digit() || (prev.is_ascii_uppercase() && next.is_ascii_lowercase())
            }
            b'a'..=b'z' => prev.is_ascii_digit(),
            b'0'..=b'9' => prev.is_ascii_alphabetic(),
            _ => {
                flush(&mut current, &mut out);
                continue;
            }
        };
        if starts_word {
            flush(&mut current, &mut out);
        }
        current.push(b.to_ascii_lowercase());
    }
    flush(&mut current, &mut out);
    let mut split = Vec::with_capacity(out.len());
    for word in out {
        split.extend(unglue(word));
    }
    let skip = split.len().saturating_sub(16);
    split.drain(..skip);
    split
}

/// `dbpassword` -> `db`, `password`; `apikey` -> `api`, `key`; other words stay whole.
fn unglue(word: Vec<u8>) -> Vec<Vec<u8>> {
    let glued = |head: &str| word.len() > head.len() + 1 && word.ends_with(head.as_bytes());
    let head = GLUED_HEADS.iter().find(|h| glued(h)).map(|h| h.len()).or_else(|| {
        (word.ends_with(b"key") && KEY_GLUED_TO.iter().any(|p| word.len() == p.len() + 3 && word.starts_with(p.as_bytes())))
            .then_some(3)
    });
    match head {
        Some(len) => {
            let at = word.len() - len;
            alloc::vec![word[..at].to_vec(), word[at..].to_vec()]
        }
        None => alloc::vec![word],
    }
}

fn is_in(word: &[u8], list: &[&str]) -> bool {
    list.iter().any(|w| w.as_bytes() == word)
}

/// Classifies the name a value is assigned to (`client_secret`, `os.environ["DB_PASSWORD"]`,
/// `x-api-key`, `spring.datasource.password`). Intended for every rule that reads a name:
/// generic assignments, HTTP headers and parameters, and provider context rules that must not
/// take a `STRIPE_PUBLISHABLE_KEY` for a secret.
pub fn classify(name: &[u8]) -> NameKind {
    let words = words(name);
    let is_head = |w: &Vec<u8>| is_in(w, PASSWORD_WORDS) || is_in(w, SECRET_WORDS);
    let Some(head) = words.iter().rposition(is_head) else { return NameKind::Unrelated };
    // `secret_key`, `token_secret`: a secret word after the head is part of the same value.
    let after_ok = words[head + 1..].iter().all(|w| is_in(w, SAME_VALUE) || w.iter().all(u8::is_ascii_digit));
    let qualified = words[..head].iter().any(|w| is_in(w, NOT_SECRET_QUALIFIERS))
        || (words[head] == b"key" && words[..head].iter().any(|w| is_in(w, KEY_ID_QUALIFIERS)));
    if !after_ok || qualified {
        return NameKind::NotSecret;
    }
    // `password_key`, `pass_phrase`: a password word anywhere up to the head.
    if words[..=head].iter().any(|w| is_in(w, PASSWORD_WORDS)) && !is_in(&words[head], &["token", "dsn"]) {
        NameKind::Password
    } else {
        NameKind::Secret
    }
}

/// The name a generic match assigns to: the identifier around the matched secret word
/// (`client_secret` for a match starting at `secret`, `os.environ["API_KEY"]` gives `API_KEY`),
/// with the words before it on the line when only spaces separate them (`Release GPG key: …`).
/// Looks at most 64 bytes either way.
pub(crate) fn assigned_name(haystack: &[u8], match_start: usize) -> Range<usize> {
    let is_name = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'$');
    let floor = match_start.saturating_sub(64);
    let start = haystack[floor..match_start]
        .iter()
        .rposition(|b| !(is_name(b) || *b == b' '))
        .map_or(floor, |i| floor + i + 1);
    let start = start + haystack[start..match_start].iter().take_while(|b| **b == b' ').count();
    let end = match_start + haystack[match_start..].iter().take(64).take_while(|b| is_name(b)).count();
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_like_people_write_names() {
        let w = |s: &str| words(s.as_bytes()).into_iter().map(|w| alloc::string::String::from_utf8(w).unwrap()).collect::<Vec<_>>();
        assert_eq!(w("os.environ[\"API_KEY\"] = "), ["os", "environ", "api", "key"]);
        assert_eq!(w("getHTTPServerKey2"), ["get", "http", "server", "key", "2"]);
        assert_eq!(w("DBPASSWORD"), ["db", "password"]);
        assert_eq!(w("apikey"), ["api", "key"]);
        assert_eq!(w("monkey"), ["monkey"]);
        assert_eq!(w("x-api-key"), ["x", "api", "key"]);
    }

    #[test]
    fn secret_names() {
        for name in [
            "password", "DB_PASSWORD", "passwd", "pwd", "smtp_pass", "PASS", "passphrase", "dbPassword",
            "spring.datasource.password", "MYSQL_ROOT_PASSWORD", "password_confirmation", "requirepass",
            "\"password\": \"", "$password = '", "<password>", "db.password=",
        ] {
            assert_eq!(classify(name.as_bytes()), NameKind::Password, "{name}");
        }
        for name in [
            "secret", "token", "api_key", "apikey", "apiKey", "X-API-KEY", "x-api-key", "auth", "authorization",
            "credentials", "credential", "private_key", "access_key", "AWS_SECRET_ACCESS_KEY", "client_secret",
            "clientSecret", "signing_key", "webhook_secret", "SENTRY_DSN", "dsn", "GITHUB_TOKEN", "authToken",
            "access_token", "refresh_token", "secret_key_base", "api_key_v2", "os.environ[\"API_KEY\"] = ",
            "secretKey", "accesskey", "key", "bearer_token", "oauth_token", "id_token", "config.secret_key",
            "AZURE_STORAGE_ACCOUNT_KEY", "S3_SECRET_KEY", "FILE_ENCRYPTION_KEY",
        ] {
            assert_eq!(classify(name.as_bytes()), NameKind::Secret, "{name}");
        }
    }

    #[test]
    fn not_secret_names() {
        for name in [
            "public_key", "publicKey", "publishable_key", "STRIPE_PUBLISHABLE_KEY", "cache_key", "cacheKey",
            "idempotency_key", "sort_key", "primary_key", "key_id", "access_key_id", "AWS_ACCESS_KEY_ID",
            "token_url", "tokenUrl", "password_path", "secret_name", "api_key_header", "token_type", "passwordHash",
            "password_hash", "csrf_token", "csrftoken", "nextPageToken", "next_token", "max_tokens", "pad_token",
            "key_length", "SECRET_KEY_FILE", "passwordField", "partition_key",
            "password_reset_url", "auth_method", "authType", "tokenEndpoint", "pass_through", "Release GPG key",
        ] {
            assert_eq!(classify(name.as_bytes()), NameKind::NotSecret, "{name}");
        }
        for name in ["keyboard", "monkey", "turkey", "hotkey", "tokenizer", "api_version", "client_id", "author",
                     "username", "bypass", "compass", "passenger", "keyframe"] {
            assert_eq!(classify(name.as_bytes()), NameKind::Unrelated, "{name}");
        }
    }

    #[test]
    fn hostile_names_are_cheap_and_safe() {
        let long = "a_".repeat(10_000) + "password";
        assert_eq!(classify(long.as_bytes()), NameKind::Password);
        assert_eq!(classify(b""), NameKind::Unrelated);
        assert_eq!(classify(&[0xff, 0xfe, b'k', b'e', b'y']), NameKind::Secret);
    }
}
