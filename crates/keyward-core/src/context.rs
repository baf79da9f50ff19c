//! Context rules: when a provider's name near a value makes the value that provider's key.
//!
//! A context rule's value has no distinctive shape (32 hex, a UUID, `sk_` + 32 alnum), so the
//! keyword does the work, and three questions decide a finding:
//! - is the keyword the provider's *name*: a word of an identifier (`FIREWORKS_API_KEY`,
//!   `fireworksKey`, `X-Fireworks-Token`, `api.fireworks.ai`), not part of a longer word
//!   (`box` in `checkbox`)? See [`is_name`].
//! - how far may the value be: the keyword's line and its neighbours, plus the block the
//!   keyword's line opens (`[fireworks]`, `fireworks:`, `"fireworks": {`), always within a
//!   bounded number of bytes. See [`window`].
//! - is the value assigned to a name that says it is something else (`FIREWORKS_ACCOUNT_ID`,
//!   `base_url`) or that belongs to another subject (`STRIPE_KEY=` on the line after a
//!   Fireworks keyword)? See [`accepts`].
//!
//! Everything here looks at a bounded number of bytes around one position, so the engine's
//! work stays linear in the input.

use core::ops::Range;

use crate::line_breaks::LineBreaks;
use crate::names::{classify, NameKind};

/// Lines below a block's header searched for its fields (`[fireworks]` then `api_key = ...`).
const BLOCK_LINES: usize = 12;
/// Bytes below a block's header searched at most, whatever the line lengths.
const BLOCK_BYTES: usize = 1024;
/// Bytes either side of a keyword within which its line must end to be a block's header.
const HEADER_BYTES: usize = 128;
/// Longest name read to the left of a value (`os.environ["FIREWORKS_API_KEY"] = `).
const NAME_BYTES: usize = 80;
/// Bytes either side of a value searched for the provider's name on the value's own line.
const NEAR_LINE_BYTES: usize = 256;

/// True when the keyword occurrence `hit` is a word of an identifier, not part of a longer
/// word: it starts after a non-alphanumeric byte or at a camelCase hump (`myFireworks`), and
/// ends before one or at a hump (`fireworksKey`). A keyword that starts or ends with a
/// non-alphanumeric byte (`_authToken`, `AccountKey=`) carries that boundary itself.
pub(crate) fn is_name(haystack: &[u8], hit: Range<usize>) -> bool {
    let (first, last) = (haystack[hit.start], haystack[hit.end - 1]);
    let before = hit.start.checked_sub(1).map(|i| haystack[i]);
    let after = haystack.get(hit.end).copied();
    let starts = match before {
        Some(b) if b.is_ascii_alphanumeric() && first.is_ascii_alphanumeric() => {
            (b.is_ascii_lowercase() || b.is_ascii_digit()) && first.is_ascii_uppercase()
        }
        _ => true,
    };
    let ends = match after {
        Some(a) if a.is_ascii_alphanumeric() && last.is_ascii_alphanumeric() => {
            (last.is_ascii_lowercase() || last.is_ascii_digit()) && a.is_ascii_uppercase()
        }
        _ => true,
    };
    starts && ends
}

/// The range searched for a context rule's value around the keyword `hit`: up to `lines` lines
/// either side of the keyword's line, within `reach` bytes; and (if `lines > 0`) when the keyword's line opens a
/// block (a YAML key ending in `:`, a JSON/HCL key ending in `{`, an INI/TOML `[section]`), the
/// block's first [`BLOCK_LINES`] lines below it, within [`BLOCK_BYTES`]. The newlines around
/// the lines are part of the window, so a pattern can use them as the value's boundary.
pub(crate) fn window(haystack: &[u8], hit: Range<usize>, reach: usize, lines: usize, breaks: &mut LineBreaks) -> Range<usize> {
    let len = haystack.len();
    let low = hit.start.saturating_sub(reach);
    let start = breaks.last(haystack, low..hit.start, lines).unwrap_or(low);
    let high = len.min(hit.end + reach);
    // A line ending right at the reach keeps its line break: a pattern ending in `(?:\s|$)` then
    // sees the same whether the text stops there or goes on after the break (found by the `scan`
    // fuzz target, in a decoded copy, which keeps its lines' breaks).
    let end = breaks.first(haystack, hit.end..len.min(high + 1), lines).map_or(high, |at| at + 1);
    // Rules that want their keyword's line only (`lines == 0`, custom rules) get no block.
    let block = if lines == 0 { end } else { block_end(haystack, hit, reach, breaks) };
    start..end.max(block)
}

