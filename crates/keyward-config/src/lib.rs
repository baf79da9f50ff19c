//! `.keyward.toml`: the schema, its validation, and where the file is found.
//!
//! Parsing and validation work on contents ([`Config::parse`] takes text and the folder the file
//! applies to), so the fuzz target and the tests need no files; [`Config::load`] and [`discover`]
//! are the only functions that look at the file system.

use std::fmt;
use std::path::{Component, Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use keyward_core::{Confidence, CustomRule, ScannerConfig};
use serde::Deserialize;

/// The config file looked for when none is named.
pub const CONFIG_FILE_NAME: &str = ".keyward.toml";
/// The file of hand-accepted fingerprints, found like the config.
pub const IGNORE_FILE_NAME: &str = ".keywardignore";
/// Files larger than this are skipped unless the config or the command line says otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// The file's contents. Keys are camelCase, like custom rules in the JS API and editor settings.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FileConfig {
    /// Built-in rule ids to turn off.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Regexes: a finding whose secret matches one is not reported.
    #[serde(default)]
    pub allow: Vec<String>,
    /// gitignore-style patterns, relative to the config file's folder, of paths never scanned.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Extra rules (`[[rules]]` tables, the JS API's `CustomRule` shape).
    #[serde(default)]
    pub rules: Vec<CustomRule>,
    pub min_confidence: Option<Confidence>,
    pub max_file_size: Option<SizeSetting>,
}

/// A size as bytes (`1048576`) or with a unit (`"1M"`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum SizeSetting {
    Bytes(u64),
    Text(String),
}

/// Why a config was refused; the message names the file (when there is one) and the entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

/// A validated configuration, with its excludes compiled against the folder it applies to.
#[derive(Debug)]
pub struct Config {
    pub file: FileConfig,
    /// Where the config was read from (`None`: no config file).
    pub source: Option<PathBuf>,
    /// The folder exclude patterns are relative to (absolute, normalised).
    root: PathBuf,
    excludes: Gitignore,
    max_file_size: Option<u64>,
}

impl Config {
    /// No config file: built-in rules only, nothing excluded.
    pub fn empty(root: &Path) -> Config {
        Config::parse("", root).expect("an empty config is valid")
    }

    /// Parses and validates `text` (TOML), for a file in the folder `root`. Custom rule regexes
    /// are checked when the scanner is built ([`Config::scanner_config`]).
    pub fn parse(text: &str, root: &Path) -> Result<Config, ConfigError> {
        let file: FileConfig = toml::from_str(text).map_err(|e| ConfigError(e.to_string().trim_end().to_owned()))?;
        let root = normalize(root);
        let mut builder = GitignoreBuilder::new(&root);
        for pattern in &file.exclude {
            builder
                .add_line(None, pattern)
                .map_err(|e| ConfigError(format!("exclude pattern `{pattern}`: {e}")))?;
        }
        let excludes = builder.build().map_err(|e| ConfigError(format!("exclude patterns: {e}")))?;
        let max_file_size = match &file.max_file_size {
            None => None,
            Some(SizeSetting::Bytes(bytes)) => Some(*bytes),
            Some(SizeSetting::Text(text)) => Some(parse_size(text).map_err(|e| ConfigError(format!("maxFileSize: {e}")))?),
        };
        Ok(Config { file, source: None, root, excludes, max_file_size })
    }

    /// Reads and validates the file at `path` (absolute, or relative to the current folder).
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError(format!("cannot read config {}: {e}", path.display())))?;
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let folder = normalize(&absolute).parent().map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
        let mut config = Config::parse(&text, &folder).map_err(|e| named(path, e))?;
        config.source = Some(path.to_path_buf());
        Ok(config)
    }

    /// The core's configuration from this file; callers add command-line overrides.
    pub fn scanner_config(&self) -> ScannerConfig {
        ScannerConfig {
            disable: self.file.disable.clone(),
            custom_rules: self.file.rules.clone(),
            allow: self.file.allow.clone(),
            allow_fingerprints: Vec::new(),
            min_confidence: self.file.min_confidence,
        }
    }

    /// An error about this config's content (a rule the scanner refused), named after its file.
    pub fn error(&self, message: impl fmt::Display) -> ConfigError {
        match &self.source {
            Some(path) => named(path, ConfigError(message.to_string())),
            None => ConfigError(message.to_string()),
        }
    }

    /// The command line's `--max-file-size` overrides the file's `maxFileSize`.
    pub fn set_max_file_size(&mut self, bytes: u64) {
        self.max_file_size = Some(bytes);
    }

    pub fn max_file_size(&self) -> u64 {
        self.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE)
    }

    /// True when an exclude pattern matches `path` or one of its parent folders. `path` is
    /// absolute, or relative to the config's folder; paths outside that folder are never excluded.
    pub fn is_excluded(&self, path: &Path, is_dir: bool) -> bool {
        if self.file.exclude.is_empty() {
            return false;
        }
        match normalize(&self.root.join(path)).strip_prefix(&self.root) {
            Ok(relative) if !relative.as_os_str().is_empty() => {
                self.excludes.matched_path_or_any_parents(relative, is_dir).is_ignore()
            }
            _ => false,
        }
    }
}

