//! The two-stage engine.
//!
//! Stage 1: one ASCII-case-insensitive Aho-Corasick automaton over every rule's keywords finds
//! where a rule *could* match. Stage 2: each rule whose keyword was hit runs its regex only in a
//! window around the hit (see [`Anchor`]); overlapping windows of one rule are merged, so each
//! byte is searched about once per rule and the whole scan stays linear in the input.
//! Validators (checksum, entropy, placeholders, randomness) then filter the matches.

use alloc::borrow::Cow;
use alloc::collections::BTreeSet;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};
use once_cell::race::OnceBox;
use regex_automata::meta::Regex;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input};

use crate::blob::Blobs;
use crate::context;
use crate::decode;
use crate::finding::{fingerprint, redact, Finding};
use crate::hit_search::HitSearch;
use crate::position::PositionCursor;
use crate::line_breaks::LineBreaks;
use crate::keyword_index::KeywordIndex;
use crate::prefilter::VERIFY_STEPS_FLOOR;
use crate::rule::{Anchor, Confidence, CustomRule, Gate, Pattern, Rule, BUILTIN_IDS_SORTED, BUILTIN_RULES, CONTEXT_BYTES};
use crate::names::assigned_name;
use crate::syntax_tree;
use crate::suppress::Suppressions;
use crate::validate::{judge, HostMarks};

/// What a scanner reports and ignores.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScannerConfig {
    /// Built-in rule ids to turn off.
    pub disable: Vec<String>,
    /// Extra rules.
    pub custom_rules: Vec<CustomRule>,
    /// Regexes; a finding whose secret matches one is dropped (e.g. a known test key).
    pub allow: Vec<String>,
    /// Fingerprints of accepted findings (a baseline, `.keywardignore`).
    pub allow_fingerprints: Vec<String>,
    /// Findings below this confidence are dropped.
    pub min_confidence: Option<Confidence>,
}

/// Why a configuration was refused. The message names the offending entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigError {
    UnknownRule(String),
    DuplicateRule(String),
    EmptyRuleId,
    InvalidPattern { rule: String, message: String },
    EmptyMatch { rule: String },
    InvalidAllow { pattern: String, message: String },
    BadKeyword { rule: String, keyword: String },
}

impl core::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            ConfigError::UnknownRule(id) => write!(f, "unknown rule id `{id}` (see `keyward rules` for the list)"),
            ConfigError::DuplicateRule(id) => write!(f, "custom rule id `{id}` is already taken"),
            ConfigError::EmptyRuleId => write!(f, "a custom rule needs a non-empty `id`"),
            ConfigError::InvalidPattern { rule, message } => write!(f, "rule `{rule}`: invalid regex: {message}"),
            ConfigError::EmptyMatch { rule } => write!(f, "rule `{rule}`: the regex can match the empty string"),
            ConfigError::InvalidAllow { pattern, message } => {
                write!(f, "allow pattern `{pattern}` is not a valid regex: {message}")
            }
            ConfigError::BadKeyword { rule, keyword } => {
                write!(f, "rule `{rule}`: keyword `{keyword}` must be non-empty ASCII")
            }
        }
    }
}

/// Work counters of one scan: what the linear-time guarantee bounds (see docs/engine.md).
///
/// `work()` sums the per-byte work of every stage; for every input,
/// `work() <= WORK_PER_BYTE * len + WORK_FLOOR`, enforced by the engine (bounded windows, a
/// rule never re-searches bytes, caps per rule and region that set `truncated`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScanStats {
    /// Keyword occurrences found by the prefilter.
    pub prefilter_hits: usize,
    /// Stage-1 work: bytes the keyword search stepped over, plus the automaton steps that
    /// verified candidate positions.
    pub prefilter_steps: usize,
    /// Regex searches started (one per window searched per rule).
    pub regex_searches: usize,
    /// Bytes handed to regex searches, summed over all searches (each search examines its
    /// range a bounded number of times, see docs/engine.md).
    pub bytes_searched: usize,
    /// Bytes read by the decoders (JSON escapes, percent-encoding, base64 Secret values).
    pub bytes_decoded: usize,
    /// Bytes examined after the regexes: validators, suppression markers, fingerprints.
    pub bytes_validated: usize,
    /// True when a work or size cap stopped part of the scan: findings may be missing, or name
    /// the first of two providers whose rules take the same value rather than the nearer one.
    pub truncated: bool,
}

impl ScanStats {
    /// Total counted work: what `WORK_PER_BYTE` bounds.
    pub fn work(&self) -> usize {
        self.prefilter_steps + self.bytes_searched + self.bytes_decoded + self.bytes_validated
    }
}

/// The constant `c` of the linear-time guarantee: `work() <= WORK_PER_BYTE * len + WORK_FLOOR`
/// for every input of `len` bytes.
pub const WORK_PER_BYTE: usize = 48;
/// The additive part of the bound: what a text of ordinary size may spend whatever its density,
/// so that caps only ever cut large hostile inputs.
pub const WORK_FLOOR: usize = 1 << 20;

