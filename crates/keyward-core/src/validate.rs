//! Validators that run after a rule's regex, and [`judge`], which applies them and calibrates
//! the confidence (docs/confidence.md): documented example keys, placeholders and fakes, the
//! randomness of generic values, the name a value is assigned to, passwords and demo
//! credentials. Everything here is linear in the length of the candidate secret.

use core::ops::Range;

use alloc::vec::Vec;
use base64::Engine as _;

use crate::names::{classify, NameKind};
use crate::password::{is_demo_pair, is_local_or_documentation_host, judge_password, local_host_mark, password_confidence};
use crate::rule::{Anchor, Confidence, Rule};
use crate::value_model::reads_as_text;
use crate::word_set::WordSet;

/// Shannon entropy of `bytes` in bits per byte.
///
/// Runs on every candidate of most rules: the bytes present are walked through a bit set rather
/// than all 256 counts, and each count's term is computed once (in a random value of a few dozen
/// bytes, nearly every byte occurs once or twice).
pub fn shannon_entropy(bytes: &[u8]) -> f32 {
    if bytes.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    let mut present = [0u64; 4];
    for &b in bytes {
        counts[usize::from(b)] += 1;
        present[usize::from(b / 64)] |= 1 << (b % 64);
    }
    let len = bytes.len() as f32;
    let term = |c: u32| {
        let p = c as f32 / len;
        -p * libm::log2f(p)
    };
    let mut small_terms = [None; 4];
    let mut term_of = |c: u32| match small_terms.get_mut(c as usize) {
        Some(known) => *known.get_or_insert_with(|| term(c)),
        None => term(c),
    };
    // In ascending byte order, as a sum over all counts would add them.
    (0..256).step_by(64).flat_map(|base| set_bits(present[base / 64]).map(move |bit| base + bit)).map(|b| term_of(counts[b])).sum()
}

/// The positions of the set bits of `bits`, lowest first.
fn set_bits(mut bits: u64) -> impl Iterator<Item = usize> {
    core::iter::from_fn(move || {
        let bit = bits.trailing_zeros() as usize;
        bits &= bits.wrapping_sub(1);
        (bit < 64).then_some(bit)
    })
}

/// Words that mark a value as a stand-in rather than a credential (compared case-insensitively).
const PLACEHOLDER_WORD_LIST: &[&[u8]] = &[
    b"example", b"your", b"xxxx", b"placeholder", b"dummy", b"sample", b"changeme", b"change_me",
    b"redacted", b"insert", b"replace", b"fake", b"secret_here", b"key_here", b"token_here",
    b"notreal", b"not_real", b"not-a-real", b"not_a_real", b"foobar", b"lorem",
];
static PLACEHOLDER_WORDS: WordSet = WordSet::new(PLACEHOLDER_WORD_LIST, 0);
/// In a key block only long words count (see [`SHORT_SECRET`]).
static LONG_PLACEHOLDER_WORDS: WordSet = WordSet::new(PLACEHOLDER_WORD_LIST, 7);

/// Whole values that are defaults or stand-ins (compared case-insensitively).
const PLACEHOLDER_VALUES: &[&[u8]] = &[
    b"password", b"passwd", b"pass", b"secret", b"admin", b"root", b"test", b"guest", b"default",
    b"postgres", b"mysql", b"redis", b"user", b"none", b"null", b"token", b"apikey", b"api_key",
];

/// Keys that vendors publish in their documentation or ship in emulators, found in countless
/// configs and tutorials: AWS's `…EXAMPLE` pairs, the Azurite / Storage Emulator account key, the
/// Cosmos DB emulator key, jwt.io's sample token (any signature), Stripe's docs test keys,
/// 1Password's service-account example. A value
/// sharing [`DOCUMENTED_RUN`] characters with one of them is that example or an edit of it
/// (`AKIAIOSFODNN7EXAMPLF`).
const DOCUMENTED_KEYS: &[&[u8]] = &[
    b"AKIAIOSFODNN7EXAMPLE",
    b"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    b"AKIAI44QH8DHBEXAMPLE",
    b"je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
    b"Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
    b"C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==",
    // jwt.io: the payload {"sub":"1234567890","name":"John Doe",...} and the HS256 sample signature.
    b"eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIi",
    b"SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    b"sk_test_4eC39HqLyjWDarjtT1zdp7dc",
    b"sk_test_BQokikJOvBiI2HlWgH4olfQ2",
    b"sk_test_26PHem9AhJZvU623DfE1x4sd",
    b"pk_test_TYooMQauvdEDq54NiTphI7jx",
    // 1Password's service-account docs: the secret key inside their decoded example token.
    b"A3-C4ZJMN-PQTZTL-HGL84-G64M7-KVZRN-4ZVP6",
];
const DOCUMENTED_RUN: usize = 12;

/// Template syntax: `${X}`, `{{ x }}`, `<API_KEY>`, `$(cmd)`, `%(name)s`, ellipses.
const TEMPLATE_MARKERS: &[&[u8]] = &[b"${", b"{{", b"}}", b"<", b">", b"$(", b"%(", b"...", "…".as_bytes()];
/// The first bytes of [`TEMPLATE_MARKERS`], as a set of 256 bits.
const TEMPLATE_MARKER_STARTS: [u64; 4] = {
    let mut bits = [0u64; 4];
    let mut i = 0;
    while i < TEMPLATE_MARKERS.len() {
        let b = TEMPLATE_MARKERS[i][0];
        bits[(b / 64) as usize] |= 1 << (b % 64);
        i += 1;
    }
    bits
};

