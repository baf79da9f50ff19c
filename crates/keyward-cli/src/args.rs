//! The command line, declared with clap. Bad arguments exit with code 2 (clap's usage error code).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use keyward_config::parse_size;
use keyward_core::Confidence;

/// keyward finds leaked credentials (API keys, tokens, private keys) in files, folders,
/// standard input, git's staged content and git history. Nothing leaves the machine.
#[derive(Debug, Parser)]
#[command(name = "keyward", version, about, long_about = None, after_help = EXIT_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

const EXIT_HELP: &str = "Exit status: 0 clean, 1 findings, 2 error (bad argument or config; \
an unreadable file when nothing was found; output that could not be written).";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan files and folders (walked in parallel, honouring .gitignore), stdin or staged content.
    #[command(after_help = EXIT_HELP)]
    Scan(ScanArgs),
    /// Scan every blob of a git history once, reporting the commit that introduced each secret.
    #[command(after_help = EXIT_HELP)]
    History(HistoryArgs),
    /// Write the fingerprints of the current findings to a baseline file, to accept them.
    Baseline(BaselineArgs),
    /// List every rule: id, provider, severity, confidence and title.
    Rules(RulesArgs),
}

/// Which rules and files: shared by every scanning command.
#[derive(Debug, Args)]
pub struct RuleArgs {
    /// Configuration file (default: the nearest `.keyward.toml` upward from each scanned path,
    /// up to the git repository's root).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Report only findings of at least this confidence (overrides the config).
    #[arg(long, value_name = "LEVEL")]
    pub min_confidence: Option<ConfidenceArg>,
    /// Skip files larger than this, e.g. `512K`, `10M` (default 10M; overrides the config; not
    /// applied to --staged).
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_file_size: Option<u64>,
    /// Worker threads (default: one per CPU).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
}

/// What to scan: shared by `scan` and `baseline`.
#[derive(Debug, Args)]
pub struct SourceArgs {
    /// Files or folders to scan; `-` reads standard input. Default: standard input when it is
    /// piped, otherwise the current folder.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Scan what the next commit adds (git's index against HEAD), for a pre-commit hook. With
    /// PATHs, only those; a named file with no staged change is scanned whole, as staged.
    #[arg(long)]
    pub staged: bool,
    /// Also scan files that .gitignore and .ignore files exclude.
    #[arg(long)]
    pub no_ignore: bool,
    #[command(flatten)]
    pub rules: RuleArgs,
}

/// How to report findings: shared by `scan` and `history`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Output format: text lines, a JSON array, SARIF 2.1.0, or GitHub Actions annotations.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Hide the findings whose fingerprints are in this baseline file (see `keyward baseline`).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Print each finding's fingerprint in text output (what `.keywardignore` lists).
    #[arg(long)]
    pub show_fingerprint: bool,
    /// Print the raw secrets too. Off by default: output is safe to share or to keep in CI logs.
    #[arg(long)]
    pub show_secret: bool,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The repository (default: the one around the current folder).
    #[arg(value_name = "REPO")]
    pub repo: Option<PathBuf>,
    /// Only the commits of `A..B` (reachable from B, not from A); blobs A already had are skipped.
    #[arg(long, value_name = "A..B", conflicts_with = "branch")]
    pub range: Option<String>,
    /// Only commits made on or after DATE (`2024-01-31`, `2024-01-31T12:00:00+01:00`, `2 weeks ago`).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only this branch (or any revision) and its ancestors. Default: every ref, as `git log --all`.
    #[arg(long, value_name = "NAME")]
    pub branch: Option<String>,
    #[command(flatten)]
    pub rules: RuleArgs,
    #[command(flatten)]
    pub report: ReportArgs,
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
    /// Configuration file whose custom and disabled rules to apply to the list (default: the
    /// nearest `.keyward.toml` upward from the current folder).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Sarif,
    /// `::error file=…,line=…::…` workflow commands: annotations on a GitHub pull request.
    Github,
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