struct CompiledRule {
    regex: Regex,
    /// Index of the `secret` capture group, when the secret is part of a larger match.
    secret_group: Option<usize>,
    /// Index of the `name` capture group: what the secret is assigned to (`- name: DB_PASSWORD`).
    name_group: Option<usize>,
    /// For a rule whose pattern starts at its keyword, its windows of several hits are searched
    /// at each hit (`None`: by the regex over the whole window). Built on the first such window.
    hit_search: OnceBox<Option<HitSearch>>,
}

impl CompiledRule {
    fn new(rule: &Rule) -> Result<CompiledRule, ConfigError> {
        let regex = match &rule.pattern {
            Pattern::Tree(tree) => builder(false).build_from_hir(&syntax_tree::decode(tree)).map_err(|e| e.to_string()),
            Pattern::Source(pattern) => compile(pattern),
        }
        .map_err(|message| ConfigError::InvalidPattern { rule: rule.id.to_string(), message })?;
        if regex.is_match(Input::new("")) {
            return Err(ConfigError::EmptyMatch { rule: rule.id.to_string() });
        }
        let group = |name| regex.group_info().to_index(regex_automata::PatternID::ZERO, name);
        let (secret_group, name_group) = (group("secret"), group("name"));
        Ok(CompiledRule { regex, secret_group, name_group, hit_search: OnceBox::new() })
    }

    /// The rule's [`HitSearch`] (a pattern the regex compiled always parses and compiles again).
    fn hit_search(&self, rule: &Rule) -> Option<&HitSearch> {
        let build = || {
            let hir = match &rule.pattern {
                Pattern::Tree(tree) => syntax_tree::decode(tree),
                Pattern::Source(pattern) => syntax::parse_with(pattern, &syntax_config()).ok()?,
            };
            HitSearch::new(&hir).ok()
        };
        self.hit_search.get_or_init(|| alloc::boxed::Box::new(build())).as_ref()
    }
}

/// A rule's window waiting to be searched, and the keyword hits that opened it.
struct Pending {
    window: Range<usize>,
    /// Where the first hit starts (`None` for the whole-text search of a rule without keywords).
    first_hit: Option<usize>,
    /// Where the hits merged into the window after the first start.
    later_hits: Vec<usize>,
}

impl Pending {
    /// Where the hit starts, when a single one opened the window.
    fn single_hit(&self) -> Option<usize> {
        self.first_hit.filter(|_| self.later_hits.is_empty())
    }
}

/// Budget units per byte of input (and of its decoded copies) for windows, regex searches, the
/// checks on their matches and the keyword-distance tie-breaks (see docs/engine.md): ordinary
/// code needs well under 1; floods of hits or matches are cut at about 1/10 of plain speed.
const BUDGET_PER_BYTE: usize = 4;
/// The fixed allowance on top, so that a text of ordinary size is never cut however dense it is
/// (it pays for ~400 matches): with the first stage's own allowance ([`VERIFY_STEPS_FLOOR`]),
/// the bound's [`WORK_FLOOR`].
const BUDGET_FLOOR: usize = WORK_FLOOR - VERIFY_STEPS_FLOOR;
/// Budget units charged for sizing a rule's window around a hit (reading the lines around it):
/// what a flood of keywords pays even when its windows merge into one search. A flood of hits
/// closer than 8 bytes apart spends the budget by itself.
const WINDOW_CHARGE: usize = 32;
/// Budget units charged for starting a regex search, on top of its bytes: the engine's set-up
/// (a cache from the pool, the start state) is what a flood of short windows pays.
const SEARCH_CHARGE: usize = 512;
/// Budget units charged for each match, on top of its bytes: resolving its groups, its checks,
/// and later its position, fingerprint and suppression check. Not counted in [`ScanStats`]
/// (which counts bytes), so the budget is spent faster than the work counters grow.
const MATCH_CHARGE: usize = 2048;

/// The work still allowed after the first stage: one token bucket per scan that fills by
/// [`BUDGET_PER_BYTE`] for each byte the scan has passed, so a dense region can use what the
/// text before it left unused, and a cut in one region (`truncated`) leaves the rest of the text
/// its own allowance. Decoded copies are searched after the text and fill it by their own bytes
/// (a source map's embedded sources are a second text as long as the first); tie-breaks draw on
/// what is left. One floor, whatever the number of copies.
#[derive(Default)]
struct Budget {
    spent: usize,
}

impl Budget {
    /// Whether `work` more units may be spent once the scan has passed `position` bytes (of the
    /// text, then of its decoded copies in turn).
    fn allows(&self, position: usize, work: usize) -> bool {
        work <= self.left(position)
    }

    /// The units left once the scan has passed `position` bytes.
    fn left(&self, position: usize) -> usize {
        (BUDGET_FLOOR + BUDGET_PER_BYTE * position).saturating_sub(self.spent)
    }
}

/// The windows of one text not searched yet, one per rule at most, found through `slot`
/// (allocated on the first hit: texts without hits cost nothing per rule).
struct OpenWindows {
    slot: Vec<u32>,
    open: Vec<(usize, Pending)>,
}

impl OpenWindows {
    const NONE: u32 = u32::MAX;

    fn new() -> Self {
        OpenWindows { slot: Vec::new(), open: Vec::new() }
    }