/// True when `secret` holds one of [`TEMPLATE_MARKERS`]: one pass that compares the markers only
/// where one of their first bytes is (a search per marker was a tenth of the validators' time).
fn has_template_marker(secret: &[u8]) -> bool {
    (0..secret.len()).any(|at| {
        let b = secret[at];
        TEMPLATE_MARKER_STARTS[usize::from(b / 64)] & (1 << (b % 64)) != 0
            && TEMPLATE_MARKERS.iter().any(|m| secret[at..].starts_with(m))
    })
}

/// Reads of a secret store or the environment written where a value would go: environment
/// variables, AWS/GCP/Azure secret managers, 1Password references (compared ignoring case).
static REFERENCE_MARKERS: WordSet = WordSet::new(
    &[
        b"process.env.", b"import.meta.env.", b"os.environ", b"env.fetch", b"getenv(", b"getenvironmentvariable(",
        b"arn:aws:secretsmanager:", b"arn:aws:ssm:", b"op://", b"@microsoft.keyvault", b"secretmanager.googleapis.com",
    ],
    0,
);
/// The same, as the start of a value: Terraform (`var.`, `local.`, `data.`), GitHub Actions and
/// other CI (`secrets.`, `env.`), CloudFormation (`!Ref`), Vault and sops references.
const REFERENCE_PREFIXES: &[&[u8]] = &[
    b"var.", b"local.", b"data.", b"module.", b"secrets.", b"env.", b"env:", b"vault:", b"ref+", b"!ref", b"!sub",
    b"!getatt", b"!vault", b"enc[",
];

/// Above this length a secret is a key block (PEM, OpenSSH), whose base64 body can hold short
/// words and runs like `AAAAAA` by chance; only template markers and long words count there.
pub(crate) const SHORT_SECRET: usize = 128;

/// True for values that are obviously not a live credential: documented examples, template
/// variables, `xxxx`, `your-key-here`, runs and sequences (`aaaaaa`, `123456`, `a1b2c3d4`,
/// `abc123abc123`).
pub fn looks_like_placeholder(secret: &[u8]) -> bool {
    has_placeholder_marks(secret) || (secret.len() <= SHORT_SECRET && is_sequential_fake(secret))
}

/// [`looks_like_placeholder`] without the sequence tests, for formats whose real tokens hold runs.
pub fn has_placeholder_marks(secret: &[u8]) -> bool {
    let short = secret.len() <= SHORT_SECRET;
    PLACEHOLDER_VALUES.iter().any(|v| secret.eq_ignore_ascii_case(v))
        || is_documented_example(secret)
        || !secret.iter().any(u8::is_ascii_alphanumeric)
        || has_template_marker(secret)
        || (short && is_variable_reference(secret))
        || if short { &PLACEHOLDER_WORDS } else { &LONG_PLACEHOLDER_WORDS }.occurs_in(secret)
}

/// A documented example key or a small edit of one (see [`DOCUMENTED_KEYS`]).
pub fn is_documented_example(secret: &[u8]) -> bool {
    secret.len() >= DOCUMENTED_RUN
        && secret.windows(DOCUMENTED_RUN).enumerate().any(|(at, window)| {
            let hash = run_start_hash(secret, at);
            DOCUMENTED_RUN_STARTS[hash / 64] & (1 << (hash % 64)) != 0
                && DOCUMENTED_KEYS.iter().any(|key| key.windows(DOCUMENTED_RUN).step_by(DOCUMENTED_RUN / 2).any(|run| run == window))
        })
}

/// The runs of [`DOCUMENTED_KEYS`] that [`is_documented_example`] looks for, by their first 4
/// bytes hashed into 4,096 bits at compile time. A window of the secret whose bit is clear starts
/// no run, so nearly every candidate is cleared with one lookup per byte (it took ~85 substring
/// searches per candidate before: half the scan time on a flood of assignments).
const DOCUMENTED_RUN_STARTS: [u64; 64] = {
    let mut bits = [0u64; 64];
    let mut k = 0;
    while k < DOCUMENTED_KEYS.len() {
        let key = DOCUMENTED_KEYS[k];
        let mut start = 0;
        while start + DOCUMENTED_RUN <= key.len() {
            let hash = run_start_hash(key, start);
            bits[hash / 64] |= 1 << (hash % 64);
            start += DOCUMENTED_RUN / 2;
        }
        k += 1;
    }
    bits
};

/// A 12-bit hash of the 4 bytes at `at` (Fibonacci hashing).
const fn run_start_hash(bytes: &[u8], at: usize) -> usize {
    let word = u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    (word.wrapping_mul(0x9E37_79B1) >> 20) as usize
}

/// `header.header.header`: dot-separated base64url segments whose last one is itself base64 of a
/// JSON object (`eyJ…`). A real JWT's signature is random bytes, which start with `{"` once in
/// 65,536; a run of repeated JWT headers (hostile input, a log of header fragments) does always.
pub fn is_jwt_chain_fragment(secret: &[u8]) -> bool {
    let mut segments = secret.rsplit(|&b| b == b'.');
    let last = segments.next().unwrap_or_default();
    segments.next().is_some() && last.starts_with(b"eyJ")
}