/// The end of the block whose header line holds `hit`, or `hit.end` when that line opens none;
/// at most [`BLOCK_BYTES`] plus the rule's `reach` (its longest value) below the keyword.
fn block_end(haystack: &[u8], hit: Range<usize>, reach: usize, breaks: &mut LineBreaks) -> usize {
    // A header is a short line: look for its ends within HEADER_BYTES of the keyword only.
    let floor = hit.start.saturating_sub(HEADER_BYTES);
    let Some(line_start) = breaks.last(haystack, floor..hit.start, 0).map(|at| at + 1).or((floor == 0).then_some(0)) else {
        return hit.end;
    };
    let ceiling = haystack.len().min(hit.end + HEADER_BYTES);
    let Some(line_end) = breaks.first(haystack, hit.end..ceiling, 0) else {
        return hit.end;
    };
    let header = trim(&haystack[line_start..line_end]);
    let section = header.first() == Some(&b'[') && header.last() == Some(&b']');
    let opens = section || matches!(header.last(), Some(b':' | b'{'));
    if !opens {
        return hit.end;
    }
    let high = haystack.len().min(hit.end + BLOCK_BYTES + reach);
    let indent = indentation(&haystack[line_start..line_end]);
    let mut end = line_end + 1;
    // Lines up to `high`, with the break of one that ends right there (see `window`).
    let limit = haystack.len().min(high + 1);
    for line in haystack[line_end + 1..limit].split_inclusive(|&b| b == b'\n').take(BLOCK_LINES) {
        let content = trim(line);
        let inside = if section {
            content.first() != Some(&b'[')
        } else {
            content.is_empty() || indentation(line) > indent
        };
        // A line cut by `high` may not be inside; the text's last line is whole without its
        // newline when it ends by `high` (else text appended after it would change what its
        // block holds: found by the `scan` fuzz target, twice).
        let whole = line.ends_with(b"\n") || (end + line.len() == haystack.len() && haystack.len() <= high);
        if !inside || !whole {
            break;
        }
        end += line.len();
    }
    end
}

fn indentation(line: &[u8]) -> usize {
    line.iter().take_while(|&&b| b == b' ' || b == b'\t').count()
}

fn trim(bytes: &[u8]) -> &[u8] {
    let is_space = |b: &u8| b.is_ascii_whitespace();
    let start = bytes.iter().position(|b| !is_space(b)).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|b| !is_space(b)).map_or(start, |i| i + 1);
    &bytes[start..end]
}

/// What [`accepts`] found for the last line and block it looked at: the values of one window
/// often share them, and reading a line once per value would make long lines quadratic.
#[derive(Default)]
pub(crate) struct Acceptance {
    line: Option<(usize, bool)>,
    block: Option<(usize, bool)>,
}