    /// Adds `rule`'s window for a hit at `hit_start`: merged into the rule's open window when
    /// they overlap (so each byte is searched once per rule), otherwise the open one is
    /// returned to be searched now and the new one waits.
    fn add(&mut self, rules: usize, rule: usize, window: Range<usize>, hit_start: usize) -> Option<Pending> {
        if self.slot.is_empty() {
            self.slot = alloc::vec![Self::NONE; rules];
        }
        let fresh = Pending { window, first_hit: Some(hit_start), later_hits: Vec::new() };
        match self.slot[rule] {
            Self::NONE => {
                self.slot[rule] = self.open.len() as u32;
                self.open.push((rule, fresh));
                None
            }
            index => {
                let open = &mut self.open[index as usize].1;
                if fresh.window.start <= open.window.end && open.window.start <= fresh.window.end {
                    open.window.start = open.window.start.min(fresh.window.start);
                    open.window.end = open.window.end.max(fresh.window.end);
                    open.later_hits.push(hit_start);
                    None
                } else {
                    Some(core::mem::replace(open, fresh))
                }
            }
        }
    }
}

/// Searches a window of several hits of a rule whose pattern starts at its keyword at each
/// hit, skipping hits inside the last match (see `hit_search`), and passes each match to `take`
/// until it returns false. Once the searches have read as much as the window holds, its rest is
/// searched in one go. Returns the bytes read beyond the window's length.
fn search_at_each_hit(
    hit_search: &HitSearch,
    regex: &Regex,
    pending: Pending,
    haystack: &[u8],
    take: &mut impl FnMut(Range<usize>) -> bool,
) -> usize {
    let Pending { window, first_hit, later_hits: mut hits } = pending;
    hits.splice(0..0, first_hit);
    // In order, but for the rare keyword found ahead of an earlier one.
    if hits.windows(2).any(|pair| pair[0] > pair[1]) {
        hits.sort_unstable();
    }
    hits.dedup();
    let mut searcher = hit_search.searcher();
    let mut read = 0;
    let mut from = window.start;
    for &hit in hits.iter().filter(|&&hit| hit >= window.start) {
        if hit < from {
            continue;
        }
        if read >= window.len() {
            read += window.end - hit;
            for found in regex.find_iter(Input::new(haystack).range(hit..window.end)) {
                if !take(found.range()) {
                    break;
                }
            }
            break;
        }
        let span = hit..window.end;
        let end = match searcher.at(haystack, span.clone()) {
            Ok(searched) => {
                read += searched.read;
                searched.end
            }
            // The lazy DFA gave up: the rule's regex searches there.
            Err(_) => {
                read += span.len();
                regex.find(Input::new(haystack).range(span).anchored(Anchored::Yes)).map(|found| found.end())
            }
        };
        if let Some(end) = end {
            from = end;
            if !take(hit..end) {
                break;
            }
        }
    }
    read.saturating_sub(window.len())
}

/// What the checks of one window's matches learnt of its text, for the next match.
#[derive(Default)]
struct Memo {
    acceptance: context::Acceptance,
    host_marks: HostMarks,
}

/// A regex match that passed the rule's validators, before overlaps and suppressions.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Candidate {
    start: usize,
    end: usize,
    rule: usize,
    confidence: Confidence,
    /// The secret as decoded, when it was found in an encoded region and differs from the input.
    decoded: Option<Vec<u8>>,
}

/// A compiled set of rules. Build once, scan many inputs; `Scanner` is `Send + Sync`.
pub struct Scanner {
    rules: Cow<'static, [Rule]>,
    /// Compiled on first use (custom rules eagerly, so their errors surface in `new`).
    compiled: Vec<OnceBox<CompiledRule>>,
    /// The keywords, the rules each one triggers, and the prefilter that finds them.
    keywords: KeywordIndex,
    /// Custom rules without keywords: searched over the whole input.
    unkeyed: Vec<usize>,
    allow: Vec<Regex>,
    allow_fingerprints: BTreeSet<String>,
    min_confidence: Confidence,
}

/// Every pattern is compiled ASCII-only: no Unicode tables in the binary, and `\w`, `\s`, `\b`
/// and `(?i)` mean their ASCII versions. `utf8(false)` lets rules match any bytes. build.rs
/// parses the built-in patterns with the same settings.
///
/// `prefilter`: let the regex find its own literals before running (worth it over a whole input:
/// custom rules without keywords, allow patterns). A built-in rule searches only a window at its
/// keyword, where that prefilter does not pay for itself: building it was half of compiling the
/// catalogue, the cost of a first scan in the editor and the npm package.
fn builder(prefilter: bool) -> regex_automata::meta::Builder {
    let mut builder = Regex::builder();
    builder.syntax(syntax_config()).configure(Regex::config().utf8_empty(false).auto_prefilter(prefilter));
    builder
}

fn syntax_config() -> syntax::Config {
    syntax::Config::new().unicode(false).utf8(false)
}

/// A pattern as written (custom rules, allow patterns), with the regex's own prefilter.
fn compile(pattern: &str) -> Result<Regex, String> {
    builder(true)
        .build(pattern)
        // The syntax error's own message shows the pattern and where it breaks.
        .map_err(|e| e.syntax_error().map_or_else(|| e.to_string(), |syntax| syntax.to_string()))
}

impl Default for Scanner {
    fn default() -> Self {
        Scanner::new(ScannerConfig::default()).expect("the built-in catalogue compiles")
    }
}

