//! Rules: the built-in catalogue (generated from `rules/<category>/<provider>.toml` by build.rs) and custom rules.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use crate::checksum::Checksum;

/// How sure keyward is that a finding is a live credential.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Confidence {
    /// A secret-ish name assigned a random-looking value, or a weak shape.
    Low,
    /// A provider's shape confirmed by context, or a prefix shared with other products.
    Medium,
    /// A verified checksum, or a prefix unique to the provider with the exact length.
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }

    /// Parses `low`, `medium` or `high` (the spelling used in configs and on the command line).
    pub fn parse(text: &str) -> Option<Confidence> {
        match text {
            "low" => Some(Confidence::Low),
            "medium" => Some(Confidence::Medium),
            "high" => Some(Confidence::High),
            _ => None,
        }
    }
}

/// What is at stake if a finding is a live credential; independent of [`Confidence`], which
/// says how sure the match is. A live payment key is `Critical`, a test key `Medium`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum Severity {
    /// Public by design, or useless alone (a publishable key).
    Low,
    /// A test-mode key, or an identifier that is one half of a credential pair.
    Medium,
    /// Any other secret.
    High,
    /// Money or infrastructure at stake: live payment keys, cloud admin, AI keys that bill.
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    /// Parses `low`, `medium`, `high` or `critical`.
    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "low" => Some(Severity::Low),
            "medium" => Some(Severity::Medium),
            "high" => Some(Severity::High),
            "critical" => Some(Severity::Critical),
            _ => None,
        }
    }
}

/// Where a rule's keywords sit relative to the secret; decides the window searched around a
/// prefilter hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// The keyword is the secret's own prefix (`ghp_`): search `[hit, hit + max_len]`.
    Prefix,
    /// The keyword is somewhere inside the secret (`JQQJ99`): search `hit ± max_len`.
    Inside,
    /// The keyword is nearby context (`AZURE_OPENAI_KEY`), the value has no distinctive shape:
    /// search the keyword's line and `context_lines` lines around it.
    Context,
    /// A secret-ish name assigned a value; the pattern itself contains the name. Lowest
    /// precedence when findings overlap, and the value must pass the randomness test.
    Generic,
}

// The built-in rules (`BUILTIN_RULES`) and their ids sorted (`BUILTIN_IDS_SORTED`), written by
// build.rs from `rules/`.
include!(concat!(env!("OUT_DIR"), "/rules.rs"));

/// A rule's examples and counter-examples, for the catalogue test and `make eval`.
#[cfg(any(test, feature = "catalogue-examples"))]
#[derive(Debug)]
pub struct RuleExamples {
    pub id: &'static str,
    /// The provider's plain name (`fireworks`), for the natural lines the values are tried in.
    pub name: &'static str,
    /// Texts in which the rule must report a finding.
    pub examples: &'static [&'static str],
    /// Bare values (a context entry's examples) the rule must find, with their exact span, in
    /// natural lines naming the provider.
    pub values: &'static [&'static str],
    /// Texts in which the rule must report nothing.
    pub negatives: &'static [&'static str],
}

// CATALOGUE_EXAMPLES, and the fact-sheet formats each rule covers (COVERED_FORMATS: format
// id, rule id) or that have no rule on purpose (SKIPPED_FORMATS: format id, reason).
#[cfg(any(test, feature = "catalogue-examples"))]
include!(concat!(env!("OUT_DIR"), "/examples.rs"));

/// A rule as the scanner holds it: built-in or custom.
#[derive(Clone, Debug)]
pub struct Rule {
    pub id: Cow<'static, str>,
    pub provider: Cow<'static, str>,
    pub title: Cow<'static, str>,
    pub category: Cow<'static, str>,
    /// Where the owner revokes or rotates the credential (empty for custom rules without one).
    pub revoke_url: Cow<'static, str>,
    /// Suggested environment variable name, e.g. `OPENAI_API_KEY`.
    pub env_var: Cow<'static, str>,
    /// Confidence of a match that passed every validator (a verified checksum raises it to high).
    pub confidence: Confidence,
    /// What is at stake if a match is live.
    pub severity: Severity,
    pub(crate) keywords: Cow<'static, [Cow<'static, str>]>,
    pub(crate) anchor: Anchor,
    pub(crate) context_lines: u8,
    pub(crate) pattern: Pattern,
    pub(crate) max_len: usize,
    pub(crate) checksum: Option<Checksum>,
    pub(crate) min_entropy: f32,
    /// Runs like `AAAAAAA` are part of the format: not a sign of a placeholder.
    pub(crate) runs_allowed: bool,
    /// The format's alphabet holds `$ { } < > ( %`: in its values they are characters, not
    /// template syntax (`${VAR}`, `<your-key>`) marking a placeholder.
    pub(crate) template_chars: bool,
    /// The secret is a password with no name of its own to say so (`mysql -pX`, `sshpass -p X`):
    /// judged like one (demo and weak words, randomness) rather than as a token.
    pub(crate) password: bool,
    /// No placeholder test at all (a custom rule's `reportPlaceholders`).
    pub(crate) placeholders_reported: bool,
    pub(crate) custom: bool,
    /// A run every match holds (built-in rules: build.rs reads it off the pattern).
    pub(crate) run: Option<Run>,
    /// What must follow the keyword for a match to start there (generic and prefix rules:
    /// build.rs reads it off the pattern).
    pub(crate) gate: Option<Gate>,
}