/// Whether a context rule with `keywords` takes the value starting at `value_start`. It does
/// when the value has no name (a function argument, a header value after `Bearer`), or a name
/// that may hold a secret and either names the provider (`FIREWORKS_API_KEY`), says nothing
/// specific (`api_key`, `token`), or sits where the provider is named: on the value's own line
/// (`X-Honeycomb-Team: …` next to the host) or as the header of its block (`"launchdarkly": {`
/// above `"sdkKey": …`). So `FIREWORKS_ACCOUNT_ID=…` and `base_url: …` are refused, and so is
/// `STRIPE_KEY=…` on the line after a Fireworks keyword; and a value that reads as an
/// identifier (see [`looks_like_a_key`]). Adds the bytes it read to `work`.
pub(crate) fn accepts<K: AsRef<str>>(
    haystack: &[u8],
    value: Range<usize>,
    keywords: &[K],
    seen: &mut Acceptance,
    work: &mut usize,
) -> bool {
    let value_start = value.start;
    if !looks_like_a_key(&haystack[value]) {
        return false;
    }
    *work += NAME_BYTES;
    let Some(name) = assigned_name(haystack, value_start) else { return true };
    let keyword_cores = || keywords.iter().map(|k| k.as_ref().trim_matches(|c: char| !c.is_ascii_alphanumeric()));
    *work += name.len() * keywords.len();
    let names_provider = keyword_cores().any(|core| !core.is_empty() && find_ignore_case(name, core.as_bytes()).is_some());
    if !name_may_hold_secret(name, names_provider) {
        return false;
    }
    if names_provider || words(name).all(is_generic_word) {
        return true;
    }
    let named_in = |text: &[u8], work: &mut usize| {
        *work += text.len() * keywords.len();
        keywords.iter().any(|k| has_name(text, k.as_ref().as_bytes()))
    };
    let line = line_around(haystack, value_start);
    let line_start = line.as_ptr() as usize - haystack.as_ptr() as usize;
    let on_line = match seen.line {
        Some((start, named)) if start == line_start => named,
        _ => {
            let named = named_in(line, work);
            seen.line = Some((line_start, named));
            named
        }
    };
    if on_line {
        return true;
    }
    match seen.block {
        Some((start, named)) if start == line_start => named,
        _ => {
            let (header, examined) = block_header(haystack, value_start);
            *work += examined;
            let named = header.is_some_and(|header| named_in(header, work));
            seen.block = Some((line_start, named));
            named
        }
    }
}

/// False for values that read as identifiers or words: no digit and no even mix of cases
/// (`PromiseSource`, `accessibility`), or mixed case whose camelCase words are long
/// (`ChaCha20Poly1305MessageDecrypter`: 5.2 letters a word; random keys split into words of 2
/// or 3 letters). Identifiers fill the shapes of many keys in code; a random key nearly always
/// holds a digit, and without one its letters are about half capitals (a quarter or less
/// happens about once in a hundred).
fn looks_like_a_key(value: &[u8]) -> bool {
    let upper = value.iter().filter(|b| b.is_ascii_uppercase()).count();
    let lower = value.iter().filter(|b| b.is_ascii_lowercase()).count();
    let letters = upper + lower;
    if upper > 0 && lower > 0 && value.iter().all(u8::is_ascii_alphanumeric) {
        let words = words(value).count().max(1);
        if letters * 2 >= words * 7 {
            return false;
        }
    }
    value.iter().any(u8::is_ascii_digit) || (upper * 4 > letters && upper * 4 < letters * 3)
}

/// The line holding `at`, at most [`NEAR_LINE_BYTES`] either side.
fn line_around(haystack: &[u8], at: usize) -> &[u8] {
    let low = at.saturating_sub(NEAR_LINE_BYTES);
    let high = haystack.len().min(at + NEAR_LINE_BYTES);
    let start = memchr::memrchr(b'\n', &haystack[low..at]).map_or(low, |i| low + i + 1);
    let end = memchr::memchr(b'\n', &haystack[at..high]).map_or(high, |i| at + i);
    &haystack[start..end]
}

/// The header line of the block holding `at`: the nearest line above, within [`BLOCK_LINES`]
/// and [`BLOCK_BYTES`], that is an INI/TOML `[section]` or less indented than `at`'s line.
/// Also returns the bytes it read: the value's line back to its start, and the lines above it
/// up to the header (short lines cost little, whatever [`BLOCK_BYTES`] allows).
fn block_header(haystack: &[u8], at: usize) -> (Option<&[u8]>, usize) {
    let floor = at.saturating_sub(BLOCK_BYTES);
    let Some(line_start) = memchr::memrchr(b'\n', &haystack[floor..at]).map(|i| floor + i + 1) else {
        return (None, at - floor);
    };
    let mut examined = at - line_start + 1;
    let indent = indentation(&haystack[line_start..at]);
    let above = &haystack[floor..line_start - 1];
    // The topmost line may be cut by the byte floor: it is never taken as a header.
    let cut = floor > 0 && haystack[floor - 1] != b'\n';
    let header = above
        .rsplit(|&b| b == b'\n')
        .take(BLOCK_LINES)
        .filter(|line| !(cut && line.as_ptr() == above.as_ptr()))
        .inspect(|line| examined += line.len() + 1)
        .find(|line| {
            let content = trim(line);
            (content.first() == Some(&b'[') && content.last() == Some(&b']'))
                || (!content.is_empty() && indentation(line) < indent)
        });
    (header, examined)
}

