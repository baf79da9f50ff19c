//! Turns the rule catalogue (`rules/<category>/<provider>.toml`) into static tables, so the
//! core needs no TOML parser at run time and a broken rule fails the build with a message
//! naming the rule.
//!
//! A provider file holds hand-written `[[rule]]`s, compact `[[context]]` entries (expanded into
//! context rules by `build/context.rs`), and `[[skip]]`s: fact-sheet formats deliberately left
//! without a rule, with the reason.
//!
//! Checks made here: unique ids, known enum values, the folder matching the category, a
//! non-empty keyword list, a pattern that parses in the ASCII-only syntax the engine compiles
//! with, cannot match the empty string, and has a bounded length (or declares `max_len`), a
//! `revoke_url` that is empty or a URL, each fact-sheet format covered or skipped at most once,
//! and for context entries, examples of the declared shape. Whether examples match is the
//! catalogue test's job.
//!
//! It also computes the layout of the catalogue's keyword index (the keywords, the rules of each,
//! and the prefilter's choices of how to look each up) with the core's own code, compiled here
//! too, so that the default scanner does not (`src/keyword_index.rs`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;

#[path = "build/context.rs"]
mod context;
#[path = "build/gates.rs"]
mod gates;
#[path = "build/runs.rs"]
mod runs;

// The core's keyword index and prefilter, as the library compiles them (without the generated
// tables, which they are here to write: `cfg(keyward_builtin_tables)` is set for the library only).
extern crate alloc;
#[allow(dead_code)]
#[path = "src/blocks.rs"]
mod blocks;
#[allow(dead_code)]
#[path = "src/keyword_index.rs"]
mod keyword_index;
#[allow(dead_code)]
#[path = "src/prefilter.rs"]
mod prefilter;
#[allow(dead_code)]
#[path = "src/syntax_tree.rs"]
mod syntax_tree;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    #[serde(default)]
    rule: Vec<RuleToml>,
    #[serde(default)]
    context: Vec<context::ContextToml>,
    #[serde(default)]
    skip: Vec<Skip>,
}

/// A fact-sheet format with no rule on purpose (a public identifier, a value public by design).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Skip {
    id: String,
    reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleToml {
    id: String,
    provider: String,
    title: String,
    category: String,
    revoke_url: String,
    /// Environment variable the editor's quick fix suggests, e.g. `OPENAI_API_KEY`.
    env_var: Option<String>,
    keywords: Vec<String>,
    #[serde(default = "default_anchor")]
    anchor: String,
    /// Lines around a context keyword searched for the value (context rules only).
    context_lines: Option<u8>,
    pattern: String,
    max_len: Option<usize>,
    confidence: String,
    /// critical | high | medium | low; default from the category (see `default_severity`).
    severity: Option<String>,
    checksum: Option<String>,
    min_entropy: Option<f32>,
    /// Real tokens of this format hold long runs of one character (`AAAAAAA`: encoded zero
    /// bytes), so placeholder rejection skips its run test for this rule.
    #[serde(default)]
    runs_allowed: bool,
    /// The alphabet holds template characters (`$ { } < > ( %`): see `Rule::template_chars`.
    #[serde(default)]
    template_chars: bool,
    /// The secret is a password (a command line's `-p`): judged as one, see `Rule::password`.
    #[serde(default)]
    password: bool,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    negatives: Vec<String>,
    /// Rules this one wins against when both report the same span with the same rank (a
    /// `pscale_pw_` password is also a `mysql://` URL's password): placed before them.
    #[serde(default)]
    outranks: Vec<String>,
    /// Fact-sheet formats this rule reports (default: its own id; `[]` for none).
    covers: Option<Vec<String>>,
    /// Bare values the tests put in natural lines naming the provider (context entries).
    #[serde(skip)]
    values: Vec<String>,
    /// The provider's plain name in those lines.
    #[serde(skip)]
    name: String,
}