/// A rule's regex.
#[derive(Clone, Debug)]
pub(crate) enum Pattern {
    /// As written (custom rules): parsed when the rule is compiled.
    Source(String),
    /// A built-in rule's, parsed by build.rs (see `syntax_tree.rs`), with the word boundaries
    /// the engine puts around a bare token.
    Tree(&'static [u8]),
}

/// `len` or more consecutive bytes of `class` (bit `b` set for byte `b`), which every match of a
/// rule holds (read off its pattern by build.rs, `build/runs.rs`): a window without such a run
/// is not searched, and the rule not compiled for it. Most windows opened by a provider's name in
/// code hold no token at all.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Run {
    pub class: &'static [u64; 4],
    pub len: usize,
}

impl Run {
    /// Whether `text` holds the run, and the bytes examined to tell (each at most once). Looks at
    /// every `len`-th byte while they are outside the class, since a run would cover one of
    /// them (as Boyer-Moore skips): most windows are rejected after a few bytes.
    pub fn find(&self, text: &[u8]) -> (bool, usize) {
        let within = |b: u8| self.class[usize::from(b >> 6)] >> (b & 63) & 1 == 1;
        let mut examined = 0;
        // A run starts at `low` or later, and ends at `end` or later.
        let (mut low, mut end) = (0, self.len - 1);
        while end < text.len() {
            examined += 1;
            if !within(text[end]) {
                (low, end) = (end + 1, end + self.len);
                continue;
            }
            // The class bytes around `end`: back towards `low`, then on past `end`.
            let mut start = end;
            while start > low && end + 1 - start < self.len {
                examined += 1;
                if !within(text[start - 1]) {
                    break;
                }
                start -= 1;
            }
            let mut stop = end + 1;
            while stop - start < self.len && stop < text.len() {
                examined += 1;
                if !within(text[stop]) {
                    break;
                }
                stop += 1;
            }
            if stop - start >= self.len {
                return (true, examined);
            }
            // `text[stop]` is outside the class (or the text ended).
            (low, end) = (stop + 1, stop + self.len);
        }
        (false, examined)
    }
}

/// What a rule's match needs after its keyword (`build/gates.rs`; generic and prefix rules):
/// past bytes of the keyword and the name (`name`), a byte that may start what follows (`first`).
/// Most hits of `key` and `token` in code are words (`keyCode)`, `Object.keys(`), and most of
/// `pat` are `path` and `pattern`: it turns them away before a window is opened for them.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Gate {
    pub name: &'static [u64; 4],
    pub first: &'static [u64; 4],
    /// The shortest keyword's length: no operator starts before.
    pub skip: usize,
}

impl Gate {
    /// Bytes a gate reads at most past the shortest keyword: a longer name is let through.
    pub const REACH: usize = 64;

    /// Whether a match may start at `start` (a keyword hit), and the bytes read to tell.
    pub fn admits(&self, text: &[u8], start: usize) -> (bool, usize) {
        let within = |set: &[u64; 4], b: u8| set[usize::from(b >> 6)] >> (b & 63) & 1 == 1;
        let from = start + self.skip;
        let to = text.len().min(from + Self::REACH);
        for (read, &b) in text.get(from..to).unwrap_or_default().iter().enumerate() {
            if within(self.first, b) {
                return (true, read + 1);
            }
            if !within(self.name, b) {
                return (false, read + 1);
            }
        }
        // Past the reach, a name too long to judge; at the end of the text, no operator.
        (to < text.len(), to.saturating_sub(from))
    }
}