/// True when `keyword` occurs in `text` as a name (see [`is_name`]), ignoring ASCII case.
fn has_name(text: &[u8], keyword: &[u8]) -> bool {
    let mut from = 0;
    while let Some(i) = find_ignore_case(&text[from..], keyword) {
        let at = from + i;
        if is_name(text, at..at + keyword.len()) {
            return true;
        }
        from = at + 1;
    }
    false
}

fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || needle.len() > haystack.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle))
}

/// The name a value is assigned to: the identifier, key or header left of `=`, `:`, `:=` or
/// `=>` (through quotes and brackets: `os.environ["API_KEY"] = "…"`, `"api_key": "…"`), or
/// `None` when no assignment precedes the value.
pub(crate) fn assigned_name(haystack: &[u8], value_start: usize) -> Option<&[u8]> {
    let floor = value_start.saturating_sub(NAME_BYTES);
    let mut i = value_start;
    let skip = |i: &mut usize, set: &[u8]| {
        while *i > floor && set.contains(&haystack[*i - 1]) {
            *i -= 1;
        }
    };
    skip(&mut i, b"\"'`");
    let value_quoted = i < value_start;
    skip(&mut i, b" \t");
    let operator_end = i;
    skip(&mut i, b"=:>");
    if i == operator_end || operator_end - i > 2 {
        return None;
    }
    // `user:password@host`, `oauth:…`: a colon glued to an unquoted value is no assignment.
    if &haystack[i..operator_end] == b":" && operator_end == value_start && !value_quoted {
        return None;
    }
    skip(&mut i, b" \t");
    skip(&mut i, b"\"'`]");
    let name_end = i;
    while i > floor && is_name_byte(haystack[i - 1]) {
        i -= 1;
    }
    (i < name_end).then(|| &haystack[i..name_end])
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'$')
}

/// The words of an identifier: split at `_ - . $`, digits runs and camelCase humps.
fn words(name: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = name;
    core::iter::from_fn(move || {
        while let [first, tail @ ..] = rest {
            if first.is_ascii_alphabetic() {
                break;
            }
            rest = tail;
        }
        if rest.is_empty() {
            return None;
        }
        let mut end = 1;
        while end < rest.len() && rest[end].is_ascii_alphabetic() {
            let hump = rest[end].is_ascii_uppercase() && rest[end - 1].is_ascii_lowercase();
            // `APIKey`: the last capital of a run starts the next word.
            let acronym_end = rest[end].is_ascii_lowercase()
                && end >= 2
                && rest[end - 1].is_ascii_uppercase()
                && rest[end - 2].is_ascii_uppercase();
            if hump {
                break;
            }
            if acronym_end {
                end -= 1;
                break;
            }
            end += 1;
        }
        let (word, tail) = rest.split_at(end);
        rest = tail;
        Some(word)
    })
}

/// Words that say a name holds a credential (or nothing in particular), never which service.
const GENERIC_WORDS: &[&str] = &[
    "api", "apikey", "key", "keys", "token", "tokens", "secret", "secrets", "access", "auth", "authorization",
    "bearer", "password", "passwd", "pass", "pwd", "credential", "credentials", "cred", "creds", "private",
    "client", "app", "application", "service", "server", "x", "my", "the", "default", "prod", "production", "dev",
    "development", "staging", "stage", "test", "testing", "live", "sandbox", "personal", "master", "admin", "rest",
    "http", "https", "header", "value", "env", "config", "settings", "options", "opts", "params", "new", "old",
    "primary", "secondary", "read", "write", "full", "sk", "pk", "v", "bot", "user", "integration", "webhook",
    "signing", "management", "mgmt", "account", "project", "org", "organization", "workspace", "team",
    "ai", "io", "com", "os", "environ", "process", "get", "set", "s", "var", "vars", "const", "let", "export",
];

