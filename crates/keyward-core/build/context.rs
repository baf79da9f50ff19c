//! `[[context]]` entries: a provider's shapeless value (an alphabet, a length, maybe a prefix)
//! reported only near the provider's name. build.rs expands each into a context rule: the
//! pattern with its boundaries, and the standard negatives every such rule must reject.

use std::fmt::Write as _;

use serde::Deserialize;

/// A `[[context]]` entry as written in a provider file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextToml {
    pub id: String,
    pub provider: String,
    pub title: String,
    #[serde(default)]
    pub revoke_url: String,
    /// Default: the first keyword in capitals + `_API_KEY`.
    pub env_var: Option<String>,
    /// The provider's name variants, matched as words of identifiers. The first one is its
    /// plain name (letters and digits), used for the default env var and the tests' lines.
    pub keywords: Vec<String>,
    /// A literal the value starts with (one of several).
    #[serde(default)]
    pub prefix: OneOrMany,
    /// A literal the value ends with.
    #[serde(default)]
    pub suffix: String,
    /// Characters of the value's body: a name of [`ALPHABETS`] or a class like `[A-Za-z0-9._-]`.
    pub alphabet: String,
    /// Body length: `32`, `"20-24"`, or a list of either.
    pub length: Option<Lengths>,
    /// Body made of groups of these lengths joined by `separator` (a UUID is 8, 4, 4, 4, 12).
    pub groups: Option<Vec<usize>>,
    #[serde(default = "default_separator")]
    pub separator: String,
    /// A hand-written regex for the body, for layouts the fields above cannot say (`alphabet`
    /// still gives its characters, for the boundaries and the examples' check).
    pub shape: Option<String>,
    pub severity: Option<String>,
    pub min_entropy: Option<f32>,
    pub context_lines: Option<u8>,
    /// Bare values: each must be found by this rule, with its exact span, in natural lines
    /// naming the provider (`<NAME>_API_KEY=<value>` ...).
    pub examples: Vec<String>,
    /// More texts in which the rule must report a finding.
    #[serde(default)]
    pub texts: Vec<String>,
    /// Texts in which the rule must report nothing (the standard ones are added).
    #[serde(default)]
    pub negatives: Vec<String>,
    /// Fact-sheet formats this rule reports (default: its own id; `[]` for none).
    pub covers: Option<Vec<String>>,
    #[serde(default)]
    pub outranks: Vec<String>,
}

fn default_separator() -> String {
    "-".into()
}