/// A reference to a secret rather than the secret: `$GITHUB_TOKEN`, `$env:API_KEY`, `%API_KEY%`,
/// `process.env.X`, `os.getenv(...)`, `op://vault/item/field`, `arn:aws:secretsmanager:...`,
/// `var.db_password`, `secrets.NPM_TOKEN`.
pub fn is_variable_reference(value: &[u8]) -> bool {
    let shell = matches!(value, [b'$', first, ..] if first.is_ascii_alphabetic() || *first == b'_');
    let windows = value.len() > 2 && value.starts_with(b"%") && value.ends_with(b"%");
    let starts_with = |prefix: &&[u8]| value.len() >= prefix.len() && value[..prefix.len()].eq_ignore_ascii_case(prefix);
    shell || windows || REFERENCE_PREFIXES.iter().any(starts_with) || REFERENCE_MARKERS.occurs_in(value)
}

/// Fakes made by hand: a run of six characters that repeat or step by one (`aaaaaa`, `123456`,
/// `fedcba`), a value that steps nearly everywhere at a stride of up to four (`a1b2c3d4e5f6`,
/// `0123456789abcdef`, `abcd1234bcde2345`), or a short block repeated (`abc123abc123abc123`).
fn is_sequential_fake(secret: &[u8]) -> bool {
    has_run(secret, 6) || (secret.len() >= 8 && (1..=4).any(|stride| steps_nearly_everywhere(secret, stride))) || is_periodic(secret)
}

/// A run of `len` characters that repeat or step by one (`aaaaaa`, `123456`, `abcdef`, `fedcba`).
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

/// Three quarters of the characters equal the one `stride` before, or follow it by one: random
/// text does this at about one position in thirty.
fn steps_nearly_everywhere(secret: &[u8], stride: usize) -> bool {
    let pairs = secret.len().saturating_sub(stride);
    let steps = secret.iter().zip(&secret[stride..]).filter(|(a, b)| **b == **a || **b == a.wrapping_add(1)).count();
    pairs > 0 && steps * 4 >= pairs * 3
}

/// The value is a block of at most a third of its length, repeated (the last copy may be cut).
fn is_periodic(secret: &[u8]) -> bool {
    secret.len() >= 12 && (1..=secret.len() / 3).any(|p| secret[p..].iter().zip(secret).all(|(a, b)| a == b))
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

/// A UUID (`8-4-4-4-12` hex), alone or among other hex groups and a short tag
/// (`ABC-5a4cbd20-e601-…`, `0c6ae279…-1a736e7c-1324-…-7255`, Application Insights keys): an id far
/// more often than a key when nothing else says whose key it is.
fn is_id(value: &[u8]) -> bool {
    let is_uuid = |v: &[u8]| {
        v.len() == 36
            && v.iter().enumerate().all(|(i, b)| if matches!(i, 8 | 13 | 18 | 23) { *b == b'-' } else { b.is_ascii_hexdigit() })
    };
    let parts_are_hex_or_tags = value
        .split(|&b| b == b'-')
        .all(|part| part.iter().all(u8::is_ascii_hexdigit) || (part.len() <= 4 && part.iter().all(u8::is_ascii_alphanumeric)));
    value.windows(36).any(is_uuid) && parts_are_hex_or_tags
}

/// `user_profile_v2`, `MAX_RETRY_COUNT`, `D3DKMT_PNP_KEY_TYPE`, `i18n_1.default.t`: parts
/// joined by separators where no part mixes small and capital letters, every part longer than
/// eight characters reads as words, and one part at least is a word. Random keys that contain
/// `-` or `_` (base64url) mix cases within their parts; prefixed ones (`sk-07f0040cf1abb8f9…`,
/// `rpa_U4ENXYJO67O9ZBWK…`) have a long random part; grouped ones (`0HEM14F-S9V947O-J8YLGQO`)
/// have no word.
fn is_compound_identifier(value: &[u8]) -> bool {
    let mut parts = value.split(|b| matches!(b, b'_' | b'-' | b'.')).filter(|p| !p.is_empty());
    let identifier_part = |part: &[u8]| {
        let mixed = part.iter().any(u8::is_ascii_lowercase) && part.iter().any(u8::is_ascii_uppercase);
        !mixed && (part.len() <= 8 || reads_as_text(part))
    };
    let word = |part: &&[u8]| part.iter().filter(|b| b.is_ascii_alphabetic()).count() >= 3 && reads_as_text(part);
    parts.clone().count() >= 2 && parts.clone().any(|p| word(&p)) && parts.all(identifier_part)
}

/// A number, possibly negative and with a short type suffix (`-2147483568i32`, `4096u64`).
fn is_number(value: &[u8]) -> bool {
    let digits = value.strip_prefix(b"-").unwrap_or(value);
    digits.iter().take_while(|b| b.is_ascii_digit()).count() + 4 >= digits.len()
}

/// `pki.pbe.generatePkcs12Key`, `http.sslCAInfo`: identifiers joined by dots, whose longest part
/// reads as words. (A JWT's parts are random.)
pub(crate) fn is_member_chain(value: &[u8]) -> bool {
    let is_identifier = |part: &&[u8]| {
        matches!(part.first(), Some(b) if b.is_ascii_alphabetic() || *b == b'_' || *b == b'$')
            && part.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'$')
    };
    let parts: Vec<&[u8]> = value.split(|&b| b == b'.').collect();
    parts.len() >= 2
        && parts.iter().all(is_identifier)
        && parts.iter().max_by_key(|p| p.len()).is_some_and(|longest| reads_as_text(longest))
}

