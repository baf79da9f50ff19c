//! `.keyward.toml`: disabled rules, allowlist regexes, path excludes, custom rules, size limit and
//! minimum confidence. Found in the current folder, else at the git repo root; `--config` wins.

use std::path::{Component, Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use keyward_core::{Confidence, ConfigError, CustomRule, ScannerConfig};
use serde::Deserialize;

use crate::Fatal;

/// The file name looked for when `--config` is not given.
pub const CONFIG_FILE_NAME: &str = ".keyward.toml";
/// Files larger than this are skipped with a message unless the config or `--max-file-size` says otherwise.
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
    /// Extra rules (`[[rules]]` tables: id, pattern, keywords, title, provider, confidence, revokeUrl).
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

/// A loaded configuration, with its excludes compiled against the folder it applies to.
pub struct Config {
    pub file: FileConfig,
    /// Where the config was read from (`None`: no config file found).
    pub source: Option<PathBuf>,
    excludes: Gitignore,
    /// The folder exclude patterns are relative to, absolute and normalised.
    root: PathBuf,
    /// Relative paths handed to [`Config::is_excluded`] are relative to this folder.
    pub cwd: PathBuf,
    max_file_size: Option<u64>,
}

impl Config {
    /// Reads `explicit`, or discovers `.keyward.toml`; no file at all is an empty config.
    pub fn load(explicit: Option<&Path>) -> Result<Config, Fatal> {
        let cwd = std::env::current_dir().map_err(|e| Fatal(format!("cannot read the current folder: {e}")))?;
        let path = match explicit {
            Some(path) => Some(path.to_path_buf()),
            None => discover(&cwd, CONFIG_FILE_NAME),
        };
        let Some(path) = path else {
            return Config::build(FileConfig::default(), None, cwd.clone(), cwd);
        };
        let text = std::fs::read_to_string(&path)
            .map_err(|e| Fatal(format!("cannot read config {}: {e}", path.display())))?;
        let file: FileConfig = toml::from_str(&text)
            .map_err(|e| Fatal(format!("invalid config {}: {}", path.display(), e.to_string().trim_end())))?;
        let root = normalize(&cwd.join(&path)).parent().map_or_else(|| cwd.clone(), Path::to_path_buf);
        Config::build(file, Some(path), root, cwd)
    }

    fn build(file: FileConfig, source: Option<PathBuf>, root: PathBuf, cwd: PathBuf) -> Result<Config, Fatal> {
        let named = |message: String| match &source {
            Some(path) => Fatal(format!("invalid config {}: {message}", path.display())),
            None => Fatal(message),
        };
        let mut builder = GitignoreBuilder::new(&root);
        for pattern in &file.exclude {
            builder
                .add_line(None, pattern)
                .map_err(|e| named(format!("exclude pattern `{pattern}`: {e}")))?;
        }
        let excludes = builder.build().map_err(|e| named(format!("exclude patterns: {e}")))?;
        let max_file_size = match &file.max_file_size {
            None => None,
            Some(SizeSetting::Bytes(bytes)) => Some(*bytes),
            Some(SizeSetting::Text(text)) => Some(parse_size(text).map_err(|e| named(format!("maxFileSize: {e}")))?),
        };
        Ok(Config { file, source, excludes, root, cwd, max_file_size })
    }

    /// The core's configuration from this file; the caller adds command-line overrides and baselines.
    pub fn scanner_config(&self) -> ScannerConfig {
        ScannerConfig {
            disable: self.file.disable.clone(),
            custom_rules: self.file.rules.clone(),
            allow: self.file.allow.clone(),
            allow_fingerprints: Vec::new(),
            min_confidence: self.file.min_confidence,
        }
    }

    /// A refused rule set, named after the config file it came from.
    pub fn rejected(&self, error: ConfigError) -> Fatal {
        match &self.source {
            Some(path) => Fatal(format!("invalid config {}: {error}", path.display())),
            None => Fatal(error.to_string()),
        }
    }

    /// `--max-file-size` overrides the file's `maxFileSize`.
    pub fn set_max_file_size(&mut self, bytes: u64) {
        self.max_file_size = Some(bytes);
    }

    pub fn max_file_size(&self) -> u64 {
        self.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE)
    }

    /// True when an exclude pattern matches `path` or one of its parent folders.
    /// Paths outside the config's folder are never excluded.
    pub fn is_excluded(&self, path: &Path, is_dir: bool) -> bool {
        if self.file.exclude.is_empty() {
            return false;
        }
        match normalize(&self.cwd.join(path)).strip_prefix(&self.root) {
            Ok(relative) if !relative.as_os_str().is_empty() => {
                self.excludes.matched_path_or_any_parents(relative, is_dir).is_ignore()
            }
            _ => false,
        }
    }
}

/// The file `name` in `cwd`, else at the root of the git repository containing `cwd`.
pub fn discover(cwd: &Path, name: &str) -> Option<PathBuf> {
    let here = cwd.join(name);
    if here.is_file() {
        return Some(here);
    }
    let repo_root = cwd.ancestors().find(|dir| dir.join(".git").exists())?;
    Some(repo_root.join(name)).filter(|path| path.is_file())
}

/// Resolves `.` and `..` lexically (no file system access, so it works for any path).
fn normalize(path: &Path) -> PathBuf {
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
}