impl RuleToml {
    /// The rule a `[[context]]` entry stands for.
    fn from_context(entry: context::ContextToml, category: &str) -> RuleToml {
        let expanded = context::expand(&entry);
        let mut negatives = entry.negatives;
        negatives.extend(expanded.negatives);
        RuleToml {
            id: entry.id,
            provider: entry.provider,
            title: entry.title,
            category: category.to_string(),
            revoke_url: entry.revoke_url,
            env_var: Some(expanded.env_var),
            keywords: entry.keywords,
            anchor: "context".into(),
            context_lines: entry.context_lines,
            pattern: expanded.pattern,
            max_len: None,
            confidence: "medium".into(),
            severity: entry.severity,
            checksum: None,
            min_entropy: entry.min_entropy,
            runs_allowed: false,
            template_chars: expanded.template_chars,
            password: false,
            examples: entry.texts,
            negatives,
            outranks: entry.outranks,
            covers: entry.covers,
            values: entry.examples,
            name: expanded.name,
        }
    }
}

fn default_anchor() -> String {
    "prefix".into()
}

const ANCHORS: &[(&str, &str)] = &[
    ("prefix", "Anchor::Prefix"),
    ("inside", "Anchor::Inside"),
    ("context", "Anchor::Context"),
    ("generic", "Anchor::Generic"),
];
const CONFIDENCES: &[(&str, &str)] = &[
    ("low", "Confidence::Low"),
    ("medium", "Confidence::Medium"),
    ("high", "Confidence::High"),
];
const SEVERITIES: &[(&str, &str)] = &[
    ("low", "Severity::Low"),
    ("medium", "Severity::Medium"),
    ("high", "Severity::High"),
    ("critical", "Severity::Critical"),
];

/// Keys of these categories bill or control infrastructure when live: AI APIs, clouds, payments.
/// Everything else is `high` unless the rule says otherwise (test keys, public-by-design values).
fn default_severity(category: &str) -> &'static str {
    match category {
        "ai" | "cloud" | "payments" => "critical",
        _ => "high",
    }
}

const CHECKSUMS: &[(&str, &str)] = &[
    ("github-crc32", "Checksum::GithubCrc32"),
    ("gitlab-routable", "Checksum::GitlabRoutable"),
    ("grafana-crc32", "Checksum::GrafanaCrc32"),
    ("azure-cask", "Checksum::AzureCask"),
    ("azure-storage-marvin32", "Checksum::AzureStorageMarvin32"),
    ("azure-cosmos-marvin32", "Checksum::AzureCosmosMarvin32"),
    ("bech32", "Checksum::Bech32"),
];