/// Modifier names that keyboard shortcuts are built from (`ctrl+shift+v`, `cmd-alt-left`).
const KEY_NAMES: &[&[u8]] = &[
    b"ctrl", b"control", b"shift", b"alt", b"option", b"opt", b"cmd", b"command", b"meta", b"super", b"win",
    b"mod", b"cmdorctrl", b"commandorcontrol",
];

/// A keyboard shortcut: at least one modifier name, joined by `+` or `-` to other short keys.
fn is_key_chord(value: &[u8]) -> bool {
    let parts: Vec<&[u8]> = value.split(|&b| b == b'+' || b == b'-').collect();
    parts.len() >= 2
        && parts.iter().any(|p| KEY_NAMES.iter().any(|k| p.eq_ignore_ascii_case(k)))
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 12 && p.iter().all(u8::is_ascii_alphanumeric))
}

/// The bytes a base64 value (standard or URL-safe, padded or not) decodes to.
fn decode_base64(value: &[u8]) -> Option<Vec<u8>> {
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
    if value.len() < 8 {
        return None;
    }
    [STANDARD, URL_SAFE, STANDARD_NO_PAD, URL_SAFE_NO_PAD].iter().find_map(|engine| engine.decode(value).ok())
}

/// Base64 whose bytes are printable (`dXNlcm5hbWU6cGFzc3dvcmQ=` is `username:password`): random
/// key bytes are printable about a third of the time, so 90 % printable never happens by chance.
fn printable_base64(value: &[u8]) -> Option<Vec<u8>> {
    let decoded = decode_base64(value)?;
    let printable = decoded.iter().filter(|b| b.is_ascii_graphic() || **b == b' ').count();
    (decoded.len() >= 6 && printable * 10 >= decoded.len() * 9).then_some(decoded)
}

/// Base64 of text (`aGVsbG8gd29ybGQ=`). Encoded JSON or a pair that carries a random value
/// (`eyJrIjoi…`, Grafana's `glc_` tokens) is a token, not text: every run of 16+ token characters
/// in the decoded text must read as words.
fn decodes_to_text(value: &[u8]) -> bool {
    printable_base64(value).is_some_and(|decoded| {
        !decoded
            .split(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'_' | b'-')))
            .any(|run| run.len() >= 16 && !reads_as_text(run))
    })
}

/// The randomness test for values found by generic rules (`api_key = "…"`): 12 to 256 bytes, not a
/// number, id, path, version, dotted name or encoded text, not read as words by the value
/// model, and not low-entropy.
pub fn looks_random(value: &[u8]) -> bool {
    if !(12..=256).contains(&value.len()) || is_id(value) || is_compound_identifier(value) || is_number(value) {
        return false;
    }
    if value.iter().all(|b| b.is_ascii_digit() || *b == b'.' || *b == b'-') {
        return false; // numbers, versions, dates
    }
    if !value.iter().any(u8::is_ascii_digit) {
        // Without digits, only an even mix of cases is random (a random 16-character base62
        // token has a digit 94 % of the time); words and identifiers rarely mix that evenly.
        let upper = value.iter().filter(|b| b.is_ascii_uppercase()).count();
        if value.len() < 20 || upper * 10 < value.len() * 3 || upper * 10 > value.len() * 7 {
            return false;
        }
    }
    if value.iter().filter(|&&b| b == b'/' || b == b'.').count() * 8 > value.len() {
        return false; // paths, host names, dotted identifiers
    }
    if reads_as_text(value) || is_member_chain(value) || is_key_chord(value) || decodes_to_text(value) {
        return false;
    }
    let classes = [u8::is_ascii_digit, u8::is_ascii_lowercase, u8::is_ascii_uppercase]
        .iter()
        .filter(|class| value.iter().any(class))
        .count();
    // Random hex of 40+ characters never has less than 3.3 bits; counters and test patterns
    // (`000102030405…`) do.
    let long_hex = value.len() >= 40 && value.iter().all(u8::is_ascii_hexdigit);
    let floor = match classes {
        3.. => 3.5,
        _ if long_hex => 3.3,
        _ => 3.2,
    };
    shannon_entropy(value) >= floor
}

/// `user:password` inside base64 (a Basic header, a Docker `auth`): the password's confidence,
/// or `None` when the pair is a demo or the password is not worth reporting.
fn basic_credentials(value: &[u8]) -> Option<Option<Confidence>> {
    let decoded = printable_base64(value)?;
    let colon = memchr::memchr(b':', &decoded)?;
    let (user, password) = (&decoded[..colon], &decoded[colon + 1..]);
    if user.is_empty() || user.contains(&b' ') {
        return None;
    }
    Some(if is_demo_pair(user, password) { None } else { password_confidence(password, true) })
}

