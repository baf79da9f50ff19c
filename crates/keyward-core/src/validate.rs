//! Validators that run after a rule's regex: randomness and placeholder rejection.
//! Everything here is linear in the length of the candidate secret.

/// Shannon entropy of `bytes` in bits per byte.
pub fn shannon_entropy(bytes: &[u8]) -> f32 {
    if bytes.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in bytes {
        counts[b as usize] += 1;
    }
    let len = bytes.len() as f32;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f32 / len;
            -p * libm::log2f(p)
        })
        .sum()
}

/// Words that mark a value as a stand-in rather than a credential (compared case-insensitively).
const PLACEHOLDER_WORDS: &[&[u8]] = &[
    b"example", b"your", b"xxxx", b"placeholder", b"dummy", b"sample", b"changeme", b"change_me",
    b"redacted", b"insert", b"replace", b"fake", b"secret_here", b"key_here", b"token_here",
    b"notreal", b"not_real", b"foobar", b"lorem",
];

/// Whole values that are defaults or stand-ins (compared case-insensitively).
const PLACEHOLDER_VALUES: &[&[u8]] = &[
    b"password", b"passwd", b"pass", b"secret", b"admin", b"root", b"test", b"guest", b"default",
    b"postgres", b"mysql", b"redis", b"user", b"none", b"null", b"token", b"apikey", b"api_key",
];

/// Credentials that vendors publish, found in countless dev configs and docs: the Azurite /
/// Storage Emulator account key, the Cosmos DB emulator key, and jwt.io's sample token.
/// Compared exactly.
const PUBLISHED_DEV_KEYS: &[&[u8]] = &[
    b"Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
    b"C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==",
    b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
];

/// Template syntax: `${X}`, `{{ x }}`, `<API_KEY>`, `$(cmd)`, `%(name)s`, ellipses.
const TEMPLATE_MARKERS: &[&[u8]] = &[b"${", b"{{", b"}}", b"<", b">", b"$(", b"%(", b"...", "…".as_bytes()];

/// Environment-variable reads written where a key would go (`process.env.GITHUB_TOKEN`).
const ENV_READS: &[&[u8]] = &[b"process.env.", b"import.meta.env.", b"os.environ", b"env.fetch"];

/// Above this length a secret is a key block (PEM, OpenSSH), whose base64 body can hold short
/// words and runs like `AAAAAA` by chance; only template markers and long words count there.
const SHORT_SECRET: usize = 128;

/// True for values that are obviously not a live credential: documented examples, template
/// variables, `xxxx`, `your-key-here`, long runs of one character or of a sequence.
pub fn looks_like_placeholder(secret: &[u8]) -> bool {
    has_placeholder_marks(secret) || (secret.len() <= SHORT_SECRET && has_run(secret, 6))
}

/// [`looks_like_placeholder`] without the run test, for formats whose real tokens hold runs.
pub fn has_placeholder_marks(secret: &[u8]) -> bool {
    let short = secret.len() <= SHORT_SECRET;
    PLACEHOLDER_VALUES.iter().any(|v| secret.eq_ignore_ascii_case(v))
        || PUBLISHED_DEV_KEYS.contains(&secret)
        || !secret.iter().any(u8::is_ascii_alphanumeric)
        || TEMPLATE_MARKERS.iter().any(|m| memchr::memmem::find(secret, m).is_some())
        || contains_any_ignore_case(secret, ENV_READS, 0)
        || contains_any_ignore_case(secret, PLACEHOLDER_WORDS, if short { 0 } else { 7 })
        || is_shell_variable(secret)
}

/// `$GITHUB_TOKEN`, `$env:API_KEY`: a shell or PowerShell variable read, not its value.
fn is_shell_variable(secret: &[u8]) -> bool {
    matches!(secret, [b'$', first, ..] if first.is_ascii_alphabetic() || *first == b'_')
}