impl Rule {
    /// True when the rule is user-defined (config file, JS `customRules`, editor settings).
    pub fn is_custom(&self) -> bool {
        self.custom
    }

    /// The literal prefilter keywords (lower-case matching is ASCII case-insensitive).
    pub fn keywords(&self) -> &[Cow<'static, str>] {
        &self.keywords
    }

    /// Rank used when two findings overlap: the more specific rule wins. Rules of the
    /// `generic` and `token` categories (no provider: bearer tokens, .netrc passwords, JWTs)
    /// lose to every provider's rule, whatever their anchor.
    pub(crate) fn specificity(&self) -> u8 {
        match self.anchor {
            _ if self.category == "generic" || self.category == "token" => 1,
            Anchor::Prefix | Anchor::Inside => 3,
            Anchor::Context => 2,
            Anchor::Generic => 1,
        }
    }
}

/// A user-defined rule. Its pattern uses the same ASCII-mode regex syntax as the catalogue.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "camelCase", deny_unknown_fields))]
pub struct CustomRule {
    pub id: String,
    /// The regex. A named group `secret` marks the secret inside a larger match.
    #[cfg_attr(feature = "serde", serde(alias = "regex"))]
    pub pattern: String,
    /// Literals that must appear on the line for the rule to run. Without keywords the
    /// pattern is searched over the whole input, which is slower.
    #[cfg_attr(feature = "serde", serde(default))]
    pub keywords: Vec<String>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub title: Option<String>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub provider: Option<String>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub confidence: Option<Confidence>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub severity: Option<Severity>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub revoke_url: Option<String>,
    /// Report matches that look like placeholders (`xxxx`, `your-key-here`, `0123456789abcdef`,
    /// template variables), which are dropped by default as for every built-in rule. For formats
    /// whose real values look like that, and for testing a rule with a made-up value.
    #[cfg_attr(feature = "serde", serde(default))]
    pub report_placeholders: bool,
}

/// Bytes searched either side of a context keyword (beyond the longest value), whatever the
/// line lengths: a name and its value, or a call's other arguments. With hundreds of context
/// rules, every byte near a keyword is searched once per rule whose keyword is near, so this
/// reach is what a text dense in provider names costs.
pub(crate) const CONTEXT_BYTES: usize = 128;
/// Longest match reported for a custom rule (one with keywords is searched on the hit's line).
pub(crate) const CUSTOM_LINE_BYTES: usize = 4096;

impl CustomRule {
    pub(crate) fn into_rule(self) -> Rule {
        let title = self.title.unwrap_or_else(|| alloc::format!("Custom rule {}", self.id));
        Rule {
            provider: Cow::Owned(self.provider.unwrap_or_else(|| String::from("Custom"))),
            title: Cow::Owned(title),
            category: Cow::Borrowed("custom"),
            revoke_url: Cow::Owned(self.revoke_url.unwrap_or_default()),
            env_var: Cow::Borrowed(""),
            confidence: self.confidence.unwrap_or(Confidence::Medium),
            severity: self.severity.unwrap_or(Severity::High),
            keywords: self.keywords.into_iter().map(Cow::Owned).collect::<Vec<_>>().into(),
            anchor: Anchor::Context,
            context_lines: 0,
            pattern: Pattern::Source(self.pattern),
            max_len: CUSTOM_LINE_BYTES,
            checksum: None,
            min_entropy: 0.0,
            runs_allowed: false,
            template_chars: false,
            password: false,
            placeholders_reported: self.report_placeholders,
            custom: true,
            run: None,
            gate: None,
            id: Cow::Owned(self.id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_is_found_exactly_where_a_naive_count_finds_one() {
        static DIGITS: [u64; 4] = [0x03FF_0000_0000_0000, 0, 0, 0];
        let mut seed = 5u64;
        for round in 0..20_000 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let len = 1 + (seed >> 60) as usize;
            let text: alloc::vec::Vec<u8> = (0..(seed >> 33) as usize % 40)
                .map(|i| if (seed >> (i % 31)) & 3 == 0 { b'x' } else { b'0' + (i % 10) as u8 })
                .collect();
            let naive = text.split(|b| !b.is_ascii_digit()).any(|part| part.len() >= len);
            let (found, examined) = Run { class: &DIGITS, len }.find(&text);
            assert_eq!(found, naive, "round {round}: {:?} for {len}", core::str::from_utf8(&text));
            assert!(examined <= text.len());
        }
    }
}