/// `scheme://user:SECRET@host`: the user and host around a secret written as a URL's password.
fn url_credentials<'h>(haystack: &'h [u8], span: &Range<usize>) -> Option<(&'h [u8], &'h [u8])> {
    if span.start == 0 || haystack[span.start - 1] != b':' || haystack.get(span.end) != Some(&b'@') {
        return None;
    }
    let user_end = span.start - 1;
    let floor = user_end.saturating_sub(64);
    let user_start = haystack[floor..user_end]
        .iter()
        .rposition(|&b| !(b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'~' | b'-')))
        .map_or(floor, |i| floor + i + 1);
    if user_start < 2 || &haystack[user_start - 2..user_start] != b"//" {
        return None;
    }
    let host = &haystack[span.end + 1..haystack.len().min(span.end + 1 + 256)];
    // A host ends at white space even inside an unclosed `[`: what follows the URL's line must
    // not decide how its password is judged.
    let word = &host[..host.iter().position(u8::is_ascii_whitespace).unwrap_or(host.len())];
    let host_len = match memchr::memchr(b']', word) {
        Some(close) if word.starts_with(b"[") => close + 1,
        _ => word.iter().position(|&b| matches!(b, b'/' | b':' | b'?' | b'#' | b'"' | b'\'' | b'`' | b'<' | b'>' | b')')).unwrap_or(word.len()),
    };
    Some((&haystack[user_start..user_end], &word[..host_len]))
}

/// True when the secret's line names a local or documentation host (`Server=localhost;`,
/// `host=127.0.0.1 dbname=...`, `Data Source=(local)`, `jdbc:mysql://localhost/db?password=...`).
/// The line is split into words only when `marks` finds a mark of such a host in it.
fn line_names_local_host(haystack: &[u8], span: &Range<usize>, marks: &mut HostMarks) -> bool {
    let low = span.start.saturating_sub(512);
    let high = haystack.len().min(span.end + 512);
    let start = memchr::memrchr(b'\n', &haystack[low..span.start]).map_or(low, |i| low + i + 1);
    let end = memchr::memchr(b'\n', &haystack[span.end..high]).map_or(high, |i| span.end + i);
    marks.within(haystack, start..end) && names_local_host(&haystack[start..end])
}

/// What [`line_names_local_host`] learnt of a text: every mark of a local host (see
/// [`local_host_mark`]) starting in `from..to`, through the first one. The findings of one long
/// line (glued connection strings) each read 1 KB around them, most of it their neighbours':
/// remembered, each byte is searched about once per window.
#[derive(Default)]
pub(crate) struct HostMarks {
    from: usize,
    to: usize,
    first: Option<usize>,
}

impl HostMarks {
    /// True when a mark starts in `line` (a range of `haystack`) early enough to fit in it; as
    /// marks have 4 bytes or more, that is before its last 3.
    fn within(&mut self, haystack: &[u8], line: Range<usize>) -> bool {
        let limit = line.end.saturating_sub(3);
        let known = self.from <= line.start && line.start <= self.to && self.first.map_or(true, |at| at >= line.start);
        if !known {
            *self = HostMarks { from: line.start, to: line.start, first: None };
        }
        if self.first.is_none() && self.to < limit {
            self.first = local_host_mark(haystack, self.to..limit);
            self.to = limit;
        }
        self.first.is_some_and(|at| at < limit)
    }
}

/// True when a word of `line` is a local or documentation host, or `line` holds `[::1]` or `(local)`.
fn names_local_host(line: &[u8]) -> bool {
    line.split(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-')))
        .any(|host| !host.is_empty() && is_local_or_documentation_host(host))
        || memchr::memchr2_iter(b'[', b'(', line).any(|at| {
            let rest = &line[at..];
            [&b"[::1]"[..], b"(local)"].iter().any(|n| rest.len() >= n.len() && rest[..n.len()].eq_ignore_ascii_case(n))
        })
}

/// The characters of unquoted tokens: base64, base64url, and `.` and `~`.
fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'_' | b'.' | b'~' | b'=' | b'-')
}

/// A secret written between matching quotes: a literal, not code.
fn is_quoted(haystack: &[u8], span: &Range<usize>) -> bool {
    span.start > 0
        && matches!(haystack[span.start - 1], b'"' | b'\'' | b'`')
        && haystack.get(span.end) == Some(&haystack[span.start - 1])
}

/// `user:SECRET` after a space, quote or `=` (`curl -u deploy:SECRET`, `--user=deploy:SECRET`):
/// the user.
fn colon_user<'h>(haystack: &'h [u8], span: &Range<usize>) -> Option<&'h [u8]> {
    if span.start == 0 || haystack[span.start - 1] != b':' {
        return None;
    }
    let user_end = span.start - 1;
    let floor = user_end.saturating_sub(64);
    let user_start = haystack[floor..user_end].iter().rposition(|&b| b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b'='))?;
    Some(&haystack[floor + user_start + 1..user_end])
}