/// True if any needle of at least `min_len` bytes occurs in `haystack`, ignoring ASCII case.
fn contains_any_ignore_case(haystack: &[u8], needles: &[&[u8]], min_len: usize) -> bool {
    (0..haystack.len()).any(|i| {
        let rest = &haystack[i..];
        needles.iter().any(|n| n.len() >= min_len && rest.len() >= n.len() && rest[..n.len()].eq_ignore_ascii_case(n))
    })
}

/// A run of `len` characters that repeat (`aaaaaa`) or step by one (`123456`, `abcdef`, `fedcba`).
fn has_run(secret: &[u8], len: usize) -> bool {
    let (mut same, mut up, mut down) = (1, 1, 1);
    for pair in secret.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let alnum = a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric();
        same = if a == b { same + 1 } else { 1 };
        up = if alnum && b == a.wrapping_add(1) { up + 1 } else { 1 };
        down = if alnum && b.wrapping_add(1) == a { down + 1 } else { 1 };
        if same >= len || up >= len || down >= len {
            return true;
        }
    }
    false
}

/// Names that contain a secret word but hold public or non-secret values: hashes and digests,
/// public keys, ids, database and cache keys, keyboard keys, tokenizers (compared ignoring case).
const NOT_SECRET_NAMES: &[&[u8]] = &[
    b"hash", b"sha1", b"sha2", b"sha3", b"sha5", b"_sha", b"sha_", b"md5", b"digest", b"integrity",
    b"checksum", b"fingerprint", b"etag", b"nonce", b"public", b"pubkey", b"publishable", b"cache",
    b"sort", b"primary", b"foreign", b"partition", b"idempotency", b"keyboard", b"hotkey", b"monkey",
    b"turkey", b"keyframe", b"keyspace", b"keycode", b"keypress", b"keydown", b"keyup", b"tokeniz",
    b"token_type", b"tokentype", b"author", b"key_id", b"keyid", b"uuid", b"version", b"_url", b"path",
];

/// True unless the assigned name (`client_secret`, `os.environ["API_KEY"]`) says the value is
/// not a secret (`sha256_key`, `public_key`, `tokenizer_path`, `author`).
pub fn generic_name_is_secret(name: &[u8]) -> bool {
    !contains_any_ignore_case(name, NOT_SECRET_NAMES, 0)
}

/// Prefixes of values that are public by design (formats.md): Stripe and Clerk publishable keys,
/// Mapbox public tokens, PostHog project keys, New Relic browser keys, Supabase publishable keys,
/// Langfuse public keys. A generic `*_key = …` match on one of these is not a leak.
const PUBLIC_BY_DESIGN_PREFIXES: &[&[u8]] =
    &[b"pk_live_", b"pk_test_", b"pk.eyJ", b"phc_", b"NRJS-", b"sb_publishable_", b"pk-lf-"];

/// True for values whose prefix marks them as meant for client code.
pub fn is_public_by_design(value: &[u8]) -> bool {
    PUBLIC_BY_DESIGN_PREFIXES.iter().any(|prefix| value.starts_with(prefix))
}

/// `8-4-4-4-12` hex: an id far more often than a key when nothing else says whose key it is.
fn is_uuid(value: &[u8]) -> bool {
    value.len() == 36
        && value.iter().enumerate().all(|(i, b)| if matches!(i, 8 | 13 | 18 | 23) { *b == b'-' } else { b.is_ascii_hexdigit() })
}

/// How many letters of `value` belong to words: a capital then two or more small letters
/// (`Key`, `Usage`), three or more small letters (`auth`), four or more capitals (`PLATFORM`).
/// Identifiers and code (`X509KeyUsageFlags`, `CredentialType.ID_TOKEN`) are mostly words;
/// random keys are not.
fn word_coverage(value: &[u8]) -> usize {
    let run_len = |from: usize, class: fn(&u8) -> bool| value[from..].iter().take_while(|b| class(b)).count();
    let mut covered = 0;
    let mut i = 0;
    while i < value.len() {
        if value[i].is_ascii_uppercase() {
            let upper = run_len(i, u8::is_ascii_uppercase);
            let lower = run_len(i + upper, u8::is_ascii_lowercase);
            if lower >= 2 {
                // `IDToken`: the last capital starts `Token`; the ones before are an acronym.
                covered += 1 + lower + if upper > 4 { upper - 1 } else { 0 };
            } else if upper >= 4 {
                covered += upper;
            }
            i += upper + lower;
        } else if value[i].is_ascii_lowercase() {
            let lower = run_len(i, u8::is_ascii_lowercase);
            covered += if lower >= 3 { lower } else { 0 };
            i += lower;
        } else {
            i += 1;
        }
    }
    covered
}