fn is_generic_word(word: &[u8]) -> bool {
    GENERIC_WORDS.iter().any(|g| word.eq_ignore_ascii_case(g.as_bytes()))
}

/// Last words of names whose values are not secrets: identifiers, addresses, labels, settings.
const NOT_SECRET_LAST_WORDS: &[&str] = &[
    "id", "ids", "sid", "uid", "uuid", "url", "urls", "uri", "endpoint", "host", "hostname", "domain", "name",
    "username", "user", "login", "email", "mail", "region", "zone", "location", "model", "version", "path", "dir",
    "file", "filename", "port", "type", "mode", "level", "timeout", "count", "size", "limit", "enabled", "disabled",
    "flag", "prefix", "suffix", "format", "locale", "lang", "language", "label", "title", "description", "number",
    "phone", "address", "base", "site", "link", "ref", "branch", "tag", "channel", "list", "index", "slug", "owner",
    "audience", "account", "org", "organization", "project", "workspace", "tenant", "bucket", "database",
    "table", "namespace", "cluster", "instance", "queue", "topic", "sender", "recipient", "from", "to", "subject",
];

/// Words anywhere in a name that make its value a public or derived one (`search`: search-only
/// keys, public by design at Algolia and Typesense).
const NOT_SECRET_WORDS: &[&str] = &[
    "public", "publishable", "search", "hash", "sha", "digest", "checksum", "integrity", "fingerprint", "nonce",
    "etag",
];