/// An assignment whose operator is only white space (`NAME VALUE`) is one only as a
/// command-line option (`--password VALUE`), a config directive at the start of a line
/// (`requirepass VALUE`), or a quoted value after a password name (SQL's `PASSWORD 'VALUE'`,
/// Gradle's `storePassword "VALUE"`);
/// elsewhere it is prose or code (`password string`, `token in tokens`, "to pass 'x'").
fn is_plausible_assignment(haystack: &[u8], name: &Range<usize>, span: &Range<usize>) -> bool {
    let operator = &haystack[name.end..span.start];
    let spaced = operator.iter().all(|b| b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b'`' | b']'));
    if !spaced {
        return true;
    }
    let last_word = memchr::memrchr(b' ', &haystack[name.clone()]).map_or(name.start, |i| name.start + i + 1);
    let quoted = is_quoted(haystack, span) && haystack[span.start - 1] != b'`';
    // `PASSWORD 'x'` (SQL), `storePassword "x"` (Gradle): not a bare `pass`, a verb as often.
    let last = &haystack[last_word..name.end];
    let password_word = classify(last) == NameKind::Password && !last.eq_ignore_ascii_case(b"pass");
    // Only blanks (after a byte-order mark, which opens the first line of a file decoded from
    // UTF-16) between the line's start and the name; read back over the blanks alone, not to the
    // line's start: minified lines are megabytes long.
    let blanks = haystack[..name.start].iter().rev().take_while(|&&b| b != b'\n' && b.is_ascii_whitespace()).count();
    let indent_start = name.start - blanks;
    let after_mark = haystack[..indent_start].strip_suffix("\u{FEFF}".as_bytes()).map_or(indent_start, <[u8]>::len);
    let starts_line = after_mark == 0 || haystack[after_mark - 1] == b'\n';
    haystack[last_word] == b'-' || (quoted && password_word) || (last_word == name.start && starts_line)
}