#[derive(Deserialize, Default)]
#[serde(untagged)]
pub enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn to_vec(&self) -> Vec<String> {
        match self {
            OneOrMany::None => Vec::new(),
            OneOrMany::One(one) => vec![one.clone()],
            OneOrMany::Many(many) => many.clone(),
        }
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
pub enum Lengths {
    One(Length),
    Many(Vec<Length>),
}

#[derive(Deserialize)]
#[serde(untagged)]
pub enum Length {
    Exact(usize),
    Range(String),
}

/// Named alphabets: what a context entry's `alphabet` may say instead of a class.
pub const ALPHABETS: &[(&str, &str)] = &[
    ("hex", "[0-9a-f]"),
    ("HEX", "[0-9A-F]"),
    ("hex-any", "[0-9a-fA-F]"),
    ("digits", "[0-9]"),
    ("letters", "[A-Za-z]"),
    ("alnum", "[A-Za-z0-9]"),
    ("lower-alnum", "[a-z0-9]"),
    ("upper-alnum", "[A-Z0-9]"),
    ("word", "[A-Za-z0-9_]"),
    ("base64url", "[A-Za-z0-9_-]"),
    ("base64", "[A-Za-z0-9+/]"),
    ("base64-padded", "[A-Za-z0-9+/=]"),
];

/// Words too common to name a provider: they would tie every `api_key = …` to it.
const GENERIC_KEYWORDS: &[&str] = &[
    "api", "key", "keys", "token", "secret", "auth", "bearer", "client", "http", "https", "www", "com", "app", "web",
    "api_key", "apikey", "access", "password", "login", "user", "admin", "cloud", "data", "test", "live", "prod",
];

/// A set of ASCII bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ByteSet([bool; 128]);

impl ByteSet {
    fn of(chars: &str) -> ByteSet {
        let mut set = ByteSet([false; 128]);
        chars.bytes().for_each(|b| set.0[usize::from(b)] = true);
        set
    }

    pub fn contains(&self, b: u8) -> bool {
        b < 128 && self.0[usize::from(b)]
    }

    fn union(mut self, other: ByteSet) -> ByteSet {
        (0..128).for_each(|i| self.0[i] |= other.0[i]);
        self
    }

    fn without(mut self, chars: &str) -> ByteSet {
        chars.bytes().for_each(|b| self.0[usize::from(b)] = false);
        self
    }

    fn is_subset(&self, other: &ByteSet) -> bool {
        (0..128).all(|i| !self.0[i] || other.0[i])
    }

    /// Parses a simple class: `[`, then bytes, `a-z` ranges and `\x` escapes, then `]`.
    fn parse_class(class: &str, id: &str) -> ByteSet {
        let inner = class
            .strip_prefix('[')
            .and_then(|c| c.strip_suffix(']'))
            .unwrap_or_else(|| panic!("context {id}: alphabet {class:?} is neither a known name nor a [class]"));
        let mut set = ByteSet([false; 128]);
        let raw = inner.as_bytes();
        let mut i = 0;
        while i < raw.len() {
            let b = if raw[i] == b'\\' {
                i += 1;
                raw[i]
            } else {
                raw[i]
            };
            if raw.get(i + 1) == Some(&b'-') && i + 2 < raw.len() {
                let end = raw[i + 2];
                assert!(b <= end, "context {id}: bad range in {class:?}");
                (b..=end).for_each(|c| set.0[usize::from(c)] = true);
                i += 3;
            } else {
                set.0[usize::from(b)] = true;
                i += 1;
            }
        }
        assert!(set.0.iter().any(|&x| x), "context {id}: empty alphabet {class:?}");
        assert!(!set.contains(b'\n') && !set.contains(b'\t'), "context {id}: alphabet {class:?} holds a line break or tab");
        set
    }

    /// The set as a regex class (`negated`: `[^…]`), ranges for the runs of letters and digits.
    fn class(&self, negated: bool) -> String {
        let mut out = String::from(if negated { "[^" } else { "[" });
        let mut b = 0u8;
        while b < 128 {
            if !self.contains(b) {
                b += 1;
                continue;
            }
            let mut end = b;
            while end < 127 && self.contains(end + 1) && same_run(b, end + 1) {
                end += 1;
            }
            push_class_byte(&mut out, b);
            if end > b + 1 {
                out.push('-');
            }
            if end > b {
                push_class_byte(&mut out, end);
            }
            b = end + 1;
        }
        out.push(']');
        out
    }
}

/// Ranges are written only within digits, upper-case or lower-case letters (`A-Z`, not `9-A`).
fn same_run(a: u8, b: u8) -> bool {
    (a.is_ascii_digit() && b.is_ascii_digit())
        || (a.is_ascii_uppercase() && b.is_ascii_uppercase())
        || (a.is_ascii_lowercase() && b.is_ascii_lowercase())
}

fn push_class_byte(out: &mut String, b: u8) {
    if b.is_ascii_alphanumeric() {
        out.push(char::from(b));
    } else {
        write!(out, "\\x{b:02X}").unwrap();
    }
}

fn escape(literal: &str) -> String {
    literal.bytes().map(|b| if b.is_ascii_alphanumeric() { char::from(b).to_string() } else { format!("\\x{b:02X}") }).collect()
}

/// What build.rs needs from an expanded entry, beside the fields it copies.
pub struct Expanded {
    pub pattern: String,
    pub env_var: String,
    pub negatives: Vec<String>,
    /// The provider's plain name: the first keyword.
    pub name: String,
    /// The alphabet holds template characters (`$ { } < > ( %`).
    pub template_chars: bool,
}

/// Allowed body lengths as inclusive ranges.
fn lengths(entry: &ContextToml) -> Vec<(usize, usize)> {
    let parse = |length: &Length| match length {
        Length::Exact(n) => (*n, *n),
        Length::Range(text) => {
            let (low, high) = text
                .split_once('-')
                .and_then(|(a, b)| Some((a.trim().parse().ok()?, b.trim().parse().ok()?)))
                .unwrap_or_else(|| panic!("context {}: length {text:?} is not N or \"MIN-MAX\"", entry.id));
            assert!(low <= high && low > 0, "context {}: length {text:?}", entry.id);
            (low, high)
        }
    };
    match &entry.length {
        None => Vec::new(),
        Some(Lengths::One(one)) => vec![parse(one)],
        Some(Lengths::Many(many)) => many.iter().map(parse).collect(),
    }
}

pub fn expand(entry: &ContextToml) -> Expanded {
    let id = &entry.id;
    let alphabet = match ALPHABETS.iter().find(|(name, _)| *name == entry.alphabet) {
        Some((_, class)) => ByteSet::parse_class(class, id),
        None => ByteSet::parse_class(&entry.alphabet, id),
    };
    check_keywords(entry);
    let prefixes = entry.prefix.to_vec();
    let lengths = lengths(entry);
    let separator = ByteSet::of(if entry.groups.is_some() { &entry.separator } else { "" });
    let class = alphabet.class(false);

    let body = match (&entry.shape, &entry.groups, lengths.is_empty()) {
        (Some(shape), None, true) => {
            assert!(!shape.contains("(?P"), "context {id}: a shape has no named groups");
            format!("(?:{shape})")
        }
        (None, Some(groups), true) => {
            assert!(groups.len() >= 2 && groups.iter().all(|&n| n > 0), "context {id}: groups");
            let parts: Vec<String> = groups.iter().map(|n| format!("{class}{{{n}}}")).collect();
            parts.join(&escape(&entry.separator))
        }
        (None, None, false) => {
            let counts: Vec<String> = lengths
                .iter()
                .map(|&(low, high)| if low == high { format!("{class}{{{low}}}") } else { format!("{class}{{{low},{high}}}") })
                .collect();
            if counts.len() == 1 { counts[0].clone() } else { format!("(?:{})", counts.join("|")) }
        }
        _ => panic!("context {id}: give exactly one of `length`, `groups` or `shape`"),
    };
    let prefix = match prefixes.len() {
        0 => String::new(),
        1 => escape(&prefixes[0]),
        _ => format!("(?:{})", prefixes.iter().map(|p| escape(p)).collect::<Vec<_>>().join("|")),
    };
    let value = format!("{prefix}{body}{}", escape(&entry.suffix));

    // Before the value: the start of a line, or a byte that cannot continue a token, a URL
    // path, a dotted name, a `repo@commit` or a `.tgz#sha` (`=`, `:` and quotes can: they
    // assign it). After it: a byte that cannot continue it.
    let word = ByteSet::of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_");
    let token = alphabet.union(separator).union(word);
    // In a "printable" alphabet (it holds `=` and `<`, not white space) a name and its `=`
    // would pass for the start of the value: there the value starts only after `=`, `:` (and
    // the spaces after them) or a quote, never at the start of a line or after other spaces.
    let printable = alphabet.contains(b'=') && alphabet.contains(b'<') && !alphabet.contains(b' ');
    let lead = if printable {
        token.union(ByteSet::of("#@/.- \t\r\n")).without("=:\"'`")
    } else {
        token.union(ByteSet::of("#@/.-")).without("=:\"'` ")
    };
    let line_start = if printable { "[=:][ \\t]{1,8}|" } else { "(?m:^)|" };
    // A quote always ends a value, even one whose alphabet holds quotes ("printable").
    let trail = if token.is_subset(&word) {
        r"\b{end-half}".to_string()
    } else {
        format!("(?:(?m:$)|{})", token.without("\"'`").class(true))
    };
    let pattern = format!("(?:{line_start}{})(?P<secret>{value}){trail}", lead.class(true));

    for example in &entry.examples {
        check_example(entry, example, &prefixes, &alphabet, &lengths);
    }
    let name = entry.keywords[0].to_ascii_lowercase();
    let env_var = entry.env_var.clone().unwrap_or_else(|| format!("{}_API_KEY", name.to_ascii_uppercase()));
    let negatives = standard_negatives(entry, &name, &prefixes, &alphabet, &lengths);
    let template_chars = b"${}<>(%".iter().any(|&b| alphabet.contains(b));
    Expanded { pattern, env_var, negatives, name, template_chars }
}

fn check_keywords(entry: &ContextToml) {
    let id = &entry.id;
    let first = entry.keywords.first().unwrap_or_else(|| panic!("context {id}: needs keywords"));
    assert!(
        first.len() >= 3 && first.bytes().all(|b| b.is_ascii_alphanumeric()),
        "context {id}: the first keyword is the provider's plain name (letters and digits), got {first:?}"
    );
    for keyword in &entry.keywords {
        assert!(
            !GENERIC_KEYWORDS.iter().any(|g| keyword.eq_ignore_ascii_case(g)),
            "context {id}: keyword {keyword:?} is a generic word, not the provider's name"
        );
    }
}

/// An example must be a value of the declared shape: prefix, alphabet, length or groups.
fn check_example(entry: &ContextToml, example: &str, prefixes: &[String], alphabet: &ByteSet, lengths: &[(usize, usize)]) {
    let id = &entry.id;
    let fail = |why: &str| panic!("context {id}: example {example:?} {why}");
    let rest = if prefixes.is_empty() {
        example
    } else {
        prefixes.iter().find_map(|p| example.strip_prefix(p.as_str())).unwrap_or_else(|| fail("lacks the prefix"))
    };
    let body = rest.strip_suffix(entry.suffix.as_str()).unwrap_or_else(|| fail("lacks the suffix"));
    let separator = entry.groups.as_ref().map(|_| entry.separator.as_str());
    let in_alphabet = |text: &str| text.bytes().all(|b| alphabet.contains(b));
    match (&entry.groups, separator) {
        (Some(groups), Some(sep)) => {
            let parts: Vec<&str> = body.split(sep).collect();
            let sizes: Vec<usize> = parts.iter().map(|p| p.len()).collect();
            if &sizes != groups || !parts.iter().all(|p| in_alphabet(p)) {
                fail(&format!("is not groups {groups:?} of the alphabet"));
            }
        }
        _ if entry.shape.is_some() => {
            if !body.bytes().all(|b| alphabet.contains(b)) {
                fail("holds characters outside the alphabet");
            }
        }
        _ => {
            if !in_alphabet(body) {
                fail("holds characters outside the alphabet");
            }
            if !lengths.iter().any(|&(low, high)| (low..=high).contains(&body.len())) {
                fail(&format!("has a body of {} characters, outside {lengths:?}", body.len()));
            }
        }
    }
}

/// Texts every context rule must reject, made from its first example: the value alone or with a
/// name that is not the provider's, a non-secret name, one character too many or too few, and a
/// byte outside the alphabet in the middle.
fn standard_negatives(
    entry: &ContextToml,
    name: &str,
    prefixes: &[String],
    alphabet: &ByteSet,
    lengths: &[(usize, usize)],
) -> Vec<String> {
    let Some(value) = entry.examples.first() else { return Vec::new() };
    let upper = name.to_ascii_uppercase();
    let mut out = Vec::new();
    let names_provider = entry.keywords.iter().any(|k| value.to_ascii_lowercase().contains(&k.to_ascii_lowercase()));
    if !names_provider {
        out.push(value.clone());
        out.push(format!("API_KEY={value}\n"));
    }
    out.push(format!("{upper}_ACCOUNT_ID={value}\n"));
    if entry.shape.is_some() || entry.groups.is_some() {
        return out;
    }
    let prefix = prefixes.iter().find(|p| value.starts_with(p.as_str())).map_or("", |p| p.as_str());
    let body = &value[prefix.len()..value.len() - entry.suffix.len()];
    let allowed = |n: usize| lengths.iter().any(|&(low, high)| (low..=high).contains(&n));
    let min = lengths.iter().map(|l| l.0).min().unwrap_or(0);
    let with_body = |body: &str| format!("{upper}_API_KEY={prefix}{body}{}\n", entry.suffix);
    let last = body.chars().last().unwrap();
    if !allowed(body.len() + 1) {
        out.push(with_body(&format!("{body}{last}")));
    }
    if body.len() > 1 && !allowed(body.len() - 1) {
        out.push(with_body(&body[..body.len() - 1]));
    }
    // A byte outside the alphabet: a word byte keeps the token whole (no shorter match can
    // start or end inside it); any other one splits it, which is fine while both halves are
    // shorter than the shortest body.
    let middle = body.len() / 2;
    let splits_short = middle < min && body.len() - middle - 1 < min;
    let foreign = ['Z', 'z', '_', '~'].into_iter().find(|&c| {
        !alphabet.contains(c as u8) && (c.is_ascii_alphanumeric() || c == '_' || splits_short)
    });
    if let Some(c) = foreign {
        out.push(with_body(&format!("{}{c}{}", &body[..middle], &body[middle + 1..])));
    }
    out
}
