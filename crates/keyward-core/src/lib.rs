//! keyward's detection core: the rule catalogue, the two-stage engine, validators and the
//! Finding shape shared by the CLI, the npm package, the editor extension and the web page.
//!
//! `#![no_std]` + `alloc`, and no I/O: input is a byte slice, output is a `Vec<Finding>`.
//!
//! ```
//! let scanner = keyward_core::Scanner::default();
//! let text = b"token = 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\n";
//! let findings = scanner.scan(text);
//! assert_eq!(findings[0].rule.id, "github-pat-classic");
//! assert_eq!((findings[0].line, findings[0].column), (1, 9));
//! ```
#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;

#[cfg(test)]
mod catalogue_tests;
mod checksum;
mod decode;
mod engine;
mod finding;
pub mod position;
mod prefilter;
mod rule;
mod suppress;
pub mod validate;

pub use checksum::Checksum;
pub use engine::{ConfigError, ScanStats, Scanner, ScannerConfig};
pub use finding::{fingerprint, Finding};
pub use rule::{Anchor, Confidence, CustomRule, Rule};
#[cfg(any(test, feature = "catalogue-examples"))]
pub use rule::{RuleExamples, CATALOGUE_EXAMPLES};

/// Number of rules in the built-in catalogue.
pub fn builtin_rule_count() -> usize {
    rule::BUILTIN_RULES.len()
}