/// The confidence of a match of `rule` whose secret is `haystack[span]`, or `None` to drop it.
/// `name` is what the value is assigned to, for rules that read one (generic assignments,
/// name/value pairs, `Password=` fields).
///
/// Calibration (docs/confidence.md): a verified checksum is `high`; a password is judged by
/// [`password_confidence`] (random-looking: `medium`), capped at `low` for local and
/// documentation hosts and dropped for demo pairs (a rule marked `password`, whose value has no
/// name, is judged the same way); a random value under any other secret name is
/// `low`; a rule of the `generic` category without a name (bearer tokens) needs a random value;
/// otherwise the rule's own confidence stands. No judgement raises a rule's confidence.
/// `marks` carries what earlier judgements of the same text found of local hosts.
pub(crate) fn judge(
    rule: &Rule,
    haystack: &[u8],
    span: Range<usize>,
    name: Option<Range<usize>>,
    marks: &mut HostMarks,
) -> Option<Confidence> {
    let secret = &haystack[span.clone()];
    if is_documented_example(secret) || is_jwt_chain_fragment(secret) {
        return None;
    }
    if let Some(checksum) = rule.checksum {
        // A checksum verifies only for real tokens: that beats every heuristic below.
        return checksum.verify(secret).then_some(Confidence::High);
    }
    if rule.min_entropy > 0.0 && shannon_entropy(secret) < rule.min_entropy {
        return None;
    }
    // Where the format's alphabet holds template characters, they are read as ordinary ones.
    let neutral: alloc::vec::Vec<u8>;
    let secret = if rule.template_chars {
        neutral = secret.iter().map(|&b| if b"${}<>(%".contains(&b) { b'0' } else { b }).collect();
        &neutral[..]
    } else {
        secret
    };
    let placeholder = match () {
        _ if rule.placeholders_reported => false,
        _ if rule.runs_allowed => has_placeholder_marks(secret),
        _ => looks_like_placeholder(secret),
    };
    if placeholder {
        return None;
    }
    // Unless the rule reports placeholders, `secret` has none of their marks: not looked for again.
    let password = |quoted: bool| judge_password(secret, quoted, !rule.placeholders_reported);
    // The secret's own prefix is the evidence (`pscale_pw_…` in a URL): no password judgement.
    let own_prefix = rule.keywords.iter().any(|k| secret.len() > k.len() && secret[..k.len()].eq_ignore_ascii_case(k.as_bytes()));
    let judged = if let Some((user, host)) = url_credentials(haystack, &span).filter(|_| !own_prefix) {
        if is_demo_pair(user, secret) {
            None
        } else if is_local_or_documentation_host(host) {
            password(true).map(|_| Confidence::Low)
        } else {
            password(true)
        }
    } else if rule.password {
        password(true) // a command line's word is a literal, quoted or not
    } else if let Some(name) = name {
        if rule.anchor == Anchor::Generic && !is_plausible_assignment(haystack, &name, &span) {
            return None;
        }
        match classify(&haystack[name]) {
            NameKind::Password => {
                let judged = password(is_quoted(haystack, &span));
                // The line is read only for a password worth reporting.
                judged.map(|judged| if line_names_local_host(haystack, &span, marks) { Confidence::Low } else { judged })
            }
            // Punctuation beyond base64's is part of a value only between quotes (`'k8#2j(x9@…'`);
            // unquoted it is code (`getToken()`).
            NameKind::Secret if !is_quoted(haystack, &span) && secret.iter().any(|b| !is_token_byte(*b)) => None,
            NameKind::Secret => match basic_credentials(secret) {
                Some(pair) => pair,
                None => (looks_random(secret) && !is_public_by_design(secret)).then_some(Confidence::Low),
            },
            NameKind::NotSecret | NameKind::Unrelated => None,
        }
    } else if rule.category == "generic" {
        if let Some(user) = colon_user(haystack, &span) {
            if is_demo_pair(user, secret) { None } else { password(true) }
        } else {
            match basic_credentials(secret) {
                Some(pair) => pair,
                None => (looks_random(secret) && !is_public_by_design(secret)).then_some(rule.confidence),
            }
        }
    } else {
        Some(rule.confidence)
    };
    judged.map(|confidence| confidence.min(rule.confidence))
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
    fn template_markers_in_one_pass_as_searched_one_by_one() {
        let searched = |s: &[u8]| TEMPLATE_MARKERS.iter().any(|m| s.windows(m.len()).any(|w| w == *m));
        let texts = crate::CATALOGUE_EXAMPLES.iter().flat_map(|r| r.examples.iter().chain(r.negatives).chain(r.values));
        let extra = ["${X}", "{{ x }}", "a}}", "<K>", "x>", "$(cmd)", "%(n)s", "a...b", "a…", "$", "{", "}", "%", "..", "\u{2026}x", "\u{2020}"];
        let mut found = 0;
        for text in texts.chain(extra.iter()).map(|t| t.as_bytes()) {
            assert_eq!(has_template_marker(text), searched(text), "{text:?}");
            found += usize::from(searched(text));
        }
        assert!(found > 20);
    }

    /// The entropy over all 256 counts in byte order, as it was computed before.
    fn entropy_over_all_counts(bytes: &[u8]) -> f32 {
        let mut counts = [0u32; 256];
        bytes.iter().for_each(|&b| counts[usize::from(b)] += 1);
        let len = bytes.len() as f32;
        counts.iter().filter(|&&c| c > 0).map(|&c| -(c as f32 / len) * libm::log2f(c as f32 / len)).sum()
    }

    #[test]
    fn entropy_equals_the_sum_over_all_counts_bit_for_bit() {
        let texts = crate::CATALOGUE_EXAMPLES.iter().flat_map(|r| r.examples.iter().chain(r.negatives).chain(r.values));
        let all_bytes: Vec<u8> = (0..=255u8).chain(0..=255).chain([0, 63, 64, 127, 128, 191, 192, 255]).collect();
        for text in texts.map(|t| t.as_bytes()).chain([&b"aaaa"[..], b"aabbbcccc\xff\x00", &all_bytes]) {
            assert_eq!(shannon_entropy(text).to_bits(), entropy_over_all_counts(text).to_bits(), "{text:?}");
        }
    }

    #[test]
    fn placeholders_are_recognised() {
        for p in [
            &b"sk-your-key-here"[..], b"xxxxxxxxxxxxxxxx", b"<API_KEY>", b"${OPENAI_API_KEY}", b"{{ token }}",
            b"AKIAIOSFODNN7EXAMPLE", b"aaaaaaaaaaaaaaaaaaaaaa", b"sk-1234567890abcdef", b"replace-me-please",
            b"$GITHUB_TOKEN\"", b"process.env.GITHUB_TOKEN", b"import.meta.env.VITE_OPENAI_KEY",
            b"a1b2c3d4e5f6g7h8", b"0123456789abcdef0123", b"abc123abc123abc123", b"deadbeefdeadbeefdeadbeef",
            b"xoxb-not-a-real-token-this-will-not-work", b"%API_KEY%", b"op://Private/Stripe/credential",
            b"arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf", b"var.db_password",
            b"secrets.NPM_TOKEN",
        ] {
            assert!(looks_like_placeholder(p), "{}", core::str::from_utf8(p).unwrap());
        }
        for real in [&b"Zq8vR2mT7kLp4xWc9bNd3hFs"[..], b"Xk9vQ2mT7kLp4xWc9bNd3hFzq81ZzA", b"9f86d081884c7d659a2feaa0c55ad015"] {
            assert!(!looks_like_placeholder(real), "{}", core::str::from_utf8(real).unwrap());
        }
    }

    #[test]
    fn jwt_chain_fragments() {
        assert!(is_jwt_chain_fragment(b"eyJhbGciOiJIUzI1NiJ9.eyJhbGciOiJIUzI1NiJ9.eyJhbGciOiJIUzI1NiJ9"));
        assert!(!is_jwt_chain_fragment(b"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJlc2lnbmF0dXJl"));
        assert!(!is_jwt_chain_fragment(b"eyJhbGciOiJIUzI1NiJ9"));
    }

    #[test]
    fn documented_keys_and_their_near_variants() {
        for documented in [
            &b"AKIAIOSFODNN7EXAMPLE"[..], b"AKIAIOSFODNN7EXAMPLF", b"AKIAIOSFODNN7EXAMPLEKEY2",
            b"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPL3KEY", b"sk_test_4eC39HqLyjWDarjtT1zdp7dc",
            b"eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWV9.c2lnbmF0dXJl",
        ] {
            assert!(is_documented_example(documented), "{}", core::str::from_utf8(documented).unwrap());
        }
        assert!(!is_documented_example(b"AKIAZ4QH8DHBKQ2RLX7M"));
        assert!(!is_documented_example(b"sk_test_51Hq7ZtLkP2mWx9RvB3nYc0dE"));
    }

    #[test]
    fn randomness_rejects_words_and_accepts_keys() {
        for not_random in [
            &b"getUserAccountSettings"[..], b"my_database_password", b"1.2.3-beta.4", b"/usr/local/bin/python3",
            b"123e4567-e89b-12d3-a456-426614174000", b"user_profile_v2_backup", b"MAX-RETRY-COUNT-3",
            b"ABC-5a4cbd20-e601-4ef5-a3c6-5d6577e4398e", b"0c6ae279ed8443289764825290e4f9e2-1a736e7c-1324-4338-be46-fc2a58ae4d14-7255",
            b"AuthMethodSelectionRequiredStateV2", b"CredentialType.ID_TOKEN", b"options2.relatedTask",
            b"PlatformAuthConstants.PLATFORM_DOM_PROVIDER", b"oauth2AuthenticationPolicy",
            b"X509KeyUsageFlags", b"PrivatePkcs8KeyDer", b"DOT11EXT_SET_DEFAULT_KEY", b"-2147483568i32",
            b"i18n_1.default.t", b"keyCodes_1.KeyMod.Alt", b"DOC_Vector_5_32", b"NEXUS-GPT4-API-KEY",
            b"ctrl+shift+down", b"Befaehigung_P2", b"Nieoczekiwany", b"shift+ctrl+v", b"pki.pbe.generatePkcs12Key",
            b"dXNlcm5hbWU6cGFzc3dvcmQ=", b"aGVsbG8gd29ybGQsIHRoaXMgaXMgdGV4dA==",
            b"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
        ] {
            assert!(!looks_random(not_random), "{}", core::str::from_utf8(not_random).unwrap());
        }
        for random in [
            &b"Zq8vR2mT7kLp4xWc9bNd3hFs"[..], b"9f86d081884c7d659a2feaa0c55ad015", b"q8R-2mT7kLp4xWc9bNd3h",
            // prefixed lower-case and upper-case tokens (one long random part)
            b"sk-07f0040cf1abb8f96f431022a858a312", b"rpa_U4ENXYJO67O9ZBWKOLGSESS86IWY4LTN744NPMCLEOJZT4",
            b"0HEM14F-S9V947O-J8YLGQO-9K5JT89",
            // base64 of JSON carrying a random value: {"k":"25IndYN08SJjLwytGljFZZdV34dlyKUv","n":"ci-deploy","id":79}
            b"eyJrIjoiMjVJbmRZTjA4SlJqTHd5dEdsakZaWmRWMzRkbHlLVXYiLCJuIjoiY2ktZGVwbG95IiwiaWQiOjc5fQ==",
        ] {
            assert!(looks_random(random), "{}", core::str::from_utf8(random).unwrap());
        }
    }

    #[test]
    fn basic_credentials_decode_and_judge_the_password() {
        // alice:Tq9%mWz#4LbX2vPe, user:password, a random key's bytes
        assert_eq!(basic_credentials(b"YWxpY2U6VHE5JW1XeiM0TGJYMnZQZQ=="), Some(Some(Confidence::Medium)));
        assert_eq!(basic_credentials(b"dXNlcjpwYXNzd29yZA=="), Some(None));
        assert_eq!(basic_credentials(b"Zq8vR2mT7kLp4xWc9bNd3hFs"), None);
    }

    #[test]
    fn the_local_host_marks_are_in_every_line_naming_a_local_host() {
        let mut lines: Vec<&[u8]> = alloc::vec![
            &b"Server=LOCALHOST;Database=app"[..], b"host=127.0.0.1 dbname=x", b"Data Source=(Local);", b"redis://[::1]:6379",
            b"db.Example.COM", b"printer.local", b"api.test", b"x.invalid", b"0.0.0.0:80", b"a.localhost", b"b.example",
            b"example.org", b"example.net", b"my.example.com/x", b"Example.Org", b"x.example.net",
        ];
        for rule in crate::CATALOGUE_EXAMPLES {
            lines.extend(rule.examples.iter().chain(rule.negatives).flat_map(|text| text.as_bytes().split(|&b| b == b'\n')));
        }
        assert!(lines.iter().filter(|line| names_local_host(line)).count() >= 16);
        for line in lines {
            let marked = local_host_mark(line, 0..line.len()).is_some();
            assert!(!names_local_host(line) || marked, "{}", core::str::from_utf8(line).unwrap());
        }
    }

    #[test]
    fn remembered_host_marks_answer_as_a_fresh_search() {
        let text = b"a=1 host=localhost b=2;c=LOCAL.test x[::1]y 127.0.0.9 zz Example.org end";
        let fresh = |line: Range<usize>| HostMarks::default().within(text, line);
        let mut marks = HostMarks::default();
        let mut checked = 0;
        // Lines moving forward, overlapping, jumping back, empty and cut.
        for start in (0..text.len()).chain((0..text.len()).rev()).step_by(3) {
            for len in [0, 2, 5, 9, 17, 40] {
                let line = start..text.len().min(start + len);
                assert_eq!(marks.within(text, line.clone()), fresh(line.clone()), "{line:?}");
                checked += usize::from(fresh(line));
            }
        }
        assert!(checked > 50);
    }

    #[test]
    fn url_credentials_find_user_and_host() {
        let text = b"x postgresql://app:S3cr3t@db.prod:5432/x";
        let at = text.windows(6).position(|w| w == b"S3cr3t").unwrap();
        assert_eq!(url_credentials(text, &(at..at + 6)), Some((&b"app"[..], &b"db.prod"[..])));
        let ipv6 = b"redis://:S3cr3t@[::1]:6379";
        assert_eq!(url_credentials(ipv6, &(9..15)), Some((&b""[..], &b"[::1]"[..])));
        assert_eq!(url_credentials(b"user:S3cr3t@host", &(5..11)), None);
        // An unclosed `[` ends at the line's end: the next line (`.local`) is not its host.
        let unclosed = b"redis://u:S3cr3t@[db.prod x\nhost.local";
        assert_eq!(url_credentials(unclosed, &(10..16)), Some((&b"u"[..], &b"[db.prod"[..])));
    }
}