/// `user_profile_v2`, `MAX_RETRY_COUNT`, `D3DKMT_PNP_KEY_TYPE`, `i18n_1.default.t`: parts
/// joined by separators where no part mixes small and capital letters. Random keys that
/// contain `-` or `_` (base64url) mix cases within their parts.
fn is_compound_identifier(value: &[u8]) -> bool {
    let mut parts = value.split(|b| matches!(b, b'_' | b'-' | b'.')).filter(|p| !p.is_empty());
    let single_case = |part: &[u8]| !(part.iter().any(u8::is_ascii_lowercase) && part.iter().any(u8::is_ascii_uppercase));
    parts.clone().count() >= 2 && parts.all(single_case)
}

/// A number, possibly negative and with a short type suffix (`-2147483568i32`, `4096u64`).
fn is_number(value: &[u8]) -> bool {
    let digits = value.strip_prefix(b"-").unwrap_or(value);
    digits.iter().take_while(|b| b.is_ascii_digit()).count() + 4 >= digits.len()
}

/// The randomness test for values found by generic rules (`api_key = "…"`): long enough,
/// mixed, high-entropy, and not shaped like an identifier, a path, a version or a word.
pub fn looks_random(value: &[u8]) -> bool {
    if value.len() < 12 || is_uuid(value) || is_compound_identifier(value) || is_number(value) {
        return false;
    }
    let has_digit = value.iter().any(u8::is_ascii_digit);
    let has_lower = value.iter().any(u8::is_ascii_lowercase);
    let has_upper = value.iter().any(u8::is_ascii_uppercase);
    if !has_digit {
        // Without digits, only an even mix of cases is random; camelCase words have one
        // capital every few letters, snake_case and plain words none.
        let upper = value.iter().filter(|b| b.is_ascii_uppercase()).count();
        if value.len() < 20 || upper * 10 < value.len() * 3 || upper * 10 > value.len() * 7 {
            return false;
        }
    }
    if value.iter().all(|b| b.is_ascii_digit() || *b == b'.' || *b == b'-') {
        return false; // numbers, versions, dates
    }
    if value.iter().filter(|&&b| b == b'/' || b == b'.').count() * 8 > value.len() {
        return false; // paths, host names, dotted identifiers
    }
    // Mixed-case random keys rarely have 80% of their letters in words (about 1 in 140 at 32
    // characters, 1 in 30 at 16); identifiers and code nearly always do.
    let letters = value.iter().filter(|b| b.is_ascii_alphabetic()).count().max(1);
    let word_share = word_coverage(value) * 10 / letters;
    if (has_lower && has_upper && word_share >= 8) || (value.contains(&b'.') && word_share >= 5) {
        return false;
    }
    let classes = [has_digit, has_lower, has_upper].iter().filter(|&&c| c).count();
    let entropy = shannon_entropy(value);
    // Random hex of 40+ characters never has less than 3.3 bits; counters and test patterns
    // (`000102030405…`) do.
    let long_hex = value.len() >= 40 && value.iter().all(u8::is_ascii_hexdigit);
    let floor = match classes {
        3.. => 3.5,
        _ if long_hex => 3.3,
        _ => 3.2,
    };
    entropy >= floor
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholder_marks_without_the_run_test() {
        let with_runs = b"AAAAAAAAAAAAAAAAAAAAAKq7dQAAAAAAx9Lm%2FTz4WcRb8NvYp2Hs%3DGk5Lq2Zt8WmR4xVp7NcB3yJd6Hf9";
        assert!(looks_like_placeholder(with_runs));
        assert!(!has_placeholder_marks(with_runs));
        assert!(has_placeholder_marks(b"AAAAAAAAAAAAAAAAAAAAAyour-bearer-token-here"));
    }

    #[test]
    fn public_by_design_values_are_recognised() {
        assert!(is_public_by_design(b"pk_live_51rOq1NhEHUICKUwuYAQ4Bp1lVdCNwqJ"));
        assert!(is_public_by_design(b"pk.eyJ1IjoiYWNtZS1tYXBzIiwiYSI6Im8wMGNte"));
        assert!(!is_public_by_design(b"sk_live_51rOq1NhEHUICKUwuYAQ4Bp1lVdCNwqJ"));
        assert!(!is_public_by_design(b"xpk_live_51rOq1NhEHUICKUwuYAQ4Bp1lVdCNwqJ"));
    }

    #[test]
    fn entropy_of_uniform_and_constant_text() {
        assert_eq!(shannon_entropy(b"aaaa"), 0.0);
        assert!((shannon_entropy(b"abcd") - 2.0).abs() < 1e-6);
    }

    #[test]
    fn placeholders_are_recognised() {
        for p in [
            &b"sk-your-key-here"[..], b"xxxxxxxxxxxxxxxx", b"<API_KEY>", b"${OPENAI_API_KEY}", b"{{ token }}",
            b"AKIAIOSFODNN7EXAMPLE", b"aaaaaaaaaaaaaaaaaaaaaa", b"sk-1234567890abcdef", b"replace-me-please",
            b"$GITHUB_TOKEN\"",
            b"process.env.GITHUB_TOKEN", b"import.meta.env.VITE_OPENAI_KEY",
        ] {
            assert!(looks_like_placeholder(p), "{}", core::str::from_utf8(p).unwrap());
        }
        assert!(!looks_like_placeholder(b"Zq8vR2mT7kLp4xWc9bNd3hFs"));
    }

    #[test]
    fn word_coverage_counts_word_shaped_runs() {
        assert_eq!(word_coverage(b"IDToken"), 5);
        assert_eq!(word_coverage(b"PLATFORM_DOM"), 8);
        assert_eq!(word_coverage(b"X509KeyUsageFlags"), 13);
        assert_eq!(word_coverage(b"Zq8vR2mT7kLp"), 0);
    }

    #[test]
    fn non_secret_names() {
        assert!(!generic_name_is_secret(b"sha256_key = "));
        assert!(!generic_name_is_secret(b"\"public_key\": "));
        assert!(!generic_name_is_secret(b"tokenizer_path: "));
        assert!(generic_name_is_secret(b"client_secret = "));
        assert!(generic_name_is_secret(b"os.environ[\"API_KEY\"] = "));
    }

    #[test]
    fn randomness_rejects_words_and_accepts_keys() {
        for not_random in [
            &b"getUserAccountSettings"[..], b"my_database_password", b"1.2.3-beta.4", b"/usr/local/bin/python3",
            b"123e4567-e89b-12d3-a456-426614174000", b"user_profile_v2_backup", b"MAX-RETRY-COUNT-3",
            b"AuthMethodSelectionRequiredStateV2", b"CredentialType.ID_TOKEN", b"options2.relatedTask",
            b"PlatformAuthConstants.PLATFORM_DOM_PROVIDER", b"oauth2AuthenticationPolicy",
            b"X509KeyUsageFlags", b"PrivatePkcs8KeyDer", b"DOT11EXT_SET_DEFAULT_KEY", b"-2147483568i32",
            b"i18n_1.default.t", b"keyCodes_1.KeyMod.Alt",
            b"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
        ] {
            assert!(!looks_random(not_random), "{}", core::str::from_utf8(not_random).unwrap());
        }
        assert!(looks_random(b"Zq8vR2mT7kLp4xWc9bNd3hFs"));
        assert!(looks_random(b"9f86d081884c7d659a2feaa0c55ad015"));
    }
}
