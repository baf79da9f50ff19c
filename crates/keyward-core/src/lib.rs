//! keyward's detection core: the rule catalogue, the two-stage engine, validators and the
//! Finding shape shared by the CLI, the npm package, the editor extension and the web page.
//!
//! `#![no_std]` + `alloc`, and no I/O: input is a byte slice, output is a `Vec<Finding>`.
//!
//! Dependencies, each for one job (all `no_std`):
//! - `regex-automata`, the engine behind `regex`, used directly: `Input::range` searches a
//!   window while look-around still sees the bytes around it, and syntax settings make every
//!   pattern ASCII-only (no Unicode tables in the wasm); its lazy DFA also directly, for the
//!   searches at each hit of a merged window (`hit_search`). Features: meta, hybrid (lazy DFA),
//!   nfa-pikevm, perf-literal — without the DFA and literal optimisations the wasm scan was
//!   about 70 times slower.
//! - `aho-corasick` and `memchr`: the keyword automaton and byte searches.
//! - `sha2`: fingerprints, so a fingerprint reveals nothing of the secret.
//! - `crc32fast`: the CRC32 inside GitHub, npm, GitLab and Grafana tokens.
//! - `base64`: decoding Kubernetes Secret values and Azure keys for their checksums.
//! - `once_cell` (`race::OnceBox`): rules compile on first use, thread-safely, without std.
//! - `libm`: `log2` for entropy (`core` has no float math).
//! - `serde` (optional feature): the Finding JSON shape for the CLI and the wasm layer.
//!
//! ```
//! let scanner = keyward_core::Scanner::default();
//! let text = b"token = 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\n";
//! let findings = scanner.scan(text);
//! assert_eq!(findings[0].rule.id, "github-pat-classic");
//! assert_eq!((findings[0].line, findings[0].column), (1, 9));
//! ```
#![no_std]
// `unsafe` only to enter the SIMD block scans (SSSE3 or AVX2) after run-time detection
// (blocks.rs); everything else is safe code.
#![deny(unsafe_code)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;
#[cfg(all(test, not(feature = "std")))]
extern crate std;

mod blob;
#[cfg(any(test, feature = "catalogue-examples"))]
pub mod catalogue;
#[cfg(test)]
mod catalogue_tests;
mod blocks;
mod checksum;
mod context;
mod decode;
mod encoding;
mod engine;
mod finding;
mod hit_search;
mod keyword_index;
mod line_breaks;
pub mod names;
pub mod password;
pub mod position;
mod prefilter;
mod rule;
mod suppress;
mod syntax_tree;
pub mod validate;
pub mod value_model;
mod word_set;

pub use checksum::Checksum;
pub use encoding::decode_text;
pub use engine::{ConfigError, ScanStats, Scanner, ScannerConfig, WORK_FLOOR, WORK_PER_BYTE};
pub use finding::{fingerprint, Finding};
pub use rule::{Anchor, Confidence, CustomRule, Rule, Severity};
#[cfg(any(test, feature = "catalogue-examples"))]
pub use rule::{RuleExamples, CATALOGUE_EXAMPLES, COVERED_FORMATS, SKIPPED_FORMATS};
/// The decoders, for the fuzz targets in `fuzz/` (feature `fuzzing`). Not a stable API.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub use decode::fuzzing as decode_for_fuzzing;

/// Number of rules in the built-in catalogue.
pub fn builtin_rule_count() -> usize {
    rule::BUILTIN_RULES.len()
}