fn named(path: &Path, error: ConfigError) -> ConfigError {
    ConfigError(format!("invalid config {}: {}", path.display(), error.0))
}

/// The file `name` nearest to `start` (a folder), looking in `start` and then in each parent
/// folder up to and including the root of the git repository that contains `start` (a folder
/// holding `.git`); outside a repository, up to the file system's root.
pub fn discover(start: &Path, name: &str) -> Option<PathBuf> {
    let start = std::path::absolute(start).map(|p| normalize(&p)).ok()?;
    for folder in start.ancestors() {
        let candidate = folder.join(name);
        if candidate.is_file() {
            return Some(candidate);
        }
        if folder.join(".git").exists() {
            return None;
        }
    }
    None
}

/// Resolves `.` and `..` lexically (no file system access, so it works for any path).
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Parses `4096`, `512K`, `10M`, `1G` (binary units; an optional trailing `B` or `iB`).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let trimmed = text.trim();
    let upper = trimmed.to_ascii_uppercase();
    let without_b = upper.strip_suffix("IB").or_else(|| upper.strip_suffix('B')).unwrap_or(&upper);
    let (digits, multiplier) = match without_b.chars().last() {
        Some('K') => (&without_b[..without_b.len() - 1], 1u64 << 10),
        Some('M') => (&without_b[..without_b.len() - 1], 1 << 20),
        Some('G') => (&without_b[..without_b.len() - 1], 1 << 30),
        _ => (without_b, 1),
    };
    digits
        .trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(multiplier))
        .ok_or_else(|| format!("`{trimmed}` is not a size (examples: 4096, 512K, 10M, 1G)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_and_without_units() {
        assert_eq!(parse_size("4096"), Ok(4096));
        assert_eq!(parse_size("512K"), Ok(512 * 1024));
        assert_eq!(parse_size("10MB"), Ok(10 << 20));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert_eq!(parse_size(" 2m "), Ok(2 << 20));
        assert!(parse_size("ten").is_err());
        assert!(parse_size("").is_err());
        assert!(parse_size("-1").is_err());
        assert!(parse_size("99999999999G").is_err());
    }

    #[test]
    fn normalize_resolves_dots_lexically() {
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
        assert_eq!(normalize(Path::new("/a/b/../../..")), PathBuf::from("/"));
    }

    #[test]
    fn parse_validates_every_setting() {
        let root = Path::new("/proj");
        let config = Config::parse("exclude = ['fixtures/', '*.snap']\nmaxFileSize = '1K'\nminConfidence = 'high'\n", root).unwrap();
        assert_eq!(config.max_file_size(), 1024);
        assert!(config.is_excluded(Path::new("/proj/fixtures/a.py"), false));
        assert!(config.is_excluded(Path::new("src/x.snap"), false), "relative to the config's folder");
        assert!(!config.is_excluded(Path::new("/elsewhere/fixtures/a.py"), false));
        assert!(!config.is_excluded(Path::new("/proj/src/a.py"), false));
        for (text, expected) in [
            ("disable = [", "line 1"),
            ("disabel = []", "unknown field `disabel`"),
            ("maxFileSize = 'lots'", "`lots` is not a size"),
            ("minConfidence = 'extreme'", "extreme"),
            ("exclude = ['src/{a,b']", "exclude pattern"),
            ("[[rules]]\nid = 'x'\npattern = 'y'\nplaceholder = 1\n", "unknown field `placeholder`"),
        ] {
            let error = Config::parse(text, root).unwrap_err();
            assert!(error.0.contains(expected), "{text}: {error}");
        }
    }

    #[test]
    fn custom_rules_use_the_js_api_field_names() {
        let config = Config::parse(
            "[[rules]]\nid = 'acme'\nregex = 'acme_[a-z0-9]{32}'\nkeywords = ['acme_']\nrevokeUrl = 'https://acme.example/keys'\nseverity = 'critical'\nreportPlaceholders = true\n",
            Path::new("/"),
        )
        .unwrap();
        let rule = &config.file.rules[0];
        assert_eq!((rule.pattern.as_str(), rule.revoke_url.as_deref()), ("acme_[a-z0-9]{32}", Some("https://acme.example/keys")));
        assert!(rule.report_placeholders);
    }

    #[test]
    fn discovery_stops_at_the_repository_root() {
        let base = std::env::temp_dir().join(format!("keyward-config-discover-{}", std::process::id()));
        let deep = base.join("repo/a/b");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::create_dir_all(base.join("repo/.git")).unwrap();
        std::fs::write(base.join(CONFIG_FILE_NAME), "").unwrap();
        assert_eq!(discover(&deep, CONFIG_FILE_NAME), None, "a config above the repository is not used");
        std::fs::write(base.join("repo").join(CONFIG_FILE_NAME), "").unwrap();
        assert_eq!(discover(&deep, CONFIG_FILE_NAME), Some(base.join("repo").join(CONFIG_FILE_NAME)));
        std::fs::write(base.join("repo/a").join(CONFIG_FILE_NAME), "").unwrap();
        assert_eq!(discover(&deep, CONFIG_FILE_NAME), Some(base.join("repo/a").join(CONFIG_FILE_NAME)));
        std::fs::remove_dir_all(&base).unwrap();
    }
}