/// True unless the name says its value is not a secret: the names classifier says so
/// (`public_key`, `token_url`, `key_id`, `cache_key`; not asked when the name holds the
/// provider's name, which it could take for a qualifier: `CURSOR_API_KEY`, `COLUMN_API_KEY`),
/// or it ends in a word like `id`, `url`
/// or `name` (`FIREWORKS_ACCOUNT_ID`, `baseUrl`: names without a secret word, which the
/// classifier leaves unrelated), or holds one like `public`, `search` or `sha`.
fn name_may_hold_secret(name: &[u8], names_provider: bool) -> bool {
    let is_in = |word: &[u8], list: &[&str]| list.iter().any(|n| word.eq_ignore_ascii_case(n.as_bytes()));
    (names_provider || classify(name) != NameKind::NotSecret)
        && !words(name).last().is_some_and(|w| is_in(w, NOT_SECRET_LAST_WORDS))
        && !words(name).any(|w| is_in(w, NOT_SECRET_WORDS))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    fn name_hits(text: &str, keyword: &str) -> Vec<bool> {
        let lower = text.to_ascii_lowercase();
        let keyword = keyword.to_ascii_lowercase();
        lower.match_indices(&keyword).map(|(i, _)| is_name(text.as_bytes(), i..i + keyword.len())).collect()
    }

    #[test]
    fn a_keyword_counts_as_a_word_of_an_identifier() {
        for text in [
            "FIREWORKS_API_KEY=1",
            "FIREWORKS_AI_API_KEY=1",
            "fireworksKey = 1",
            "FireworksKey = 1",
            "myFireworksKey = 1",
            "fireworks.api_key = 1",
            "X-Fireworks-Token: 1",
            "\"fireworks\": {\"key\": 1}",
            "https://api.fireworks.ai/v1",
            "[fireworks]",
        ] {
            assert_eq!(name_hits(text, "fireworks"), [true], "{text}");
        }
        for text in ["checkbox", "boxing", "CHECKBOX", "inbox_key", "BOXES", "box2", "sandboxKey"] {
            assert_eq!(name_hits(text, "box"), [false], "{text}");
        }
        assert_eq!(name_hits("BOX_TOKEN boxToken BoxToken box-token", "box"), [true, true, true, true]);
        assert_eq!(name_hits("const web3Key = 1", "web3"), [true]);
        // A keyword with its own non-alphanumeric edge needs no boundary there.
        assert_eq!(name_hits("//registry.npmjs.org/:_authToken=1", "_authToken"), [true]);
    }

    #[test]
    fn the_window_covers_neighbour_lines_and_the_block_the_keyword_opens() {
        let text = b"a: 1\nb: 2\nfireworks:\n  model: m\n  account: acme\n  api_key: VALUE\nother: 3\nlast: 4\n";
        let searched = core::str::from_utf8(&text[window(text, 10..19, 256, 1, &mut LineBreaks::default())]).unwrap();
        assert!(searched.starts_with("\nb: 2\n") && searched.contains("api_key: VALUE\n"), "{searched:?}");
        assert!(!searched.contains("other"), "{searched:?}");

        let ini = b"[fireworks]\nmodel = m\nregion = us\napi_key = VALUE\n[other]\nkey = X\n";
        let searched = &ini[window(ini, 1..10, 256, 1, &mut LineBreaks::default())];
        assert!(searched.ends_with(b"api_key = VALUE\n"), "{:?}", core::str::from_utf8(searched));

        let json = b"{\n  \"fireworks\": {\n    \"model\": \"m\",\n    \"region\": \"us\",\n    \"key\": \"VALUE\"\n  },\n  \"x\": 1\n}";
        let searched = &json[window(json, 5..14, 256, 1, &mut LineBreaks::default())];
        assert!(core::str::from_utf8(searched).unwrap().contains("\"key\": \"VALUE\""));
        assert!(!core::str::from_utf8(searched).unwrap().contains("\"x\""));

        // The text's last line is in the block without a newline, as with one (found by the
        // fuzzer: text appended after it changed the findings on it).
        let last = b"fireworks:\n  model: m\n  api_key: VALUE";
        assert!(last[window(last, 0..9, 16, 1, &mut LineBreaks::default())].ends_with(b"VALUE"));
        let long = alloc::format!("fireworks:\n  model: m\n  api_key: {}", "x".repeat(2 * BLOCK_BYTES));
        assert!(window(long.as_bytes(), 0..9, 16, 1, &mut LineBreaks::default()).end < long.len(), "the block stays within its byte limit");

        // A line that opens nothing: only the neighbours.
        let env = b"A=1\nB=2\nFIREWORKS_URL=u\nC=3\nD=4\n";
        assert_eq!(&env[window(env, 8..17, 256, 1, &mut LineBreaks::default())], b"\nB=2\nFIREWORKS_URL=u\nC=3\n");
    }

    #[test]
    fn a_block_is_bounded_in_lines_and_bytes() {
        let mut text = alloc::string::String::from("fireworks:\n");
        for _ in 0..100 {
            text.push_str("  k: v\n");
        }
        let range = window(text.as_bytes(), 0..9, 256, 1, &mut LineBreaks::default());
        assert!(range.end <= 11 + BLOCK_LINES * 7, "{range:?}");
        let long = alloc::format!("fireworks:\n  k: {}\n", "v".repeat(5000));
        assert!(window(long.as_bytes(), 0..9, 256, 1, &mut LineBreaks::default()).end <= 9 + BLOCK_BYTES + 256);
    }

    #[test]
    fn assigned_names() {
        let name = |text: &str| {
            let at = text.find("VALUE").unwrap();
            assigned_name(text.as_bytes(), at).map(|n| core::str::from_utf8(n).unwrap().to_owned())
        };
        use alloc::borrow::ToOwned;
        assert_eq!(name("FIREWORKS_API_KEY=VALUE").as_deref(), Some("FIREWORKS_API_KEY"));
        assert_eq!(name("export X_TOKEN=\"VALUE\"").as_deref(), Some("X_TOKEN"));
        assert_eq!(name("  \"api_key\": \"VALUE\"").as_deref(), Some("api_key"));
        assert_eq!(name("os.environ[\"API_KEY\"] = \"VALUE\"").as_deref(), Some("API_KEY"));
        assert_eq!(name("X-Fireworks-Token: VALUE").as_deref(), Some("X-Fireworks-Token"));
        assert_eq!(name("key := \"VALUE\"").as_deref(), Some("key"));
        assert_eq!(name("'api_key' => 'VALUE'").as_deref(), Some("api_key"));
        assert_eq!(name("Fireworks(\"VALUE\")"), None);
        assert_eq!(name("Authorization: Bearer VALUE"), None);
        assert_eq!(name("VALUE"), None);
    }

    #[test]
    fn names_that_hold_no_secret_or_another_subject_are_refused() {
        // VALUE stands for a random value: no digit, so replace it with one that looks random.
        let takes = |text: &str| {
            let text = &text.replace("VALUE", "Zq8vR2mT7kLp4xWc9bNd3hFs");
            let (mut seen, mut work) = (Acceptance::default(), 0);
            let at = text.find("Zq8v").unwrap();
            accepts(text.as_bytes(), at..at + 24, &["fireworks", "api.fireworks.ai"], &mut seen, &mut work)
        };
        for text in [
            "FIREWORKS_API_KEY=VALUE",
            "fireworksApiKey: 'VALUE'",
            "api_key = \"VALUE\"",
            "Fireworks(api_key=\"VALUE\")",
            "Authorization: Bearer VALUE",
            "TOKEN=VALUE",
            "\"key\": \"VALUE\"",
        ] {
            assert!(takes(text), "{text}");
        }
        // A specific name is taken where the provider is named on its line or heads its block.
        for text in [
            "curl https://api.fireworks.ai -H \"X-Workspace-Secret: VALUE\"",
            "{\"fireworks\": {\n  \"sdkKey\": \"VALUE\"}}",
            "[fireworks]\nregion = us\nsdk_key = VALUE\n",
            "fireworks:\n  model: m\n  sdk_key: VALUE\n",
        ] {
            assert!(takes(text), "{text}");
        }
        for text in [
            "FIREWORKS_REGION=us\nSDK_KEY=VALUE",
            "[fireworks]\nregion = us\n[other]\nsdk_key = VALUE\n",
            "fireworks:\n  model: m\nother:\n  sdk_key: VALUE\n",
            "FIREWORKS_ACCOUNT_ID=VALUE",
            "client_id: VALUE",
            "fireworks_base_url = \"VALUE\"",
            "FIREWORKS_MODEL_NAME=VALUE",
            "STRIPE_KEY=VALUE",
            "GITHUB_SHA=VALUE",
            "public_key = 'VALUE'",
        ] {
            assert!(!takes(text), "{text}");
        }
    }

    #[test]
    fn identifiers_are_no_keys() {
        for word in [
            "PromiseSource",
            "overviewRulerFindMatchForeground",
            "accessibility",
            "SystemTimeToFileTime",
            "ChaCha20Poly1305MessageDecrypter",
        ] {
            assert!(!looks_like_a_key(word.as_bytes()), "{word}");
        }
        for key in [
            "vgJnzAcWOrzP",
            "Zq8vR2mT7kLp4xWc9bNd3hFs",
            "6a0604d175f290860106ee516868c75f",
            "GR13489419GjipwSJTmpwffyC5B14",
            "ZGVwbG95OlhrOXZRMm1UN2tMcDR4V2M5Yk5k",
        ] {
            assert!(looks_like_a_key(key.as_bytes()), "{key}");
        }
    }

    #[test]
    fn words_split_identifiers() {
        fn split(s: &str) -> Vec<&str> {
            words(s.as_bytes()).map(|w| core::str::from_utf8(w).unwrap()).collect()
        }
        assert_eq!(split("FIREWORKS_API_KEY"), ["FIREWORKS", "API", "KEY"]);
        assert_eq!(split("fireworksApiKey"), ["fireworks", "Api", "Key"]);
        assert_eq!(split("APIKey"), ["API", "Key"]);
        assert_eq!(split("x-api-key2"), ["x", "api", "key"]);
    }
}