impl Scanner {
    pub fn new(config: ScannerConfig) -> Result<Scanner, ConfigError> {
        let ScannerConfig { disable, custom_rules, allow, allow_fingerprints, min_confidence } = config;
        // Binary searches in a table built at compile time, not nested loops: a config may
        // disable most of the catalogue.
        let builtin_index = |id: &str| BUILTIN_IDS_SORTED.binary_search_by_key(&id, |&(id, _)| id).ok().map(|i| BUILTIN_IDS_SORTED[i].1);
        let mut enabled = alloc::vec![true; BUILTIN_RULES.len()];
        for id in &disable {
            let index = builtin_index(id).ok_or_else(|| ConfigError::UnknownRule(id.clone()))?;
            enabled[usize::from(index)] = false;
        }
        // The catalogue itself when nothing is disabled or added (no copy).
        let mut rules: Cow<'static, [Rule]> = if disable.is_empty() {
            Cow::Borrowed(BUILTIN_RULES)
        } else {
            BUILTIN_RULES.iter().zip(enabled).filter(|&(_, enabled)| enabled).map(|(rule, _)| rule.clone()).collect()
        };
        let builtin_count = rules.len();
        for custom in custom_rules {
            if custom.id.trim().is_empty() {
                return Err(ConfigError::EmptyRuleId);
            }
            if builtin_index(&custom.id).is_some() || rules[builtin_count..].iter().any(|r| r.id == custom.id) {
                return Err(ConfigError::DuplicateRule(custom.id));
            }
            if let Some(keyword) = custom.keywords.iter().find(|k| k.is_empty() || !k.is_ascii()) {
                return Err(ConfigError::BadKeyword { rule: custom.id.clone(), keyword: keyword.clone() });
            }
            rules.to_mut().push(custom.into_rule());
        }

        let compiled: Vec<OnceBox<CompiledRule>> = rules.iter().map(|_| OnceBox::new()).collect();
        for (rule, slot) in rules.iter().zip(&compiled) {
            if rule.custom {
                let _ = slot.set(alloc::boxed::Box::new(CompiledRule::new(rule)?));
            }
        }

        let unkeyed = (0..rules.len()).filter(|&index| rules[index].keywords.is_empty()).collect();
        let keywords = if let Cow::Borrowed(_) = rules {
            // The whole catalogue and nothing else: its index was built at compile time.
            KeywordIndex::builtin()
        } else {
            KeywordIndex::new(rules.iter().map(|rule| (&rule.keywords[..], starts_at_word(rule))))
        };

        let allow = allow
            .into_iter()
            .map(|pattern| {
                compile(&pattern).map_err(|message| ConfigError::InvalidAllow { pattern: pattern.clone(), message })
            })
            .collect::<Result<_, _>>()?;

