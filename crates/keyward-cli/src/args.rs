//! The command line, declared with clap. Bad arguments exit with code 2 (clap's usage error code).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use keyward_core::Confidence;

use crate::config::parse_size;

/// keyward finds leaked credentials (API keys, tokens, private keys) in files, folders,
/// standard input and git's staged content. Nothing leaves the machine.
///
/// Exit status: 0 no findings, 1 findings, 2 error (bad argument or config, or a file could
/// not be read and nothing was found).
#[derive(Debug, Parser)]
#[command(name = "keyward", version, about, long_about = None, after_help = EXIT_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

const EXIT_HELP: &str = "Exit status: 0 clean, 1 findings, 2 error (bad argument or config; \
an unreadable file when nothing was found).";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan files and folders (walked in parallel, honouring .gitignore), stdin or staged content.
    #[command(after_help = EXIT_HELP)]
    Scan(ScanArgs),
    /// Write the fingerprints of the current findings to a baseline file, to accept them.
    Baseline(BaselineArgs),
    /// List every rule: id, provider, confidence and title.
    Rules(RulesArgs),
}

/// What to scan and how: shared by `scan` and `baseline`.
#[derive(Debug, Args)]
pub struct SourceArgs {
    /// Files or folders to scan; `-` reads standard input. Default: standard input when it is
    /// piped, otherwise the current folder.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Scan the content staged in git's index (for a pre-commit hook) instead of PATHs.
    #[arg(long, conflicts_with = "paths")]
    pub staged: bool,
    /// Configuration file (default: `.keyward.toml` in the current folder or the git repo root).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Report only findings of at least this confidence (overrides the config).
    #[arg(long, value_name = "LEVEL")]
    pub min_confidence: Option<ConfidenceArg>,
    /// Skip files larger than this, e.g. `512K`, `10M` (default 10M; overrides the config).
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_file_size: Option<u64>,
    /// Worker threads for the folder walk (default: one per CPU).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Also scan files that .gitignore and .ignore files exclude.
    #[arg(long)]
    pub no_ignore: bool,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Hide the findings whose fingerprints are in this baseline file (see `keyward baseline`).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Print the raw secrets too. Off by default: output is safe to share or to keep in CI logs.
    #[arg(long)]
    pub show_secret: bool,
}

#[derive(Debug, Args)]
pub struct BaselineArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Where to write the baseline (default: standard output).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
    /// Configuration file whose custom and disabled rules to apply to the list.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Sarif,
}

/// `keyward rules` output: a table or JSON (SARIF describes results, not rule lists).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

/// `--min-confidence` values; clap needs its own enum to list them in `--help`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ConfidenceArg {
    Low,
    Medium,
    High,
}

impl From<ConfidenceArg> for Confidence {
    fn from(arg: ConfidenceArg) -> Confidence {
        match arg {
            ConfidenceArg::Low => Confidence::Low,
            ConfidenceArg::Medium => Confidence::Medium,
            ConfidenceArg::High => Confidence::High,
        }
    }
}