fn lookup(table: &[(&str, &'static str)], value: &str, what: &str, id: &str) -> &'static str {
    table.iter().find(|(name, _)| *name == value).map(|(_, code)| *code).unwrap_or_else(|| {
        let names: Vec<_> = table.iter().map(|(name, _)| *name).collect();
        panic!("rule {id}: unknown {what} {value:?}; expected one of {names:?}")
    })
}

/// The pattern the engine compiles, parsed with its syntax settings (see `compile` in
/// src/engine.rs): a bare token (a prefix or inside rule without a `secret` group) must not start
/// or end inside a longer word.
fn parse_pattern(rule: &RuleToml) -> regex_syntax::hir::Hir {
    let bare_token = matches!(rule.anchor.as_str(), "prefix" | "inside") && !rule.pattern.contains("(?P<secret>");
    let pattern = if bare_token { format!(r"\b{{start-half}}(?:{})\b{{end-half}}", rule.pattern) } else { rule.pattern.clone() };
    regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .build()
        .parse(&pattern)
        .unwrap_or_else(|e| panic!("rule {}: pattern does not parse in ASCII mode:\n{e}", rule.id))
}

/// The name of the static holding `hir`'s syntax tree (src/syntax_tree.rs), shared by the rules
/// with the same pattern; checks that the tree decodes to `hir`.
fn syntax_tree(hir: &regex_syntax::hir::Hir, trees: &mut BTreeMap<Vec<u8>, usize>, id: &str) -> String {
    let mut tree = Vec::new();
    syntax_tree::encode(hir, &mut tree);
    assert!(syntax_tree::decode(&tree) == *hir, "rule {id}: the syntax tree does not decode to the parsed pattern");
    let next = trees.len();
    format!("SYNTAX_TREE_{}", trees.entry(tree).or_insert(next))
}

/// Every `.toml` file under `dir`, depth first, sorted by path: the catalogue order (which
/// decides ties between rules matching the same span) must not depend on the file system.
fn rule_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("readable rules/ entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rule_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "toml") {
            out.push(path);
        }
    }
}

/// A `revoke_url` is empty (no key-management page known: front ends name the provider) or an
/// http(s) URL with a dotted host and no spaces, which front ends can render as a link.
fn check_revoke_url(id: &str, url: &str) {
    if url.is_empty() {
        return;
    }
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let host = rest.map(|r| r.split(['/', '?', '#']).next().unwrap_or_default());
    let valid = host.is_some_and(|h| {
        h.contains('.') && !h.starts_with('.') && h.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    }) && url.bytes().all(|b| b.is_ascii_graphic() && !b"<>\"'`{}|\\^".contains(&b));
    assert!(valid, "rule {id}: revoke_url {url:?} is not a URL (leave it empty when there is none)");
}

/// True when `short` occurs in `long` as a word (the engine's `context::is_name` rule: at
/// non-alphanumeric edges or camelCase humps), so a context rule needs only `short`.
fn is_word_in(short: &str, long: &str) -> bool {
    let (s, l) = (short.as_bytes(), long.as_bytes());
    (0..=l.len() - s.len()).any(|at| {
        let end = at + s.len();
        let starts = at == 0
            || !l[at - 1].is_ascii_alphanumeric()
            || !s[0].is_ascii_alphanumeric()
            || (l[at - 1].is_ascii_lowercase() && l[at].is_ascii_uppercase());
        let ends = end == l.len()
            || !l[end].is_ascii_alphanumeric()
            || !s[s.len() - 1].is_ascii_alphanumeric()
            || ((l[end - 1].is_ascii_lowercase() || l[end - 1].is_ascii_digit()) && l[end].is_ascii_uppercase());
        l[at..end].eq_ignore_ascii_case(s) && starts && ends
    })
}

/// The provider's plain name, for the tests' natural lines: a context entry's first keyword,
/// else the first word of the env var or of the provider.
fn test_name(rule: &RuleToml) -> String {
    if !rule.name.is_empty() {
        return rule.name.clone();
    }
    let source = rule.env_var.as_deref().unwrap_or(&rule.provider);
    source.split(|c: char| !c.is_ascii_alphanumeric()).find(|w| !w.is_empty()).unwrap_or("provider").to_ascii_lowercase()
}

/// Moves every rule that `outranks` others before the first of them (the engine keeps the
/// earlier rule on a tie), keeping the path order otherwise; panics on an unknown id or a cycle.
fn apply_outranks(rules: &mut Vec<RuleToml>) {
    let position = |rules: &[RuleToml], id: &str| rules.iter().position(|r| r.id == id);
    for _ in 0..rules.len() {
        let mut moved = false;
        for index in 0..rules.len() {
            let first_beaten = rules[index]
                .outranks
                .iter()
                .map(|id| {
                    position(rules, id).unwrap_or_else(|| panic!("rule {}: outranks unknown rule {id}", rules[index].id))
                })
                .min();
            if let Some(target) = first_beaten.filter(|&target| target < index) {
                let rule = rules.remove(index);
                rules.insert(target, rule);
                moved = true;
            }
        }
        if !moved {
            return;
        }
    }
    panic!("the rules' `outranks` lists form a cycle");
}

fn main() {
    let dir = Path::new("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut paths = Vec::new();
    rule_files(dir, &mut paths);

    let mut rules = Vec::new();
    let mut skips = Vec::new();
    let mut broken = 0;
    for path in &paths {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(path).unwrap();
        let file: RuleFile =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // rules/<category>/<provider>.toml: the folder says the category of every rule in it.
        let folder = path.parent().and_then(Path::file_name).and_then(|f| f.to_str()).unwrap_or_default();
        for rule in &file.rule {
            assert_eq!(rule.category, folder, "rule {} in {}: category differs from its folder", rule.id, path.display());
        }
        rules.extend(file.rule);
        // Every broken entry is reported (each panic message names it), then the build fails.
        for entry in file.context {
            match std::panic::catch_unwind(|| RuleToml::from_context(entry, folder)) {
                Ok(rule) => rules.push(rule),
                Err(_) => broken += 1,
            }
        }
        skips.extend(file.skip);
    }
    assert!(broken == 0, "{broken} broken [[context]] entries (messages above)");
    apply_outranks(&mut rules);

    let mut ids = BTreeSet::new();
    let mut byte_classes = BTreeMap::new();
    let mut trees = BTreeMap::new();
    let mut covered = BTreeMap::new();
    let mut table = String::from("pub(crate) static BUILTIN_RULES: &[Rule] = &[\n");
    let mut examples = String::from("pub static CATALOGUE_EXAMPLES: &[RuleExamples] = &[\n");
    for rule in &rules {
        let id = &rule.id;
        assert!(ids.insert(id.clone()), "duplicate rule id {id}");
        assert!(
            !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "rule id {id:?} must be kebab-case"
        );
        assert!(!rule.keywords.is_empty(), "rule {id}: needs at least one keyword for the prefilter");
        assert!(
            rule.keywords.iter().all(|k| k.len() >= 3 && k.is_ascii()),
            "rule {id}: keywords must be ASCII and at least 3 bytes long (short ones flood the prefilter)"
        );
        if rule.anchor == "context" {
            for long in &rule.keywords {
                if let Some(short) = rule.keywords.iter().find(|short| short.len() < long.len() && is_word_in(short, long)) {
                    panic!("rule {id}: keyword {long:?} is redundant: {short:?} already finds it");
                }
            }
        }
        let anchor = lookup(ANCHORS, &rule.anchor, "anchor", id);
        let confidence = lookup(CONFIDENCES, &rule.confidence, "confidence", id);
        let severity_name = rule.severity.as_deref().unwrap_or_else(|| default_severity(&rule.category));
        let severity = lookup(SEVERITIES, severity_name, "severity", id);
        let checksum = match &rule.checksum {
            Some(name) => format!("Some({})", lookup(CHECKSUMS, name, "checksum", id)),
            None => "None".into(),
        };
        let hir = parse_pattern(rule);
        let (min_len, max_len) = (hir.properties().minimum_len().unwrap_or(0), hir.properties().maximum_len());
        let run = runs::mandatory_run(&hir);
        let tree = syntax_tree(&hir, &mut trees, id);
        // Checked for every rule that has one: a weak run is found in the window's first bytes.
        let mut class_name = |class: [u64; 4]| {
            let next = byte_classes.len();
            format!("BYTE_CLASS_{}", byte_classes.entry(class).or_insert(next))
        };
        let run = if run.len > 0 { format!("Some(Run {{ class: &{}, len: {} }})", class_name(run.class), run.len) } else { "None".into() };
        // Rules whose match starts at the keyword hit (the engine relies on it: a single hit's
        // window is searched anchored there).
        let starts_at_keyword = matches!(rule.anchor.as_str(), "generic" | "prefix");
        let gate = match gates::keyword_gate(&hir).filter(|_| starts_at_keyword) {
            Some(gate) => format!(
                "Some(Gate {{ name: &{}, first: &{}, skip: {} }})",
                class_name(gate.name),
                class_name(gate.first),
                gate.skip
            ),
            None if rule.anchor == "generic" => panic!("rule {id}: a generic pattern starts with its keyword, a name and an operator (build/gates.rs)"),
            None => "None".into(),
        };
        assert!(min_len > 0, "rule {id}: pattern can match the empty string");
        let max_len = match (rule.max_len, max_len) {
            (Some(declared), _) => declared,
            (None, Some(computed)) => computed,
            (None, None) => panic!("rule {id}: pattern has no upper length bound; declare max_len"),
        };
        assert!(
            !rule.examples.is_empty() || !rule.values.is_empty(),
            "rule {id}: every rule carries at least one example that must match"
        );
        check_revoke_url(id, &rule.revoke_url);
        // A format may be covered by several rules (its live and test keys).
        for format in rule.covers.as_deref().unwrap_or(std::slice::from_ref(id)) {
            covered.entry(format.clone()).or_insert_with(Vec::new).push(id.clone());
        }
        writeln!(
            table,
            "    Rule {{ id: Cow::Borrowed({id:?}), provider: Cow::Borrowed({:?}), title: Cow::Borrowed({:?}), \
             category: Cow::Borrowed({:?}), revoke_url: Cow::Borrowed({:?}), env_var: Cow::Borrowed({:?}), \
             keywords: Cow::Borrowed(&[{}]), anchor: {anchor}, context_lines: {}, pattern: Pattern::Tree(&{tree}), \
             max_len: {max_len}, confidence: {confidence}, severity: {severity}, checksum: {checksum}, min_entropy: {:?}, \
             runs_allowed: {}, template_chars: {}, password: {}, placeholders_reported: false, custom: false, run: {run}, gate: {gate} }},",
            rule.provider,
            rule.title,
            rule.category,
            rule.revoke_url,
            rule.env_var.as_deref().unwrap_or(""),
            rule.keywords.iter().map(|k| format!("Cow::Borrowed({k:?})")).collect::<Vec<_>>().join(", "),
            rule.context_lines.unwrap_or(1),
            rule.min_entropy.unwrap_or(0.0),
            rule.runs_allowed,
            rule.template_chars,
            rule.password,
        )
        .unwrap();
        writeln!(
            examples,
            "    RuleExamples {{ id: {id:?}, name: {:?}, examples: &{:?}, values: &{:?}, negatives: &{:?} }},",
            test_name(rule),
            rule.examples,
            rule.values,
            rule.negatives
        )
        .unwrap();
    }
    table.push_str("];\n");
    for (class, index) in &byte_classes {
        writeln!(table, "const BYTE_CLASS_{index}: [u64; 4] = {class:?};").unwrap();
    }
    for (tree, index) in &trees {
        writeln!(table, "static SYNTAX_TREE_{index}: [u8; {}] = *b\"{}\";", tree.len(), tree.escape_ascii()).unwrap();
    }
    // The ids sorted, with their index: a config's `disable` list is checked by binary search.
    let mut sorted: Vec<(&str, usize)> = rules.iter().enumerate().map(|(index, rule)| (rule.id.as_str(), index)).collect();
    sorted.sort_unstable();
    table.push_str("pub(crate) static BUILTIN_IDS_SORTED: &[(&str, u16)] = &[\n");
    for (id, index) in sorted {
        table.push_str(&format!("    ({id:?}, {index}),\n"));
    }
    table.push_str("];\n");
    examples.push_str("];\n");

    examples.push_str("pub static COVERED_FORMATS: &[(&str, &str)] = &[\n");
    for (format, rules) in &covered {
        for rule in rules {
            writeln!(examples, "    ({format:?}, {rule:?}),").unwrap();
        }
    }
    examples.push_str("];\npub static SKIPPED_FORMATS: &[(&str, &str)] = &[\n");
    for skip in &skips {
        assert!(!skip.reason.trim().is_empty(), "skip {}: give the reason", skip.id);
        if let Some(rules) = covered.get(&skip.id) {
            panic!("format {} is both skipped and covered by {rules:?}", skip.id);
        }
        writeln!(examples, "    ({:?}, {:?}),", skip.id, skip.reason).unwrap();
    }
    examples.push_str("];\n");

    let out = std::env::var("OUT_DIR").unwrap();
    std::fs::write(Path::new(&out).join("rules.rs"), table).unwrap();
    std::fs::write(Path::new(&out).join("examples.rs"), examples).unwrap();

    // A built-in rule takes its keywords only at a word start when it is a context or a prefix
    // rule (engine.rs `starts_at_word`; a test there checks this index against one built at
    // run time).
    let layout = keyword_index::KeywordIndex::layout_source(
        rules.iter().map(|rule| (&rule.keywords[..], matches!(rule.anchor.as_str(), "context" | "prefix"))),
    );
    std::fs::write(Path::new(&out).join("builtin_keywords.rs"), layout).unwrap();
    println!("cargo:rerun-if-changed=src/blocks.rs");
    println!("cargo:rerun-if-changed=src/keyword_index.rs");
    println!("cargo:rerun-if-changed=src/prefilter.rs");
    println!("cargo:rustc-cfg=keyward_builtin_tables");
}