        Ok(Scanner {
            rules,
            compiled,
            keywords,
            unkeyed,
            allow,
            allow_fingerprints: allow_fingerprints.into_iter().collect(),
            min_confidence: min_confidence.unwrap_or(Confidence::Low),
        })
    }

    /// Compiles every rule now rather than on first use; reports the first broken pattern.
    pub fn compile_all(&self) -> Result<(), ConfigError> {
        self.compile_rules(0..self.rules.len())
    }

    /// Compiles the rules of `range` (indices into [`Scanner::rules`], clamped to it) now rather
    /// than on first use, so that a front end can do it while idle, in slices.
    pub fn compile_rules(&self, range: Range<usize>) -> Result<(), ConfigError> {
        let end = range.end.min(self.rules.len());
        (range.start.min(end)..end).try_for_each(|index| self.compiled(index).map(drop))
    }

    fn compiled(&self, index: usize) -> Result<&CompiledRule, ConfigError> {
        self.compiled[index].get_or_try_init(|| CompiledRule::new(&self.rules[index]).map(alloc::boxed::Box::new))
    }

    /// The active rules (built-in minus disabled, then custom), in catalogue order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Finds every secret in `haystack` (any bytes; invalid UTF-8 is fine), sorted by position.
    pub fn scan(&self, haystack: &[u8]) -> Vec<Finding<'_>> {
        self.scan_with_stats(haystack).0
    }

    /// [`Scanner::scan`], also returning how much work the scan did.
    pub fn scan_with_stats(&self, haystack: &[u8]) -> (Vec<Finding<'_>>, ScanStats) {
        self.scan_with_limit(haystack, usize::MAX)
    }

    /// [`Scanner::scan_with_stats`] keeping only the first `max_findings` findings (`truncated`
    /// is set when there were more). Findings past the cap are never built, so a text holding
    /// a million keys costs no memory per key beyond the engine's candidates (the wasm API).
    pub fn scan_with_limit(&self, haystack: &[u8], max_findings: usize) -> (Vec<Finding<'_>>, ScanStats) {
        let mut stats = ScanStats::default();
        let mut candidates = Vec::new();
        let mut budget = Budget::default();
        self.candidates(haystack, 0, &mut budget, &mut candidates, &mut stats);
        let mut passed = haystack.len();
        for segment in decode::segments(haystack, &mut stats.bytes_decoded) {
            let first = candidates.len();
            self.candidates(&segment.bytes, passed, &mut budget, &mut candidates, &mut stats);
            passed += segment.bytes.len();
            for candidate in &mut candidates[first..] {
                let decoded = candidate.start..candidate.end;
                let original = segment.original(decoded.clone());
                if original.len() != decoded.len() {
                    candidate.decoded = Some(segment.bytes[decoded].to_vec());
                }
                (candidate.start, candidate.end) = (original.start, original.end);
            }
        }
        let tie_budget = budget.left(passed);
        let findings = self.report(haystack, candidates, max_findings, tie_budget, &mut stats);
        (findings, stats)
    }

    /// Stage 1 and 2 over one text: prefilter hits, merged windows, regexes, validators.
    /// `offset` is where the text sits in what `budget` pays for (0, or past the input and the
    /// copies before it for a decoded copy).
    fn candidates(&self, haystack: &[u8], offset: usize, budget: &mut Budget, out: &mut Vec<Candidate>, stats: &mut ScanStats) {
        let mut windows = OpenWindows::new();
        let mut breaks = LineBreaks::default();
        // The text gets the fixed allowance of keyword compares; its decoded copies do not.
        let floor = if offset == 0 { VERIFY_STEPS_FLOOR } else { 0 };
        stats.prefilter_steps += self.keywords.prefilter.for_each_hit(haystack, floor, |hit| {
            stats.prefilter_hits += 1;
            for rule in self.keywords.rules_of(hit.keyword).iter().map(|&rule| rule as usize) {
                if self.is_context_rule(rule) && !context::is_name(haystack, hit.range()) {
                    continue;
                }
                if let Some(gate) = self.rules[rule].gate {
                    if !budget.allows(offset + hit.end, Gate::REACH) {
                        stats.truncated = true;
                        return;
                    }
                    let (admitted, read) = gate.admits(haystack, hit.start);
                    budget.spent += read;
                    stats.bytes_validated += read;
                    if !admitted {
                        continue;
                    }
                }
                if !budget.allows(offset + hit.end, WINDOW_CHARGE) {
                    stats.truncated = true;
                    return;
                }
                budget.spent += WINDOW_CHARGE;
                let window = self.window(rule, hit.range(), haystack, &mut breaks);
                if let Some(done) = windows.add(self.rules.len(), rule, window, hit.start) {
                    let reached = offset + hit.end.max(done.window.end);
                    self.search(rule, done, haystack, reached, budget, out, stats);
                }
            }
        });
        let reached = offset + haystack.len();
        for (rule, open) in windows.open {
            self.search(rule, open, haystack, reached, budget, out, stats);
        }
        for &rule in &self.unkeyed {
            let everything = Pending { window: 0..haystack.len(), first_hit: None, later_hits: Vec::new() };
            self.search(rule, everything, haystack, reached, budget, out, stats);
        }
    }

    /// The range to search for `rule` around a keyword hit.
    fn window(&self, rule: usize, hit: Range<usize>, haystack: &[u8], breaks: &mut LineBreaks) -> Range<usize> {
        let rule = &self.rules[rule];
        let len = haystack.len();
        match rule.anchor {
            Anchor::Prefix => hit.start..len.min(hit.start + rule.max_len),
            Anchor::Inside => hit.end.saturating_sub(rule.max_len)..len.min(hit.start + rule.max_len),
            // The pattern starts at the secret-ish word and ends at the value, on one line.
            // `context_lines` more lines when the value may sit on the next one (`- name: X` then
            // `value: Y`).
            Anchor::Generic => {
                let high = len.min(hit.start + rule.max_len);
                let lines = usize::from(rule.context_lines);
                hit.start..breaks.first(haystack, hit.start..high, lines).unwrap_or(high)
            }
            Anchor::Context => {
                context::window(haystack, hit, CONTEXT_BYTES + rule.max_len, usize::from(rule.context_lines), breaks)
            }
        }
    }

    /// A built-in provider rule found by the provider's name near a shapeless value (see
    /// `context`); the generic category judges its own values.
    fn is_context_rule(&self, index: usize) -> bool {
        let rule = &self.rules[index];
        rule.anchor == Anchor::Context && !rule.custom && rule.category != "generic"
    }

    /// Runs one rule's regex over a pending window and keeps the matches that pass its
    /// validators. A window opened by a single hit of a rule whose pattern starts at its keyword
    /// is searched anchored at the hit: a miss then costs a few bytes, not the whole window; a
    /// window of several such hits, at each of them (`search_at_each_hit`).
    ///
    /// Work is charged to `budget` as the bytes the regex engine may examine: the window, then
    /// for each match its length twice (the reverse scan that finds its start, the pass that
    /// finds its groups) and the look-ahead past its end (at most the rule's longest match); a
    /// match longer than the rule allows, once its length (its groups are not resolved).
    /// A search the budget cannot pay for is skipped, and `truncated` set. `reached` is how far
    /// the scan has come in what the budget pays for (the budget's allowance so far).
    #[allow(clippy::too_many_arguments)]
    fn search(
        &self,
        index: usize,
        pending: Pending,
        haystack: &[u8],
        reached: usize,
        budget: &mut Budget,
        out: &mut Vec<Candidate>,
        stats: &mut ScanStats,
    ) {
        let rule = &self.rules[index];
        let position = reached;
        let searched = match (pending.single_hit(), rule.anchor) {
            (Some(start), Anchor::Prefix | Anchor::Generic) => start..pending.window.end,
            _ => pending.window.clone(),
        };
        let run_check = if rule.run.is_some() { searched.len() } else { 0 };
        // Started only when a match could be paid for too: otherwise, past the floor, a dense
        // text's searches would spend every refill and never afford a match.
        if !budget.allows(position, run_check + pending.window.len() + SEARCH_CHARGE + MATCH_CHARGE) {
            stats.truncated = true;
            return;
        }
        if let Some(run) = rule.run {
            let (found, examined) = run.find(&haystack[searched.clone()]);
            stats.bytes_searched += examined;
            if !found {
                // Charged as the search it saves: the budget's charges are calibrated on floods
                // where every window was searched, and a cheap rejection must not let more of
                // the costlier matches through.
                budget.spent += pending.window.len() + SEARCH_CHARGE;
                return;
            }
            budget.spent += examined;
        }
        // Built-in patterns were all compiled by the catalogue test, custom ones in `new`.
        let Ok(compiled) = self.compiled(index) else { return };
        stats.regex_searches += 1;
        budget.spent += pending.window.len() + SEARCH_CHARGE;
        stats.bytes_searched += pending.window.len();
        let window_end = pending.window.end;
        let input = match (pending.single_hit(), rule.anchor) {
            (Some(_), Anchor::Prefix | Anchor::Generic) => Input::new(haystack).range(searched).anchored(Anchored::Yes),
            _ => Input::new(haystack).range(searched),
        };
        // `matched` is the whole regex match, `span` the secret inside it, `name` what it is
        // assigned to: a `name` group, or for generic rules the identifier the match starts in.
        // Returns false when the budget is spent.
        let mut memo = Memo::default();
        let mut consider = |matched: Range<usize>, span: Range<usize>, name: Option<Range<usize>>| {
            let work = 2 * matched.len() + rule.max_len.min(window_end - matched.end);
            if !budget.allows(position, work + MATCH_CHARGE) {
                stats.truncated = true;
                return false;
            }
            budget.spent += work + MATCH_CHARGE;
            stats.bytes_searched += work;
            let span = whole_characters(haystack, span);
            if span.is_empty() {
                return true;
            }
            let validated = stats.bytes_validated;
            if let Some(confidence) =
                self.validate(index, haystack, span.clone(), matched.start, name, &mut memo, &mut stats.bytes_validated)
            {
                out.push(Candidate { start: span.start, end: span.end, rule: index, confidence, decoded: None });
            }
            budget.spent += stats.bytes_validated - validated;
            true
        };
        // Matches first (lazy DFA), then groups on the match alone. A match longer than the rule
        // allows cannot come from one keyword's window; merged windows would let one run across a
        // whole line of glued text (`key=key=key=…` under `[…=]{11,}`), and capturing its groups
        // would then take the PikeVM over all of it.
        // Allocated on the first match that needs its groups: most windows of a keyword flood have none.
        let mut caps = None;
        let mut overlong = 0; // bytes of the dropped matches, read once more to find their start
        // False once the budget is spent.
        let mut take = |matched: Range<usize>| {
            // A custom pattern of look-arounds (`\b`) matches empty strings, which hold no secret.
            if matched.is_empty() {
                return true;
            }
            // A pattern's terminator (`(?:\s|$)`) takes the line break when the text goes on and
            // nothing at its end: the break does not count, so appending a line cannot drop a match.
            let ends_line = haystack[..matched.end].ends_with(b"\n");
            if matched.len() - usize::from(ends_line) > rule.max_len {
                overlong += matched.len();
                return true;
            }
            let (span, name) = match compiled.secret_group {
                None => (matched.clone(), None),
                Some(group) => {
                    let exact = Input::new(haystack).range(matched.clone()).anchored(Anchored::Yes);
                    let caps = caps.get_or_insert_with(|| compiled.regex.create_captures());
                    compiled.regex.search_captures(&exact, caps);
                    let Some(span) = caps.get_group(group) else { return true };
                    (span.range(), compiled.name_group.and_then(|g| caps.get_group(g)).map(|n| n.range()))
                }
            };
            consider(matched, span, name)
        };
        let starts_at_keyword = matches!(rule.anchor, Anchor::Prefix | Anchor::Generic);
        let at_each_hit = if starts_at_keyword && !pending.later_hits.is_empty() { compiled.hit_search(rule) } else { None };
        // Bytes the searches at each hit read beyond the window's length (charged above).
        let read_beyond = match at_each_hit {
            Some(hit_search) => search_at_each_hit(hit_search, &compiled.regex, pending, haystack, &mut take),
            None => {
                for found in compiled.regex.find_iter(input) {
                    if !take(found.range()) {
                        break;
                    }
                }
                0
            }
        };
        budget.spent += overlong + read_beyond;
        stats.bytes_searched += overlong + read_beyond;
    }

    /// The confidence of a match's `span` for rule `index`, or `None` when its checks reject
    /// it; counts the bytes the checks read in `work`.
    #[allow(clippy::too_many_arguments)]
    fn validate(
        &self,
        index: usize,
        haystack: &[u8],
        span: Range<usize>,
        match_start: usize,
        name: Option<Range<usize>>,
        memo: &mut Memo,
        work: &mut usize,
    ) -> Option<Confidence> {
        let rule = &self.rules[index];
        *work += span.len();
        if self.is_context_rule(index) && !context::accepts(haystack, span.clone(), &rule.keywords, &mut memo.acceptance, work) {
            return None;
        }
        let name = match name {
            None if rule.anchor == Anchor::Generic => Some(assigned_name(haystack, match_start)),
            name => name,
        };
        judge(rule, haystack, span, name, &mut memo.host_marks)
    }

    /// Overlaps, suppressions, allowlists and confidence floor; then positions and fingerprints.
    fn report(
        &self,
        haystack: &[u8],
        mut candidates: Vec<Candidate>,
        max_findings: usize,
        mut tie_budget: usize,
        stats: &mut ScanStats,
    ) -> Vec<Finding<'_>> {
        candidates.sort_unstable();
        candidates.dedup();
        let mut kept: Vec<Candidate> = Vec::with_capacity(candidates.len());
        for candidate in candidates {
            match kept.last_mut() {
                Some(last) if candidate.start < last.end => {
                    let order = self.rank(&candidate).cmp(&self.rank(last));
                    if order.is_gt()
                        || (order.is_eq() && self.has_nearer_keyword(haystack, &candidate, last, stats, &mut tie_budget))
                    {
                        *last = candidate;
                    }
                }
                _ => kept.push(candidate),
            }
        }

        let mut cursor = PositionCursor::new(haystack);
        let mut suppressions = Suppressions::new(haystack);
        let mut blobs = Blobs::new(haystack);
        let mut findings = Vec::with_capacity(kept.len().min(max_findings));
        for candidate in kept {
            let rule = &self.rules[candidate.rule];
            let secret = candidate.decoded.as_deref().unwrap_or(&haystack[candidate.start..candidate.end]);
            if candidate.confidence < self.min_confidence
                || self.allow.iter().any(|allow| allow.is_match(Input::new(secret)))
                || suppressions.is_suppressed(candidate.start, candidate.end)
                || blobs.holds(candidate.start..candidate.end)
            {
                continue;
            }
            stats.bytes_validated += secret.len();
            let fingerprint = fingerprint(&rule.id, secret);
            if self.allow_fingerprints.contains(&fingerprint) {
                continue;
            }
            if findings.len() == max_findings {
                stats.truncated = true;
                break;
            }
            let start = cursor.position(candidate.start);
            let end = cursor.position(candidate.end);
            findings.push(Finding {
                rule,
                confidence: candidate.confidence,
                start: candidate.start,
                end: candidate.end,
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                start_utf16: start.utf16_index,
                end_utf16: end.utf16_index,
                redacted: redact(rule, secret),
                fingerprint,
            });
        }
        stats.bytes_validated += suppressions.bytes_read + blobs.scanned + haystack.len();
        findings
    }

    /// Which of two overlapping candidates to keep: the more specific rule, then the more
    /// confident, then the longer match.
    fn rank(&self, c: &Candidate) -> (u8, Confidence, usize) {
        (self.rules[c.rule].specificity(), c.confidence, c.end - c.start)
    }

    /// Between two context rules that take the same value (DeepSeek and DashScope both read
    /// `sk-` + 32 hex), true when `challenger`'s keyword is on a line nearer to it than
    /// `holder`'s: in a `.env` the value belongs to the name on its own line, not to the one on
    /// the next line. Keywords on the same line keep the catalogue order (a connection string's
    /// host outranks its generic field names that way). Built-in rules only: their matches are
    /// long and their reach short, so the keyword search stays a small constant per tie.
    /// Past `budget` (bytes of tie-break work left), ties keep the catalogue order and the scan
    /// says `truncated`.
    fn has_nearer_keyword(
        &self,
        haystack: &[u8],
        challenger: &Candidate,
        holder: &Candidate,
        stats: &mut ScanStats,
        budget: &mut usize,
    ) -> bool {
        let is_context = |c: &Candidate| {
            let rule = &self.rules[c.rule];
            rule.anchor == Anchor::Context && !rule.custom
        };
        is_context(challenger)
            && is_context(holder)
            && challenger.rule != holder.rule
            && match self.keyword_line_distance(haystack, challenger, stats, budget) {
                Some(challenger) => self.keyword_line_distance(haystack, holder, stats, budget).is_some_and(|holder| challenger < holder),
                None => false,
            }
    }

    /// Line breaks between a candidate and the nearest keyword of its rule, within the rule's
    /// context reach. Runs only on ties, over at most a few hundred bytes; `None` when `budget`
    /// cannot pay for it.
    fn keyword_line_distance(&self, haystack: &[u8], c: &Candidate, stats: &mut ScanStats, budget: &mut usize) -> Option<usize> {
        let reach = CONTEXT_BYTES + self.rules[c.rule].max_len;
        let low = c.start.saturating_sub(reach);
        let high = haystack.len().min(c.end + reach);
        if high - low > *budget {
            stats.truncated = true; // the tie keeps the catalogue order: the provider may be wrong
            return None;
        }
        let mut nearest = usize::MAX;
        let steps = self.keywords.prefilter.for_each_hit(&haystack[low..high], 0, |hit| {
            if !self.keywords.rules_of(hit.keyword).contains(&(c.rule as u32)) || !context::is_name(haystack, low + hit.start..low + hit.end) {
                return;
            }
            let gap = if low + hit.end <= c.start {
                low + hit.end..c.start
            } else if low + hit.start >= c.end {
                c.end..low + hit.start
            } else {
                0..0
            };
            nearest = nearest.min(memchr::memchr_iter(b'\n', &haystack[gap]).count());
        });
        stats.bytes_validated += steps;
        *budget = budget.saturating_sub(steps);
        Some(nearest)
    }

    /// `text` with every secret replaced by its redacted form. A reported secret of 8 bytes or
    /// more is replaced wherever else it occurs too: a copy the scan did not report (no keyword
    /// next to it) would otherwise leak through text meant to be shared.
    pub fn redact(&self, text: &str) -> String {
        let bytes = text.as_bytes();
        let findings = self.scan(bytes);
        // (span, redacted form, is a finding); copies found below include the findings' own spans.
        let mut spans: Vec<(Range<usize>, &str, bool)> =
            findings.iter().map(|f| (f.start..f.end, &*f.redacted, true)).collect();
        let copied: Vec<&Finding<'_>> = findings.iter().filter(|f| f.end - f.start >= REDACT_COPIES_FROM).collect();
        if !copied.is_empty() {
            let secrets = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(copied.iter().map(|f| f.secret(bytes)))
                .expect("secrets are non-empty literals");
            spans.extend(secrets.find_iter(bytes).map(|m| (m.range(), &*copied[m.pattern().as_usize()].redacted, false)));
        }
        spans.sort_unstable_by_key(|(span, _, _)| span.start);
        let mut out = Vec::with_capacity(bytes.len());
        let (mut copied_to, mut group_start) = (0, 0);
        while group_start < spans.len() {
            // Overlapping spans are replaced as one region (no fragment of either survives),
            // by the redacted forms of the findings in it, else by the first copy's.
            let mut end = spans[group_start].0.end;
            let mut group_end = group_start + 1;
            while group_end < spans.len() && spans[group_end].0.start < end {
                end = end.max(spans[group_end].0.end);
                group_end += 1;
            }
            let group = &spans[group_start..group_end];
            out.extend_from_slice(&bytes[copied_to..group[0].0.start]);
            let reported: Vec<&str> = group.iter().filter(|s| s.2).map(|s| s.1).collect();
            let forms = if reported.is_empty() { alloc::vec![group[0].1] } else { reported };
            forms.iter().for_each(|form| out.extend_from_slice(form.as_bytes()));
            (copied_to, group_start) = (end, group_end);
        }
        out.extend_from_slice(&bytes[copied_to..]);
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// True when `rule` matches only where its keyword starts a word (see `blocks.rs`): context
/// rules take a provider keyword only as a word of an identifier (`context::is_name`), and a
/// prefix rule's keyword starts its token.
fn starts_at_word(rule: &Rule) -> bool {
    !rule.custom && matches!(rule.anchor, Anchor::Context | Anchor::Prefix)
}

/// `span` without the bytes of a UTF-8 character it cuts at either end. Patterns match bytes
/// (`[^&;\s]{3,127}` takes any byte of a multi-byte character), so a bounded repetition can stop
/// inside one; a finding must cover whole characters (its UTF-16 range slices out its text).
/// Stray bytes of invalid UTF-8 are left alone.
fn whole_characters(haystack: &[u8], span: Range<usize>) -> Range<usize> {
    // The start of the character that continues at `at`, when one started before `at` does.
    let cut_character = |at: usize| -> Option<usize> {
        if haystack.get(at).map_or(true, |&b| b & 0xC0 != 0x80) {
            return None;
        }
        let lead = (at.saturating_sub(3)..at).rev().find(|&i| haystack[i] & 0xC0 != 0x80)?;
        let width = match haystack[lead] {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 0,
        };
        (lead + width > at).then_some(lead)
    };
    let mut start = span.start;
    if let Some(lead) = cut_character(start) {
        start = (start + 1..span.end).find(|&i| haystack[i] & 0xC0 != 0x80).unwrap_or(span.end).max(lead);
    }
    let end = match cut_character(span.end) {
        Some(lead) => lead.max(start),
        None => span.end,
    };
    start..end
}

/// Shortest reported secret whose other occurrences [`Scanner::redact`] also replaces: shorter
/// custom-rule matches would redact ordinary words.
const REDACT_COPIES_FROM: usize = 8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_keyword_index_is_the_one_the_catalogue_builds_at_run_time() {
        let rules = BUILTIN_RULES.iter().map(|rule| (&rule.keywords[..], starts_at_word(rule)));
        assert!(KeywordIndex::is_builtin(rules), "build.rs wrote a different layout: is its word-start test engine.rs's?");
    }

    #[test]
    fn a_changed_catalogue_builds_its_own_index() {
        // Without the first rule every later rule moves down one index.
        let config = ScannerConfig { disable: alloc::vec![BUILTIN_RULES[0].id.to_string()], ..Default::default() };
        let scanner = Scanner::new(config).unwrap();
        let key = ["ghp", "zQWBuTSOoRi4A9spHcVY5ncnsDkxkJ0mLq17"].join("_");
        let ids: Vec<&str> = scanner.scan(alloc::format!("GITHUB_TOKEN={key}\n").as_bytes()).iter().map(|f| &*f.rule.id).collect();
        assert_eq!(ids, ["github-pat-classic"]);
    }
}
